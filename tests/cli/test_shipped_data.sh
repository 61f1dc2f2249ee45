#!/usr/bin/env bash
# The files shipped in data/ (not the code that reads them, which the other
# tests check on fixtures): each is valid, and the published figures in them
# are the published ones.
. "$(dirname "$0")/lib.sh"
cd "$SRC"
export LC_ALL=C.UTF-8
for f in data/framework.ini data/measures.csv data/profile.ini data/bangkok.csv \
	data/bangkok_districts_synthetic.csv data/bangkok_districts_synthetic_wide.csv \
	data/national_averages.csv; do
	expect_status 0 "$ITAKIT" check "$f"
	expect_in "$work/out" ": ok:"
done
# the status files are checked against the plan they report on, and the
# profile dates each round's report after the period it covers
for round in 6 12; do
	expect_status 0 "$ITAKIT" progress data/bangkok.csv --unit กรุงเทพมหานคร --year 2566 \
		--status "data/status_bangkok_2567_$round.csv" --round "$round" --profile data/profile.ini -o "$work/p$round.pdf"
	expect_not_in "$work/err" "warning"
done
# the long and the wide district files hold the same scores
expect_status 0 "$ITAKIT" analyze data/bangkok_districts_synthetic.csv --format csv
mv "$work/out" "$work/long.csv"
expect_status 0 "$ITAKIT" analyze data/bangkok_districts_synthetic_wide.csv --format csv
cmp -s "$work/long.csv" "$work/out" && ok || bad "the wide district file differs from the long one"
# Bangkok as published: 2566 88.98 (ผ่าน), six indicators below 85, the
# earlier overall scores; the national averages of 2564-2568
expect_status 0 "$ITAKIT" analyze data/bangkok.csv --format csv
for want in ",2566,overall,ภาพรวม,88.98,0,3.98,-1.03,,ผ่าน,1" ",2562,overall,ภาพรวม,88.50,0,3.50,,,A,1" \
	",2563,overall,ภาพรวม,91.48," ",2565,overall,ภาพรวม,90.01,"; do
	expect_in "$work/out" "$want"
done
flagged=$(awk -F, '$4 == 2566 && $5 ~ /^[0-9]+$/ && $8 == 1 {printf "%s ", $5}' "$work/out")
[ "$flagged" = "2 4 5 6 7 8 " ] && ok || bad "Bangkok 2566's indicators below 85 are not 2 4 5 6 7 8: $flagged"
for want in "2564,overall,81.25" "2565,overall,87.57" "2566,overall,90.19" "2568,overall,93.82"; do
	expect_in data/national_averages.csv "$want"
done
finish

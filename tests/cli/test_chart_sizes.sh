#!/usr/bin/env bash
# End-to-end at the sizes real cohorts have: 1, 2, 50, 120, 1,000 and 8,323
# units (SYNTHETIC scores from itakit-gen). Every kind of chart in PNG, SVG
# and PDF up to 1,000 units, one chart of each kind for the national 8,323;
# the comparison at every size, and a batch of 120 units (the heatmap once
# failed there on a Thai label cut inside a character).
. "$(dirname "$0")/lib.sh"
if [ -z "${ITAKIT_GEN:-}" ] || [ ! -x "$ITAKIT_GEN" ]; then
	skip "itakit-gen not built"
	finish
	exit $?
fi
single="overall indicators tools delta trend"
multi="heatmap ranking distribution change"
for n in 1 2 50 120 1000 8323; do
	"$ITAKIT_GEN" national "$work/n$n.csv" --units "$n" 2>/dev/null && ok || bad "itakit-gen --units $n"
done

for n in 1 2 50 120 1000; do
	for ext in png svg pdf; do
		for k in $single; do
			expect_status 0 "$ITAKIT" chart "$k" "$work/n$n.csv" --unit S00001 -o "$work/${k}_$n.$ext"
		done
		# (tests/render/test_chart_cohorts.c draws these through the library too)
		for k in $multi; do
			[ "$n" -eq 1000 ] && [ "$ext" != pdf ] && continue
			expect_status 0 "$ITAKIT" chart "$k" "$work/n$n.csv" -o "$work/${k}_$n.$ext"
		done
	done
done
for k in $single; do
	expect_status 0 "$ITAKIT" chart "$k" "$work/n8323.csv" --unit S08323 -o "$work/${k}_8323.png"
done
for k in $multi; do
	expect_status 0 "$ITAKIT" chart "$k" "$work/n8323.csv" -o "$work/${k}_8323.png"
	[ -s "$work/${k}_8323.png" ] && ok || bad "${k}_8323.png is empty"
done

# long cohorts: the best and the worst rows around a note of those left out
pdftotext -raw -enc UTF-8 "$work/ranking_1000.pdf" "$work/r.txt"
expect_in "$work/r.txt" "อีก ๗๐๐ หน่วยงาน"
expect_in "$work/r.txt" "ผ่านเกณฑ์"
expect_in "$work/r.txt" "จาก ๑๐๐๐ หน่วยงาน"
pdftotext -raw -enc UTF-8 "$work/heatmap_120.pdf" "$work/h.txt"
expect_in "$work/h.txt" "๑๒๐ หน่วยงาน เรียงตามคะแนนภาพรวมจากมากไปน้อย"
expect_not_in "$work/h.txt" "อีก "

for n in 1 2 50 120 1000 8323; do
	expect_status 0 "$ITAKIT" compare "$work/n$n.csv" -o "$work/compare_$n.pdf"
	pdfinfo "$work/compare_$n.pdf" >/dev/null 2>&1 && ok || bad "compare_$n.pdf is not a PDF"
done

expect_status 0 "$ITAKIT" batch "$work/n120.csv" --year 2567 -d "$work/b120" -j 2 --quiet
for f in compare.pdf index.csv index.json charts/heatmap.png charts/ranking.png charts/change.png \
	charts/distribution.png; do
	[ -s "$work/b120/$f" ] && ok || bad "batch of 120: $f missing"
done
[ "$(ls "$work/b120/reports" | wc -l)" -eq 120 ] && ok || bad "batch of 120: $(ls "$work/b120/reports" | wc -l) reports"
finish

#!/usr/bin/env bash
# End-to-end: what a report is made from besides the scores (national
# average, profile language and digits, catalog) is decided in the library,
# so `report` and `batch` write the same bytes for the same unit and files;
# and the English edition is English throughout.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
P="$SRC/data/profile.ini"

if ! command -v pdftotext >/dev/null; then
	skip_all "poppler-utils not installed"
fi
# thai_chars FILE: how many Thai characters poppler reads from the PDF
thai_chars() { pdftotext "$1" - | grep -oP '[\x{0E00}-\x{0E7F}]' | wc -l; }
# same A B: byte-identical PDFs
same() { if cmp -s "$1" "$2"; then ok; else bad "$(basename "$1") and $(basename "$2") differ ($3)"; fi; }

# ---- report and batch: one document per unit ----
# three districts in a directory of their own, the national averages beside them
mkdir -p "$work/in"
awk -F, 'NR == 1 || $1 == 1004 || $1 == 1043 || $1 == 1035' "$SRC/data/bangkok_districts_synthetic.csv" >"$work/in/d.csv"
cp "$SRC/data/national_averages.csv" "$work/in/"
cp "$SRC/data/bangkok.csv" "$work/in/bkk.csv"

# Thai, with the example profile (its agency is not any district's name)
expect_status 0 "$ITAKIT" batch "$work/in/d.csv" --year 2566 -j 1 --quiet --profile "$P" -d "$work/bt"
for code in 1004 1043 1035; do
	expect_status 0 "$ITAKIT" report "$work/in/d.csv" --unit "$code" --year 2566 --profile "$P" -o "$work/r$code.pdf"
	same "$work/r$code.pdf" "$work/bt/reports/$code.pdf" "Thai, unit $code"
done
# the national average beside the input is in both
pdftotext "$work/bt/reports/1004.pdf" - | tr -d ' \n' | grep -qF "เทียบกับค่าเฉลี่ยระดับประเทศ" && ok || bad "batch report without the national average"
# each district's report names the district, not the profile's agency
pdftotext "$work/bt/reports/1004.pdf" - | tr -d ' \n' | grep -qF "มาตรการส่งเสริมคุณธรรมและความโปร่งใสของสำนักงานเขตบางรัก" && ok || bad "district report not named after its unit"

# the profile's language and digits: a profile asking for English
printf 'lang = en\ndigits = arabic\ndate = 2024-02-29\n' >"$work/en.ini"
expect_status 0 "$ITAKIT" batch "$work/in/d.csv" --year 2566 -j 1 --quiet --profile "$work/en.ini" -d "$work/be"
expect_status 0 "$ITAKIT" report "$work/in/d.csv" --unit 1043 --year 2566 --profile "$work/en.ini" -o "$work/e1043.pdf"
same "$work/e1043.pdf" "$work/be/reports/1043.pdf" "English from the profile"
pdftotext "$work/be/reports/1043.pdf" - | grep -qF "Integrity and Transparency Measures" && ok || bad "batch ignored the profile's language"

# --lang on the command line, a catalog given, Thai digits in English
expect_status 0 "$ITAKIT" batch "$work/in/d.csv" --year 2566 -j 1 --quiet --lang en --digits thai --measures "$SRC/data/measures.csv" -d "$work/bl"
expect_status 0 "$ITAKIT" report "$work/in/d.csv" --unit 1035 --year 2566 --lang en --digits thai --measures "$SRC/data/measures.csv" -o "$work/l1035.pdf"
same "$work/l1035.pdf" "$work/bl/reports/1035.pdf" "--lang en --digits thai"

# one unit in the data: the profile's agency names it, in both
expect_status 0 "$ITAKIT" batch "$work/in/bkk.csv" --year 2566 -j 1 --quiet --profile "$P" -d "$work/bb"
expect_status 0 "$ITAKIT" report "$work/in/bkk.csv" --year 2566 --profile "$P" -o "$work/bkk.pdf"
stem=$(ls "$work/bb/reports")
same "$work/bkk.pdf" "$work/bb/reports/$stem" "Bangkok"

# ---- the English edition of Bangkok's report: no Thai left ----
expect_status 0 "$ITAKIT" report "$SRC/data/bangkok.csv" --year 2566 --lang en --profile "$P" -o "$work/en.pdf"
expect_not_in "$work/err" "warning"
E="$work/en.pdf"
n=$(thai_chars "$E")
[ "$n" -eq 0 ] && ok || bad "$n Thai characters in the English edition: $(pdftotext "$E" - | grep -P '[\x{0E00}-\x{0E7F}]' | head -3)"
pdftotext "$E" - | tr -s ' \n' ' ' >"$work/en.txt"
expect_in "$work/en.txt" "Prepared by Office of the Secretary"      # author_en
expect_in "$work/en.txt" "31 January 2024"                          # the cover date, CE
expect_in "$work/en.txt" "30 April 2024"                            # the reporting rounds, CE
expect_in "$work/en.txt" "31 October 2024"
expect_not_in "$work/en.txt" "April 2567"
expect_in "$work/en.txt" "Bangkok Metropolitan Administration scored 88.98 overall"  # the body names the agency in English
expect_in "$work/en.txt" "Constraints"                              # constraints_en
expect_in "$work/en.txt" "many units and staff at many levels"
pdfinfo "$E" >"$work/info"
expect_in "$work/info" "Author:          Office of the Secretary to the Permanent Secretary for the BMA"
expect_in "$work/info" "Subject:         ITA results of Bangkok Metropolitan Administration"

# a twin left out: a warning naming the key, and the Thai text printed
grep -v '^author_en\|^constraints_en' "$P" >"$work/p.ini"
expect_status 0 "$ITAKIT" report "$SRC/data/bangkok.csv" --year 2566 --lang en --profile "$work/p.ini" -o "$work/en2.pdf"
expect_in "$work/err" "p.ini:"
expect_in "$work/err" "warning: 'author' has no English twin 'author_en'"
expect_in "$work/err" "warning: 'constraints' has no English twin 'constraints_en'"
[ "$(grep -c "English twin" "$work/err")" -eq 2 ] && ok || bad "expected two twin warnings: $(cat "$work/err")"
# the Thai left is exactly the author (cover and metadata) and the constraints
want=$(grep -E '^(author|constraints) =' "$P" | sed 's/^[a-z]* = //; s/\\n//g' | grep -oP '[\x{0E00}-\x{0E7F}]' | wc -l)
n=$(thai_chars "$work/en2.pdf")
[ "$n" -eq "$want" ] && ok || bad "$n Thai characters in the English edition, expected the $want of author and constraints"
# batch warns the same way
expect_status 0 "$ITAKIT" batch "$work/in/bkk.csv" --year 2566 -j 1 --quiet --lang en --profile "$work/p.ini" -d "$work/bw"
expect_in "$work/err" "warning: 'author' has no English twin 'author_en'"
# the Thai edition needs no twin
expect_status 0 "$ITAKIT" report "$SRC/data/bangkok.csv" --year 2566 --profile "$work/p.ini" -o "$work/th.pdf"
expect_not_in "$work/err" "English twin"

finish

#!/usr/bin/env bash
# End-to-end: itakit report, judged by what poppler reads back from the PDF.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8   # Thai character classes in grep and sed
B="$SRC/data/bangkok.csv"
D="$SRC/data/bangkok_districts_synthetic.csv"
P="$SRC/data/profile.ini"
BKK=กรุงเทพมหานคร

if ! command -v pdftotext >/dev/null || ! command -v pdffonts >/dev/null; then
	skip_all "poppler-utils not installed"
fi

# clean_text FILE: no replacement characters and no private-use code points
clean_text() {
	if pdftotext "$1" - | grep -qP '\x{FFFD}|[\x{E000}-\x{F8FF}]'; then bad "$(basename "$1"): U+FFFD or private-use characters"; else ok; fi
}
# table_header_on_pages FILE FIRST LAST: the measures-table header on each
# page. Each header cell is looked for on its own: a wrapped header cell
# and a row continued under it may come out of pdftotext interleaved.
table_header_on_pages() {
	local p w
	for p in $(seq "$2" "$3"); do
		local t; t=$(text "$1" "$p" "$p")
		for w in ประเด็น วิธีการนำผลการ วิเคราะห์ไปสู่การปฏิบัติ ผู้รับผิดชอบ ขั้นตอนหรือวิธีปฏิบัติ; do
			case "$t" in
			*"$w"*) ok ;;
			*) bad "$(basename "$1") page $p: no measures-table header ($w)" ;;
			esac
		done
	done
}
# page_of FILE TEXT: the first page whose space-free text holds TEXT
page_of() {
	local n p; n=$(pages "$1")
	for p in $(seq 1 "$n"); do
		if text "$1" "$p" "$p" | grep -qF -- "$2"; then echo "$p"; return; fi
	done
	echo 0
}

# ---- Bangkok 2566, the real figures ----
expect_status 0 "$ITAKIT" report "$B" --unit "$BKK" --year 2566 --profile "$P" -o "$work/bkk.pdf"
# no warning (the built-in catalog covers every indicator); the sanitizer
# build may print its own statistics there
grep -q "itakit\|warning" "$work/err" && bad "unexpected stderr: $(head -3 "$work/err")" || ok
R="$work/bkk.pdf"
has "$R" "มาตรการส่งเสริมคุณธรรมและความโปร่งใสของกรุงเทพมหานคร"
# a measure split across pages says "(ต่อ)" in its first cell on each page it
# continues on, and only there (the measures table splits several)
n=$(python3 "$(dirname "$0")/continued_rows_check.py" "$R" th) && [ "$n" -ge 2 ] && ok ||
	bad "bkk.pdf: continued rows: ${n:-see above}"
has "$R" "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"        # the year the measures run in
has "$R" "(ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"  # ... drawn up from 2566's result
has "$R" "๑. ความเป็นมา"
has "$R" "ข้อ O42"
has "$R" "๓๐ เมษายน ๒๕๖๗"
has "$R" "๓๑ ตุลาคม ๒๕๖๗"
has "$R" "ได้คะแนนการประเมินภาพรวม ๘๘.๙๘ คะแนน"
has "$R" "คะแนนภาพรวมลดลง ๑.๐๓ คะแนน เมื่อเทียบกับปีงบประมาณ พ.ศ. ๒๕๖๕"
has "$R" "และ OIT ๑๐๐.๐๐ คะแนน"
# four years of overall scores with R² = 0.00: no direction, no forecast
has "$R" "คะแนนภาพรวมยังไม่แสดงทิศทางที่ชัดเจน (R² = ๐.๐๐) จึงไม่คาดการณ์คะแนนของปีต่อไป"
hasnt "$R" "คาดว่าจะอยู่ที่"
has "$R" "แผนภูมิที่ ๑ คะแนนภาพรวม พ.ศ. ๒๕๖๒–๒๕๖๖ เทียบกับค่าเฉลี่ยระดับประเทศ"
has "$R" "ตารางที่ ๑"
has "$R" "ตัวชี้วัดที่รายละเอียดตัวชี้วัดคะแนน"
has "$R" "การใช้งบประมาณ (ต่ำกว่าเกณฑ์)"
has "$R" "คะแนนภาพรวม ระดับ “ผ่าน”"          # 2566: the pass family, as Bangkok published
hasnt "$R" "ระดับ A"
has "$R" "มีเพียงคะแนนภาพรวม"                   # 2565 has no indicators: no contributions
hasnt "$R" "การเปลี่ยนแปลงของคะแนนรายตัวชี้วัด"    # ... and no change chart
has "$R" "ถึง ๘๕"
has "$R" "๔. ข้อจำกัด"
has "$R" "ส่วนราชการในสังกัด"   # (a tall row may go on on the next page after "ทุก")
# Thai official page numbers at the top centre from page 2 on
pdftotext -layout "$R" - | tr -d ' \f' | grep -qx -- '-๒-' && ok || bad "no page number - ๒ -"
pdftotext -layout "$R" - | tr -d ' \f' | grep -qx -- '-๑-' && bad "page 1 is numbered" || ok
clean_text "$R"
# the six flagged indicators in order 6, 7, 8, 5, 4, 2 with their scores
order=$(text "$R" | sed 's/.*จำนวน๖ตัวชี้วัด//' | grep -oP 'ตัวชี้วัดที่[๐-๙]+[^(]*\([๐-๙.]+คะแนน\)' | head -6 |
	perl -CS -Mutf8 -pe 's/ตัวชี้วัดที่(\S+?)[^(]*\((\S+)คะแนน\)/$1:$2/' | tr '\n' ' ')
[ "$order" = "๖:๘๒.๘๘ ๗:๘๑.๒๒ ๘:๗๘.๓๗ ๕:๗๘.๓๑ ๔:๗๗.๙๕ ๒:๗๗.๘๓ " ] && ok || bad "flagged order: $order"
# every flagged indicator has a row in the measures table, named under its
# issue: "(ตัวชี้วัดที่ ๖)", "(ตัวชี้วัดที่ ๒ และ ๔)"
# (the issue column alone: -x/-W crop the page to its left 80 points of text)
covered=$(pdftotext -r 72 -x 84 -y 0 -W 80 -H 842 "$R" - | tr -d ' \n\f' | grep -oP '\(ตัวชี้วัดที่[๐-๙,และ]+\)' | grep -oP '[๐-๙]+' | sort -u | tr '\n' ' ')
[ "$covered" = "๒ ๔ ๕ ๖ ๗ ๘ " ] && ok || bad "indicators named in the measures table: $covered"
# fonts: all embedded
pdffonts "$R" | tail -n +3 | awk '{ if ($(NF-4) != "yes") bad=1 } END { exit bad }' && ok || bad "a font is not embedded"
[ "$(pdffonts "$R" | tail -n +3 | grep -c Laksaman)" -ge 2 ] && ok || bad "Laksaman regular and bold expected"
# metadata
pdfinfo "$R" >"$work/info"
expect_in "$work/info" "Title:           มาตรการส่งเสริมคุณธรรมและความโปร่งใสของกรุงเทพมหานคร"
expect_in "$work/info" "Author:          สำนักงานเลขานุการปลัดกรุงเทพมหานคร"
expect_in "$work/info" "Keywords:        ITA"
expect_in "$work/info" "Subject:         ผลการประเมิน ITA"
# deterministic bytes
expect_status 0 "$ITAKIT" report "$B" --unit "$BKK" --year 2566 --profile "$P" -o "$work/bkk2.pdf"
cmp -s "$R" "$work/bkk2.pdf" && ok || bad "two runs differ"
# the measures table: header on every page it spans
first=$(page_of "$R" "ตารางที่๓"); last=$(page_of "$R" "ผู้รับผิดชอบแต่ละประเด็นรายงานผล")
[ "$first" -gt 0 ] && [ "$last" -gt "$first" ] && ok || bad "measures table pages $first..$last"
table_header_on_pages "$R" "$first" "$last"
# no temporary file left beside the output
[ "$(ls -A "$work" | grep -c '^\.')" -eq 0 ] && ok || bad "temporary files left: $(ls -A "$work")"

# ---- the national average: beside the data by default, --no-national, --national ----
expect_status 0 "$ITAKIT" report "$B" --year 2566 --no-national -o "$work/nonat.pdf"
hasnt "$work/nonat.pdf" "ค่าเฉลี่ยระดับประเทศ"
hasnt "$work/nonat.pdf" "กรุงเทพมหานครจึงจัดทำเอกสารฉบับนี้จากผลการประเมินของ" # no profile: agency = unit
cp "$B" "$work/only.csv"
expect_status 0 "$ITAKIT" report "$work/only.csv" --year 2566 --national "$SRC/data/national_averages.csv" -o "$work/nat.pdf"
has "$work/nat.pdf" "เทียบกับค่าเฉลี่ยระดับประเทศ"

# ---- English edition ----
expect_status 0 "$ITAKIT" report "$B" --year 2566 --lang en --profile "$P" -o "$work/en.pdf"
E="$work/en.pdf"
has "$E" "Integrity and Transparency Measures"
n=$(python3 "$(dirname "$0")/continued_rows_check.py" "$E" en) && [ "$n" -ge 2 ] && ok ||
	bad "en.pdf: continued rows: ${n:-see above}"
# years CE in English: fiscal year 2567 BE is 2024, 2565 is 2022
has "$E" "Fiscal year 2024"
has "$E" "scored 88.98 overall"
has "$E" "fell by 1.03 points against fiscal year 2022"
hasnt "$E" "fiscal year 2566"
hasnt "$E" "April 2567"
has "$E" "6 indicators scored below 85, from highest to lowest"
has "$E" "fairness"   # the catalog's English (cells wrap: one word)
has "$E" "Steps or procedure"
has "$E" "Page 1 of"
has "$E" "national average"
has "$E" "of Bangkok Metropolitan Administration"   # the profile's agency_en
text "$E" | grep -qP '[๐-๙]' && bad "Thai digits in the English edition" || ok
clean_text "$E"

# ---- Thai with Arabic digits ----
expect_status 0 "$ITAKIT" report "$B" --year 2566 --digits arabic -o "$work/arabic.pdf"
has "$work/arabic.pdf" "ลดลง 1.03 คะแนน"
pdftotext -layout "$work/arabic.pdf" - | tr -d ' \f' | grep -qx -- '-2-' && ok || bad "no page number - 2 -"
has "$work/arabic.pdf" "1. ความเป็นมา"
text "$work/arabic.pdf" | grep -qP '[๐-๙]' && bad "Thai digits with --digits arabic" || ok

# ---- profile lang/digits apply; the command line wins ----
expect_status 0 "$ITAKIT" report "$B" --year 2566 --profile "$FIXTURES/profile_minimal.ini" -o "$work/pmin.pdf"
has "$work/pmin.pdf" "Fiscal year 2024"
expect_status 0 "$ITAKIT" report "$B" --year 2566 --profile "$FIXTURES/profile_minimal.ini" --lang th -o "$work/pth.pdf"
has "$work/pth.pdf" "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"   # profile digits were for English

# ---- no flagged indicator: measures to keep the score, never an empty section ----
expect_status 0 "$ITAKIT" report "$D" --unit สำนักงานเขตบางรัก --year 2566 -o "$work/bangrak.pdf"
has "$work/bangrak.pdf" "ทุกตัวชี้วัดของสำนักงานเขตบางรักได้คะแนนตั้งแต่ ๘๕ คะแนนขึ้นไป"
has "$work/bangrak.pdf" "การเปลี่ยนแปลงของคะแนนรายตัวชี้วัด"  # 2565 has indicators: change chart
has "$work/bangrak.pdf" "ผลของการเปลี่ยนแปลงรายตัวชี้วัดต่อคะแนนภาพรวม"  # ... and the contributions table
# its total row: the change in overall and the contributions adding up to it
pdftotext -layout "$work/bangrak.pdf" - | grep -qP '^คะแนนภาพรวม +๙๓\.๐๔ +๙๓\.๕๑ +\+๐\.๔๗ +\+๐\.๔๗$' && ok || bad "contributions total row"
# the catalog's rows marked "keep", the one covering the lowest indicator
# (6, exactly 85.00) first, then 4 and 2's (86.61, 86.66), then 9 and 10's
has "$work/bangrak.pdf" "ตารางที่ ๓ มาตรการรักษาระดับผลการประเมิน"
has "$work/bangrak.pdf" "ขั้นตอนหรือวิธีปฏิบัติ"
has "$work/bangrak.pdf" "จำนวน ๓ ประเด็น"
# (-layout: lines in page order; a narrow cell may wrap the list, so the
# first code of each row is enough; a run of codes is written "๖–๘")
firsts() { pdftotext -layout "$1" - | sed -n '/ตารางที่ ๓ มาตรการ/,$p' | grep -oP '\(ตัวชี้วัดที่ ?[๐-๙]+' | sed 's/(ตัวชี้วัดที่ *//' | tr '\n' ' '; }
codes=$(firsts "$work/bangrak.pdf")
[ "$codes" = "๖ ๑ ๙ " ] && ok || bad "keep rows: $codes"
has "$work/bangrak.pdf" "(ตัวชี้วัดที่ ๙ และ ๑๐)"
has "$work/bangrak.pdf" "ผู้รับผิดชอบแต่ละประเด็นรายงานผล"
# English: the catalog's English cells
expect_status 0 "$ITAKIT" report "$D" --unit สำนักงานเขตบางรัก --year 2566 --lang en -o "$work/bangrak_en.pdf"
has "$work/bangrak_en.pdf" "Measures to keep the assessment result"
has "$work/bangrak_en.pdf" "It therefore sets 3 measures to keep its result"
# a catalog without keep rows: the rows of the three lowest indicators (6, 4, 2)
python3 - "$SRC/data/measures.csv" "$work/nokeep.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(r for r in rows if r[-1] != "keep")
PY
expect_status 0 "$ITAKIT" report "$D" --unit สำนักงานเขตบางรัก --year 2566 --measures "$work/nokeep.csv" -o "$work/nokeep.pdf"
expect_not_in "$work/err" "warning"
has "$work/nokeep.pdf" "โดยเน้นตัวชี้วัดที่ได้คะแนนต่ำที่สุด คือตัวชี้วัดที่ ๖, ๒ และ ๔"
codes=$(firsts "$work/nokeep.pdf")
[ "$codes" = "๖ ๒ " ] && ok || bad "rows of the lowest indicators: $codes"
has "$work/nokeep.pdf" "(ตัวชี้วัดที่ ๒ และ ๔)"
hasnt "$work/bangrak.pdf" "(ต่ำกว่าเกณฑ์)"                 # indicator 6 is exactly 85.00
clean_text "$work/bangrak.pdf"

# ---- one year only: no change, no trend, no charts over years ----
expect_status 0 "$ITAKIT" report "$FIXTURES/one_year.csv" --year 2566 -o "$work/one.pdf"
has "$work/one.pdf" "๘๘.๙๘ คะแนน"
hasnt "$work/one.pdf" "เมื่อเทียบกับปีงบประมาณ"
hasnt "$work/one.pdf" "แนวโน้ม"
hasnt "$work/one.pdf" "คะแนนภาพรวม พ.ศ."
hasnt "$work/one.pdf" "การเปลี่ยนแปลงของคะแนนรายตัวชี้วัด"
has "$work/one.pdf" "แผนภูมิที่ ๑ คะแนนรายเครื่องมือและภาพรวม พ.ศ. ๒๕๖๖"

# ---- a catalog that misses flagged indicators: warned, and a row says so ----
expect_status 0 "$ITAKIT" report "$B" --year 2566 --measures "$FIXTURES/measures_missing.csv" -o "$work/miss.pdf"
expect_in "$work/err" "warning: indicator 5 (การแก้ไขปัญหาการทุจริต) is below the threshold but no measure"
expect_in "$work/err" "warning: indicator 2 (การใช้งบประมาณ)"
[ "$(grep -c "is below the threshold" "$work/err")" -eq 2 ] && ok || bad "expected two warnings"
# (table cells wrap and poppler interleaves their lines: check short pieces)
has "$work/miss.pdf" "(ตัวชี้วัดที่ ๕)"
has "$work/miss.pdf" "(ตัวชี้วัดที่ ๒)"
has "$work/miss.pdf" "(ตัวชี้วัดที่ ๗ และ ๘)"
has "$work/miss.pdf" "ยังไม่มีมาตรการสำหรับตัวชี้วัดที่ ๕ และ ๒"   # the intro names them
# the rows follow the flagged order 6, 7 8, 5, 4, 2 (uncovered ones in their place)
# (-layout: lines in page order; poppler's reading order may take a column's
# cells out of order; the first code of each row is enough)
rows=$(pdftotext -layout "$work/miss.pdf" - | tr -d ' ' | sed -n '/ตารางที่๓มาตรการ/,$p' | grep -oP '\(ตัวชี้วัดที่[๐-๙]+' | sed 's/(ตัวชี้วัดที่//' | tr '\n' ' ')
[ "$rows" = "๖ ๗ ๕ ๔ ๒ " ] && ok || bad "measures rows order: $rows"
# an empty responsible cell: a dash without a profile, its default with one
hasnt "$work/miss.pdf" "ทุกส่วน"
expect_status 0 "$ITAKIT" report "$B" --year 2566 --measures "$FIXTURES/measures_missing.csv" --profile "$P" -o "$work/miss2.pdf"
has "$work/miss2.pdf" "ทุกส่วน"

# ---- a measure long enough to split its row across pages ----
# (Arabic digits keep the S01..S45 markers ASCII)
expect_status 0 "$ITAKIT" report "$B" --year 2566 --digits arabic --measures "$FIXTURES/measures_long.csv" -o "$work/long.pdf"
L="$work/long.pdf"
all=$(text "$L")
for i in $(seq -w 1 45); do
	want=1; [ "$i" -le 6 ] && want=2   # S01..S06 are in the approach cell too
	n=$(printf '%s' "$all" | grep -o "S$i" | wc -l)
	[ "$n" -eq "$want" ] || bad "S$i found $n times, expected $want"
done
s0=$(page_of "$L" "S01"); s1=$(page_of "$L" "S45")
[ "$s0" -gt 0 ] && [ "$s1" -gt "$s0" ] && ok || bad "long row not split: S01 on $s0, S45 on $s1"
table_header_on_pages "$L" "$s0" "$s1"
seqs=$(printf '%s' "$all" | grep -o 'S[0-9][0-9]' | awk '$0 >= "S07"' | tr '\n' ' ')
[ "$seqs" = "$(seq -f 'S%02g' -s ' ' 7 45) " ] && ok || bad "steps out of order: $seqs"

# ---- errors ----
expect_status 2 "$ITAKIT" report "$B" --year 2566 --profile "$FIXTURES/profile_errors.ini" -o "$work/x.pdf"
grep -qE 'profile_errors\.ini:[0-9]+:[0-9]+' "$work/err" && ok || bad "profile error without FILE:LINE:COLUMN"
[ -e "$work/x.pdf" ] && bad "output written despite a bad profile" || ok
expect_status 2 "$ITAKIT" report "$B" --unit ไม่มีหน่วยงานนี้ --year 2566 -o "$work/x.pdf"
expect_in "$work/err" 'is not in the data'
expect_status 2 "$ITAKIT" report "$B" --year 2564 -o "$work/x.pdf"
expect_in "$work/err" "no data for fiscal year 2564"
expect_status 2 "$ITAKIT" report "$D" --year 2566 -o "$work/x.pdf"
expect_in "$work/err" "choose one with --unit"
expect_status 2 "$ITAKIT" report "$B" --year 2566
expect_in "$work/err" "no output file"
expect_status 2 "$ITAKIT" report "$B" --year 2566 --font "No Such Font Family" -o "$work/x.pdf"
[ -e "$work/x.pdf" ] && bad "output written with a missing font" || ok
expect_status 0 "$ITAKIT" report --help
expect_in "$work/out" "usage: itakit report"
# a missing directory is created
expect_status 0 "$ITAKIT" report "$B" --year 2566 -o "$work/new/dir/out.pdf"
[ -s "$work/new/dir/out.pdf" ] && ok || bad "missing directory not created"
# never overwrite an input
cp "$B" "$work/in.csv"; cp "$P" "$work/in.ini"
expect_status 2 "$ITAKIT" report "$work/in.csv" --year 2566 -o "$work/in.csv"
cmp -s "$B" "$work/in.csv" && ok || bad "input was overwritten"
expect_status 2 "$ITAKIT" report "$work/in.csv" --year 2566 --profile "$work/in.ini" -o "$work/in.ini"
cmp -s "$P" "$work/in.ini" && ok || bad "profile was overwritten"

# ---- --date: in place of the profile's date, under the title and in the
# approval block (the bundled profile has no approval_date) ----
expect_status 0 "$ITAKIT" report "$B" --unit "$BKK" --year 2566 --profile "$P" --date 2024-02-15 -o "$work/dated.pdf"
pdftotext -f 1 -l 1 "$work/dated.pdf" - | grep -A1 '^จัดทำโดย' | tail -1 | grep -qx "๑๕ กุมภาพันธ์ ๒๕๖๗" && ok ||
	bad "report --date: not the date under the title"
has "$work/dated.pdf" "ประกาศ ณ วันที่ ๑๕ กุมภาพันธ์ พ.ศ. ๒๕๖๗"
hasnt "$work/dated.pdf" "มกราคม"   # the profile's 31 January 2567 is gone
expect_status 2 "$ITAKIT" report "$B" --unit "$BKK" --year 2566 --date 2567-02-30 -o "$work/baddate.pdf"
expect_in "$work/err" "--date: bad date '2567-02-30'"
[ -e "$work/baddate.pdf" ] && bad "baddate.pdf written" || ok

finish

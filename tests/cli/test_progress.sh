#!/usr/bin/env bash
# End-to-end: itakit progress (the O43 report) and batch --status, judged by
# what poppler reads back from the PDFs. The expected figures are worked out
# by hand in the comments from the input files.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
B="$SRC/data/bangkok.csv"
N="$FIXTURES/bangkok_2566_2567_synthetic.csv"   # Bangkok 2566 (real) + 2567 (synthetic)
S6="$SRC/data/status_bangkok_2567_6.csv"
S12="$SRC/data/status_bangkok_2567_12.csv"
P="$SRC/data/profile.ini"
BKK=กรุงเทพมหานคร

if ! command -v pdftotext >/dev/null; then
	skip_all "poppler-utils not installed"
fi

# The per-measure table's header on every page the table occupies: the
# pages from its caption to the last page holding its "(ต่อ)" caption.
# Header cells may wrap, so each header word is looked for on its own.
table_header_everywhere() {
	local f=$1 caption=$2 n p w seen=0
	shift 2
	n=$(pages "$f")
	for p in $(seq 1 "$n"); do
		local t; t=$(text "$f" "$p" "$p")
		case "$t" in *"$caption"*) seen=$((seen + 1))
			for w in "$@"; do
				case "$t" in *"$w"*) ok ;; *) bad "$(basename "$f") page $p: no table header ($w)" ;; esac
			done ;;
		esac
	done
	[ "$seen" -ge 2 ] && ok || bad "$(basename "$f"): the table does not run over a page ($seen)"
}

# ---- Thai, 6 months (Bangkok 2566's measures: M04, M05, M03, M02) ----
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S6" --round 6 -o "$work/th6.pdf"
R="$work/th6.pdf"
has "$R" "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
# the measure split across pages says "(ต่อ)" where it continues, and only there
n=$(python3 "$(dirname "$0")/continued_rows_check.py" "$R" th) && [ "$n" -ge 1 ] && ok ||
	bad "th6.pdf: continued rows: ${n:-see above}"
has "$R" "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๖ เดือน"
has "$R" "๑ ตุลาคม ๒๕๖๖ ถึง ๓๑ มีนาคม ๒๕๖๗"
has "$R" "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ของกรุงเทพมหานคร (คะแนนภาพรวม ๘๘.๙๘ คะแนน)"
# the plan is the O42 report's: six indicators below 85, four measures
has "$R" "ต่ำกว่า ๘๕ คะแนน ๖ ตัวชี้วัด"
has "$R" "กำหนดมาตรการไว้ ๔ มาตรการ"
has "$R" "คุณภาพการดำเนินงานและการให้บริการอย่างเป็นธรรม (ตัวชี้วัดที่ ๖)"
has "$R" "(ตัวชี้วัดที่ ๒ และ ๔)"
# the last measure's number is spaced from "และ", as every other list
# (has() ignores spaces, so this reads the lines joined by a space)
pdftotext "$R" - | tr -s ' \n' ' ' >"$work/th6.txt"
expect_in "$work/th6.txt" "(ตัวชี้วัดที่ ๕) และ (๔)"
expect_not_in "$work/th6.txt" "และ(๔)"
# counts: one done (M03), two in progress (M04, M05), one not started (M02);
# progress (60 + 40 + 100 + 0) / 4 = 50; budget 45,000 + 120,000 + 0 = 165,000
has "$R" "ดำเนินการแล้วเสร็จ ๑ มาตรการ อยู่ระหว่างดำเนินการ ๒ มาตรการ และยังไม่ดำเนินการ ๑ มาตรการ"
has "$R" "ร้อยละ ๕๐.๐๐"
has "$R" "๑๖๕,๐๐๐ บาท"
has "$R" "แผนภูมิที่ ๑ ความก้าวหน้าของแต่ละมาตรการ"
has "$R" "https://"
has "$R" "๑๒๐,๐๐๐"
has "$R" "งบประมาณปรับปรุงระบบได้รับจัดสรรล่าช้า"
has "$R" "เผยแพร่แผนการใช้จ่ายงบประมาณภายในเดือนเมษายน"
hasnt "$R" "และไม่มีรายงานผล"     # every measure has its row
hasnt "$R" "เทียบกับปี"          # the next year's result is for the 12-month round
table_header_everywhere "$R" "ตารางที่๒" ประเด็น สถานะ ร้อยละ ผลการดำเนินการ หลักฐาน "(บาท)"
if pdftotext "$R" - | grep -qP '\x{FFFD}'; then bad "th6: replacement characters"; else ok; fi

# the same input and SOURCE_DATE_EPOCH give the same bytes
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S6" --round 6 -o "$work/th6b.pdf"
cmp -s "$R" "$work/th6b.pdf" && ok || bad "the same input gave different PDFs"

# ---- Thai, 12 months, the 2567 result not in the data ----
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S12" --round 12 --profile "$P" -o "$work/th12.pdf"
R="$work/th12.pdf"
has "$R" "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๑๒ เดือน"
has "$R" "๑ ตุลาคม ๒๕๖๖ ถึง ๓๐ กันยายน ๒๕๖๗"
has "$R" "ภายในวันที่ ๓๑ ตุลาคม ๒๕๖๗"
has "$R" "ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ยังไม่ประกาศ"
# (100 + 100 + 100 + 70) / 4 = 92.50; 82,000 + 240,000 + 0 + 15,000 = 337,000
has "$R" "ร้อยละ ๙๒.๕๐"
has "$R" "๓๓๗,๐๐๐ บาท"

# ---- Thai, 12 months, with the 2567 result ----
expect_status 0 "$ITAKIT" progress "$N" --unit "$BKK" --year 2566 --status "$S12" --round 12 -o "$work/th12n.pdf"
R="$work/th12n.pdf"
hasnt "$R" "ยังไม่ประกาศ"
# 2567 overall: IIT (91.504 + 84.105 + 86.20 + 85.40 + 83.10) / 5 = 86.0618,
# EIT (86.445 + 84.90 + 80.00) / 3 = 83.7817, OIT 99.25:
# 0.3 * 86.0618 + 0.3 * 83.7817 + 0.4 * 99.25 = 90.653 -> 90.65, +1.67 from 88.98
has "$R" "๙๐.๖๕ คะแนน เทียบกับ ๘๘.๙๘ คะแนนในปี พ.ศ. ๒๕๖๖ เปลี่ยนแปลง +๑.๖๗ คะแนน"
# indicator 6: 86.445 rounds to 86.45 (half away from zero), 86.45 - 82.88 = +3.57
has "$R" "๘๒.๘๘ ๘๖.๔๕"
has "$R" "+๓.๕๗ ถึง"
# indicator 2: 84.105 -> 84.11, +6.28, still below 85
has "$R" "๒. การใช้งบประมาณ ๗๗.๘๓ ๘๔.๑๑ +๖.๒๘ ยังไม่ถึง"
# targeted 6, 7, 8, 5, 4, 2: (3.57 + 3.68 + 1.63 + 4.79 + 7.45 + 6.28) / 6 = 4.5667;
# reached: 6 and 4; others 1, 3, 9, 10: (-0.77 + 0.35 + 0 - 1.50) / 4 = -0.48
has "$R" "ถึงเกณฑ์ ๘๕ คะแนนในปี พ.ศ. ๒๕๖๗ แล้ว ๒ ตัวชี้วัด และคะแนนเปลี่ยนแปลงเฉลี่ย +๔.๕๗"
has "$R" "ตัวชี้วัดอื่นอีก ๔ ตัวชี้วัดเปลี่ยนแปลงเฉลี่ย -๐.๔๘"

# ---- English: CE years ----
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S6" --round 6 --lang en --profile "$P" -o "$work/en6.pdf"
R="$work/en6.pdf"
has "$R" "Fiscal year 2024, 6-month round"
n=$(python3 "$(dirname "$0")/continued_rows_check.py" "$R" en) && [ "$n" -ge 1 ] && ok ||
	bad "en6.pdf: continued rows: ${n:-see above}"
has "$R" "Period covered: 1 October 2023 to 31 March 2024"
has "$R" "drawn up from the fiscal year 2023 result of Bangkok Metropolitan Administration"
has "$R" "Prepared by Office of the Secretary"   # the profile's English twins
has "$R" "Of the 4 measures: 1 done, 2 in progress and 1 not started. Average progress is 50.00%"
has "$R" "165,000 baht"
has "$R" "Quality and fairness of operations and services"
hasnt "$R" "2567"
expect_status 0 "$ITAKIT" progress "$N" --unit "$BKK" --year 2566 --status "$S12" --round 12 --lang en -o "$work/en12n.pdf"
R="$work/en12n.pdf"
has "$R" "Fiscal year 2024, 12-month round"
has "$R" "1 October 2023 to 30 September 2024"
has "$R" "90.65 in 2024 against 88.98 in 2023, a change of +1.67"
has "$R" "their mean change is +4.57, against -0.48 for the other 4 indicators"
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S12" --round 12 --lang en -o "$work/en12.pdf"
has "$work/en12.pdf" "The ITA result of fiscal year 2024 is not published yet"

# ---- --threshold 95 moves the flag line (and so the plan), not the pass
# line: 90.65 in 2567 still passes the line of 85
printf 'id,status,progress\nM01,done,100\nM08,done,100\nM04,done,100\nM05,done,100\nM02,done,100\n' >"$work/s95.csv"
expect_status 0 "$ITAKIT" progress "$N" --unit "$BKK" --year 2566 --status "$work/s95.csv" --round 12 --threshold 95 -o "$work/t95.pdf"
has "$work/t95.pdf" "เปลี่ยนแปลง +๑.๖๗ คะแนน และผ่านเกณฑ์ ๘๕ คะแนน"
hasnt "$work/t95.pdf" "ยังไม่ผ่านเกณฑ์ ๙๕"
expect_status 0 "$ITAKIT" progress "$N" --unit "$BKK" --year 2566 --status "$work/s95.csv" --round 12 --threshold 95 --lang en -o "$work/t95en.pdf"
has "$work/t95en.pdf" "a change of +1.67; it reaches the pass line of 85."

# ---- a measure with no row: a warning, and "no report" in the table ----
sed '/^M02,/,$d' "$S12" > "$work/three.csv"   # M02's row is the last
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$work/three.csv" --round 12 -o "$work/three.pdf"
expect_in "$work/err" "warning: measure 'M02' of กรุงเทพมหานคร's plan has no row"
has "$work/three.pdf" "ไม่มีรายงาน"
has "$work/three.pdf" "และไม่มีรายงานผล ๑ มาตรการ"
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$work/three.csv" --round 12 --lang en -o "$work/three-en.pdf"
has "$work/three-en.pdf" "Of the 4 measures: 3 done and 1 with no report. Average progress"

# the flag line is the analysis's: with --threshold 80 Bangkok's 2566
# indicators 2 (77.83), 4 (77.95), 5 (78.31) and 8 (78.37) are below it,
# answered by M05, M03 and M02 (M04 answers 6 and 7, at 82.88 and 81.22)
printf 'id,status,progress\nM05,done,100\nM03,in_progress,50\nM02,not_started,0\n' >"$work/s80.csv"
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$work/s80.csv" --round 6 --threshold 80 -o "$work/t80.pdf"
has "$work/t80.pdf" "ในปีนั้นมีตัวชี้วัดที่ได้คะแนนต่ำกว่า ๘๐ คะแนน ๔ ตัวชี้วัด"
hasnt "$work/t80.pdf" "ต่ำกว่า ๘๕"

# ---- bad rows: every one reported with its position, exit 2, nothing written ----
cat > "$work/bad.csv" <<'EOF'
id,status,progress,actions
M04,done,100,ok
M07,done,100,not in the plan
M05,finished,50,unknown status
M03,in_progress,120,too much
M02,in_progress,-1,too little
EOF
expect_status 2 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$work/bad.csv" --round 6 -o "$work/bad.pdf"
expect_in "$work/err" "bad.csv:4:5: error: unknown status 'finished'"
expect_in "$work/err" "bad.csv:5:17: error: progress 120 is outside 0-100"
expect_in "$work/err" "bad.csv:6:17: error: progress -1 is outside 0-100"
[ -e "$work/bad.pdf" ] && bad "bad.pdf written" || ok
# the row checks passed: the id against the plan
cat > "$work/badid.csv" <<'EOF'
id,status,progress
M04,done,100
M07,done,100
M01,in_progress,20
EOF
expect_status 2 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$work/badid.csv" --round 6 -o "$work/bad.pdf"
expect_in "$work/err" "badid.csv:3:1: error: measure 'M07' is not among the measures of กรุงเทพมหานคร's plan (M04, M05, M03, M02)"
expect_in "$work/err" "badid.csv:4:1: error: measure 'M01' is not among"
[ -e "$work/bad.pdf" ] && bad "bad.pdf written" || ok
ls -A "$work" | grep -q '^\.bad' && bad "temporary file left" || ok

# ---- the document's date ----
# the bundled profile: date = 2567-01-31 (the measures report's), and each
# round its own: 30 April and 31 October 2567, after the period each covers
date_line() { pdftotext -f 1 -l 1 "$1" - | grep -A1 '^จัดทำโดย' | tail -1; }
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S6" --round 6 --profile "$P" -o "$work/d6.pdf"
[ "$(date_line "$work/d6.pdf")" = "๓๐ เมษายน ๒๕๖๗" ] && ok || bad "6-month round dated '$(date_line "$work/d6.pdf")'"
hasnt "$work/d6.pdf" "มกราคม"
expect_not_in "$work/err" "warning"
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S12" --round 12 --profile "$P" -o "$work/d12.pdf"
[ "$(date_line "$work/d12.pdf")" = "๓๑ ตุลาคม ๒๕๖๗" ] && ok || bad "12-month round dated '$(date_line "$work/d12.pdf")'"
expect_not_in "$work/err" "warning"
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S6" --round 6 --profile "$P" --lang en -o "$work/d6en.pdf"
pdftotext -f 1 -l 1 "$work/d6en.pdf" - | grep -qx "30 April 2024" && ok || bad "English 6-month round not dated 30 April 2024"
# a profile with only the measures report's date: printed as before, with a
# warning naming the date, the key and the round (the period ends 31 March)
grep -v '^progress_date' "$P" >"$work/old.ini"
line=$(grep -n '^date =' "$work/old.ini" | cut -d: -f1)
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S6" --round 6 --profile "$work/old.ini" -o "$work/old6.pdf"
[ "$(date_line "$work/old6.pdf")" = "๓๑ มกราคม ๒๕๖๗" ] && ok || bad "old profile: dated '$(date_line "$work/old6.pdf")'"
expect_in "$work/err" "old.ini:$line: warning: the 6-month progress report is dated 2567-01-31 ('date'), before the end of the period it reports on (2566-10-01 to 2567-03-31, BE; the report is due by 2567-04-30): give this report its own date in 'progress_date_6'"
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S12" --round 12 --profile "$work/old.ini" -o "$work/old12.pdf"
expect_in "$work/err" "the 12-month progress report is dated 2567-01-31 ('date'), before the end of the period it reports on (2566-10-01 to 2567-09-30, BE; the report is due by 2567-10-31)"
# --date wins over the profile, BE or CE, Thai digits too; the last day of
# the period is not early, the day before is
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S6" --round 6 --profile "$work/old.ini" --date 2024-03-31 -o "$work/dd.pdf"
[ "$(date_line "$work/dd.pdf")" = "๓๑ มีนาคม ๒๕๖๗" ] && ok || bad "--date: dated '$(date_line "$work/dd.pdf")'"
expect_not_in "$work/err" "warning"
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S6" --round 6 --date ๒๕๖๗-๐๓-๓๐ -o "$work/dd.pdf"
# no profile, so no author: the date is a line of its own
pdftotext -f 1 -l 1 "$work/dd.pdf" - | grep -qx "๓๐ มีนาคม ๒๕๖๗" && ok || bad "--date without a profile not printed"
expect_in "$work/err" "itakit: warning: the 6-month progress report is dated 2567-03-30, before the end of the period it reports on (2566-10-01 to 2567-03-31, BE; the report is due by 2567-04-30)"
expect_status 2 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S6" --round 6 --date 2567-04-31 -o "$work/dbad.pdf"
expect_in "$work/err" "--date: bad date '2567-04-31' (expected YYYY-MM-DD"
[ -e "$work/dbad.pdf" ] && bad "dbad.pdf written" || ok

# ---- usage ----
expect_status 2 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S6" -o "$work/x.pdf"
expect_in "$work/err" "--round"
expect_status 2 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S6" --round 9 -o "$work/x.pdf"
expect_in "$work/err" "expected 6 or 12"
expect_status 2 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --round 6 -o "$work/x.pdf"
expect_status 2 "$ITAKIT" progress "$B" --unit "$BKK" --status "$S6" --round 6 -o "$work/x.pdf"
cp "$S6" "$work/status.pdf"   # a status file named like the output
expect_status 2 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$work/status.pdf" --round 6 -o "$work/status.pdf"
expect_in "$work/err" "refusing to overwrite"
cmp -s "$S6" "$work/status.pdf" && ok || bad "the status file was changed"
expect_status 2 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S6" --round 6 -o "$work/x.odt"
expect_in "$work/err" "cannot write a .odt file"
expect_status 0 "$ITAKIT" progress --help
expect_in "$work/out" "--status FILE"

# ---- batch --status: a progress report beside every measures report ----
{ echo "unit,year,indicator,score"; grep ',2566,' "$B"
  for i in 1 2 3 4 5 6 7 8 10; do echo "เขตตัวอย่าง,2566,$i,90.00"; done
  echo "เขตตัวอย่าง,2566,9,70.00"; } > "$work/two.csv"
cat > "$work/two_status.csv" <<'EOF'
unit,id,status,progress
กรุงเทพมหานคร,M04,done,100
กรุงเทพมหานคร,M05,in_progress,50
กรุงเทพมหานคร,M03,in_progress,50
กรุงเทพมหานคร,M02,in_progress,50
เขตตัวอย่าง,M06,in_progress,30
EOF
expect_status 0 "$ITAKIT" batch "$work/two.csv" --year 2566 -d "$work/bd" --status "$work/two_status.csv" --round 12 -j 2 --quiet
# each unit's measures report, as index.csv names it, and its progress report beside it
for no in 1 2; do
	rel=$(awk -F, -v no="$no" '$1 == no { print $10 }' "$work/bd/index.csv")
	[ -s "$work/bd/$rel" ] && ok || bad "batch: no measures report for unit $no ($rel)"
	[ -s "$work/bd/${rel%.pdf}-progress12.pdf" ] && ok || bad "batch: no progress report beside $rel"
done
# the three indexes name each progress report, beside the measures report
python3 - "$work/bd" <<'PY' && ok || bad "batch --status: an index does not list the progress reports"
import csv, json, os, sys
d = sys.argv[1]
rows = [r for r in csv.DictReader(open(os.path.join(d, "index.csv"), encoding="utf-8-sig")) if r["no"]]
units = json.load(open(os.path.join(d, "index.json")))["index"]
assert len(rows) == len(units) == 2
for r, u in zip(rows, units):
    assert r["progress"] == r["file"][:-len(".pdf")] + "-progress12.pdf", r
    assert os.path.getsize(os.path.join(d, r["progress"])) > 0
    assert u["progress"] == r["progress"], (u, r)
PY
if command -v unzip >/dev/null; then
	for rel in $(awk -F, 'NR > 1 && $1 != "" { print $11 }' "$work/bd/index.csv"); do
		unzip -p "$work/bd/index.xlsx" xl/sharedStrings.xml | grep -qF "$rel" && ok || bad "index.xlsx lacks $rel"
	done
else
	skip "unzip missing: index.xlsx not read"
fi
P1="$work/bd/$(awk -F, '$1 == 1 { print $10 }' "$work/bd/index.csv")"
P2="$work/bd/$(awk -F, '$1 == 2 { print $10 }' "$work/bd/index.csv")"
has "${P2%.pdf}-progress12.pdf" "เขตตัวอย่าง"
has "${P2%.pdf}-progress12.pdf" "การเปิดเผยข้อมูลสาธารณะบนเว็บไซต์ของหน่วยงาน"
# the batch's report is the single command's
expect_status 0 "$ITAKIT" progress "$work/two.csv" --unit "$BKK" --year 2566 --status "$work/two_status.csv" --round 12 -o "$work/single.pdf"
cmp -s "$work/single.pdf" "${P1%.pdf}-progress12.pdf" && ok || bad "batch and progress differ"
# a row that fits no plan, or names no unit: exit 2 before anything is written
printf 'เขตตัวอย่าง,M04,done,100\nเขตไม่มี,M04,done,100\n' >> "$work/two_status.csv"
expect_status 2 "$ITAKIT" batch "$work/two.csv" --year 2566 -d "$work/bd2" --status "$work/two_status.csv" --round 6 --quiet
expect_in "$work/err" "two_status.csv:7:13: error: measure 'M04' is not among the measures of เขตตัวอย่าง's plan (M06)"
expect_in "$work/err" "two_status.csv:8:1: error: unit 'เขตไม่มี' is not in the data"
[ -e "$work/bd2" ] && bad "batch wrote $work/bd2" || ok
expect_status 2 "$ITAKIT" batch "$work/two.csv" --year 2566 -d "$work/bd3" --status "$work/two_status.csv" --quiet
expect_in "$work/err" "--status needs --round"
# a batch's progress reports share one date: an early one is one warning, not one a unit
head -6 "$work/two_status.csv" >"$work/two_ok.csv"
expect_status 0 "$ITAKIT" batch "$work/two.csv" --year 2566 -d "$work/bd4" --status "$work/two_ok.csv" --round 6 --profile "$work/old.ini" --quiet -j 1
[ "$(grep -c "6-month progress report is dated 2567-01-31" "$work/err")" = 1 ] && ok || bad "batch: the early date not warned about once: $(cat "$work/err")"
for f in "$work"/bd4/reports/*-progress6.pdf; do
	[ "$(date_line "$f")" = "๓๑ มกราคม ๒๕๖๗" ] && ok || bad "batch: $(basename "$f") dated '$(date_line "$f")'"
done

finish

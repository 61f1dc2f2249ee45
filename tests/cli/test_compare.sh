#!/usr/bin/env bash
# End-to-end: itakit compare on the 50 synthetic districts; the PDF's text
# (pdftotext) is checked against `itakit analyze --format json`.
. "$(dirname "$0")/lib.sh"
D="$SRC/data/bangkok_districts_synthetic.csv"
command -v pdftotext >/dev/null || skip_all "pdftotext missing"
command -v python3 >/dev/null || skip_all "python3 missing"

expect_status 0 "$ITAKIT" compare "$D" --year 2566 --digits arabic -o "$work/c.pdf"
pdfinfo "$work/c.pdf" >/dev/null 2>&1 && ok || bad "pdfinfo fails on the comparison"
pdftotext -layout "$work/c.pdf" "$work/c.txt"
expect_status 0 "$ITAKIT" analyze "$D" --year 2566 --format json -o "$work/a.json"

# the ranking table agrees with the cohort ranking (rank, name, overall), and
# every page that holds table rows starts them under the repeated header
python3 - "$work/c.txt" "$work/a.json" <<'PY' && ok || bad "ranking in the PDF differs from analyze"
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
cohort = json.load(open(sys.argv[2]))["cohort"]
want = [(e["rank"], e["unit"], "%.2f" % e["overall"]) for e in cohort["ranking"]]
rows, pages_with_rows, pages_with_header = [], set(), set()
for p, page in enumerate(text.split("\f")):
    for line in page.splitlines():
        m = re.match(r"\s*(\d+)\s+(สำนักงานเขต\S+)\s+(\d+\.\d\d)\s+(ผ่าน|ต้อง)\S*\s", line)
        if m:
            rows.append((int(m.group(1)), m.group(2), m.group(3)))
            pages_with_rows.add(p)
        if re.match(r"\s*อันดับ\s+หน่วยงาน", line):
            pages_with_header.add(p)
assert rows == want, (rows[:5], want[:5], len(rows), len(want))
assert len(pages_with_rows) >= 2, pages_with_rows          # the table spans pages
assert pages_with_rows <= pages_with_header, (pages_with_rows, pages_with_header)
PY

# pass counts agree with the cohort (and last year's)
n_pass=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["cohort"]; print(c["pass"], c["units"], c["pass_previous"], c["units_previous"])' "$work/a.json")
set -- $n_pass
# one line of text: a line break inside Thai text joins without a space
flatten() { perl -CSD -0pe 's/([\x{0E01}-\x{0E4E}])[ \n]*\n[ \n]*(?=[\x{0E01}-\x{0E4E}])/$1/g; s/[ \n\f]+/ /g'; }
flatten <"$work/c.txt" >"$work/flat.txt"
expect_in "$work/flat.txt" "มีหน่วยงานที่มีคะแนนภาพรวม $2 หน่วยงาน"
expect_in "$work/flat.txt" "และผ่านเกณฑ์ $1 หน่วยงาน"
expect_in "$work/flat.txt" "ผ่านเกณฑ์ $3 จาก $4 หน่วยงาน"
# a flag line of 90 changes neither the pass line the summary names nor the count
expect_status 0 "$ITAKIT" compare "$D" --year 2566 --digits arabic --threshold 90 -o "$work/c90.pdf"
pdftotext "$work/c90.pdf" - | flatten >"$work/flat90.txt"
expect_in "$work/flat90.txt" "ได้คะแนนตั้งแต่ 85 คะแนนขึ้นไปและผ่านเกณฑ์ $1 หน่วยงาน"
expect_status 0 "$ITAKIT" compare "$D" --year 2566 --threshold 90 --lang en -o "$work/c90en.pdf"
pdftotext "$work/c90en.pdf" - | flatten >"$work/flat90en.txt"
expect_in "$work/flat90en.txt" "$1 of them reach the pass line of 85"
# the ranking's dots follow the flag line, and the text says so (not "pass")
expect_in "$work/flat90.txt" "จุดโปร่งคือหน่วยงานที่ได้คะแนนตั้งแต่ 90 คะแนนขึ้นไป"
expect_in "$work/flat90en.txt" "rings those at 90 or above"
# the indicator that lifts the most failing units, and the column
best=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["cohort"]; b=max(c["indicators"], key=lambda i:(i["pass_if_raised"],-i["code"])); print(b["code"], b["pass_if_raised"])' "$work/a.json")
set -- $best
expect_in "$work/flat.txt" "หากยกคะแนนตัวชี้วัดที่ $1 "
expect_in "$work/flat.txt" "จะมีหน่วยงานผ่านเกณฑ์เพิ่มขึ้น $2 หน่วยงาน"
expect_in "$work/flat.txt" "ผ่านได้"
# figures with numbered captions; the 50 units are charted in four slices of
# about half a page (they fill pages better than two page-high ones)
expect_in "$work/flat.txt" "แผนภูมิที่ 1 อันดับคะแนนภาพรวมของหน่วยงาน"
expect_in "$work/flat.txt" "(ลำดับที่ 40–50 จาก 50 หน่วยงาน)"
expect_in "$work/flat.txt" "การกระจายของคะแนนแต่ละตัวชี้วัด"
# the level column holds "ต้องปรับปรุง" with room on both sides
python3 "$(dirname "$0")/compare_level_gap.py" "$work/c.pdf" >/dev/null && ok || bad "compare: level words touch the column rule"
# Thai digits by default
expect_status 0 "$ITAKIT" compare "$D" --year 2566 -o "$work/t.pdf"
pdftotext "$work/t.pdf" - | flatten >"$work/t.txt"
expect_in "$work/t.txt" "ปีงบประมาณ พ.ศ. ๒๕๖๖"
# Thai official page numbers at the top centre from page 2 on
pdftotext -layout "$work/t.pdf" - | tr -d ' ' >"$work/tl.txt"
expect_in "$work/tl.txt" "-๒-"
expect_not_in "$work/tl.txt" "-๑-"
expect_not_in "$work/t.txt" "หน้า ๑ จาก"
# --page-numbers footer: "หน้า N จาก M" at the foot of every page, with the
# page's own number and the real page count, and no "- N -" at the top
expect_status 0 "$ITAKIT" compare "$D" --year 2566 --page-numbers footer -o "$work/pf.pdf"
python3 - "$work/pf.pdf" <<'PY' && ok || bad "--page-numbers footer: pages not numbered 'หน้า N จาก M' in the footer"
import subprocess, sys
thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
info = subprocess.run(["pdfinfo", sys.argv[1]], capture_output=True, text=True).stdout
n = int(next(l.split()[1] for l in info.splitlines() if l.startswith("Pages:")))
assert n > 2, n
for p in range(1, n + 1):
    text = subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), sys.argv[1], "-"],
                          capture_output=True, text=True).stdout
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    assert lines[-1] == ("หน้า %d จาก %d" % (p, n)).translate(thai), (p, lines[-1])
    assert ("- %d -" % p).translate(thai) not in lines[:2], (p, lines[:2])
PY
expect_status 0 "$ITAKIT" compare "$D" --year 2566 --page-numbers top -o "$work/pt.pdf"
cmp -s "$work/pt.pdf" "$work/t.pdf" && ok || bad "--page-numbers top is not the default Thai page numbering"
expect_status 2 "$ITAKIT" compare "$D" --year 2566 --page-numbers bottom -o "$work/x.pdf"
expect_in "$work/err" "--page-numbers: expected top or footer, got \"bottom\""
expect_status 2 "$ITAKIT" compare "$D" --year 2566 --lang en --page-numbers top -o "$work/x.pdf"
expect_in "$work/err" "footer only"
[ ! -e "$work/x.pdf" ] && ok || bad "a refused --page-numbers left a file"
# the document layer numbers every section in the chosen digits
expect_in "$work/t.txt" "๕. วิธีคำนวณ"
expect_in "$work/flat.txt" "1. สรุปผลการเปรียบเทียบ"
expect_in "$work/flat.txt" "5. วิธีคำนวณ"
expect_not_in "$work/flat.txt" "๑. สรุปผล"
# the title page has its date (SOURCE_DATE_EPOCH: 14 November 2023), the
# PDF its author and subject
expect_in "$work/t.txt" "๑๔ พฤศจิกายน ๒๕๖๖"
pdfinfo "$work/t.pdf" >"$work/info.txt"
expect_in "$work/info.txt" "ผลการประเมินคุณธรรมและความโปร่งใสของหน่วยงาน ๕๐ แห่ง"
grep -q '^Author: *[^ ]' "$work/info.txt" && ok || bad "the comparison has no Author"
# with a profile: its author and date
expect_status 0 "$ITAKIT" compare "$D" --year 2566 --profile "$SRC/data/profile.ini" -o "$work/p.pdf"
pdftotext "$work/p.pdf" - | flatten >"$work/p.txt"
expect_in "$work/p.txt" "จัดทำโดย สำนักงานเลขานุการปลัดกรุงเทพมหานคร ๓๑ มกราคม ๒๕๖๗"
pdfinfo "$work/p.pdf" | grep -q '^Author: *สำนักงานเลขานุการปลัดกรุงเทพมหานคร$' && ok || bad "no profile author in the PDF"

# --group selects exactly the zone's units
G=กลุ่มกรุงเทพกลาง
expect_status 0 "$ITAKIT" compare "$D" --year 2566 --group "$G" --digits arabic -o "$work/g.pdf"
pdftotext -layout "$work/g.pdf" "$work/g.txt"
python3 - "$work/g.txt" "$D" "$G" <<'PY' && ok || bad "--group did not select the zone's units"
import csv, re, sys
want = sorted({r["unit"] for r in csv.DictReader(open(sys.argv[2], encoding="utf-8")) if r["group"] == sys.argv[3]})
got = sorted({m.group(1) for m in re.finditer(r"^\s*\d+\s+(สำนักงานเขต\S+)\s+\d+\.\d\d\s", open(sys.argv[1], encoding="utf-8").read(), re.M)})
assert got == want and len(want) > 1, (got, want)
PY
expect_in "$work/g.txt" "$G"

# English edition
expect_status 0 "$ITAKIT" compare "$D" --year 2023 --lang en -o "$work/e.pdf"
pdftotext "$work/e.pdf" - | tr -s ' \n' ' ' >"$work/e.txt"
expect_in "$work/e.txt" "Comparison of units, fiscal year 2023"   # CE in English
expect_in "$work/e.txt" "units have an overall score"
expect_in "$work/e.txt" "Figure 1"
expect_not_in "$work/e.txt" "ผ่านเกณฑ์"
# items that hold commas are parted by semicolons: "A; B; and C"
grep -qE "are indicator [0-9]+, [a-z ]+ \([0-9]+ of 50 units\); indicator [0-9]+, [a-z ]+ \([0-9]+ of 50 units\); and indicator [0-9]+, " "$work/e.txt" &&
	ok || bad "e.pdf: the indicators most units miss are not listed as 'A; B; and C'"

# a year with overall scores only: no indicator section, still a report
expect_status 0 "$ITAKIT" compare "$D" --year 2562 -o "$work/o.pdf"
pdftotext "$work/o.pdf" - | tr -s ' \n' ' ' >"$work/o.txt"
expect_in "$work/o.txt" "มีเฉพาะคะแนนภาพรวม"

# above 1,000 units the ranking table keeps the best 500 and the weakest 500
# (bounded like batch's comparison); the other figures cover every unit
if [ -n "${ITAKIT_GEN:-}" ]; then
	"$ITAKIT_GEN" national "$work/k1200.csv" --units 1200 2>/dev/null
	expect_status 0 "$ITAKIT" compare "$work/k1200.csv" --year 2566 --lang en --digits arabic -o "$work/k.pdf"
	pdftotext -layout "$work/k.pdf" "$work/k.txt"
	python3 - "$work/k.txt" <<'PY' && ok || bad "the 1,200-unit ranking table is not the best and weakest 500"
import re, sys
ranks = [int(m.group(1)) for m in re.finditer(r"^\s*(\d+)\s+หน่วยงานตัวอย่าง \d+\s+\d+\.\d\d", open(sys.argv[1], encoding="utf-8").read(), re.M)]
assert len(ranks) == 1000, len(ranks)
assert ranks[0] == 1 and max(ranks) >= 1190 and not any(500 < r < 690 for r in ranks), ranks[495:505]
PY
	tr -s ' \n' ' ' <"$work/k.txt" | grep -qi "500" && ok || bad "the caption does not say which rows are listed"
else
	skip "itakit-gen not built: the 1,200-unit comparison is not checked"
fi

# errors
expect_status 2 "$ITAKIT" compare "$D" --year 2566
expect_in "$work/err" "-o OUT.pdf"
expect_status 2 "$ITAKIT" compare "$D" --year 2570 -o "$work/x.pdf"
expect_in "$work/err" "no data for fiscal year 2570 in the units selected; years with data: 2562 2563 2564 2565 2566"
[ ! -e "$work/x.pdf" ] && ok || bad "a failed compare left a file"
expect_status 2 "$ITAKIT" compare "$D" --group ไม่มีกลุ่มนี้ -o "$work/x.pdf"
expect_status 0 "$ITAKIT" compare --help
expect_in "$work/out" "usage: itakit compare"
finish

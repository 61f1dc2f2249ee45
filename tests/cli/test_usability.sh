#!/usr/bin/env bash
# End-to-end: the command line meets people where they are: suggestions for
# typos, standard input, exit codes, Excel-friendly CSV, output by extension.
. "$(dirname "$0")/lib.sh"
B="$SRC/data/bangkok.csv"
D="$SRC/data/bangkok_districts_synthetic.csv"

# a mistyped unit: the closest name, not a list of the first ten
expect_status 2 "$ITAKIT" analyze "$D" --unit สำนักงานเขตคันนายว
expect_in "$work/err" 'did you mean สำนักงานเขตคันนายาว?'
expect_not_in "$work/err" "units found"
# a part of the name is enough for a suggestion
expect_status 2 "$ITAKIT" analyze "$D" --unit คันนายาว
expect_in "$work/err" 'did you mean สำนักงานเขตคันนายาว?'
# a missing tone mark is one typo
expect_status 2 "$ITAKIT" report "$D" --unit สำนักงานเขตปอมปราบศัตรูพ่าย --year 2566 -o "$work/r.pdf"
expect_in "$work/err" 'did you mean สำนักงานเขตป้อมปราบศัตรูพ่าย?'
[ ! -e "$work/r.pdf" ] && ok || bad "a report was written for an unknown unit"
# nothing close: the units that are there
expect_status 2 "$ITAKIT" analyze "$D" --unit xyz
expect_in "$work/err" "units found: สำนักงานเขตพระนคร"
expect_in "$work/err" "and 40 more"
# --units checks each name the same way
expect_status 2 "$ITAKIT" analyze "$D" --units สำนักงานเขตพระนคร,สำนักงานเขตดุสต
expect_in "$work/err" 'did you mean สำนักงานเขตดุสิต?'

# a wrong group: the groups of the data, and the nearest
expect_status 2 "$ITAKIT" analyze "$D" --group กลุ่มกรุงเทพกลา
expect_in "$work/err" 'no unit belongs to group "กลุ่มกรุงเทพกลา"; groups in the data: กลุ่มกรุงเทพกลาง, กลุ่มกรุงเทพตะวันออก'
expect_in "$work/err" "กลุ่มกรุงธนใต้; did you mean กลุ่มกรุงเทพกลาง?"
expect_status 2 "$ITAKIT" analyze "$B" --group x
expect_in "$work/err" "the data has no group column"

# a mistyped command or option names the right one; analyse is analyze
expect_status 2 "$ITAKIT" anlyze "$B"
expect_in "$work/err" 'unknown command "anlyze"; did you mean analyze?'
expect_status 0 "$ITAKIT" analyse "$B" --year 2566 --format json
expect_in "$work/out" '"overall": 88.98'
expect_status 2 "$ITAKIT" analyze "$B" --yaer 2566
expect_in "$work/err" "unknown option --yaer; did you mean --year?"
[ "$(wc -l <"$work/err")" -eq 1 ] && ok || bad "--yaer: more than one line: $(cat "$work/err")"
expect_status 2 "$ITAKIT" report "$B" --mesures x.csv -o "$work/r.pdf"
expect_in "$work/err" "did you mean --measures?"
expect_status 2 "$ITAKIT" analyze "$B" --un x
expect_in "$work/err" "option --un is ambiguous; it could be --unit or --units"
expect_status 2 "$ITAKIT" analyze "$B" --qqqqqq
expect_in "$work/err" "unknown option --qqqqqq; see itakit analyze --help"

# an option without its value: one line
expect_status 2 "$ITAKIT" analyze "$B" --year
[ "$(cat "$work/err")" = "itakit analyze: option --year needs a value; see itakit analyze --help" ] && ok ||
	bad "--year without a value: $(cat "$work/err")"
expect_status 2 "$ITAKIT" analyze "$B" -o
expect_in "$work/err" "option -o needs a value"
[ "$(wc -l <"$work/err")" -eq 1 ] && ok || bad "-o: more than one line"

# standard input
expect_status 0 "$ITAKIT" analyze - --year 2566 --format json <"$B"
expect_in "$work/out" '"overall": 88.98'
cat "$B" | expect_status 0 "$ITAKIT" analyze - --unit กรุงเทพมหานคร --year 2566 --format csv
expect_in "$work/out" "กรุงเทพมหานคร,,,2566,overall,ภาพรวม,88.98,0,3.98,-1.03,"
printf 'unit,year,indicator,score\nก,2566,1,abc\n' | expect_status 2 "$ITAKIT" analyze -
expect_in "$work/err" "(standard input):2:"
expect_status 2 "$ITAKIT" analyze - - <"$B"
expect_in "$work/err" "standard input (-) can be read only once"
# with a file: merged like two files
awk -F, 'NR == 1 || $2 != 2566' "$B" >"$work/old.csv"
awk -F, 'NR == 1 || $2 == 2566' "$B" | expect_status 0 "$ITAKIT" analyze "$work/old.csv" - --year 2566 --format json
expect_in "$work/out" '"previous_year": 2565, "delta_overall": -1.03'
printf 'unit,year,indicator,score\nก,2566,1,90\n' | expect_status 0 "$ITAKIT" check -
expect_in "$work/out" "(standard input): ok: 1 units"

# a missing input is bad input (2), and so is a directory
expect_status 2 "$ITAKIT" analyze "$work/nothing.csv"
expect_in "$work/err" "nothing.csv: no such file"
expect_status 2 "$ITAKIT" report "$work/nothing.csv" -o "$work/r.pdf"
expect_status 2 "$ITAKIT" check "$work/nothing.csv"
expect_status 2 "$ITAKIT" analyze "$work"
expect_in "$work/err" "is a directory"

# CSV to a file starts with a UTF-8 byte-order mark (Excel); stdout has none
bom=$(printf '\357\273\277')
expect_status 0 "$ITAKIT" analyze "$B" --year 2566 --format csv -o "$work/a.csv"
[ "$(head -c 3 "$work/a.csv")" = "$bom" ] && ok || bad "no BOM in a.csv"
expect_status 0 "$ITAKIT" analyze "$B" --year 2566 --format csv
[ "$(head -c 4 "$work/out")" = "unit" ] && ok || bad "standard output starts with a BOM"
cp "$work/out" "$work/stdout.csv"
cmp -s <(tail -c +4 "$work/a.csv") "$work/stdout.csv" && ok || bad "the file differs from standard output by more than the BOM"
expect_status 0 "$ITAKIT" analyze "$B" --year 2566 --format csv --no-bom -o "$work/b.csv"
cmp -s "$work/b.csv" "$work/stdout.csv" && ok || bad "--no-bom still writes a BOM"
expect_status 0 "$ITAKIT" analyze "$B" --year 2566 --format csv -o -
[ "$(head -c 4 "$work/out")" = "unit" ] && ok || bad "-o - starts with a BOM"
if command -v python3 >/dev/null; then
	python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))); assert r[-1]["score"]=="88.98"' "$work/a.csv" && ok || bad "the BOM CSV does not read as UTF-8 with signature"
fi

# the extension of -o chooses the format, unless --format says otherwise
expect_status 0 "$ITAKIT" analyze "$B" --year 2566 -o "$work/x.json"
expect_in "$work/x.json" '"overall": 88.98'
expect_status 0 "$ITAKIT" analyze "$B" --year 2566 -o "$work/x.CSV"
expect_in "$work/x.CSV" "unit,code,group,year,indicator"
expect_status 0 "$ITAKIT" analyze "$B" --year 2566 -o "$work/x.txt"
expect_in "$work/x.txt" "๘๘.๙๘ คะแนน"
expect_status 0 "$ITAKIT" analyze "$B" --year 2566 --format json -o "$work/y.csv"
expect_in "$work/y.csv" '"overall": 88.98'
expect_status 0 "$ITAKIT" analyze "$B" --year 2566 -o "$work/noext"
expect_in "$work/noext" "๘๘.๙๘ คะแนน"
expect_status 2 "$ITAKIT" analyze "$B" --year 2566 -o "$work/x.ods"
expect_in "$work/err" "cannot write a .ods file; analyze writes text (.txt), json (.json), csv (.csv) or xlsx (.xlsx)"
[ ! -e "$work/x.ods" ] && ok || bad "x.ods written"
# report and compare write PDF only: another extension is refused, nothing written
expect_status 2 "$ITAKIT" report "$B" --year 2566 -o "$work/r.html"
expect_in "$work/err" "r.html: cannot write a .html file; report writes pdf (.pdf)"
[ ! -e "$work/r.html" ] && ok || bad "r.html written"
expect_status 2 "$ITAKIT" compare "$D" --year 2566 -o "$work/c.odt"
expect_in "$work/err" "compare writes pdf (.pdf) or docx (.docx)"
[ ! -e "$work/c.odt" ] && ok || bad "c.odt written"

# the headers people type: an overall column in a wide sheet is the overall,
# and a year with only the overall stays (Bangkok: 90.01 in 2565, 88.98 in 2566)
scores="92.27,77.83,85.85,77.95,78.31,82.88,81.22,78.37,100,100"
for h in "คะแนน ITA" "คะแนนรวม" "ผลคะแนน" "ภาพรวม" "คะแนน"; do
	printf 'หน่วยงาน,ปีงบประมาณ,1,2,3,4,5,6,7,8,9,10,%s\nกรุงเทพมหานคร,2565,,,,,,,,,,,90.01\nกรุงเทพมหานคร,2566,%s,88.98\n' "$h" "$scores" >"$work/wide.csv"
	expect_status 0 "$ITAKIT" analyze "$work/wide.csv" --year 2566 --format json
	expect_in "$work/out" '"previous_year": 2565, "delta_overall": -1.03'
	expect_in "$work/out" '"overall_reported": 88.98'
	expect_not_in "$work/err" "kept as extra information"
done
# the indicators as people number them, in the long layout
{
	echo "หน่วยงาน,ปี,ตัวชี้วัด,คะแนน"
	i=0
	for name in การปฏิบัติหน้าที่ การใช้งบประมาณ การใช้อำนาจ การใช้ทรัพย์สินของราชการ การแก้ไขปัญหาการทุจริต คุณภาพการดำเนินงาน ประสิทธิภาพการสื่อสาร การปรับปรุงการทำงาน การเปิดเผยข้อมูล การป้องกันการทุจริต; do
		i=$((i + 1))
		score=$(echo "$scores" | cut -d, -f$i)
		if [ $((i % 2)) -eq 1 ]; then echo "กรุงเทพมหานคร,2566,$i. $name,$score"; else echo "กรุงเทพมหานคร,2566,ตัวชี้วัดที่ $i $name,$score"; fi
	done
} >"$work/long.csv"
expect_status 0 "$ITAKIT" analyze "$work/long.csv" --format json
expect_in "$work/out" '"overall": 88.98, "overall_source": "computed"'
expect_in "$work/out" '"flagged": [6, 7, 8, 5, 4, 2]'
# a number and a name that disagree are not guessed between
printf 'หน่วยงาน,ปี,ตัวชี้วัด,คะแนน\nก,2566,4. การใช้อำนาจ,70\n' >"$work/clash.csv"
expect_status 2 "$ITAKIT" analyze "$work/clash.csv"
expect_in "$work/err" "clash.csv:2:8: error: unknown indicator '4. การใช้อำนาจ'"
# a file of one agency without a unit column: --unit names it
printf 'ปีงบประมาณ,1,2,3,4,5,6,7,8,9,10,คะแนน ITA\n2565,,,,,,,,,,,90.01\n2566,%s,\n' "$scores" >"$work/one.csv"
expect_status 2 "$ITAKIT" analyze "$work/one.csv"
expect_in "$work/err" "one.csv:1:1: error: no unit column; name it one of: unit, หน่วยงาน, agency, name; or, for a file of one agency, name the agency with --unit NAME"
expect_status 0 "$ITAKIT" analyze "$work/one.csv" --unit กรุงเทพมหานคร --format csv
expect_in "$work/out" "กรุงเทพมหานคร,,,2566,overall,ภาพรวม,88.98,0,3.98,-1.03,"
expect_status 0 "$ITAKIT" report "$work/one.csv" --unit กรุงเทพมหานคร --no-national -o "$work/one.pdf"
[ -s "$work/one.pdf" ] && ok || bad "no report from a one-agency file"

# batch names files by code, else by the name made safe: Thai kept, separators
# replaced, cut in bytes between characters, repeats numbered; the index maps
long="องค์การบริหารส่วนตำบลหนองบัวใหญ่องค์การบริหารส่วนตำบลหนองบัวใหญ่องค์การบริหารส่วนตำบลหนองบัวใหญ่"
{
	echo "หน่วยงาน,ปีงบประมาณ,1,2,3,4,5,6,7,8,9,10"
	for u in "เทศบาลตำบลบ้านใหม่" "เทศบาลตำบล/บ้าน:ใหม่ ๒" "$long" "Unit A" "UNIT/A" ".ซ่อน"; do
		echo "\"$u\",2566,$scores"
	done
} >"$work/names.csv"
expect_status 0 "$ITAKIT" batch "$work/names.csv" --year 2566 -d "$work/names" -j 1 --quiet
for f in "เทศบาลตำบลบ้านใหม่" "เทศบาลตำบล-บ้าน-ใหม่-๒" "Unit-A" "UNIT-A-2" "ซ่อน"; do
	[ -s "$work/names/reports/$f.pdf" ] && ok || bad "no reports/$f.pdf: $(ls "$work/names/reports" | tr '\n' ' ')"
done
[ "$(ls "$work/names/reports" | wc -l)" -eq 6 ] && ok || bad "not one file per unit: $(ls "$work/names/reports")"
[ "$(head -c 3 "$work/names/index.csv")" = "$bom" ] && ok || bad "index.csv has no BOM"
if command -v python3 >/dev/null; then
	python3 - "$work/names" "$long" <<'PY' && ok || bad "the index does not map every unit to its file, or the long name is cut badly"
import csv, json, os, sys, unicodedata
d, long = sys.argv[1], sys.argv[2]
j = json.load(open(os.path.join(d, "index.json")))
rows = list(csv.DictReader(open(os.path.join(d, "index.csv"), encoding="utf-8-sig")))
rows = [r for r in rows if r["no"]]  # the last row, without a number, is the comparison
assert [r["file"] for r in rows] == [e["file"] for e in j["index"]]
files = [e["file"] for e in j["index"]]
assert len(set(files)) == 6 and all(os.path.isfile(os.path.join(d, f)) for f in files)
stem = [e["file"] for e in j["index"] if e["unit"] == long][0][len("reports/"):-len(".pdf")]
assert long.startswith(stem) and len(stem.encode()) <= 100 and len(stem.encode()) > 90, stem
assert unicodedata.category(long[len(stem)]) != "Mn", "a mark was cut from its letter"
PY
fi
expect_status 0 "$ITAKIT" batch "$work/names.csv" --year 2566 -d "$work/names2" -j 2 --quiet --no-bom
[ "$(head -c 2 "$work/names2/index.csv")" = "no" ] && ok || bad "--no-bom: index.csv starts with a BOM"
diff <(ls "$work/names/reports") <(ls "$work/names2/reports") >/dev/null && ok || bad "names differ between runs"

# check recognises what it is given and validates it as that
expect_status 0 "$ITAKIT" check "$SRC/data/measures.csv" "$SRC/data/profile.ini" "$SRC/data/framework.ini" "$B"
expect_in "$work/out" "data/measures.csv: ok: measures catalog, 9 measures in Thai and English covering indicators 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, and 3 to keep a score"
expect_in "$work/out" "data/profile.ini: ok: report profile of กรุงเทพมหานคร"
expect_in "$work/out" "data/framework.ini: ok: framework, threshold 85, 1 era (fiscal years 2562-2568: 10 indicators, 3 tools)"
expect_in "$work/out" "data/bangkok.csv: ok: 1 units"
[ ! -s "$work/err" ] && ok || bad "check of the bundled files complains: $(head -3 "$work/err")"
# a catalog's problems are the catalog's: duplicate ids, codes outside the framework, rows
expect_status 2 "$ITAKIT" check "$FIXTURES/measures_bad_rows.csv"
expect_in "$work/err" "measures_bad_rows.csv:6:1: error: duplicate id 'M1' (first on line 2)"
expect_in "$work/err" "bad indicator code '11' (expected numbers from 1 to 10"
expect_in "$work/out" "measures_bad_rows.csv: 8 errors"
printf 'id,indicators,issue,approach\nM1,1,x,y\n' >"$work/cat.csv"
expect_status 2 "$ITAKIT" check "$work/cat.csv"
expect_in "$work/err" "missing required column"
# a framework with fewer indicators: code 10 no longer exists
sed -e '/^indicator = 10 /d' "$SRC/data/framework.ini" >"$work/fw9.ini"
expect_status 2 "$ITAKIT" check "$SRC/data/measures.csv" --framework "$work/fw9.ini"
expect_in "$work/err" "bad indicator code '10'"
# a profile with a typo, through standard input
printf 'agencyy = x\n' | expect_status 2 "$ITAKIT" check -
expect_in "$work/err" "(standard input):1:1: error: unknown key 'agencyy' (did you mean 'agency'?"
# --as overrides the guess
expect_status 2 "$ITAKIT" check --as framework "$SRC/data/profile.ini"
expect_in "$work/out" "profile.ini: "
expect_status 2 "$ITAKIT" check --as spreadsheet "$B"
expect_in "$work/err" "--as: expected scores, measures, status, profile or framework"

# which catalog rows would enter a unit's report: every indicator below the
# threshold is covered once, and the rows are those of the report itself
expect_status 0 "$ITAKIT" check "$B" "$SRC/data/measures.csv" --unit กรุงเทพมหานคร --year 2566
expect_in "$work/out" "the report of กรุงเทพมหานคร for fiscal year 2566 flags indicators 6, 7, 8, 5, 4, 2 and holds"
covers=$(grep -E '^  M[0-9]+ \(line' "$work/out" | sed -e 's/.*for indicators\{0,1\} //' -e 's/:.*//' | tr ',' '\n' | tr -d ' ' | sort -n | tr '\n' ' ')
[ "$covers" = "2 4 5 6 7 8 " ] && ok || bad "the chosen rows do not cover 6, 7, 8, 5, 4, 2 once each: $covers"
grep -E '^  M[0-9]+ \(line' "$work/out" | sed 's/^[^:]*: //' >"$work/issues"
if command -v pdftotext >/dev/null; then
	expect_status 0 "$ITAKIT" report "$B" --year 2566 --no-national -o "$work/bkk.pdf"
	pdftotext -layout "$work/bkk.pdf" - | tr -d ' \n' >"$work/bkk.txt"
	while read -r issue; do
		grep -qF -- "$(printf '%s' "$issue" | tr -d ' ' | cut -c1-30)" "$work/bkk.txt" && ok || bad "the report lacks the measure: $issue"
	done <"$work/issues"
fi
# a higher threshold flags more, a lower one fewer
expect_status 0 "$ITAKIT" check "$B" --unit กรุงเทพมหานคร --year 2566 --threshold 80
expect_in "$work/out" "flags indicators 8, 5, 4, 2 and holds"
expect_status 2 "$ITAKIT" check "$SRC/data/measures.csv" --unit กรุงเทพมหานคร
expect_in "$work/err" "give a scores file too"
expect_status 2 "$ITAKIT" check "$B" --unit กรุงเทพมหานค
expect_in "$work/err" "did you mean กรุงเทพมหานคร?"

finish

#!/usr/bin/env bash
# End-to-end: itakit analyze and check on the bundled data and fixtures.
. "$(dirname "$0")/lib.sh"
B="$SRC/data/bangkok.csv"
D="$SRC/data/bangkok_districts_synthetic.csv"

# Thai text: the sentences an analyst pastes into a report
expect_status 0 "$ITAKIT" analyze "$B" --unit กรุงเทพมหานคร --year 2566
expect_in "$work/out" "๘๘.๙๘ คะแนน"
# 2566 is in the pass family: Bangkok's own document says "ผ่าน"
expect_in "$work/out" "อยู่ในระดับ “ผ่าน” (เกณฑ์ผ่าน ๘๕ คะแนน)"
expect_not_in "$work/out" "ระดับ A"
expect_in "$work/out" "ลดลง ๑.๐๓ คะแนน"
expect_in "$work/out" "ปีงบประมาณ พ.ศ. ๒๕๖๕"
expect_in "$work/out" "จำนวน ๖ ตัวชี้วัด"
expect_in "$work/out" "และตัวชี้วัดที่ ๒ การใช้งบประมาณ (๗๗.๘๓ คะแนน)"
# the six flagged indicators in the order 6, 7, 8, 5, 4, 2
line=$(grep "จำนวน ๖ ตัวชี้วัด" "$work/out")
order=$(printf '%s' "$line" | grep -o "ตัวชี้วัดที่ [^ ]*" | sed 's/ตัวชี้วัดที่ //' | tr '\n' ' ')
[ "$order" = "๖ ๗ ๘ ๕ ๔ ๒ " ] && ok || bad "flagged order: $order"

# CE year and Arabic digits
expect_status 0 "$ITAKIT" analyze "$B" --unit กรุงเทพมหานคร --year 2023 --digits arabic
expect_in "$work/out" "88.98"
expect_in "$work/out" "1.03"

# English
expect_status 0 "$ITAKIT" analyze "$B" --year 2566 --lang en
expect_in "$work/out" "scored 88.98 overall"
expect_in "$work/out" "fell by 1.03"
expect_in "$work/out" "6 indicators scored below 85"

# JSON
expect_status 0 "$ITAKIT" analyze "$B" --format json
expect_in "$work/out" '"overall": 88.98, "overall_source": "reported", "overall_reported": 88.98, "overall_check": 88.98'
expect_in "$work/out" '"flagged": [6, 7, 8, 5, 4, 2]'
expect_in "$work/out" '"previous_year": 2565, "delta_overall": -1.03'
expect_in "$work/out" '"level": "ผ่าน", "level_basis": "overall and tools"'
expect_in "$work/out" '"year": 2562, "overall": 88.50, "overall_source": "reported", "overall_reported": 88.50, "overall_check": null, "level": "A", "level_basis": "overall"'
expect_in "$work/out" '"IIT": 82.44, "EIT": 80.82, "OIT": 100.00'
if command -v python3 >/dev/null; then
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["units"][0]["years"][-1]["overall"]==88.98' "$work/out" && ok || bad "JSON does not parse"
fi

# CSV
expect_status 0 "$ITAKIT" analyze "$B" --year 2566 --format csv
expect_in "$work/out" "unit,code,group,year,indicator,name,score,flagged,gap,delta,contribution,level,pass"
expect_in "$work/out" "กรุงเทพมหานคร,,,2566,6,คุณภาพการดำเนินงาน,82.88,1,-2.12,,,,"
expect_in "$work/out" "กรุงเทพมหานคร,,,2566,overall,ภาพรวม,88.98,0,3.98,-1.03,,ผ่าน,1"

# many units: cohort summary; ranking agrees with the JSON
expect_status 0 "$ITAKIT" analyze "$D" --year 2566
expect_in "$work/out" "ภาพรวมหน่วยงานทั้งหมด ปีงบประมาณ พ.ศ. ๒๕๖๖: ๕๐ หน่วยงาน"
expect_status 0 "$ITAKIT" analyze "$D" --year 2566 --format json -o "$work/d.json"
[ -s "$work/d.json" ] && ok || bad "-o did not write"
expect_status 0 "$ITAKIT" analyze "$D" --year 2566 --digits arabic
python3 - "$work/out" "$work/d.json" <<'PY' && ok || bad "the text ranking differs from the JSON cohort ranking"
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read().split("ภาพรวมหน่วยงานทั้งหมด", 1)[1]
shown = [(int(m.group(1)), m.group(2), m.group(3))
         for m in re.finditer(r"^(\d+)\s+(\S+)\s+(\d+\.\d\d)(?:\s+ไม่ผ่าน)?\s*$", text, re.M)]
want = [(e["rank"], e["unit"], "%.2f" % e["overall"]) for e in json.load(open(sys.argv[2]))["cohort"]["ranking"]]
assert len(want) == 50 and shown == want, (shown[:3], want[:3], len(shown))
PY

# contributions, largest first, add up to the shown change
expect_status 0 "$ITAKIT" analyze "$D" --unit สำนักงานเขตพระนคร --year 2566 --lang en
expect_in "$work/out" "Where the change against 2022"   # CE in English (2565 BE)
sums=$(awk '/^Where the change/ { gsub(/[(+]/, "", $6); want = $6; on = 1; next }
	on && NF == 0 { on = 0 }
	on { total += $NF; n++ }
	END { printf "%d %.2f %.2f", n, total, want }' "$work/out")
set -- $sums
[ "$1" -eq 10 ] && [ "$2" = "$3" ] && ok || bad "contributions do not add up: $sums"

# threshold and target options: the flag line moves, the official pass line
# (85) and so pass and level do not
expect_status 0 "$ITAKIT" analyze "$B" --year 2566 --threshold 90 --format json
expect_in "$work/out" '"pass_line": 85.00, "threshold": 90.00'
expect_in "$work/out" '"level": "ผ่าน", "level_basis": "overall and tools", "pass": true, "gap": 3.98'
expect_status 0 "$ITAKIT" analyze "$B" --year 2566 --threshold 90
expect_in "$work/out" "(เกณฑ์ผ่าน ๘๕ คะแนน)"
expect_in "$work/out" "ต่ำกว่า ๙๐ คะแนน (เส้นที่ใช้ระบุตัวชี้วัดที่ต้องพัฒนา) จำนวน ๗ ตัวชี้วัด"
expect_not_in "$work/out" "เกณฑ์ ๙๐"
# the plan's step that leaves its indicator below the line says so
expect_in "$work/out" "จาก ๗๘.๓๗ เป็น ๘๘.๕๘ คะแนน (คะแนนภาพรวมเพิ่ม ๑.๐๒ คะแนน แต่ตัวชี้วัดนี้ยังต่ำกว่า ๙๐ คะแนน)"

# check
expect_status 0 "$ITAKIT" check "$B" "$D"
expect_in "$work/out" "bangkok.csv: ok: 1 units, fiscal years 2562-2566"
expect_in "$work/out" "bangkok_districts_synthetic.csv: ok: 50 units"

# usage errors: exit 2 with a message
expect_status 2 "$ITAKIT" analyze
expect_status 2 "$ITAKIT" analyze "$B" --unit ไม่มีหน่วยงานนี้
expect_in "$work/err" 'unit "ไม่มีหน่วยงานนี้" is not in the data'
expect_status 2 "$ITAKIT" analyze "$B" --unit กรุงเทพมหานคร --year 2564
expect_in "$work/err" "no data for fiscal year 2564"
# without --unit too: never an empty success; the years with data are named
expect_status 2 "$ITAKIT" analyze "$B" --year 2564
expect_in "$work/err" "no data for fiscal year 2564 in the units selected; years with data: 2562 2563 2565 2566"
expect_status 2 "$ITAKIT" analyze "$D" --year 2561 --format json
expect_in "$work/err" "years with data: 2562 2563 2564 2565 2566"
expect_status 2 "$ITAKIT" analyze "$B" --year abc
expect_status 2 "$ITAKIT" analyze "$B" --format xml
expect_status 2 "$ITAKIT" analyze "$B" --threshold 120
expect_status 2 "$ITAKIT" frobnicate
expect_status 2 "$ITAKIT" analyze "$SRC/no/such/file.csv"
expect_status 0 "$ITAKIT" analyze --help
expect_in "$work/out" "usage: itakit analyze"
expect_status 0 "$ITAKIT" --version
# refuse to overwrite an input
cp "$B" "$work/in.csv"
expect_status 2 "$ITAKIT" analyze "$work/in.csv" -o "$work/in.csv"
cmp -s "$B" "$work/in.csv" && ok || bad "input was overwritten"

finish

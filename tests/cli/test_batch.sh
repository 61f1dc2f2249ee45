#!/usr/bin/env bash
# End-to-end: itakit batch. Output identical for -j 1 and -j 2, safe file
# names, failures isolated and indexed, nothing half-written after SIGINT.
. "$(dirname "$0")/lib.sh"
D="$SRC/data/bangkok_districts_synthetic.csv"
command -v python3 >/dev/null || skip_all "python3 missing"

# the districts plus: a unit without 2566, and units whose codes are not safe
# as file names (a Windows device name, a path, a code repeated in another case)
in="$work/in.csv"
cp "$D" "$in"
awk -F, -v OFS=, '$1 == 1001 && $4 <= 2565 { $1 = "X9"; $2 = "หน่วยงานที่ไม่มีข้อมูลปีล่าสุด"; print }' "$D" >>"$in"
awk -F, -v OFS=, '$1 == 1002 { $1 = "CON"; $2 = "หน่วยงานรหัสต้องห้าม"; print }' "$D" >>"$in"
awk -F, -v OFS=, '$1 == 1003 { $1 = "../../etc/x"; $2 = "หน่วยงานรหัสมีทับ"; print }' "$D" >>"$in"
awk -F, -v OFS=, '$1 == 1004 { $1 = "AB-1"; $2 = "Unit Alpha"; print }' "$D" >>"$in"
awk -F, -v OFS=, '$1 == 1005 { $1 = "ab-1"; $2 = "Unit Beta"; print }' "$D" >>"$in"

expect_status 0 "$ITAKIT" batch "$in" --year 2566 -d "$work/j1" -j 1 --quiet
expect_status 0 "$ITAKIT" batch "$in" --year 2566 -d "$work/j2" -j 2
expect_in "$work/err" "done in"
diff -r "$work/j1" "$work/j2" >/dev/null && ok || bad "-j 1 and -j 2 differ: $(diff -rq "$work/j1" "$work/j2" | head -3)"
for f in compare.pdf index.csv index.json index.xlsx charts/ranking.png charts/heatmap.png charts/distribution.png charts/change.png reports/1001.pdf reports/1050.pdf; do
	[ -s "$work/j1/$f" ] && ok || bad "missing $f"
done
# names: codes made safe; a reserved code gives way to the name; a repeat
# (ignoring case) is numbered; nothing escapes DIR
[ -s "$work/j1/reports/etc-x.pdf" ] && ok || bad "code ../../etc/x not made safe"
[ -s "$work/j1/reports/AB-1.pdf" ] && ok || bad "code AB-1"
[ -s "$work/j1/reports/หน่วยงานรหัสต้องห้าม.pdf" ] && ok || bad "code CON not replaced by the name: $(ls "$work/j1/reports" | tail -5)"
[ -s "$work/j1/reports/ab-1-2.pdf" ] && ok || bad "ab-1 repeats AB-1 ignoring case: $(ls "$work/j1/reports" | tail -5)"
[ "$(find "$work/j1" -type f | wc -l)" -eq $((4 + 1 + 3 + 54)) ] && ok || bad "unexpected files: $(find "$work/j1" -type f | wc -l)"
python3 - "$work/j1" <<'PY' && ok || bad "index.json / index.csv do not list every unit in input order"
import csv, json, os, sys
d = sys.argv[1]
j = json.load(open(os.path.join(d, "index.json")))
rows = list(csv.DictReader(open(os.path.join(d, "index.csv"), encoding="utf-8-sig")))
# the last row, without a number, is the comparison, as index.json's "compare"
last = rows.pop()
assert last["no"] == "" and last["file"] == "compare.pdf" and last["status"] == j["compare"]["status"] == "ok"
assert j["units"] == 55 and len(j["index"]) == 55 and len(rows) == 55
assert [r["unit"] for r in rows] == [e["unit"] for e in j["index"]]
assert rows[0]["unit"] == "สำนักงานเขตพระนคร" and rows[0]["file"] == "reports/1001.pdf"
# without --status no progress report is written, and none is listed
assert all(r["progress"] == "" for r in rows) and all(e["progress"] is None for e in j["index"])
skip = [e for e in j["index"] if e["status"] == "skipped"]
assert len(skip) == 1 and skip[0]["code"] == "X9" and "2566" in skip[0]["reason"] and skip[0]["file"] is None
for e in j["index"]:
    if e["status"] == "ok":
        assert os.path.isfile(os.path.join(d, e["file"])), e
        assert e["overall"] is not None and e["level"] and e["flagged"] is not None
assert j["compare"]["status"] == "ok" and len(j["compare"]["charts"]) == 4
assert j["written"] == 54 and j["failed"] == 0 and j["skipped"] == 1
PY

# a worker dying in the middle of a unit: that unit fails, the rest are written
victim=$(awk -F, '$1 == 1003 { print $2; exit }' "$D")
ITAKIT_BATCH_TEST_CRASH=1003 expect_status 1 "$ITAKIT" batch "$in" --year 2566 -d "$work/crash" -j 2 --quiet
expect_in "$work/err" "$victim: the worker process died of signal 9"
[ ! -e "$work/crash/reports/1003.pdf" ] && ok || bad "the crashed unit has a file"
[ "$(ls "$work/crash/reports" | wc -l)" -eq 53 ] && ok || bad "the other units were not all written"
grep -q "^3,$victim,1003,.*,failed,\"the worker process died of signal 9" "$work/crash/index.csv" && ok || bad "index lacks the failure"
[ -z "$(find "$work/crash" -name '.itakit-tmp-*')" ] && ok || bad "temporary files left after a crash"

# a unit whose report cannot be written (a directory is in the way) fails
# alone, with its reason; the comparison and the other units are written
mkdir -p "$work/bad/reports/1001.pdf"
first=$(awk -F, '$1 == 1001 { print $2; exit }' "$D")
expect_status 1 "$ITAKIT" batch "$D" --year 2566 -d "$work/bad" -j 2 --quiet
expect_in "$work/err" "$first: "
[ "$(find "$work/bad/reports" -name '*.pdf' -type f | wc -l)" -eq 49 ] && ok || bad "the good units were not all written"
grep -q "^1,$first,1001,.*,failed,.*1001.pdf" "$work/bad/index.csv" && ok || bad "index lacks the failed unit"
[ -s "$work/bad/compare.pdf" ] && ok || bad "the comparison was not written"
[ -z "$(find "$work/bad" -name '.itakit-tmp-*')" ] && ok || bad "temporary files left after a failure"

# --page-numbers footer numbers compare.pdf's pages "หน้า N จาก M" at the
# foot; the reports keep the official "- N -" at the top
awk -F, 'NR == 1 || $1 <= 1003' "$D" >"$work/three.csv"
expect_status 0 "$ITAKIT" batch "$work/three.csv" --year 2566 -d "$work/pn" -j 2 --quiet --page-numbers footer
n=$(pages "$work/pn/compare.pdf")
last=$(pdftotext -layout -f 2 -l 2 "$work/pn/compare.pdf" - | tr -d ' \f' | sed '/^$/d' | tail -n 1)
thai=$(echo "หน้า2จาก$n" | perl -CSD -pe 'tr/0-9/\x{0E50}-\x{0E59}/')
[ "$last" = "$thai" ] && ok || bad "compare.pdf page 2 ends with '$last', not '$thai'"
pdftotext -layout -f 2 -l 2 "$work/pn/reports/1001.pdf" - | tr -d ' ' >"$work/pn.txt"
expect_in "$work/pn.txt" "-๒-"
expect_not_in "$work/pn.txt" "หน้า๒จาก"
expect_status 2 "$ITAKIT" batch "$work/three.csv" --year 2566 -d "$work/pn2" --lang en --page-numbers top
expect_in "$work/err" "footer only"

# usage errors
expect_status 2 "$ITAKIT" batch "$D" --year 2566
expect_in "$work/err" "-d DIR"
expect_status 2 "$ITAKIT" batch "$D" --year 2566 -d "$work/x" -j 0
expect_status 2 "$ITAKIT" batch "$D" --year 2570 -d "$work/x"
expect_status 0 "$ITAKIT" batch --help
expect_in "$work/out" "File names:"

# interrupted: SIGINT mid-run leaves no temporary file and only complete PDFs
if [ -n "${ITAKIT_GEN:-}" ] && [ -x "$ITAKIT_GEN" ]; then
	"$ITAKIT_GEN" national "$work/big.csv" --units 3000 2>/dev/null
	"$ITAKIT" batch "$work/big.csv" --year 2566 -d "$work/int" -j 2 --quiet 2>"$work/int.err" &
	pid=$!
	for _ in $(seq 1 100); do
		[ "$(ls "$work/int/reports" 2>/dev/null | wc -l)" -gt 20 ] && break
		sleep 0.1
	done
	kill -INT "$pid"
	wait "$pid"
	st=$?
	[ "$st" -ne 0 ] && ok || bad "an interrupted batch exited 0"
	expect_in "$work/int.err" "interrupted"
	[ -z "$(find "$work/int" -name '.itakit-tmp-*')" ] && ok || bad "temporary files left: $(find "$work/int" -name '.itakit-tmp-*' | head -3)"
	n=$(ls "$work/int/reports" | wc -l)
	[ "$n" -gt 0 ] && [ "$n" -lt 3000 ] && ok || bad "interrupt came too late or too early ($n reports)"
	incomplete=0
	for f in "$work/int/reports"/*.pdf; do
		tail -c 16 "$f" | grep -q '%%EOF' || incomplete=$((incomplete + 1))
	done
	[ "$incomplete" -eq 0 ] && ok || bad "$incomplete incomplete PDFs"
	if command -v pdfinfo >/dev/null; then
		unreadable=0
		for f in $(ls "$work/int/reports"/*.pdf | head -20); do
			pdfinfo "$f" >/dev/null 2>&1 || unreadable=$((unreadable + 1))
		done
		[ "$unreadable" -eq 0 ] && ok || bad "pdfinfo fails on $unreadable of the reports written before the interrupt"
	fi
	[ -z "$(pgrep -P "$pid" 2>/dev/null)" ] && ok || bad "workers left running"
fi
finish

#!/usr/bin/env bash
# End-to-end: integrity. No output replaces an input by any name; one batch
# per directory; an interrupted batch leaves no index of missing reports;
# leftovers of killed runs are swept; index cells are safe in a spreadsheet;
# lack of memory is exit 1 with nothing left; exit codes and messages.
. "$(dirname "$0")/lib.sh"
B="$SRC/data/bangkok.csv"
D="$SRC/data/bangkok_districts_synthetic.csv"
U=กรุงเทพมหานคร
cp "$B" "$work/b.csv"
cp "$SRC/data/framework.ini" "$work/fw.ini"
fw_sum=$(md5sum <"$work/fw.ini")

# ---- 2. no output replaces an input --------------------------------------
expect_status 2 "$ITAKIT" analyze "$work/b.csv" --framework "$work/fw.ini" --format json -o "$work/fw.ini"
expect_in "$work/err" "refusing to replace it"
ln -s "$work/fw.ini" "$work/link.json"
ln "$work/fw.ini" "$work/hard.json"
expect_status 2 "$ITAKIT" analyze "$work/b.csv" --framework "$work/fw.ini" -o "$work/link.json"
expect_status 2 "$ITAKIT" analyze "$work/b.csv" --framework "$work/fw.ini" -o "$work/hard.json"
expect_status 2 "$ITAKIT" analyze "$work/b.csv" --framework "$work/fw.ini" -o "$work/../$(basename "$work")/hard.json"
[ "$(md5sum <"$work/fw.ini")" = "$fw_sum" ] && ok || bad "the framework file was replaced"
# a logo (a PNG whatever its name) is an input of the report
cp "$SRC/charts/trend_phranakhon.png" "$work/logo.pdf"
logo_sum=$(md5sum <"$work/logo.pdf")
printf 'agency = %s\nlogo = logo.pdf\n' "$U" >"$work/p.ini"
expect_status 2 "$ITAKIT" report "$work/b.csv" --unit "$U" --year 2566 --profile "$work/p.ini" -o "$work/logo.pdf"
[ "$(md5sum <"$work/logo.pdf")" = "$logo_sum" ] && ok || bad "the logo was replaced"
expect_status 2 "$ITAKIT" chart trend "$work/b.csv" --unit "$U" -o "$work/b.csv"
# batch's generated names: its old index given as an input
mkdir -p "$work/idx"
cp "$work/b.csv" "$work/idx/index.csv"
idx_sum=$(md5sum <"$work/idx/index.csv")
expect_status 2 "$ITAKIT" batch "$work/idx/index.csv" --year 2566 -d "$work/idx" -j 1 --quiet
expect_in "$work/err" "index.csv is one of the input files"
[ "$(md5sum <"$work/idx/index.csv")" = "$idx_sum" ] && ok || bad "batch replaced its input index.csv"
[ ! -e "$work/idx/reports" ] && ok || bad "batch started work before refusing"

# ---- 3. one batch per directory -------------------------------------------
mkdir -p "$work/lock"
# another run holding the lock: one process, so that killing it frees the lock
python3 -c 'import fcntl, sys, time
f = open(sys.argv[1], "a"); fcntl.flock(f, fcntl.LOCK_EX); time.sleep(30)' "$work/lock/.itakit-batch.lock" &
holder=$!
for _ in $(seq 50); do [ -e "$work/lock/.itakit-batch.lock" ] && break; sleep 0.1; done
echo 4242 >"$work/lock/.itakit-batch.lock"
sleep 0.2
expect_status 1 "$ITAKIT" batch "$B" --year 2566 -d "$work/lock" -j 1 --quiet
expect_in "$work/err" "is in use by another batch (process 4242"
[ ! -e "$work/lock/index.csv" ] && ok || bad "a refused batch wrote an index"
kill "$holder"; wait "$holder" 2>/dev/null
# the lock of a run that is gone (its pid written, nobody holding it) is taken over
( exit 0 ) & dead=$!; wait "$dead"
echo "$dead" >"$work/lock/.itakit-batch.lock"
expect_status 0 "$ITAKIT" batch "$B" --year 2566 -d "$work/lock" -j 1 --quiet
[ -s "$work/lock/index.csv" ] && ok || bad "stale lock not taken over"
[ ! -e "$work/lock/.itakit-batch.lock" ] && ok || bad "the lock file stays after the run"
# -d a/b/c: the parents are created
expect_status 0 "$ITAKIT" batch "$B" --year 2566 -d "$work/p/q/r" -j 1 --quiet
[ -s "$work/p/q/r/index.csv" ] && ok || bad "-d with missing parents"

# an interrupted re-run leaves no index describing reports that are not there
expect_status 0 "$ITAKIT" batch "$D" --year 2566 -d "$work/re" -j 1 --quiet
"$ITAKIT" batch "$D" --year 2565 -d "$work/re" -j 1 --quiet 2>/dev/null &
pid=$!
for _ in $(seq 200); do [ -e "$work/re/index.csv" ] || break; sleep 0.05; done
sleep 0.3
kill -INT "$pid"; wait "$pid"
if [ -e "$work/re/index.csv" ]; then
	python3 - "$work/re" <<'PY' && ok || bad "index.csv lists reports that are not there"
import csv, os, sys
d = sys.argv[1]
for r in csv.DictReader(open(os.path.join(d, "index.csv"), encoding="utf-8-sig")):
    assert not r["file"] or os.path.isfile(os.path.join(d, r["file"])), r
PY
else
	ok
fi
[ -z "$(find "$work/re" -name '.itakit-*')" ] && ok || bad "left: $(find "$work/re" -name '.itakit-*')"

# ---- 5. leftovers of killed runs: swept by the next writer there -----------
mkdir -p "$work/left"
( exit 0 ) & dead=$!; wait "$dead"
touch "$work/left/.itakit-tmp-$dead-out.json-Ab12Cd" "$work/left/.itakit-tmp-$$-other.json-Ef34Gh"
expect_status 0 "$ITAKIT" analyze "$B" --format json -o "$work/left/new.json"
[ ! -e "$work/left/.itakit-tmp-$dead-out.json-Ab12Cd" ] && ok || bad "a dead run's temporary file was not swept"
[ -e "$work/left/.itakit-tmp-$$-other.json-Ef34Gh" ] && ok || bad "a live process's temporary file was removed"
# a real SIGKILL while writing
awk 'BEGIN { print "unit,year,1,2,3,4,5,6,7,8,9,10";
	for (i = 0; i < 4000; i++) for (y = 2563; y <= 2566; y++)
		print "หน่วยงาน " i "," y ",90,80,70,85,88,91,77,66,100,90" }' >"$work/big.csv"
mkdir -p "$work/kill"
"$ITAKIT" analyze "$work/big.csv" --format json -o "$work/kill/out.json" 2>/dev/null &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
	compgen -G "$work/kill/.itakit-tmp-$pid-out.json-*" >/dev/null && { kill -KILL "$pid"; break; }
done
wait "$pid" 2>/dev/null
expect_status 0 "$ITAKIT" chart trend "$B" --unit "$U" -o "$work/kill/trend.png"
[ -z "$(find "$work/kill" -name '.itakit-tmp-*')" ] && ok || bad "SIGKILL leftover not swept by the next command"

# ---- 6. index cells safe in a spreadsheet; the comparison in index.csv -----
{
	echo "code,unit,year,indicator,score"
	printf '%s\n' '=1+1,"=HYPERLINK(""http://x"")",2566,overall,90' '+2,+ข,2566,overall,80' \
		'-3,-ค,2566,overall,70' '@4,@SUM(A1),2566,overall,60'
	printf 'c5,unit\001five,2566,overall,50\n'
} >"$work/formula.csv"
mkdir -p "$work/f"
: >"$work/f/charts" # a file where the charts directory goes: the comparison job fails
expect_status 1 "$ITAKIT" batch "$work/formula.csv" --year 2566 -d "$work/f" -j 1 --quiet
python3 - "$work/f" <<'PY' && ok || bad "index cells not safe, or index.csv and index.json disagree on the comparison"
import csv, json, os, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(os.path.join(d, "index.csv"), encoding="utf-8-sig")))
j = json.load(open(os.path.join(d, "index.json")))
last = rows.pop()
assert last["no"] == "" and last["status"] == j["compare"]["status"] == "failed", (last, j["compare"])
assert last["reason"] and last["reason"] == j["compare"]["reason"].replace("\n", " "), (last, j["compare"])
assert [r["code"] for r in rows] == ["'=1+1", "'+2", "'-3", "'@4", "c5"], [r["code"] for r in rows]
assert [r["unit"][:2] for r in rows] == ["'=", "'+", "'-", "'@", "un"]
assert rows[4]["unit"] == "unit five"
for r in rows:
    for v in r.values():
        assert v[:1] not in "=+-@" or v == "", r
PY

# ---- 4. lack of memory: exit 1 with a message, nothing left behind --------
# GLib, pango, cairo and fontconfig abort (or crash) when an allocation
# fails; the rendering runs in a child, so each limit gives either a good
# file (exit 0) or exit 1 with a message and no file at all, never a crash.
if sanitized; then
	skip "memory limits: ulimit -v cannot bound a sanitizer build"
else
	failed_once=0
	for kb in 90000 120000 150000 200000 250000 300000; do
		for cmd in report compare chart; do
			rm -rf "$work/mem"; mkdir -p "$work/mem"
			case $cmd in
			report) args=(report "$B" --unit "$U" --year 2566 -o "$work/mem/out.pdf") ;;
			compare) args=(compare "$D" --year 2566 -o "$work/mem/out.pdf") ;;
			chart) args=(chart distribution "$D" --year 2566 -o "$work/mem/out.png") ;;
			esac
			( ulimit -v "$kb"; exec timeout 60 "$ITAKIT" "${args[@]}" ) >/dev/null 2>"$work/err"
			got=$?
			left=$(ls -A "$work/mem")
			if [ "$got" -eq 0 ]; then
				[ -s "$work/mem/out.${args[-1]##*.}" ] && [ "$left" = "out.${args[-1]##*.}" ] && ok ||
					bad "$cmd under ulimit -v $kb: exit 0 but $left"
			elif [ "$got" -eq 1 ]; then
				failed_once=1
				grep -q "memory" "$work/err" && ok || bad "$cmd under ulimit -v $kb: exit 1 without a word of memory: $(head -c 300 "$work/err")"
				[ -z "$left" ] && ok || bad "$cmd under ulimit -v $kb left: $left"
			else
				bad "$cmd under ulimit -v $kb: exit $got: $(head -c 300 "$work/err")"
			fi
		done
	done
	[ "$failed_once" = 1 ] && ok || skip "no limit tried made the rendering run out of memory here"
	# batch: units whose worker dies are recorded, the others written
	( ulimit -v 200000; exec timeout 300 "$ITAKIT" batch "$D" --year 2566 -d "$work/membatch" -j 2 --quiet ) >/dev/null 2>"$work/err"
	got=$?
	[ "$got" -le 1 ] && ok || bad "batch under ulimit -v 200000: exit $got"
	[ -s "$work/membatch/index.csv" ] && ok || bad "batch under ulimit -v 200000 wrote no index"
	[ -z "$(find "$work/membatch" -name '.itakit-*')" ] && ok || bad "batch under a memory limit left $(find "$work/membatch" -name '.itakit-*' | head -3)"
	python3 - "$work/membatch" <<'PY' && ok || bad "batch under a memory limit: the index and the reports disagree"
import csv, os, sys
d = sys.argv[1]
for r in csv.DictReader(open(os.path.join(d, "index.csv"), encoding="utf-8-sig")):
    if r["no"] and r["status"] == "ok":
        assert os.path.isfile(os.path.join(d, r["file"])), r
    if r["status"] == "failed":
        assert r["reason"], r
PY
	# reading a device without end takes no more than its first bytes
	( ulimit -v 120000; exec timeout 20 "$ITAKIT" check /dev/zero ) >/dev/null 2>"$work/err"
	got=$?
	[ "$got" -eq 2 ] && ok || bad "check /dev/zero under ulimit -v 120000: exit $got"
	expect_in "$work/err" "binary file"
fi

# ---- 8. exit codes and messages -------------------------------------------
expect_status 2 "$ITAKIT" analyze "$work/missing.csv"
expect_status 2 "$ITAKIT" analyze "$work"
expect_in "$work/err" "is a directory"
SOURCE_DATE_EPOCH=abc expect_status 2 "$ITAKIT" report "$B" --unit "$U" --year 2566 -o "$work/sde.pdf"
[ "$(grep -c . "$work/err")" -eq 1 ] && ok || bad "SOURCE_DATE_EPOCH=abc: not one message: $(cat "$work/err")"
expect_in "$work/err" 'SOURCE_DATE_EPOCH="abc" is not a number of seconds'
[ ! -e "$work/sde.pdf" ] && ok || bad "SOURCE_DATE_EPOCH=abc still wrote"
SOURCE_DATE_EPOCH=abc expect_status 2 "$ITAKIT" batch "$B" --year 2566 -d "$work/sde" --quiet
[ ! -e "$work/sde" ] && ok || bad "SOURCE_DATE_EPOCH=abc: batch did work first"
if [ -w /dev/full ]; then
	"$ITAKIT" check "$B" >/dev/full 2>"$work/err"; got=$?
	[ "$got" -eq 1 ] && ok || bad "check > /dev/full: exit $got, expected 1"
	expect_in "$work/err" "cannot write to standard output"
	"$ITAKIT" analyze "$B" >/dev/full 2>"$work/err"; got=$?
	[ "$got" -eq 1 ] && ok || bad "analyze > /dev/full: exit $got, expected 1"
else
	skip "/dev/full is not writable here"
fi
# Windows-874 with one byte that has no character there: named with its offset
{ echo "unit,year,indicator,score"; printf '\xa1\xc3\xd8\xa7\xe0\xb7\xbe\xc1\xcb\xd2\xb9\xa4\xc3,2566,1,90\n'
  printf '\xa1\xc3\xd8\xa7\xe0\xb7\xbe\xc1\xcb\xd2\xb9\xa4\xc3\xfc,2566,2,80\n'; } >"$work/cp874.csv"
expect_status 2 "$ITAKIT" check "$work/cp874.csv"
expect_in "$work/err" "cp874.csv:3:14: error: invalid UTF-8 (byte 0xFC at byte offset 63), and not Windows-874"
# UTF-32, with and without its byte order mark
printf '\xff\xfe\0\0u\0\0\0n\0\0\0' >"$work/u32bom.csv"
python3 -c 'import sys; open(sys.argv[1], "wb").write("unit,year,indicator,score\n".encode("utf-32-le"))' "$work/u32.csv"
for f in u32bom u32; do
	expect_status 2 "$ITAKIT" check "$work/$f.csv"
	expect_in "$work/err" "UTF-32 text"
done
# check: how many problems were not shown, and how to see them all
{ echo "unit,year,indicator,score"; for i in $(seq 130); do echo "u$i,2566,1,abc"; done; } >"$work/many.csv"
expect_status 2 "$ITAKIT" check "$work/many.csv"
expect_in "$work/err" "30 more problems not shown; --max-problems 0 lists every one"
expect_status 2 "$ITAKIT" check "$work/many.csv" --max-problems 0
[ "$(grep -c ': error: ' "$work/err")" -eq 130 ] && ok || bad "--max-problems 0 shows $(grep -c ': error: ' "$work/err") of 130"
# framework: a repeated key or section, an alias that is another indicator's name
cp "$SRC/data/framework.ini" "$work/dup.ini"
printf '\n[defaults]\nthreshold = 80\n' >>"$work/dup.ini"
expect_status 2 "$ITAKIT" check "$B" --framework "$work/dup.ini"
expect_in "$work/err" "a second [defaults] section; the first is on line"
{ echo "[defaults]"; echo "threshold = 85"; echo "threshold = 80"; sed -n '/^\[era/,$p' "$SRC/data/framework.ini"; } >"$work/dupkey.ini"
expect_status 2 "$ITAKIT" check "$B" --framework "$work/dupkey.ini"
expect_in "$work/err" "threshold is given twice; the first is on line 2"
awk '{ print } /^indicator *= *10 *\|/ && !done { print "alias = 2 | การใช้อำนาจ"; done = 1 }' "$SRC/data/framework.ini" >"$work/alias.ini"
expect_status 2 "$ITAKIT" check "$B" --framework "$work/alias.ini"
expect_in "$work/err" "alias 'การใช้อำนาจ' for indicator 2 is the name of indicator 3"
finish

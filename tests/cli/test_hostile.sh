#!/usr/bin/env bash
# End-to-end: hostile input. Whatever a CSV file holds, itakit exits 2 with a
# FILE:LINE:COLUMN message, in bounded time (timeout 20) and memory
# (ulimit -v 2 GB, not applicable to sanitizer builds), and never crashes.
. "$(dirname "$0")/lib.sh"
H="unit,year,indicator,score"

# A file of N copies of byte C.
bytes() { head -c "$1" /dev/zero | tr '\0' "$2"; }

# hostile FILE TEXT: both commands reject FILE with exit 2, a located error
# mentioning TEXT, and no output file.
hostile() {
	local file=$1 text=$2 cmd
	for cmd in check "analyze -o $work/out.json"; do
		# shellcheck disable=SC2086
		(
			sanitized || ulimit -v 2097152
			exec timeout 20 "$ITAKIT" $cmd "$file"
		) >"$work/out" 2>"$work/err"
		local got=$?
		if [ "$got" -eq 2 ]; then ok; else
			bad "$cmd $(basename "$file"): exit $got, expected 2"; head -c 400 "$work/err" | sed 's/^/  | /' >&2; fi
		expect_located "$work/err"
		expect_in "$work/err" "$text"
		[ ! -e "$work/out.json" ] && ok || bad "$cmd $(basename "$file") wrote an output"
		rm -f "$work/out.json"
	done
}
# a field of 1 MB
{ echo "$H"; bytes 1048576 a; echo ",2566,1,90"; } >"$work/long_field.csv"
# 10,000 columns in the header; 1e6 commas on a data line
{ for i in $(seq 1 10000); do printf 'c%d,' "$i"; done; echo; } >"$work/wide_header.csv"
{ echo "$H"; bytes 1000000 ,; echo; } >"$work/commas.csv"
# a NUL byte; invalid UTF-8 that is not Windows-874 either
{ echo "$H"; printf 'x,2566,1,9\0000\n'; } >"$work/nul.csv"
{ echo "$H"; printf '\377\376\300,2566,1,90\n'; } >"$work/bad_utf8.csv"
# other formats renamed .csv
{ printf '%%PDF-1.5\n%%\342\343\317\323\n'; for i in $(seq 1 200); do printf '%d 0 obj\n<< /Length 3 >>\nstream\n\001\002\003\nendstream\nendobj\n' "$i"; done; } >"$work/report.pdf.csv"
{ printf 'PK\003\004\024\000\006\000'; bytes 3000 '\001'; } >"$work/book.xlsx.csv"
for i in $(seq 0 255); do printf "\\$(printf %03o "$i")"; done >"$work/bytes"
for i in $(seq 1 20); do cat "$work/bytes"; done >"$work/binary.csv"
# an empty file; a file of only a BOM
: >"$work/empty.csv"
printf '\357\273\277' >"$work/bom_only.csv"
# 2 GB, sparse: rejected from its size, without reading it
truncate -s 2G "$work/sparse.csv"
# a quoted field that never closes, made of escaped quotes ("" pairs)
{ echo "$H"; printf '"'; bytes 400000 '"'; echo ',2566,1,90'; } >"$work/deep_quotes.csv"
# 5 MB with no line break at all after the header
{ echo "$H"; printf 'x,2566,1,'; bytes 5000000 9; } >"$work/no_newline.csv"

hostile "$work/long_field.csv" "field longer than the limit of 4096 bytes"
hostile "$work/wide_header.csv" "more than 256 columns"
hostile "$work/commas.csv" "more than 256 fields"
hostile "$work/nul.csv" "NUL byte"
hostile "$work/bad_utf8.csv" "invalid UTF-8"
hostile "$work/report.pdf.csv" "PDF document"
hostile "$work/book.xlsx.csv" "Excel workbook"
hostile "$work/binary.csv" "binary file"
hostile "$work/empty.csv" "the file is empty"
hostile "$work/bom_only.csv" "the file is empty"
hostile "$work/sparse.csv" "larger than the limit of 268435456 bytes"
hostile "$work/deep_quotes.csv" "closing quote missing"
hostile "$work/no_newline.csv" "field longer than the limit"
# a device that never ends: told from its first bytes, not read to the limit
hostile /dev/zero "binary file"
# the report reads the same way: exit 2, located, no PDF
for f in nul.csv report.pdf.csv deep_quotes.csv; do
	expect_status 2 timeout 20 "$ITAKIT" report "$work/$f" -o "$work/r.pdf"
	expect_located "$work/err"
	[ ! -e "$work/r.pdf" ] && ok || bad "report of $f wrote a PDF"
done
# the bundled bad-input fixtures
for f in "$FIXTURES"/bad_*.csv; do
	expect_status 2 timeout 20 "$ITAKIT" check "$f"
	expect_located "$work/err"
done

# CR-only line ends (old Mac exports) are CSV: read, not rejected
printf 'unit,year,indicator,score\rกทม,2566,1,90\rกทม,2566,2,80\r' >"$work/cr.csv"
expect_status 0 timeout 20 "$ITAKIT" check "$work/cr.csv"
expect_in "$work/out" "1 units, fiscal years 2566-2566, 2 rows"

# More rows than the memory at hand: a clear message naming the line, exit 1
# (the machine's limit, not a broken file), no crash. 100 MB of address
# space: the shared libraries take about 70 (libxml2 maps ICU's 30 MB of
# data) before the first row is read.
if sanitized; then
	skip "out-of-memory case: ulimit -v cannot bound a sanitizer build"
else
	awk 'BEGIN { print "unit,year,indicator,score"; for (i = 0; i < 200000; i++) print "u" i ",2566,1,90" }' >"$work/rows.csv"
	( ulimit -v 102400; exec timeout 20 "$ITAKIT" analyze "$work/rows.csv" -o "$work/rows.json" ) >"$work/out" 2>"$work/err"
	got=$?
	[ "$got" -eq 1 ] && ok || bad "rows.csv under 100 MB: exit $got, expected 1"
	expect_in "$work/err" "out of memory after"
	expect_in "$work/err" "split it into smaller files"
	[ ! -e "$work/rows.json" ] && ok || bad "rows.csv: output written"
fi

finish

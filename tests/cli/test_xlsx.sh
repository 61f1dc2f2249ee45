#!/usr/bin/env bash
# .xlsx end to end: analyze writes a workbook (by --format and by the
# extension), the same bytes for the same SOURCE_DATE_EPOCH; batch writes
# index.xlsx; a workbook is read wherever a CSV is, with --sheet and errors
# at FILE:SHEET!CELL. LibreOffice (headless) opens what itakit writes and
# writes workbooks itakit reads; without it those checks are skipped and the
# test reports Skipped.
. "$(dirname "$0")/lib.sh"
data=$SRC/data/bangkok.csv

is_zip() { [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = 'PK003004' ]; }

# ---- out
expect_status 0 "$ITAKIT" analyze "$data" --format xlsx -o "$work/a.xlsx"
if is_zip "$work/a.xlsx"; then ok; else bad "a.xlsx is not a ZIP container"; fi
# DOS times in a ZIP have a 2-second step: a clock stamped in would show
sleep 2
expect_status 0 "$ITAKIT" analyze "$data" -o "$work/b.xlsx"
if cmp -s "$work/a.xlsx" "$work/b.xlsx"; then ok; else bad "two runs with one SOURCE_DATE_EPOCH differ"; fi
SOURCE_DATE_EPOCH=1800000000 "$ITAKIT" analyze "$data" -o "$work/c.xlsx" 2>/dev/null
if cmp -s "$work/a.xlsx" "$work/c.xlsx"; then bad "SOURCE_DATE_EPOCH is not stamped in"; else ok; fi
# the same bytes in every time zone (the dates are UTC ones)
for tz in UTC Asia/Bangkok America/New_York; do
	TZ=$tz "$ITAKIT" analyze "$data" -o "$work/tz.xlsx" 2>/dev/null
	if cmp -s "$work/a.xlsx" "$work/tz.xlsx"; then ok; else bad "TZ=$tz changes the workbook"; fi
done
# SOURCE_DATE_EPOCH=0 is a date too, not "now"
SOURCE_DATE_EPOCH=0 "$ITAKIT" analyze "$data" -o "$work/e0.xlsx" 2>/dev/null
sleep 1
SOURCE_DATE_EPOCH=0 "$ITAKIT" analyze "$data" -o "$work/e1.xlsx" 2>/dev/null
if cmp -s "$work/e0.xlsx" "$work/e1.xlsx"; then ok; else bad "two runs with SOURCE_DATE_EPOCH=0 differ"; fi
# several units: the ranking sheet is there
expect_status 0 "$ITAKIT" analyze "$SRC/data/bangkok_districts_synthetic.csv" --year 2566 -o "$work/d.xlsx"
if unzip -p "$work/d.xlsx" xl/workbook.xml 2>/dev/null | grep -q 'อันดับ 2566'; then ok
elif ! command -v unzip >/dev/null; then skip "unzip missing: ranking sheet not checked"
else bad "d.xlsx has no ranking sheet"; fi

# ---- batch: index.xlsx beside index.csv
expect_status 0 "$ITAKIT" batch "$data" --year 2566 -d "$work/batch" --quiet
if [ -f "$work/batch/index.csv" ] && is_zip "$work/batch/index.xlsx"; then ok; else bad "batch wrote no index.xlsx"; fi
TZ=America/New_York "$ITAKIT" batch "$data" --year 2566 -d "$work/batch_ny" --quiet
if cmp -s "$work/batch/index.xlsx" "$work/batch_ny/index.xlsx"; then ok; else bad "TZ changes index.xlsx"; fi

# ---- in: the written workbook's summary is not a score table, but its
# sheets can be named; a missing one is listed
expect_status 2 "$ITAKIT" analyze "$work/a.xlsx" --sheet "ไม่มี"
expect_in "$work/err" "no sheet named 'ไม่มี'"

# ---- the office libraries are loaded only by a command that reads or
# writes an office file (the dynamic linker names every file it loads)
office_libs() {
	LD_DEBUG=files "$@" 2>&1 >/dev/null | grep -oE 'file=lib(xml2|zip|xlsxwriter)\.so[.0-9]*' | sort -u | tr '\n' ' '
}
libs=$(office_libs "$ITAKIT" chart indicators "$data" --unit กรุงเทพมหานคร --year 2566 -o "$work/lazy.png")
[ -z "$libs" ] && ok || bad "a chart of a CSV loads $libs"
libs=$(office_libs "$ITAKIT" report "$data" --unit กรุงเทพมหานคร --year 2566 -o "$work/lazy.pdf")
[ -z "$libs" ] && ok || bad "a PDF report of a CSV loads $libs"
libs=$(office_libs "$ITAKIT" analyze "$data" -o "$work/lazy.xlsx")
expect_in <(echo "$libs") "file=libxlsxwriter.so"
libs=$(office_libs "$ITAKIT" report "$data" --unit กรุงเทพมหานคร --year 2566 -o "$work/lazy.docx")
expect_in <(echo "$libs") "file=libzip.so"
libs=$(office_libs "$ITAKIT" analyze "$work/a.xlsx" --sheet "ไม่มี")
case $libs in *libzip.so*libxml2.so* | *libxml2.so*libzip.so*) ok ;; *) bad "reading a workbook loaded only: $libs" ;; esac

have_soffice=
command -v soffice >/dev/null && have_soffice=1
if [ -z "$have_soffice" ]; then
	echo "SKIP: LibreOffice (soffice) is not installed: workbooks not checked with a spreadsheet" \
		"(apt-get install libreoffice-calc-nogui)"
	echo "$passes passed, $fails failed"
	[ "$fails" -eq 0 ] && exit 77
	exit 1
fi
lo() { soffice -env:UserInstallation="file://$work/lo" --headless "$@" >"$work/lo.log" 2>&1; }

# ---- LibreOffice opens what itakit writes: every sheet to CSV
mkdir -p "$work/csv"
lo --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
	--outdir "$work/csv" "$work/a.xlsx"
ind=$(ls "$work/csv"/a-*ตัวชี้วัด*.csv 2>/dev/null | head -1)
sum=$(ls "$work/csv"/a-*สรุป*.csv 2>/dev/null | head -1)
if [ -n "$ind" ] && [ -n "$sum" ]; then
	ok
	# the values a spreadsheet shows: Bangkok 2566, from the published figures
	expect_in "$ind" "กรุงเทพมหานคร,,,2566,6,คุณภาพการดำเนินงาน,82.88,ใช่,-2.12"
	expect_in "$ind" "กรุงเทพมหานคร,,,2566,9,การเปิดเผยข้อมูล,100.00,ไม่ใช่,15.00"
	expect_in "$sum" "กรุงเทพมหานคร,,,2566,82.44,80.82,100.00,88.98,"
	expect_in "$sum" ",-1.03,6,6 7 8 5 4 2"
	expect_in "$sum" "กรุงเทพมหานคร,,,2562,"
else
	bad "LibreOffice did not convert a.xlsx"; sed 's/^/  | /' "$work/lo.log" | head -5 >&2
fi

# ---- itakit reads what LibreOffice writes: the same analysis as from CSV
cp "$data" "$work/bkk.csv"
lo --infilter=CSV:44,34,76,1 --convert-to xlsx --outdir "$work" "$work/bkk.csv"
if [ -f "$work/bkk.xlsx" ]; then
	expect_status 0 "$ITAKIT" analyze "$work/bkk.csv" --format json -o "$work/from_csv.json"
	expect_status 0 "$ITAKIT" analyze "$work/bkk.xlsx" --format json -o "$work/from_xlsx.json"
	if cmp -s "$work/from_csv.json" "$work/from_xlsx.json"; then ok; else bad "the workbook analyses differently"; fi
	# a bad cell: named by sheet and cell
	sed 's/^กรุงเทพมหานคร,2566,6,82.88$/กรุงเทพมหานคร,2566,6,x/' "$data" >"$work/bad.csv"
	grep -q ',6,x$' "$work/bad.csv" || bad "bad.csv: the row to break was not found"
	lo --infilter=CSV:44,34,76,1 --convert-to xlsx --outdir "$work" "$work/bad.csv"
	expect_status 2 "$ITAKIT" analyze "$work/bad.xlsx"
	line=$(grep -n ',6,x$' "$work/bad.csv" | cut -d: -f1)
	expect_in "$work/err" "bad.xlsx:bad!D$line: error: score 'x' is not a number"
else
	bad "LibreOffice did not write bkk.xlsx"; sed 's/^/  | /' "$work/lo.log" | head -5 >&2
fi
finish

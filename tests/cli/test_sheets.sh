#!/usr/bin/env bash
# One workbook for every input: scores, measures catalog and status file as
# sheets of one .xlsx (written by tests/support/make_workbook.c from the CSV
# files in data/), each found by its header or named with --sheet,
# --measures-sheet and --status-sheet, in report, progress, batch, analyze
# and check. What the workbook gives is judged against the same commands on
# the CSV files it was made from; errors name FILE:SHEET!CELL.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
[ -x "${MAKE_WORKBOOK:-}" ] || skip_all "the workbook maker (itakit-make-workbook) is not built"
command -v pdftotext >/dev/null || skip_all "poppler-utils (pdftotext) is not installed"
B="$SRC/data/bangkok.csv"
S6="$SRC/data/status_bangkok_2567_6.csv"
BKK=กรุงเทพมหานคร
text() { pdftotext "$1" - | tr -d ' \n\f'; }
same_text() {
	if [ "$(text "$1")" = "$(text "$2")" ]; then ok; else bad "$(basename "$1") and $(basename "$2") differ in text"; fi
}

# the catalog of the workbook differs from the built-in one in M04's issue,
# so that a report shows which catalog it read
sed 's/^M04,6,คุณภาพการดำเนินงานและการให้บริการอย่างเป็นธรรม,/M04,6,คุณภาพการบริการตามคู่มือในสมุดงาน,/' \
	"$SRC/data/measures.csv" >"$work/measures.csv"
grep -q "คุณภาพการบริการตามคู่มือในสมุดงาน" "$work/measures.csv" || bad "the catalog's row to change was not found"
printf 'หมายเหตุ\nสมุดงานนี้เก็บข้อมูลทุกชุดของหน่วยงาน\n' >"$work/notes.csv"
# the sheets in an order that makes every input look past the first sheet
"$MAKE_WORKBOOK" "$work/book.xlsx" "หมายเหตุ=$work/notes.csv" "ติดตามผล=$S6" \
	"มาตรการ=$work/measures.csv" "คะแนน=$B" || bad "make_workbook failed"
W="$work/book.xlsx"

# ---- scores: the sheet found by its header, the same analysis as the CSV
expect_status 0 "$ITAKIT" analyze "$B" --format json -o "$work/csv.json"
expect_status 0 "$ITAKIT" analyze "$W" --format json -o "$work/book.json"
if cmp -s "$work/csv.json" "$work/book.json"; then ok; else bad "the workbook's scores analyse differently"; fi
expect_status 0 "$ITAKIT" analyze "$W" --sheet "คะแนน" --format json -o "$work/named.json"
if cmp -s "$work/csv.json" "$work/named.json"; then ok; else bad "--sheet คะแนน analyses differently"; fi
# Bangkok 2566 as published: overall 88.98, down 1.03
expect_status 0 "$ITAKIT" analyze "$W" --year 2566 --lang en --format csv
expect_in "$work/out" "88.98"
expect_in "$work/out" "-1.03"
# below a title row merged across the table
"$MAKE_WORKBOOK" "$work/titled.xlsx" --title "ผลการประเมิน ITA กรุงเทพมหานคร" "ผล=$B" || bad "make_workbook --title failed"
expect_status 0 "$ITAKIT" analyze "$work/titled.xlsx" --format json -o "$work/titled.json"
if cmp -s "$work/csv.json" "$work/titled.json"; then ok; else bad "the titled sheet analyses differently"; fi

# ---- a sheet name that is not there: exit 2, the file, its sheets, the one meant
expect_status 2 "$ITAKIT" analyze "$W" --sheet "คะเเนน"
expect_in "$work/err" "book.xlsx: error: the workbook has no sheet named 'คะเเนน'; its sheets are 'หมายเหตุ', 'ติดตามผล', 'มาตรการ', 'คะแนน'; did you mean 'คะแนน'?"
expect_status 2 "$ITAKIT" report "$W" --measures "$W" --measures-sheet "มาตรกร" -o "$work/x.pdf"
expect_in "$work/err" "did you mean 'มาตรการ'?"
[ ! -e "$work/x.pdf" ] && ok || bad "a report was written with an unknown sheet"
expect_status 2 "$ITAKIT" progress "$W" --unit "$BKK" --year 2566 --status "$W" --status-sheet "Status" \
	--round 6 -o "$work/x.pdf"
expect_in "$work/err" "no sheet named 'Status'"
# a sheet option without the file it is a sheet of
expect_status 2 "$ITAKIT" report "$B" --measures-sheet "มาตรการ" -o "$work/x.pdf"
expect_in "$work/err" "--measures-sheet names a sheet of the catalog's workbook; give the workbook with --measures"
# case does not tell sheets apart in a spreadsheet
"$MAKE_WORKBOOK" "$work/en.xlsx" "Notes=$work/notes.csv" "Scores=$B" || bad "make_workbook en.xlsx failed"
expect_status 0 "$ITAKIT" analyze "$work/en.xlsx" --sheet scores --format json -o "$work/case.json"
if cmp -s "$work/csv.json" "$work/case.json"; then ok; else bad "--sheet scores did not read sheet Scores"; fi

# ---- report: scores and catalog from the workbook, as from the CSV files
# (no national average: the CSV's directory has one, the workbook's not)
expect_status 0 "$ITAKIT" report "$B" --measures "$work/measures.csv" --year 2566 --no-national -o "$work/r_csv.pdf"
expect_status 0 "$ITAKIT" report "$W" --measures "$W" --year 2566 --no-national -o "$work/r_book.pdf"
same_text "$work/r_csv.pdf" "$work/r_book.pdf"
if text "$work/r_book.pdf" | grep -qF "คุณภาพการบริการตามคู่มือในสมุดงาน"; then ok; else bad "the report did not read the workbook's catalog"; fi
expect_status 0 "$ITAKIT" report "$W" --sheet "คะแนน" --measures "$W" --measures-sheet "มาตรการ" --year 2566 \
	--no-national -o "$work/r_named.pdf"
same_text "$work/r_csv.pdf" "$work/r_named.pdf"

# --verbose says which sheet each input was read from
expect_status 0 "$ITAKIT" report "$W" --measures "$W" --year 2566 --no-national --verbose -o "$work/r_v.pdf"
expect_in "$work/err" "itakit report: $W: scores read from sheet 'คะแนน'"
expect_in "$work/err" "itakit report: $W: measures catalog read from sheet 'มาตรการ'"
expect_status 0 "$ITAKIT" report "$B" --year 2566 --no-national --verbose -o "$work/r_v2.pdf"
expect_not_in "$work/err" "read from sheet"

# ---- progress: the status sheet; one done, two in progress, one not started:
# progress (60 + 40 + 100 + 0) / 4 = 50, budget 45,000 + 120,000 = 165,000
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S6" --round 6 --lang en \
	-o "$work/p_csv.pdf"
expect_status 0 "$ITAKIT" progress "$W" --unit "$BKK" --year 2566 --status "$W" --round 6 --lang en \
	-o "$work/p_book.pdf"
same_text "$work/p_csv.pdf" "$work/p_book.pdf"
if text "$work/p_book.pdf" | grep -qF "Averageprogressis50.00%"; then ok; else bad "p_book.pdf lacks the average progress 50.00%"; fi
expect_status 0 "$ITAKIT" progress "$W" --unit "$BKK" --year 2566 --status "$W" --status-sheet "ติดตามผล" \
	--sheet "คะแนน" --round 6 --lang en -o "$work/p_named.pdf"
same_text "$work/p_csv.pdf" "$work/p_named.pdf"
expect_status 0 "$ITAKIT" progress "$W" --unit "$BKK" --year 2566 --status "$W" --round 6 --verbose \
	-o "$work/p_v.pdf"
expect_in "$work/err" "itakit progress: $W: status read from sheet 'ติดตามผล'"

# ---- errors in a status sheet are at its cells: progress 120 in C3, an id
# outside the plan in A4
printf 'id,status,progress\nM04,in_progress,50\nM05,in_progress,120\nM99,done,100\n' >"$work/bad_status.csv"
"$MAKE_WORKBOOK" "$work/bad.xlsx" "คะแนน=$B" "ติดตามผล=$work/bad_status.csv" || bad "make_workbook bad.xlsx failed"
expect_status 2 "$ITAKIT" progress "$work/bad.xlsx" --unit "$BKK" --year 2566 --status "$work/bad.xlsx" \
	--round 6 -o "$work/bad.pdf"
expect_in "$work/err" "bad.xlsx:ติดตามผล!C3: error: progress 120 is outside 0-100"
[ ! -e "$work/bad.pdf" ] && ok || bad "a progress report was written from a bad status sheet"
printf 'id,status,progress\nM04,in_progress,50\nM99,done,100\n' >"$work/extra_status.csv"
"$MAKE_WORKBOOK" "$work/extra.xlsx" "คะแนน=$B" "ติดตามผล=$work/extra_status.csv" || bad "make_workbook extra.xlsx failed"
expect_status 2 "$ITAKIT" progress "$work/extra.xlsx" --unit "$BKK" --year 2566 --status "$work/extra.xlsx" \
	--round 6 -o "$work/extra.pdf"
expect_in "$work/err" "extra.xlsx:ติดตามผล!A3: error: measure 'M99' is not among the measures"

# ---- batch: every input from the workbook
expect_status 0 "$ITAKIT" batch "$W" --year 2566 --measures "$W" --status "$W" --round 6 -d "$work/batch" --quiet -j 1
n=$(ls "$work/batch/reports/"*.pdf 2>/dev/null | wc -l)
[ "$n" -eq 2 ] && ok || bad "batch from the workbook wrote $n reports, expected the report and its progress report"
expect_status 2 "$ITAKIT" batch "$W" --year 2566 --status "$W" --status-sheet "คะแนน" --round 6 -d "$work/batch2" --quiet
expect_in "$work/err" "book.xlsx:คะแนน!B1: error: unknown column 'year'"

# ---- check: every sheet as what it is; the notes sheet is left alone
expect_status 0 "$ITAKIT" check "$W"
expect_in "$work/out" "book.xlsx:หมายเหตุ: not checked"
expect_in "$work/out" "book.xlsx:ติดตามผล: ok: status of 4 measures: 1 not started, 2 in progress, 1 done"
expect_in "$work/out" "book.xlsx:มาตรการ: ok: measures catalog, 9 measures"
expect_in "$work/out" "book.xlsx:คะแนน: ok: 1 units, fiscal years 2562-2566, 14 rows"
# named sheets only
expect_status 0 "$ITAKIT" check "$W" --status-sheet "ติดตามผล"
expect_in "$work/out" "book.xlsx:ติดตามผล: ok: status of 4 measures"
expect_not_in "$work/out" "measures catalog"
expect_status 2 "$ITAKIT" check "$W" --sheet "ไม่มี"
expect_in "$work/err" "no sheet named 'ไม่มี'"
expect_status 2 "$ITAKIT" check "$work/bad.xlsx"
expect_in "$work/err" "bad.xlsx:ติดตามผล!C3: error: progress 120 is outside 0-100"
expect_in "$work/out" "bad.xlsx:ติดตามผล: 1 error"
# status files as CSV are recognised too, by their Thai or English header
expect_status 0 "$ITAKIT" check "$S6" "$SRC/data/status_bangkok_2567_12.csv"
expect_in "$work/out" "status_bangkok_2567_6.csv: ok: status of 4 measures: 1 not started, 2 in progress, 1 done"
expect_in "$work/out" "status_bangkok_2567_12.csv: ok: status of 4 measures: 1 in progress, 3 done"
expect_status 2 "$ITAKIT" check "$work/bad_status.csv"
expect_in "$work/err" "bad_status.csv:3:17: error: progress 120 is outside 0-100"
expect_status 2 "$ITAKIT" check --as status "$B"
expect_in "$work/err" "unknown column"
# the catalog of a workbook serves --unit as a CSV catalog does
expect_status 0 "$ITAKIT" check "$W" --unit "$BKK" --year 2566
expect_in "$work/out" "book.xlsx:มาตรการ: the report of $BKK for fiscal year 2566 flags indicators 6, 7, 8, 5, 4, 2"
expect_in "$work/out" "คุณภาพการบริการตามคู่มือในสมุดงาน"
# and its status sheet is checked against those measures (M04, M05, M03, M02)
expect_in "$work/out" "book.xlsx:ติดตามผล: the rows for $BKK report on the measures listed above"
expect_status 2 "$ITAKIT" check "$B" "$work/extra_status.csv" --unit "$BKK" --year 2566
expect_in "$work/err" "extra_status.csv:3:1: error: measure 'M99' is not among the measures of $BKK's plan (M04, M05, M03, M02)"
expect_in "$work/out" "extra_status.csv: 1 error against the measures listed above"
finish

#!/usr/bin/env bash
# End-to-end: itakit chart on the bundled data and chart fixtures: every kind
# in every format, sizes, PDF text, determinism, edge cases, errors.
. "$(dirname "$0")/lib.sh"
B="$SRC/data/bangkok.csv"
N="$SRC/data/national_averages.csv"
D="$SRC/data/bangkok_districts_synthetic.csv"
ONE="$FIXTURES/chart_one_year.csv"
FULL="$FIXTURES/chart_all_100.csv"
district=สำนักงานเขตพระนคร
single="overall indicators tools delta trend"
multi="heatmap ranking distribution change"

# png_size FILE: "W H" from the IHDR chunk
png_size() {
	python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); assert d[:8]==b"\x89PNG\r\n\x1a\n"; print(*struct.unpack(">II", d[16:24]))' "$1"
}
expect_png_size() {
	local got; got=$(png_size "$1" 2>/dev/null)
	if [ "$got" = "$2" ]; then ok; else bad "$(basename "$1"): size \"$got\", expected \"$2\""; fi
}
pdf_text() { pdftotext -raw -enc UTF-8 "$1" - 2>/dev/null; }
expect_pdf_text() {
	pdf_text "$1" >"$work/pdf.txt"
	shift
	for t in "$@"; do expect_in "$work/pdf.txt" "$t"; done
}
no_temp_files() {
	if ls -A "$1" | grep -q '^\.'; then bad "temporary files left in $1: $(ls -A "$1" | grep '^\.')"; else ok; fi
}

# --- every kind in every format, from the bundled data ---
for k in $single; do
	for ext in png svg pdf; do
		expect_status 0 "$ITAKIT" chart "$k" "$D" --unit "$district" --year 2566 -o "$work/$k.$ext"
		[ -s "$work/$k.$ext" ] && ok || bad "$k.$ext is empty"
	done
	expect_png_size "$work/$k.png" "1000 625"   # 480 x 300 pt at 150 dpi
done
for k in $multi; do
	for ext in png svg pdf; do
		expect_status 0 "$ITAKIT" chart "$k" "$D" --year 2566 -o "$work/$k.$ext"
		[ -s "$work/$k.$ext" ] && ok || bad "$k.$ext is empty"
	done
done
# 50 units: heatmap, ranking and change grow taller than the default
for k in heatmap ranking change; do
	h=$(png_size "$work/$k.png" | cut -d' ' -f2)
	[ "${h:-0}" -gt 1500 ] && ok || bad "$k of 50 units is only ${h:-?} px tall"
done
head -c 5 "$work/overall.svg" | grep -q "<?xml" && ok || bad "SVG does not start with <?xml"
head -c 5 "$work/overall.pdf" | grep -q "%PDF" && ok || bad "PDF does not start with %PDF"
no_temp_files "$work"

# --- Thai text in the PDF: title, unit, years, indicator names, numbers ---
expect_status 0 "$ITAKIT" chart indicators "$B" --year 2566 -o "$work/bkk.pdf"
expect_pdf_text "$work/bkk.pdf" "คะแนนรายตัวชี้วัด" "กรุงเทพมหานคร" "ปีงบประมาณ พ.ศ. ๒๕๖๖" \
	"การปฏิบัติหน้าที่" "การใช้ทรัพย์สินของราชการ" "ประสิทธิภาพการสื่อสาร" "การป้องกันการทุจริต" \
	"๙๒.๒๗" "๗๗.๘๓" "๘๘.๙๘" "เกณฑ์ ๘๕.๐๐"
expect_status 0 "$ITAKIT" chart overall "$B" --national "$N" -o "$work/overall-nat.pdf"
expect_pdf_text "$work/overall-nat.pdf" "คะแนนภาพรวม ITA: กรุงเทพมหานคร" "ค่าเฉลี่ยระดับประเทศ" \
	"๙๐.๑๙" "๘๗.๕๗" "๘๘.๕๐" "๙๑.๔๘" "๙๐.๐๑" "ไม่มีข้อมูล"
expect_not_in "$work/pdf.txt" "๙๓.๘๒"   # the national 2568 lies outside Bangkok's years
expect_pdf_text "$work/heatmap.pdf" "คะแนนรายตัวชี้วัดเทียบระหว่างหน่วยงาน" "๕๐ หน่วยงาน" "บางรัก" "ป้อมปราบศัตรูพ่าย"
expect_pdf_text "$work/ranking.pdf" "อันดับคะแนนภาพรวมของหน่วยงาน" "สำนักงานเขตคันนายาว"
expect_pdf_text "$work/delta.pdf" "เทียบกับ พ.ศ. ๒๕๖๕" "+๔.๔๐"
# English, Arabic digits; CE year accepted
expect_status 0 "$ITAKIT" chart indicators "$B" --year 2023 --lang en -o "$work/en.pdf"
expect_pdf_text "$work/en.pdf" "Scores by indicator" "4. Use of state property" "88.98" "Fiscal year 2023 (B.E. 2566)"
expect_status 0 "$ITAKIT" chart overall "$B" --national "$N" --lang en -o "$work/en-nat.pdf"
# English years are CE, as the English text counts them: on the axis too
# (BE only beside them in the subtitle)
expect_pdf_text "$work/en-nat.pdf" "National average" "Fiscal years 2019–2023 (B.E. 2562–2566)" "2020" "2021" "2022"
expect_not_in "$work/pdf.txt" "2563"
expect_status 0 "$ITAKIT" chart tools "$B" --lang en -o "$work/en-tools.pdf"
expect_pdf_text "$work/en-tools.pdf" "2019" "2022" "2023"
expect_not_in "$work/pdf.txt" "2565"
expect_status 0 "$ITAKIT" chart indicators "$B" --digits arabic -o "$work/arabic.pdf"
expect_pdf_text "$work/arabic.pdf" "ปีงบประมาณ พ.ศ. 2566" "92.27"
# threshold
expect_status 0 "$ITAKIT" chart indicators "$B" --threshold 90 -o "$work/t90.pdf"
# a flag line off the pass line is not called "เกณฑ์" (the pass line of 85)
pdf_text "$work/t90.pdf" >"$work/t.txt"
expect_in "$work/t.txt" "เส้นเฝ้าระวัง ๙๐.๐๐"
expect_not_in "$work/t.txt" "เกณฑ์ ๙๐"
expect_status 0 "$ITAKIT" chart indicators "$B" --threshold 90 --lang en -o "$work/t90en.pdf"
expect_pdf_text "$work/t90en.pdf" "flag line 90.00"
# the chart draws the flags of the analysis run with --threshold: against 80
# Bangkok's 2566 indicators 2, 4, 5 and 8 are below it, the others not (a
# legend of both marks); against 75 none is (one mark, "every score")
expect_status 0 "$ITAKIT" chart indicators "$B" --threshold 80 -o "$work/t80.pdf"
expect_pdf_text "$work/t80.pdf" "เส้นเฝ้าระวัง ๘๐.๐๐" "ตั้งแต่ ๘๐.๐๐ ขึ้นไป" "ต่ำกว่า ๘๐.๐๐"
expect_status 0 "$ITAKIT" analyze "$B" --threshold 80 --format json -o "$work/t80.json"
expect_in "$work/t80.json" '"flagged": [8, 5, 4, 2]'
expect_status 0 "$ITAKIT" chart indicators "$B" --threshold 75 -o "$work/t75.pdf"
expect_pdf_text "$work/t75.pdf" "ทุกคะแนนตั้งแต่ ๗๕.๐๐ ขึ้นไป"
# the ranking counts passes against the pass line whatever the flag line is
expect_status 0 "$ITAKIT" chart ranking "$D" --year 2566 -o "$work/rank85.pdf"
expect_status 0 "$ITAKIT" chart ranking "$D" --year 2566 --threshold 95 -o "$work/rank95.pdf"
pass_count() { pdf_text "$1" | grep -o 'ผ่านเกณฑ์ [^ ]* จาก [^ ]*'; }
[ -n "$(pass_count "$work/rank85.pdf")" ] || bad "ranking: no pass count"
[ "$(pass_count "$work/rank85.pdf")" = "$(pass_count "$work/rank95.pdf")" ] ||
	bad "ranking: pass count moves with --threshold: $(pass_count "$work/rank85.pdf") / $(pass_count "$work/rank95.pdf")"
# --group and --units select the units of many-unit kinds
expect_status 0 "$ITAKIT" chart ranking "$D" --group กลุ่มกรุงเทพกลาง -o "$work/group.pdf"
pdf_text "$work/group.pdf" >"$work/pdf.txt"
expect_in "$work/pdf.txt" "สำนักงานเขตพระนคร"
expect_not_in "$work/pdf.txt" "สำนักงานเขตคันนายาว"
expect_status 0 "$ITAKIT" chart change "$D" --units สำนักงานเขตพระนคร,สำนักงานเขตดุสิต -o "$work/units.pdf"
expect_pdf_text "$work/units.pdf" "สำนักงานเขตพระนคร" "สำนักงานเขตดุสิต"

# --- sizes: pixels for PNG, points for SVG and PDF ---
expect_status 0 "$ITAKIT" chart tools "$D" --unit "$district" --width 800 -o "$work/w800.png"
expect_png_size "$work/w800.png" "800 500"
expect_status 0 "$ITAKIT" chart tools "$D" --unit "$district" --width 640 --height 480 -o "$work/wh.png"
expect_png_size "$work/wh.png" "640 480"
expect_status 0 "$ITAKIT" chart tools "$D" --unit "$district" --height 400 -o "$work/h400.png"
expect_png_size "$work/h400.png" "640 400"
expect_status 0 "$ITAKIT" chart tools "$D" --unit "$district" --dpi 300 -o "$work/dpi300.png"
expect_png_size "$work/dpi300.png" "2000 1250"
expect_status 0 "$ITAKIT" chart heatmap "$D" --width 1200 -o "$work/heat1200.png"
w=$(png_size "$work/heat1200.png" | cut -d' ' -f1)
[ "$w" = 1200 ] && ok || bad "heatmap --width 1200 is $w px wide"
expect_status 0 "$ITAKIT" chart tools "$D" --unit "$district" --width 600 --height 400 -o "$work/pt.pdf"
pdfinfo "$work/pt.pdf" | grep -q "Page size: *600 x 400 pts" && ok || bad "PDF page is not 600 x 400 pt: $(pdfinfo "$work/pt.pdf" | grep 'Page size')"
expect_status 0 "$ITAKIT" chart tools "$D" --unit "$district" --width 600 --height 400 -o "$work/pt.svg"
expect_in "$work/pt.svg" 'width="600pt" height="400pt"'

# --- byte-identical across runs ---
for ext in png pdf; do
	for k in overall heatmap trend; do
		args=("$D" --unit "$district")
		[ "$k" = heatmap ] && args=("$D")
		"$ITAKIT" chart "$k" "${args[@]}" -o "$work/a.$ext" && "$ITAKIT" chart "$k" "${args[@]}" -o "$work/b.$ext"
		cmp -s "$work/a.$ext" "$work/b.$ext" && ok || bad "$k.$ext differs between two runs"
	done
done

# --- edge cases ---
# a district with one year only: every kind draws, saying what is missing
for k in $single $multi; do
	expect_status 0 "$ITAKIT" chart "$k" "$ONE" -o "$work/one-$k.pdf"
	expect_status 0 "$ITAKIT" chart "$k" "$ONE" -o "$work/one-$k.png"
	pdf_text "$work/one-$k.pdf" >"$work/pdf.txt"
	expect_not_in "$work/pdf.txt" "nan"
done
expect_pdf_text "$work/one-delta.pdf" "ไม่มีข้อมูลปีก่อนหน้าให้เปรียบเทียบ"
expect_pdf_text "$work/one-trend.pdf" "ข้อมูลไม่ถึง ๓ ปี"
expect_pdf_text "$work/one-indicators.pdf" "๘๔.๙๙" "๘๕.๐๐"
# all scores 100
for k in $single $multi; do
	expect_status 0 "$ITAKIT" chart "$k" "$FULL" -o "$work/full-$k.png"
done
expect_status 0 "$ITAKIT" chart indicators "$FULL" -o "$work/full.pdf"
expect_pdf_text "$work/full.pdf" "๑๐๐.๐๐"
# a heatmap of a single unit (picked with --unit)
expect_status 0 "$ITAKIT" chart heatmap "$D" --unit "$district" --year 2566 -o "$work/heat-one.pdf"
expect_pdf_text "$work/heat-one.pdf" "๑ หน่วยงาน" "สำนักงานเขตพระนคร"
# Bangkok's 2563 has the overall only
expect_status 0 "$ITAKIT" chart indicators "$B" --year 2563 -o "$work/b2563.pdf"
expect_pdf_text "$work/b2563.pdf" "ไม่มีคะแนนรายตัวชี้วัดของปีนี้"

# --- errors: exit 2, a message, no file ---
expect_status 2 "$ITAKIT" chart pie "$B" -o "$work/x.png"
expect_in "$work/err" 'unknown chart kind "pie"'
expect_in "$work/err" "overall, indicators, tools, delta, heatmap, ranking, trend, distribution, change"
expect_status 2 "$ITAKIT" chart
expect_in "$work/err" "no chart kind"
expect_status 2 "$ITAKIT" chart overall "$B"
expect_in "$work/err" "no output file"
expect_status 2 "$ITAKIT" chart indicators "$D" -o "$work/x.png"
expect_in "$work/err" "choose one with --unit NAME"
expect_status 2 "$ITAKIT" chart indicators "$B" --year 2564 -o "$work/x.png"
expect_in "$work/err" "no data for fiscal year 2564"
expect_status 2 "$ITAKIT" chart indicators "$D" --unit "$district" --year 2561 -o "$work/x.png"
expect_in "$work/err" "no data for fiscal year 2561"
expect_status 2 "$ITAKIT" chart heatmap "$D" --year 2570 -o "$work/x.png"
expect_in "$work/err" "no data for fiscal year 2570 in the units selected; years with data: 2562 2563 2564 2565 2566"
expect_status 2 "$ITAKIT" chart indicators "$B" -o "$work/x.gif"
expect_in "$work/err" "name the file .png, .svg or .pdf"
expect_status 2 "$ITAKIT" chart indicators "$B" -o "$work/noext"
expect_status 2 "$ITAKIT" chart heatmap "$D" --national "$N" -o "$work/x.png"
expect_in "$work/err" "--national adds a line to the overall chart only"
expect_status 2 "$ITAKIT" chart overall "$B" --national "$D" -o "$work/x.png"
expect_in "$work/err" "holds 50 units"
expect_status 2 "$ITAKIT" chart overall "$B" --font "No Such Font Family" -o "$work/x.png"
expect_in "$work/err" "No Such Font Family"
expect_status 2 "$ITAKIT" chart overall "$B" --width 0 -o "$work/x.png"
expect_status 2 "$ITAKIT" chart overall "$B" --dpi abc -o "$work/x.png"
expect_status 2 "$ITAKIT" chart overall "$B" --unit ไม่มีหน่วยงานนี้ -o "$work/x.png"
expect_status 2 "$ITAKIT" chart ranking "$D" --group ไม่มีกลุ่มนี้ -o "$work/x.png"
expect_in "$work/err" 'itakit chart: no unit belongs to group "ไม่มีกลุ่มนี้"'
expect_status 2 "$ITAKIT" chart overall "$B" --lang fr -o "$work/x.png"
expect_status 2 "$ITAKIT" chart overall "$SRC/no/such/file.csv" -o "$work/x.png"
[ -e "$work/x.png" ] && bad "a failed chart left x.png" || ok
[ -e "$work/x.gif" ] && bad "a failed chart left x.gif" || ok
# a failure leaves an existing file as it was
echo "old" >"$work/keep.png"
expect_status 2 "$ITAKIT" chart indicators "$B" --year 2564 -o "$work/keep.png"
[ "$(cat "$work/keep.png")" = old ] && ok || bad "keep.png was overwritten by a failed chart"
# refuses to overwrite an input
cp "$B" "$work/in.csv"
expect_status 2 "$ITAKIT" chart overall "$work/in.csv" -o "$work/in.csv"
cmp -s "$B" "$work/in.csv" && ok || bad "input was overwritten"
no_temp_files "$work"

# --- help ---
expect_status 0 "$ITAKIT" chart --help
expect_in "$work/out" "usage: itakit chart KIND FILE..."
expect_in "$work/out" "PNG: width in pixels; SVG and PDF: width in points"
expect_status 0 "$ITAKIT" --help
expect_in "$work/out" "  chart "

# --- what the charts say matches what they draw ---
# one year: the trend promises no forecast, the tools chart shows that year only
expect_status 0 "$ITAKIT" chart trend "$ONE" -o "$work/one-trend-text.pdf"
pdf_text "$work/one-trend-text.pdf" >"$work/t.txt"
expect_not_in "$work/t.txt" "ค่าพยากรณ์"
expect_in "$work/t.txt" "ไม่ถึง ๓ ปี"
# every score below the threshold: no hatching to explain, the subtitle says it
printf 'unit,year,indicator,score\n' >"$work/low.csv"
for i in 1 2 3 4 5 6 7 8 9 10; do printf 'ต่ำ,2566,%s,7%s.50\n' "$i" "$((i % 10))" >>"$work/low.csv"; done
expect_status 0 "$ITAKIT" chart tools "$work/low.csv" -o "$work/low-tools.pdf"
pdf_text "$work/low-tools.pdf" >"$work/t.txt"
expect_not_in "$work/t.txt" "ลายทแยง"
expect_in "$work/t.txt" "ทุกคะแนนต่ำกว่า ๘๕.๐๐"
expect_status 0 "$ITAKIT" chart indicators "$work/low.csv" -o "$work/low-ind.pdf"
pdf_text "$work/low-ind.pdf" >"$work/t.txt"
expect_in "$work/t.txt" "ทุกคะแนนต่ำกว่า ๘๕.๐๐"
# the heatmap's colour key: labelled ticks and the threshold
expect_status 0 "$ITAKIT" chart heatmap "$D" --year 2566 -o "$work/heat-key.pdf"
pdf_text "$work/heat-key.pdf" >"$work/t.txt"
expect_in "$work/t.txt" "มุมดำ"
expect_in "$work/t.txt" "เกณฑ์ ๘๕.๐๐"
expect_in "$work/t.txt" "๙๐"
# the comparison describes marks by shape, not by a colour it does not draw
expect_status 0 "$ITAKIT" compare "$D" --year 2566 -o "$work/cmp.pdf"
pdf_text "$work/cmp.pdf" >"$work/t.txt"
expect_not_in "$work/t.txt" "สีแดง"
expect_in "$work/t.txt" "จุดทึบ"

finish

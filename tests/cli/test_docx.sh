#!/usr/bin/env bash
# End-to-end: report, compare and progress written as .docx, judged by a real
# word processor (LibreOffice headless converts them to PDF; poppler reads
# the text back) and by the package itself (unzip, the parts' XML).
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
export SOURCE_DATE_EPOCH=1700000000
B="$SRC/data/bangkok.csv"
D="$SRC/data/bangkok_districts_synthetic.csv"
P="$SRC/data/profile.ini"
S6="$SRC/data/status_bangkok_2567_6.csv"
BKK=กรุงเทพมหานคร

command -v unzip >/dev/null || skip_all "unzip not installed"

# part FILE NAME: one part of the package on stdout
part() { unzip -p "$1" "$2"; }
# unzip_clean FILE: the container tests clean, with the parts a DOCX needs
unzip_clean() {
	if unzip -tq "$1" >/dev/null 2>&1; then ok; else bad "$(basename "$1"): unzip -t fails"; fi
	local names; names=$(unzip -Z1 "$1" | tr '\n' ' ')
	case "$names" in
	"[Content_Types].xml _rels/.rels docProps/core.xml docProps/app.xml word/document.xml "*) ok ;;
	*) bad "$(basename "$1"): parts $names" ;;
	esac
	# every XML part is well-formed
	if python3 - "$1" <<'EOF'
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if n.endswith(".xml") or n.endswith(".rels"):
        xml.dom.minidom.parseString(z.read(n))
EOF
	then ok; else bad "$(basename "$1"): malformed XML part"; fi
}

# ---- the four documents, each written twice ----
expect_status 0 "$ITAKIT" report "$B" --unit "$BKK" --year 2566 --profile "$P" -o "$work/th.docx"
expect_status 0 "$ITAKIT" report "$B" --unit "$BKK" --year 2566 --profile "$P" -o "$work/th2.docx"
expect_status 0 "$ITAKIT" report "$B" --unit "$BKK" --year 2566 --lang en --profile "$P" -o "$work/en.docx"
expect_status 0 "$ITAKIT" compare "$D" --year 2566 -o "$work/cmp.docx"
expect_status 0 "$ITAKIT" compare "$D" --year 2566 -o "$work/cmp2.docx"
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S6" --round 6 -o "$work/prog.docx"
expect_status 0 "$ITAKIT" progress "$B" --unit "$BKK" --year 2566 --status "$S6" --round 6 -o "$work/prog2.docx"
# the extension chooses the format: a capital .DOCX too; .doc is refused
expect_status 0 "$ITAKIT" report "$B" --unit "$BKK" --year 2566 --profile "$P" -o "$work/upper.DOCX"
cmp -s "$work/th.docx" "$work/upper.DOCX" && ok || bad "report.DOCX differs from report.docx"
expect_status 2 "$ITAKIT" report "$B" --unit "$BKK" --year 2566 -o "$work/old.doc"
[ ! -e "$work/old.doc" ] && ok || bad ".doc written"

# reproducible: the same input and SOURCE_DATE_EPOCH give the same bytes
cmp -s "$work/th.docx" "$work/th2.docx" && ok || bad "report .docx differs between two runs"
cmp -s "$work/cmp.docx" "$work/cmp2.docx" && ok || bad "compare .docx differs between two runs"
cmp -s "$work/prog.docx" "$work/prog2.docx" && ok || bad "progress .docx differs between two runs"
# ... in every time zone: the ZIP entries' dates are SOURCE_DATE_EPOCH's UTC
# date and time (2023-11-14 22:13:20)
for tz in UTC Asia/Bangkok America/New_York; do
	TZ=$tz "$ITAKIT" report "$B" --unit "$BKK" --year 2566 --profile "$P" -o "$work/tz.docx"
	cmp -s "$work/th.docx" "$work/tz.docx" && ok || bad "TZ=$tz changes the report .docx"
done
TZ=Asia/Bangkok "$ITAKIT" compare "$D" --year 2566 -o "$work/tz.docx"
cmp -s "$work/cmp.docx" "$work/tz.docx" && ok || bad "TZ=Asia/Bangkok changes the compare .docx"
dates=$(python3 -c '
import sys, zipfile
print(sorted({i.date_time for i in zipfile.ZipFile(sys.argv[1]).infolist()}))' "$work/th.docx")
[ "$dates" = "[(2023, 11, 14, 22, 13, 20)]" ] && ok || bad "ZIP entry dates $dates"

for f in th en cmp prog; do unzip_clean "$work/$f.docx"; done

# ---- the parts ----
doc=$(part "$work/th.docx" word/document.xml)
styles=$(part "$work/th.docx" word/styles.xml)
case "$doc" in *'<w:pStyle w:val="Heading1"/>'*) ok ;; *) bad "no Heading1 paragraph" ;; esac
case "$doc" in *'<w:pStyle w:val="Heading2"/>'*) ok ;; *) bad "no Heading2 paragraph" ;; esac
# the heading styles are defined, with outline levels (navigation pane, TOC)
case "$styles" in *'w:styleId="Heading1"'*'<w:outlineLvl w:val="0"/>'*'w:styleId="Heading2"'*'<w:outlineLvl w:val="1"/>'*) ok ;;
*) bad "Heading1/Heading2 styles without outline levels" ;; esac
# the Thai font for complex script, with its size
case "$styles" in *'w:cs="Laksaman"'*'<w:szCs w:val="32"/>'*'w:bidi="th-TH"'*) ok ;; *) bad "no complex-script font" ;; esac
# repeated header rows that do not split, charts as PNG, A4 with the margins
case "$doc" in *'<w:cantSplit/><w:tblHeader/>'*) ok ;; *) bad "no repeated table header row" ;; esac
case "$doc" in *'<w:pgSz w:w="11906" w:h="16838"/>'*'w:left="1701"'*) ok ;; *) bad "not A4 with a 3 cm left margin" ;; esac
case "$(unzip -Z1 "$work/th.docx")" in *word/media/image1.png*) ok ;; *) bad "no chart image" ;; esac
# a chart at print resolution: 200 dpi over the 16 cm text width
w=$(part "$work/th.docx" word/media/image1.png | python3 -c 'import sys,struct; d=sys.stdin.buffer.read(); print(struct.unpack(">I", d[16:20])[0])')
[ "$w" -ge 1200 ] && ok || bad "chart only $w pixels wide"
# list markers in table cells hang: the marker, a tab, a hanging indent
case "$doc" in *'<w:pStyle w:val="TableText"/><w:tabs><w:tab w:val="left" w:pos="'*'<w:ind w:left="'*'" w:hanging="'*'<w:t xml:space="preserve">๑.</w:t></w:r><w:r>'*'<w:tab/></w:r>'*) ok ;;
*) bad "no hanging list marker in a table cell" ;; esac
# page numbers are fields, in Thai digits in a Thai document (the switch and
# the section's format Word reads), Arabic in an English one
case "$(part "$work/th.docx" word/header1.xml)" in *'<w:instrText xml:space="preserve"> PAGE \* THAIARABIC </w:instrText>'*) ok ;;
*) bad "no PAGE field in Thai digits" ;; esac
case "$doc" in *'<w:pgNumType w:fmt="thaiNumbers"/>'*) ok ;; *) bad "the section's page numbers are not Thai" ;; esac
en_pages=$(part "$work/en.docx" word/footer1.xml)
case "$en_pages" in *'> PAGE </w:instrText>'*'> NUMPAGES </w:instrText>'*) ok ;; *) bad "English: no Page N of M fields" ;; esac
case "$en_pages$(part "$work/en.docx" word/document.xml)" in *THAI*|*thaiNumbers*) bad "English page numbers in Thai digits" ;; *) ok ;; esac
# core properties dated from SOURCE_DATE_EPOCH
case "$(part "$work/th.docx" docProps/core.xml)" in *'<dc:title>'*'2023-11-14T22:13:20Z'*) ok ;; *) bad "core properties" ;; esac

# ---- a word processor reads them ----
if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
	skip "LibreOffice (libreoffice-writer-nogui) or poppler-utils not installed: no conversion"
	finish
	exit
fi
export HOME="$work/home"
mkdir -p "$HOME" "$work/lo"
# one LibreOffice start for the four files (each conversion takes seconds)
timeout 300 soffice --headless --convert-to pdf --outdir "$work/lo" \
	"$work/th.docx" "$work/en.docx" "$work/cmp.docx" "$work/prog.docx" >"$work/lo.log" 2>&1
for f in th en cmp prog; do
	[ -s "$work/lo/$f.pdf" ] && ok || { bad "LibreOffice did not convert $f.docx"; sed 's/^/  | /' "$work/lo.log" >&2; }
done
# text FILE: the converted PDF's text with every space and line break removed
text() { pdftotext "$1" - 2>/dev/null | tr -d ' \n\f'; }
th=$(text "$work/lo/th.pdf")
case "$th" in *"๘๘.๙๘คะแนนอยู่ในระดับ“ผ่าน”"*) ok ;; *) bad "Thai report: no 88.98 / ผ่าน" ;; esac
# the six flagged indicators in order 6, 7, 8, 5, 4, 2, as in the table of
# what each would add to the overall score
order=$(printf '%s' "$th" | sed 's/.*ตารางที่๒//' |
	grep -oP '[๐-๙](คุณภาพการดำเนินงาน|ประสิทธิภาพการสื่อสาร|การปรับปรุงการทำงาน|การแก้ไขปัญหาการทุจริต|การใช้ทรัพย์สินของราชการ|การใช้งบประมาณ)' |
	head -6 | tr '\n' ' ')
[ "$order" = "๖คุณภาพการดำเนินงาน ๗ประสิทธิภาพการสื่อสาร ๘การปรับปรุงการทำงาน ๕การแก้ไขปัญหาการทุจริต ๔การใช้ทรัพย์สินของราชการ ๒การใช้งบประมาณ " ] &&
	ok || bad "flagged order: $order"
# the measures-table header is repeated on the pages the table continues on
n=$(pdftotext "$work/lo/th.pdf" - | tr -d ' ' | grep -c 'วิธีการนำผลการวิเคราะห์')
[ "$n" -ge 2 ] && ok || bad "measures-table header on $n pages"
# ... and LibreOffice hangs them: a list item's wrapped lines in the
# measures table start where the text after its marker does, as in the PDF
hangs=$(python3 "$(dirname "$0")/cell_hang_check.py" "$work/lo/th.pdf")
case "$hangs" in "hanging 0 "*) bad "no wrapped list item in a table cell: $hangs" ;;
"hanging "*" flat 0") ok ;; *) bad "list items in table cells do not hang: $hangs" ;; esac
# the page number at the top of page 2: LibreOffice 7.4 cannot show Thai
# digits from any DOCX markup and shows "- 2 -" (a later one may show
# "- ๒ -"); never a Thai letter ("- ข -"), its reading of "\* ThaiArabic"
top=$(pdftotext -f 2 -l 2 -x 0 -y 0 -W 596 -H 60 "$work/lo/th.pdf" - | tr -d ' \n\f')
case "$top" in "-2-" | "-๒-") ok ;; *) bad "page 2 numbered '$top'" ;; esac
en=$(text "$work/lo/en.pdf")
case "$en" in *88.98*) ok ;; *) bad "English report: no 88.98" ;; esac
# words kept whole: in LibreOffice's rendering no line ends inside an English
# word ("Assess|ment": the Thai dictionary used to run over Latin text), a
# word of data/keep_together.txt ("ภาพ|รวม", "ความ|โปร่งใส") or a unit's
# name, as in the PDF (pdf_layout_check.py reads the line ends from
# pdftotext -bbox). Numbers are tied to their words with no-break spaces, but
# LibreOffice 7.4 still ends a line there before "(๘๒.๘๘ คะแนน)" (see
# docs/layout.md): they are not counted here.
python3 -c 'import csv, sys; print("\n".join(sorted({r["unit"] for f in sys.argv[1:] for r in csv.DictReader(open(f, encoding="utf-8"))})))' \
	"$B" "$D" >"$work/units.txt"
python3 "$(dirname "$0")/pdf_layout_check.py" --words "$SRC/data/keep_together.txt" --units "$work/units.txt" \
	--min-fill 0 --no-numbers "$work"/lo/th.pdf "$work"/lo/en.pdf "$work"/lo/cmp.pdf "$work"/lo/prog.pdf >"$work/split.txt"
expect_in "$work/split.txt" "underfull 0 split 0"
# a tall row may split across pages (w:cantSplit only on rows under a third
# of a page): the measures table starts right under its section instead of
# moving whole to the next page, its first row (a measure with long
# numbered lists, half a page) leaving a third of the page empty; and no
# page of the two reports but the last is under 55% full
expect_same_page "$work/lo/th.pdf" "๓. มาตรการส่งเสริมคุณธรรม" "ตารางที่ ๓ มาตรการ"
expect_same_page "$work/lo/en.pdf" "3. Measures for fiscal year" "Table 3 Measures"
python3 "$(dirname "$0")/pdf_layout_check.py" --no-numbers "$work"/lo/th.pdf "$work"/lo/en.pdf >"$work/fill.txt"
expect_in "$work/fill.txt" "underfull 0 split 0"
case "$doc" in *'<w:tr><w:trPr></w:trPr>'*) ok ;; *) bad "no table row may split" ;; esac
# ... and the marks that keep them draw nothing and copy out as nothing: the
# converted text reads the words, with no joiner, zero width or no-break
# space left in it, and no font but Laksaman was needed (LibreOffice takes a
# fallback font for a character its font lacks)
case "$th" in *ภาพรวม*ความโปร่งใส*) ok ;; *) bad "Thai report: kept words not read back" ;; esac
case "$th$en" in *$'\u2060'* | *$'\u200b'* | *$'\u00a0'*) bad "marks in the converted text" ;; *) ok ;; esac
if command -v pdffonts >/dev/null; then
	fonts=$(pdffonts "$work/lo/th.pdf" | tail -n +3 | awk '{print $1}' | sed 's/^[A-Z]*+//' | sort -u | tr '\n' ' ')
	[ "$fonts" = "Laksaman Laksaman-Bold " ] && ok || bad "Thai report converted with fonts $fonts"
fi
# compare and progress: the converted text holds each document's headings
# (compared without the marks above and below Thai letters, which poppler
# reads back out of order from LibreOffice's PDFs: "ตัวชีว้ ัด")
bare() { perl -CSD -pe 's/[\x{0E31}\x{0E34}-\x{0E3A}\x{0E47}-\x{0E4E}]//g'; }
for f in cmp prog; do
	t=$(text "$work/lo/$f.pdf" | bare)
	heads=$(part "$work/$f.docx" word/document.xml | python3 -c '
import re, sys
d = sys.stdin.read()
for p in re.findall(r"<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/>.*?</w:p>", d):
    t = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p))
    print(re.sub("[ \u00a0\u200b\u2060]", "", t))' | bare)
	[ -n "$heads" ] && ok || bad "$f: no headings"
	while IFS= read -r h; do
		case "$t" in *"$h"*) ok ;; *) bad "$f: heading $h not in the converted PDF" ;; esac
	done <<<"$heads"
done
finish

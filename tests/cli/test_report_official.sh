#!/usr/bin/env bash
# End-to-end: the official parts of the measure report, optional from the
# profile: an emblem (PNG, or SVG drawn as vectors) on the cover and the
# approval block at the end, in Thai and in English.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
B="$SRC/data/bangkok.csv"
if ! command -v pdftotext >/dev/null || ! command -v pdfimages >/dev/null; then
	skip_all "poppler-utils not installed"
fi
# blue_share FILE: the share of pixels in the top fifth of page 1 that are
# the emblem's blue (#1f4e9c), in thousandths
blue_share() {
	pdftoppm -r 30 -f 1 -l 1 -singlefile "$1" "$work/p"
	python3 - "$work/p.ppm" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
parts = d.split(b"\n", 3)           # P6, size, maxval, pixels (no comments from pdftoppm)
w, h = map(int, parts[1].split())
px = parts[3]
top = h // 5
n = sum(1 for i in range(0, w * top * 3, 3)
        if abs(px[i] - 0x1f) < 40 and abs(px[i + 1] - 0x4e) < 40 and abs(px[i + 2] - 0x9c) < 40)
print(n * 1000 // (w * top))
PY
	rm -f "$work/p.ppm"
}

cat >"$work/emblem.svg" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="140" viewBox="0 0 120 140">
  <circle cx="60" cy="60" r="55" fill="#1f4e9c"/>
  <rect x="20" y="122" width="80" height="14" fill="#1f4e9c"/>
</svg>
EOF
cat >"$work/p.ini" <<'EOF'
agency = กรุงเทพมหานคร
agency_en = Bangkok Metropolitan Administration
logo = emblem.svg
date = 2567-01-31
approval_name = นายสมชาย ใจดี
approval_name_en = Mr Somchai Jaidee
approval_position = ปลัดกรุงเทพมหานคร
approval_position_en = Permanent Secretary
approval_date = 2567-02-15
EOF

# ---- Thai: the SVG emblem as vectors, the approval block ----
expect_status 0 "$ITAKIT" report "$B" --year 2566 --profile "$work/p.ini" -o "$work/th.pdf"
T="$work/th.pdf"
[ "$(pdfimages -list "$T" | tail -n +3 | wc -l)" -eq 0 ] && ok || bad "the SVG emblem was embedded as an image"
share=$(blue_share "$T")
[ "$share" -ge 10 ] && ok || bad "no emblem at the top of page 1 ($share/1000 blue)"
has "$T" "ประกาศ ณ วันที่ ๑๕ กุมภาพันธ์ พ.ศ. ๒๕๖๗"
has "$T" "ลงชื่อ"
has "$T" "(นายสมชาย ใจดี)"
has "$T" "ปลัดกรุงเทพมหานคร"
# the block closes the document: after the last paragraph of the measures
text "$T" | grep -qP 'ผู้รับผิดชอบแต่ละประเด็นรายงานผล.*ประกาศณวันที่.*ลงชื่อ.*\(นายสมชายใจดี\).*ปลัดกรุงเทพมหานคร' && ok ||
	bad "the approval block is not at the end, in order"

# ---- English: CE date, the _en twins ----
expect_status 0 "$ITAKIT" report "$B" --year 2566 --lang en --profile "$work/p.ini" -o "$work/en.pdf"
expect_not_in "$work/err" "warning"
has "$work/en.pdf" "Announced on 15 February 2024"
has "$work/en.pdf" "(Mr Somchai Jaidee)"
has "$work/en.pdf" "Permanent Secretary"
n=$(pdftotext "$work/en.pdf" - | grep -oP '[\x{0E00}-\x{0E7F}]' | wc -l)
[ "$n" -eq 0 ] && ok || bad "$n Thai characters in the English edition"

# ---- without a name or date: lines to fill in by hand ----
printf 'approval_position = ผู้อำนวยการเขต\n' >"$work/q.ini"
expect_status 0 "$ITAKIT" report "$B" --year 2566 --profile "$work/q.ini" -o "$work/q.pdf"
has "$work/q.pdf" "ประกาศ ณ วันที่ ………"
has "$work/q.pdf" "(………"
has "$work/q.pdf" "ผู้อำนวยการเขต"
# no approval keys, no block
expect_status 0 "$ITAKIT" report "$B" --year 2566 --no-national -o "$work/none.pdf"
hasnt "$work/none.pdf" "ประกาศ ณ วันที่"

# ---- a PNG emblem is an image; a broken SVG is an error naming it ----
python3 - "$work/emblem.png" <<'PY'
import struct, sys, zlib
w = h = 8
raw = b"".join(b"\x00" + b"\x1f\x4e\x9c" * w for _ in range(h))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
PY
sed 's/^logo = .*/logo = emblem.png/' "$work/p.ini" >"$work/png.ini"
expect_status 0 "$ITAKIT" report "$B" --year 2566 --profile "$work/png.ini" -o "$work/png.pdf"
[ "$(pdfimages -list "$work/png.pdf" | tail -n +3 | wc -l)" -eq 1 ] && ok || bad "the PNG emblem is not one image"
printf '<svg xmlns="http://www.w3.org/2000/svg"><circle r="3"\n' >"$work/broken.svg"
sed 's/^logo = .*/logo = broken.svg/' "$work/p.ini" >"$work/broken.ini"
expect_status 2 "$ITAKIT" report "$B" --year 2566 --profile "$work/broken.ini" -o "$work/broken.pdf"
expect_in "$work/err" "broken.svg: not a valid SVG file"
[ -e "$work/broken.pdf" ] && bad "output written despite a broken emblem" || ok
sed 's/^logo = .*/logo = p.ini/' "$work/p.ini" >"$work/notimg.ini"
expect_status 2 "$ITAKIT" report "$B" --year 2566 --profile "$work/notimg.ini" -o "$work/x.pdf"
expect_in "$work/err" "is neither a PNG nor an SVG file"

finish

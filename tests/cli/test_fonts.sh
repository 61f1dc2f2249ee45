#!/usr/bin/env bash
# End-to-end: a font that is not installed is named, with how to install one,
# and nothing is written; never a document of boxes.
. "$(dirname "$0")/lib.sh"
B="$SRC/data/bangkok.csv"

expect_status 2 "$ITAKIT" report "$B" --font "No Such Font" -o "$work/r.pdf"
expect_in "$work/err" 'font "No Such Font" is not installed'
expect_in "$work/err" "apt-get install fonts-tlwg-laksaman-ttf"
[ ! -e "$work/r.pdf" ] && [ -z "$(ls -A "$work" | grep -v '^out$\|^err$')" ] && ok || bad "something was written"
# the official font, not packaged in Debian: where to get it, or its derivative
if ! fc-list 2>/dev/null | grep -qi "TH Sarabun"; then
	expect_status 2 "$ITAKIT" report "$B" --font "TH Sarabun New" -o "$work/r.pdf"
	expect_in "$work/err" "Debian does not package it"
	expect_in "$work/err" "--font Laksaman"
fi
# a profile naming a missing font: the same message
printf 'agency = กรุงเทพมหานคร\nfont = Missing Thai Font\n' >"$work/profile.ini"
expect_status 2 "$ITAKIT" report "$B" --profile "$work/profile.ini" -o "$work/r.pdf"
expect_in "$work/err" 'font "Missing Thai Font" is not installed'
[ ! -e "$work/r.pdf" ] && ok || bad "report written with a missing font"
# the default fonts work
expect_status 0 "$ITAKIT" report "$B" -o "$work/r.pdf"
expect_status 0 "$ITAKIT" report "$B" --font "Noto Sans Thai" -o "$work/r2.pdf"
# fonts loaded from their files (the application configuration) draw the
# same document, byte for byte, as the system's configuration; so does a
# family looked up through fontconfig (DejaVu Serif is not in the table)
for font in Laksaman "Noto Sans Thai" "DejaVu Serif"; do
	expect_status 0 "$ITAKIT" chart indicators "$B" --font "$font" -o "$work/app.png"
	ITAKIT_SYSTEM_FONTS=1 expect_status 0 "$ITAKIT" chart indicators "$B" --font "$font" -o "$work/sys.png"
	cmp -s "$work/app.png" "$work/sys.png" && ok || bad "$font: the chart differs under the system configuration"
done
ITAKIT_SYSTEM_FONTS=1 expect_status 0 "$ITAKIT" report "$B" -o "$work/r_sys.pdf"
cmp -s "$work/r.pdf" "$work/r_sys.pdf" && ok || bad "the report differs under the system configuration"

finish

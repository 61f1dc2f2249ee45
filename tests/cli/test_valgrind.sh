#!/usr/bin/env bash
# valgrind (memcheck) on analysis and rendering of the bundled data: no
# invalid read or write, no use of uninitialised memory, no definite or
# indirect leak (fontconfig's caches aside: tests/valgrind.supp says why).
# Skipped without valgrind and for sanitizer builds (they cannot run under it).
. "$(dirname "$0")/lib.sh"
if ! command -v valgrind >/dev/null; then
	skip_all "valgrind is not installed (apt-get install valgrind)"
fi
if sanitized; then
	skip_all "a sanitizer build cannot run under valgrind"
fi
B="$SRC/data/bangkok.csv"
D="$SRC/data/bangkok_districts_synthetic.csv"
# vg NAME WANT CMD...: CMD exits WANT under valgrind, which found nothing.
vg() {
	local name=$1 want=$2 got; shift 2
	valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --track-origins=yes \
		--suppressions="$SRC/tests/valgrind.supp" --log-file="$work/vg.log" "$@" >"$work/out" 2>"$work/err"
	got=$?
	if [ "$got" -eq "$want" ] && [ ! -s "$work/vg.log" ]; then
		ok
	else
		bad "valgrind: $name (exit $got, expected $want)"
		head -40 "$work/vg.log" | sed 's/^/  | /' >&2
	fi
}

vg "analyze text" 0 "$ITAKIT" analyze "$B" --unit กรุงเทพมหานคร --year 2566
vg "analyze json" 0 "$ITAKIT" analyze "$D" --format json -o "$work/d.json"
vg "analyze csv" 0 "$ITAKIT" analyze "$D" --format csv --lang en
vg "check bad input" 2 "$ITAKIT" check "$FIXTURES/bad_duplicate.csv" "$FIXTURES/bad_stray_quote.csv" "$FIXTURES/bad_unterminated_quote.csv"
# charts of one unit and of 50, in every format
vg "chart overall png" 0 "$ITAKIT" chart overall "$B" -o "$work/one/overall.png"
vg "chart indicators pdf" 0 "$ITAKIT" chart indicators "$B" --year 2566 -o "$work/one/indicators.pdf"
vg "chart tools svg" 0 "$ITAKIT" chart tools "$B" -o "$work/one/tools.svg"
vg "chart trend pdf" 0 "$ITAKIT" chart trend "$D" --unit สำนักงานเขตพระนคร -o "$work/many/trend.pdf"
vg "chart ranking png" 0 "$ITAKIT" chart ranking "$D" --year 2566 -o "$work/many/ranking.png"
vg "chart heatmap pdf" 0 "$ITAKIT" chart heatmap "$D" --year 2566 -o "$work/many/heatmap.pdf"
vg "chart distribution png" 0 "$ITAKIT" chart distribution "$D" --year 2566 -o "$work/many/distribution.png"
[ -s "$work/many/heatmap.pdf" ] && [ -s "$work/one/tools.svg" ] && ok || bad "charts were not written"
# the report: document engine, charts, tables, measures
vg "report th" 0 "$ITAKIT" report "$B" --unit กรุงเทพมหานคร --year 2566 -o "$work/report.pdf"
vg "report en" 0 "$ITAKIT" report "$B" --lang en -o "$work/report_en.pdf"
vg "report, missing font" 2 "$ITAKIT" report "$B" --font "No Such Font" -o "$work/nofont.pdf"
[ -s "$work/report.pdf" ] && [ ! -e "$work/nofont.pdf" ] && ok || bad "report outputs"

finish

#!/usr/bin/env bash
# Prints the speed figures of the README's table side by side: itakit, the
# Python analyst's pipeline (bench/peer, csv + numpy + matplotlib +
# WeasyPrint) where it can run, and the floors (bench/floor_*.c: pango +
# cairo alone typesetting the same number of pages, libcsv alone parsing the
# same file). Times are CPU seconds (user + system, the best of RUNS runs),
# so that a busy neighbour on the machine does not count; wall time is
# printed beside them. Nothing here is asserted: goals are read, not tested.
# usage: bench/figures.sh [BUILD_DIR] [--national-batch]
set -euo pipefail
build=${1:-build}
src=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
py=/usr/bin/python3
peer_ok() { $py -c "import numpy${1:+, $1}" 2>/dev/null; }

# best CPU s, its wall s and peak MB over $runs runs of "$@"
measure() {
	local best="" line
	for _ in $(seq "$runs"); do
		/usr/bin/time -f '%U %S %e %M' -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" || {
			echo "failed: $*" >&2; cat "$tmp/err" >&2; return 1; }
		line=$(awk '{printf "%.3f %.3f %.1f", $1 + $2, $3, $4 / 1024}' "$tmp/t")
		if [ -z "$best" ] || awk -v a="${line%% *}" -v b="${best%% *}" 'BEGIN{exit !(a < b)}'; then
			best=$line
		fi
	done
	echo "$best"
}
row() { # LABEL "cpu wall mb" [NOTE]
	read -r cpu wall mb <<<"$2"
	printf '%-44s %8s s CPU %8s s wall %7s MB  %s\n' "$1" "$cpu" "$wall" "$mb" "${3:-}"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.1fx", a / b; else print "-" }'; }

national=$tmp/national.csv
"$build/itakit-gen" national "$national" 2>/dev/null
bkk=(data/bangkok.csv --unit กรุงเทพมหานคร --year 2566)
cd "$src"

echo "== analyse 416,150 rows (8,323 units x 5 years), JSON out"
a=$(measure "$build/itakit" analyze "$national" --format json -o "$tmp/a.json")
if peer_ok scipy; then
	p=$(measure $py bench/peer/peer_analyze.py "$national" "$tmp/p.json")
	row "python peer (csv + numpy + scipy)" "$p"
	row "itakit analyze" "$a" "peer / itakit = $(ratio "${p%% *}" "${a%% *}") (goal >= 10x)"
	# the same work: the peer's JSON holds what itakit's holds
	echo "  peer's JSON against itakit's: $($py bench/peer/same_content.py "$tmp/a.json" "$tmp/p.json" | tail -1)"
else
	row "itakit analyze" "$a" "(python3-numpy or python3-scipy missing: no peer)"
fi

echo "== load and check the same file ($(du -m "$national" | cut -f1) MB)"
f=$(measure "$build/floor_csv" "$national")
c=$(measure "$build/itakit" check "$national")
row "floor: libcsv alone" "$f"
row "itakit check" "$c" "itakit / floor = $(ratio "${c%% *}" "${f%% *}") (goal <= 1.5x)"

echo "== one report, one process"
r=$(measure "$build/itakit" report "${bkk[@]}" --profile data/profile.ini -o "$tmp/r.pdf")
pages=$(pdfinfo "$tmp/r.pdf" | awk '/^Pages:/ {print $2}')
t=$(measure "$build/floor_typeset" "$pages" "$tmp/floor.pdf")
row "floor: pango + cairo, $pages pages" "$t"
note="itakit / floor = $(ratio "${r%% *}" "${t%% *}") (goal <= 2x)"
if peer_ok "matplotlib, weasyprint"; then
	p=$(measure $py bench/peer/peer_report.py data/bangkok.csv data/measures.csv กรุงเทพมหานคร 2566 "$tmp/p.pdf")
	row "python peer (matplotlib + WeasyPrint)" "$p"
	note="$note; peer / itakit = $(ratio "${p%% *}" "${r%% *}") (goal >= 20x)"
fi
row "itakit report ($pages pages)" "$r" "$note"

echo "== one chart, one process"
for kind in indicators tools overall; do
	row "itakit chart $kind (PNG)" "$(measure "$build/itakit" chart $kind "${bkk[@]}" -o "$tmp/c.png")" "(goal <= 0.040 s)"
done
row "itakit chart heatmap, 50 districts (PNG)" \
	"$(measure "$build/itakit" chart heatmap data/bangkok_districts_synthetic.csv --year 2566 -o "$tmp/h.png")"

echo "== compare of all 8,323 units"
row "itakit compare" "$(measure "$build/itakit" compare "$national" --year 2566 -o "$tmp/cmp.pdf")" \
	"$(pdfinfo "$tmp/cmp.pdf" | awk '/^Pages:/ {print $2}') pages (goal < 3 s, < 120 MB)"

echo "== batch, -j 2"
"$build/itakit-gen" national "$tmp/k1000.csv" --units 1000 2>/dev/null
runs=1 row "itakit batch of 1,000 units" \
	"$(runs=1 measure "$build/itakit" batch "$tmp/k1000.csv" --year 2566 -d "$tmp/b1000" -j 2 --quiet)" \
	"(peak MB of the parent; see bench_batch.sh for workers)"
if [ "${2:-}" = "--national-batch" ]; then
	runs=1 row "itakit batch of 8,323 units" \
		"$(runs=1 measure "$build/itakit" batch "$national" --year 2566 -d "$tmp/bnat" -j 2 --quiet)" \
		"(goal < 240 s wall, < 200 MB)"
fi

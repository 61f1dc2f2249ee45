#!/usr/bin/env bash
# Batch throughput and memory: the 50 districts, 1,000 units and the
# national-scale set (8,323 units; SYNTHETIC) through `itakit batch`,
# printing the wall time, the CPU time of the batch and its workers (user +
# system: what a busy neighbour on the machine changes least), reports/s
# and the peak resident memory of the biggest process (parent or worker).
# usage: bench/bench_batch.sh [BUILD_DIR] [JOBS] [SETS]
#   SETS: any of districts, k1000, national (default: all three); the
#   national set takes minutes, 1,000 units a fraction of that.
set -eu
build=${1:-build}
jobs=${2:-2}
sets=${3:-districts k1000 national}
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
run() { # NAME CSV
	local n
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$build/itakit" batch "$2" --year 2566 -d "$tmp/$1" -j "$jobs" --quiet
	n=$(find "$tmp/$1" -name '*.pdf' | wc -l)
	read -r wall user sys rss <"$tmp/time"
	awk -v name="$1" -v n="$n" -v wall="$wall" -v cpu="$(echo "$user + $sys" | bc)" -v rss="$rss" -v j="$jobs" \
		'BEGIN { printf "%-10s %5d PDFs in %7.2f s wall, %7.2f s CPU (%.1f ms a PDF)  %6.1f reports/s  peak RSS %6.1f MB  (-j %s)\n",
			name, n, wall, cpu, 1000 * cpu / n, n / wall, rss / 1024, j }'
	echo "           $(du -sm "$tmp/$1" | cut -f1) MB written"
	rm -rf "${tmp:?}/$1"
}
for set in $sets; do
	case $set in
	districts) run districts "$src/data/bangkok_districts_synthetic.csv" ;;
	k1000)
		"$build/itakit-gen" national "$tmp/k1000.csv" --units 1000 2>/dev/null
		run k1000 "$tmp/k1000.csv" ;;
	national)
		"$build/itakit-gen" national "$tmp/national.csv" 2>/dev/null
		run national "$tmp/national.csv" ;;
	*) echo "bench_batch: unknown set $set (districts, k1000, national)" >&2; exit 2 ;;
	esac
done

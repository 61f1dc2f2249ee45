#!/usr/bin/env bash
# Batch throughput and memory: the 50 districts and the national-scale set
# (8,323 units; SYNTHETIC) through `itakit batch`, printing reports/s and
# the peak resident memory of the biggest process (parent or worker).
# usage: bench/bench_batch.sh [BUILD_DIR] [JOBS]   (default build, 2)
set -eu
build=${1:-build}
jobs=${2:-2}
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1700000000
"$build/itakit-gen" national "$tmp/national.csv" 2>/dev/null
run() { # NAME CSV
	local t0 t1 secs n rss
	t0=$(date +%s.%N)
	/usr/bin/time -f %M -o "$tmp/rss" "$build/itakit" batch "$2" --year 2566 -d "$tmp/$1" -j "$jobs" --quiet
	t1=$(date +%s.%N)
	secs=$(echo "$t1 - $t0" | bc)
	n=$(find "$tmp/$1" -name '*.pdf' | wc -l)
	rss=$(cat "$tmp/rss")
	printf '%-10s %5d PDFs in %7.2f s  %7.1f reports/s  peak RSS %6.1f MB  (-j %s)\n' \
		"$1" "$n" "$secs" "$(echo "$n / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$jobs"
}
run districts "$src/data/bangkok_districts_synthetic.csv"
run national "$tmp/national.csv"

# Helpers for the end-to-end tests: each test script runs the built itakit
# ($ITAKIT) on fixture files and checks output and exit status.
# shellcheck shell=bash
set -u
fails=0
passes=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

# expect_status N CMD...: runs CMD, stdout to $work/out, stderr to $work/err.
expect_status() {
	local want=$1; shift
	"$@" >"$work/out" 2>"$work/err"
	local got=$?
	if [ "$got" -eq "$want" ]; then ok; else
		bad "exit $got, expected $want: $*"; sed 's/^/  stderr: /' "$work/err" | head -5 >&2; fi
}
# expect_in FILE TEXT: FILE contains TEXT (fixed string).
expect_in() {
	if grep -qF -- "$2" "$1"; then ok; else bad "$(basename "$1") lacks: $2"; head -c 600 "$1" | sed 's/^/  | /' >&2; fi
}
expect_not_in() {
	if grep -qF -- "$2" "$1"; then bad "$(basename "$1") has: $2"; else ok; fi
}
finish() {
	echo "$passes passed, $fails failed"
	[ "$fails" -eq 0 ]
}

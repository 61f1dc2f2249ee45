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

# True when $ITAKIT was built with AddressSanitizer, which reserves terabytes
# of address space: `ulimit -v` cannot bound such a binary, and it runs
# several times slower.
sanitized() {
	grep -qa "__asan_init" "$ITAKIT"
}

# skip MESSAGE: says why a part of a test does not run here.
skip() { echo "SKIP: $*"; }
# skip_all MESSAGE: nothing of this test can run here; CTest reports it as
# skipped (SKIP_RETURN_CODE 77), never as passed.
skip_all() { echo "SKIP: $*"; exit 77; }

# expect_located FILE: FILE has a FILE:LINE:COLUMN: error: diagnostic.
expect_located() {
	if grep -qE '^[^:]+:[0-9]+:[0-9]+: error: ' "$1"; then ok; else
		bad "$(basename "$1") has no FILE:LINE:COLUMN error"; head -c 600 "$1" | sed 's/^/  | /' >&2; fi
}

# --- reading a PDF back (poppler-utils; a test checks that pdftotext is
# there before it uses these) ---
# text FILE [FIRST LAST]: the PDF's text with every space and line break
# removed (Thai lines wrap anywhere between words; the checks do not care).
text() {
	if [ $# -eq 3 ]; then pdftotext -f "$2" -l "$3" "$1" - ; else pdftotext "$1" - ; fi | tr -d ' \n\f'
}
# pages FILE: how many pages the PDF has.
pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
# page_of FILE TEXT: the first page whose text holds TEXT, spaces ignored in
# both (nothing when none does).
page_of() {
	local p want; want=$(printf '%s' "$2" | tr -d ' ')
	for p in $(seq 1 "$(pages "$1")"); do
		pdftotext -f "$p" -l "$p" "$1" - | tr -d ' \n\f' | grep -qF -- "$want" && { echo "$p"; return; }
	done
}
# expect_same_page FILE A B: the texts A and B are first found on one page
# (a table's caption under its section's heading)
expect_same_page() {
	local a b; a=$(page_of "$1" "$2"); b=$(page_of "$1" "$3")
	if [ -n "$a" ] && [ "$a" = "$b" ]; then ok; else
		bad "$(basename "$1"): \"$2\" on page ${a:-?}, \"$3\" on page ${b:-?}"; fi
}
# has FILE TEXT: the space-free text holds TEXT (spaces in TEXT ignored too).
has() {
	local want; want=$(printf '%s' "$2" | tr -d ' ')
	if text "$1" | grep -qF -- "$want"; then ok; else bad "$(basename "$1") lacks: $2"; fi
}
# hasnt FILE TEXT: it does not.
hasnt() {
	local want; want=$(printf '%s' "$2" | tr -d ' ')
	if text "$1" | grep -qF -- "$want"; then bad "$(basename "$1") has: $2"; else ok; fi
}

#!/usr/bin/env bash
# Only its own names: every global symbol of libitakit starts with itakit_
# (the public API, declared in include/itakit/) or itakit__ (internal); the
# shared library exports the public API, all of it, and nothing else.
. "$(dirname "$0")/lib.sh"
command -v nm >/dev/null || skip_all "nm (binutils) is not installed"
[ -n "${ITAKIT_LIBDIR:-}" ] && [ -f "$ITAKIT_LIBDIR/libitakit.a" ] || skip_all "the library's directory is not known"
public=$(cat "$SRC"/include/itakit/*.h | grep -oE '\bitakit_[a-z0-9_]+' | sort -u)

# static library: no foreign name, and a single-underscore name is public
# (names the compiler makes, such as a sanitizer build's __odr_asan.*, start
# with two underscores: not ours)
nm -g --defined-only "$ITAKIT_LIBDIR/libitakit.a" 2>/dev/null | awk 'NF == 3 {print $3}' | grep -v '^__' |
	sort -u >"$work/static"
grep -v '^itakit_' "$work/static" >"$work/foreign" || true
[ ! -s "$work/foreign" ] && ok || bad "global symbols without the itakit_ prefix: $(head -5 "$work/foreign" | tr '\n' ' ')"
grep '^itakit_[^_]' "$work/static" | comm -23 - <(echo "$public") >"$work/unlisted"
[ ! -s "$work/unlisted" ] && ok || bad "itakit_ symbols not declared in include/itakit (internal ones are itakit__): $(head -5 "$work/unlisted" | tr '\n' ' ')"

# shared library: exports exactly the public names
if [ -f "$ITAKIT_LIBDIR/libitakit.so" ]; then
	nm -D --defined-only "$ITAKIT_LIBDIR/libitakit.so" | awk 'NF == 3 {print $3}' |
		grep -vE '^(_init|_fini|_edata|_end|__.*)$' | sort -u >"$work/exported"
	grep -v '^itakit_[a-z]' "$work/exported" >"$work/leaked" || true
	[ ! -s "$work/leaked" ] && ok || bad "the shared library exports non-public names: $(head -5 "$work/leaked" | tr '\n' ' ')"
	cat "$SRC"/include/itakit/*.h | grep -oE '\bitakit_[a-z0-9_]+\s*\(' | sed 's/\s*($//' | sort -u |
		comm -23 - "$work/exported" >"$work/missing"
	[ ! -s "$work/missing" ] && ok || bad "public functions not exported: $(head -5 "$work/missing" | tr '\n' ' ')"
else
	skip "no shared library in $ITAKIT_LIBDIR"
fi
finish

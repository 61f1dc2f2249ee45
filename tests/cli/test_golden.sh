#!/usr/bin/env bash
# Golden files: what `itakit analyze` prints (text, JSON, CSV) for Bangkok's
# published 2566 result and one zone of the synthetic districts, committed in
# tests/golden/ so that every change to the exported figures and sentences
# shows in a review as a diff. After an intended change: scripts/update-golden.
. "$(dirname "$0")/lib.sh"
cd "$SRC"
export LC_ALL=C.UTF-8
while read -r name args; do
	case $name in ''|'#'*) continue ;; esac
	# shellcheck disable=SC2086
	expect_status 0 "$ITAKIT" analyze $args
	if cmp -s "$work/out" "tests/golden/$name"; then ok; else
		bad "$name differs from tests/golden/$name (if intended: scripts/update-golden, then read git diff)"
		diff "tests/golden/$name" "$work/out" | head -10 | sed 's/^/  | /' >&2
	fi
done <tests/golden/cases
finish

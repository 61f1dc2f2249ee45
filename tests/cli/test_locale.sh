#!/usr/bin/env bash
# End-to-end: the output does not depend on the locale. analyze (text, JSON,
# CSV), charts (PNG, PDF, SVG) and the report PDF are byte-identical under LANG=C,
# LANG=th_TH.UTF-8 and LC_ALL=de_DE.UTF-8 (decimal comma). A locale that is
# not installed is generated into a private directory with localedef, or
# skipped with a message.
. "$(dirname "$0")/lib.sh"
B="$SRC/data/bangkok.csv"
D="$SRC/data/bangkok_districts_synthetic.csv"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}

# have_locale NAME: NAME is usable, system-wide or made under $work/locales
# (LOCPATH then points there).
have_locale() {
	local l=$1 sys
	sys=$(echo "$l" | sed 's/UTF-8/utf8/')
	locale -a 2>/dev/null | grep -qix "$sys" && return 0
	command -v localedef >/dev/null || return 1
	mkdir -p "$work/locales"
	localedef -i "${l%%.*}" -f UTF-8 "$work/locales/$l" >/dev/null 2>&1 || return 1
	export LOCPATH="$work/locales"
}

# outputs DIR ENV...: every output, made with ENV set, into DIR (messages
# into DIR.log, not compared: a sanitizer build adds statistics).
outputs() {
	local dir=$1 log=$1.log; shift
	mkdir -p "$dir/charts" "$log"
	env "$@" "$ITAKIT" analyze "$B" --unit กรุงเทพมหานคร >"$dir/bangkok.txt" 2>&1
	env "$@" "$ITAKIT" analyze "$D" --lang en --year 2566 >"$dir/districts_en.txt" 2>&1
	env "$@" "$ITAKIT" analyze "$D" --format json -o "$dir/districts.json" 2>&1
	env "$@" "$ITAKIT" analyze "$D" --format csv -o "$dir/districts.csv" 2>&1
	env "$@" "$ITAKIT" check "$B" "$FIXTURES/bad_score_range.csv" >"$dir/check.txt" 2>&1
	for kind in overall indicators tools trend; do
		env "$@" "$ITAKIT" chart $kind "$B" -o "$dir/charts/$kind.png" >>"$log/charts.log" 2>&1
		env "$@" "$ITAKIT" chart $kind "$B" -o "$dir/charts/$kind.pdf" >>"$log/charts.log" 2>&1
	done
	for kind in ranking heatmap distribution change; do
		env "$@" "$ITAKIT" chart $kind "$D" --year 2566 -o "$dir/charts/$kind.png" >>"$log/charts.log" 2>&1
		env "$@" "$ITAKIT" chart $kind "$D" --year 2566 -o "$dir/charts/$kind.pdf" >>"$log/charts.log" 2>&1
	done
	env "$@" "$ITAKIT" compare "$D" --year 2566 -o "$dir/compare.pdf" >"$log/compare.log" 2>&1
	env "$@" "$ITAKIT" report "$B" -o "$dir/report.pdf" >"$log/report.log" 2>&1
	env "$@" "$ITAKIT" report "$B" --lang en -o "$dir/report_en.pdf" >"$log/report_en.log" 2>&1
}

outputs "$work/C" LANG=C LC_ALL=
[ -s "$work/C/districts.json" ] && [ -s "$work/C/charts/ranking.png" ] && [ -s "$work/C/report.pdf" ] && ok || bad "outputs under LANG=C missing"
for spec in LANG=th_TH.UTF-8 LC_ALL=de_DE.UTF-8 LC_NUMERIC=de_DE.UTF-8; do
	l=${spec#*=}
	if ! have_locale "$l"; then
		skip "$spec: the locale is not installed and localedef could not make it"
		continue
	fi
	dir="$work/${spec%%=*}-$l"
	outputs "$dir" LANG= LC_ALL= "$spec"
	if diff -r "$work/C" "$dir" >"$work/diff"; then ok; else
		bad "output differs under $spec"; head -20 "$work/diff" | sed 's/^/  | /' >&2; fi
done

finish

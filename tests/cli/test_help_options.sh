#!/usr/bin/env bash
# Every command's --help lists exactly the options the command accepts: the
# long options of its getopt table (with the shared ones) and its short
# options, read from src/cli, against those its --help names (in the usage
# lines and in the lines that describe one option each, as scripts/gen-docs
# reads them for the man page and the bash completion). Each option the help
# names is also tried on the binary, which must not call it unknown.
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
command -v python3 >/dev/null || skip_all "python3 missing"

commands=$("$ITAKIT" --help | sed -n '/^commands:/,/^$/p' | sed -n 's/^  \([a-z][a-z0-9-]*\) .*/\1/p')
[ -n "$commands" ] && ok || bad "itakit --help lists no command"

# the options a command's --help names (the rule of scripts/gen-docs)
help_options() {
	"$ITAKIT" "$1" --help | awk '/^usage:/ { u = 1 } u && NF == 0 { u = 0 } u || /^ +-/' |
		grep -oE '(^|[][ (,|])--?[a-zA-Z][a-zA-Z0-9-]*' | sed 's/^[][ (,|]//' | sort -u
}

# the options the source gives getopt for the command
accepted_options() {
	python3 - "$SRC/src/cli" "$1" <<'PY'
import re, sys, os
d, cmd = sys.argv[1], sys.argv[2]
header = open(os.path.join(d, "cli.h")).read()
macros = {name: re.findall(r'\{"([a-z0-9-]+)"', body)
          for name, body in re.findall(r"#define (CLI_\w+_LONG_OPTIONS?)((?:.*\\\n)*.*)", header)}
src = open(os.path.join(d, "cmd_%s.c" % cmd)).read()
table = re.search(r"struct option longopts\[\] = \{(.*?)\{NULL", src, re.S).group(1)
names = set(re.findall(r'\{"([a-z0-9-]+)"', table))
for name in re.findall(r"\bCLI_\w+_LONG_OPTIONS?\b", table):
    names |= set(macros[name])
short = re.search(r'cli_parse_options\([^;]*?"%s", "([^"]*)"' % cmd, src, re.S).group(1)
opts = {"--" + n for n in names} | {"-" + c for c in short if c != ":"}
opts.discard("--help")  # every command takes it; the help does not list itself
print("\n".join(sorted(opts)))
PY
}

for c in $commands; do
	help_options "$c" | grep -vx -- '--help' >"$work/help_$c"
	accepted_options "$c" >"$work/accepted_$c"
	if [ -s "$work/accepted_$c" ] && cmp -s "$work/help_$c" "$work/accepted_$c"; then ok; else
		bad "itakit $c --help does not list exactly the options it accepts (< accepted only, > in --help only):"
		diff "$work/accepted_$c" "$work/help_$c" | grep '^[<>]' | sed 's/^/  /' >&2
	fi
	# and the binary knows every option its help names
	while read -r o; do
		"$ITAKIT" "$c" "$o" </dev/null >/dev/null 2>"$work/err"
		if grep -q "unknown option" "$work/err"; then bad "itakit $c $o: $(head -1 "$work/err")"; else ok; fi
	done <"$work/help_$c"
done
finish

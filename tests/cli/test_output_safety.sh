#!/usr/bin/env bash
# End-to-end: output safety. itakit never overwrites an input, creates output
# directories, and on any write failure (permissions, a read-only or full
# filesystem, a file size limit, a signal) exits with a clear error and
# leaves neither a partial output nor a temporary file; an existing output
# is then left as it was.
. "$(dirname "$0")/lib.sh"
B="$SRC/data/bangkok.csv"
D="$SRC/data/bangkok_districts_synthetic.csv"
chmod 755 "$work" # other users (nobody, below) must reach the inputs

# no_leftovers DIR: no temporary file of the atomic writer in DIR.
no_leftovers() {
	local left
	left=$(find "$1" -name '.itakit-tmp-*' 2>/dev/null)
	[ -z "$left" ] && ok || bad "temporary file left behind: $left"
}
# only_old DIR: DIR holds exactly out.json with its old content.
only_old() {
	local list
	list=$(ls -A "$1" 2>/dev/null | tr '\n' ' ')
	[ "$list" = "out.json " ] && ok || bad "$1 holds: $list"
	[ "$(cat "$1/out.json" 2>/dev/null)" = "old" ] && ok || bad "$1/out.json was changed"
}

# ---- never overwrite an input --------------------------------------------
cp "$B" "$work/in.csv"
chmod 644 "$work/in.csv"
ln -s in.csv "$work/link.csv"
ln "$work/in.csv" "$work/hard.csv"
mkdir "$work/sub"
for out in in.csv link.csv hard.csv sub/../in.csv ./in.csv; do
	expect_status 2 "$ITAKIT" analyze "$work/in.csv" -o "$work/$out"
	expect_in "$work/err" "refusing to overwrite an input file"
done
expect_status 2 "$ITAKIT" analyze "$work/link.csv" -o "$work/in.csv"
expect_status 2 "$ITAKIT" report "$work/in.csv" -o "$work/link.csv"
expect_in "$work/err" "refusing to overwrite an input file"
expect_status 2 "$ITAKIT" analyze "$D" "$work/in.csv" --format json -o "$work/hard.csv"
cmp -s "$B" "$work/in.csv" && ok || bad "an input was overwritten"
no_leftovers "$work"

# ---- output directories are created; outputs are replaced whole -----------
expect_status 0 "$ITAKIT" analyze "$B" --format json -o "$work/new/deeper/out.json"
expect_in "$work/new/deeper/out.json" '"overall": 88.98'
expect_status 0 "$ITAKIT" analyze "$B" --format csv -o "$work/new/deeper/out.json"
expect_not_in "$work/new/deeper/out.json" '"overall"'
no_leftovers "$work/new"
# a path through a regular file, or naming a directory: an error, nothing made
expect_status 1 "$ITAKIT" analyze "$B" -o "$work/in.csv/out.json"
expect_in "$work/err" "Not a directory"
mkdir "$work/adir"
for out in adir adir/; do
	expect_status 2 "$ITAKIT" analyze "$B" -o "$work/$out"
	expect_in "$work/err" "output path names a directory"
done
[ -z "$(ls -A "$work/adir")" ] && ok || bad "-o DIRECTORY wrote into it"
# standard output on a full device
expect_status 1 sh -c '"$0" analyze "$1" >/dev/full' "$ITAKIT" "$B"
expect_in "$work/err" "cannot write to standard output: No space left on device"

# ---- a directory the user may not write to ------------------------------
# Root writes anywhere whatever the mode: then run as nobody.
as_user=()
if [ "$(id -u)" -ne 0 ]; then
	as_user=(env)
elif setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null &&
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$ITAKIT" --version >/dev/null 2>&1 &&
	setpriv --reuid=nobody --regid=nogroup --clear-groups test -r "$work/in.csv"; then
	as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
if [ ${#as_user[@]} -eq 0 ]; then
	skip "read-only directory: running as root and cannot switch to nobody (setpriv)"
else
	mkdir "$work/ro"
	echo old >"$work/ro/out.json"
	chmod 555 "$work/ro"
	chmod 644 "$work/ro/out.json"
	expect_status 1 "${as_user[@]}" "$ITAKIT" analyze "$work/in.csv" --format json -o "$work/ro/out.json"
	expect_in "$work/err" "ro/out.json: cannot create output: Permission denied"
	expect_status 1 "${as_user[@]}" "$ITAKIT" report "$work/in.csv" -o "$work/ro/out.pdf"
	expect_in "$work/err" "Permission denied"
	expect_status 1 "${as_user[@]}" "$ITAKIT" analyze "$work/in.csv" -o "$work/ro/new/out.txt"
	expect_in "$work/err" "cannot create directory: Permission denied"
	only_old "$work/ro"
	chmod 755 "$work/ro"
fi

# ---- read-only and full filesystems (tmpfs in a private mount namespace) --
# in_ns SCRIPT: runs SCRIPT with bash in a new mount namespace, as root or
# as a mapped user (unprivileged user namespaces); mounts vanish with it.
in_ns() {
	if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
		unshare -m bash -c "$1"
	else
		unshare -r -m bash -c "$1"
	fi
}
if ! in_ns "mount -t tmpfs -o size=64k tmpfs '$work/sub'" 2>/dev/null; then
	skip "read-only and full filesystems: cannot mount a tmpfs here (no mount namespace)"
else
	mkdir -p "$work/fs"
	export ITAKIT B D work
	# fs_case MOUNT_OPTIONS ITAKIT_ARGS...: mounts a fresh tmpfs on $work/fs
	# holding out.json = "old", runs itakit there, and records its exit
	# status, messages and what the filesystem holds afterwards.
	fs_case() {
		local opts=$1; shift
		# shellcheck disable=SC2016
		in_ns 'mount -t tmpfs -o size=64k tmpfs "$work/fs" && echo old >"$work/fs/out.json" &&
			mount -o remount,'"$opts"' "$work/fs" || exit 99
			"$ITAKIT" '"$*"' >"$work/out" 2>"$work/err"; echo $? >"$work/rc"
			ls -A "$work/fs" >"$work/list"; cat "$work/fs/out.json" >"$work/content" 2>/dev/null; exit 0'
		[ "$(cat "$work/rc" 2>/dev/null)" = 1 ] && ok || bad "$* on tmpfs ($opts): exit $(cat "$work/rc" 2>/dev/null), expected 1"
		[ "$(cat "$work/list")" = "out.json" ] && ok || bad "$* on tmpfs ($opts) left: $(tr '\n' ' ' <"$work/list")"
		[ "$(cat "$work/content")" = "old" ] && ok || bad "$* on tmpfs ($opts) changed out.json"
	}
	# the districts' analysis is about 750 kB of JSON and 320 kB of text: far
	# more than the 64 kB the filesystem holds
	fs_case size=64k analyze '"$D"' --format json -o '"$work/fs/out.json"'
	expect_in "$work/err" "No space left on device"
	fs_case size=64k analyze '"$D"' -o '"$work/fs/new.txt"'
	expect_in "$work/err" "No space left on device"
	# the report is about 150 kB of PDF
	fs_case size=64k report '"$B"' -o '"$work/fs/out.pdf"'
	expect_in "$work/err" "No space left on device"
	fs_case ro analyze '"$B"' --format json -o '"$work/fs/out.json"'
	expect_in "$work/err" "Read-only file system"
	fs_case ro analyze '"$B"' -o '"$work/fs/sub/out.txt"'
	expect_in "$work/err" "cannot create directory"
fi

# ---- a file size limit (ulimit -f): an error, not a kill by SIGXFSZ --------
mkdir "$work/fsz"
echo old >"$work/fsz/out.json"
( ulimit -f 64; exec "$ITAKIT" analyze "$D" --format json -o "$work/fsz/out.json" ) >"$work/out" 2>"$work/err"
got=$?
[ "$got" -eq 1 ] && ok || bad "ulimit -f: exit $got, expected 1"
expect_in "$work/err" "File too large"
only_old "$work/fsz"

# ---- interrupted: SIGINT or SIGTERM while the output is being written -----
# A large analysis keeps the temporary file open long enough to be seen;
# the signal goes as soon as it appears.
awk 'BEGIN { print "unit,year,1,2,3,4,5,6,7,8,9,10";
	for (i = 0; i < 4000; i++) for (y = 2563; y <= 2566; y++)
		print "หน่วยงาน " i "," y ",90,80,70,85,88,91,77,66,100," 90 + (i + y) % 10 }' >"$work/big.csv"
for sig in INT TERM; do
	caught=0
	for attempt in 1 2 3; do
		rm -rf "$work/sig"
		mkdir "$work/sig"
		echo old >"$work/sig/out.json"
		"$ITAKIT" analyze "$work/big.csv" --format json -o "$work/sig/out.json" 2>/dev/null &
		pid=$!
		while kill -0 "$pid" 2>/dev/null; do
			if compgen -G "$work/sig/.itakit-tmp-*-out.json-*" >/dev/null; then
				kill -"$sig" "$pid"
				caught=1
				break
			fi
		done
		wait "$pid"
		got=$?
		[ "$caught" -eq 1 ] && break
	done
	if [ "$caught" -eq 0 ]; then
		skip "SIG$sig: the output was written before the signal could be sent"
		continue
	fi
	want=$((128 + $(kill -l "$sig")))
	[ "$got" -eq "$want" ] && ok || bad "SIG$sig: exit $got, expected $want"
	only_old "$work/sig"
done

finish

# Shared by scripts/demo and scripts/test: Debian packages and the build.
# shellcheck shell=bash

ITAKIT_PACKAGES="build-essential cmake pkg-config libgsl-dev libcsv-dev libcairo2-dev
libpango1.0-dev libfontconfig-dev zlib1g-dev fonts-tlwg-laksaman-ttf fonts-noto-core libcmocka-dev
poppler-utils"
# For the sanitizer build, fuzzing and the valgrind checks in scripts/test.
ITAKIT_TEST_PACKAGES="clang libclang-rt-14-dev valgrind"

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Installs the Debian packages named in $@ that are missing: with apt-get when
# root, otherwise prints the one command needed and stops.
ensure_packages() {
	local missing=()
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -eq 0 ]; then
		echo "itakit: installing ${missing[*]}" >&2
		export DEBIAN_FRONTEND=noninteractive
		apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || {
			echo "itakit: apt-get install failed" >&2; exit 1; }
	else
		echo "itakit: missing packages; run: sudo apt-get install ${missing[*]}" >&2
		exit 1
	fi
}

# build DIR [cmake options...]: configures and builds into DIR.
build() {
	local dir=$1; shift
	cmake -S "$top" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null || exit 1
	cmake --build "$dir" -j "$(nproc)" || exit 1
}

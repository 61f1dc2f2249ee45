# Shared by scripts/demo and scripts/test: Debian packages and the build.
# shellcheck shell=bash

ITAKIT_PACKAGES="build-essential cmake pkg-config libgsl-dev libcsv-dev libcairo2-dev
libpango1.0-dev libfontconfig-dev zlib1g-dev fonts-tlwg-laksaman-ttf fonts-noto-core libcmocka-dev
poppler-utils librsvg2-dev libzip-dev libxml2-dev libxlsxwriter-dev"
# For the sanitizer build, fuzzing, the valgrind checks and the locale tests
# in scripts/test (gawk/coreutils/util-linux are in every Debian install).
# python3 and procps (pgrep) are used by the end-to-end tests to read JSON,
# PNG headers and PDF text, and to check that batch leaves no worker behind.
# libreoffice-calc-nogui opens the workbooks itakit writes (and writes some it
# reads) in tests/cli/test_xlsx.sh; libreoffice-writer-nogui converts the .docx
# files itakit writes to PDF in tests/cli/test_docx.sh; unzip lists their parts.
ITAKIT_TEST_PACKAGES="clang libclang-rt-14-dev valgrind locales python3 procps libreoffice-calc-nogui libreoffice-writer-nogui unzip"
# Locales the tests compare output under: Thai, and German for its decimal comma.
ITAKIT_TEST_LOCALES="th_TH.UTF-8 de_DE.UTF-8"

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

# Generates the locales named in $@ (e.g. de_DE.UTF-8) that are missing: as
# root through /etc/locale.gen and locale-gen; otherwise says which and goes
# on (the tests that need them skip with a message).
ensure_locales() {
	local missing=() l
	for l in "$@"; do
		locale -a 2>/dev/null | grep -qix "$(echo "$l" | sed 's/UTF-8/utf8/')" || missing+=("$l")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -eq 0 ] && command -v locale-gen >/dev/null; then
		for l in "${missing[@]}"; do
			grep -q "^$l UTF-8" /etc/locale.gen 2>/dev/null || echo "$l UTF-8" >>/etc/locale.gen
		done
		locale-gen >/dev/null || echo "itakit: locale-gen failed; locale tests will skip" >&2
	else
		echo "itakit: locales ${missing[*]} missing; locale tests will skip (as root: add them to /etc/locale.gen, run locale-gen)" >&2
	fi
}

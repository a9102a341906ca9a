#!/bin/sh
# setup.sh - installs what bilex needs on Debian 12 (only the missing packages), then builds.
# Idempotent: a second run installs nothing and only rebuilds what changed.
#   scripts/setup.sh            packages + autoreconf + configure + make
#   BILEX_CONFIGURE="..."       extra ./configure arguments
set -eu
cd "$(dirname "$0")/.."

# Build: compiler, autotools, the libraries of DESIGN.md.
BUILD="build-essential autoconf automake libtool pkg-config
 libicu-dev libxml2-dev libzip-dev libarchive-dev nettle-dev
 libtesseract-dev libleptonica-dev libxlsxwriter-dev libjansson-dev libseccomp-dev libcmocka-dev"
# Run time: OCR language packs (chi_sim and kor read every line; the vertical models are the
# fallback for a column the horizontal ones are unsure of; traditional on request).
RUN="tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-chi-sim-vert tesseract-ocr-chi-tra
 tesseract-ocr-kor tesseract-ocr-kor-vert"
# Tests: readers of the outputs (openpyxl, LibreOffice, the browser for the HTML report, groff
# for the man page), sanitizers and fuzzers, GNU parallel for the sharding test, archivers for
# container tests.
TEST="python3 python3-openpyxl jq file zip unzip p7zip-full libarchive-tools zstd xz-utils
 bzip2 cpio clang libclang-rt-14-dev parallel chromium libreoffice-calc time groff-base"
# Fixture generators and benchmarks (tests/gen, langdata/gen, bench): not needed by make check.
GEN="unicode-data libhangul-data python3-docx imagemagick fonts-noto-cjk
 fonts-lxgw-wenkai fonts-nanum-extra libreoffice-writer libreoffice-impress
 genisoimage pandoc docx2txt odt2txt uchardet hyperfine valgrind python3-numpy
 libimage-exiftool-perl webp opencc"

missing=""
for p in $BUILD $RUN $TEST $GEN; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "setup: installing:$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

[ -x configure ] && [ configure -nt configure.ac ] && [ configure -nt Makefile.am ] || autoreconf -fi
[ -f Makefile ] && [ Makefile -nt Makefile.am ] && [ config.status -nt configure ] ||
	./configure -q ${BILEX_CONFIGURE:-}
make -s -j"$(nproc)"

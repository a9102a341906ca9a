#!/bin/sh
# Regenerate every office / web fixture (tests/data/{docx,xlsx,pptx,odf,hwpx,html,xml,svg,
# confusables}) and its FIXTURE.truth.json.  See README.md in this folder.
#
# Needs: Debian's /usr/bin/python3 with python3-docx, python3-openpyxl, python3-lxml;
# LibreOffice (soffice), ImageMagick (/usr/bin/convert), fonts-noto-cjk, openssl.
# Takes a few minutes: every LibreOffice conversion starts soffice afresh.
# Usage: sh tests/gen/office/make_all.sh
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=$(cd "$here/../../data" && pwd)
py=/usr/bin/python3

for tool in soffice /usr/bin/convert openssl; do
	command -v "$tool" >/dev/null 2>&1 || { echo "make_all.sh: $tool is missing" >&2; exit 1; }
done
"$py" -c 'import docx, openpyxl, lxml' || { echo "make_all.sh: $py lacks python-docx/openpyxl/lxml" >&2; exit 1; }

# one private LibreOffice profile for the whole run (created on first use, removed at the end)
BILEX_LO_PROFILE=$(mktemp -d "${TMPDIR:-/tmp}/bilex-lo-profile.XXXXXX")
export BILEX_LO_PROFILE
trap 'rm -rf "$BILEX_LO_PROFILE"' EXIT INT TERM
export TZ=UTC LC_ALL=C.UTF-8

# these folders hold nothing but generated fixtures (and the golden records of tests/golden.sh,
# kept: refresh them with tests/golden.sh --update): start clean so renamed ones do not linger
for d in docx xlsx pptx odf hwpx html xml svg confusables; do
	mkdir -p "$data/$d"
	find "$data/$d" -maxdepth 1 -type f ! -name '*.expected.jsonl' -delete
done

"$py" "$here/make_docx.py"
"$py" "$here/make_xlsx.py"
"$py" "$here/make_odf.py"          # needs docx/tracked.docx
"$py" "$here/make_hwpx.py"
"$py" "$here/make_web.py"
"$py" "$here/make_web_extra.py"
"$py" "$here/make_confusables.py"  # needs docx/, xlsx/, pptx/, odf/
"$py" "$here/check_fixtures.py"

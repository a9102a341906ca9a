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

# Files are overwritten, never deleted: these folders also hold other fixtures and the
# extractors' golden files (NAME.expected.jsonl).  Set BILEX_FIXTURE_DATA=DIR to write the
# whole set into DIR instead (e.g. to diff a rerun against tests/data).
if [ -n "${BILEX_FIXTURE_DATA:-}" ]; then
	data=$BILEX_FIXTURE_DATA
	export BILEX_FIXTURE_DATA
fi
for d in docx xlsx pptx odf hwpx html xml svg confusables hwp; do
	mkdir -p "$data/$d"
done

"$py" "$here/make_docx.py"
"$py" "$here/make_xlsx.py"
"$py" "$here/make_odf.py"          # needs docx/tracked.docx
"$py" "$here/make_hwpx.py"
"$py" "$here/make_web.py"
"$py" "$here/make_web_extra.py"
"$py" "$here/make_confusables.py"  # needs docx/, xlsx/, pptx/, odf/
# added by the extractor helpers: hwp/ (needs olefile) and the agile confusables/encrypted.docx
# (needs python3-cryptography and python3-msoffcrypto-tool; random bytes on every run)
if [ -f "$here/make_hwp5.py" ]; then
	if "$py" -c 'import olefile' 2>/dev/null; then "$py" "$here/make_hwp5.py"
	else echo "make_all.sh: no python3-olefile: hwp/ left as it is" >&2; fi
fi
if [ -f "$here/make_encrypted.py" ]; then
	if "$py" -c 'import cryptography, msoffcrypto' 2>/dev/null; then "$py" "$here/make_encrypted.py"
	else echo "make_all.sh: no python3-cryptography/msoffcrypto: encrypted.docx left as it is" >&2; fi
fi
"$py" "$here/check_fixtures.py"

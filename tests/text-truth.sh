#!/bin/sh
# text-truth.sh - each text fixture of tests/data/text decodes to its truth: the charset is one
# the manifest accepts, the languages are the expected ones, and every segment is a piece of
# the true text (a wrong charset gives mojibake that is in no truth file).
set -u
: "${BILEX:=$(pwd)/bilex}" "${srcdir:=.}"
exec /usr/bin/python3 "$srcdir/tests/text-truth.py" "$BILEX" "$srcdir/tests/data/text"

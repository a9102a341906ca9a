#!/bin/sh
# archive.sh - the archive extractors against tests/data/archive/*.truth.json: members, sources,
# name and text charsets, error codes, and time and memory of the bombs (TAP).
: "${BILEX:=$(pwd)/bilex}" "${srcdir:=.}"
exec /usr/bin/python3 "$srcdir/tests/archive.py" "$BILEX" "$srcdir"

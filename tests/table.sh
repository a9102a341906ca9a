#!/bin/sh
# table.sh - CSV and TSV tables: cells and their places, pairs of a row, hostile tables (TAP;
# tests/table.py).
: "${BILEX:=$(pwd)/bilex}" "${srcdir:=.}"
exec /usr/bin/python3 "$srcdir/tests/table.py" "$BILEX" "$srcdir"

#!/bin/sh
# ocr.sh - the coloured notes on tests/data/image/frames are read and paired (TAP; tests/ocr.py).
: "${BILEX:=$(pwd)/bilex}" "${srcdir:=.}"
exec /usr/bin/python3 "$srcdir/tests/ocr.py" "$BILEX" "$srcdir"

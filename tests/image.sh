#!/bin/sh
# image.sh - the image extractor: metadata text, OCR in every format, hostile headers (TAP;
# tests/image.py).  IMAGE_VALGRIND=1 also runs the hostile set under valgrind (slow).
: "${BILEX:=$(pwd)/bilex}" "${srcdir:=.}"
exec /usr/bin/python3 "$srcdir/tests/image.py" "$BILEX" "$srcdir"

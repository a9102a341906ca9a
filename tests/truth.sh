#!/bin/sh
# truth.sh - every fixture with a truth file gives the segments and pairs it lists (TAP).
: "${BILEX:=$(pwd)/bilex}" "${srcdir:=.}"
exec /usr/bin/python3 "$srcdir/tests/truth.py" "$BILEX" "$srcdir" docx xlsx pptx odf hwpx hwp html xml svg csv confusables

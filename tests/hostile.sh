#!/bin/sh
# hostile.sh - the shared hostile corpus: every file accounted for, outcomes as in
# tests/hostile/manifest.tsv (tests/hostile.py).
: "${BILEX:=$(pwd)/bilex}" "${srcdir:=.}"
exec /usr/bin/python3 "$srcdir/tests/hostile.py" "$BILEX" "$srcdir" "$@"

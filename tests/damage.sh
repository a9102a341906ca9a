#!/bin/sh
# damage.sh - damaged copies of the OLE2 and HWPX fixtures never crash bilex (TAP).
# DAMAGE_N copies (default 300).  With ./configure --enable-sanitizers, run
# DAMAGE_N=10000 tests/damage.sh: ASan and UBSan reports fail the test too.
: "${BILEX:=$(pwd)/bilex}" "${srcdir:=.}"
exec /usr/bin/python3 "$srcdir/tests/damage.py" "$BILEX" "$srcdir" "${DAMAGE_N:-300}" \
	"${DAMAGE_SEED:-1}"

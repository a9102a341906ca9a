#!/bin/sh
# langdata.sh - the generated language data that is committed (han-readings.tsv,
# han-variants.tsv, han-glosses.tsv) is what langdata/gen/build-langdata.py writes from this
# machine's unicode-data and libhangul-data, byte for byte, and the hand-curated files pass the
# generator's checks.  A generator change without its regenerated files fails here.
. "$srcdir/tests/cli/tap.sh"

plan 4
if ${PYTHON3:-python3} "$srcdir/langdata/gen/build-langdata.py" --outdir "$WORK/ld" \
	> "$WORK/gen.out" 2> "$WORK/gen.err"; then
	ok "generator runs and the curated files pass its checks"
else
	not_ok "generator runs and the curated files pass its checks" "$(head -c 600 "$WORK/gen.err")"
fi
for f in han-readings.tsv han-variants.tsv han-glosses.tsv; do
	if cmp -s "$WORK/ld/$f" "$srcdir/langdata/$f"; then
		ok "$f is the generator's output"
	else
		not_ok "$f is the generator's output" \
			"$(diff "$WORK/ld/$f" "$srcdir/langdata/$f" 2>&1 | head -8)"
	fi
done
exit $((FAILED > 0))

#!/bin/sh
# langdata.sh - the generated language data that is committed (han-readings.tsv,
# han-variants.tsv, han-glosses.tsv) is what langdata/gen/build-langdata.py writes from this
# machine's unicode-data and libhangul-data, byte for byte, and the hand-curated files pass the
# generator's checks; tw-words.tsv is what learn-tw-words.py writes through OpenCC.  A
# generator change without its regenerated files fails here.
. "$srcdir/tests/cli/tap.sh"

plan 5
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
# tw-words.tsv from lexicon.tsv through OpenCC (scripts/setup.sh installs opencc)
if ! command -v opencc > /dev/null 2>&1; then
	T=$((T + 1))
	echo "ok $T - tw-words.tsv is learn-tw-words.py's output # SKIP opencc is not installed"
elif ${PYTHON3:-python3} "$srcdir/langdata/gen/learn-tw-words.py" \
	--lexicon "$srcdir/langdata/lexicon.tsv" --out "$WORK/tw-words.tsv" > /dev/null 2>&1 &&
	cmp -s "$WORK/tw-words.tsv" "$srcdir/langdata/tw-words.tsv"; then
	ok "tw-words.tsv is learn-tw-words.py's output"
else
	not_ok "tw-words.tsv is learn-tw-words.py's output" \
		"$(diff "$WORK/tw-words.tsv" "$srcdir/langdata/tw-words.tsv" 2>&1 | head -8)"
fi
exit $((FAILED > 0))

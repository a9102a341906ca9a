#!/bin/sh
# shards.sh - three shards run through GNU parallel and `bilex merge` give exactly what one
# run writes: pairs as CSV and JSONL, segments and errors as JSONL (docs/SCALE.md's recipe).
. "$srcdir/tests/cli/tap.sh"
command -v parallel > /dev/null || { echo "1..0 # SKIP GNU parallel not installed"; exit 0; }
plan 6
D="$srcdir/tests/data"
"$BILEX" scan -q --no-ocr "$D" -o "$WORK/one.csv" 2>/dev/null
"$BILEX" scan -q --no-ocr "$D" -o "$WORK/one.jsonl" --segments "$WORK/one-seg.jsonl" \
	--errors "$WORK/one-err.jsonl" 2>/dev/null
# the recipe: one job per shard, each writing its own files
parallel --will-cite -j 3 "$BILEX" scan -q --no-ocr -j 1 --shard {}/3 "$D" \
	-o "$WORK/pairs-{}.jsonl" --segments "$WORK/seg-{}.jsonl" --errors "$WORK/err-{}.jsonl" \
	::: 1 2 3 2>/dev/null
parallel --will-cite -j 3 "$BILEX" scan -q --no-ocr -j 1 --shard {}/3 "$D" \
	-o "$WORK/pairs-{}.csv" ::: 1 2 3 2>/dev/null
nonempty=0
for k in 1 2 3; do [ -s "$WORK/seg-$k.jsonl" ] && nonempty=$((nonempty + 1)); done
if [ $nonempty = 3 ]; then ok "every shard has work"; else not_ok "every shard has work" "$nonempty of 3"; fi
"$BILEX" merge -o "$WORK/m.csv" "$WORK"/pairs-1.csv "$WORK"/pairs-2.csv "$WORK"/pairs-3.csv
"$BILEX" merge -o "$WORK/m.jsonl" "$WORK"/pairs-1.jsonl "$WORK"/pairs-2.jsonl "$WORK"/pairs-3.jsonl
"$BILEX" merge "$WORK"/seg-3.jsonl "$WORK"/seg-1.jsonl "$WORK"/seg-2.jsonl > "$WORK/m-seg.jsonl"
"$BILEX" merge -o "$WORK/m-err.jsonl" "$WORK"/err-1.jsonl "$WORK"/err-2.jsonl "$WORK"/err-3.jsonl
same() { # name a b: equal once file times are blanked (the walk stamps them)
	sed 's/"mtime":"[^"]*"/"mtime":null/g' "$2" > "$WORK/x1"
	sed 's/"mtime":"[^"]*"/"mtime":null/g' "$3" > "$WORK/x2"
	if cmp -s "$WORK/x1" "$WORK/x2" && [ -s "$WORK/x1" ]; then ok "$1 ($(wc -l < "$WORK/x1") lines)"
	else not_ok "$1" "$(diff "$WORK/x1" "$WORK/x2" | head -6)"; fi
}
same "merged CSV pairs = one run" "$WORK/m.csv" "$WORK/one.csv"
same "merged JSONL pairs = one run" "$WORK/m.jsonl" "$WORK/one.jsonl"
same "merged segments (shards given in any order) = one run" "$WORK/m-seg.jsonl" "$WORK/one-seg.jsonl"
same "merged errors = one run" "$WORK/m-err.jsonl" "$WORK/one-err.jsonl"
status_is 2 "merging csv with jsonl is a usage error" "$BILEX" merge "$WORK/m.csv" "$WORK/m.jsonl"
exit 0

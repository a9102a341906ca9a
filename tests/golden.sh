#!/bin/sh
# golden.sh - every tests/data/<format>/NAME with a NAME.expected.jsonl beside it is extracted
# with `bilex extract` and compared with the expected records (TAP, one test per file).
# File times depend on the checkout, so "mtime" is blanked on both sides.
#   tests/golden.sh --update   rewrites the expected files (review the diff before committing)
set -u
: "${BILEX:=$(pwd)/bilex}" "${srcdir:=.}"
update=0
[ "${1:-}" = --update ] && update=1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
list=$(cd "$srcdir/tests/data" && find . -name '*.expected.jsonl' | sort)
total=$(printf '%s\n' "$list" | grep -c .)
echo "1..$total"
for exp in $list; do
	exp=${exp#./}
	dir=$(dirname "$exp")
	input=$(basename "$exp" .expected.jsonl)
	n=$((n + 1))
	(cd "$srcdir/tests/data/$dir" && "$BILEX" extract -q --no-ocr "$input") |
		sed 's/"mtime":"[^"]*"/"mtime":null/g' > "$tmp/got" 2> "$tmp/err"
	if [ $update = 1 ]; then
		cp "$tmp/got" "$srcdir/tests/data/$exp"
		echo "ok $n - $dir/$input (updated)"
	elif cmp -s "$tmp/got" "$srcdir/tests/data/$exp"; then
		echo "ok $n - $dir/$input"
	else
		echo "not ok $n - $dir/$input"
		diff "$srcdir/tests/data/$exp" "$tmp/got" | head -20 | sed 's/^/# /'
	fi
done

#!/bin/sh
# pairs.sh - golden pairs: each tests/data/pairs/NAME (a file or a folder of sibling files) with
# NAME.pairs.jsonl beside it is scanned and its pair records compared (TAP).
#   tests/pairs.sh --update   rewrites the expected files (review the diff before committing)
set -u
: "${BILEX:=$(pwd)/bilex}" "${srcdir:=.}"
update=0
[ "${1:-}" = --update ] && update=1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
d="$srcdir/tests/data/pairs"
list=$(cd "$d" && ls *.pairs.jsonl 2>/dev/null)
echo "1..$(echo "$list" | grep -c .)"
n=0
for exp in $list; do
	n=$((n + 1))
	input=${exp%.pairs.jsonl}
	(cd "$d" && "$BILEX" scan -q --no-ocr -f jsonl "$input") > "$tmp/got" 2> "$tmp/err"
	if [ $update = 1 ]; then
		cp "$tmp/got" "$d/$exp"
		echo "ok $n - $input (updated)"
	elif cmp -s "$tmp/got" "$d/$exp"; then
		echo "ok $n - $input"
	else
		echo "not ok $n - $input"
		diff "$d/$exp" "$tmp/got" | head -20 | sed 's/^/# /'
	fi
done

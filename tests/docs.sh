#!/bin/sh
# docs.sh - the documentation names every limit, extractor and error code the binary has.
. "$srcdir/tests/cli/tap.sh"
limits=$("$BILEX" --limit help | awk '{print $1}')
extractors=$("$BILEX" --version | sed -n 's/^extractors: //p')
plan $(( $(echo $limits | wc -w) + $(echo $extractors | wc -w) + 1 ))
for l in $limits; do
	if grep -q "^| \`$l\` |" "$srcdir/docs/LIMITS.md"; then ok "limit $l documented"; else not_ok "limit $l documented" "add it to docs/LIMITS.md"; fi
done
for e in $extractors; do
	if grep -q "^| \`$e\` |" "$srcdir/docs/EXTRACTORS.md"; then ok "extractor $e documented"; else not_ok "extractor $e documented"; fi
done
missing=""
for c in $(sed -n 's/.*{ BILEX_E_[A-Z_]*, "\([a-z-]*\)".*/\1/p' "$srcdir/src/core/errors.c"); do
	[ "$c" = none ] && continue
	grep -q "\`$c\`" "$srcdir/docs/RECORDS.md" || missing="$missing $c"
done
if [ -z "$missing" ]; then ok "every error code documented"; else not_ok "every error code documented" "missing:$missing"; fi

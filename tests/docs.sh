#!/bin/sh
# docs.sh - the documentation names every limit, extractor and error code the binary has.
. "$srcdir/tests/cli/tap.sh"
limits=$("$BILEX" --limit help | awk '{print $1}')
extractors=$("$BILEX" --version | sed -n 's/^extractors: //p')
# every option `bilex --help` prints, long and short (the man page writes '-' as '\-')
options=$("$BILEX" --help | grep -o -- '^ *\(-[a-zA-Z0-9], \)\?--[a-z-]*' | tr -d ' ,' |
	sed 's/^\(-.\)\(--.*\)/\1 \2/')
plan $(( $(echo $limits | wc -w) + $(echo $extractors | wc -w) + $(echo $options | wc -w) + 3 ))
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

# the manual page: well-formed for groff, and every option of --help in it
man="$srcdir/docs/bilex.1"
if command -v groff > /dev/null 2>&1; then
	warn=$(groff -man -ww -z "$man" 2>&1)
	if [ -z "$warn" ]; then ok "bilex.1: groff -man -ww reports nothing"; else not_ok "bilex.1: groff -man -ww reports nothing" "$warn"; fi
else
	ok "bilex.1: groff -man -ww # SKIP groff is not installed"
fi
for o in $options; do
	pat=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
	if grep -q -- "$pat" "$man"; then ok "bilex.1 documents $o"; else not_ok "bilex.1 documents $o" "add it to docs/bilex.1"; fi
done
# exit statuses of DESIGN.md section 5
if grep -q '^\.SH EXIT STATUS' "$man" && grep -q '^\.B 2$' "$man" && grep -q '^\.B 3$' "$man"; then
	ok "bilex.1: exit statuses 0, 2, 3"
else
	not_ok "bilex.1: exit statuses 0, 2, 3"
fi

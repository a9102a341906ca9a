#!/bin/sh
# fuzz-regress.sh - the inputs of fuzz/regress/ (inputs that once crashed, hung or broke a check
# of a fuzz target; fuzz/README.md) through the command, each one twice: two copies of it in
# two folders, so that the second is replayed from the tape of the first (tape.c), as the fuzz
# targets do.  For each input: exit status 0, no crash, timeout, internal or worker
# limit-memory record, every output valid UTF-8, and the file records of the replayed copy the same as those of the
# first (status, segments, errors).  Under scripts/sanitize.sh this runs with ASan and UBSan.
. "$srcdir/tests/cli/tap.sh"

inputs=$(find "$srcdir/fuzz/regress" -type f ! -name 'README*' 2>/dev/null | sort)
if [ -z "$inputs" ]; then
	plan 1
	ok "# SKIP no fuzz regression inputs"
	exit 0
fi
plan "$(($(echo "$inputs" | wc -l) * 2))"
for f in $inputs; do
	name=${f#"$srcdir"/fuzz/regress/}
	in=$WORK/in
	rm -rf "$in"
	mkdir -p "$in/a" "$in/b"
	cp "$f" "$in/a/input"
	cp "$f" "$in/b/input"
	"$BILEX" scan -q -j 0 --no-ocr "$in" -o "$WORK/p.jsonl" --segments "$WORK/s.jsonl" \
		--errors "$WORK/e.jsonl" > "$WORK/out" 2> "$WORK/err"
	st=$?
	bad=$(jq -c -f "$srcdir/tests/cli/bad-records.jq" "$WORK/e.jsonl" 2>/dev/null | wc -l)
	# every output is UTF-8, whatever bytes the input's names hold (a DOCX part named
	# extra/archive.\xFAip wrote that byte into the sources once)
	enc=0
	for o in p s e; do
		iconv -f UTF-8 -t UTF-8 "$WORK/$o.jsonl" > /dev/null 2>&1 || enc=$((enc + 1))
	done
	if [ $st = 0 ] && [ "${bad:-0}" = 0 ] && [ $enc = 0 ]; then
		ok "$name: no crash"
	else
		not_ok "$name: no crash" "exit $st, $bad crash/timeout/internal or worker limit-memory records, $enc outputs not UTF-8" \
			"$(head -c 600 "$WORK/err")"
	fi
	for side in a b; do
		jq -r --arg p "$in/$side/" 'select(.type == "file" and (.source | startswith($p))) |
			"\(.source | ltrimstr($p)) \(.status) \(.segments) \(.errors)"' "$WORK/s.jsonl" |
			sort > "$WORK/$side.files"
	done
	if [ -s "$WORK/a.files" ] && cmp -s "$WORK/a.files" "$WORK/b.files"; then
		ok "$name: replayed the same"
	else
		not_ok "$name: replayed the same" "$(diff "$WORK/a.files" "$WORK/b.files" | head -10)"
	fi
done
[ $FAILED = 0 ]

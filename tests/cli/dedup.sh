#!/bin/sh
# dedup.sh - bytes seen before in a run are not parsed again (src/core/tape.c): the copy's
# records are exactly what a run that sees it first would write, and a dump of many copies
# costs little more than one.
. "$srcdir/tests/cli/tap.sh"
plan 4
mkdir -p "$WORK/d/a" "$WORK/d/b" "$WORK/d/c"
cp "$srcdir/tests/data/docx/notes.docx" "$WORK/d/a/notes.docx"
cp "$srcdir/tests/data/docx/notes.docx" "$WORK/d/b/notes.docx"
cp "$srcdir/tests/data/html/notes-gbk.html" "$WORK/d/a/page.html"
cp "$srcdir/tests/data/html/notes-gbk.html" "$WORK/d/c/page.html"
(cd "$srcdir/tests/data/docx" && zip -q -X "$WORK/d/c/batch.zip" notes.docx comments.docx)

"$BILEX" scan -q -j 0 "$WORK/d" -o "$WORK/all.jsonl" --segments "$WORK/all-seg.jsonl"
"$BILEX" scan -q -j 0 "$WORK/d/b" -o "$WORK/b.jsonl" --segments "$WORK/b-seg.jsonl"
"$BILEX" scan -q -j 0 "$WORK/d/c" -o "$WORK/c.jsonl" --segments "$WORK/c-seg.jsonl"
# the records of d/b and d/c, taken from the whole run, against the runs that saw them first
grep -F "\"file\":\"$WORK/d/b/" "$WORK/all-seg.jsonl" > "$WORK/from-all-b"
grep -F "\"file\":\"$WORK/d/c/" "$WORK/all-seg.jsonl" > "$WORK/from-all-c"
if cmp -s "$WORK/from-all-b" "$WORK/b-seg.jsonl" && [ -s "$WORK/b-seg.jsonl" ]; then
	ok "a copy of a document gives the records it gives when read first"
else
	not_ok "a copy of a document gives the records it gives when read first" "$(diff "$WORK/from-all-b" "$WORK/b-seg.jsonl" | head -4)"
fi
if cmp -s "$WORK/from-all-c" "$WORK/c-seg.jsonl" && [ -s "$WORK/c-seg.jsonl" ]; then
	ok "copies inside an archive and a legacy-encoded page too"
else
	not_ok "copies inside an archive and a legacy-encoded page too" "$(diff "$WORK/from-all-c" "$WORK/c-seg.jsonl" | head -4)"
fi
grep -F "\"file\":\"$WORK/d/b/" "$WORK/all.jsonl" > "$WORK/pairs-b"
if cmp -s "$WORK/pairs-b" "$WORK/b.jsonl" && [ -s "$WORK/b.jsonl" ]; then ok "and the same pairs"; else not_ok "and the same pairs"; fi

# cost: 200 copies of a document against one (user CPU, so that load does not count)
mkdir -p "$WORK/many"
i=0
while [ $i -lt 200 ]; do cp "$srcdir/tests/data/docx/notes.docx" "$WORK/many/n$i.docx"; i=$((i + 1)); done
mkdir -p "$WORK/one" && cp "$srcdir/tests/data/docx/notes.docx" "$WORK/one/"
/usr/bin/time -f %U -o "$WORK/t1" "$BILEX" scan -q -j 0 --no-ocr "$WORK/one" -o /dev/null
/usr/bin/time -f %U -o "$WORK/t200" "$BILEX" scan -q -j 0 --no-ocr "$WORK/many" -o /dev/null
t1=$(cat "$WORK/t1") t200=$(cat "$WORK/t200")
echo "# one copy ${t1}s, 200 copies ${t200}s (user CPU)"
# informative bound, not a timing assertion on speed: the copies must not cost 200 parses
if awk -v a="$t1" -v b="$t200" 'BEGIN { exit !(b < a + 200 * 0.004 + 2) }'; then
	ok "200 copies are not parsed 200 times"
else
	not_ok "200 copies are not parsed 200 times" "one ${t1}s, 200 ${t200}s"
fi
exit 0

#!/bin/sh
# run.sh - archives: the bombs of issue 5 stopped in time and memory, and nesting costs no more
# than members in flight; against `unzip -p` / `bsdtar -xOf` reading the same bytes where that
# is meaningful.  Writes the section of docs/BENCHMARKS.md.
#   bench/archive/run.sh           (needs a built ./bilex; makes the 10 GB bomb in a temp dir)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8
A=tests/data/archive

# a 10 GB ratio bomb, made for this run only (never committed)
$py tests/gen/archives/make_bombs.py --size 10737418240 --out "$work/big" --only ratio-bomb.zip \
	> /dev/null
# eight levels of nesting and one level, same leaf
$py - "$work" <<'EOS'
import io, sys, zipfile
work = sys.argv[1]
leaf = ("请把头再画大一点。\n머리를 조금 더 크게 그려 주세요.\n" * 2000).encode()
def nest(levels):
    data, name = leaf, "note.txt"
    for i in range(levels):
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(name, data)
        data, name = b.getvalue(), "level%d.zip" % i
    open("%s/nest-%d.zip" % (work, levels), "wb").write(data)
nest(1)
nest(8)
EOS

measure() { # label file [bilex args]: wall seconds and peak RSS (MB) of the whole run
	label=$1 f=$2
	shift 2
	/usr/bin/time -f "%e %M" -o "$work/t" ./bilex scan -q -j 1 --no-ocr "$@" "$f" \
		-o /dev/null --errors "$work/e.jsonl" > /dev/null 2>&1 || true
	read -r secs kb < "$work/t"
	codes=$(jq -r .code "$work/e.jsonl" 2>/dev/null | sort -u | tr '\n' ' ')
	printf '| %s | %s | %s | %.2f | %d | %s |\n' "$label" "$(basename "$f")" \
		"$(du -h "$f" | cut -f1)" "$secs" $((kb / 1024)) "${codes:--}" >> "$work/rows"
}
: > "$work/rows"
measure "overlap bomb (42 KB, 250 entries sharing one 21 MB kernel)" $A/overlap-bomb.zip
measure "ratio bomb (committed, 40 KB)" $A/ratio-bomb.zip
measure "ratio bomb, 10 GB of zeros" "$work/big/ratio-bomb.zip"
measure "nested bomb (16 KB, 4 levels x 16)" $A/nested-bomb.zip
measure "quine (contains itself)" $A/quine.zip
measure "many entries" $A/many-entries.zip
measure "one level of nesting" "$work/nest-1.zip"
measure "eight levels of nesting" "$work/nest-8.zip"

# what a user would otherwise run on the 10 GB bomb: unzip streams all of it
t0=$(date +%s.%N)
timeout 60 unzip -p "$work/big/ratio-bomb.zip" > /dev/null 2>&1 || true
t1=$(date +%s.%N)
unz=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')

rows=$(cat "$work/rows")
section=$(cat <<EOM
<!-- archive:begin -->
## Archives: bombs and nesting

Command: \`bench/archive/run.sh\` ($(nproc) cores; one worker, \`-j 1\`; time and peak RSS by
\`/usr/bin/time\`, the parent and the worker together counted as the larger of the two).
The 10 GB bomb is made by \`tests/gen/archives/make_bombs.py --size\` for the run and not kept.

| input | file | size | seconds | peak RSS MB | error codes |
|---|---|---|---|---|---|
$rows

For comparison, \`unzip -p\` on the 10 GB bomb inflates everything it is given: stopped by
\`timeout 60\` it ran ${unz} s. bilex stops at the input's budget (\`total-bytes\`, and
\`ratio\` times the input's size past 16 MiB, docs/LIMITS.md), so the time does not grow with
what a bomb claims. Eight levels of nesting are read from memory one member at a time: the
peak is that of one level plus the members in flight.
<!-- archive:end -->
EOM
)
$py - "$section" <<'EOS'
import re, sys
section = sys.argv[1] + "\n"
doc = "docs/BENCHMARKS.md"
sys.path.insert(0, __import__("os").path.join(__import__("os").path.dirname(__import__("os").path.abspath(doc)), "..", "bench"))
import docsection  # noqa: E402
docsection.put(doc, "archive", section)
print(section)
EOS

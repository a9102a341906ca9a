#!/bin/sh
# bench/text/run.sh - text extraction throughput of bilex against uchardet + iconv, the tools a
# user would otherwise chain, on the same bytes; writes the table into docs/BENCHMARKS.md.
#   bench/text/run.sh            (after scripts/setup.sh; needs uchardet, iconv, gcc)
# Times are CPU seconds, the best of RUNS (default 5) runs, one process, one core.
set -eu
cd "$(dirname "$0")/../.."
top=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BILEX_LANGDATA="$top/langdata"
/usr/bin/python3 bench/text/make-corpus.py "$work"
gcc -O2 -Iinclude bench/text/libbench.c -L.libs -lbilex -Wl,-rpath,"$top/.libs" -o "$work/libbench"
# the decode stage alone calls internal functions: linked against the static library
gcc -O2 -Iinclude -Isrc -I. bench/text/decbench.c .libs/libbilex.a \
	$(pkg-config --libs icu-i18n icu-uc nettle) -lm -o "$work/decbench"

# CPU seconds (user + system, of the command and the processes it waited for), the best of
# RUNS runs: on a shared machine the wall time measures the neighbours as much as the program,
# and every command here is one process on one core (the worker column excepted: its parent
# and worker add up).
RUNS=${RUNS:-5}
best() {
	b=""
	for i in $(seq "$RUNS"); do
		/usr/bin/time -o "$work/time" -f '%U %S' "$@" > /dev/null 2>&1 || true
		t=$(awk '{ print $1 + $2 }' "$work/time")
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
	done
	printf '%.3f' "$b"
}
chain='uchardet "$1" > /dev/null; iconv -f "$2" -t UTF-8 "$1"'
load0=$(cut -d' ' -f1 /proc/loadavg)

table="$work/table.md"
{
	echo "| input | size | charset found | segments | bilex extract -j0 (CLI, JSONL) | bilex extract (workers) | libbilex (no output) | lib MB/s | bilex decode only | uchardet + iconv | decode / chain | lib / chain | CLI -j0 / chain |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
	for f in utf8:UTF-8 gbk:GB18030 cp949:CP949 big5:BIG5 sjis:SHIFT_JIS; do
		name=${f%%:*} enc=${f#*:}
		file="$work/$name.txt"
		size=$(stat -c %s "$file")
		found=$(./bilex extract -q "$file" | tail -1 | jq -r .charset)
		segs=$("$work/libbench" "$file" | awk '{print $2}')
		cli=$(best ./bilex extract -j0 -q -o /dev/null "$file")
		cliw=$(best ./bilex extract -q -o /dev/null "$file")
		lib=$(best "$work/libbench" "$file")
		dec=$(best "$work/decbench" "$file")
		ch=$(best sh -c "$chain" sh "$file" "$enc")
		mbs=$(echo "$size / 1000000 / $lib" | bc -l)
		printf '| %s | %.1f MB | %s | %s | %s s | %s s | %s s | %.1f | %s s | %s s | %.2fx | %.1fx | %.1fx |\n' \
			"$name.txt" "$(echo "$size / 1000000" | bc -l)" "$found" "$segs" "$cli" "$cliw" "$lib" "$mbs" \
			"$dec" "$ch" "$(echo "$dec / $ch" | bc -l)" "$(echo "$lib / $ch" | bc -l)" \
			"$(echo "$cli / $ch" | bc -l)"
	done
} > "$table"
cat "$table"

doc=docs/BENCHMARKS.md
[ -f "$doc" ] || printf '# Benchmarks\n\nEvery table here is written by the script named above it, on the machine named.\n' > "$doc"
load1=$(cut -d' ' -f1 /proc/loadavg)
/usr/bin/python3 - "$doc" "$table" "$RUNS" "$load0" "$load1" <<'PY'
import re, subprocess, sys, datetime, platform
doc, table = sys.argv[1], open(sys.argv[2]).read()
runs, load0, load1 = sys.argv[3], sys.argv[4], sys.argv[5]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
section = ("<!-- text:begin -->\n## Text extraction\n\nCommand: `bench/text/run.sh` (%s, %s, %d cores, "
           "load average %s at the start and %s at the end: other work was running).  Times are "
           "CPU seconds (user + system), the best of %s runs: on a shared machine wall time "
           "measures the neighbours too, and each command but the worker column is one process "
           "on one core.  `bilex extract -j0` (one process) writes every segment as JSONL to "
           "/dev/null; `bilex extract (workers)` is the same with the default worker processes, "
           "where every record also crosses a pipe from the worker to the parent; "
           "libbilex is `bench/text/libbench.c`, the library with a callback that only counts "
           "records (extraction, charset decision, NFC, sentence and script cuts, Hans/Hant and "
           "KP/KR labels, SHA-256).  The chain is `uchardet FILE; iconv -f CHARSET -t UTF-8 FILE`, "
           "which only decodes; `bilex decode only` is `bench/text/decbench.c`, the same work as the "
           "chain done by libbilex's own code: the charset decision over the first 64 KiB "
           "(`bx_charset_choose`) and the conversion of every byte to UTF-16 with the ICU converter "
           "and 64 KiB chunks of the text extractor, nothing else.  `decode / chain` compares like "
           "with like; `lib / chain` and `CLI / chain` compare the whole pipeline (decoding, lines, "
           "NFC, sentences, scripts, labels, hashing, and for the CLI the JSONL) with a chain that "
           "only decodes.\n\n%s<!-- text:end -->\n") % (
    datetime.date.today().isoformat(), cpu, __import__("os").cpu_count(), load0, load1, runs,
    table)
sys.path.insert(0, __import__("os").path.join(__import__("os").path.dirname(__import__("os").path.abspath(doc)), "..", "bench"))
import docsection  # noqa: E402
docsection.put(doc, "text", section)
PY
echo "written to $doc"

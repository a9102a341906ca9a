#!/bin/sh
# run.sh - the analyst outputs: 100,000 pairs written as XLSX (target: under 5 s) and a report of
# 10,000 pairs loaded in Chromium (target: under 2 s), against what a user would otherwise do
# (openpyxl's write-only workbook from the CSV; LibreOffice converting the CSV).  Writes the
# "Outputs" section of docs/BENCHMARKS.md.
#   bench/output/run.sh          (builds bilex if needed; PAIRS=100000 REPORT=10000 RUNS=3)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
py=/usr/bin/python3
PAIRS=${PAIRS:-100000}
REPORT=${REPORT:-10000}
RUNS=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8

# what it needs: the library, and the writer driver bench.c linked to it
[ -f .libs/libbilex.so ] && [ -x bilex ] || make -s -j2 > /dev/null
gcc -O2 -Wall -Iinclude bench/output/bench.c -L.libs -lbilex -Wl,-rpath,"$top/.libs" \
	-o "$work/bench"

# best (lowest) writer seconds of RUNS runs, and the peak RSS of that run (MB):
#   best FORMAT NPAIRS MODE [hostile] -> "secs rss bytes records"
best() {
	fmt=$1 n=$2
	shift 2
	b=""
	for r in $(seq "$RUNS"); do
		/usr/bin/time -f "%M" -o "$work/rss" "$work/bench" "$fmt" "$work/out.$fmt" "$n" "$@" \
			> "$work/line"
		read -r _ recs secs bytes < "$work/line"
		kb=$(cat "$work/rss")
		if [ -z "$b" ] || awk -v a="$secs" -v b="$b" 'BEGIN { exit !(a < b) }'; then
			b=$secs
			echo "$secs $((kb / 1024)) $bytes $recs" > "$work/best"
		fi
	done
	cat "$work/best"
}
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1048576 }'; }

: > "$work/rows"
row() { # label format n mode...
	label=$1 fmt=$2 n=$3
	shift 3
	set -- $(best "$fmt" "$n" "$@")
	printf '| %s | %s | %s | %.2f s | %s | %s |\n' "$label" "$fmt" "$4" "$1" "$(mb "$3")" \
		"$2 MB" >> "$work/rows"
	printf '%.2f\n' "$1"
}
x_pairs=$(row "$PAIRS pairs (Pairs and Timeline sheets)" xlsx "$PAIRS" pairs)
x_all=$(row "$PAIRS pairs with what a scan hands the writer: 2 segments each, 1 unpaired in 10, a file record per 50, an error per 1,000 (all six sheets)" xlsx "$PAIRS" all)
x_bad=$(row "the same, hostile texts among them (formulas, markup, cells over 32,767 characters)" xlsx "$PAIRS" all hostile)
c_pairs=$(row "$PAIRS pairs" csv "$PAIRS" pairs)
j_pairs=$(row "$PAIRS pairs" jsonl "$PAIRS" pairs)
rows=$(cat "$work/rows")

# what a user would otherwise do with bilex's CSV of the same pairs
"$work/bench" csv "$work/pairs.csv" "$PAIRS" pairs > /dev/null
opx=$($py - "$work/pairs.csv" "$work/openpyxl.xlsx" "$RUNS" <<'EOS'
import csv, sys, time
import openpyxl
src, dst, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
best = None
for _ in range(runs):
    t0 = time.monotonic()
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Pairs")
    with open(src, encoding="utf-8-sig", newline="") as f:
        for i, row in enumerate(csv.reader(f)):
            if i:
                row[1] = float(row[1])
            ws.append(row)
    wb.save(dst)
    t = time.monotonic() - t0
    best = t if best is None else min(best, t)
print("%.2f" % best)
EOS
)
lo="-"
if command -v soffice > /dev/null 2>&1; then
	t0=$(date +%s.%N)
	soffice -env:UserInstallation="file://$work/lo-profile" --headless \
		--infilter='Text - txt - csv (StarCalc):44,34,76,1' --convert-to xlsx \
		--outdir "$work/lo" "$work/pairs.csv" > /dev/null 2>&1 || true
	t1=$(date +%s.%N)
	[ -f "$work/lo/pairs.xlsx" ] && lo=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
fi
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a != "-") printf "%.1fx", a / b; else printf "-" }'; }

# the report in Chromium: data-load-ms is set by the page's script when it has rendered the
# first page of rows (milliseconds since navigation start: parsing the page and its data
# included); best of RUNS, each with a fresh profile
"$work/bench" html "$work/report.html" "$REPORT" all > "$work/line"
read -r _ hrecs hsecs hbytes < "$work/line"
load="-" script="-" wall="-"
if command -v chromium > /dev/null 2>&1; then
	for r in $(seq "$RUNS"); do
		prof="$work/chromium-$r"
		t0=$(date +%s.%N)
		timeout 120 chromium --headless=new --disable-gpu --no-sandbox --no-first-run \
			--disable-extensions --disable-background-networking --disable-sync \
			--host-resolver-rules='MAP * ~NOTFOUND' --user-data-dir="$prof" --dump-dom \
			"file://$work/report.html" > "$work/dom" 2> /dev/null || true
		t1=$(date +%s.%N)
		l=$(grep -o 'data-load-ms="[0-9]*"' "$work/dom" | head -1 | tr -dc 0-9)
		s=$(grep -o 'data-render-ms="[0-9]*"' "$work/dom" | head -1 | tr -dc 0-9)
		w=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
		if [ -n "$l" ] && { [ "$load" = - ] || [ "$l" -lt "$load" ]; }; then
			load=$l script=$s wall=$w
		fi
	done
fi

cpu=$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo | head -1 | awk '{print $1, $2}')
build=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
section=$(cat <<EOM
<!-- output:begin -->
## Outputs

Command: \`bench/output/run.sh\` ($(date +%F), $cpu, $(nproc) cores, bilex $(./bilex --version | sed -n '1s/bilex //p'), build $build, libxlsxwriter $(./bilex --version | sed -n 's/^ *libxlsxwriter //p')).  \`bench/output/bench.c\` writes made-up records through the public writer API (\`bilex_writer_open\`, \`_write\`, \`_close\`): Chinese and Korean sentences of 12 to 60 characters, the length of real editing notes, in the order of a scan.  Seconds are the writer's, open to close (the file complete on disk), best of $RUNS; peak RSS of the whole process by \`/usr/bin/time\`.

| records | format | records written | seconds | file | peak RSS |
|---|---|---|---|---|---|
$rows

Target: $PAIRS pairs to XLSX in under 5 s.  The Pairs workbook takes ${x_pairs} s; the workbook \`bilex scan -o x.xlsx\` writes, with every segment, file and error of those pairs as well (three times the records), takes ${x_all} s: most of it is zlib compressing the sheets at close (40% of the samples under perf; libxlsxwriter 1.1 has no compression level), and writing each row to its sheet's temporary file and reading it back.  Memory stays flat with the number of rows (libxlsxwriter's constant-memory mode; unpaired candidates spilled to a temporary file).  CSV and JSONL of the same pairs: ${c_pairs} s and ${j_pairs} s.

What a user would otherwise do with the same $PAIRS pairs as CSV: openpyxl's write-only workbook (one sheet, no formats) ${opx} s ($(ratio "$opx" "$x_pairs") bilex's Pairs workbook); LibreOffice converting the CSV to XLSX (\`soffice --headless --convert-to xlsx\`, start-up included) ${lo} s ($(ratio "$lo" "$x_pairs")).

Report: $REPORT pairs with what a scan hands the writer ($hrecs records, $(mb "$hbytes"), written in ${hsecs} s) opened in headless Chromium $(chromium --version 2>/dev/null | awk '{print $2}'): the page's script done ${load} ms after navigation start (parsing the page and its data included; the script itself ${script} ms), best of $RUNS; ${wall} s for the whole \`chromium --dump-dom\` run, browser start-up included.  Target: under 2 s.
<!-- output:end -->
EOM
)
$py - "$section" <<'EOS'
import re, sys
section = sys.argv[1] + "\n"
doc = "docs/BENCHMARKS.md"
sys.path.insert(0, __import__("os").path.join(__import__("os").path.dirname(__import__("os").path.abspath(doc)), "..", "bench"))
import docsection  # noqa: E402
docsection.put(doc, "output", section)
print(section)
EOS

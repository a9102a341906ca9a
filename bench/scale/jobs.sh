#!/bin/sh
# jobs.sh - `bilex scan -j 1` against `-j 2` on the dumps of docs/SCALE.md, best of R runs each,
# the two alternating so that other load on the machine falls on both alike.
#   bench/scale/jobs.sh [R]     (default 3; needs a built ./bilex, python3-docx, LibreOffice)
# Dumps: 200 generated DOCX (bench/docs/gen.py), the same as ODT, tests/data, and all of these
# with examples/dump ("mixed").  Prints one line per dump: best -j1, best -j2, the ratio, and
# whether the two outputs are byte-identical.  Also prints the CPU seconds of the run (user +
# system of bilex and its workers), to tell a loaded machine from a slow program.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
r=${1:-3}
work=${BENCH_WORK:-$(mktemp -d)}
[ -n "${BENCH_WORK:-}" ] || trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8 BILEX_LANGDATA="$top/langdata"

if [ ! -d "$work/docx" ]; then
	/usr/bin/python3 bench/docs/gen.py "$work/docx" 200
	soffice -env:UserInstallation="file://$work/lo" --headless --convert-to odt \
		--outdir "$work/odt" "$work"/docx/*.docx > /dev/null 2>&1
	mkdir -p "$work/mixed"
	cp -r "$work/docx" "$work/odt" "$work/mixed/"
	cp -r tests/data "$work/mixed/data"
	cp -r examples/dump "$work/mixed/dump"
	ln -s "$top/tests/data" "$work/data"
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for d in docx odt data mixed; do
	b1= b2=
	for i in $(seq "$r"); do
		for j in 1 2; do
			/usr/bin/time -f "%e %U %S" -o "$work/t" \
				./bilex scan -q -j $j "$work/$d/" -o "$work/out$j.csv"
			read -r e u s < "$work/t"
			eval "b=\${b$j}"
			if [ -z "$b" ] || [ "$(echo "$e < $b" | bc)" = 1 ]; then
				eval "b$j=$e"
				eval "c$j=\$(echo \"$u + $s\" | bc)"
			fi
		done
	done
	same=identical
	cmp -s "$work/out1.csv" "$work/out2.csv" || same=DIFFERENT
	printf '%-6s -j1 %6.2f s (cpu %6.2f)  -j2 %6.2f s (cpu %6.2f)  %sx  %s\n' "$d" "$b1" "$c1" \
		"$b2" "$c2" "$(echo "scale=2; $b1 / $b2" | bc)" "$same"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/bin/sh
# bench/text/compare.sh OLD_TREE - libbilex of another built tree (OLD_TREE/.libs) against this
# one on the corpora of run.sh, in one run: libbench built against each, the two run in turn,
# the best CPU time (user + system) of RUNS (default 5) each.  Prints MB/s and the speed-up.
#   git worktree add /tmp/old <commit> && (cd /tmp/old && autoreconf -fi && ./configure -q &&
#   make -j2 libbilex.la) && bench/text/compare.sh /tmp/old
set -eu
old=$(cd "$1" && pwd)
cd "$(dirname "$0")/../.."
top=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export BILEX_LANGDATA="$top/langdata"
RUNS=${RUNS:-5}
/usr/bin/python3 bench/text/make-corpus.py "$work"
gcc -O2 -Iinclude bench/text/libbench.c -L"$old/.libs" -lbilex -Wl,-rpath,"$old/.libs" \
	-o "$work/old"
gcc -O2 -Iinclude bench/text/libbench.c -L.libs -lbilex -Wl,-rpath,"$top/.libs" -o "$work/new"

cpu() { /usr/bin/time -o "$work/time" -f '%U %S' "$@" > /dev/null 2>&1; awk '{ print $1 + $2 }' "$work/time"; }
min() { echo "if ($1 < $2) $1 else $2" | bc -l; }

echo "| input | size | old CPU s | old MB/s | new CPU s | new MB/s | speed-up |"
echo "|---|---|---|---|---|---|---|"
for name in utf8 gbk cp949 big5 sjis; do
	f="$work/$name.txt"
	size=$(stat -c %s "$f")
	o=999 n=999
	for i in $(seq "$RUNS"); do
		o=$(min "$(cpu "$work/old" "$f")" "$o")
		n=$(min "$(cpu "$work/new" "$f")" "$n")
	done
	printf '| %s | %.1f MB | %.2f | %.1f | %.2f | %.1f | %.2fx |\n' "$name.txt" \
		"$(echo "$size / 1000000" | bc -l)" "$o" "$(echo "$size / 1000000 / $o" | bc -l)" \
		"$n" "$(echo "$size / 1000000 / $n" | bc -l)" "$(echo "$o / $n" | bc -l)"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

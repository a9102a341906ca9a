#!/bin/sh
# run.sh - the alignment benchmark: synthetic documents, bilex and two Gale & Church baselines,
# strict/lax scores per layout and drop rate, and bilex's time on a large document.
#
#   bench/align/run.sh            (from anywhere; writes docs/BENCHMARKS.md's align section)
#
# Environment: BILEX (default: the built ./bilex of the tree), BILEX_LANGDATA (default:
# ./langdata), ALIGN_WORK (scratch folder, default: a new /tmp/bilex-align.XXXXXX, kept for
# inspection), ALIGN_SEEDS (default "1 2 3"), ALIGN_DROPS (default "0 0.2 0.4"),
# ALIGN_SETS (default "cmn notes yue heldout daily ui uitw"), ALIGN_LARGE (sentences of the timing document,
# default 10000; 0 skips it), ALIGN_NO_DOC=1 (do not touch docs/BENCHMARKS.md).
# Raw output goes to stdout; keep it as bench/align/last-run.txt:
#   bench/align/run.sh | tee bench/align/last-run.txt
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
PY=/usr/bin/python3
BILEX=${BILEX:-$top/bilex}
export BILEX_LANGDATA=${BILEX_LANGDATA:-$top/langdata}
WORK=${ALIGN_WORK:-$(mktemp -d /tmp/bilex-align.XXXXXX)}
SEEDS=${ALIGN_SEEDS:-1 2 3}
DROPS=${ALIGN_DROPS:-0 0.2 0.4}
SETS=${ALIGN_SETS:-cmn notes yue heldout daily ui uitw}
LARGE=${ALIGN_LARGE:-10000}
mkdir -p "$WORK"

# bilex may be rebuilt while this runs: wait and retry (up to 5 minutes) when it is missing
# or fails
bilex_scan() {
	tries=0
	while :; do
		t0=$(date +%s.%N)
		if [ -x "$BILEX" ] && "$BILEX" scan -q --no-ocr "$@"; then
			t1=$(date +%s.%N)
			# wall time of the successful attempt only
			echo "$t1 - $t0" | bc | xargs printf "%.3f\n" > "$WORK/.secs"
			return 0
		fi
		tries=$((tries + 1))
		if [ $tries -ge 15 ]; then
			echo "run.sh: bilex scan failed 15 times: $*" >&2
			return 1
		fi
		echo "run.sh: bilex missing or failed, retrying in 20 s" >&2
		sleep 20
	done
}

# the build under test: bilex --version and a fingerprint of the binary and its library, so
# that a rebuild during the run is noticed
fingerprint() {
	cat "$BILEX" "$(dirname "$BILEX")/.libs/bilex" "$(dirname "$BILEX")"/.libs/libbilex.so.*.*.* \
	    2>/dev/null | sha256sum | cut -c1-12
}
version="$("$BILEX" --version 2>/dev/null | head -1 || echo unknown), build $(fingerprint)"
fp0=$(fingerprint)
machine="$(date +%Y-%m-%d), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1 | sed 's/ with .*//; s/ [0-9]*-Core Processor//'), $(nproc) cores"
echo "bench/align/run.sh: $machine; $version; work folder $WORK"
echo "bilex: $BILEX (BILEX_LANGDATA=$BILEX_LANGDATA)"
echo

for set in $SETS; do
	for p in $DROPS; do
		for seed in $SEEDS; do
			d="$WORK/$set-$p-$seed"
			rm -rf "$d"
			$PY "$here/make_docs.py" "$d/docs" --set "$set" --drop "$p" --seed "$seed"
			bilex_scan "$d"/docs/*/ -o "$d/bilex.jsonl" --segments "$d/segs.jsonl"
			$PY "$here/gale_church.py" "$d/docs" -o "$d/gc.jsonl"
			$PY "$here/gale_church.py" "$d/docs" --c 1.25 --s2 3.58 -o "$d/gcfit.jsonl"
			for al in bilex gc gcfit; do
				$PY "$here/score.py" "$d/docs/gold.jsonl" "$d/$al.jsonl" "$d/docs" --json \
				    > "$d/score-$al.json"
			done
			$PY "$here/score.py" "$d/docs/gold.jsonl" "$d/bilex.jsonl" "$d/docs" \
			    --errors "$d/errors-bilex.txt" > "$d/score-bilex.txt"
			echo "== set $set, drop $p, seed $seed (bilex $(cat "$WORK/.secs") s)"
			cat "$d/score-bilex.txt"
			for al in gc gcfit; do
				$PY -c 'import json, sys
a = json.load(open(sys.argv[1]))["layouts"]["all"]
print("%-6s all layouts: strict F1 %.3f, lax F1 %.3f, pair-only F1 %.3f" % (
    sys.argv[2], a["strict"]["f"], a["lax"]["f"], a["pair_only"]["f"]))' "$d/score-$al.json" "$al"
			done
		done
	done
done
echo

timing="$WORK/timing.json"
echo "[]" > "$timing"
if [ "$LARGE" -gt 0 ]; then
	for variant in blocks oneblock; do
		d="$WORK/large-$variant"
		rm -rf "$d"
		extra=""
		[ "$variant" = oneblock ] && extra="--large-oneblock"
		$PY "$here/make_docs.py" "$d/docs" --large "$LARGE" --drop 0.2 --seed 1 $extra
		secs=""
		for i in 1 2 3; do
			bilex_scan "$d/docs/large/" -o "$d/bilex.jsonl" --segments "$d/segs.jsonl"
			secs="$secs $(cat "$WORK/.secs")"
		done
		$PY "$here/score.py" "$d/docs/gold.jsonl" "$d/bilex.jsonl" "$d/docs" --json \
		    > "$d/score-bilex.json"
		$PY - "$timing" "$d" "$variant" $secs <<'EOF'
import json, sys
timing, d, variant, secs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
man = json.load(open(d + "/docs/manifest.json"))
sc = json.load(open(d + "/score-bilex.json"))["layouts"]["all"]
nseg = sum(1 for l in open(d + "/segs.jsonl") if l.startswith('{"type":"segment"'))
t = json.load(open(timing))
t.append({"name": "blocks of 20-40 rows, one after another" if variant == "blocks"
          else "one giant block (all zh lines, blank line, all ko lines)",
          "lines": sum(man["files"].values()), "segments": nseg,
          "gold_pairs": man["pairs"], "seconds": [float(s) for s in secs],
          "strict_f1": sc["strict"]["f"], "pair_f1": sc["pair_only"]["f"]})
json.dump(t, open(timing, "w"), indent=1)
EOF
	done
fi

if [ "$(fingerprint)" != "$fp0" ]; then
	echo "run.sh: WARNING: bilex was rebuilt during the run ($fp0 -> $(fingerprint));" \
	    "the numbers mix two builds" >&2
	echo "WARNING: bilex was rebuilt during the run ($fp0 -> $(fingerprint))"
	version="$version, REBUILT DURING THE RUN"
fi

echo "== summary (strict F1, pair-only F1 in parentheses; counts summed over seeds)"
echo
if [ "${ALIGN_NO_DOC:-0}" = 1 ]; then
	$PY "$here/report.py" "$WORK" --timing "$timing" --machine "$machine" --version "$version"
else
	$PY "$here/report.py" "$WORK" --timing "$timing" --machine "$machine" --version "$version" \
	    --benchmarks "$top/docs/BENCHMARKS.md"
fi
echo
echo "== bilex's mistakes (bench/align/errors.py; counts summed over seeds)"
$PY "$here/errors.py" "$WORK"

#!/bin/sh
# tune.sh - grid over the aligner's null and emit thresholds on the benchmark documents
# (sets notes and cmn, drops 0.2 and 0.4, seed 1): prints strict F1 over all layouts for each
# setting, through the developer knob $BILEX_ALIGN_TUNE.  The defaults in src/align/align.c
# are the best row.  Needs a build configured with --enable-dev-knobs (compiled out otherwise).
#   bench/align/tune.sh "-2 -1.5 -1 -0.5 0"
set -eu
here=$(cd "$(dirname "$0")" && pwd)
for t in ${1:--2 -1.5 -1 -0.5 0}; do
	for e in ${2:-$t}; do
		out=$(BILEX_ALIGN_TUNE="null=$t,emit=$e" ALIGN_SETS="notes cmn" ALIGN_DROPS="0.2 0.4" \
			ALIGN_SEEDS="${ALIGN_SEEDS:-1}" ALIGN_LARGE=0 ALIGN_NO_DOC=1 "$here/run.sh" 2>/dev/null)
		printf 'null=%s emit=%s ' "$t" "$e"
		echo "$out" | grep '^| all |' | tr '\n' ' '
		echo
	done
done

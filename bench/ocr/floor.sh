#!/usr/bin/env bash
# floor.sh - build and run floor.c, the oracle OCR floor (see floor.c).
#   bench/ocr/floor.sh [DIR] [PASSES]     (default tests/data/image/frames, 3)
#   bench/ocr/floor.sh --lines [DIR]      only print the lines TSV (floor-cmd.sh uses it, so
#                                         both measures see the same frames and boxes)
# Frames: every DIR/*.truth.json except busy_01/busy_02 (text-heavy pages, not the issue's
# "sparse frames") and frames without lines.  Vertical lines are skipped (bilex reads them
# another way) and counted on stderr.  The truth is flattened to a TSV here so that the C
# needs no JSON parser.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
lines_only=0
[ "${1:-}" = --lines ] && { lines_only=1; shift; }
dir=${1:-$top/tests/data/image/frames}
export OMP_THREAD_LIMIT=1 LC_ALL=C.UTF-8
lines() {
	/usr/bin/python3 - "$dir" <<'EOS'
import glob, json, os, sys
d, skipped, frames = sys.argv[1], 0, 0
for t in sorted(glob.glob(os.path.join(d, "*.truth.json"))):
    j = json.load(open(t, encoding="utf-8"))
    if os.path.basename(t) in ("busy_01.truth.json", "busy_02.truth.json") or not j["lines"]:
        continue
    frames += 1
    for l in j["lines"]:
        if l.get("vertical"):
            skipped += 1
            continue
        print("\t".join([os.path.join(d, j["image"]), l["lang"], *map(str, l["box"]), l["text"]]))
print(f"floor: {frames} frames, {skipped} vertical lines skipped", file=sys.stderr)
EOS
}
if [ $lines_only = 1 ]; then lines; exit; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2046  # pkg-config's flags must split into words
gcc -std=c11 -O2 -Wall -Wextra -o "$work/floor" "$top/bench/ocr/floor.c" $(pkg-config --cflags --libs tesseract lept)
lines >"$work/lines.tsv"
"$work/floor" "$work/lines.tsv" "${2:-3}"

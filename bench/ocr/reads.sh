#!/bin/sh
# reads.sh - where bilex's OCR time goes: every TessBaseAPIRecognize call of `bilex extract`
# over each frame of a folder (one process per frame), logged by recognize-shim.c (LD_PRELOAD)
# and classed by what the call read:
#   first      a place no call of this frame read before
#   over       a box inside or over an earlier call's (over 60% of the smaller one): a part
#              of a line, or a later ink's box over a line
#   other      the same box again with the other engine (the first model was unsure)
#   same       the same box again with the same engine (another segmentation mode)
#   bench/ocr/reads.sh [DIR]        (default tests/data/image/frames; the built .libs/bilex)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$top/tests/data/image/frames}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -shared -fPIC -O2 -o "$work/shim.so" "$top/bench/ocr/recognize-shim.c" -ldl
export OMP_THREAD_LIMIT=1 LC_ALL=C.UTF-8 BILEX_LANGDATA=${BILEX_LANGDATA:-$top/langdata}
export LD_LIBRARY_PATH="$top/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
n=0
for f in "$dir"/*; do
	case $f in *.png|*.jpg|*.jpeg|*.tif|*.tiff|*.bmp|*.gif|*.webp) ;; *) continue ;; esac
	n=$((n + 1))
	RECOGNIZE_LOG=$work/log.$n LD_PRELOAD=$work/shim.so "$top/.libs/bilex" extract -q -j 0 "$f" \
	    > /dev/null 2>&1 || true
done
/usr/bin/python3 - "$work" "$n" <<'PY'
import collections, glob, sys
work, frames = sys.argv[1], int(sys.argv[2])

def over(a, b):
    ix = max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    small = min(a[2] * a[3], b[2] * b[3])
    return small > 0 and ix * iy / small > 0.6

calls, secs = collections.Counter(), collections.Counter()
for path in sorted(glob.glob(work + "/log.*")):
    seen = []
    for line in open(path):
        h, psm, x, y, w, hh, t = line.split()
        box = (int(x), int(y), int(w), int(hh))
        if any(b == box and e == h for b, e in seen):
            c = "same"
        elif any(b == box for b, _ in seen):
            c = "other"
        elif any(over(box, b) for b, _ in seen):
            c = "over"
        else:
            c = "first"
        calls[c] += 1
        secs[c] += float(t)
        seen.append((box, h))
total = sum(secs.values())
print("%d frames, %d Recognize calls, %.2f s in them" % (frames, sum(calls.values()), total))
for c in ("first", "over", "other", "same"):
    print("%-6s %4d calls %6.2f s  %4.1f%%" % (c, calls[c], secs[c], 100 * secs[c] / total if total else 0))
PY

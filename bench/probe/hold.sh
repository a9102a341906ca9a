#!/bin/sh
# hold.sh - bilex's character error on make_hold.py's frames (the third generator), set by set.
#   bench/probe/hold.sh [BILEX] SEED0...     (default BILEX: the built .libs/bilex; 30 frames a set)
# For each SEED0: make_hold.py OUTDIR SEED0 30, `bilex extract -q -j 2` over the folder, the text
# of each frame's ocr-line records scored by bench/ocr/cer.py against its truth.  Prints one
# line per set: SEED0, frames, CER %, missed %; then the CER of the frames whose notes are all in
# printed faces, and the line error of printed and of handwriting-like lines (cer.py's "faces"):
# the issue's targets are 5% for printed faces and 15% for handwriting-like ones.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
bilex=$top/.libs/bilex
case ${1:-} in
*/*) bilex=$1; shift ;;
esac
[ $# -gt 0 ] || { echo "usage: hold.sh [BILEX] SEED0..." >&2; exit 2; }
export OMP_THREAD_LIMIT=1 LC_ALL=C.UTF-8 BILEX_LANGDATA=${BILEX_LANGDATA:-$top/langdata}
export LD_LIBRARY_PATH="$(dirname "$bilex")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for s in "$@"; do
	d=$work/s$s
	$py "$top/bench/probe/make_hold.py" "$d" "$s" 30 > /dev/null
	"$bilex" extract -q -j 2 "$d" > "$d.jsonl" || true
	mkdir -p "$d.hyp"
	$py - "$d" "$d.jsonl" "$d.hyp" <<'PY'
import glob, json, os, sys
d, recs, hyp = sys.argv[1:]
text = {}
for l in open(recs, encoding="utf-8"):
    r = json.loads(l)
    if r.get("type") == "segment" and r.get("kind") == "ocr-line":
        name = os.path.basename(r["file"]).rsplit(".", 1)[0]
        text.setdefault(name, []).append(r["text"])
for t in glob.glob(os.path.join(d, "*.truth.json")):
    name = os.path.basename(t)[: -len(".truth.json")]
    with open(os.path.join(hyp, name + ".txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(text.get(name, [])) + "\n")
PY
	$py "$top/bench/ocr/cer.py" --dir "$d" --hyp-dir "$d.hyp" -q |
		awk -v s="$s" '$1 == "ALL" { printf "SEED0 %s: %s frames, CER %s%%, missed %s%%", s, $2, $3, $4 }
		    $1 == "FACES" { sub(/,$/, "", $6); printf "; %s frames in printed faces only: CER %s; line error printed %s, handwriting-like %s", $4, $6, $10, $12 }
		    END { print "" }'
done

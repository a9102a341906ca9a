#!/bin/sh
# run.sh - bilex's overlay OCR against what a user would otherwise run: tesseract's own command
# on the whole image (`tesseract IMAGE - -l chi_sim+kor --psm 3`), on the same frames, in one
# run: character error (cer.py), missed characters and seconds per frame; also bilex reading the
# whole folder in one worker process (`-j 1`, one engine load).  Writes the section of docs/BENCHMARKS.md.
#   bench/ocr/run.sh [DIR]      (default tests/data/image/frames; needs a built ./bilex)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$top/tests/data/image/frames}
cd "$top"
py=/usr/bin/python3
export OMP_THREAD_LIMIT=1 LC_ALL=C.UTF-8 BILEX_LANGDATA=${BILEX_LANGDATA:-$top/langdata}
# the built program, not libtool's wrapper script ./bilex (~0.2 s of shell per call that an
# installed bilex does not have)
if [ -x "$top/.libs/bilex" ]; then
	bilex="$top/.libs/bilex"
	export LD_LIBRARY_PATH="$top/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
else
	bilex="$top/bilex"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# bilex, one process per frame (as the tesseract command runs)
cat > "$work/bilex-one.sh" <<EOS
#!/bin/sh
"$bilex" extract -q "\$1" | $py -c '
import sys, json
for l in sys.stdin:
    r = json.loads(l)
    if r["type"] == "segment" and r["kind"] == "ocr-line":
        print(r["text"])'
EOS
chmod +x "$work/bilex-one.sh"
$py bench/ocr/cer.py --dir "$dir" --json --hyp-cmd "$work/bilex-one.sh {}" > "$work/bilex.json"
$py bench/ocr/cer.py --dir "$dir" --json \
	--hyp-cmd "tesseract {} - -l chi_sim+kor --psm 3 2>/dev/null" > "$work/tess.json"
# bilex over the whole folder in one process
t0=$(date +%s.%N)
"$bilex" scan -q -j 1 -o "$work/pairs.jsonl" "$dir"
t1=$(date +%s.%N)
batch=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
pairs=$(grep -vc "truth.json" "$work/pairs.jsonl" || true) # the truth files are text files with pairs too

$py - "$work/bilex.json" "$work/tess.json" "$batch" "$pairs" "$dir" <<'EOS'
import json, os, re, subprocess, sys
bj, tj, batch, pairs, d = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
def load(p):
    rows = [json.loads(l) for l in open(p)]
    return rows[-1]
b, t = load(bj), load(tj)
def pct(x):
    return "-" if x is None else "%.1f" % (100 * x)
rows = ["| class | frames | tesseract CER % | bilex CER % | tesseract missed % | bilex missed % | tesseract s/frame | bilex s/frame |",
        "|---|---|---|---|---|---|---|---|"]
for cls in sorted(b["summary"]):
    x, y = t["summary"][cls], b["summary"][cls]
    if x["cer"] is None:
        cer_t = "%d chars read" % x["extra"]
        cer_b = "%d chars read" % y["extra"]
        rows.append("| %s (no notes) | %d | %s | %s | - | - | %.2f | %.2f |" % (cls, y["images"], cer_t, cer_b, x["secs"], y["secs"]))
    else:
        rows.append("| %s | %d | %s | %s | %s | %s | %.2f | %.2f |" % (cls, y["images"], pct(x["cer"]), pct(y["cer"]), pct(x["miss"]), pct(y["miss"]), x["secs"], y["secs"]))
x, y = t["all"], b["all"]
rows.append("| **all** | %d | **%s** | **%s** | %s | %s | %.2f | %.2f |" % (y["images"], pct(x["cer"]), pct(y["cer"]), pct(x["miss"]), pct(y["miss"]), x["secs"], y["secs"]))
n = y["images"]
tv = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
section = ("<!-- ocr:begin -->\n## OCR of coloured notes\n\n"
    "Command: `bench/ocr/run.sh` (%s, %d cores, %s; OMP_THREAD_LIMIT=1 for both). Frames: "
    "`tests/data/image/frames` (%d frames made by `tests/gen/frames/make_frames.sh`: line sketches, "
    "colourful JPEG frames, handwriting fonts, two inks, dark screenshots, busy text pages, "
    "vertical columns, notes outlined in white over photo-like pictures, notes with their "
    "translation on the same line, inks and sizes the others do not use (magenta and cyan over a "
    "picture of every colour, yellow on a dark screen, 20-pixel notes, a ring in the notes' ink "
    "crossing two note lines), a 640x360 copy with 18-pixel notes, lines each at its own slant touching the line above, a light face in a JPEG, frames without notes). "
    "CER = edit distance / truth characters after NFKC "
    "and whitespace removal, lines put in the truth's order (`bench/ocr/cer.py`); missed = truth "
    "characters absent from the output. Seconds are wall clock per frame for one process per "
    "frame, start-up and model load included, as a user would loop over files (bilex's include "
    "the python3 that picks its lines out of the JSONL; the times without it, and in one process, "
    "are in the next section).\n\n%s\n\n"
    "Ratios: bilex's character error is %.0fx lower than the tesseract command's "
    "(%.1f%% against %.1f%%), it misses %.1f%% of the characters against %.1f%%, and takes "
    "%.2fx its time per frame (%.2f s against %.2f s). Read by one worker (`bilex scan -j 1`), as "
    "it reads a folder, the %d frames take %.2f s (%.2f s per frame, one engine load) and give %d "
    "pairs from the images (the truth files beside them are text and give their own).\n<!-- ocr:end -->\n") % (
    tv, os.cpu_count(), cpu, n, "\n".join(rows), x["cer"] / y["cer"] if y["cer"] else float("inf"),
    100 * y["cer"], 100 * x["cer"], 100 * y["miss"], 100 * x["miss"], y["secs"] / x["secs"],
    y["secs"], x["secs"], n, batch, batch / n, pairs)
doc = "docs/BENCHMARKS.md"
sys.path.insert(0, __import__("os").path.join(__import__("os").path.dirname(__import__("os").path.abspath(doc)), "..", "bench"))
import docsection  # noqa: E402
docsection.put(doc, "ocr", section)
print(section)
EOS

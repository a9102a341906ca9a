#!/usr/bin/env bash
# speed.sh - time per frame of bilex and of the tesseract command on the same frames, as one
# process per frame (start-up and model load included, as a user loops over files) and as one
# process over many frames (bilex: one worker, `-j 1`; tesseract: a list file); text-heavy
# pages (busy_*) apart from the rest; the peak RSS of the bilex worker over all the frames; and
# images without notes (bench/ocr/noink.sh) per image inside one process.  Writes the
# "ocr-speed" section of docs/BENCHMARKS.md.
#   bench/ocr/speed.sh [DIR]   (default tests/data/image/frames; needs a built bilex)
#   Env: RUNS (3: best of N per measure)  K (3: copies of each frame for the one-process runs)
# The copies (bench/ocr/copies.py) have the same pixels and different bytes: bilex does not read
# an image it has read before.  bilex runs as the built program, not libtool's wrapper script
# (./bilex, ~0.2 s of shell per call that an installed bilex does not have).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$top/tests/data/image/frames}
export RUNS=${RUNS:-3} K=${K:-3}
export OMP_THREAD_LIMIT=1 LC_ALL=C.UTF-8 BILEX_LANGDATA=${BILEX_LANGDATA:-$top/langdata}
if [ -x "$top/.libs/bilex" ]; then
	export BILEX="$top/.libs/bilex" LD_LIBRARY_PATH="$top/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
else
	export BILEX="$top/bilex"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$top/bench/ocr/noink.sh" "$work/noink-src"
exec /usr/bin/python3 - "$dir" "$work" "$top" <<'EOS'
import glob, json, os, re, subprocess, sys, time
d, work, top = sys.argv[1:4]
runs, k, bilex = int(os.environ["RUNS"]), int(os.environ["K"]), os.environ["BILEX"]
tess = ["tesseract", "-l", "chi_sim+kor", "--psm", "3"]

def run(cmd):
    """Wall seconds and peak RSS (MB, the largest of the process and its waited children)."""
    t = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    return time.monotonic() - t, ru.ru_maxrss / 1024.0

def best(cmd):
    r = [run(cmd) for _ in range(runs)]
    return min(x[0] for x in r), max(x[1] for x in r)

frames = {}
for t in sorted(glob.glob(os.path.join(d, "*.truth.json"))):
    name = os.path.basename(t)[:-len(".truth.json")]
    img = next(p for p in (os.path.join(d, name + e) for e in (".png", ".jpg", ".jpeg")) if os.path.exists(p))
    frames.setdefault("busy (text-heavy)" if name.startswith("busy") else "other frames", []).append(img)
frames["all"] = frames["other frames"] + frames["busy (text-heavy)"]

rows, rss_all, cli = [], 0, {}
for cls in ("other frames", "busy (text-heavy)", "all"):
    imgs = frames[cls]
    # one process per frame
    for f in imgs:
        if f not in cli:
            cli[f] = (best([bilex, "extract", "-q", f])[0], best(tess[:1] + [f, "-"] + tess[1:])[0])
    cb = sum(cli[f][0] for f in imgs) / len(imgs)
    ct = sum(cli[f][1] for f in imgs) / len(imgs)
    # one process over K copies of every frame
    cd = os.path.join(work, re.sub(r"\W", "", cls))
    os.makedirs(cd)
    for f in imgs:
        subprocess.run([sys.executable, os.path.join(top, "bench/ocr/copies.py"), f, cd, str(k)], check=True)
    copies = sorted(glob.glob(os.path.join(cd, "*")))
    lst = os.path.join(work, re.sub(r"\W", "", cls) + ".txt")
    open(lst, "w").write("\n".join(copies) + "\n")
    n = len(copies)
    tb, rb = best([bilex, "extract", "-q", "-j", "1", cd])
    tt, rt = best(tess[:1] + [lst, "-"] + tess[1:])
    rows.append("| %s | %d | %.2f | %.2f | **%.2fx** | %d | %.3f | %.3f | **%.2fx** | %.0f | %.0f |" % (
        cls, len(imgs), ct, cb, ct / cb, n, tt / n, tb / n, tt / tb, rb, rt))
    rss_all = max(rss_all, rb)

# images without notes: per image inside one process, (time of 25 copies - time of 5) / 20: the
# first two images of a process cost 30 to 50 ms more than the rest (fresh heap pages faulted
# in), which a dump of thousands of images pays once
nrows = []
for src in sorted(glob.glob(os.path.join(work, "noink-src", "*"))):
    kind = os.path.basename(src).split(".")[0]
    few, many = os.path.join(work, kind + "-5"), os.path.join(work, kind + "-25")
    os.makedirs(few), os.makedirs(many)
    subprocess.run([sys.executable, os.path.join(top, "bench/ocr/copies.py"), src, few, "5"], check=True)
    subprocess.run([sys.executable, os.path.join(top, "bench/ocr/copies.py"), src, many, "25"], check=True)
    t5, r5 = best([bilex, "extract", "-q", "-j", "1", few])
    t25, r25 = best([bilex, "extract", "-q", "-j", "1", many])
    tc, _ = best(tess[:1] + [src, "-"] + tess[1:])
    out = subprocess.run([bilex, "extract", "-q", "-j", "1", many], capture_output=True, text=True).stdout
    lines = sum(1 for l in out.splitlines() if '"ocr-line"' in l)
    nrows.append("| %s | %.0f | %.3f | %.0f | %d | %.2f |" % (kind, (t25 - t5) / 20 * 1000, t25, r25, lines, tc))

tv = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
load = open("/proc/loadavg").read().split()[0]
section = """<!-- ocr-speed:begin -->
## OCR speed and memory

Command: `bench/ocr/speed.sh` (RUNS=%d, K=%d; %s, %d cores, %s, load average %s at the end of the
run: other work was running, compare the ratios, which come from one run).  `OMP_THREAD_LIMIT=1`
for both.  tesseract is `tesseract IMAGE - -l chi_sim+kor --psm 3`, in one process over a list
file of the images for the one-process columns; bilex is `bilex extract -q IMAGE` (one process per
frame, start-up, language data and model load included) and `bilex extract -q -j 1 DIR` (one
worker over K byte-distinct copies of each frame).  Best of RUNS per measure.

| frames | n | tesseract s/frame, one process each | bilex s/frame, one process each | speed-up | frames in one process | tesseract s/frame | bilex s/frame | speed-up | bilex peak RSS MB | tesseract peak RSS MB |
|---|---|---|---|---|---|---|---|---|---|---|
%s

Peak RSS is that of the largest process (the bilex worker; the parent holds the language
data).  Images without coloured notes (`bench/ocr/noink.sh`, 1280x720), per image inside one
worker as (time of 25 copies - time of 5) / 20, so start-up and the first images' fresh memory are left out; the OCR engine is never
loaded for them (the peak RSS shows it: an engine adds about 75 MB):

| image | ms per image | s for 25 | peak RSS MB | lines read | tesseract command s |
|---|---|---|---|---|---|
%s
<!-- ocr-speed:end -->
""" % (runs, k, tv, os.cpu_count(), cpu, load, "\n".join(rows), "\n".join(nrows))
doc = os.path.join(top, "docs/BENCHMARKS.md")
sys.path.insert(0, __import__("os").path.join(__import__("os").path.dirname(__import__("os").path.abspath(doc)), "..", "bench"))
import docsection  # noqa: E402
docsection.put(doc, "ocr-speed", section, after="ocr")
print(section)
EOS

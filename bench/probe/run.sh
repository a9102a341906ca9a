#!/usr/bin/env bash
# run.sh: a probe from a second generator.  Documents and frames made from the 30 notes of
# bench/probe/notes.tsv, sentences written for this probe and in no other file of the tree, with
# fonts, inks, slants and grounds tests/gen/frames does not use, scored against what was written
# into them.  Stop 17 fixed what it found (lines at a slant, thin strokes in JPEG), so it is a
# development set since: frames not in the repository remain the test.
#
#   bench/probe/run.sh [BILEX]    (default ./bilex, run as a copy of the program and library it
#                                 wraps; run from the top of the tree)
#
# Documents: bench/probe/make_docs.py writes 10 bilingual documents (docx, odt, xlsx, html, two
# pairs of sibling text files, one in UTF-8 and one in GB18030/EUC-KR, a same-line text file, an
# svg); `bilex scan -q DUMP` pairs them, bench/probe/score_docs.py counts the right and wrong pairs.
# Frames: bench/probe/make_frames.py draws 24 frames; `bilex extract -q FRAME` reads each one, in
# its own process, and bench/ocr/cer.py scores the text of its ocr-line records.
# Also lists the notes that another file of the tree holds as well (the probe is then not held
# out for them).  Prints the section and writes it to docs/BENCHMARKS.md between
# <!-- probe:begin --> and <!-- probe:end -->.  Needs /usr/bin/python3 with python3-docx and
# python3-openpyxl, imagemagick, the fonts make_frames.py names, LibreOffice for a.odt (optional).
# Deterministic inputs.  About a minute.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
BILEX=${1:-$top/bilex}
py=/usr/bin/python3
export OMP_THREAD_LIMIT=1 MAGICK_THREAD_LIMIT=1 LC_ALL=C.UTF-8
export BILEX_LANGDATA=${BILEX_LANGDATA:-$top/langdata}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# By default a copy of the built program and library (what the libtool wrapper ./bilex runs):
# one build for the whole run though the tree is rebuilt meanwhile, and no wrapper script per call.
if [ $# -eq 0 ] && [ -x "$top/.libs/bilex" ]; then
	mkdir "$work/bin"
	cp "$top/.libs/bilex" "$work/bin/"
	cp -P "$top"/.libs/libbilex.so* "$work/bin/"
	BILEX=$work/bin/bilex
	export LD_LIBRARY_PATH="$work/bin${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
load0=$(cut -d' ' -f1 /proc/loadavg)

$py -B "$here/make_docs.py" "$work/docs"
$py -B "$here/make_frames.py" "$work/frames"

# documents
scan_rc=0
"$BILEX" scan -q "$work/docs/dump" -o "$work/out.jsonl" --errors "$work/errors.jsonl" || scan_rc=$?
touch "$work/out.jsonl" "$work/errors.jsonl"
$py -B "$here/score_docs.py" "$work/out.jsonl" "$work/docs/expected.json" --errors "$work/errors.jsonl"
$py -B "$here/score_docs.py" "$work/out.jsonl" "$work/docs/expected.json" --errors "$work/errors.jsonl" \
    --json > "$work/docs.json"

# frames, one process each
mkdir -p "$work/ext" "$work/hyp"
: > "$work/times.tsv"
for f in "$work"/frames/probe_*.png "$work"/frames/probe_*.jpg; do
	b=$(basename "${f%.*}")
	rc=0
	t0=$(date +%s.%N)
	"$BILEX" extract -q "$f" > "$work/ext/$b.jsonl" 2> "$work/ext/$b.err" || rc=$?
	t1=$(date +%s.%N)
	printf '%s\t%s\t%s\n' "$b" "$(echo "$t1 - $t0" | bc)" "$rc" >> "$work/times.tsv"
done
$py -B - "$work" <<'EOF'
import json, os, sys
work = sys.argv[1]
for name in sorted(os.listdir(work + "/ext")):
    if name.endswith(".jsonl"):
        with open(os.path.join(work, "ext", name), encoding="utf-8") as f, \
             open(os.path.join(work, "hyp", name[:-6] + ".txt"), "w", encoding="utf-8") as out:
            for line in f:
                r = json.loads(line)
                if r.get("kind") == "ocr-line":
                    out.write(r["text"] + "\n")
EOF
$py -B "$top/bench/ocr/cer.py" --dir "$work/frames" --hyp-dir "$work/hyp" --times "$work/times.tsv" \
    --json > "$work/cer.json"

cpu=$(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo | head -1 | awk '{print $1, $2}')
build=$(git -C "$top" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$top" status --porcelain -- src 2>/dev/null)" ]; then
	build="$build, src/ with uncommitted changes"
fi
load1=$(cut -d' ' -f1 /proc/loadavg)
$py -B - "$work" "$top" "$BILEX" "$(date +%F)" "$cpu" "$(getconf _NPROCESSORS_ONLN)" "$build" "$load0" "$load1" "$scan_rc" <<'EOF'
import json, os, subprocess, sys
work, top, bilex, day, cpu, ncpu, build, load0, load1, scan_rc = sys.argv[1:]
sys.path[:0] = [os.path.join(top, "bench"), os.path.join(top, "bench", "ocr")]
import cer, docsection  # noqa: E402


def loadj(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def pct(x):
    return "-" if x is None else "%.1f" % (100 * x)


def mean(xs):
    return sum(xs) / len(xs) if xs else None


# the notes, and the files of the tree (bench/probe and this document left out) that hold one too
notes = []
with open(os.path.join(top, "bench", "probe", "notes.tsv"), encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\r\n")
        if line and not line.startswith("#"):
            notes.append(tuple(line.split("\t")))
try:
    names = subprocess.run(["git", "-C", top, "ls-files", "-co", "--exclude-standard", "-z"],
                           check=True, capture_output=True).stdout.decode().split("\0")
except (OSError, subprocess.CalledProcessError):
    names = [os.path.relpath(os.path.join(d, n), top) for d, ds, fs in os.walk(top)
             if ".git" not in d.split(os.sep) for n in fs]
names = [n for n in names if n and not n.startswith("bench/probe/") and n != "docs/BENCHMARKS.md"]
shared = {}  # note index -> {side: [files]}
blobs = []
for n in names:
    p = os.path.join(top, n)
    if os.path.isfile(p) and not os.path.islink(p):
        with open(p, "rb") as f:
            blobs.append((n, f.read()))
for i, note in enumerate(notes):
    for side, s in zip(("zh", "ko"), note):
        hit = [n for n, b in blobs if s.encode() in b]
        if hit:
            shared.setdefault(i, {})[side] = hit
def where(v):
    files = sorted(set(sum(v.values(), [])), key=lambda n: (not n.startswith("tests/gen/"), not n.startswith("tests/"), n))
    return "%s: %s" % (" and ".join(side for side in ("zh", "ko") if side in v),
                       ", ".join(files[:2]) + (" and %d more files" % (len(files) - 2) if len(files) > 2 else ""))
if shared:
    held = "Notes that another file of the tree holds as well (bench/probe and this file left out; checked on every run; " + \
        "notes numbered from 0): " + "; ".join("%d (%s)" % (i, where(v)) for i, v in sorted(shared.items())) + \
        ".  The probe is not held out for those: frames that show one are marked *."
else:
    held = "No other file of the tree holds one of the notes (bench/probe and this file left out; checked on every run)."

# documents
rows = loadj(work + "/docs.json")
total = rows.pop()["total"]
dt = ["| file | format | expected | correct | wrong |", "|---|---|---|---|---|"]
for r in rows:
    dt.append("| %s | %s | %d | %d | %d |" % (r["file"], r["format"], r["expected"], r["correct"], len(r["wrong"])))
dt.append("| total | | %d | %d | %d |" % (total["expected"], total["correct"], total["wrong"]))
wrong = ["%s: %s / %s (%s, %s)" % (r["file"], w["zh"], w["ko"], w["method"], w["score"])
         for r in rows for w in r["wrong"]]
missed = ["%s: %s / %s" % (r["file"], zh, ko) for r in rows for zh, ko in r["missed"]]
errors = ["%s: %s %s, %s" % (r["file"], e["stage"], e["code"], e["message"]) for r in rows for e in r["errors"]]
notes_docs = (("`bilex scan` exit status %s.  " % scan_rc if scan_rc != "0" else "") + "Wrong: " + ("; ".join(wrong) if wrong else "none") + ".  Missed: " +
              ("; ".join(missed) if missed else "none") + ".  Error records: " +
              ("; ".join(errors) if errors else "none") + ".  Files without a pair: " +
              (", ".join(total["no_pairs"]) if total["no_pairs"] else "none") + ".")

# frames
res = {r["name"]: r for r in loadj(work + "/cer.json") if "name" in r}
rcs = {l.split("\t")[0]: int(l.split("\t")[2]) for l in open(work + "/times.tsv")}
problems = []
for name in sorted(res):
    if rcs.get(name):
        problems.append("%s: exit status %d" % (name, rcs[name]))
    for r in loadj("%s/ext/%s.jsonl" % (work, name)):
        if r.get("type") == "error":
            problems.append("%s: %s %s, %s" % (name, r.get("stage"), r.get("code"), r.get("message")))
FAMILIES = [("Noto-Sans-CJK", "Noto Sans CJK"), ("Noto-Serif-CJK", "Noto Serif CJK"),
            ("LXGW-WenKai", "LXGW WenKai"), ("NanumSquare_ac", "NanumSquare ac"),
            ("NanumBarunpen", "NanumBarunpen"), ("NanumMyeongjo", "NanumMyeongjo"),
            ("NanumGothic", "NanumGothic")]
def family(font):
    return next((fam for pre, fam in FAMILIES if font.startswith(pre)), font)
ids = {s: i for i, note in enumerate(notes) for s in note}
ft = ["| frame | background | format | ink | fonts (zh, ko; per note) | CER % | missed % |",
      "|---|---|---|---|---|---|---|"]
fam_lines, fam_frames, held_cer, all_cer, all_miss = {}, {}, [], [], []
for name in sorted(res):
    r = res[name]
    with open("%s/frames/%s.truth.json" % (work, name), encoding="utf-8") as f:
        t = json.load(f)
    lines = t["lines"]
    with open("%s/hyp/%s.txt" % (work, name), encoding="utf-8") as f:
        plain = "".join(h for h in (cer.norm(x) for x in f.read().splitlines()) if h)
    for l in lines:
        tl = cer.norm(l["text"])
        cost, _ = cer.substring_align(tl, plain)
        e = fam_lines.setdefault(family(l["font"]), [0, 0, 0])
        e[0] += cost; e[1] += len(tl); e[2] += 1
    for fam in {family(l["font"]) for l in lines}:
        fam_frames.setdefault(fam, []).append(r["cer"])
    star = any(ids.get(l["text"]) in shared for l in lines)
    if not star:
        held_cer.append(r["cer"])
    all_cer.append(r["cer"]); all_miss.append(r["miss"])
    inks = sorted({l["ink"] for l in lines}, key=[l["ink"] for l in lines].index)
    fonts = "; ".join("%s, %s" % (lines[a]["font"], lines[b]["font"]) for a, b in t["pairs"])
    img = t["image"]
    fmt = "%s %dx%d" % ("PNG" if img.endswith(".png") else "JPEG q80", *t["size"])
    ft.append("| %s%s | %s | %s | %s | %s | %s | %s |" % (name, " *" if star else "", t.get("background", "-"), fmt,
              " / ".join(inks), fonts, pct(r["cer"]), pct(r["miss"])))
secs = mean([r["secs"] for r in res.values() if r.get("secs") is not None])
script = open(bilex, "rb").read(2) == b"#!" if os.path.isfile(bilex) else False
fam_t = ["| font family | lines | line error % | frames | mean CER % of those frames |", "|---|---|---|---|---|"]
for _, fam in FAMILIES:
    if fam in fam_lines:
        e = fam_lines[fam]
        fam_t.append("| %s | %d | %.1f | %d | %s |" % (fam, e[2], 100 * e[0] / e[1], len(fam_frames[fam]),
                                                      pct(mean(fam_frames[fam]))))
summary = "Mean over the %d frames: CER %s%%, missed %s%%, %.2f s per frame%s." % (
    len(all_cer), pct(mean(all_cer)), pct(mean(all_miss)), secs or 0,
    " (wall time of the command, libtool's wrapper script included)" if script else "")
if shared:
    summary += "  Over the %d frames without a shared note: CER %s%%." % (len(held_cer), pct(mean(held_cer)))
summary += "  Error records or failed runs: " + ("; ".join(problems) if problems else "none") + "."

text = "\n".join([
    "<!-- probe:begin -->",
    "## Probe: documents and frames from a second generator",
    "",
    "Command: `bench/probe/run.sh` (%s, %s, %s cores, bilex %s, build %s; load average %s at the start and %s at the end).  "
    "bench/probe/notes.tsv holds 30 Chinese notes and their Korean translations, written for this probe; "
    "bench/probe/make_docs.py writes them into %d documents (a pair of sibling files counts as one) and bench/probe/make_frames.py draws them on %d frames.  %s"
    % (day, cpu, ncpu, subprocess.run([bilex, "--version"], capture_output=True, text=True).stdout.split("\n")[0].replace("bilex ", ""),
       build, load0, load1, len(rows), len(all_cer), held),
    "",
    "Documents: `bilex scan -q DUMP -o out.jsonl --errors errors.jsonl`, scored by bench/probe/score_docs.py.  "
    "A pair is correct when its zh and ko are a pair written into that file: the notes given in both languages, "
    "and the headings that translate each other (a.docx's title, d.xlsx's header row).",
    "",
    *dt,
    "",
    notes_docs,
    "",
    "Frames: `bilex extract -q FRAME`, one process per frame; the text of its `ocr-line` records scored by "
    "bench/ocr/cer.py (CER: edit distance over the truth's characters; missed: the truth's characters absent).  "
    "Each frame shows two notes, the zh line above its ko line; fonts are ImageMagick's names.",
    "",
    *ft,
    "",
    summary,
    "",
    "By font family.  Line error: each line's edit distance to its best-matching stretch of its frame's output, "
    "over the line's characters; a frame counts for every family it shows.",
    "",
    *fam_t,
    "<!-- probe:end -->",
])
print(text)
docsection.put(os.path.join(top, "docs", "BENCHMARKS.md"), "probe", text)
EOF

#!/bin/sh
# run.sh - office documents: bilex extract against pandoc -t plain, docx2txt and odt2txt on the
# same multi-page bilingual documents, and against `unzip -p` of the main part (the inflate
# floor).  Writes the "Documents" section of docs/BENCHMARKS.md.
#   bench/docs/run.sh [N]     (default 200 documents; needs a built ./bilex, python3-docx,
#                              LibreOffice for the ODT copies, pandoc, docx2txt, odt2txt)
# Each tool runs once per file, as a user runs it; bilex also runs once over the folder (how
# bilex is used: one process, the walk inside).  "Han+Hangul" counts the Chinese and Korean
# characters each tool got out, "header/footer" whether the header text made it out at all.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
n=${1:-200}
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8 BILEX_LANGDATA="$top/langdata"

$py bench/docs/gen.py "$work/docx" "$n"
mkdir -p "$work/odt"
soffice -env:UserInstallation="file://$work/lo" --headless --convert-to odt \
	--outdir "$work/odt" "$work"/docx/*.docx > /dev/null 2>&1
mb_docx=$(du -sm "$work/docx" | cut -f1)

now() { date +%s.%N; }
# label dir command...: runs COMMAND FILE for every file of DIR, stdout to one text file
per_file() {
	label=$1 dir=$2
	shift 2
	t0=$(now)
	for f in "$dir"/*; do "$@" "$f"; done > "$work/$label.txt" 2> /dev/null
	t1=$(now)
	echo "$label $(echo "$t1 - $t0" | bc)" >> "$work/times"
}
: > "$work/times"
unzip_doc() { unzip -p "$1" word/document.xml; }
unzip_odt() { unzip -p "$1" content.xml; }
docx2txt_() { docx2txt "$1" -; }
bilex_one() { ./bilex extract -q --no-ocr -j 0 "$1"; }
pandoc_() { pandoc -t plain "$1"; }
for kind in docx odt; do
	t0=$(now)
	./bilex extract -q --no-ocr -j 0 "$work/$kind" > "$work/bilex-$kind.txt"
	t1=$(now)
	echo "bilex-$kind $(echo "$t1 - $t0" | bc)" >> "$work/times"
	per_file bilex1-$kind "$work/$kind" bilex_one
	per_file pandoc-$kind "$work/$kind" pandoc_
	if [ "$kind" = docx ]; then
		per_file docx2txt-$kind "$work/$kind" docx2txt_
		per_file unzip-$kind "$work/$kind" unzip_doc
	else
		per_file odt2txt-$kind "$work/$kind" odt2txt
		per_file unzip-$kind "$work/$kind" unzip_odt
	fi
done

$py - "$work" "$n" "$mb_docx" "$top/docs/BENCHMARKS.md" <<'EOS'
import json, os, re, subprocess, sys
work, n, mb, doc = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
times = dict(l.split() for l in open(os.path.join(work, "times")))
cjk = re.compile(r"[\u3400-\u9fff\uac00-\ud7a3]")
def text_of(label):
    raw = open(os.path.join(work, label + ".txt"), encoding="utf-8", errors="replace").read()
    if label.startswith("bilex"):   # JSONL: the segment texts only
        return "\n".join(json.loads(l).get("text") or "" for l in raw.splitlines()
                         if l.startswith('{"type":"segment"'))
    if label.startswith("unzip"):   # XML: the text between tags
        return re.sub(r"<[^>]*>", "", raw)
    return raw
rows = []
for kind, tools in (("docx", ["bilex", "bilex1", "pandoc", "docx2txt", "unzip"]),
                    ("odt", ["bilex", "bilex1", "pandoc", "odt2txt", "unzip"])):
    base = float(times["bilex-" + kind])
    for t in tools:
        label = "%s-%s" % (t, kind)
        txt = text_of(label)
        secs = float(times[label])
        name = {"bilex": "bilex extract DIR (one process)", "bilex1": "bilex extract FILE, per file",
                "pandoc": "pandoc -t plain", "docx2txt": "docx2txt", "odt2txt": "odt2txt",
                "unzip": "unzip -p (main part only)"}[t]
        rows.append("| %s | %s | %.2f | %.1f | %.2fx | %d | %s |" % (
            kind, name, secs, 1000 * secs / n, secs / base, len(cjk.findall(txt)),
            "yes" if "内部资料" in txt else "no"))
ver = subprocess.run(["./bilex", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
sec = """## Documents

`bench/docs/run.sh %d` — %d generated multi-page bilingual DOCX (%s MB; header, footer, a
12-row table, five pages of paragraphs, each document different) and the same converted to ODT by
LibreOffice; every tool once per file as a user runs it, bilex also once over the folder.  Time
ratios are against `bilex extract DIR` in the same run (2-core machine, %s).

| kind | tool | seconds | ms/doc | time vs bilex | Han+Hangul chars out | header/footer |
|---|---|---|---|---|---|---|
%s

unzip -p only inflates the main part (no header, footer or parsing): it is the floor, not a
competitor.  pandoc and odt2txt drop headers and footers; bilex also keeps each one as its own
segment with its place (`header 1`, `table 1 B3`).
""" % (n, n, mb, ver, "\n".join(rows))
text = open(doc, encoding="utf-8").read()
m = re.search(r"^## Documents\n.*?(?=^## |\Z)", text, re.S | re.M)
text = text[:m.start()] + sec + "\n" + text[m.end():] if m else text.rstrip("\n") + "\n\n" + sec
open(doc, "w", encoding="utf-8").write(text)
print(sec)
EOS

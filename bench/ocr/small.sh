#!/usr/bin/env bash
# small.sh: notes on small pictures (a frame as a chat program passes it on, 640x360 JPEG at
# quality 75, or PNG), by note height: bilex against the tesseract command on the same images.
#
#   bench/ocr/small.sh [BILEX]          (default ./bilex; run from the top of the tree)
#
# Twenty images, made here with ImageMagick over tests/data/image/frames/clean_01.png scaled to
# 640x360, notes 16, 18, 20, 22 and 24 pixels high, four kinds each:
#   rb*_1  a red Chinese note and its blue Korean translation (JPEG)
#   rb*_2  two such pairs (JPEG)
#   rr*_1  both lines in red (JPEG)
#   rp*_1  red and blue, PNG (no chroma loss)
# Prints per size and kind the character error (bench/ocr/cer.py) and the seconds per image for
# `bilex extract -q IMAGE` and `tesseract IMAGE - -l chi_sim+kor --psm 3`, and writes the table
# to docs/BENCHMARKS.md between <!-- ocr-small:begin --> and <!-- ocr-small:end -->.
# Needs imagemagick and fonts-noto-cjk (as tests/gen/frames/make_frames.sh).  Deterministic images.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
BILEX=${1:-$top/bilex}
export OMP_THREAD_LIMIT=1 MAGICK_THREAD_LIMIT=1 LC_ALL=C.UTF-8
export BILEX_LANGDATA=${BILEX_LANGDATA:-$top/langdata}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
img=$work/img
mkdir -p "$img" "$work/bilex" "$work/tess"
convert "$top/tests/data/image/frames/clean_01.png" -resize 640x360 "$work/ground.miff"

Z1='嘴巴的形状请参考设定。' K1='입 모양은 설정을 참고해 주세요.'
Z2='头发的线条太多了，请简化。' K2='머리카락 선이 너무 많아요.'
# mk NAME SIZE ZHINK KOINK FORMAT PAIRS
mk() {
	local n=$1 pt=$2 zc=$3 kc=$4 fmt=$5 np=$6
	local args=(-font Noto-Sans-CJK-SC -pointsize "$pt" -fill "$zc" -annotate "+24+$((pt + 10))" "$Z1"
	            -font Noto-Sans-CJK-KR -fill "$kc" -annotate "+24+$((pt * 3 + 10))" "$K1")
	local lines="{\"text\":\"$Z1\",\"lang\":\"zh\"},{\"text\":\"$K1\",\"lang\":\"ko\"}"
	if [ "$np" = 2 ]; then
		args+=(-font Noto-Sans-CJK-SC -fill "$zc" -annotate +330+260 "$Z2"
		       -font Noto-Sans-CJK-KR -fill "$kc" -annotate "+330+$((260 + pt * 2))" "$K2")
		lines="$lines,{\"text\":\"$Z2\",\"lang\":\"zh\"},{\"text\":\"$K2\",\"lang\":\"ko\"}"
	fi
	convert "$work/ground.miff" "${args[@]}" -strip -quality 75 \
	    -define png:exclude-chunks=date,time "$img/$n.$fmt"
	printf '{"image":"%s","lines":[%s]}\n' "$n.$fmt" "$lines" > "$img/$n.truth.json"
}
for pt in 16 18 20 22 24; do
	mk "rb${pt}_1" "$pt" '#e02020' '#2050e0' jpg 1
	mk "rb${pt}_2" "$pt" '#e02020' '#2050e0' jpg 2
	mk "rr${pt}_1" "$pt" '#e02020' '#e02020' jpg 1
	mk "rp${pt}_1" "$pt" '#e02020' '#2050e0' png 1
done

: > "$work/times.tsv"
for f in "$img"/*.jpg "$img"/*.png; do
	b=$(basename "${f%.*}")
	t0=$(date +%s.%N)
	"$BILEX" extract -q "$f" > "$work/bilex/$b.jsonl" 2>/dev/null || true
	t1=$(date +%s.%N)
	tesseract "$f" - -l chi_sim+kor --psm 3 > "$work/tess/$b.txt" 2>/dev/null || true
	t2=$(date +%s.%N)
	python3 - "$work/bilex/$b.jsonl" > "$work/bilex/$b.txt" <<'EOF'
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    if r.get("kind") == "ocr-line":
        print(r["text"])
EOF
	printf '%s\t%s\t%s\n' "$b" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" >> "$work/times.tsv"
done
python3 "$here/cer.py" --dir "$img" --hyp-dir "$work/bilex" --json > "$work/bilex.json"
python3 "$here/cer.py" --dir "$img" --hyp-dir "$work/tess" --json > "$work/tess.json"
python3 - "$work" "$top/docs/BENCHMARKS.md" <<'EOF'
import json, re, sys
work, doc = sys.argv[1], sys.argv[2]
def per_image(path):
    return {r["name"]: r for r in map(json.loads, open(path)) if "name" in r}
bx, ts = per_image(work + "/bilex.json"), per_image(work + "/tess.json")
times = {l.split("\t")[0]: (float(l.split("\t")[1]), float(l.split("\t")[2])) for l in open(work + "/times.tsv")}
kinds = [("rb", "_1", "red zh, blue ko, JPEG"), ("rb", "_2", "two pairs, JPEG"),
         ("rr", "_1", "both red, JPEG"), ("rp", "_1", "red zh, blue ko, PNG")]
rows = ["| note height | " + " | ".join(k[2] for k in kinds) + " | bilex mean CER % | tesseract mean CER % | bilex s/image | tesseract s/image |",
        "|---" * (len(kinds) + 5) + "|"]
allb, allt = [], []
for pt in (16, 18, 20, 22, 24):
    cells, cb, ct, sb, st = [], [], [], [], []
    for pre, suf, _ in kinds:
        n = "%s%d%s" % (pre, pt, suf)
        b, t = bx[n]["cer"] or 0.0, ts[n]["cer"] or 0.0
        cells.append("%.1f / %.1f" % (100 * b, 100 * t))
        cb.append(b); ct.append(t); sb.append(times[n][0]); st.append(times[n][1])
    allb += cb; allt += ct
    rows.append("| %d px | %s | %.1f | %.1f | %.2f | %.2f |" % (pt, " | ".join(cells),
                100 * sum(cb) / len(cb), 100 * sum(ct) / len(ct), sum(sb) / len(sb), sum(st) / len(st)))
text = ("<!-- ocr-small:begin -->\n## OCR of small pictures\n\nCommand: `bench/ocr/small.sh` (one process "
        "per image for both, `OMP_THREAD_LIMIT=1`).  Twenty 640x360 pictures (tests/data/image/frames/clean_01.png "
        "scaled down) with notes 16 to 24 pixels high; each cell is bilex / the tesseract command "
        "(`-l chi_sim+kor --psm 3`), character error in percent (`bench/ocr/cer.py`).\n\n" + "\n".join(rows) +
        "\n\nMean over the twenty: bilex %.1f%%, tesseract %.1f%%.\n<!-- ocr-small:end -->" %
        (100 * sum(allb) / len(allb), 100 * sum(allt) / len(allt)))
print(text)
sys.path.insert(0, __import__("os").path.join(__import__("os").path.dirname(__import__("os").path.abspath(doc)), "..", "bench"))
import docsection  # noqa: E402
docsection.put(doc, "ocr-small", text, after="ocr-speed")
EOF

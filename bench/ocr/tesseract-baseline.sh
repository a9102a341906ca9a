#!/usr/bin/env bash
# tesseract-baseline.sh: whole-image OCR with tesseract's own command, the baseline that bilex's
# overlay pipeline is compared with. For every DIR/NAME.truth.json it runs
#     OMP_THREAD_LIMIT=1 tesseract IMAGE - -l $LANGS --psm $PSM
# times it (wall clock, including process start and model load), and scores the output with
# cer.py: a table per image and per class (mean CER %, mean miss %, seconds per frame).
#
# Usage:  bench/ocr/tesseract-baseline.sh [DIR]        (default DIR: tests/data/image/frames)
# Env:    LANGS (chi_sim+kor)  PSM (3)  RUNS (1: with N > 1 the median time of N runs is kept)
#         KEEP=DIR  keep the OCR outputs as DIR/NAME.txt
# Needs:  tesseract-ocr with tesseract-ocr-chi-sim and tesseract-ocr-kor, /usr/bin/python3.
# Output of a run on the project machine: bench/ocr/baseline-results.txt.
set -euo pipefail
export LC_ALL=C.UTF-8
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=${1:-$root/tests/data/image/frames}
LANGS=${LANGS:-chi_sim+kor} PSM=${PSM:-3} RUNS=${RUNS:-1}
command -v tesseract >/dev/null || { echo "tesseract-baseline: tesseract not installed" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
hyp=${KEEP:-$work/hyp}
mkdir -p "$hyp"
: >"$work/times.tsv"

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
echo "# tesseract baseline: whole image, -l $LANGS --psm $PSM, OMP_THREAD_LIMIT=1, runs=$RUNS"
echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "# machine: $(nproc) cores, ${cpu:-unknown cpu}, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sm)"
echo "# $(tesseract --version 2>&1 | head -1); images: ${dir#"$root"/}"
echo "# time = wall clock per image including process start and Init; CER/miss in % (cer.py)"
echo

n=0
for truth in "$dir"/*.truth.json; do
    name=$(basename "$truth" .truth.json)
    img=
    for ext in png jpg jpeg; do
        [[ -f $dir/$name.$ext ]] && { img=$dir/$name.$ext; break; }
    done
    [[ -n $img ]] || { echo "tesseract-baseline: no image for $name" >&2; exit 1; }
    ts=()
    for (( r = 0; r < RUNS; r++ )); do
        t0=$(date +%s.%N)
        OMP_THREAD_LIMIT=1 tesseract "$img" - -l "$LANGS" --psm "$PSM" >"$hyp/$name.txt" 2>/dev/null || true
        t1=$(date +%s.%N)
        ts+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')")
    done
    med=$(printf '%s\n' "${ts[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    printf '%s\t%s\n' "$name" "$med" >>"$work/times.tsv"
    n=$((n + 1))
done
[[ $n -gt 0 ]] || { echo "tesseract-baseline: no *.truth.json in $dir" >&2; exit 1; }

/usr/bin/python3 "$here/cer.py" --dir "$dir" --hyp-dir "$hyp" --times "$work/times.tsv"

#!/usr/bin/env bash
# floor-cmd.sh - the tesseract command on notes-only pages: each frame of floor.sh redrawn white
# except its truth boxes (padded by h/4, as floor.c reads them), so the command has nothing to
# read but the notes.  Times `tesseract LIST - -l chi_sim+kor --psm 3` in one process over a list
# of those pages and over a list of the original frames (as bilex's 0.198 s/frame baseline was
# measured), best of RUNS each, in seconds per frame.
#   bench/ocr/floor-cmd.sh [DIR]     Env: RUNS (3)   Needs ImageMagick `convert` (no PIL here).
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
export OMP_THREAD_LIMIT=1 LC_ALL=C.UTF-8
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$top/bench/ocr/floor.sh" --lines "$@" >"$work/lines.tsv"

# One convert per frame: white out a copy of the frame, then paste each padded box back.
cut -f1 "$work/lines.tsv" | uniq >"$work/full.txt"
while read -r img; do
	out=$work/$(basename "${img%.*}").png
	args=()
	while IFS=$'\t' read -r x y w h; do
		p=$((h / 4)) x0=$((x - p < 0 ? 0 : x - p)) y0=$((y - p < 0 ? 0 : y - p))
		# -crop clips at the image's right and bottom edges by itself
		args+=( '(' "$img" -crop "$((w + x - x0 + p))x$((h + y - y0 + p))+$x0+$y0" +repage ')'
			-geometry "+$x0+$y0" -composite )
	done < <(awk -F'\t' -v f="$img" '$1 == f { print $3 "\t" $4 "\t" $5 "\t" $6 }' "$work/lines.tsv")
	convert "$img" -fill white -colorize 100 "${args[@]}" "$out"
	echo "$out"
done <"$work/full.txt" >"$work/notes.txt"

# The fixed cost (start-up, chi_sim+kor Init, a blank page): the 0.198 s/frame baseline spread
# it over 114 frames, these lists over 36, so it is printed to be taken out.
convert -size 1280x720 xc:white "$work/blank.png"
echo "$work/blank.png" >"$work/blank.txt"
best() {  # best wall seconds of $runs runs of the command over list $1, per frame
	for _ in $(seq "$runs"); do
		t0=$(date +%s.%N)
		tesseract "$1" - -l chi_sim+kor --psm 3 >"$work/out.txt" 2>/dev/null
		t1=$(date +%s.%N)
		echo "$t1 - $t0" | bc
	done | sort -n | head -1 | awk -v n="$n" '{ printf "%.3f s total, %.4f s/frame", $1, $1 / n }'
}
n=1
echo "fixed cost, one blank 1280x720 page: $(best "$work/blank.txt")"
n=$(wc -l <"$work/full.txt")
echo "frames: $n (runs: best of $runs, one tesseract process per list, Init included)"
echo "notes-only pages: $(best "$work/notes.txt")"
echo "original frames:  $(best "$work/full.txt")"
[ -z "${KEEP:-}" ] || cp "$work"/*.png "$KEEP"/

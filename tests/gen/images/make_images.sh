#!/usr/bin/env bash
# make_images.sh: image fixtures for the image extractor (metadata text, OCR of coloured notes
# in every format, and hostile headers).
#
# Usage:  tests/gen/images/make_images.sh [OUTDIR]      (default: tests/data/image)
# Needs:  imagemagick (6.9, `convert`), fonts-noto-cjk, libimage-exiftool-perl, webp (cwebp),
#         /usr/bin/python3 (stdlib only: make_images.py writes the byte-level parts)
#         (Debian: apt-get install imagemagick fonts-noto-cjk libimage-exiftool-perl webp)
#
# Writes OUTDIR/meta/ (well-formed files whose metadata or drawn notes hold zh/ko text) and
# OUTDIR/hostile/ (files whose headers lie: huge dimensions, loops, bombs, truncation); see
# tests/image.py for what each must give.  Every file is under 60 KB.
#
# Deterministic: fixed geometry, one ImageMagick thread, no dates, no PNG time chunks, exiftool
# without file-time changes.  Running it twice gives byte-identical files with the same tools.
set -euo pipefail
export LC_ALL=C.UTF-8 MAGICK_THREAD_LIMIT=1 MAGICK_TMPDIR=${TMPDIR:-/tmp} TZ=UTC

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=${1:-$root/tests/data/image}
meta=$out/meta hostile=$out/hostile
mkdir -p "$meta" "$hostile"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tool in convert exiftool cwebp /usr/bin/python3; do
    command -v "$tool" >/dev/null || { echo "make_images: $tool not found" >&2; exit 1; }
done
ZH=Noto-Sans-CJK-SC KO=Noto-Sans-CJK-KR
fonts=$(convert -list font | sed -n 's/^ *Font: //p')
for f in "$ZH" "$KO"; do
    grep -qx -- "$f" <<<"$fonts" || { echo "make_images: font $f not found" >&2; exit 1; }
done

RED='#d9261c' BLUE='#2f6fe0' BLACK='#111111'
PNGOPT=(-strip -define png:compression-level=9 -define png:exclude-chunks=date,time
        +set date:create +set date:modify)
EXIF=(exiftool -q -q -overwrite_original -P)   # -P: no file-time change

# draw OUT W H [FONT SIZE INK X Y TEXT]... : white canvas with text lines (top-left at X,Y).
# Extra convert options for the output go in the array POST.
POST=()
draw() {
    local o=$1 w=$2 h=$3 args=()
    shift 3
    while (( $# )); do
        args+=(-font "$1" -pointsize "$2" -fill "$3" -annotate "+$4+$5" "$6")
        shift 6
    done
    convert -size "${w}x$h" xc:white -stroke none -gravity NorthWest "${args[@]}" \
        -alpha off "${POST[@]}" "$o"
    POST=()
}

# ------------------------------------------------------------------------------------ meta/

# A small grey sketch, no coloured ink: the metadata is the only text (OCR finds nothing).
sketch() { # OUT
    POST=(-fill none -stroke '#9a9a9a' -strokewidth 2 -draw 'circle 60,40 60,12'
          -draw 'line 20,70 140,70')
    [[ $1 == *.png ]] && POST+=("${PNGOPT[@]}" -depth 8 -type Grayscale)
    [[ $1 == *.jpg ]] && POST+=(-strip -quality 80 -sampling-factor 2x2 -interlace none)
    [[ $1 == *.tif ]] && POST+=(-strip -compress zip -type Grayscale -depth 8)
    draw "$1" 160 80
}

# png-text.png: tEXt (UTF-8 bytes, as most tools write it, and true Latin-1), zTXt, iTXt
# plain and compressed, iTXt XMP; eXIf (via make_images.py).
sketch "$tmp/base.png"
/usr/bin/python3 "$here/make_images.py" png-text "$tmp/base.png" "$meta/png-text.png"

# jpeg-com.jpg: two COM markers, UTF-8 Chinese and Korean.
sketch "$tmp/base.jpg"
/usr/bin/python3 "$here/make_images.py" jpeg-com "$tmp/base.jpg" "$meta/jpeg-com.jpg"

# jpeg-exif.jpg: EXIF written by exiftool in its default byte order (big-endian, "MM"):
# ImageDescription (UTF-8), XPTitle/XPComment (UTF-16LE whatever the order), UserComment
# (UNICODE: UCS-2 in the EXIF byte order).  jpeg-exif-ii.jpg: the same, little-endian.
cp "$tmp/base.jpg" "$meta/jpeg-exif.jpg"
"${EXIF[@]}" -ImageDescription='下巴的线条要更柔和。' -XPTitle='头发的线条太多了，请简化一下。' \
    -XPComment='턱 선을 더 부드럽게 해 주세요.' -UserComment='머리카락 선이 너무 많아요.' \
    "$meta/jpeg-exif.jpg"
cp "$tmp/base.jpg" "$meta/jpeg-exif-ii.jpg"
"${EXIF[@]}" -ExifByteOrder=Little-endian -ImageDescription='背景颜色太暗了，请调亮一些。' \
    -XPComment='배경색이 너무 어두워요. 밝게 해 주세요.' -UserComment='影子的方向要和光源一致。' \
    "$meta/jpeg-exif-ii.jpg"

# jpeg-xmp.jpg: XMP dc:title and dc:description, each a Lang Alt with zh and ko.
cp "$tmp/base.jpg" "$meta/jpeg-xmp.jpg"
"${EXIF[@]}" -XMP-dc:Title='脸太长了，下巴请缩短一点。' -XMP-dc:Title-ko-KR='얼굴이 길어요. 턱을 조금 줄여 주세요.' \
    -XMP-dc:Description='这里的高光请去掉。' -XMP-dc:Description-ko-KR='여기 하이라이트는 지워 주세요.' \
    "$meta/jpeg-xmp.jpg"

# tiff-meta.tif: a scanner's TIFF with ImageDescription and XPComment in IFD0.
sketch "$meta/tiff-meta.tif"
"${EXIF[@]}" -ImageDescription='原画第5张和第6张之间动作不连贯。' \
    -XPComment='원화 5번째 장과 6번째 장 사이의 동작이 련결되지 않습니다.' "$meta/tiff-meta.tif"

# Coloured notes for OCR, one file per format.  Palette images stay small.
NOTE_W=460 NOTE_H=104
notes() { # OUT ZH KO
    draw "$1" $NOTE_W $NOTE_H "$ZH" 26 "$RED" 14 12 "$2" "$KO" 25 "$BLUE" 14 58 "$3"
}
# tiff-pages.tif: two pages, the zh note on page 1 and the ko note on page 2.
POST=(-colors 16); draw "$tmp/p1.png" $NOTE_W 56 "$ZH" 26 "$RED" 14 10 '下巴的线条要更柔和。'
POST=(-colors 16); draw "$tmp/p2.png" $NOTE_W 56 "$KO" 25 "$BLUE" 14 10 '표정을 조금 더 화나게 해 주세요.'
convert "$tmp/p1.png" "$tmp/p2.png" -strip -compress zip +set date:create +set date:modify \
    "$meta/tiff-pages.tif"

POST=(-colors 32)
notes "$meta/notes.gif" '衣服的褶皱请按照设定画。' '옷 주름은 설정대로 그려 주세요.'
# 8-bit palette BMP (uncompressed: Leptonica reads no RLE)
POST=(-colors 32 -type Palette -compress none)
notes "$tmp/notes.bmp" '左右眼睛的大小要一致。' '좌우 눈 크기를 똑같이 맞춰 주세요.'
convert "$tmp/notes.bmp" -compress none BMP3:"$meta/notes.bmp"
POST=("${PNGOPT[@]}")
notes "$tmp/notes-webp.png" '影子的方向要和光源一致。' '그림자 방향을 광원과 맞춰 주세요.'
cwebp -quiet -q 90 -metadata none "$tmp/notes-webp.png" -o "$meta/notes.webp"
# ... and XMP in the WebP (a RIFF "XMP " chunk)
"${EXIF[@]}" -XMP-dc:Title='背景颜色太暗了。' "$meta/notes.webp"

# gray-only.png: black printed text only, no coloured ink: no ocr-line unless --ocr-all.
# (a page with margins: Tesseract's layout analysis finds no block on a tight single line)
POST=("${PNGOPT[@]}" -type Grayscale -depth 8)
draw "$meta/gray-only.png" 640 240 "$ZH" 32 "$BLACK" 40 40 '背景的线条请画得细一点。' \
    "$ZH" 32 "$BLACK" 40 120 '影子的方向要和光源一致。'

# dark-screen.png: light print on a dark ground (a screenshot's panel), in colour but with no
# coloured ink: no ocr-line unless --ocr-all, which reads it only when Tesseract tries the lines
# inverted (turned off for the ink images, which are always dark on white).
POST=(-negate -fill '#1e2228' -opaque black "${PNGOPT[@]}" -depth 8)
draw "$meta/dark-screen.png" 640 240 "$ZH" 32 "$BLACK" 40 40 '背景颜色太暗了，请调亮一些。' \
    "$KO" 30 "$BLACK" 40 120 '배경색이 너무 어두워요.'

# --------------------------------------------------------------------------------- hostile/
# Byte-level files: make_images.py builds them from a small valid image of each format.
POST=("${PNGOPT[@]}" -type Grayscale -depth 8); draw "$tmp/tiny.png" 16 16
POST=(-strip -quality 80 -interlace none); draw "$tmp/tiny.jpg" 16 16
POST=(-strip -interlace none -quality 80)
draw "$tmp/half.jpg" 160 80 "$ZH" 20 "$RED" 6 6 '头的形状'
POST=("${PNGOPT[@]}" -depth 8); draw "$tmp/half.png" 160 80 "$ZH" 20 "$RED" 6 6 '头的形状'
POST=(-colors 4); draw "$tmp/tiny.gif" 16 16
POST=(-colors 4 -type Palette -compress none); draw "$tmp/tiny0.bmp" 16 16
convert "$tmp/tiny0.bmp" -compress none BMP3:"$tmp/tiny.bmp"
/usr/bin/python3 "$here/make_images.py" hostile "$tmp" "$hostile"

# every file small
big=$(find "$meta" "$hostile" -type f ! -name '*.expected.jsonl' -size +60k)
[[ -z $big ]] || { echo "make_images: over 60 KB: $big" >&2; exit 1; }
ls -l "$meta" "$hostile" | awk 'NF > 5 { printf "%8d %s\n", $5, $NF }'

#!/usr/bin/env bash
# make_frames.sh: synthetic animation frames with coloured zh/ko notes, for OCR tests.
#
# Usage:  tests/gen/frames/make_frames.sh [OUTDIR]      (default: tests/data/image/frames)
# Needs:  imagemagick (6.9, `convert`), fonts-noto-cjk, fonts-lxgw-wenkai, fonts-nanum-extra
#         (Debian: apt-get install imagemagick fonts-noto-cjk fonts-lxgw-wenkai fonts-nanum-extra)
#
# Writes NAME.png or NAME.jpg (1280x720) plus NAME.truth.json for each image:
#   {"image":"NAME.png",
#    "lines":[{"text":"...","lang":"zh|ko|id","box":[x,y,w,h],"ink":"#rrggbb","vertical":false},...],
#    "pairs":[[i,j],...]}
# "lines" holds only the drawn note lines (never the grey/black background or distractor text);
# "box" is the bounding box of the line's ink as drawn (after rotation, before blur/JPEG);
# "pairs" gives index pairs [zh line, ko line] that translate each other; "vertical" is true
# for a column of Chinese characters stacked top to bottom.
#
# Classes (see docs in /work/shared/notes/ocr.md §2):
#   sketch_*  grey line art, black printed header as distractor, red id + zh + ko + red pointer
#   frame_*   colourful frame (sky, skin, pink/green blocks, dark-red sun), red notes rotated -2 deg
#   screen_*  dark UI screenshot, grey menu text, 2-3 blue note lines (JPEG q70)
#   hand_*    handwriting fonts (LXGW WenKai / Nanum Pen Script), red or green, rotated 3 deg, blur
#   vert_*    one vertical red Chinese column plus a horizontal Korean line
#   busy_*    24 lines of grey zh/ko printed text plus 2 red note lines
#   clean_*   no coloured notes at all: truth is empty
#   multi_*   two inks in one frame (red zh, blue ko)
#   photo_*   photo-like picture of every colour, notes outlined in white (one in handwriting)
#   same_*    a note and its translation on one line (with or without a separator)
#   small_*   a 640x360 JPEG (a chat program's copy of a frame) with notes 18 pixels high
#   robe_*    notes over a drawing shaded in the notes' own hue
#   rose_*    notes over a blurred photograph (ImageMagick's rose:) in a JPEG
#   twoword_* a Korean note of two words, too few spaces to look Korean, over cels
#   ink_*     inks and sizes the other classes do not use: magenta and cyan over a picture of
#             every colour, yellow on a dark ground, 20-pixel notes, a ring in the notes' ink
#             that crosses a note line
#   slant_*   lines each at its own slant, a line's end touching the line above it (brown ink)
#   thin_*    a light face (strokes a pixel or two wide) in a JPEG: the strokes lose their colour
#   ids_*     shot and cut ids the CJK models misread, beside boxed notes over flat cels
#   latin_*   a Latin word in a Korean note; a box's slanted side running through a note's
#             letters; a Korean particle written onto a Latin word (BG를)
#
# Deterministic: fixed geometry, fixed noise seeds, one ImageMagick thread, metadata stripped,
# no PNG time chunks. Running it twice gives byte-identical files on the same ImageMagick build.
set -euo pipefail
export LC_ALL=C.UTF-8 MAGICK_THREAD_LIMIT=1 MAGICK_TMPDIR=${TMPDIR:-/tmp}

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
out=${1:-$root/tests/data/image/frames}
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

W=1280 H=720
ZH=Noto-Sans-CJK-SC KO=Noto-Sans-CJK-KR
ZHH=LXGW-WenKai KOH=Nanum-Pen-Script
PNGOPT=(-strip -depth 8 -define png:compression-level=9 -define png:exclude-chunks=date,time +set date:create +set date:modify)
JPGOPT=(-strip -sampling-factor 2x2 -interlace none)

# Fail loudly if a font is missing: ImageMagick would otherwise fall back silently.
fonts=$(convert -list font | sed -n 's/^ *Font: //p')
for f in "$ZH" "$KO" "$ZHH" "$KOH" Noto-Serif-CJK-SC Noto-Serif-CJK-KR Noto-Sans-CJK-SC-Bold NanumMyeongjoExtraBold NanumGothic-Light LXGW-WenKai-Light NanumBarunpen; do
    grep -qx -- "$f" <<<"$fonts" || { echo "make_frames: font $f not found" >&2; exit 1; }
done

RED1='#d9261c' RED2='#e02020' RED3='#c8102e' RED4='#e53935'
BLUE1='#2f6fe0' BLUE2='#3a7bff' GREEN1='#1e9e3c'
GREY='#858585' LGREY='#b4b4b4'
BROWN='#a52a2a' BLUE3='#1565c0' PURPLE='#5e35b1'

# ---------------------------------------------------------------- per-image state and helpers
NAME='' NL=0 DIST=()
LAYERS=() JL=() JP=()

begin() { # NAME [ROTATION_DEG]
    NAME=$1; NL=0; LAYERS=(); JL=(); JP=(); DIST=(); MAXCER=''; PAIRERR=''
    local rot=${2:-0}
    [[ $rot == 0 ]] || DIST=(-virtual-pixel transparent -distort SRT "$rot")
}

jesc() { local s=${1//\\/\\\\}; printf '%s' "${s//\"/\\\"}"; }

check_text() {
    case $1 in *%*|*\\*|@*) echo "make_frames: unsafe text for -annotate: $1" >&2; exit 1;; esac
}

# add_line FILE LANG INK VERTICAL TEXT : measure the ink box of a layer, record a truth line
add_line() {
    local f=$1 lang=$2 ink=$3 vert=$4 text=$5 bb w h x y
    bb=$(convert "$f" -format '%@' info:)            # WxH+X+Y of the non-transparent pixels
    IFS='x+' read -r w h x y <<<"$bb"
    if (( x < 4 || y < 4 || x + w > W - 4 || y + h > H - 4 )); then
        echo "make_frames: $NAME line $NL '$text' box ${w}x$h+$x+$y touches the image edge" >&2; [[ -n ${FRAMES_LAX-} ]] || exit 1
    fi
    JL+=("{\"text\":\"$(jesc "$text")\",\"lang\":\"$lang\",\"box\":[$x,$y,$w,$h],\"ink\":\"$ink\",\"vertical\":$vert}")
    LAYERS+=("$f")
    NL=$((NL + 1))
}

# note LANG FONT SIZE INK X Y TEXT : one horizontal note line, top-left near X,Y
note() {
    local lang=$1 font=$2 size=$3 ink=$4 x=$5 y=$6 text=$7
    check_text "$text"
    local f=$tmp/$NAME.$NL.miff
    convert -size ${W}x$H xc:none -font "$font" -pointsize "$size" -fill "$ink" -stroke none \
        -gravity NorthWest -annotate "+$x+$y" "$text" "${DIST[@]}" "$f"
    add_line "$f" "$lang" "$ink" false "$text"
}

# tnote LANG FONT SIZE INK X Y DEG TEXT : a note written at its own slant, DEG degrees clockwise
# (negative: rising to the right), whatever the frame's rotation
tnote() {
    local lang=$1 font=$2 size=$3 ink=$4 x=$5 y=$6 deg=$7 text=$8
    check_text "$text"
    local f=$tmp/$NAME.$NL.miff a
    a=$(awk -v d="$deg" 'BEGIN { printf "%.2f", d < 0 ? d + 360 : d }')
    convert -size ${W}x$H xc:none -font "$font" -pointsize "$size" -fill "$ink" -stroke none \
        -annotate "${a}x$a+$x+$y" "$text" "$f"
    add_line "$f" "$lang" "$ink" false "$text"
}

# onote LANG FONT SIZE INK X Y TEXT : a note outlined in white for contrast (the way notes are
# made readable over a busy picture); the truth box holds the outline
onote() {
    local lang=$1 font=$2 size=$3 ink=$4 x=$5 y=$6 text=$7
    check_text "$text"
    local f=$tmp/$NAME.$NL.miff
    convert -size ${W}x$H xc:none -font "$font" -pointsize "$size" -gravity NorthWest \
        -fill "$ink" -stroke white -strokewidth 6 -annotate "+$x+$y" "$text" \
        -stroke none -annotate "+$x+$y" "$text" "${DIST[@]}" "$f"
    add_line "$f" "$lang" "$ink" false "$text"
}

# snote ZHFONT KOFONT SIZE INK X Y ZH KO [SEP] : a note and its translation on one line, a
# space apart, or with SEP (/, -) between them; two truth lines (their boxes side by side),
# SEP in neither
snote() {
    local zf=$1 kf=$2 size=$3 ink=$4 x=$5 y=$6 zh=$7 ko=$8 sep=${9-} w
    note zh "$zf" "$size" "$ink" "$x" "$y" "$zh"
    w=$(convert "${LAYERS[-1]}" -format '%@' info: | cut -dx -f1)
    x=$(( x + w + size / 3 ))
    if [[ -n $sep ]]; then
        mark "$zf" "$size" "$ink" "$x" "$y" "$sep"
        w=$(convert "${LAYERS[-1]}" -format '%@' info: | cut -dx -f1)
        x=$(( x + w + size / 3 ))
    fi
    note ko "$kf" "$size" "$ink" "$x" "$y" "$ko"
}

# mark FONT SIZE INK X Y TEXT : ink that is no note (a separator); not part of the truth
mark() {
    local font=$1 size=$2 ink=$3 x=$4 y=$5 text=$6
    check_text "$text"
    local f=$tmp/$NAME.mark$NL.miff
    convert -size ${W}x$H xc:none -font "$font" -pointsize "$size" -fill "$ink" -stroke none \
        -gravity NorthWest -annotate "+$x+$y" "$text" "${DIST[@]}" "$f"
    LAYERS+=("$f")
}

# vnote FONT SIZE INK X Y TEXT : Chinese column, one character under the other
vnote() {
    local font=$1 size=$2 ink=$3 x=$4 y=$5 text=$6
    check_text "$text"
    local f=$tmp/$NAME.$NL.miff i pitch=$(( size * 112 / 100 )) args=()
    for (( i = 0; i < ${#text}; i++ )); do
        args+=(-annotate "+$x+$(( y + i * pitch ))" "${text:i:1}")
    done
    convert -size ${W}x$H xc:none -font "$font" -pointsize "$size" -fill "$ink" -stroke none \
        -gravity NorthWest "${args[@]}" "${DIST[@]}" "$f"
    add_line "$f" zh "$ink" true "$text"
}

# arrow INK WIDTH X1 Y1 CX CY X2 Y2 : curved pointer from X1,Y1 via control CX,CY to X2,Y2
# with a head at X2,Y2. Not part of the truth.
arrow() {
    local ink=$1 sw=$2 x1=$3 y1=$4 cx=$5 cy=$6 x2=$7 y2=$8
    local f=$tmp/$NAME.arrow$NL.${#LAYERS[@]}.miff head
    head=$(awk -v cx="$cx" -v cy="$cy" -v x="$x2" -v y="$y2" 'BEGIN {
        a = atan2(y - cy, x - cx); L = 22; s = 0.42
        printf "%d,%d %d,%d %d,%d", x, y, x - L*cos(a-s), y - L*sin(a-s), x - L*cos(a+s), y - L*sin(a+s) }')
    convert -size ${W}x$H xc:none -fill none -stroke "$ink" -strokewidth "$sw" \
        -draw "path 'M $x1,$y1 Q $cx,$cy $x2,$y2'" \
        -fill "$ink" -strokewidth 1 -draw "polygon $head" "${DIST[@]}" "$f"
    LAYERS+=("$f")
}

# circle INK WIDTH CX CY R : a ring drawn round a place in the frame, in the notes' ink; where it
# crosses a note line its arc touches the letters.  Not part of the truth.
circle() {
    local ink=$1 sw=$2 cx=$3 cy=$4 r=$5
    local f=$tmp/$NAME.circle$NL.${#LAYERS[@]}.miff
    convert -size ${W}x$H xc:none -fill none -stroke "$ink" -strokewidth "$sw" \
        -draw "circle $cx,$cy $cx,$(( cy - r ))" "${DIST[@]}" "$f"
    LAYERS+=("$f")
}

# tbox INK WIDTH X1 Y1 X2 Y2 DEG : a box drawn round notes in their ink, turned DEG degrees
# about its centre (a hand's box is not square to the frame).  Not part of the truth.
tbox() {
    local ink=$1 sw=$2 x1=$3 y1=$4 x2=$5 y2=$6 deg=$7 pts
    local f=$tmp/$NAME.box${#LAYERS[@]}.miff
    pts=$(awk -v a="$x1" -v b="$y1" -v c="$x2" -v d="$y2" -v g="$deg" 'BEGIN {
        t = g * 3.14159265 / 180; mx = (a + c) / 2; my = (b + d) / 2
        split(a " " c " " c " " a, X, " "); split(b " " b " " d " " d, Y, " ")
        for (i = 1; i <= 4; i++) printf "%d,%d ", mx + (X[i] - mx) * cos(t) - (Y[i] - my) * sin(t),
            my + (X[i] - mx) * sin(t) + (Y[i] - my) * cos(t) }')
    convert -size ${W}x$H xc:none -fill none -stroke "$ink" -strokewidth "$sw" -draw "polygon $pts" "$f"
    LAYERS+=("$f")
}

# cels OUT [FILL POLYGON]... [-- EXTRA-OPS...] : flat cels outlined in black on paper (the
# grounds of make_hold.py's cel frames): each FILL colour fills its POLYGON ("x,y x,y ..."),
# in order; EXTRA-OPS are drawn after them.  Writes OUT.
cels() {
    local out=$1 args=()
    shift
    while (( $# >= 2 )) && [[ $1 != -- ]]; do
        args+=(-fill "$1" -draw "polygon $2")
        shift 2
    done
    [[ ${1-} != -- ]] || shift
    convert -size ${W}x$H xc:'#fdfbf5' -stroke black -strokewidth 3 "${args[@]}" "$@" "$out"
}

pair() { JP+=("[$1,$2]"); }

# finish BASE FORMAT [POST-OPS...] : FORMAT is png or jpgNN (quality NN)
finish() {
    local base=$1 fmt=$2; shift 2
    local args=("$base") l file
    for l in "${LAYERS[@]}"; do args+=("$l" -composite); done
    args+=("$@" -alpha off)
    case $fmt in
        png)  file=$NAME.png; convert "${args[@]}" "${PNGOPT[@]}" "$out/$file" ;;
        jpg*) file=$NAME.jpg; convert "${args[@]}" "${JPGOPT[@]}" -quality "${fmt#jpg}" "$out/$file" ;;
        *) echo "make_frames: bad format $fmt" >&2; exit 1 ;;
    esac
    {
        printf '{"image":"%s",\n "lines":[' "$file"
        local i
        for (( i = 0; i < ${#JL[@]}; i++ )); do
            (( i == 0 )) || printf ','
            printf '\n  %s' "${JL[i]}"
        done
        (( ${#JL[@]} == 0 )) || printf '\n '
        printf '],\n "pairs":['
        local IFS=,
        printf '%s' "${JP[*]}"
        printf ']'
        [[ -z $MAXCER ]] || printf ',\n "max_cer":%s' "$MAXCER"
        [[ -z $PAIRERR ]] || printf ',\n "pair_err":%s' "$PAIRERR"
        printf '}\n'
    } >"$out/$NAME.truth.json"
    printf '%-10s %-4s %2d lines %7d bytes\n' "$NAME" "${fmt:0:3}" "${#JL[@]}" "$(stat -c %s "$out/$file")"
}

# ---------------------------------------------------------------- backgrounds
# head_draw CX CY R : -draw primitives for a simple character head (grey line art)
head_draw() {
    local cx=$1 cy=$2 r=$3
    local ry=$(( r * 118 / 100 ))
    local ex=$(( r * 36 / 100 )) ey=$(( cy - r * 5 / 100 )) erx=$(( r * 13 / 100 )) ery=$(( r * 19 / 100 ))
    printf '%s\n' \
        "ellipse $cx,$cy $r,$ry 0,360" \
        "ellipse $(( cx - ex )),$ey $erx,$ery 0,360" \
        "ellipse $(( cx + ex )),$ey $erx,$ery 0,360" \
        "ellipse $(( cx - ex + 3 )),$(( ey + 4 )) $(( erx / 2 )),$(( ery / 2 )) 0,360" \
        "ellipse $(( cx + ex + 3 )),$(( ey + 4 )) $(( erx / 2 )),$(( ery / 2 )) 0,360" \
        "arc $(( cx - r*30/100 )),$(( cy + r*30/100 )) $(( cx + r*30/100 )),$(( cy + r*62/100 )) 20,160" \
        "line $cx,$(( cy + r*8/100 )) $(( cx - r*6/100 )),$(( cy + r*26/100 ))" \
        "ellipse $(( cx - r )),$(( cy + r*5/100 )) $(( r*12/100 )),$(( r*22/100 )) 90,270" \
        "ellipse $(( cx + r )),$(( cy + r*5/100 )) $(( r*12/100 )),$(( r*22/100 )) 270,450" \
        "bezier $(( cx - r - 10 )),$(( cy - r*40/100 )) $(( cx - r*80/100 )),$(( cy - ry - 60 )) $(( cx + r*60/100 )),$(( cy - ry - 70 )) $(( cx + r + 15 )),$(( cy - r*35/100 ))" \
        "bezier $(( cx - r*70/100 )),$(( cy - ry + 20 )) $(( cx - r*30/100 )),$(( cy - r*30/100 )) $(( cx + r*10/100 )),$(( cy - r*40/100 )) $(( cx + r*20/100 )),$(( cy - r*20/100 ))" \
        "bezier $(( cx )),$(( cy - ry )) $(( cx + r*30/100 )),$(( cy - r*50/100 )) $(( cx + r*60/100 )),$(( cy - r*50/100 )) $(( cx + r*85/100 )),$(( cy - r*25/100 ))" \
        "line $(( cx - r*35/100 )),$(( cy + ry - 8 )) $(( cx - r*38/100 )),$(( cy + ry + r*45/100 ))" \
        "line $(( cx + r*35/100 )),$(( cy + ry - 8 )) $(( cx + r*38/100 )),$(( cy + ry + r*45/100 ))" \
        "bezier $(( cx - r*38/100 )),$(( cy + ry + r*45/100 )) $(( cx - r*120/100 )),$(( cy + ry + r*45/100 )) $(( cx - r*170/100 )),$(( cy + ry + r*70/100 )) $(( cx - r*190/100 )),$(( cy + ry + r*140/100 ))" \
        "bezier $(( cx + r*38/100 )),$(( cy + ry + r*45/100 )) $(( cx + r*120/100 )),$(( cy + ry + r*45/100 )) $(( cx + r*170/100 )),$(( cy + ry + r*70/100 )) $(( cx + r*190/100 )),$(( cy + ry + r*140/100 ))"
}

# construction lines (light grey) through the face
guide_draw() {
    local cx=$1 cy=$2 r=$3
    printf '%s\n' \
        "line $cx,$(( cy - r*130/100 )) $cx,$(( cy + r*130/100 ))" \
        "line $(( cx - r*115/100 )),$(( cy - r*5/100 )) $(( cx + r*115/100 )),$(( cy - r*5/100 ))"
}

draws() { # turn lines of primitives into -draw args
    local l; DRAWS=()
    while IFS= read -r l; do [[ -n $l ]] && DRAWS+=(-draw "$l"); done
}

# base_sketch OUT CX CY R [HEADER] : off-white paper, grey head, optional black header
base_sketch() {
    local o=$1 cx=$2 cy=$3 r=$4 hdr=${5-}
    local hd gd
    draws < <(head_draw "$cx" "$cy" "$r"); hd=("${DRAWS[@]}")
    draws < <(guide_draw "$cx" "$cy" "$r"); gd=("${DRAWS[@]}")
    local htext=()
    [[ -z $hdr ]] || htext=(-draw "line 36,64 560,64" -stroke none -fill '#111111' -font "$ZH"
                            -pointsize 26 -gravity NorthWest -annotate +36+22 "$hdr")
    convert -size ${W}x$H xc:'#fbfbf8' -fill none \
        -stroke "$LGREY" -strokewidth 1 "${gd[@]}" \
        -stroke "$GREY" -strokewidth 3 "${hd[@]}" \
        -stroke '#111111' -strokewidth 1 "${htext[@]}" "$o"
}

# base_sky OUT : a sky from blue to sand, a dark olive field and a yellow sun
base_sky() {
    convert -size ${W}x$H gradient:'#87ceeb-#fce4b0' -fill '#556b2f' \
        -draw "rectangle $((W / 3)),$((H * 2 / 3)) $W,$H" -fill '#ffd700' \
        -draw "circle $((W - 200)),150 $((W - 140)),150" "$1"
}

# base_plasma OUT SEED : a blurred, muted picture of every colour
base_plasma() {
    convert -size ${W}x$H -seed "$2" plasma: -blur 0x6 -modulate 100,60 "$1"
}

# base_frame OUT : colourful frame with sky gradient, sun disc, skin ellipse, pink/green blocks
base_frame() {
    local o=$1 variant=${2:-1}
    local sky1='#4f8fd0' sky2='#d3ebff' grass='#86b862'
    [[ $variant == 2 ]] && { sky1='#f0a060'; sky2='#ffe6b8'; grass='#6f9f58'; }
    draws < <(head_draw 420 360 130); local hd=("${DRAWS[@]}")
    convert \( -size ${W}x470 gradient:"$sky1-$sky2" \) \
            \( -size ${W}x250 gradient:"$grass-#4d7a3c" \) -append \
        -stroke none -fill '#8e1b1b' -draw 'circle 1100,110 1100,170' \
        -fill '#f7a8c8' -draw 'rectangle 760,290 1210,480' \
        -fill '#5cbf72' -draw 'rectangle 70,560 520,690' \
        -fill '#f2c9a0' -draw 'ellipse 420,360 130,153 0,360' \
        -fill none -stroke '#6b4226' -strokewidth 3 "${hd[@]}" \
        -stroke none -fill '#3b2a20' -draw 'ellipse 373,356 8,12 0,360' -draw 'ellipse 467,356 8,12 0,360' \
        -seed 11 -attenuate 0.35 +noise Gaussian "$o"
}

# base_screen OUT : dark paint-program UI, grey menu text, dim sketch in the viewport
base_screen() {
    local o=$1
    draws < <(head_draw 600 300 110); local hd=("${DRAWS[@]}")
    local g='#9a9a9a' t=()
    local x=16 m
    for m in 文件 编辑 视图 图层 选择 滤镜 窗口 帮助; do t+=(-annotate "+$x+6" "$m"); x=$(( x + 64 )); done
    local y=60 item
    for item in '图层 1  线稿' '图层 2  上色' '图层 3  背景' 'BG_S012_C034.png' '时间轴' '레이어 속성' '불투명도 100%' '혼합 모드: 보통'; do
        t+=(-annotate "+18+$y" "${item//'%'/'%%'}"); y=$(( y + 34 ))
    done
    y=70
    for item in '画笔  4.0 px' '硬度  80%' '颜色  #000000' '방지턱 보정  3' '손떨림 보정  5' '缩放  100%'; do
        t+=(-annotate "+1040+$y" "${item//'%'/'%%'}"); y=$(( y + 34 ))
    done
    local f
    for (( f = 1; f <= 24; f++ )); do t+=(-annotate "+$(( 232 + (f - 1) * 32 ))+640" "$f"); done
    convert -size ${W}x$H xc:'#1f2126' -stroke none \
        -fill '#2c2f36' -draw 'rectangle 0,0 1279,34' \
        -fill '#262931' -draw 'rectangle 0,35 210,719' -draw 'rectangle 1024,35 1279,719' \
        -fill '#24262c' -draw 'rectangle 211,600 1023,719' \
        -fill '#3a3d45' -draw 'rectangle 230,670 1000,700' -fill '#4a78c0' -draw 'rectangle 316,670 358,700' \
        -fill '#d9d9d6' -draw 'rectangle 240,60 990,580' \
        -fill none -stroke '#7d7d7d' -strokewidth 3 "${hd[@]}" \
        -stroke none -fill "$g" -font "$ZH" -pointsize 18 -gravity NorthWest "${t[@]}" "$o"
}

# base_paper OUT : paper with grey pencil lines that cross the note area
base_paper() {
    local o=$1 cx=$2 cy=$3
    draws < <(head_draw "$cx" "$cy" 120); local hd=("${DRAWS[@]}")
    convert -size ${W}x$H xc:'#f6f3ea' -fill none -stroke '#8c8c8c' -strokewidth 2 "${hd[@]}" \
        -stroke '#a3a3a3' -strokewidth 2 \
        -draw 'bezier 560,60 760,140 980,40 1260,120' \
        -draw 'bezier 540,250 800,330 1000,200 1270,300' \
        -draw 'bezier 600,470 820,420 1050,560 1270,500' \
        -draw 'line 640,40 700,700' -draw 'line 980,30 1010,700' \
        -seed 23 -attenuate 0.25 +noise Gaussian "$o"
}

# base_photo OUT SEED : a photo-like picture of every colour (a blurred plasma fractal)
base_photo() {
    convert -size ${W}x$H -seed "$2" plasma:fractal -blur 0x3 "$1"
}
# ---------------------------------------------------------------- images
echo "make_frames: writing to $out"

# sketch_01: the reference layout (notes/ocr.md A_sketch); pointer touches 头
begin sketch_01
base_sketch "$tmp/b.miff" 400 330 140 'CUT 034 TIME 3+12 第3页'
note id "$ZH" 34 "$RED2" 680 100 'S012 C034'
note zh "$ZH" 34 "$RED2" 660 170 '头的形状要再修改一下，请画得圆一些。'
note ko "$KO" 32 "$RED2" 660 230 '머리 모양을 조금 더 수정해 주세요.'
arrow "$RED2" 4 664 206 600 260 545 300
pair 1 2
finish "$tmp/b.miff" png

# sketch_02: notes left of the drawing, two pairs, pointer touches the drawing only
begin sketch_02
base_sketch "$tmp/b.miff" 900 340 130 'CUT 118 TIME 1+06 第1页'
note id "$ZH" 30 "$RED1" 60 110 'S003 C118'
note zh "$ZH" 32 "$RED1" 60 170 '眼睛的位置太高了，请往下移一点。'
note ko "$KO" 30 "$RED1" 60 222 '눈 위치가 너무 높아요. 조금 내려 주세요.'
note zh "$ZH" 32 "$RED1" 60 420 '左右眼睛的大小要一致。'
note ko "$KO" 30 "$RED1" 60 472 '좌우 눈 크기를 똑같이 맞춰 주세요.'
arrow "$RED1" 4 580 200 700 240 792 300
pair 1 2; pair 3 4
finish "$tmp/b.miff" png

# sketch_03: larger type, notes below the header, id on the same line as nothing else
begin sketch_03
base_sketch "$tmp/b.miff" 330 390 150 'CUT 205 TIME 2+00 第2页'
note id "$ZH" 38 "$RED3" 740 90 'S027 C205'
note zh "$ZH" 38 "$RED3" 640 300 '下巴的线条要更柔和。'
note ko "$KO" 36 "$RED3" 640 362 '턱 선을 더 부드럽게 해 주세요.'
note zh "$ZH" 36 "$RED3" 640 520 '头发的线条太多了，请简化一下。'
note ko "$KO" 34 "$RED3" 640 580 '머리카락 선이 너무 많아요.'
arrow "$RED3" 5 650 340 560 420 470 520
pair 1 2; pair 3 4
finish "$tmp/b.miff" png

# frame_01..03: colourful frames, red notes rotated -2 deg, some over the pink block
begin frame_01 -2
base_frame "$tmp/b.miff" 1
note id "$ZH" 34 "$RED4" 760 40 'S041 C009'
note zh "$ZH" 34 "$RED4" 740 310 '背景颜色太暗了，请调亮一些。'
note ko "$KO" 32 "$RED4" 740 372 '배경색이 너무 어두워요. 밝게 해 주세요.'
note zh "$ZH" 34 "$RED4" 600 540 '影子的方向要和光源一致。'
note ko "$KO" 32 "$RED4" 600 604 '그림자 방향을 광원과 맞춰 주세요.'
pair 1 2; pair 3 4
finish "$tmp/b.miff" jpg80

begin frame_02 -2
base_frame "$tmp/b.miff" 2
note id "$ZH" 32 "$RED2" 80 60 'S008 C076'
note zh "$ZH" 34 "$RED2" 80 120 '脸太长了，下巴请缩短一点。'
note ko "$KO" 32 "$RED2" 80 180 '얼굴이 길어요. 턱을 조금 줄여 주세요.'
note zh "$ZH" 34 "$RED2" 780 330 '这里的高光请去掉。'
note ko "$KO" 32 "$RED2" 780 392 '여기 하이라이트는 지워 주세요.'
pair 1 2; pair 3 4
finish "$tmp/b.miff" jpg80

begin frame_03 -2
base_frame "$tmp/b.miff" 1
note zh "$ZH" 36 "$RED1" 640 200 '表情要再生气一点。'
note ko "$KO" 34 "$RED1" 640 262 '표정을 조금 더 화나게 해 주세요.'
note zh "$ZH" 34 "$RED1" 80 520 '衣服的褶皱请按照设定画。'
note ko "$KO" 32 "$RED1" 80 582 '옷 주름은 설정대로 그려 주세요.'
pair 0 1; pair 2 3
finish "$tmp/b.miff" jpg80

# screen_01..02: dark UI screenshot, blue notes
begin screen_01
base_screen "$tmp/b.miff"
note id "$ZH" 30 "$BLUE2" 720 90 'S015 C142'
note zh "$ZH" 30 "$BLUE2" 300 470 '这一帧的颜色要和前一帧一致。'
note ko "$KO" 28 "$BLUE2" 300 520 '이 프레임 색을 앞 프레임과 맞춰 주세요.'
pair 1 2
finish "$tmp/b.miff" jpg70

begin screen_02
base_screen "$tmp/b.miff"
note zh "$ZH" 30 "$BLUE1" 260 80 '请在这里加一张中间画。'
note ko "$KO" 28 "$BLUE1" 240 596 '여기에 중간 동화를 한 장 넣어 주세요.'
pair 0 1
finish "$tmp/b.miff" jpg70

# hand_01..03: handwriting fonts, rotated 3 deg, blur 0.8, over grey pencil lines
begin hand_01 3
base_paper "$tmp/b.miff" 250 330
note id "$ZHH" 34 "$RED2" 600 50 'S033 C051'
note zh "$ZHH" 36 "$RED2" 560 120 '手臂的动作不自然，请参考原画。'
note ko "$KOH" 40 "$RED2" 560 180 '팔 동작이 어색해요. 원화를 참고해 주세요.'
note zh "$ZHH" 36 "$RED2" 560 300 '手指的数量不对，请重新画。'
note ko "$KOH" 40 "$RED2" 560 360 '손가락 개수가 틀려요. 다시 그려 주세요.'
pair 1 2; pair 3 4
finish "$tmp/b.miff" jpg80 -blur 0x0.8

begin hand_02 3
base_paper "$tmp/b.miff" 1030 380
note zh "$ZHH" 38 "$RED3" 60 90 '鼻子的位置偏左了，请修正。'
note ko "$KOH" 40 "$RED3" 60 150 '코가 왼쪽으로 치우쳤어요. 고쳐 주세요.'
note zh "$ZHH" 36 "$RED3" 60 420 '口型要和台词对上。'
note ko "$KOH" 40 "$RED3" 60 480 '입 모양을 대사에 맞춰 주세요.'
pair 0 1; pair 2 3
finish "$tmp/b.miff" jpg80 -blur 0x0.8

begin hand_03 3
base_paper "$tmp/b.miff" 250 360
note id "$ZHH" 34 "$GREEN1" 620 60 'S012 C035'
note zh "$ZHH" 36 "$GREEN1" 580 140 '线条请画得更干净一点。'
note ko "$KOH" 40 "$GREEN1" 580 200 '선을 더 깔끔하게 그려 주세요.'
note zh "$ZHH" 36 "$GREEN1" 580 340 '肩膀的宽度请参考设定稿。'
note ko "$KOH" 40 "$GREEN1" 580 400 '어깨 너비는 설정화를 참고해 주세요.'
pair 1 2; pair 3 4
finish "$tmp/b.miff" jpg80 -blur 0x0.8

# vert_01..02: one vertical Chinese column plus a horizontal Korean line
begin vert_01
base_sketch "$tmp/b.miff" 480 340 140 'CUT 034 TIME 3+12 第3页'
vnote "$ZH" 34 "$RED2" 1160 70 '请把头再画大一点'
note ko "$KO" 30 "$RED2" 640 620 '머리를 조금 더 크게 그려 주세요.'
pair 0 1
finish "$tmp/b.miff" png

begin vert_02
base_sketch "$tmp/b.miff" 760 360 140 'CUT 076 TIME 4+18 第5页'
vnote "$ZH" 36 "$RED1" 90 110 '头发飘动的方向要统一'
note ko "$KO" 30 "$RED1" 520 110 '머리카락 날리는 방향을 통일해 주세요.'
pair 0 1
finish "$tmp/b.miff" png

# busy_01..02: text-heavy page (24 grey zh/ko printed lines) plus 2 red note lines
busy_lines=(
    '第12场  内景  教室  白天'
    '12장  실내  교실  낮'
    '小明推开门，看见大家都在等他。'
    '민수가 문을 열자 모두가 그를 기다리고 있다.'
    '镜头从窗外慢慢推进到讲台。'
    '카메라가 창밖에서 교탁까지 천천히 들어간다.'
    '老师：你又迟到了，今天是第三次。'
    '선생님: 또 지각이구나, 오늘로 세 번째야.'
    '小明低下头，手里紧紧握着书包带。'
    '민수는 고개를 숙이고 가방끈을 꽉 쥔다.'
    '同学们小声议论，有人偷偷笑了。'
    '친구들이 작게 수군거리고 누군가 몰래 웃는다.'
    '特写：小明的眼睛，睫毛微微颤动。'
    '클로즈업: 민수의 눈, 속눈썹이 살짝 떨린다.'
    '窗外传来鸟叫声，阳光照在桌子上。'
    '창밖에서 새소리가 들리고 햇살이 책상에 비친다.'
    '老师叹了口气，让他回到座位。'
    '선생님은 한숨을 쉬고 자리로 돌아가라고 한다.'
    '小明走过过道，同桌向他挥手。'
    '민수가 통로를 지나가자 짝꿍이 손을 흔든다.'
    '他坐下，打开课本，翻到第四十页。'
    '그는 자리에 앉아 교과서 40쪽을 편다.'
    '淡出。下一场：操场，傍晚。'
    '페이드 아웃. 다음 장면: 운동장, 저녁.'
)
base_busy() { # OUT GREY
    local o=$1 g=$2 t=() i
    for (( i = 0; i < 24; i++ )); do
        if (( i % 2 == 0 )); then t+=(-font "$ZH"); else t+=(-font "$KO"); fi
        t+=(-annotate "+48+$(( 10 + i * 29 ))" "${busy_lines[i]}")
    done
    convert -size ${W}x$H xc:white -stroke none -fill "$g" -pointsize 20 -gravity NorthWest "${t[@]}" "$o"
}

begin busy_01
base_busy "$tmp/b.miff" '#5a5a5a'
note zh "$ZH" 30 "$RED2" 800 250 '眼睛高光的位置要一致。'
note ko "$KO" 28 "$RED2" 800 300 '눈 하이라이트 위치를 맞춰 주세요.'
pair 0 1
finish "$tmp/b.miff" png

begin busy_02
base_busy "$tmp/b.miff" '#7a7a7a'
note zh "$ZH" 30 "$RED4" 420 392 '这一张的嘴要张得再大一点。'
note ko "$KO" 28 "$RED4" 420 440 '이 장면은 입을 더 크게 벌려 주세요.'
pair 0 1
finish "$tmp/b.miff" png

# clean_01: line art only; clean_02: black printed text only. Truth: no lines.
begin clean_01
base_sketch "$tmp/b.miff" 640 330 150
finish "$tmp/b.miff" png

begin clean_02
cl=() i=0
for l in 'CUT 034 TIME 3+12 第3页' '原画：王小红    动画：李明' '원화: 김수진    동화: 박지훈' \
         '作画监督检查  2024-05-14' '작화감독 체크  완료' 'S012 C034  口型 A-B-C' \
         '背景：BG_S012_C034_v2' '배경: 교실 낮  색지정 완료'; do
    cl+=(-annotate "+80+$(( 60 + i * 70 ))" "$l"); i=$(( i + 1 ))
done
convert -size ${W}x$H xc:'#fbfbf8' -stroke none -fill '#111111' -font "$ZH" -pointsize 30 \
    -gravity NorthWest "${cl[@]}" "$tmp/b.miff"
finish "$tmp/b.miff" png

# multi_01..02: red Chinese notes, blue Korean notes in the same frame
begin multi_01
base_sketch "$tmp/b.miff" 380 360 140 'CUT 142 TIME 0+18 第1页'
note id "$ZH" 32 "$RED2" 720 100 'S015 C142'
note zh "$ZH" 34 "$RED2" 700 180 '眼睛的位置太高了，请往下移一点。'
note ko "$KO" 32 "$BLUE1" 700 250 '눈 위치가 너무 높아요. 조금 내려 주세요.'
arrow "$RED2" 4 700 220 620 280 520 330
pair 1 2
finish "$tmp/b.miff" png

begin multi_02
base_frame "$tmp/b.miff" 2
note zh "$ZH" 34 "$RED2" 560 100 '动作太慢了，中间删掉两张。'
note ko "$KO" 32 "$BLUE1" 560 160 '동작이 느려요. 중간 두 장을 빼 주세요.'
note zh "$ZH" 34 "$RED2" 600 520 '请注意头的大小要统一。'
note ko "$KO" 32 "$BLUE1" 600 580 '머리 크기를 통일해 주세요.'
pair 0 1; pair 2 3
finish "$tmp/b.miff" jpg80

# photo_01..02: notes outlined in white over a photo-like picture: the outline and the letters'
# edges blend with every colour of the ground
begin photo_01
base_photo "$tmp/b.miff" 5
onote zh "$ZH" 36 "$RED2" 100 162 '影子的方向要和光源一致。'
onote ko "$KO" 36 "$RED2" 100 222 '그림자 방향을 광원과 맞춰 주세요.'
pair 0 1
finish "$tmp/b.miff" jpg88
begin photo_02 2
base_photo "$tmp/b.miff" 17
onote id "$ZH" 32 "$RED1" 700 90 'S021 C077'
onote zh "$ZHH" 40 "$RED1" 680 150 '背景颜色太暗了，请调亮一些。'
onote ko "$KOH" 44 "$RED1" 680 214 '배경색이 너무 어두워요. 밝게 해 주세요.'
pair 1 2
finish "$tmp/b.miff" jpg85
# same_01: notes written with their translation on the same line (the kor model reads the
# Chinese half as noise, the chi_sim model the Korean half; the last line is read by chi_sim
# first, its few spaces do not look Korean)
begin same_01
base_sketch "$tmp/b.miff" 330 380 130 'CUT 061 TIME 2+04 第2页'
note id "$ZH" 30 "$RED2" 560 110 'S019 C061'
snote "$ZH" "$KO" 30 "$RED2" 520 170 '头的形状要再修改一下。' '머리 모양을 조금 더 수정해 주세요.'
snote "$ZH" "$KO" 30 "$RED2" 560 260 '下巴的线条要更柔和。' '턱 선을 더 부드럽게 해 주세요.'
snote "$ZH" "$KO" 30 "$RED2" 420 350 '背景颜色太暗了，请把整个画面调亮一些。' '밝게 해 주세요.'
pair 1 2; pair 3 4; pair 5 6
finish "$tmp/b.miff" png
# same_02: the same with a separator between note and translation (/ or -), and a line whose
# two halves are of one length, so that neither model reads the whole line surely
begin same_02
base_paper "$tmp/b.miff" 150 560
snote "$ZH" "$KO" 40 "$RED1" 60 120 '头的形状要再修改一下。' '머리 모양을 다시 수정하세요.' /
snote "$ZH" "$KO" 40 "$RED1" 300 240 '背景颜色太暗了' '배경색이 너무 어둡습니다' /
snote "$ZH" "$KO" 40 "$RED1" 60 360 '这里的线条要画得更细一点。' '여기 선을 더 가늘게 그리세요.' -
pair 0 1; pair 2 3; pair 4 5
finish "$tmp/b.miff" jpg90
# ink_01: magenta Chinese, cyan Korean, no outline, over a picture of every colour
begin ink_01
base_photo "$tmp/b.miff" 23
note zh "$ZH" 32 '#e000e0' 80 60 '背景的颜色要再亮一点。'
note ko "$KO" 32 '#00d8e0' 80 120 '배경 색을 조금 더 밝게 해 주세요.'
note zh "$ZH" 32 '#e000e0' 640 350 '这个角色的眼睛太小了。'
note ko "$KO" 32 '#00d8e0' 640 410 '이 캐릭터의 눈이 너무 작아요.'
pair 0 1; pair 2 3
finish "$tmp/b.miff" jpg85
# ink_02: yellow notes on a dark screenshot
begin ink_02
base_screen "$tmp/b.miff"
note zh "$ZH" 30 '#f0e020' 300 460 '请把衣服的颜色改成蓝色。'
note ko "$KO" 28 '#f0e020' 300 510 '옷 색깔을 파란색으로 바꿔 주세요.'
pair 0 1
finish "$tmp/b.miff" jpg80
# ink_03: notes 20 pixels high (a full-HD frame scaled to 1280x720 makes its notes this small)
begin ink_03
base_sketch "$tmp/b.miff" 640 360 150
note id "$ZH" 20 "$RED2" 860 80 'S031 C012'
note zh "$ZH" 20 "$RED2" 840 120 '手的位置再往上一点。'
note ko "$KO" 20 "$BLUE1" 840 150 '손 위치를 조금 더 위로 올려 주세요.'
note zh "$ZH" 20 "$RED2" 60 560 '耳朵的形状请参考设定。'
note ko "$KO" 20 "$BLUE1" 60 590 '귀 모양은 설정을 참고해 주세요.'
pair 1 2; pair 3 4
finish "$tmp/b.miff" jpg85
# ink_04: a ring round the face in the notes' ink crosses a note and its translation
begin ink_04
base_sketch "$tmp/b.miff" 640 330 150
note zh "$ZH" 30 "$RED2" 80 60 '背景的颜色要再亮一点。'
note ko "$KO" 30 "$RED2" 80 120 '배경 색을 조금 더 밝게 해 주세요.'
note zh "$ZH" 30 "$RED2" 640 330 '这个角色的眼睛太小了。'
note ko "$KO" 30 "$RED2" 640 390 '이 캐릭터의 눈이 너무 작아요.'
circle "$RED2" 4 640 330 130
arrow "$RED2" 4 200 200 380 260 510 320
pair 0 1; pair 2 3
finish "$tmp/b.miff" png
# small_01: a frame as a chat program passes it on, 640x360 at JPEG quality 75: one note and
# its translation 18 pixels high, their colour blurred by the JPEG's half-resolution chroma
W=640 H=360
begin small_01
base_sketch "$tmp/b.miff" 320 200 80
note zh "$ZH" 18 "$RED2" 24 20 '嘴巴的形状请参考设定。'
note ko "$KO" 18 "$BLUE1" 24 50 '입 모양은 설정을 참고해 주세요.'
pair 0 1
finish "$tmp/b.miff" jpg75
# small_02: clean_01 made 640x360 at JPEG quality 75, both lines in one red 24 pixels high.  Such a picture is read at twice
# its size (the ink measures under 18); chi_sim was unsure of 嘴巴 there, and kor's reading of it,
# 뽀먼8, cut the line in two (bench/ocr/small.sh).  One wrong character is what bilex reads now:
# the frame's own bound is a tenth.
begin small_02
MAXCER=0.1
convert "$out/clean_01.png" -resize 640x360 "$tmp/b.miff"
note zh "$ZH" 24 "$RED2" 24 6 '嘴巴的形状请参考设定。'
note ko "$KO" 24 "$RED2" 24 54 '입 모양은 설정을 참고해 주세요.'
pair 0 1
finish "$tmp/b.miff" jpg75
W=1280 H=720

# slant_01: two notes and their translations, each line at its own slant, the Korean lines
# rising to the right until their ends touch the Chinese lines above them, in a brown ink.  No
# row of the two lines' box is free of ink, so the line finder gives one box for both; read as
# one line it was noise, and both pairs were lost.
begin slant_01
base_sketch "$tmp/b.miff" 1000 520 150
tnote zh Noto-Sans-CJK-SC-Bold 29 "$BROWN" 54 120 -2.49 '火焰的颜色从红色慢慢变成黄色。'
tnote ko NanumMyeongjoExtraBold 42 "$BROWN" 84 178 -2.39 '불꽃의 색이 빨간색에서 천천히 노란색으로 바뀌어야 합니다.'
tnote zh Noto-Serif-CJK-SC 35 "$BROWN" 72 420 0.62 '今天大家辛苦了，明天早上九点开会。'
tnote ko Noto-Serif-CJK-KR 41 "$BROWN" 61 490 -2.7 '오늘 모두 수고하셨습니다. 내일 아침 아홉 시에 회의합니다.'
pair 0 1
pair 2 3
finish "$tmp/b.miff" png

# thin_01: a note and translations in a light face (NanumGothic-Light, strokes a pixel or two
# wide) in a 1920x1080 JPEG over a sky, in brown.  JPEG keeps colour at half
# resolution: the thin strokes keep their darkness and lose their colour ((68, 71, 76) for
# #a52a2a), so the ink finder saw the letters' joints only, and the Korean lines read as noise.
begin thin_01
W=1920 H=1080
base_sky "$tmp/b.miff"
tnote zh Noto-Sans-CJK-SC 48 "$BROWN" 108 80 1.87 '角色走路的时候肩膀不要动得太厉害。'
tnote ko NanumGothic-Light 43 "$BROWN" 119 175 -0.47 '캐릭터가 걸을 때 어깨를 너무 심하게 움직이지 마세요.'
tnote zh Noto-Sans-CJK-SC-Bold 40 "$BROWN" 118 460 -0.2 '口型和台词对不上，请重新对一下。'
tnote ko NanumGothic-Light 42 "$BROWN" 115 530 0.56 '입 모양과 대사가 맞지 않습니다. 다시 맞춰 주십시오.'
pair 0 1
pair 2 3
finish "$tmp/b.miff" jpg80
W=1280 H=720

# hand_04: handwriting in blue over a muted picture of every colour, the last line in Nanum Pen
# Script, whose letters are small for their point size.  kor read that line right but for one
# letter (굴습니다 for 굵습니다), and Tesseract gave the line a confidence of 0.00 for that one
# word (its words' mean: 0.75), so it was dropped as noise.
begin hand_04
base_plasma "$tmp/b.miff" 776
tnote zh LXGW-WenKai-Light 42 "$BLUE3" 64 74 1.71 '车轮转动的方向反了。'
tnote ko NanumBarunpen 42 "$BLUE3" 119 158 -1.96 '바퀴가 도는 방향이 반대입니다.'
tnote zh LXGW-WenKai-Light 35 "$BLUE3" 48 371 -2.36 '这张原画的线条太粗，请描细一点。'
tnote ko Nanum-Pen-Script 40 "$BLUE3" 113 441 2.14 '이 원화의 선이 너무 굵습니다. 좀 가늘게 그려 주세요.'
pair 0 1
pair 2 3
finish "$tmp/b.miff" png
# stars_01: notes in green over ImageMagick's own cartoon (`logo:`, its wizard in a blue robe
# under small yellow stars outlined in black; its red title painted out).  The stars were read
# as 会, one letter at 0.84 to 0.94 each, and the hat's pattern as 222, '' and 入一.
begin stars_01
MAXCER=0.1
W=1920 H=1080
convert logo: -fuzz 30% -fill white -opaque red -resize ${W}x$H\! "$tmp/b.miff"
tnote zh Noto-Serif-CJK-SC-Bold 47 "$GREEN1" 92 100 0.4 '背景的星星太多了，减少一半。'
tnote ko NanumGothicExtraBold 50 "$GREEN1" 86 190 -0.6 '배경의 별이 너무 많아요. 반으로 줄여 주세요.'
tnote zh Noto-Serif-CJK-SC-Bold 40 "$GREEN1" 70 580 0.3 '这里的光要再亮一点。'
tnote ko NanumGothicExtraBold 47 "$GREEN1" 64 660 -0.3 '우리는 빛을 더 밝게 하고 싶어요.'
pair 0 1
pair 2 3
finish "$tmp/b.miff" jpg85
W=1280 H=720

# boxed_01: two notes, each with its translation in a box drawn round them in the notes' ink, the
# boxes turned a degree and a half.  A stroke at a slant has no row of pixels three characters
# long, so the box was not taken out: the Korean line and the box's edge made one tall band,
# and the line was lost.
begin boxed_01
MAXCER=0.1
base_sketch "$tmp/b.miff" 900 420 170
tnote zh LXGW-WenKai-Bold 32 "$PURPLE" 90 82 0 '在这个镜头里，角色的手太小了。'
tnote ko NanumSquare_ac-Regular 30 "$PURPLE" 90 135 0 '이 장면에서 캐릭터의 손이 너무 작습니다.'
tbox "$PURPLE" 3 60 40 720 200 1.5
tnote zh Noto-Sans-CJK-SC 30 "$PURPLE" 100 342 0 '眼睛的高光位置不对。'
tnote ko NanumSquare_ac-Regular 28 "$PURPLE" 100 395 0 '눈의 하이라이트 위치가 틀렸어요.'
tbox "$PURPLE" 3 70 300 640 450 -1.5
pair 0 1
pair 2 3
finish "$tmp/b.miff" png
# ids_01: two notes boxed in purple over flat cels outlined in black, and the shot id beside them
# (a frame of bench/probe/make_hold.py, seed 907).  chi_sim read the id as 5035 60084 (the S
# as 5, the C as 60), which fix_ids cannot mend; chi_sim, whitelisted to S, C and digits, reads it.
begin ids_01
INK='#5936b7'
cels "$tmp/b.miff" \
    '#6b4f3a' '824,55 315,296 581,483 328,712' \
    '#d8f0b0' '401,487 135,168 450,248 76,425' \
    '#d8f0b0' '157,134 1254,636 1084,437 474,560' \
    '#b0d8f0' '460,289 984,172 1270,105 530,210' \
    '#d8f0b0' '458,252 1211,234 573,229 543,333' \
    '#ffe9a8' '709,698 1236,59 469,205 757,215' \
    '#6b4f3a' '48,541 160,394 475,578 978,229' \
    '#b0d8f0' '1244,188 1131,512 107,555 468,33' \
    '#d8f0b0' '123,642 260,180 1183,466 900,653' \
    '#ffe9a8' '889,428 298,559 1190,685 1259,243'
tnote id Noto-Sans-CJK-SC-Bold 29 "$INK" 880 94 0 'S035 C084'
tnote zh Noto-Serif-CJK-SC-Bold 26 "$INK" 64 94 -0.3 '我觉得你正在做的是错的。'
tnote ko Noto-Serif-CJK-KR-Bold 38 "$INK" 90 143 0 '네가 하고 있는 것은 틀린 것 같아.'
tbox "$INK" 3 41 34 1061 190 0
tnote zh Noto-Sans-CJK-SC-Bold 30 "$INK" 80 290 -1.3 '世界就是一个疯子的囚笼。'
tnote ko Noto-Sans-CJK-KR-Bold 27 "$INK" 80 336 0.8 '이 세상은 미치광이들의 소굴이다'
tbox "$INK" 3 35 227 1055 362 0
pair 1 2
pair 3 4
finish "$tmp/b.miff" jpg72
# latin_01: a Latin word in a Korean note, and the top of a box drawn at a slant running
# through the letters of a note (frames of bench/probe/make_hold.py, seeds 30006 and 20019).
# The kor model has no Latin letter: it read "Kamome" as digits, which chi_sim, whitelisted to
# Latin, reads again.  The box's side and the six letters it touched were one shape, cleared
# whole as a straight stroke.
begin latin_01
INK='#c2185b'
MAXCER=0.1
cels "$tmp/b.miff" \
    '#b0d8f0' '700,40 1260,120 1180,600 640,520' \
    '#ffe9a8' '40,600 500,420 760,700 60,710' \
    '#d8f0b0' '900,650 1270,380 1270,710'
tnote zh Noto-Serif-CJK-SC-Bold 30 "$INK" 70 90 0 '把文件名改成"Kamome"。'
tnote ko NanumSquare_ac-Regular 30 "$INK" 70 150 0 '파일 이름을 "Kamome" 로 바꿔 주세요.'
tnote zh Noto-Sans-Mono-CJK-SC 54 "$INK" 80 300 -1.5 '背景的颜色要再深一点。'
tnote ko NanumSquare_ac-Regular 30 "$INK" 80 360 0 '배경 색을 조금 더 진하게 해 주세요.'
tbox "$INK" 3 40 244 1000 400 0
pair 0 1
pair 2 3
finish "$tmp/b.miff" jpg85
# robe_01: blue notes written over a drawing shaded in blue (ImageMagick's wizard: in his robe,
# as make_hold.py seed 80000 frame 0 draws it).  The mean colour of the blue strokes fell between
# the ink and the robe, and the robe's shading took full strength: the note over it was lost.
W=1280 H=720
begin robe_01
INK='#0e18c3'
PAIRERR=0.4 # read, not yet well: robe pixels within three of a stroke stay (23.7% CER)
convert wizard: -resize ${W}x$H! "$tmp/b.miff"
tnote zh Noto-Serif-CJK-SC-Bold 31 "$INK" 129 335 0 '她穿着白色的衣服。'
tnote ko NanumSquare_ac-Regular 28 "$INK" 124 393 0 '그는 흰 옷을 입고 있다.'
tnote zh Noto-Serif-CJK-SC-Bold 27 "$INK" 57 82 0 '关上门，打开窗！'
tnote ko NanumGothicExtraBold 27 "$INK" 41 133 0 '문을 닫고, 창을 열어라.'
pair 0 1
pair 2 3
finish "$tmp/b.miff" png
# twoword_01: yellow notes over flat cels outlined in black, the last Korean note two words
# long (a frame of bench/probe/make_hold.py, seed 90027).  One word space in seven syllables is
# too few for bx_ocr_looks_korean, so chi_sim read 라디오를 켜세요. first, as 引c|全县 对川人. at
# 0.56, over SCRIPT_SURE: two words of hanzi in one reading now send the line to kor as well.
begin twoword_01
INK='#e8cd07'
cels "$tmp/b.miff" \
    '#d8f0b0' '94,267 697,552 1072,415 158,181' \
    '#f5d0b0' '172,446 159,573 990,150 142,388' \
    '#ffe9a8' '1107,362 308,559 553,191 245,511' \
    '#ffe9a8' '425,130 760,144 979,289 89,336' \
    '#d8f0b0' '210,594 679,502 882,357 95,208' \
    '#ffe9a8' '817,628 99,169 1189,342 285,46' \
    '#d8f0b0' '176,659 1203,62 756,232 32,129' \
    '#ffe9a8' '693,647 1067,404 830,173 595,254' \
    '#f5d0b0' '1262,509 517,631 332,698 468,244' \
    '#6b4f3a' '172,8 231,555 1134,90 159,390' \
    -- -fill none -stroke "$INK" -strokewidth 4 -draw 'line 1032,61 1232,211' -draw 'line 949,366 1149,516'
tnote zh Noto-Sans-CJK-SC 38 "$INK" 139 81 1.1 '今天我们AA制吧。'
tnote ko NanumGothicExtraBold 28 "$INK" 150 153 0.1 '오늘 우리 각자 계산합시다.'
tnote zh Noto-Sans-CJK-SC 31 "$INK" 67 386 0.6 '把收音机打开。'
tnote ko NanumGothicExtraBold 37 "$INK" 75 444 2.0 '라디오를 켜세요.'
pair 0 1
pair 2 3
finish "$tmp/b.miff" jpg80
# rose_01: notes over ImageMagick's rose, blurred, in a JPEG (a frame of bench/probe/make_hold.py,
# seed 90029, its first two lines lower).  The specks of the rose along the strokes of
# 我该去睡觉了。 left Tesseract's PSM 7 with no line at all; read as a raw line (PSM 13) it is whole.
W=1920 H=1080
begin rose_01
INK='#cf4b22'
convert rose: -resize ${W}x$H! -blur 0x3 "$tmp/b.miff"
tnote zh Noto-Sans-Mono-CJK-SC 49 "$INK" 132 90 -1.6 '你最喜欢哪一个网络浏览器？'
tnote ko Nanum-Pen-Script 52 "$INK" 139 173 2.0 '너는 어떤 웹브라우저가 제일 좋아?'
tnote zh Noto-Serif-CJK-SC-Bold 42 "$INK" 178 388 -1.2 '我该去睡觉了。'
tnote ko NanumBarunpen-Bold 47 "$INK" 194 467 -1.7 '자야 합니다.'
pair 0 1
pair 2 3
finish "$tmp/b.miff" jpg88
W=1280 H=720
# latin_02: Latin words with a Korean particle written onto them (BG를, Layer2의, Muiriel은).
# kor read BG as 66 in a word box reaching into 를, and Muiriel as 1410 followed by unsure
# "words" (히, |); the Latin reading (eng then, chi_sim whitelisted to Latin since stop 25) of
# those boxes with their margins gave BGS를 and Muiriel=히|은.  The box it reads now stops at
# the next word, and takes in kor's unsure words written onto it.
begin latin_02
INK='#d9261c'
MAXCER=0.03
convert -size ${W}x$H xc:'#fdfbf5' "$tmp/b.miff"
tnote zh Noto-Sans-CJK-SC 40 "$INK" 80 120 0 '背景的颜色要再深一点。'
tnote ko NanumGothicExtraBold 40 "$INK" 80 180 0 'BG를 좀 더 진하게 해 주세요.'
tnote zh Noto-Sans-CJK-SC 40 "$INK" 80 320 0 '请删掉Layer2的线。'
tnote ko NanumGothicExtraBold 40 "$INK" 80 380 0 'Layer2의 선을 지워 주세요.'
tnote zh Noto-Sans-CJK-SC 40 "$INK" 80 520 0 'Muiriel是我的朋友。'
tnote ko NanumGothicExtraBold 40 "$INK" 80 580 0 'Muiriel은 제 친구입니다.'
pair 0 1
pair 2 3
pair 4 5
finish "$tmp/b.miff" png
echo "make_frames: done"

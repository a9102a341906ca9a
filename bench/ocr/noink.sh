#!/usr/bin/env bash
# noink.sh OUTDIR: three 1280x720 images without coloured notes, for bench/ocr/speed.sh:
#   noink_frame.jpg  colourful frame (sky, grass, sun, pink and green blocks, a brown outlined
#                    head), the frames of tests/gen/frames without their notes
#   noink_photo.jpg  a plain photo-like picture (ImageMagick plasma fractal, blurred)
#   noink_scan.png   a black-and-white scan: printed zh/ko text on paper, grey noise
# Needs imagemagick and fonts-noto-cjk (as tests/gen/frames/make_frames.sh).  Deterministic.
set -euo pipefail
out=$1
mkdir -p "$out"
export MAGICK_THREAD_LIMIT=1 LC_ALL=C.UTF-8
convert \( -size 1280x470 gradient:'#4f8fd0-#d3ebff' \) \( -size 1280x250 gradient:'#86b862-#4d7a3c' \) \
    -append -stroke none -fill '#8e1b1b' -draw 'circle 1100,110 1100,170' \
    -fill '#f7a8c8' -draw 'rectangle 760,290 1210,480' -fill '#5cbf72' -draw 'rectangle 70,560 520,690' \
    -fill '#f2c9a0' -draw 'ellipse 420,360 130,153 0,360' \
    -fill none -stroke '#6b4226' -strokewidth 3 -draw 'ellipse 420,360 130,153 0,360' \
    -draw 'ellipse 373,356 20,28 0,360' -draw 'ellipse 467,356 20,28 0,360' \
    -draw 'arc 380,400 460,450 20,160' -draw 'bezier 290,300 330,160 520,150 555,310' \
    -stroke none -fill '#3b2a20' -draw 'ellipse 373,356 8,12 0,360' -draw 'ellipse 467,356 8,12 0,360' \
    -seed 11 -attenuate 0.35 +noise Gaussian -strip -quality 80 "$out/noink_frame.jpg"
convert -size 1280x720 -seed 5 plasma:fractal -blur 0x3 -strip -quality 85 "$out/noink_photo.jpg"
args=()
y=40
for l in '第3页 镜头 034 时间 3+12' '角色设定：头发为黑色，眼睛为棕色。' '캐릭터 설정: 머리는 검은색, 눈은 갈색입니다.' \
         '背景请参考第二集的设定稿。' '배경은 2화 설정화를 참고해 주세요.' '原画 作画监督 动画 上色 特效 摄影' \
         '원화 작화감독 동화 채색 특효 촬영' '第一场 白天 室外 公园' '제1장 낮 실외 공원'; do
    args+=(-annotate "+60+$y" "$l"); y=$(( y + 72 ))
done
convert -size 1280x720 xc:'#f4f4f0' -fill '#151515' -font Noto-Sans-CJK-SC -pointsize 30 \
    -gravity NorthWest "${args[@]}" -seed 7 -attenuate 0.4 +noise Gaussian -colorspace Gray \
    -strip -define png:exclude-chunks=date,time "$out/noink_scan.png"

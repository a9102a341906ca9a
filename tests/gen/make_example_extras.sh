#!/bin/sh
# make_example_extras.sh - puts documents, a daily-batch archive and annotated frames into
# examples/dump/, next to the plain-text files of make_example_dump.py, and writes their
# section of examples/README.md.
#
# Every file is a fixture that another generator of tests/gen made with real tools (python-docx,
# openpyxl, LibreOffice, ImageMagick, the raw ZIP writer), copied under the name it would have
# in a dump; rerun those generators first if they changed.  This script owns only the files
# listed in FILES and the README block between its markers.
#   sh tests/gen/make_example_extras.sh
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
D=$top/tests/data
E=$top/examples/dump

# source fixture | place in the dump | what it is
FILES="
archive/dump-day.zip|2024-03-05_batch.zip|the 5 March batch as the go-between zipped it on Korean Windows: CP949 member names without the UTF-8 flag, Korean notes in CP949, and inside it the producer's own zip made on Chinese Windows (GBK names, GBK text)
docx/notes.docx|2024-03-04/原画修改意见_第12集.docx|Word: headings, zh/ko paragraphs, a table, header, footer and footnote (python-docx)
docx/comments.docx|2024-03-06/审核_댓글.docx|Word: a Chinese comment answered by a Korean reply
xlsx/bilingual.xlsx|2024-03-06/修改清单_수정목록.xlsx|Excel: zh in column A, ko in column B, a note and a threaded comment (openpyxl)
pptx/notes.pptx|2024-03-07/第12集_汇报.pptx|PowerPoint: slides with speaker notes in both languages (LibreOffice)
odf/notes.odt|2024-03-07/背景修改.odt|OpenDocument text with a comment and tracked changes (LibreOffice)
hwpx/notes.hwpx|2024-03-07/수정의견서.hwpx|Hangul (HWPX) document with a memo
html/notes-gbk.html|2024-03-06/修改意见.html|a web page saved as GBK with a meta charset
image/frames/sketch_01.png|2024-03-05/frames/S012_C034.png|a line sketch with a red zh note and its ko translation drawn on it, and a shot/cut id
image/frames/multi_01.png|2024-03-05/frames/S015_C142.png|a sketch with the zh note in red and the ko in blue
image/frames/frame_01.jpg|2024-03-06/frames/S041_C009.jpg|a coloured frame (JPEG) with notes over sky, a pink box and grass
image/frames/vert_01.png|2024-03-07/frames/S020_C011.png|a vertical Chinese note beside a horizontal Korean one
"

rows=""
total=0
IFS='
'
for line in $FILES; do
	[ -n "$line" ] || continue
	src=${line%%|*}; rest=${line#*|}; dst=${rest%%|*}; what=${rest#*|}
	mkdir -p "$(dirname "$E/$dst")"
	cp "$D/$src" "$E/$dst"
	size=$(wc -c < "$E/$dst")
	total=$((total + size))
	rows="$rows| \`dump/$dst\` | $size | $what |
"
done
unset IFS

block="<!-- BEGIN make_example_extras.sh: documents, archive, frames (generated) -->

## Documents, an archive and frames

Copied by \`tests/gen/make_example_extras.sh\` from fixtures that the generators of \`tests/gen/\`
made with real tools. Total: $total bytes.

| file | bytes | what it is |
| --- | --- | --- |
$rows<!-- END make_example_extras.sh -->"
/usr/bin/python3 - "$top/examples/README.md" "$block" <<'PY'
import re, sys
path, block = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
pat = re.compile(r"<!-- BEGIN make_example_extras.sh.*?<!-- END make_example_extras.sh -->", re.S)
text = pat.sub(lambda m: block, text) if pat.search(text) else text.rstrip("\n") + "\n\n" + block + "\n"
open(path, "w", encoding="utf-8").write(text)
PY
echo "examples/dump: $total bytes of documents, archive and frames"

#!/bin/sh
# outputs.sh - the analyst outputs of one scan, written as XLSX, CSV, JSONL and HTML (the format
# chosen by -o's extension), checked against each other and read back by openpyxl and by
# LibreOffice (tests/outputs.py).  The inputs: the office fixtures, a text file with a zh/ko
# pair, a broken DOCX (an error record) and a hostile text made here whose lines start with
# = + - @ and carry =HYPERLINK("http://x") in Chinese and Korean sentences, in a file whose
# own name starts with =HYPERLINK( (so the source and file cells start with '=').
. "$srcdir/tests/cli/tap.sh"
if ! "$BILEX" --version | grep -q '^outputs:.* xlsx'; then
	echo "1..0 # SKIP bilex was built without libxlsxwriter"
	exit 0
fi
if ! /usr/bin/python3 -c 'import openpyxl' > /dev/null 2>&1; then
	echo "1..0 # SKIP python3-openpyxl is not installed (scripts/setup.sh installs it)"
	exit 0
fi

in="$WORK/in"
mkdir -p "$in"
hostile='=HYPERLINK("http:x")修改意见.txt'
cat > "$in/$hostile" <<'EOF'
=HYPERLINK("http://x")请把第三镜头的背景颜色改成暖色调。
=HYPERLINK("http://x")제3장면의 배경색을 따뜻한 색조로 바꿔주십시오.
+人物的眼睛=HYPERLINK("x")要再大一点。
+인물의 눈을=HYPERLINK("x") 좀더 크게 그려주십시오.
-衣服的褶皱=HYPERLINK("http://x")不自然，请重新画。
-옷의 주름이=HYPERLINK("http://x") 부자연스럽습니다. 다시 그려주십시오.
@头发的高光=HYPERLINK("x")太亮了，_x0041_请调暗一点。
@머리카락의 하이라이트가=HYPERLINK("x") 너무 밝습니다. _x0041_ 어둡게 고쳐주십시오.
EOF
cat > "$in/pair.txt" <<'EOF'
请把人物的影子画得再淡一点。
인물의 그림자를 좀더 연하게 그려주십시오.

这一句没有翻译。
EOF
# a DOCX cut in half: an error record, and a file record with status error
head -c 1500 "$srcdir/tests/data/docx/notes.docx" > "$in/broken.docx"

D=$(cd "$srcdir/tests/data" && pwd)
# relative names from inside $in, so the hostile file's source starts with '='
scan() {
	(cd "$in" && "$BILEX" scan -q "$hostile" pair.txt broken.docx "$D/docx" "$D/xlsx" \
		"$D/pptx" "$D/odf" "$D/hwpx" "$@")
}
fail=""
scan -o "$WORK/out.xlsx" --segments "$WORK/seg.jsonl" --errors "$WORK/err.jsonl" \
	2> "$WORK/scan.err" || fail="$fail xlsx:$?"
scan -o "$WORK/out.csv" 2>> "$WORK/scan.err" || fail="$fail csv:$?"
scan -o "$WORK/out.jsonl" 2>> "$WORK/scan.err" || fail="$fail jsonl:$?"
scan -o "$WORK/out.html" 2>> "$WORK/scan.err" || fail="$fail html:$?"
if [ -n "$fail" ]; then
	echo "1..1"
	echo "not ok 1 - bilex scan -o out.{xlsx,csv,jsonl,html} (exit status$fail)"
	sed 's/^/# /' "$WORK/scan.err" | head -20
	exit 1
fi
/usr/bin/python3 "$srcdir/tests/outputs.py" "$WORK" "$srcdir" "$hostile"
exit $?

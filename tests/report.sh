#!/bin/sh
# report.sh - the HTML report in a real browser: a scan of office fixtures, an image and a
# hostile text made here is written as HTML and opened in headless Chromium (tests/report.py:
# no console errors, the rows rendered, hostile text shown as text and never run, a screenshot
# in tests/report-screenshot.png of the build folder).
. "$srcdir/tests/cli/tap.sh"
builddir=$(dirname "$BILEX")
if ! command -v chromium > /dev/null 2>&1; then
	echo "1..0 # SKIP chromium is not installed (scripts/setup.sh installs it)"
	exit 0
fi

# A Chinese note and its Korean translation, both carrying markup that would run if the report
# ever put text into the page as HTML (a file name with markup too).
mkdir -p "$WORK/hostile"
cat > "$WORK/hostile/修改意见<img src=x onerror=alert(3)>.txt" <<'EOF'
请把第三镜头的<script>alert(1)背景颜色</script>改成暖色调。
제3장면의 <script>alert(1)배경색을</script> 따뜻한 색조로 바꿔주십시오.

人物的"眼睛</script>要再大一点<!--。
인물의 "눈을</script> 좀더 크게<!-- 그려주십시오.
EOF

crops=""
ocr_input=""
if "$BILEX" --version | grep -qi tesseract; then
	crops="--crops"
	ocr_input="$srcdir/tests/data/image/frames/clean_01.png"
fi
"$BILEX" scan -q $ocr_input "$srcdir/tests/data/docx" "$WORK/hostile" -o "$WORK/report.html" \
	2> "$WORK/scan.err"
rc=$?
if [ $rc != 0 ]; then
	echo "1..1"
	echo "not ok 1 - bilex scan -o report.html (exit $rc)"
	sed 's/^/# /' "$WORK/scan.err" | head -20
	exit 1
fi
# the reply in tests/data/docx/comments.docx: a comment and its answer
/usr/bin/python3 "$srcdir/tests/report.py" "$WORK/report.html" \
	"$builddir/tests/report-screenshot.png" \
	"手指的数量不对，只画了四根。" "손가락 개수가 틀립니다. 네개만 그려져있습니다." \
	"<script>alert(1)" $crops
exit $?

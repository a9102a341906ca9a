#!/bin/sh
# basics.sh - exit codes, outputs, --files-from, bad inputs, determinism.
. "$srcdir/tests/cli/tap.sh"
plan 21
D="$srcdir/tests/data/text"

# ---- usage and fatal errors -------------------------------------------------------------------
status_is 2 "no arguments is a usage error" "$BILEX"
status_is 2 "unknown command is a usage error" "$BILEX" frobnicate
status_is 2 "scan without input is a usage error" "$BILEX" scan
status_is 2 "unknown option is a usage error" "$BILEX" scan --no-such-option x
status_is 2 "bad -j is a usage error" "$BILEX" scan -j -1 "$D"
status_is 2 "unknown output format is a usage error" "$BILEX" scan -f pdf "$D/empty.txt"
status_is 2 "same file for -o and --segments is a usage error" "$BILEX" scan -o "$WORK/x.csv" --segments "$WORK/x.csv" "$D/empty.txt"
status_is 3 "unwritable output is fatal" "$BILEX" scan -q -o "$WORK/no/such/dir/out.csv" "$D/empty.txt"
status_is 0 "--help" "$BILEX" --help
"$BILEX" --version > "$WORK/version" 2>&1
if grep -q '^extractors: .*text' "$WORK/version" && grep -q 'ICU' "$WORK/version" && grep -q 'libxml2' "$WORK/version"; then
	ok "--version lists extractors and libraries"
else
	not_ok "--version lists extractors and libraries" "$(cat "$WORK/version")"
fi

# ---- bad inputs are records, not failures ----------------------------------------------------
mkdir -p "$WORK/bad/sub"
cp "$D/nul-junk.txt" "$WORK/bad/junk.bin"
: > "$WORK/bad/empty.txt"
printf '修改颜色 색상 수정\n' > "$WORK/bad/good.txt"
ln -s no-such-target "$WORK/bad/dangling"
ln -s .. "$WORK/bad/sub/loop"
ln -s /etc/passwd "$WORK/bad/passwd"
mkfifo "$WORK/bad/fifo"
status_is 0 "a tree of bad inputs exits 0" "$BILEX" scan -q -o "$WORK/pairs.jsonl" --segments "$WORK/seg.jsonl" --errors "$WORK/err.jsonl" "$WORK/bad"
n=$(jq_count "$WORK/seg.jsonl" '.type=="file"')
if [ "$n" = 7 ]; then ok "every input has a file record"; else not_ok "every input has a file record" "got $n of 7"; fi
for pair in "junk.bin:unsupported" "dangling:unreadable" "sub/loop:loop" "passwd:outside-tree" "fifo:special-file"; do
	f=${pair%%:*} code=${pair#*:}
	n=$(jq_count "$WORK/err.jsonl" ".code==\"$code\" and (.source|endswith(\"/$f\"))")
	if [ "$n" = 1 ]; then ok "$f is an error record ($code)"; else not_ok "$f is an error record ($code)" "$(cat "$WORK/err.jsonl")"; fi
done
n=$(jq_count "$WORK/seg.jsonl" '.type=="file" and .status=="empty" and (.source|endswith("/empty.txt"))')
if [ "$n" = 1 ]; then ok "an empty file is on record as empty"; else not_ok "an empty file is on record as empty"; fi

n=$(jq_count "$WORK/pairs.jsonl" '.zh=="修改颜色" and .ko=="색상 수정"')
if [ "$n" = 1 ]; then ok "the good file among bad ones still gives its pair"; else not_ok "the good file among bad ones still gives its pair" "$(cat "$WORK/pairs.jsonl")"; fi

# ---- --files-from and -0 ------------------------------------------------------------------------
printf '%s\n%s\n' "$D/utf8-bom_zh-ko.txt" "$D/gbk_zh-hans.txt" > "$WORK/list"
printf '%s\0%s\0' "$D/utf8-bom_zh-ko.txt" "$D/gbk_zh-hans.txt" > "$WORK/list0"
"$BILEX" extract -q --files-from "$WORK/list" > "$WORK/a.jsonl"
"$BILEX" extract -q -0 --files-from - < "$WORK/list0" > "$WORK/b.jsonl"
"$BILEX" extract -q "$D/gbk_zh-hans.txt" "$D/utf8-bom_zh-ko.txt" > "$WORK/c.jsonl"
if [ "$(jq_count "$WORK/a.jsonl" '.type=="file"')" = 2 ] && cmp -s "$WORK/a.jsonl" "$WORK/b.jsonl" && cmp -s "$WORK/a.jsonl" "$WORK/c.jsonl"; then
	ok "--files-from, -0 and arguments give the same records in the same order"
else
	not_ok "--files-from, -0 and arguments give the same records in the same order"
fi

# ---- determinism ----------------------------------------------------------------------------------
"$BILEX" scan -q -o "$WORK/r1.csv" --segments "$WORK/s1.jsonl" "$D"
"$BILEX" scan -q -o "$WORK/r2.csv" --segments "$WORK/s2.jsonl" "$D"
if cmp -s "$WORK/r1.csv" "$WORK/r2.csv" && cmp -s "$WORK/s1.jsonl" "$WORK/s2.jsonl"; then
	ok "two runs give byte-identical outputs"
else
	not_ok "two runs give byte-identical outputs"
fi
exit 0

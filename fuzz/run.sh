#!/bin/sh
# run.sh - `make fuzz-run`: replays fuzz/regress/<target>/, then runs each fuzz target for
# FUZZ_SECONDS (default 8) over a corpus in the build folder, seeded from tests/data (by format)
# and the shared hostile corpus (csv and ocr_ink: from a few inputs written here).  One line per
# target:
#   PASS: fuzz_zip (12345 runs in 8 s, 1543 exec/s, corpus 310, peak RSS 180 MB)
#   FAIL: fuzz_zip (crash: fuzz/artifacts/fuzz_zip-crash-...; log fuzz/logs/fuzz_zip.log)
# and exits 1 when any target found a crash, a leak, a timeout or ran out of memory.
#
#   fuzz/run.sh SRCDIR fuzz/fuzz_zip ...   (run from the build folder; make fuzz-run does it)
# Environment:
#   FUZZ_SECONDS   seconds per target (default 8)
#   FUZZ_ONLY      targets to run, e.g. "zip csv" (default: all given)
#   FUZZ_ARGS      more libFuzzer options, e.g. "-jobs=2" or "-max_len=4096"
#   FUZZ_CORPORA   the shared corpora (default SRCDIR/../shared/corpora; may not exist)
#   FUZZ_HOSTILE   the shared hostile corpus (default FUZZ_CORPORA/hostile)
#   FUZZ_MAX_SEED  largest seed copied, in bytes (default 1 MiB)
# The corpus (fuzz/corpus/<target>/) is kept between runs; seeds are copied into it, never
# anything written into the source tree.
set -u
srcdir=$1
shift
secs=${FUZZ_SECONDS:-8}
corpora=${FUZZ_CORPORA:-$srcdir/../shared/corpora}
hostile=${FUZZ_HOSTILE:-$corpora/hostile}
maxseed=${FUZZ_MAX_SEED:-1048576}
data=$srcdir/tests/data
: "${BILEX_LANGDATA:=$srcdir/langdata}"
export BILEX_LANGDATA
# One allocation over 2.5 GiB fails (NULL), as it does in a worker under RLIMIT_AS, instead of
# being an out-of-memory report: an LZMA header may ask liblzma for a 4 GiB dictionary that is
# never touched beyond what is decoded (fuzz/regress/zip/lzma-4gib-dictionary; without this
# option that input is an OOM report, or 14 s under ASan with a larger -malloc_limit_mb).  The
# library must take the NULL in its stride; the RSS limit still catches memory really used.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1:max_allocation_size_mb=2560"
export ASAN_OPTIONS
# symbolized stacks; UBSan reports are fatal (-fno-sanitize-recover) and carry a stack
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export UBSAN_OPTIONS
command -v llvm-symbolizer > /dev/null 2>&1 &&
	: "${ASAN_SYMBOLIZER_PATH:=$(command -v llvm-symbolizer)}" && export ASAN_SYMBOLIZER_PATH
mkdir -p fuzz/corpus fuzz/artifacts fuzz/logs

# Files under the given folders (not recursive) whose names match the patterns; the
# expectations that sit beside the fixtures are not inputs.
pick() {
	dirs=$1
	shift
	for d in $dirs; do
		[ -d "$d" ] || continue
		for pat in "$@"; do
			find "$d" -maxdepth 1 -type f -name "$pat" -size -"$((maxseed + 1))"c
		done
	done | grep -v -e '\.truth\.json$' -e '\.truth$' -e '\.expected\.jsonl$' -e '\.pairs\.jsonl$' \
		-e '/README' -e '/MANIFEST' -e '/LICENSE$' -e '/Copyright$' | sort -u
}

seeds() {
	case $1 in
	zip)
		pick "$data/archive $data/confusables $data/image/hostile $hostile/zip-libzip \
			$hostile/zip-slip" '*.zip' ;;
	ooxml)
		pick "$data/docx $data/xlsx $data/pptx $data/hwpx $data/hwp $data/confusables" '*'
		pick "$data/odf" '*.od?' ;;
	markup)
		pick "$data/html $data/xml $data/svg $hostile/xml-libxml2/errors \
			$hostile/xml-libxml2/recurse" '*'
		pick "$data/odf" '*.fod?'
		pick "$data/confusables" '*.txt' ;;
	text)
		pick "$data/text $data/pairs $data/pairs/siblings $corpora/align-dev" '*.txt' '*.tsv' ;;
	image)
		pick "$data/image/meta $data/image/hostile" '*.png' '*.jpg' '*.gif' '*.bmp' '*.tif' \
			'*.webp'
		FUZZ_MAX_SEED_SAVE=$maxseed
		maxseed=131072 # the OCR frames are large: only the small ones
		pick "$data/image/frames" '*.png' '*.jpg'
		maxseed=$FUZZ_MAX_SEED_SAVE ;;
	csv)
		# no files to start from: one small record of each type, plain and with the type
		# column (byte 0), fields cut at 0xFF: Han and Hangul, a formula lead, quotes, a
		# CRLF, an astral character, JSON, integers and numbers (fuzz_csv.c)
		gen=fuzz/seeds/csv
		mkdir -p "$gen"
		for t in 0 1 2 3 4 5 6 7; do
			printf "\\$(printf %03o "$t")"'x.txt\377\344\277\256 \354\203\211\377=1+1\377a"b""c\r\nd\377\360\240\200\200\377{"k":[1,"v"]}\377\001\002\377\377\377\200\177\377-x' > "$gen/record-$t"
		done
		find "$gen" -type f | sort ;;
	table)
		pick "$data/csv" '*.csv' '*.tsv' ;;
	archive)
		pick "$data/archive $hostile/zip-slip" '*.tar' '*.tar.*' '*.7z' '*.cpio' '*.iso' \
			'*.gz' '*.bz2' '*.xz' '*.zst' ;;
	ocr_ink)
		# no files: small images in fuzz_ocr_ink.c's format (width - 1 and height - 1 as
		# two bytes each, mode, ground R G B, then 8-byte shapes "op x y a b R G B"): lines
		# of glyphs and a column in red and blue, word spaces, an underline, a frame and a
		# fill, on plain, grainy and gradient grounds; dark print; noise; tiny images
		gen=fuzz/seeds/ocr_ink
		mkdir -p "$gen"
		ink_seed "$gen/red-lines" 63 1 199 0 12 235 235 230 \
			10 16 40 9 16 210 30 30 10 16 120 8 16 210 30 30 5 16 200 140 2 210 30 30
		ink_seed "$gen/blue-word-spaces" 255 1 159 0 4 250 250 250 \
			42 8 64 31 14 30 60 200 42 8 160 31 14 30 60 200
		ink_seed "$gen/columns" 63 1 223 1 4 240 240 240 \
			18 4 8 15 8 40 80 210 18 4 30 15 8 40 80 210 22 200 70 9 20 40 80 210 \
			22 40 70 9 20 200 30 40
		ink_seed "$gen/two-inks-grain" 143 1 43 1 6 120 150 110 \
			10 20 40 10 18 220 30 30 42 20 130 31 14 30 60 220 11 10 10 100 120 40 200 60 \
			0 180 200 60 40 240 160 180 13 200 20 60 2 40 60 220
		ink_seed "$gen/sky-gradient" 43 1 199 0 7 90 140 220 \
			10 12 60 9 20 230 60 20 10 12 150 9 20 230 60 20
		ink_seed "$gen/dark-print" 63 1 199 0 20 255 255 255 \
			10 16 40 9 16 20 20 20 14 230 10 6 14 20 20 20 5 16 120 120 1 20 20 20
		ink_seed "$gen/noise" 63 0 63 0 17 0 0 0 \
			0 255 0 255 0 0 12 200 40 250 250 250 7 7 7 255 255 255 90 10 200 200 30 30 \
			1 2 3 250 251 252 128 128 128 64 64 64 255 0 255 0 255 0 33 66 99 99 66 33
		ink_seed "$gen/small-forced" 63 0 63 0 12 250 250 250 \
			10 10 100 3 10 220 20 20
		ink_seed "$gen/tiny" 8 0 8 0 12 255 255 255 2 0 0 1 0 255 0 0
		ink_seed "$gen/one-pixel" 0 0 0 0 31 0 0 0
		find "$gen" -type f | sort ;;
	esac
}

# ink_seed FILE BYTE...: a file of these bytes (decimal)
ink_seed() {
	f=$1
	shift
	for v in "$@"; do
		printf "\\$(printf %03o "$v")"
	done > "$f"
}

# libFuzzer options per target
options() {
	case $1 in
	csv) echo "-max_len=70000" ;; # past the 32,767-character cut
	*) echo "" ;;
	esac
}

stat_of() {
	sed -n "s/^stat::$1: *//p" "$2" | tail -1
}

failed=0
passed=0
for bin in "$@"; do
	name=$(basename "$bin")
	t=${name#fuzz_}
	if [ -n "${FUZZ_ONLY:-}" ]; then
		case " $FUZZ_ONLY " in *" $t "* | *" $name "*) ;; *) continue ;; esac
	fi
	corpus=fuzz/corpus/$t
	regress=$srcdir/fuzz/regress/$t
	dict=$srcdir/fuzz/dict/$t.dict
	log=fuzz/logs/$name.log
	mkdir -p "$corpus"
	n=0
	for f in $(seeds "$t"); do
		dest=$corpus/seed-$(basename "$(dirname "$f")")-$(basename "$f")
		cmp -s "$f" "$dest" || cp "$f" "$dest"
		n=$((n + 1))
	done
	# shellcheck disable=SC2046
	set -- -rss_limit_mb=2560 -timeout=25 -artifact_prefix="fuzz/artifacts/$name-" \
		$(options "$t") ${FUZZ_ARGS:-}
	[ -f "$dict" ] && set -- "$@" -dict="$dict"
	status=0
	what=""
	# the inputs of bugs fixed before, one by one
	if [ -d "$regress" ] && [ -n "$(ls "$regress" 2>/dev/null)" ]; then
		if ! "$bin" "$@" "$regress"/* > "$log.regress" 2>&1; then
			status=1
			what="regression input fails; log $log.regress"
		fi
	fi
	if [ $status = 0 ]; then
		[ -d "$regress" ] || regress=
		start=$(date +%s)
		"$bin" "$@" -max_total_time="$secs" -print_final_stats=1 "$corpus" $regress > "$log" 2>&1
		status=$?
		took=$(($(date +%s) - start))
		if [ $status != 0 ]; then
			art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
			kind=$(grep -m1 -o -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [a-z-]+|runtime error|fuzz: check failed|Timeout|out-of-memory' "$log")
			what="${kind:-exit $status}${art:+: $art}; log $log"
		fi
	fi
	if [ $status = 0 ]; then
		runs=$(stat_of number_of_executed_units "$log")
		eps=$(stat_of average_exec_per_sec "$log")
		rss=$(stat_of peak_rss_mb "$log")
		size=$(find "$corpus" -type f | wc -l)
		echo "PASS: $name (${runs:-?} runs in $took s, ${eps:-?} exec/s, corpus $size ($n seeds), peak RSS ${rss:-?} MB)"
		passed=$((passed + 1))
	else
		echo "FAIL: $name ($what)"
		grep -E -A40 'ERROR: |runtime error|fuzz: check failed|==ERROR|Timeout|deadly signal' \
			"$log" "$log.regress" 2>/dev/null | head -60 | sed 's/^/# /'
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ $failed = 0 ]

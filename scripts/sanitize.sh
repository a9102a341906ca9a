#!/bin/sh
# sanitize.sh - the test suite under AddressSanitizer + UndefinedBehaviorSanitizer, or the fuzz
# pass, in a build folder of its own (fuzz/README.md).  Ends with one line:
#   sanitize: N passed, M failed        (or fuzz: N passed, M failed)
#
#   scripts/sanitize.sh [DIR]          clang ASan+UBSan build in DIR (default build-asan),
#                                      `make check` there, then whole-fixture scans (below)
#   scripts/sanitize.sh --fuzz [DIR]   clang libFuzzer build in DIR (default build-fuzz),
#                                      `make fuzz-run` (FUZZ_SECONDS per target, default 8)
#   BILEX_SANITIZE_CONFIGURE="..."     extra ./configure arguments (e.g. --without-ocr)
#
# Out of tree: when the source folder is configured in place (autotools then refuse a second,
# out-of-tree build of it), DIR/src is first made a copy of the files git knows (tracked and
# untracked, not ignored: uncommitted work included), refreshed on every run, and DIR/build is
# configured from it.  Nothing is written into the source folder.  Idempotent: a second run
# only rebuilds what changed.
#
# Sanitizer settings: ASAN_OPTIONS=detect_leaks=1:abort_on_error=1, UBSan errors fatal with a
# stack.  The bilex command reads each input in a worker process, where a sanitizer report
# becomes a `crash` error record of that input (tests comparing outputs then fail, others might
# not); so besides `make check` the whole of tests/data and the shared hostile corpus are
# scanned with workers (-j2: no crash, timeout, internal or worker limit-memory record may appear) and without
# (-j0: the report aborts the run).
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
mode=asan
if [ "${1:-}" = --fuzz ]; then
	mode=fuzz
	shift
fi
dir=${1:-build-$mode}
case $dir in /*) ;; *) dir=$top/$dir ;; esac
jobs=${BILEX_SANITIZE_JOBS:-2}
san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
if [ $mode = asan ]; then
	cc_args="CC=clang"
	cflags="-O1 -g $san"
	conf="${BILEX_SANITIZE_CONFIGURE:-}"
else
	cc_args="CC=clang"
	cflags="-O1 -g"
	# OCR compiled in for fuzz_ocr_ink; the other targets turn it off (fuzz/fuzz.h)
	conf="--enable-fuzz --without-xlsx ${BILEX_SANITIZE_CONFIGURE:-}"
fi

say() { echo "sanitize: $*" >&2; }
give_up() {
	say "$*"
	echo "$mode: 0 passed, 1 failed" | sed 's/^asan:/sanitize:/'
	exit 1
}

command -v clang > /dev/null 2>&1 || give_up "clang not found (scripts/setup.sh installs it)"
mkdir -p "$dir" || give_up "cannot create $dir"

# ---- the source: this folder, or a copy of it -------------------------------------------------
if [ -f "$top/config.status" ]; then
	command -v git > /dev/null 2>&1 && git -C "$top" rev-parse --git-dir > /dev/null 2>&1 ||
		give_up "$top is configured in place and not a git checkout: run make distclean there"
	src=$dir/src
	mkdir -p "$src"
	rel=${dir#"$top"/}
	list=$dir/src.list
	# files git knows, that exist, not under DIR (names as they are: git quotes non-ASCII
	# names by default, and tests/data/pairs/names/修改清单_수정목록.txt was not copied)
	git -C "$top" -c core.quotePath=false ls-files -c -o --exclude-standard |
		while IFS= read -r f; do
			case $f in "$rel"/*) continue ;; esac
			[ -f "$top/$f" ] && printf '%s\n' "$f"
		done | sort > "$list.new"
	# files gone from the source since the last copy
	if [ -f "$list" ]; then
		comm -23 "$list" "$list.new" | while IFS= read -r f; do rm -f "$src/$f"; done
	fi
	# tar keeps modification times: unchanged files look unchanged to make
	(cd "$top" && tr '\n' '\0' < "$list.new" | tar --null -T - -cf -) | (cd "$src" && tar -xf -) ||
		give_up "copying the source to $src failed"
	mv "$list.new" "$list"
	if [ ! -x "$src/configure" ]; then
		say "autoreconf in $src"
		(cd "$src" && autoreconf -fi > /dev/null 2>&1) || give_up "autoreconf failed in $src"
	fi
else
	src=$top
	# a fresh checkout: the generated files are ignored by .gitignore
	if [ ! -x "$src/configure" ]; then
		say "autoreconf in $src"
		(cd "$src" && autoreconf -fi > /dev/null 2>&1) || give_up "autoreconf failed in $src"
	fi
fi

# ---- configure (again when the arguments or configure changed) and build ---------------------
build=$dir/build
mkdir -p "$build"
args="$cc_args CFLAGS='$cflags' $conf"
if [ ! -f "$build/config.status" ] || [ "$src/configure" -nt "$build/config.status" ] ||
	[ "$(cat "$build/.configure-args" 2>/dev/null)" != "$args" ]; then
	say "configure $args"
	(cd "$build" && eval "\"$src/configure\" -q $args") > "$dir/configure.log" 2>&1 ||
		give_up "configure failed (see $dir/configure.log)"
	echo "$args" > "$build/.configure-args"
fi
export LC_ALL=C.UTF-8
export BILEX_LANGDATA="$src/langdata"
# tests with time and memory budgets relax them (tests/image.py)
BILEX_SANITIZER=$mode
export BILEX_SANITIZER
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS
if [ -f "$top/scripts/lsan.supp" ]; then
	LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$top/scripts/lsan.supp:print_suppressions=0}
	export LSAN_OPTIONS
fi
# the shared corpora sit beside the source folder, not beside its copy in DIR/src
FUZZ_CORPORA=${FUZZ_CORPORA:-$top/../shared/corpora}
FUZZ_HOSTILE=${FUZZ_HOSTILE:-$FUZZ_CORPORA/hostile}
export FUZZ_CORPORA FUZZ_HOSTILE
command -v llvm-symbolizer > /dev/null 2>&1 &&
	ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer) && export ASAN_SYMBOLIZER_PATH

if [ $mode = fuzz ]; then
	make -C "$build" -s -j"$jobs" fuzz > "$dir/build.log" 2>&1 ||
		{ tail -30 "$dir/build.log" >&2; give_up "make fuzz failed (see $dir/build.log)"; }
	cd "$build" || exit 1
	make -s fuzz-run FUZZ_SECONDS="${FUZZ_SECONDS:-8}"
	exit $?
fi

make -C "$build" -s -j"$jobs" > "$dir/build.log" 2>&1 ||
	{ tail -30 "$dir/build.log" >&2; give_up "make failed (see $dir/build.log)"; }
log=$dir/check.log
make -C "$build" -s -j"$jobs" check > "$log" 2>&1
status=$?
cat "$log"
pass=$(sed -n 's/^# PASS: *//p' "$log" | awk '{s += $1} END {print s + 0}')
fail=$(sed -n 's/^# \(FAIL\|ERROR\|XPASS\): *//p' "$log" | awk '{s += $1} END {print s + 0}')
[ "$status" -ne 0 ] && [ "$fail" -eq 0 ] && fail=1
# sanitizer reports that a test may have let pass (a report in a helper, a worker's stderr)
for t in $(find "$build/tests" -name '*.log' 2>/dev/null); do
	if grep -q -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$t"; then
		echo "not ok - sanitizer report in ${t#"$build"/}"
		grep -m3 -E -A12 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$t" | sed 's/^/# /'
		fail=$((fail + 1))
	fi
done

# ---- whole-fixture scans ----------------------------------------------------------------------
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
bilex=$build/bilex
n=0
check() { # name, then the outcome of the test ($? of the last command, 0 = ok)
	n=$((n + 1))
	if [ "$2" = 0 ]; then
		echo "ok $n - $1"
		pass=$((pass + 1))
	else
		echo "not ok $n - $1"
		[ -s "$tmp/why" ] && sed 's/^/# /' "$tmp/why" | head -40
		fail=$((fail + 1))
	fi
	: > "$tmp/why"
}
# status 0 and no crash, timeout, internal or worker limit-memory record (a sanitizer report in
# a worker; tests/cli/bad-records.jq)
scan() { # name, -j, paths...
	name=$1 j=$2
	shift 2
	"$bilex" scan -q -j "$j" "$@" -o "$tmp/p.jsonl" --segments "$tmp/s.jsonl" \
		--errors "$tmp/e.jsonl" > "$tmp/out" 2> "$tmp/why"
	st=$?
	jq -c -f "$src/tests/cli/bad-records.jq" "$tmp/e.jsonl" > "$tmp/bad" 2>/dev/null
	bad=$(wc -l < "$tmp/bad")
	if [ $st != 0 ] || [ "${bad:-0}" != 0 ]; then
		{ echo "status $st, $bad crash/timeout/internal or worker limit-memory records"
		  head -5 "$tmp/bad"; } >> "$tmp/why"
		check "$name" 1
	else
		check "$name" 0
	fi
}
echo "# whole-fixture scans under the sanitizers"
scan "tests/data, in process (-j0), no OCR" 0 --no-ocr "$src/tests/data"
scan "tests/data, in workers (-j2), no OCR" 2 --no-ocr "$src/tests/data"
scan "tests/data/image, in process (-j0), with OCR" 0 "$src/tests/data/image"
hostile=$FUZZ_HOSTILE
if [ -d "$hostile" ]; then
	scan "shared hostile corpus, in process (-j0)" 0 --no-ocr "$hostile"
	scan "shared hostile corpus, in workers (-j2)" 2 --no-ocr "$hostile"
fi
for r in "$src"/fuzz/regress/*/*; do
	[ -f "$r" ] || continue
	scan "fuzz regression input ${r#"$src"/}" 0 "$r"
done
echo "sanitize: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

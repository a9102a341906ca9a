#!/bin/sh
# check.sh - installs what is missing, builds, runs every test; ends with one line
#   tests: N passed, M failed
# The tests are `make check`, then the whole suite again under ASan + UBSan and a short fuzz
# pass (scripts/sanitize.sh, in build-asan/ and build-fuzz/, both ignored by git; fuzz/README.md).
# A sanitizer report or a fuzz crash counts as a failed test.
#   BILEX_CHECK_SANITIZE=0         only `make check`
#   BILEX_CHECK_FUZZ_SECONDS=N     seconds of fuzzing per target (default 8; 0: no fuzz pass)
#   BILEX_JOBS=N                   make -jN (default: the online CPUs)
set -u
cd "$(dirname "$0")/.."
scripts/setup.sh || { echo "tests: 0 passed, 1 failed"; exit 1; }
jobs=${BILEX_JOBS:-$(nproc)}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
make -s -j"$jobs" check > "$log" 2>&1
status=$?
cat "$log"
pass=$(sed -n 's/^# PASS: *//p' "$log" | awk '{s += $1} END {print s + 0}')
fail=$(sed -n 's/^# \(FAIL\|ERROR\|XPASS\): *//p' "$log" | awk '{s += $1} END {print s + 0}')
[ "$status" -ne 0 ] && [ "$fail" -eq 0 ] && fail=1

# One more stage: runs "$@" with its output in $log, shows it (the failures in full, else the
# summary) and adds the counts of its last line ("WORD: N passed, M failed") to the totals; a
# stage that failed without saying how many counts as one failure.
stage() {
	title=$1
	shift
	start=$(date +%s)
	"$@" > "$log" 2>&1
	st=$?
	took=$(($(date +%s) - start))
	line=$(grep -E '^[a-z]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -1)
	p=$(echo "$line" | sed -n 's/^[a-z]*: \([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* passed, \([0-9]*\) failed$/\1/p')
	p=${p:-0}
	f=${f:-0}
	[ "$st" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	echo "== $title ($took s): $p passed, $f failed"
	if [ "$f" -ne 0 ]; then
		grep -E -A30 '^(not ok|FAIL:|# FAIL|# ERROR|sanitize: )' "$log" | head -150
	else
		grep -E '^(PASS:|# (TOTAL|PASS|FAIL|ERROR):)' "$log"
	fi
	pass=$((pass + p))
	fail=$((fail + f))
}

if [ "${BILEX_CHECK_SANITIZE:-1}" != 0 ]; then
	# clang and libclang-rt (libFuzzer, the sanitizer runtimes) come with scripts/setup.sh
	stage "the test suite under ASan + UBSan (scripts/sanitize.sh)" \
		env BILEX_SANITIZE_JOBS="$jobs" scripts/sanitize.sh
	secs=${BILEX_CHECK_FUZZ_SECONDS:-8}
	if [ "$secs" != 0 ]; then
		stage "fuzz pass, $secs s a target (scripts/sanitize.sh --fuzz)" \
			env BILEX_SANITIZE_JOBS="$jobs" FUZZ_SECONDS="$secs" scripts/sanitize.sh --fuzz
	fi
fi
echo "tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

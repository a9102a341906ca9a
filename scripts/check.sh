#!/bin/sh
# check.sh - installs what is missing, builds, runs every test; ends with one line
#   tests: N passed, M failed
set -u
cd "$(dirname "$0")/.."
scripts/setup.sh || { echo "tests: 0 passed, 1 failed"; exit 1; }
log=$(mktemp)
make -s -j"$(nproc)" check > "$log" 2>&1
status=$?
cat "$log"
pass=$(sed -n 's/^# PASS: *//p' "$log" | awk '{s += $1} END {print s + 0}')
fail=$(sed -n 's/^# \(FAIL\|ERROR\|XPASS\): *//p' "$log" | awk '{s += $1} END {print s + 0}')
rm -f "$log"
[ "$status" -ne 0 ] && [ "$fail" -eq 0 ] && fail=1
echo "tests: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

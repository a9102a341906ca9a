# tap.sh - sourced by the CLI tests: TAP output and small helpers.
: "${BILEX:=$(pwd)/bilex}" "${srcdir:=.}"
T=0
FAILED=0
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bilex-test.XXXXXX") || exit 1
trap 'rm -rf "$WORK"' EXIT

plan() { echo "1..$1"; }
ok() { T=$((T + 1)); echo "ok $T - $1"; }
not_ok() { T=$((T + 1)); FAILED=$((FAILED + 1)); echo "not ok $T - $1"; shift; for l in "$@"; do echo "# $l"; done; }
# check NAME COMMAND...: ok when COMMAND succeeds
check() { name=$1; shift; if "$@" > "$WORK/check.out" 2>&1; then ok "$name"; else not_ok "$name" "$(head -c 600 "$WORK/check.out")"; fi; }
# status_is WANT NAME COMMAND...: the exit status of COMMAND
status_is() {
	want=$1 name=$2; shift 2
	"$@" > "$WORK/status.out" 2> "$WORK/status.err"; got=$?
	if [ "$got" = "$want" ]; then ok "$name"; else not_ok "$name" "exit $got, want $want" "$(head -c 600 "$WORK/status.err")"; fi
}
# jq_count FILE FILTER: number of records matching a jq filter
jq_count() { jq -c "select($2)" "$1" | wc -l | tr -d ' '; }

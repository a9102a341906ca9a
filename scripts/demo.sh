#!/bin/sh
# demo.sh - installs what is missing, builds, and scans examples/dump into evidence.csv.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
echo
echo "== bilex scan examples/dump -o evidence.csv =="
./bilex scan examples/dump -o evidence.csv --segments evidence-segments.jsonl \
	--errors evidence-errors.jsonl
echo
echo "== the first pairs (full rows in evidence.csv) =="
/usr/bin/python3 - <<'PY'
import csv
with open("evidence.csv", encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
print("%d pairs" % len(rows))
for r in rows[:8]:
    print("- [%s %s] %s\n    %s\n    %s (%s%s)" % (r["method"], r["score"], r["zh_where"],
          r["zh"], r["ko"], r["ko_variant"],
          ": " + r["ko_variant_evidence"] if r["ko_variant_evidence"] else ""))
PY
echo
echo "Outputs: evidence.csv (pairs), evidence-segments.jsonl, evidence-errors.jsonl"

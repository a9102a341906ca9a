"""tap.py - TAP lines for the Python tests (tests/outputs.py, tests/report.py): numbered
ok / not ok lines with their diagnostics, skips, and the counts for the plan and the exit."""
import sys

count = 0   # tests written so far
failed = 0  # of them, failed


def ok(cond, name, *diag):
    """One test: ok or not ok, then each diagnostic's first 20 lines as comments."""
    global count, failed
    count += 1
    if cond:
        print("ok %d - %s" % (count, name))
    else:
        failed += 1
        print("not ok %d - %s" % (count, name))
        for d in diag:
            for line in str(d).splitlines()[:20]:
                print("# " + line)
    sys.stdout.flush()
    return cond


def skip(name, why):
    global count
    count += 1
    print("ok %d - %s # SKIP %s" % (count, name, why))

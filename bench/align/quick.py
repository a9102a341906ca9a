#!/usr/bin/python3
"""quick.py - the aligner's strict F1 on the development seeds, in seconds, for tuning.

  bench/align/quick.py [--seeds 11 12] [--sets cmn notes] [--drops 0 0.2 0.4]
                       [--tune SPEC] [--bilex B] [--work DIR] [-q]

Builds (once, cached in --work, default /tmp/bilex-align-quick) the make_docs.py documents of
each set, drop rate and seed, scans each with `bilex scan -j0 --no-ocr` (two at a time) and
prints strict F1 per set, drop rate and layout, counts summed over the seeds, then the mean of
the "all" column.  --tune is passed as $BILEX_ALIGN_TUNE (model parameters by name, e.g.
"null=-1.5,lexicon=10"), which only a build configured with --enable-dev-knobs reads.  The
development seeds (11, 12) are the ones the weights were tuned on; run.sh reports seeds 1-3.
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from collections import defaultdict

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
BENCH = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(BENCH))
sys.path.insert(0, BENCH)
import score  # noqa: E402
ap = argparse.ArgumentParser()
ap.add_argument("--seeds", nargs="+", default=["11", "12"])
ap.add_argument("--sets", nargs="+", default=["cmn", "notes"])
ap.add_argument("--drops", nargs="+", default=["0", "0.2", "0.4"])
ap.add_argument("--tune", default="")
ap.add_argument("--bilex", default=os.path.join(TOP, "bilex"))
ap.add_argument("--work", default="/tmp/bilex-align-quick")
ap.add_argument("--layouts", nargs="+", default=["interleaved", "blocks", "sameline", "sibling", "ocr"])
ap.add_argument("-q", action="store_true")
a = ap.parse_args()
env = dict(os.environ, BILEX_LANGDATA=os.environ.get("BILEX_LANGDATA", os.path.join(TOP, "langdata")),
           BILEX_ALIGN_TUNE=a.tune)
os.makedirs(a.work, exist_ok=True)
# the cached documents are make_docs.py's of this version: a changed generator makes them anew
# (documents cached before a change of make_docs.py once gave cells that no build explained)
gen = hashlib.sha256(open(BENCH + "/make_docs.py", "rb").read()).hexdigest()
stamp = os.path.join(a.work, "make_docs.sha256")
if not os.path.exists(stamp) or open(stamp).read() != gen:
    shutil.rmtree(os.path.join(a.work, "docs"), ignore_errors=True)
    with open(stamp, "w") as f:
        f.write(gen)
jobs = []
for st in a.sets:
    for p in a.drops:
        for s in a.seeds:
            d = os.path.join(a.work, "docs", "%s-%s-%s" % (st, p, s))
            if not os.path.exists(d + "/gold.jsonl"):
                subprocess.run(["/usr/bin/python3", BENCH + "/make_docs.py", d, "--set", st, "--drop", p, "--seed", s], check=True, stdout=subprocess.DEVNULL)
            out = os.path.join(a.work, "out-%d-%s-%s-%s.jsonl" % (os.getpid(), st, p, s))
            jobs.append((st, p, s, d, out))
# two scans at a time
running = []
for j in jobs:
    st, p, s, d, out = j
    dirs = [d + "/" + l + "/" for l in a.layouts]
    running.append(subprocess.Popen([a.bilex, "scan", "-q", "--no-ocr", "-j0"] + dirs + ["-o", out], env=env))
    if len(running) >= 2:
        running.pop(0).wait()
for r in running: r.wait()
res = defaultdict(lambda: defaultdict(float))
for st, p, s, d, out in jobs:
    diag = {"unparsed_where": [], "unknown_ids": []}
    # the units of the layouts scanned: the documents hold every layout make_docs.py writes
    gold = [u for u in score.load_gold(d + "/gold.jsonl") if score.layout_of(u) in a.layouts]
    pred = score.load_pred(out, d, diag)
    r, _ = score.score(gold, pred, diag)
    os.unlink(out)
    for lay, c in r.items():
        if lay not in a.layouts and lay != "all": continue
        for k, v in c.items():
            if isinstance(v, (int, float)):
                res[(st, p, lay)][k] += v
def f1(c):
    return score.figures(c)[0][2]
line = []
allf = []
for st in a.sets:
    row = []
    for p in a.drops:
        cells = []
        for lay in a.layouts + ["all"]:
            c = res[(st, p, lay)]
            cells.append("%s=%.3f" % (lay[:4], f1(c)))
        if not a.q: print(st, p, " ".join(cells))
        allf.append(f1(res[(st, p, "all")]))
print("mean all-F1 %.4f  | %s | tune=%s" % (sum(allf) / len(allf), " ".join("%.3f" % x for x in allf), a.tune))

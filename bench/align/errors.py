#!/usr/bin/python3
"""errors.py - classifies an aligner's mistakes on make_docs.py documents.

  bench/align/errors.py WORKDIR [--aligner bilex] [--examples N]

WORKDIR is a run.sh work folder (SET-P-SEED/docs/gold.jsonl and SET-P-SEED/ALIGNER.jsonl).
For every set, drop rate and layout (summed over seeds):
  wrong predicted pairs (not a gold unit):
    partial   overlaps one gold unit on both sides (a merge cut differently: lax-correct)
    orphans   every id of it is an unpaired sentence in gold (two dropped-partner sentences)
    steal     takes a sentence of a gold pair, without overlapping that pair
    badseg    holds an id that is no gold id (a segment of the wrong language on a line)
  gold pairs not predicted:
    missed    none of their ids is in any predicted pair (left unpaired)
    partial   lax-found
    taken     some id paired with something else
and, for missed pairs, how far apart their zh and ko lines are (same line, 1, 2-3, more,
other file).  --examples N prints N examples of each class per layout.
"""
import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import score  # noqa: E402


def line_of(i):
    f, ln, _ = i.rsplit(":", 2)
    return f, int(ln) if ln.isdigit() else -1


def distance(u):
    zs = [line_of(i) for i in u[0]]
    ks = [line_of(i) for i in u[1]]
    if {f for f, _ in zs} != {f for f, _ in ks}:
        return "other file"
    d = min(abs(a[1] - b[1]) for a in zs for b in ks)
    return "same line" if d == 0 else "1" if d == 1 else "2-3" if d <= 3 else ">3"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("work")
    ap.add_argument("--aligner", default="bilex")
    ap.add_argument("--examples", type=int, default=0)
    a = ap.parse_args()
    counts = defaultdict(Counter)
    examples = defaultdict(list)
    for d in sorted(os.listdir(a.work)):
        m = re.match(r"^(cmn|notes|yue|heldout|daily|ui|uitw)-([0-9.]+)-(\d+)$", d)
        if not m:
            continue
        key0 = (m.group(1), m.group(2))
        docs = os.path.join(a.work, d, "docs")
        gold = score.load_gold(os.path.join(docs, "gold.jsonl"))
        diag = {"unparsed_where": [], "unknown_ids": []}
        pred = score.load_pred(os.path.join(a.work, d, a.aligner + ".jsonl"), docs, diag)
        gset = set(gold)
        gold_of = {}
        zh2ko = defaultdict(set)
        for u in gold:
            for i in u[0] | u[1]:
                gold_of[i] = u
            for z in u[0]:
                zh2ko[z] |= u[1]
        pz2k = defaultdict(set)
        covered = set()
        for z, k, _ in pred:
            covered |= z | k
            for x in z:
                pz2k[x] |= k
        cache = {}
        for z, k, r in pred:
            lay = score.layout_of((z, k))
            key = key0 + (lay,)
            counts[key]["pred pairs"] += 1
            if (z, k) in gset:
                continue
            if any(i not in gold_of for i in z | k):
                cls = "FP badseg"
            elif any(zh2ko[x] & k for x in z):
                cls = "FP partial"
            elif all(not (gold_of[i][0] and gold_of[i][1]) for i in z | k):
                cls = "FP orphans"
            else:
                cls = "FP steal"
            counts[key][cls] += 1
            if len(examples[key + (cls,)]) < a.examples:
                examples[key + (cls,)].append(
                    "%s  [%s %s, %s]\n%s" % (d, r.get("method"), r.get("score"),
                                            json.dumps((r.get("signals") or {}).get("from"),
                                                       ensure_ascii=False),
                                            score.show_unit((z, k), docs, cache)))
        pset = set((z, k) for z, k, _ in pred)
        for u in gold:
            if not (u[0] and u[1]):
                continue
            key = key0 + (score.layout_of(u),)
            counts[key]["gold pairs"] += 1
            if u in pset:
                continue
            if any(pz2k[x] & u[1] for x in u[0]):
                cls = "FN partial"
            elif not ((u[0] | u[1]) & covered):
                cls = "FN missed"
                counts[key]["missed at distance " + distance(u)] += 1
            else:
                cls = "FN taken"
            counts[key][cls] += 1
            if len(examples[key + (cls,)]) < a.examples:
                examples[key + (cls,)].append("%s\n%s" % (d, score.show_unit(u, docs, cache)))
    cols = ["gold pairs", "pred pairs", "FP partial", "FP orphans", "FP steal", "FP badseg",
            "FN partial", "FN missed", "FN taken", "missed at distance same line",
            "missed at distance 1", "missed at distance 2-3", "missed at distance >3",
            "missed at distance other file"]
    short = ["gold", "pred", "FPpart", "FPorph", "FPsteal", "FPbad", "FNpart", "FNmiss",
             "FNtaken", "m:0", "m:1", "m:2-3", "m:>3", "m:file"]
    print("%-6s %-4s %-12s" % ("set", "p", "layout") + "".join("%8s" % s for s in short))
    for key in sorted(counts):
        print("%-6s %-4s %-12s" % key + "".join("%8d" % counts[key][c] for c in cols))
    if a.examples:
        for key in sorted(examples):
            print("\n### %s %s %s %s" % key)
            for e in examples[key]:
                print(e)
    return 0


if __name__ == "__main__":
    sys.exit(main())

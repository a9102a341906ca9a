#!/usr/bin/python3
"""fit-docs.py - fits every weight of the aligner's model on candidates seen in documents.

The synthetic documents of make_docs.py (sets notes and cmn, all layouts, drop 0, 0.2 and
0.4, training seeds that the benchmark does not use) are scanned by bench/align/dump, which
writes every candidate pair the aligner scores, with all its signals.  A candidate is positive
when gold puts its zh and ko lines in one unit.  Logistic regression (stdlib, gradient descent,
small L2) gives the weights; the script prints them as C initialisers for align.c.
Runs `make bench/align/dump` first (any configuration): a tool older than the library wrote
fewer columns than the model has.

  bench/align/fit-docs.py [--seeds 11,12] [--work DIR]
"""
import argparse
import json
import math
import os
import random
import shutil
import subprocess
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.dirname(os.path.dirname(here))
ap = argparse.ArgumentParser()
ap.add_argument("--seeds", default="11,12")
ap.add_argument("--work", default=None)
ap.add_argument("--sets", default="notes,cmn")
args = ap.parse_args()
work = args.work or tempfile.mkdtemp(prefix="bilex-fit.")
env = dict(os.environ, BILEX_LANGDATA=os.path.join(top, "langdata"))
names = None
rows = []
subprocess.run(["make", "-s", "-C", top, "bench/align/dump"], check=True)
for st in args.sets.split(","):
    for seed in args.seeds.split(","):
        for drop in ("0", "0.2", "0.4"):
            out = os.path.join(work, "%s-%s-%s" % (st, seed, drop))
            shutil.rmtree(out, ignore_errors=True)
            subprocess.run(["/usr/bin/python3", os.path.join(here, "make_docs.py"), out,
                            "--set", st, "--drop", drop, "--seed", seed], check=True,
                           capture_output=True)
            gold, size = {}, {}
            for i, line in enumerate(open(os.path.join(out, "gold.jsonl"), encoding="utf-8")):
                u = json.loads(line)
                size[i] = (len(u["zh"]), len(u["ko"]))
                for gid in u["zh"] + u["ko"]:
                    gold[gid] = i
            dump = os.path.join(out, "dump.tsv")
            layouts = [os.path.join(out, d) for d in sorted(os.listdir(out))
                       if os.path.isdir(os.path.join(out, d))]
            if os.path.exists(dump):
                os.unlink(dump)
            subprocess.run([os.path.join(top, "bench", "align", "dump"), dump] + layouts,
                           env=env, check=True, cwd=out)
            for line in open(dump, encoding="utf-8"):
                c = line.rstrip("\n").split("\t")
                name, zl, _, kl, _ = c[:5]
                feats = [float(x) for x in c[5:]]
                if "|" in name:
                    zf, kf = name.split("|")
                else:
                    zf = kf = name
                zf = os.path.relpath(zf, out) if os.path.isabs(zf) else os.path.relpath(
                    os.path.join(out, zf), out) if not zf.startswith(out) else os.path.relpath(zf, out)
                kf = os.path.relpath(kf, out) if kf.startswith("/") else os.path.relpath(
                    os.path.join(out, kf), out) if not kf.startswith(out) else os.path.relpath(kf, out)
                gz = gold.get("%s:%s:zh" % (zf, zl))
                gk = gold.get("%s:%s:ko" % (kf, kl))
                y = 1 if gz is not None and gz == gk else 0
                if y and size[gz] != (1, 1):
                    continue  # a part of a 2-1 unit is neither a pair nor a non-pair
                rows.append((y, feats))

import numpy as np

X = np.array([x for y, x in rows], dtype=float)
Y = np.array([y for y, x in rows], dtype=float)
F = X.shape[1]
# in the order of the enum in src/align/align-int.h (the dump writes every feature)
feature_names = ["reading", "reading_bigram", "hanja_word", "anchor", "number", "anchor_clash",
                 "length", "glossary", "question", "question_clash", "same_unit", "next", "prev",
                 "near", "same_block", "same_row", "diagonal", "sentences", "lexicon",
                 "metadata_clash", "part_clash", "anchor_onesided", "thin", "off_line",
                 "lexicon_miss_zh", "lexicon_miss_ko", "partial"]
assert len(feature_names) == F, "feature list out of date: %d names, %d columns" % (
    len(feature_names), F)
pos = Y.sum()
print("candidates %d, positives %d" % (len(Y), pos))
for i, n in enumerate(feature_names):
    print("  %-15s mean | positive %.3f | negative %.3f" % (n, X[Y > 0, i].mean(), X[Y == 0, i].mean()))
# Newton's method (IRLS) with a small L2 penalty; classes weighted alike, the bias corrected
# afterwards so that the logit is the log-odds at the real rate of positives among candidates
A = np.hstack([np.ones((len(Y), 1)), X])
cw = np.where(Y > 0, (len(Y) - pos) / pos, 1.0)
w = np.zeros(F + 1)
lam = 1.0
for it in range(30):
    z = np.clip(A @ w, -30, 30)
    p = 1 / (1 + np.exp(-z))
    g = A.T @ (cw * (p - Y)) + lam * np.r_[0, w[1:]]
    H = (A * (cw * p * (1 - p))[:, None]).T @ A + lam * np.diag(np.r_[0, np.ones(F)])
    step = np.linalg.solve(H, g)
    w -= step
    if np.abs(step).max() < 1e-6:
        break
bias = w[0] - np.log((len(Y) - pos) / pos)
print("\t.bias = %.2f," % bias)
for i in range(F):
    print("\t\t[F_%s] = %.2f," % (feature_names[i].upper().replace("DIAGONAL", "DIAG"), w[i + 1]))
z = A @ np.r_[bias, w[1:]]
order = np.argsort(-z)
print("positives among the top-scored candidates: %.3f" % Y[order[:int(pos)]].mean())

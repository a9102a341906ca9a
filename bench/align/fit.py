#!/usr/bin/python3
"""fit.py - fits the aligner's length model and the weights of its lexical signals.

Data: the 190 paired editing notes of tests/gen/notes.tsv and the Mandarin rows of the shared
align-dev Tatoeba set (even rows for fitting, odd rows held out).  Positives are true pairs;
negatives pair each Chinese sentence with four random Korean ones and two of similar length.
Signals come from the C aligner itself (bench/align/features), so what is fitted is exactly
what runs.  Logistic regression with a small L2 penalty, by gradient descent (stdlib only).
Layout weights (same line, adjacent, ...) cannot be fitted from isolated sentence pairs: they
are tuned on the synthetic documents of bench/align/run.sh.

  bench/align/fit.py FEATURES_BINARY [ALIGN_DEV_TSV]
"""
import math
import os
import random
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.join(here, "..", "..")
binary = sys.argv[1]
tsv = sys.argv[2] if len(sys.argv) > 2 else "/work/shared/corpora/align-dev/tatoeba-kor-zho.tsv"

notes, tat_fit, tat_test = [], [], []
for line in open(os.path.join(top, "tests", "gen", "notes.tsv"), encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    if len(c) >= 5 and c[0].startswith("n") and c[1] and c[3]:
        notes.append((c[1], c[3]))
if os.path.exists(tsv):
    for i, line in enumerate(open(tsv, encoding="utf-8"), 1):
        c = line.rstrip("\n").split("\t")
        if len(c) == 4 and c[1].startswith("cmn") and i != 360:
            (tat_fit if i % 2 == 0 else tat_test).append((c[3], c[2]))


def nolen(s):
    return sum(1 for ch in s if not ch.isspace())


# ---- length model: ko ~ c * zh, variance s2 per zh character ----------------------------
fit_pairs = notes + tat_fit
c = sum(nolen(k) for z, k in fit_pairs) / sum(nolen(z) for z, k in fit_pairs)
s2 = sum((nolen(k) - c * nolen(z)) ** 2 / max(nolen(z), 1) for z, k in fit_pairs) / len(fit_pairs)
print("length model: c = %.3f, s2 = %.3f (n = %d)" % (c, s2, len(fit_pairs)))
ratios = sorted(nolen(k) / max(nolen(z), 1) for z, k in fit_pairs)
print("ko/zh length ratio: median %.2f" % ratios[len(ratios) // 2])


def examples(pairs, rng):
    out = []
    kos = [k for z, k in pairs]
    for i, (z, k) in enumerate(pairs):
        out.append((1, z, k))
        for _ in range(4):
            j = rng.randrange(len(pairs))
            if j != i:
                out.append((0, z, kos[j]))
        near = sorted(range(len(pairs)), key=lambda j: abs(nolen(kos[j]) - nolen(k)))[1:3]
        for j in near:
            if j != i:
                out.append((0, z, kos[j]))
    return out


def features(rows):
    inp = "".join("%d\t%s\t%s\n" % r for r in rows)
    env = dict(os.environ, BILEX_LANGDATA=os.path.join(top, "langdata"))
    out = subprocess.run([binary], input=inp.encode(), capture_output=True, env=env, check=True)
    lines = out.stdout.decode().splitlines()
    names = lines[0].split("\t")[1:]
    data = [[float(x) for x in l.split("\t")] for l in lines[1:]]
    return names, [(int(d[0]), d[1:]) for d in data]


rng = random.Random(7)
names, train = features(examples(fit_pairs, rng))
_, test = features(examples(tat_test, rng))
lexical = [i for i, n in enumerate(names) if n not in
           ("same_unit", "adjacent", "near", "same_block")]


def fit(data, l2=0.01, rounds=3000, rate=0.5):
    w = [0.0] * (len(lexical) + 1)
    n = len(data)
    for _ in range(rounds):
        g = [0.0] * len(w)
        for y, x in data:
            z = w[0] + sum(w[j + 1] * x[i] for j, i in enumerate(lexical))
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            e = p - y
            g[0] += e
            for j, i in enumerate(lexical):
                g[j + 1] += e * x[i]
        for j in range(len(w)):
            w[j] -= rate * (g[j] / n + (l2 * w[j] if j else 0))
    return w


def auc(data, w):
    s = [(w[0] + sum(w[j + 1] * x[i] for j, i in enumerate(lexical)), y) for y, x in data]
    pos = [a for a, y in s if y]
    neg = [a for a, y in s if not y]
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def top1(pairs_data, w):
    return None


w = fit(train)
print("bias %.2f" % w[0])
for j, i in enumerate(lexical):
    print("%-16s %6.2f" % (names[i], w[j + 1]))
print("AUC: fit %.3f, held-out Tatoeba %.3f" % (auc(train, w), auc(test, w)))

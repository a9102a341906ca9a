#!/usr/bin/python3
"""make_inserted.py - one document whose Korean has a section the Chinese lacks.

  bench/align/make_inserted.py OUTDIR [--extra N] [--seed S] [--drop P]

The 190 paired editing notes of tests/gen/notes.tsv and the 265 Mandarin rows of the shared
align-dev Tatoeba set, shuffled with the seed, each zh and ko sentence dropped with probability P
(default 0.2), are written as one zh block, a blank line and one ko block (OUTDIR/doc/a.txt).
N Korean lines that translate nothing (default 100) are put into the ko block at 30% of its
length: every later translation then stands N places further from the proportional diagonal
than a plain block layout puts it, as when one sibling file has a section the other lacks.
OUTDIR/gold.jsonl holds the units in score.py's form (the added lines are unpaired units).

  bilex scan -q --no-ocr OUTDIR/doc/ -o pairs.jsonl
  bench/align/score.py OUTDIR/gold.jsonl pairs.jsonl OUTDIR
"""
import argparse
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
ap = argparse.ArgumentParser()
ap.add_argument("outdir")
ap.add_argument("--extra", type=int, default=100)
ap.add_argument("--seed", type=int, default=5)
ap.add_argument("--drop", type=float, default=0.2)
ap.add_argument("--tsv", default="/work/shared/corpora/align-dev/tatoeba-kor-zho.tsv")
a = ap.parse_args()

pairs = []
for line in open(os.path.join(TOP, "tests", "gen", "notes.tsv"), encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    if len(c) >= 4 and c[0].startswith("n") and c[1] and c[3]:
        pairs.append((c[1], c[3]))
for line in open(a.tsv, encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    if len(c) == 4 and c[1].startswith("cmn"):
        pairs.append((c[3], c[2]))
random.Random(a.seed).shuffle(pairs)
rng = random.Random(a.seed + 4)
zs, ks = [], []
for i, (z, k) in enumerate(pairs):
    # both draws every row, so that --drop 0 and 0.2 of one seed differ only by the drops
    dz, dk = rng.random() < a.drop, rng.random() < a.drop
    if not dz:
        zs.append((i, " ".join(z.split())))
    if not dk:
        ks.append((i, " ".join(k.split())))
at = int(len(ks) * 0.3)
extra = [(None, "이 줄은 번역이 없는 추가 메모 %d입니다. 내용은 다른 것입니다." % n) for n in range(a.extra)]
kl = ks[:at] + extra + ks[at:]
lines = [z for _, z in zs] + [""]
kstart = len(lines)
lines += [k for _, k in kl]
os.makedirs(os.path.join(a.outdir, "doc"), exist_ok=True)
with open(os.path.join(a.outdir, "doc", "a.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
zline = {i: n + 1 for n, (i, _) in enumerate(zs)}
kline = {i: kstart + n + 1 for n, (i, _) in enumerate(kl) if i is not None}
units = []
for i in range(len(pairs)):
    u = {"zh": ["doc/a.txt:%d:zh" % zline[i]] if i in zline else [],
         "ko": ["doc/a.txt:%d:ko" % kline[i]] if i in kline else []}
    if u["zh"] or u["ko"]:
        units.append(u)
for n, (i, _) in enumerate(kl):
    if i is None:
        units.append({"zh": [], "ko": ["doc/a.txt:%d:ko" % (kstart + n + 1)]})
with open(os.path.join(a.outdir, "gold.jsonl"), "w", encoding="utf-8") as f:
    for u in units:
        f.write(json.dumps(u, ensure_ascii=False) + "\n")
print("%s: %d zh lines, %d ko lines (%d added), %d units" % (a.outdir, len(zs), len(kl), a.extra,
                                                            len(units)))

#!/usr/bin/python3
"""gale_church.py - the length-only baseline (Gale & Church 1993) on make_docs.py documents.

  bench/align/gale_church.py OUTDIR [-o PAIRS_JSONL] [--c C] [--s2 S2]

For every document (every .txt and .csv under OUTDIR; NAME_cn.txt and NAME_kr.txt in one
folder are one document; a .csv is read row by row, its cells in order, "line N" being row N): the zh lines and the ko lines in document order, a line with both scripts split
into its zh run and its ko run (by script: Han vs Hangul; neutral characters such as digits,
Latin, punctuation and spaces go with the next script run, or the previous one at the end of
the line), aligned by the classic DP with beads 1-1, 1-0, 0-1, 2-1, 1-2, priors 0.89, 0.0099,
0.0099, 0.089, 0.089, and cost -log P(bead) - log P(|delta|), delta = (c*l1 - l2) /
sqrt(s2 * (l1 + l2/c)/2) (the C reference implementation and NLTK; l1 = zh characters, l2 = ko
characters, spaces not counted; 1-0 and 0-1 beads are scored with l = 0 on the empty side).
Defaults c = 1, s2 = 6.8 (the paper); --c 1.25 --s2 3.58 is the zh->ko fit.
Output: one JSONL pair per 1-1, 2-1 or 1-2 bead, in the shape bilex writes (zh, ko, zh_where,
ko_where, source, ko_source, method "gale-church"), with paths as OUTDIR/... .
"""
import argparse
import csv
import json
import math
import os
import re
import sys

PRIORS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.089, (1, 2): 0.089}
SIBLING = re.compile(r"^(.*)_(cn|kr)\.txt$")


def cls(ch):
    o = ord(ch)
    if 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F \
            or 0xA960 <= o <= 0xA97F or 0xD7B0 <= o <= 0xD7FF:
        return "ko"
    if 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF \
            or 0x20000 <= o <= 0x3FFFF or o == 0x3007:
        return "zh"
    return None


def split_runs(line):
    """[(lang, text)] of the line's script runs, neutral characters attached to the next run."""
    runs, pending = [], ""
    for ch in line:
        c = cls(ch)
        if c is None:
            pending += ch
            continue
        if runs and runs[-1][0] == c:
            runs[-1][1] += pending + ch
        else:
            runs.append([c, pending + ch])
        pending = ""
    if pending and runs:
        runs[-1][1] += pending
    # Korean text with a Han character or two inside (《㐀》) stays Korean: a run of at most
    # two script characters between two runs of the other script joins them (either way)
    merged = runs
    out = []
    for i, (lang, t) in enumerate(merged):
        if 0 < i < len(merged) - 1 and merged[i - 1][0] == merged[i + 1][0] != lang \
                and sum(1 for ch in t if cls(ch)) <= 2:
            out[-1][1] += t
            continue
        if out and out[-1][0] == lang:
            out[-1][1] += t
        else:
            out.append([lang, t])
    return [(lang, t.strip()) for lang, t in out]


def nchars(s):
    return sum(1 for ch in s if not ch.isspace())


def log_tail(z):
    """log(2 * (1 - Phi(|z|))) = log(erfc(|z| / sqrt 2))."""
    x = abs(z) / math.sqrt(2)
    e = math.erfc(x)
    if e > 1e-300:
        return math.log(e)
    return -x * x - math.log(x * math.sqrt(math.pi))


def bead_cost(l1, l2, bead, c, s2):
    if l1 == 0 and l2 == 0:
        d = 0.0
    else:
        mean = (l1 + l2 / c) / 2
        d = -log_tail((c * l1 - l2) / math.sqrt(s2 * mean))
    return -math.log(PRIORS[bead]) + d


def align(zl, kl, c, s2):
    """zl, kl: lengths.  Returns beads [(zh indexes, ko indexes)]."""
    n, m = len(zl), len(kl)
    INF = float("inf")
    D = [[INF] * (m + 1) for _ in range(n + 1)]
    B = [[None] * (m + 1) for _ in range(n + 1)]
    D[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, how = INF, None
            for di, dj in PRIORS:
                if i < di or j < dj:
                    continue
                prev = D[i - di][j - dj]
                if prev == INF:
                    continue
                v = prev + bead_cost(sum(zl[i - di:i]), sum(kl[j - dj:j]), (di, dj), c, s2)
                if v < best:
                    best, how = v, (di, dj)
            D[i][j], B[i][j] = best, how
    beads, i, j = [], n, m
    while i or j:
        di, dj = B[i][j]
        beads.append((list(range(i - di, i)), list(range(j - dj, j))))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def items_of(path):
    """[(line number, lang, text)] of a file, script runs split."""
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        if path.endswith(".csv"):
            rows = [" ".join(cells) for cells in csv.reader(f)]
        else:
            rows = f.read().split("\n")
    for n, line in enumerate(rows, 1):
        for lang, t in split_runs(line):
            if t:
                out.append((n, lang, t))
    return out


def documents(outdir):
    """[(zh file, ko file)] in walk order; one file for both when not a sibling pair."""
    docs = []
    for root, dirs, files in os.walk(outdir):
        dirs.sort()
        files = sorted(f for f in files if f.endswith((".txt", ".csv")))
        sib = {}
        for f in files:
            m = SIBLING.match(f)
            if m:
                sib.setdefault(m.group(1), {})[m.group(2)] = os.path.join(root, f)
        done = set()
        for stem, d in sorted(sib.items()):
            if "cn" in d and "kr" in d:
                docs.append((d["cn"], d["kr"]))
                done.update(d.values())
        for f in files:
            p = os.path.join(root, f)
            if p not in done:
                docs.append((p, p))
    return docs


def where(lines):
    out = []
    for l in lines:
        if l not in out:
            out.append(l)
    return " + ".join("line %d" % l for l in out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--s2", type=float, default=6.8)
    a = ap.parse_args()
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8")
    method = "gale-church" if (a.c, a.s2) == (1.0, 6.8) else "gale-church(c=%g,s2=%g)" % (
        a.c, a.s2)
    for zpath, kpath in documents(a.outdir):
        zs = [(n, t) for n, lang, t in items_of(zpath) if lang == "zh"]
        ks = [(n, t) for n, lang, t in items_of(kpath) if lang == "ko"]
        if not zs or not ks:
            continue
        for bz, bk in align([nchars(t) for _, t in zs], [nchars(t) for _, t in ks], a.c, a.s2):
            if not bz or not bk:
                continue
            out.write(json.dumps({
                "type": "pair", "method": method,
                "zh": "".join(zs[i][1] for i in bz), "ko": " ".join(ks[j][1] for j in bk),
                "source": zpath, "ko_source": kpath,
                "zh_where": where([zs[i][0] for i in bz]),
                "ko_where": where([ks[j][0] for j in bk]),
            }, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

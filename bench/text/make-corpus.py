#!/usr/bin/python3
"""make-corpus.py OUTDIR - text corpora for the text benchmark, from tests/gen/notes.tsv.

Writes utf8.txt (50 MB of zh and ko notes, one per line, blank lines between blocks) and
about 20 MB each of the same kind of text in GBK, CP949, Big5 and Shift_JIS (Chinese notes
for the Chinese charsets, Korean for CP949, the Chinese notes' kanji-compatible lines plus
kana endings for Shift_JIS).  Deterministic (fixed seed)."""
import os
import random
import sys

out = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
rows = []
with open(os.path.join(here, "..", "..", "tests", "gen", "notes.tsv"), encoding="utf-8") as f:
    for line in f:
        if line.startswith("#") or line.startswith("ID\t"):
            continue
        c = line.rstrip("\n").split("\t")
        if len(c) >= 5:
            rows.append(c)
rng = random.Random(20241126)


def corpus(lines, size, codec):
    parts, n = [], 0
    while n < size:
        line = rng.choice(lines)
        try:
            b = line.encode(codec)
        except UnicodeEncodeError:
            continue
        parts.append(b)
        n += len(b) + 1
        if rng.random() < 0.1:
            parts.append(b"")
            n += 1
    return b"\n".join(parts) + b"\n"


both = [r[1] for r in rows if r[1]] + [r[3] for r in rows if r[3]]
hans = [r[1] for r in rows if r[1] and r[2] == "Hans"]
hant = [r[1] for r in rows if r[1] and r[2] == "Hant"]
ko = [r[3] for r in rows if r[3]]
ja = [s.replace("。", "してください。") for s in hans]
os.makedirs(out, exist_ok=True)
for name, lines, size, codec in (("utf8.txt", both, 50_000_000, "utf-8"),
                                 ("gbk.txt", hans, 20_000_000, "gbk"),
                                 ("cp949.txt", ko, 20_000_000, "cp949"),
                                 ("big5.txt", hant, 20_000_000, "big5"),
                                 ("sjis.txt", ja, 20_000_000, "shift_jis")):
    with open(os.path.join(out, name), "wb") as f:
        f.write(corpus(lines, size, codec))

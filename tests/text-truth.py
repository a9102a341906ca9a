"""Checks the text fixtures against their truth files (TAP).  Called by text-truth.sh."""
import json
import os
import subprocess
import sys
import unicodedata

bilex, folder = sys.argv[1], sys.argv[2]
rows = []
with open(os.path.join(folder, "MANIFEST.tsv"), encoding="utf-8") as f:
    for line in f.read().splitlines()[1:]:
        if line.strip():
            rows.append(line.split("\t"))
print("1..%d" % len(rows))


def squash(s):
    """NFC without whitespace: segments are trimmed and cut, spacing is not evidence."""
    s = unicodedata.normalize("NFC", s)
    return "".join(ch for ch in s if not ch.isspace() and unicodedata.category(ch) != "Cf")


for i, (name, charsets, langs, note) in enumerate(rows, 1):
    out = subprocess.run([bilex, "extract", "-q", "--no-ocr", name], cwd=folder,
                         capture_output=True, check=False)
    problems = []
    if out.returncode != 0:
        problems.append("exit status %d" % out.returncode)
    recs = [json.loads(l) for l in out.stdout.decode("utf-8").splitlines() if l]
    files = [r for r in recs if r["type"] == "file"]
    segs = [r for r in recs if r["type"] == "segment" and r["kind"] != "filename"]
    errors = [r for r in recs if r["type"] == "error"]
    if len(files) != 1:
        problems.append("%d file records" % len(files))
    elif charsets == "binary":
        if not any(e["code"] == "unsupported" for e in errors):
            problems.append("binary junk without an unsupported error")
    elif charsets == "empty":
        if files[0]["status"] != "empty":
            problems.append("empty file has status %s" % files[0]["status"])
    else:
        got = files[0]["charset"]
        ok = charsets.split("|")
        if got not in ok and not (got == "UTF-8" and "US-ASCII" in ok):
            problems.append("charset %s, want one of %s" % (got, charsets))
        truth = open(os.path.join(folder, name + ".truth"), encoding="utf-8").read()
        t = squash(truth)
        want_langs = set(langs.split(",")) | {"other"}
        for s in segs:
            if s["lang"] not in want_langs:
                problems.append("lang %s for %r" % (s["lang"], s["text"][:40]))
            if squash(s["text"]) not in t:
                problems.append("not in the truth: %r" % s["text"][:60])
        covered = sum(len(squash(s["text"])) for s in segs)
        letters = sum(1 for ch in t if ch.isalpha())
        if letters and covered < 0.9 * letters:
            problems.append("segments cover %d of %d letters" % (covered, letters))
    if problems:
        print("not ok %d - %s" % (i, name))
        for p in problems[:8]:
            print("# " + p)
    else:
        print("ok %d - %s" % (i, name))

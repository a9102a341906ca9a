"""truth.py - checks extractors against the truth files written by the fixture generators.

For every tests/data/<folder>/NAME.truth.json with a "segments" list, `bilex scan` runs on NAME
and each truth segment must be found: a segment (or the run of segments) of the same kind and
place whose text, without whitespace, is the truth text ("optional": true segments may be
missing).  Each truth pair [zh, ko, method] must be among the pairs; no segment may hold a
string listed under "must_not_contain".  TAP output, one test per fixture.  Called by truth.sh.
"""
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

bilex, top, folders = sys.argv[1], sys.argv[2], sys.argv[3:]


def squash(s):
    """NFC without spaces, punctuation and symbols: segments are cut and trimmed at those."""
    s = unicodedata.normalize("NFC", s or "")
    return "".join(ch for ch in s if unicodedata.category(ch)[0] not in "PSZC")


cases = []
for folder in folders:
    d = os.path.join(top, "tests", "data", folder)
    if not os.path.isdir(d):
        continue
    for name in sorted(os.listdir(d)):
        if name.endswith(".truth.json"):
            truth = json.load(open(os.path.join(d, name), encoding="utf-8"))
            if isinstance(truth, dict) and "segments" in truth:
                cases.append((d, name[:-len(".truth.json")], truth))
print("1..%d" % len(cases))
for i, (d, name, truth) in enumerate(cases, 1):
    with tempfile.TemporaryDirectory() as tmp:
        pairs_out = os.path.join(tmp, "p.jsonl")
        segs_out = os.path.join(tmp, "s.jsonl")
        errs_out = os.path.join(tmp, "e.jsonl")
        r = subprocess.run([bilex, "scan", "-q", "--no-ocr", name, "-o", pairs_out,
                            "--segments", segs_out, "--errors", errs_out], cwd=d,
                           capture_output=True, check=False)
        errors = []
        problems = []
        if r.returncode != 0:
            problems.append("exit status %d: %s" % (r.returncode, r.stderr.decode()[:200]))
            segs, pairs = [], []
        else:
            segs = [json.loads(l) for l in open(segs_out, encoding="utf-8") if l.strip()]
            segs = [s for s in segs if s["type"] == "segment"]
            pairs = [json.loads(l) for l in open(pairs_out, encoding="utf-8") if l.strip()]
            errors = [json.loads(l) for l in open(errs_out, encoding="utf-8") if l.strip()]
    for t in truth["segments"]:
        want = squash(t["text"])
        if not want:
            continue
        cands = [s for s in segs if s["kind"] == t.get("kind", s["kind"])]
        placed = [s for s in cands if t.get("where") and s["where"] == t["where"]]

        def found(group):
            joined = squash("".join(s["text"] for s in group))
            return want in joined or any(want == squash(s["text"]) for s in group)
        if placed and found(placed):
            cands = placed
        if not found(cands):
            if t.get("optional"):
                continue  # may be reported or skipped (a preview that repeats the body)
            problems.append("missing %s at %s: %s" % (t.get("kind"), t.get("where"), t["text"][:50]))
            continue
        for key in ("author", "date"):
            if t.get(key):
                hit = [s for s in cands if want in squash(s["text"]) or squash(s["text"]) in want]
                if hit and not any(s.get(key) == t[key] for s in hit):
                    problems.append("%s of %r: want %s" % (key, t["text"][:30], t[key]))
    for text in truth.get("must_not_contain", []):
        # text that exists only in code (script, style) or behind an entity that was expanded
        if any(text in s["text"] for s in segs):
            problems.append("present but must not be: %s" % text[:50])
    for e in truth.get("errors", []):
        if not any(x.get("code") == e["code"] and x.get("source", "").endswith(e.get("source", ""))
                   for x in errors):
            problems.append("missing error %s on %s" % (e["code"], e.get("source")))
    for p in truth.get("pairs", []):
        zh, ko = squash(p[0]), squash(p[1])
        if not any(squash(q["zh"]) == zh and squash(q["ko"]) == ko for q in pairs):
            problems.append("missing pair: %s | %s" % (p[0][:30], p[1][:30]))
    if problems:
        print("not ok %d - %s/%s" % (i, os.path.basename(d), name))
        for p in problems[:10]:
            print("# " + p)
    else:
        print("ok %d - %s/%s" % (i, os.path.basename(d), name))

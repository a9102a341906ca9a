#!/usr/bin/python3
"""hostile.py BILEX SRCDIR [--update]: the shared hostile corpus, scanned in one run.

`bilex scan` over ../shared/corpora/hostile (or $BILEX_CORPORA/hostile) with worker processes
must exit 0 and account for every file: a top-level file record each, and the outcome of each
file (the status of its file record and the set of error codes under it) must be the one kept
in tests/hostile/manifest.tsv, so that a change of behaviour on hostile input is seen in review.
The run's peak memory (all processes) and time are printed as TAP comments.  Without the corpus
the test is skipped.  --update rewrites the manifest (review the diff).
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def main():
    bilex, srcdir = sys.argv[1], sys.argv[2]
    update = "--update" in sys.argv
    base = os.environ.get("BILEX_CORPORA") or os.path.join(srcdir, "..", "shared", "corpora")
    corpus = os.path.realpath(os.path.join(base, "hostile"))
    manifest = os.path.join(srcdir, "tests", "hostile", "manifest.tsv")
    if not os.path.isdir(corpus):
        print("1..0 # SKIP no hostile corpus at %s" % corpus)
        return 0
    files = sorted(os.path.relpath(os.path.join(d, f), corpus)
                   for d, _, fs in os.walk(corpus) for f in fs)
    with tempfile.TemporaryDirectory() as tmp:
        seg, err = os.path.join(tmp, "s.jsonl"), os.path.join(tmp, "e.jsonl")
        t0 = time.time()
        r = subprocess.run([bilex, "scan", "-q", "-j", "2", "--no-ocr", corpus, "-o",
                            os.path.join(tmp, "p.jsonl"), "--segments", seg, "--errors", err],
                           capture_output=True, text=True, cwd=tmp)
        secs = time.time() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
        outcome = {}
        for line in open(seg, encoding="utf-8"):
            rec = json.loads(line)
            if rec["type"] == "file" and rec["depth"] == 0:
                rel = os.path.relpath(rec["file"], corpus)
                outcome.setdefault(rel, [rec["status"], set()])[0] = rec["status"]
        for line in open(err, encoding="utf-8"):
            rec = json.loads(line)
            rel = os.path.relpath(rec["file"], corpus)
            outcome.setdefault(rel, ["?", set()])[1].add(rec["code"])
    got = {f: "%s\t%s" % (outcome[f][0], ",".join(sorted(outcome[f][1])) or "-")
           for f in outcome}
    if update:
        with open(manifest, "w", encoding="utf-8") as out:
            out.write("# file\tstatus of its file record\terror codes under it "
                      "(tests/hostile.py --update)\n")
            for f in files:
                out.write("%s\t%s\n" % (f, got.get(f, "MISSING\t-")))
        print("1..1\nok 1 - manifest written (%d files)" % len(files))
        return 0
    want = {}
    for line in open(manifest, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f, status, codes = line.rstrip("\n").split("\t")
        want[f] = "%s\t%s" % (status, codes)
    print("1..%d" % (len(files) + 1))
    ok = r.returncode == 0
    print("%s 1 - the scan exits 0 (%d files, %.1f s, peak RSS of a process %d MB)" % (
        "ok" if ok else "not ok", len(files), secs, peak))
    if not ok:
        print("# exit %d: %s" % (r.returncode, r.stderr.strip()[:500]))
    for n, f in enumerate(files, 2):
        g = got.get(f)
        if g is None:
            print("not ok %d - %s has no file record" % (n, f))
        elif f not in want:
            print("not ok %d - %s is not in the manifest (got %s)" % (n, f, g.replace("\t", " ")))
        elif g != want[f]:
            print("not ok %d - %s: %s, manifest says %s" % (n, f, g.replace("\t", " "),
                  want[f].replace("\t", " ")))
        else:
            print("ok %d - %s: %s" % (n, f, g.replace("\t", " ")))
    return 0


if __name__ == "__main__":
    sys.exit(main())

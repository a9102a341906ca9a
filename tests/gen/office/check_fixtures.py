#!/usr/bin/python3
"""Sanity pass over the generated office/web fixtures (run last by make_all.sh).

* every truth file has its fixture; a fixture without one is a warning (the folders also hold
  fixtures made elsewhere, and the extractors' golden NAME.expected.jsonl files, skipped here)
* truth files parse, segments carry kind/where/text/author/date, pairs are [zh, ko, method]
* every fixture is under 60 KB (except html/deep.html, which declares a size_exception)
* zip fixtures: no duplicate member names; ODF/HWPX: 'mimetype' first and stored
Prints a table of the fixtures with their sizes.
"""
import json
import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

DIRS = ("docx", "xlsx", "pptx", "odf", "hwpx", "html", "xml", "svg", "confusables", "hwp")
KINDS = {"body", "heading", "cell", "comment", "reply", "insertion", "deletion", "header", "footer",
         "footnote", "note", "textbox", "sheet-name", "filename", "metadata", "ocr-line", "alt",
         "title", "subtitle"}
ERRORS = {"limit-depth", "limit-bytes", "zip-bomb", "encrypted", "dtd-rejected", "corrupt",
          "timeout", "crash", "unsupported"}
METHODS = {"same-line", "same-block", "adjacent", "anchor", "dp", "bipartite", "cross-file",
           "reply", "cell"}


def main():
    bad = []
    warn = []
    rows = []
    for d in DIRS:
        folder = os.path.join(C.DATA, d)
        names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
        # NAME.expected.jsonl are golden records (tests/golden.sh), not fixtures
        fixtures = [n for n in names if not n.endswith((".truth.json", ".expected.jsonl"))]
        truths = [n for n in names if n.endswith(".truth.json")]
        for t in truths:
            if t.endswith(".expected.jsonl"):
                continue
            if t[:-len(".truth.json")] not in fixtures:
                bad.append("%s/%s: no fixture" % (d, t))
        for n in fixtures:
            path = os.path.join(folder, n)
            tp = path + ".truth.json"
            if not os.path.exists(tp):
                warn.append("%s/%s: no truth file" % (d, n))
                continue
            with open(tp, encoding="utf-8") as f:
                tr = json.load(f)
            for s in tr["segments"] + tr.get("optional_segments", []) + tr.get("ocr", []):
                for k in ("kind", "where", "text", "author", "date"):
                    if k not in s:
                        bad.append("%s/%s: segment lacks %s" % (d, n, k))
                if s["kind"] not in KINDS:
                    warn.append("%s/%s: kind %s not in DESIGN.md's list" % (d, n, s["kind"]))
            for e in tr.get("errors", []):
                if e.get("code") not in ERRORS:
                    bad.append("%s/%s: error code %r" % (d, n, e.get("code")))
            for p in tr["pairs"] + tr.get("optional_pairs", []):
                if len(p) != 3 or p[2] not in METHODS:
                    bad.append("%s/%s: bad pair %r" % (d, n, p))
            size = os.path.getsize(path)
            if size >= C.MAX_FIXTURE and "size_exception" not in tr:
                bad.append("%s/%s: %d bytes" % (d, n, size))
            with open(path, "rb") as f:
                head = f.read(4)
            if head == b"PK\x03\x04":
                z = zipfile.ZipFile(path)
                members = z.namelist()
                if len(members) != len(set(members)):
                    bad.append("%s/%s: duplicate zip members" % (d, n))
                if n.endswith((".odt", ".ods", ".odp", ".hwpx")):
                    i0 = z.infolist()[0]
                    if i0.filename != "mimetype" or i0.compress_type != zipfile.ZIP_STORED:
                        bad.append("%s/%s: mimetype not first/stored" % (d, n))
            rows.append((d + "/" + n, size, len(tr["segments"]), len(tr["pairs"])))
    print("fixtures (%d):" % len(rows))
    for name, size, ns, npairs in rows:
        print("  %-44s %7d bytes %3d segments %3d pairs" % (name, size, ns, npairs))
    for w in warn:
        print("warning: " + w)
    if bad:
        print("\n".join("PROBLEM: " + b for b in bad))
        sys.exit(1)


if __name__ == "__main__":
    main()

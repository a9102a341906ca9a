#!/usr/bin/python3
"""score_docs.py: the pairs of a `bilex scan` JSONL output against make_docs.py's expected.json.

  score_docs.py OUT.jsonl EXPECTED.json [--errors ERRORS.jsonl] [--json]

A pair belongs to the file its "file" field names (the zh side's file; by base name).  It is
correct when its zh and ko (NFC, whitespace removed) are a pair expected in that file and not
already counted there; every other pair is wrong.  Prints one row per file (expected, correct,
wrong), then the wrong pairs (zh, ko, method, score), the expected pairs not found, the error
records (from OUT.jsonl and ERRORS.jsonl), and a total line.  A file that yields no pair says
so.  --json prints one object per file and a last {"total": ...} object instead.  Stdlib only.
"""
import json
import os
import sys
import unicodedata


def norm(s):
    return "".join(unicodedata.normalize("NFC", s or "").split())


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def score(records, expected):
    """records: parsed JSONL records; expected: parsed expected.json.  Returns a list of rows."""
    got, errs = {}, {}
    for r in records:
        name = os.path.basename(r.get("file") or r.get("source") or "")
        if r.get("type") == "pair":
            got.setdefault(name, []).append(r)
        elif r.get("type") == "error":
            errs.setdefault(name, []).append(r)
    rows = []
    for name in sorted(set(expected) | set(got) | set(errs)):
        want = expected.get(name, {}).get("pairs", [])
        left = {}
        for zh, ko in want:
            left[(norm(zh), norm(ko))] = left.get((norm(zh), norm(ko)), 0) + 1
        ok, wrong = 0, []
        for r in got.get(name, []):
            key = (norm(r.get("zh")), norm(r.get("ko")))
            if left.get(key, 0) > 0:
                left[key] -= 1
                ok += 1
            else:
                wrong.append({"zh": r.get("zh"), "ko": r.get("ko"), "method": r.get("method"),
                              "score": r.get("score")})
        missed = []
        for zh, ko in want:
            key = (norm(zh), norm(ko))
            if left.get(key, 0) > 0:
                left[key] -= 1
                missed.append([zh, ko])
        rows.append({"file": name, "format": expected.get(name, {}).get("format", "-"),
                     "expected": len(want), "correct": ok, "wrong": wrong, "missed": missed,
                     "pairs": len(got.get(name, [])),
                     "errors": [{"code": e.get("code"), "stage": e.get("stage"),
                                 "source": e.get("source"), "message": e.get("message")}
                                for e in errs.get(name, [])]})
    return rows


def main(argv):
    pos, errors_path, as_json = [], None, False
    it = iter(argv)
    for a in it:
        if a == "--errors":
            errors_path = next(it, None)
        elif a == "--json":
            as_json = True
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            pos.append(a)
    if len(pos) != 2 or (errors_path is None and "--errors" in argv):
        sys.exit(__doc__.split("\n\n")[1])
    records = load_jsonl(pos[0])
    if errors_path:
        records += load_jsonl(errors_path)
    with open(pos[1], encoding="utf-8") as f:
        expected = json.load(f)
    rows = score(records, expected)
    total = {"files": len(rows), "expected": sum(r["expected"] for r in rows),
             "correct": sum(r["correct"] for r in rows),
             "wrong": sum(len(r["wrong"]) for r in rows),
             "missed": sum(len(r["missed"]) for r in rows),
             "errors": sum(len(r["errors"]) for r in rows),
             "no_pairs": [r["file"] for r in rows if r["expected"] and not r["pairs"]]}
    if as_json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        print(json.dumps({"total": total}, ensure_ascii=False))
        return 0
    print("%-22s %-32s %8s %7s %5s" % ("file", "format", "expected", "correct", "wrong"))
    for r in rows:
        print("%-22s %-32s %8d %7d %5d%s" % (r["file"], r["format"], r["expected"], r["correct"],
                                             len(r["wrong"]),
                                             "  (no pairs)" if r["expected"] and not r["pairs"] else ""))
        for w in r["wrong"]:
            print("    wrong   zh=%s ko=%s method=%s score=%s" % (w["zh"], w["ko"], w["method"], w["score"]))
        for zh, ko in r["missed"]:
            print("    missed  zh=%s ko=%s" % (zh, ko))
        for e in r["errors"]:
            print("    error   %s %s: %s (%s)" % (e["stage"], e["code"], e["message"], e["source"]))
    print("total: expected %d, correct %d, wrong %d, missed %d, errors %d" % (
        total["expected"], total["correct"], total["wrong"], total["missed"], total["errors"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

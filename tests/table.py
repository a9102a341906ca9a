"""table.py BILEX SRCDIR - the CSV and TSV extractor (src/extract/csv.c), TAP.

Fixtures: tests/data/csv/NAME with NAME.truth.json (tests/gen/make_csv_fixtures.py).  For each:
 * cells (`bilex extract`): the cells Python's csv module reads from the bytes (the oracle; the
   truth's cells for the hostile file, which no parser reads the same way) are exactly the
   segments: kind `cell`, `where` the cell's place (`B3`), the text the cell's (a cell that
   holds line breaks may be cut into sentences: then its pieces, joined, are the cell without
   white space), no other segment; format and charset of the file record;
 * pairs (`bilex scan`): each zh cell with a ko cell in its row is paired with exactly that ko
   text, method `cell`, both sides in the same row; a zh cell of a row without ko is in no
   pair; no segment holds a shot id run into a note ("S012," when the file is read as lines);
   the errors the truth lists are recorded, the file record is `ok`, and the scan exits 0.
Made at run time (not committed):
 * a 2 MB quoted cell: one `limit-bytes` warning, its pieces all at B2 and together the cell,
   the rows after it read;
 * a quote never closed followed by 2 MB: `corrupt`, exit 0, in bounded time;
 * `--limit cells=16`: one `limit-segments` warning and the first 16 cells only;
 * the name decides among text formats only: the bytes of shots.csv named .txt are text
   (lines), named .CSV a table, in one run (tapes are kept per extractor); an HTML page named
   .csv is HTML;
 * a .csv written with semicolons (Excel in many locales) is split at them.
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen"))
import tap  # noqa: E402
from make_csv_fixtures import col_name  # noqa: E402

bilex, top = sys.argv[1], sys.argv[2]
base = os.path.join(top, "tests", "data", "csv")


def run(args, cwd):
    """bilex ARGS in CWD: (exit status, records of stdout or -o, seconds)."""
    t0 = time.time()
    r = subprocess.run([bilex] + args, cwd=cwd, capture_output=True, timeout=120, check=False)
    return r, time.time() - t0


def jsonl(path_or_bytes):
    if isinstance(path_or_bytes, bytes):
        lines = path_or_bytes.decode("utf-8").splitlines()
    else:
        with open(path_or_bytes, encoding="utf-8") as f:
            lines = f.read().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def extract(cwd, *names, extra=()):
    r, secs = run(["extract", "-q", "--no-ocr"] + list(extra) + list(names), cwd)
    return r.returncode, jsonl(r.stdout), secs


def scan(cwd, *names):
    with tempfile.TemporaryDirectory() as tmp:
        p, s, e = (os.path.join(tmp, x) for x in ("p.jsonl", "s.jsonl", "e.jsonl"))
        r, _ = run(["scan", "-q", "--no-ocr", "-j", "2", "-o", p, "--segments", s,
                    "--errors", e] + list(names), cwd)
        if r.returncode != 0:
            return r.returncode, [], [], []
        return 0, jsonl(p), jsonl(s), jsonl(e)


def oracle(name, truth):
    """{where: text} of the non-empty cells, as Python's csv module reads the file."""
    if truth.get("hostile"):
        return {s["where"]: s["text"] for s in truth["segments"]}
    with open(os.path.join(base, name), "rb") as f:
        data = f.read()
    enc = "utf-8-sig" if truth["encoding"] == "utf-8" else truth["encoding"]
    rows = csv.reader(io.StringIO(data.decode(enc), newline=""),
                      delimiter=truth["delimiter"])
    # csv keeps CRLF inside a quoted cell; bilex makes it LF (and the language stage splits
    # there anyway)
    return {"%s%d" % (col_name(x), y): c.replace("\r\n", "\n")
            for y, r in enumerate(rows, 1) for x, c in enumerate(r, 1) if c}


def nows(s):
    return re.sub(r"\s+", "", s)


def row_of(where):
    return re.sub(r"^[A-Z]+", "", where or "")


def check_cells(name, truth, recs):
    cells = oracle(name, truth)
    truth_cells = {s["where"]: s["text"] for s in truth["segments"]}
    multi = {s["where"] for s in truth["segments"] if s.get("multi")}
    problems = []
    if {w: nows(t) for w, t in cells.items()} != {w: nows(t) for w, t in truth_cells.items()}:
        problems.append("the generator's truth is not what Python's csv reads: rerun it")
    segs = [r for r in recs if r["type"] == "segment"]
    files = [r for r in recs if r["type"] == "file"]
    got = {}
    for s in segs:
        if s["kind"] != "cell":
            problems.append("kind %s at %s" % (s["kind"], s["where"]))
        got.setdefault(s["where"], []).append(s["text"])
    for where, text in cells.items():
        pieces = got.pop(where, None)
        if pieces is None:
            problems.append("missing cell %s: %r" % (where, text[:40]))
        elif where in multi:
            if nows("".join(pieces)) != nows(text):
                problems.append("cell %s: %r, want %r" % (where, pieces, text[:60]))
        elif pieces != [text]:
            problems.append("cell %s: %r, want %r" % (where, pieces, text[:60]))
    for where, pieces in got.items():
        problems.append("segment at %s is no cell: %r" % (where, pieces))
    if len(files) != 1 or files[0]["format"] != truth["format"] or \
            files[0]["charset"] != truth["charset"] or files[0]["status"] != "ok":
        problems.append("file record: %s" % [(f["format"], f["charset"], f["status"])
                                             for f in files])
    return problems


def check_pairs(truth, pairs, segs, errs):
    problems = []
    for zh, ko, _ in truth["pairs"]:
        hit = [p for p in pairs if nows(p["zh"]) == nows(zh)]
        if len(hit) != 1:
            problems.append("%d pairs for %r" % (len(hit), zh[:30]))
            continue
        p = hit[0]
        if nows(p["ko"]) != nows(ko):
            problems.append("%r paired with %r, want %r" % (zh[:20], p["ko"][:30], ko[:30]))
        if p["method"] != "cell" or row_of(p["zh_where"]) != row_of(p["ko_where"]):
            problems.append("%r: method %s, %s ~ %s" % (zh[:20], p["method"], p["zh_where"],
                                                       p["ko_where"]))
    for zh in truth["unpaired"]:
        if any(nows(p["zh"]) == nows(zh) for p in pairs):
            problems.append("%r has no ko in its row but is paired" % zh[:30])
    for bad in truth["must_not_contain"]:
        for s in segs:
            if s.get("type") == "segment" and bad in s["text"]:
                problems.append("segment %s holds %r: %r" % (s["where"], bad, s["text"][:40]))
    for e in truth["errors"]:
        if not any(x["code"] == e["code"] and x["source"].endswith(e["source"]) for x in errs):
            problems.append("no %s error on %s: %s" % (e["code"], e["source"], errs))
    files = [s for s in segs if s.get("type") == "file"]
    if [f["status"] for f in files] != ["ok"]:
        problems.append("file records: %s" % [(f["source"], f["status"]) for f in files])
    return problems


def fixtures():
    names = sorted(n[:-len(".truth.json")] for n in os.listdir(base)
                   if n.endswith(".truth.json"))
    for name in names:
        with open(os.path.join(base, name + ".truth.json"), encoding="utf-8") as f:
            truth = json.load(f)
        st, recs, _ = extract(base, name)
        problems = check_cells(name, truth, recs) if st == 0 else ["exit status %d" % st]
        tap.ok(not problems, "%s: every cell where it stands" % name, *problems[:10])
        st, pairs, segs, errs = scan(base, name)
        problems = check_pairs(truth, pairs, segs, errs) if st == 0 else ["exit status %d" % st]
        tap.ok(not problems, "%s: zh and ko cells of a row paired" % name, *problems[:10])


def hostile(tmp):
    # the hostile fixture among good files: its error, and the run goes on
    st, pairs, segs, errs = scan(base, "unterminated.csv", "shots.csv")
    shots = [p for p in pairs if p["source"] == "shots.csv"]
    codes = [(e["source"], e["code"]) for e in errs]
    tap.ok(st == 0 and ("unterminated.csv", "corrupt") in codes and len(shots) == 6 and
           [f["status"] for f in segs if f["type"] == "file"] == ["ok", "ok"],
           "a quote never closed is a corrupt record, and the run goes on",
           "exit %d, errors %s, %d pairs of shots.csv" % (st, codes, len(shots)))

    # a 2 MB cell, past line-bytes (1 MiB): cut, one warning, nothing lost, rows after it read
    big = "车轮转动的方向反了" * 80000  # 720,000 characters, 2,160,000 bytes
    with open(os.path.join(tmp, "big.csv"), "w", encoding="utf-8", newline="") as f:
        f.write('id,zh,ko\r\nS1,"%s",바퀴가 도는 방향이 반대입니다.\r\nS2,头要画得圆一些。,머리를 '
                '둥글게 그려 주십시오.\r\n' % big)
    st, recs, secs = extract(tmp, "big.csv")
    b2 = "".join(r["text"] for r in recs if r["type"] == "segment" and r["where"] == "B2")
    codes = [r["code"] for r in recs if r["type"] == "error"]
    places = [r["where"] for r in recs if r["type"] == "segment"]
    tap.ok(st == 0 and codes == ["limit-bytes"] and b2 == big and places.count("B2") >= 2 and
           "C2" in places and "B3" in places and secs < 30,
           "a 2 MB cell: one limit-bytes warning, cut at its place, rows after it read",
           "exit %d, errors %s, B2 %d of %d characters in %d pieces, places %s, %.1f s" %
           (st, codes, len(b2), len(big), places.count("B2"), sorted(set(places)), secs))

    # a quote never closed, 2 MB after it: the cell is capped, the run bounded
    with open(os.path.join(tmp, "open.csv"), "w", encoding="utf-8", newline="") as f:
        f.write('id,zh\r\nS1,"' + ("头要画得圆一些。\r\nS2,") * 100000)
    st, recs, secs = extract(tmp, "open.csv")
    codes = sorted(set(r["code"] for r in recs if r["type"] == "error"))
    files = [r["status"] for r in recs if r["type"] == "file"]
    tap.ok(st == 0 and codes == ["corrupt", "limit-bytes"] and files == ["ok"] and secs < 30,
           "a quote never closed before 2 MB: corrupt and limit-bytes records, bounded",
           "exit %d, errors %s, files %s, %.1f s" % (st, codes, files, secs))

    # the cells limit: the first 16 cells (empty ones count), then one warning
    with open(os.path.join(tmp, "many.csv"), "w", encoding="utf-8", newline="") as f:
        for i in range(10):
            f.write("S%d,车轮%d,바퀴%d\n" % (i, i, i))
    st, recs, _ = extract(tmp, "many.csv", extra=["--limit", "cells=16"])
    errs = [r for r in recs if r["type"] == "error"]
    places = [r["where"] for r in recs if r["type"] == "segment"]
    want = ["%s%d" % (c, r) for r in range(1, 7) for c in "ABC"][:16]
    tap.ok(st == 0 and [e["code"] for e in errs] == ["limit-segments"] and places == want and
           "B6" in errs[0]["message"],
           "the cells limit: the first 16 cells, one limit-segments record",
           "exit %d, errors %s, places %s" % (st, [(e["code"], e["message"]) for e in errs],
                                             places))


def names(tmp):
    with open(os.path.join(base, "shots.csv"), "rb") as f:
        data = f.read()
    for n in ("shots.txt", "shots.CSV"):
        with open(os.path.join(tmp, n), "wb") as f:
            f.write(data)
    with open(os.path.join(tmp, "page.csv"), "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html>\n<html><body><p>车轮转动的方向反了。</p>"
                "<p>바퀴가 도는 방향이 반대입니다.</p></body></html>\n")
    st, recs, _ = extract(tmp, "shots.CSV", "shots.txt", "page.csv")
    fmt = {r["source"]: r["format"] for r in recs if r["type"] == "file"}
    where = {(r["source"], r["where"]) for r in recs if r["type"] == "segment"}
    tap.ok(st == 0 and fmt == {"shots.CSV": "csv", "shots.txt": "text", "page.csv": "html"} and
           ("shots.CSV", "B2") in where and ("shots.txt", "line 2") in where and
           ("shots.txt", "B2") not in where,
           "the name picks csv among text formats only: .CSV a table, .txt lines, HTML stays",
           "exit %d, formats %s" % (st, fmt))

    with open(os.path.join(tmp, "semi.csv"), "w", encoding="utf-8") as f:
        f.write("shot;zh;ko\nS012;车轮转动的方向反了。;바퀴가 도는 방향이 반대입니다.\n")
    st, recs, _ = extract(tmp, "semi.csv")
    cells = {r["where"]: r["text"] for r in recs if r["type"] == "segment"}
    tap.ok(st == 0 and cells.get("A2") == "S012" and cells.get("B2") == "车轮转动的方向反了。" and
           cells.get("C2") == "바퀴가 도는 방향이 반대입니다.",
           "a .csv written with semicolons is split at them", "exit %d, cells %s" % (st, cells))


def main():
    print("1..%d" % (2 * sum(n.endswith(".truth.json") for n in os.listdir(base)) + 6))
    fixtures()
    with tempfile.TemporaryDirectory() as tmp:
        hostile(tmp)
        names(tmp)
    return 1 if tap.failed else 0


sys.exit(main())

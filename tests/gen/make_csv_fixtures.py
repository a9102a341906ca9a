#!/usr/bin/python3
"""Write the CSV and TSV fixtures in tests/data/csv/ (the table extractor, src/extract/csv.c).

For every fixture FILE this writes FILE (the bytes, by Python's csv module) and
FILE.truth.json in the format of tests/truth.py, with what tests/csv.py also reads:
  segments        every non-empty cell: {"kind": "cell", "where": "B3", "text": ...}, the
                  text as written (single-sentence cells, so one segment each, unless
                  "multi" says the cell holds line breaks and may be cut into sentences)
  pairs           [zh, ko, "cell"] for each row that holds both
  unpaired        zh cells of rows without a ko cell: in no pair
  errors          [{"code", "source"}] that must be recorded
  charset, format the file record's
  delimiter       the one the fixture uses (for the oracle in tests/csv.py)
  encoding        Python codec of the bytes
  must_not_contain  texts no segment may hold (a shot id run into a note)

Fixtures:
  shots.csv          a shot list: id, zh, ko; UTF-8, CRLF (the csv module's default); one
                     row with an empty ko cell, one short row without it
  shots.tsv          the same kind of list as TSV, UTF-8 with a BOM, LF
  gb18030.csv        a CSV in GB18030 (Korean in four-byte sequences); its header row holds a
                     zh and a ko cell: a pair like any other row's
  quoted.csv         quoted fields holding commas, doubled quotes, LF and CRLF; a ragged row;
                     no line end after the last row
  unterminated.csv   hostile: a quote that is never closed in row 3, rows after it
The 2 MB field and the cells limit are made by tests/csv.py at run time (not committed).

Deterministic: fixed notes from notes.tsv.  Run: /usr/bin/python3 tests/gen/make_csv_fixtures.py
Stdlib only.
"""
import csv
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from notes_bank import load_notes  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/
OUT = os.path.join(ROOT, "data", "csv")
N = load_notes()


def note(i):
    r = N[i]
    assert r["ZH"] and r["KO"], i
    return r["ZH"], r["KO"]


def col_name(c):
    """1 -> A, 27 -> AA (as src/core/util.c bx_col_name)."""
    s = ""
    while c > 0:
        c, r = divmod(c - 1, 26)
        s = chr(ord("A") + r) + s
    return s


def write_table(name, rows, *, delimiter=",", encoding="utf-8", bom=b"", lineterminator="\r\n",
                final_newline=True, zh_col=1, ko_col=2, header_rows=1, multi=(), extra=None):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator,
                   quoting=csv.QUOTE_MINIMAL)
    for r in rows:
        w.writerow(r)
    text = buf.getvalue()
    if not final_newline:
        text = text[:-len(lineterminator)]
    data = bom + text.encode(encoding)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    # the truth, from the rows as written
    segments, pairs, unpaired = [], [], []
    for y, r in enumerate(rows, 1):
        for x, cell in enumerate(r, 1):
            if cell:
                seg = {"kind": "cell", "where": "%s%d" % (col_name(x), y), "text": cell}
                if (x, y) in multi:
                    seg["multi"] = True
                segments.append(seg)
        if y <= header_rows:
            continue
        zh = r[zh_col] if len(r) > zh_col else ""
        ko = r[ko_col] if len(r) > ko_col else ""
        if zh and ko:
            pairs.append([zh, ko, "cell"])
        elif zh:
            unpaired.append(zh)
    truth = {"segments": segments, "pairs": pairs, "unpaired": unpaired, "errors": [],
             "format": os.path.splitext(name)[1][1:], "delimiter": delimiter,
             "encoding": encoding, "must_not_contain": []}
    truth.update(extra or {})
    with open(os.path.join(OUT, name + ".truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return data


def main():
    os.makedirs(OUT, exist_ok=True)

    # a shot list as production sends it: id, the Chinese note, its Korean relay
    ids = ["n006", "n009", "n013", "n016", "n023", "n032", "n044", "n048"]
    rows = [["shot", "zh", "ko"]]
    for k, i in enumerate(ids):
        zh, ko = note(i)
        shot = "S%03d" % (12 + k)
        if k == 2:
            rows.append([shot, zh, ""])      # the ko cell left empty
        elif k == 5:
            rows.append([shot, zh])          # a short row: no ko cell at all
        else:
            rows.append([shot, zh, ko])
    write_table("shots.csv", rows, extra={
        "charset": "UTF-8",
        # the shot id and the delimiter run into the note when the file is read as lines
        "must_not_contain": ["%s," % r[0] for r in rows[1:]]})

    ids = ["n054", "n059", "n062", "n066", "n067"]
    rows = [["shot", "zh", "ko"]]
    for k, i in enumerate(ids):
        zh, ko = note(i)
        rows.append(["S%03d" % (40 + k), zh, ko if k != 3 else ""])
    write_table("shots.tsv", rows, delimiter="\t", bom=b"\xef\xbb\xbf", lineterminator="\n",
                extra={"charset": "UTF-8",
                       "must_not_contain": ["%s\t" % r[0] for r in rows[1:]]})

    ids = ["n074", "n079", "n091", "n094"]
    rows = [["镜头号", "修改意见", "수정의견"]]
    for k, i in enumerate(ids):
        zh, ko = note(i)
        rows.append(["第%d镜" % (k + 1), zh, ko])
    # the header is a row like the others: 修改意见 and 수정의견 are a pair too
    write_table("gb18030.csv", rows, encoding="gb18030", header_rows=0,
                extra={"charset": "GB18030"})

    rows = [
        ["id", "zh", "ko", "note"],
        ["S001", "第3帧, 第4帧的颜色不对。", "3번째 장, 4번째 장의 색이 틀립니다.", "comma"],
        ["S002", "把\"天空\"的颜色改亮一点。", "\"하늘\"의 색을 좀 밝게 고쳐 주세요.", "quotes"],
        ["S003", "第一行要改。\n第二行不用改。", "첫째 줄은 고쳐야 합니다.\n둘째 줄은 그대로 둡니다.",
         "LF"],
        ["S004", "左边的人物\r\n要画大一点。", "왼쪽 인물을\r\n더 크게 그려 주세요.", "CRLF"],
        ["S005", "只有这一格。"],
        ["S006", "这一行多了一格。", "이 줄에는 칸이 하나 더 있습니다.", "extra", "ragged"],
        ["S007", "最后一行没有换行。", "마지막 줄에는 줄바꿈이 없습니다.", "no final newline"],
    ]
    write_table("quoted.csv", rows, final_newline=False, multi={(2, 4), (3, 4), (2, 5), (3, 5)},
                extra={"charset": "UTF-8"})

    # hostile: the quote that opens B3 is never closed.  A spreadsheet reads the rest of the
    # file into B3; bilex records `corrupt` and reads B3 from its quote on as plain text
    zh1, ko1 = note("n013")
    zh2, ko2 = note("n014")
    zh3, ko3 = note("n025")
    zh4, ko4 = note("n034")
    text = ("id,zh,ko\r\n"
            "S001,%s,%s\r\n"
            "S002,\"%s,%s\r\n"
            "S003,%s,%s\r\n"
            "S004,%s,%s\r\n") % (zh1, ko1, zh2, ko2, zh3, ko3, zh4, ko4)
    with open(os.path.join(OUT, "unterminated.csv"), "wb") as f:
        f.write(text.encode("utf-8"))
    segs = [{"kind": "cell", "where": w, "text": t} for w, t in [
        ("A1", "id"), ("B1", "zh"), ("C1", "ko"), ("A2", "S001"), ("B2", zh1), ("C2", ko1),
        ("A3", "S002"), ("B3", "\"" + zh2), ("C3", ko2), ("A4", "S003"), ("B4", zh3),
        ("C4", ko3), ("A5", "S004"), ("B5", zh4), ("C5", ko4)]]
    truth = {"segments": segs, "pairs": [[zh1, ko1, "cell"], ["\"" + zh2, ko2, "cell"],
                                          [zh3, ko3, "cell"], [zh4, ko4, "cell"]],
             "unpaired": [], "errors": [{"code": "corrupt", "source": "unterminated.csv"}],
             "format": "csv", "delimiter": None, "encoding": "utf-8", "charset": "UTF-8",
             "must_not_contain": [], "hostile": True}
    with open(os.path.join(OUT, "unterminated.csv.truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

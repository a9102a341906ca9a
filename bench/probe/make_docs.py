#!/usr/bin/python3
"""make_docs.py: bilingual documents made from bench/probe/notes.tsv, and the pairs each should yield.

  /usr/bin/python3 bench/probe/make_docs.py OUTDIR

Writes OUTDIR/dump/ (the documents below) and OUTDIR/expected.json:
  {FILE: {"format": "...", "pairs": [[zh, ko], ...]}, ...}
FILE is the name of the file a pair's zh side comes from.  "pairs" holds every translation pair
written into FILE: the notes present in both languages (notes are numbered from 0, comment lines
not counted) and the headings that translate each other (a.docx's title, d.xlsx's header row).
  a.docx    paragraphs, each note then its translation; 3's ko and 7's zh left out; a heading
  a.odt     a.docx converted by LibreOffice (only when soffice is on PATH)
  b.docx    a table: number, zh, ko (notes 10-19)
  c.docx    two blocks under the labels 中文 and 조선어 (not a pair); 25's ko left out
  d.xlsx    a sheet: shot, zh, ko, one row per note, under a header row
  e.html    notes 0-14 as paragraphs, 15-29 as table rows
  修改意见_0312.txt / 수정의견_0312.txt   sibling files, UTF-8, notes 0-14; 4's ko left out
  notes_cn.txt / notes_kr.txt           sibling files, GB18030 / EUC-KR, CRLF, notes 15-29
  h.txt     each note and its translation on one line, separated by a space
  g.svg     notes 0-4, zh in red, ko in blue
Standard library, python-docx and openpyxl (Debian's /usr/bin/python3).  Deterministic: zip entry
times and document dates are fixed (a.odt's too).
"""
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import docx
import openpyxl

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from notes import read_notes  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED_DATE = "2026-01-01T00:00:00Z"


def fix_zip(path):
    """Rewrite a zip with fixed entry times and fixed ISO dates in its metadata parts."""
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info, data in entries:
            if info.filename in ("docProps/core.xml", "meta.xml"):
                data = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", FIXED_DATE.encode(), data)
                data = re.sub(rb"<meta:editing-duration>[^<]*<", b"<meta:editing-duration>PT0S<", data)
            elif info.filename == "settings.xml":  # LibreOffice's random revision-save ids
                data = re.sub(rb'(config:name="Rsid(Root)?" config:type="int">)\d+', rb"\g<1>0", data)
            new = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            new.compress_type = info.compress_type
            new.external_attr = info.external_attr
            z.writestr(new, data)
    with open(path, "wb") as f:
        f.write(out.getvalue())


def write(path, text, encoding="utf-8", newline="\n"):
    with open(path, "wb") as f:
        f.write(text.replace("\n", newline).encode(encoding))


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__.split("\n\n")[1])
    out = argv[0]
    dump = os.path.join(out, "dump")
    os.makedirs(dump, exist_ok=True)
    P = read_notes(os.path.join(HERE, "notes.tsv"))
    expected = {}

    def want(name, fmt, idx, extra=()):
        expected[name] = {"format": fmt, "pairs": [list(p) for p in extra] + [list(P[i]) for i in idx]}

    # a.docx: a heading, then each note and its translation as paragraphs
    d = docx.Document()
    d.add_heading("修改意见 / 수정의견", 1)
    for i in range(10):
        if i != 7:
            d.add_paragraph(P[i][0])
        if i != 3:
            d.add_paragraph(P[i][1])
    d.save(os.path.join(dump, "a.docx"))
    fix_zip(os.path.join(dump, "a.docx"))
    want("a.docx", "docx, paragraphs", [i for i in range(10) if i not in (3, 7)],
         [("修改意见", "수정의견")])

    # b.docx: a table, number | zh | ko
    d = docx.Document()
    t = d.add_table(rows=0, cols=3)
    for i in range(10, 20):
        r = t.add_row().cells
        r[0].text, r[1].text, r[2].text = str(i - 9), P[i][0], P[i][1]
    d.save(os.path.join(dump, "b.docx"))
    fix_zip(os.path.join(dump, "b.docx"))
    want("b.docx", "docx, table", range(10, 20))

    # c.docx: all zh under a label, then all ko under another
    d = docx.Document()
    d.add_paragraph("中文")
    for i in range(20, 30):
        d.add_paragraph(P[i][0])
    d.add_paragraph("조선어")
    for i in range(20, 30):
        if i != 25:
            d.add_paragraph(P[i][1])
    d.save(os.path.join(dump, "c.docx"))
    fix_zip(os.path.join(dump, "c.docx"))
    want("c.docx", "docx, two blocks", [i for i in range(20, 30) if i != 25])

    # d.xlsx: shot | zh | ko under a header row
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["镜头", "意见", "의견"])
    for i in range(30):
        ws.append(["C%03d" % (i + 1), P[i][0], P[i][1]])
    wb.save(os.path.join(dump, "d.xlsx"))
    fix_zip(os.path.join(dump, "d.xlsx"))
    want("d.xlsx", "xlsx, one row per note", range(30), [("意见", "의견")])

    # e.html: paragraphs, then table rows
    h = ['<html><head><meta charset="utf-8"><title>notes</title></head><body>']
    for i in range(15):
        h.append("<p>%s</p><p>%s</p>" % (html.escape(P[i][0]), html.escape(P[i][1])))
    h.append("<table>")
    for i in range(15, 30):
        h.append("<tr><td>%s</td><td>%s</td></tr>" % (html.escape(P[i][0]), html.escape(P[i][1])))
    h.append("</table></body></html>")
    write(os.path.join(dump, "e.html"), "\n".join(h))
    want("e.html", "html, paragraphs and a table", range(30))

    # sibling text files, UTF-8
    write(os.path.join(dump, "修改意见_0312.txt"), "".join(P[i][0] + "\n" for i in range(15)))
    write(os.path.join(dump, "수정의견_0312.txt"), "".join(P[i][1] + "\n" for i in range(15) if i != 4))
    want("修改意见_0312.txt", "sibling txt, UTF-8", [i for i in range(15) if i != 4])

    # sibling text files, legacy charsets, CRLF
    write(os.path.join(dump, "notes_cn.txt"), "".join(P[i][0] + "\n" for i in range(15, 30)),
          "gb18030", "\r\n")
    write(os.path.join(dump, "notes_kr.txt"), "".join(P[i][1] + "\n" for i in range(15, 30)),
          "euc-kr", "\r\n")
    want("notes_cn.txt", "sibling txt, GB18030 / EUC-KR", range(15, 30))

    # h.txt: note and translation on one line
    write(os.path.join(dump, "h.txt"), "".join(P[i][0] + " " + P[i][1] + "\n" for i in range(30)))
    want("h.txt", "txt, same line", range(30))

    # g.svg: zh in red, ko in blue
    s = ['<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1000">']
    for n in range(5):
        s.append('<text x="10" y="%d" fill="red">%s</text>' % (40 + n * 80, html.escape(P[n][0])))
        s.append('<text x="10" y="%d" fill="blue">%s</text>' % (70 + n * 80, html.escape(P[n][1])))
    s.append("</svg>")
    write(os.path.join(dump, "g.svg"), "\n".join(s))
    want("g.svg", "svg, text elements", range(5))

    # a.odt: a.docx through LibreOffice, when there is one
    if shutil.which("soffice"):
        prof = tempfile.mkdtemp(prefix="probe-lo-")
        try:
            subprocess.run(["soffice", "-env:UserInstallation=file://" + prof, "--headless",
                            "--convert-to", "odt", "--outdir", dump, os.path.join(dump, "a.docx")],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        except (OSError, subprocess.SubprocessError) as e:
            print("make_docs.py: soffice failed: %s" % e, file=sys.stderr)
        finally:
            shutil.rmtree(prof, ignore_errors=True)
        odt = os.path.join(dump, "a.odt")
        if os.path.exists(odt):
            fix_zip(odt)
            expected["a.odt"] = {"format": "odt (LibreOffice, from a.docx)",
                                 "pairs": expected["a.docx"]["pairs"]}
        else:
            print("make_docs.py: soffice wrote no a.odt; left out", file=sys.stderr)
    else:
        print("make_docs.py: no soffice; a.odt left out", file=sys.stderr)

    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

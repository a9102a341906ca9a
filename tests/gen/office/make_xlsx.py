#!/usr/bin/python3
"""Write tests/data/xlsx/bilingual.xlsx (+ bilingual.xlsx.truth.json).

openpyxl 3.0.9 (Debian) builds the workbook: sheets 修改意见 and 수정의견, zh in column A and
ko in column B for 8 rows, a number (C2) and a date (D2), and a legacy note (openpyxl
Comment, xl/comments/comment1.xml + VML) by 김영철 on B3.  Debian's openpyxl writes every
string as an inline string with numeric character references; the post-processing turns
them into a shared-string table (xl/sharedStrings.xml, as Excel writes) except B5, which
stays inline (t="inlineStr", &#NNNNN; references).  A threaded comment with a reply
(xl/threadedComments/threadedComment1.xml + xl/persons/person.xml, Excel 365 shape, with
relationships and content types) is added on A4 together with the legacy "[Threaded
comment]" mirror note Excel writes for older readers (author tc={guid}).

Run: /usr/bin/python3 tests/gen/office/make_xlsx.py
"""
import datetime as dt
import html
import io
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
from common import AUTHOR_KO, AUTHOR_ZH, DATE1, DATE2, Truth, ko, zh  # noqa: E402

import openpyxl  # noqa: E402
from openpyxl.comments import Comment  # noqa: E402
from lxml import etree  # noqa: E402

OUT = C.out_dir("xlsx")
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
TC = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"
X = C.xml_escape

SHEET1, SHEET2 = "修改意见", "수정의견"
ROWS = ("n002", "n012", "n018", "n030", "n043", "n058", "n069", "n071")
HDR = ("中文意见", "한국어 번역", "帧数", "日期")
NOTE = C.N["solo-ko-07"]["KO"]
TH_TEXT, TH_REPLY = zh("n019"), ko("n019")
INLINE_CELL = "B5"
GUID_WW = "{6A1E0F52-0000-4000-8000-0000000000A1}"
GUID_KYC = "{6A1E0F52-0000-4000-8000-0000000000B2}"
GUID_T1 = "{5F2C7E10-0000-4000-8000-000000000001}"
GUID_T2 = "{5F2C7E10-0000-4000-8000-000000000002}"

MIRROR = ("[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; "
          "however, any edits to it will get removed if the file is opened in a newer version of "
          "Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    %s\n"
          "Reply:\n    %s" % (TH_TEXT, TH_REPLY))


def build_workbook():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET1
    for col, h in zip("ABCD", HDR):
        ws[col + "1"] = h
    for r, i in enumerate(ROWS, 2):
        ws["A%d" % r] = zh(i)
        ws["B%d" % r] = ko(i)
    ws["C2"] = 36
    ws["D2"] = dt.datetime(2024, 3, 4)
    ws["D2"].number_format = "yyyy-mm-dd"
    ws["B3"].comment = Comment(NOTE, AUTHOR_KO)
    ws["A4"].comment = Comment(MIRROR, "tc=" + GUID_T1)
    ws2 = wb.create_sheet(SHEET2)
    ws2["A1"] = ko("n070")
    ws2["B1"] = zh("n070")
    ws2["A2"] = C.N["solo-ko-04"]["KO"]
    p = wb.properties
    p.creator = AUTHOR_ZH
    p.lastModifiedBy = AUTHOR_KO
    p.title = "第12集 修改意见表"
    p.subject = "제12회 수정의견표"
    p.created = dt.datetime(2024, 3, 4, 9, 15, 0)
    p.modified = dt.datetime(2024, 3, 5, 14, 0, 0)
    buf = io.BytesIO()
    wb.save(buf)
    return C.Pkg.load(buf.getvalue())


def charrefs(text):
    return "".join(ch if ord(ch) < 128 else "&#%d;" % ord(ch) for ch in X(text, quote=False))


def to_shared_strings(pkg):
    sheets = sorted(n for n in pkg.names() if n.startswith("xl/worksheets/sheet"))
    sst, index = [], {}
    inline_text = None
    for name in sheets:
        root = etree.fromstring(pkg.get(name))
        for c in root.iter("{%s}c" % S):
            if c.get("t") != "inlineStr":
                continue
            text = "".join(c.find("{%s}is" % S).itertext())
            if name.endswith("sheet1.xml") and c.get("r") == INLINE_CELL:
                inline_text = text
                continue
            if text not in index:
                index[text] = len(sst)
                sst.append(text)
            for ch in list(c):
                c.remove(ch)
            c.set("t", "s")
            etree.SubElement(c, "{%s}v" % S).text = str(index[text])
        xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).decode()
        if inline_text is not None and name.endswith("sheet1.xml"):
            old = '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (INLINE_CELL,
                                                                     X(inline_text, quote=False))
            assert old in xml, old
            xml = xml.replace(old, '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>'
                              % (INLINE_CELL, charrefs(inline_text)))
        pkg.set(name, xml)
    assert inline_text == ko(ROWS[3]), inline_text
    pkg.set("xl/sharedStrings.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>'
            % (S, len(sst), len(sst), "".join(
                '<si><t xml:space="preserve">%s</t></si>' % X(t, quote=False) for t in sst)))
    C.add_override(pkg, "xl/sharedStrings.xml",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")
    C.add_rel(pkg, "xl/workbook.xml",
              "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
              "sharedStrings.xml")


def add_threaded(pkg):
    pkg.set("xl/threadedComments/threadedComment1.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<ThreadedComments xmlns="%s" xmlns:x="%s">'
            '<threadedComment ref="A4" dT="%s" personId="%s" id="%s"><text>%s</text></threadedComment>'
            '<threadedComment ref="A4" dT="%s" personId="%s" id="%s" parentId="%s"><text>%s</text>'
            '</threadedComment></ThreadedComments>'
            % (TC, S, DATE1.rstrip("Z") + ".00", GUID_WW, GUID_T1, X(TH_TEXT),
               DATE2.rstrip("Z") + ".00", GUID_KYC, GUID_T2, GUID_T1, X(TH_REPLY)))
    pkg.set("xl/persons/person.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<personList xmlns="%s" xmlns:x="%s">'
            '<person displayName="%s" id="%s" userId="%s" providerId="None"/>'
            '<person displayName="%s" id="%s" userId="%s" providerId="None"/></personList>'
            % (TC, S, AUTHOR_ZH, GUID_WW, AUTHOR_ZH, AUTHOR_KO, GUID_KYC, AUTHOR_KO))
    C.add_override(pkg, "xl/threadedComments/threadedComment1.xml",
                   "application/vnd.ms-excel.threadedcomments+xml")
    C.add_override(pkg, "xl/persons/person.xml", "application/vnd.ms-excel.person+xml")
    C.add_rel(pkg, "xl/worksheets/sheet1.xml",
              "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
              "../threadedComments/threadedComment1.xml")
    C.add_rel(pkg, "xl/workbook.xml",
              "http://schemas.microsoft.com/office/2017/10/relationships/person",
              "persons/person.xml")


def truth():
    tr = Truth()
    s = SHEET1
    tr.add("sheet-name", "sheet 1", SHEET1)
    tr.add("sheet-name", "sheet 2", SHEET2)
    tr.pair(SHEET1, SHEET2, "adjacent", optional=True)
    for col, h in zip("ABCD", HDR):
        tr.add("cell", "%s!%s1" % (s, col), h)
    tr.pair(HDR[0], HDR[1], "cell")
    for r, i in enumerate(ROWS, 2):
        tr.add("cell", "%s!A%d" % (s, r), zh(i))
        tr.add("cell", "%s!B%d" % (s, r), ko(i),
               **({"cell_type": "inlineStr"} if "B%d" % r == INLINE_CELL else {}))
        if r == 2:
            tr.add("cell", s + "!C2", "36", value_type="number")
            tr.add("cell", s + "!D2", "2024-03-04", value_type="date", serial="45355")
        tr.pair(zh(i), ko(i), "cell")
    tr.add("comment", "comment 1 on %s!B3" % s, NOTE, AUTHOR_KO, None)
    tr.add("comment", "threaded comment 1 on %s!A4" % s, TH_TEXT, AUTHOR_ZH, DATE1.rstrip("Z") + ".00")
    tr.add("reply", "threaded comment 2 on %s!A4" % s, TH_REPLY, AUTHOR_KO, DATE2.rstrip("Z") + ".00",
           parent="threaded comment 1")
    tr.add("comment", "comment 2 on %s!A4" % s, MIRROR, "tc=" + GUID_T1, None, optional=True,
           mirror_of="threaded comment 1")
    tr.pair(TH_TEXT, TH_REPLY, "reply")
    tr.add("cell", SHEET2 + "!A1", ko("n070"))
    tr.add("cell", SHEET2 + "!B1", zh("n070"))
    tr.add("cell", SHEET2 + "!A2", C.N["solo-ko-04"]["KO"])
    tr.pair(zh("n070"), ko("n070"), "cell")
    tr.add("metadata", "property title", "第12集 修改意见表")
    tr.add("metadata", "property subject", "제12회 수정의견표")
    tr.add("metadata", "property creator", AUTHOR_ZH, optional=True)
    tr.add("metadata", "property lastModifiedBy", AUTHOR_KO, optional=True)
    tr.notes = (
        "Cells: SHEET!A1. All strings are shared (xl/sharedStrings.xml) except %s, an inline "
        "string written with numeric character references. D2 is a date: number 45355 with "
        "number format yyyy-mm-dd, reported as 2024-03-04 (C2 = 36). Comment 1 is a legacy note "
        "(xl/comments/comment1.xml, no date). A4 carries a threaded comment by 王伟 with a reply "
        "by 김영철 (xl/threadedComments/threadedComment1.xml: threadedComment ref/dT/personId/"
        "parentId; names in xl/persons/person.xml) AND Excel's legacy mirror of it in "
        "comments1.xml (author tc={guid}, text '[Threaded comment]…'): report the threaded pair "
        "once; the mirror is optional. Relationship targets written by openpyxl are absolute "
        "(/xl/...). Sheet 수정의견 has ko in column A and zh in B." % INLINE_CELL)
    return tr


def main():
    print("xlsx fixtures (openpyxl %s):" % openpyxl.__version__)
    pkg = build_workbook()
    to_shared_strings(pkg)
    add_threaded(pkg)
    core = pkg.get("docProps/core.xml").decode()
    assert "2024-03-04T09:15:00Z" in core, core
    path = os.path.join(OUT, "bilingual.xlsx")
    pkg.save(path)
    tr = truth()
    tr.write(path)
    # LibreOffice must read it: every cell text (incl. the inline one) in its flat export
    flat = html.unescape(C.soffice_flat_text(path))
    C.expect_in(flat, [zh(i) for i in ROWS] + [ko(i) for i in ROWS] + [SHEET1, SHEET2, NOTE],
                "bilingual.xlsx")
    C.report(path)


if __name__ == "__main__":
    main()

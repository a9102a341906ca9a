#!/usr/bin/python3
"""Write the OpenDocument fixtures (tests/data/odf/) and the ones LibreOffice converts from them.

Hand-written flat ODF (kept as fixtures: bilex reads flat ODF):
  odf/notes.fodt        text: headings, zh/ko paragraphs, table, comment + reply
                        (loext:parent-name), tracked deletion + insertion with office:change-info,
                        footnote (text:note), header/footer in the master page, document meta
  odf/bilingual.fods    spreadsheet: sheets 修改意见 / 수정의견, strings, a float, a date, a cell
                        annotation, a row of 1000 repeated empty cells followed by a text cell
  odf/notes.fodp        presentation: 2 slides (zh title + ko subtitle), speaker notes zh+ko,
                        a comment (officeooo:annotation) on slide 1
LibreOffice conversions (soffice --headless --convert-to):
  odf/notes.odt   docx/notes-lo.docx   (from notes.fodt)
  odf/bilingual.ods  xlsx/bilingual-lo.xlsx  (from bilingual.fods)
  odf/notes.odp   pptx/notes.pptx      (from notes.fodp)
  odf/tracked-lo.fodt   (docx/tracked.docx as LibreOffice writes it in flat ODF)
  confusables/pptx-far-main.pptx  is made from pptx/notes.pptx by make_confusables.py

LibreOffice output is post-processed for stable bytes: zip members get fixed timestamps
(order kept, mimetype first and stored), meta.xml dates and editing statistics are pinned,
random ids (annotation names, change ids, rsids) are renumbered.
Every truth file is FIXTURE.truth.json.
Run: /usr/bin/python3 tests/gen/office/make_odf.py
"""
import os
import re
import shutil
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
from common import AUTHOR_KO, AUTHOR_ZH, Truth, ko, zh  # noqa: E402

X = C.xml_escape
ODF = C.out_dir("odf")

# ODF dates as LibreOffice writes them: no time zone
D1 = C.DATE1.rstrip("Z")
D2 = C.DATE2.rstrip("Z")
D3 = C.DATE3.rstrip("Z")
D4 = C.DATE4.rstrip("Z")

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
      'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:officeooo="http://openoffice.org/2009/office" '
      'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"')

FONTS = ('<office:font-face-decls>'
         '<style:font-face style:name="Noto Sans CJK SC" svg:font-family="&apos;Noto Sans CJK SC&apos;" '
         'style:font-family-generic="swiss"/>'
         '<style:font-face style:name="Noto Sans CJK KR" svg:font-family="&apos;Noto Sans CJK KR&apos;" '
         'style:font-family-generic="swiss"/>'
         '</office:font-face-decls>')


def P(text, style=None):
    st = ' text:style-name="%s"' % style if style else ""
    return "<text:p%s>%s</text:p>" % (st, X(text, quote=False))


def meta(title, subject, keywords=()):
    return ('<office:meta>'
            '<meta:generator>bilex tests/gen/office/make_odf.py</meta:generator>'
            '<dc:title>%s</dc:title><dc:subject>%s</dc:subject>'
            '<meta:initial-creator>%s</meta:initial-creator><dc:creator>%s</dc:creator>'
            '<meta:creation-date>%s</meta:creation-date><dc:date>%s</dc:date>%s'
            '</office:meta>' % (X(title), X(subject), AUTHOR_ZH, AUTHOR_KO, D1, D3,
                                "".join("<meta:keyword>%s</meta:keyword>" % X(k) for k in keywords)))


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def metadata_truth(tr, title, subject, keywords, where_prefix="meta.xml"):
    tr.add("metadata", "property title", title)
    tr.add("metadata", "property subject", subject)
    for k in keywords:
        tr.add("metadata", "property keyword", k)
    tr.add("metadata", "property initial-creator", AUTHOR_ZH, optional=True)
    tr.add("metadata", "property creator", AUTHOR_KO, optional=True)
    tr.extra["metadata"] = {"title": title, "subject": subject, "keywords": list(keywords),
                            "initial-creator": AUTHOR_ZH, "creator": AUTHOR_KO,
                            "creation-date": D1, "date": D3}


# =========================================================================== notes.fodt

FODT_TITLE = "第12集 合成修改意见"
FODT_SUBJECT = "제12회 합성 수정의견"
FODT_KEYWORDS = ("合成", "합성")
FODT_HEADER = "《星之旅》第12集 合成（内部）"
FODT_FOOTER = "평양 전달용 사본"
CMT_ANCHOR_PRE, CMT_ANCHOR, CMT_ANCHOR_POST = "合成的时候", "背景和人物的亮度", "不一样。"
assert CMT_ANCHOR_PRE + CMT_ANCHOR + CMT_ANCHOR_POST == zh("n044")
CMT_TEXT, REPLY_TEXT = zh("n053"), ko("n053")
DEL_ZH = zh("n045")          # deleted by 王伟 (tracked deletion)
INS_KO = ko("n049")          # inserted by 김영철 (tracked insertion)
FOOTNOTE = C.N["solo-zh-03"]["ZH"]


def fodt_source():
    styles = (
        '<office:styles>'
        '<style:default-style style:family="paragraph"><style:text-properties '
        'style:font-name-asian="Noto Sans CJK SC" fo:language="zh" fo:country="CN" '
        'style:language-asian="zh" style:country-asian="CN"/></style:default-style>'
        '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
        '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" '
        'style:parent-style-name="Standard" style:default-outline-level="1" style:class="text">'
        '<style:text-properties fo:font-size="16pt" fo:font-weight="bold" style:font-size-asian="16pt" '
        'style:font-weight-asian="bold"/></style:style>'
        '<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" '
        'style:parent-style-name="Standard" style:default-outline-level="2" style:class="text">'
        '<style:text-properties fo:font-size="14pt" fo:font-weight="bold" style:font-size-asian="14pt" '
        'style:font-weight-asian="bold"/></style:style>'
        '<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" '
        'style:class="extra"/>'
        '<style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard" '
        'style:class="extra"/>'
        '<style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard" '
        'style:class="extra"><style:text-properties fo:font-size="10pt" style:font-size-asian="10pt"/>'
        '</style:style>'
        '<style:style style:name="Table_20_Contents" style:display-name="Table Contents" '
        'style:family="paragraph" style:parent-style-name="Standard" style:class="extra"/>'
        '</office:styles>')
    auto = (
        '<office:automatic-styles>'
        '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" '
        'fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" '
        'fo:margin-right="2cm"/><style:header-style><style:header-footer-properties '
        'fo:min-height="0cm" fo:margin-bottom="0.5cm"/></style:header-style><style:footer-style>'
        '<style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/>'
        '</style:footer-style></style:page-layout>'
        '</office:automatic-styles>')
    master = (
        '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">'
        '<style:header>%s</style:header><style:footer>%s</style:footer>'
        '</style:master-page></office:master-styles>' % (P(FODT_HEADER, "Header"),
                                                          P(FODT_FOOTER, "Footer")))
    changes = (
        '<text:tracked-changes text:track-changes="true">'
        '<text:changed-region xml:id="ct1" text:id="ct1"><text:deletion><office:change-info>'
        '<dc:creator>%s</dc:creator><dc:date>%s</dc:date></office:change-info>%s</text:deletion>'
        '</text:changed-region>'
        '<text:changed-region xml:id="ct2" text:id="ct2"><text:insertion><office:change-info>'
        '<dc:creator>%s</dc:creator><dc:date>%s</dc:date></office:change-info></text:insertion>'
        '</text:changed-region>'
        '</text:tracked-changes>' % (AUTHOR_ZH, D1, P(DEL_ZH, "Standard"), AUTHOR_KO, D2))
    comment = (
        '<office:annotation office:name="__Annotation__1"><dc:creator>%s</dc:creator>'
        '<dc:date>%s</dc:date><meta:creator-initials>%s</meta:creator-initials>%s</office:annotation>'
        '<office:annotation office:name="__Annotation__2" loext:parent-name="__Annotation__1">'
        '<dc:creator>%s</dc:creator><dc:date>%s</dc:date><meta:creator-initials>%s'
        '</meta:creator-initials>%s</office:annotation>'
        % (AUTHOR_ZH, D1, C.INITIALS_ZH, P(CMT_TEXT), AUTHOR_KO, D2, C.INITIALS_KO, P(REPLY_TEXT)))
    rows = "".join(
        '<table:table-row><table:table-cell office:value-type="string">%s</table:table-cell>'
        '<table:table-cell office:value-type="string">%s</table:table-cell></table:table-row>'
        % (P(zh(i), "Table_20_Contents"), P(ko(i), "Table_20_Contents")) for i in ("n050", "n052"))
    body = (
        '<office:body><office:text>%s'
        '<text:h text:style-name="Heading_20_1" text:outline-level="1">%s</text:h>'
        '<text:h text:style-name="Heading_20_2" text:outline-level="2">%s</text:h>'
        '<text:p text:style-name="Standard">%s%s%s<office:annotation-end office:name="__Annotation__1"/>%s</text:p>'
        '%s'
        '<text:p text:style-name="Standard">%s<text:note text:id="ftn1" text:note-class="footnote">'
        '<text:note-citation>1</text:note-citation><text:note-body>%s</text:note-body></text:note></text:p>'
        '%s'
        '<text:p text:style-name="Standard"><text:change text:change-id="ct1"/>%s</text:p>'
        '<text:p text:style-name="Standard">%s<text:change-start text:change-id="ct2"/>%s'
        '<text:change-end text:change-id="ct2"/></text:p>'
        '<table:table table:name="合成表"><table:table-column table:number-columns-repeated="2"/>%s'
        '</table:table>'
        '%s'
        '</office:text></office:body>'
        % (changes, X("第12集 合成修改意见"), X("제12회 합성 수정의견"),
           X(CMT_ANCHOR_PRE), comment, X(CMT_ANCHOR), X(CMT_ANCHOR_POST),
           P(ko("n044"), "Standard"),
           X(zh("n047")), P(FOOTNOTE, "Footnote"),
           P(ko("n047"), "Standard"),
           X(zh("n046")),
           X(ko("n046")), X(INS_KO),
           rows,
           P(C.N["solo-ko-09"]["KO"], "Standard")))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document %s office:version="1.3" '
            'office:mimetype="application/vnd.oasis.opendocument.text">%s%s%s%s%s%s</office:document>\n'
            % (NS, meta(FODT_TITLE, FODT_SUBJECT, FODT_KEYWORDS), FONTS, styles, auto, master, body))


def fodt_truth(variant):
    """variant: 'fodt' (hand-written), 'odt' (LO 7.4 conversion), 'docx' (LO 7.4 docx export)."""
    tr = Truth()
    H1, H2 = "第12集 合成修改意见", "제12회 합성 수정의견"
    tr.add("heading", "paragraph 1", H1)
    tr.add("heading", "paragraph 2", H2)
    tr.add("body", "paragraph 3", zh("n044"))
    tr.add("body", "paragraph 4", ko("n044"))
    tr.add("body", "paragraph 5", zh("n047"))
    tr.add("body", "paragraph 6", ko("n047"))
    tr.add("deletion", "deletion in paragraph 7", DEL_ZH, AUTHOR_ZH,
           D1 if variant != "docx" else C.DATE1)
    tr.add("body", "paragraph 7", zh("n046"))
    tr.add("body", "paragraph 8", ko("n046") + INS_KO)
    tr.add("insertion", "insertion in paragraph 8", INS_KO, AUTHOR_KO,
           D2 if variant != "docx" else C.DATE2)
    tr.add("cell", "table 1 A1", zh("n050"))
    tr.add("cell", "table 1 B1", ko("n050"))
    tr.add("cell", "table 1 A2", zh("n052"))
    tr.add("cell", "table 1 B2", ko("n052"))
    tr.add("body", "paragraph 9", C.N["solo-ko-09"]["KO"])
    tr.add("header", "header 1", FODT_HEADER)
    tr.add("footer", "footer 1", FODT_FOOTER)
    # the ooxml extractor names footnotes by w:id; LibreOffice numbers the real one 2
    tr.add("footnote", "footnote 2" if variant == "docx" else "footnote 1", FOOTNOTE,
           anchor="paragraph 5")
    d1, d2 = (D1, D2) if variant != "docx" else (C.DATE1, C.DATE2)
    if variant == "docx":
        # LO 7.4 writes the reply (a point comment, commentReference only) first in comments.xml
        tr.add("comment", "comment 1 on paragraph 3", REPLY_TEXT, AUTHOR_KO, d2)
        tr.add("comment", "comment 2 on paragraph 3", CMT_TEXT, AUTHOR_ZH, d1,
               anchor_text=CMT_ANCHOR)
    else:
        tr.add("comment", "comment 1 on paragraph 3", CMT_TEXT, AUTHOR_ZH, d1,
               anchor_text=CMT_ANCHOR)
    if variant == "fodt":
        tr.add("reply", "comment 2 on paragraph 3", REPLY_TEXT, AUTHOR_KO, d2, parent="comment 1")
    elif variant == "odt":
        tr.add("comment", "comment 2 on paragraph 3", REPLY_TEXT, AUTHOR_KO, d2)
    tr.pair(H1, H2, "adjacent")
    for i in ("n044", "n047"):
        tr.pair(zh(i), ko(i), "adjacent")
    tr.pair(zh("n046"), ko("n046"), "adjacent")
    for i in ("n050", "n052"):
        tr.pair(zh(i), ko(i), "cell")
    if variant == "fodt":
        tr.pair(CMT_TEXT, REPLY_TEXT, "reply")
    metadata_truth(tr, FODT_TITLE, FODT_SUBJECT, FODT_KEYWORDS,
                   "meta.xml" if variant == "odt" else
                   ("office:meta" if variant == "fodt" else "docProps/core.xml"))
    common_notes = (
        "Paragraphs are text:p/text:h directly in office:text, 1-based, in document order "
        "(table cells, notes, annotations and tracked-change bodies excluded). kind body = text "
        "with changes ACCEPTED. Paragraph 7 holds only a text:change marker for deletion ct1 "
        "(its text lives in text:tracked-changes/…/text:deletion/text:p) followed by zh n046; "
        "paragraph 8 has insertion ct2 between text:change-start/-end. The header/footer are in "
        "the master page (style:header / style:footer). ")
    if variant == "fodt":
        tr.notes = common_notes + (
            "Comment 2 is a reply: office:annotation with loext:parent-name=__Annotation__1 (the "
            "shape LibreOffice >= 7.5 writes; 7.4 neither writes nor reads it). Dates carry no "
            "time zone, as LibreOffice writes them.")
    elif variant == "odt":
        tr.notes = common_notes + (
            "LibreOffice 7.4 conversion of notes.fodt: it drops loext:parent-name, so the reply "
            "is a plain second comment at the same position (no annotation-end: a point "
            "comment). Changed-region ids were renumbered ct1, ct2 after conversion.")
    else:
        tr.notes = (
            "LibreOffice 7.4's DOCX export of notes.fodt (the reply link is lost: 7.4 neither "
            "reads loext:parent-name nor writes w15:paraIdParent). Comment 1 (w:id 0, 김영철) "
            "is a point comment: a commentReference run with no commentRangeStart/End, written "
            "BEFORE the anchored comment 2 (w:id 1, 王伟) in comments.xml; comment paragraphs "
            "have no w14:paraId and no annotationRef run; no commentsExtended.xml (LO 7.4 "
            "writes one only for resolved comments: w15:commentEx w15:done=1, with a w14:paraId "
            "on just those comments' paragraphs). LO writes w:ins/w:del split "
            "into several elements (one per script run: Hangul vs Latin vs punctuation), each "
            "with its own w:id and the same author/date: merge adjacent ones. Comment dates "
            "gain a trailing Z. Header/footer: word/header1.xml, footer1.xml; footnote in "
            "word/footnotes.xml.")
        tr.segments = [s for s in tr.segments if s["kind"] != "metadata"]
        tr.add("metadata", "property title", FODT_TITLE)
        tr.add("metadata", "property subject", FODT_SUBJECT)
        tr.add("metadata", "property creator", AUTHOR_ZH, optional=True)
        tr.add("metadata", "property lastModifiedBy", AUTHOR_KO, optional=True)
    return tr


# =========================================================================== bilingual.fods

SHEET1, SHEET2 = "修改意见", "수정의견"
FODS_ROWS = ("n054", "n055", "n056", "n057")
FODS_NOTE = C.N["solo-ko-07"]["KO"]
FODS_FAR = C.N["solo-zh-05"]["ZH"]
FODS_AFTER = C.N["solo-zh-12"]["ZH"]
HDR_ZH, HDR_KO = "中文意见", "한국어 번역"


def col_name(n):
    """1 -> A, 27 -> AA."""
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def cell(text):
    return '<table:table-cell office:value-type="string" calcext:value-type="string">%s</table:table-cell>' % P(text)


def fods_source():
    ns = NS + (' xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"')
    styles = ('<office:styles><style:default-style style:family="table-cell"><style:text-properties '
              'style:font-name-asian="Noto Sans CJK SC"/></style:default-style></office:styles>'
              '<office:automatic-styles>'
              '<number:date-style style:name="N37"><number:year number:style="long"/><number:text>-</number:text>'
              '<number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/>'
              '</number:date-style>'
              '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" '
              'style:data-style-name="N37"/>'
              '</office:automatic-styles>')
    rows = ['<table:table-row>%s%s</table:table-row>' % (cell(HDR_ZH), cell(HDR_KO))]
    for n, i in enumerate(FODS_ROWS):
        extra = ""
        if n == 0:
            extra = ('<table:table-cell office:value-type="float" office:value="24" calcext:value-type="float">'
                     '<text:p>24</text:p></table:table-cell>'
                     '<table:table-cell table:style-name="ce1" office:value-type="date" '
                     'office:date-value="2024-03-04" calcext:value-type="date"><text:p>2024-03-04</text:p>'
                     '</table:table-cell>')
        kocell = cell(ko(i))
        if n == 1:
            kocell = ('<table:table-cell office:value-type="string" calcext:value-type="string">'
                      '<office:annotation office:display="false"><dc:creator>%s</dc:creator>'
                      '<dc:date>%s</dc:date>%s</office:annotation>%s</table:table-cell>'
                      % (AUTHOR_KO, D2, P(FODS_NOTE), P(ko(i))))
        rows.append('<table:table-row>%s%s%s</table:table-row>' % (cell(zh(i)), kocell, extra))
    rows.append('<table:table-row><table:table-cell table:number-columns-repeated="1000"/>%s'
                '</table:table-row>' % cell(FODS_FAR))
    rows.append('<table:table-row>%s</table:table-row>' % cell(FODS_AFTER))
    rows.append('<table:table-row table:number-rows-repeated="1048569"><table:table-cell '
                'table:number-columns-repeated="1024"/></table:table-row>')
    t1 = ('<table:table table:name="%s"><table:table-column table:number-columns-repeated="1024"/>%s'
          '</table:table>' % (SHEET1, "".join(rows)))
    t2 = ('<table:table table:name="%s"><table:table-column table:number-columns-repeated="2"/>'
          '<table:table-row>%s%s</table:table-row><table:table-row>%s</table:table-row></table:table>'
          % (SHEET2, cell(ko("n058")), cell(zh("n058")), cell(C.N["solo-ko-01"]["KO"])))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document %s office:version="1.3" '
            'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">%s%s%s'
            '<office:body><office:spreadsheet>%s%s</office:spreadsheet></office:body></office:document>\n'
            % (ns, meta("修改意见表", "수정의견표", ("修改", "수정")), FONTS, styles, t1, t2))


FAR_COL = col_name(1001)


def fods_truth(variant):
    tr = Truth()
    s1, s2 = SHEET1, SHEET2
    tr.add("sheet-name", "sheet 1", SHEET1)
    tr.add("sheet-name", "sheet 2", SHEET2)
    tr.pair(SHEET1, SHEET2, "adjacent", optional=True)
    tr.add("cell", s1 + "!A1", HDR_ZH)
    tr.add("cell", s1 + "!B1", HDR_KO)
    tr.pair(HDR_ZH, HDR_KO, "cell")
    for n, i in enumerate(FODS_ROWS):
        r = n + 2
        tr.add("cell", "%s!A%d" % (s1, r), zh(i))
        tr.add("cell", "%s!B%d" % (s1, r), ko(i))
        tr.pair(zh(i), ko(i), "cell")
        if n == 0:
            tr.add("cell", "%s!C%d" % (s1, r), "24", value_type="float")
            tr.add("cell", "%s!D%d" % (s1, r), "2024-03-04", value_type="date")
    tr.add("comment", "comment 1 on %s!B3" % s1, FODS_NOTE, AUTHOR_KO,
           {"fods": D2, "ods": "2024-03-04T00:00:00", "xlsx": None}[variant])
    tr.add("cell", "%s!%s6" % (s1, FAR_COL), FODS_FAR)
    tr.add("cell", "%s!A7" % s1, FODS_AFTER)
    tr.add("cell", s2 + "!A1", ko("n058"))
    tr.add("cell", s2 + "!B1", zh("n058"))
    tr.add("cell", s2 + "!A2", C.N["solo-ko-01"]["KO"])
    tr.pair(zh("n058"), ko("n058"), "cell")
    if variant != "xlsx":
        metadata_truth(tr, "修改意见表", "수정의견표", ("修改", "수정"),
                       "office:meta" if variant == "fods" else "meta.xml")
    tr.notes = ("Cells are SHEET!A1 (columns counted with table:number-columns-repeated, rows "
                "with table:number-rows-repeated). Row 6 starts with 1000 repeated EMPTY cells, "
                "so its text cell is column 1001 = %s; the sheet ends with a row repeated "
                "1048569 times of 1024 repeated empty cells (as LibreOffice writes sheets): an "
                "extractor must count repeats, not expand them. Sheet 수정의견 has ko in column A "
                "and zh in B (reversed). C2 is a float, D2 a date (optional: not text). "
                "The comment is an office:annotation inside cell B3." % FAR_COL)
    if variant == "ods":
        tr.notes += (" LibreOffice 7.4 conversion of bilingual.fods: Calc keeps only the DATE of "
                     "a comment (dc:date 2024-03-04T00:00:00), and re-counts the repeats.")
    if variant == "xlsx":
        tr.notes += (" LibreOffice 7.4's XLSX export of bilingual.fods: the comment is a legacy "
                     "xl/comments1.xml comment (author in <authors>, no date) with a VML drawing.")
    return tr


# =========================================================================== notes.fodp

PRES_TITLE = "第12集 原画修改汇报"
PRES_SUBJECT = "제12회 원화 수정 보고"
SLIDES = [  # (title zh, subtitle ko, notes zh, notes ko)
    ("第12集 原画修改", "제12회 원화 수정", zh("n006"), ko("n006")),
    (zh("n009"), ko("n009"), zh("n075"), ko("n075")),
]
SLIDE_COMMENT = zh("n015")
SLIDE2_BOX = C.N["solo-ko-03"]["KO"]


def fodp_source():
    styles = ('<office:styles>'
              '<style:default-style style:family="graphic"><style:text-properties '
              'style:font-name-asian="Noto Sans CJK SC"/></style:default-style>'
              + "".join('<style:style style:name="Default-%s" style:family="presentation"/>' % n
                        for n in ("title", "subtitle", "notes", "outline1", "background",
                                  "backgroundobjects"))
              + '</office:styles>')
    auto = ('<office:automatic-styles>'
            '<style:page-layout style:name="PM1"><style:page-layout-properties fo:margin-top="0cm" '
            'fo:margin-bottom="0cm" fo:margin-left="0cm" fo:margin-right="0cm" fo:page-width="28cm" '
            'fo:page-height="15.75cm" style:print-orientation="landscape"/></style:page-layout>'
            '<style:page-layout style:name="PM2"><style:page-layout-properties fo:margin-top="0cm" '
            'fo:margin-bottom="0cm" fo:margin-left="0cm" fo:margin-right="0cm" fo:page-width="21cm" '
            'fo:page-height="29.7cm" style:print-orientation="portrait"/></style:page-layout>'
            '</office:automatic-styles>')
    master = (
        '<office:master-styles><draw:layer-set><draw:layer draw:name="layout"/>'
        '<draw:layer draw:name="background"/><draw:layer draw:name="backgroundobjects"/>'
        '<draw:layer draw:name="controls"/><draw:layer draw:name="measurelines"/></draw:layer-set>'
        '<style:master-page style:name="Default" style:page-layout-name="PM1">'
        '<draw:frame presentation:style-name="Default-title" draw:layer="backgroundobjects" '
        'svg:width="25cm" svg:height="3cm" svg:x="1.5cm" svg:y="0.6cm" presentation:class="title" '
        'presentation:placeholder="true"><draw:text-box/></draw:frame>'
        '<draw:frame presentation:style-name="Default-outline1" draw:layer="backgroundobjects" '
        'svg:width="25cm" svg:height="9cm" svg:x="1.5cm" svg:y="4cm" presentation:class="outline" '
        'presentation:placeholder="true"><draw:text-box/></draw:frame>'
        '<presentation:notes style:page-layout-name="PM2"><draw:page-thumbnail draw:layer="backgroundobjects" '
        'svg:width="14cm" svg:height="8cm" svg:x="3.5cm" svg:y="2cm" presentation:class="page"/>'
        '<draw:frame presentation:style-name="Default-notes" draw:layer="backgroundobjects" '
        'svg:width="17cm" svg:height="12cm" svg:x="2cm" svg:y="12cm" presentation:class="notes" '
        'presentation:placeholder="true"><draw:text-box/></draw:frame></presentation:notes>'
        '</style:master-page></office:master-styles>')
    pages = []
    for n, (t, st, nz, nk) in enumerate(SLIDES, 1):
        extra = ""
        if n == 1:
            extra = ('<office:annotation svg:x="1cm" svg:y="1cm" svg:width="5cm" svg:height="2cm">'
                     '<dc:creator>%s</dc:creator><dc:date>%s</dc:date>'
                     '<meta:creator-initials>%s</meta:creator-initials>%s</office:annotation>'
                     % (AUTHOR_ZH, D1, C.INITIALS_ZH, P(SLIDE_COMMENT)))
        if n == 2:
            extra = ('<draw:frame draw:layer="layout" svg:x="2cm" svg:y="9cm" svg:width="24cm" '
                     'svg:height="2cm"><draw:text-box>%s</draw:text-box></draw:frame>' % P(SLIDE2_BOX))
        pages.append(
            '<draw:page draw:name="page%d" draw:master-page-name="Default" '
            'presentation:presentation-page-layout-name="AL1T0">'
            '<draw:frame presentation:style-name="Default-title" draw:layer="layout" svg:x="2cm" '
            'svg:y="1cm" svg:width="24cm" svg:height="3cm" presentation:class="title">'
            '<draw:text-box>%s</draw:text-box></draw:frame>'
            '<draw:frame presentation:style-name="Default-subtitle" draw:layer="layout" svg:x="2cm" '
            'svg:y="5cm" svg:width="24cm" svg:height="3cm" presentation:class="subtitle">'
            '<draw:text-box>%s</draw:text-box></draw:frame>%s'
            '<presentation:notes><draw:page-thumbnail draw:layer="layout" presentation:class="page" '
            'draw:page-number="%d" svg:x="3.5cm" svg:y="2cm" svg:width="14cm" svg:height="8cm"/>'
            '<draw:frame presentation:style-name="Default-notes" draw:layer="layout" '
            'presentation:class="notes" svg:x="2cm" svg:y="12cm" svg:width="17cm" svg:height="12cm">'
            '<draw:text-box>%s%s</draw:text-box></draw:frame></presentation:notes></draw:page>'
            % (n, P(t), P(st), extra, n, P(nz), P(nk)))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document %s office:version="1.3" '
            'office:mimetype="application/vnd.oasis.opendocument.presentation">%s%s%s%s%s'
            '<office:body><office:presentation>%s</office:presentation></office:body>'
            '</office:document>\n'
            % (NS, meta(PRES_TITLE, PRES_SUBJECT, ()), FONTS, styles, auto, master, "".join(pages)))


def fodp_truth(variant):
    tr = Truth()
    for n, (t, st, nz, nk) in enumerate(SLIDES, 1):
        tr.add("title", "slide %d" % n, t)
        tr.add("subtitle", "slide %d" % n, st)
        if n == 2:
            tr.add("textbox", "slide 2", SLIDE2_BOX)
        tr.add("note", "slide %d notes" % n, nz)
        tr.add("note", "slide %d notes" % n, nk)
        tr.pair(t, st, "adjacent")
        tr.pair(nz, nk, "adjacent")
    date = {"fodp": D1, "odp": D1, "pptx": "2024-03-04T09:15:00.000000000"}[variant]
    tr.add("comment", "comment 1 on slide 1", SLIDE_COMMENT, AUTHOR_ZH, date)
    if variant == "pptx":
        tr.add("metadata", "property title", PRES_TITLE)
        tr.add("metadata", "property subject", PRES_SUBJECT)
        tr.add("metadata", "property creator", AUTHOR_ZH, optional=True)
        tr.add("metadata", "property lastModifiedBy", AUTHOR_KO, optional=True)
    else:
        tr.add("metadata", "property title", PRES_TITLE)
        tr.add("metadata", "property subject", PRES_SUBJECT)
        tr.add("metadata", "property initial-creator", AUTHOR_ZH, optional=True)
        tr.add("metadata", "property creator", AUTHOR_KO, optional=True)
    base = ("Slides are draw:page / ppt/slides/slideN.xml in presentation order. Title and "
            "subtitle are presentation placeholders (kinds title, subtitle); slide 2 also has a "
            "free text box (kind textbox). Speaker notes (kind note, 'slide N notes'): "
            "two paragraphs each (zh then ko). One comment on slide 1 by 王伟. ")
    tr.notes = base + {
        "fodp": "Hand-written: the comment is office:annotation inside draw:page (LibreOffice "
                "7.4 reads it but writes officeooo:annotation, namespace "
                "http://openoffice.org/2009/office, in .odp).",
        "odp": "LibreOffice 7.4 conversion of notes.fodp: the comment is written as "
               "officeooo:annotation (http://openoffice.org/2009/office), not office:annotation.",
        "pptx": "LibreOffice 7.4 conversion of notes.fodp: notes in ppt/notesSlides/"
                "notesSlideN.xml (placeholder type=body; the sldImg placeholder has no text); "
                "comment in ppt/comments/comment1.xml (legacy p:cmLst/p:cm, author by authorId "
                "in ppt/commentAuthors.xml, dt with 9 fractional digits); LO splits runs at "
                "script changes (第|12|集…).",
    }[variant]
    return tr


# =========================================================================== LibreOffice output

def pin_odf(pkg):
    """Stable bytes for an ODF package LibreOffice wrote."""
    ids = {}

    def renum(m):
        ids.setdefault(m.group(0), "ct%d" % (len(ids) + 1))
        return ids[m.group(0)]

    anns = {}

    def renum_ann(m):
        anns.setdefault(m.group(0), "__Annotation__%d" % (len(anns) + 1001))
        return anns[m.group(0)]

    for m in pkg.members:
        name = m[0]
        if name in ("content.xml", "styles.xml"):
            t = m[1].decode("utf-8")
            t = re.sub(r"\bct\d{6,}\b", renum, t)
            t = re.sub(r"__Annotation__\d+_\d+", renum_ann, t)
            m[1] = t.encode("utf-8")
        elif name == "settings.xml":
            t = m[1].decode("utf-8")
            t = re.sub(r'(config:name="Rsid(?:Root)?" config:type="int">)\d+', r"\g<1>0", t)
            m[1] = t.encode("utf-8")
    pkg.move_first("mimetype")
    pkg.members[0][2] = zipfile.ZIP_STORED


def pin_flat(path):
    with open(path, encoding="utf-8") as f:
        t = f.read()
    ids = {}

    def renum(m):
        ids.setdefault(m.group(0), "ct%d" % (len(ids) + 1))
        return ids[m.group(0)]
    anns = {}

    def renum_ann(m):
        anns.setdefault(m.group(0), "__Annotation__%d" % (len(anns) + 1001))
        return anns[m.group(0)]
    t = re.sub(r"\bct\d{6,}\b", renum, t)
    t = re.sub(r"__Annotation__\d+_\d+", renum_ann, t)
    t = re.sub(r'(config:name="Rsid(?:Root)?" config:type="int">)\d+', r"\g<1>0", t)
    write_text(path, t)


def convert(src, fmt, dst):
    """soffice-convert src to fmt and place the (byte-pinned) result at dst."""
    tmp = tempfile.mkdtemp(prefix="bilex-odf-")
    try:
        out = C.soffice(src, fmt, tmp)
        if fmt.split(":")[0] in ("fodt", "fods", "fodp"):
            shutil.copyfile(out, dst)
            pin_flat(dst)
            return dst
        pkg = C.Pkg.load(out)
        if fmt.split(":")[0] in ("odt", "ods", "odp"):
            pin_odf(pkg)
        pkg.save(dst)
        return dst
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def make_text():
    docx_dir = C.out_dir("docx")
    fodt = os.path.join(ODF, "notes.fodt")
    write_text(fodt, fodt_source())
    fodt_truth("fodt").write(fodt)
    odt = convert(fodt, "odt", os.path.join(ODF, "notes.odt"))
    fodt_truth("odt").write(odt)
    lodocx = convert(fodt, "docx", os.path.join(docx_dir, "notes-lo.docx"))
    fodt_truth("docx").write(lodocx)
    body = [zh("n044"), ko("n044"), zh("n047"), zh("n046"), ko("n046") + INS_KO, zh("n050")]
    C.expect_in(C.soffice_text(odt), body, "notes.odt")
    C.expect_in(package_text(odt), [FODT_HEADER, FODT_FOOTER, FOOTNOTE, CMT_TEXT, REPLY_TEXT,
                                    DEL_ZH, INS_KO], "notes.odt")
    C.expect_in(package_text(lodocx), [FODT_HEADER, FODT_FOOTER, FOOTNOTE, CMT_TEXT, REPLY_TEXT,
                                       DEL_ZH, INS_KO], "notes-lo.docx")
    check_lo_docx(lodocx)
    return [fodt, odt, lodocx]


def make_sheet():
    xlsx_dir = C.out_dir("xlsx")
    fods = os.path.join(ODF, "bilingual.fods")
    write_text(fods, fods_source())
    fods_truth("fods").write(fods)
    ods = convert(fods, "ods", os.path.join(ODF, "bilingual.ods"))
    fods_truth("ods").write(ods)
    loxlsx = convert(fods, "xlsx", os.path.join(xlsx_dir, "bilingual-lo.xlsx"))
    fods_truth("xlsx").write(loxlsx)
    # (LibreOffice 7.4's .fods export drops cell comments, so check the .ods it wrote)
    need = [zh("n054"), ko("n057"), FODS_NOTE, FODS_FAR, FODS_AFTER, SHEET1, SHEET2]
    C.expect_in(package_text(ods), need, "bilingual.ods")
    C.expect_in(package_text(loxlsx), need, "bilingual-lo.xlsx")
    return [fods, ods, loxlsx]


def make_pres():
    pptx_dir = C.out_dir("pptx")
    fodp = os.path.join(ODF, "notes.fodp")
    write_text(fodp, fodp_source())
    fodp_truth("fodp").write(fodp)
    odp = convert(fodp, "odp", os.path.join(ODF, "notes.odp"))
    fodp_truth("odp").write(odp)
    pptx = convert(fodp, "pptx", os.path.join(pptx_dir, "notes.pptx"))
    fodp_truth("pptx").write(pptx)
    check_pptx(pptx)
    need = [t for s in SLIDES for t in s] + [SLIDE_COMMENT, SLIDE2_BOX]
    C.expect_in(package_text(odp), need, "notes.odp")
    C.expect_in(package_text(pptx), need, "notes.pptx")
    return [fodp, odp, pptx]


def make_tracked_lo():
    """docx/tracked.docx as LibreOffice 7.4 writes it in flat ODF (needs make_docx.py first)."""
    tracked = os.path.join(C.out_dir("docx"), "tracked.docx")
    tlo = convert(tracked, "fodt", os.path.join(ODF, "tracked-lo.fodt"))
    tracked_lo_truth().write(tlo)
    return [tlo]


PARTS = {"text": make_text, "sheet": make_sheet, "pres": make_pres, "tracked": make_tracked_lo}


def main(argv):
    print("ODF fixtures (%s):" % C.soffice_version())
    for name in argv or list(PARTS):
        for p in PARTS[name]():
            C.report(p)


def package_text(path):
    """All XML text of a zip package, tags stripped (entities decoded)."""
    import html
    pkg = C.Pkg.load(path)
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", "", m[1].decode("utf-8", "replace")))
                     for m in pkg.members if m[0].endswith(".xml"))


def check_lo_docx(path):
    """Pin down how LibreOffice 7.4 writes comments and changes into DOCX (see README)."""
    pkg = C.Pkg.load(path)
    com = pkg.get("word/comments.xml").decode("utf-8")
    doc = pkg.get("word/document.xml").decode("utf-8")
    authors = re.findall(r'<w:comment w:id="(\d+)" w:author="([^"]+)"', com)
    assert [a for _, a in authors] == [AUTHOR_KO, AUTHOR_ZH], authors
    assert "commentsExtended" not in " ".join(pkg.names()), pkg.names()
    assert len(re.findall(r"<w:del ", doc)) > 1 and len(re.findall(r"<w:ins ", doc)) > 1


def check_pptx(path):
    names = C.Pkg.load(path).names()
    for need in ("ppt/notesSlides/notesSlide1.xml", "ppt/notesSlides/notesSlide2.xml",
                 "ppt/comments/comment1.xml", "ppt/commentAuthors.xml", "ppt/presentation.xml"):
        assert need in names, (need, names)


def tracked_lo_truth():
    tr = Truth()
    A, B = AUTHOR_ZH, AUTHOR_KO
    tr.add("body", "paragraph 1", zh("n027") + zh("n053"))
    tr.add("insertion", "insertion in paragraph 1", zh("n053"), A, D1)
    tr.add("body", "paragraph 2", ko("n027") + ko("n053"))
    tr.add("insertion", "insertion in paragraph 2", ko("n053"), B, D2)
    tr.add("deletion", "deletion in paragraph 3", zh("n029"), A, D1)
    tr.add("body", "paragraph 3", zh("n042"))
    tr.add("deletion", "deletion in paragraph 4", ko("n029"), B, D2)
    tr.add("body", "paragraph 4", ko("n042"))
    tr.add("body", "paragraph 5", zh("n034"))
    tr.add("deletion", "deletion in paragraph 5", zh("n032"), A, D3)
    tr.add("body", "paragraph 6", zh("n036") + zh("n032"))
    tr.add("insertion", "insertion in paragraph 6", zh("n032"), A, D3)
    tr.pair(zh("n027") + zh("n053"), ko("n027") + ko("n053"), "adjacent")
    tr.pair(zh("n042"), ko("n042"), "adjacent")
    tr.pair(zh("n053"), ko("n053"), "adjacent", optional=True)
    tr.pair(zh("n029"), ko("n029"), "adjacent", optional=True)
    tr.notes = (
        "docx/tracked.docx converted by LibreOffice 7.4 to FLAT ODF. Surprise: in .fodt LO "
        "writes DELETED text inline in the paragraph, between text:change-start and "
        "text:change-end, and the text:deletion element in text:tracked-changes holds only "
        "office:change-info (in .odt the same deletion's text sits inside text:deletion). So "
        "the text between change-start/change-end is an insertion or a deletion depending on "
        "the changed-region it names. The move became a plain deletion + insertion with "
        "bookmarks __RefMoveFrom__move1 / __RefMoveTo__move1. Change ids renumbered ct1.. "
        "after conversion; dates lost their Z.")
    return tr


if __name__ == "__main__":
    main(sys.argv[1:])

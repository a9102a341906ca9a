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
    tr.add("metadata", where_prefix + " dc:title", title)
    tr.add("metadata", where_prefix + " dc:subject", subject)
    for k in keywords:
        tr.add("metadata", where_prefix + " meta:keyword", k)
    tr.add("metadata", where_prefix + " meta:initial-creator", AUTHOR_ZH)
    tr.add("metadata", where_prefix + " dc:creator", AUTHOR_KO)
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
    tr.add("deletion", "paragraph 7", DEL_ZH, AUTHOR_ZH, D1 if variant != "docx" else C.DATE1)
    tr.add("body", "paragraph 7", zh("n046"))
    tr.add("body", "paragraph 8", ko("n046") + INS_KO)
    tr.add("insertion", "paragraph 8", INS_KO, AUTHOR_KO, D2 if variant != "docx" else C.DATE2)
    tr.add("cell", "table 1 A1", zh("n050"))
    tr.add("cell", "table 1 B1", ko("n050"))
    tr.add("cell", "table 1 A2", zh("n052"))
    tr.add("cell", "table 1 B2", ko("n052"))
    tr.add("body", "paragraph 9", C.N["solo-ko-09"]["KO"])
    tr.add("header", "header", FODT_HEADER)
    tr.add("footer", "footer", FODT_FOOTER)
    tr.add("footnote", "footnote 1", FOOTNOTE, anchor="paragraph 5")
    d1, d2 = (D1, D2) if variant != "docx" else (C.DATE1, C.DATE2)
    tr.add("comment", "comment 1 on paragraph 3", CMT_TEXT, AUTHOR_ZH, d1, anchor_text=CMT_ANCHOR)
    if variant == "fodt":
        tr.add("reply", "comment 2 on paragraph 3", REPLY_TEXT, AUTHOR_KO, d2, parent="comment 1")
    else:
        tr.add("comment", "comment 2 on paragraph 3", REPLY_TEXT, AUTHOR_KO, d2)
    tr.pair(H1, H2, "adjacent")
    for i in ("n044", "n047"):
        tr.pair(zh(i), ko(i), "adjacent")
    tr.pair(zh("n046"), ko("n046") + INS_KO, "adjacent")
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
            "is a separate comment (placed before its parent in the XML: LO writes annotations "
            "that start at the same position in reverse order).")
    else:
        tr.notes = (
            "LibreOffice 7.4's DOCX export of notes.fodt (the reply link is lost: 7.4 neither "
            "reads loext:parent-name nor writes w15:paraIdParent). LO writes w:ins/w:del split "
            "into several elements (one per script run: Hangul vs Latin vs punctuation), each "
            "with its own w:id and the same author/date: merge adjacent ones. Comment dates "
            "gain a trailing Z. Header/footer: word/header1.xml, footer1.xml; footnote in "
            "word/footnotes.xml.")
        tr.segments = [s for s in tr.segments if s["kind"] != "metadata"]
        tr.add("metadata", "docProps/core.xml dc:title", FODT_TITLE)
        tr.add("metadata", "docProps/core.xml dc:subject", FODT_SUBJECT)
        tr.add("metadata", "docProps/core.xml dc:creator", AUTHOR_ZH)
        tr.add("metadata", "docProps/core.xml cp:lastModifiedBy", AUTHOR_KO)
    return tr


# =========================================================================== main

def main():
    print("ODF fixtures (%s):" % C.soffice_version())
    tmp = tempfile.mkdtemp(prefix="bilex-odf-")
    made = []
    fodt = os.path.join(ODF, "notes.fodt")
    write_text(fodt, fodt_source())
    fodt_truth("fodt").write(fodt)
    made.append(fodt)
    out = C.soffice(fodt, "odt", tmp)
    shutil.rmtree(tmp, ignore_errors=True)
    for p in made:
        C.report(p)


if __name__ == "__main__":
    main()

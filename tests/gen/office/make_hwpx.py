#!/usr/bin/python3
"""Write the HWPX fixtures in tests/data/hwpx/ (Hancom OWPML / KS X 6101 packages).

No HWPX writer exists on Debian, so the packages are put together here with zipfile,
copying the STRUCTURE of files Hancom Office writes (see README.md, "HWPX", for the public
samples this is based on):

  notes.hwpx       section0.xml with hp:p/hp:run/hp:t paragraphs (one with an hp:tab), a
                   header and footer (hp:ctrl/hp:header|hp:footer/hp:subList), a footnote
                   (hp:ctrl/hp:footNote/hp:subList with hp:autoNum), a 2x2 table
                   (hp:tbl/hp:tr/hp:tc/hp:subList/hp:p + hp:cellAddr), and a memo in the shape
                   Hancom Hangul itself writes: hp:fieldBegin type="MEMO" whose hp:subList holds
                   the memo text and whose parameters carry Author / CreateDateTime, closed by
                   hp:fieldEnd after the commented text.  content.hpf carries title/creator/dates.
  memogroup.hwpx   the other memo shape (KS X 6101 hp:memogroup/hp:memo/hp:paraList at the end
                   of the section, as python-hwpx writes it; the field's subList holds only the
                   memo id).  Hangul 2024 reportedly ignores this shape, so it is a robustness case.

Member order follows Hancom's: mimetype (first, stored), version.xml, Contents/header.xml,
Contents/section0.xml, Preview/PrvText.txt, settings.xml, META-INF/container.rdf,
Contents/content.hpf, META-INF/container.xml, META-INF/manifest.xml.
Run: /usr/bin/python3 tests/gen/office/make_hwpx.py
"""
import calendar
import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
from common import AUTHOR_KO, AUTHOR_ZH, DATE1, DATE2, DATE3, Truth, ko, zh  # noqa: E402

from lxml import etree  # noqa: E402

OUT = C.out_dir("hwpx")
X = C.xml_escape

NSDECL = (
    'xmlns:ha="http://www.hancom.co.kr/hwpml/2011/app" '
    'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph" '
    'xmlns:hp10="http://www.hancom.co.kr/hwpml/2016/paragraph" '
    'xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" '
    'xmlns:hc="http://www.hancom.co.kr/hwpml/2011/core" '
    'xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head" '
    'xmlns:hhs="http://www.hancom.co.kr/hwpml/2011/history" '
    'xmlns:hm="http://www.hancom.co.kr/hwpml/2011/master-page" '
    'xmlns:hpf="http://www.hancom.co.kr/schema/2011/hpf" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:opf="http://www.idpf.org/2007/opf/" '
    'xmlns:ooxmlchart="http://www.hancom.co.kr/hwpml/2016/ooxmlchart" '
    'xmlns:hwpunitchar="http://www.hancom.co.kr/hwpml/2016/HwpUnitChar" '
    'xmlns:epub="http://www.idpf.org/2007/ops" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"')
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>'
TEXT_W = 48188          # text width of an A4 page with Hancom's default margins (HWPUNIT)
SUBLIST = ('<hp:subList id="" textDirection="HORIZONTAL" lineWrap="BREAK" vertAlign="%s" '
           'linkListIDRef="0" linkListNextIDRef="0" textWidth="%d" textHeight="%d" hasTextRef="0" '
           'hasNumRef="0">')
MEMO_FIELDID = 623209829     # Hangul's field id for memos (HWP5 control id '%%me')


# --------------------------------------------------------------------------- package parts

def version_xml():
    return (DECL + '<hv:HCFVersion xmlns:hv="http://www.hancom.co.kr/hwpml/2011/version" '
            'tagetApplication="WORDPROCESSOR" major="5" minor="1" micro="1" buildNumber="0" os="1" '
            'xmlVersion="1.5" application="Hancom Office Hangul" '
            'appVersion="12, 0, 0, 535 WIN32LEWindows_10"/>')


def fontfaces():
    langs = ("HANGUL", "LATIN", "HANJA", "JAPANESE", "OTHER", "SYMBOL", "USER")
    return ('<hh:fontfaces itemCnt="7">%s</hh:fontfaces>' % "".join(
        '<hh:fontface lang="%s" fontCnt="2"><hh:font id="0" face="함초롬돋움" type="TTF" '
        'isEmbedded="0"><hh:typeInfo familyType="FCAT_GOTHIC" weight="6" proportion="4" '
        'contrast="0" strokeVariation="1" armStyle="1" letterform="1" midline="1" xHeight="1"/>'
        '</hh:font><hh:font id="1" face="함초롬바탕" type="TTF" isEmbedded="0"><hh:typeInfo '
        'familyType="FCAT_GOTHIC" weight="6" proportion="4" contrast="0" strokeVariation="1" '
        'armStyle="1" letterform="1" midline="1" xHeight="1"/></hh:font></hh:fontface>' % lang
        for lang in langs))


def char_pr(cid, height, bold=False):
    langs = ("hangul", "latin", "hanja", "japanese", "other", "symbol", "user")

    def attrs(v):
        return " ".join('%s="%s"' % (lang, v) for lang in langs)
    return ('<hh:charPr id="%d" height="%d" textColor="#000000" shadeColor="none" useFontSpace="0" '
            'useKerning="0" symMark="NONE" borderFillIDRef="2"><hh:fontRef %s/><hh:ratio %s/>'
            '<hh:spacing %s/><hh:relSz %s/><hh:offset %s/>%s<hh:underline type="NONE" shape="SOLID" '
            'color="#000000"/><hh:strikeout shape="NONE" color="#000000"/><hh:outline type="NONE"/>'
            '<hh:shadow type="NONE" color="#C0C0C0" offsetX="10" offsetY="10"/></hh:charPr>'
            % (cid, height, attrs(1), attrs(100), attrs(0), attrs(100), attrs(0),
               "<hh:bold/>" if bold else ""))


def para_pr(pid, align):
    return ('<hh:paraPr id="%d" tabPrIDRef="0" condense="0" fontLineHeight="0" snapToGrid="1" '
            'suppressLineNumbers="0" checked="0"><hh:align horizontal="%s" vertical="BASELINE"/>'
            '<hh:heading type="NONE" idRef="0" level="0"/><hh:breakSetting breakLatinWord="KEEP_WORD" '
            'breakNonLatinWord="KEEP_WORD" widowOrphan="0" keepWithNext="0" keepLines="0" '
            'pageBreakBefore="0" lineWrap="BREAK"/><hh:autoSpacing eAsianEng="0" eAsianNum="0"/>'
            '<hh:margin><hc:intent value="0" unit="HWPUNIT"/><hc:left value="0" unit="HWPUNIT"/>'
            '<hc:right value="0" unit="HWPUNIT"/><hc:prev value="0" unit="HWPUNIT"/>'
            '<hc:next value="0" unit="HWPUNIT"/></hh:margin><hh:lineSpacing type="PERCENT" value="160" '
            'unit="HWPUNIT"/><hh:border borderFillIDRef="2" offsetLeft="0" offsetRight="0" '
            'offsetTop="0" offsetBottom="0" connect="0" ignoreMargin="0"/></hh:paraPr>' % (pid, align))


def border_fill(bid, line):
    side = ''.join('<hh:%sBorder type="%s" width="0.12 mm" color="#000000"/>' % (s, line)
                   for s in ("left", "right", "top", "bottom"))
    return ('<hh:borderFill id="%d" threeD="0" shadow="0" centerLine="NONE" breakCellSeparateLine="0">'
            '<hh:slash type="NONE" Crooked="0" isCounter="0"/><hh:backSlash type="NONE" Crooked="0" '
            'isCounter="0"/>%s<hh:diagonal type="SOLID" width="0.1 mm" color="#000000"/>'
            '</hh:borderFill>' % (bid, side))


def header_xml():
    return (DECL + '<hh:head %s version="1.5" secCnt="1">'
            '<hh:beginNum page="1" footnote="1" endnote="1" pic="1" tbl="1" equation="1"/>'
            '<hh:refList>%s'
            '<hh:borderFills itemCnt="3">%s%s%s</hh:borderFills>'
            '<hh:charProperties itemCnt="3">%s%s%s</hh:charProperties>'
            '<hh:tabProperties itemCnt="1"><hh:tabPr id="0" autoTabLeft="0" autoTabRight="0"/>'
            '</hh:tabProperties>'
            '<hh:paraProperties itemCnt="2">%s%s</hh:paraProperties>'
            '<hh:styles itemCnt="3">'
            '<hh:style id="0" type="PARA" name="바탕글" engName="Normal" paraPrIDRef="0" '
            'charPrIDRef="0" nextStyleIDRef="0" langID="1042" lockForm="0"/>'
            '<hh:style id="1" type="PARA" name="각주" engName="Footnote" paraPrIDRef="0" '
            'charPrIDRef="2" nextStyleIDRef="1" langID="1042" lockForm="0"/>'
            '<hh:style id="2" type="PARA" name="메모" engName="Memo" paraPrIDRef="0" '
            'charPrIDRef="2" nextStyleIDRef="2" langID="1042" lockForm="0"/>'
            '</hh:styles>'
            '<hh:memoProperties itemCnt="1"><hh:memoPr id="0" width="15591" lineWidth="0.6mm" '
            'lineType="SOLID" lineColor="#B6D7AE" fillColor="#F0FFE9" activeColor="#CFF1C7" '
            'memoType="NOMAL"/></hh:memoProperties>'
            '</hh:refList>'
            '<hh:compatibleDocument targetProgram="HWP201X"><hh:layoutCompatibility/>'
            '</hh:compatibleDocument><hh:docOption><hh:linkinfo path="" pageInherit="0" '
            'footnoteInherit="0"/></hh:docOption><hh:trackchageConfig flags="56"/></hh:head>'
            % (NSDECL, fontfaces(), border_fill(1, "NONE"), border_fill(2, "NONE"),
               border_fill(3, "SOLID"), char_pr(0, 1000), char_pr(1, 1600, True), char_pr(2, 900),
               para_pr(0, "JUSTIFY"), para_pr(1, "CENTER")))


def content_hpf(title, creator, lastsaveby, created, modified):
    return (DECL + '<opf:package %s version="" unique-identifier="" id="">'
            '<opf:metadata><opf:title>%s</opf:title><opf:language>ko</opf:language>'
            '<opf:meta name="creator" content="text">%s</opf:meta>'
            '<opf:meta name="subject" content="text"/><opf:meta name="description" content="text"/>'
            '<opf:meta name="lastsaveby" content="text">%s</opf:meta>'
            '<opf:meta name="CreatedDate" content="text">%s</opf:meta>'
            '<opf:meta name="ModifiedDate" content="text">%s</opf:meta>'
            '<opf:meta name="date" content="text">2024년 3월 5일 화요일 오후 2:00:00</opf:meta>'
            '<opf:meta name="keyword" content="text"/></opf:metadata>'
            '<opf:manifest><opf:item id="header" href="Contents/header.xml" media-type="application/xml"/>'
            '<opf:item id="section0" href="Contents/section0.xml" media-type="application/xml"/>'
            '<opf:item id="settings" href="settings.xml" media-type="application/xml"/></opf:manifest>'
            '<opf:spine><opf:itemref idref="header" linear="yes"/>'
            '<opf:itemref idref="section0" linear="yes"/></opf:spine></opf:package>'
            % (NSDECL, X(title), X(creator), X(lastsaveby), created, modified))


CONTAINER_XML = (DECL + '<ocf:container xmlns:ocf="urn:oasis:names:tc:opendocument:xmlns:container" '
                 'xmlns:hpf="http://www.hancom.co.kr/schema/2011/hpf"><ocf:rootfiles>'
                 '<ocf:rootfile full-path="Contents/content.hpf" media-type="application/hwpml-package+xml"/>'
                 '<ocf:rootfile full-path="Preview/PrvText.txt" media-type="text/plain"/>'
                 '<ocf:rootfile full-path="META-INF/container.rdf" media-type="application/rdf+xml"/>'
                 '</ocf:rootfiles></ocf:container>')
CONTAINER_RDF = (DECL + '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
                 '<rdf:Description rdf:about=""><ns0:hasPart '
                 'xmlns:ns0="http://www.hancom.co.kr/hwpml/2016/meta/pkg#" '
                 'rdf:resource="Contents/header.xml"/></rdf:Description>'
                 '<rdf:Description rdf:about="Contents/header.xml"><rdf:type '
                 'rdf:resource="http://www.hancom.co.kr/hwpml/2016/meta/pkg#HeaderFile"/></rdf:Description>'
                 '<rdf:Description rdf:about=""><ns0:hasPart '
                 'xmlns:ns0="http://www.hancom.co.kr/hwpml/2016/meta/pkg#" '
                 'rdf:resource="Contents/section0.xml"/></rdf:Description>'
                 '<rdf:Description rdf:about="Contents/section0.xml"><rdf:type '
                 'rdf:resource="http://www.hancom.co.kr/hwpml/2016/meta/pkg#SectionFile"/></rdf:Description>'
                 '<rdf:Description rdf:about=""><rdf:type '
                 'rdf:resource="http://www.hancom.co.kr/hwpml/2016/meta/pkg#Document"/></rdf:Description>'
                 '</rdf:RDF>')
MANIFEST_XML = (DECL + '<odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
SETTINGS_XML = (DECL + '<ha:HWPApplicationSetting xmlns:ha="http://www.hancom.co.kr/hwpml/2011/app" '
                'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0">'
                '<ha:CaretPosition listIDRef="0" paraIDRef="0" pos="0"/></ha:HWPApplicationSetting>')


def package(section, prvtext, meta):
    parts = [
        ("mimetype", b"application/hwp+zip", zipfile.ZIP_STORED),
        ("version.xml", version_xml(), zipfile.ZIP_DEFLATED),
        ("Contents/header.xml", header_xml(), zipfile.ZIP_DEFLATED),
        ("Contents/section0.xml", section, zipfile.ZIP_DEFLATED),
        ("Preview/PrvText.txt", prvtext.encode("utf-8"), zipfile.ZIP_DEFLATED),
        ("settings.xml", SETTINGS_XML, zipfile.ZIP_DEFLATED),
        ("META-INF/container.rdf", CONTAINER_RDF, zipfile.ZIP_DEFLATED),
        ("Contents/content.hpf", content_hpf(*meta), zipfile.ZIP_DEFLATED),
        ("META-INF/container.xml", CONTAINER_XML, zipfile.ZIP_DEFLATED),
        ("META-INF/manifest.xml", MANIFEST_XML, zipfile.ZIP_DEFLATED),
    ]
    pkg = C.Pkg()
    for name, data, comp in parts:
        pkg.add(name, data, comp)
        if name.endswith(".xml") or name.endswith(".hpf") or name.endswith(".rdf"):
            etree.fromstring(pkg.get(name))       # well-formed
    return pkg


# --------------------------------------------------------------------------- section XML

class Sec:
    def __init__(self):
        self.vert = 0

    def lineseg(self, height=1000):
        v = self.vert
        self.vert += height + 600
        return ('<hp:linesegarray><hp:lineseg textpos="0" vertpos="%d" vertsize="%d" textheight="%d" '
                'baseline="%d" spacing="600" horzpos="0" horzsize="%d" flags="393216"/>'
                '</hp:linesegarray>' % (v, height, height, height * 85 // 100, TEXT_W))

    def para(self, runs, pid="0", para_pr=0, style=0):
        return ('<hp:p id="%s" paraPrIDRef="%d" styleIDRef="%d" pageBreak="0" columnBreak="0" '
                'merged="0">%s%s</hp:p>' % (pid, para_pr, style, runs, self.lineseg()))


def t(text):
    return "<hp:t>%s</hp:t>" % X(text, quote=False)


def run(inner, char_pr=0):
    return '<hp:run charPrIDRef="%d">%s</hp:run>' % (char_pr, inner)


def sub_para(text, char_pr=0, style=0, pid="0", prefix=""):
    return ('<hp:p id="%s" paraPrIDRef="0" styleIDRef="%d" pageBreak="0" columnBreak="0" merged="0">'
            '<hp:run charPrIDRef="%d">%s%s</hp:run><hp:linesegarray><hp:lineseg textpos="0" '
            'vertpos="0" vertsize="900" textheight="900" baseline="765" spacing="540" horzpos="0" '
            'horzsize="%d" flags="393216"/></hp:linesegarray></hp:p>'
            % (pid, style, char_pr, prefix, t(text), TEXT_W))


SEC_PR = (
    '<hp:secPr id="" textDirection="HORIZONTAL" spaceColumns="1134" tabStop="8000" tabStopVal="4000" '
    'tabStopUnit="HWPUNIT" outlineShapeIDRef="1" memoShapeIDRef="0" textVerticalWidthHead="0" '
    'masterPageCnt="0"><hp:grid lineGrid="0" charGrid="0" wonggojiFormat="0"/><hp:startNum '
    'pageStartsOn="BOTH" page="0" pic="0" tbl="0" equation="0"/><hp:visibility hideFirstHeader="0" '
    'hideFirstFooter="0" hideFirstMasterPage="0" border="SHOW_ALL" fill="SHOW_ALL" '
    'hideFirstPageNum="0" hideFirstEmptyLine="0" showLineNumber="0"/><hp:lineNumberShape '
    'restartType="0" countBy="0" distance="0" startNumber="0"/><hp:pagePr landscape="WIDELY" '
    'width="59528" height="84188" gutterType="LEFT_ONLY"><hp:margin header="4251" footer="4251" '
    'gutter="0" left="5669" right="5669" top="5669" bottom="4251"/></hp:pagePr><hp:footNotePr>'
    '<hp:autoNumFormat type="DIGIT" userChar="" prefixChar="" suffixChar=")" supscript="0"/>'
    '<hp:noteLine length="-1" type="SOLID" width="0.12 mm" color="#000000"/><hp:noteSpacing '
    'betweenNotes="283" belowLine="567" aboveLine="850"/><hp:numbering type="CONTINUOUS" newNum="1"/>'
    '<hp:placement place="EACH_COLUMN" beneathText="0"/></hp:footNotePr><hp:endNotePr>'
    '<hp:autoNumFormat type="DIGIT" userChar="" prefixChar="" suffixChar=")" supscript="0"/>'
    '<hp:noteLine length="14692344" type="SOLID" width="0.12 mm" color="#000000"/><hp:noteSpacing '
    'betweenNotes="0" belowLine="567" aboveLine="850"/><hp:numbering type="CONTINUOUS" newNum="1"/>'
    '<hp:placement place="END_OF_DOCUMENT" beneathText="0"/></hp:endNotePr><hp:pageBorderFill '
    'type="BOTH" borderFillIDRef="1" textBorder="PAPER" headerInside="0" footerInside="0" '
    'fillArea="PAPER"><hp:offset left="1417" right="1417" top="1417" bottom="1417"/>'
    '</hp:pageBorderFill></hp:secPr>'
    '<hp:ctrl><hp:colPr id="" type="NEWSPAPER" layout="LEFT" colCount="1" sameSz="1" sameGap="0"/>'
    '</hp:ctrl>')


def header_footer(kind, hid, text):
    return ('<hp:ctrl><hp:%s id="%d" applyPageType="BOTH">%s%s</hp:subList></hp:%s></hp:ctrl>'
            % (kind, hid, SUBLIST % ("TOP" if kind == "header" else "BOTTOM", TEXT_W, 4251),
               sub_para(text), kind))


def footnote(num, text):
    auto = ('<hp:ctrl><hp:autoNum num="%d" numType="FOOTNOTE"><hp:autoNumFormat type="DIGIT" '
            'userChar="" prefixChar="" suffixChar=")" supscript="0"/></hp:autoNum></hp:ctrl>' % num)
    return ('<hp:ctrl><hp:footNote number="%d" suffixChar="41" instId="1115242634">%s%s'
            '</hp:subList></hp:footNote></hp:ctrl>'
            % (num, SUBLIST % ("TOP", 0, 0), sub_para(" " + text, 2, 1, prefix=auto)))


def filetime(iso):
    secs = calendar.timegm((int(iso[0:4]), int(iso[5:7]), int(iso[8:10]), int(iso[11:13]),
                            int(iso[14:16]), int(iso[17:19]), 0, 0, 0))
    return (secs + 11644473600) * 10_000_000


def memo_begin(fid, number, author, date, paragraphs):
    ft = filetime(date)
    return ('<hp:ctrl><hp:fieldBegin id="%d" type="MEMO" name="" editable="1" dirty="1" zorder="%d" '
            'fieldid="%d" metaTag=""><hp:parameters cnt="7" name="">'
            '<hp:integerParam name="Prop">0</hp:integerParam>'
            '<hp:stringParam name="Command">MEMO/65535/%d/%d/%d/%s/\\;;</hp:stringParam>'
            '<hp:stringParam name="ID">memo%d</hp:stringParam>'
            '<hp:integerParam name="Number">%d</hp:integerParam>'
            '<hp:stringParam name="Author">%s</hp:stringParam>'
            '<hp:stringParam name="MemoShapeIDRef">65535</hp:stringParam>'
            '<hp:stringParam name="CreateDateTime">%s</hp:stringParam>'
            '</hp:parameters>%s%s</hp:subList></hp:fieldBegin></hp:ctrl>'
            % (fid, number, MEMO_FIELDID, number, ft & 0xFFFFFFFF, ft >> 32, X(author), number,
               number, X(author), date, SUBLIST % ("TOP", 0, 0),
               "".join(sub_para(p, 2, 2) for p in paragraphs)))


def memo_end(fid):
    return '<hp:ctrl><hp:fieldEnd beginIDRef="%d" fieldid="%d"/></hp:ctrl>' % (fid, MEMO_FIELDID)


def table(rows, tid):
    cw = TEXT_W // 2
    trs = []
    for r, cells in enumerate(rows):
        tcs = []
        for c, text in enumerate(cells):
            tcs.append('<hp:tc name="" header="0" hasMargin="0" protect="0" editable="0" dirty="0" '
                       'borderFillIDRef="3">%s%s</hp:subList><hp:cellAddr colAddr="%d" rowAddr="%d"/>'
                       '<hp:cellSpan colSpan="1" rowSpan="1"/><hp:cellSz width="%d" height="2400"/>'
                       '<hp:cellMargin left="510" right="510" top="141" bottom="141"/></hp:tc>'
                       % (SUBLIST % ("CENTER", 0, 0), sub_para(text, pid="2147483648"), c, r, cw))
        trs.append("<hp:tr>%s</hp:tr>" % "".join(tcs))
    return ('<hp:tbl id="%d" zOrder="0" numberingType="TABLE" textWrap="TOP_AND_BOTTOM" '
            'textFlow="BOTH_SIDES" lock="0" dropcapstyle="None" pageBreak="CELL" repeatHeader="1" '
            'rowCnt="%d" colCnt="2" cellSpacing="0" borderFillIDRef="3" noAdjust="0">'
            '<hp:sz width="%d" widthRelTo="ABSOLUTE" height="%d" heightRelTo="ABSOLUTE" protect="0"/>'
            '<hp:pos treatAsChar="1" affectLSpacing="0" flowWithText="1" allowOverlap="0" '
            'holdAnchorAndSO="0" vertRelTo="PARA" horzRelTo="PARA" vertAlign="TOP" horzAlign="LEFT" '
            'vertOffset="0" horzOffset="0"/><hp:outMargin left="283" right="283" top="283" bottom="283"/>'
            '<hp:inMargin left="510" right="510" top="141" bottom="141"/>%s</hp:tbl>'
            % (tid, len(rows), cw * 2, 2400 * len(rows), "".join(trs)))


def section(paras):
    return DECL + '<hs:sec %s>%s</hs:sec>' % (NSDECL, "".join(paras))


# --------------------------------------------------------------------------- notes.hwpx

TITLE_A, TITLE_B = "제12회", "동화 수정의견"
HDR = "《星之旅》第12集 动画修改（内部）"
FTR = "평양 제작소 전달용"
FOOT = C.N["solo-ko-06"]["KO"]
MEMO_PRE, MEMO_ANCHOR, MEMO_POST = "S012 C034 ", "동화 장수가 모자랍니다.", " 촬영표대로 보충하여 그려주십시오."
assert MEMO_PRE + MEMO_ANCHOR + MEMO_POST == ko("n018")
MEMO_TEXT = C.N["solo-ko-05"]["KO"]
TBL = (("n025", "n026"))


def make_notes():
    s = Sec()
    p = []
    # paragraph 1: section properties, header/footer controls and the title (with a tab)
    p.append(s.para(run(SEC_PR) + run(header_footer("header", 1, HDR) + header_footer("footer", 2, FTR))
                    + run('<hp:t>%s<hp:tab width="4000" leader="0" type="1"/>%s</hp:t>'
                          % (X(TITLE_A), X(TITLE_B)), 1), pid="2764991984", para_pr=1))
    p.append(s.para(run(t(zh("n021")))))
    p.append(s.para(run(t(ko("n021")))))
    p.append(s.para(run(t(zh("n022")) + footnote(1, FOOT))))
    p.append(s.para(run(t(ko("n022")))))
    p.append(s.para(run(table([(zh(i), ko(i)) for i in TBL], 1978321456) + "<hp:t/>")))
    p.append(s.para(run(t(zh("n018")))))
    p.append(s.para(run(t(MEMO_PRE) + memo_begin(1900000001, 1, AUTHOR_KO, DATE2, [MEMO_TEXT])
                        + t(MEMO_ANCHOR) + memo_end(1900000001) + t(MEMO_POST))))
    p.append(s.para(run(t(C.N["solo-ko-09"]["KO"]))))
    sec = section(p)
    prv = "\r\n".join([TITLE_A + "\t" + TITLE_B, zh("n021"), ko("n021"), zh("n022"), ko("n022"),
                       "".join("<%s><%s>" % (zh(i), ko(i)) for i in TBL), zh("n018"), ko("n018"),
                       C.N["solo-ko-09"]["KO"]]) + "\r\n"
    meta = ("제12회 동화 수정의견", AUTHOR_KO, AUTHOR_KO, DATE1, DATE3)
    pkg = package(sec, prv, meta)
    path = os.path.join(OUT, "notes.hwpx")
    pkg.save(path)

    tr = Truth()
    tr.add("body", "paragraph 1", TITLE_A + "\t" + TITLE_B)
    tr.add("header", "header 1", HDR)
    tr.add("footer", "footer 1", FTR)
    tr.add("body", "paragraph 2", zh("n021"))
    tr.add("body", "paragraph 3", ko("n021"))
    tr.add("body", "paragraph 4", zh("n022"))
    tr.add("footnote", "footnote 1", FOOT, anchor="paragraph 4")
    tr.add("body", "paragraph 5", ko("n022"))
    for r, i in enumerate(TBL, 1):
        tr.add("cell", "table 1 A%d" % r, zh(i))
        tr.add("cell", "table 1 B%d" % r, ko(i))
        tr.pair(zh(i), ko(i), "cell")
    tr.add("body", "paragraph 7", zh("n018"))
    tr.add("body", "paragraph 8", ko("n018"))
    tr.add("comment", "memo 1 on paragraph 8", MEMO_TEXT, AUTHOR_KO, DATE2, anchor_text=MEMO_ANCHOR)
    tr.add("body", "paragraph 9", C.N["solo-ko-09"]["KO"])
    tr.add("body", "Preview/PrvText.txt", prv, optional=True, part="preview")
    tr.add("metadata", "property title", "제12회 동화 수정의견")
    tr.add("metadata", "property creator", AUTHOR_KO, optional=True)
    tr.add("metadata", "property lastsaveby", AUTHOR_KO, optional=True)
    tr.extra["metadata"] = {"title": "제12회 동화 수정의견", "creator": AUTHOR_KO,
                            "lastsaveby": AUTHOR_KO, "CreatedDate": DATE1, "ModifiedDate": DATE3}
    for i in ("n021", "n022", "n018"):
        tr.pair(zh(i), ko(i), "adjacent")
    tr.notes = (
        "Paragraphs: top-level hp:p of hs:sec, 1-based (paragraph 6 holds only the table). The "
        "heading's hp:t contains an <hp:tab/> element = a TAB character. Header/footer/footnote/"
        "memo texts sit in hp:subList inside hp:ctrl within runs of the body paragraphs 1, 4 and 8 "
        "and are NOT part of those paragraphs' text. The footnote paragraph starts with an "
        "hp:autoNum control then ' ' (leading space dropped in the truth). The memo is a field: "
        "hp:fieldBegin type=MEMO (author and CreateDateTime in hp:parameters; memo text in its "
        "hp:subList) ... commented text ... hp:fieldEnd. Table cells: hp:cellAddr colAddr/rowAddr "
        "-> table 1 A1. Preview/PrvText.txt (UTF-8, CRLF, table cells as <..>) repeats the body: "
        "report it (optional, part=preview) or skip it; its text must not be taken as more paragraphs. Structure copied from "
        "Hancom-written files (see tests/gen/office/README.md).")
    tr.write(path)
    return path


# --------------------------------------------------------------------------- memogroup.hwpx

def make_memogroup():
    s = Sec()
    MTXT = zh("n015")
    p = [s.para(run(SEC_PR) + run(t(zh("n014"))), pid="3121190098"),
         s.para(run('<hp:ctrl><hp:fieldBegin id="1" type="MEMO" name="" editable="0" dirty="0" '
                    'zorder="1" fieldid="%d" metaTag=""><hp:parameters cnt="5" name="">'
                    '<hp:stringParam name="ID">1</hp:stringParam>'
                    '<hp:integerParam name="Number">1</hp:integerParam>'
                    '<hp:stringParam name="Author">%s</hp:stringParam>'
                    '<hp:stringParam name="MemoShapeID">0</hp:stringParam>'
                    '<hp:stringParam name="CreateDateTime">2024-03-04 09:15:00</hp:stringParam>'
                    '</hp:parameters><hp:subList id="memo-field-1" textDirection="HORIZONTAL" '
                    'lineWrap="BREAK" vertAlign="TOP" linkListIDRef="0" linkListNextIDRef="0" '
                    'textWidth="0" textHeight="0" hasTextRef="0" hasNumRef="0">%s</hp:subList>'
                    '</hp:fieldBegin></hp:ctrl>' % (MEMO_FIELDID, AUTHOR_ZH, sub_para("1"))
                    + t(ko("n014")) + '<hp:ctrl><hp:fieldEnd beginIDRef="1" fieldid="%d"/></hp:ctrl>'
                    % MEMO_FIELDID)),
         '<hp:memogroup><hp:memo id="1" memoShapeIDRef="0"><hp:paraList>%s</hp:paraList></hp:memo>'
         '</hp:memogroup>' % sub_para(MTXT)]
    sec = section(p)
    prv = zh("n014") + "\r\n" + ko("n014") + "\r\n"
    pkg = package(sec, prv, ("女孩子的动作", AUTHOR_ZH, AUTHOR_KO, DATE1, DATE1))
    path = os.path.join(OUT, "memogroup.hwpx")
    pkg.save(path)
    tr = Truth()
    tr.add("body", "paragraph 1", zh("n014"))
    tr.add("body", "paragraph 2", ko("n014"))
    tr.add("comment", "memo 1 on paragraph 2", MTXT, AUTHOR_ZH, "2024-03-04 09:15:00",
           anchor_text=ko("n014"))
    tr.add("body", "Preview/PrvText.txt", prv, optional=True, part="preview")
    tr.add("metadata", "property title", "女孩子的动作")
    tr.add("metadata", "property creator", AUTHOR_ZH, optional=True)
    tr.add("metadata", "property lastsaveby", AUTHOR_KO, optional=True)
    tr.pair(zh("n014"), ko("n014"), "adjacent")
    tr.notes = (
        "Memo in the KS X 6101 / python-hwpx shape: the memo text lives in "
        "hs:sec/hp:memogroup/hp:memo[@id=1]/hp:paraList (a direct child of hs:sec, after the "
        "paragraphs, NOT a paragraph: it must not become 'paragraph 3'); the hp:fieldBegin "
        "type=MEMO in paragraph 2 carries Author/CreateDateTime and its subList holds only the "
        "memo id '1' (not memo text: do not report it). Join them by the ID parameter = memo id. "
        "Hangul itself writes the memo text inside the field's subList instead (see notes.hwpx).")
    tr.write(path)
    return path


HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"


def para_text(p):
    """Text of an hp:p, leaving out everything under hp:ctrl (headers, notes, memos, tables)."""
    out = []

    def walk(e, inside_ctrl):
        if e.tag == HP + "ctrl" or e.tag == HP + "tbl":
            return
        if e.tag == HP + "t":
            out.append(e.text or "")
            for ch in e:
                if ch.tag == HP + "tab":
                    out.append("\t")
                elif ch.tag == HP + "lineBreak":
                    out.append("\n")
                out.append(ch.tail or "")
            return
        for ch in e:
            walk(ch, inside_ctrl)
    walk(p, False)
    return "".join(out)


def self_check(path):
    """The truth's paragraph texts must be what a straightforward reading of the XML gives."""
    import json
    pkg = C.Pkg.load(path)
    assert pkg.names()[0] == "mimetype" and pkg.members[0][2] == zipfile.ZIP_STORED
    sec = etree.fromstring(pkg.get("Contents/section0.xml"))
    paras = [para_text(p) for p in sec if p.tag == HP + "p"]
    with open(path + ".truth.json", encoding="utf-8") as f:
        truth = json.load(f)
    for sg in truth["segments"]:
        if sg["where"].startswith("paragraph ") and sg["kind"] in ("body", "heading"):
            n = int(sg["where"].split()[1])
            assert paras[n - 1] == sg["text"], (path, n, paras[n - 1], sg["text"])
    texts = "".join(sec.itertext())
    for sg in truth["segments"]:
        if sg["kind"] in ("comment", "footnote", "header", "footer", "cell"):
            assert sg["text"] in texts, (path, sg)


def main():
    print("HWPX fixtures (hand-built OWPML packages):")
    for p in (make_notes(), make_memogroup()):
        self_check(p)
        C.report(p)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Write the HWP 5 fixtures in tests/data/hwp/ (Hancom Hangul's binary format).

Nothing on Debian writes HWP 5, so the files are assembled here after the public "HWP 5.0
document file structure" specification (revision 1.3, Hancom), in a compound file written by
cfbwriter.py and read back with olefile:

  FileHeader     256 bytes: "HWP Document File", version 5.1.1.0, properties (bit 0 =
                 compressed, bit 1 = password).
  DocInfo        raw-deflate records: HWPTAG_DOCUMENT_PROPERTIES (16) and HWPTAG_ID_MAPPINGS
                 (17) with every count zero.  A minimal DocInfo: Hangul wants face names, shapes
                 and styles as well; bilex reads none of them.
  BodyText/Section0
                 raw-deflate records, each a 32-bit header (tag 10 bits, level 10 bits, size
                 12 bits):
                   paragraph 1 (level 0): PARA_HEADER (66), PARA_TEXT (67) whose text starts
                     with the section-definition and column-definition extended controls
                     (code 2, eight UTF-16 units each), PARA_CHAR_SHAPE (68), PARA_LINE_SEG
                     (69), then CTRL_HEADER (71) 'secd' with its PAGE_DEF (73) and
                     CTRL_HEADER 'cold';
                   paragraph 2: Korean, with an inline tab (code 9, eight units) in it;
                   paragraph 3: a table control (code 11) and CTRL_HEADER 'tbl ', TABLE (77),
                     one LIST_HEADER (72) per cell (column and row address after the list
                     header's 8 bytes) followed by that cell's paragraph at level 2.
  PrvText        the UTF-16LE preview Hangul keeps (bilex reads it only when the body cannot
                 be read).
  \\005HwpSummaryInformation
                 an OLE property set (MS-OLEPS) with title, author, last author (VT_LPWSTR)
                 and the creation and save times (VT_FILETIME).

  notes.hwp          compressed, two paragraphs (zh, ko) and a 1x2 table (zh | ko).
  encrypted.hwp      the same with the password bit set (the body is not readable): bilex
                     must say `encrypted` and read nothing but the summary.
  preview-only.hwp   the section stream damaged (not deflate data): bilex must fall back to
                     PrvText and say so.
Run: /usr/bin/python3 tests/gen/office/make_hwp5.py
"""
import calendar
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfbwriter  # noqa: E402
import common as C  # noqa: E402
from common import AUTHOR_KO, AUTHOR_ZH, DATE1, DATE3, Truth, ko, zh  # noqa: E402

OUT = os.path.join(C.DATA, "hwp")

PARA_HEADER, PARA_TEXT, PARA_CHAR_SHAPE, PARA_LINE_SEG = 66, 67, 68, 69
CTRL_HEADER, LIST_HEADER, PAGE_DEF, TABLE = 71, 72, 73, 77
DOCUMENT_PROPERTIES, ID_MAPPINGS = 16, 17


def chid(s):
    """A control id as HWP stores it: MAKE_4CHID(a, b, c, d) little-endian."""
    return (ord(s[0]) << 24) | (ord(s[1]) << 16) | (ord(s[2]) << 8) | ord(s[3])


def record(tag, level, data):
    size = len(data)
    if size >= 0xFFF:
        return struct.pack("<II", tag | level << 10 | 0xFFF << 20, size) + data
    return struct.pack("<I", tag | level << 10 | size << 20) + data


def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def ext_ctrl(code, ctrl):
    """An extended or inline control: code, 4-byte id, 4 reserved units, code (8 units)."""
    return struct.pack("<HIHHHHH", code, chid(ctrl), 0, 0, 0, 0, code)


def tab():
    return struct.pack("<HIHHHHH", 9, 0, 0, 0, 0, 0, 9)


def text_units(s):
    return s.encode("utf-16-le")


def paragraph(level, units, ctrl_mask=0, last=False):
    """PARA_HEADER + PARA_TEXT + PARA_CHAR_SHAPE + PARA_LINE_SEG for UTF-16 units (bytes)."""
    units = units + struct.pack("<H", 13)
    n = len(units) // 2
    hdr = struct.pack("<IIHBBHHHIH", n | (0x80000000 if last else 0), ctrl_mask, 0, 0, 0,
                      1, 0, 1, 0, 0)
    seg = struct.pack("<IiiiiiiiI", 0, 0, 1000, 1000, 850, 600, 0, 42520, 0x60000)
    return (record(PARA_HEADER, level, hdr) + record(PARA_TEXT, level + 1, units)
            + record(PARA_CHAR_SHAPE, level + 1, struct.pack("<II", 0, 0))
            + record(PARA_LINE_SEG, level + 1, seg))


def section(zh_text, ko_text, cells):
    out = bytearray()
    # paragraph 1: section and column definitions, then the Chinese note
    units = ext_ctrl(2, "secd") + ext_ctrl(2, "cold") + text_units(zh_text)
    out += paragraph(0, units, ctrl_mask=1 << 2)
    out += record(CTRL_HEADER, 1, struct.pack("<I", chid("secd")) + b"\0" * 32)
    out += record(PAGE_DEF, 2, struct.pack("<IIIIIIIIII", 59528, 84188, 8504, 8504, 5668, 4252,
                                           4252, 4252, 0, 0))
    out += record(CTRL_HEADER, 1, struct.pack("<I", chid("cold")) + struct.pack("<HHH", 0x1004, 0,
                                                                                  0))
    # paragraph 2: the Korean translation, a tab after the shot number
    shot, rest = ko_text.split(" ", 1)
    out += paragraph(0, text_units(shot) + tab() + text_units(rest))
    # paragraph 3: a one-row table, Chinese | Korean
    out += paragraph(0, ext_ctrl(11, "tbl "), ctrl_mask=1 << 11, last=True)
    # common object attributes: properties, offsets, size, z-order, outer margins, instance
    # id, page-break prevention, an empty description
    common = struct.pack("<I", chid("tbl ")) + struct.pack(
        "<IiiIIiHHHHIiH", 0x082A2311, 0, 0, 42520, 2000, 0, 140, 140, 140, 140, 0x7C1E2A2B, 0, 0)
    out += record(CTRL_HEADER, 1, common)
    out += record(TABLE, 2, struct.pack("<IHHHHHHHHHH", 0x04000006, 1, len(cells), 0, 510, 510,
                                        141, 141, len(cells), 1, 0))
    for col, text in enumerate(cells):
        lh = struct.pack("<HHI", 1, 0, 0x20) + struct.pack("<HHHHIIHHHHH", col, 0, 1, 1, 21260,
                                                            2000, 510, 510, 141, 141, 1)
        out += record(LIST_HEADER, 2, lh)
        out += paragraph(2, text_units(text), last=True)
    return bytes(out)


def file_header(compressed=True, password=False):
    sig = b"HWP Document File".ljust(32, b"\0")
    props = (1 if compressed else 0) | (2 if password else 0)
    return (sig + struct.pack("<IIII", 0x05010100, props, 0, 4) + b"\0").ljust(256, b"\0")


def doc_info():
    props = struct.pack("<HHHHHHHIII", 1, 1, 1, 1, 1, 1, 1, 0, 0, 0)
    return record(DOCUMENT_PROPERTIES, 0, props) + record(ID_MAPPINGS, 0, b"\0" * 72)


def filetime(iso):
    secs = calendar.timegm((int(iso[0:4]), int(iso[5:7]), int(iso[8:10]), int(iso[11:13]),
                            int(iso[14:16]), int(iso[17:19]), 0, 0, 0))
    return (secs + 11644473600) * 10_000_000


def summary(title, author, lastauthor, created, saved):
    """\\005HwpSummaryInformation: one property set (FMTID 9FA2B660-1061-11D4-B4C6-006097C09D8C)."""
    def lpwstr(s):
        u = (s + "\0").encode("utf-16-le")
        v = struct.pack("<HHI", 0x1F, 0, len(u) // 2) + u
        return v + b"\0" * (-len(v) % 4)

    def ft(iso):
        return struct.pack("<HHQ", 0x40, 0, filetime(iso))
    props = [(2, lpwstr(title)), (4, lpwstr(author)), (8, lpwstr(lastauthor)),
             (12, ft(created)), (13, ft(saved))]
    head_len = 8 + 8 * len(props)
    body = b""
    table = b""
    for pid, val in props:
        table += struct.pack("<II", pid, head_len + len(body))
        body += val
    pset = struct.pack("<II", head_len + len(body), len(props)) + table + body
    fmtid = bytes.fromhex("60B6A29F6110D411B4C6006097C09D8C")
    return (struct.pack("<HHI", 0xFFFE, 0, 0x00020006) + b"\0" * 16 + struct.pack("<I", 1)
            + fmtid + struct.pack("<I", 48) + pset)


NOTE_P = "n031"
TBL = "n033"
TITLE = "第13集 原画修改意见"


def streams(password=False, damage=False, section_records=None):
    """The streams of a fixture; tests/damage.py rebuilds files with garbage records."""
    zh_text, ko_text = zh(NOTE_P), ko(NOTE_P)
    sec = section(zh_text, ko_text, [zh(TBL), ko(TBL)])
    body = deflate(section_records if section_records is not None else sec)
    if damage:
        body = b"\xff" * len(body)          # not deflate data (an invalid block type)
    prv = "\r\n".join([zh_text, ko_text.replace(" ", "\t", 1), "<%s><%s>" % (zh(TBL), ko(TBL))])
    return sec, prv, {
        "FileHeader": file_header(True, password),
        "DocInfo": deflate(doc_info()),
        "BodyText/Section0": body,
        "\x05HwpSummaryInformation": summary(TITLE, AUTHOR_ZH, AUTHOR_KO, DATE1, DATE3),
        "PrvText": (prv + "\r\n").encode("utf-16-le"),
    }


def build(path, password=False, damage=False):
    zh_text, ko_text = zh(NOTE_P), ko(NOTE_P)
    sec, prv, streams_ = streams(password, damage)
    body = streams_["BodyText/Section0"]
    data = cfbwriter.build(streams_)
    cfbwriter.verify(data, streams_)
    with open(path, "wb") as f:
        f.write(data)
    # the records must parse back into the texts
    if not damage:
        recs = zlib.decompress(body, -15)
        assert recs == sec
    return zh_text, ko_text, prv


def make_notes():
    path = os.path.join(OUT, "notes.hwp")
    zh_text, ko_text, _ = build(path)
    tr = Truth()
    tr.add("metadata", "property title", TITLE)
    tr.add("metadata", "property author", AUTHOR_ZH)
    tr.add("metadata", "property lastauthor", AUTHOR_KO)
    tr.add("body", "section 1 paragraph 1", zh_text)
    tr.add("body", "section 1 paragraph 2", ko_text.replace(" ", "\t", 1))
    tr.add("cell", "section 1 table 1 A1", zh(TBL))
    tr.add("cell", "section 1 table 1 B1", ko(TBL))
    tr.pair(zh_text, ko_text, "adjacent")
    tr.pair(zh(TBL), ko(TBL), "cell")
    tr.notes = (
        "HWP 5 assembled after Hancom's published specification (no writer exists on Debian). "
        "Paragraph 1's PARA_TEXT starts with two extended controls (secd, cold: 8 UTF-16 units "
        "each) that are not text; paragraph 2 holds an inline tab control (code 9, 8 units) = "
        "TAB; paragraph 3 holds only a table control, whose cells (LIST_HEADER col/row 0/0 and "
        "1/0) are 'section 1 table 1 A1' and 'B1'. Sections count from 1 (BodyText/Section0 = "
        "section 1). Title and authors come from \\005HwpSummaryInformation; PrvText repeats "
        "the body and is not read while the body can be.")
    tr.write(path)
    return path


def make_encrypted():
    path = os.path.join(OUT, "encrypted.hwp")
    build(path, password=True)
    tr = Truth()
    tr.add("metadata", "property title", TITLE)
    tr.extra["errors"] = [{"code": "encrypted", "source": "encrypted.hwp"}]
    tr.notes = ("FileHeader property bit 1 (password) set: the body text is encrypted and "
                "must not be read or guessed; the summary information is not encrypted.")
    tr.write(path)
    return path


def make_preview_only():
    path = os.path.join(OUT, "preview-only.hwp")
    zh_text, ko_text, prv = build(path, damage=True)
    tr = Truth()
    tr.add("body", "preview line 1", zh_text)
    tr.add("body", "preview line 2", ko_text.replace(" ", "\t", 1))
    tr.extra["errors"] = [{"code": "corrupt", "source": "preview-only.hwp"}]
    tr.pair(zh_text, ko_text, "adjacent")
    tr.notes = ("BodyText/Section0 is not deflate data: no paragraph can be read, so the text "
                "comes from the PrvText preview (UTF-16LE, CRLF lines), with a corrupt record "
                "saying so.")
    tr.write(path)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    print("HWP 5 fixtures (assembled compound files):")
    for p in (make_notes(), make_encrypted(), make_preview_only()):
        C.report(p)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Write the archive fixtures in tests/data/archive/ (everything but the bombs).

  names-*.zip        member-name encodings (CP949, GBK, Big5, Shift_JIS, UTF-8
                     with and without bit 11, a lying bit 11, NFD, CP437, mixed)
  nested-3.zip, nested-9.zip            archives inside archives
  encrypted-trad.zip, encrypted-aes.zip traditional PKWARE / WinZip AES members
  encrypted-aes.7z, encrypted-headers.7z  (7z CLI; see --force-7z)
  tree.*             one small CJK-named tree in tar, tar.gz/bz2/xz/zst, 7z, cpio, iso
  tree-gbk-names.tar GBK name bytes in tar headers
  note.txt.gz/.bz2/.xz single compressed file
  dump-day.zip       a daily batch as zipped on Korean Windows, with a GBK-named
                     zip inside

Every fixture NAME gets NAME.truth.json (format: fixturelib.py, README.md).
ZIPs are written byte by byte with rawzip.py (Python's zipfile would set bit
11 on every non-ASCII name).  Fixed time 2024-03-04 09:15:00, fixed order.

Deterministic, except the two .7z files: p7zip draws a random AES IV, so they
are written only when missing (or with --force-7z); their truth never changes.

Run:  /usr/bin/python3 tests/gen/archives/make_archives.py [--force-7z]
Tools used: 7z, zstd, cpio, genisoimage (tar, gz, bz2, xz are written by Python).
"""
import bz2
import calendar
import gzip
import io
import lzma
import os
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zlib

sys.dont_write_bytecode = True   # keep tests/gen free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixturelib import (CODEC, OUT, ko, rec, sha256, text_bytes,  # noqa: E402
                        write_bytes, write_truth, zh)
from rawzip import (DEFLATED, FIXED_TIME, FLAG_UTF8, HOST_DOS,  # noqa: E402
                    HOST_NTFS, HOST_UNIX, STORED, Member, build_zip)

GENERATOR = "make_archives.py"
EPOCH = calendar.timegm(FIXED_TIME + (0, 0, 0))   # 2024-03-04 09:15:00 UTC
PASSWORD = "bilex-test"

# "version made by" values seen in the wild
VMB_EXPLORER = (HOST_DOS << 8) | 20     # Windows "compressed folder", ALZip, old Bandizip
VMB_DOS = (HOST_DOS << 8) | 10          # PKZIP 1.x / DOS tools
VMB_UNIX = (HOST_UNIX << 8) | 30        # Info-ZIP zip 3.0 on Linux
VMB_MAC = (HOST_UNIX << 8) | 21        # macOS ditto / Archive Utility (host Unix)
VMB_NTFS = (HOST_NTFS << 8) | 63        # 7-Zip on Windows

OTHER_CHARSETS = ["UTF-8", "CP949", "GBK", "CP950", "CP932", "CP437"]


def also_valid(raw, true_charset):
    """Strict decodings of raw in the other candidate charsets (documents ambiguity)."""
    try:
        raw.decode("ascii")
        return {}
    except UnicodeDecodeError:
        pass
    out = {}
    for cs in OTHER_CHARSETS:
        if cs == true_charset or (true_charset == "Big5" and cs == "CP950") \
                or (true_charset == "Shift_JIS" and cs == "CP932"):
            continue
        if cs == "CP437":
            continue  # every byte string is valid CP437
        try:
            out[cs] = raw.decode(CODEC[cs])
        except UnicodeDecodeError:
            pass
    return out


def note_lines(ids, lang):
    return [(zh(i) if lang == "zh" else ko(i)) for i in ids]


JA_NOTES = [
    "頭の形をもう少し丸く修正してください。",
    "S012 C034 3枚目の目のハイライトの位置が違います。",
    "表情の変化が速すぎます。12コマから18コマまで見直してください。",
    "ソフトの設定は前回と同じでお願いします。",
    "中割りの線が太すぎます。原画に合わせてください。",
]

CP437_TEXT = [
    "╔════════════════════════════╗",
    "║  RÉSUMÉ DER ÄNDERUNGEN     ║",
    "╚════════════════════════════╝",
    "Szene 12: Kopf rundlicher zeichnen.",
    "Schnitt 34: Glanzlicht im Auge falsch.",
]


def tiny_png():
    """A valid 1x1 grey PNG (stdlib only)."""
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00\x80", 9)) + chunk(b"IEND", b""))


# --------------------------------------------------------------- name zips

def zip_fixture(fname, entries, names_charset, expect, vmb, flag_bits=0, extra_truth=None,
                method=DEFLATED):
    """entries: list of (name str, name charset, data bytes|None, text charset|None, kw).

    name charset None means the entry's raw name is given directly in kw['raw'].
    Returns (zip bytes, member records).
    """
    members, recs = [], []
    for name, cs, data, tcs, kw in entries:
        kw = dict(kw)
        raw = kw.pop("raw", None)
        if raw is None:
            raw = name.encode(CODEC[cs])
        flags = kw.pop("flags", flag_bits)
        truth_extra = kw.pop("truth", {})
        decoded = kw.pop("decoded", name)
        data = b"" if data is None else data
        is_dir = name.endswith("/")
        members.append(Member(raw, data, method=STORED if is_dir else method, flags=flags,
                              version_made_by=vmb, **kw))
        r = rec(raw, cs, name=decoded, utf8_flag=bool(flags & FLAG_UTF8),
                data=None if is_dir else data, text_charset=tcs, **truth_extra)
        av = also_valid(raw, cs)
        if av:
            r["also_valid_in"] = av
        recs.append(r)
    z = build_zip(members)
    write_bytes(fname, z)
    write_truth(fname, "zip", recs, expect, GENERATOR, names_charset=names_charset,
                **(extra_truth or {}))
    return z, recs


def make_names():
    cp949_text = lambda ids: text_bytes(note_lines(ids, "ko"), "CP949")  # noqa: E731
    gbk_text = lambda ids: text_bytes(note_lines(ids, "zh"), "GBK")      # noqa: E731
    big5_text = lambda ids: text_bytes(note_lines(ids, "zh"), "Big5")    # noqa: E731

    # 1. CP949 (Korean Windows), no flag; 똠 (0x8C63) is outside EUC-KR/KS X 1001.
    zip_fixture("names-cp949.zip", [
        ("수정의견.txt", "CP949", cp949_text(["n001", "n003", "n005"]), "CP949", {}),
        ("머리_수정/", "CP949", None, None, {}),
        ("머리_수정/3번째장.txt", "CP949", cp949_text(["n002", "n012"]), "CP949", {}),
        ("똠방각하_메모.txt", "CP949", cp949_text(["solo-ko-01", "solo-ko-02"]), "CP949",
         {"truth": {"note": "똠 = 8C 63: a CP949 (UHC) extension syllable, not in EUC-KR; "
                            "trail byte 0x63 < 0xA1"}}),
        ("원화_체크리스트.txt", "CP949", cp949_text(["n004", "n006", "n008"]), "CP949", {}),
    ], "CP949",
        "Names decode as CP949 (decided once for the archive: every non-ASCII name is "
        "valid CP949 and reads as Hangul). 똠방각하_메모.txt must decode too: a decoder "
        "limited to EUC-KR fails on 8C 63 and must not fall back to CP437 for that one "
        "name. No errors.", VMB_EXPLORER)

    # 2. GBK (Chinese Windows), no flag; 修改.txt is only 2 hanzi = 4 bytes.
    zip_fixture("names-gbk.zip", [
        ("修改意见.txt", "GBK", gbk_text(["n001", "n003", "n005"]), "GBK", {}),
        ("头部修改/", "GBK", None, None, {}),
        ("头部修改/第3帧.txt", "GBK", gbk_text(["n002", "n012"]), "GBK", {}),
        ("头部修改.png", "GBK", tiny_png(), None, {}),
        ("修改.txt", "GBK", gbk_text(["n015"]), "GBK",
         {"truth": {"note": "2-hanzi name: D0DE B8C4 is also valid CP949 and Big5; only "
                            "the per-archive decision makes it GBK"}}),
        ("角色设定_更新.txt", "GBK", gbk_text(["n007"]),
         "GBK", {}),
    ], "GBK",
        "Names decode as GBK. Validity alone does not decide: every name is also "
        "strictly valid CP950 (Big5) and most are valid CP949 and even CP932 (see "
        "also_valid_in), so the decision rests on plausibility (common simplified Hanzi "
        "versus rare traditional characters or a random Hangul/Hanja mix) and is taken "
        "once for the archive. The short 修改.txt (D0DE B8C4) follows that decision: "
        "alone it reads as CP949 錦맣, Big5 党蜊 or CP932 halfwidth kana. No errors.",
        VMB_EXPLORER)

    # 3. Big5 (Taiwan/Hong Kong Windows), no flag; 功 = A5 5C (trail byte is '\\').
    zip_fixture("names-big5.zip", [
        ("修改意見.txt", "Big5", big5_text(["n174", "n177"]), "Big5", {}),
        ("頭部修改/", "Big5", None, None, {}),
        ("頭部修改/第8格.txt", "Big5", big5_text(["n175"]), "Big5", {}),
        ("功能說明.txt", "Big5", big5_text(["n176", "n183"]), "Big5",
         {"truth": {"note": "功 = A5 5C: the trail byte is 0x5C '\\'; converting backslashes "
                            "to '/' before decoding splits this name (許功蓋 problem)"}}),
        ("顏色設定.txt", "Big5", big5_text(["n180", "n181"]), "Big5", {}),
    ], "Big5",
        "Names decode as Big5 (CP950). 功能說明.txt is one file, not a folder '\xa5' plus "
        "a file: 0x5C inside a double-byte character is not a path separator. No errors.",
        VMB_EXPLORER)

    # 4. Shift_JIS (Japanese Windows), no flag; 表 = 95 5C, ソ = 83 5C, halfwidth kana.
    sj = lambda i: text_bytes([JA_NOTES[i]], "Shift_JIS")  # noqa: E731
    zip_fixture("names-sjis.zip", [
        ("修正指示.txt", "Shift_JIS", sj(0), "Shift_JIS", {}),
        ("表情の修正/", "Shift_JIS", None, None,
         {"truth": {"note": "表 = 95 5C (trail byte '\\')"}}),
        ("表情の修正/第3枚.txt", "Shift_JIS", sj(1) + sj(2), "Shift_JIS", {}),
        ("ソフト設定.txt", "Shift_JIS", sj(3), "Shift_JIS",
         {"truth": {"note": "ソ = 83 5C (trail byte '\\')"}}),
        ("ｶｯﾄ表.txt", "Shift_JIS", sj(4), "Shift_JIS",
         {"truth": {"note": "halfwidth katakana: single bytes B6 AF C4"}}),
    ], "Shift_JIS",
        "Names decode as Shift_JIS (CP932). Three names carry 0x5C as a trail byte "
        "(表, ソ): they are not path separators. ｶｯﾄ表.txt mixes single-byte halfwidth "
        "katakana with a double-byte kanji. No errors.", VMB_EXPLORER)

    # 5/6. UTF-8 with and without bit 11 (same names, mixed scripts).
    utf8_entries = [
        ("수정의견.txt", "UTF-8", text_bytes(note_lines(["n001", "n002"], "ko"), "UTF-8"),
         "UTF-8", {}),
        ("修改意见.txt", "UTF-8", text_bytes(note_lines(["n001", "n002"], "zh"), "UTF-8"),
         "UTF-8", {}),
        ("頭部修改/", "UTF-8", None, None, {}),
        ("頭部修改/第8格_머리.txt", "UTF-8",
         text_bytes([zh("n175"), ko("n175")], "UTF-8"), "UTF-8", {}),
        ("readme.txt", "ASCII", b"UTF-8 names\r\n", "ASCII", {}),
    ]
    zip_fixture("names-utf8-flag.zip", [e[:4] + ({"flags": FLAG_UTF8 if e[1] != "ASCII"
                                                  else 0},) for e in utf8_entries],
                "UTF-8",
                "Bit 11 is set on every non-ASCII name: names are UTF-8, no detection "
                "needed. readme.txt (ASCII) has no flag. No errors.", VMB_UNIX)
    zip_fixture("names-utf8-noflag.zip", utf8_entries, "UTF-8",
                "No bit 11, but every name is strict UTF-8 (as zipped by Info-ZIP on Linux "
                "or older 7-Zip): decode as UTF-8 (strict UTF-8 is tried before legacy "
                "candidates). Hangul and Hanzi in one archive. No errors.", VMB_UNIX)

    # 7. bit 11 set on GBK bytes (buggy tool): the flag lies.
    lies = [
        ("修改意见.txt", "GBK", gbk_text(["n001"]), "GBK",
         {"flags": FLAG_UTF8, "truth": {"flag_lies": True}}),
        ("头部修改/", "GBK", None, None, {"flags": FLAG_UTF8, "truth": {"flag_lies": True}}),
        ("头部修改/第3帧.txt", "GBK", gbk_text(["n002"]), "GBK",
         {"flags": FLAG_UTF8, "truth": {"flag_lies": True}}),
        ("notes.txt", "ASCII", b"GBK names, UTF-8 flag set\r\n", "ASCII",
         {"flags": FLAG_UTF8}),
    ]
    _, recs = zip_fixture(
        "names-flag-lies.zip", lies, "GBK",
        "Bit 11 is set but the name bytes are not valid UTF-8 (D0 DE ...). A correct "
        "extractor notices the lie, falls back to detection and decodes GBK, recording "
        "that the flag was wrong (raw bytes kept). Acceptable minimum: no crash, raw bytes "
        "recorded and a UTF-8 name with U+FFFD substitutions; never CP437. Note: "
        "libzip 1.7.3 refuses to open this archive at all (zip_open: ZIP_ER_INCONS 21, "
        "with or without ZIP_CHECKCONS) because a bit-11 name is not valid UTF-8; bilex "
        "needs its own central-directory parse (or libarchive) to list it, else one "
        "corrupt record for the archive is the acceptable minimum.",
        VMB_UNIX, extra_truth={"acceptable_fallback": "UTF-8 with U+FFFD substitutions",
                                  "acceptable_errors": ["corrupt"]})

    # 8. macOS-style NFD Hangul, bit 11 set, plus __MACOSX AppleDouble entries.
    def nfd(s):
        return unicodedata.normalize("NFD", s)
    apple_double = (b"\x00\x05\x16\x07\x00\x02\x00\x00" + b"Mac OS X        "
                    + b"\x00\x01" + struct.pack(">III", 9, 50, 32) + b"\x00" * 32)
    nfd_entries = []
    for nm, ids in (("수정의견.txt", ["n001", "n003"]), ("머리_수정/", None),
                    ("머리_수정/3번째장.txt", ["n002"])):
        data = None if ids is None else text_bytes(note_lines(ids, "ko"), "UTF-8", "\n")
        nfd_entries.append((nfd(nm), "UTF-8", data, "UTF-8" if ids else None,
                            {"flags": FLAG_UTF8,
                             "truth": {"name_nfc": nm, "normalization": "NFD"}}))
    nfd_entries += [
        ("__MACOSX/", "ASCII", None, None, {}),
        (nfd("__MACOSX/._수정의견.txt"), "UTF-8", apple_double, None,
         {"flags": FLAG_UTF8, "truth": {"name_nfc": "__MACOSX/._수정의견.txt",
                                        "normalization": "NFD", "apple_double": True}}),
    ]
    zip_fixture("names-nfd.zip", nfd_entries, "UTF-8",
                "Names are UTF-8 (bit 11) in NFD: Hangul syllables decomposed into "
                "conjoining jamo (U+1100..U+11FF), as macOS writes them. Record the exact "
                "decoded name (NFD) and compare/display via NFC (name_nfc). The __MACOSX/ "
                "AppleDouble entries are resource-fork metadata, not documents. No errors.",
                VMB_MAC)
    zip_fixture("names-nfd-noflag.zip", [e[:4] + ({k: v for k, v in e[4].items()
                                                   if k != "flags"},) for e in nfd_entries],
                "UTF-8",
                "As names-nfd.zip but without bit 11 (what macOS Archive Utility usually "
                "writes): strict UTF-8 decoding still applies; NFD as above. No errors.",
                VMB_MAC)

    # 9. real CP437 from a DOS tool, box-drawing and accented letters.
    c437 = lambda: text_bytes(CP437_TEXT, "CP437")  # noqa: E731
    zip_fixture("names-cp437.zip", [
        ("╔═══╗/", "CP437", None, None, {}),
        ("╔═══╗/RÉSUMÉ.TXT", "CP437", c437(), "CP437", {}),
        ("╔═══╗/MENÜ.TXT", "CP437", b"Men\x81 1\r\nMen\x81 2\r\n", "CP437", {}),
        ("░░░░.TXT", "CP437", b"\xb0\xb1\xb2\xdb\r\n", "CP437", {}),
        ("README.TXT", "ASCII", b"Made with PKZIP 2.04g\r\n", "ASCII", {}),
    ], "CP437",
        "Names are real CP437 (DOS, 'version made by' host 0, version 1.0). RÉSUMÉ.TXT "
        "and MENÜ.TXT are invalid in CP949, GBK, Big5 and Shift_JIS (lead byte followed by "
        "'.'), so the per-archive decision must end at CP437 even though ╔═══╗ alone is "
        "valid CP932 and ░░░░ (B0 B0 B0 B0) is valid CP949, GBK, Big5 and CP932 (see "
        "also_valid_in). No errors.", VMB_DOS)

    # 10. mostly CP949 plus ASCII.
    zip_fixture("names-mixed.zip", [
        ("readme.txt", "ASCII", b"daily batch\r\n", "ASCII", {}),
        ("S012_C034.txt", "ASCII", cp949_text(["n002"]), "CP949", {}),
        ("수정의견.txt", "CP949", cp949_text(["n001"]), "CP949", {}),
        ("layout/", "ASCII", None, None, {}),
        ("layout/레이아웃_수정.txt", "CP949", cp949_text(["n011"]), "CP949", {}),
        ("layout/S021_C008.txt", "ASCII", cp949_text(["n012"]), "CP949", {}),
        ("2024-03-05_작화감독_메모.txt", "CP949", cp949_text(["n015", "n016"]), "CP949", {}),
    ], "CP949",
        "ASCII names are ASCII; all non-ASCII names are CP949 (one decision for the "
        "archive; ASCII names give no evidence). S012_C034.txt has an ASCII name but "
        "CP949 text. No errors.", VMB_EXPLORER)


# ------------------------------------------------------------------ nested

def nested_zip(levels, text_entry):
    """levels: list of (zip member name, charset, flags) from level 2 inward.

    Level 1 is the fixture itself; level k's zip contains level k+1's zip plus a
    small text file.  text_entry = (name, charset, flags, data, text charset).
    Returns (outer bytes, records).
    """
    # build innermost first
    n = len(levels)
    tname, tcs, tflags, tdata, ttcs = text_entry
    inner_members = [Member(tname.encode(CODEC[tcs]), tdata, flags=tflags,
                            version_made_by=VMB_EXPLORER)]
    records_by_level = {n + 1: [(tname, tcs, tflags, tdata, ttcs, None)]}
    inner = build_zip(inner_members)
    for k in range(n, 0, -1):
        zname, zcs, zflags = levels[k - 1]
        note_name = ("단계%d_메모.txt" % k) if k % 2 else ("第%d层_说明.txt" % k)
        note_cs = "CP949" if k % 2 else "GBK"
        note_data = text_bytes([ko("n0%02d" % (k + 10))] if k % 2 else [zh("n0%02d" % (k + 10))],
                               note_cs)
        ms = [Member(zname.encode(CODEC[zcs]), inner, flags=zflags,
                     version_made_by=VMB_EXPLORER),
              Member(note_name.encode(CODEC[note_cs]), note_data, version_made_by=VMB_EXPLORER)]
        records_by_level[k] = [(zname, zcs, zflags, inner, None, k + 1),
                               (note_name, note_cs, 0, note_data, note_cs, None)]
        inner = build_zip(ms)
    recs = []
    within = []
    for k in range(1, n + 2):
        for nm, cs, fl, data, tcs, opens_depth in records_by_level[k]:
            extra = {}
            if opens_depth is not None:
                extra["archive_depth"] = opens_depth
            recs.append(rec(nm.encode(CODEC[cs]), cs, name=nm, within=within,
                            utf8_flag=bool(fl & FLAG_UTF8), data=data, text_charset=tcs,
                            **extra))
        if k <= n:
            within = within + [levels[k - 1][0]]
    return inner, recs


def make_nested():
    levels3 = [("1차_수정본.zip", "CP949", 0), ("二次修改.zip", "GBK", 0)]
    text3 = ("最终_최종수정의견.txt", "UTF-8", FLAG_UTF8,
             text_bytes([zh("n015"), ko("n015")], "UTF-8"), "UTF-8")
    z, recs = nested_zip(levels3, text3)
    write_bytes("nested-3.zip", z)
    write_truth("nested-3.zip", "zip", recs,
                "Three nested zips (this file = archive depth 1, 1차_수정본.zip = 2, "
                "二次修改.zip = 3); the text file sits in depth 3. Each level has its own "
                "name charset: level 1 CP949, level 2 GBK, level 3 UTF-8 with bit 11, so "
                "charset detection must be per archive, not per input. Within both "
                "limits (5 in security.md, 8 default). No errors.", GENERATOR,
                names_charset={"1": "CP949", "2": "GBK", "3": "UTF-8"},
                max_archive_depth=3)

    # archive k holds names in its own charset: odd k CP949 (Korean), even k GBK
    levels9 = []
    for k in range(2, 10):
        if (k - 1) % 2:
            levels9.append(("%d단계.zip" % k, "CP949", 0))
        else:
            levels9.append(("第%d层.zip" % k, "GBK", 0))
    text9 = ("가장_깊은곳.txt", "CP949", 0, text_bytes([ko("n019")], "CP949"), "CP949")
    z, recs = nested_zip(levels9, text9)
    zname = {k: levels9[k - 2][0] for k in range(2, 10)}
    for r in recs:
        if r.get("archive_depth") == 9:
            r["error"] = "limit-depth"          # default limit 8
        if len(r["within"]) >= 8:
            r["reported"] = False               # never opened with the default limit
    write_bytes("nested-9.zip", z)
    write_truth("nested-9.zip", "zip", recs,
                "Nine nested zips: this file is archive depth 1, %s depth 2, %s depth 3 ... "
                "%s depth 8, %s depth 9, and 가장_깊은곳.txt lies inside depth 9. With the "
                "default limit 8 bilex lists everything down to the members of %s, reports "
                "%s (the archive that would be depth 9) with limit-depth and does not open "
                "it, so 가장_깊은곳.txt (reported=false) does NOT appear. With a limit L in "
                "general: the member whose archive_depth is L+1 gets limit-depth and nothing "
                "below it appears (security.md proposes L=5: then %s gets limit-depth). "
                "Every archive has one name charset: odd depths CP949 (Korean names), even "
                "depths GBK (Chinese names), so detection must restart in every archive."
                % (zname[2], zname[3], zname[8], zname[9], zname[8], zname[9], zname[6]),
                GENERATOR,
                names_charset={str(k): ("CP949" if k % 2 else "GBK") for k in range(1, 10)},
                max_archive_depth=9, archive_error=None, default_depth_limit=8,
                limit_depth_member_by_limit={"8": zname[9], "5": zname[6]})


# --------------------------------------------------------------- encrypted

def make_encrypted():
    pw = PASSWORD.encode()
    secret = text_bytes(note_lines(["solo-ko-01", "solo-ko-03"], "ko"), "CP949")
    plain = text_bytes(note_lines(["n001"], "ko"), "CP949")
    ms = [Member("수정의견_비밀.txt".encode("cp949"), secret, password=pw,
                 version_made_by=VMB_EXPLORER),
          Member("읽어주세요.txt".encode("cp949"), plain, version_made_by=VMB_EXPLORER)]
    write_bytes("encrypted-trad.zip", build_zip(ms))
    write_truth("encrypted-trad.zip", "zip", [
        rec(ms[0].name, "CP949", encrypted=True, error="encrypted", utf8_flag=False,
            data=secret, text_charset="CP949", encryption="ZipCrypto (traditional PKWARE)"),
        rec(ms[1].name, "CP949", utf8_flag=False, data=plain, text_charset="CP949"),
    ], "수정의견_비밀.txt has bit 0 set (traditional PKWARE encryption, method 8 inside): "
       "report it with its decoded name, encrypted=true and error 'encrypted', without "
       "trying passwords. 읽어주세요.txt is plain and must be extracted normally. The "
       "archive as a whole is not an error.", GENERATOR, names_charset="CP949",
        password_for_humans=PASSWORD)

    s1 = text_bytes(note_lines(["n183", "n184"], "zh"), "UTF-8")
    s2 = text_bytes(note_lines(["n183", "n184"], "ko"), "UTF-8")
    readme = b"AES test\r\n"
    salt256 = bytes.fromhex("5f2b8a0c9e4d71a3c6b0e2f4a8d1c3e5")
    salt128 = bytes.fromhex("0123456789abcdef")
    ms = [Member("修改意見_加密.txt".encode(), s1, flags=FLAG_UTF8,
                 aes=(pw, salt256, 3, 1), version_made_by=VMB_NTFS),
          Member("수정의견_암호.txt".encode(), s2, flags=FLAG_UTF8,
                 aes=(pw, salt128, 1, 2), version_made_by=VMB_NTFS),
          Member(b"readme.txt", readme, version_made_by=VMB_NTFS)]
    write_bytes("encrypted-aes.zip", build_zip(ms))
    write_truth("encrypted-aes.zip", "zip", [
        rec(ms[0].name, "UTF-8", encrypted=True, error="encrypted", utf8_flag=True, data=s1,
            text_charset="UTF-8", encryption="WinZip AES-256, AE-1 (method 99, extra 0x9901)"),
        rec(ms[1].name, "UTF-8", encrypted=True, error="encrypted", utf8_flag=True, data=s2,
            text_charset="UTF-8", encryption="WinZip AES-128, AE-2 (CRC field 0)"),
        rec(ms[2].name, "ASCII", utf8_flag=False, data=readme, text_charset="ASCII"),
    ], "Two WinZip AES members (method 99; libzip reports ZIP_EM_AES_256 / ZIP_EM_AES_128): "
       "both encrypted=true, error 'encrypted', names readable (UTF-8, bit 11). readme.txt "
       "is plain and extracted. Made like `7z a -tzip -mem=AES256`, but written by "
       "rawzip.py with fixed salts so the bytes are reproducible.", GENERATOR,
        names_charset="UTF-8", password_for_humans=PASSWORD)


def make_7z_encrypted(force):
    """7z archives with AES-256 (p7zip picks a random IV: written once)."""
    for fname, hdr in (("encrypted-aes.7z", "off"), ("encrypted-headers.7z", "on")):
        target = os.path.join(OUT, fname)
        names = ["수정의견_비밀.txt", "修改意见_机密.txt"]
        datas = [text_bytes(note_lines(["solo-ko-01"], "ko"), "UTF-8"),
                 text_bytes(note_lines(["solo-zh-01"], "zh"), "UTF-8")]
        if force or not os.path.exists(target):
            with tempfile.TemporaryDirectory() as td:
                src = os.path.join(td, "src")
                os.mkdir(src)
                for nm, d in zip(names, datas):
                    p = os.path.join(src, nm)
                    with open(p, "wb") as f:
                        f.write(d)
                    os.utime(p, (EPOCH, EPOCH))
                tmp = os.path.join(td, fname)
                subprocess.run(["7z", "a", "-t7z", "-mx=9", "-mhe=" + hdr, "-p" + PASSWORD,
                                "-bd", "-bso0", "-bsp0", tmp] + names, cwd=src, check=True)
                shutil.copyfile(tmp, target)
        if hdr == "off":
            recs = [rec(nm.encode("utf-16-le"), "UTF-16LE", name=nm, encrypted=True,
                        error="encrypted", data=d, text_charset="UTF-8")
                    for nm, d in zip(names, datas)]
            recs.sort(key=lambda r: r["name"])
            expect = ("7z archive, AES-256 content, names NOT encrypted (-mhe=off): list "
                      "both names (7z stores UTF-16LE names) with encrypted=true and error "
                      "'encrypted'. Bytes differ per generation (random IV); compare "
                      "listings, not hashes.")
            aerr = None
        else:
            recs = []
            expect = ("7z archive with encrypted headers (-mhe=on): without the password "
                      "not even the names can be read. One record for the whole file with "
                      "error 'encrypted' (not 'corrupt'). Hidden content for humans: the "
                      "same two files as encrypted-aes.7z.")
            aerr = "encrypted"
        write_truth(fname, "7z", recs, expect, GENERATOR, names_charset="UTF-16LE",
                    archive_error=aerr, password_for_humans=PASSWORD,
                    reproducible_bytes=False)


# ------------------------------------------------------------- containers

TREE = [  # (path, data-spec) ; dirs end with '/'
    ("tree/", None),
    ("tree/修改意见/", None),
    ("tree/修改意见/头部修改.txt", ("zh", ["n001", "n005"])),
    ("tree/修改意见/第3帧.txt", ("zh", ["n002"])),
    ("tree/수정의견/", None),
    ("tree/수정의견/머리_수정.txt", ("ko", ["n001", "n005"])),
    ("tree/수정의견/3번째장.txt", ("ko", ["n002"])),
]


def tree_data(spec, charset="UTF-8"):
    lang, ids = spec
    return text_bytes(note_lines(ids, lang), charset, "\n")


def tree_records():
    """Records for TREE as tar stores it: UTF-8 names, directories end in '/'."""
    return [rec(path.encode("utf-8"), "UTF-8", name=path,
                data=None if spec is None else tree_data(spec),
                text_charset=None if spec is None else "UTF-8") for path, spec in TREE]


def tar_bytes(entries, encoding, data_charset="UTF-8"):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT,
                      encoding=encoding, errors="strict") as t:
        for path, spec in entries:
            ti = tarfile.TarInfo(path.rstrip("/") if path.endswith("/") else path)
            ti.mtime = EPOCH
            ti.uid = ti.gid = 0
            ti.uname = ti.gname = "root"
            if spec is None:
                ti.type = tarfile.DIRTYPE
                ti.mode = 0o755
                t.addfile(ti)
            else:
                d = tree_data(spec, data_charset)
                ti.size = len(d)
                ti.mode = 0o644
                t.addfile(ti, io.BytesIO(d))
    return buf.getvalue()


def materialize_tree(root):
    for path, spec in TREE:
        p = os.path.join(root, path)
        if spec is None:
            os.makedirs(p, exist_ok=True)
            os.chmod(p, 0o755)
        else:
            with open(p, "wb") as f:
                f.write(tree_data(spec))
            os.chmod(p, 0o644)
    for path, _ in reversed(TREE):
        os.utime(os.path.join(root, path), (EPOCH, EPOCH))


def patch_iso_times(iso):
    """genisoimage stamps 'now' into volume descriptors and Rock Ridge TF entries."""
    b = bytearray(iso)
    stamp = b"2024030409150000\x00"
    sector = 16
    while True:
        off = sector * 2048
        vtype = b[off]
        if b[off + 1:off + 6] != b"CD001":
            break
        if vtype in (1, 2):
            for field in (813, 830, 864):
                b[off + field:off + field + 17] = stamp
        if vtype == 255:
            break
        sector += 1
    # Rock Ridge TF: 'TF' len=26 ver=1 flags=0x0E (modify, access, attributes): 3 stamps
    i = 0
    while True:
        i = b.find(b"TF\x1a\x01\x0e", i)
        if i < 0:
            break
        first = bytes(b[i + 5:i + 12])
        b[i + 12:i + 19] = first
        b[i + 19:i + 26] = first
        i += 26
    return bytes(b)


def make_containers():
    # tar family (UTF-8 names in GNU tar headers, as GNU tar writes them on Linux)
    tar = tar_bytes(TREE, "utf-8")
    recs = tree_records()
    expect_common = ("Seven entries: tree/, two folders 修改意见/ and 수정의견/ with two UTF-8 "
                     "text files each. Names are UTF-8 bytes. Member order is not significant.")
    write_bytes("tree.tar", tar)
    write_truth("tree.tar", "tar", recs, "GNU tar. " + expect_common, GENERATOR,
                names_charset="UTF-8")
    for ext, comp, how in (("gz", lambda d: gzip.compress(d, 9, mtime=0), "gzip (mtime 0, no name)"),
                           ("bz2", lambda d: bz2.compress(d, 9), "bzip2 -9"),
                           ("xz", lambda d: lzma.compress(d, format=lzma.FORMAT_XZ,
                                                          check=lzma.CHECK_CRC64), "xz"),
                           ("zst", lambda d: subprocess.run(
                               ["zstd", "-q", "-19", "--no-progress", "-c"], input=d,
                               stdout=subprocess.PIPE, check=True).stdout, "zstd -19")):
        fname = "tree.tar." + ext
        write_bytes(fname, comp(tar))
        write_truth(fname, "tar." + ext, recs, "tree.tar compressed with %s. " % how
                    + expect_common, GENERATOR, names_charset="UTF-8",
                    inner_sha256=sha256(tar))

    # GBK names in tar headers (Chinese part only: GBK has no Hangul syllables)
    gbk_tree = [("说明.txt", ("zh", ["n015"]))] + [
        (p[len("tree/"):], s) for p, s in TREE if "修改意见" in p]
    gtar = tar_bytes(gbk_tree, "gbk", data_charset="GBK")
    grecs = []
    for path, spec in gbk_tree:
        grecs.append(rec(path.encode("gbk"), "GBK", name=path,
                         data=None if spec is None else tree_data(spec, "GBK"),
                         text_charset=None if spec is None else "GBK"))
    write_bytes("tree-gbk-names.tar", gtar)
    write_truth("tree-gbk-names.tar", "tar", grecs,
                "GNU tar whose header names are GBK bytes (python tarfile encoding='gbk'; "
                "what tar on a GBK locale writes). libarchive treats them as the current "
                "locale's charset: report raw bytes and decode as GBK (per archive). Text "
                "content is GBK too. Directories are type 5 entries, name ending in '/'. "
                "The Korean folder of tree/ is left out: GBK cannot encode Hangul "
                "syllables. No errors.", GENERATOR, names_charset="GBK")

    with tempfile.TemporaryDirectory() as td:
        materialize_tree(td)
        # 7z
        tmp7 = os.path.join(td, "tree.7z")
        subprocess.run(["7z", "a", "-t7z", "-mx=9", "-mtm=on", "-mtc=off", "-mta=off",
                        "-bd", "-bso0", "-bsp0", tmp7, "tree"], cwd=td, check=True)
        with open(tmp7, "rb") as f:
            write_bytes("tree.7z", f.read())
        recs7 = []
        for path, spec in TREE:
            nm = path.rstrip("/")
            recs7.append(rec(nm.encode("utf-16-le"), "UTF-16LE", is_dir=spec is None,
                             data=None if spec is None else tree_data(spec),
                             text_charset=None if spec is None else "UTF-8"))
        write_truth("tree.7z", "7z", recs7, "7z (LZMA2, solid). Names are stored as "
                    "UTF-16LE without trailing '/' (is_dir marks folders); raw_hex is the "
                    "UTF-16LE form. "
                    + expect_common, GENERATOR, names_charset="UTF-16LE")
        # cpio (newc, reproducible inode numbers)
        listing = "".join(p.rstrip("/") + "\n" for p, _ in TREE).encode()
        cp = subprocess.run(["cpio", "-o", "-H", "newc", "--reproducible", "--quiet",
                             "-R", "0:0"], input=listing, cwd=td, stdout=subprocess.PIPE,
                            check=True).stdout
        write_bytes("tree.cpio", cp)
        cprecs = [rec(p.rstrip("/").encode(), "UTF-8", is_dir=spec is None,
                      data=None if spec is None else tree_data(spec),
                      text_charset=None if spec is None else "UTF-8") for p, spec in TREE]
        write_truth("tree.cpio", "cpio", cprecs,
                    "cpio newc (SVR4, 070701) from GNU cpio --reproducible. Names UTF-8 "
                    "without trailing '/'. " + expect_common, GENERATOR, names_charset="UTF-8")
        # iso
        tmpiso = os.path.join(td, "tree.iso")
        subprocess.run(["genisoimage", "-quiet", "-no-pad", "-J", "-R", "-input-charset", "utf-8",
                        "-V", "BILEX_TREE", "-o", tmpiso, "tree"], cwd=td, check=True)
        with open(tmpiso, "rb") as f:
            write_bytes("tree.iso", patch_iso_times(f.read()))
        isorecs = []
        for path, spec in TREE[1:]:
            rel = path[len("tree/"):]
            isorecs.append(rec(rel.rstrip("/").encode(), "UTF-8", is_dir=spec is None,
                               data=None if spec is None else tree_data(spec),
                               text_charset=None if spec is None else "UTF-8",
                               joliet_hex=rel.rstrip("/").split("/")[-1].encode("utf-16-be").hex()))
        write_truth("tree.iso", "iso9660", isorecs,
                    "ISO 9660 with Rock Ridge (NM = UTF-8 bytes, raw_hex) and Joliet "
                    "(UCS-2BE, joliet_hex = last path component). The image root is the "
                    "content of tree/ (genisoimage takes the directory's content), so "
                    "names have no 'tree/' prefix. Names must come from Rock Ridge or "
                    "Joliet, never the mangled 8.3 primary names (e.g. '____3_.TXT'). "
                    "Volume and Rock Ridge times are patched to 2024-03-04 09:15:00.",
                    GENERATOR, names_charset="UTF-8")

    # single files
    note = text_bytes([zh("n001"), ko("n001"), zh("n002"), ko("n002")], "UTF-8", "\n")
    gz = io.BytesIO()
    with gzip.GzipFile(filename="note.txt", mode="wb", fileobj=gz, compresslevel=9,
                       mtime=EPOCH) as g:
        g.write(note)
    for ext, data, how in (("gz", gz.getvalue(), "gzip with FNAME 'note.txt' and MTIME set"),
                           ("bz2", bz2.compress(note, 9), "bzip2"),
                           ("xz", lzma.compress(note, format=lzma.FORMAT_XZ), "xz")):
        fname = "note.txt." + ext
        write_bytes(fname, data)
        write_truth(fname, ext, [rec(b"note.txt", "ASCII", data=note, text_charset="UTF-8",
                                     name_source="gzip FNAME" if ext == "gz"
                                     else "file name minus ." + ext)],
                    "A single compressed file (%s): one member note.txt, UTF-8 text with "
                    "Chinese and Korean lines. No errors." % how, GENERATOR,
                    names_charset="ASCII")


# ---------------------------------------------------------------- dump-day

def make_dump_day():
    # inner: made on the Chinese side, GBK names and GBK text
    inner_entries = [
        ("修改意见/", None, None),
        ("修改意见/修改意见.txt", ["n001", "n002", "n003"], "GBK"),
        ("修改意见/头部修改.txt", ["n005", "n006"], "GBK"),
        ("修改意见/第3帧_高光.txt", ["n002", "n008"], "GBK"),
        ("进度表.txt", ["solo-zh-03"], "GBK"),
    ]
    inner_ms, inner_recs = [], []
    for nm, ids, cs in inner_entries:
        data = b"" if ids is None else text_bytes(note_lines(ids, "zh"), "GBK")
        inner_ms.append(Member(nm.encode("gbk"), data, method=STORED if ids is None else DEFLATED,
                               version_made_by=VMB_EXPLORER))
        inner_recs.append((nm, "GBK", None if ids is None else data, cs))
    inner = build_zip(inner_ms)
    inner_name = "2024-03-05/중국측_원본_修改.zip"
    # outer: Korean go-between, CP949 names; the inner zip's name holds 修改 which
    # CP949 can encode as Hanja (KS X 1001 has 修 and 改).
    outer_entries = [
        ("2024-03-05/", None, None),
        ("2024-03-05/수정의견_S012.txt", ["n001", "n002", "n003"], "ko"),
        ("2024-03-05/머리_수정/", None, None),
        ("2024-03-05/머리_수정/3번째장.txt", ["n002", "n012"], "ko"),
        ("2024-03-05/동화_장수_부족.txt", ["n017", "n018"], "ko"),
        ("2024-03-05/똠_확인요청.txt", ["solo-ko-02"], "ko"),
        (inner_name, None, "ZIP"),
    ]
    ms, recs = [], []
    for nm, ids, kind in outer_entries:
        raw = nm.encode("cp949")
        if kind == "ZIP":
            data = inner
        else:
            data = b"" if ids is None else text_bytes(note_lines(ids, "ko"), "CP949")
        ms.append(Member(raw, data, method=STORED if nm.endswith("/") else DEFLATED,
                         version_made_by=VMB_EXPLORER))
        extra = {"archive_depth": 2} if kind == "ZIP" else {}
        recs.append(rec(raw, "CP949", name=nm, utf8_flag=False,
                        data=None if nm.endswith("/") else data,
                        text_charset="CP949" if kind == "ko" else None, **extra))
    for nm, cs, data, tcs in inner_recs:
        recs.append(rec(nm.encode("gbk"), "GBK", name=nm, utf8_flag=False, data=data,
                        text_charset=tcs, within=[inner_name]))
    write_bytes("dump-day.zip", build_zip(ms))
    write_truth("dump-day.zip", "zip", recs,
                "A daily batch zipped on Korean Windows (CP949 names, no bit 11, host "
                "MS-DOS as Explorer writes): folder 2024-03-05/ with Korean notes in CP949 "
                "text, and 중국측_원본_修改.zip (its name is CP949 too; 修改 are Hanja in "
                "KS X 1001) which was zipped on Chinese Windows: GBK names, GBK text. The "
                "charset decision is per archive: CP949 outside, GBK inside. No errors.",
                GENERATOR, names_charset={"1": "CP949", "2": "GBK"}, max_archive_depth=2)


def main():
    force_7z = "--force-7z" in sys.argv[1:]
    os.makedirs(OUT, exist_ok=True)
    make_names()
    make_nested()
    make_encrypted()
    make_7z_encrypted(force_7z)
    make_containers()
    make_dump_day()
    print("archive fixtures written to", OUT)


if __name__ == "__main__":
    main()

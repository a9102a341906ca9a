#!/usr/bin/python3
"""Write the plain-text encoding fixtures in tests/data/text/.

For every fixture FILE this writes
  FILE          the encoded bytes
  FILE.truth    the exact text FILE encodes, as UTF-8 (no BOM; line ends
                kept exactly as in FILE: LF, CRLF or CR)
and one tests/data/text/MANIFEST.tsv:
  FILE <TAB> EXPECTED_CHARSET_FAMILY <TAB> EXPECTED_LANGS <TAB> NOTE

EXPECTED_CHARSET_FAMILY: the canonical charset first; after '|' other
charsets that decode FILE to exactly the same text (a detector naming any of
them is right).  This script checks that claim with Python's codecs.
EXPECTED_LANGS: comma separated ISO 639-1 codes of the languages present
('-' when there is no text).

Deterministic: fixed note selections from notes.tsv, fixed random seed.
Run:  /usr/bin/python3 tests/gen/make_text_fixtures.py   (from anywhere)
Stdlib only.
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from notes_bank import load_notes  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # tests/
OUT = os.path.join(ROOT, "data", "text")

# charset name used in MANIFEST -> python codec
PYCODEC = {
    "UTF-8": "utf-8",
    "UTF-16LE": "utf-16-le",
    "UTF-16BE": "utf-16-be",
    "GB18030": "gb18030",
    "GBK": "gbk",
    "GB2312": "gb2312",
    "Big5": "big5",
    "CP950": "cp950",
    "Big5-HKSCS": "big5hkscs",
    "CP949": "cp949",
    "EUC-KR": "euc_kr",
    "Shift_JIS": "shift_jis",
    "CP932": "cp932",
    "EUC-JP": "euc_jp",
    "windows-1252": "cp1252",
    "US-ASCII": "ascii",
    "ISO-8859-1": "latin-1",
}

BOMS = {"UTF-8": b"\xef\xbb\xbf", "UTF-16LE": b"\xff\xfe", "UTF-16BE": b"\xfe\xff"}

N = load_notes()


def zh(i):
    s = N[i]["ZH"]
    assert s, i
    return s


def ko(i):
    s = N[i]["KO"]
    assert s, i
    return s


def interleave(ids, blank=True):
    """zh line, ko line (and a blank line) for every id."""
    out = []
    for i in ids:
        out.append(zh(i))
        out.append(ko(i))
        if blank:
            out.append("")
    return out


def lines(ls, eol="\n"):
    return eol.join(ls) + eol


def is_uhc_extension(ch):
    """True for a Hangul syllable CP949 has but KS X 1001 (EUC-KR) lacks."""
    b = ch.encode("cp949")
    return len(b) == 2 and (b[0] < 0xA1 or b[1] < 0xA1)


def is_ksx1001_only(text):
    for ch in text:
        if ord(ch) < 0x80:
            continue
        b = ch.encode("cp949")
        if len(b) != 2 or b[0] < 0xA1 or b[1] < 0xA1:
            return False
    return True


FIXTURES = []  # dicts: name, data(bytes), truth(str), family, langs, note, check(optional), errors


def fixture(name, data, truth, family, langs, note, errors="strict", bom=b"", check=None):
    FIXTURES.append(dict(name=name, data=data, truth=truth, family=family, langs=langs,
                         note=note, errors=errors, bom=bom, check=check))


def must_fail(data, codec):
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return
    raise AssertionError("expected %s to reject the bytes" % codec)


# ---------------------------------------------------------------- UTF-8 / UTF-16

T_UTF8 = lines(["S012 修改意见 / S012 수정의견 (2024-03-04)", ""]
               + interleave(["n001", "n002", "n003", "n004", "n027", "n102", "n103"])
               + ["—— 制片部 / 제작부"])
fixture("utf8-nobom_zh-ko.txt", T_UTF8.encode("utf-8"), T_UTF8, "UTF-8", "zh,ko",
        "UTF-8 without BOM; zh/ko pairs n001-n004,n027,n102,n103 interleaved (Hans + KR/KP)")

T_UTF8BOM = lines(["第8集 颜色修改 / 제8회 색갈수정", ""]
                  + interleave(["n028", "n029", "n030", "n033", "n036", "n037", "n104"]))
fixture("utf8-bom_zh-ko.txt", BOMS["UTF-8"] + T_UTF8BOM.encode("utf-8"), T_UTF8BOM,
        "UTF-8", "zh,ko", "UTF-8 with BOM (EF BB BF, not part of truth); zh/ko colour notes",
        bom=BOMS["UTF-8"])

T_16LEB = lines(["合成修改意见 / 합성 수정의견", ""]
                + interleave(["n044", "n045", "n050", "n051", "n052", "n053"]))
fixture("utf16le-bom_zh-ko.txt", BOMS["UTF-16LE"] + T_16LEB.encode("utf-16-le"), T_16LEB,
        "UTF-16LE", "zh,ko", "UTF-16LE with BOM FF FE (as Windows Notepad 'Unicode'); BOM not in truth",
        bom=BOMS["UTF-16LE"])

T_16BEB = lines(["口型修改 / 입모양 수정", ""]
                + interleave(["n081", "n082", "n083", "n084", "n086", "n089"]))
fixture("utf16be-bom_zh-ko.txt", BOMS["UTF-16BE"] + T_16BEB.encode("utf-16-be"), T_16BEB,
        "UTF-16BE", "zh,ko", "UTF-16BE with BOM FE FF; BOM not in truth", bom=BOMS["UTF-16BE"])

T_16LE = lines(["S012 C034 时间表 / 시간표", ""]
               + interleave(["n068", "n069", "n070", "n071", "n073", "n075"]))
fixture("utf16le-nobom_zh-ko.txt", T_16LE.encode("utf-16-le"), T_16LE, "UTF-16LE", "zh,ko",
        "UTF-16LE without BOM: must be sniffed (ASCII ids/timecodes give 00 in odd bytes)")

T_16BE = lines(["背景修改 / 배경 수정", ""]
               + interleave(["n113", "n115", "n116", "n117", "n120", "n123"]))
fixture("utf16be-nobom_zh-ko.txt", T_16BE.encode("utf-16-be"), T_16BE, "UTF-16BE", "zh,ko",
        "UTF-16BE without BOM: must be sniffed")

# ---------------------------------------------------------------- Chinese legacy


def check_gb18030(data, truth):
    must_fail(data, "gbk")
    four = [ch for ch in truth if len(ch.encode("gb18030")) == 4]
    assert len(set(four)) >= 3, four


T_GB18030 = lines(["第3集 字幕修改意见", ""]
                  + [zh("n142"), zh("n143"), "需要补字的字：㐀 㐁 𠀀 𠀁（扩展A区、扩展B区）", ""]
                  + [zh(i) for i in ["n044", "n045", "n046", "n048", "n050", "n053", "n056"]])
fixture("gb18030-ext_zh-hans.txt", T_GB18030.encode("gb18030"), T_GB18030, "GB18030", "zh",
        "GB18030 with 4-byte sequences outside GBK (ext-A 㐀 㐁, ext-B 𠀀 𠀁 (SMP), ♪) plus "
        "ordinary simplified text; GBK decoding must fail", check=check_gb18030)


def check_gbk(data, truth):
    must_fail(data, "gb2312")


T_GBK = lines(["第12集 原画修改意见（作画监督）", "原画：王喆　动画检查：李堃　作画监督：张镕", ""]
              + [zh(i) for i in ["n001", "n005", "n006", "n008", "n012", "n013", "n015",
                                 "n016", "n092", "n093", "n096", "n102"]])
fixture("gbk_zh-hans.txt", T_GBK.encode("gbk"), T_GBK, "GBK|GB18030", "zh",
        "GBK simplified Chinese; staff names use GBK-only 喆 堃 镕 so GB2312 decoding fails",
        check=check_gbk)

T_GB2312 = lines(["修改意见", ""]
                 + [zh(i) for i in ["n017", "n018", "n020", "n021", "n022", "n023", "n024",
                                    "n026", "n105", "n106", "n107"]])
fixture("gb2312-simple_zh-hans.txt", T_GB2312.encode("gb2312"), T_GB2312,
        "GB2312|GBK|GB18030", "zh", "plain GB2312 (EUC-CN) simplified Chinese")

BIG5_IDS = ["n174", "n175", "n176", "n177", "n178", "n179", "n180", "n181", "n182",
            "n183", "n184", "n185", "solo-zh-14", "solo-zh-15"]
T_BIG5 = lines(["第5集 修改意見（台北）", ""] + [zh(i) for i in BIG5_IDS])
fixture("big5_zh-hant.txt", T_BIG5.encode("big5"), T_BIG5, "Big5|CP950|Big5-HKSCS", "zh",
        "Big5 traditional Chinese (Taiwan terms 檔案, 伺服器, 格)")


def check_hkscs(data, truth):
    must_fail(data, "big5")
    must_fail(data, "cp950")
    assert "㗎" in truth and "嘅" in truth


T_HKSCS = lines(["第5集 修改意見（香港）", ""]
                + [zh(i) for i in ["n186", "n187", "n188", "n189", "n174", "n181", "n190"]])
fixture("big5-hkscs_zh-hant-yue.txt", T_HKSCS.encode("big5hkscs"), T_HKSCS, "Big5-HKSCS", "zh",
        "Big5-HKSCS: Hong Kong Cantonese notes with HKSCS chars 嘅 咗 嘢 㗎; Big5/CP950 decoding fails",
        check=check_hkscs)

# ---------------------------------------------------------------- Korean legacy


def check_cp949_ext(data, truth):
    # NB: Python's euc_kr *encoder* accepts these syllables (it emits 8-byte
    # KS X 1001 composition sequences), so test the decoder instead.
    must_fail(data, "euc_kr")
    ext = sorted({ch for ch in truth if "\uac00" <= ch <= "\ud7a3" and is_uhc_extension(ch)})
    assert len(ext) >= 6, ext


T_CP949X = lines(["제14회 효과음 글자 수정의견", ""]
                 + [ko(i) for i in ["n137", "n138", "n139", "n140", "n141", "n126"]]
                 + ["", "등장인물 이름표: 똠이, 햏돌이, 뷁뷁이 (설정집 3페지)", ""]
                 + [ko(i) for i in ["n029", "n036", "n103"]])
fixture("cp949-extended_ko.txt", T_CP949X.encode("cp949"), T_CP949X, "CP949", "ko",
        "CP949/UHC Korean with syllables KS X 1001 lacks (쓔 촥 퐉 뙇 챱 똠 햏 뷁...); "
        "strict EUC-KR decoding fails", check=check_cp949_ext)


def check_euckr(data, truth):
    assert is_ksx1001_only(truth)


EUCKR_IDS = ["n004", "n024", "n028", "n036", "n050", "n052", "n075", "n103", "n104",
             "n109", "n116", "n145", "solo-ko-01", "solo-ko-06"]
T_EUCKR = lines(["수정의견 (평양 전달용)", ""] + [ko(i) for i in EUCKR_IDS])
fixture("euc-kr_ko.txt", T_EUCKR.encode("euc_kr"), T_EUCKR, "EUC-KR|CP949", "ko",
        "plain EUC-KR (KS X 1001 syllables only), North Korean spelling (되였, 색갈, 리용, 래일, 로동)",
        check=check_euckr)

# ---------------------------------------------------------------- Japanese

T_SJIS = lines([
    "第12話 作画修正のおねがい",
    "",
    "S012 C034 3枚目の目のハイライトの位置がちがいます。",
    "あたまの形をもうすこしまるく描いてください。",
    "中割りの線がふといので、原画にあわせてください。",
    "00:01:23:12 のところ、口パクがセリフとあっていません。",
    "かげの色はR-12でおねがいします。くろでぬらないでください。",
    "リテイク分は3月15日までにアップしてください。",
    "わからないところがあれば、いつでもれんらくください。",
    "よろしくおねがいします。",
])
fixture("shift_jis_ja.txt", T_SJIS.encode("shift_jis"), T_SJIS, "Shift_JIS|CP932", "ja",
        "Japanese editing notes, kana-heavy (hiragana+katakana); must be detected as Japanese, not zh/ko")

T_SJIS_K = lines([
    "第十二話　作画監督修正指示書",
    "S012 C034　原画三枚目：瞳孔反射光位置不正確、要修正。",
    "頭部形状は設定資料参照、顔面比率再確認の事。",
    "動画線幅統一、原画準拠。",
    "背景美術：夕景、全体彩度二割減。",
    "撮影処理：透過光強度半減、被写界深度再調整。",
    "色彩設計：影色R-12指定、黒色使用禁止。",
    "納品期限：三月十五日必着。担当者確認後返送願います。",
])
fixture("shift_jis-kanji-heavy_ja.txt", T_SJIS_K.encode("shift_jis"), T_SJIS_K,
        "Shift_JIS|CP932", "ja",
        "Japanese, mostly kanji with few kana (の は を 願います): hard case, easily confused with zh")

T_EUCJP = lines([
    "仕上げ・撮影チェック表（第8話）",
    "",
    "S015 C003 光のエフェクトが強すぎます。50%ほど弱くしてください。",
    "合成のとき、背景とキャラクターの明るさがちがいます。",
    "撮影のとき、3番目と4番目のレイヤーの順番が逆になっています。",
    "出力ファイルはPNGでおねがいします。JPGは使わないでください。",
    "水面の反射は波にあわせて動かしてください。",
    "締め切りは4月2日に変更になりました。",
])
fixture("euc-jp_ja.txt", T_EUCJP.encode("euc_jp"), T_EUCJP, "EUC-JP", "ja",
        "EUC-JP Japanese compositing notes (kana + kanji)")

# ---------------------------------------------------------------- mixed / line ends

T_MIXED = lines([
    "修改颜色 색상 수정",
    "S012 C034 头要圆一点 / 머리를 더 둥글게",
    "",
    zh("n001"),
    ko("n001"),
    "",
    "Note from the producer, relayed as-is:",
    zh("n030") + " " + ko("n030"),
    zh("n081") + "\t" + ko("n081"),
    "",
    "",
    zh("n090"),
    ko("n090"),
    "Please send the retakes by Friday.",
    ko("n036"),
    zh("solo-zh-03"),
    "",
    zh("n112") + " → " + ko("n112"),
])
fixture("mixed-lines-utf8_zh-ko-en.txt", T_MIXED.encode("utf-8"), T_MIXED, "UTF-8", "zh,ko,en",
        "UTF-8; zh+ko on one line (space, ' / ', tab, ' → '), zh line then ko line, English lines, "
        "empty lines, an unpaired ko line (n036 ko) and an unpaired zh line (solo-zh-03)")

T_CRLF = lines(["S015 修改意见 / S015 수정의견"] + interleave(["n045", "n047", "n049", "n054", "n055"]),
               eol="\r\n")
fixture("crlf-utf8_zh-ko.txt", T_CRLF.encode("utf-8"), T_CRLF, "UTF-8", "zh,ko",
        "UTF-8 with CRLF line ends (truth keeps CRLF)")

T_CR = lines(["S021 修改意见 / S021 수정의견"] + interleave(["n012", "n057", "n058", "n060", "n065"]),
             eol="\r")
fixture("cr-only-utf8_zh-ko.txt", T_CR.encode("utf-8"), T_CR, "UTF-8", "zh,ko",
        "UTF-8 with old-Mac CR-only line ends (truth keeps CR); a line splitter on LF sees one line")

# ---------------------------------------------------------------- invalid bytes

FFFD = "\ufffd"


def build_with_errors(parts, codec):
    """parts: str (valid text) or (bad_bytes, n_replacements). Returns (bytes, truth)."""
    data, truth = b"", ""
    for p in parts:
        if isinstance(p, str):
            data += p.encode(codec)
            truth += p
        else:
            bad, n = p
            data += bad
            truth += FFFD * n
    return data, truth


def split_at(s, k):
    return s[:k], s[k:]


a, b = split_at(zh("n001"), 5)
c, d = split_at(ko("n036"), ko("n036").index("("))
e, f = split_at(zh("n030"), 10)
g, h = split_at(ko("n002"), 12)
i_, j = split_at(zh("n102"), 4)
k_, l_ = split_at(ko("n104"), 6)
UTF8_PARTS = [
    "修改意见 / 수정의견\n",
    a, (b"\xff", 1), b + "\n",                   # FF: never valid
    ko("n001") + "\n",
    c, (b"\xc3", 1), d + "\n",                    # C3 28: lead byte + '(' -> U+FFFD '('
    e, (b"\xe4\xb8", 1), " " + f + "\n",          # truncated 3-byte seq (E4 B8 of 中) = 1 maximal subpart
    g, (b"\x80", 1), h + "\n",                    # lone continuation byte
    i_, (b"\xc0\xaf", 2), j + "\n",               # overlong: C0 never valid -> 2 x U+FFFD
    k_, (b"\xed\xa0\x80", 3), l_ + "\n",          # UTF-8 encoded surrogate D800 -> 3 x U+FFFD
    zh("n104") + "\n",
    ko("n102"), (b"\xf0\x9f\x98", 1), "\n",       # truncated 4-byte seq before LF -> 1 x U+FFFD
]
D_U8, T_U8 = build_with_errors(UTF8_PARTS, "utf-8")
fixture("invalid-bytes-utf8_zh-ko.txt", D_U8, T_U8, "UTF-8", "zh,ko",
        "mostly valid UTF-8 with FF, C3 28, truncated E4 B8, lone 80, overlong C0 AF, surrogate ED A0 80, "
        "truncated F0 9F 98; truth has one U+FFFD per maximal invalid subpart (WHATWG/ICU/Unicode practice)",
        errors="replace")

m, n_ = split_at(ko("n036"), ko("n036").index("("))
o, p_ = split_at(ko("n037"), ko("n037").index("15%"))
q, r_ = split_at(ko("n103"), 2)
CP949_PARTS = [
    "수정의견 (S033)\n",
    ko("n137") + "\n",
    m, (b"\xb0", 1), n_ + "\n",                   # lead byte followed by '(' : U+FFFD, '(' kept
    o, (b"\x81", 1), p_ + "\n",                   # UHC lead byte followed by digit '1'
    q, (b"\xd0", 1), r_ + "\n",                   # lead byte followed by ASCII space
    ko("n139"), (b"\xc7", 1), "\n",               # lead byte followed by LF: U+FFFD, LF kept
    ko("n104") + "\n",
    ko("n109"), (b"\xb1", 1),                     # truncated: file ends inside a 2-byte char
]
# Deliberately no lone 80 / FF: WHATWG and Python call them invalid, but Windows
# code page 949 (and ICU windows-949) maps them to U+0080 / U+F8F7.  A lead byte
# followed by a byte below 0x41 (other than '@', which ICU swallows) is invalid
# for WHATWG, ICU and Python alike.
D_949, T_949 = build_with_errors(CP949_PARTS, "cp949")
fixture("invalid-bytes-cp949_ko.txt", D_949, T_949, "CP949", "ko",
        "CP949 Korean (incl. UHC syllables 쓔 퐉) with truncated 2-byte chars: lead B0 before '(', lead 81 "
        "before '1', lead D0 before space, lead C7 before LF, lead B1 at EOF; each -> one U+FFFD and the "
        "ASCII byte after it is kept (WHATWG EUC-KR decoder, ICU windows-949, Python cp949 agree). "
        "Lone 80/FF avoided: Windows maps them to U+0080/U+F8F7",
        errors="replace")

# ---------------------------------------------------------------- junk, empty, long

rng = random.Random(20240304)
junk = bytearray(rng.getrandbits(8 * 2048).to_bytes(2048, "little"))
for _ in range(16):  # NUL runs, as in binary files
    pos = rng.getrandbits(11) % (2048 - 64)
    length = 4 + rng.getrandbits(6) % 48
    junk[pos:pos + length] = b"\x00" * length
junk[0:4] = b"\x00\x00\x01\x00"
fixture("nul-junk.txt", bytes(junk), "", "binary", "-",
        "2048 random bytes (seed 20240304) with NUL runs; not text. .truth is empty. "
        "Expected: no crash, no hang; segments optional (any found are noise)")

fixture("empty.txt", b"", "", "empty", "-", "0 bytes; .truth is empty; expected: no crash, no segments")

LONG_IDS = ["n%03d" % k for k in range(1, 61)]
target = 200 * 1024
parts, size, idx = [], 0, 0
while size < target:
    i = LONG_IDS[idx % len(LONG_IDS)]
    piece = zh(i) + " " + ko(i) + " "
    parts.append(piece)
    size += len(piece.encode("utf-8"))
    idx += 1
T_LONG = "".join(parts).rstrip(" ") + "\n"
fixture("long-line-utf8_zh-ko.txt", T_LONG.encode("utf-8"), T_LONG, "UTF-8", "zh,ko",
        "one ~200 KB line (single LF at end) of zh+ko pairs n001-n060 repeated, separated by spaces")

# ---------------------------------------------------------------- Latin


def check_1252(data, truth):
    assert any(0x80 <= x <= 0x9f for x in data), "needs bytes that differ from ISO-8859-1"
    assert data.decode("latin-1") != truth


T_1252 = lines([
    "Retake notes – Episode 12 (Café Lumière co-production)",
    "From: Renée Dubois, production coordinator",
    "",
    "“S012 C034”: the eye highlight is in the wrong place on frame 3.",
    "Please make the head rounder – see Zoë’s model sheet, p. 12.",
    "Background brightness: lower it by 20%… then we’ll check again.",
    "Colour chip R-12 for all shadows — not black.",
    "Extra in-betweens approved: €1,200 (invoice “INV-0412”).",
    "Deadline: 15 March. Merci à tous!",
])
fixture("windows-1252_en.txt", T_1252.encode("cp1252"), T_1252, "windows-1252", "en",
        "English with curly quotes, en/em dash, ellipsis, € (bytes 80-9F) and é ë à; "
        "ISO-8859-1 decoding differs", check=check_1252)

T_ASCII = lines([
    "RETAKE LIST - EPISODE 12",
    "Sent: 2024-03-04 09:12",
    "",
    "S012 C034  eye highlight in the wrong place on frame 3",
    "S012 C035  hands too big, make them smaller",
    "S015 C003  light effect too strong, reduce by 50%",
    "S008 C021  sky colour should be #87CEEB",
    "00:01:23:12  lip sync does not match the dialogue",
    "",
    "Please upload all retakes to the server before March 15.",
    "Questions -> reply to this mail.",
])
fixture("latin-only-ascii_en.txt", T_ASCII.encode("ascii"), T_ASCII,
        "US-ASCII|UTF-8|windows-1252|ISO-8859-1", "en",
        "pure 7-bit ASCII English retake list; no zh/ko, so no segments expected")


README_TEXT = """# tests/data/text: plain-text encoding fixtures

Generated by `tests/gen/make_text_fixtures.py` (from the phrase bank
`tests/gen/notes.tsv`); do not edit by hand, rerun the generator:

    /usr/bin/python3 tests/gen/make_text_fixtures.py

For each fixture `FILE`:

* `FILE` holds the encoded bytes (all named `*.txt`, whatever the encoding).
* `FILE.truth` holds the text `FILE` encodes, as UTF-8 without BOM. A BOM in
  `FILE` is not part of the truth. Line ends are kept exactly as in `FILE`
  (LF in most; CRLF in `crlf-utf8_zh-ko.txt`; CR in `cr-only-utf8_zh-ko.txt`).
  Invalid byte sequences appear in the truth as U+FFFD, one per maximal
  invalid subpart (WHATWG / ICU behaviour).
  `nul-junk.txt` and `empty.txt` have empty truths.

`MANIFEST.tsv` columns:

* `FILE`
* `EXPECTED_CHARSET_FAMILY`: canonical charset, then after `|` other charsets
  that decode `FILE` to exactly the same truth (reporting any of them is
  right). `binary` = not text; `empty` = 0 bytes.
* `EXPECTED_LANGS`: ISO 639-1 codes present (`zh`, `ko`, `ja`, `en`), comma
  separated; `-` when there is no text.
* `NOTE`: what the case exercises.

The generator checks every claim with Python's codecs; the bytes were also
cross-checked with glibc iconv and ICU 72 uconv (same results).

Pitfalls these fixtures expose:

* Python's `euc_kr` *encoder* accepts syllables outside KS X 1001 by emitting
  8-byte composition sequences; `cp949-extended_ko.txt` is checked with the
  decoder instead (strict EUC-KR decoding fails).
* Lone 0x80 / 0xFF are invalid for WHATWG and Python CP949 but Windows code
  page 949 maps them to U+0080 / U+F8F7, so `invalid-bytes-cp949_ko.txt`
  uses truncated lead bytes (lead byte + ASCII, lead byte at EOF) instead.
* `file(1)`/libmagic calls UTF-8 files that start with `S0...` (shot ids such
  as `S012`) "Motorola S-Record"; do not use it to tell text from binary.
"""


# ---------------------------------------------------------------- write + verify

def verify(fx):
    data, truth = fx["data"], fx["truth"]
    fam = fx["family"]
    if fam in ("binary", "empty"):
        if fam == "empty":
            assert data == b""
        else:
            assert b"\x00" in data and len(data) == 2048
        if fx["check"]:
            fx["check"](data, truth)
        return
    bom = fx["bom"]
    if bom:
        assert data.startswith(bom)
    body = data[len(bom):]
    for name in fam.split("|"):
        got = body.decode(PYCODEC[name], errors=fx["errors"])
        if got != truth:
            raise AssertionError("%s: decoding as %s does not give the truth" % (fx["name"], name))
    if fx["errors"] == "replace":
        # the bytes really are invalid
        must_fail(body, PYCODEC[fam.split("|")[0]])
        assert FFFD in truth
    # BOM-sniffing decoders agree too
    if bom == BOMS["UTF-8"]:
        assert data.decode("utf-8-sig") == truth
    if bom in (BOMS["UTF-16LE"], BOMS["UTF-16BE"]):
        assert data.decode("utf-16") == truth
    if fx["check"]:
        fx["check"](data, truth)
    name = fx["name"]
    if not name.startswith("long-line"):
        assert 200 <= len(data) <= 4096, (name, len(data))


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = ["FILE\tEXPECTED_CHARSET_FAMILY\tEXPECTED_LANGS\tNOTE"]
    names = set()
    for fx in FIXTURES:
        assert fx["name"] not in names
        names.add(fx["name"])
        verify(fx)
        with open(os.path.join(OUT, fx["name"]), "wb") as f:
            f.write(fx["data"])
        with open(os.path.join(OUT, fx["name"] + ".truth"), "wb") as f:
            f.write(fx["truth"].encode("utf-8"))
        for col in (fx["family"], fx["langs"], fx["note"]):
            assert "\t" not in col and "\n" not in col
        manifest.append("\t".join([fx["name"], fx["family"], fx["langs"], fx["note"]]))
    with open(os.path.join(OUT, "MANIFEST.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(manifest) + "\n")
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(README_TEXT)
    # re-read from disk and verify again
    for fx in FIXTURES:
        with open(os.path.join(OUT, fx["name"]), "rb") as f:
            assert f.read() == fx["data"]
        with open(os.path.join(OUT, fx["name"] + ".truth"), "rb") as f:
            assert f.read().decode("utf-8") == fx["truth"]
    for fx in FIXTURES:
        print("%-32s %7d bytes  %-40s %s" % (fx["name"], len(fx["data"]), fx["family"], fx["langs"]))
    print("wrote %d fixtures + MANIFEST.tsv to %s" % (len(FIXTURES), OUT))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Regenerate the derived bilex language data files.

Writes, into the langdata/ directory (the parent of this script's directory):

  han-readings.tsv   CHAR<TAB>READINGS
  han-variants.tsv   CHAR<TAB>S|T
  hanja-words.tsv    HANGUL<TAB>HANJA<TAB>SIMPLIFIED

Inputs (Debian 12 packages, nothing is downloaded):
  /usr/share/unicode/Unihan_Readings.txt.bz2   (unicode-data, Unicode 15.0.0)
  /usr/share/unicode/Unihan_Variants.txt.bz2   (unicode-data, Unicode 15.0.0)
  /usr/share/libhangul/hanja/hanja.txt         (libhangul-data, BSD-3-Clause)

Python standard library only; output is deterministic (sorted, UTF-8, LF).

  /usr/bin/python3 langdata/gen/build-langdata.py [--outdir DIR] [--only FILE]

hanja-words.tsv (6 MB) is not committed: `make` writes it with --only hanja-words.tsv.
"""

import bz2
import os
import sys

UNIHAN_READINGS = "/usr/share/unicode/Unihan_Readings.txt.bz2"
UNIHAN_VARIANTS = "/usr/share/unicode/Unihan_Variants.txt.bz2"
HANJA_TXT = "/usr/share/libhangul/hanja/hanja.txt"

# Variant fields that link readings.  kTraditional/kSimplified/kZVariant name the
# same character in another form: all readings flow across them.  kSemanticVariant
# (dictionary-sourced, sometimes loose: 标~檁, 美~羙, 任~仼) only passes the
# Unihan-attested readings (kHangul/kKorean) of the other character, not the
# libhangul readings of obscure glyphs.  kSpecializedSemanticVariant ("same
# meaning in some senses only") is NOT used: on GB2312 it only added noise such
# as 中:총 雨:어 文:온 阿:조 来:뢰 弄:학.
SAME_CHAR_FIELDS = ("kTraditionalVariant", "kSimplifiedVariant", "kZVariant")
SEMANTIC_FIELDS = ("kSemanticVariant",)
VARIANT_FIELDS = SAME_CHAR_FIELDS + SEMANTIC_FIELDS

# Hangul syllable arithmetic: 0xAC00 + (initial*21 + vowel)*28 + final
SBASE, SEND = 0xAC00, 0xD7A3
NV, NF = 21, 28
L_N, L_R, L_O = 2, 5, 11            # initial indices of ㄴ, ㄹ, ㅇ
# vowel indices of ㅑ(2) ㅕ(6) ㅖ(7) ㅛ(12) ㅠ(17) ㅣ(20): ㄹ/ㄴ before these -> ㅇ
IOTA_VOWELS = {2, 6, 7, 12, 17, 20}

# Unihan kKorean is Yale romanization (UAX #38); values are jamo indices.
YALE_INITIAL = {"K": 0, "KK": 1, "N": 2, "T": 3, "TT": 4, "L": 5, "M": 6, "P": 7,
                "PP": 8, "S": 9, "SS": 10, "": 11, "C": 12, "CC": 13, "CH": 14,
                "KH": 15, "TH": 16, "PH": 17, "H": 18}
YALE_VOWEL = {"A": 0, "AY": 1, "YA": 2, "YAY": 3, "E": 4, "EY": 5, "YE": 6,
              "YEY": 7, "O": 8, "WA": 9, "WAY": 10, "OY": 11, "YO": 12, "WU": 13,
              "WE": 14, "WEY": 15, "WI": 16, "YU": 17, "U": 18, "UY": 19, "I": 20}
YALE_FINAL = {"": 0, "K": 1, "KK": 2, "N": 4, "T": 7, "L": 8, "M": 16, "P": 17,
              "S": 19, "SS": 20, "NG": 21, "C": 22, "CH": 23, "KH": 24, "TH": 25,
              "PH": 26, "H": 27}

HAN_RANGES = (
    (0x3400, 0x4DBF),    # Ext A
    (0x4E00, 0x9FFF),    # URO
    (0xF900, 0xFAFF),    # Compatibility Ideographs (incl. the 12 unified ones)
    (0x20000, 0x2A6DF),  # Ext B
    (0x2A700, 0x2EBEF),  # Ext C-F, I
    (0x2F800, 0x2FA1F),  # Compatibility Supplement
    (0x30000, 0x323AF),  # Ext G, H
)

# ---- hanja-words.tsv SIMPLIFIED column: Korean glyph forms -> mainland forms.
# Korean hanja often use glyph forms that Unihan does not map to a simplified
# character (畵 敎 査 眞 産 靑 ...).  For a hanja with no kSimplifiedVariant that
# is not itself a GB2312 character, the generator takes the one GB2312 character
# reachable through kZVariant/kSemanticVariant (directly or via that variant's
# kSimplifiedVariant): 畵>画 敎>教 査>查 眞>真 爲>为 絶>绝 鷄>鸡 ...
# These results were reviewed by hand; the ones below were judged wrong or
# doubtful and are not applied (the hanja is kept as is).
SEMANTIC_SC_EXCLUDE = set("卍坰陜甦侁寔炤惇烝珪祐")
# Hand-checked mappings for Korean forms that Unihan does not link at all (or
# links ambiguously), from the most frequent unmapped hanja in hanja.txt.
KO_FORM_TO_SC = {
    "産": "产", "靑": "青", "淸": "清", "遊": "游", "飮": "饮", "尙": "尚",
    "顔": "颜", "豊": "丰", "槪": "概", "甁": "瓶", "蔘": "参", "昇": "升",
    "裏": "里", "旣": "既", "燐": "磷", "汚": "污", "屛": "屏", "愼": "慎",
    "痲": "麻", "艶": "艳", "塚": "冢", "髥": "髯", "顚": "颠", "喩": "喻",
    "枾": "柿", "籤": "签", "楕": "椭", "搾": "榨", "兇": "凶", "彛": "彝",
    "楡": "榆", "漑": "溉", "朞": "期", "皐": "皋", "姸": "妍", "亜": "亚",
    "佈": "布", "慤": "悫", "逈": "迥", "啣": "衔", "翫": "玩", "彿": "佛",
    "姪": "侄", "蒐": "搜", "癒": "愈", "曺": "曹", "悽": "凄", "崑": "昆",
    "嚮": "向", "谿": "溪", "裵": "裴", "甛": "甜", "慇": "殷", "懃": "勤",
    "甦": "苏", "稜": "棱", "氷": "冰", "袴": "裤", "讐": "仇", "洩": "泄",
    "燿": "耀", "艸": "草",
}
# kSimplifiedVariant first values that are wrong for Korean usage: 著 read 저
# (著者 著名 著作 顯著) stays 著 in simplified Chinese (着 is the 착 sense,
# which Korean already writes 着).
SC_FIRST_OVERRIDE = {"著": "著"}

UNICODE_LICENCE = [
    "Licence: MODIFIED data (extracted, combined, converted) from the Unicode Character",
    "  Database, Unihan 15.0.0: Copyright (c) 1991-2022 Unicode, Inc. All rights reserved.",
    "  Distributed under the Unicode data files licence (terms of use:",
    "  http://www.unicode.org/copyright.html); permission notice in langdata/README.md.",
]
LIBHANGUL_LICENCE = [
    "  libhangul-data hanja.txt: Copyright (c) 2005,2006 Choe Hwanjin. All rights reserved.",
    "  BSD-3-Clause; the full notice is in langdata/README.md.",
]
GENERATED = [
    "GENERATED FILE - do not edit by hand. Regenerate with:",
    "  /usr/bin/python3 langdata/gen/build-langdata.py",
]


def is_han(ch):
    o = ord(ch)
    return any(a <= o <= b for a, b in HAN_RANGES)


def is_syllable(ch):
    return SBASE <= ord(ch) <= SEND


def cp(tok):
    """'U+5B78<kMatthews' -> '學'"""
    tok = tok.split("<", 1)[0]
    if not tok.startswith("U+"):
        raise ValueError("bad code point token %r" % tok)
    return chr(int(tok[2:], 16))


def read_unihan(path, fields):
    """{field: {char: [raw values]}} for the requested fields."""
    out = {f: {} for f in fields}
    with bz2.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] in out:
                out[parts[1]][cp(parts[0])] = parts[2].split()
    return out


def read_hanja_txt(path):
    """[(hangul, hanja, gloss)] from libhangul's 'hangul:hanja:gloss' lines."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split(":")
            if len(parts) >= 2:
                out.append((parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    return out


def yale_to_hangul(rom):
    """'SANG' -> '상'; None unless rom parses as exactly one syllable."""
    found = set()
    for ini, li in YALE_INITIAL.items():
        if not rom.startswith(ini):
            continue
        rest = rom[len(ini):]
        for vow, vi in YALE_VOWEL.items():
            if rest.startswith(vow) and rest[len(vow):] in YALE_FINAL:
                fi = YALE_FINAL[rest[len(vow):]]
                found.add(chr(SBASE + (li * NV + vi) * NF + fi))
    return found.pop() if len(found) == 1 else None


def dueum_forms(syl):
    """두음법칙 forms of one syllable: 력->역, 로->노, 녀->여 (may be empty)."""
    o = ord(syl) - SBASE
    if o < 0 or o > SEND - SBASE:
        return []
    ini, rest = divmod(o, NV * NF)
    vow, fin = divmod(rest, NF)
    if ini == L_R:
        new = L_O if vow in IOTA_VOWELS else L_N
    elif ini == L_N and vow in IOTA_VOWELS:
        new = L_O
    else:
        return []
    return [chr(SBASE + (new * NV + vow) * NF + fin)]


def expand(own, attested, same, sem, trad):
    """Readings of each char: own readings + readings of its variants and of the
    variants of its traditional form(s) (one level), then 두음법칙 forms.
    own: all base readings; attested: Unihan-only base readings (for semantic links)."""
    out = {}
    for ch in set(own) | set(same) | set(sem):
        hubs = [ch] + [t for t in trad.get(ch, ()) if t != ch]
        rs = set(own.get(ch, ()))
        for h in hubs:
            for v in same.get(h, set()) | {h}:
                rs |= own.get(v, set())
            for v in sem.get(h, ()):
                rs |= attested.get(v, set())
        for r in list(rs):
            rs.update(dueum_forms(r))
        if rs:
            out[ch] = rs
    return out


def hun_forms(reading, gloss):
    """The native Korean words of a character's gloss ('머리 두', '더할 가, 가할 가'), as forms
    to find in running text: the word before the reading in each comma-separated sense, with
    '/' alternatives.  A word ending in final L is mostly a verb's adnominal (더할, 먹을, 갈):
    its stem (더하, 먹) is a form too, and so is the word itself (물 'water', 얼굴 'face' are
    nouns).  One-syllable forms are left out: 가, 하, 먹 match inside too many unrelated words."""
    forms = []
    for sense in gloss.split(","):
        w = sense.split()
        if len(w) < 2 or w[-1] != reading:
            continue
        for alt in w[-2].split("/"):
            # '물 이름 여', '산이름 포': the name of a river, not a word; '어조사': a particle
            if not alt or not all(is_syllable(c) for c in alt) or alt.endswith("이름") or \
                    alt == "어조사":
                continue
            cand = []
            if (ord(alt[-1]) - SBASE) % 28 == 8:      # final L
                cand.append(alt[:-1] if alt[-1] == "을" else alt[:-1] + chr(ord(alt[-1]) - 8))
            cand.append(alt)
            for c in cand:
                if len(c) >= 2 and c not in forms:
                    forms.append(c)
    return forms


def gb2312_hanzi():
    """The 6763 GB2312 hanzi (rows 0xB0-0xF7), in code order."""
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out


ONLY = None  # --only NAME: write that one file (the build makes hanja-words.tsv this way)


def write(path, head_lines, rows):
    if ONLY is not None and os.path.basename(path) != ONLY:
        return len(rows)
    data = "".join("# " + l + "\n" for l in head_lines) + "".join(r + "\n" for r in rows)
    tmp = path + ".tmp"
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(data)
    os.replace(tmp, path)
    return len(rows)


GLOSS_FORMS_MAX = 4  # han-glosses.tsv: the first senses are the usual ones

GLOSSARY_FLAGS = {"false-friend", "loanword", "kp"}
VARIANT_KINDS = ("dueum", "yeot", "yeo", "saisiot", "spacing", "vocab", "punct")


LEXICON_NOTES = {"-", "kp", "sino", "opt"}


def check_curated(srcdir):
    """Validate the hand-curated files of srcdir (read only; the langdata folder, whatever
    --outdir says). Returns a list of errors and the row counts."""
    errs = []

    def rows(name, ncol):
        path = os.path.join(srcdir, name)
        if not os.path.exists(path):
            errs.append("%s: missing" % name)
            return []
        with open(path, "rb") as fh:
            raw = fh.read()
        if b"\r" in raw:
            errs.append("%s: CR characters (must be LF only)" % name)
        out = []
        for no, line in enumerate(raw.decode("utf-8").split("\n"), 1):
            if not line.strip() or line.startswith("#"):
                continue
            f = line.split("\t")
            if len(f) != ncol or any(x != x.strip() or not x for x in f):
                errs.append("%s:%d: want %d non-empty tab-separated columns" % (name, no, ncol))
                continue
            out.append((no, f))
        return out

    seen = set()
    gl = rows("glossary.tsv", 4)
    for no, (zh, ko, flags, note) in gl:
        if not all(is_han(c) for c in zh):
            errs.append("glossary.tsv:%d: ZH %r is not all Han" % (no, zh))
        if flags != "-" and not set(flags.split(",")) <= GLOSSARY_FLAGS:
            errs.append("glossary.tsv:%d: bad FLAGS %r" % (no, flags))
        if (zh, ko) in seen:
            errs.append("glossary.tsv:%d: duplicate %s/%s" % (no, zh, ko))
        seen.add((zh, ko))
    kv = rows("ko-variant.tsv", 4)
    seen = set()
    for no, (kind, form, std, note) in kv:
        if kind not in VARIANT_KINDS:
            errs.append("ko-variant.tsv:%d: bad KIND %r" % (no, kind))
        if (kind, form) in seen:
            errs.append("ko-variant.tsv:%d: duplicate %s/%s" % (no, kind, form))
        seen.add((kind, form))
        # first syllable: 두음법칙 pair; later ones equal, or 렬/률 -> 열/율 after a vowel
        if kind == "dueum" and not (
                len(form) == len(std) and is_syllable(form[0])
                and dueum_forms(form[0]) == [std[0]]
                and all(a == b or (a, b) in (("렬", "열"), ("률", "율"))
                        for a, b in zip(form[1:], std[1:]))):
            errs.append("ko-variant.tsv:%d: dueum %s/%s is not an initial-sound-law pair"
                        % (no, form, std))
        if kind == "yeot" and "였" not in form:
            errs.append("ko-variant.tsv:%d: yeot form without 였" % no)
        if kind == "yeo" and not form.endswith("여") and "여" not in form:
            errs.append("ko-variant.tsv:%d: yeo form without 여" % no)
    lx = rows("lexicon.tsv", 3)
    seen = set()
    for no, (zh, forms, note) in lx:
        if not all(is_han(c) for c in zh):
            errs.append("lexicon.tsv:%d: ZH %r is not all Han" % (no, zh))
        if note not in LEXICON_NOTES:
            errs.append("lexicon.tsv:%d: bad NOTE %r" % (no, note))
        if zh in seen:
            errs.append("lexicon.tsv:%d: duplicate %s" % (no, zh))
        seen.add(zh)
        fs = forms.split("|")
        if any(not f or f != f.strip() for f in fs) or len(set(fs)) != len(fs):
            errs.append("lexicon.tsv:%d: empty, padded or repeated form in %r" % (no, forms))
        # a verb stem, 자-: one open Hangul syllable (the aligner fuses endings into it)
        for f in fs:
            if f.endswith("-") and not (len(f) == 2 and 0xAC00 <= ord(f[0]) <= 0xD7A3 and
                                        (ord(f[0]) - 0xAC00) % 28 == 0):
                errs.append("lexicon.tsv:%d: stem %r is not one open syllable" % (no, f))
    return errs, len(gl), len(kv), len(lx)


def main(argv):
    global ONLY
    srcdir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    outdir = srcdir
    args = argv[1:]
    while len(args) >= 2 and args[0] in ("--outdir", "--only"):
        if args[0] == "--outdir":
            outdir = args[1]
        else:
            ONLY = args[1]
        args = args[2:]
    if args:
        sys.stderr.write("usage: build-langdata.py [--outdir DIR] [--only FILE]\n")
        return 2
    for path in (UNIHAN_READINGS, UNIHAN_VARIANTS, HANJA_TXT):
        if not os.path.exists(path):
            sys.stderr.write("build-langdata.py: %s is missing: install the Debian packages "
                             "unicode-data and libhangul-data (scripts/setup.sh does)\n" % path)
            return 1

    rd = read_unihan(UNIHAN_READINGS, ("kHangul", "kKorean"))
    vd = read_unihan(UNIHAN_VARIANTS, VARIANT_FIELDS)
    hanja_txt = read_hanja_txt(HANJA_TXT)

    # ---- base readings, per source
    khangul = {}                                  # kHangul '학:0E' -> '학'
    for ch, vals in rd["kHangul"].items():
        rs = {v.split(":", 1)[0] for v in vals}
        rs = {r for r in rs if len(r) == 1 and is_syllable(r)}
        if rs:
            khangul[ch] = rs
    # kKorean only where there is no kHangul: Korean standards encode their own
    # glyph forms (尙 U+5C19, 旣 U+65E3, 顔 U+9854), so the Chinese forms 尚 既
    # 颜 have no kHangul and no variant link, but do have kKorean.
    kkorean = {}
    for ch, vals in rd["kKorean"].items():
        if ch in khangul:
            continue
        rs = set()
        for v in vals:
            h = yale_to_hangul(v)
            if h is None:
                raise ValueError("unparsed kKorean %r for U+%04X" % (v, ord(ch)))
            rs.add(h)
        kkorean[ch] = rs
    # libhangul single-character entries '검:臉:' (covers 懂 脸 碰 ... lacking in Unihan)
    libhangul = {}
    for hg, hj, _ in hanja_txt:
        if len(hg) == 1 and len(hj) == 1 and is_syllable(hg) and is_han(hj):
            libhangul.setdefault(hj, set()).add(hg)

    def merge(*dicts):
        out = {}
        for d in dicts:
            for k, v in d.items():
                out.setdefault(k, set()).update(v)
        return out

    # ---- variant graph (symmetric: A lists B => A~B and B~A)
    var_map = {f: {ch: [cp(t) for t in vals] for ch, vals in d.items()}
               for f, d in vd.items()}

    def graph(fields):
        g = {}
        for f in fields:
            for ch, vs in var_map[f].items():
                for v in vs:
                    if v != ch:
                        g.setdefault(ch, set()).add(v)
                        g.setdefault(v, set()).add(ch)
        return g

    same, sem = graph(SAME_CHAR_FIELDS), graph(SEMANTIC_FIELDS)
    trad = var_map["kTraditionalVariant"]
    simp = var_map["kSimplifiedVariant"]

    # ================= 1. han-readings.tsv
    unihan = merge(khangul, kkorean)
    readings = expand(merge(unihan, libhangul), unihan, same, sem, trad)
    rows = ["%s\t%s" % (ch, " ".join(sorted(readings[ch])))
            for ch in sorted(readings, key=ord)]
    n1 = write(os.path.join(outdir, "han-readings.tsv"), [
        "han-readings.tsv - Sino-Korean (hanja) readings of Han characters (any plane).",
        "Format: CHAR<TAB>READINGS   READINGS = distinct Hangul syllables, space-separated, sorted.",
        "Source: base readings of a character = Unihan kHangul (':source' suffix dropped),",
        "  + Unihan kKorean (Yale, converted to Hangul) when it has no kHangul,",
        "  + libhangul hanja.txt single-character entries.",
        "  A character's line is the union of its base readings, those of its",
        "  kTraditional/kSimplified/kZVariant variants (either direction) and the",
        "  Unihan (kHangul/kKorean) readings of its kSemanticVariant variants ('<source'",
        "  dropped), for itself and for its traditional variant(s) (so 画 gets 畫 and",
        "  畵 readings); kSpecializedSemanticVariant is not used (too loose). Then",
        "  initial-sound-law (두음법칙) forms are added: ㄹ->ㄴ, and",
        "  ㄹ/ㄴ + ㅑㅕㅖㅛㅠㅣ -> ㅇ (력->역, 로->노, 래->내, 리->이, 녀->여, 년->연).",
    ] + UNICODE_LICENCE + LIBHANGUL_LICENCE + GENERATED, rows)

    # ================= 2. han-variants.tsv
    is_simp_form = set()   # simplified form of some other character
    is_trad_form = set()   # traditional form of some other character
    for ch, vs in trad.items():
        for v in vs:
            if v != ch:
                is_simp_form.add(ch)
                is_trad_form.add(v)
    for ch, vs in simp.items():
        for v in vs:
            if v != ch:
                is_trad_form.add(ch)
                is_simp_form.add(v)
    # A simplified form that is also an ordinary traditional character (后 'empress',
    # 台, 干, 里, 面: encodable in Big5) or a traditional form that is also an
    # ordinary simplified character (乾, 後, 著, 藉: in GB2312) is used in both
    # scripts and gets no line.
    gbset = set(gb2312_hanzi())

    def in_big5(c):
        try:
            c.encode("big5")
            return True
        except UnicodeEncodeError:
            return False

    vrows = []
    n_both = 0
    for ch in sorted(is_simp_form | is_trad_form, key=ord):
        s, t = ch in is_simp_form, ch in is_trad_form
        if s and not t and not in_big5(ch):
            vrows.append(ch + "\tS")
        elif t and not s and ch not in gbset:
            vrows.append(ch + "\tT")
        else:
            n_both += 1
    n2 = write(os.path.join(outdir, "han-variants.tsv"), [
        "han-variants.tsv - simplified-only / traditional-only Chinese characters.",
        "Format: CHAR<TAB>S|T",
        "  S: simplified form of another character (has a kTraditionalVariant other than",
        "     itself, or is another character's kSimplifiedVariant) and never the",
        "     traditional form of another character.",
        "  T: the converse (traditional form of another character, never a simplified one).",
        "  No line for: characters with no S/T relation (好 修 改); characters that are",
        "  both (苧: traditional of 苎, simplified of 薴); S candidates that are also",
        "  ordinary traditional characters, i.e. encodable in Big5 (后 台 干 里 面 只);",
        "  T candidates that are also ordinary simplified characters, i.e. in GB2312",
        "  (後 乾 著 藉 於). Unihan self-references (头 listing itself in",
        "  kTraditionalVariant) are ignored, so 头 画 发 are S and 頭 畫 發 髮 are T.",
        "Source: Unihan_Variants.txt (Unicode 15.0.0); Big5 / GB2312 membership from",
        "  the Python standard library codecs.",
    ] + UNICODE_LICENCE + GENERATED, vrows)

    # ================= 3. hanja-words.tsv
    gb = gb2312_hanzi()
    gbset = set(gb)
    simp1 = {ch: vs[0] for ch, vs in simp.items() if vs}
    simp1.update(SC_FIRST_OVERRIDE)
    zsem = graph(("kZVariant", "kSemanticVariant"))
    to_sc = dict(simp1)
    for ch, vs in sorted(zsem.items()):
        if ch in simp1 or ch in gbset or ch in SEMANTIC_SC_EXCLUDE:
            continue
        cands = {simp1.get(v, v) for v in vs} & gbset
        if len(cands) == 1:
            to_sc[ch] = cands.pop()
    for ch, sc in KO_FORM_TO_SC.items():
        if ch in simp1 or ch in gbset:
            raise ValueError("KO_FORM_TO_SC entry %s is already mapped by Unihan" % ch)
        to_sc[ch] = sc
    words = set()
    for hg, hj, _ in hanja_txt:
        if not (2 <= len(hg) <= 4) or len(hj) != len(hg):
            continue
        if not all(is_syllable(c) for c in hg) or not all(is_han(c) for c in hj):
            continue
        words.add((hg, hj, "".join(to_sc.get(c, c) for c in hj)))
    words = sorted(words)
    size = sum(len("\t".join(w).encode("utf-8")) + 1 for w in words)
    dropped = 0
    if size > 8_000_000:
        keep = [w for w in words if all(c in readings for c in w[1])]
        dropped = len(words) - len(keep)
        words = keep
    n3 = write(os.path.join(outdir, "hanja-words.tsv"), [
        "hanja-words.tsv - Sino-Korean words with their hanja and simplified-Chinese spelling.",
        "Format: HANGUL<TAB>HANJA<TAB>SIMPLIFIED",
        "  2-4 Hangul syllables and the same number of Han characters; SIMPLIFIED maps",
        "  each hanja through Unihan kSimplifiedVariant (first value) when it has one",
        "  (except 著, kept); a Korean glyph form without one and outside GB2312 is",
        "  mapped to the single GB2312 character reachable through kZVariant /",
        "  kSemanticVariant (畵>画 敎>教 査>查 眞>真), or through a hand-checked table",
        "  in the generator (産>产 靑>青 淸>清 尙>尚 顔>颜 旣>既 ...); else kept as is.",
        "  One simplified spelling per line: characters such as 乾 (乾坤 vs 干燥),",
        "  徵 瞭 藉 get the first Unihan value only.",
        "  Sorted by Hangul, then hanja. One Hangul word may have several hanja lines.",
        "Source: libhangul-data hanja.txt (Debian 12) + Unihan_Variants.txt (Unicode 15.0.0).",
        "Licence:",
    ] + LIBHANGUL_LICENCE + [
        "  SIMPLIFIED column derived from Unihan, (c) Unicode, Inc., Unicode License.",
    ] + GENERATED, ["\t".join(w) for w in words])

    # ================= 4. han-glosses.tsv
    level1 = set(gb[:3755])                        # GB2312 level 1: the common hanzi
    glosses = {}
    for hg, hj, gl in hanja_txt:
        if len(hj) != 1 or not gl:
            continue
        sc = to_sc.get(hj, hj)
        if sc not in level1:
            continue
        have = glosses.setdefault(sc, [])
        for f in hun_forms(hg, gl):
            if f not in have:
                have.append(f)
    grows = ["%s\t%s" % (ch, "|".join(fs[:GLOSS_FORMS_MAX]))
             for ch, fs in sorted(glosses.items(), key=lambda kv: ord(kv[0])) if fs]
    n7 = write(os.path.join(outdir, "han-glosses.tsv"), [
        "han-glosses.tsv - common hanzi and the native Korean words of their hanja glosses.",
        "Format: CHAR<TAB>FORMS",
        "  CHAR: a GB2312 level-1 hanzi (the 3755 common ones), the simplified form of the",
        "  hanja as hanja-words.tsv maps it (頭 > 头).  FORMS: '|'-separated, at most %d, from" % GLOSS_FORMS_MAX,
        "  the gloss (hun) of each one-character line of hanja.txt ('두:頭:머리 두' gives",
        "  头 머리): the word before the reading in each sense; a word ending in final L",
        "  (더할, 먹을) also as its stem (더하); forms of one syllable left out.  The aligner",
        "  reads each row as an 'opt' lexicon entry (counted when both sides hold it, never",
        "  as a miss), and not for a character lexicon.tsv already has.",
        "Source: libhangul-data hanja.txt (Debian 12) + Unihan_Variants.txt (Unicode 15.0.0).",
        "Licence:",
    ] + LIBHANGUL_LICENCE + [
        "  CHAR column derived from Unihan, (c) Unicode, Inc., Unicode License.",
    ] + GENERATED, grows)

    # ================= stats
    n_changed = sum(1 for w in words if w[2] != "".join(simp1.get(c, c) for c in w[1]))

    def cov(d):
        n = sum(1 for c in gb if c in d)
        return "%d/%d (%.2f%%)" % (n, len(gb), 100.0 * n / len(gb))

    errs, n4, n5, n6 = check_curated(srcdir) if ONLY is None else ([], 0, 0, 0)
    print("han-readings.tsv : %d chars" % n1)
    print("han-variants.tsv : %d chars (S=%d, T=%d; %d used in both scripts, no line)" % (
        n2, sum(r.endswith("S") for r in vrows), sum(r.endswith("T") for r in vrows), n_both))
    print("hanja-words.tsv  : %d words, %d bytes (%d dropped for size); %d SIMPLIFIED "
          "spellings fixed by Korean-form mapping" % (n3, size, dropped, n_changed))
    print("han-glosses.tsv  : %d chars" % n7)
    print("GB2312 hanzi with a reading:")
    print("  own kHangul only                    %s" % cov(khangul))
    print("  kHangul + variants                  %s" % cov(
        expand(khangul, khangul, same, sem, trad)))
    print("  + kKorean fallback (all Unihan)     %s" % cov(
        expand(unihan, unihan, same, sem, trad)))
    print("  + libhangul hanja.txt (final file)  %s" % cov(readings))
    print("hand-curated (checked, not written): glossary.tsv %d rows, ko-variant.tsv %d rows, "
          "lexicon.tsv %d rows" % (n4, n5, n6))
    for e in errs:
        sys.stderr.write("ERROR: %s\n" % e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/python3
"""Learn catalog-words.tsv: Chinese words and the Korean words that translate them, from the
message catalogues that Debian packages ship in Chinese (zh_CN, zh_TW) and in Korean.

Software is translated message by message, by many translators, into both languages: 129,000
messages of drawing, animation, office and desktop programs (Blender, Krita, GIMP, Inkscape,
LibreOffice, GTK, glibc ...) are a parallel corpus nobody wrote for bilex.  What the lexicon
does not know there is software's vocabulary, mostly loanwords no reading explains: 节点 and
노드, 图像 and 이미지, 时间线 and 타임라인.

Method (Melamed's competitive linking over Dice's coefficient):
  1. each message pair gives its Chinese character n-grams (1-4, inside runs of hanzi) and
     the prefixes (1-4 syllables) of its Korean words, placeholders and markup removed;
  2. Dice's coefficient of every n-gram and prefix seen together in three messages or more;
  3. in each message the best-scoring link is taken first, then the next whose Chinese
     characters and Korean word are both still free, and so on: an n-gram's indirect
     associations (the words that merely stand beside its translation) lose to the direct one;
  4. a row is an n-gram linked to a Korean form in 10 messages or more and in half the
     messages that hold it, that does not begin or end in a function character (的 是 了 ...);
     forms lose a particle or polite ending cut by the prefix (숫자의 -> 숫자), verb endings
     are dropped (깁니다), and a form that the hanzi's own Sino-Korean readings spell is left
     to the reading signals (设定 설정).

The rows are read as "opt" entries: counted where both sides of a pair hold them, never as a
miss (a catalogue's translation is one of the words a translator may choose).

Inputs: the .deb files of PACKAGES, fetched with `apt-get download` into a temporary folder
(or taken from --debs DIR), langdata/han-readings.tsv, and Unihan's kSimplifiedVariant
(unicode-data, read by build-langdata.py's reader) to write zh_TW's rows simplified.  git's
and coreutils' catalogues are bench/align's `ui` and `uitw` sets, the held-out test of this file: they are fetched only to leave out
their messages and every message another catalogue shares with them.  Python standard
library only; the output is sorted and deterministic for given packages.

  /usr/bin/python3 langdata/gen/learn-catalog-words.py [--debs DIR] [--out FILE]
"""

import collections
import gettext
import glob
import importlib.util
import os
import re
import subprocess
import sys
import tempfile

# Debian 12 packages that hold catalogues in both zh_CN and ko (drawing, animation, office and
# the desktop and system tools of a base install).  git and coreutils are bench/align's ui set.
PACKAGES = (
    "blender-data", "krita-l10n", "gimp", "gimp-data", "inkscape", "libreoffice-l10n-zh-cn",
    "libreoffice-l10n-ko", "adduser", "appstream", "apt", "at-spi2-common", "bash", "cpio",
    "dpkg", "findutils", "gettext", "gettext-base", "grep", "iso-codes", "libapt-pkg6.0",
    "libavahi-common-data", "libc-l10n", "libgdk-pixbuf2.0-common", "libglib2.0-data",
    "libgstreamer1.0-0", "libgtk-3-common", "libgtk2.0-common", "libpam-runtime", "libpq5",
    "login", "m4", "make", "man-db", "packagekit", "postgresql-15", "postgresql-client-15",
    "procps", "python-apt-common", "sed", "shared-mime-info", "software-properties-common",
    "sysstat", "systemd", "tar", "wget", "xdg-user-dirs", "xkb-data", "xz-utils",
)
# Held out: bench/align's ui set.  Their catalogues are fetched too, to leave out every message
# the others share with them (gnulib's strings: "memory exhausted" is in both grep and git).
HELD_PACKAGES = ("git", "coreutils")
HELD_OUT = {"git.mo", "coreutils.mo"}

ZH_MAX = 4          # hanzi in an n-gram
KO_MAX = 4          # syllables in a Korean prefix
MSG_HANZI_MAX = 30  # longer messages pair too many n-grams with too many words
MIN_SEEN = 3        # n-grams, prefixes and pairs seen in fewer messages are not scored
MIN_DICE = 0.2      # links under this are not made
MIN_LINKS = 10      # a row needs this many links ...
MIN_SHARE = 0.5     # ... in this share of the messages that hold its n-gram
FORMS_MAX = 3

FUNC_END = set("的是了在和与及将被把为从到个")
FUNC_START = set("的是了和与及将被把个")
PARTICLES = set("의를을에이가는은로와과도으")
POLITE = ("입니", "합니", "됩니", "습니", "십시")

HAN = re.compile("[\u4e00-\u9fff]+")
HANGUL = re.compile("[\uac00-\ud7a3]+")
NOISE = re.compile(r"%[-+ #0-9.]*[a-zA-Z]|%\([a-z_]+\)[a-z]|\{[^}]*\}|<[^>]*>|\$[A-Za-z_]+")


def fetch(debs):
    subprocess.run(["apt-get", "download", *PACKAGES, *HELD_PACKAGES], cwd=debs, check=True,
                   stdout=subprocess.DEVNULL)


def catalogue(path):
    try:
        with open(path, "rb") as f:
            return gettext.GNUTranslations(f)._catalog
    except (OSError, ValueError) as e:
        print("skipped %s: %s" % (path, e), file=sys.stderr)
        return {}


def message_pairs(root, zhlang):
    """(zh, ko) of every msgid both catalogues of a package translate (zh in zhlang: zh_CN or
    zh_TW), deduplicated, but for the messages of the held-out catalogues (in either)"""
    train, held = set(), set()
    for zl in ("zh_CN", "zh_TW"):
        for zpath in sorted(glob.glob(root + "/**/%s/LC_MESSAGES/*.mo" % zl, recursive=True)):
            kpath = zpath.replace("/%s/LC_MESSAGES/" % zl, "/ko/LC_MESSAGES/")
            if not os.path.exists(kpath):
                continue
            if zl != zhlang and os.path.basename(zpath) not in HELD_OUT:
                continue
            zc, kc = catalogue(zpath), catalogue(kpath)
            for key in sorted(k for k in zc if isinstance(k, str) and k and k in kc):
                z, k = zc[key], kc[key]
                # access keys: _F, &F, (_F) in Korean menus
                z = re.sub(r"\(_?[A-Za-z]\)|[_&~]", "", z).strip()
                k = re.sub(r"\(_?[A-Za-z]\)|[_&~]", "", k).strip()
                if os.path.basename(zpath) in HELD_OUT:
                    held.update((z, k))
                elif zl == zhlang:
                    train.add((z, k))
    return sorted((z, k) for z, k in train if z not in held and k not in held)


def build_langdata():
    """build-langdata.py as a module: its Unihan reader serves here too"""
    spec = importlib.util.spec_from_file_location(
        "build_langdata", os.path.join(os.path.dirname(os.path.abspath(__file__)), "build-langdata.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def simplified():
    """traditional character -> its simplified form (Unihan kSimplifiedVariant, the first)"""
    bl = build_langdata()
    simp = bl.read_unihan(bl.UNIHAN_VARIANTS, ("kSimplifiedVariant",))["kSimplifiedVariant"]
    return {c: bl.cp(v[0]) for c, v in simp.items() if bl.cp(v[0]) != c}


def readings(path):
    r = collections.defaultdict(set)
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            col = line.rstrip("\n").split("\t")
            if len(col) >= 2:
                r[col[0]].update(col[1].split())
    return r


def zh_units(runs):
    return {r[i:i + n] for r in runs for i in range(len(r))
            for n in range(1, ZH_MAX + 1) if i + n <= len(r)}


def ko_units(words):
    return {w[:n] for w in words for n in range(1, min(len(w), KO_MAX) + 1)}


def learn(msgs):
    cz, ck = collections.Counter(), collections.Counter()
    units = []
    for zr, kw in msgs:
        a, b = zh_units(zr), ko_units(kw)
        units.append((a, b))
        cz.update(a)
        ck.update(b)
    both = collections.Counter()
    for a, b in units:
        a = [x for x in a if cz[x] >= MIN_SEEN]
        b = [y for y in b if ck[y] >= MIN_SEEN]
        for x in a:
            for y in b:
                both[(x, y)] += 1
    links = collections.Counter()
    for (zr, kw), (a, _) in zip(msgs, units):
        cand = []
        for x in a:
            if cz[x] < MIN_SEEN:
                continue
            for wi, w in enumerate(kw):
                for n in range(1, min(len(w), KO_MAX) + 1):
                    c = both.get((x, w[:n]), 0)
                    d = 2 * c / (cz[x] + ck[w[:n]]) if c >= MIN_SEEN else 0
                    if d >= MIN_DICE:
                        cand.append((d, len(x), x, wi, w[:n]))
        cand.sort(reverse=True)
        used = set()
        free = [[True] * len(r) for r in zr]
        for _, _, x, wi, y in cand:
            if wi in used:
                continue
            for ri, r in enumerate(zr):
                i = r.find(x)
                while i >= 0 and not all(free[ri][i:i + len(x)]):
                    i = r.find(x, i + 1)
                if i >= 0:
                    free[ri][i:i + len(x)] = [False] * len(x)
                    used.add(wi)
                    links[(x, y)] += 1
                    break
    return cz, links


def clean_form(y):
    for e in POLITE:
        if y.endswith(e):
            y = y[:-len(e)]
    if len(y) >= 3 and y[-1] in PARTICLES:
        y = y[:-1]
    if len(y) < 2 or "니다" in y or y[-1] in "니십":
        return None
    return y


def spelled(x, y, rd):
    """y spells x's characters by their Sino-Korean readings, as far as both go"""
    return all(s in rd[c] for c, s in zip(x, y))


def rows(cz, links, rd):
    forms = collections.defaultdict(collections.Counter)
    for (x, y), n in links.items():
        if len(x) >= 2 and (x[-1] in FUNC_END or x[0] in FUNC_START):
            continue
        y = clean_form(y)
        if y:
            forms[x][y] += n
    out = []
    for x in sorted(forms):
        keep = []
        for y, n in sorted(forms[x].items(), key=lambda t: (-t[1], t[0])):
            if n < MIN_LINKS or n < MIN_SHARE * cz[x] or spelled(x, y, rd):
                continue
            if any(y.startswith(f) for f in keep):
                continue
            keep.append(y)
            if len(keep) == FORMS_MAX:
                break
        if keep:
            out.append((x, keep))
    return out


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = os.path.join(here, "catalog-words.tsv")
    debs = None
    args = sys.argv[1:]
    while args:
        a = args.pop(0)
        if a == "--debs" and args:
            debs = args.pop(0)
        elif a == "--out" and args:
            out = args.pop(0)
        else:
            sys.exit(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        if debs is None:
            debs = os.path.join(tmp, "debs")
            os.mkdir(debs)
            fetch(debs)
        versions = []
        root = os.path.join(tmp, "x")
        for deb in sorted(glob.glob(os.path.join(debs, "*.deb"))):
            subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
            name = os.path.basename(deb)[:-4].replace("%3a", ":")
            if name.split("_")[0] not in HELD_PACKAGES:
                versions.append(name)
        corpora = [(zl, message_pairs(root, zl)) for zl in ("zh_CN", "zh_TW")]
    rd = readings(os.path.join(here, "han-readings.tsv"))
    t2s = simplified()
    merged = collections.defaultdict(list)
    counts = []
    for zl, pairs in corpora:
        msgs = []
        for (z, k) in pairs:
            zr = HAN.findall(NOISE.sub(" ", z))
            kw = HANGUL.findall(NOISE.sub(" ", k))
            if zr and kw and sum(map(len, zr)) <= MSG_HANZI_MAX:
                msgs.append((zr, kw))
        counts.append("%d %s" % (len(msgs), zl))
        cz, links = learn(msgs)
        # rows in simplified characters, as lexicon.tsv's: the loader adds the traditional
        # spelling, and a word lexicon.tsv has is then left out whichever script taught it
        for x, keep in rows(cz, links, rd):
            if zl == "zh_TW":
                x = "".join(t2s.get(c, c) for c in x)
            for y in keep:
                if len(merged[x]) < FORMS_MAX + 1 and \
                        not any(y.startswith(f) or f.startswith(y) for f in merged[x]):
                    merged[x].append(y)
    table = sorted(merged.items())
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# catalog-words.tsv - Chinese words and the Korean words that translate them in the\n"
                "# message catalogues of Debian 12 packages (zh_CN and zh_TW, and ko), learned by\n"
                "# langdata/gen/learn-catalog-words.py (competitive linking over Dice's coefficient;\n"
                "# the method and its bars are in that script).  Read as opt entries of the lexicon.\n"
                "# %s message pairs, none that git's or coreutils' catalogues hold (bench/align's ui\n"
                "# set); the packages (their catalogues are GPL, LGPL, MPL-2.0 or PostgreSQL-licensed,\n"
                "# see each package's copyright file; this table holds word pairs, not messages):\n"
                % " and ".join(counts))
        for i in range(0, len(versions), 3):
            f.write("#   %s\n" % "  ".join(versions[i:i + 3]))
        f.write("# Format: ZH<TAB>KO-FORMS ('|'-separated, matched as lexicon.tsv's)\n")
        for x, keep in table:
            f.write("%s\t%s\n" % (x, "|".join(keep)))
    print("catalog-words.tsv: %d rows from %s message pairs" % (len(table), " and ".join(counts)))


if __name__ == "__main__":
    main()

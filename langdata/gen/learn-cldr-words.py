#!/usr/bin/python3
"""Learn cldr-words.tsv: Chinese words and their Korean translations from Unicode CLDR, where
translators of both languages named the same thing under one key.

CLDR (Debian's unicode-cldr-core) names every emoji in every language ("tts": the name a
screen reader says: 📻 收音机 / 라디오, 🥟 饺子 / 만두), and every language, script, territory,
time-zone city, currency, unit, month, weekday and relative day (昨天 / 어제, 上周 / 지난주).
The key is the alignment: no statistics are needed where both names are one word.  These are
the everyday words the lexicon lacked (bench/align's Tatoeba sets: 三明治 샌드위치, 收音机 라디오)
and the loanwords of names no reading spells (芝加哥 시카고, 意大利 이탈리아).

A row is a key whose Chinese name is one run of hanzi (1-6) and whose Korean name is one word
of Hangul (2-8 syllables: one syllable is a word too often that is no translation here, 狗 개
beside the counter 개, 天 일 beside the date's 일), but where the hanzi's own Sino-Korean readings spell the Korean
(中国 중국: the reading signals count those).  Chinese names come from zh (simplified) and
zh_Hant (Taiwan's words, 計程車, written simplified through Unihan's kSimplifiedVariant as
build-langdata.py reads it: the loader adds the traditional spelling).  The keyword lists of
emoji are not used: a list is a bag, and which of its words translates which is a guess.  At
most three Korean forms per Chinese word, the most often named first.

The rows are read as "opt" entries of the lexicon: counted where both sides of a pair hold
them, never as a miss.

Input: unicode-cldr-core's .deb, fetched with `apt-get download` into a temporary folder (or
--deb FILE), langdata/han-readings.tsv and Unihan (unicode-data).  Python standard library
only; the output is sorted and deterministic for a given CLDR.

  /usr/bin/python3 langdata/gen/learn-cldr-words.py [--deb FILE] [--out FILE]
"""

import argparse
import collections
import glob
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PACKAGE = "unicode-cldr-core"
ZH_LOCALES = ("zh", "zh_Hant")
FORMS_MAX = 3
HANZI = re.compile("^[\u4e00-\u9fff]{1,6}$")
HANGUL = re.compile("^[\uac00-\ud7a3]{2,8}$")
# names of the locale display data taken whole (variants are orthographies nobody writes in a
# note; keys and types name calendars and sort orders, some of them)
DISPLAY = ("languages", "scripts", "territories", "keys", "types")
# relative fields taken (the era's name is a reign title in Korean: 年代 연호)
FIELDS_SKIP = ("era",)
DAY_PERIODS = ("am", "pm")  # the others differ in where each language cuts the day


def here(*p):
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), *p)


def module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def text(e):
    return (e.text or "").strip() if e is not None else ""


def names(common, locale):
    """key -> name of one locale: emoji names and the locale's display names"""
    out = {}
    for sub in ("annotations", "annotationsDerived"):
        path = os.path.join(common, sub, locale + ".xml")
        if not os.path.exists(path):
            continue
        for a in ET.parse(path).getroot().iter("annotation"):
            if a.get("type") == "tts":
                out[("emoji", a.get("cp"))] = text(a)
    root = ET.parse(os.path.join(common, "main", locale + ".xml")).getroot()
    ld = root.find("localeDisplayNames")
    for grp in DISPLAY:
        for e in ld.find(grp) if ld is not None and ld.find(grp) is not None else ():
            if e.get("alt") is None:
                out[(grp, e.get("key"), e.get("type"))] = text(e)
    dates = root.find("dates")
    for f in dates.find("fields"):
        if f.get("type").split("-")[0] in FIELDS_SKIP:
            continue
        for x in f:
            if x.tag == "displayName" and x.get("alt") is None:
                out[("field", f.get("type"))] = text(x)
            elif x.tag == "relative":
                out[("relative", f.get("type"), x.get("type"))] = text(x)
    for z in dates.find("timeZoneNames").iter("zone"):
        city = z.find("exemplarCity")
        if city is not None and city.get("alt") is None:
            out[("city", z.get("type"))] = text(city)
    for cal in dates.find("calendars"):
        if cal.get("type") != "gregorian":
            continue
        for kind in ("months", "days", "dayPeriods"):
            for ctx in cal.find(kind) if cal.find(kind) is not None else ():
                for width in ctx:
                    if width.get("type") != "wide":
                        continue
                    for e in width:
                        if e.get("alt") is None and \
                                (kind != "dayPeriods" or e.get("type") in DAY_PERIODS):
                            out[(kind, ctx.get("type"), e.get("type"))] = text(e)
    for u in root.find("units").iter("unit"):
        dn = u.find("displayName")
        if dn is not None:
            out[("unit", u.get("type"))] = text(dn)
    for c in root.find("numbers").iter("currency"):
        dn = c.find("displayName")
        if dn is not None and dn.get("count") is None:
            out[("currency", c.get("type"))] = text(dn)
    return out


def learn(common, rd, spelled, t2s):
    ko = names(common, "ko")
    forms = collections.defaultdict(collections.Counter)
    counts = []
    for loc in ZH_LOCALES:
        zh = names(common, loc)
        n = 0
        for key in sorted(k for k in zh if k in ko):
            x, y = zh[key], ko[key]
            if not HANZI.match(x) or not HANGUL.match(y):
                continue
            if len(x) == len(y) and spelled(x, y, rd):
                continue
            forms["".join(t2s.get(c, c) for c in x)][y] += 1
            n += 1
        counts.append("%d %s" % (n, loc))
    rows = []
    for x in sorted(forms):
        keep = [y for y, _ in sorted(forms[x].items(), key=lambda t: (-t[1], t[0]))]
        rows.append((x, keep[:FORMS_MAX]))
    return rows, counts


def main():
    langdata = os.path.dirname(here())
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--deb", help="unicode-cldr-core's .deb (default: apt-get download)")
    ap.add_argument("--out", default=os.path.join(langdata, "cldr-words.tsv"))
    a = ap.parse_args()
    out, deb = a.out, a.deb
    catalog = module("learn_catalog_words", here("learn-catalog-words.py"))
    rd = catalog.readings(os.path.join(langdata, "han-readings.tsv"))
    t2s = catalog.simplified()
    with tempfile.TemporaryDirectory() as tmp:
        if deb is None:
            subprocess.run(["apt-get", "download", PACKAGE], cwd=tmp, check=True,
                           stdout=subprocess.DEVNULL)
            deb = glob.glob(os.path.join(tmp, PACKAGE + "_*.deb"))[0]
        version = os.path.basename(deb)[:-4].replace("%3a", ":")
        subprocess.run(["dpkg-deb", "-x", deb, os.path.join(tmp, "x")], check=True)
        common = os.path.join(tmp, "x", "usr", "share", "unicode", "cldr", "common")
        rows, counts = learn(common, rd, catalog.spelled, t2s)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# cldr-words.tsv - Chinese words and their Korean translations, named under one key\n"
                "# by Unicode CLDR (emoji names; languages, territories, cities, currencies, units,\n"
                "# months, weekdays, relative days), written by langdata/gen/learn-cldr-words.py.\n"
                "# Read as opt entries of the lexicon.  From %s: %s keys.\n"
                "# CLDR data: Copyright (c) 1991-2022 Unicode, Inc., Unicode-DFS-2016 (langdata/README.md).\n"
                "# zh\tko forms\n" % (version, ", ".join(counts)))
        for x, keep in rows:
            f.write("%s\t%s\n" % (x, "|".join(keep)))
    print("%s: %d rows (%s)" % (out, len(rows), ", ".join(counts)), file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""make_docs.py - synthetic zh/ko annotation documents with gold alignment units.

  bench/align/make_docs.py OUTDIR --set cmn|yue|notes|heldout|daily|ui|uitw [--drop P] [--seed S]
  bench/align/make_docs.py OUTDIR --large N [--drop P] [--seed S]   (one big file, timing)

Recipe: shared/corpora/align-dev/README.md ("Building synthetic annotation documents").

1. Rows: cmn = the 265 Mandarin (cmn_*) rows of the Tatoeba kor-zho test file, yue = the
   Cantonese (yue_*) rows (line 360 excluded), notes = the 190 paired notes n001..n190 of
   tests/gen/notes.tsv plus its solo-* rows (one side empty: unpaired from the start),
   heldout = the 80 notes of bench/align/heldout-notes.tsv (written blind to langdata/),
   daily = the 150 everyday sentences of bench/align/heldout-daily.tsv (Tatoeba's kind of
   sentence, 30 of them in Taiwan's characters, written blind to the repository),
   ui = 300 messages of git and coreutils as their Debian packages translate them into
   Simplified Chinese and Korean (/usr/share/locale/{zh_CN,ko}/LC_MESSAGES/{git,coreutils}.mo,
   joined on the English message; only one-line messages without printf conversions, quotes
   or Latin letters, with 6 hanzi and 5 Hangul syllables or more; a full stop added where a
   message has none, so that a merged line is two sentences): translations by other people,
   of another field, that nothing in langdata/ was written from; uitw = the same from the
   Traditional Chinese catalogues (zh_TW: Taiwan's words, 檔案 where zh_CN writes 文件).
   Shuffled once with the seed and cut into blocks of 20-40 rows.
2. Drop: every zh and every ko sentence is removed independently with probability P.  The
   random draws do not depend on P, so for one seed the sentences dropped at 0.2 are also
   dropped at 0.4 and the rest of the structure (merges, same-line choices) is shared.
3. Merge: for each side and each pair of neighbouring rows whose sentences on that side both
   survive, with probability 0.1 the two sentences become one line (zh joined with nothing, ko
   with a space).  A row takes part in at most one merge, so gold units are at most 2-1 / 1-2.
4. Same-line: a unit with one zh line and one ko line is written on one line with probability
   0.2, as `zh ko`, `zh / ko`, `zh（ko）` or `ko - zh` (chosen at random).
5. Every block is written once per layout, each layout in its own folder:
     interleaved/bNN.txt     zh line(s) of a unit, then its ko line(s)
     blocks/bNN.txt          all zh lines of the block, a blank line, all ko lines
     sameline/bNN.txt        every unit with both sides on one line (zh lines joined with
                             nothing, ko lines with a space); unpaired sentences on their own
     sibling/bNN/bNN_cn.txt + bNN_kr.txt   zh lines in one file, ko lines in the other
                             (no same-line pairs)
     ocr/bNN.txt             interleaved, then shuffled within consecutive windows of 3 lines
     table/bNN.csv           a two-column sheet: one row per unit, its zh in the first cell
                             and its ko in the second (a unit's lines joined as in sameline),
                             an unpaired sentence's row with the other cell empty
   Unpaired sentences stay where their row was.
6. gold.jsonl: one unit per line {"zh": [ids], "ko": [ids]}, id = "FILE:LINE:LANG" with FILE
   relative to OUTDIR and LINE 1-based (in table/, the row); units with an empty side are unpaired sentences.
   manifest.json records the parameters and per-file counts.

--large N: one file OUTDIR/large/large.txt of notes + cmn rows repeated (with fresh ids) until
N sentences survive the drop, in blocks layout (blocks of 20-40 rows, each block's zh lines,
a blank line, its ko lines, a blank line before the next block); no same-line pairs;
--large-oneblock puts all zh lines, a blank line, then all ko lines (one giant block).
"""
import argparse
import csv
import gettext
import io
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))
TATOEBA = "/work/shared/corpora/align-dev/tatoeba-kor-zho.tsv"
NOTES = os.path.join(TOP, "tests", "gen", "notes.tsv")
# editing notes written for bilex on 2026-11-29 without looking at langdata/ (its lexicon,
# glossary and readings): a check of how the aligner does on notes nobody tuned it on
HELDOUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "heldout-notes.tsv")
# everyday sentences written on 2026-11-29 by a writer who saw nothing of the repository: a
# check, beside Tatoeba's rows that the lexicon's last blocks learned from, of sentences of
# that kind nobody tuned on
DAILY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "heldout-daily.tsv")
LOCALE = "/usr/share/locale"
UI_DOMAINS = ("git.mo", "coreutils.mo")  # packages git and coreutils
UI_ROWS = 300
LAYOUTS = ("interleaved", "blocks", "sameline", "sibling", "ocr", "table")
SEPS = ("{zh} {ko}", "{zh} / {ko}", "{zh}（{ko}）", "{ko} - {zh}")


def norm(s):
    """One line of text: no line breaks, whitespace runs folded to one space."""
    return re.sub(r"\s+", " ", s.replace("\u2028", " ").replace("\u2029", " ")).strip()


def ui_rows(zhlang="zh_CN"):
    """The ui set: (msgid, zh, ko) of messages both catalogues translate, sorted by msgid."""
    def catalog(lang, dom):
        with open(os.path.join(LOCALE, lang, "LC_MESSAGES", dom), "rb") as f:
            return gettext.GNUTranslations(f)._catalog

    conv = re.compile(r"%[-+ #0-9.*'lhzjtqL]*[a-zA-Z%]")
    out = []
    for dom in UI_DOMAINS:
        try:
            zh, ko = catalog(zhlang, dom), catalog("ko", dom)
        except OSError as e:
            raise SystemExit("make_docs: the ui set needs %s (%s)" % (dom, e))
        for mid, z in zh.items():
            k = ko.get(mid)
            # a message with a printf conversion or a quoted name is a template: taken out,
            # its conversions leave stray marks (무시합니다:. and 에서 (으)로의)
            if not isinstance(mid, str) or not mid or not isinstance(z, str) or \
                    not isinstance(k, str) or "\n" in z + k or conv.search(z + k) or \
                    "'" in z + k:
                continue
            z, k = norm(z), norm(k)
            if re.search(r"[A-Za-z]", z + k) or len(re.findall(r"[\u4e00-\u9fff]", z)) < 6 or \
                    len(re.findall(r"[\uac00-\ud7a3]", k)) < 5:
                continue
            # a message ends without a full stop, a note with one: a line of two messages
            # (make_docs.py's merges) is then two sentences, as two notes are
            if not re.search(r"[。！？!?.…]$", z):
                z += "。"
            if not re.search(r"[.!?。…]$", k):
                k += "."
            out.append((dom + ":" + mid, z, k))
    out.sort()
    # every n-th, so that the 300 come from the whole of both catalogues
    step = max(1, len(out) // UI_ROWS)
    return out[::step][:UI_ROWS]


def load_rows(which):
    """[(row_id, zh or None, ko or None)]"""
    rows = []
    if which in ("cmn", "yue"):
        with open(TATOEBA, encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                c = line.rstrip("\n").split("\t")
                if i == 360 or len(c) != 4 or not c[1].startswith(which + "_"):
                    continue
                rows.append(("t%03d" % i, norm(c[3]), norm(c[2])))
    elif which in ("notes", "heldout", "daily"):
        path = {"notes": NOTES, "heldout": HELDOUT, "daily": DAILY}[which]
        with open(path, encoding="utf-8") as f:
            next(f)
            for line in f:
                c = line.rstrip("\n").split("\t")
                if len(c) < 5:
                    continue
                zh, ko = norm(c[1]) or None, norm(c[3]) or None
                if zh or ko:
                    rows.append((c[0], zh, ko))
    elif which in ("ui", "uitw"):
        rows = [("u%03d" % i, z, k) for i, (_, z, k) in
                enumerate(ui_rows("zh_CN" if which == "ui" else "zh_TW"), 1)]
    else:
        raise SystemExit("make_docs: unknown set %r" % which)
    return rows


def plan_blocks(rows, rng):
    """Shuffle once and cut into blocks of 20-40 rows; the last short rest joins the block
    before it when it would be under 20 rows."""
    rows = list(rows)
    rng.shuffle(rows)
    blocks, i = [], 0
    while i < len(rows):
        n = rng.randint(20, 40)
        blocks.append(rows[i:i + n])
        i += n
    if len(blocks) > 1 and len(blocks[-1]) < 20:
        blocks[-2].extend(blocks.pop())
    return blocks


def build_units(block, drop, rng):
    """Units of one block in row order.  Each unit: {"zh": [texts], "ko": [texts],
    "same": separator index or None}; a text is one line (a merged line holds two sentences).
    All random draws happen whatever `drop` is."""
    n = len(block)
    u_zh = [rng.random() for _ in range(n)]
    u_ko = [rng.random() for _ in range(n)]
    m_zh = [rng.random() for _ in range(n)]
    m_ko = [rng.random() for _ in range(n)]
    same_u = [rng.random() for _ in range(n)]
    same_sep = [rng.randrange(len(SEPS)) for _ in range(n)]
    zh = [r[1] if r[1] is not None and u_zh[i] >= drop else None for i, r in enumerate(block)]
    ko = [r[2] if r[2] is not None and u_ko[i] >= drop else None for i, r in enumerate(block)]
    # merges: zhm[i] = True joins zh of rows i and i+1 (likewise kom)
    in_merge = [False] * n
    zhm, kom = [False] * n, [False] * n
    for side, draws, mark in ((zh, m_zh, zhm), (ko, m_ko, kom)):
        for i in range(n - 1):
            if draws[i] < 0.1 and side[i] and side[i + 1] and not in_merge[i] \
                    and not in_merge[i + 1]:
                mark[i] = True
                in_merge[i] = in_merge[i + 1] = True
    units, i = [], 0
    while i < n:
        rows_of_unit = [i, i + 1] if (zhm[i] or kom[i]) else [i]
        if zhm[i]:
            zl = [zh[i] + zh[i + 1]]
            kl = [x for x in (ko[i], ko[i + 1]) if x]
        elif kom[i]:
            zl = [x for x in (zh[i], zh[i + 1]) if x]
            kl = [ko[i] + " " + ko[i + 1]]
        else:
            zl = [zh[i]] if zh[i] else []
            kl = [ko[i]] if ko[i] else []
        ids = [block[r][0] for r in rows_of_unit]
        if zl and kl:
            same = same_sep[i] if (len(zl) == 1 and len(kl) == 1 and same_u[i] < 0.2) else None
            units.append({"zh": zl, "ko": kl, "same": same, "rows": ids})
        else:
            # a row (or merged pair of rows) with one side left: each line is its own unit
            for t in zl:
                units.append({"zh": [t], "ko": [], "same": None, "rows": ids})
            for t in kl:
                units.append({"zh": [], "ko": [t], "same": None, "rows": ids})
        i += len(rows_of_unit)
    return units, same_sep


class Doc:
    """Lines of one text file and the gold ids they carry."""

    def __init__(self, rel):
        self.rel = rel
        self.lines = []

    def add(self, text):
        self.lines.append(text)
        return len(self.lines)

    def id(self, line, lang):
        return "%s:%d:%s" % (self.rel, line, lang)

    def write(self, outdir):
        path = os.path.join(outdir, self.rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("".join(l + "\n" for l in self.lines))


def same_line(sep, zh, ko):
    return SEPS[sep].format(zh=zh, ko=ko)


def render_interleaved(doc, units, allow_same=True):
    """Returns gold units [(zh ids, ko ids)] and writes lines into doc."""
    gold = []
    for u in units:
        if allow_same and u["same"] is not None:
            ln = doc.add(same_line(u["same"], u["zh"][0], u["ko"][0]))
            gold.append(([doc.id(ln, "zh")], [doc.id(ln, "ko")]))
            continue
        zi = [doc.id(doc.add(t), "zh") for t in u["zh"]]
        ki = [doc.id(doc.add(t), "ko") for t in u["ko"]]
        gold.append((zi, ki))
    return gold


def render_blocks(doc, units):
    zpos, kpos = {}, {}
    for n, u in enumerate(units):
        if u["same"] is not None:
            ln = doc.add(same_line(u["same"], u["zh"][0], u["ko"][0]))
            zpos[n] = [doc.id(ln, "zh")]
            kpos[n] = [doc.id(ln, "ko")]
            continue
        zpos[n] = [doc.id(doc.add(t), "zh") for t in u["zh"]]
    doc.add("")
    for n, u in enumerate(units):
        if u["same"] is None:
            kpos[n] = [doc.id(doc.add(t), "ko") for t in u["ko"]]
    return [(zpos[n], kpos[n]) for n in range(len(units))]


def render_sameline(doc, units, same_sep):
    gold = []
    for n, u in enumerate(units):
        if u["zh"] and u["ko"]:
            sep = u["same"] if u["same"] is not None else same_sep[n % len(same_sep)]
            ln = doc.add(same_line(sep, "".join(u["zh"]), " ".join(u["ko"])))
            gold.append(([doc.id(ln, "zh")], [doc.id(ln, "ko")]))
        else:
            gold.append(([doc.id(doc.add(t), "zh") for t in u["zh"]],
                         [doc.id(doc.add(t), "ko") for t in u["ko"]]))
    return gold


def render_sibling(zdoc, kdoc, units):
    gold = []
    for u in units:
        gold.append(([zdoc.id(zdoc.add(t), "zh") for t in u["zh"]],
                     [kdoc.id(kdoc.add(t), "ko") for t in u["ko"]]))
    return gold


def render_table(doc, units):
    """A CSV row per unit: zh cell, ko cell (empty where the unit has no such side)."""
    gold = []
    for u in units:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow(["".join(u["zh"]), " ".join(u["ko"])])
        row = doc.add(buf.getvalue())
        gold.append(([doc.id(row, "zh")] if u["zh"] else [], [doc.id(row, "ko")] if u["ko"] else []))
    return gold


def render_ocr(doc, units, rng):
    tmp = Doc(doc.rel)
    gold = render_interleaved(tmp, units)
    order = list(range(len(tmp.lines)))
    for w in range(0, len(order), 3):
        win = order[w:w + 3]
        rng.shuffle(win)
        order[w:w + 3] = win
    newline = {}
    for new, old in enumerate(order, 1):
        newline[old + 1] = new
        doc.add(tmp.lines[old])

    def remap(i):
        f, ln, lang = i.rsplit(":", 2)
        return "%s:%d:%s" % (f, newline[int(ln)], lang)

    return [([remap(i) for i in z], [remap(i) for i in k]) for z, k in gold]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--set", default="cmn",
                    choices=("cmn", "yue", "notes", "heldout", "daily", "ui", "uitw"))
    ap.add_argument("--drop", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--large", type=int, default=0,
                    help="one file with this many surviving sentences (--large-sets rows, repeated)")
    ap.add_argument("--large-sets", default="notes,cmn",
                    help="the sets whose rows a --large document repeats (comma-separated)")
    ap.add_argument("--large-oneblock", action="store_true",
                    help="with --large: all zh lines, a blank line, all ko lines")
    ap.add_argument("--layouts", default=",".join(LAYOUTS))
    a = ap.parse_args()
    if os.path.exists(a.outdir) and os.listdir(a.outdir):
        raise SystemExit("make_docs: %s exists and is not empty" % a.outdir)
    os.makedirs(a.outdir, exist_ok=True)
    rng = random.Random(a.seed)
    gold, files = [], {}

    def keep(units_gold):
        for z, k in units_gold:
            gold.append({"zh": z, "ko": k})

    if a.large:
        base = [r for name in a.large_sets.split(",") for r in load_rows(name)]
        doc = Doc("large/large.txt")
        allunits, surviving, copy = [], 0, 0
        while surviving < a.large:
            copy += 1
            rows = [("c%d-%s" % (copy, r[0]), r[1], r[2]) for r in base]
            for blk in plan_blocks(rows, rng):
                units, _ = build_units(blk, a.drop, rng)
                for u in units:
                    u["same"] = None  # timing document: one sentence (or merge) per line
                allunits.append(units)
                surviving += sum(len(u["zh"]) + len(u["ko"]) for u in units)
                if surviving >= a.large:
                    break
        if a.large_oneblock:
            keep(render_blocks(doc, [u for us in allunits for u in us]))
        else:
            for n, us in enumerate(allunits):
                if n:
                    doc.add("")  # blocks are separated by a blank line, as in notes
                keep(render_blocks(doc, us))
        doc.write(a.outdir)
        files[doc.rel] = len(doc.lines)
        layouts = ["large"]
    else:
        layouts = a.layouts.split(",")
        for bi, blk in enumerate(plan_blocks(load_rows(a.set), rng), 1):
            units, same_sep = build_units(blk, a.drop, rng)
            name = "b%02d" % bi
            for lay in layouts:
                if lay == "interleaved":
                    d = Doc("interleaved/%s.txt" % name)
                    keep(render_interleaved(d, units))
                    docs = [d]
                elif lay == "blocks":
                    d = Doc("blocks/%s.txt" % name)
                    keep(render_blocks(d, units))
                    docs = [d]
                elif lay == "sameline":
                    d = Doc("sameline/%s.txt" % name)
                    keep(render_sameline(d, units, same_sep))
                    docs = [d]
                elif lay == "sibling":
                    z = Doc("sibling/%s/%s_cn.txt" % (name, name))
                    k = Doc("sibling/%s/%s_kr.txt" % (name, name))
                    keep(render_sibling(z, k, units))
                    docs = [z, k]
                elif lay == "table":
                    d = Doc("table/%s.csv" % name)
                    keep(render_table(d, units))
                    docs = [d]
                elif lay == "ocr":
                    d = Doc("ocr/%s.txt" % name)
                    keep(render_ocr(d, units, random.Random("%d/%s" % (a.seed, name))))
                    docs = [d]
                else:
                    raise SystemExit("make_docs: unknown layout %r" % lay)
                for d in docs:
                    d.write(a.outdir)
                    files[d.rel] = len(d.lines)
    with open(os.path.join(a.outdir, "gold.jsonl"), "w", encoding="utf-8") as f:
        for u in gold:
            f.write(json.dumps(u, ensure_ascii=False) + "\n")
    with open(os.path.join(a.outdir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"set": "large" if a.large else a.set, "drop": a.drop, "seed": a.seed,
                   "layouts": layouts, "files": files,
                   "units": len(gold),
                   "pairs": sum(1 for u in gold if u["zh"] and u["ko"]),
                   "sentences_lines": sum(len(u["zh"]) + len(u["ko"]) for u in gold)},
                  f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main())

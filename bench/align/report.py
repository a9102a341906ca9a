#!/usr/bin/python3
"""report.py - sums score.py --json results over seeds and prints the benchmark tables.

  bench/align/report.py WORKDIR [--timing FILE] [--benchmarks docs/BENCHMARKS.md]
      [--command CMD] [--machine TEXT]

WORKDIR holds SET-P-SEED/ folders, each with score-ALIGNER.json (score.py --json) for the
aligners bilex, gc (Gale & Church, c = 1, s2 = 6.8) and gcfit (c = 1.25, s2 = 3.58).  Counts
are summed over seeds before dividing (micro-average).  Cells: strict F1 (pair-only F1).
--timing: a JSON file written by run.sh with the large-document timings.
--benchmarks: replace the text between <!-- align:begin --> and <!-- align:end --> (or append
the section when the markers are absent), leaving the rest of the file as it is.
"""
import argparse
import json
import os
import re
import sys
from collections import defaultdict

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import docsection  # noqa: E402

ALIGNERS = (("bilex", "bilex"), ("gc", "G&C c=1 s²=6.8"), ("gcfit", "G&C c=1.25 s²=3.58"))
LAYOUTS = ("interleaved", "blocks", "sameline", "sibling", "ocr", "table", "all")
SETS = (("cmn", "Tatoeba Mandarin (cmn, 265 pairs)"),
        ("notes", "editing notes (tests/gen/notes.tsv, 190 pairs + 19 solo)"),
        ("yue", "Tatoeba Cantonese (yue, 131 pairs; separate, harder set)"),
        ("heldout", "held-out editing notes (bench/align/heldout-notes.tsv, 80 pairs written "
         "blind to langdata/ on 2026-11-29, never tuned on)"),
        ("daily", "held-out everyday sentences (bench/align/heldout-daily.tsv, 150 pairs, 30 in "
         "Traditional Chinese, written blind to the repository on 2026-11-29, never tuned on)"),
        ("ui", "messages of git and coreutils as Debian translates them (300 pairs; another "
         "field, other translators, never tuned on)"),
        ("uitw", "the same catalogues in Traditional Chinese (zh_TW; Taiwan's words, never "
         "tuned on)"))
KEYS = ("p_strict", "p_lax", "p_n", "r_strict", "r_lax", "r_n", "pair_p_strict", "pair_p_n",
        "gold_units", "gold_pairs", "pred_pairs")


def f1(c, n_p, r_c, n_r):
    p = c / n_p if n_p else 0.0
    r = r_c / n_r if n_r else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0, p, r


def load(work):
    """acc[(set, p, aligner, layout)] = summed counts; seeds[(set, p)] = [seeds]"""
    acc = defaultdict(lambda: defaultdict(int))
    seeds = defaultdict(list)
    diag = defaultdict(lambda: defaultdict(int))
    for d in sorted(os.listdir(work)):
        m = re.match(r"^(cmn|notes|yue|heldout|daily|ui|uitw)-([0-9.]+)-(\d+)$", d)
        if not m:
            continue
        s, p, seed = m.group(1), m.group(2), int(m.group(3))
        seeds[(s, p)].append(seed)
        for al, _ in ALIGNERS:
            path = os.path.join(work, d, "score-%s.json" % al)
            if not os.path.exists(path):
                continue
            with open(path, encoding="utf-8") as f:
                j = json.load(f)
            for lay, c in j["layouts"].items():
                for k in KEYS:
                    acc[(s, p, al, lay)][k] += c[k]
            for k, v in j["diagnostics"].items():
                if isinstance(v, int):
                    diag[(s, al)][k] += v
    return acc, seeds, diag


def cell(c):
    if not c or not c["p_n"]:
        return "–"
    s = f1(c["p_strict"], c["p_n"], c["r_strict"], c["r_n"])[0]
    po = f1(c["pair_p_strict"], c["pair_p_n"], c["r_strict"], c["r_n"])[0]
    return "%.3f (%.3f)" % (s, po)


def tables(acc, seeds, diag):
    out = []
    for s, title in SETS:
        ps = sorted({p for (ss, p) in seeds if ss == s}, key=float)
        if not ps:
            continue
        sd = sorted({x for p in ps for x in seeds[(s, p)]})
        parts = []
        for p in ps:
            c0 = acc[(s, p, "bilex", "interleaved")]
            n = max(len(seeds[(s, p)]), 1)
            parts.append("p=%s: %.0f units, %.0f pairs" % (p, c0["gold_units"] / n,
                                                          c0["gold_pairs"] / n))
        out.append("**%s**, seeds %s.  Gold per layout and seed: %s." % (
            title, ",".join(map(str, sd)), "; ".join(parts)))
        out.append("")
        head = "| layout |" + "".join(" %s p=%s |" % (name, p) for p in ps
                                      for _, name in ALIGNERS)
        out.append(head)
        out.append("|---|" + "---|" * (len(ps) * len(ALIGNERS)))
        for lay in LAYOUTS:
            row = "| %s |" % lay
            for p in ps:
                for al, _ in ALIGNERS:
                    row += " %s |" % cell(acc.get((s, p, al, lay)))
            out.append(row)
        out.append("")
        # lax and P/R for bilex, all layouts (one line per drop rate)
        parts = []
        for p in ps:
            c = acc[(s, p, "bilex", "all")]
            sf, sp, sr = f1(c["p_strict"], c["p_n"], c["r_strict"], c["r_n"])
            lf, lp, lr = f1(c["p_lax"], c["p_n"], c["r_lax"], c["r_n"])
            pf, pp, pr = f1(c["pair_p_strict"], c["pair_p_n"], c["r_strict"], c["r_n"])
            parts.append("p=%s strict P/R %.3f/%.3f, lax F1 %.3f, pair-only P/R %.3f/%.3f"
                         % (p, sp, sr, lf, pp, pr))
        out.append("bilex, all layouts: " + "; ".join(parts) + ".")
        d = diag.get((s, "bilex"), {})
        if d.get("unknown_ids") or d.get("unparsed_where") or d.get("ids_in_several_pairs"):
            out.append("Mapping: %d predicted line ids of bilex are not gold ids (a zh segment "
                       "found on a Korean-only line), %d wheres not `line N`, %d ids in more "
                       "than one pair (summed over runs)." % (
                           d.get("unknown_ids", 0), d.get("unparsed_where", 0),
                           d.get("ids_in_several_pairs", 0)))
        out.append("")
    return out


def timing_lines(t):
    out = []
    for r in t:
        out.append("- %s: %d lines, %d segments (bilex segment records), %d gold pairs; "
                   "bilex scan %.2f s (best of %d: %s); strict F1 %.3f (pair-only %.3f)." % (
                       r["name"], r["lines"], r["segments"], r["gold_pairs"], min(r["seconds"]),
                       len(r["seconds"]), ", ".join("%.2f" % x for x in r["seconds"]),
                       r["strict_f1"], r["pair_f1"]))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("work")
    ap.add_argument("--timing")
    ap.add_argument("--benchmarks")
    ap.add_argument("--command", default="bench/align/run.sh")
    ap.add_argument("--machine", default="")
    ap.add_argument("--version", default="")
    a = ap.parse_args()
    acc, seeds, diag = load(a.work)
    body = tables(acc, seeds, diag)
    tim = []
    if a.timing and os.path.exists(a.timing):
        with open(a.timing, encoding="utf-8") as f:
            tim = timing_lines(json.load(f))
    print("\n".join(body))
    if tim:
        print("Large document:")
        print("\n".join(tim))
    if not a.benchmarks:
        return 0
    sec = ["<!-- align:begin -->", "## Alignment", "",
           "Command: `%s` (%s%s).  Synthetic documents from `bench/align/make_docs.py` "
           "(recipe in the align-dev README: blocks of 20–40 rows, each zh and ko sentence "
           "dropped with probability p, neighbours merged with probability 0.1, same-line "
           "pairs with probability 0.2), every block written in six layouts; scored by "
           "`bench/align/score.py` on line ids (a row of the table layout's CSV).  Cells: strict F1 after Sennrich & Volk "
           "(precision over all predicted units, unpaired ones included; recall over gold "
           "pairs), in parentheses pair-only F1 (precision over predicted pairs only); counts "
           "summed over seeds.  Baselines: `bench/align/gale_church.py`, length only, beads "
           "1-1/1-0/0-1/2-1/1-2 with the paper's priors."
           % (a.command, a.machine, (", " + a.version) if a.version else ""), ""]
    sec += body
    if tim:
        sec += ["Large document (`make_docs.py --large 10000 --drop 0.2`, notes + cmn rows "
                "repeated with fresh ids, blocks layout, one file; wall time of `bilex scan -q "
                "--no-ocr`, which also writes pairs and segments):", ""] + tim + [""]
    sec.append("<!-- align:end -->")
    docsection.put(a.benchmarks, "align", "\n".join(sec))
    return 0


if __name__ == "__main__":
    sys.exit(main())

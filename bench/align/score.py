#!/usr/bin/python3
"""score.py - strict/lax alignment P/R/F1 of predicted pairs against gold units.

  bench/align/score.py GOLD PAIRS_JSONL OUTDIR [--json] [--errors FILE]

GOLD: gold.jsonl of make_docs.py, one unit {"zh": [ids], "ko": [ids]} per line, id =
"FILE:LINE:LANG" with FILE relative to OUTDIR.  PAIRS_JSONL: records with "type": "pair"
(other records are ignored), as bilex writes them (gale_church.py writes the same shape).
A pair becomes the unit ({source:L:zh for L in zh_where}, {ko_source:L:ko for L in ko_where});
paths are made relative to OUTDIR; where = "line N" or a cell (A7, of row 7), or several joined
by " + ".  Every gold id
that no predicted pair covers is a predicted unpaired unit of its own.

Metric (shared/corpora/align-dev/README.md; after Sennrich & Volk 2011 as in vecalign):
  precision over all predicted units (unpaired ones included) against all gold units,
  recall over gold units with both sides against predicted units with both sides;
  strict = the identical unit is on the other side; lax = otherwise at least one zh id of the
  unit is aligned, on the other side, to at least one of its ko ids.  Micro-averaged.
Pair-only (simpler): precision = predicted pairs that are a gold unit / predicted pairs;
recall = gold units with both sides found as a predicted pair / such gold units (strict).
Everything is reported per layout (first folder of the file path) and overall.
"""
import argparse
import json
import os
import re
import sys
from collections import defaultdict

WHERE = re.compile(r"^(?:line |[A-Z]{1,3})(\d+)$")  # a line, or a sheet's cell (B12: row 12)


def rel_path(p, outdir):
    """A path as given to the aligner, relative to OUTDIR."""
    a = os.path.abspath(p)
    o = os.path.abspath(outdir)
    r = os.path.relpath(a, o)
    if not r.startswith(".."):
        return r
    od = outdir.rstrip("/") + "/"
    return p[len(od):] if p.startswith(od) else p


def where_lines(w):
    """["3", "4"] from "line 3 + line 4"; None when some part is not a line."""
    out = []
    for part in (w or "").split(" + "):
        m = WHERE.match(part.strip())
        if not m:
            return None
        if m.group(1) not in out:
            out.append(m.group(1))
    return out


def layout_of(unit):
    for side in unit:
        for i in side:
            return i.split("/", 1)[0] if "/" in i else "?"
    return "?"


def load_gold(path):
    units = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                u = json.loads(line)
                units.append((frozenset(u["zh"]), frozenset(u["ko"])))
    return units


def load_pred(path, outdir, diag):
    units = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            if r.get("type", "pair") != "pair":
                continue
            src = rel_path(r.get("source") or "", outdir)
            ksrc = rel_path(r.get("ko_source") or r.get("source") or "", outdir)
            zl, kl = where_lines(r.get("zh_where")), where_lines(r.get("ko_where"))
            if zl is None or kl is None:
                diag["unparsed_where"].append((n, r.get("zh_where"), r.get("ko_where")))
                zl = zl if zl is not None else ["?" + str(r.get("zh_where"))]
                kl = kl if kl is not None else ["?" + str(r.get("ko_where"))]
            z = frozenset("%s:%s:zh" % (src, l) for l in zl)
            k = frozenset("%s:%s:ko" % (ksrc, l) for l in kl)
            units.append((z, k, r))
    return units


def precision_counts(gold, test):
    """(strict correct, lax correct, scored) of `test` units against `gold` units."""
    gset = set(gold)
    zh2ko = defaultdict(set)
    for z, k in gold:
        for a in z:
            zh2ko[a].update(k)
    strict = lax = n = 0
    for u in test:
        z, k = u
        if not z and not k:
            continue
        n += 1
        if u in gset:
            strict += 1
            lax += 1
            continue
        reach = set()
        for a in z:
            reach |= zh2ko.get(a, set())
        if reach & k:
            lax += 1
    return strict, lax, n


def prf(c, n_p, r_c, n_r):
    p = c / n_p if n_p else 0.0
    r = r_c / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(gold, pred_units, diag):
    gold_ids = {}
    for n, (z, k) in enumerate(gold):
        for i in z | k:
            gold_ids[i] = n
    pred = [(z, k) for z, k, _ in pred_units]
    covered = set()
    seen = defaultdict(int)
    for z, k in pred:
        for i in z | k:
            seen[i] += 1
            covered.add(i)
            if i not in gold_ids:
                diag["unknown_ids"].append(i)
    diag["ids_in_several_pairs"] = sorted(i for i, c in seen.items() if c > 1)
    for i in sorted(gold_ids):
        if i not in covered:
            lang = i.rsplit(":", 1)[1]
            pred.append((frozenset([i]), frozenset()) if lang == "zh"
                        else (frozenset(), frozenset([i])))
    by_layout_g, by_layout_p = defaultdict(list), defaultdict(list)
    for u in gold:
        by_layout_g[layout_of(u)].append(u)
    for u in pred:
        by_layout_p[layout_of(u)].append(u)
    res = {}
    for lay in sorted(set(by_layout_g) | set(by_layout_p)) + ["all"]:
        g = gold if lay == "all" else by_layout_g[lay]
        p = pred if lay == "all" else by_layout_p[lay]
        ps, pl, pn = precision_counts(g, p)
        g2 = [u for u in g if u[0] and u[1]]
        p2 = [u for u in p if u[0] and u[1]]
        rs, rl, rn = precision_counts(p2, g2)
        p2s, _, p2n = precision_counts(g, p2)
        res[lay] = {
            "gold_units": len(g), "gold_pairs": len(g2), "pred_units": len(p),
            "pred_pairs": len(p2),
            "p_strict": ps, "p_lax": pl, "p_n": pn,
            "r_strict": rs, "r_lax": rl, "r_n": rn,
            "pair_p_strict": p2s, "pair_p_n": p2n,
        }
    return res, pred


def figures(c):
    s = prf(c["p_strict"], c["p_n"], c["r_strict"], c["r_n"])
    l = prf(c["p_lax"], c["p_n"], c["r_lax"], c["r_n"])
    po = prf(c["pair_p_strict"], c["pair_p_n"], c["r_strict"], c["r_n"])
    return s, l, po


def read_lines(outdir, rel, cache):
    if rel not in cache:
        try:
            with open(os.path.join(outdir, rel), encoding="utf-8") as f:
                cache[rel] = f.read().split("\n")
        except OSError:
            cache[rel] = []
    return cache[rel]


def show_unit(u, outdir, cache):
    out = []
    for side in u:
        for i in sorted(side, key=lambda x: (x.rsplit(":", 2)[0], int(x.rsplit(":", 2)[1])
                                            if x.rsplit(":", 2)[1].isdigit() else 0)):
            f, ln, lang = i.rsplit(":", 2)
            lines = read_lines(outdir, f, cache)
            t = lines[int(ln) - 1] if ln.isdigit() and 0 < int(ln) <= len(lines) else "?"
            out.append("    %s  %s" % (i, t))
    return "\n".join(out)


def write_errors(path, gold, pred_units, outdir):
    """False positives (predicted pairs that are not gold units) with the gold units their ids
    belong to, and false negatives (gold pairs not predicted)."""
    cache = {}
    gold_of = {}
    for u in gold:
        for i in u[0] | u[1]:
            gold_of[i] = u
    gset = set(gold)
    pset = set((z, k) for z, k, _ in pred_units)
    with open(path, "w", encoding="utf-8") as f:
        for z, k, r in pred_units:
            if (z, k) in gset:
                continue
            f.write("FP %s score %s method %s\n" % (layout_of((z, k)), r.get("score"),
                                                    r.get("method")))
            f.write("  predicted:\n%s\n" % show_unit((z, k), outdir, cache))
            gs = []
            for i in sorted(z | k):
                g = gold_of.get(i)
                if g is not None and g not in gs:
                    gs.append(g)
            for g in gs:
                f.write("  gold:\n%s\n" % show_unit(g, outdir, cache))
            if r.get("signals"):
                f.write("  signals: %s\n" % json.dumps(r["signals"], ensure_ascii=False))
        for u in gold:
            if u[0] and u[1] and u not in pset:
                f.write("FN %s\n%s\n" % (layout_of(u), show_unit(u, outdir, cache)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("pairs")
    ap.add_argument("outdir")
    ap.add_argument("--json", action="store_true", help="counts and figures as JSON")
    ap.add_argument("--errors", metavar="FILE", help="write false positives/negatives")
    a = ap.parse_args()
    diag = {"unparsed_where": [], "unknown_ids": []}
    gold = load_gold(a.gold)
    pred_units = load_pred(a.pairs, a.outdir, diag)
    res, _ = score(gold, pred_units, diag)
    if a.errors:
        write_errors(a.errors, gold, pred_units, a.outdir)
    if a.json:
        for lay, c in res.items():
            s, l, po = figures(c)
            c["strict"] = dict(zip("prf", s))
            c["lax"] = dict(zip("prf", l))
            c["pair_only"] = dict(zip("prf", po))
        out = {"layouts": res, "diagnostics": {
            "unparsed_where": len(diag["unparsed_where"]),
            "unknown_ids": len(diag["unknown_ids"]),
            "unknown_id_examples": diag["unknown_ids"][:5],
            "ids_in_several_pairs": len(diag["ids_in_several_pairs"]),
        }}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    print("%-12s %6s %6s %6s | %-20s | %-20s | %-20s" % (
        "layout", "gold", "pairs", "pred", "strict P / R / F1", "lax P / R / F1",
        "pair-only P / R / F1"))
    for lay, c in res.items():
        s, l, po = figures(c)
        print("%-12s %6d %6d %6d | %.3f %.3f %.3f    | %.3f %.3f %.3f    | %.3f %.3f %.3f" % (
            lay, c["gold_units"], c["gold_pairs"], c["pred_pairs"], *s, *l, *po))
    if diag["unparsed_where"] or diag["unknown_ids"] or diag["ids_in_several_pairs"]:
        print("diagnostics: %d pairs with a where that is not 'line N', %d predicted ids not in "
              "gold (e.g. %s), %d ids in more than one pair" % (
                  len(diag["unparsed_where"]), len(diag["unknown_ids"]),
                  ", ".join(diag["unknown_ids"][:3]), len(diag["ids_in_several_pairs"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())

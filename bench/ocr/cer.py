#!/usr/bin/python3
"""cer.py: character error rate of OCR output against NAME.truth.json (stdlib only).

Usage
  cer.py TRUTH.json HYP.txt            score one hypothesis (HYP.txt may be '-' for stdin)
  cer.py --dir DIR --hyp-cmd 'CMD {}'  run CMD on every image of DIR (the {} is replaced by
                                       the shell-quoted image path), time it, score its stdout
  cer.py --dir DIR --hyp-dir HYPDIR [--times TIMES.tsv]
                                       score HYPDIR/NAME.txt for every DIR/NAME.truth.json;
                                       TIMES.tsv holds "NAME<TAB>seconds" lines (optional)
Options
  --json          print one JSON object per image (and a final summary object) instead of tables
  --max-cer PCT   exit status 1 if the mean CER of any class is above PCT percent
  -q              batch mode: print only the per-class summary

Truth files are written by tests/gen/frames/make_frames.sh:
  {"image": "NAME.png", "lines": [{"text", "lang": "zh|ko|id", "box", "ink", "vertical"}, ...],
   "pairs": [[i, j], ...]}
The image of DIR/NAME.truth.json is its "image" key, else DIR/NAME.{png,jpg,jpeg}. The class of
an image is its name up to the first '_' (sketch_01 -> sketch).

Metrics (all text is NFKC-normalised and all whitespace removed first)
  CER   Levenshtein(hyp, truth) / len(truth). OCR line order is loose, so hypothesis lines are
        put in the truth's reading order (the order of "lines" in the truth file) when they can
        be matched: each hypothesis line is assigned to the truth line in which it aligns best
        (substring alignment, cost <= 50% of the hypothesis line); assigned lines are sorted by
        (truth line, position inside it), so a truth line split in fragments is rebuilt; the
        unassigned lines (distractor text, garbage) are appended in their own order. CER is the
        lower of the value on that reordering and on the plain concatenation.
  miss  1 - LCS(hyp, truth) / len(truth), on the same two orderings (the better one): the share
        of truth characters that are absent. Distractor text raises CER but not miss.
  extra len(hyp): the characters output, reported for empty truth (no notes drawn), where CER
        is undefined and printed as '-'.
  zh/ko per-language "line error": for each truth line, the edit distance to its best-matching
        substring of the hypothesis, summed per language / truth characters of that language
        (in --json output only).
  faces where truth lines carry "hand" (true for a handwriting-like face; make_hold.py writes
        it): the line error of printed and of handwriting-like lines over all frames, and the
        mean CER of the frames whose notes are all printed (line "FACES" of the summary).
"""
import json
import os
import shlex
import subprocess
import sys
import time
import unicodedata


def norm(s):
    return "".join(unicodedata.normalize("NFKC", s).split())


def levenshtein(a, b):
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def lcs(a, b):
    if len(a) < len(b):
        a, b = b, a
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b, 1):
            cur.append(prev[j - 1] + 1 if ca == cb else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def substring_align(pat, text):
    """Edit distance of pat to its best-matching substring of text; returns (cost, end index)."""
    if not pat:
        return 0, 0
    prev = [0] * (len(text) + 1)          # free start anywhere in text
    for i, cp in enumerate(pat, 1):
        cur = [i]
        for j, ct in enumerate(text, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (cp != ct)))
        prev = cur
    end = min(range(len(prev)), key=lambda j: (prev[j], j))
    return prev[end], end


def reorder(truth_lines, hyp_lines):
    """Hypothesis lines in truth reading order (see header); None if nothing could be matched."""
    placed, extra = [], []
    taken = [0] * len(truth_lines)
    for k, h in enumerate(hyp_lines):
        best = None
        for i, t in enumerate(truth_lines):
            if not t:
                continue
            cost, end = substring_align(h, t)
            if len(h) > len(t):           # h longer than the line: count the overflow too
                cost = min(cost, levenshtein(h, t))
            # a tie goes to a line no other hypothesis line took: a note written twice
            # (two truth lines alike) is two lines, not one read twice
            key = (cost / len(h), taken[i], i)
            if best is None or key < best[0]:
                best = (key, i, max(0, end - len(h)))
        if best is not None and best[0][0] <= 0.5:
            placed.append((best[1], best[2], k, h))
            taken[best[1]] += 1
        else:
            extra.append(h)
    if not placed:
        return None
    placed.sort()
    return "".join(p[3] for p in placed) + "".join(extra)


def score(truth, hyp_text):
    """truth: parsed truth JSON; hyp_text: raw OCR output. Returns a dict of metrics."""
    tlines = [norm(l["text"]) for l in truth.get("lines", [])]
    tall = "".join(tlines)
    hlines = [h for h in (norm(x) for x in hyp_text.splitlines()) if h]
    plain = "".join(hlines)
    r = {"truth_chars": len(tall), "hyp_chars": len(plain)}
    if not tall:
        r.update(cer=None, miss=None, extra=len(plain), edits=len(plain))
        return r
    orders = [plain]
    ro = reorder(tlines, hlines)
    if ro is not None and ro != plain:
        orders.append(ro)
    edits = min(levenshtein(o, tall) for o in orders)
    common = max(lcs(o, tall) for o in orders)
    r.update(cer=edits / len(tall), miss=1 - common / len(tall), extra=None, edits=edits,
             reordered=len(orders) > 1)
    per, font = {}, {}
    for l, t in zip(truth["lines"], tlines):
        if t:
            cost, _ = substring_align(t, plain)
            e = per.setdefault(l.get("lang", "?"), [0, 0])
            e[0] += cost
            e[1] += len(t)
            if "hand" in l:
                e = font.setdefault("hand" if l["hand"] else "printed", [0, 0])
                e[0] += cost
                e[1] += len(t)
    r["line_error"] = {k: round(v[0] / v[1], 4) for k, v in sorted(per.items())}
    if font:
        # the two targets are per kind of face: edits and characters per kind, and
        # whether every note of the frame is in a printed face (its frame CER then counts)
        r["font_edits"] = font
        r["printed_only"] = "hand" not in font
    return r


def fmt_pct(x):
    return "-" if x is None else "%.1f" % (100 * x)


def find_image(d, name, truth):
    if truth.get("image"):
        return os.path.join(d, truth["image"])
    for ext in ("png", "jpg", "jpeg"):
        p = os.path.join(d, name + "." + ext)
        if os.path.exists(p):
            return p
    return None


def batch(args):
    d = args["dir"]
    names = sorted(f[: -len(".truth.json")] for f in os.listdir(d) if f.endswith(".truth.json"))
    if not names:
        sys.exit("cer.py: no *.truth.json in %s" % d)
    times = {}
    if args.get("times"):
        with open(args["times"], encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 2:
                    times[parts[0]] = float(parts[1])
    rows = []
    for name in names:
        with open(os.path.join(d, name + ".truth.json"), encoding="utf-8") as f:
            truth = json.load(f)
        secs = times.get(name)
        if args.get("hyp_cmd"):
            img = find_image(d, name, truth)
            if img is None:
                sys.exit("cer.py: no image for %s" % name)
            cmd = args["hyp_cmd"].replace("{}", shlex.quote(img))
            t0 = time.monotonic()
            p = subprocess.run(cmd, shell=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            secs = time.monotonic() - t0
            hyp = p.stdout.decode("utf-8", "replace")
        else:
            hp = os.path.join(args["hyp_dir"], name + ".txt")
            hyp = open(hp, encoding="utf-8", errors="replace").read() if os.path.exists(hp) else ""
        r = score(truth, hyp)
        r.update(name=name, cls=name.split("_")[0], secs=secs)
        rows.append(r)

    classes = {}
    for r in rows:
        classes.setdefault(r["cls"], []).append(r)

    def mean(xs):
        xs = [x for x in xs if x is not None]
        return sum(xs) / len(xs) if xs else None

    summary = {}
    for c, rs in classes.items():
        summary[c] = {
            "images": len(rs),
            "cer": mean([r["cer"] for r in rs]),
            "miss": mean([r["miss"] for r in rs]),
            "extra": sum(r["extra"] for r in rs if r["extra"] is not None) if any(
                r["extra"] is not None for r in rs) else None,
            "secs": mean([r["secs"] for r in rs]),
        }
    allr = {
        "images": len(rows),
        "cer": mean([r["cer"] for r in rows]),
        "miss": mean([r["miss"] for r in rows]),
        "secs": mean([r["secs"] for r in rows]),
    }
    # truth lines that name their face (bench/probe/make_hold.py): line error per kind of face,
    # over all frames (a line's edit distance to its best stretch of the frame's output, so
    # stray text is not counted), and the CER of the frames written in printed faces only
    fonts = {}
    for r in rows:
        for k, (e, n) in r.get("font_edits", {}).items():
            f = fonts.setdefault(k, [0, 0])
            f[0] += e
            f[1] += n
    if fonts:
        po = [r["cer"] for r in rows if r.get("printed_only") and r["cer"] is not None]
        allr["line_error_printed"] = fonts["printed"][0] / fonts["printed"][1] if "printed" in fonts else None
        allr["line_error_hand"] = fonts["hand"][0] / fonts["hand"][1] if "hand" in fonts else None
        allr["printed_frames"] = len(po)
        allr["printed_frames_cer"] = mean(po)

    if args.get("json"):
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
        print(json.dumps({"summary": summary, "all": allr}, ensure_ascii=False))
    else:
        if not args.get("quiet"):
            print("%-12s %6s %6s %7s %7s %7s %7s" % ("image", "truth", "hyp", "CER%", "miss%", "extra", "s"))
            for r in rows:
                print("%-12s %6d %6d %7s %7s %7s %7s" % (
                    r["name"], r["truth_chars"], r["hyp_chars"], fmt_pct(r["cer"]),
                    fmt_pct(r["miss"]), "-" if r["extra"] is None else r["extra"],
                    "-" if r["secs"] is None else "%.2f" % r["secs"]))
            print()
        print("%-12s %6s %7s %7s %7s %7s" % ("class", "images", "CER%", "miss%", "extra", "s/img"))
        order = sorted(summary, key=lambda c: min(rows.index(r) for r in classes[c]))
        for c in order:
            s = summary[c]
            print("%-12s %6d %7s %7s %7s %7s" % (
                c, s["images"], fmt_pct(s["cer"]), fmt_pct(s["miss"]),
                "-" if s["extra"] is None else s["extra"],
                "-" if s["secs"] is None else "%.2f" % s["secs"]))
        print("%-12s %6d %7s %7s %7s %7s" % (
            "ALL", allr["images"], fmt_pct(allr["cer"]), fmt_pct(allr["miss"]), "",
            "-" if allr["secs"] is None else "%.2f" % allr["secs"]))
        if "printed_frames" in allr:
            print("FACES printed-only frames %d CER %s%%, line error printed %s%% hand %s%%" % (
                allr["printed_frames"], fmt_pct(allr["printed_frames_cer"]),
                fmt_pct(allr["line_error_printed"]), fmt_pct(allr["line_error_hand"])))
    if args.get("max_cer") is not None:
        bad = [c for c, s in summary.items()
               if s["cer"] is not None and 100 * s["cer"] > args["max_cer"]]
        if bad:
            print("cer.py: mean CER above %.1f%% in: %s" % (args["max_cer"], " ".join(sorted(bad))),
                  file=sys.stderr)
            return 1
    return 0


def usage(msg=None):
    if msg:
        print("cer.py: " + msg, file=sys.stderr)
    print(__doc__.split("\nTruth files")[0], file=sys.stderr)
    sys.exit(2)


def main(argv):
    args, pos = {}, []
    it = iter(argv)
    for a in it:
        if a in ("--dir", "--hyp-cmd", "--hyp-dir", "--times", "--max-cer"):
            v = next(it, None)
            if v is None:
                usage("%s needs a value" % a)
            args[a[2:].replace("-", "_")] = float(v) if a == "--max-cer" else v
        elif a == "--json":
            args["json"] = True
        elif a == "-q":
            args["quiet"] = True
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        elif a.startswith("--"):
            usage("unknown option " + a)
        else:
            pos.append(a)
    if "dir" in args:
        if pos or ("hyp_cmd" in args) == ("hyp_dir" in args):
            usage("--dir needs exactly one of --hyp-cmd or --hyp-dir")
        return batch(args)
    if len(pos) != 2:
        usage()
    with open(pos[0], encoding="utf-8") as f:
        truth = json.load(f)
    if pos[1] == "-":
        hyp = sys.stdin.buffer.read().decode("utf-8", "replace")
    else:
        hyp = open(pos[1], encoding="utf-8", errors="replace").read()
    r = score(truth, hyp)
    if args.get("json"):
        print(json.dumps(r, ensure_ascii=False))
    elif r["cer"] is None:
        print("cer=- miss=- truth=0 hyp=%d extra=%d" % (r["hyp_chars"], r["extra"]))
    else:
        print("cer=%.4f miss=%.4f truth=%d hyp=%d edits=%d" % (
            r["cer"], r["miss"], r["truth_chars"], r["hyp_chars"], r["edits"]))
    if args.get("max_cer") is not None and r["cer"] is not None and 100 * r["cer"] > args["max_cer"]:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

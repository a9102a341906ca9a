#!/usr/bin/python3
"""make_hold.py: frames of a third generator, held out while stop 18 changed the OCR.

  python3 bench/probe/make_hold.py OUTDIR SEED0 N

Writes OUTDIR/hold_NN.png (NN even) or .jpg (NN odd, quality 70 to 92) and hold_NN.truth.json
(bench/ocr/cer.py's format), NN from 0 to N-1, frame NN drawn from random.Random(SEED0 + NN).
What tests/gen/frames and make_frames.py do not use: the text is Tatoeba's (the cmn_Hans rows
of ../shared/corpora/align-dev/tatoeba-kor-zho.tsv, 6 to 22 hanzi); the grounds are
ImageMagick's built-in pictures (`wizard:`, `logo:`: a cartoon under coloured stars, `rose:`
blurred), flat cels outlined in black and a dark screen with panels; the notes are plain,
outlined in white, in a box drawn in their ink or beside a drawn stroke; inks are any hue
(bright ones on the dark screen); a shot id on four frames in ten.  Stop 18 measured SEED0 900
(development: the rules of drop_shapes were made on it), 5000 and 9000 (looked at for
regressions) and 20000 (made after the last change, run once); docs/BENCHMARKS.md has them.
Needs ImageMagick 6 and the fonts of fonts-noto-cjk, fonts-lxgw-wenkai, fonts-nanum and
fonts-nanum-extra.
"""
import colorsys
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TSV = os.path.join(HERE, "..", "..", "..", "shared", "corpora", "align-dev", "tatoeba-kor-zho.tsv")
if len(sys.argv) != 4:
    sys.exit(__doc__.split('\n\n')[1])
out, s0, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, exist_ok=True)
rows = []
for l in open(os.environ.get('TATOEBA', TSV), encoding='utf-8'):
    a = l.rstrip('\n').split('\t')
    if len(a) == 4 and a[1] == 'cmn_Hans' and 6 <= len(a[3]) <= 22 and len(a[2]) <= 26:
        rows.append((a[3], a[2]))
ZF = ["Noto-Serif-CJK-SC-Bold", "Noto-Sans-CJK-SC", "LXGW-WenKai-Bold", "Noto-Sans-Mono-CJK-SC", "LXGW-WenKai-Mono"]
KF = ["NanumSquareRound-ExtraBold", "NanumGothicExtraBold", "Noto-Sans-CJK-KR-Bold", "Noto-Serif-CJK-KR-Bold",
      "Nanum-Pen-Script", "NanumSquare_ac-Regular", "NanumBarunpen-Bold"]
def ink(r):
    h = r.random(); s = r.uniform(0.65, 1); v = r.uniform(0.55, 0.95)
    return '#%02x%02x%02x' % tuple(int(255 * x) for x in colorsys.hsv_to_rgb(h, s, v))
for k in range(n):
    r = random.Random(s0 + k)
    W, H = r.choice([(1280, 720), (1920, 1080), (1280, 720)])
    bg = k % 5
    if bg == 0:
        c = ["convert", "wizard:", "-resize", "%dx%d!" % (W, H)]
    elif bg == 1:
        c = ["convert", "logo:", "-resize", "%dx%d!" % (W, H)]
    elif bg == 2:
        c = ["convert", "-size", "%dx%d" % (W, H), "xc:#fdfbf5", "-stroke", "black", "-strokewidth", "3"]
        for _ in range(10):
            pts = " ".join("%d,%d" % (r.randint(0, W), r.randint(0, H)) for _ in range(4))
            c += ["-fill", r.choice(["#f5d0b0", "#6b4f3a", "#ffe9a8", "#b0d8f0", "#d8f0b0"]), "-draw", "polygon " + pts]
    elif bg == 3:
        c = ["convert", "-size", "%dx%d" % (W, H), "gradient:#202830-#0a0c10", "-fill", "#3a4a5a", "-stroke", "none"]
        for _ in range(6):
            x, y = r.randint(0, W), r.randint(0, H)
            c += ["-draw", "rectangle %d,%d %d,%d" % (x, y, x + r.randint(50, 400), y + r.randint(20, 200))]
    else:
        c = ["convert", "rose:", "-resize", "%dx%d!" % (W, H), "-blur", "0x3"]
    lines, pairs = [], []
    col = ink(r)
    if bg == 3:
        col = r.choice(["#ffeb3b", "#00e5ff", "#ff80ab", "#76ff03"])
    style = r.choice(["plain", "outline", "box", "arrow"])
    y = r.randint(50, 110)
    if r.random() < 0.4:
        sid = "S%03d C%03d" % (r.randint(1, 99), r.randint(1, 200))
        ps = r.randint(26, 34) * (1.4 if W > 1300 else 1)
        c += ["-font", "Noto-Sans-CJK-SC-Bold", "-pointsize", "%d" % ps, "-fill", col, "-stroke", "none",
              "-annotate", "+%d+%d" % (W - 400, y), sid]
        lines.append({"text": sid, "lang": "id", "box": [W - 400, int(y - ps), int(ps * 5), int(ps)], "ink": col, "vertical": False})
    for pi in r.sample(range(len(rows)), 2):
        x0 = r.randint(30, 200)
        y0 = y
        for lang, txt, fonts in (("zh", rows[pi][0], ZF), ("ko", rows[pi][1], KF)):
            f = r.choice(fonts)
            ps = r.randint(26, 40) * (1.4 if W > 1300 else 1) * (1.4 if "Pen" in f else 1)
            ang = r.uniform(-2, 2)
            x = x0 + r.randint(0, 30)
            if style == "outline":
                c += ["-font", f, "-pointsize", "%d" % ps, "-fill", col, "-stroke", "white", "-strokewidth", "5",
                      "-annotate", "%.1fx%.1f+%d+%d" % (ang % 360, ang % 360, x, y), txt]
            c += ["-font", f, "-pointsize", "%d" % ps, "-fill", col, "-stroke", "none",
                  "-annotate", "%.1fx%.1f+%d+%d" % (ang % 360, ang % 360, x, y), txt]
            lines.append({"text": txt, "lang": lang, "box": [x, int(y - ps), int(ps * len(txt)), int(ps)], "ink": col,
                          "vertical": False, "font": f, "ps": ps, "hand": "WenKai" in f or "Pen" in f})
            y += int(ps * 1.9)
        if style == "box":
            c += ["-fill", "none", "-stroke", col, "-strokewidth", "3", "-draw",
                  "rectangle %d,%d %d,%d" % (x0 - 20, y0 - 60, min(W - 5, x0 + 1000), y - 25), "-stroke", "none"]
        elif style == "arrow":
            ax, ay = min(W - 50, x0 + 900), y0 - 20
            c += ["-fill", "none", "-stroke", col, "-strokewidth", "4", "-draw",
                  "line %d,%d %d,%d" % (ax, ay, ax + 200, ay + 150), "-stroke", "none"]
        pairs.append([len(lines) - 2, len(lines) - 1])
        y += r.randint(40, 180)
    name = "hold_%02d" % k
    ext = "jpg" if k % 2 else "png"
    c += ["-strip"] + (["-quality", str(r.randint(70, 92))] if ext == "jpg" else [])
    c.append(os.path.join(out, name + "." + ext))
    subprocess.run(c, check=True)
    json.dump({"image": name + "." + ext, "lines": lines, "pairs": pairs, "style": style, "bg": bg},
              open(os.path.join(out, name + ".truth.json"), "w"), ensure_ascii=False)

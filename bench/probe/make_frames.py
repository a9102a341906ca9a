#!/usr/bin/python3
"""make_frames.py: 24 frames with notes of bench/probe/notes.tsv drawn on them, and their truth files.

  python3 bench/probe/make_frames.py OUTDIR

Writes OUTDIR/probe_NN.png (NN even) or .jpg (NN odd, quality 80) and OUTDIR/probe_NN.truth.json
in the format bench/ocr/cer.py reads.  Frame NN draws two notes picked at random, each as its
zh line then its ko line, with random fonts (ZF, KF below), sizes 28-42 points (x1.4 on the
1920x1080 frames, every fourth), slants of -3 to 3 degrees and one ink (two on every fifth
frame: zh and ko apart).  Backgrounds, by NN mod 3: a blurred plasma, grey ellipses on paper, a
sky gradient with a field and a sun.  Each truth line also keeps its font, point size ("ps"),
slant ("ang") and origin ("xy"); the truth file also names the background and the size.  Seeds are fixed
(100 + NN): the frames are the same on every run.  Needs ImageMagick 6 (`convert`) and the fonts
of fonts-noto-cjk, fonts-lxgw-wenkai, fonts-nanum and fonts-nanum-extra.
"""
import json
import os
import random
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from notes import read_notes  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ZF = ["Noto-Serif-CJK-SC", "Noto-Sans-CJK-SC-Bold", "LXGW-WenKai", "Noto-Sans-CJK-SC"]
KF = ["Noto-Serif-CJK-KR", "NanumSquare_ac-Bold", "NanumBarunpen", "Noto-Sans-CJK-KR",
      "NanumMyeongjoExtraBold", "NanumGothic-Light"]
INKS = ["#ff7f00", "#8e24aa", "#2e7d32", "#a52a2a", "#ff4081", "#00897b", "#d32f2f", "#1565c0"]
BACKGROUNDS = ["plasma", "ellipses", "scene"]


def background(k, W, H, r):
    """The convert arguments that make frame k's background (draws from r)."""
    c = ["convert", "-size", "%dx%d" % (W, H)]
    if k % 3 == 0:
        c += ["-seed", str(r.randint(1, 999)), "plasma:", "-blur", "0x6", "-modulate", "100,60"]
    elif k % 3 == 1:
        c += ["xc:#f4f1ea", "-stroke", "#9a9a9a", "-strokewidth", "2", "-fill", "none"]
        for _ in range(14):
            x, y = r.randint(0, W), r.randint(0, H)
            c += ["-draw", "ellipse %d,%d %d,%d 0,360" % (x, y, r.randint(30, 200), r.randint(30, 150))]
    else:
        c += ["gradient:#87ceeb-#fce4b0", "-fill", "#556b2f",
              "-draw", "rectangle %d,%d %d,%d" % (W // 3, H * 2 // 3, W, H),
              "-fill", "#ffd700", "-draw", "circle %d,%d %d,%d" % (W - 200, 150, W - 140, 150)]
    return c


def main(argv):
    if len(argv) != 1:
        sys.exit(__doc__.split("\n\n")[1])
    out = argv[0]
    os.makedirs(out, exist_ok=True)
    P = read_notes(os.path.join(HERE, "notes.tsv"))
    for k in range(24):
        r = random.Random(100 + k)
        W, H = (1920, 1080) if k % 4 == 3 else (1280, 720)
        c = background(k, W, H, r)
        lines, pairs = [], []
        ink = r.choice(INKS)
        ink2 = r.choice(INKS) if k % 5 == 4 else ink
        y = r.randint(40, 120)
        for pi in r.sample(range(30), 2):
            for lang, txt, fonts, col in (("zh", P[pi][0], ZF, ink), ("ko", P[pi][1], KF, ink2)):
                f = r.choice(fonts)
                ps = r.randint(28, 42) * (1.4 if W > 1300 else 1)
                x = r.randint(30, 120)
                ang = r.uniform(-3, 3)
                c += ["-font", f, "-pointsize", "%d" % ps, "-fill", col, "-stroke", "none",
                      "-annotate", "%.1fx%.1f+%d+%d" % (ang % 360, ang % 360, x, y), txt]
                lines.append({"text": txt, "lang": lang, "box": [x, y - ps, int(ps * len(txt)), int(ps)],
                              "ink": col, "vertical": False, "font": f, "ps": ps, "ang": round(ang, 2),
                              "xy": [x, y]})
                y += int(ps * 2.0)
            pairs.append([len(lines) - 2, len(lines) - 1])
            y += r.randint(20, 160)
        name = "probe_%02d" % k
        ext = "jpg" if k % 2 else "png"
        # -strip and no PNG date chunks: the same bytes on every run (the pixels do not change)
        c += ["-strip"] + (["-quality", "80"] if ext == "jpg" else ["-define", "png:exclude-chunks=date,time"])
        c.append(os.path.join(out, name + "." + ext))
        subprocess.run(c, check=True)
        with open(os.path.join(out, name + ".truth.json"), "w", encoding="utf-8") as f:
            json.dump({"image": name + "." + ext, "lines": lines, "pairs": pairs,
                       "background": BACKGROUNDS[k % 3], "size": [W, H]}, f, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

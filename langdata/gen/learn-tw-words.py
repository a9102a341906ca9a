#!/usr/bin/python3
"""learn-tw-words.py - lexicon.tsv's words as Taiwan writes them, through OpenCC.

  langdata/gen/learn-tw-words.py [--lexicon langdata/lexicon.tsv] [--out langdata/tw-words.tsv]

Taiwan's Chinese names many everyday and software things with other words than the mainland's
(软件 軟體, 文件 檔案, 信息 資訊, 出租车 計程車), not just other characters: the lexicon's entry for
软件 never meets 軟體, since the aligner folds characters, not words.  OpenCC (Debian package
opencc, Apache-2.0; its TWPhrases dictionary) converts simplified text to Taiwan's wording
(s2twp) and to Taiwan's characters alone (s2tw).  Where the two differ for a lexicon.tsv word,
the wording is Taiwan's own: it is written back in simplified characters (tw2s, characters
only: 软体) with the row's Korean forms, unless lexicon.tsv already has that word.  Every row is
"opt" (lexicon.tsv's NOTE): the Korean forms are those of the mainland word's sense, and
Taiwan's word may be used in another (物件 is a program's object, 객체, where 对象's row says
대상), so it counts where both sides hold it, never as a miss.  The aligner reads the file
after lexicon.tsv, as lexicon.tsv's rows (src/align/lexicon.c).
Deterministic for one OpenCC version; tests/langdata.sh checks the committed file against it.
"""
import argparse
import os
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def opencc(config, lines):
    """OpenCC's conversion of each line (one line in, one line out)."""
    out = subprocess.run(["opencc", "-c", config], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, check=True).stdout.split("\n")
    if len(out) < len(lines):
        sys.exit("learn-tw-words: opencc %s changed the number of lines" % config)
    return out[:len(lines)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lexicon", default=os.path.join(TOP, "langdata", "lexicon.tsv"))
    ap.add_argument("--out", default=os.path.join(TOP, "langdata", "tw-words.tsv"))
    a = ap.parse_args()
    rows = []
    with open(a.lexicon, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            c = line.rstrip("\n").split("\t")
            rows.append((c[0], c[1], c[2] if len(c) > 2 else "-"))
    zh = [r[0] for r in rows]
    chars, wording = opencc("s2tw.json", zh), opencc("s2twp.json", zh)
    own = [(r, w) for r, c, w in zip(rows, chars, wording) if c != w]
    simp = opencc("tw2s.json", [w for _, w in own])
    have, out = set(zh), []
    for (r, w), s in zip(own, simp):
        if s and s not in have:
            have.add(s)
            out.append("%s\t%s\topt\t%s" % (s, r[1], r[0]))
    version = subprocess.run(["opencc", "--version"], capture_output=True,
                             text=True).stdout.split()
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# tw-words.tsv - lexicon.tsv's words in Taiwan's wording (软件 -> 软体 軟體, "
                "文件 -> 档案 檔案),\n"
                "# written in simplified characters, with the Korean forms of the row they come "
                "from (last\n"
                "# column), every one opt.  Made by langdata/gen/learn-tw-words.py with OpenCC %s "
                "(Apache-2.0;\n"
                "# s2twp against s2tw, back through tw2s): do not edit, regenerate.\n"
                "# Format: ZH<TAB>KO-FORMS<TAB>NOTE<TAB>MAINLAND\n"
                % (version[-1] if version else "?"))
        for line in out:
            f.write(line + "\n")
    print("learn-tw-words: %d of %d lexicon words have a Taiwan wording of their own"
          % (len(out), len(rows)))


if __name__ == "__main__":
    main()

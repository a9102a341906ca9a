"""many.py - a dump of many small note files, for the memory test of docs/SCALE.md.

FOLDERS folders of FILES files each, ~100 bytes apiece: Chinese notes and their Korean
translations side by side (S0001_notes_cn.txt beside S0001_notes_kr.txt, so the collector pairs
siblings across files), every tenth one a bilingual note.  Deterministic: the same arguments give
the same bytes.  Usage: many.py OUTDIR FOLDERS FILES
"""
import os
import sys

ZH = ["请把第{n}镜头的背景颜色改成暖色调。", "人物的眼睛要再大一点。", "中割要均匀，不要一边快一边慢。",
      "光效太强了，请减弱{n}%。", "S0{n} C0{m} 的原画请在周五之前交回。", "线条太粗，请重新描线。"]
KO = ["제{n}장면의 배경색을 따뜻한 색조로 바꿔주십시오.", "인물의 눈을 좀더 크게 그려주십시오.",
      "중간그림은 고르게 나누어주십시오.", "빛효과가 너무 강합니다. {n}% 약하게 해주십시오.",
      "S0{n} C0{m}의 원화는 금요일전까지 돌려주십시오.", "선이 너무 굵습니다. 다시 그려주십시오."]


def main():
    out, folders, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    for d in range(folders):
        path = os.path.join(out, "ep%04d" % d)
        os.makedirs(path, exist_ok=True)
        for f in range(files):
            k = d * files + f // 2  # the two files of a pair say the same
            i, j, n, m = k % len(ZH), (k + 1) % len(ZH), 10 + k % 89, 100 + k % 899
            zh = ZH[i].format(n=n, m=m) + ZH[j].format(n=n, m=m)
            ko = KO[i].format(n=n, m=m) + " " + KO[j].format(n=n, m=m)
            stem = "S%04d_notes" % (f // 2)
            if f % 10 == 9:
                name, text = "S%04d_both.txt" % f, zh + "\n" + ko + "\n"
            elif f % 2 == 0:
                name, text = stem + "_cn.txt", zh + "\n"
            else:
                name, text = stem + "_kr.txt", ko + "\n"
            with open(os.path.join(path, name), "w", encoding="utf-8") as fp:
                fp.write(text)


if __name__ == "__main__":
    main()

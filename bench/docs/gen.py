"""gen.py - N multi-page bilingual DOCX documents for bench/docs/run.sh (python-docx).

Every document is different (a seeded mix of sentences, numbers in ids), so no tool can gain by
caching: each has a header and a footer, a table of instructions beside their translations and
five pages of body paragraphs.  Usage: gen.py OUTDIR N
"""
import os
import random
import sys

import docx
from docx.enum.text import WD_BREAK

ZH = ["请把第{n}镜头的背景颜色改成暖色调。", "人物的眼睛要再大一点，表情要更生动。",
      "摄影的时候第{n}层和第{m}层的顺序反了。", "中割要均匀，不要一边快一边慢。",
      "头的形状要再修改一下，请画得圆一些。", "光效太强了，请减弱{n}%。",
      "S0{n} C0{m} 的原画请在周五之前交回。", "线条太粗，请用细一点的笔重新描线。"]
KO = ["제{n}장면의 배경색을 따뜻한 색조로 바꿔주십시오.", "인물의 눈을 좀더 크게, 표정을 더 생동하게 그려주십시오.",
      "촬영할 때 {n}번째 층과 {m}번째 층의 순서가 바뀌였습니다.", "중간그림은 고르게 나누어주십시오.",
      "머리 모양을 조금 더 수정해주십시오. 둥글게 그려주십시오.", "빛효과가 너무 강합니다. {n}% 약하게 해주십시오.",
      "S0{n} C0{m}의 원화는 금요일전까지 돌려주십시오.", "선이 너무 굵습니다. 가는 펜으로 다시 그려주십시오."]


def sentence(rng, table):
    i = rng.randrange(len(table))
    n, m = rng.randrange(10, 99), rng.randrange(100, 999)
    return i, ZH[i].format(n=n, m=m), KO[i].format(n=n, m=m)


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    for k in range(count):
        rng = random.Random(k)
        d = docx.Document()
        sec = d.sections[0]
        sec.header.paragraphs[0].text = "《星之旅》第%d集 修改意见（内部资料）" % (k + 1)
        sec.footer.paragraphs[0].text = "제%d회 수정의견 — 내부자료" % (k + 1)
        d.add_heading("第%d集 原画修改意见 / 제%d회 원화 수정의견" % (k + 1, k + 1), 1)
        t = d.add_table(rows=12, cols=2)
        for r in range(12):
            _, zh, ko = sentence(rng, ZH)
            t.cell(r, 0).text = zh
            t.cell(r, 1).text = ko
        for page in range(5):
            for _ in range(24):
                _, zh, ko = sentence(rng, ZH)
                d.add_paragraph(zh)
                d.add_paragraph(ko)
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        d.save(os.path.join(out, "note_%03d.docx" % k))


main()

#!/usr/bin/python3
"""Write the plain-text part of examples/dump/ and its section of examples/README.md.

examples/dump/ imitates a leaked file dump: daily batch folders holding the
Chinese producer's editing notes and the go-between's Korean relay of them
(mostly North Korean spelling), in the encodings such an office produces.

This generator owns ONLY the .txt files listed in DOCS below: it deletes and
rewrites those and nothing else, so other generators can add documents,
archives and images to the same folders.  In examples/README.md it rewrites
only the block between the BEGIN/END markers and keeps everything else.

Deterministic; stdlib only.  Run:  /usr/bin/python3 tests/gen/make_example_dump.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from notes_bank import load_notes  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(REPO, "examples")
DUMP = os.path.join(EXAMPLES, "dump")
README = os.path.join(EXAMPLES, "README.md")
BEGIN = "<!-- BEGIN make_example_dump.py: text files (generated, edit the generator) -->"
END = "<!-- END make_example_dump.py -->"
MAX_TOTAL = 60 * 1024

N = load_notes()

# encoding label -> (python codec, prefix bytes)
ENC = {
    "UTF-8": ("utf-8", b""),
    "UTF-8 BOM": ("utf-8", b"\xef\xbb\xbf"),
    "UTF-16LE BOM": ("utf-16-le", b"\xff\xfe"),
    "GBK": ("gbk", b""),
    "CP949": ("cp949", b""),
    "Big5": ("big5", b""),
    "ASCII": ("ascii", b""),
}


def zh(i):
    return N[i]["ZH"]


def ko(i):
    return N[i]["KO"]


def numbered(texts, fmt):
    return [fmt % (k, t) for k, t in enumerate(texts, 1)]


# Each doc: path, encoding, eol, lines, zh ids, ko ids, description.
DOCS = []


def doc(path, enc, eol, body, zh_ids=(), ko_ids=(), desc=""):
    DOCS.append(dict(path=path, enc=enc, eol=eol, lines=body, zh=list(zh_ids), ko=list(ko_ids),
                     desc=desc))


# ---------------------------------------------------------------- 2024-03-04
D1 = "2024-03-04"
D1_ZH = ["n003", "n004", "n006", "n007", "n008", "n010", "n011", "n013", "n014", "n017",
         "n018", "n103", "n104"]
D1_KO = [i for i in D1_ZH if i != "n010"]          # one note was not relayed
doc(D1 + "/修改意见_第12集.txt", "GBK", "\r\n",
    ["《星星守护者》第12集 原画修改意见", "日期：2024年3月4日", "",
     *numbered([zh(i) for i in D1_ZH], "%d、%s"),
     "", "以上，请尽快转达。", "制片部 陈"],
    zh_ids=D1_ZH,
    desc="producer's key-animation notes for episode 12, Simplified Chinese")
doc(D1 + "/수정의견_제12회.txt", "CP949", "\r\n",
    ["《별지킴이》 제12회 원화 수정의견", "날자: 2024년 3월 4일", "",
     *numbered([ko(i) for i in D1_KO], "%d. %s"),
     "", "이상입니다. 빨리 반영하여주십시오."],
    ko_ids=D1_KO,
    desc="go-between's Korean relay of the file above (North Korean spelling); "
         "note 6 of the Chinese (n010) was left out")
doc(D1 + "/README_transfer.txt", "ASCII", "\r\n",
    ["TRANSFER BATCH 2024-03-04",
     "=========================",
     "",
     "Uploaded by the relay office.",
     "This folder holds the producer's notes for episode 12 (Chinese, GBK)",
     "and the relayed notes for the studio (Korean, CP949).",
     "Files are plain text; open them with the right code page.",
     "",
     "Please confirm receipt. The next batch is expected on 2024-03-05.",
     "Do not reply to this address."],
    desc="English-only transfer note (no zh/ko text: no segments expected)")

# ---------------------------------------------------------------- 2024-03-05
D2 = "2024-03-05"
D2_S012 = ["n002", "n058", "n069", "n071", "n081", "n001", "n053", "n102", "n105", "n117"]
doc(D2 + "/S012_notes_cn.txt", "UTF-8", "\n",
    ["S012 修改意见（第12集）", "2024-03-05", "",
     *[zh(i) for i in D2_S012],
     "", "有问题随时联系。"],
    zh_ids=D2_S012,
    desc="producer's notes on sequence S012, Simplified Chinese")
doc(D2 + "/S012_notes_kr.txt", "UTF-8", "\n",
    ["S012 수정 의견 (제12화)", "2024-03-05", "",
     *[ko(i) for i in D2_S012],
     "", "문의 사항이 있으면 연락 주세요."],
    ko_ids=D2_S012,
    desc="Korean translation of S012_notes_cn.txt in South Korean spelling (a Seoul-trained translator)")
D2_S015 = ["n044", "n045", "n047", "n049", "n050", "n051", "n052", "n055"]
body = ["S015 对照表 / S015 대조표", ""]
for i in D2_S015:
    body += [zh(i), ko(i), ""]
doc(D2 + "/对照表_S015.txt", "UTF-8", "\n", body[:-1],
    zh_ids=D2_S015, ko_ids=D2_S015,
    desc="go-between's working file: each Chinese line followed by its Korean line")
doc(D2 + "/新建文本文档.txt", "UTF-8", "\n", None,
    desc="empty file (Chinese Windows 'New Text Document.txt'), 0 bytes")

# ---------------------------------------------------------------- 2024-03-06
D3 = "2024-03-06"
D3_ZH = ["n092", "n093", "n094", "n096", "n097", "n098", "n100", "n101", "n108", "n109"]
D3_KO = [i for i in D3_ZH if i != "n100"]
doc(D3 + "/返修清单_第8集.txt", "GBK", "\r\n",
    ["第8集 返修清单", "2024年3月6日", "",
     *numbered([zh(i) for i in D3_ZH], "%d、%s"),
     "", "返修的镜头请优先处理。"],
    zh_ids=D3_ZH,
    desc="producer's retake list for episode 8, Simplified Chinese")
doc(D3 + "/재수정목록_제8회.txt", "UTF-16LE BOM", "\r\n",
    ["제8회 재수정 목록", "2024년 3월 6일", "",
     *numbered([ko(i) for i in D3_KO], "%d. %s"),
     "", N["solo-ko-03"]["KO"]],
    ko_ids=D3_KO + ["solo-ko-03"],
    desc="Korean relay of the retake list, saved by Windows Notepad as 'Unicode'; "
         "n100 not relayed; last line is the go-between's own remark (unpaired)")
D3_ONE = ["n027", "n028", "n029", "n033", "n036", "n037", "n039", "n040", "n041"]
SEPS = [" / ", "\t", " | ", "  ", " / ", "\t", " → ", " / ", "  "]
doc(D3 + "/合并稿_S020.txt", "UTF-8", "\n",
    ["S020 颜色修改 合并稿 / S020 색갈수정 합친 원고", ""]
    + [zh(i) + sep + ko(i) for i, sep in zip(D3_ONE, SEPS)],
    zh_ids=D3_ONE, ko_ids=D3_ONE,
    desc="colour notes, Chinese and Korean on the same line (separators ' / ', tab, ' \\| ', two spaces, ' → ')")

# ---------------------------------------------------------------- 2024-03-07
D4 = "2024-03-07"
D4_IDS = ["n174", "n176", "n177", "n178", "n179", "n180", "n181", "n183", "n184", "n185"]
doc(D4 + "/背景修改意見_台北.txt", "Big5", "\r\n",
    ["第5集 背景及合成修改意見", "台北製作部　2024年3月7日", "",
     *numbered([zh(i) for i in D4_IDS], "%d. %s"),
     "", "備註：" + zh("solo-zh-14"), "備註：" + zh("solo-zh-15")],
    zh_ids=D4_IDS + ["solo-zh-14", "solo-zh-15"],
    desc="notes from the Taipei office, Traditional Chinese; the two 備註 lines are internal (unpaired)")
doc(D4 + "/배경수정_타이베이.txt", "CP949", "\r\n",
    ["제5회 배경 및 합성 수정의견 (타이베이)", "2024년 3월 7일", "",
     *numbered([ko(i) for i in D4_IDS], "%d. %s")],
    ko_ids=D4_IDS,
    desc="Korean relay of the Taipei notes (mostly North Korean spelling)")
D4_INT = ["solo-zh-01", "solo-zh-02", "solo-zh-03", "solo-zh-05", "solo-zh-07", "solo-zh-11",
          "solo-zh-12", "solo-zh-13"]
doc(D4 + "/内部备注.txt", "GBK", "\r\n",
    ["内部备注（不要外发）", ""] + ["- " + zh(i) for i in D4_INT],
    zh_ids=D4_INT,
    desc="producer's internal memo, Chinese only: nothing here has a Korean counterpart")
D4_MEMO = ["solo-ko-01", "solo-ko-02", "solo-ko-06", "solo-ko-08", "solo-ko-09"]
doc(D4 + "/메모.txt", "UTF-8", "\n",
    ["메모 (3월 7일)", ""] + [ko(i) for i in D4_MEMO],
    ko_ids=D4_MEMO,
    desc="go-between's own memo, Korean only (North Korean spelling): no Chinese counterpart")


# ---------------------------------------------------------------- write

def render(d):
    if d["lines"] is None:
        return b"", ""
    codec, prefix = ENC[d["enc"]]
    text = d["eol"].join(d["lines"]) + d["eol"]
    return prefix + text.encode(codec), text


def check(d, data, text):
    if d["lines"] is None:
        assert data == b""
        return
    codec, prefix = ENC[d["enc"]]
    assert data.startswith(prefix)
    assert data[len(prefix):].decode(codec) == text
    for i in d["zh"]:
        assert N[i]["ZH"] and N[i]["ZH"] in text, (d["path"], i)
    for i in d["ko"]:
        assert N[i]["KO"] and N[i]["KO"] in text, (d["path"], i)


def write_files():
    total = 0
    for d in DOCS:
        assert d["path"].endswith(".txt")
        full = os.path.join(DUMP, d["path"])
        if os.path.exists(full):
            os.remove(full)           # only files this generator owns
    for d in DOCS:
        full = os.path.join(DUMP, d["path"])
        os.makedirs(os.path.dirname(full), exist_ok=True)
        data, text = render(d)
        check(d, data, text)
        with open(full, "wb") as f:
            f.write(data)
        with open(full, "rb") as f:
            assert f.read() == data
        d["size"] = len(data)
        total += len(data)
    assert total < MAX_TOTAL, total
    return total


def pairs_report():
    zh_where, ko_where = {}, {}
    for d in DOCS:
        for i in d["zh"]:
            assert i not in zh_where, i
            zh_where[i] = d["path"]
        for i in d["ko"]:
            assert i not in ko_where, i
            ko_where[i] = d["path"]
    paired = [i for i in zh_where if i in ko_where]
    by_files = {}
    for i in paired:
        by_files.setdefault((zh_where[i], ko_where[i]), []).append(i)
    zh_only = [i for i in zh_where if i not in ko_where]
    ko_only = [i for i in ko_where if i not in zh_where]
    return paired, by_files, zh_only, ko_only


def line_end_name(eol):
    return {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}[eol]


def readme_block(total):
    paired, by_files, zh_only, ko_only = pairs_report()
    out = [BEGIN, "", "## Plain-text files", "",
           "Written by `tests/gen/make_example_dump.py` from the phrase bank `tests/gen/notes.tsv` "
           "(rerun it to regenerate; it touches only the files listed here). "
           "Total size of these files: %d bytes." % total, "",
           "| file | encoding | line ends | bytes | what it is |",
           "| --- | --- | --- | --- | --- |"]
    for d in DOCS:
        enc = d["enc"] if d["lines"] is not None else "(empty)"
        eol = line_end_name(d["eol"]) if d["lines"] is not None else "-"
        out.append("| `dump/%s` | %s | %s | %d | %s |" % (d["path"], enc, eol, d["size"], d["desc"]))
    out += ["", "### Expected pairs", "",
            "A Chinese note and its Korean translation form one expected pair. "
            "%d pairs in all:" % len(paired), "",
            "| Chinese in | Korean in | pairs |", "| --- | --- | --- |"]
    for (zf, kf), ids in by_files.items():
        out.append("| `%s` | `%s` | %d |" % (zf, kf, len(ids)))
    out += ["",
            "- Unpaired Chinese notes (%d): `%s` (not relayed), plus the internal notes in "
            "`内部备注.txt` and the 備註 lines of `背景修改意見_台北.txt`."
            % (len(zh_only), "`, `".join(i for i in zh_only if not i.startswith("solo-"))),
            "- Unpaired Korean notes (%d): the go-between's own remarks (`메모.txt`, the last line of "
            "`재수정목록_제8회.txt`)." % len(ko_only),
            "- Headers, dates, sign-offs and the English `README_transfer.txt` are not notes; "
            "a scanner may report them as segments but they have no partner.",
            "- Note: `file(1)` (libmagic) calls the UTF-8 files that begin with a shot id (`S012 ...`) "
            "\"Motorola S-Record\"; do not rely on it to tell text from binary.",
            "",
            "Example of one expected pair (from `2024-03-04/`):", "",
            "    %s" % N["n004"]["ZH"], "    %s" % N["n004"]["KO"], "",
            END]
    return "\n".join(out) + "\n"


README_HEAD = """# examples

## dump/

`dump/` is a small, made-up file dump of the kind investigators run bilex over:
daily batch folders (`2024-03-04/` to `2024-03-07/`) from an animation
co-production. A Chinese producer writes editing instructions (key animation,
in-betweens, colour, compositing, timing, lip sync, retakes, deadlines); a
go-between relays them in Korean to the animators, mostly in North Korean
spelling (로동, 리용, 되였다, 색갈, 《 》), sometimes in South Korean spelling.
The files use the encodings such an office produces: GBK and Big5 for Chinese,
CP949 for Korean, UTF-8, and UTF-16LE with BOM from Windows Notepad.

Try it:

    bilex scan examples/dump -o evidence.csv

All content is invented for testing; it names no real people or studios.

"""


def write_readme(total):
    block = readme_block(total)
    if os.path.exists(README):
        with open(README, encoding="utf-8") as f:
            cur = f.read()
        if BEGIN in cur and END in cur:
            pre = cur[:cur.index(BEGIN)]
            post = cur[cur.index(END) + len(END):]
            if post.startswith("\n"):
                post = post[1:]
            new = pre + block + post
        else:
            new = cur.rstrip("\n") + "\n\n" + block
    else:
        new = README_HEAD + block
    with open(README, "w", encoding="utf-8", newline="\n") as f:
        f.write(new)


def main():
    total = write_files()
    write_readme(total)
    paired, by_files, zh_only, ko_only = pairs_report()
    for d in DOCS:
        print("%-40s %-13s %6d bytes" % (d["path"], d["enc"] if d["lines"] is not None else "(empty)",
                                          d["size"]))
    print("total %d bytes; %d expected pairs, %d zh-only, %d ko-only notes"
          % (total, len(paired), len(zh_only), len(ko_only)))


if __name__ == "__main__":
    main()

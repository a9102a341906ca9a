"""docsection.py - puts a benchmark's section into docs/BENCHMARKS.md.

The text between <!-- NAME:begin --> and <!-- NAME:end --> (markers included) is replaced by
the section, which holds both markers; a section not there yet goes after the section named
`after`, or at the end.  Every bench script that writes BENCHMARKS.md writes through here.
"""
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree


def put(doc, name, section, after=None):
    section = section.rstrip("\n") + "\n"
    text = ""
    if os.path.exists(doc):
        with open(doc, encoding="utf-8") as f:
            text = f.read()
    begin, end = "<!-- %s:begin -->" % name, "<!-- %s:end -->" % name
    mark = "<!-- %s:end -->\n" % after if after else None
    if begin in text:
        text = re.sub(re.escape(begin) + r".*?" + re.escape(end) + r"\n?", lambda m: section, text,
                      count=1, flags=re.S)
    elif mark and mark in text:
        text = text.replace(mark, mark + "\n" + section, 1)
    else:
        text = text.rstrip("\n") + "\n\n" + section if text else section
    with open(doc, "w", encoding="utf-8") as f:
        f.write(text)

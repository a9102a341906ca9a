#!/usr/bin/python3
"""Shared loader for tests/gen/notes.tsv (the phrase bank).

notes.tsv columns: ID, ZH, ZH_VARIANT, KO, KO_VARIANT, TOPIC
  ZH_VARIANT  Hans | Hant | ''   (empty for Korean-only rows)
  KO_VARIANT  KP (North Korean spelling) | KR (South Korean) | ''
  IDs n001..  : Chinese note + faithful Korean translation (gold pairs)
  solo-zh-NN  : Chinese note with no Korean
  solo-ko-NN  : Korean note with no Chinese

Stdlib only; used by the other generators in this folder.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
NOTES_TSV = os.path.join(HERE, "notes.tsv")
COLUMNS = ["ID", "ZH", "ZH_VARIANT", "KO", "KO_VARIANT", "TOPIC"]


def load_notes(path=NOTES_TSV):
    """Return an ordered dict-like {id: row_dict} (insertion order = file order)."""
    rows = {}
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    header = lines[0].split("\t")
    if header != COLUMNS:
        raise ValueError("unexpected notes.tsv header: %r" % (header,))
    for n, line in enumerate(lines[1:], 2):
        if not line:
            continue
        cols = line.split("\t")
        if len(cols) != len(COLUMNS):
            raise ValueError("notes.tsv line %d: %d columns" % (n, len(cols)))
        row = dict(zip(COLUMNS, cols))
        if row["ID"] in rows:
            raise ValueError("duplicate id %s" % row["ID"])
        rows[row["ID"]] = row
    return rows


def pairs(notes):
    """Rows that carry both a Chinese note and its Korean translation."""
    return [r for r in notes.values() if r["ZH"] and r["KO"]]

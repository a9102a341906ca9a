"""notes.py - the notes of bench/probe/notes.tsv, for make_docs.py and make_frames.py."""


def read_notes(path):
    """The (zh, ko) pairs of a notes file: tab-separated, '#' lines are comments."""
    notes = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line and not line.startswith("#"):
                zh, ko = line.split("\t")
                notes.append((zh, ko))
    return notes

#!/usr/bin/python3
"""Shared helpers for the archive fixture generators (stdlib only).

Truth files: for every fixture NAME the generators write NAME.truth.json:

{
  "file": "names-cp949.zip",
  "container": "zip",                 zip | tar | tar.gz | 7z | cpio | iso | gz | ...
  "generator": "tests/gen/archives/make_archives.py",
  "names_charset": "CP949",           per-archive decision for names without bit 11
  "archive_error": null,              error code for the whole input, or null
  "acceptable_errors": [...],         (bombs) any of these codes is a correct outcome
  "members": [
    {"raw_hex": "...",                name bytes exactly as stored (hex)
     "name": "수정의견.txt",          decoded name (UTF-8 in the JSON)
     "charset": "CP949",              charset that decodes raw_hex to name ("ASCII"
                                      for pure-ASCII names, "UTF-16LE" in 7z)
     "encrypted": false,
     "error": null,                   per-member error code or null
     "within": [],                    decoded names of the enclosing archive members,
                                      outermost first ([] = directly in this file)
     "utf8_flag": false,              (zip) general-purpose bit 11 as stored
     "is_dir": false,
     "size": 123, "sha256": "...",    real uncompressed content (absent when unknowable)
     "text_charset": "CP949"}         charset of the text content (text members)
  ],
  "expect": "what a correct extractor reports",
  ...                                 fixture-specific keys
}

Error codes: limit-depth, limit-entries, limit-bytes, zip-bomb, corrupt,
encrypted, size-exceeds-declared.
"""
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))           # tests/gen/archives
GEN = os.path.dirname(HERE)                                  # tests/gen
TESTS = os.path.dirname(GEN)                                 # tests
OUT = os.path.join(TESTS, "data", "archive")

sys.path.insert(0, GEN)
sys.path.insert(0, HERE)
from notes_bank import load_notes  # noqa: E402

NOTES = load_notes()

# truth charset label -> python codec
CODEC = {
    "UTF-8": "utf-8",
    "ASCII": "ascii",
    "CP949": "cp949",
    "GBK": "gbk",
    "Big5": "big5",
    "CP950": "cp950",
    "Shift_JIS": "shift_jis",
    "CP932": "cp932",
    "CP437": "cp437",
    "UTF-16LE": "utf-16-le",
}


def zh(i):
    return NOTES[i]["ZH"]


def ko(i):
    return NOTES[i]["KO"]


def sha256(b):
    return hashlib.sha256(b).hexdigest()


def text_bytes(lines, charset, eol="\r\n"):
    """Join note lines with Windows line ends (these dumps come from Windows)."""
    return (eol.join(lines) + eol).encode(CODEC[charset])


def name_bytes(name, charset):
    return name.encode(CODEC[charset])


def rec(raw, charset, *, name=None, encrypted=False, error=None, within=(),
        utf8_flag=None, data=None, text_charset=None, size=None, is_dir=None,
        **extra):
    """One member record of a truth file; checks that raw decodes to name."""
    if name is None:
        name = raw.decode(CODEC[charset])
    elif charset is not None:
        assert raw.decode(CODEC[charset]) == name, (raw, charset, name)
    if charset != "UTF-16LE" and raw and max(raw) < 0x80:
        charset = "ASCII"    # pure-ASCII names: every candidate charset agrees
    r = {"raw_hex": raw.hex(), "name": name, "charset": charset,
         "encrypted": encrypted, "error": error, "within": list(within)}
    if utf8_flag is not None:
        r["utf8_flag"] = utf8_flag
    r["is_dir"] = name.endswith("/") if is_dir is None else is_dir
    if data is not None:
        r["size"] = len(data)
        r["sha256"] = sha256(data)
    elif size is not None:
        r["size"] = size
    if text_charset:
        r["text_charset"] = text_charset
    r.update(extra)
    return r


def charset_of(raw):
    """'ASCII' for plain ASCII names, else None (caller decides)."""
    try:
        raw.decode("ascii")
        return "ASCII"
    except UnicodeDecodeError:
        return None


def out_path(fname):
    os.makedirs(OUT, exist_ok=True)
    return os.path.join(OUT, fname)


def write_bytes(fname, data):
    with open(out_path(fname), "wb") as f:
        f.write(data)
    return data


def write_truth(fname, container, members, expect, generator, *, names_charset=None,
                archive_error=None, **extra):
    t = {"file": fname, "container": container,
         "generator": "tests/gen/archives/" + generator,
         "names_charset": names_charset, "archive_error": archive_error}
    t.update({k: v for k, v in extra.items() if k not in ("notes",)})
    t["members"] = members
    t["expect"] = expect
    if "notes" in extra:
        t["notes"] = extra["notes"]
    with open(out_path(fname + ".truth.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(t, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return t

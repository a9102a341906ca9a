"""archive.py - checks the archive extractors against tests/data/archive/*.truth.json.

The truth files are written by tests/gen/archives/ (format: tests/gen/archives/README.md);
tests/data/archive/hostile/ holds third-party regression archives with hand-written truths in
the same format (see the README there).  For every NAME.truth.json, `bilex extract -q --no-ocr
NAME` runs in the fixture's folder under /usr/bin/time and its JSONL (file, segment and error
records) is checked:

 * exit status 0 or 1, never a signal or a hang (60 s); bombs and hostile inputs (fixtures of
   make_bombs.py and everything in hostile/) within 10 s wall and 400 MB max RSS;
 * the input has its own file record (source NAME);
 * members: every non-folder member the truth does not mark `reported: false` has a file
   record whose source is NAME!within...!name, the name in NFC and escaped as bilex escapes
   names (src/core/util.c bx_escape_bytes: `\\` for a backslash, `\\n` `\\t` `\\r`, `\\uXXXX`
   for other C0/C1 controls, DEL and bidi controls, `\\xNN` for undecodable bytes), with the
   truth's size and SHA-256.  A `reported: false` member must not appear at all.  When the
   truth expects an error for the whole input (`archive_error`), or when an `acceptable_errors`
   code is recorded on the input itself, members are optional (bombs, damage): those that are
   reported are still checked;
 * name charset: the `name_charset` of each member's file record is the archive's decision
   (`names_charset`, per archive depth when it is a dict; per member for names-hostile, whose
   truth says "mixed").  Pure-ASCII names carry no evidence: ASCII or null is accepted (zip.c
   writes "ASCII"; a lone compressed file such as note.txt.gz writes null: its name is made
   from the input's name, not read from the data);
 * text charset: when the truth gives `text_charset`, the member's file record `charset` is
   that charset, a vendor superset of it (GB18030 for GBK), or a narrower standard that still
   decoded every byte (`invalid` 0): the language stage reports plain EUC-KR text as EUC-KR,
   not CP949 (src/lang/charset.c refine_label), and ASCII text as UTF-8;
 * errors: members with `encrypted: true` have an `encrypted` error record, members with an
   `error` have that error record on their own source, `archive_error` appears somewhere in the
   input's records, and no error record has a code the truth does not allow
   (`archive_error`, `acceptable_errors`, the members' errors).  The truths' code
   `size-exceeds-declared` is bilex's `corrupt` with "size-exceeds-declared" in the message
   (docs/RECORDS.md has a fixed list of codes);
 * safety: no source, file, message or file-name segment holds a raw control or bidi
   character; names like ../../../../tmp/x are kept as evidence in `source`, and the run
   creates no file (the fixture folder is unchanged and none of the traversal targets exist).

TAP output, one test per fixture.  Called by archive.sh.
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import unicodedata

bilex, top = sys.argv[1], sys.argv[2]
base = os.path.join(top, "tests", "data", "archive")

WALL_MAX = 10.0            # seconds, bombs and hostile inputs
RSS_MAX = 400 * 1024       # KiB (GNU time %M), bombs and hostile inputs

# text charset of the truth -> (labels naming the same or a superset, narrower labels that are
# right only when no byte was replaced)
TEXT_CHARSETS = {
    "CP949": ({"CP949", "windows-949", "UHC"}, {"EUC-KR"}),
    "EUC-KR": ({"EUC-KR", "CP949", "windows-949"}, set()),
    "GBK": ({"GBK", "GB18030", "windows-936", "CP936"}, {"GB2312"}),
    "GB2312": ({"GB2312", "GBK", "GB18030"}, set()),
    "Big5": ({"Big5", "CP950", "windows-950", "Big5-HKSCS"}, set()),
    "Shift_JIS": ({"Shift_JIS", "CP932", "windows-31j"}, set()),
    "UTF-8": ({"UTF-8"}, set()),
    "ASCII": ({"ASCII", "UTF-8"}, set()),
    "CP437": ({"CP437", "IBM437"}, set()),
}

# Where a truth file and the project's documented contract disagree, the difference is named
# here (and reported): the check accepts both rather than editing the truth silently.
#  - quine.zip: the truth asks for `zip-bomb` (or `limit-depth`) on the member identical to the
#    input; bilex's core has a code of its own for exactly this ancestor-hash check,
#    `self-contained` (docs/RECORDS.md, src/core/process.c), written without reopening the
#    member, which is the behaviour the truth describes.
SELF_CONTAINED_ALIAS = {"zip-bomb": {"self-contained"}, "limit-depth": {"self-contained"}}

# Limits a truth assumes that are not bilex's documented defaults (docs/LIMITS.md): the fixture
# runs with them, so that the truth's expectation is what is checked.
#  - many-entries.zip: the truth assumes an entries limit of 10,000 (shared/notes/security.md
#    8.5); bilex's default is 100,000 (docs/LIMITS.md), under which the 20,000 entries are all
#    read without an error.
OPTIONS = {
    "many-entries.zip": ["--limit", "entries=10000"],
}

# Known differences that are not failures of the archive extractors; printed as "# known:"
# lines so that they stay visible.
#  - text charset of CP437 text (names-cp437.zip): the language stage's text detector
#    (src/lang/charset.c bx_charset_choose) has no DOS code page among its candidates, so DOS
#    text is read as windows-1252 or worse; only the names have CP437 (bx_charset_names).
KNOWN_TEXT_CHARSETS = {"CP437"}

DANGEROUS = set(range(0x20)) | {0x7F} | set(range(0x80, 0xA0)) | set(range(0x202A, 0x202F)) | \
    set(range(0x2066, 0x206A)) | {0x2028, 0x2029}


def escape(name):
    """A decoded member name as bilex writes it into `source`."""
    out = []
    for ch in name:
        c = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif c in DANGEROUS:
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(ch, "\\u%04X" % c))
        else:
            out.append(ch)
    return "".join(out)


def display(member_or_name):
    if isinstance(member_or_name, dict):
        name = member_or_name.get("name_nfc") or member_or_name["name"]
    else:
        name = member_or_name
    return escape(unicodedata.normalize("NFC", name))


def is_bomb(d, truth):
    return (truth.get("generator") or "").endswith("make_bombs.py") or os.path.basename(d) == "hostile" \
        or truth.get("hostile", False)


def expected_name_charsets(truth, m):
    """Labels accepted for the member's name_charset."""
    own = m.get("charset")
    if own == "ASCII":
        return {"ASCII", None}
    nc = truth.get("names_charset")
    if isinstance(nc, dict):
        depth = str(len(m.get("within", [])) + 1)
        nc = nc.get(depth, own)  # {"flagged": .., "unflagged": "mixed"}: per member
    if not nc or nc == "mixed":
        nc = own
    if nc == "ASCII":
        return {"ASCII", None}
    return {nc}


def codes_for(code, m=None):
    """Error codes that satisfy the truth's code."""
    if code == "size-exceeds-declared":
        return {"corrupt"}
    out = {code}
    if m is not None and m.get("identical_to"):
        out |= SELF_CONTAINED_ALIAS.get(code, set())
    return out


def error_matches(e, code, m=None):
    if e.get("code") not in codes_for(code, m):
        return False
    if code == "size-exceeds-declared":
        return "size-exceeds-declared" in (e.get("message") or "")
    return True


def snapshot(d):
    return sorted(os.listdir(d))


SLIP_TARGETS = ["/tmp/bilex-zip-slip.txt", "/etc/bilex-absolute.txt", "/tmp/evil.txt",
                "/tmp/bilex.txt"]


def run(d, name):
    """Runs bilex on NAME in folder d; returns (rc, records, stderr, wall, rss, note)."""
    with tempfile.TemporaryDirectory() as tmp:
        tf = os.path.join(tmp, "time")
        cmd = ["/usr/bin/time", "-f", "%e %M", "-o", tf, bilex, "extract", "-q", "--no-ocr"] + \
            OPTIONS.get(name, []) + [name]
        try:
            r = subprocess.run(cmd, cwd=d, capture_output=True, timeout=60, check=False)
        except subprocess.TimeoutExpired:
            return None, [], b"", None, None, "hung: killed after 60 s"
        wall = rss = None
        note = ""
        try:
            lines = open(tf, encoding="utf-8", errors="replace").read().strip().splitlines()
        except OSError:
            lines = []
        for line in lines:
            if "terminated by signal" in line:
                note = line.strip()
        if lines:
            try:
                wall, rss = float(lines[-1].split()[0]), int(lines[-1].split()[1])
            except (ValueError, IndexError):
                pass
        records = []
        bad = 0
        for line in r.stdout.decode("utf-8", errors="replace").splitlines():
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except ValueError:
                bad += 1
        if bad:
            note += " %d lines of output are not JSON" % bad
        return r.returncode, records, r.stderr, wall, rss, note


def check(d, name, truth):
    problems = []
    known = []
    before = snapshot(d)
    slip_before = {p: os.path.exists(p) for p in SLIP_TARGETS}
    rc, records, err, wall, rss, note = run(d, name)
    info = "%.2fs %dMB" % (wall, rss // 1024) if wall is not None and rss is not None else ""
    if rc is None:
        return [note], known, info
    if note:
        problems.append(note)
    if rc not in (0, 1):
        problems.append("exit status %d: %s" % (rc, err.decode(errors="replace")[:200]))
    if is_bomb(d, truth) and wall is not None:
        if wall >= WALL_MAX:
            problems.append("took %.2f s (limit %.0f s)" % (wall, WALL_MAX))
        if rss >= RSS_MAX:
            problems.append("max RSS %d KiB (limit %d KiB)" % (rss, RSS_MAX))
    if snapshot(d) != before:
        problems.append("the run changed the fixture folder: %s" %
                        sorted(set(snapshot(d)) ^ set(before)))
    for p, existed in slip_before.items():
        if not existed and os.path.exists(p):
            problems.append("a member name became a file: %s" % p)

    files = {}
    for r in records:
        if r.get("type") == "file":
            if r.get("source") in files:
                problems.append("two file records for %s" % r.get("source"))
            files[r.get("source")] = r
    errors = [r for r in records if r.get("type") == "error"]

    # raw controls anywhere a name can appear
    for r in records:
        fields = ["source", "file", "ko_source"]
        if r.get("type") == "error":
            fields.append("message")
        if r.get("type") == "segment" and r.get("kind") == "filename":
            fields.append("text")
        for f in fields:
            v = r.get(f)
            if isinstance(v, str) and any(ord(ch) in DANGEROUS for ch in v):
                problems.append("raw control character in %s %s: %r" % (r.get("type"), f, v[:80]))
                break

    if name not in files:
        problems.append("no file record for the input itself")

    members = truth.get("members", [])
    archive_error = truth.get("archive_error")
    acceptable = set(truth.get("acceptable_errors") or [])
    allowed = set(acceptable)
    if archive_error:
        allowed |= codes_for(archive_error)
    for m in members:
        if m.get("error"):
            allowed |= codes_for(m["error"], m)
        if m.get("encrypted"):
            allowed.add("encrypted")
    allowed_top = set()
    for c in acceptable:
        allowed_top |= codes_for(c)
    top_level_error = any(e.get("source") == name and e.get("code") in allowed_top for e in errors)
    members_optional = (bool(archive_error) or top_level_error) and not truth.get("members_required")

    if archive_error:
        if not any(e.get("code") in codes_for(archive_error) | acceptable for e in errors):
            problems.append("missing error %s (or one of %s) for the input" %
                            (archive_error, sorted(acceptable)))
    for code in truth.get("required_errors", []):
        if not any(e.get("code") == code for e in errors):
            problems.append("missing error %s" % code)
    # the truth describes the members it lists; below the deepest of them (the leaves of
    # nested-bomb.zip: 1 MiB of zeros each) a member that is not text is `unsupported`
    deepest = max([len(m.get("within", [])) + 1 for m in members] or [0])
    for e in errors:
        src = e.get("source") or ""
        if e.get("code") == "unsupported" and members and \
                src.startswith(name + "!") and src.count("!") > deepest:
            continue
        # AppleDouble files (__MACOSX/._name: resource fork and Finder metadata of the file
        # beside it) are members bilex has no extractor for; the truth calls them "metadata,
        # not documents" and expects no error
        if e.get("code") == "unsupported" and any(
                m.get("apple_double") and src == name + "!" + display(m) for m in members):
            known.append("AppleDouble member without an extractor: %s" % src)
            continue
        if e.get("code") not in allowed:
            problems.append("unexpected error %s on %s: %s" %
                            (e.get("code"), e.get("source"), (e.get("message") or "")[:100]))

    for m in members:
        src = "!".join([name] + [display(w) for w in m.get("within", [])] +
                       [m.get("source_name") or display(m)])
        if m.get("is_dir"):
            # folders are not members (their files are): no record of their own
            if src in files or src.rstrip("/") in files:
                problems.append("folder with a file record: %s" % src)
            continue
        if m.get("reported") is False:
            if any(r.get("source") == src or (r.get("source") or "").startswith(src + "!")
                   for r in records):
                problems.append("reported although it lies beyond the limits: %s" % src)
            continue
        rec = files.get(src)
        if rec is None:
            if not members_optional:
                problems.append("no file record for %s" % src)
            continue
        mine = [e for e in errors if e.get("source") == src]
        code = m.get("error")
        if code and not any(error_matches(e, code, m) for e in mine):
            if not members_optional:
                problems.append("missing error %s on %s (got %s)" %
                                (code, src, [e.get("code") for e in mine]))
        if m.get("encrypted") and not any(e.get("code") == "encrypted" for e in mine):
            problems.append("encrypted member without an encrypted record: %s" % src)
        # size and hash of what was read
        if code == "size-exceeds-declared":
            cap = m.get("declared_usize", m.get("size"))
            if rec.get("size") is None or rec["size"] > cap:
                problems.append("%s: %s bytes kept, declared %s" % (src, rec.get("size"), cap))
            elif rec["size"] == cap and m.get("sha256_first_100") and cap == 100 and \
                    rec.get("sha256") != m["sha256_first_100"]:
                problems.append("%s: the kept bytes are not the first %d" % (src, cap))
        elif not code and not m.get("encrypted") and rec.get("status") != "error":
            if "size" in m and rec.get("size") != m["size"]:
                problems.append("%s: size %s, want %s" % (src, rec.get("size"), m["size"]))
            if m.get("sha256") and rec.get("sha256") != m["sha256"]:
                problems.append("%s: sha256 %s, want %s" %
                                (src, (rec.get("sha256") or "")[:12], m["sha256"][:12]))
        elif not code and not m.get("encrypted") and not members_optional and \
                not (m.get("apple_double") and all(e.get("code") == "unsupported" for e in mine)):
            problems.append("%s: status error (%s)" % (src, [e.get("code") for e in mine]))
        # name charset
        want = expected_name_charsets(truth, m)
        if rec.get("name_charset") not in want:
            problems.append("%s: name_charset %s, want %s" %
                            (src, rec.get("name_charset"), "/".join(sorted(map(str, want)))))
        # text charset
        tc = m.get("text_charset")
        if tc and not code and not m.get("encrypted") and rec.get("status") != "error":
            same, narrower = TEXT_CHARSETS.get(tc, ({tc}, set()))
            got = rec.get("charset")
            if tc in KNOWN_TEXT_CHARSETS and got not in same:
                known.append("%s: text charset %s, want %s (text detector)" % (src, got, tc))
            elif not (got in same or (got in narrower and not rec.get("invalid"))):
                problems.append("%s: text charset %s (invalid %s), want %s" %
                                (src, got, rec.get("invalid"), tc))
    return problems, known, info


def cases():
    out = []
    for d in (base, os.path.join(base, "hostile")):
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith(".truth.json"):
                truth = json.load(open(os.path.join(d, f), encoding="utf-8"))
                out.append((d, f[:-len(".truth.json")], truth))
    return out


def main():
    todo = cases()
    print("1..%d" % len(todo))
    failed = 0
    for i, (d, name, truth) in enumerate(todo, 1):
        label = os.path.relpath(os.path.join(d, name), os.path.join(top, "tests", "data"))
        if not os.path.exists(os.path.join(d, name)):
            print("not ok %d - %s # missing fixture" % (i, label))
            failed += 1
            continue
        problems, known, info = check(d, name, truth)
        if OPTIONS.get(name):
            info += ", " + " ".join(OPTIONS[name])
        if problems:
            failed += 1
            print("not ok %d - %s (%s)" % (i, label, info))
            for p in problems[:12]:
                print("# " + p)
            if len(problems) > 12:
                print("# ... %d more" % (len(problems) - 12))
        else:
            print("ok %d - %s (%s)" % (i, label, info))
        for k in known[:6]:
            print("# known: " + k)
    return 0


if __name__ == "__main__":
    sys.exit(main())

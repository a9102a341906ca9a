#!/usr/bin/python3
"""Shared helpers for the office/web fixture generators in tests/gen/office/.

Run every generator with Debian's /usr/bin/python3 (python-docx 0.8.11,
openpyxl 3.0.9, lxml); see README.md in this folder.

What lives here:
  * the phrase bank (tests/gen/notes.tsv) through notes_bank.py: zh(), ko()
  * fixed people and dates (AUTHOR_ZH, AUTHOR_KO, DATE1..)
  * Pkg: an in-memory zip package (ordered members) that is written back
    deterministically: fixed member timestamps, fixed permissions, zlib level 9
  * soffice(): LibreOffice headless conversion with a private profile
  * Truth: the NAME.truth.json writer (format in README.md)
"""
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
GEN = os.path.dirname(HERE)                       # tests/gen
TESTS = os.path.dirname(GEN)                      # tests
DATA = os.path.join(TESTS, "data")
sys.path.insert(0, GEN)
from notes_bank import load_notes  # noqa: E402

N = load_notes()

AUTHOR_ZH = "王伟"        # the producer (writes Chinese notes)
AUTHOR_KO = "김영철"      # the go-between (relays Korean translations)
INITIALS_ZH = "WW"
INITIALS_KO = "KYC"
DATE1 = "2024-03-04T09:15:00Z"
DATE2 = "2024-03-04T10:30:00Z"
DATE3 = "2024-03-05T14:00:00Z"
DATE4 = "2024-03-05T16:45:00Z"
ZIP_TIME = (2024, 3, 4, 9, 15, 0)                 # every zip member's mtime

MAX_FIXTURE = 60 * 1024


def zh(i):
    s = N[i]["ZH"]
    assert s, i
    return s


def ko(i):
    s = N[i]["KO"]
    assert s, i
    return s


def out_dir(sub):
    d = os.path.join(DATA, sub)
    os.makedirs(d, exist_ok=True)
    return d


def xml_escape(s, quote=True):
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        s = s.replace('"', "&quot;")
    return s


# --------------------------------------------------------------------------- zip packages

class Pkg:
    """Zip package held in memory as an ordered list of (name, bytes, compress_type)."""

    def __init__(self, members=None):
        self.members = []          # [name, data, compress]
        for m in members or []:
            self.add(*m)

    @classmethod
    def load(cls, src):
        """src: path or bytes."""
        if isinstance(src, (bytes, bytearray)):
            src = io.BytesIO(src)
        p = cls()
        with zipfile.ZipFile(src) as z:
            for info in z.infolist():
                p.members.append([info.filename, z.read(info), info.compress_type])
        return p

    def names(self):
        return [m[0] for m in self.members]

    def has(self, name):
        return any(m[0] == name for m in self.members)

    def get(self, name):
        for m in self.members:
            if m[0] == name:
                return m[1]
        raise KeyError(name)

    def set(self, name, data, compress=zipfile.ZIP_DEFLATED):
        if isinstance(data, str):
            data = data.encode("utf-8")
        for m in self.members:
            if m[0] == name:
                m[1] = data
                return
        self.members.append([name, data, compress])

    add = set

    def remove(self, name):
        self.members = [m for m in self.members if m[0] != name]

    def move_first(self, name):
        m = [x for x in self.members if x[0] == name]
        self.members = m + [x for x in self.members if x[0] != name]

    def move_last(self, name):
        m = [x for x in self.members if x[0] == name]
        self.members = [x for x in self.members if x[0] != name] + m

    def reorder(self, key):
        self.members.sort(key=lambda m: key(m[0]))

    def to_bytes(self):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for name, data, comp in self.members:
                info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
                info.compress_type = comp
                info.create_system = 3
                if name.endswith("/"):
                    info.external_attr = (0o40755 << 16) | 0x10
                else:
                    info.external_attr = 0o100644 << 16
                if comp == zipfile.ZIP_DEFLATED:
                    z.writestr(info, data, compress_type=comp, compresslevel=9)
                else:
                    z.writestr(info, data, compress_type=comp)
        return buf.getvalue()

    def save(self, path):
        data = self.to_bytes()
        with open(path, "wb") as f:
            f.write(data)
        return data


def normalize_zip(path, first=None, stored=()):
    """Rewrite a zip (e.g. one LibreOffice wrote) with fixed timestamps, same order."""
    p = Pkg.load(path)
    if first:
        p.move_first(first)
    for m in p.members:
        if m[0] in stored:
            m[2] = zipfile.ZIP_STORED
    p.save(path)
    return p


# --------------------------------------------------------------------------- OOXML helpers

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def rels_path(part):
    d, f = os.path.split(part)
    return (d + "/" if d else "") + "_rels/" + f + ".rels"


def add_override(pkg, partname, content_type):
    from lxml import etree
    ct = etree.fromstring(pkg.get("[Content_Types].xml"))
    pn = "/" + partname
    for o in ct.findall("{%s}Override" % CT_NS):
        if o.get("PartName") == pn:
            o.set("ContentType", content_type)
            break
    else:
        e = etree.SubElement(ct, "{%s}Override" % CT_NS)
        e.set("PartName", pn)
        e.set("ContentType", content_type)
    pkg.set("[Content_Types].xml", etree.tostring(ct, xml_declaration=True, encoding="UTF-8",
                                                   standalone=True))


def add_default(pkg, ext, content_type):
    from lxml import etree
    ct = etree.fromstring(pkg.get("[Content_Types].xml"))
    for o in ct.findall("{%s}Default" % CT_NS):
        if o.get("Extension").lower() == ext.lower():
            return
    e = etree.Element("{%s}Default" % CT_NS)
    e.set("Extension", ext)
    e.set("ContentType", content_type)
    ct.insert(0, e)
    pkg.set("[Content_Types].xml", etree.tostring(ct, xml_declaration=True, encoding="UTF-8",
                                                   standalone=True))


def remove_override(pkg, partname):
    from lxml import etree
    ct = etree.fromstring(pkg.get("[Content_Types].xml"))
    for o in ct.findall("{%s}Override" % CT_NS):
        if o.get("PartName") == "/" + partname:
            ct.remove(o)
    pkg.set("[Content_Types].xml", etree.tostring(ct, xml_declaration=True, encoding="UTF-8",
                                                   standalone=True))


def add_rel(pkg, source_part, rel_type, target, rid=None):
    """Add a relationship from source_part ('' for the package) and return its Id."""
    from lxml import etree
    rp = "_rels/.rels" if not source_part else rels_path(source_part)
    if pkg.has(rp):
        root = etree.fromstring(pkg.get(rp))
    else:
        root = etree.Element("{%s}Relationships" % REL_NS, nsmap={None: REL_NS})
    ids = {r.get("Id") for r in root}
    if rid is None:
        n = 1
        while "rId%d" % n in ids:
            n += 1
        rid = "rId%d" % n
    e = etree.SubElement(root, "{%s}Relationship" % REL_NS)
    e.set("Id", rid)
    e.set("Type", rel_type)
    e.set("Target", target)
    pkg.set(rp, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
    return rid


def remove_rels_to(pkg, source_part, target_suffixes):
    from lxml import etree
    rp = "_rels/.rels" if not source_part else rels_path(source_part)
    root = etree.fromstring(pkg.get(rp))
    for r in list(root):
        if any(r.get("Target").endswith(t) for t in target_suffixes):
            root.remove(r)
    pkg.set(rp, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


# --------------------------------------------------------------------------- LibreOffice

_PROFILE = None


def _profile_dir():
    global _PROFILE
    env = os.environ.get("BILEX_LO_PROFILE")
    if env:
        os.makedirs(env, exist_ok=True)
        return env
    if _PROFILE is None:
        _PROFILE = tempfile.mkdtemp(prefix="bilex-lo-profile-")
    return _PROFILE


def soffice(src, convert_to, outdir=None, timeout=240):
    """Convert src with LibreOffice; return the output path.

    convert_to is the --convert-to argument, e.g. 'odt' or 'docx:MS Word 2007 XML'.
    The output lands in outdir (default: a fresh temp dir) named after src.
    """
    if outdir is None:
        outdir = tempfile.mkdtemp(prefix="bilex-lo-out-")
    prof = _profile_dir()
    cmd = ["soffice", "-env:UserInstallation=file://" + prof, "--headless", "--norestore",
           "--nolockcheck", "--convert-to", convert_to, "--outdir", outdir, src]
    env = dict(os.environ)
    env.setdefault("SAL_USE_VCLPLUGIN", "svp")
    env["TZ"] = "UTC"
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                       env=env)
    ext = convert_to.split(":")[0]
    base = os.path.splitext(os.path.basename(src))[0]
    out = os.path.join(outdir, base + "." + ext)
    if not os.path.exists(out):
        raise RuntimeError("soffice failed for %s -> %s:\n%s\n%s" % (
            src, convert_to, r.stdout.decode("utf-8", "replace"),
            r.stderr.decode("utf-8", "replace")))
    return out


def soffice_text(src):
    """Plain text of a document as LibreOffice renders it (txt export, UTF-8)."""
    d = tempfile.mkdtemp(prefix="bilex-lo-txt-")
    try:
        out = soffice(src, "txt:Text (encoded):UTF8,LF,,,", d)
        with open(out, encoding="utf-8-sig") as f:
            return f.read()
    finally:
        shutil.rmtree(d, ignore_errors=True)


def soffice_version():
    try:
        r = subprocess.run(["soffice", "--version"], stdout=subprocess.PIPE, timeout=60)
        return r.stdout.decode().strip()
    except Exception:  # pragma: no cover
        return "unknown"


# --------------------------------------------------------------------------- truth files

def seg(kind, where, text, author=None, date=None, **extra):
    d = {"kind": kind, "where": where, "text": text, "author": author, "date": date}
    for k, v in extra.items():
        if v is not None:
            d[k] = v
    return d


class Truth:
    """NAME.truth.json: what a perfect extractor finds (format in README.md).

    segments  required: tests/truth.py fails the fixture if one is missing (same kind; same
              where preferred; text compared without spaces and punctuation)
    pairs     required [zh, ko, method]
    errors    required error records [{"code": ..., "source": suffix}] (DESIGN.md codes)
    optional_segments / optional_pairs   acceptable either way (policy choices)
    ocr       ocr-line segments the OCR stage should read (not checked with --no-ocr)
    """

    def __init__(self, notes=""):
        self.segments = []
        self.pairs = []
        self.errors = []
        self.optional_segments = []
        self.optional_pairs = []
        self.ocr = []
        self.notes = notes
        self.extra = {}

    def add(self, kind, where, text, author=None, date=None, optional=False, **extra):
        s = seg(kind, where, text, author, date, **extra)
        if kind == "ocr-line":
            self.ocr.append(s)
        elif optional:
            self.optional_segments.append(s)
        else:
            self.segments.append(s)
        return s

    def pair(self, zh_text, ko_text, method, optional=False):
        (self.optional_pairs if optional else self.pairs).append([zh_text, ko_text, method])

    def error(self, code, source=None):
        e = {"code": code}
        if source:
            e["source"] = source
        self.errors.append(e)

    def to_json(self):
        """One segment / pair per line, keys in a fixed order, UTF-8 (not \\u-escaped)."""
        def dump(o):
            return json.dumps(o, ensure_ascii=False)

        def block(key, items, last=False):
            if not items:
                return [' %s: [],' % dump(key)]
            return ([' %s: [' % dump(key), ",\n".join("  " + dump(x) for x in items), " ],"])
        out = ["{"]
        out += block("segments", self.segments)
        out += block("pairs", self.pairs)
        out += block("errors", self.errors)
        for key in ("optional_segments", "optional_pairs", "ocr"):
            if getattr(self, key):
                out += block(key, getattr(self, key))
        for k in sorted(self.extra):
            out.append(" %s: %s," % (dump(k), dump(self.extra[k])))
        out.append(' "notes": %s' % dump(self.notes))
        out.append("}")
        text = "\n".join(out)
        json.loads(text)  # round-trip check
        return text + "\n"

    def write(self, fixture_path):
        """Write FIXTURE.truth.json next to the fixture (full file name + .truth.json)."""
        with open(fixture_path + ".truth.json", "w", encoding="utf-8", newline="\n") as f:
            f.write(self.to_json())


def check_size(path):
    n = os.path.getsize(path)
    if n >= MAX_FIXTURE:
        raise AssertionError("%s is %d bytes (limit %d)" % (path, n, MAX_FIXTURE))
    return n


def report(path):
    print("  %-48s %6d bytes" % (os.path.relpath(path, DATA), check_size(path)))


def expect_in(text, needles, what):
    missing = [n for n in needles if n not in text]
    if missing:
        raise AssertionError("%s: LibreOffice text lacks %r" % (what, missing))


# --------------------------------------------------------------------------- the OCR picture

OCR_ZH = "头要圆一点"
OCR_KO = "머리를 둥글게"


def red_text_png():
    """320x120 white PNG with OCR_ZH and OCR_KO in red (Noto Sans CJK SC / KR).

    Drawn with ImageMagick; date/time chunks left out so the bytes are stable.
    """
    d = tempfile.mkdtemp(prefix="bilex-png-")
    out = os.path.join(d, "red.png")
    cmd = ["/usr/bin/convert", "-size", "320x120", "xc:white", "-fill", "red", "-pointsize", "30",
           "-gravity", "north",
           "-font", "Noto-Sans-CJK-SC", "-annotate", "+0+14", OCR_ZH,
           "-font", "Noto-Sans-CJK-KR", "-annotate", "+0+64", OCR_KO,
           "-strip", "-define", "png:exclude-chunks=date,time", "-colors", "16", "-depth", "8",
           "png8:" + out]
    subprocess.run(cmd, check=True)
    with open(out, "rb") as f:
        data = f.read()
    shutil.rmtree(d, ignore_errors=True)
    return data


def soffice_flat_text(src):
    """Text of LibreOffice's flat-ODF export of src, tags stripped (entities decoded)."""
    import html
    d = tempfile.mkdtemp(prefix="bilex-lo-flat-")
    try:
        ext = {".docx": "fodt", ".odt": "fodt", ".fodt": "fodt", ".xlsx": "fods", ".ods": "fods",
               ".fods": "fods", ".pptx": "fodp", ".odp": "fodp", ".fodp": "fodp"}[
                   os.path.splitext(src)[1].lower()]
        out = soffice(src, ext, d)
        with open(out, encoding="utf-8") as f:
            xml = f.read()
        return html.unescape(re.sub(r"<[^>]+>", "", xml))
    finally:
        shutil.rmtree(d, ignore_errors=True)


# --------------------------------------------------------------------------- LibreOffice macros

_BASIC_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">REM bilex fixture helper (tests/gen/office/common.py)
Sub SaveWithPassword(sIn As String, sOut As String, sFilter As String, sPw As String)
  Dim aLoad(0) As New com.sun.star.beans.PropertyValue
  aLoad(0).Name = &quot;Hidden&quot;
  aLoad(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sIn), &quot;_blank&quot;, 0, aLoad())
  Dim aSave(1) As New com.sun.star.beans.PropertyValue
  aSave(0).Name = &quot;FilterName&quot;
  aSave(0).Value = sFilter
  aSave(1).Name = &quot;Password&quot;
  aSave(1).Value = sPw
  oDoc.storeToURL(ConvertToURL(sOut), aSave())
  oDoc.close(True)
End Sub
Sub OpenWithPassword(sIn As String, sOut As String, sFilter As String, sPw As String)
  Dim aLoad(1) As New com.sun.star.beans.PropertyValue
  aLoad(0).Name = &quot;Hidden&quot;
  aLoad(0).Value = True
  aLoad(1).Name = &quot;Password&quot;
  aLoad(1).Value = sPw
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sIn), &quot;_blank&quot;, 0, aLoad())
  Dim aSave(0) As New com.sun.star.beans.PropertyValue
  aSave(0).Name = &quot;FilterName&quot;
  aSave(0).Value = sFilter
  oDoc.storeToURL(ConvertToURL(sOut), aSave())
  oDoc.close(True)
End Sub
</script:module>
"""


def soffice_open_with_password(src, dst, filter_name, password, timeout=120):
    """Open the encrypted src with password and store it unencrypted as dst (e.g. 'Text')."""
    return soffice_save_with_password(src, dst, filter_name, password, timeout,
                                      sub="OpenWithPassword")


def soffice_save_with_password(src, dst, filter_name, password, timeout=120,
                               sub="SaveWithPassword"):
    """Store src as dst with LibreOffice, encrypted with password (ODF formats only: LibreOffice
    7.4 headless hangs when asked to encrypt OOXML this way).

    Runs a StarBasic macro from a private profile (a 'My Macros' module, trusted by default).
    The process group is killed on timeout; stale .~lock files would make LibreOffice wait on
    a dialog, so they are removed first.
    """
    import signal
    prof = tempfile.mkdtemp(prefix="bilex-lo-macro-")
    try:
        # first run creates the profile; then drop our module into it
        d = tempfile.mkdtemp(prefix="bilex-lo-init-")
        seed = os.path.join(d, "seed.txt")
        with open(seed, "w") as f:
            f.write("seed\n")
        cmd = ["soffice", "-env:UserInstallation=file://" + prof, "--headless", "--norestore",
               "--convert-to", "html", "--outdir", d, seed]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
        shutil.rmtree(d, ignore_errors=True)
        with open(os.path.join(prof, "user/basic/Standard/Module1.xba"), "w", encoding="utf-8") as f:
            f.write(_BASIC_MODULE)
        lock = os.path.join(os.path.dirname(src), ".~lock." + os.path.basename(src) + "#")
        if os.path.exists(lock):
            os.unlink(lock)
        q = lambda s: s.replace('"', "")  # noqa: E731
        macro = 'macro:///Standard.Module1.%s("%s","%s","%s","%s")' % (
            sub, q(os.path.abspath(src)), q(os.path.abspath(dst)), q(filter_name), q(password))
        p = subprocess.Popen(["soffice", "-env:UserInstallation=file://" + prof, "--headless",
                              "--norestore", macro], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            raise RuntimeError("LibreOffice macro timed out: " + macro)
        if not os.path.exists(dst):
            raise RuntimeError("LibreOffice macro wrote nothing: " + macro)
        return dst
    finally:
        for lk in (os.path.join(os.path.dirname(src), ".~lock." + os.path.basename(src) + "#"),):
            if os.path.exists(lk):
                os.unlink(lk)
        shutil.rmtree(prof, ignore_errors=True)

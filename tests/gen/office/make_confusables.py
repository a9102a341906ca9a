#!/usr/bin/python3
"""Write tests/data/confusables/: files whose name, container or first bytes mislead a sniffer.

  docx-inside.zip       a plain zip holding episode12/notes.docx and a readme.txt
  zip-in-docx.docx      docx/notes.docx plus a STORED member extra/archive.zip (a zip holding
                        a UTF-8 text file) that no relationship points at
  html-named.txt        an HTML page saved under a .txt name
  pptx-far-main.pptx    pptx/notes.pptx rewritten: a large stored ppt/media/padding.bin first,
                        ppt/presentation.xml far from the start, [Content_Types].xml LAST
  encrypted.docx        docx/notes.docx password-encrypted (password "bilex"): an OLE2/CFB file
                        with EncryptionInfo + EncryptedPackage streams (ECMA-376 Standard
                        Encryption, AES-128, written by ooxml_crypto.py; LibreOffice opens it)
  encrypted.odt         odf/notes.fodt saved by LibreOffice with password "bilex" (zip; every
                        XML part AES-256-CBC encrypted, manifest:encryption-data in the manifest)
  renamed.bin           xlsx/bilingual.xlsx under a .bin name

Needs make_docx.py, make_xlsx.py and make_odf.py to have run.  Every fixture gets
FIXTURE.truth.json; "format" in it is what a content sniffer should conclude.
Run: /usr/bin/python3 tests/gen/office/make_confusables.py
"""
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402
import ooxml_crypto  # noqa: E402
from common import Truth, ko, zh  # noqa: E402

OUT = C.out_dir("confusables")
PASSWORD = "bilex"


def load_truth(path):
    with open(path + ".truth.json", encoding="utf-8") as f:
        return json.load(f)


def truth_from(src, member=None, **extra):
    """A Truth with the segments/pairs of src's truth (segments re-rooted under member)."""
    base = load_truth(src)
    tr = Truth()
    for key in ("segments", "optional_segments", "ocr"):
        for s in base.get(key, []):
            s = dict(s)
            if member:
                s["member"] = member
            getattr(tr, key).append(s)
    tr.pairs = [list(p) for p in base["pairs"]]
    tr.optional_pairs = [list(p) for p in base.get("optional_pairs", [])]
    tr.errors = [dict(e) for e in base.get("errors", [])]
    tr.extra.update(extra)
    return tr


def src(sub, name):
    p = os.path.join(C.DATA, sub, name)
    if not os.path.exists(p):
        raise SystemExit("missing %s: run the other make_*.py first" % p)
    return p


def read(p):
    with open(p, "rb") as f:
        return f.read()


# --------------------------------------------------------------------------- the fixtures

def docx_inside_zip():
    notes = src("docx", "notes.docx")
    readme = "Episode 12 notes from Wang Wei, relayed 2024-03-04.\n"
    pkg = C.Pkg([("episode12/", b"", zipfile.ZIP_STORED),
                 ("episode12/notes.docx", read(notes), zipfile.ZIP_DEFLATED),
                 ("readme.txt", readme.encode("ascii"), zipfile.ZIP_DEFLATED)])
    path = os.path.join(OUT, "docx-inside.zip")
    pkg.save(path)
    tr = truth_from(notes, "episode12/notes.docx", format="zip")
    tr.add("body", "line 1", readme.strip(), member="readme.txt", optional=True)
    tr.notes = ("A plain zip (no [Content_Types].xml at its root, no mimetype) that CONTAINS a "
                "docx: it is a zip archive, not a docx. The docx member is extracted as a docx "
                "(segments carry member = episode12/notes.docx; where as in "
                "docx/notes.docx.truth.json). readme.txt is English-only (optional).")
    return path, tr


def zip_in_docx():
    notes = src("docx", "notes.docx")
    inner_text = zh("n061") + "\n" + ko("n061") + "\n"
    inner = C.Pkg([("notes.txt", inner_text.encode("utf-8"), zipfile.ZIP_DEFLATED)]).to_bytes()
    pkg = C.Pkg.load(notes)
    pkg.add("extra/archive.zip", inner, zipfile.ZIP_STORED)
    C.add_default(pkg, "zip", "application/zip")
    path = os.path.join(OUT, "zip-in-docx.docx")
    pkg.save(path)
    tr = truth_from(notes, None, format="docx")
    tr.add("body", "line 1", zh("n061"), member="extra/archive.zip!notes.txt", optional=True)
    tr.add("body", "line 2", ko("n061"), member="extra/archive.zip!notes.txt", optional=True)
    tr.notes = ("docx/notes.docx with an extra STORED member extra/archive.zip (a zip with "
                "notes.txt, UTF-8) that no relationship references ([Content_Types].xml gets "
                "Default zip=application/zip). The file is a docx; its document segments are "
                "those of notes.docx. The embedded zip's raw PK bytes sit inside the outer zip "
                "uncompressed: a scanner looking for local headers by signature finds a nested "
                "'PK\\x03\\x04' that is not an outer member. Reporting the inner text is "
                "optional (descending into unreferenced parts is a policy choice).")
    return path, tr


def html_named_txt():
    html = ("<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<title>第12集 修改意见</title>\n</head>\n<body>\n<p>%s</p>\n<p>%s</p>\n</body>\n</html>\n"
            % (zh("n062"), ko("n062")))
    path = os.path.join(OUT, "html-named.txt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(html)
    tr = Truth()
    tr.extra["format"] = "html"
    tr.add("title", "title", "第12集 修改意见")
    tr.add("body", "p 1", zh("n062"))
    tr.add("body", "p 2", ko("n062"))
    tr.pair(zh("n062"), ko("n062"), "adjacent")
    tr.notes = ("HTML content under a .txt name. A sniffer that trusts content reports html and "
                "extracts title + 2 paragraphs; one that trusts the extension gets the markup "
                "as text (then 'text' segments would contain '<p>' tags: wrong).")
    return path, tr


def pptx_far_main():
    pptx = src("pptx", "notes.pptx")
    pkg = C.Pkg.load(pptx)
    pad_len = 28 * 1024
    h = hashlib.sha256(b"bilex padding").digest()
    pad = (h * (pad_len // len(h) + 1))[:pad_len]
    pkg.add("ppt/media/padding.bin", pad, zipfile.ZIP_STORED)
    C.add_default(pkg, "bin", "application/octet-stream")
    pkg.move_first("ppt/media/padding.bin")
    pkg.move_last("[Content_Types].xml")
    path = os.path.join(OUT, "pptx-far-main.pptx")
    data = pkg.save(path)
    z = zipfile.ZipFile(io.BytesIO(data))
    off = {i.filename: i.header_offset for i in z.infolist()}
    assert off["ppt/presentation.xml"] > pad_len and z.namelist()[-1] == "[Content_Types].xml"
    tr = truth_from(pptx, None, format="pptx")
    tr.extra["presentation_xml_offset"] = off["ppt/presentation.xml"]
    tr.notes = ("pptx/notes.pptx rewritten so that the first zip member is a %d-byte STORED "
                "ppt/media/padding.bin (pseudo-random bytes), ppt/presentation.xml starts at "
                "byte %d and [Content_Types].xml is the LAST member. A sniffer must read the "
                "central directory (at the end), not the first local headers, to call it pptx. "
                "Segments: as pptx/notes.pptx.truth.json." % (pad_len, off["ppt/presentation.xml"]))
    return path, tr


def encrypted_docx():
    notes = src("docx", "notes.docx")
    blob = ooxml_crypto.encrypt_ooxml(read(notes), PASSWORD)
    assert ooxml_crypto.check_password(blob, PASSWORD)
    path = os.path.join(OUT, "encrypted.docx")
    with open(path, "wb") as f:
        f.write(blob)
    # LibreOffice must be able to open it with the password
    d = tempfile.mkdtemp(prefix="bilex-dec-")
    try:
        out = C.soffice_open_with_password(path, os.path.join(d, "dec.txt"), "Text", PASSWORD)
        with open(out, encoding="utf-8-sig") as f:
            C.expect_in(f.read(), [zh("n001"), ko("n017")], "encrypted.docx (LibreOffice)")
    finally:
        shutil.rmtree(d, ignore_errors=True)
    tr = Truth()
    tr.error("encrypted")
    tr.extra.update({"format": "encrypted-ooxml", "container": "cfb", "password": PASSWORD,
                     "decrypts_to": "docx/notes.docx"})
    tr.notes = ("OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1) with streams EncryptionInfo "
                "(version 3.2, Standard Encryption: AES-128, SHA-1, 50000 spins) and "
                "EncryptedPackage (8-byte size + AES-128-ECB of docx/notes.docx). Named .docx, "
                "as Office names password-protected files. Expected: one error record "
                "'encrypted' (no segments). Password 'bilex' if decryption is ever added; "
                "LibreOffice 7.4 opens it with that password. Written by "
                "tests/gen/office/ooxml_crypto.py because LibreOffice 7.4 headless hangs when "
                "asked to save an encrypted DOCX. No \\x06DataSpaces storage (Office writes one).")
    return path, tr


def encrypted_odt():
    fodt = src("odf", "notes.fodt")
    tmp = tempfile.mkdtemp(prefix="bilex-enc-")
    try:
        s = os.path.join(tmp, "notes.fodt")
        shutil.copyfile(fodt, s)
        out = C.soffice_save_with_password(s, os.path.join(tmp, "encrypted.odt"), "writer8",
                                           PASSWORD)
        pkg = C.Pkg.load(out)
        pkg.move_first("mimetype")
        pkg.members[0][2] = zipfile.ZIP_STORED
        path = os.path.join(OUT, "encrypted.odt")
        pkg.save(path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    man = pkg.get("META-INF/manifest.xml").decode("utf-8")
    assert "manifest:encryption-data" in man and "aes256-cbc" in man, man[:500]
    assert b"<office:document-content" not in pkg.get("content.xml")
    tr = Truth()
    tr.error("encrypted")
    tr.extra.update({"format": "odt", "password": PASSWORD, "decrypts_to": "odf/notes.fodt"})
    tr.notes = ("odf/notes.fodt saved by LibreOffice 7.4 with password 'bilex' (a StarBasic "
                "macro passing Password to storeToURL; the --convert-to filter options do not "
                "encrypt). A normal ODF zip: mimetype first and stored, but content.xml, "
                "styles.xml, meta.xml, settings.xml and manifest.rdf are AES-256-CBC encrypted "
                "(PBKDF2-SHA1 100000 iterations, sha256-1k checksums), declared by "
                "manifest:encryption-data in META-INF/manifest.xml. Expected: an error record "
                "'encrypted', no segments. Salt/IV are random, so this file's bytes change on "
                "every run (member order and names do not).")
    return path, tr


def renamed_bin():
    xlsx = src("xlsx", "bilingual.xlsx")
    path = os.path.join(OUT, "renamed.bin")
    shutil.copyfile(xlsx, path)
    tr = truth_from(xlsx, None, format="xlsx")
    tr.notes = ("xlsx/bilingual.xlsx under the name renamed.bin: the content ([Content_Types].xml "
                "with spreadsheetml main part) says xlsx. Segments: as xlsx/bilingual.xlsx.")
    return path, tr


def main():
    print("confusables:")
    for fn in (docx_inside_zip, zip_in_docx, html_named_txt, pptx_far_main, encrypted_docx,
               encrypted_odt, renamed_bin):
        path, tr = fn()
        tr.write(path)
        C.report(path)


if __name__ == "__main__":
    main()

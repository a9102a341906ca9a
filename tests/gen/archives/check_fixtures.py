#!/usr/bin/python3
"""Cross-check tests/data/archive/*.truth.json against the archives.

For ZIPs (parsed with rawzip.read_central, nested ZIPs recursively): raw name
bytes, bit 11, declared sizes and, for plain members, the SHA-256 of the
inflated content.  tar family: tarfile with raw (surrogateescape) names.
gz/bz2/xz single files: content.  7z, cpio, iso: names via `bsdtar -tf` /
`7z l -slt` and contents via `bsdtar -xOf` (the bombs are never inflated beyond
their first entry).

Run:  /usr/bin/python3 tests/gen/archives/check_fixtures.py   -> exit 1 on mismatch
"""
import bz2
import glob
import gzip
import hashlib
import io
import json
import lzma
import os
import struct
import subprocess
import sys
import tarfile
import zlib

sys.dont_write_bytecode = True   # keep tests/gen free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fixturelib import OUT  # noqa: E402
from rawzip import read_central  # noqa: E402

BOMBS = {"overlap-bomb.zip", "overlap-same-offset.zip", "ratio-bomb.zip", "nested-bomb.zip",
         "many-entries.zip", "truncated.zip", "junk-prefix-unadjusted.zip"}
errors = []


def fail(fname, msg):
    errors.append("%s: %s" % (fname, msg))


def zip_member_data(buf, e, base=0):
    off = e["offset"] + base
    sig, = struct.unpack_from("<I", buf, off)
    assert sig == 0x04034B50, "no local header at %d" % off
    nlen, xlen = struct.unpack_from("<HH", buf, off + 26)
    start = off + 30 + nlen + xlen
    raw = buf[start:start + e["csize"]]
    if e["method"] == 0:
        return bytes(raw)
    d = zlib.decompressobj(-15)
    return d.decompress(raw, e["usize"] + 1)


def check_zip(fname, buf, truth_members, within=(), base=0):
    cd = read_central(buf, base)
    mine = [m for m in truth_members if tuple(m["within"]) == tuple(within)]
    if fname in ("many-entries.zip",):
        names = [e["name"].hex() for e in cd]
        for m in mine:
            if m["raw_hex"] not in names:
                fail(fname, "sample member missing " + m["name"])
        return
    if len(cd) != len(mine):
        fail(fname, "within %r: %d entries, truth has %d" % (within, len(cd), len(mine)))
        return
    for e, m in zip(cd, mine):
        if e["name"].hex() != m["raw_hex"]:
            fail(fname, "name %s != %s" % (e["name"].hex(), m["raw_hex"]))
        if "utf8_flag" in m and bool(e["flags"] & 0x800) != m["utf8_flag"]:
            fail(fname, "bit 11 of %s" % m["name"])
        if m["encrypted"] != bool(e["flags"] & 1):
            fail(fname, "encryption bit of %s" % m["name"])
        if fname in BOMBS or m["encrypted"] or "sha256" not in m:
            continue
        data = zip_member_data(buf, e, base)
        if m.get("error") == "size-exceeds-declared":
            if len(data) <= e["usize"]:
                fail(fname, "size-lies member does not exceed its declared size")
            continue
        if hashlib.sha256(data).hexdigest() != m["sha256"]:
            fail(fname, "content of %s" % m["name"])
        if zlib.crc32(data) != e["crc"]:
            fail(fname, "CRC of %s" % m["name"])
        if data[:4] == b"PK\x03\x04" and m["name"].endswith(".zip") and fname != "quine.zip":
            check_zip(fname, data, truth_members, tuple(within) + (m["name"],))


def tool_names(path, fmt):
    if fmt == "7z":
        out = subprocess.run(["7z", "l", "-slt", path], stdout=subprocess.PIPE,
                             check=True).stdout.decode("utf-8", "surrogateescape")
        return sorted(line[7:] for line in out.splitlines() if line.startswith("Path = ")
                      and line[7:] != path)
    out = subprocess.run(["bsdtar", "-tf", path], stdout=subprocess.PIPE,
                         check=True).stdout.decode("utf-8", "surrogateescape")
    return sorted(n.rstrip("/") for n in out.splitlines() if n not in (".", "./"))


def main():
    files = sorted(glob.glob(os.path.join(OUT, "*.truth.json")))
    for tpath in files:
        t = json.load(open(tpath, encoding="utf-8"))
        fname = t["file"]
        path = os.path.join(OUT, fname)
        buf = open(path, "rb").read()
        c = t["container"]
        members = t["members"]
        if c == "zip":
            if fname == "truncated.zip":
                if buf.rfind(b"PK\x05\x06") >= 0:
                    fail(fname, "EOCD present")
                continue
            base = t.get("prefix_bytes", 0) if fname == "junk-prefix-unadjusted.zip" else 0
            check_zip(fname, buf, members, base=base)
        elif c.startswith("tar"):
            raw = buf
            if c == "tar.gz":
                raw = gzip.decompress(buf)
            elif c == "tar.bz2":
                raw = bz2.decompress(buf)
            elif c == "tar.xz":
                raw = lzma.decompress(buf)
            elif c == "tar.zst":
                raw = subprocess.run(["zstd", "-dc"], input=buf, stdout=subprocess.PIPE,
                                     check=True).stdout
            with tarfile.open(fileobj=io.BytesIO(raw), encoding="utf-8",
                              errors="surrogateescape") as tf:
                got = tf.getmembers()
                if len(got) != len(members):
                    fail(fname, "count")
                for ti, m in zip(got, members):
                    rawname = ti.name.encode("utf-8", "surrogateescape")
                    if ti.isdir():
                        rawname += b"/"
                    if rawname.hex() != m["raw_hex"]:
                        fail(fname, "name %r" % rawname)
                    if ti.isfile() and hashlib.sha256(tf.extractfile(ti).read()).hexdigest() \
                            != m["sha256"]:
                        fail(fname, "content " + m["name"])
        elif c in ("gz", "bz2", "xz"):
            data = {"gz": gzip.decompress, "bz2": bz2.decompress,
                    "xz": lzma.decompress}[c](buf)
            if hashlib.sha256(data).hexdigest() != members[0]["sha256"]:
                fail(fname, "content")
            if c == "gz" and b"note.txt\0" not in buf[:40]:
                fail(fname, "FNAME")
        elif c in ("7z", "cpio", "iso9660"):
            if t.get("archive_error") == "encrypted":
                r = subprocess.run(["7z", "l", "-p", path], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
                if r.returncode == 0:
                    fail(fname, "7z listed an archive with encrypted headers")
                continue
            want = sorted(bytes.fromhex(m["raw_hex"]).decode(
                "utf-16-le" if m["charset"] == "UTF-16LE" else "utf-8").rstrip("/")
                for m in members)
            got = tool_names(path, "7z" if c == "7z" else "bsdtar")
            if got != want:
                fail(fname, "names %r != %r" % (got, want))
            for m in members:
                if "sha256" not in m or m["encrypted"]:
                    continue
                nm = bytes.fromhex(m["raw_hex"]).decode(
                    "utf-16-le" if m["charset"] == "UTF-16LE" else "utf-8")
                data = subprocess.run(["bsdtar", "-xOf", path, nm], stdout=subprocess.PIPE,
                                      check=True).stdout
                if hashlib.sha256(data).hexdigest() != m["sha256"]:
                    fail(fname, "content " + nm)
        else:
            fail(fname, "unknown container " + c)
    for e in errors:
        print("MISMATCH", e)
    print("%d truth files checked, %d mismatches" % (len(files), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Write the hostile ZIP fixtures in tests/data/archive/ (bombs and damage).

  overlap-bomb.zip         Fifield-style overlapping entries sharing one deflate kernel
  overlap-same-offset.zip  simpler overlap: every CD entry points at one local header
  ratio-bomb.zip           one deflate member of zeros, ~1000:1
  nested-bomb.zip          42.zip style: layers of 16 zips, leaf of zeros
  quine.zip                a zip that contains itself (Cox-style deflate quine)
  size-lies.zip            declared size 100, deflate stream gives 100 KB
  many-entries.zip         20,000 tiny stored entries (--entries for more)
  truncated.zip            cut in the middle of the central directory
  junk-prefix.zip          4 KiB exe-like stub before the zip, offsets adjusted (SFX)
  junk-prefix-unadjusted.zip  same stub, offsets NOT adjusted (plain `cat stub a.zip`)
  names-hostile.zip        zip-slip paths, control characters, bidi override
  names-flag-control.zip   bit 11 on a name with ESC/BEL (libzip refuses the archive)

Each gets NAME.truth.json (format: fixturelib.py, README.md).

Run:  /usr/bin/python3 tests/gen/archives/make_bombs.py
Big variants for benchmarks (never commit them):
      make_bombs.py --size BYTES [--entries N] --out DIR [--only NAME ...]
  --size     target uncompressed total of overlap-bomb, ratio-bomb and the leaf of
             nested-bomb (e.g. 281474976710656 for 256 TiB of overlap output)
  --entries  entry count of many-entries.zip (120000 -> ~10 MB, zip64 EOCD)
  --out      output folder (default tests/data/archive; refuses the default when
             --size/--entries are given, so big files do not end up committed)
Deterministic; stdlib only.
"""
import argparse
import hashlib
import os
import struct
import sys
import zlib
from functools import lru_cache

sys.dont_write_bytecode = True   # keep tests/gen free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixturelib  # noqa: E402
from fixturelib import ko, rec, sha256, text_bytes, write_truth  # noqa: E402
from rawzip import (DEFLATED, FIXED_TIME, FLAG_UTF8, HOST_DOS, STORED, Member,  # noqa: E402
                    ZipBuilder, build_zip, central_header, crc32_combine, crc32_zeros,
                    deflate_zeros, dos_datetime, eocd, local_header)

GENERATOR = "make_bombs.py"
VMB = (HOST_DOS << 8) | 20
OUTDIR = fixturelib.OUT


def out(fname, data):
    os.makedirs(OUTDIR, exist_ok=True)
    with open(os.path.join(OUTDIR, fname), "wb") as f:
        f.write(data)
    return data


def truth(fname, *a, **kw):
    old = fixturelib.OUT
    fixturelib.OUT = OUTDIR
    try:
        return write_truth(fname, *a, **kw)
    finally:
        fixturelib.OUT = old


def b36(i, width):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    s = ""
    for _ in range(width):
        s = digits[i % 36] + s
        i //= 36
    assert i == 0
    return s


# ------------------------------------------------------------ overlap bomb

def overlap_bomb(n_entries=250, kernel_usize=21_000_000, fname="overlap-bomb.zip"):
    """Fifield 2019 'full overlap' with quoted local headers.

    Layout:  LFH_1 Q_1 LFH_2 Q_2 ... Q_{N-1} LFH_N KERNEL  CD_1..CD_N EOCD
      Q_i    = non-final stored-block header (5 bytes) whose LEN is len(LFH_{i+1}),
               so entry i's deflate stream "quotes" the next local header and then
               runs on into entry i+1's data, and finally into the shared KERNEL.
      KERNEL = raw deflate (final block) of kernel_usize zero bytes.
    Entry i inflates to LFH_{i+1} + ... + LFH_N + kernel output; every local header
    agrees with its central record, so ZIP_CHECKCONS-style checks pass.
    """
    date, time = dos_datetime()
    kernel = deflate_zeros(kernel_usize)
    kcrc = crc32_zeros(kernel_usize)
    assert n_entries <= 0xFFFF and kernel_usize + 64 * n_entries <= 0xFFFFFFFF, "needs zip64"
    width = 1
    while 36 ** width < n_entries:
        width += 1
    names = [b36(i, max(2, width)).encode() for i in range(n_entries)]
    # compute from the last entry backwards
    crc = [0] * n_entries
    csize = [0] * n_entries
    usize = [0] * n_entries
    lfh = [b""] * n_entries
    for i in range(n_entries - 1, -1, -1):
        if i == n_entries - 1:
            crc[i], csize[i], usize[i] = kcrc, len(kernel), kernel_usize
        else:
            nxt = lfh[i + 1]
            crc[i] = crc32_combine(zlib.crc32(nxt), crc[i + 1], usize[i + 1])
            csize[i] = 5 + len(nxt) + csize[i + 1]
            usize[i] = len(nxt) + usize[i + 1]
        lfh[i] = local_header(names[i], 0, DEFLATED, date, time, crc[i], csize[i], usize[i])
    buf = bytearray()
    offsets = []
    for i in range(n_entries):
        offsets.append(len(buf))
        buf += lfh[i]
        if i < n_entries - 1:
            ln = len(lfh[i + 1])
            buf += struct.pack("<BHH", 0x00, ln, ln ^ 0xFFFF)
    kernel_off = len(buf)
    buf += kernel
    cd_off = len(buf)
    cd = b"".join(central_header(names[i], 0, DEFLATED, date, time, crc[i], csize[i],
                                 usize[i], offsets[i], version_made_by=VMB)
                  for i in range(n_entries))
    buf += cd + eocd(n_entries, len(cd), cd_off)
    data = bytes(buf)
    out(fname, data)
    members = [rec(names[i], "ASCII", size=usize[i], error="zip-bomb",
                   declared_csize=csize[i], declared_usize=usize[i], local_offset=offsets[i])
               for i in range(n_entries)]
    layout = {
        "entries": n_entries,
        "local_header_bytes": len(lfh[0]),
        "quote_block_bytes": 5,
        "kernel_offset": kernel_off,
        "kernel_compressed_bytes": len(kernel),
        "kernel_uncompressed_bytes": kernel_usize,
        "central_directory_offset": cd_off,
        "archive_bytes": len(data),
        "sum_declared_compressed": sum(csize),
        "sum_declared_uncompressed": sum(usize),
        "ratio": round(sum(usize) / len(data)),
        "first_entry": {"csize": csize[0], "usize": usize[0]},
        "last_entry": {"csize": csize[-1], "usize": usize[-1]},
    }
    truth(fname, "zip", members,
          "Overlapping entries (Fifield 2019, 'A better zip bomb', full overlap with quoted "
          "local headers). Sum of declared compressed sizes (%d) exceeds the archive size "
          "(%d), impossible for disjoint entries: report the archive with zip-bomb before "
          "inflating anything (Σ comp_size ≤ archive size rule; a CD parser may also see "
          "that entry i's data range contains LFH_{i+1}). Local headers match the central "
          "directory, so libzip ZIP_CHECKCONS does not notice. Must stop in < 5 s and "
          "< 512 MiB; writing every member would produce %d bytes."
          % (sum(csize), len(data), sum(usize)), GENERATOR, names_charset="ASCII",
          archive_error="zip-bomb", acceptable_errors=["zip-bomb"], layout=layout)
    return layout


def overlap_same_offset(n_entries=16, kernel_usize=1 << 20, fname="overlap-same-offset.zip"):
    """Simplest overlap: one local header + kernel, N CD entries all at offset 0.

    CD names differ from the single local name '0' (except the first), so a reader
    comparing local and central names (libzip ZIP_CHECKCONS) calls it inconsistent.
    """
    date, time = dos_datetime()
    kernel = deflate_zeros(kernel_usize)
    kcrc = crc32_zeros(kernel_usize)
    lh = local_header(b"0", 0, DEFLATED, date, time, kcrc, len(kernel), kernel_usize)
    buf = bytearray(lh + kernel)
    cd_off = len(buf)
    names = [b36(i, 1).encode() for i in range(n_entries)]
    cd = b"".join(central_header(nm, 0, DEFLATED, date, time, kcrc, len(kernel),
                                 kernel_usize, 0, version_made_by=VMB) for nm in names)
    buf += cd + eocd(n_entries, len(cd), cd_off)
    out(fname, bytes(buf))
    truth(fname, "zip", [rec(nm, "ASCII", size=kernel_usize, error="zip-bomb",
                             local_offset=0, local_name="0") for nm in names],
          "%d central entries all point at offset 0 (one local header named '0' and one "
          "%d-byte deflate kernel of %d zeros). Σ comp_size = %d > archive size %d: "
          "zip-bomb. With ZIP_CHECKCONS libzip refuses the open (local name '0' differs "
          "from central names '1'..), which is also acceptable as corrupt."
          % (n_entries, len(kernel), kernel_usize, n_entries * len(kernel), len(buf)),
          GENERATOR, names_charset="ASCII", archive_error="zip-bomb",
          acceptable_errors=["zip-bomb", "corrupt"])


# -------------------------------------------------------------- ratio bomb

def ratio_bomb(usize=40 * 1024 * 1024, fname="ratio-bomb.zip"):
    kernel = deflate_zeros(usize)
    name = "대용량_백업.dat".encode("cp949")
    m = Member(name, b"", compressed=kernel, crc=crc32_zeros(usize), usize=usize,
               version_made_by=VMB)
    data = build_zip([m])
    out(fname, data)
    truth(fname, "zip", [rec(name, "CP949", size=usize, error="zip-bomb",
                             declared_csize=len(kernel), declared_usize=usize)],
          "One deflate member of %d zero bytes stored in %d bytes (ratio %d:1, the deflate "
          "maximum is ~1032:1). Honest sizes: only a ratio cap or an output cap stops it. "
          "Expected: zip-bomb (ratio check) or limit-bytes (output per input past 1 MB is "
          "≤ min(1 GiB, 100 × input size) = %d bytes), and at most that many bytes "
          "written." % (usize, len(kernel), usize // len(kernel),
                        min(1 << 30, 100 * len(data))),
          GENERATOR, names_charset="CP949", archive_error="zip-bomb",
          acceptable_errors=["zip-bomb", "limit-bytes"],
          ratio=round(usize / len(kernel), 1))


# ------------------------------------------------------------- nested bomb

def nested_bomb(leaf_usize=1 << 20, layers=4, copies=16, fname="nested-bomb.zip"):
    """42.zip style: `layers` levels of zips, each holding `copies` copies of the next."""
    leaf = Member(b"0.txt", b"", compressed=deflate_zeros(leaf_usize),
                  crc=crc32_zeros(leaf_usize), usize=leaf_usize, version_made_by=VMB)
    inner = build_zip([Member(b"%x.txt" % i, b"", compressed=leaf.compressed, crc=leaf.crc,
                              usize=leaf_usize, version_made_by=VMB) for i in range(copies)])
    sizes = [len(inner)]
    for _ in range(layers - 1):
        inner = build_zip([Member(b"%x.zip" % i, inner, version_made_by=VMB)
                           for i in range(copies)])
        sizes.append(len(inner))
    out(fname, inner)
    total = leaf_usize * copies ** layers
    members = [rec(b"%x.zip" % i, "ASCII", size=sizes[-2], archive_depth=2)
               for i in range(copies)]
    truth(fname, "zip", members,
          "%d layers of %d copies: %d zips in the outer file, %d leaf files of %d zero bytes "
          "at the bottom (leaf depth %d), %d bytes in total from a %d-byte file. Each "
          "single member has an honest ~1000:1 ratio or less; only a per-input output cap "
          "(limit-bytes), a total-entry cap (limit-entries, %d entries over all levels) or "
          "a ratio cap (zip-bomb) stops it. Must stop in < 5 s, < 512 MiB, writing at most "
          "the output cap. Listed members: the top level only."
          % (layers, copies, copies, copies ** layers, leaf_usize, layers, total,
             len(inner), sum(copies ** k for k in range(1, layers + 1)), ),
          GENERATOR, names_charset="ASCII", archive_error="limit-bytes",
          acceptable_errors=["limit-bytes", "zip-bomb", "limit-entries"],
          layers=layers, copies=copies, leaf_bytes=leaf_usize, total_bytes=total,
          layer_sizes_inner_to_outer=sizes)


# ------------------------------------------------------------------- quine

_LEN = [(257 + i, b, e) for i, (b, e) in enumerate(
    [(3, 0), (4, 0), (5, 0), (6, 0), (7, 0), (8, 0), (9, 0), (10, 0), (11, 1), (13, 1),
     (15, 1), (17, 1), (19, 2), (23, 2), (27, 2), (31, 2), (35, 3), (43, 3), (51, 3),
     (59, 3), (67, 4), (83, 4), (99, 4), (115, 4), (131, 5), (163, 5), (195, 5),
     (227, 5), (258, 0)])]
_DIST = [(i, b, e) for i, (b, e) in enumerate(
    [(1, 0), (2, 0), (3, 0), (4, 0), (5, 1), (7, 1), (9, 2), (13, 2), (17, 3), (25, 3),
     (33, 4), (49, 4), (65, 5), (97, 5), (129, 6), (193, 6), (257, 7), (385, 7),
     (513, 8), (769, 8), (1025, 9), (1537, 9)])]


def _lencode(n):
    if n == 258:
        return 285, 0, 0
    for sym, base, e in reversed(_LEN[:-1]):
        if base <= n:
            return sym, e, n - base


def _distcode(d):
    for sym, base, e in reversed(_DIST):
        if base <= d:
            return sym, e, d - base


class _Bits:
    def __init__(self):
        self.bits = []

    def put(self, v, n):            # extra bits and header: LSB first
        self.bits += [(v >> i) & 1 for i in range(n)]

    def huff(self, code, n):        # Huffman codes: MSB first
        self.bits += [(code >> i) & 1 for i in reversed(range(n))]

    def sym(self, s):               # fixed Huffman literal/length code
        if s < 144:
            self.huff(0x30 + s, 8)
        elif s < 256:
            self.huff(0x190 + s - 144, 9)
        elif s < 280:
            self.huff(s - 256, 7)
        else:
            self.huff(0xC0 + s - 280, 8)

    def tobytes(self):
        assert len(self.bits) % 8 == 0
        return bytes(sum(self.bits[i + j] << j for j in range(8))
                     for i in range(0, len(self.bits), 8))


def _lcost(n):
    sym, e, _ = _lencode(n)
    return (7 if sym < 280 else 8) + e


def op_lit(n):
    """Stored block (non-final, byte-aligned): 'print the next n bytes'."""
    return struct.pack("<BHH", 0, n, n ^ 0xFFFF)


def op_rep(n, nbytes, final=False):
    """Fixed-Huffman block copying the last n bytes (distance n), exactly nbytes long.

    The copy is split into pieces (all at distance n) so the block, header and
    end-of-block included, fills exactly 8*nbytes bits. None if impossible.
    """
    dsym, de, dx = _distcode(n)
    dc = 5 + de
    budget = 8 * nbytes - 10   # 3 header bits + 7-bit end-of-block

    @lru_cache(None)
    def split(rem, bits):
        if rem == 0:
            return () if bits == 0 else None
        for ln in range(min(rem, 258), 2, -1):
            c = _lcost(ln) + dc
            if c <= bits and rem - ln not in (1, 2):
                r = split(rem - ln, bits - c)
                if r is not None:
                    return (ln,) + r
        return None

    parts = split(n, budget)
    if parts is None:
        return None
    b = _Bits()
    b.put(1 if final else 0, 1)
    b.put(1, 2)
    for ln in parts:
        sym, e, x = _lencode(ln)
        b.sym(sym)
        b.put(x, e)
        b.huff(dsym, 5)
        b.put(dx, de)
    b.sym(256)
    return b.tobytes()


def quine(fname="quine.zip"):
    """A zip whose single member is the zip itself (after Russ Cox, 2010).

    Deflate stream T, with L = Lit(n) (5 bytes), R = Rep(n) (r bytes), n = p + 5 =
    2r + 10, P = local header (p bytes), S = central directory + EOCD (s bytes),
    F = final Rep(m), m = |F| + s, Z = Lit(0):

      L[P L] R L[R L R L] R L[R Z^k L'] R Z^k L'[F S] F        (k = (r+5)/5, L' = Lit(m))

    Inflating T yields P T S, i.e. the whole file.  The CRC-32 of the file appears
    in P and S (twice each in the file); it is found by solving the affine GF(2)
    system crc(file(x)) = x.
    """
    name = b"self-reproducing_zip_contains_itself/quine.zip"
    date, time = dos_datetime()
    from calendar import timegm
    mtime = timegm(FIXED_TIME + (0, 0, 0))
    ut = struct.pack("<HHBI", 0x5455, 5, 1, mtime)    # extended timestamp, mtime only
    p = 30 + len(name) + len(ut)
    n = p + 5
    assert (n - 10) % 2 == 0
    r = (n - 10) // 2
    assert (r + 5) % 5 == 0
    R = op_rep(n, r)
    assert R is not None, "no %d-byte encoding of Rep(%d); change the name length" % (r, n)
    L = op_lit(n)
    Z = op_lit(0)
    k = (r + 5) // 5
    s = 46 + len(name) + len(ut) + 22
    for fsize in range(4, 64):
        F = op_rep(fsize + s, fsize, final=True)
        if F is not None:
            break
    m = len(F) + s
    Lm = op_lit(m)

    def build(x, tlen):
        P = local_header(name, 0, DEFLATED, date, time, x, tlen, p + tlen + s, ut)
        S_cd = central_header(name, 0, DEFLATED, date, time, x, tlen, p + tlen + s, 0, ut,
                              version_made_by=(3 << 8) | 20, ext_attr=0o100644 << 16)
        S = S_cd + eocd(1, len(S_cd), p + tlen)
        assert len(P) == p and len(S) == s
        T = (L + P + L + R + L + R + L + R + L + R + L + R + Z * k + Lm + R + Z * k
             + Lm + F + S + F)
        return P + T + S, len(T)

    _, tlen = build(0, 0)
    _, tlen2 = build(0, tlen)
    assert tlen == tlen2

    def filecrc(x):
        return zlib.crc32(build(x, tlen)[0])

    base = filecrc(0)
    cols = [filecrc(1 << i) ^ base for i in range(32)]   # linear part M
    # solve (M + I) x = base over GF(2)
    rows = []   # augmented rows: bit i of each column -> equation i
    for i in range(32):
        row = 0
        for j in range(32):
            a = ((cols[j] >> i) & 1) ^ (1 if i == j else 0)
            row |= a << j
        rows.append([row, (base >> i) & 1])
    x = 0
    pivots = []
    rank_rows = rows
    for col in range(32):
        piv = next((q for q in range(len(pivots), 32) if (rank_rows[q][0] >> col) & 1), None)
        if piv is None:
            continue
        rp = len(pivots)
        rank_rows[rp], rank_rows[piv] = rank_rows[piv], rank_rows[rp]
        for q in range(32):
            if q != rp and (rank_rows[q][0] >> col) & 1:
                rank_rows[q][0] ^= rank_rows[rp][0]
                rank_rows[q][1] ^= rank_rows[rp][1]
        pivots.append(col)
    for q in range(len(pivots), 32):
        if rank_rows[q][1]:
            raise RuntimeError("no CRC fixed point; change the timestamp")
    for q, col in enumerate(pivots):
        if rank_rows[q][1]:
            x |= 1 << col
    data, _ = build(x, tlen)
    assert zlib.crc32(data) == x
    d = zlib.decompressobj(-15)
    assert d.decompress(data[p:p + tlen]) + d.flush() == data and d.eof
    out(fname, data)
    truth(fname, "zip", [rec(name, "ASCII", data=data, error="zip-bomb",
                             archive_depth=2, identical_to="the fixture itself")],
          "The only member, %s, is byte-identical to quine.zip itself (same SHA-256 %s): "
          "extracting and recursing never ends. A correct extractor hashes every archive "
          "it opens and rejects a member whose SHA-256 equals an ancestor's (here: the "
          "input itself) with zip-bomb, without opening it again. The depth limit "
          "(limit-depth) is the backstop, also acceptable. Listing the member itself "
          "(name, size %d) is fine." % (name.decode(), sha256(data), len(data)),
          GENERATOR, names_charset="ASCII", archive_error=None,
          acceptable_errors=["zip-bomb", "limit-depth"],
          construction={"op_lit_bytes": 5, "op_rep_bytes": r, "n": n, "prefix_bytes": p,
                        "suffix_bytes": s, "final_rep_bytes": len(F), "stream_bytes": tlen,
                        "crc32": "%08x" % x})
    return data


# --------------------------------------------------------------- size lies

def size_lies(fname="size-lies.zip"):
    declared = 100
    # 100 KB of CP949 Korean notes; cut the declared part on a character boundary
    line = text_bytes([ko("n001"), ko("n002"), ko("n003")], "CP949")
    full = (line * (102400 // len(line) + 1))[:102400]
    head = full[:declared]
    assert head.decode("cp949")  # 100 bytes end on a character boundary
    name = "수정의견.txt".encode("cp949")
    ok_data = text_bytes([ko("n005")], "CP949")
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = c.compress(full) + c.flush()
    ms = [Member(name, b"", compressed=stream, crc=zlib.crc32(head), usize=declared,
                 version_made_by=VMB),
          Member("정상.txt".encode("cp949"), ok_data, version_made_by=VMB)]
    data = build_zip(ms)
    out(fname, data)
    truth(fname, "zip", [
        rec(name, "CP949", error="size-exceeds-declared", size=declared,
            declared_usize=declared, actual_inflated_bytes=len(full),
            crc_covers="the first 100 bytes only", sha256_first_100=sha256(head),
            text_charset="CP949"),
        rec(ms[1].name, "CP949", data=ok_data, text_charset="CP949"),
    ], "수정의견.txt declares 100 bytes (local and central; CRC-32 of the first 100 bytes, "
       "so a reader that stops at the declared size sees a valid CRC) but its deflate "
       "stream inflates to %d bytes. Read at most the declared size, then try one more "
       "byte: that byte exists, so report size-exceeds-declared (keeping at most the 100 "
       "declared bytes). 정상.txt is fine and must still be extracted. The archive as a "
       "whole is not an error." % len(full), GENERATOR, names_charset="CP949")


# ------------------------------------------------------------ many entries

def many_entries(count=20000, fname="many-entries.zip"):
    width = 1
    while 36 ** width < count:
        width += 1
    z = ZipBuilder()
    for i in range(count):
        nm = b36(i, width).encode()
        z.add(Member(nm, b"x", method=STORED, version_made_by=VMB))
    data = z.finish()
    out(fname, data)
    sample = [rec(b36(i, width).encode(), "ASCII", data=b"x")
              for i in (0, 1, count - 1)]
    truth(fname, "zip", sample,
          "%d stored entries of 1 byte each, names '%s'..'%s' (%d base-36 characters)%s. "
          "Default entry limit 10,000: report limit-entries for the archive; listing or "
          "extracting the first 10,000 first is acceptable. Must not allocate per-entry "
          "memory for all entries before checking the count (the EOCD already says %d). "
          "`members` holds a sample only (first two and last)."
          % (count, b36(0, width), b36(count - 1, width), width,
             ", zip64 EOCD (count > 65535)" if count > 0xFFFF else "", count),
          GENERATOR, names_charset="ASCII", archive_error="limit-entries",
          acceptable_errors=["limit-entries"], member_count=count, members_complete=False)


# ------------------------------------------------- a stale ENOMEM in libarchive

def lzma_cut_name(fname="lzma-cut-name.zip"):
    """No central directory (so members are read from their local headers, by libarchive), an
    LZMA member whose header asks for a 4 GiB dictionary, then a UTF-8 name cut inside its last
    character.  Found by fuzz_zip: the dictionary allocation failed under the worker's
    address-space limit and left errno at ENOMEM, and libarchive 3.6 exits the process when a
    name it cannot convert finds errno at ENOMEM (mbrtowc() leaves errno alone for a cut
    sequence).  bilex now refuses such a dictionary from the header (limit-memory, the same
    with -j 0, where the allocation would succeed) and clears errno before libarchive converts
    names (tests/unit/test_archive.c provokes the ENOMEM itself)."""
    lzma = bytes([9, 20, 5, 0, 0x5D, 0xFF, 0xFF, 0xFF, 0xFF]) + bytes(16)
    cut = "수정의견.txt".encode("utf-8")[:11]
    data = text_bytes([ko("n001")], "UTF-8")
    z = ZipBuilder()
    z.add(Member(b"dictionary-4gib.txt", b"", method=14, compressed=lzma, crc=0, usize=64,
                 version_made_by=VMB))
    z.add(Member(cut, data, version_made_by=VMB))
    cd_start = len(z.buf)
    out(fname, z.finish()[:cd_start])
    truth(fname, "zip", [
        rec(b"dictionary-4gib.txt", "ASCII", error="limit-memory",
            why="LZMA (method 14) with a dictionary of 4 GiB - 1, over half the worker-bytes "
                "limit: refused from its header, the same with or without workers"),
        rec(cut, None, name="수정의", source_name="수정의\\xEA\\xB2", data=data,
            text_charset="UTF-8",
            why="'수정의견.txt' cut after 11 bytes, inside 견: UTF-8 with a cut tail, the "
                "readable part decoded and the two raw bytes kept as \\xNN"),
    ], "Two members and no central directory: `corrupt` for the archive, whose members are "
       "read from their local headers. The first is LZMA with a 4 GiB dictionary, which a "
       "worker cannot allocate: `limit-memory` from its header, in every mode. The second has a UTF-8 name cut inside "
       "its last character and must be read: no crash record, its text and its hash.",
       GENERATOR, names_charset="UTF-8", archive_error="corrupt",
       acceptable_errors=["corrupt"], members_required=True)


# ---------------------------------------------------------- damaged files

def normal_batch():
    names = ["수정의견.txt", "머리_수정/", "머리_수정/3번째장.txt", "원화_체크리스트.txt",
             "동화_장수_부족.txt", "레이아웃_수정.txt"]
    ids = [["n001"], None, ["n002"], ["n004"], ["n017"], ["n011"]]
    ms, datas = [], []
    for nm, i in zip(names, ids):
        d = b"" if i is None else text_bytes([ko(x) for x in i], "CP949")
        datas.append(d)
        ms.append(Member(nm.encode("cp949"), d, method=STORED if i is None else DEFLATED,
                         version_made_by=VMB))
    return names, datas, ms


def truncated(fname="truncated.zip"):
    names, datas, ms = normal_batch()
    z = ZipBuilder()
    for m in ms:
        z.add(m)
    cd_start = len(z.buf)
    full = z.finish()
    # cut in the middle of the 4th central record
    cd_rec = [46 + len(m.name) for m in ms]
    cut = cd_start + sum(cd_rec[:3]) + cd_rec[3] // 2
    data = full[:cut]
    out(fname, data)
    recs = [rec(nm.encode("cp949"), "CP949", data=None if nm.endswith("/") else d,
                text_charset=None if nm.endswith("/") else "CP949",
                recoverable_from_local_headers=True)
            for nm, d in zip(names, datas)]
    truth(fname, "zip", recs,
          "A 6-entry CP949 zip cut at byte %d of %d: in the middle of the 4th central "
          "directory record; no EOCD. Expected: the archive is reported as corrupt "
          "(libzip: ZIP_ER_NOZIP 19). Readers that scan local headers still recover all 6 "
          "entries, because all local data lies before the cut (bsdtar lists all 6 and "
          "exits 0, 7z lists all 6 with 'Errors: 1', unzip gives up); bilex may recover "
          "them too but must still flag corrupt. Never read past the end."
          % (cut, len(full)), GENERATOR, names_charset="CP949", archive_error="corrupt",
          acceptable_errors=["corrupt"], cut_at=cut, original_size=len(full),
          central_directory_offset=cd_start)


def exe_stub(size=4096):
    """Deterministic 'MZ' + PE-looking junk (not a runnable program)."""
    stub = bytearray(size)
    stub[0:2] = b"MZ"
    stub[0x3C:0x40] = struct.pack("<I", 0x80)
    msg = b"This program cannot be run in DOS mode.\r\r\n$"
    stub[0x4E:0x4E + len(msg)] = msg
    stub[0x80:0x84] = b"PE\0\0"
    stub[0x84:0x86] = struct.pack("<H", 0x14C)
    h = hashlib.sha256(b"bilex stub").digest()
    for i in range(0x200, size):
        stub[i] = h[i % 32] ^ (i & 0xFF)
    return bytes(stub)


def junk_prefix():
    names, datas, ms = normal_batch()
    stub = exe_stub()
    # adjusted (like a real self-extractor / `zip -A`): offsets count from file start
    z = ZipBuilder()
    z.raw(stub)
    for m in ms:
        z.add(m)
    adjusted = z.finish()
    out("junk-prefix.zip", adjusted)
    # unadjusted: `cat stub.exe a.zip`
    _, _, ms2 = normal_batch()
    plain = build_zip(ms2)
    out("junk-prefix-unadjusted.zip", stub + plain)
    recs = [rec(nm.encode("cp949"), "CP949", data=None if nm.endswith("/") else d,
                text_charset=None if nm.endswith("/") else "CP949")
            for nm, d in zip(names, datas)]
    truth("junk-prefix.zip", "zip", recs,
          "A %d-byte exe-like stub ('MZ', DOS message, 'PE\\0\\0', noise) before a 6-entry "
          "CP949 zip; central-directory offsets include the stub (as in a real "
          "self-extracting archive). All 6 members are listed and extracted; no errors."
          % len(stub), GENERATOR, names_charset="CP949", prefix_bytes=len(stub))
    truth("junk-prefix-unadjusted.zip", "zip", recs,
          "The same stub followed by an unmodified zip (`cat stub zip`): every offset in "
          "the central directory is %d bytes too small. Info-ZIP unzip (\"%d extra bytes "
          "at beginning\"), Python zipfile and bsdtar compensate; libzip 1.7.3 "
          "(ZIP_ER_NOZIP 19) and 7-Zip 26.02 (\"Cannot open the file as [zip] archive\") "
          "refuse. Preferred: list all 6 members (compensating for the prefix); "
          "acceptable: corrupt." % (len(stub), len(stub)),
          GENERATOR, names_charset="CP949", prefix_bytes=len(stub), archive_error=None,
          acceptable_errors=["corrupt"])


def names_hostile(fname="names-hostile.zip"):
    """Paths and characters that must never reach a file system or a terminal raw."""
    d = text_bytes([ko("n001")], "CP949")
    entries = [
        (b"../../../../tmp/bilex-zip-slip.txt", "ASCII", "parent traversal (zip slip)"),
        (b"/etc/bilex-absolute.txt", "ASCII", "absolute POSIX path"),
        (b"C:\\Windows\\Temp\\bilex.txt", "ASCII", "drive letter and backslashes"),
        (b"..\\..\\bilex-backslash.txt", "ASCII", "backslash traversal"),
        ("\x1b]0;pwn\x07\u202e.txt".encode("utf-8"), "UTF-8",
         "OSC escape sequence, BEL and RIGHT-TO-LEFT OVERRIDE (security.md 8.13)"),
        ("수정의견\u202etxt.exe".encode("utf-8"), "UTF-8", "bidi override hides .exe"),
        ("..\\머리_수정.txt".encode("cp949"), "CP949", "CP949 name with backslash traversal"),
        (b"nul\x00hidden.txt", "ASCII", "NUL byte inside the name"),
    ]
    ms, recs = [], []
    for raw, cs, why in entries:
        # bit 11 only on the bidi name: libzip 1.7.3 rejects the WHOLE archive
        # (ZIP_ER_INCONS) when a bit-11 name holds C0 controls; that case is
        # names-flag-control.zip
        flags = FLAG_UTF8 if raw.startswith("수정의견".encode()) else 0
        ms.append(Member(raw, d, flags=flags, version_made_by=VMB))
        recs.append(rec(raw, cs, utf8_flag=bool(flags), data=d, text_charset="CP949",
                        why=why))
    out(fname, build_zip(ms))
    truth(fname, "zip", recs,
          "Names are data, never paths: nothing may be written outside the output "
          "directory (output files get generated names or sanitised relative names), and "
          "logs/CSV must show the names escaped (ESC, BEL, NUL as \\x1b, \\x07, \\x00; "
          "U+202E flagged). Each name is still recorded with its raw bytes and decoded "
          "form. Only the bidi name carries bit 11. The unflagged names are a mix "
          "(ASCII, strict UTF-8 with controls, one CP949 name): per-name charsets are "
          "given; a per-archive decision may legitimately pick CP949 for all unflagged "
          "non-ASCII names, since UTF-8 bytes E2 80 AE are not valid CP949 the ESC name "
          "then needs a per-name UTF-8 fallback. No errors besides whatever the "
          "sanitiser records.", GENERATOR,
          names_charset={"flagged": "UTF-8", "unflagged": "mixed"})

    # bit 11 + C0 control characters: valid UTF-8, yet libzip refuses the archive
    ok = "수정의견.txt".encode()
    bad = "\x1b]0;pwn\x07\u202e.txt".encode()
    ms = [Member(ok, d, flags=FLAG_UTF8, version_made_by=VMB),
          Member(bad, d, flags=FLAG_UTF8, version_made_by=VMB)]
    out("names-flag-control.zip", build_zip(ms))
    truth("names-flag-control.zip", "zip", [
        rec(ok, "UTF-8", utf8_flag=True, data=d, text_charset="CP949"),
        rec(bad, "UTF-8", utf8_flag=True, data=d, text_charset="CP949",
            why="ESC, BEL and U+202E in a bit-11 name")],
          "Both names carry bit 11 and are valid UTF-8, but the second holds ESC and BEL. "
          "libzip 1.7.3 refuses to open the whole archive (zip_open: ZIP_ER_INCONS 21, "
          "with or without ZIP_CHECKCONS) because its UTF-8 check rejects C0 controls "
          "other than TAB/CR/LF. Preferred: list both members (own central-directory "
          "parse or libarchive), the second escaped in logs; acceptable: one corrupt "
          "record for the archive. Never a crash.", GENERATOR, names_charset="UTF-8",
          acceptable_errors=["corrupt"])


def main():
    global OUTDIR
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, help="uncompressed target for big variants")
    ap.add_argument("--entries", type=int, help="entry count of many-entries.zip")
    ap.add_argument("--out", help="output folder")
    ap.add_argument("--only", nargs="*", help="fixture names to write")
    a = ap.parse_args()
    big = a.size is not None or a.entries is not None
    if a.out:
        OUTDIR = os.path.abspath(a.out)
    elif big:
        ap.error("--size/--entries write big files: give --out DIR outside the repository")
    want = lambda n: not a.only or n in a.only  # noqa: E731
    if want("overlap-bomb.zip"):
        if a.size:
            # shared kernel stays < 4 GiB (no zip64); 1000..65535 entries
            n_entries = min(0xFFFF, max(1000, -(-a.size // 0xF0000000)))
            lay = overlap_bomb(n_entries, max(1, a.size // n_entries))
        else:
            lay = overlap_bomb()
        print("overlap-bomb.zip:", lay)
    if want("overlap-same-offset.zip") and not big:
        overlap_same_offset()
    if a.size and a.size > 0xFFFF0000:
        print("note: ratio-bomb and nested-bomb leaf capped at 4 GiB - 64 KiB (no zip64)")
    capped = min(a.size, 0xFFFF0000) if a.size else None
    if want("ratio-bomb.zip"):
        ratio_bomb(capped) if capped else ratio_bomb()
    if want("nested-bomb.zip"):
        nested_bomb(capped) if capped else nested_bomb()
    if want("quine.zip") and not big:
        quine()
    if want("size-lies.zip") and not big:
        size_lies()
    if want("many-entries.zip"):
        many_entries(a.entries) if a.entries else (None if big else many_entries())
    if not big:
        if want("truncated.zip"):
            truncated()
        if want("junk-prefix.zip"):
            junk_prefix()
        if want("names-hostile.zip"):
            names_hostile()
        if want("lzma-cut-name.zip"):
            lzma_cut_name()
    print("bomb fixtures written to", OUTDIR)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Minimal raw ZIP writer for test fixtures (stdlib only).

Python's zipfile sets general-purpose bit 11 (UTF-8) for every non-ASCII
name and gives no control over sizes, offsets or headers.  This module writes
ZIP structures byte by byte so a fixture can say exactly which name bytes,
flag bits, declared sizes, offsets, extra fields and DOS times it holds.

Layout written by ZipBuilder:
    [raw bytes ...] [local header + data (+ data descriptor)] ... [central
    directory] [zip64 EOCD + locator, only when needed] [EOCD]

Main pieces
    Member       one entry: name bytes, data, method, flags, overrides
    ZipBuilder   add(member) / raw(bytes) / add_central(record) / finish()
    deflate()    raw DEFLATE (no zlib header) via zlib, level 9
    zipcrypto_encrypt()  traditional PKWARE encryption (fixed header bytes)
    winzip_aes_encrypt() WinZip AE-1/AE-2 AES-CTR + HMAC-SHA1 (pure Python AES)
    crc32_combine()      CRC of A+B from crc(A), crc(B), len(B)

Everything is deterministic: no clock, no randomness (encryption headers and
salts are derived from the member name unless given).
"""
import hashlib
import hmac
import struct
import zlib

# Fixed time for all fixtures: 2024-03-04 09:15:00
FIXED_TIME = (2024, 3, 4, 9, 15, 0)

SIG_LOCAL = 0x04034B50
SIG_CENTRAL = 0x02014B50
SIG_EOCD = 0x06054B50
SIG_ZIP64_EOCD = 0x06064B50
SIG_ZIP64_LOC = 0x07064B50
SIG_DD = 0x08074B50

FLAG_ENCRYPTED = 0x0001
FLAG_DATA_DESCRIPTOR = 0x0008
FLAG_UTF8 = 0x0800

STORED = 0
DEFLATED = 8
AES_METHOD = 99

HOST_DOS = 0      # "version made by" high byte: MS-DOS / FAT (Windows Explorer, DOS tools)
HOST_UNIX = 3
HOST_NTFS = 11
HOST_MACOS = 19   # OS X (Darwin)


def dos_datetime(t=FIXED_TIME):
    """(date, time) words of a DOS timestamp (2-second resolution)."""
    y, mo, d, h, mi, s = t
    return ((y - 1980) << 9) | (mo << 5) | d, (h << 11) | (mi << 5) | (s // 2)


def deflate(data, level=9):
    """Raw DEFLATE stream (wbits -15), as ZIP method 8 stores it."""
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 9)
    return c.compress(data) + c.flush()


def deflate_zeros(n, level=9, chunk=1 << 20, byte=b"\0"):
    """Raw DEFLATE of n copies of `byte`, streamed (n may be huge)."""
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 9)
    block = byte * min(n, chunk)
    out = []
    left = n
    while left:
        k = min(left, chunk)
        out.append(c.compress(block[:k]))
        left -= k
    out.append(c.flush())
    return b"".join(out)


def inflate(raw):
    d = zlib.decompressobj(-15)
    return d.decompress(raw) + d.flush()


# ----------------------------------------------------------------- CRC tools

def _gf2_times(mat, vec):
    s = 0
    i = 0
    while vec:
        if vec & 1:
            s ^= mat[i]
        vec >>= 1
        i += 1
    return s


def _gf2_square(mat):
    return [_gf2_times(mat, mat[n]) for n in range(32)]


def crc32_combine(crc1, crc2, len2):
    """zlib's crc32_combine: CRC-32 of A+B given crc(A), crc(B), len(B)."""
    if len2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = _gf2_square(odd)
    odd = _gf2_square(even)
    while True:
        even = _gf2_square(odd)
        if len2 & 1:
            crc1 = _gf2_times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = _gf2_square(even)
        if len2 & 1:
            crc1 = _gf2_times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def crc32_zeros(n, byte=0):
    """CRC-32 of n copies of one byte, in O(log n) combines."""
    crc = 0
    piece = zlib.crc32(bytes([byte]))
    plen = 1
    while n:
        if n & 1:
            crc = crc32_combine(crc, piece, plen)
        piece = crc32_combine(piece, piece, plen)
        plen *= 2
        n >>= 1
    return crc


# ------------------------------------------------ traditional PKWARE crypto

def _crc_byte(crc, b):
    # one step of the raw CRC-32 update (no pre/post inversion)
    return zlib.crc32(bytes([b]), crc ^ 0xFFFFFFFF) ^ 0xFFFFFFFF


class _ZipCryptoKeys:
    def __init__(self, password):
        self.k0, self.k1, self.k2 = 0x12345678, 0x23456789, 0x34567890
        for b in password:
            self.update(b)

    def update(self, b):
        self.k0 = _crc_byte(self.k0, b)
        self.k1 = (self.k1 + (self.k0 & 0xFF)) & 0xFFFFFFFF
        self.k1 = (self.k1 * 134775813 + 1) & 0xFFFFFFFF
        self.k2 = _crc_byte(self.k2, self.k1 >> 24)

    def stream_byte(self):
        t = (self.k2 | 2) & 0xFFFF
        return ((t * (t ^ 1)) >> 8) & 0xFF


def zipcrypto_encrypt(data, password, check_byte, header11):
    """Traditional PKWARE encryption: 12-byte header + encrypted data.

    header11: 11 fixed 'random' bytes; check_byte: high byte of the CRC (or of
    the DOS time when a data descriptor is used), which unzip checks.
    """
    keys = _ZipCryptoKeys(password)
    out = bytearray()
    for p in bytes(header11) + bytes([check_byte]) + data:
        out.append(p ^ keys.stream_byte())
        keys.update(p)
    return bytes(out)


# -------------------------------------------------------------- AES (pure)

def _aes_tables():
    sbox = [0] * 256
    p = q = 1
    while True:  # generate via multiplicative inverse using generator 3
        p = p ^ ((p << 1) & 0xFF) ^ (0x1B if p & 0x80 else 0)
        q ^= q << 1
        q ^= q << 2
        q ^= q << 4
        q &= 0xFF
        if q & 0x80:
            q ^= 0x09
        x = q ^ (((q << 1) | (q >> 7)) & 0xFF) ^ (((q << 2) | (q >> 6)) & 0xFF) \
            ^ (((q << 3) | (q >> 5)) & 0xFF) ^ (((q << 4) | (q >> 4)) & 0xFF)
        sbox[p] = x ^ 0x63
        if p == 1:
            break
    sbox[0] = 0x63
    return sbox


_SBOX = _aes_tables()


def _xt(a):
    return ((a << 1) ^ 0x1B) & 0xFF if a & 0x80 else a << 1


def _aes_expand(key):
    nk = len(key) // 4
    nr = nk + 6
    w = [list(key[4 * i:4 * i + 4]) for i in range(nk)]
    rcon = 1
    for i in range(nk, 4 * (nr + 1)):
        t = list(w[i - 1])
        if i % nk == 0:
            t = t[1:] + t[:1]
            t = [_SBOX[b] for b in t]
            t[0] ^= rcon
            rcon = _xt(rcon)
        elif nk > 6 and i % nk == 4:
            t = [_SBOX[b] for b in t]
        w.append([a ^ b for a, b in zip(w[i - nk], t)])
    return [sum(w[4 * r:4 * r + 4], []) for r in range(nr + 1)]


def _aes_encrypt_block(rk, block):
    s = [a ^ b for a, b in zip(block, rk[0])]
    nr = len(rk) - 1
    for r in range(1, nr + 1):
        s = [_SBOX[b] for b in s]
        # ShiftRows (state is column-major: s[4*c + row])
        s = [s[4 * ((c + row) % 4) + row] for c in range(4) for row in range(4)]
        if r != nr:
            m = []
            for c in range(4):
                a0, a1, a2, a3 = s[4 * c:4 * c + 4]
                t = a0 ^ a1 ^ a2 ^ a3
                m += [a0 ^ t ^ _xt(a0 ^ a1), a1 ^ t ^ _xt(a1 ^ a2),
                      a2 ^ t ^ _xt(a2 ^ a3), a3 ^ t ^ _xt(a3 ^ a0)]
            s = m
        s = [a ^ b for a, b in zip(s, rk[r])]
    return bytes(s)


def aes_selftest():
    key = bytes(range(32))
    pt = bytes.fromhex("00112233445566778899aabbccddeeff")
    ct = _aes_encrypt_block(_aes_expand(key), pt)
    assert ct.hex() == "8ea2b7ca516745bfeafc49904b496089", ct.hex()


def winzip_aes_encrypt(data, password, salt, strength=3):
    """WinZip AES: salt + 2-byte verifier + AES-CTR(data) + 10-byte HMAC-SHA1.

    strength 1/2/3 = AES-128/192/256 (salt 8/12/16 bytes).  CTR counter is a
    16-byte little-endian integer starting at 1 (WinZip/Gladman convention).
    """
    keylen = {1: 16, 2: 24, 3: 32}[strength]
    assert len(salt) == keylen // 2
    dk = hashlib.pbkdf2_hmac("sha1", password, salt, 1000, 2 * keylen + 2)
    enc_key, mac_key, verifier = dk[:keylen], dk[keylen:2 * keylen], dk[2 * keylen:]
    rk = _aes_expand(enc_key)
    out = bytearray()
    for i in range(0, len(data), 16):
        ks = _aes_encrypt_block(rk, (i // 16 + 1).to_bytes(16, "little"))
        out += bytes(a ^ b for a, b in zip(data[i:i + 16], ks))
    mac = hmac.new(mac_key, bytes(out), hashlib.sha1).digest()[:10]
    return salt + verifier + bytes(out) + mac


def aes_extra(vendor_version=1, strength=3, method=DEFLATED):
    """Extra field 0x9901 (WinZip AES): AE-1 (CRC kept) or AE-2 (CRC 0)."""
    return struct.pack("<HHH2sBH", 0x9901, 7, vendor_version, b"AE", strength, method)


def unicode_path_extra(name_utf8, raw_name):
    """Info-ZIP Unicode Path extra field 0x7075 (version 1, CRC of raw name)."""
    body = struct.pack("<BI", 1, zlib.crc32(raw_name)) + name_utf8
    return struct.pack("<HH", 0x7075, len(body)) + body


# -------------------------------------------------------------- structures

def local_header(name, flags, method, date, time, crc, csize, usize,
                 extra=b"", version_needed=20):
    return struct.pack("<IHHHHHIIIHH", SIG_LOCAL, version_needed, flags, method,
                       time, date, crc, csize, usize, len(name), len(extra)) + name + extra


def central_header(name, flags, method, date, time, crc, csize, usize, offset,
                   extra=b"", comment=b"", version_made_by=20, version_needed=20,
                   disk=0, int_attr=0, ext_attr=0):
    return struct.pack("<IHHHHHHIIIHHHHHII", SIG_CENTRAL, version_made_by, version_needed,
                       flags, method, time, date, crc, csize, usize, len(name),
                       len(extra), len(comment), disk, int_attr, ext_attr,
                       offset) + name + extra + comment


def eocd(count, cd_size, cd_offset, comment=b"", count_disk=None):
    if count_disk is None:
        count_disk = count
    return struct.pack("<IHHHHIIH", SIG_EOCD, 0, 0, count_disk, count, cd_size,
                       cd_offset, len(comment)) + comment


def zip64_eocd(count, cd_size, cd_offset):
    return struct.pack("<IQHHIIQQQQ", SIG_ZIP64_EOCD, 44, 45, 45, 0, 0,
                       count, count, cd_size, cd_offset)


def zip64_locator(zip64_eocd_offset):
    return struct.pack("<IIQI", SIG_ZIP64_LOC, 0, zip64_eocd_offset, 1)


class Member:
    """One ZIP entry.  Unset overrides are computed from `data`.

    name            raw name bytes exactly as stored (both headers)
    data            uncompressed bytes (b"" for directories)
    method          STORED or DEFLATED (AES: set aes=...)
    flags           general-purpose bits (bit 11 is NOT added automatically)
    when            (Y, M, D, h, m, s)
    compressed      override the stored data bytes (e.g. a hand-made stream)
    crc/csize/usize override values in both headers; *_local / *_central for one side
    extra_local / extra_central, comment
    version_made_by (host << 8 | version), version_needed, ext_attr, int_attr
    local_name      a different name in the local header
    password        bytes: traditional PKWARE encryption
    aes             (password, salt, strength, vendor_version): WinZip AES
    data_descriptor write bit 3 + descriptor (sizes/CRC 0 in the local header)
    """

    def __init__(self, name, data=b"", method=DEFLATED, flags=0, when=FIXED_TIME,
                 compressed=None, crc=None, csize=None, usize=None,
                 extra_local=b"", extra_central=b"", comment=b"",
                 version_made_by=(HOST_DOS << 8) | 20, version_needed=None,
                 ext_attr=None, int_attr=0, local_name=None, password=None, aes=None,
                 data_descriptor=False, crc_local=None, csize_local=None,
                 usize_local=None, crc_central=None, csize_central=None,
                 usize_central=None):
        assert isinstance(name, bytes)
        self.name = name
        self.data = data
        self.method = method
        self.flags = flags
        self.when = when
        self.compressed = compressed
        self.crc, self.csize, self.usize = crc, csize, usize
        self.extra_local, self.extra_central, self.comment = extra_local, extra_central, comment
        self.version_made_by = version_made_by
        self.version_needed = version_needed
        is_dir = name.endswith(b"/")
        self.ext_attr = ext_attr if ext_attr is not None else (0x10 if is_dir else 0x20)
        self.int_attr = int_attr
        self.local_name = local_name
        self.password = password
        self.aes = aes
        self.data_descriptor = data_descriptor
        self.side = dict(crc_local=crc_local, csize_local=csize_local, usize_local=usize_local,
                         crc_central=crc_central, csize_central=csize_central,
                         usize_central=usize_central)
        self.offset = None

    def build(self):
        """Return (local bytes, payload bytes, descriptor bytes, central fields)."""
        date, time = dos_datetime(self.when)
        crc = zlib.crc32(self.data) if self.crc is None else self.crc
        usize = len(self.data) if self.usize is None else self.usize
        flags = self.flags
        method = self.method
        extra_l, extra_c = self.extra_local, self.extra_central
        vneed = self.version_needed
        if self.compressed is not None:
            payload = self.compressed
        elif method == DEFLATED:
            payload = deflate(self.data)
        else:
            payload = self.data
        if self.password is not None:
            flags |= FLAG_ENCRYPTED
            check = (time >> 8) & 0xFF if self.data_descriptor else (crc >> 24) & 0xFF
            seed = hashlib.sha256(b"zipcrypto" + self.name).digest()[:11]
            payload = zipcrypto_encrypt(payload, self.password, check, seed)
        if self.aes is not None:
            pw, salt, strength, vv = self.aes
            flags |= FLAG_ENCRYPTED
            payload = winzip_aes_encrypt(payload, pw, salt, strength)
            ex = aes_extra(vv, strength, method)
            extra_l, extra_c = extra_l + ex, extra_c + ex
            method = AES_METHOD
            if vv == 2:
                crc = 0
            vneed = vneed or 51
        if vneed is None:
            vneed = 20 if (method == DEFLATED or self.name.endswith(b"/")
                           or self.password is not None) else 10
        csize = len(payload) if self.csize is None else self.csize
        s = self.side
        lcrc = s["crc_local"] if s["crc_local"] is not None else crc
        lcs = s["csize_local"] if s["csize_local"] is not None else csize
        lus = s["usize_local"] if s["usize_local"] is not None else usize
        ccrc = s["crc_central"] if s["crc_central"] is not None else crc
        ccs = s["csize_central"] if s["csize_central"] is not None else csize
        cus = s["usize_central"] if s["usize_central"] is not None else usize
        desc = b""
        if self.data_descriptor:
            flags |= FLAG_DATA_DESCRIPTOR
            desc = struct.pack("<IIII", SIG_DD, lcrc, lcs, lus)
            lcrc = lcs = lus = 0
        lname = self.name if self.local_name is None else self.local_name
        lh = local_header(lname, flags, method, date, time, lcrc, lcs, lus, extra_l, vneed)
        central = dict(name=self.name, flags=flags, method=method, date=date, time=time,
                       crc=ccrc, csize=ccs, usize=cus, extra=extra_c, comment=self.comment,
                       version_made_by=self.version_made_by, version_needed=vneed,
                       int_attr=self.int_attr, ext_attr=self.ext_attr)
        return lh, payload, desc, central


class ZipBuilder:
    """Append local records and raw bytes, then finish() with CD + EOCD.

    base_offset: value subtracted from real positions when writing offsets
    (use it for a prefix that the CD should *not* count, i.e. an unadjusted
    self-extractor stub).
    """

    def __init__(self):
        self.buf = bytearray()
        self.central = []  # dicts for central_header(**)
        self.base_offset = 0

    def raw(self, b):
        self.buf += b
        return len(self.buf) - len(b)

    def add(self, m):
        lh, payload, desc, central = m.build()
        m.offset = len(self.buf)
        self.buf += lh + payload + desc
        central["offset"] = m.offset - self.base_offset
        self.central.append(central)
        return m

    def add_central(self, **fields):
        self.central.append(fields)

    def finish(self, comment=b"", zip64=None, cd_offset_override=None):
        cd_start = len(self.buf)
        cd = b"".join(central_header(**c) for c in self.central)
        self.buf += cd
        count = len(self.central)
        cd_off = cd_start - self.base_offset if cd_offset_override is None else cd_offset_override
        if zip64 is None:
            zip64 = count > 0xFFFF
        if zip64:
            z64_off = len(self.buf)
            self.buf += zip64_eocd(count, len(cd), cd_off)
            self.buf += zip64_locator(z64_off - self.base_offset)
            self.buf += eocd(0xFFFF, 0xFFFFFFFF if len(cd) > 0xFFFFFFFF else len(cd),
                             cd_off, comment)
        else:
            self.buf += eocd(count, len(cd), cd_off, comment)
        return bytes(self.buf)


def build_zip(members, comment=b"", prefix=b""):
    z = ZipBuilder()
    if prefix:
        z.raw(prefix)
    for m in members:
        z.add(m)
    return z.finish(comment)


# ------------------------------------------------------------------ reader

def read_central(buf, base=0):
    """Parse EOCD (+zip64) and the central directory of a well-formed zip.

    Returns a list of dicts (name raw bytes, flags, method, crc, csize, usize,
    offset, extra, version_made_by).  Used by the fixture self-checks; not a
    general-purpose or hostile-input reader.
    """
    pos = buf.rfind(struct.pack("<I", SIG_EOCD))
    if pos < 0:
        raise ValueError("no EOCD")
    (_, _, _, _, count, cd_size, cd_off, clen) = struct.unpack_from("<IHHHHIIH", buf, pos)
    if count == 0xFFFF or cd_off == 0xFFFFFFFF:
        loc = pos - 20
        (sig, _, z64off, _) = struct.unpack_from("<IIQI", buf, loc)
        assert sig == SIG_ZIP64_LOC
        (sig, _, _, _, _, _, _, count, cd_size, cd_off) = struct.unpack_from(
            "<IQHHIIQQQQ", buf, z64off)
        assert sig == SIG_ZIP64_EOCD
    out = []
    p = cd_off + base   # base: bytes of an unaccounted prefix (unadjusted SFX stub)
    for _ in range(count):
        f = struct.unpack_from("<IHHHHHHIIIHHHHHII", buf, p)
        assert f[0] == SIG_CENTRAL, hex(p)
        nlen, xlen, clen2 = f[10], f[11], f[12]
        name = bytes(buf[p + 46:p + 46 + nlen])
        extra = bytes(buf[p + 46 + nlen:p + 46 + nlen + xlen])
        out.append(dict(version_made_by=f[1], version_needed=f[2], flags=f[3], method=f[4],
                        time=f[5], date=f[6], crc=f[7], csize=f[8], usize=f[9], name=name,
                        extra=extra, ext_attr=f[15], offset=f[16]))
        p += 46 + nlen + xlen + clen2
    return out


if __name__ == "__main__":
    aes_selftest()
    a, b = b"hello ", b"world" * 1000
    assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)
    assert crc32_zeros(12345) == zlib.crc32(b"\0" * 12345)
    print("rawzip self-test ok")

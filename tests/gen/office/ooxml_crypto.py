#!/usr/bin/python3
"""Password-encrypt an OOXML package the way Office 2007 did (ECMA-376 "Standard Encryption").

Output: an OLE2 / Compound File Binary (CFB, MS-CFB v3, 512-byte sectors) holding
  EncryptionInfo    version 3.2, flags fCryptoAPI|fAES, AES-128, SHA-1, CSP "Microsoft Enhanced
                    RSA and AES Cryptographic Provider", salt + encrypted verifier + verifier hash
  EncryptedPackage  8-byte little-endian package size + AES-128-ECB ciphertext of the zip
as described in [MS-OFFCRYPTO] 2.3.4.5-2.3.4.9 (key: SHA-1, 50000 spins, then the
CryptDeriveKey 0x36/0x5C step).  Office writes a \\x06DataSpaces storage too; it is left out
(readers such as msoffcrypto-tool and LibreOffice do not need it).

Deterministic: the salt and the verifier are fixed bytes, not random (a test fixture, not a
secret).  AES comes from the openssl command-line tool (Python's stdlib has no AES).
"""
import hashlib
import struct
import subprocess

FREESECT, ENDOFCHAIN, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512
MINI = 64
CUTOFF = 4096


def aes128_ecb(key, data):
    assert len(data) % 16 == 0
    r = subprocess.run(["openssl", "enc", "-aes-128-ecb", "-K", key.hex(), "-nopad"],
                       input=data, stdout=subprocess.PIPE, check=True)
    return r.stdout


def derive_key(password, salt, spins=50000, key_bytes=16):
    h = hashlib.sha1(salt + password.encode("utf-16-le")).digest()
    for i in range(spins):
        h = hashlib.sha1(struct.pack("<I", i) + h).digest()
    h = hashlib.sha1(h + struct.pack("<I", 0)).digest()
    b1 = bytes(x ^ y for x, y in zip(b"\x36" * 64, h + b"\x00" * 44))
    b2 = bytes(x ^ y for x, y in zip(b"\x5c" * 64, h + b"\x00" * 44))
    return (hashlib.sha1(b1).digest() + hashlib.sha1(b2).digest())[:key_bytes]


def encryption_info(key, salt, verifier):
    csp = "Microsoft Enhanced RSA and AES Cryptographic Provider\0".encode("utf-16-le")
    flags = 0x24                                   # fCryptoAPI | fAES
    header = struct.pack("<IIIIIIII", flags, 0, 0x660E, 0x8004, 128, 0x18, 0, 0) + csp
    vhash = hashlib.sha1(verifier).digest()
    enc_verifier = aes128_ecb(key, verifier)
    enc_vhash = aes128_ecb(key, vhash + b"\x00" * 12)
    ver = struct.pack("<I", 16) + salt + enc_verifier + struct.pack("<I", 20) + enc_vhash
    return struct.pack("<HHII", 3, 2, flags, len(header)) + header + ver


def encrypted_package(key, package):
    pad = (-len(package)) % 16
    return struct.pack("<Q", len(package)) + aes128_ecb(key, package + b"\x00" * pad)


def _dir_entry(name, etype, color, left, right, child, start, size):
    n = (name + "\0").encode("utf-16-le") if name else b""
    return (n.ljust(64, b"\0") + struct.pack("<HBBIII", len(n), etype, color, left, right, child)
            + b"\0" * 16 + struct.pack("<I", 0) + b"\0" * 16
            + struct.pack("<IQ", start, size))


def cfb(streams):
    """streams: [(name, bytes)] (all at the root; small ones go to the mini stream)."""
    mini_data, mini_fat, big = b"", [], []
    starts = {}
    for name, data in streams:
        if len(data) < CUTOFF:
            first = len(mini_data) // MINI
            n = (len(data) + MINI - 1) // MINI
            mini_fat += [first + i + 1 for i in range(n - 1)] + [ENDOFCHAIN]
            starts[name] = first
            mini_data += data.ljust(n * MINI, b"\0")
        else:
            big.append((name, data))
    # sector plan: [FAT][directory][miniFAT][mini stream][big streams...]
    def nsec(nbytes):
        return (nbytes + SECTOR - 1) // SECTOR
    n_dir = 1
    n_minifat = nsec(len(mini_fat) * 4)
    n_ministream = nsec(len(mini_data))
    n_big = [nsec(len(d)) for _, d in big]
    body = n_dir + n_minifat + n_ministream + sum(n_big)
    n_fat = 1
    while n_fat * (SECTOR // 4) < n_fat + body:
        n_fat += 1
    assert n_fat <= 109
    fat = [FATSECT] * n_fat
    pos = n_fat

    def chain(count):
        nonlocal pos
        first = pos
        for i in range(count):
            fat.append(pos + 1 if i < count - 1 else ENDOFCHAIN)
            pos += 1
        return first
    dir_start = chain(n_dir)
    minifat_start = chain(n_minifat) if n_minifat else ENDOFCHAIN
    ministream_start = chain(n_ministream) if n_ministream else ENDOFCHAIN
    for (name, data), n in zip(big, n_big):
        starts[name] = chain(n)
    fat += [FREESECT] * (n_fat * (SECTOR // 4) - len(fat))

    names = [n for n, _ in streams]
    assert len(names) <= 3
    # red-black tree of the root's children (all black): first child, the others as right siblings
    entries = [_dir_entry("Root Entry", 5, 1, NOSTREAM, NOSTREAM, 1 if names else NOSTREAM,
                          ministream_start, len(mini_data))]
    for i, (name, data) in enumerate(streams):
        right = i + 2 if i + 1 < len(streams) else NOSTREAM
        entries.append(_dir_entry(name, 2, 1, NOSTREAM, right, NOSTREAM, starts[name], len(data)))
    while len(entries) < 4:
        entries.append(_dir_entry("", 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, 0, 0))
    directory = b"".join(entries)

    difat = list(range(n_fat)) + [FREESECT] * (109 - n_fat)
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, n_fat, dir_start, 0, CUTOFF, minifat_start,
                            n_minifat, ENDOFCHAIN, 0)
              + struct.pack("<109I", *difat))
    assert len(header) == SECTOR

    def pad(b):
        return b + b"\0" * ((-len(b)) % SECTOR)
    out = header + pad(struct.pack("<%dI" % len(fat), *fat)) + pad(directory)
    if n_minifat:
        mf = mini_fat + [FREESECT] * (n_minifat * (SECTOR // 4) - len(mini_fat))
        out += pad(struct.pack("<%dI" % len(mf), *mf))
    if n_ministream:
        out += pad(mini_data)
    for _, data in big:
        out += pad(data)
    return out


def encrypt_ooxml(package, password,
                  salt=bytes.fromhex("b1e5a17e5a17b1e5a17e5a17b1e5a17e"),
                  verifier=bytes.fromhex("0123456789abcdeffedcba9876543210")):
    key = derive_key(password, salt)
    # stream order as Office writes them: EncryptionInfo, then EncryptedPackage
    return cfb([("EncryptionInfo", encryption_info(key, salt, verifier)),
                ("EncryptedPackage", encrypted_package(key, package))])


def check_password(blob, password):
    """Verify the password against EncryptionInfo (self-test; parses our own CFB layout)."""
    import io
    f = io.BytesIO(blob)
    hdr = f.read(SECTOR)
    assert hdr[:8] == bytes.fromhex("D0CF11E0A1B11AE1")
    # EncryptionInfo is the first mini stream: the mini stream follows FAT, dir, miniFAT
    n_fat, dir_start = struct.unpack_from("<II", hdr, 0x2C)
    minifat_start, = struct.unpack_from("<I", hdr, 0x3C)
    root = blob[SECTOR * (1 + dir_start): SECTOR * (1 + dir_start) + 128]
    ms_start, = struct.unpack_from("<I", root, 0x74)
    info_entry = blob[SECTOR * (1 + dir_start) + 128: SECTOR * (1 + dir_start) + 256]
    size, = struct.unpack_from("<Q", info_entry, 0x78)
    info = blob[SECTOR * (1 + ms_start): SECTOR * (1 + ms_start) + size]
    hsize, = struct.unpack_from("<I", info, 8)
    v = info[12 + hsize:]
    salt = v[4:20]
    enc_ver, enc_hash = v[20:36], v[40:72]
    key = derive_key(password, salt)
    dec = subprocess.run(["openssl", "enc", "-d", "-aes-128-ecb", "-K", key.hex(), "-nopad"],
                         input=enc_ver + enc_hash, stdout=subprocess.PIPE, check=True).stdout
    return hashlib.sha1(dec[:16]).digest() == dec[16:36]

#!/usr/bin/python3
"""Write tests/data/confusables/encrypted.docx: a Word document saved with a password.

Password-protected OOXML is not a ZIP but an OLE2 compound file (MS-OFFCRYPTO 2.3.4.10,
ECMA-376 agile encryption) holding:

  EncryptionInfo     version 4.4, flags 0x40, then the <encryption> XML: keyData (AES-256-CBC,
                     SHA-512, salt), dataIntegrity (HMAC of the package), and the password key
                     encryptor (spin count 100000, encrypted verifier and key).
  EncryptedPackage   the package size (8 bytes) and the ZIP encrypted in 4096-byte segments,
                     each with IV = SHA-512(keyData salt + segment number)[:16].
  \\006DataSpaces/... the data space map that names the transform (Version, DataSpaceMap,
                     DataSpaceInfo/StrongEncryptionDataSpace,
                     TransformInfo/StrongEncryptionTransform/\\006Primary).

Debian's tools cannot write it (LibreOffice 7.4 saves OOXML without the password, msoffcrypto
5.0 only decrypts), so it is encrypted here with python3-cryptography and checked by
decrypting it with msoffcrypto-tool (python3-msoffcrypto-tool), an independent reader.
The plain document is tests/data/docx/notes.docx; the password is "bilex".  Random salts and
keys make every run's bytes different: the committed file is the reference.
Run: /usr/bin/python3 tests/gen/office/make_encrypted.py
"""
import base64
import hashlib
import hmac
import io
import os
import struct
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cfbwriter  # noqa: E402
import common as C  # noqa: E402
from common import Truth  # noqa: E402

PASSWORD = "bilex"
SPIN = 100000
BLK_VERIFIER_INPUT = bytes.fromhex("fea7d2763b4b9e79")
BLK_VERIFIER_VALUE = bytes.fromhex("d7aa0f6d3061344e")
BLK_KEY = bytes.fromhex("146e0be7abacd0d6")
BLK_HMAC_KEY = bytes.fromhex("5fb2ad010cb9e1f6")
BLK_HMAC_VALUE = bytes.fromhex("a0677f02b22c8433")


def sha512(*parts):
    h = hashlib.sha512()
    for p in parts:
        h.update(p)
    return h.digest()


def aes_cbc(key, iv, data):
    assert len(data) % 16 == 0
    e = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return e.update(data) + e.finalize()


def pad16(data):
    return data + b"\0" * (-len(data) % 16)


def password_key(salt, block):
    h = sha512(salt, PASSWORD.encode("utf-16-le"))
    for i in range(SPIN):
        h = sha512(struct.pack("<I", i), h)
    return sha512(h, block)[:32]


def encrypt_package(pkg, secret, key_salt):
    out = bytearray(struct.pack("<Q", len(pkg)))
    for i in range(0, len(pkg), 4096):
        iv = sha512(key_salt, struct.pack("<I", i // 4096))[:16]
        out += aes_cbc(secret, iv, pad16(pkg[i:i + 4096]))
    return bytes(out)


def unicode_lp(s):
    u = s.encode("utf-16-le")
    return struct.pack("<I", len(u)) + u + b"\0" * (-len(u) % 4)


def data_spaces():
    """The \\006DataSpaces storage of MS-OFFCRYPTO 2.1 (what Office writes next to the package)."""
    versions = struct.pack("<HHHHHH", 1, 0, 1, 0, 1, 0)      # reader, updater, writer 1.0
    version = unicode_lp("Microsoft.Container.DataSpaces") + versions
    entry = (struct.pack("<I", 1) + struct.pack("<I", 0) + unicode_lp("EncryptedPackage")
             + unicode_lp("StrongEncryptionDataSpace"))
    dmap = struct.pack("<II", 8, 1) + struct.pack("<I", len(entry) + 4) + entry
    dinfo = struct.pack("<II", 8, 1) + unicode_lp("StrongEncryptionTransform")
    tid = unicode_lp("{FF9A3F03-56EF-4613-BDD5-5A41C1D07246}")
    header = tid + unicode_lp("Microsoft.Container.EncryptionTransform")
    primary = (struct.pack("<II", 8 + len(tid), 1) + header
               + versions + struct.pack("<IIII", 0, 0, 0, 4))
    return {
        "\x06DataSpaces/Version": version,
        "\x06DataSpaces/DataSpaceMap": dmap,
        "\x06DataSpaces/DataSpaceInfo/StrongEncryptionDataSpace": dinfo,
        "\x06DataSpaces/TransformInfo/StrongEncryptionTransform/\x06Primary": primary,
    }


def encrypt(pkg):
    b64 = lambda b: base64.b64encode(b).decode()  # noqa: E731
    secret = os.urandom(32)
    key_salt = os.urandom(16)
    pw_salt = os.urandom(16)
    verifier = os.urandom(16)
    enc_pkg = encrypt_package(pkg, secret, key_salt)
    hmac_key = os.urandom(64)
    hmac_value = hmac.new(hmac_key, enc_pkg, hashlib.sha512).digest()
    enc_hmac_key = aes_cbc(secret, sha512(key_salt, BLK_HMAC_KEY)[:16], hmac_key)
    enc_hmac_value = aes_cbc(secret, sha512(key_salt, BLK_HMAC_VALUE)[:16], hmac_value)
    ev_in = aes_cbc(password_key(pw_salt, BLK_VERIFIER_INPUT), pw_salt, verifier)
    ev_val = aes_cbc(password_key(pw_salt, BLK_VERIFIER_VALUE), pw_salt, sha512(verifier))
    ek = aes_cbc(password_key(pw_salt, BLK_KEY), pw_salt, secret)
    common = ('saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
              'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"')
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
           'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password" '
           'xmlns:c="http://schemas.microsoft.com/office/2006/keyEncryptor/certificate">'
           '<keyData %s saltValue="%s"/>'
           '<dataIntegrity encryptedHmacKey="%s" encryptedHmacValue="%s"/>'
           '<keyEncryptors><keyEncryptor '
           'uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
           '<p:encryptedKey spinCount="%d" %s saltValue="%s" '
           'encryptedVerifierHashInput="%s" encryptedVerifierHashValue="%s" '
           'encryptedKeyValue="%s"/></keyEncryptor></keyEncryptors></encryption>'
           % (common, b64(key_salt), b64(enc_hmac_key), b64(enc_hmac_value), SPIN, common,
              b64(pw_salt), b64(ev_in), b64(ev_val), b64(ek)))
    info = struct.pack("<HHI", 4, 4, 0x40) + xml.encode("utf-8")
    streams = {"EncryptionInfo": info, "EncryptedPackage": enc_pkg}
    streams.update(data_spaces())
    data = cfbwriter.build(streams)
    cfbwriter.verify(data, streams)
    return data


def check(data, pkg):
    """An independent reader must get the package back with the password."""
    import msoffcrypto
    f = msoffcrypto.OfficeFile(io.BytesIO(data))
    f.load_key(password=PASSWORD)
    out = io.BytesIO()
    f.decrypt(out)
    assert out.getvalue()[:len(pkg)] == pkg


def main():
    src = os.path.join(C.DATA, "docx", "notes.docx")
    with open(src, "rb") as f:
        pkg = f.read()
    data = encrypt(pkg)
    check(data, pkg)
    path = os.path.join(C.out_dir("confusables"), "encrypted.docx")
    with open(path, "wb") as f:
        f.write(data)
    tr = Truth()
    tr.extra["errors"] = [{"code": "encrypted", "source": "encrypted.docx"}]
    tr.notes = ("A .docx saved with a password (agile encryption, password 'bilex', the plain "
                "package is docx/notes.docx) is an OLE2 compound file holding EncryptionInfo and "
                "EncryptedPackage, not a ZIP: it must be recognized as such (format "
                "ooxml-encrypted) and recorded as `encrypted`, never decrypted or guessed.")
    tr.write(path)
    print("Encrypted OOXML (agile, checked with msoffcrypto-tool):")
    C.report(path)


if __name__ == "__main__":
    main()

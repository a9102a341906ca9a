#!/usr/bin/python3
"""copies.py SRC DEST K: K byte-distinct copies of an image with the same pixels.

bilex reads an image whose SHA-256 it has seen once (ocr.c keeps the lines), so a speed test
over many frames needs different files: a PNG gets a tEXt chunk after IHDR, a JPEG a COM
segment after SOI, each saying "copy N".  Written as DEST/NAME-cN.EXT.
"""
import os
import struct
import sys
import zlib


def png_copy(data, n):
    text = b"Comment\0copy %d" % n
    chunk = struct.pack(">I", len(text)) + b"tEXt" + text
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + text) & 0xFFFFFFFF)
    ihdr_end = 8 + 4 + 4 + 13 + 4  # signature, IHDR length, type, data, CRC
    return data[:ihdr_end] + chunk + data[ihdr_end:]


def jpeg_copy(data, n):
    text = b"copy %d" % n
    return data[:2] + b"\xff\xfe" + struct.pack(">H", len(text) + 2) + text + data[2:]


def main():
    src, dest, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
    data = open(src, "rb").read()
    name, ext = os.path.splitext(os.path.basename(src))
    for n in range(k):
        if data[:8] == b"\x89PNG\r\n\x1a\n":
            out = png_copy(data, n)
        elif data[:2] == b"\xff\xd8":
            out = jpeg_copy(data, n)
        else:
            sys.exit("copies.py: %s is neither PNG nor JPEG" % src)
        with open(os.path.join(dest, "%s-c%d%s" % (name, n, ext)), "wb") as f:
            f.write(out)


if __name__ == "__main__":
    main()

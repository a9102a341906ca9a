#!/usr/bin/python3
"""make_images.py: the byte-level parts of tests/gen/images/make_images.sh (stdlib only).

  make_images.py png-text BASE.png OUT.png     PNG text chunks of every kind, XMP, eXIf
  make_images.py jpeg-com BASE.jpg OUT.jpg     two COM markers
  make_images.py hostile TMPDIR OUTDIR         the hostile set, from TMPDIR/tiny.{png,jpg,gif,bmp}
                                               and TMPDIR/half.{png,jpg}

Every output is deterministic (no times, fixed zip dates).
"""
import io
import os
import struct
import sys
import zipfile
import zlib


# ---------------------------------------------------------------------------------- PNG

def png_chunks(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    i, out = 8, []
    while i < len(data):
        n, = struct.unpack(">I", data[i:i + 4])
        out.append((data[i + 4:i + 8], data[i + 8:i + 8 + n]))
        i += 12 + n
    return out


def chunk(ctype, body, length=None):
    n = len(body) if length is None else length
    return struct.pack(">I", n) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body))


def png_build(chunks):
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunk(t, b) for t, b in chunks)


def png_insert(data, extra):
    """The chunks of data with extra (list of raw chunk bytes) put before the first IDAT."""
    out, done = [b"\x89PNG\r\n\x1a\n"], False
    for t, b in png_chunks(data):
        if t == b"IDAT" and not done:
            out.extend(extra)
            done = True
        out.append(chunk(t, b))
    return b"".join(out)


def text(key, value_bytes):
    return chunk(b"tEXt", key + b"\0" + value_bytes)


def ztxt(key, value_bytes):
    return chunk(b"zTXt", key + b"\0\0" + zlib.compress(value_bytes, 9))


def itxt(key, value, lang=b"", tkey="", compressed=False):
    v = value.encode()
    if compressed:
        v = zlib.compress(v, 9)
    return chunk(b"iTXt", key + b"\0" + (b"\1\0" if compressed else b"\0\0") + lang + b"\0" +
                 tkey.encode() + b"\0" + v)


XMP = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
       '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
       'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
       '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>'
       '</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="w"?>')


# --------------------------------------------------------------------------------- EXIF

def tiff_ifd(entries, le, base, next_off=0):
    """IFD bytes placed at offset base; entries: (tag, type, count, value bytes).  Values over
    4 bytes go right after the IFD.  Returns the bytes (IFD + values)."""
    e = "<" if le else ">"
    n = len(entries)
    head = struct.pack(e + "H", n)
    data_off = base + 2 + 12 * n + 4
    ents, blobs = b"", b""
    for tag, typ, count, val in entries:
        if isinstance(val, int):
            ents += struct.pack(e + "HHII", tag, typ, count, val)
            continue
        if len(val) <= 4:
            ents += struct.pack(e + "HHI", tag, typ, count) + val.ljust(4, b"\0")
        else:
            ents += struct.pack(e + "HHII", tag, typ, count, data_off + len(blobs))
            blobs += val + (b"\0" if len(val) % 2 else b"")
    return head + ents + struct.pack(e + "I", next_off) + blobs


def exif_le(entries):
    """A little-endian TIFF header with one IFD at 8."""
    return b"II*\0" + struct.pack("<I", 8) + tiff_ifd(entries, True, 8)


def u16le(s):
    return s.encode("utf-16-le") + b"\0\0"


# --------------------------------------------------------------------------------- JPEG

def jpeg_insert(data, segments):
    """segments (raw marker bytes) right after SOI."""
    assert data[:2] == b"\xff\xd8"
    return data[:2] + b"".join(segments) + data[2:]


def marker(m, body):
    return bytes([0xFF, m]) + struct.pack(">H", len(body) + 2) + body


def jpeg_sof_patch(data, w, h):
    i = 2
    while i < len(data):
        assert data[i] == 0xFF
        m = data[i + 1]
        n, = struct.unpack(">H", data[i + 2:i + 4])
        if 0xC0 <= m <= 0xCF and m not in (0xC4, 0xC8, 0xCC):
            return data[:i + 5] + struct.pack(">HH", h, w) + data[i + 9:]
        i += 2 + n
    raise SystemExit("no SOF")


# ---------------------------------------------------------------------------------- GIF

def gif_frame(w, h, left=0, top=0):
    """An image descriptor with a minimal LZW stream (clear, one pixel, end)."""
    return (b"\x2c" + struct.pack("<HHHH", left, top, w, h) + b"\0" +
            b"\x02" + b"\x02\x44\x01" + b"\0")


def gif(w, h, frames, trailer=True):
    head = b"GIF89a" + struct.pack("<HH", w, h) + b"\x80\0\0" + b"\0\0\0\xff\xff\xff"
    return head + b"".join(frames) + (b";" if trailer else b"")


# ---------------------------------------------------------------------------------- BMP

def bmp_patch(data, w=None, h=None):
    b = bytearray(data)
    if w is not None:
        b[18:22] = struct.pack("<i", w)
    if h is not None:
        b[22:26] = struct.pack("<i", h)
    return bytes(b)


def bmp_flip(data):
    """The same picture top-down: negative height, rows reversed."""
    off, = struct.unpack("<I", data[10:14])
    w, h = struct.unpack("<ii", data[18:26])
    bpp, = struct.unpack("<H", data[28:30])
    row = ((w * bpp + 31) // 32) * 4
    rows = [data[off + r * row:off + (r + 1) * row] for r in range(h)]
    return bmp_patch(data[:off], h=-h) + b"".join(reversed(rows)) + data[off + h * row:]


# --------------------------------------------------------------------------------- TIFF

def tiff_pages(n, loop_to=None, w=1, h=1):
    """A little-endian TIFF of n 1x1 8-bit grey pages sharing one pixel byte.  Each IFD: width,
    length, strip offset (+ next).  loop_to: the last IFD's next pointer goes to that page."""
    pixel_off = 8
    ifd0 = 10  # after the header and the pixel (word aligned)
    size = 2 + 12 * 4 + 4
    out = b"II*\0" + struct.pack("<I", ifd0) + b"\x80\0"
    for k in range(n):
        nxt = ifd0 + (k + 1) * size if k + 1 < n else 0
        if k + 1 == n and loop_to is not None:
            nxt = ifd0 + loop_to * size
        out += tiff_ifd([(256, 4, 1, w), (257, 4, 1, h), (258, 3, 1, 8),
                         (273, 4, 1, pixel_off)], True, ifd0 + k * size, nxt)
    return out


# --------------------------------------------------------------------------------- main

def png_text(base, outp):
    data = open(base, "rb").read()
    zh, ko = "头的形状要再修改一下，请画得圆一些。", "머리 모양을 조금 더 수정해 주세요."
    xp = u16le("그림자 방향을 광원과 맞춰 주세요.")
    extra = [
        # tEXt is Latin-1 by the book, but most tools put UTF-8 bytes in it
        text(b"Comment", zh.encode()),
        # and real Latin-1
        text(b"Author", "Élodie Durand".encode("latin-1")),
        ztxt(b"Description", "눈 위치가 너무 높아요. 조금 내려 주세요.".encode()),
        itxt(b"Title", ko, b"ko", "제목"),
        itxt(b"Warning", "眼睛的位置太高了，请往下移一点。", b"zh-CN", compressed=True),
        itxt(b"XML:com.adobe.xmp", XMP % "下巴的线条要更柔和。"),
        chunk(b"eXIf", exif_le([(0x9C9C, 1, len(xp), xp)])),
    ]
    open(outp, "wb").write(png_insert(data, extra))


def jpeg_com(base, outp):
    data = open(base, "rb").read()
    open(outp, "wb").write(jpeg_insert(data, [
        marker(0xFE, "左右眼睛的大小要一致。".encode()),
        marker(0xFE, "좌우 눈 크기를 똑같이 맞춰 주세요.".encode())]))


def hostile(tmp, out):
    def rd(name):
        return open(os.path.join(tmp, name), "rb").read()

    files = {}
    png, jpg, gf, bmp = rd("tiny.png"), rd("tiny.jpg"), rd("tiny.gif"), rd("tiny.bmp")
    half_png, half_jpg = rd("half.png"), rd("half.jpg")
    ch = png_chunks(png)

    def png_with_ihdr(w, h):
        out = []
        for t, b in ch:
            if t == b"IHDR":
                b = struct.pack(">II", w, h) + b[8:]
            out.append((t, b))
        return png_build(out)

    # --- PNG
    files["huge-dims.png"] = png_with_ihdr(100000, 100000)        # CRC recomputed: "valid"
    files["png-zero-dims.png"] = png_with_ihdr(0, 0)
    files["png-magic-only.png"] = png[:8]
    idat = half_png.index(b"IDAT")
    n, = struct.unpack(">I", half_png[idat - 4:idat])
    files["truncated.png"] = half_png[:idat + 4 + n // 2]
    files["png-chunk-len-max.png"] = png_insert(png, [
        struct.pack(">I", 0x7FFFFFFF) + b"tEXtComment\0" + "长度".encode()])
    files["png-no-ihdr.png"] = png_build([(t, b) for t, b in ch if t != b"IHDR"])
    bomb = "炸弹注释：这一段之后是四兆字节的空格。".encode() + b" " * (4 << 20)
    files["png-ztxt-bomb.png"] = png_insert(png, [ztxt(b"Comment", bomb)])
    many = [ztxt(b"Comment", "第一段说明。".encode() + b" " * (768 << 10))]
    many += [ztxt(b"Comment", b" " * (768 << 10)) for _ in range(40)]
    many += [ztxt(b"Comment", "最后一段说明不应出现。".encode() + b" " * (768 << 10))]
    files["png-ztxt-many.png"] = png_insert(png, many)
    files["png-itxt-junk.png"] = png_insert(png, [
        chunk(b"tEXt", b"Key\x01\xff\x1b[31m\0" + "키워드가 이상합니다".encode()),
        chunk(b"iTXt", b"NoNulsAtAll" * 8),                         # no keyword end
        chunk(b"iTXt", b"Title\0\1\0ko\0"),                         # ends inside the header
        chunk(b"iTXt", b"Title\0\1\0ko\0\0" + b"\x78\x9c garbage, not zlib"),
        chunk(b"zTXt", b"Comment\0\0"),                             # empty stream
        chunk(b"eXIf", b"MM\0*\xff\xff\xff\xf0"),                   # IFD past the end
    ])

    # --- JPEG
    files["huge-dims.jpg"] = jpeg_sof_patch(jpg, 65000, 65000)
    files["jpeg-zero-dims.jpg"] = jpeg_sof_patch(jpg, 16, 0)
    files["truncated.jpg"] = half_jpg[:len(half_jpg) * 6 // 10]
    files["jpeg-com-1000.jpg"] = jpeg_insert(
        jpg, [marker(0xFE, b"") for _ in range(1000)] + [marker(0xFE, "最后的注释".encode())])
    # EXIF: IFD0 (ImageDescription) whose Exif IFD pointer and next pointer both lead back to
    # IFD0, an entry whose value runs past the end, and an IFD claiming 65535 entries
    d = "循环".encode() + b"\0"
    e = [(0x010E, 2, len(d), d), (0x8769, 4, 1, 8),
         (0x9C9C, 1, 0xFFFFFFFF, 0x7FFFFFF0), (0x9286, 7, 100, 0xFFFFFF00)]
    tiff = bytearray(b"MM\0*" + struct.pack(">I", 8) + tiff_ifd(e, False, 8, next_off=8))
    tiff += struct.pack(">H", 0xFFFF)  # a stray IFD that claims 65535 entries
    files["jpeg-exif-loop.jpg"] = jpeg_insert(jpg, [marker(0xE1, b"Exif\0\0" + bytes(tiff))])
    dtd = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
           '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
           '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
           '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
           '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
           '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
           '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
           '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
           '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>'
           + (XMP % "&lol9;").split("?>", 1)[1])
    files["jpeg-xmp-dtd.jpg"] = jpeg_insert(
        jpg, [marker(0xE1, b"http://ns.adobe.com/xap/1.0/\0" + dtd.encode())])

    # --- GIF
    files["huge-dims.gif"] = gif(65535, 65535, [gif_frame(1, 1)])
    files["gif-frame-dims.gif"] = gif(16, 16, [gif_frame(65535, 65535)])
    files["gif-many-frames.gif"] = gif(8000, 8000, [gif_frame(8000, 8000)] * 3)
    files["gif-magic-only.gif"] = b"GIF89a"
    files["truncated.gif"] = gf[:len(gf) - 6]

    # --- BMP
    files["huge-dims.bmp"] = bmp_patch(bmp, 100000, 100000)
    files["bmp-top-down.bmp"] = bmp_flip(bmp)                       # legal: no error
    files["bmp-height-min.bmp"] = bmp_patch(bmp, h=-0x80000000)
    files["bmp-zero-height.bmp"] = bmp_patch(bmp, h=0)
    files["bmp-negative-width.bmp"] = bmp_patch(bmp, w=-16)
    files["truncated.bmp"] = bmp[:len(bmp) // 2]

    # --- TIFF
    files["tiff-ifd-loop.tif"] = tiff_pages(1, loop_to=0)          # IFD0 -> IFD0
    files["tiff-ifd-cycle.tif"] = tiff_pages(3, loop_to=1)         # 0 -> 1 -> 2 -> 1
    # over ocr.c's MAX_PAGES (1000); 5000 pages would cost the same (the rest are not read)
    # and take 270 KB
    files["tiff-1100-pages.tif"] = tiff_pages(1100)
    files["tiff-huge-dims.tif"] = tiff_pages(1, w=100000, h=100000)
    t = bytearray(tiff_pages(2))                                   # page 2: 100000 x 100000
    second = 10 + 54
    t[second + 2 + 8:second + 2 + 12] = struct.pack("<I", 100000)
    t[second + 2 + 12 + 8:second + 2 + 12 + 12] = struct.pack("<I", 100000)
    files["tiff-huge-page2.tif"] = bytes(t)

    # --- WebP: a VP8X header whose canvas is 16777216 x 16777216
    vp8x = b"VP8X" + struct.pack("<I", 10) + b"\0\0\0\0" + b"\xff\xff\xff" + b"\xff\xff\xff"
    files["huge-dims.webp"] = b"RIFF" + struct.pack("<I", 4 + len(vp8x)) + b"WEBP" + vp8x
    files["webp-magic-only.webp"] = b"RIFF\x04\0\0\0WEBP"

    for name, data in files.items():
        open(os.path.join(out, name), "wb").write(data)

    # The same hostile bytes as members of a ZIP: a member is a heap buffer of its exact size,
    # so valgrind sees any read past the end (a top-level file is mapped, a page at least).
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            if name.startswith(("huge-", "truncated.")) or "magic-only" in name or \
                    name in ("jpeg-exif-loop.jpg", "png-itxt-junk.png", "gif-frame-dims.gif"):
                zi = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
                zi.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(zi, files[name])
    open(os.path.join(out, "members.zip"), "wb").write(buf.getvalue())


def main():
    cmd = sys.argv[1]
    if cmd == "png-text":
        png_text(sys.argv[2], sys.argv[3])
    elif cmd == "jpeg-com":
        jpeg_com(sys.argv[2], sys.argv[3])
    elif cmd == "hostile":
        hostile(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit("make_images.py: unknown command " + cmd)


if __name__ == "__main__":
    main()

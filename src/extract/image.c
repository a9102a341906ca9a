/*
 * image.c - images: text in their metadata, and the coloured notes drawn over them (OCR).
 *
 * PNG, JPEG, TIFF (every page), BMP, GIF (first frame) and WebP, wherever they come from:
 * files, members of archives, media of office documents, data: URIs of HTML and SVG.
 *
 * Dimensions are read here from the header before anything is decoded (every format: the
 * decoders' own header readers print, and Leptonica decodes a BMP or GIF whole just to report
 * its size).  A GIF counts every frame, since giflib allocates them all.  An image over the
 * image-side or image-pixels limit is `limit-pixels` and is never decoded; one whose structure
 * is broken (a chunk or segment past the end, no end marker, pixel data cut short) is `corrupt`
 * and is never decoded either: the decoders fail on it anyway, after printing, and libpng spends
 * seconds and gigabytes on a chunk that claims 2 GiB.
 *
 * Text in metadata becomes units of kind `metadata`, whatever the state of the pixels: PNG
 * tEXt and zTXt (UTF-8 when the bytes are valid UTF-8, as most tools write them, else
 * Latin-1 as the standard says), iTXt, eXIf; JPEG COM, EXIF (APP1), XMP (APP1); TIFF IFD0;
 * WebP EXIF and XMP chunks.  EXIF: ImageDescription, UserComment (UNICODE in the EXIF byte
 * order unless a BOM says otherwise), XPTitle, XPComment, XPSubject (UTF-16LE); XMP (also in
 * PNG iTXt XML:com.adobe.xmp and TIFF tag 700): dc:title and dc:description.  One field gives
 * at most META_MAX bytes and one image META_TOTAL bytes (compressed text included, so a zTXt
 * bomb costs a megabyte); beyond either, a `limit-bytes` warning.
 *
 * The pixels go to the OCR engine (ocr.c), which finds the coloured ink first.
 */
#include "extract.h"
#include "xmlsax.h"
#include "ocr.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#define META_MAX (1u << 20)   /* text read from one metadata field */
#define META_TOTAL (8u << 20) /* metadata bytes read from one image, inflated ones included */

enum imgfmt { IMG_NONE = 0, IMG_PNG, IMG_JPEG, IMG_GIF, IMG_BMP, IMG_TIFF, IMG_WEBP };

static const char *const fmt_names[] = { "image", "png", "jpeg", "gif", "bmp", "tiff", "webp" };

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint16_t
be16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
u32(const unsigned char *p, bool le)
{
	return le ? le32(p) : be32(p);
}

static uint16_t
u16(const unsigned char *p, bool le)
{
	return le ? le16(p) : be16(p);
}

static enum imgfmt
sniff(const unsigned char *p, size_t n, int *bits)
{
	*bits = 0;
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return *bits = 64, IMG_PNG;
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
		return *bits = 64, IMG_WEBP;
	if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
		return *bits = 48, IMG_GIF;
	if (n >= 4 && (memcmp(p, "II*\0", 4) == 0 || memcmp(p, "MM\0*", 4) == 0))
		return *bits = 32, IMG_TIFF;
	if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
		return *bits = 24, IMG_JPEG;
	/* BMP: "BM", then a DIB header whose size is one of the known ones */
	if (n >= 26 && p[0] == 'B' && p[1] == 'M') {
		uint32_t dib = le32(p + 14);

		if (dib == 12 || dib == 40 || dib == 52 || dib == 56 || dib == 64 || dib == 108 ||
		    dib == 124)
			return *bits = 48, IMG_BMP;
	}
	return IMG_NONE;
}

static int
image_bid(struct bx_input *in)
{
	int bits;

	sniff(in->data, in->size, &bits);
	return bits;
}

/* ---- dimensions and structure from headers ---------------------------------------------- */

/* What the header says, before anything is decoded. */
struct hdr {
	bool ok;            /* width and height were read */
	long w, h;          /* the largest frame, page or canvas side seen */
	int64_t pixels;     /* pixels a decoder would allocate: every frame of a GIF */
	char damage[160];   /* why the structure is broken, or "" */
};

static void damaged(struct hdr *hd, const char *fmt, ...) BX_PRINTF(2, 3);

static void
damaged(struct hdr *hd, const char *fmt, ...)
{
	va_list ap;

	if (hd->damage[0] != '\0')
		return; /* the first one found */
	va_start(ap, fmt);
	vsnprintf(hd->damage, sizeof(hd->damage), fmt, ap);
	va_end(ap);
}

static void
grow(struct hdr *hd, long w, long h)
{
	if (w > hd->w)
		hd->w = w;
	if (h > hd->h)
		hd->h = h;
	hd->ok = true;
}

/* PNG: IHDR first; every chunk inside the file; IEND at the end. */
static void
png_header(const unsigned char *p, size_t n, struct hdr *hd)
{
	size_t i = 8;

	if (n >= 24 && memcmp(p + 12, "IHDR", 4) == 0) {
		hd->ok = true;
		hd->w = (long)be32(p + 16);
		hd->h = (long)be32(p + 20);
	}
	for (;;) {
		uint32_t len;

		if (i + 12 > n) {
			damaged(hd, "truncated: the chunk at byte %zu is cut (file of %zu bytes)", i, n);
			return;
		}
		len = be32(p + i);
		if (len > n - i - 12) {
			damaged(hd, "the chunk at byte %zu runs past the end of the file (%zu bytes)", i,
			    n);
			return;
		}
		if (memcmp(p + i + 4, "IEND", 4) == 0)
			return;
		i += 12u + len;
	}
}

static bool
jpeg_sof(uint8_t m)
{
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

/* JPEG: segments up to the start of scan, a frame header among them, an EOI after the scan. */
static void
jpeg_header(const unsigned char *p, size_t n, struct hdr *hd)
{
	size_t i = 2, sos = 0;

	while (sos == 0) {
		uint8_t m;
		uint16_t len;

		if (i + 2 > n) {
			damaged(hd, "truncated: no image data before byte %zu (file of %zu bytes)", i, n);
			return;
		}
		if (p[i] != 0xFF) {
			damaged(hd, "no marker at byte %zu (file of %zu bytes)", i, n);
			return;
		}
		m = p[i + 1];
		if (m == 0xFF) { /* fill byte */
			i++;
			continue;
		}
		if (m == 0x01 || (m >= 0xD0 && m <= 0xD8)) { /* markers without a length */
			i += 2;
			continue;
		}
		if (m == 0xD9) {
			damaged(hd, "end of image at byte %zu before any image data (file of %zu bytes)",
			    i, n);
			return;
		}
		if (i + 4 > n || (len = be16(p + i + 2)) < 2 || len > n - i - 2) {
			damaged(hd, "truncated: the segment at byte %zu runs past the end (file of %zu "
			    "bytes)", i, n);
			return;
		}
		if (jpeg_sof(m) && len >= 7) /* a second frame header: the larger */
			grow(hd, be16(p + i + 7), be16(p + i + 5));
		if (m == 0xDA)
			sos = i;
		i += 2u + len;
	}
	/* in entropy-coded data 0xFF is followed by 0x00 or a restart marker: the last FF D9 is
	 * the end of the image (whatever a camera appended after it) */
	for (size_t j = n - 1; j > sos; j--)
		if (p[j] == 0xD9 && p[j - 1] == 0xFF)
			return;
	damaged(hd, "truncated: no end-of-image marker after the scan at byte %zu (file of %zu bytes)",
	    sos, n);
}

/* GIF: the logical screen, then every image descriptor (giflib decodes them all). */
static void
gif_header(const unsigned char *p, size_t n, struct hdr *hd)
{
	size_t i = 13;
	long frames = 0;

	if (n < 13) {
		damaged(hd, "truncated: a header of %zu bytes (%zu in the file)", n, n);
		return;
	}
	grow(hd, le16(p + 6), le16(p + 8));
	hd->pixels = 0;
	if (p[10] & 0x80)
		i += 3u * (1u << ((p[10] & 7) + 1));
	for (;;) {
		if (i >= n) {
			damaged(hd, "truncated: no trailer after byte %zu (file of %zu bytes)",
			    i < n ? i : n, n);
			break;
		}
		if (p[i] == 0x2C) { /* image descriptor */
			size_t j;
			long fw, fh;

			if (i + 10 > n) {
				damaged(hd, "truncated: the image at byte %zu is cut (file of %zu bytes)", i,
				    n);
				break;
			}
			fw = le16(p + i + 5);
			fh = le16(p + i + 7);
			frames++;
			grow(hd, fw, fh);
			hd->pixels += (int64_t)fw * fh;
			j = i + 10;
			if (p[i + 9] & 0x80)
				j += 3u * (1u << ((p[i + 9] & 7) + 1));
			j++; /* LZW minimum code size */
			while (j < n && p[j])
				j += p[j] + 1u;
			i = j + 1;
		} else if (p[i] == 0x21) { /* extension */
			size_t j = i + 2;

			while (j < n && p[j])
				j += p[j] + 1u;
			i = j + 1;
		} else if (p[i] == 0x3B) { /* trailer */
			break;
		} else {
			damaged(hd, "unknown block at byte %zu (file of %zu bytes)", i, n);
			break;
		}
	}
	if (frames == 0)
		damaged(hd, "no image in the file (%zu bytes, %zu read)", n, i);
	if (hd->pixels < (int64_t)hd->w * hd->h)
		hd->pixels = (int64_t)hd->w * hd->h;
}

/* BMP: the DIB header, and pixel data as long as the rows need (uncompressed ones). */
static void
bmp_header(const unsigned char *p, size_t n, struct hdr *hd)
{
	uint32_t dib = le32(p + 14), off = le32(p + 10), comp = 0;
	unsigned bpp;
	int64_t w, h;

	if (dib == 12) {
		w = le16(p + 18);
		h = le16(p + 20);
		bpp = n >= 26 ? le16(p + 24) : 0;
	} else {
		if (n < 34) {
			damaged(hd, "truncated: a header of %zu bytes (%zu in the file)", n, n);
			return;
		}
		w = (int32_t)le32(p + 18);
		h = (int32_t)le32(p + 22);
		h = h < 0 ? -h : h; /* negative: rows top-down */
		bpp = le16(p + 28);
		comp = le32(p + 30);
	}
	hd->ok = true;
	hd->w = (long)w;
	hd->h = (long)h;
	if (w <= 0 || h <= 0 || w > 0x7FFFFFFF || h > 0x7FFFFFFF)
		return; /* no pixels: said by the caller */
	if (comp == 0 || comp == 3) { /* BI_RGB, BI_BITFIELDS: rows of known size */
		uint64_t row = (((uint64_t)w * bpp + 31) / 32) * 4;

		if (off > n || (row && (uint64_t)h > (n - off) / row))
			damaged(hd, "truncated: the pixel data from byte %zu is cut (file of %zu bytes)",
			    (size_t)off, n);
	}
}

/* ImageWidth and ImageLength of the TIFF directory at byte off (0: the first directory; -1
 * when the tag is absent; a
 * tag given twice counts with its larger value, whichever libtiff keeps) and the offset of the
 * next directory (0: none).  False when the directory is not inside the file; *cut is set
 * when its entries run past the end. */
bool
bx_tiff_ifd_size(const unsigned char *p, size_t n, uint64_t off, long *w, long *h, bool *cut,
    uint64_t *next)
{
	bool le;
	unsigned count;

	*w = *h = -1;
	*cut = false;
	*next = 0;
	if (n < 8)
		return false;
	le = p[0] == 'I';
	if (off == 0)
		off = u32(p + 4, le);
	if (off < 8 || off > n - 2)
		return false;
	count = u16(p + off, le);
	if (count > (n - off - 2) / 12) {
		*cut = true;
		count = (unsigned)((n - off - 2) / 12);
	}
	for (unsigned k = 0; k < count; k++) {
		const unsigned char *e = p + off + 2 + 12u * k;
		uint16_t tag = u16(e, le), type = u16(e + 2, le);
		long v;

		if (tag != 256 && tag != 257)
			continue;
		if (type == 3)
			v = u16(e + 8, le);
		else if (type == 4)
			v = (long)u32(e + 8, le);
		else
			continue;
		if (tag == 256 && v > *w)
			*w = v;
		if (tag == 257 && v > *h)
			*h = v;
	}
	if (!*cut && off + 2 + 12u * count + 4 <= n)
		*next = u32(p + off + 2 + 12u * count, le);
	return true;
}

/* TIFF: ImageWidth and ImageLength of IFD0 (the later pages are checked by ocr.c). */
static void
tiff_header(const unsigned char *p, size_t n, struct hdr *hd)
{
	uint32_t off;
	uint64_t next;
	long w, h;
	bool cut;

	if (n < 8) {
		damaged(hd, "truncated: a header of %zu bytes (%zu in the file)", n, n);
		return;
	}
	off = u32(p + 4, p[0] == 'I');
	if (!bx_tiff_ifd_size(p, n, off, &w, &h, &cut, &next)) {
		damaged(hd, "the first directory at byte %zu is outside the file (%zu bytes)",
		    (size_t)off, n);
		return;
	}
	if (cut)
		damaged(hd, "the first directory at byte %zu runs past the end (file of %zu bytes)",
		    (size_t)off, n);
	if (w >= 0 || h >= 0)
		grow(hd, w > 0 ? w : 0, h > 0 ? h : 0);
#ifdef HAVE_OCR
	if (hd->ok) {
		long lw, lh;

		/* libtiff reads the page the decoder will: never less than it says */
		if (bx_ocr_header(p, n, &lw, &lh))
			grow(hd, lw, lh);
	}
#endif
}

static uint32_t
le24(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
}

/* WebP: RIFF chunks inside the file; VP8X canvas, VP8 or VP8L frame size. */
static void
webp_header(const unsigned char *p, size_t n, struct hdr *hd)
{
	size_t i = 12;

	if (le32(p + 4) > n - 8)
		damaged(hd, "truncated: the RIFF size says %zu bytes, the file has %zu",
		    (size_t)le32(p + 4) + 8, n);
	while (i + 8 <= n) {
		uint32_t len = le32(p + i + 4);
		const unsigned char *d = p + i + 8;

		if (len > n - i - 8) {
			damaged(hd, "the chunk at byte %zu runs past the end of the file (%zu bytes)", i,
			    n);
			break;
		}
		if (memcmp(p + i, "VP8X", 4) == 0 && len >= 10)
			grow(hd, 1 + (long)le24(d + 4), 1 + (long)le24(d + 7));
		else if (memcmp(p + i, "VP8 ", 4) == 0 && len >= 10 && d[3] == 0x9D && d[4] == 0x01 &&
		    d[5] == 0x2A)
			grow(hd, le16(d + 6) & 0x3FFF, le16(d + 8) & 0x3FFF);
		else if (memcmp(p + i, "VP8L", 4) == 0 && len >= 5 && d[0] == 0x2F)
			grow(hd, 1 + (long)(le32(d + 1) & 0x3FFF), 1 + (long)(le32(d + 1) >> 14 & 0x3FFF));
		i += 8u + len + (len & 1);
	}
}

static void
header(enum imgfmt f, const unsigned char *p, size_t n, struct hdr *hd)
{
	memset(hd, 0, sizeof(*hd));
	switch (f) {
	case IMG_PNG: png_header(p, n, hd); break;
	case IMG_JPEG: jpeg_header(p, n, hd); break;
	case IMG_GIF: gif_header(p, n, hd); break;
	case IMG_BMP: bmp_header(p, n, hd); break;
	case IMG_TIFF: tiff_header(p, n, hd); break;
	case IMG_WEBP: webp_header(p, n, hd); break;
	default: break;
	}
	/* sides come from 32-bit fields: their product can pass INT64_MAX (found by fuzzing),
	 * and anything that large is over the pixel limit anyway */
	if (hd->pixels == 0 && hd->w > 0 && hd->h > 0)
		hd->pixels = hd->w > INT64_MAX / hd->h ? INT64_MAX : (int64_t)hd->w * hd->h;
}

/* ---- metadata ------------------------------------------------------------------------------ */

struct meta {
	struct bx_doc *doc;
	int status;
	size_t total;   /* bytes of metadata read from this image */
	bool over;      /* META_TOTAL reached: the rest is left out (recorded once) */
};

/* Room for n more bytes of metadata: false (and one warning) once the image's total is
 * spent. */
static bool
meta_room(struct meta *m, size_t n)
{
	if (m->over)
		return false;
	if (m->total + n > META_TOTAL) {
		m->over = true;
		m->status = bx_worst(m->status, bx_doc_error(m->doc, BILEX_WARN, BILEX_E_LIMIT_BYTES,
		    "more than %u bytes of metadata text in this image; the rest is left out",
		    META_TOTAL));
		return false;
	}
	m->total += n;
	return true;
}

static void
meta_cut(struct meta *m, const char *where)
{
	m->status = bx_worst(m->status, bx_doc_error(m->doc, BILEX_WARN, BILEX_E_LIMIT_BYTES,
	    "%s: more than %u bytes of text; the rest is left out", where, META_MAX));
}

static void
meta_unit(struct meta *m, const char *where, const char *charset, const char *text, size_t len)
{
	struct bx_unit u;

	while (len && (text[len - 1] == '\0' || text[len - 1] == ' ' || text[len - 1] == '\n' ||
	    text[len - 1] == '\r' || text[len - 1] == '\t'))
		len--;
	if (len == 0)
		return;
	bx_unit_init(&u, "metadata");
	u.where = where;
	u.text = text;
	u.len = len;
	u.charset = charset;
	u.flags = BX_UNIT_WHOLE;
	m->status = bx_worst(m->status, bx_doc_unit(m->doc, &u));
}

/* Bytes of a field: the first META_MAX of them, and a warning for the rest. */
static size_t
meta_len(struct meta *m, const char *where, size_t n)
{
	if (n > META_MAX) {
		meta_cut(m, where);
		return META_MAX;
	}
	return n;
}

/* A field declared Latin-1 (PNG tEXt, zTXt): most writers put UTF-8 in it, and Latin-1 text
 * with letters above 0x7F is almost never valid UTF-8, so valid UTF-8 is taken as such. */
static void
latin1_unit(struct meta *m, const char *where, const unsigned char *p, size_t n)
{
	struct bx_buf b;
	bool ascii = true;

	for (size_t i = 0; i < n && ascii; i++)
		ascii = p[i] < 0x80;
	if (bx_utf8_valid((const char *)p, n)) {
		meta_unit(m, where, ascii ? NULL : "UTF-8", (const char *)p, n);
		return;
	}
	bx_buf_init(&b, 2 * META_MAX);
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x80)
			bx_buf_addc(&b, (char)p[i]);
		else {
			bx_buf_addc(&b, (char)(0xC0 | p[i] >> 6));
			bx_buf_addc(&b, (char)(0x80 | (p[i] & 0x3F)));
		}
	}
	meta_unit(m, where, "ISO-8859-1", bx_buf_str(&b), b.len);
	bx_buf_free(&b);
}

/* UTF-16 bytes (EXIF XP tags: little-endian; UserComment: see exif_ifd) as UTF-8. */
static void
utf16_unit(struct meta *m, const char *where, const unsigned char *p, size_t n, bool le)
{
	struct bx_buf b;

	bx_buf_init(&b, 2 * META_MAX);
	for (size_t i = 0; i + 1 < n; i += 2) {
		uint32_t c = u16(p + i, le);

		if (c >= 0xD800 && c <= 0xDBFF && i + 3 < n) {
			uint32_t d = u16(p + i + 2, le);

			if (d >= 0xDC00 && d <= 0xDFFF) {
				c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
				i += 2;
			}
		}
		if (c == 0)
			break;
		if (c >= 0xD800 && c <= 0xDFFF)
			c = 0xFFFD;
		if (c < 0x80) {
			bx_buf_addc(&b, (char)c);
		} else if (c < 0x800) {
			bx_buf_addc(&b, (char)(0xC0 | c >> 6));
			bx_buf_addc(&b, (char)(0x80 | (c & 0x3F)));
		} else if (c < 0x10000) {
			bx_buf_addc(&b, (char)(0xE0 | c >> 12));
			bx_buf_addc(&b, (char)(0x80 | (c >> 6 & 0x3F)));
			bx_buf_addc(&b, (char)(0x80 | (c & 0x3F)));
		} else {
			bx_buf_addc(&b, (char)(0xF0 | c >> 18));
			bx_buf_addc(&b, (char)(0x80 | (c >> 12 & 0x3F)));
			bx_buf_addc(&b, (char)(0x80 | (c >> 6 & 0x3F)));
			bx_buf_addc(&b, (char)(0x80 | (c & 0x3F)));
		}
	}
	meta_unit(m, where, le ? "UTF-16LE" : "UTF-16BE", bx_buf_str(&b), b.len);
	bx_buf_free(&b);
}

/* zlib stream (PNG zTXt and compressed iTXt) into out, at most `cap` bytes: *cut when there
 * was more; false when the stream is damaged (what came out before is kept). */
static bool
inflate_capped(const unsigned char *p, size_t n, struct bx_buf *out, size_t cap, bool *cut)
{
	z_stream z;
	unsigned char buf[16384];
	int r = Z_OK;

	*cut = false;
	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		return false;
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
	while (r != Z_STREAM_END) {
		size_t got;

		z.next_out = buf;
		z.avail_out = sizeof(buf);
		r = inflate(&z, Z_NO_FLUSH);
		if (r != Z_OK && r != Z_STREAM_END)
			break;
		got = sizeof(buf) - z.avail_out;
		if (got > cap - out->len) {
			/* the cap: a compressed text bomb stops here */
			bx_buf_add(out, buf, cap - out->len);
			*cut = true;
			break;
		}
		if (bx_buf_add(out, buf, got) != BILEX_OK)
			break;
		if (got == 0 && z.avail_in == 0)
			break; /* the stream ends without its end */
	}
	inflateEnd(&z);
	return r == Z_STREAM_END || *cut;
}

/* A compressed field: inflated within the field's and the image's caps. */
static bool
meta_inflate(struct meta *m, const char *where, const unsigned char *p, size_t n,
    struct bx_buf *b)
{
	size_t cap = META_TOTAL - m->total < META_MAX ? META_TOTAL - m->total : META_MAX;
	bool cut, ok;

	bx_buf_init(b, META_MAX);
	if (m->over)
		return false;
	ok = inflate_capped(p, n, b, cap, &cut);
	if (!meta_room(m, b->len))
		return false;
	if (cut && cap == META_MAX)
		meta_cut(m, where);
	else if (cut)
		meta_room(m, META_TOTAL); /* the image's total is spent: its warning */
	if (!ok)
		m->status = bx_worst(m->status, bx_doc_error(m->doc, BILEX_WARN, BILEX_E_CORRUPT,
		    "%s: the compressed text is damaged%s", where,
		    b->len ? "; the part before the damage is kept" : ""));
	return true;
}

static void xmp_parse(struct meta *m, const unsigned char *p, size_t n);

/* EXIF (a TIFF structure): IFD0 ImageDescription, XP tags and XMP, the Exif IFD's
 * UserComment.  seen: the directories read, so a pointer back to one is not followed. */
static void
exif_ifd(struct meta *m, const unsigned char *t, size_t n, uint32_t off, bool le, int depth,
    uint32_t *seen)
{
	uint16_t count;

	if (depth > 1 || n < 2 || off < 8 || off > n - 2)
		return;
	for (int k = 0; k < depth; k++)
		if (seen[k] == off)
			return;
	seen[depth] = off;
	count = u16(t + off, le);
	for (uint16_t k = 0; k < count && k < 512; k++) {
		size_t e = off + 2 + 12u * k;
		uint16_t tag, type;
		uint32_t cnt, val, size;
		const unsigned char *d;
		char where[48];

		if (e + 12 > n)
			break;
		tag = u16(t + e, le);
		type = u16(t + e + 2, le);
		cnt = u32(t + e + 4, le);
		val = u32(t + e + 8, le);
		size = (type == 2 || type == 1 || type == 7) ? cnt : 0;
		if (tag == 0x8769 && depth == 0) { /* Exif IFD */
			exif_ifd(m, t, n, val, le, depth + 1, seen);
			continue;
		}
		if (size == 0 || size > n)
			continue;
		d = size <= 4 ? t + e + 8 : (val <= n - size ? t + val : NULL);
		if (d == NULL)
			continue;
		if (tag != 0x010E && tag != 0x9C9C && tag != 0x9C9B && tag != 0x9C9F &&
		    tag != 0x9286 && tag != 0x02BC)
			continue;
		if (!meta_room(m, size))
			return;
		snprintf(where, sizeof(where), "exif %s", tag == 0x010E ? "ImageDescription" :
		    tag == 0x9C9C ? "XPComment" : tag == 0x9C9B ? "XPTitle" : tag == 0x9C9F ?
		    "XPSubject" : tag == 0x9286 ? "UserComment" : "XMP");
		if (tag == 0x02BC) {
			xmp_parse(m, d, size);
			continue;
		}
		size = (uint32_t)meta_len(m, where, size);
		if (tag == 0x010E)
			meta_unit(m, where, NULL, (const char *)d, size);
		else if (tag != 0x9286)
			utf16_unit(m, where, d, size, true);
		else if (size > 8 && memcmp(d, "UNICODE\0", 8) == 0) {
			/* UCS-2 in the EXIF byte order (as exiftool writes it) unless a BOM says */
			bool ule = le;

			d += 8;
			size -= 8;
			if (size >= 2 && (be16(d) == 0xFEFF || be16(d) == 0xFFFE)) {
				ule = be16(d) == 0xFFFE;
				d += 2;
				size -= 2;
			}
			utf16_unit(m, where, d, size, ule);
		} else if (size > 8) {
			/* 8 bytes name the character code: ASCII, JIS or undefined */
			meta_unit(m, where, NULL, (const char *)d + 8, size - 8);
		}
	}
}

/* An EXIF block from its TIFF header on. */
static void
exif_parse(struct meta *m, const unsigned char *t, size_t n)
{
	uint32_t seen[2] = { 0, 0 };
	bool le;

	if (n < 8 || (memcmp(t, "II*\0", 4) != 0 && memcmp(t, "MM\0*", 4) != 0))
		return;
	le = t[0] == 'I';
	exif_ifd(m, t, n, u32(t + 4, le), le, 0, seen);
}

struct xmp_ctx {
	struct meta *m;
	int in;          /* 1 title, 2 description */
	int li;
	struct bx_buf t;
};

static void
xmp_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct xmp_ctx *x = arg;

	(void)a;
	(void)n;
	if (uri && strcmp(uri, NS_DC) == 0)
		x->in = strcmp(local, "title") == 0 ? 1 : strcmp(local, "description") == 0 ? 2 : 0;
	else if (x->in && strcmp(local, "li") == 0) {
		x->li = 1;
		x->t.len = 0;
	}
}

static void
xmp_end(void *arg, const char *local, const char *uri)
{
	struct xmp_ctx *x = arg;

	if (x->li && strcmp(local, "li") == 0) {
		meta_unit(x->m, x->in == 1 ? "xmp dc:title" : "xmp dc:description", NULL,
		    bx_buf_str(&x->t), x->t.len);
		x->li = 0;
	} else if (uri && strcmp(uri, NS_DC) == 0) {
		x->in = 0;
	}
}

static void
xmp_text(void *arg, const char *s, size_t n)
{
	struct xmp_ctx *x = arg;

	if (x->li)
		bx_buf_add(&x->t, s, n);
}

/* An XMP packet (its bytes were counted by the caller). */
static void
xmp_parse(struct meta *m, const unsigned char *p, size_t n)
{
	struct xmp_ctx x;
	struct bx_xml_handler h = { &x, xmp_start, xmp_end, xmp_text };
	int st;

	memset(&x, 0, sizeof(x));
	x.m = m;
	bx_buf_init(&x.t, META_MAX);
	/* XMP has no business with a DTD: rejected like OOXML's */
	st = bx_xml_parse_mem(m->doc, "xmp", p, n, BX_XML_NO_DTD, &h);
	if (st <= BILEX_FAILED)
		st = BILEX_WARN; /* the image goes on */
	m->status = bx_worst(m->status, st);
	bx_buf_free(&x.t);
}

/* PNG keywords are Latin-1 by the standard and anything in a hostile file: printable ASCII
 * only in `where`. */
static void
png_where(char *where, size_t size, const unsigned char *type, const unsigned char *key,
    size_t kl)
{
	size_t j = (size_t)snprintf(where, size, "png %.4s ", (const char *)type);

	for (size_t i = 0; i < kl && j + 1 < size; i++)
		where[j++] = key[i] >= 0x20 && key[i] < 0x7F ? (char)key[i] : '?';
	where[j] = '\0';
}

static void
png_meta(struct meta *m, const unsigned char *p, size_t n)
{
	size_t i = 8;

	while (i + 12 <= n && !m->over && m->status > BILEX_FATAL) {
		uint32_t len = be32(p + i);
		const unsigned char *type = p + i + 4, *d = p + i + 8;
		char where[128];
		size_t kl;

		if (len > n - i - 12 || memcmp(type, "IEND", 4) == 0)
			break;
		i += 12u + len;
		if (memcmp(type, "eXIf", 4) == 0) {
			if (meta_room(m, len))
				exif_parse(m, d, len);
			continue;
		}
		if (memcmp(type, "tEXt", 4) != 0 && memcmp(type, "zTXt", 4) != 0 &&
		    memcmp(type, "iTXt", 4) != 0)
			continue;
		for (kl = 0; kl < len && kl < 80 && d[kl]; kl++)
			;
		if (kl >= len || d[kl] != '\0')
			continue; /* no keyword */
		png_where(where, sizeof(where), type, d, kl);
		if (type[0] == 't') {
			if (meta_room(m, len - kl - 1))
				latin1_unit(m, where, d + kl + 1, meta_len(m, where, len - kl - 1));
		} else if (type[0] == 'z' && kl + 2 <= len) {
			struct bx_buf b;

			if (meta_inflate(m, where, d + kl + 2, len - kl - 2, &b))
				latin1_unit(m, where, (const unsigned char *)b.data, b.len);
			bx_buf_free(&b);
		} else if (type[0] == 'i' && kl + 3 <= len) {
			/* keyword\0 flag method language\0 translated keyword\0 text (UTF-8) */
			size_t j = kl + 3;
			bool compressed = d[kl + 1] != 0, xmp = strcmp(where, "png iTXt XML:com.adobe.xmp")
			    == 0;
			struct bx_buf b;

			while (j < len && d[j])
				j++;
			j++;
			while (j < len && d[j])
				j++;
			j++;
			if (j > len)
				continue;
			if (!compressed) {
				if (!meta_room(m, len - j))
					break;
				if (xmp)
					xmp_parse(m, d + j, len - j);
				else
					meta_unit(m, where, NULL, (const char *)d + j,
					    meta_len(m, where, len - j));
				continue;
			}
			if (meta_inflate(m, where, d + j, len - j, &b)) {
				if (xmp)
					xmp_parse(m, (const unsigned char *)b.data, b.len);
				else
					meta_unit(m, where, NULL, bx_buf_str(&b), b.len);
			}
			bx_buf_free(&b);
		}
	}
}

static void
jpeg_meta(struct meta *m, const unsigned char *p, size_t n)
{
	size_t i = 2;

	while (i + 4 <= n && p[i] == 0xFF && !m->over && m->status > BILEX_FATAL) {
		uint8_t marker = p[i + 1];
		uint16_t len;
		const unsigned char *d = p + i + 4;

		if (marker == 0xFF) { /* fill byte */
			i++;
			continue;
		}
		if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
			i += 2;
			continue;
		}
		len = be16(p + i + 2);
		if (marker == 0xD9 || marker == 0xDA || len < 2 || i + 2 + len > n)
			break; /* end of image or start of scan: no metadata after */
		i += 2u + len;
		if (marker != 0xFE && marker != 0xE1)
			continue;
		if (!meta_room(m, len - 2u))
			break;
		if (marker == 0xFE)
			meta_unit(m, "jpeg COM", NULL, (const char *)d, len - 2u);
		else if (len >= 8 && memcmp(d, "Exif\0\0", 6) == 0)
			exif_parse(m, d + 6, len - 8u);
		else if (len > 31 && memcmp(d, "http://ns.adobe.com/xap/1.0/\0", 29) == 0)
			xmp_parse(m, d + 29, len - 31u);
	}
}

static void
tiff_meta(struct meta *m, const unsigned char *p, size_t n)
{
	exif_parse(m, p, n);
}

static void
webp_meta(struct meta *m, const unsigned char *p, size_t n)
{
	size_t i = 12;

	while (i + 8 <= n && !m->over && m->status > BILEX_FATAL) {
		uint32_t len = le32(p + i + 4);
		const unsigned char *d = p + i + 8;

		if (len > n - i - 8)
			break;
		if (memcmp(p + i, "EXIF", 4) == 0 && meta_room(m, len)) {
			/* some writers keep JPEG's "Exif\0\0" in front */
			if (len >= 6 && memcmp(d, "Exif\0\0", 6) == 0)
				exif_parse(m, d + 6, len - 6);
			else
				exif_parse(m, d, len);
		} else if (memcmp(p + i, "XMP ", 4) == 0 && meta_room(m, len)) {
			xmp_parse(m, d, len);
		}
		i += 8u + len + (len & 1);
	}
}

/* ---- the extractor --------------------------------------------------------------------------- */

static int
image_extract(struct bx_doc *doc, struct bx_input *in)
{
	int bits;
	enum imgfmt f = sniff(in->data, in->size, &bits);
	struct meta m = { doc, BILEX_OK, 0, false };
	struct hdr hd;
	int64_t side = bx_doc_limit(doc, BILEX_LIMIT_IMAGE_SIDE);
	int64_t pixels = bx_doc_limit(doc, BILEX_LIMIT_IMAGE_PIXELS);
	int st;

	bx_doc_set_format(doc, fmt_names[f]);
	header(f, in->data, in->size, &hd);
	/* the text of the metadata is evidence whatever the state of the pixels */
	if (f == IMG_PNG)
		png_meta(&m, in->data, in->size);
	else if (f == IMG_JPEG)
		jpeg_meta(&m, in->data, in->size);
	else if (f == IMG_TIFF)
		tiff_meta(&m, in->data, in->size);
	else if (f == IMG_WEBP)
		webp_meta(&m, in->data, in->size);
	if (m.status == BILEX_FATAL)
		return m.status;
	if (!hd.ok)
		return bx_worst(m.status, bx_doc_error(doc, BILEX_FAILED, BILEX_E_CORRUPT,
		    "unreadable %s header%s%s", fmt_names[f], hd.damage[0] ? ": " : "", hd.damage));
	if (hd.w <= 0 || hd.h <= 0)
		return bx_worst(m.status, bx_doc_error(doc, BILEX_FAILED, BILEX_E_CORRUPT,
		    "the %s header gives no pixels (%ld x %ld)", fmt_names[f], hd.w, hd.h));
	if (hd.w > side || hd.h > side || hd.pixels > pixels) {
		/* saturated as in header(): 32-bit sides overflow int64 (fuzz_image) */
		int64_t wh = hd.w > INT64_MAX / hd.h ? INT64_MAX : (int64_t)hd.w * hd.h;

		if (hd.pixels > wh)
			st = bx_doc_error(doc, BILEX_FAILED, BILEX_E_LIMIT_PIXELS,
			    "%ld x %ld pixels, %lld in all frames: over the image limits (%lld a side, "
			    "%lld in all)", hd.w, hd.h, (long long)hd.pixels, (long long)side,
			    (long long)pixels);
		else
			st = bx_doc_error(doc, BILEX_FAILED, BILEX_E_LIMIT_PIXELS,
			    "%ld x %ld pixels: over the image limits (%lld a side, %lld in all)", hd.w,
			    hd.h, (long long)side, (long long)pixels);
		return bx_worst(m.status, st);
	}
	if (hd.damage[0])
		return bx_worst(m.status, bx_doc_error(doc, BILEX_FAILED, BILEX_E_CORRUPT,
		    "damaged %s, not decoded: %s", fmt_names[f], hd.damage));
	if (!bx_doc_flag(doc, BILEX_FLAG_OCR))
		return m.status;
#ifdef HAVE_OCR
	return bx_worst(m.status, bx_ocr_input(doc, in, f == IMG_TIFF, f == IMG_GIF));
#else
	return m.status;
#endif
}

const struct bx_extractor bx_image_extractor = {
	.name = "image",
	.flags = BX_EXF_SLOW,
	.bid = image_bid,
	.extract = image_extract,
};

/*
 * image.c - images: text in their metadata, and the coloured notes drawn over them (OCR).
 *
 * PNG, JPEG, TIFF (every page), BMP, GIF (first frame) and WebP, wherever they come from:
 * files, members of archives, media of office documents, data: URIs of HTML and SVG.
 *
 * Dimensions are read from the header before anything is decoded; BMP and GIF headers are
 * parsed here because Leptonica decodes those whole just to report a size.  An image over
 * the image-side or image-pixels limit is `limit-pixels` and is never decoded.
 *
 * Text in metadata (PNG tEXt, zTXt, iTXt; JPEG COM, XMP dc:title and dc:description; EXIF
 * ImageDescription, UserComment, XPComment, XPTitle) becomes units of kind `metadata`.  The
 * pixels go to the OCR engine (ocr.c), which finds the coloured ink first.
 */
#include "extract.h"
#include "xmlsax.h"
#include "ocr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#define META_MAX (1u << 20) /* text read from one metadata field */

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

/* ---- dimensions from headers ------------------------------------------------------------- */

/* Width and height without decoding; frames/pages counted where cheap.  false when the header
 * cannot be read. */
static bool
dimensions(enum imgfmt f, const unsigned char *p, size_t n, long *w, long *h, long *frames)
{
	*w = *h = 0;
	*frames = 1;
	switch (f) {
	case IMG_PNG:
		if (n < 24 || memcmp(p + 12, "IHDR", 4) != 0)
			return false;
		*w = (long)be32(p + 16);
		*h = (long)be32(p + 20);
		return true;
	case IMG_GIF: {
		/* logical screen, then count image descriptors: giflib would decode them all */
		size_t i = 13;

		*w = le16(p + 6);
		*h = le16(p + 8);
		*frames = 0;
		if (p[10] & 0x80)
			i += 3u * (1u << ((p[10] & 7) + 1));
		while (i < n) {
			if (p[i] == 0x2C) { /* image descriptor */
				size_t j;

				(*frames)++;
				if (i + 10 > n)
					break;
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
			} else {
				break; /* trailer or garbage */
			}
		}
		return true;
	}
	case IMG_BMP: {
		uint32_t dib = le32(p + 14);

		if (dib == 12) {
			*w = le16(p + 18);
			*h = le16(p + 20);
		} else {
			int32_t sh = (int32_t)le32(p + 22);

			*w = (long)(int32_t)le32(p + 18);
			*h = sh < 0 ? -(long)sh : sh; /* negative: top-down */
		}
		return *w > 0;
	}
	default: {
#ifdef HAVE_OCR
		return bx_ocr_header(p, n, w, h);
#else
		return false;
#endif
	}
	}
}

/* ---- metadata ------------------------------------------------------------------------------ */

struct meta {
	struct bx_doc *doc;
	int status;
};

static void
meta_unit(struct meta *m, const char *where, const char *text, size_t len)
{
	struct bx_unit u;

	while (len && (text[len - 1] == '\0' || text[len - 1] == ' '))
		len--;
	if (len == 0)
		return;
	bx_unit_init(&u, "metadata");
	u.where = where;
	u.text = text;
	u.len = len;
	u.flags = BX_UNIT_WHOLE;
	m->status = bx_worst(m->status, bx_doc_unit(m->doc, &u));
}

/* Latin-1 bytes (PNG tEXt) as UTF-8. */
static void
latin1_unit(struct meta *m, const char *where, const unsigned char *p, size_t n)
{
	struct bx_buf b;

	bx_buf_init(&b, 2 * META_MAX);
	for (size_t i = 0; i < n && i < META_MAX; i++) {
		if (p[i] < 0x80)
			bx_buf_addc(&b, (char)p[i]);
		else {
			bx_buf_addc(&b, (char)(0xC0 | p[i] >> 6));
			bx_buf_addc(&b, (char)(0x80 | (p[i] & 0x3F)));
		}
	}
	meta_unit(m, where, bx_buf_str(&b), b.len);
	bx_buf_free(&b);
}

/* UTF-16LE bytes (EXIF XPComment) as UTF-8. */
static void
utf16le_unit(struct meta *m, const char *where, const unsigned char *p, size_t n)
{
	struct bx_buf b;

	bx_buf_init(&b, 4 * META_MAX);
	for (size_t i = 0; i + 1 < n && i < META_MAX; i += 2) {
		uint32_t c = le16(p + i);

		if (c >= 0xD800 && c <= 0xDBFF && i + 3 < n) {
			uint32_t d = le16(p + i + 2);

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
	meta_unit(m, where, bx_buf_str(&b), b.len);
	bx_buf_free(&b);
}

/* zlib stream, capped (PNG zTXt and compressed iTXt). */
static bool
inflate_capped(const unsigned char *p, size_t n, struct bx_buf *out)
{
	z_stream z;
	unsigned char buf[16384];
	int r;

	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		return false;
	z.next_in = (Bytef *)(uintptr_t)p;
	z.avail_in = (uInt)(n > UINT32_MAX ? UINT32_MAX : n);
	do {
		z.next_out = buf;
		z.avail_out = sizeof(buf);
		r = inflate(&z, Z_NO_FLUSH);
		if (r != Z_OK && r != Z_STREAM_END)
			break;
		if (bx_buf_add(out, buf, sizeof(buf) - z.avail_out) != BILEX_OK)
			break; /* the cap: a compressed text bomb stops here */
	} while (r != Z_STREAM_END);
	inflateEnd(&z);
	return out->len > 0;
}

static void
png_meta(struct meta *m, const unsigned char *p, size_t n)
{
	size_t i = 8;
	int count = 0;

	while (i + 12 <= n && count++ < 10000) {
		uint32_t len = be32(p + i);
		const unsigned char *type = p + i + 4, *d = p + i + 8;
		char where[128];
		size_t kl;

		if (len > n - i - 12)
			break;
		if (memcmp(type, "IEND", 4) == 0)
			break;
		if (memcmp(type, "tEXt", 4) == 0 || memcmp(type, "zTXt", 4) == 0 ||
		    memcmp(type, "iTXt", 4) == 0) {
			for (kl = 0; kl < len && kl < 80 && d[kl]; kl++)
				;
			if (kl < len) {
				snprintf(where, sizeof(where), "png %.4s %.*s", (const char *)type, (int)kl,
				    (const char *)d);
				if (type[0] == 't') {
					latin1_unit(m, where, d + kl + 1, len - kl - 1);
				} else if (type[0] == 'z' && kl + 2 <= len) {
					struct bx_buf b;

					bx_buf_init(&b, META_MAX);
					if (inflate_capped(d + kl + 2, len - kl - 2, &b))
						latin1_unit(m, where, (const unsigned char *)b.data, b.len);
					bx_buf_free(&b);
				} else if (type[0] == 'i' && kl + 3 <= len) {
					/* keyword\0 flag method language\0 translated keyword\0 text (UTF-8) */
					size_t j = kl + 3;
					bool compressed = d[kl + 1] != 0;

					while (j < len && d[j])
						j++;
					j++;
					while (j < len && d[j])
						j++;
					j++;
					if (j <= len) {
						struct bx_buf b;

						bx_buf_init(&b, META_MAX);
						if (!compressed)
							bx_buf_add(&b, d + j, len - j > META_MAX ? META_MAX : len - j);
						else
							inflate_capped(d + j, len - j, &b);
						meta_unit(m, where, bx_buf_str(&b), b.len);
						bx_buf_free(&b);
					}
				}
			}
		}
		i += 12u + len;
	}
}

/* EXIF (a TIFF structure): IFD0 ImageDescription and XP tags, the Exif IFD's UserComment. */
static void
exif_ifd(struct meta *m, const unsigned char *t, size_t n, uint32_t off, bool le, int depth)
{
	uint16_t count;

	if (depth > 2 || off < 8 || off > n - 2)
		return;
	count = le ? le16(t + off) : be16(t + off);
	for (uint16_t k = 0; k < count && k < 512; k++) {
		size_t e = off + 2 + 12u * k;
		uint16_t tag, type;
		uint32_t cnt, val, size;
		const unsigned char *d;

		if (e + 12 > n)
			break;
		tag = le ? le16(t + e) : be16(t + e);
		type = le ? le16(t + e + 2) : be16(t + e + 2);
		cnt = le ? le32(t + e + 4) : be32(t + e + 4);
		val = le ? le32(t + e + 8) : be32(t + e + 8);
		size = (type == 2 || type == 1 || type == 7) ? cnt : 0;
		if (tag == 0x8769 && depth == 0) { /* Exif IFD */
			exif_ifd(m, t, n, val, le, depth + 1);
			continue;
		}
		if (size == 0 || size > n)
			continue;
		d = size <= 4 ? t + e + 8 : (val <= n - size ? t + val : NULL);
		if (d == NULL)
			continue;
		if (tag == 0x010E)
			meta_unit(m, "exif ImageDescription", (const char *)d, size);
		else if (tag == 0x9C9C)
			utf16le_unit(m, "exif XPComment", d, size);
		else if (tag == 0x9C9B)
			utf16le_unit(m, "exif XPTitle", d, size);
		else if (tag == 0x9C9F)
			utf16le_unit(m, "exif XPSubject", d, size);
		else if (tag == 0x9286 && size > 8) {
			/* 8 bytes name the character code */
			if (memcmp(d, "UNICODE\0", 8) == 0)
				utf16le_unit(m, "exif UserComment", d + 8, size - 8);
			else
				meta_unit(m, "exif UserComment", (const char *)d + 8, size - 8);
		}
	}
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
		meta_unit(x->m, x->in == 1 ? "xmp dc:title" : "xmp dc:description", bx_buf_str(&x->t),
		    x->t.len);
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

static void
jpeg_meta(struct meta *m, const unsigned char *p, size_t n)
{
	size_t i = 2;

	while (i + 4 <= n && p[i] == 0xFF) {
		uint8_t marker = p[i + 1];
		uint16_t len = be16(p + i + 2);
		const unsigned char *d = p + i + 4;

		if (marker == 0xD9 || marker == 0xDA || len < 2 || i + 2 + len > n)
			break; /* end of image or start of scan: no metadata after */
		if (marker == 0xFE) {
			meta_unit(m, "jpeg COM", (const char *)d, len - 2u);
		} else if (marker == 0xE1 && len >= 8 && memcmp(d, "Exif\0\0", 6) == 0) {
			const unsigned char *t = d + 6;
			size_t tn = len - 8u;

			if (tn >= 8 && (memcmp(t, "II*\0", 4) == 0 || memcmp(t, "MM\0*", 4) == 0)) {
				bool le = t[0] == 'I';

				exif_ifd(m, t, tn, le ? le32(t + 4) : be32(t + 4), le, 0);
			}
		} else if (marker == 0xE1 && len > 31 &&
		    memcmp(d, "http://ns.adobe.com/xap/1.0/\0", 29) == 0) {
			struct xmp_ctx x;
			struct bx_xml_handler h = { &x, xmp_start, xmp_end, xmp_text };

			memset(&x, 0, sizeof(x));
			x.m = m;
			bx_buf_init(&x.t, META_MAX);
			/* XMP has no business with a DTD: rejected like OOXML's */
			bx_xml_parse_mem(m->doc, "xmp", d + 29, len - 31u, BX_XML_NO_DTD, &h);
			bx_buf_free(&x.t);
		}
		i += 2u + len;
	}
}

/* ---- the extractor --------------------------------------------------------------------------- */

static int
image_extract(struct bx_doc *doc, struct bx_input *in)
{
	int bits;
	enum imgfmt f = sniff(in->data, in->size, &bits);
	struct meta m = { doc, BILEX_OK };
	long w, h, frames;
	int64_t side = bx_doc_limit(doc, BILEX_LIMIT_IMAGE_SIDE);
	int64_t pixels = bx_doc_limit(doc, BILEX_LIMIT_IMAGE_PIXELS);

	bx_doc_set_format(doc, fmt_names[f]);
	if (!dimensions(f, in->data, in->size, &w, &h, &frames))
		return bx_doc_error(doc, BILEX_FAILED, BILEX_E_CORRUPT, "unreadable %s header",
		    fmt_names[f]);
	if (w <= 0 || h <= 0 || w > side || h > side || (int64_t)w * h > pixels)
		return bx_doc_error(doc, BILEX_FAILED, BILEX_E_LIMIT_PIXELS,
		    "%ld x %ld pixels: over the image limits (%lld a side, %lld in all)", w, h,
		    (long long)side, (long long)pixels);
	if (f == IMG_PNG)
		png_meta(&m, in->data, in->size);
	else if (f == IMG_JPEG)
		jpeg_meta(&m, in->data, in->size);
	if (m.status == BILEX_FATAL)
		return m.status;
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

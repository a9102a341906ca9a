/*
 * cfb.c - OLE2 Compound File Binary (MS-CFB): a file system inside a file, used by HWP 5,
 * password-protected OOXML and the legacy Office formats.
 *
 * The directory reader here is small and defensive: every sector index is checked against
 * the sectors the file really has, every chain is followed with a visited bitmap (a cycle is
 * `corrupt`, never a hang), chain lengths are capped by the declared stream size and the file
 * size, and the directory tree is walked iteratively with each entry visited once.
 *
 * What the streams say decides the format:
 *  - EncryptedPackage (+ EncryptionInfo): a .docx/.xlsx/.pptx saved with a password (ECMA-376
 *    Part 2 / MS-OFFCRYPTO).  Recorded as `encrypted`, format "ooxml-encrypted"; never guessed.
 *  - FileHeader starting "HWP Document File": HWP 5.  A password or DRM bit is `encrypted`;
 *    otherwise BodyText/Section0..N are read: raw-deflate streams when the FileHeader says
 *    compressed, holding records whose 32-bit header packs tag (10 bits), level (10 bits) and
 *    size (12 bits, 0xFFF = a 32-bit size follows).  HWPTAG_PARA_TEXT (67) is UTF-16LE with
 *    inline control codes 0..31: 0, 10, 13 and 24..31 take one unit, the others (extended
 *    and inline controls: section and column definitions, fields, tables, drawings, notes,
 *    tabs ...) take eight.  The control that owns a nested paragraph (CTRL_HEADER 'tbl ',
 *    'head', 'foot', 'fn  ', 'en  ', 'tcmt') gives its kind; a table cell's LIST_HEADER gives
 *    its address.  The PrvText stream (a UTF-16LE preview) is read only when no section can be.
 *  - WordDocument, Workbook/Book, PowerPoint Document: legacy .doc/.xls/.ppt: `unsupported`
 *    (or `encrypted` when their own flags say so).
 *  - \005SummaryInformation and \005HwpSummaryInformation (OLE property sets) give title,
 *    author and dates in every case: kind metadata and the document's author and date.
 */
#include "extract.h"
#include "../lang/lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

static const unsigned char CFB_MAGIC[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

#define MAXREGSECT 0xFFFFFFFAu
#define ENDOFCHAIN 0xFFFFFFFEu
#define FREESECT 0xFFFFFFFFu
#define NOSTREAM 0xFFFFFFFFu

#define MAX_ENTRIES 65536u       /* directory entries read */
#define MAX_SECTIONS 1000
#define MAX_LEVEL 64             /* HWP record nesting kept track of */
#define TEXT_UNITS (8u << 20)    /* UTF-16 units of one paragraph */

/* ---- little-endian reads ------------------------------------------------------------------ */

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t
le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* ---- the compound file ---------------------------------------------------------------------- */

struct cfb_ent {
	char name[100];          /* UTF-8 */
	uint8_t type;            /* 1 storage, 2 stream, 5 root */
	uint32_t left, right, child, start;
	uint64_t size;
	int32_t parent;          /* storage holding it; -1 for the root and for unreached ones */
};

struct cfb {
	const unsigned char *p;
	size_t n;
	unsigned shift, ssz, mshift, msz;
	uint32_t cutoff;
	uint32_t nsec;           /* sectors the file has (a short last one counts) */
	uint32_t *fat, nfat;
	uint32_t *mfat, nmfat;
	struct cfb_ent *e;
	uint32_t ne;
	unsigned char *mini;     /* the mini stream */
	size_t nmini;
	bool damaged;            /* something was repaired or left out */
	char why[160];
};

static void
damage(struct cfb *c, const char *why)
{
	if (!c->damaged)
		snprintf(c->why, sizeof(c->why), "%s", why);
	c->damaged = true;
}

/* Sector s as a pointer and the bytes of it present; NULL past the end. */
static const unsigned char *
sector(const struct cfb *c, uint32_t s, size_t *avail)
{
	uint64_t off;

	if (s >= c->nsec)
		return NULL;
	off = ((uint64_t)s + 1) << c->shift;
	if (off >= c->n)
		return NULL;
	*avail = c->n - off < c->ssz ? (size_t)(c->n - off) : c->ssz;
	return c->p + off;
}

/* Follows a chain from START in FAT (n entries) collecting up to WANT bytes of units of SZ
 * bytes, taken by GET.  Returns 0, or -1 when out of memory; a broken chain, a cycle or a
 * short read only marks the file damaged and keeps what was read. */
static int
read_chain(struct cfb *c, const uint32_t *fat, uint32_t nfat, uint32_t start, uint64_t want,
    bool mini, unsigned char **out, size_t *len)
{
	size_t sz = mini ? c->msz : c->ssz;
	uint32_t limit = mini ? (uint32_t)(c->nmini / c->msz) : c->nsec;
	unsigned char *seen, *buf;
	uint32_t s = start;
	size_t got = 0;

	*out = NULL;
	*len = 0;
	if (want == 0)
		return 0;
	if (limit > nfat)
		limit = nfat;
	/* a chain can never be longer than the sectors that exist */
	if (want > (uint64_t)limit * sz)
		want = (uint64_t)limit * sz;
	if (want == 0) {
		damage(c, "a stream starts outside the file");
		return 0;
	}
	seen = calloc((size_t)limit / 8 + 1, 1);
	buf = malloc((size_t)want + 1);
	if (seen == NULL || buf == NULL) {
		free(seen);
		free(buf);
		return -1;
	}
	while (got < want) {
		const unsigned char *src;
		size_t avail, k;

		if (s == ENDOFCHAIN)
			break;
		if (s >= limit) {
			damage(c, "a sector chain points outside the file");
			break;
		}
		if (seen[s / 8] & (1u << (s % 8))) {
			damage(c, "a sector chain loops");
			break;
		}
		seen[s / 8] |= (unsigned char)(1u << (s % 8));
		if (mini) {
			src = c->mini + (size_t)s * sz;
			avail = sz;
		} else if ((src = sector(c, s, &avail)) == NULL) {
			damage(c, "a sector lies past the end of the file");
			break;
		}
		k = want - got < avail ? (size_t)(want - got) : avail;
		memcpy(buf + got, src, k);
		got += k;
		if (avail < sz && got < want) {
			damage(c, "the file ends inside a stream");
			break;
		}
		s = fat[s];
	}
	free(seen);
	if (got < want && s != ENDOFCHAIN)
		damage(c, "a stream is shorter than its size says");
	buf[got] = '\0';
	*out = buf;
	*len = got;
	return 0;
}

static void
utf16_name(const unsigned char *p, size_t units, char *out, size_t cap)
{
	size_t o = 0;

	for (size_t i = 0; i < units; i++) {
		uint32_t u = le16(p + 2 * i);

		if (u == 0)
			break;
		if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units && le16(p + 2 * i + 2) >= 0xDC00 &&
		    le16(p + 2 * i + 2) <= 0xDFFF) {
			u = 0x10000 + ((u - 0xD800) << 10) + (le16(p + 2 * i + 2) - 0xDC00);
			i++;
		} else if (u >= 0xD800 && u <= 0xDFFF) {
			u = 0xFFFD;
		}
		if (u < 0x80 && o + 1 < cap) {
			/* controls stay as they are: "\005SummaryInformation" is looked up so */
			out[o++] = (char)u;
		} else if (u < 0x800 && o + 2 < cap) {
			out[o++] = (char)(0xC0 | u >> 6);
			out[o++] = (char)(0x80 | (u & 0x3F));
		} else if (u < 0x10000 && o + 3 < cap) {
			out[o++] = (char)(0xE0 | u >> 12);
			out[o++] = (char)(0x80 | (u >> 6 & 0x3F));
			out[o++] = (char)(0x80 | (u & 0x3F));
		} else if (u >= 0x10000 && o + 4 < cap) {
			out[o++] = (char)(0xF0 | u >> 18);
			out[o++] = (char)(0x80 | (u >> 12 & 0x3F));
			out[o++] = (char)(0x80 | (u >> 6 & 0x3F));
			out[o++] = (char)(0x80 | (u & 0x3F));
		} else {
			break;
		}
	}
	out[o] = '\0';
}

/* Links every entry reachable from the root to its storage; each entry is visited once. */
static int
link_tree(struct cfb *c)
{
	uint32_t *stack = malloc((size_t)c->ne * 2 * sizeof(*stack));
	unsigned char *seen = calloc((size_t)c->ne / 8 + 1, 1);
	size_t sp = 0;

	if (stack == NULL || seen == NULL) {
		free(stack);
		free(seen);
		return -1;
	}
	/* an entry is marked when pushed, so each is pushed once and the stack cannot overflow */
	seen[0] = 1;
	if (c->e[0].child < c->ne && c->e[0].child != 0) {
		stack[sp++] = c->e[0].child;
		stack[sp++] = 0;
		seen[c->e[0].child / 8] |= (unsigned char)(1u << (c->e[0].child % 8));
	}
	while (sp > 0) {
		uint32_t parent = stack[--sp], i = stack[--sp];
		struct cfb_ent *e;
		uint32_t next[3];

		e = &c->e[i];
		if (e->type != 1 && e->type != 2)
			continue;
		e->parent = (int32_t)parent;
		next[0] = e->left;
		next[1] = e->right;
		next[2] = e->type == 1 ? e->child : NOSTREAM;
		for (int k = 0; k < 3; k++) {
			if (next[k] >= c->ne)
				continue;
			if (seen[next[k] / 8] & (1u << (next[k] % 8))) {
				damage(c, "the directory tree loops");
				continue;
			}
			seen[next[k] / 8] |= (unsigned char)(1u << (next[k] % 8));
			stack[sp++] = next[k];
			stack[sp++] = k == 2 ? i : parent;
		}
	}
	free(stack);
	free(seen);
	return 0;
}

static void
cfb_free(struct cfb *c)
{
	free(c->fat);
	free(c->mfat);
	free(c->e);
	free(c->mini);
	memset(c, 0, sizeof(*c));
}

/* Reads header, FAT, directory and mini stream.  Returns 0; 1 when this is not a compound
 * file that can be read (c->why says why); -1 when out of memory. */
static int
cfb_open(struct cfb *c, const unsigned char *p, size_t n)
{
	const unsigned char *h = p;
	uint32_t nfatsec, ndifat, difat, dir, mfat_start, nmfat_sec;
	uint32_t *fatsecs = NULL, nfs = 0;
	unsigned char *buf;
	size_t len;

	memset(c, 0, sizeof(*c));
	c->p = p;
	c->n = n;
	if (n < 512 || memcmp(h, CFB_MAGIC, 8) != 0) {
		snprintf(c->why, sizeof(c->why), "shorter than a compound file header");
		return 1;
	}
	c->shift = le16(h + 30);
	c->mshift = le16(h + 32);
	if ((c->shift != 9 && c->shift != 12) || c->mshift != 6) {
		snprintf(c->why, sizeof(c->why), "sector sizes 2^%u / 2^%u are not those of MS-CFB",
		    c->shift, c->mshift);
		return 1;
	}
	c->ssz = 1u << c->shift;
	c->msz = 1u << c->mshift;
	c->cutoff = le32(h + 56);
	if (c->cutoff != 4096)
		damage(c, "the mini stream cutoff is not 4096");
	c->cutoff = 4096;
	if (n <= c->ssz) {
		snprintf(c->why, sizeof(c->why), "no sector after the header");
		return 1;
	}
	c->nsec = (uint32_t)BX_MIN((uint64_t)(n - c->ssz + c->ssz - 1) / c->ssz,
	    (uint64_t)MAXREGSECT);
	nfatsec = le32(h + 44);
	dir = le32(h + 48);
	mfat_start = le32(h + 60);
	nmfat_sec = le32(h + 64);
	difat = le32(h + 68);
	ndifat = le32(h + 72);
	/* the FAT's own sectors: 109 in the header, then the DIFAT chain */
	if (nfatsec > c->nsec) {
		damage(c, "more FAT sectors declared than the file has");
		nfatsec = c->nsec;
	}
	fatsecs = malloc(((size_t)nfatsec + 1) * sizeof(*fatsecs));
	if (fatsecs == NULL)
		return -1;
	for (uint32_t i = 0; i < 109 && nfs < nfatsec; i++)
		fatsecs[nfs++] = le32(h + 76 + 4 * i);
	{
		unsigned char *seen = calloc((size_t)c->nsec / 8 + 1, 1);

		if (seen == NULL) {
			free(fatsecs);
			return -1;
		}
		/* the declared count of DIFAT sectors is not trusted: the bitmap ends the walk */
		(void)ndifat;
		while (nfs < nfatsec && difat < c->nsec) {
			const unsigned char *d;
			size_t avail;

			if (seen[difat / 8] & (1u << (difat % 8))) {
				damage(c, "the DIFAT chain loops");
				break;
			}
			seen[difat / 8] |= (unsigned char)(1u << (difat % 8));
			if ((d = sector(c, difat, &avail)) == NULL || avail < c->ssz)
				break;
			for (uint32_t i = 0; i < c->ssz / 4 - 1 && nfs < nfatsec; i++)
				fatsecs[nfs++] = le32(d + 4 * i);
			difat = le32(d + c->ssz - 4);
		}
		free(seen);
	}
	if (nfs < nfatsec)
		damage(c, "the DIFAT lists fewer FAT sectors than declared");
	c->nfat = (uint32_t)BX_MIN((uint64_t)nfs * (c->ssz / 4), (uint64_t)c->nsec);
	c->fat = malloc(((size_t)c->nfat + 1) * sizeof(*c->fat));
	if (c->fat == NULL) {
		free(fatsecs);
		return -1;
	}
	for (uint32_t i = 0; i < c->nfat; i++)
		c->fat[i] = FREESECT;
	for (uint32_t k = 0; k < nfs; k++) {
		const unsigned char *d;
		size_t avail;

		if ((d = sector(c, fatsecs[k], &avail)) == NULL) {
			damage(c, "a FAT sector lies outside the file");
			continue;
		}
		for (uint32_t i = 0; i < avail / 4; i++) {
			uint64_t at = (uint64_t)k * (c->ssz / 4) + i;

			if (at < c->nfat)
				c->fat[at] = le32(d + 4 * i);
		}
	}
	free(fatsecs);
	/* the directory */
	if (read_chain(c, c->fat, c->nfat, dir, (uint64_t)MAX_ENTRIES * 128, false, &buf, &len) < 0)
		return -1;
	c->ne = (uint32_t)(len / 128);
	if (c->ne == 0) {
		free(buf);
		snprintf(c->why, sizeof(c->why), "no directory");
		return 1;
	}
	c->e = calloc(c->ne, sizeof(*c->e));
	if (c->e == NULL) {
		free(buf);
		return -1;
	}
	for (uint32_t i = 0; i < c->ne; i++) {
		const unsigned char *d = buf + (size_t)i * 128;
		struct cfb_ent *e = &c->e[i];
		unsigned nl = le16(d + 64);

		utf16_name(d, nl >= 2 && nl <= 64 ? nl / 2 : 32, e->name, sizeof(e->name));
		e->type = d[66];
		e->left = le32(d + 68);
		e->right = le32(d + 72);
		e->child = le32(d + 76);
		e->start = le32(d + 116);
		e->size = le64(d + 120);
		/* version 3 files may carry junk in the high half */
		if (c->shift == 9)
			e->size &= 0xFFFFFFFFu;
		e->parent = -1;
	}
	free(buf);
	if (c->e[0].type != 5) {
		snprintf(c->why, sizeof(c->why), "the first directory entry is not the root");
		return 1;
	}
	if (link_tree(c) < 0)
		return -1;
	/* the mini stream (in the root's chain) and its FAT */
	if (read_chain(c, c->fat, c->nfat, c->e[0].start, c->e[0].size, false, &c->mini,
	    &c->nmini) < 0)
		return -1;
	if (nmfat_sec > c->nsec)
		nmfat_sec = c->nsec;
	if (read_chain(c, c->fat, c->nfat, mfat_start, (uint64_t)nmfat_sec * c->ssz, false, &buf,
	    &len) < 0)
		return -1;
	c->nmfat = (uint32_t)(len / 4);
	c->mfat = malloc(((size_t)c->nmfat + 1) * sizeof(*c->mfat));
	if (c->mfat == NULL) {
		free(buf);
		return -1;
	}
	for (uint32_t i = 0; i < c->nmfat; i++)
		c->mfat[i] = le32(buf + 4 * (size_t)i);
	free(buf);
	return 0;
}

/* Entry named NAME (case-insensitive, as MS-CFB compares) in storage PARENT, or -1. */
static int32_t
cfb_find(const struct cfb *c, int32_t parent, const char *name)
{
	for (uint32_t i = 1; i < c->ne; i++)
		if (c->e[i].parent == parent && strcasecmp(c->e[i].name, name) == 0)
			return (int32_t)i;
	return -1;
}

/* The first WANT bytes of stream i (all of it when shorter); 0, or -1 when out of memory. */
static int
cfb_head(struct cfb *c, int32_t i, uint64_t want, unsigned char **out, size_t *len)
{
	const struct cfb_ent *e = &c->e[i];

	*out = NULL;
	*len = 0;
	if (e->type != 2)
		return 0;
	if (want > e->size)
		want = e->size;
	if (e->size < c->cutoff)
		return read_chain(c, c->mfat, c->nmfat, e->start, want, true, out, len);
	return read_chain(c, c->fat, c->nfat, e->start, want, false, out, len);
}

/* The bytes of stream i (at most cap); returns 0, 1 when larger than cap, -1 on OOM. */
static int
cfb_read(struct cfb *c, int32_t i, uint64_t cap, unsigned char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	if (c->e[i].size > cap)
		return 1;
	return cfb_head(c, i, cap, out, len);
}

/* ---- inflating (HWP 5 streams are raw deflate) --------------------------------------------- */

/* Inflates in[0..n) into *out; returns BILEX_OK, BILEX_WARN (truncated or damaged: what came
 * out is kept) or BILEX_FAILED, with an error record naming WHAT.  QUIET: any damage is
 * BILEX_FAILED without a record (a picture that may have been stored as is). */
static int
inflate_raw(struct bx_doc *doc, const char *what, const unsigned char *in, size_t n,
    bool quiet, unsigned char **out, size_t *outlen)
{
	uint64_t cap = (uint64_t)bx_doc_limit(doc, BILEX_LIMIT_MEMBER_BYTES);
	uint64_t ratio = (uint64_t)bx_doc_limit(doc, BILEX_LIMIT_RATIO);
	uint64_t left = bx_doc_budget_left(doc);
	z_stream z;
	unsigned char *buf = NULL;
	size_t size = 0, len = 0;
	int zr = Z_OK, st = BILEX_OK;

	*out = NULL;
	*outlen = 0;
	if (left < cap)
		cap = left;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, -15) != Z_OK)
		return bx_doc_error(doc, BILEX_FATAL, BILEX_E_NOMEM, "out of memory (zlib)");
	z.next_in = (Bytef *)(uintptr_t)in;
	while (zr != Z_STREAM_END) {
		size_t chunk = n - (size_t)((const unsigned char *)z.next_in - in);

		z.avail_in = chunk > (1u << 30) ? 1u << 30 : (uInt)chunk;
		if (len == size) {
			size_t want = size ? size * 2 : 65536;
			unsigned char *nb;

			if (want > cap + 1)
				want = (size_t)cap + 1;
			if (want <= size) {
				st = bx_doc_error(doc, BILEX_FAILED, BILEX_E_LIMIT_BYTES,
				    "%s inflates past the member-bytes limit or the input's budget",
				    what);
				break;
			}
			if ((nb = realloc(buf, want)) == NULL) {
				st = bx_doc_error(doc, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
				break;
			}
			buf = nb;
			size = want;
		}
		z.next_out = buf + len;
		z.avail_out = (uInt)BX_MIN(size - len, (size_t)1 << 30);
		zr = inflate(&z, Z_NO_FLUSH);
		len = (size_t)((unsigned char *)z.next_out - buf);
		if (len > (1u << 20) && ratio > 0 && len / (n ? n : 1) > ratio) {
			st = bx_doc_error(doc, BILEX_FAILED, BILEX_E_ZIP_BOMB,
			    "%s expands more than %llu times", what, (unsigned long long)ratio);
			break;
		}
		if (zr == Z_STREAM_END)
			break;
		if ((zr == Z_BUF_ERROR && z.avail_in == 0) || (zr != Z_OK && zr != Z_BUF_ERROR)) {
			st = quiet ? BILEX_FAILED : bx_doc_error(doc, BILEX_WARN, BILEX_E_CORRUPT,
			    zr == Z_BUF_ERROR ? "%s is cut short" : "%s: deflate data damaged", what);
			break;
		}
	}
	inflateEnd(&z);
	if (st <= BILEX_FAILED) {
		free(buf);
		return st;
	}
	if (bx_doc_charge(doc, len) != BILEX_OK) {
		free(buf);
		return BILEX_FAILED;
	}
	*out = buf;
	*outlen = len;
	return st;
}

/* ---- units ---------------------------------------------------------------------------------- */

struct cx {
	struct bx_doc *doc;
	struct cfb cfb;
	int status;
	char author[512], modifier[512], created[40], modified[40];
};

static void
emit16(struct cx *x, const char *kind, const char *where, const UChar *s, int32_t n,
    int64_t line, int64_t col, unsigned flags)
{
	struct bx_unit u;
	int32_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	if (i == n)
		return;
	bx_unit_init(&u, kind);
	u.where = where;
	u.text16 = s;
	u.len16 = n;
	u.block = line;
	u.line = line;
	u.col = col;
	u.flags = flags;
	x->status = bx_worst(x->status, bx_doc_unit(x->doc, &u));
}

/* ---- OLE property sets: title, author, dates ------------------------------------------------- */

static void
filetime_iso(uint64_t ft, char out[40])
{
	out[0] = '\0';
	/* 1601-01-01 .. 9999: anything else is not a time someone saved a file */
	if (ft < 116444736000000000ull || ft > 2650467743990000000ull)
		return;
	bx_iso8601((int64_t)(ft / 10000000u) - 11644473600ll, out);
}

static const char *
codepage_name(unsigned cp)
{
	switch (cp) {
	case 949: return "windows-949";
	case 936: return "GBK";
	case 950: return "Big5";
	case 932: return "Shift_JIS";
	case 1252: return "windows-1252";
	case 65001: return "UTF-8";
	default: return NULL;
	}
}

static void
prop_unit(struct cx *x, unsigned pid, const UChar *s, int32_t n)
{
	static const char *const names[] = { NULL, NULL, "title", "subject", "author", "keywords",
		"comments", NULL, "lastauthor" };
	char where[48];
	int32_t k = n;

	while (k > 0 && s[k - 1] == 0)
		k--;
	if (pid >= BX_ARRAY_LEN(names) || names[pid] == NULL || k == 0)
		return;
	snprintf(where, sizeof(where), "property %s", names[pid]);
	/* the document's author and last author, in UTF-8 for the pairs */
	if (pid == 4 || pid == 8) {
		char *dst = pid == 4 ? x->author : x->modifier;
		size_t o = 0;

		for (int32_t i = 0; i < k && o + 4 < 512; i++) {
			UChar u = s[i];

			if (u < 0x80) {
				dst[o++] = (char)u;
			} else if (u < 0x800) {
				dst[o++] = (char)(0xC0 | u >> 6);
				dst[o++] = (char)(0x80 | (u & 0x3F));
			} else if (u < 0xD800 || u > 0xDFFF) {
				dst[o++] = (char)(0xE0 | u >> 12);
				dst[o++] = (char)(0x80 | (u >> 6 & 0x3F));
				dst[o++] = (char)(0x80 | (u & 0x3F));
			}
		}
		dst[o] = '\0';
	}
	emit16(x, "metadata", where, s, k, -1, -1, BX_UNIT_WHOLE);
}

static void
read_props(struct cx *x, const char *stream)
{
	int32_t i = cfb_find(&x->cfb, 0, stream);
	unsigned char *p = NULL;
	size_t n = 0;
	uint32_t off, size, count;
	unsigned cp = 1252;
	struct bx_lang *L;

	if (i < 0 || cfb_read(&x->cfb, i, 1u << 20, &p, &n) != 0 || n < 48)
		goto out;
	off = le32(p + 44);
	if (le16(p) != 0xFFFE || off > n || n - off < 8)
		goto out;
	size = le32(p + off);
	count = le32(p + off + 4);
	if (size > n - off)
		size = (uint32_t)(n - off);
	if (size < 8)
		goto out;
	if (count > (size - 8) / 8)
		count = (size - 8) / 8;
	/* the code page first: it says how VT_LPSTR strings are written */
	for (uint32_t k = 0; k < count; k++) {
		uint32_t pid = le32(p + off + 8 + 8 * k), po = le32(p + off + 12 + 8 * k);

		if (pid == 1 && po <= size - 6 && le16(p + off + po) == 2)
			cp = le16(p + off + po + 4);
	}
	L = bx_doc_lang(x->doc);
	for (uint32_t k = 0; k < count && x->status != BILEX_FATAL; k++) {
		uint32_t pid = le32(p + off + 8 + 8 * k), po = le32(p + off + 12 + 8 * k);
		const unsigned char *v;
		uint32_t type, len;

		if (po > size - 8)
			continue;
		v = p + off + po;
		type = le16(v);
		if (type == 0x40 && (pid == 12 || pid == 13) && po <= size - 12) {
			filetime_iso(le64(v + 4), pid == 12 ? x->created : x->modified);
			continue;
		}
		len = le32(v + 4);
		if (type == 0x1F && len <= (size - po - 8) / 2) {
			UChar *s = malloc(((size_t)len + 1) * sizeof(*s));

			if (s == NULL)
				break;
			for (uint32_t j = 0; j < len; j++)
				s[j] = le16(v + 8 + 2 * j);
			prop_unit(x, pid, s, (int32_t)len);
			free(s);
		} else if (type == 0x1E && len <= size - po - 8 && L) {
			struct bx_decoder *d = NULL;
			UChar *s = NULL;
			int32_t sn = 0, scap = 0;
			const char *name = cp == 1200 ? "UTF-16LE" : codepage_name(cp);

			if (name && bx_decoder_open(L, name, &d) == BILEX_OK) {
				if (bx_decoder_run(d, v + 8, len, true, &s, &sn, &scap, 1 << 16) ==
				    BILEX_OK)
					prop_unit(x, pid, s, sn);
				bx_decoder_close(d);
			}
			free(s);
		}
	}
out:
	free(p);
	bx_doc_set_meta(x->doc, x->author[0] ? x->author : x->modifier[0] ? x->modifier : NULL,
	    x->modified[0] ? x->modified : x->created[0] ? x->created : NULL);
}

/* ---- HWP 5 ----------------------------------------------------------------------------------- */

#define HWP_PARA_HEADER 66
#define HWP_PARA_TEXT 67
#define HWP_CTRL_HEADER 71
#define HWP_LIST_HEADER 72
#define HWP_TABLE 77

#define CHID(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (d))

struct hwp_sec {
	struct cx *x;
	long no;                 /* 1-based section number */
	long para;               /* top-level paragraphs */
	long paras;              /* paragraphs of any level, in all sections */
	long tables, footnotes, endnotes, comments;
	uint32_t ctrl[MAX_LEVEL];        /* control id of a CTRL_HEADER at each level */
	long ctrl_no[MAX_LEVEL];         /* its number (table 2, footnote 3) */
	long cell_col[MAX_LEVEL], cell_row[MAX_LEVEL];
	long row_base[MAX_LEVEL], row_span[MAX_LEVEL];  /* of the table whose control is there */
	long rows;                       /* row ids handed out, through all sections */
	int para_level;                  /* level of the last PARA_HEADER */
	UChar *u16;
	size_t cap16;
};

/* Text of a PARA_TEXT record without its control codes. */
static int32_t
para_text(struct hwp_sec *s, const unsigned char *p, size_t n)
{
	size_t units = n / 2, o = 0;

	if (units > TEXT_UNITS)
		units = TEXT_UNITS;
	if (units + 1 > s->cap16) {
		UChar *nu = realloc(s->u16, (units + 1) * sizeof(*nu));

		if (nu == NULL)
			return -1;
		s->u16 = nu;
		s->cap16 = units + 1;
	}
	for (size_t i = 0; i < units;) {
		UChar c = le16(p + 2 * i);

		if (c >= 32) {
			s->u16[o++] = c;
			i++;
			continue;
		}
		switch (c) {
		case 10:                          /* line break */
			s->u16[o++] = '\n';
			i++;
			break;
		case 13:                          /* end of the paragraph */
			i = units;
			break;
		case 24:                          /* hyphen */
			s->u16[o++] = '-';
			i++;
			break;
		case 30: case 31:                 /* keep-together and fixed-width spaces */
			s->u16[o++] = ' ';
			i++;
			break;
		case 0: case 25: case 26: case 27: case 28: case 29:
			i++;                      /* one unit, no text */
			break;
		case 9:                           /* tab: an inline control of eight units */
			s->u16[o++] = '\t';
			i += 8;
			break;
		default:                          /* extended and inline controls */
			i += 8;
			break;
		}
	}
	return (int32_t)o;
}

/* Kind and place of a paragraph at LEVEL: the control that owns it, or the body. */
static const char *
para_place(struct hwp_sec *s, int level, char *where, size_t len, int64_t *line, int64_t *col)
{
	*line = *col = -1;
	for (int l = level - 1; l >= 0; l--) {
		uint32_t id;

		if (l >= MAX_LEVEL || s->ctrl[l] == 0)
			continue;
		id = s->ctrl[l];
		if (id == CHID('t', 'b', 'l', ' ') && level < MAX_LEVEL && s->cell_col[level] >= 0) {
			char colname[16];

			bx_col_name(s->cell_col[level] + 1, colname); /* LIST_HEADER counts from 0 */
			snprintf(where, len, "section %ld table %ld %s%ld", s->no, s->ctrl_no[l],
			    colname, s->cell_row[level] + 1);
			*line = s->row_base[l] + 1 + BX_MIN(s->cell_row[level], s->row_span[l] - 1);
			*col = s->cell_col[level] + 1;
			return "cell";
		}
		if (id == CHID('h', 'e', 'a', 'd') || id == CHID('f', 'o', 'o', 't')) {
			snprintf(where, len, "section %ld %s", s->no,
			    id == CHID('h', 'e', 'a', 'd') ? "header" : "footer");
			return id == CHID('h', 'e', 'a', 'd') ? "header" : "footer";
		}
		if (id == CHID('f', 'n', ' ', ' ') || id == CHID('e', 'n', ' ', ' ')) {
			bool fn = id == CHID('f', 'n', ' ', ' ');

			snprintf(where, len, "section %ld %s %ld", s->no, fn ? "footnote" : "endnote",
			    s->ctrl_no[l]);
			return fn ? "footnote" : "endnote";
		}
		if (id == CHID('t', 'c', 'm', 't')) {
			snprintf(where, len, "section %ld hidden comment %ld on paragraph %ld", s->no,
			    s->ctrl_no[l], s->para);
			return "comment";
		}
		snprintf(where, len, "section %ld text box in paragraph %ld", s->no, s->para);
		return "textbox";
	}
	snprintf(where, len, "section %ld paragraph %ld", s->no, s->para);
	return "body";
}

static void
hwp_records(struct hwp_sec *s, const unsigned char *p, size_t n)
{
	struct cx *x = s->x;
	size_t pos = 0;

	for (int l = 0; l < MAX_LEVEL; l++) {
		s->ctrl[l] = 0;
		s->cell_col[l] = -1;
	}
	while (pos + 4 <= n && x->status != BILEX_FATAL) {
		uint32_t h = le32(p + pos), tag = h & 0x3FF, size = h >> 20;
		int level = (int)(h >> 10 & 0x3FF);
		const unsigned char *d;

		pos += 4;
		if (size == 0xFFF) {
			if (pos + 4 > n)
				break;
			size = le32(p + pos);
			pos += 4;
		}
		if (size > n - pos) {
			x->status = bx_worst(x->status, bx_doc_error(x->doc, BILEX_WARN,
			    BILEX_E_CORRUPT, "section %ld: a record runs past the end of the stream",
			    s->no));
			break;
		}
		d = p + pos;
		pos += size;
		if (tag == HWP_PARA_HEADER) {
			s->para_level = level;
			s->paras++;
			if (level == 0)
				s->para++;
		} else if (tag == HWP_PARA_TEXT) {
			char where[160];
			int64_t line, col;
			const char *kind = para_place(s, s->para_level, where, sizeof(where), &line,
			    &col);
			int32_t k = para_text(s, d, size);

			if (k < 0) {
				x->status = bx_doc_error(x->doc, BILEX_FATAL, BILEX_E_NOMEM,
				    "out of memory");
				break;
			}
			emit16(x, kind, where, s->u16, k, line, col, 0);
		} else if (tag == HWP_CTRL_HEADER && level < MAX_LEVEL && size >= 4) {
			uint32_t id = le32(d);

			s->ctrl[level] = id;
			s->row_base[level] = s->rows;
			s->row_span[level] = 1;
			s->ctrl_no[level] = id == CHID('t', 'b', 'l', ' ') ? ++s->tables :
			    id == CHID('f', 'n', ' ', ' ') ? ++s->footnotes :
			    id == CHID('e', 'n', ' ', ' ') ? ++s->endnotes :
			    id == CHID('t', 'c', 'm', 't') ? ++s->comments : 0;
			for (int l = level + 1; l < MAX_LEVEL; l++) {
				s->ctrl[l] = 0;
				s->cell_col[l] = -1;
			}
		} else if (tag == HWP_TABLE && level > 0 && level < MAX_LEVEL && size >= 6 &&
		    s->ctrl[level - 1] == CHID('t', 'b', 'l', ' ')) {
			/* a range of row ids for the table's rows (the aligner compares them) */
			long rows = le16(d + 4);

			s->row_base[level - 1] = s->rows;
			s->row_span[level - 1] = rows > 0 ? rows : 1;
			s->rows += s->row_span[level - 1];
		} else if (tag == HWP_LIST_HEADER && level < MAX_LEVEL) {
			/* a table cell: paragraph count, properties, then column and row address */
			bool cell = level > 0 && s->ctrl[level - 1] == CHID('t', 'b', 'l', ' ') &&
			    size >= 12;

			s->cell_col[level] = cell ? le16(d + 8) : -1;
			s->cell_row[level] = cell ? le16(d + 10) : -1;
		}
	}
}

static int
section_cmp(const void *a, const void *b)
{
	const struct cfb_ent *const *x = a, *const *y = b;
	long i = strtol((*x)->name + 7, NULL, 10), j = strtol((*y)->name + 7, NULL, 10);

	return i < j ? -1 : i > j;
}

static int
read_prvtext(struct cx *x)
{
	int32_t i = cfb_find(&x->cfb, 0, "PrvText");
	unsigned char *p = NULL;
	size_t n = 0;
	UChar *u;
	size_t k, line = 0, a = 0;

	if (i < 0 || cfb_read(&x->cfb, i, 1u << 24, &p, &n) != 0 || p == NULL) {
		free(p);
		return BILEX_OK;
	}
	x->status = bx_worst(x->status, bx_doc_error(x->doc, BILEX_WARN, BILEX_E_CORRUPT,
	    "no body text could be read: text taken from the PrvText stream, a preview that "
	    "Hangul cuts short"));
	k = n / 2;
	u = malloc((k + 1) * sizeof(*u));
	if (u == NULL) {
		free(p);
		return bx_doc_error(x->doc, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	for (size_t j = 0; j < k; j++)
		u[j] = le16(p + 2 * j);
	for (size_t j = 0; j <= k && x->status != BILEX_FATAL; j++) {
		if (j == k || u[j] == 0x0A || u[j] == 0) {
			size_t e = j;
			char where[64];

			while (e > a && u[e - 1] == 0x0D)
				e--;
			line++;
			snprintf(where, sizeof(where), "preview line %zu", line);
			emit16(x, "body", where, u + a, (int32_t)(e - a), -1, -1, 0);
			a = j + 1;
			if (j < k && u[j] == 0)
				break;
		}
	}
	free(u);
	free(p);
	return BILEX_OK;
}

/* BinData streams: pictures for OCR, deflated like the sections when the file is. */
static int
hwp_bindata(struct cx *x, bool compressed)
{
	int32_t dir = cfb_find(&x->cfb, 0, "BinData");
	uint64_t cap = (uint64_t)bx_doc_limit(x->doc, BILEX_LIMIT_MEMBER_BYTES);
	int st = BILEX_OK;

	if (dir < 0)
		return BILEX_OK;
	for (uint32_t i = 1; i < x->cfb.ne && st != BILEX_FATAL; i++) {
		const struct cfb_ent *e = &x->cfb.e[i];
		unsigned char *raw = NULL, *inf = NULL;
		size_t n = 0, m = 0;
		struct bx_member mb;
		char name[128];
		int r;

		if (e->parent != dir || e->type != 2)
			continue;
		r = cfb_read(&x->cfb, (int32_t)i, cap, &raw, &n);
		if (r < 0)
			return bx_doc_error(x->doc, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
		snprintf(name, sizeof(name), "BinData/%s", e->name);
		memset(&mb, 0, sizeof(mb));
		mb.name = name;
		if (r > 0) {
			st = bx_doc_member_error(x->doc, &mb, BILEX_WARN, BILEX_E_LIMIT_BYTES,
			    "%s is larger than the member-bytes limit", name);
			continue;
		}
		/* a picture may also be stored as is (DocInfo says which): try inflating, quietly */
		if (compressed && n > 0 && inflate_raw(x->doc, name, raw, n, true, &inf, &m) !=
		    BILEX_OK) {
			free(inf);
			inf = NULL;
		}
		mb.data = inf ? inf : raw;
		mb.size = inf ? m : n;
		if (mb.size)
			st = bx_doc_member(x->doc, &mb);
		free(inf);
		free(raw);
	}
	return st == BILEX_FATAL ? st : BILEX_OK;
}

static int
hwp5(struct cx *x, int32_t fh)
{
	struct cfb *c = &x->cfb;
	unsigned char *hdr = NULL, *raw = NULL, *text = NULL;
	size_t hn = 0, rn, tn;
	uint32_t props;
	int32_t body;
	const struct cfb_ent **secs = NULL;
	size_t nsecs = 0;
	uint64_t cap = (uint64_t)bx_doc_limit(x->doc, BILEX_LIMIT_MEMBER_BYTES);
	struct hwp_sec s;
	int st = BILEX_OK;

	bx_doc_set_format(x->doc, "hwp");
	if (cfb_head(c, fh, 256, &hdr, &hn) != 0 || hn < 40) {
		free(hdr);
		return bx_doc_error(x->doc, BILEX_FAILED, BILEX_E_CORRUPT,
		    "HWP 5 FileHeader too short");
	}
	props = le32(hdr + 36);
	free(hdr);
	read_props(x, "\005HwpSummaryInformation");
	if (props & (1u << 1))
		return bx_doc_error(x->doc, BILEX_FAILED, BILEX_E_ENCRYPTED,
		    "HWP 5 document protected by a password: body text encrypted, not read");
	/* bit 4 DRM, bit 8 certificate encryption, bit 10 certificate DRM */
	if (props & ((1u << 4) | (1u << 8) | (1u << 10)))
		return bx_doc_error(x->doc, BILEX_FAILED, BILEX_E_ENCRYPTED,
		    "HWP 5 document under DRM or certificate encryption: body text not read");
	if (props & (1u << 2)) {
		/* a distribution document keeps its body in ViewText/, encrypted with a key the
		 * file itself carries; the preview is what can be read for now */
		st = bx_doc_error(x->doc, BILEX_WARN, BILEX_E_UNSUPPORTED,
		    "HWP 5 distribution document (ViewText): body text not decoded");
		if (st == BILEX_FATAL || read_prvtext(x) == BILEX_FATAL)
			return BILEX_FATAL;
		return bx_worst(st, x->status);
	}
	body = cfb_find(c, 0, "BodyText");
	if (body >= 0) {
		secs = calloc(c->ne, sizeof(*secs));
		if (secs == NULL)
			return bx_doc_error(x->doc, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
		for (uint32_t i = 1; i < c->ne && nsecs < MAX_SECTIONS; i++)
			if (c->e[i].parent == body && c->e[i].type == 2 &&
			    strncasecmp(c->e[i].name, "Section", 7) == 0 &&
			    c->e[i].name[7] >= '0' && c->e[i].name[7] <= '9')
				secs[nsecs++] = &c->e[i];
		qsort(secs, nsecs, sizeof(*secs), section_cmp);
	}
	memset(&s, 0, sizeof(s));
	s.x = x;
	for (size_t k = 0; k < nsecs && x->status != BILEX_FATAL; k++) {
		char what[140];
		int r = cfb_read(c, (int32_t)(secs[k] - c->e), cap, &raw, &rn);

		snprintf(what, sizeof(what), "BodyText/%s", secs[k]->name);
		if (r < 0) {
			st = bx_doc_error(x->doc, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
			break;
		}
		if (r > 0) {
			st = bx_worst(st, bx_doc_error(x->doc, BILEX_WARN, BILEX_E_LIMIT_BYTES,
			    "%s is larger than the member-bytes limit", what));
			continue;
		}
		text = raw;
		tn = rn;
		if (props & 1u) {
			int zst = inflate_raw(x->doc, what, raw, rn, false, &text, &tn);

			free(raw);
			raw = NULL;
			if (zst == BILEX_FATAL) {
				st = zst;
				break;
			}
			st = bx_worst(st, zst < BILEX_OK ? BILEX_WARN : BILEX_OK);
			if (zst == BILEX_FAILED)
				continue;
		}
		s.no = strtol(secs[k]->name + 7, NULL, 10) + 1;
		s.para = s.tables = s.footnotes = s.endnotes = s.comments = 0;
		hwp_records(&s, text, tn);
		free(text);
		raw = text = NULL;
	}
	free(s.u16);
	free(secs);
	if (st == BILEX_FATAL || x->status == BILEX_FATAL)
		return BILEX_FATAL;
	/* no paragraph at all: the body is unreadable, the preview is what is left */
	if (s.paras == 0 && read_prvtext(x) == BILEX_FATAL)
		return BILEX_FATAL;
	if (hwp_bindata(x, props & 1u) == BILEX_FATAL)
		return BILEX_FATAL;
	return bx_worst(st, x->status);
}

/* ---- legacy Office: name the format, and say when its own flags say encrypted ------------ */

static bool
doc_encrypted(struct cx *x, int32_t i)
{
	unsigned char *p = NULL;
	size_t n = 0;
	bool enc = false;

	/* FIB: wIdent 0xA5EC, then flags whose bit 8 is fEncrypted */
	if (cfb_head(&x->cfb, i, 12, &p, &n) == 0 && n >= 12 && le16(p) == 0xA5EC)
		enc = (le16(p + 10) & 0x0100) != 0;
	free(p);
	return enc;
}

static bool
xls_encrypted(struct cx *x, int32_t i)
{
	unsigned char *p = NULL;
	size_t n = 0, pos = 0;
	bool enc = false;

	/* a FILEPASS record (0x002F) among the first records of the workbook globals */
	if (cfb_head(&x->cfb, i, 65536, &p, &n) == 0)
		for (int k = 0; k < 64 && pos + 4 <= n; k++) {
			uint16_t type = le16(p + pos), len = le16(p + pos + 2);

			if (type == 0x002F) {
				enc = true;
				break;
			}
			if (type == 0x0085 || (k > 0 && type == 0x0809))
				break;
			pos += 4u + len;
		}
	free(p);
	return enc;
}

/* ---- the extractor ------------------------------------------------------------------------- */

static int
cfb_bid(struct bx_input *in)
{
	if (in->size < 512 || memcmp(in->data, CFB_MAGIC, 8) != 0)
		return BX_BID_NONE;
	return 64;
}

static int
cfb_extract(struct bx_doc *doc, struct bx_input *in)
{
	struct cx x;
	int32_t i;
	int r, st = BILEX_OK;
	unsigned char *p = NULL;
	size_t n = 0;

	memset(&x, 0, sizeof(x));
	x.doc = doc;
	r = cfb_open(&x.cfb, in->data, in->size);
	if (r < 0) {
		cfb_free(&x.cfb);
		return bx_doc_error(doc, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	if (r > 0) {
		st = bx_doc_error(doc, BILEX_FAILED, BILEX_E_CORRUPT, "OLE2 compound file: %s",
		    x.cfb.why);
		cfb_free(&x.cfb);
		return st;
	}
	if ((i = cfb_find(&x.cfb, 0, "EncryptedPackage")) >= 0) {
		int32_t info = cfb_find(&x.cfb, 0, "EncryptionInfo");
		const char *how = "";

		bx_doc_set_format(doc, "ooxml-encrypted");
		if (info >= 0 && cfb_read(&x.cfb, info, 1u << 20, &p, &n) == 0 && n >= 4) {
			unsigned major = le16(p), minor = le16(p + 2);

			how = major == 4 && minor == 4 ? " (agile encryption)" :
			    (major == 3 || major == 4) && minor == 2 ? " (standard encryption)" :
			    minor == 3 ? " (extensible encryption)" : "";
		}
		free(p);
		st = bx_doc_error(doc, BILEX_FAILED, BILEX_E_ENCRYPTED,
		    "password-protected Office Open XML document%s: EncryptedPackage not decrypted",
		    how);
	} else if ((i = cfb_find(&x.cfb, 0, "FileHeader")) >= 0 &&
	    cfb_head(&x.cfb, i, 32, &p, &n) == 0 && n >= 17 &&
	    memcmp(p, "HWP Document File", 17) == 0) {
		free(p);
		st = hwp5(&x, i);
	} else {
		const char *fmt = NULL, *what = NULL;
		bool enc = false;

		free(p);
		if ((i = cfb_find(&x.cfb, 0, "WordDocument")) >= 0) {
			fmt = "doc";
			what = "Word 97-2003 document (.doc)";
			enc = doc_encrypted(&x, i);
		} else if ((i = cfb_find(&x.cfb, 0, "Workbook")) >= 0 ||
		    (i = cfb_find(&x.cfb, 0, "Book")) >= 0) {
			fmt = "xls";
			what = "Excel 97-2003 workbook (.xls)";
			enc = xls_encrypted(&x, i);
		} else if (cfb_find(&x.cfb, 0, "PowerPoint Document") >= 0) {
			fmt = "ppt";
			what = "PowerPoint 97-2003 presentation (.ppt)";
			enc = cfb_find(&x.cfb, 0, "EncryptedSummary") >= 0;
		}
		read_props(&x, "\005SummaryInformation");
		if (fmt)
			bx_doc_set_format(doc, fmt);
		if (enc)
			st = bx_doc_error(doc, BILEX_FAILED, BILEX_E_ENCRYPTED,
			    "password-protected %s: not decrypted", what);
		else
			st = bx_doc_error(doc, BILEX_FAILED, BILEX_E_UNSUPPORTED,
			    "%s: text not extracted (legacy binary format)",
			    what ? what : "OLE2 compound file of an unknown kind");
	}
	if (st != BILEX_FATAL && x.cfb.damaged)
		st = bx_worst(st, bx_doc_error(doc, BILEX_WARN, BILEX_E_CORRUPT,
		    "OLE2 compound file damaged: %s", x.cfb.why));
	cfb_free(&x.cfb);
	if (x.status == BILEX_FATAL)
		return BILEX_FATAL;
	return bx_worst(st, x.status);
}

const struct bx_extractor bx_cfb_extractor = {
	.name = "cfb",
	.flags = BX_EXF_CONTAINER,
	.bid = cfb_bid,
	.extract = cfb_extract,
};

/*
 * zipdir.c - the ZIP central directory of an input, read once for every bidder and checked
 * for overlapping entries.
 *
 * Formats built on ZIP (OOXML, ODF, HWPX, plain ZIP) are told apart by the names in the central
 * directory, never by the first kilobytes (a pptx whose main part lies far from the start is
 * still a pptx).  This parser reads only the directory, with every offset and length checked
 * against the buffer; libzip then reads the data (zipread.c).  Libzip exposes no local-header
 * offsets, so the overlap check of bombs that point many entries at one compressed kernel
 * (Fifield 2019) is done here.
 */
#include "extract.h"
#include "zip-int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

#define EOCD_MIN 22
#define CDH_MIN 46
#define LFH_MIN 30
#define ZIPDIR_MAX_ENTRIES 2000000 /* above every limit a user would set */

/* Finds the end-of-central-directory record: the last "PK\5\6" whose comment length fits. */
static bool
find_eocd(const unsigned char *p, size_t n, size_t *at)
{
	size_t lo, i;

	if (n < EOCD_MIN)
		return false;
	lo = n > EOCD_MIN + 65535 ? n - EOCD_MIN - 65535 : 0;
	for (i = n - EOCD_MIN + 1; i-- > lo;) {
		if (p[i] == 'P' && p[i + 1] == 'K' && p[i + 2] == 5 && p[i + 3] == 6) {
			*at = i;
			return true;
		}
	}
	return false;
}

static int
parse(struct bx_zipdir *z, const unsigned char *p, size_t n, uint64_t max_entries)
{
	size_t eocd, dir_end;
	uint64_t count, cd_size, cd_off, pos, end, delta = 0;

	if (!find_eocd(p, n, &eocd))
		return -1;
	z->eocd = eocd;
	dir_end = eocd;
	count = le16(p + eocd + 10);
	cd_size = le32(p + eocd + 12);
	cd_off = le32(p + eocd + 16);
	/* ZIP64: a locator right before the EOCD points at the 64-bit record, which then ends
	 * the directory (whether or not the EOCD's own fields overflowed).  Bytes in front of
	 * the archive shift the locator's offset too: the record is looked for where the locator
	 * says, else right before the locator (its size field must lead to the locator). */
	if (eocd >= 20 + 56 && le32(p + eocd - 20) == 0x07064b50) {
		uint64_t z64 = le64(p + eocd - 20 + 8), r = UINT64_MAX;

		if (z64 <= eocd - 20 - 56 && le32(p + z64) == 0x06064b50)
			r = z64;
		for (size_t q = eocd - 20 - 56 + 1; r == UINT64_MAX && q-- > 0 &&
		    eocd - 20 - q <= 65536 + 56;)
			if (le32(p + q) == 0x06064b50 && le64(p + q + 4) + 12 == eocd - 20 - q)
				r = q;
		if (r != UINT64_MAX) {
			dir_end = (size_t)r;
			if (count == 0xFFFF || cd_size == 0xFFFFFFFF || cd_off == 0xFFFFFFFF) {
				count = le64(p + r + 32);
				cd_size = le64(p + r + 40);
				cd_off = le64(p + r + 48);
			}
			z->zip64 = true;
		}
	}
	/* Bytes in front of the archive (a self-extractor, junk) shift every offset; a directory
	 * that ends where the EOCD (or the ZIP64 record) starts tells by how much. */
	if (cd_size <= dir_end && cd_off + cd_size < dir_end)
		delta = dir_end - (cd_off + cd_size);
	if (cd_off > n || cd_size > n || cd_off + delta > n || cd_off + delta + cd_size > n)
		return -2;
	z->prefix = delta;
	z->declared = count;
	pos = cd_off + delta;
	end = pos + cd_size;
	if (count > max_entries)
		count = max_entries;
	/* the EOCD's count is a claim: no more entries than central records fit in the
	 * directory's bytes are allocated for (z->truncated still compares with the claim) */
	if (count > cd_size / CDH_MIN + 1)
		count = cd_size / CDH_MIN + 1;
	z->e = calloc(count ? count : 1, sizeof(*z->e));
	if (z->e == NULL)
		return -3;
	while (z->n < count && pos + CDH_MIN <= end && le32(p + pos) == 0x02014b50) {
		struct bx_zipent *e = &z->e[z->n];
		uint16_t nl = le16(p + pos + 28), xl = le16(p + pos + 30), cl = le16(p + pos + 32);
		uint64_t x, xend;

		if (pos + CDH_MIN + (uint64_t)nl + xl + cl > end)
			break;
		e->flags = le16(p + pos + 8);
		e->method = le16(p + pos + 10);
		e->dos_time = le16(p + pos + 12);
		e->dos_date = le16(p + pos + 14);
		e->crc = le32(p + pos + 16);
		e->csize = le32(p + pos + 20);
		e->usize = le32(p + pos + 24);
		e->offset = le32(p + pos + 42);
		e->name = p + pos + CDH_MIN;
		e->name_len = nl;
		/* the ZIP64 extra field carries the sizes that overflowed, in this order */
		for (x = pos + CDH_MIN + nl, xend = x + xl; x + 4 <= xend;) {
			uint16_t id = le16(p + x), sz = le16(p + x + 2);
			uint64_t q = x + 4;

			if (x + 4 + sz > xend)
				break;
			if (id == 0x0001) {
				if (e->usize == 0xFFFFFFFF && q + 8 <= x + 4 + sz) {
					e->usize = le64(p + q);
					q += 8;
				}
				if (e->csize == 0xFFFFFFFF && q + 8 <= x + 4 + sz) {
					e->csize = le64(p + q);
					q += 8;
				}
				if (e->offset == 0xFFFFFFFF && q + 8 <= x + 4 + sz)
					e->offset = le64(p + q);
			} else if (id == 0x7075 && sz >= 5) {
				e->unicode_path = true; /* Info-ZIP Unicode Path: libzip may use it */
			}
			x += 4 + (uint64_t)sz;
		}
		e->offset += delta;
		e->encrypted = (e->flags & 1) != 0;
		e->utf8 = (e->flags & 0x800) != 0;
		pos += CDH_MIN + (uint64_t)nl + xl + cl;
		z->n++;
	}
	z->truncated = z->n < z->declared && z->n < max_entries;
	return 0;
}

/* Where each entry's data starts, from its local header; and whether two entries' data
 * overlap.  Entries whose local header cannot be read keep data_start = 0. */
static void
check_overlaps(struct bx_zipdir *z, const unsigned char *p, size_t n)
{
	uint64_t sum = 0;
	struct span {
		uint64_t a, b;
	} *sp;
	size_t ns = 0;

	/* non-overlapping entries use disjoint bytes: their compressed sizes cannot add up to
	 * more than the archive.  An entry that claims more bytes than the whole archive holds
	 * overlaps nothing: it is damaged (libzip reports it when it is read), not a bomb. */
	for (size_t i = 0; i < z->n; i++)
		if (z->e[i].csize <= n)
			sum += z->e[i].csize;
	z->comp_sum = sum;
	if (sum > n)
		z->overlap = true;
	sp = malloc((z->n ? z->n : 1) * sizeof(*sp));
	if (sp == NULL)
		return;
	for (size_t i = 0; i < z->n; i++) {
		struct bx_zipent *e = &z->e[i];
		uint64_t o = e->offset;

		if (o > n || n - o < LFH_MIN || le32(p + o) != 0x04034b50)
			continue;
		e->data_start = o + LFH_MIN + le16(p + o + 26) + le16(p + o + 28);
		if (e->data_start > n || e->csize > n - e->data_start)
			continue;
		sp[ns].a = o;
		sp[ns].b = e->data_start + e->csize;
		ns++;
	}
	/* sorted by start, each span must end before the next begins */
	for (size_t i = 1; i < ns; i++)
		for (size_t j = i; j > 0 && sp[j - 1].a > sp[j].a; j--) {
			struct span t = sp[j];

			sp[j] = sp[j - 1];
			sp[j - 1] = t;
		}
	for (size_t i = 1; i < ns && !z->overlap; i++)
		if (sp[i].a < sp[i - 1].b)
			z->overlap = true;
	free(sp);
}

const struct bx_zipdir *
bx_zipdir_get(struct bx_input *in)
{
	struct bx_zipdir *z;

	if (in->zipdir_done)
		return in->zipdir && in->zipdir->ok ? in->zipdir : NULL;
	in->zipdir_done = true;
	if (in->size < EOCD_MIN)
		return NULL;
	z = calloc(1, sizeof(*z));
	if (z == NULL)
		return NULL;
	in->zipdir = z;
	if (parse(z, in->data, in->size, ZIPDIR_MAX_ENTRIES) != 0 || z->n == 0) {
		/* an empty archive is still an archive when its EOCD is sound */
		z->ok = z->declared == 0 && z->eocd + EOCD_MIN <= in->size && z->e != NULL;
		return z->ok ? z : NULL;
	}
	check_overlaps(z, in->data, in->size);
	z->ok = true;
	return z;
}

const struct bx_zipent *
bx_zipdir_find(const struct bx_zipdir *z, const char *name)
{
	size_t len = strlen(name);

	/* OPC part names compare without case ([M1.12]); so do ODF's and HWPX's in practice */
	for (size_t i = 0; z && i < z->n; i++)
		if (z->e[i].name_len == len && strncasecmp((const char *)z->e[i].name, name, len) == 0)
			return &z->e[i];
	return NULL;
}

bool
bx_zipdir_has_prefix(const struct bx_zipdir *z, const char *prefix)
{
	size_t len = strlen(prefix);

	for (size_t i = 0; z && i < z->n; i++)
		if (z->e[i].name_len > len && strncasecmp((const char *)z->e[i].name, prefix, len) == 0)
			return true;
	return false;
}

int
bx_zip_signature_bits(const struct bx_input *in, const struct bx_zipdir *z)
{
	int bits = 0;

	if (z == NULL)
		return 0;
	bits += 32; /* the EOCD signature */
	if (z->n)
		bits += 32; /* a central directory header signature */
	if (in->size >= 4 && memcmp(in->data, "PK\3\4", 4) == 0)
		bits += 32;
	return bits;
}

void
bx_zipdir_free(struct bx_zipdir *z)
{
	if (z == NULL)
		return;
	free(z->e);
	free(z);
}

/*
 * zip.c - ZIP archives: every member back to the registry, names decoded as evidence.
 *
 * Archives of a dump were made on Chinese and Korean Windows: member names in CP949 or GBK
 * without the UTF-8 flag, which libzip (and unzip, and most extractors) read as CP437
 * mojibake.  Names are read raw (ZIP_FL_ENC_RAW) and all the non-ASCII names of one archive
 * are decoded together (bx_charset_names): the names of one archive were written by one tool
 * on one machine, and two hundred names tell a charset apart where one short name cannot.
 * The UTF-8 flag is a hint to be validated, not a fact (it lies both ways).  Each member gets
 * its name, name charset and confidence, its time and its own SHA-256; nested archives are
 * read from memory, never from disk.  A name is never used as a path.
 */
#include "zip-int.h"
#include "../lang/lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAMES_SAMPLE (64 * 1024) /* bytes of names the charset decision looks at */

static int
zip_bid(struct bx_input *in)
{
	const struct bx_zipdir *z = bx_zipdir_get(in);

	return z ? bx_zip_signature_bits(in, z) : BX_BID_NONE;
}

static bool
ascii(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] >= 0x80)
			return false;
	return true;
}

/* The bit-11 flag of entry i from our own central directory (libzip does not expose it);
 * only trusted when the two directories agree on the entry. */
static bool
utf8_flag(const struct bx_zipdir *z, zip_t *za, uint64_t i, const char *raw)
{
	if (z == NULL || i >= z->n || z->n != (size_t)zip_get_num_entries(za, 0))
		return false;
	return z->e[i].utf8 && z->e[i].name_len == strlen(raw) &&
	    memcmp(z->e[i].name, raw, z->e[i].name_len) == 0;
}

struct names {
	struct bx_charset_choice ch;
	bool have;
};

/* One charset for the archive's non-ASCII names that do not carry a truthful UTF-8 flag. */
static void
decide_names(struct bx_doc *doc, zip_t *za, const struct bx_zipdir *z, int64_t n,
    struct names *out)
{
	struct bx_lang *L = bx_doc_lang(doc);
	struct bx_buf b;

	memset(out, 0, sizeof(*out));
	if (L == NULL)
		return;
	bx_buf_init(&b, NAMES_SAMPLE);
	for (int64_t i = 0; i < n; i++) {
		const char *raw = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		size_t len;

		if (raw == NULL)
			continue;
		len = strlen(raw);
		if (ascii((const unsigned char *)raw, len))
			continue;
		if (utf8_flag(z, za, (uint64_t)i, raw) && bx_utf8_valid(raw, len))
			continue;
		if (bx_buf_add(&b, raw, len) != BILEX_OK || bx_buf_addc(&b, '\n') != BILEX_OK)
			break; /* enough names to decide */
	}
	if (b.len && bx_charset_names(L, (const unsigned char *)b.data, b.len, &out->ch) == BILEX_OK)
		out->have = true;
	bx_buf_free(&b);
}

/* Decodes one raw name into a display name (UTF-8, NFC, controls escaped). */
static char *
member_name(struct bx_doc *doc, const struct names *nm, const char *raw, bool flag,
    const char **charset, double *conf)
{
	struct bx_lang *L = bx_doc_lang(doc);
	size_t len = strlen(raw), invalid = 0;
	const char *cnv;
	char *dec = NULL, *out;
	struct bx_buf b;

	if (ascii((const unsigned char *)raw, len)) {
		*charset = "ASCII";
		*conf = 1.0;
		cnv = NULL;
	} else if (flag && bx_utf8_valid(raw, len)) {
		*charset = "UTF-8";
		*conf = 1.0;
		cnv = "UTF-8";
	} else if (nm->have) {
		*charset = nm->ch.label;
		*conf = nm->ch.confidence;
		cnv = nm->ch.name;
	} else {
		*charset = "unknown";
		*conf = 0;
		cnv = NULL;
	}
	if (cnv && L)
		bx_decode_string(L, cnv, (const unsigned char *)raw, len, &dec, &invalid);
	/* the name is a label in records, never a path: escape what could rewrite a terminal
	 * or a line (ESC, BEL, bidi overrides); undecodable bytes show as \xNN */
	bx_buf_init(&b, 1u << 16);
	if (dec)
		bx_escape_bytes(&b, dec, strlen(dec));
	else
		bx_escape_bytes(&b, raw, len);
	out = bx_strdup(bx_buf_str(&b));
	bx_buf_free(&b);
	free(dec);
	return out;
}

static int
zip_extract(struct bx_doc *doc, struct bx_input *in)
{
	struct bx_zipr *zr = NULL;
	const struct bx_zipdir *z = bx_zipdir_get(in);
	struct names nm;
	zip_t *za;
	int64_t n, limit = bx_doc_limit(doc, BILEX_LIMIT_ENTRIES);
	int st, worst;

	bx_doc_set_format(doc, "zip");
	st = bx_zipr_open(doc, in, &zr);
	if (zr == NULL)
		return st;
	worst = st;
	za = bx_zipr_archive(zr);
	n = bx_zipr_count(zr);
	if (z && z->truncated)
		worst = bx_worst(worst, bx_doc_error(doc, BILEX_WARN, BILEX_E_CORRUPT,
		    "the central directory declares %llu entries but holds %zu",
		    (unsigned long long)z->declared, z->n));
	if (n > limit) {
		worst = bx_worst(worst, bx_doc_error(doc, BILEX_WARN, BILEX_E_LIMIT_ENTRIES,
		    "%lld members, over the entries limit of %lld: the first %lld are read",
		    (long long)n, (long long)limit, (long long)limit));
		n = limit;
	}
	decide_names(doc, za, z, n, &nm);
	for (int64_t i = 0; i < n && worst != BILEX_FATAL; i++) {
		const char *raw = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		struct bx_member m;
		unsigned char *buf = NULL;
		size_t len = 0;
		bilex_code code;
		char msg[256], when[32];
		const char *cs;
		double conf;
		char *name;
		int r;

		if (raw == NULL || (*raw && raw[strlen(raw) - 1] == '/'))
			continue; /* folders are not members: their files are */
		name = member_name(doc, &nm, raw, utf8_flag(z, za, (uint64_t)i, raw), &cs, &conf);
		if (name == NULL) {
			worst = bx_fail(bx_doc_ctx(doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
			break;
		}
		memset(&m, 0, sizeof(m));
		m.name = *name ? name : "(no name)";
		bx_zip_mtime(za, (uint64_t)i, when);
		m.mtime = when[0] ? when : NULL;
		m.name_charset = cs;
		m.name_confidence = conf;
		r = bx_zipr_read_quiet(zr, (uint64_t)i, &buf, &len, &code, msg, sizeof(msg));
		if (r == BILEX_FATAL) {
			worst = BILEX_FATAL;
		} else if (buf == NULL) {
			worst = bx_worst(worst, bx_doc_member_error(doc, &m, BILEX_WARN, code, "%s", msg));
		} else {
			if (r == BILEX_WARN) {
				/* damaged but partly readable: on record, and what was read is read */
				struct bx_buf src;

				bx_buf_init(&src, 1u << 16);
				worst = bx_worst(worst, bx_doc_error(doc, BILEX_WARN, code, "%s: %s", m.name,
				    msg));
				bx_buf_free(&src);
			}
			m.data = buf;
			m.size = len;
			/* the member's bytes were charged when read; do not charge them twice */
			worst = bx_worst(worst, bx_doc_member_nocharge(doc, &m));
		}
		free(buf);
		free(name);
	}
	bx_zipr_close(zr);
	return worst;
}

const struct bx_extractor bx_zip_extractor = {
	.name = "zip",
	.flags = BX_EXF_CONTAINER,
	.bid = zip_bid,
	.extract = zip_extract,
};

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

#include <unicode/ustring.h>
#include <unicode/utf8.h>

#define NAMES_SAMPLE (64 * 1024) /* bytes of names the charset decision looks at */
#define LFH_MIN 30

static int
zip_bid(struct bx_input *in)
{
	const struct bx_zipdir *z = bx_zipdir_get(in);

	if (z)
		return bx_zip_signature_bits(in, z);
	/* a ZIP cut before its central directory still starts with a local header: it is a
	 * damaged ZIP whose members can be read from their local headers, not an unknown file */
	if (in->size >= LFH_MIN && memcmp(in->data, "PK\3\4", 4) == 0)
		return 32;
	return BX_BID_NONE;
}

static bool
ascii(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] >= 0x80)
			return false;
	return true;
}

/* The raw name bytes of entry i and its bit-11 flag.  They come from our own central
 * directory when it agrees with libzip's (libzip exposes no flag, and turns a NUL inside a
 * name into a space: a name is evidence byte for byte), else from libzip. */
static const unsigned char *
raw_name(const struct bx_zipdir *z, zip_t *za, uint64_t i, size_t *len, bool *flag)
{
	const char *lz = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
	size_t ll;

	*flag = false;
	*len = 0;
	if (lz == NULL)
		return NULL;
	ll = strlen(lz);
	*len = ll;
	if (z && i < z->n && z->n == (size_t)zip_get_num_entries(za, 0) && z->e[i].name_len == ll) {
		const struct bx_zipent *e = &z->e[i];
		size_t k;

		for (k = 0; k < ll; k++)
			if (e->name[k] != (unsigned char)lz[k] && !(e->name[k] == 0 && lz[k] == ' '))
				break;
		if (k == ll) {
			*flag = e->utf8;
			return e->name;
		}
	}
	return (const unsigned char *)lz;
}

static double
plausibility_utf8(struct bx_lang *L, const char *s, size_t n)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t ul = 0;
	UChar *u;
	double r;

	if (n > INT32_MAX / 2)
		return -1e9;
	u_strFromUTF8WithSub(NULL, 0, &ul, s, (int32_t)n, 0xFFFD, NULL, &err);
	err = U_ZERO_ERROR;
	u = malloc(((size_t)ul + 1) * sizeof(UChar));
	if (u == NULL)
		return -1e9;
	u_strFromUTF8WithSub(u, ul + 1, &ul, s, (int32_t)n, 0xFFFD, NULL, &err);
	r = U_SUCCESS(err) ? bx_text_plausibility(L, u, ul, NULL) : -1e9;
	free(u);
	return r;
}

bool
bx_name_prefers_utf8(struct bx_lang *L, const char *legacy, const unsigned char *p, size_t n)
{
	char *dec = NULL;
	size_t invalid = 0;
	bool utf8;

	if (L == NULL || n == 0 || ascii(p, n) || !bx_utf8_valid((const char *)p, n))
		return false;
	if (bx_decode_string(L, legacy, p, n, &dec, &invalid) != BILEX_OK || dec == NULL)
		return true;
	utf8 = invalid > 0 ||
	    plausibility_utf8(L, (const char *)p, n) >= plausibility_utf8(L, dec, strlen(dec));
	free(dec);
	return utf8;
}

/* ---- member names seen in one container ---------------------------------------------- */

struct bx_nameset {
	char **slot;
	size_t cap, n;
};

static uint64_t
name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static bool
nameset_has(const struct bx_nameset *ns, const char *name)
{
	for (size_t i = name_hash(name) & (ns->cap - 1); ns->cap && ns->slot[i];
	    i = (i + 1) & (ns->cap - 1))
		if (strcmp(ns->slot[i], name) == 0)
			return true;
	return false;
}

static int
nameset_add(struct bx_nameset *ns, char *name)
{
	if ((ns->n + 1) * 2 > ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 64;
		char **slot = calloc(cap, sizeof(*slot));

		if (slot == NULL)
			return BILEX_FATAL;
		for (size_t i = 0; i < ns->cap; i++) {
			size_t j;

			if (ns->slot[i] == NULL)
				continue;
			for (j = name_hash(ns->slot[i]) & (cap - 1); slot[j]; j = (j + 1) & (cap - 1))
				;
			slot[j] = ns->slot[i];
		}
		free(ns->slot);
		ns->slot = slot;
		ns->cap = cap;
	}
	{
		size_t j;

		for (j = name_hash(name) & (ns->cap - 1); ns->slot[j]; j = (j + 1) & (ns->cap - 1))
			;
		ns->slot[j] = name;
		ns->n++;
	}
	return BILEX_OK;
}

struct bx_nameset *
bx_nameset_new(void)
{
	return calloc(1, sizeof(struct bx_nameset));
}

char *
bx_nameset_unique(struct bx_nameset *ns, const char *name, unsigned *copy)
{
	char *out = NULL;
	size_t len = strlen(name);

	*copy = 1;
	if (ns == NULL)
		return bx_strdup(name);
	if (!nameset_has(ns, name)) {
		out = bx_strdup(name);
	} else {
		for (unsigned k = 2; out == NULL && k != 0; k++) {
			char *t = malloc(len + 16);

			if (t == NULL)
				return NULL;
			snprintf(t, len + 16, "%s [%u]", name, k);
			if (nameset_has(ns, t)) {
				free(t);
				continue;
			}
			out = t;
			*copy = k;
		}
	}
	if (out == NULL)
		return NULL;
	{
		char *keep = bx_strdup(out);

		if (keep == NULL || nameset_add(ns, keep) != BILEX_OK) {
			free(keep);
			free(out);
			return NULL;
		}
	}
	return out;
}

void
bx_nameset_free(struct bx_nameset *ns)
{
	if (ns == NULL)
		return;
	for (size_t i = 0; i < ns->cap; i++)
		free(ns->slot[i]);
	free(ns->slot);
	free(ns);
}

/* ---- names ----------------------------------------------------------------------------- */

struct names {
	struct bx_charset_choice ch;
	bool have;
	bool legacy;   /* ch is a legacy charset (some names are not UTF-8) */
};

/* One charset for the archive's non-ASCII names that do not carry a truthful UTF-8 flag.
 * Names that are valid UTF-8 are left out of a legacy decision (an archive can mix tools:
 * names-hostile.zip has a UTF-8 name among CP949 ones): each of them is then read as UTF-8
 * when the archive's charset cannot decode it, or decodes it to something less plausible. */
static void
decide_names(struct bx_doc *doc, zip_t *za, const struct bx_zipdir *z, int64_t n,
    struct names *out)
{
	struct bx_lang *L = bx_doc_lang(doc);
	struct bx_buf legacy, utf8;

	memset(out, 0, sizeof(*out));
	if (L == NULL)
		return;
	bx_buf_init(&legacy, NAMES_SAMPLE);
	bx_buf_init(&utf8, NAMES_SAMPLE);
	for (int64_t i = 0; i < n; i++) {
		size_t len;
		bool flag;
		const unsigned char *raw = raw_name(z, za, (uint64_t)i, &len, &flag);
		struct bx_buf *b;

		if (raw == NULL || ascii(raw, len))
			continue;
		if (bx_utf8_valid((const char *)raw, len)) {
			if (flag)
				continue; /* a truthful flag needs no decision */
			b = &utf8;
		} else {
			b = &legacy;
		}
		if (b->len >= NAMES_SAMPLE / 2)
			continue; /* enough names of this kind to decide */
		if (bx_buf_add(b, raw, len) != BILEX_OK || bx_buf_addc(b, '\n') != BILEX_OK)
			continue;
	}
	if (legacy.len) {
		if (bx_charset_names(L, (const unsigned char *)legacy.data, legacy.len, &out->ch) ==
		    BILEX_OK)
			out->have = out->legacy = true;
	} else if (utf8.len) {
		if (bx_charset_names(L, (const unsigned char *)utf8.data, utf8.len, &out->ch) ==
		    BILEX_OK)
			out->have = true;
	}
	bx_buf_free(&legacy);
	bx_buf_free(&utf8);
}

/* One piece of a name (no NUL) decoded with converter CNV (NULL: as it is) and escaped.  In
 * UTF-8, the valid runs are decoded (NFC) and the bytes between them kept as \xNN: a name cut
 * inside its last character keeps its readable part and its raw tail, not U+FFFD. */
static int
add_piece(struct bx_lang *L, struct bx_buf *b, const char *cnv, const unsigned char *p,
    size_t n)
{
	int32_t i = 0, run = 0, len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
	char *dec = NULL;
	int st = BILEX_OK;
	UChar32 c;

	if (cnv == NULL || L == NULL || n == 0)
		return bx_escape_bytes(b, (const char *)p, n);
	if (strcmp(cnv, "UTF-8") != 0) {
		bx_decode_string(L, cnv, p, n, &dec, NULL);
		st = dec ? bx_escape_bytes(b, dec, strlen(dec)) : bx_escape_bytes(b, (const char *)p, n);
		free(dec);
		return st;
	}
	while (i <= len && st == BILEX_OK) {
		int32_t at = i;

		if (i < len) {
			U8_NEXT(p, i, len, c);
			if (c >= 0)
				continue;
		}
		if (at > run) {
			bx_decode_string(L, cnv, p + run, (size_t)(at - run), &dec, NULL);
			st = dec ? bx_escape_bytes(b, dec, strlen(dec)) :
			    bx_escape_bytes(b, (const char *)p + run, (size_t)(at - run));
			free(dec);
			dec = NULL;
		}
		if (at == len)
			break;
		if (st == BILEX_OK)
			st = bx_escape_bytes(b, (const char *)p + at, (size_t)(i - at)); /* \xNN */
		run = i;
	}
	return st;
}

int
bx_name_decoded(struct bx_lang *L, struct bx_buf *b, const char *cnv, const unsigned char *p,
    size_t n)
{
	int st = BILEX_OK;

	while (st == BILEX_OK) {
		const unsigned char *nul = memchr(p, 0, n);
		size_t k = nul ? (size_t)(nul - p) : n;

		st = add_piece(L, b, cnv, p, k);
		if (nul == NULL || st != BILEX_OK)
			break;
		st = bx_buf_adds(b, "\\u0000");
		p += k + 1;
		n -= k + 1;
	}
	return st;
}

/* Decodes one raw name into a display name (UTF-8, NFC, controls escaped). */
static char *
member_name(struct bx_doc *doc, const struct names *nm, const unsigned char *raw, size_t len,
    bool flag, const char **charset, double *conf)
{
	struct bx_lang *L = bx_doc_lang(doc);
	const char *cnv;
	char *out;
	struct bx_buf b;

	if (ascii(raw, len)) {
		*charset = "ASCII";
		*conf = 1.0;
		cnv = NULL;
	} else if (flag && bx_utf8_valid((const char *)raw, len)) {
		*charset = "UTF-8";
		*conf = 1.0;
		cnv = "UTF-8";
	} else if (nm->have && nm->legacy && bx_name_prefers_utf8(L, nm->ch.name, raw, len)) {
		/* one UTF-8 name among legacy ones */
		*charset = "UTF-8";
		*conf = 0.9;
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
	/* the name is a label in records, never a path: escape what could rewrite a terminal
	 * or a line (ESC, BEL, bidi overrides); undecodable bytes show as \xNN */
	bx_buf_init(&b, 1u << 16);
	bx_name_decoded(L, &b, cnv, raw, len);
	out = bx_strdup(bx_buf_str(&b));
	bx_buf_free(&b);
	return out;
}

static int
zip_extract(struct bx_doc *doc, struct bx_input *in)
{
	struct bx_zipr *zr = NULL;
	const struct bx_zipdir *z = bx_zipdir_get(in);
	struct names nm;
	struct bx_nameset *seen;
	zip_t *za;
	int64_t n, limit = bx_doc_limit(doc, BILEX_LIMIT_ENTRIES);
	int st, worst = BILEX_OK;

	bx_doc_set_format(doc, "zip");
	if (bx_archive_too_deep(doc, in))
		return BILEX_FAILED;
	if (z == NULL)
		/* no end of central directory: the archive was cut (a partial download) */
		worst = bx_doc_error(doc, BILEX_WARN, BILEX_E_CORRUPT,
		    "no readable central directory: the archive is cut or damaged; members are "
		    "read from their local headers");
	if (!(z && z->overlap) && !bx_zipr_probe(in)) {
		/* libzip refuses some archives outright (a UTF-8 flag on names that are not UTF-8,
		 * control bytes in names, no central directory) that libarchive reads as a stream */
		st = bx_archive_extract(doc, in);
		bx_doc_set_format(doc, "zip");
		return bx_worst(worst, st);
	}
	st = bx_zipr_open(doc, in, &zr);
	if (zr == NULL)
		return bx_worst(worst, st);
	worst = bx_worst(worst, st);
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
	seen = bx_nameset_new();
	for (int64_t i = 0; i < n && worst != BILEX_FATAL; i++) {
		size_t rlen;
		bool flag, overrun = false;
		const unsigned char *raw = raw_name(z, za, (uint64_t)i, &rlen, &flag);
		struct bx_member m;
		unsigned char *buf = NULL;
		size_t len = 0;
		bilex_code code;
		char msg[256], when[32];
		const char *cs;
		double conf;
		char *name, *decoded;
		unsigned copy;
		int r;

		if (raw == NULL || (rlen && raw[rlen - 1] == '/'))
			continue; /* folders are not members: their files are */
		decoded = member_name(doc, &nm, raw, rlen, flag, &cs, &conf);
		/* two members with one name would share a source and segment ids: the second is
		 * recorded as "NAME [2]", with a `duplicate` record saying so */
		name = decoded ? bx_nameset_unique(seen, *decoded ? decoded : "(no name)", &copy) :
		    NULL;
		if (name == NULL) {
			free(decoded);
			worst = bx_fail(bx_doc_ctx(doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
			break;
		}
		if (copy > 1)
			worst = bx_worst(worst, bx_doc_error(doc, BILEX_WARN, BILEX_E_DUPLICATE,
			    "member name %s appears more than once: copy %u is recorded as %s",
			    *decoded ? decoded : "(no name)", copy, name));
		free(decoded);
		memset(&m, 0, sizeof(m));
		m.name = name;
		bx_zip_mtime(za, (uint64_t)i, when);
		m.mtime = when[0] ? when : NULL;
		m.name_charset = cs;
		m.name_confidence = conf;
		r = bx_zipr_read_quiet(zr, (uint64_t)i, &buf, &len, &code, msg, sizeof(msg), &overrun);
		if (r == BILEX_FATAL) {
			worst = BILEX_FATAL;
		} else if (buf == NULL) {
			worst = bx_worst(worst, bx_doc_member_error(doc, &m, BILEX_WARN, code, "%s", msg));
		} else if (overrun) {
			/* the member inflates past its declared size: what it declares is kept on
			 * record (size and SHA-256 of the declared bytes, whose CRC may well be valid),
			 * with the error on the member; the hidden rest is never read */
			m.data = buf;
			m.size = len;
			worst = bx_worst(worst, bx_doc_member_error(doc, &m, BILEX_WARN, code, "%s", msg));
		} else {
			if (r == BILEX_WARN)
				/* damaged but partly readable: on record, and what was read is read */
				worst = bx_worst(worst, bx_doc_error(doc, BILEX_WARN, code, "%s: %s", m.name,
				    msg));
			m.data = buf;
			m.size = len;
			/* the member's bytes were charged when read; do not charge them twice */
			worst = bx_worst(worst, bx_doc_member_nocharge(doc, &m));
		}
		free(buf);
		free(name);
	}
	bx_nameset_free(seen);
	bx_zipr_close(zr);
	return worst;
}

const struct bx_extractor bx_zip_extractor = {
	.name = "zip",
	.flags = BX_EXF_CONTAINER,
	.bid = zip_bid,
	.extract = zip_extract,
};

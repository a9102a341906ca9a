/*
 * zipread.c - members of a ZIP through libzip, from memory, with every budget enforced.
 *
 * Rules (../shared/notes/security.md, section 2):
 *  - the archive is opened from the input's buffer (nested archives never touch the disk),
 *    first with ZIP_CHECKCONS; an inconsistent archive is opened again without it and read
 *    as far as it goes, with a `corrupt` record;
 *  - a member is read up to its declared size and one byte more is `corrupt` (deflate output
 *    is bounded only by ~1032x the compressed size, not by the declared size);
 *  - declared sizes over the member-bytes limit are `limit-bytes`, an expansion ratio over
 *    the ratio limit past the first MiB is `zip-bomb`, and every member is charged to the
 *    top-level input's budget before it is read;
 *  - encrypted members are `encrypted`: no password is ever tried.
 */
#include "zip-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct bx_zipr {
	struct bx_doc *doc;
	struct bx_input *in;
	zip_t *za;
};

struct bx_zips {
	struct bx_zipr *zr;
	zip_file_t *zf;
	uint64_t declared, got, idx;
	bool done;
	bool quiet;          /* keep the first error here instead of writing a record */
	bool overrun;        /* the member inflates past its declared size */
	bilex_code code;
	char msg[256];
	struct bx_sha256 h;  /* of the bytes read, for the part's file record */
};

#define MiB (UINT64_C(1) << 20)

static zip_t *
open_buffer(struct bx_input *in, int flags, zip_error_t *err)
{
	zip_source_t *src = zip_source_buffer_create(in->data, in->size, 0, err);
	zip_t *za;

	if (src == NULL)
		return NULL;
	za = zip_open_from_source(src, flags, err);
	if (za == NULL)
		zip_source_free(src); /* on success the archive owns the source */
	return za;
}

bool
bx_zipr_probe(struct bx_input *in)
{
	zip_error_t err;
	zip_t *za;

	zip_error_init(&err);
	za = open_buffer(in, ZIP_RDONLY, &err);
	zip_error_fini(&err);
	if (za)
		zip_discard(za);
	return za != NULL;
}

int
bx_zipr_open(struct bx_doc *doc, struct bx_input *in, struct bx_zipr **out)
{
	const struct bx_zipdir *z = bx_zipdir_get(in);
	zip_error_t err;
	zip_t *za;
	int st = BILEX_OK;

	*out = NULL;
	if (z && z->overlap)
		return bx_doc_error(doc, BILEX_FAILED, BILEX_E_ZIP_BOMB,
		    "entries overlap: compressed sizes add up to %llu bytes in a %zu-byte archive",
		    (unsigned long long)z->comp_sum, in->size);
	zip_error_init(&err);
	za = open_buffer(in, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	if (za == NULL) {
		char why[160];

		snprintf(why, sizeof(why), "%s", zip_error_strerror(&err));
		zip_error_fini(&err);
		zip_error_init(&err);
		za = open_buffer(in, ZIP_RDONLY, &err);
		if (za == NULL) {
			st = bx_doc_error(doc, BILEX_FAILED, BILEX_E_CORRUPT, "not a readable ZIP: %s", why);
			zip_error_fini(&err);
			return st;
		}
		st = bx_doc_error(doc, BILEX_WARN, BILEX_E_CORRUPT,
		    "inconsistent ZIP (%s): read as far as it goes", why);
	}
	zip_error_fini(&err);
	*out = calloc(1, sizeof(**out));
	if (*out == NULL) {
		zip_discard(za);
		return bx_fail(bx_doc_ctx(doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	(*out)->doc = doc;
	(*out)->in = in;
	(*out)->za = za;
	return st;
}

void
bx_zipr_close(struct bx_zipr *zr)
{
	if (zr == NULL)
		return;
	zip_discard(zr->za);
	free(zr);
}

zip_t *
bx_zipr_archive(struct bx_zipr *zr)
{
	return zr->za;
}

int64_t
bx_zipr_count(const struct bx_zipr *zr)
{
	return zip_get_num_entries(zr->za, 0);
}

int64_t
bx_zipr_locate(struct bx_zipr *zr, const char *name)
{
	return zip_name_locate(zr->za, name, ZIP_FL_NOCASE | ZIP_FL_ENC_RAW);
}

void
bx_zip_mtime(zip_t *za, uint64_t idx, char out[32])
{
	zip_stat_t st;

	out[0] = '\0';
	zip_stat_init(&st);
	/* libzip turns the DOS time into a time_t through the local zone: the zone of a bilex
	 * run decides nothing, because DOS times carry no zone; they are reported as found */
	if (zip_stat_index(za, idx, ZIP_FL_ENC_RAW, &st) == 0 && (st.valid & ZIP_STAT_MTIME) &&
	    st.mtime > 0) {
		struct tm tm;

		if (localtime_r(&st.mtime, &tm))
			strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	}
}

/* Checks before any byte is inflated.  Returns BILEX_OK or a status with *code set. */
static int
precheck(struct bx_zipr *zr, uint64_t idx, zip_stat_t *st, bilex_code *code, char *msg,
    size_t mlen)
{
	struct bx_doc *doc = zr->doc;
	uint64_t limit = (uint64_t)bx_doc_limit(doc, BILEX_LIMIT_MEMBER_BYTES);
	uint64_t ratio = (uint64_t)bx_doc_limit(doc, BILEX_LIMIT_RATIO);

	zip_stat_init(st);
	if (zip_stat_index(zr->za, idx, ZIP_FL_ENC_RAW, st) != 0) {
		*code = BILEX_E_CORRUPT;
		snprintf(msg, mlen, "no directory entry");
		return BILEX_FAILED;
	}
	if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE) {
		*code = BILEX_E_ENCRYPTED;
		snprintf(msg, mlen, "encrypted member (method %u): not read",
		    (unsigned)st->encryption_method);
		return BILEX_FAILED;
	}
	if (!(st->valid & ZIP_STAT_SIZE)) {
		*code = BILEX_E_CORRUPT;
		snprintf(msg, mlen, "no declared size");
		return BILEX_FAILED;
	}
	if (st->size > limit) {
		*code = BILEX_E_LIMIT_BYTES;
		snprintf(msg, mlen, "declares %llu bytes, over the member-bytes limit of %llu",
		    (unsigned long long)st->size, (unsigned long long)limit);
		return BILEX_FAILED;
	}
	if ((st->valid & ZIP_STAT_COMP_SIZE) && st->size > MiB &&
	    st->size - MiB > (st->comp_size ? st->comp_size : 1) * ratio) {
		*code = BILEX_E_ZIP_BOMB;
		snprintf(msg, mlen, "expands %llu bytes to %llu (over %llu:1 past the first MiB)",
		    (unsigned long long)st->comp_size, (unsigned long long)st->size,
		    (unsigned long long)ratio);
		return BILEX_FAILED;
	}
	if (bx_doc_budget_left(doc) < st->size) {
		*code = BILEX_E_LIMIT_BYTES;
		snprintf(msg, mlen, "over the total-bytes budget of this input");
		return BILEX_FAILED;
	}
	return BILEX_OK;
}

static bilex_code
code_of(zip_error_t *ze, char *msg, size_t mlen)
{
	int z = zip_error_code_zip(ze);

	snprintf(msg, mlen, "%s", zip_error_strerror(ze));
	switch (z) {
	case ZIP_ER_COMPNOTSUPP:
		return BILEX_E_UNSUPPORTED;
	case ZIP_ER_ENCRNOTSUPP:
	case ZIP_ER_NOPASSWD:
	case ZIP_ER_WRONGPASSWD:
		return BILEX_E_ENCRYPTED;
	case ZIP_ER_MEMORY:
		return BILEX_E_NOMEM;
	default:
		return BILEX_E_CORRUPT;
	}
}

int
bx_zips_open(struct bx_zipr *zr, uint64_t idx, struct bx_zips **out)
{
	zip_stat_t st;
	bilex_code code = BILEX_E_NONE;
	char msg[256];
	struct bx_zips *s;
	int r;

	*out = NULL;
	r = precheck(zr, idx, &st, &code, msg, sizeof(msg));
	if (r == BILEX_OK && bx_doc_charge(zr->doc, st.size) != BILEX_OK)
		return BILEX_FAILED; /* the budget error is already on record */
	if (r == BILEX_OK) {
		zip_file_t *zf = zip_fopen_index(zr->za, idx, 0);

		if (zf == NULL) {
			code = code_of(zip_get_error(zr->za), msg, sizeof(msg));
			r = BILEX_FAILED;
		} else {
			s = calloc(1, sizeof(*s));
			if (s == NULL) {
				zip_fclose(zf);
				return BILEX_FATAL;
			}
			s->zr = zr;
			s->zf = zf;
			s->declared = st.size;
			s->idx = idx;
			bx_sha256_init(&s->h);
			*out = s;
			return BILEX_OK;
		}
	}
	return bx_doc_error(zr->doc, r, code, "%s: %s",
	    st.name ? st.name : "member", msg);
}

/* An error while reading a member: a record, or kept for the caller in quiet mode. */
static void
zips_error(struct bx_zips *s, int status, bilex_code code, const char *msg)
{
	if (s->quiet) {
		if (s->code == BILEX_E_NONE) {
			s->code = code;
			snprintf(s->msg, sizeof(s->msg), "%s", msg);
		}
		return;
	}
	bx_doc_error(s->zr->doc, status, code, "%s", msg);
}

int64_t
bx_zips_read(struct bx_zips *s, void *buf, size_t cap)
{
	zip_int64_t n;
	char extra;

	if (s->done)
		return 0;
	if (s->got == s->declared) {
		/* one byte more than declared: the entry lies about its size */
		n = zip_fread(s->zf, &extra, 1);
		s->done = true;
		if (n > 0) {
			char m[128];

			s->overrun = true;
			snprintf(m, sizeof(m), "member expands beyond its declared %llu bytes "
			    "(size-exceeds-declared)", (unsigned long long)s->declared);
			zips_error(s, BILEX_FAILED, BILEX_E_CORRUPT, m);
			return -1;
		}
		return 0;
	}
	if (cap > s->declared - s->got)
		cap = (size_t)(s->declared - s->got);
	n = zip_fread(s->zf, buf, cap);
	if (n < 0) {
		char msg[256];
		bilex_code code = code_of(zip_file_get_error(s->zf), msg, sizeof(msg));

		s->done = true;
		zips_error(s, BILEX_FAILED, code, msg);
		return -1;
	}
	if (n == 0) {
		s->done = true;
		if (s->got < s->declared) {
			char m[128];

			snprintf(m, sizeof(m), "member ends after %llu of its declared %llu bytes",
			    (unsigned long long)s->got, (unsigned long long)s->declared);
			zips_error(s, BILEX_WARN, BILEX_E_CORRUPT, m);
		}
		return 0;
	}
	s->got += (uint64_t)n;
	bx_sha256_update(&s->h, buf, (size_t)n);
	return n;
}

uint64_t
bx_zips_digest(struct bx_zips *s, char out[65])
{
	char scratch[16384];

	/* a parse that stopped early (a rejected DOCTYPE) still hashes the whole part: the
	 * read is bounded by the declared size that precheck() accepted */
	while (!s->done && bx_zips_read(s, scratch, sizeof(scratch)) > 0)
		;
	bx_sha256_hex(&s->h, out);
	return s->got;
}

void
bx_zips_close(struct bx_zips *s)
{
	if (s == NULL)
		return;
	zip_fclose(s->zf);
	free(s);
}

int
bx_zipr_read_quiet(struct bx_zipr *zr, uint64_t idx, unsigned char **buf, size_t *len,
    bilex_code *code, char *msg, size_t mlen, bool *overrun)
{
	zip_stat_t st;
	struct bx_zips *s;
	unsigned char *p;
	int64_t n;
	int r;

	*buf = NULL;
	*len = 0;
	*code = BILEX_E_NONE;
	*overrun = false;
	r = precheck(zr, idx, &st, code, msg, mlen);
	if (r != BILEX_OK)
		return r;
	if (bx_doc_budget_left(zr->doc) < st.size || bx_doc_charge(zr->doc, st.size) != BILEX_OK) {
		*code = BILEX_E_LIMIT_BYTES;
		snprintf(msg, mlen, "over the total-bytes budget of this input");
		return BILEX_FAILED;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return BILEX_FATAL;
	s->zr = zr;
	s->quiet = true;
	s->declared = st.size;
	s->idx = idx;
	bx_sha256_init(&s->h);
	s->zf = zip_fopen_index(zr->za, idx, 0);
	if (s->zf == NULL) {
		*code = code_of(zip_get_error(zr->za), msg, mlen);
		free(s);
		return BILEX_FAILED;
	}
	p = malloc(s->declared + 1);
	if (p == NULL) {
		bx_zips_close(s);
		return BILEX_FATAL;
	}
	while ((n = bx_zips_read(s, p + s->got, (size_t)(s->declared - s->got))) > 0)
		;
	*len = (size_t)s->got;
	if (s->code != BILEX_E_NONE) {
		*code = s->code;
		snprintf(msg, mlen, "%s", s->msg);
	}
	*overrun = s->overrun;
	bx_zips_close(s);
	if (n < 0 && !*overrun) {
		free(p);
		return BILEX_FAILED;
	}
	p[*len] = '\0';
	*buf = p;
	/* a member that ended early is kept (with its record): evidence is partial, not gone */
	return *code == BILEX_E_NONE ? BILEX_OK : BILEX_WARN;
}

int
bx_zipr_read(struct bx_zipr *zr, uint64_t idx, unsigned char **buf, size_t *len)
{
	struct bx_zips *s;
	unsigned char *p;
	int64_t n;
	int st;

	*buf = NULL;
	*len = 0;
	st = bx_zips_open(zr, idx, &s);
	if (st != BILEX_OK)
		return st;
	p = malloc(s->declared + 1);
	if (p == NULL) {
		bx_zips_close(s);
		return bx_fail(bx_doc_ctx(zr->doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	while ((n = bx_zips_read(s, p + s->got, (size_t)(s->declared - s->got))) > 0)
		;
	*len = (size_t)s->got;
	bx_zips_close(s);
	if (n < 0) {
		free(p);
		return BILEX_FAILED;
	}
	p[*len] = '\0';
	*buf = p;
	return BILEX_OK;
}

/*
 * tape.c - a member seen before in the run is not extracted again: its extractor's calls are
 * replayed.
 *
 * A dump repeats itself: the same reference frame in every daily batch, the same template in
 * every folder.  While an extractor reads a document, the calls it makes on the document
 * (units, charset, metadata, parts, errors, budget charges: everything but the language stage
 * and the aligner, which run again) are written to a tape, keyed by the document's SHA-256.
 * The next time the same bytes come, anywhere, the tape is played into the new document: the
 * same records come out with the new place's paths and ids, and the parser never runs.
 *
 * A tape is kept per extractor as well: CSV and TSV tables are known by their names
 * (src/extract/csv.c), so the same bytes named .csv, .tsv and .txt are read three ways.
 *
 * Only leaves are taped: a document that hands members back (an archive, a docx with media)
 * is read again, but its members, leaves themselves, are replayed.  A tape with a failed
 * budget charge or a fatal status is not kept (the outcome depended on more than the bytes),
 * and tapes stop being kept past TAPES_MAX bytes.
 */
#include "bx.h"
#include "doc.h"
#include "../extract/extract.h"

#include <stdlib.h>
#include <string.h>

#define TAPES_MAX (64u << 20)   /* bytes of tapes kept per context */
#define TAPE_MAX (8u << 20)     /* a longer tape is not kept */
#define BUCKETS 1024

enum { T_UNIT = 1, T_FORMAT, T_CHARSET, T_META, T_PART_BEGIN, T_PART_END, T_ERROR, T_CHARGE };

struct bx_tape {
	struct bx_tape *next;    /* in its bucket */
	char sha256[65];
	const char *extractor;   /* name of the extractor that read the bytes (a static string) */
	struct bx_buf b;
	bool spoiled;            /* not to be kept */
	uint64_t charged;        /* bytes charged to the budget while recording */
	int status;              /* what the extractor returned */
};

struct bx_tapes {
	struct bx_tape *bucket[BUCKETS];
	size_t bytes;
	bool full;
};

/* ---- writing ------------------------------------------------------------------------------ */

struct bx_tape *
bx_tape_new(const char *extractor)
{
	struct bx_tape *t = calloc(1, sizeof(*t));

	if (t) {
		t->extractor = extractor;
		bx_buf_init(&t->b, TAPE_MAX);
	}
	return t;
}

void
bx_tape_free(struct bx_tape *t)
{
	if (t == NULL)
		return;
	bx_buf_free(&t->b);
	free(t);
}

static void
put(struct bx_tape *t, const void *p, size_t n)
{
	if (!t->spoiled && bx_buf_add(&t->b, p, n) != BILEX_OK) {
		t->spoiled = true; /* too long to keep */
		bx_buf_free(&t->b); /* nor to hold while the rest of the document is read */
	}
}

static void
put_i64(struct bx_tape *t, int64_t v)
{
	put(t, &v, sizeof(v));
}

static void
put_str(struct bx_tape *t, const char *s, size_t n)
{
	put_i64(t, s ? (int64_t)n : -1);
	if (s)
		put(t, s, n);
}

static void
put_s(struct bx_tape *t, const char *s)
{
	put_str(t, s, s ? strlen(s) : 0);
}

static void
put_tag(struct bx_tape *t, int tag)
{
	unsigned char c = (unsigned char)tag;

	put(t, &c, 1);
}

void
bx_tape_spoil(struct bx_tape *t)
{
	t->spoiled = true;
	bx_buf_free(&t->b);
}

void
bx_tape_unit(struct bx_tape *t, const struct bx_unit *u)
{
	double conf = u->confidence;

	if (t->spoiled)
		return; /* not kept: a long text file spoils its tape early, and every line comes here */
	put_tag(t, T_UNIT);
	/* the kind is kept by pointer (it is a static string of the extractor): its NUL goes on
	 * the tape, and the replayed unit points into the tape, which lives as long as the run */
	put_str(t, u->kind, strlen(u->kind) + 1);
	put_s(t, u->where);
	if (u->text)
		put_str(t, u->text, u->len);
	else
		put_str(t, NULL, 0);
	/* UTF-16 text as its bytes */
	if (u->text16)
		put_str(t, (const char *)u->text16, (size_t)u->len16 * sizeof(UChar));
	else
		put_str(t, NULL, 0);
	put_s(t, u->author);
	put_s(t, u->date);
	put_s(t, u->charset);
	put(t, &conf, sizeof(conf));
	put_i64(t, u->block);
	put_i64(t, u->line);
	put_i64(t, u->col);
	put_s(t, u->ref);
	put_s(t, u->parent_ref);
	put_s(t, u->anchor_text);
	put_s(t, u->extra);
	for (int i = 0; i < 4; i++)
		put_i64(t, u->box[i]);
	put_i64(t, u->has_box);
	put_str(t, (const char *)u->crop, u->crop ? u->crop_len : 0);
	put_i64(t, u->flags);
}

void
bx_tape_format(struct bx_tape *t, const char *format)
{
	put_tag(t, T_FORMAT);
	put_s(t, format);
}

void
bx_tape_charset(struct bx_tape *t, const char *label, double confidence, int64_t invalid)
{
	put_tag(t, T_CHARSET);
	put_s(t, label);
	put(t, &confidence, sizeof(confidence));
	put_i64(t, invalid);
}

void
bx_tape_meta(struct bx_tape *t, const char *author, const char *date)
{
	put_tag(t, T_META);
	put_s(t, author);
	put_s(t, date);
}

void
bx_tape_part_begin(struct bx_tape *t, const char *name)
{
	put_tag(t, T_PART_BEGIN);
	put_s(t, name);
}

void
bx_tape_part_end(struct bx_tape *t, int status, const char *sha256, uint64_t size)
{
	put_tag(t, T_PART_END);
	put_i64(t, status);
	put_s(t, sha256);
	put_i64(t, (int64_t)size);
}

void
bx_tape_error(struct bx_tape *t, int status, bilex_code code, const char *msg)
{
	put_tag(t, T_ERROR);
	put_i64(t, status);
	put_i64(t, code);
	put_s(t, msg);
	/* what a limit decided may come out otherwise elsewhere in the run */
	if (code == BILEX_E_LIMIT_BYTES || code == BILEX_E_TIMEOUT || code == BILEX_E_OCR)
		t->spoiled = true;
}

void
bx_tape_charge(struct bx_tape *t, uint64_t n)
{
	put_tag(t, T_CHARGE);
	put_i64(t, (int64_t)n);
	t->charged += n;
}

/* ---- the cache of a context ---------------------------------------------------------------- */

static unsigned
bucket_of(const char *sha)
{
	unsigned h = 0;

	for (int i = 0; i < 8 && sha[i]; i++)
		h = h * 16 + (unsigned)(sha[i] <= '9' ? sha[i] - '0' : (sha[i] | 0x20) - 'a' + 10);
	return h % BUCKETS;
}

void
bx_tape_keep(bilex_ctx *ctx, struct bx_tape *t, const char *sha256, int status)
{
	struct bx_tapes *c = ctx->tapes;
	unsigned b;

	if (t->spoiled || status == BILEX_FATAL || sha256 == NULL || !sha256[0]) {
		bx_tape_free(t);
		return;
	}
	if (c == NULL) {
		c = calloc(1, sizeof(*c));
		if (c == NULL) {
			bx_tape_free(t);
			return;
		}
		ctx->tapes = c;
	}
	if (c->full || c->bytes + t->b.len > TAPES_MAX) {
		c->full = true;
		bx_tape_free(t);
		return;
	}
	snprintf(t->sha256, sizeof(t->sha256), "%s", sha256);
	t->status = status;
	b = bucket_of(sha256);
	t->next = c->bucket[b];
	c->bucket[b] = t;
	c->bytes += t->b.len;
}

struct bx_tape *
bx_tape_find(bilex_ctx *ctx, const char *sha256, const char *extractor)
{
	struct bx_tapes *c = ctx->tapes;

	if (c == NULL || sha256 == NULL)
		return NULL;
	for (struct bx_tape *t = c->bucket[bucket_of(sha256)]; t; t = t->next)
		if (strcmp(t->sha256, sha256) == 0 && strcmp(t->extractor, extractor) == 0)
			return t;
	return NULL;
}

uint64_t
bx_tape_charged(const struct bx_tape *t)
{
	return t->charged;
}

void
bx_tapes_free(bilex_ctx *ctx)
{
	struct bx_tapes *c = ctx->tapes;

	if (c == NULL)
		return;
	for (int i = 0; i < BUCKETS; i++)
		for (struct bx_tape *t = c->bucket[i], *n; t; t = n) {
			n = t->next;
			bx_tape_free(t);
		}
	free(c);
	ctx->tapes = NULL;
}

/* ---- playing ------------------------------------------------------------------------------- */

struct reader {
	const char *p, *end;
	bool bad;
};

static int64_t
get_i64(struct reader *r)
{
	int64_t v = 0;

	if (r->end - r->p < (ptrdiff_t)sizeof(v)) {
		r->bad = true;
		return 0;
	}
	memcpy(&v, r->p, sizeof(v));
	r->p += sizeof(v);
	return v;
}

static double
get_double(struct reader *r)
{
	double v = 0;

	if (r->end - r->p < (ptrdiff_t)sizeof(v)) {
		r->bad = true;
		return 0;
	}
	memcpy(&v, r->p, sizeof(v));
	r->p += sizeof(v);
	return v;
}

/* A string of the tape; the tape keeps a NUL after none of them, so the length comes along. */
static const char *
get_str(struct reader *r, size_t *n)
{
	int64_t len = get_i64(r);
	const char *s;

	*n = 0;
	if (len < 0 || r->bad)
		return NULL;
	if (r->end - r->p < len) {
		r->bad = true;
		return NULL;
	}
	s = r->p;
	r->p += len;
	*n = (size_t)len;
	return s;
}

/* Strings of a unit need their NUL: they are copied into a scratch buffer. */
static const char *
cstr(struct reader *r, struct bx_buf *scratch, size_t *len)
{
	size_t n, off;
	const char *s = get_str(r, &n);

	*len = n;

	if (s == NULL)
		return NULL;
	off = scratch->len;
	if (bx_buf_add(scratch, s, n) != BILEX_OK || bx_buf_addc(scratch, '\0') != BILEX_OK) {
		r->bad = true;
		return NULL;
	}
	return (const char *)(uintptr_t)(off + 1); /* an offset + 1 until the buffer settles */
}

static const char *
fix(const struct bx_buf *scratch, const char *off)
{
	return off ? scratch->data + ((uintptr_t)off - 1) : NULL;
}

int
bx_tape_play(const struct bx_tape *t, struct bx_doc *doc)
{
	/* an empty tape (the extractor made no call) has no buffer: NULL + 0 is undefined */
	struct reader r = { t->b.data, t->b.data ? t->b.data + t->b.len : NULL, false };
	struct bx_buf scratch;
	int st = BILEX_OK;

	bx_buf_init(&scratch, TAPE_MAX * 2);
	while (r.p < r.end && !r.bad && st > BILEX_FATAL) {
		int tag = (unsigned char)*r.p++;
		size_t off, text_len = 0;

		scratch.len = 0;
		switch (tag) {
		case T_UNIT: {
			struct bx_unit u;
			const char *kind, *where, *text, *t16, *author, *date, *charset, *ref, *pref,
			    *anchor, *extra, *crop;
			size_t n16 = 0, ncrop = 0;
			int64_t v;

			memset(&u, 0, sizeof(u));
			kind = get_str(&r, &off);
			if (kind == NULL || off == 0 || kind[off - 1] != '\0')
				r.bad = true;
			where = cstr(&r, &scratch, &off);
			text = cstr(&r, &scratch, &text_len);
			t16 = get_str(&r, &n16);
			author = cstr(&r, &scratch, &off);
			date = cstr(&r, &scratch, &off);
			charset = cstr(&r, &scratch, &off);
			u.confidence = get_double(&r);
			u.block = get_i64(&r);
			u.line = get_i64(&r);
			u.col = get_i64(&r);
			ref = cstr(&r, &scratch, &off);
			pref = cstr(&r, &scratch, &off);
			anchor = cstr(&r, &scratch, &off);
			extra = cstr(&r, &scratch, &off);
			for (int i = 0; i < 4; i++)
				u.box[i] = (int)get_i64(&r);
			u.has_box = get_i64(&r) != 0;
			crop = get_str(&r, &ncrop);
			v = get_i64(&r);
			if (r.bad)
				break;
			u.flags = (unsigned)v;
			u.kind = kind;
			if (t16) {
				/* UTF-16 stays unaligned-safe: copied into the scratch too */
				size_t at = scratch.len;

				while (at % sizeof(UChar))
					at++, bx_buf_addc(&scratch, 0);
				if (bx_buf_add(&scratch, t16, n16) != BILEX_OK) {
					r.bad = true;
					break;
				}
				u.text16 = (const UChar *)(const void *)(scratch.data + at);
				u.len16 = (int32_t)(n16 / sizeof(UChar));
			}
			/* only now: the copy of the UTF-16 text may move the scratch buffer, which
			 * left where and text pointing into freed memory when fixed before it */
			u.where = fix(&scratch, where);
			u.text = fix(&scratch, text);
			u.len = u.text ? text_len : 0;
			u.author = fix(&scratch, author);
			u.date = fix(&scratch, date);
			u.charset = fix(&scratch, charset);
			u.ref = fix(&scratch, ref);
			u.parent_ref = fix(&scratch, pref);
			u.anchor_text = fix(&scratch, anchor);
			u.extra = fix(&scratch, extra);
			u.crop = (const unsigned char *)crop;
			u.crop_len = crop ? ncrop : 0;
			st = bx_worst(st, bx_doc_unit(doc, &u));
			break;
		}
		case T_FORMAT: {
			const char *f = cstr(&r, &scratch, &off);

			if (!r.bad)
				bx_doc_set_format(doc, fix(&scratch, f));
			break;
		}
		case T_CHARSET: {
			const char *l = cstr(&r, &scratch, &off);
			double c = get_double(&r);
			int64_t inv = get_i64(&r);

			if (!r.bad)
				bx_doc_set_charset(doc, fix(&scratch, l), c, inv);
			break;
		}
		case T_META: {
			const char *a = cstr(&r, &scratch, &off), *d = cstr(&r, &scratch, &off);

			if (!r.bad)
				bx_doc_set_meta(doc, fix(&scratch, a), fix(&scratch, d));
			break;
		}
		case T_PART_BEGIN: {
			const char *name = cstr(&r, &scratch, &off);

			if (!r.bad)
				st = bx_worst(st, bx_doc_part_begin(doc, fix(&scratch, name)));
			break;
		}
		case T_PART_END: {
			int64_t s = get_i64(&r);
			const char *sha = cstr(&r, &scratch, &off);
			int64_t size = get_i64(&r);

			if (!r.bad)
				st = bx_worst(st, bx_doc_part_end(doc, (int)s, fix(&scratch, sha),
				    (uint64_t)size));
			break;
		}
		case T_ERROR: {
			int64_t s = get_i64(&r), code = get_i64(&r);
			const char *msg = cstr(&r, &scratch, &off);

			/* bx_doc_error hands back the status it was given, and the extractor chose
			 * what to make of it (a part that failed need not fail the document): only
			 * a fatal status is the replay's own.  Folding the recorded status in made
			 * a replayed file "error" where the first reading said "ok". */
			if (!r.bad && bx_doc_error(doc, (int)s, (bilex_code)code, "%s",
			    fix(&scratch, msg) ? fix(&scratch, msg) : "") == BILEX_FATAL)
				st = BILEX_FATAL;
			break;
		}
		case T_CHARGE: {
			int64_t n = get_i64(&r);

			if (!r.bad)
				st = bx_worst(st, bx_doc_charge(doc, (uint64_t)n));
			break;
		}
		default:
			r.bad = true;
		}
	}
	bx_buf_free(&scratch);
	if (r.bad)
		return bx_fail(bx_doc_ctx(doc), BILEX_FATAL, BILEX_E_INTERNAL, "a tape is damaged");
	return st <= BILEX_FATAL ? st : bx_worst(st, t->status);
}

/*
 * wire.c - the messages between worker processes and the parent (see wire.h).
 *
 * Records travel field by field through the public field tables, so a field added to a record
 * crosses the wire without a change here.
 */
#include "wire.h"

#include <stdlib.h>
#include <string.h>

#define NO_STRING 0xFFFFFFFFu

int
wbuf_reserve(struct wbuf *b, size_t n)
{
	if (n > WIRE_MAX || b->len > WIRE_MAX)
		return -1;
	if (b->len + n > b->cap) {
		size_t nc = b->cap ? b->cap : 512; /* a held input of one small file: ~1 KiB */
		unsigned char *np;

		while (nc < b->len + n)
			nc *= 2;
		np = realloc(b->p, nc);
		if (np == NULL)
			return -1;
		b->p = np;
		b->cap = nc;
	}
	return 0;
}

int
wbuf_add(struct wbuf *b, const void *p, size_t n)
{
	if (wbuf_reserve(b, n) != 0)
		return -1;
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	return 0;
}

void
wbuf_free(struct wbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

static int
put_u32(struct wbuf *b, uint32_t v)
{
	unsigned char x[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
	    (unsigned char)(v >> 24) };

	return wbuf_add(b, x, 4);
}

static int
put_u64(struct wbuf *b, uint64_t v)
{
	return put_u32(b, (uint32_t)v) || put_u32(b, (uint32_t)(v >> 32));
}

/* Length-prefixed bytes (NO_STRING for NULL); a string goes with its NUL (extra = 1), so
 * that the parent can use it where it lies in the message. */
static int
put_len(struct wbuf *b, const void *p, size_t n, size_t extra)
{
	if (p == NULL)
		return put_u32(b, NO_STRING);
	if (n >= NO_STRING)
		return -1;
	return put_u32(b, (uint32_t)n) || wbuf_add(b, p, n + extra);
}

static int
put_str(struct wbuf *b, const char *s, size_t n)
{
	return put_len(b, s, n, 1);
}

static int
put_bytes(struct wbuf *b, const void *p, size_t n)
{
	return put_len(b, p, n, 0);
}

/* Starts a message: room for the length, the kind; returns the offset of the length. */
static size_t
begin(struct wbuf *b, int kind, int *err)
{
	size_t at = b->len;
	unsigned char k = (unsigned char)kind;

	*err = put_u32(b, 0) || wbuf_add(b, &k, 1);
	return at;
}

static int
end(struct wbuf *b, size_t at, int err)
{
	size_t n = b->len - at - 4;

	if (err || n > WIRE_MAX) {
		b->len = at;
		return -1;
	}
	b->p[at] = (unsigned char)n;
	b->p[at + 1] = (unsigned char)(n >> 8);
	b->p[at + 2] = (unsigned char)(n >> 16);
	b->p[at + 3] = (unsigned char)(n >> 24);
	return 0;
}

int
wire_put_job(struct wbuf *b, uint64_t slot, const char *path)
{
	int err;
	size_t at = begin(b, WIRE_JOB, &err);

	err = err || put_u64(b, slot) || wbuf_add(b, path, strlen(path));
	return end(b, at, err);
}

int
wire_put_done(struct wbuf *b, uint64_t slot, int status, int code, const char *msg)
{
	int err;
	size_t at = begin(b, WIRE_DONE, &err);

	err = err || put_u64(b, slot) || put_u32(b, (uint32_t)status) ||
	    put_u32(b, (uint32_t)code) || wbuf_add(b, msg ? msg : "", msg ? strlen(msg) : 0);
	return end(b, at, err);
}

static const void *
record_struct(const struct bilex_record *rec)
{
	switch (rec->type) {
	case BILEX_REC_FILE: return rec->u.file;
	case BILEX_REC_SEGMENT: return rec->u.segment;
	case BILEX_REC_PAIR: return rec->u.pair;
	case BILEX_REC_ERROR: return rec->u.error;
	default: return NULL;
	}
}

int
wire_put_record(struct wbuf *b, const struct bilex_record *rec)
{
	const struct bilex_field *f;
	const char *st = (const char *)record_struct(rec);
	size_t nf = 0;
	unsigned char t = (unsigned char)rec->type;
	int err;
	size_t at;

	f = bilex_record_fields(rec->type, &nf);
	if (st == NULL || f == NULL)
		return -1;
	at = begin(b, WIRE_REC, &err);
	err = err || wbuf_add(b, &t, 1);
	for (size_t i = 0; i < nf && !err; i++) {
		const void *v = st + f[i].offset;

		switch (f[i].type) {
		case BILEX_FIELD_STRING:
		case BILEX_FIELD_JSON: {
			const char *s = *(const char *const *)v;

			err = put_str(b, s, s ? strlen(s) : 0);
			break;
		}
		case BILEX_FIELD_INT: {
			int64_t x;

			memcpy(&x, v, sizeof(x));
			err = put_u64(b, (uint64_t)x);
			break;
		}
		case BILEX_FIELD_NUMBER: {
			uint64_t x;

			memcpy(&x, v, sizeof(x)); /* a double's bytes, the same machine on both ends */
			err = put_u64(b, x);
			break;
		}
		}
	}
	if (!err && rec->type == BILEX_REC_SEGMENT)
		err = put_bytes(b, rec->u.segment->crop, rec->u.segment->crop_len);
	return end(b, at, err);
}

int64_t
wire_frame(const unsigned char *p, size_t n)
{
	uint32_t len;

	if (n < 4)
		return 0;
	len = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	if (len == 0 || len > WIRE_MAX)
		return -1;
	if (n < (size_t)len + 4)
		return 0;
	return (int64_t)len + 4;
}

/* ---- decoding: every length checked against what is left ---------------------------------- */

struct cursor {
	const unsigned char *p;
	size_t n;
	bool bad;
};

static uint32_t
get_u32(struct cursor *c)
{
	uint32_t v;

	if (c->bad || c->n < 4) {
		c->bad = true;
		return 0;
	}
	v = (uint32_t)c->p[0] | (uint32_t)c->p[1] << 8 | (uint32_t)c->p[2] << 16 |
	    (uint32_t)c->p[3] << 24;
	c->p += 4;
	c->n -= 4;
	return v;
}

static uint64_t
get_u64(struct cursor *c)
{
	uint64_t lo = get_u32(c);

	return lo | (uint64_t)get_u32(c) << 32;
}

/* A string where it lies in the message (not copied: decoding was a sixth of the parent's
 * time); NULL for NO_STRING.  It must end with its NUL inside the message, or it would run
 * past it.  A NUL before that end is not looked for: the string then ends there for every
 * reader, which is no more than a worker can do by sending a shorter string. */
static const char *
get_str(struct cursor *c)
{
	uint32_t n = get_u32(c);
	const char *s;

	if (c->bad || n == NO_STRING)
		return NULL;
	if (n >= c->n || c->p[n] != '\0') {
		c->bad = true;
		return NULL;
	}
	s = (const char *)c->p;
	c->p += (size_t)n + 1;
	c->n -= (size_t)n + 1;
	return s;
}

int
wire_get_record(struct wire_rec *r, const unsigned char *p, size_t n)
{
	struct cursor c = { p, n, false };
	const struct bilex_field *f;
	size_t nf = 0;
	char *st;
	unsigned t;

	if (n < 1)
		return -1;
	t = *c.p++;
	c.n--;
	if (t > BILEX_REC_ERROR)
		return -1;
	f = bilex_record_fields((bilex_record_type)t, &nf);
	if (f == NULL)
		return -1;
	memset(&r->u, 0, sizeof(r->u));
	r->rec.type = (bilex_record_type)t;
	st = (char *)&r->u;
	for (size_t i = 0; i < nf && !c.bad; i++) {
		void *v = st + f[i].offset;

		switch (f[i].type) {
		case BILEX_FIELD_STRING:
		case BILEX_FIELD_JSON: {
			const char *s = get_str(&c);

			memcpy(v, &s, sizeof(s));
			break;
		}
		case BILEX_FIELD_INT:
		case BILEX_FIELD_NUMBER: {
			uint64_t x = get_u64(&c);

			memcpy(v, &x, sizeof(x));
			break;
		}
		}
	}
	if (t == BILEX_REC_SEGMENT && !c.bad) {
		/* the crop is bytes: read it raw, NUL bytes and all */
		uint32_t cn = get_u32(&c);

		if (!c.bad && cn != NO_STRING) {
			if (cn > c.n) {
				c.bad = true;
			} else {
				r->u.segment.crop = c.p;
				r->u.segment.crop_len = cn;
				c.p += cn;
				c.n -= cn;
			}
		}
	}
	if (c.bad || c.n != 0)
		return -1;
	switch (t) {
	case BILEX_REC_FILE: r->rec.u.file = &r->u.file; break;
	case BILEX_REC_SEGMENT: r->rec.u.segment = &r->u.segment; break;
	case BILEX_REC_PAIR: r->rec.u.pair = &r->u.pair; break;
	default: r->rec.u.error = &r->u.error; break;
	}
	return 0;
}

void
wire_rec_free(struct wire_rec *r)
{
	memset(r, 0, sizeof(*r));
}

static int
get_text(struct cursor *c, char *text, size_t text_len)
{
	if (c->bad || text_len == 0 || c->n >= text_len || memchr(c->p, '\0', c->n) != NULL)
		return -1;
	memcpy(text, c->p, c->n);
	text[c->n] = '\0';
	return 0;
}

int
wire_get_job(const unsigned char *p, size_t n, uint64_t *slot, char *text, size_t text_len)
{
	struct cursor c = { p, n, false };

	*slot = get_u64(&c);
	return get_text(&c, text, text_len);
}

int
wire_get_done(const unsigned char *p, size_t n, uint64_t *slot, int *status, int *code,
    char *text, size_t text_len)
{
	struct cursor c = { p, n, false };

	*slot = get_u64(&c);
	*status = (int)get_u32(&c);
	*code = (int)get_u32(&c);
	if (c.bad)
		return -1;
	if (c.n >= text_len) /* a long message is cut, not refused */
		c.n = text_len - 1;
	return get_text(&c, text, text_len);
}

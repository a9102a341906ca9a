/*
 * util.c - capped buffers, the per-document arena, string helpers.
 */
#include "bx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/utf8.h>

void
bx_buf_init(struct bx_buf *b, size_t limit)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->limit = limit;
}

void
bx_buf_free(struct bx_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int
bx_buf_reserve(struct bx_buf *b, size_t n)
{
	size_t need, ncap;
	char *p;

	if (n > b->limit || b->len > b->limit - n)
		return BILEX_FAILED;
	need = b->len + n + 1; /* room for the terminating NUL */
	if (need <= b->cap)
		return BILEX_OK;
	ncap = b->cap ? b->cap : 256;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	if (ncap > b->limit + 1)
		ncap = b->limit + 1;
	p = realloc(b->data, ncap);
	if (p == NULL)
		return BILEX_FATAL;
	b->data = p;
	b->cap = ncap;
	return BILEX_OK;
}

int
bx_buf_add_slow(struct bx_buf *b, const void *p, size_t n)
{
	int st = bx_buf_reserve(b, n);

	if (st != BILEX_OK)
		return st;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return BILEX_OK;
}

int
bx_buf_addc(struct bx_buf *b, char c)
{
	return bx_buf_add(b, &c, 1);
}

int
bx_buf_adds(struct bx_buf *b, const char *s)
{
	return bx_buf_add(b, s, strlen(s));
}

int
bx_buf_printf(struct bx_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n, st;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return BILEX_FAILED;
	st = bx_buf_reserve(b, (size_t)n);
	if (st != BILEX_OK)
		return st;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return BILEX_OK;
}

const char *
bx_buf_str(struct bx_buf *b)
{
	return b->data ? b->data : "";
}

/* ---- arena ------------------------------------------------------------------------------- */

struct bx_arena_chunk {
	struct bx_arena_chunk *next;
	size_t size, used;
	max_align_t data[];
};

#define BX_ARENA_CHUNK (64 * 1024)

void
bx_arena_init(struct bx_arena *a, size_t limit)
{
	a->head = NULL;
	a->used = 0;
	a->limit = limit;
}

void
bx_arena_free(struct bx_arena *a)
{
	struct bx_arena_chunk *c = a->head, *n;

	while (c) {
		n = c->next;
		free(c);
		c = n;
	}
	a->head = NULL;
	a->used = 0;
}

void
bx_arena_reset(struct bx_arena *a)
{
	struct bx_arena_chunk *c = a->head, *n;

	/* keep one standard chunk: the next slice reuses its (already touched) pages */
	if (c == NULL)
		return;
	n = c->next;
	c->next = NULL;
	c->used = 0;
	a->used = 0;
	if (c->size != BX_ARENA_CHUNK) {
		free(c);
		a->head = NULL;
	}
	while (n) {
		struct bx_arena_chunk *next = n->next;

		if (a->head == NULL && n->size == BX_ARENA_CHUNK) {
			n->next = NULL;
			n->used = 0;
			a->head = n;
		} else {
			free(n);
		}
		n = next;
	}
}

void *
bx_arena_alloc(struct bx_arena *a, size_t n)
{
	struct bx_arena_chunk *c = a->head;
	size_t al = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	size_t size;
	void *p;

	if (al < n || al > a->limit || a->used > a->limit - al)
		return NULL;
	if (c == NULL || c->size - c->used < al) {
		/* Large requests get a chunk of their own so that small ones keep packing. */
		size = al > BX_ARENA_CHUNK / 4 ? al : BX_ARENA_CHUNK;
		c = malloc(sizeof(*c) + size);
		if (c == NULL)
			return NULL;
		c->size = size;
		c->used = 0;
		if (al > BX_ARENA_CHUNK / 4 && a->head) {
			/* keep the current chunk at the head for later small requests */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = (char *)c->data + c->used;
	c->used += al;
	a->used += al;
	return p;
}

char *
bx_arena_strndup(struct bx_arena *a, const char *s, size_t n)
{
	char *p = bx_arena_alloc(a, n + 1);

	if (p == NULL)
		return NULL;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
bx_arena_strdup(struct bx_arena *a, const char *s)
{
	return s ? bx_arena_strndup(a, s, strlen(s)) : NULL;
}

char *
bx_arena_printf(struct bx_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	p = bx_arena_alloc(a, (size_t)n + 1);
	if (p == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* ---- strings ----------------------------------------------------------------------------- */

char *
bx_strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
bx_strdup(const char *s)
{
	return s ? bx_strndup(s, strlen(s)) : NULL;
}

bool
bx_utf8_valid(const char *p, size_t n)
{
	int32_t i = 0, len;
	UChar32 c;

	if (n > INT32_MAX)
		return false;
	len = (int32_t)n;
	while (i < len) {
		U8_NEXT(p, i, len, c);
		if (c < 0)
			return false;
	}
	return true;
}

/* Characters that would let a name or message rewrite a terminal or reorder a line. */
static bool
is_dangerous(UChar32 c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
}

int
bx_escape_bytes(struct bx_buf *b, const char *p, size_t n)
{
	int32_t i = 0, start, len;
	UChar32 c;
	int st = BILEX_OK;

	if (n > INT32_MAX)
		n = INT32_MAX;
	len = (int32_t)n;
	while (i < len && st == BILEX_OK) {
		start = i;
		U8_NEXT(p, i, len, c);
		if (c < 0) {
			/* one escape per byte so the raw bytes can be read back from the text */
			for (int32_t k = start; k < i; k++)
				st = bx_buf_printf(b, "\\x%02X", (unsigned char)p[k]);
		} else if (c == '\\') {
			st = bx_buf_adds(b, "\\\\");
		} else if (is_dangerous(c)) {
			if (c == '\n')
				st = bx_buf_adds(b, "\\n");
			else if (c == '\t')
				st = bx_buf_adds(b, "\\t");
			else if (c == '\r')
				st = bx_buf_adds(b, "\\r");
			else
				st = bx_buf_printf(b, "\\u%04X", (unsigned)c);
		} else {
			st = bx_buf_add(b, p + start, (size_t)(i - start));
		}
	}
	return st;
}

void
bx_iso8601(int64_t t, char out[32])
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL || tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 0) {
		out[0] = '\0';
		return;
	}
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

char *
bx_fmt_i64(char *out, int64_t v)
{
	/* two digits per division: line numbers and ids are formatted for every segment */
	static const char pairs[201] =
	    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	    "8081828384858687888990919293949596979899";
	char tmp[24];
	int n = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	while (u >= 100) {
		unsigned r = (unsigned)(u % 100);

		u /= 100;
		tmp[n++] = pairs[2 * r + 1];
		tmp[n++] = pairs[2 * r];
	}
	if (u >= 10) {
		tmp[n++] = pairs[2 * u + 1];
		tmp[n++] = pairs[2 * u];
	} else {
		tmp[n++] = (char)('0' + u);
	}
	if (v < 0)
		*out++ = '-';
	while (n)
		*out++ = tmp[--n];
	*out = '\0';
	return out;
}

char *
bx_col_name(int64_t col, char out[16])
{
	char tmp[16];
	int n = 0;

	if (col < 1) {
		memcpy(out, "?", 2);
		return out + 1;
	}
	/* bijective base 26: there is no zero letter, so A..Z, AA..ZZ, AAA...; 14 letters hold
	 * any int64 */
	while (col > 0 && n < 15) {
		col--;
		tmp[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
	return out + n;
}

/* JSON string literal: the writers' fast path (runs of plain bytes copied at once) and the
 * extractors' `extra` objects. */
static const unsigned char json_stop[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
	[0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1, [0x0C] = 1, [0x0D] = 1,
	[0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
	[0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1,
	[0x1C] = 1, [0x1D] = 1, [0x1E] = 1, [0x1F] = 1, ['"'] = 1, ['\\'] = 1, [0xE2] = 1,
};

int
bx_json_string(struct bx_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *run;
	int st;

	if (s == NULL)
		return bx_buf_add(b, "null", 4); /* most optional fields are empty */
	st = bx_buf_addc(b, '"');
	while (st == BILEX_OK) {
		run = p;
		while (!json_stop[*p])
			p++;
		st = bx_buf_add(b, run, (size_t)(p - run));
		if (st != BILEX_OK || *p == '\0')
			break;
		switch (*p) {
		case '"': st = bx_buf_add(b, "\\\"", 2); break;
		case '\\': st = bx_buf_add(b, "\\\\", 2); break;
		case '\n': st = bx_buf_add(b, "\\n", 2); break;
		case '\r': st = bx_buf_add(b, "\\r", 2); break;
		case '\t': st = bx_buf_add(b, "\\t", 2); break;
		case 0xE2:
			if (p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
				st = bx_buf_add(b, p[2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
				p += 2;
			} else {
				st = bx_buf_addc(b, (char)*p);
			}
			break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 15] };

			st = bx_buf_add(b, u, 6);
			break;
		}
		}
		p++;
	}
	if (st == BILEX_OK)
		st = bx_buf_addc(b, '"');
	return st;
}

/*
 * bx.h - private interface shared by the parts of libbilex (never installed).
 *
 * Ownership rules used throughout:
 *  - A function that returns `char *` or fills a struct with pointers says who frees them.
 *  - Every growable buffer carries its own cap (struct bx_buf); growing past it is an error,
 *    never a silent realloc to any size: input decides sizes here, and input is hostile.
 */
#ifndef BX_H
#define BX_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bilex.h"

#define BX_UNUSED(x) ((void)(x))
#define BX_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define BX_MIN(a, b) ((a) < (b) ? (a) : (b))
#define BX_MAX(a, b) ((a) > (b) ? (a) : (b))

#if defined(__GNUC__)
#define BX_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define BX_PRINTF(f, a)
#endif

struct bx_lang;
struct bx_align;

/* ---- growable byte buffer with a hard cap ---------------------------------------------- */
struct bx_buf {
	char *data;
	size_t len;
	size_t cap;   /* allocated */
	size_t limit; /* never grow past this many bytes */
};

void bx_buf_init(struct bx_buf *b, size_t limit);
void bx_buf_free(struct bx_buf *b);
/* Ensures room for n more bytes plus a NUL.  BILEX_FAILED past the limit, BILEX_FATAL on OOM. */
int bx_buf_reserve(struct bx_buf *b, size_t n);
int bx_buf_add_slow(struct bx_buf *b, const void *p, size_t n);
/* Appends n bytes (the common case inline: it runs for every piece of every record). */
static inline int
bx_buf_add(struct bx_buf *b, const void *p, size_t n)
{
	if (b->cap - b->len > n) {
		if (n)
			memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
		return BILEX_OK;
	}
	return bx_buf_add_slow(b, p, n);
}
int bx_buf_addc(struct bx_buf *b, char c);
int bx_buf_adds(struct bx_buf *b, const char *s);
int bx_buf_printf(struct bx_buf *b, const char *fmt, ...) BX_PRINTF(2, 3);
/* Keeps the data NUL-terminated (data may be NULL while len == 0). */
const char *bx_buf_str(struct bx_buf *b);

/* ---- arena: many small strings freed together (one per document) ----------------------- */
struct bx_arena_chunk;
struct bx_arena {
	struct bx_arena_chunk *head;
	size_t used;  /* bytes handed out, for the cap */
	size_t limit;
};

void bx_arena_init(struct bx_arena *a, size_t limit);
void bx_arena_free(struct bx_arena *a);
/* Forgets every allocation but keeps memory for reuse. */
void bx_arena_reset(struct bx_arena *a);
/* NULL when out of memory or past the limit. */
void *bx_arena_alloc(struct bx_arena *a, size_t n);
char *bx_arena_strndup(struct bx_arena *a, const char *s, size_t n);
char *bx_arena_strdup(struct bx_arena *a, const char *s); /* NULL in, NULL out */
char *bx_arena_printf(struct bx_arena *a, const char *fmt, ...) BX_PRINTF(2, 3);

/* ---- strings ------------------------------------------------------------------------------ */
char *bx_strdup(const char *s); /* NULL in, NULL out; NULL on OOM */
char *bx_strndup(const char *s, size_t n);
/* Makes arbitrary bytes a valid one-line UTF-8 string: invalid bytes become \xNN, control
 * characters become \n, \t or \u00NN, bidi controls become \u202E etc.  Appends to b. */
int bx_escape_bytes(struct bx_buf *b, const char *p, size_t n);
/* JSON string literal of s, escaped (NULL gives null). */
int bx_json_string(struct bx_buf *b, const char *s);
/* True when p[0..n) is valid UTF-8 (no surrogates, no overlongs). */
bool bx_utf8_valid(const char *p, size_t n);
/* A precomposed Hangul syllable (U+AC00 to U+D7A3): what the script, variant, aligner and OCR
 * stages count as a Korean letter. */
static inline bool
bx_is_syllable(int32_t c)
{
	return c >= 0xAC00 && c <= 0xD7A3;
}
/* Decimal digits of v at out (at least 21 bytes); returns the end (at the NUL). */
char *bx_fmt_i64(char *out, int64_t v);
/* Spreadsheet column letters of a 1-based column (1 -> A, 27 -> AA, 16384 -> XFD) at out;
 * "?" when col < 1.  Returns the end (at the NUL). */
char *bx_col_name(int64_t col, char out[16]);
/* ISO 8601 UTC string of a time_t into out (at least 21 bytes). */
void bx_iso8601(int64_t t, char out[32]);

/* ---- hashing (nettle) ----------------------------------------------------------------------- */
struct bx_sha256 {
	uint64_t state[16]; /* opaque, aligned: holds nettle's struct sha256_ctx */
};
void bx_sha256_init(struct bx_sha256 *h);
void bx_sha256_update(struct bx_sha256 *h, const void *p, size_t n);
void bx_sha256_hex(struct bx_sha256 *h, char out[65]);
void bx_sha256_of(const void *p, size_t n, char out[65]);
/* First 12 hex characters of SHA-256 of s: the stem of stable record ids. */
void bx_id_stem(const char *s, char out[13]);

/* ---- data files ------------------------------------------------------------------------- */
/* Reads a TSV file DIR/NAME (NAME alone when DIR is NULL): calls fn for each line that is not
 * blank and does not start with '#', split at TABs into at most 8 fields (fields are modified
 * in place and valid during the call).  fn returns 0 to go on.  BILEX_FAILED with a message in
 * err when the file cannot be read or fn failed. */
int bx_tsv_read(const char *dir, const char *name, int (*fn)(void *arg, char **f, int nf),
    void *arg, char *err, size_t errlen);
/* The code point of a field that holds one character (UTF-8), else -1: the key of the
 * per-character tables (han-readings.tsv, han-variants.tsv, han-glosses.tsv). */
int32_t bx_tsv_char(const char *field);

/* ---- the context ---------------------------------------------------------------------------- */
struct bilex_ctx {
	int64_t limits[BILEX_LIMIT_COUNT];
	bool flags[BILEX_FLAG_COUNT];
	char *options[BILEX_OPT_COUNT];

	bilex_record_fn fn;
	void *fn_arg;
	/* When set, records go here instead of fn (bilex_scan routes through its collector). */
	int (*route)(void *arg, const struct bilex_record *rec);
	void *route_arg;

	bilex_code errcode;
	char errmsg[512];

	struct bx_lang *lang;   /* lazily opened language stage */
	struct bx_align *align; /* lazily opened aligner resources */
	void *ocr;              /* OCR engine, created once per context */
	struct bx_tapes *tapes; /* extractor calls of documents seen, by SHA-256 (tape.c) */
};

/* Records the failure of the current call; returns `status` for `return bx_fail(...)`. */
int bx_fail(bilex_ctx *ctx, int status, bilex_code code, const char *fmt, ...) BX_PRINTF(4, 5);
/* Hands a record to the route or the callback.  BILEX_FATAL when the callback said stop. */
int bx_emit(bilex_ctx *ctx, const struct bilex_record *rec);
/* Opens the language stage and aligner on first use. */
int bx_ctx_lang(bilex_ctx *ctx, struct bx_lang **out);
int bx_ctx_align(bilex_ctx *ctx, struct bx_align **out);
/* Folder of language data: option, $BILEX_LANGDATA, or the compiled-in pkgdatadir. */
const char *bx_langdata_dir(const bilex_ctx *ctx);

/* OCR engine: created with the first picture of a context (src/extract/ocr.c). */
void bx_ocr_free(bilex_ctx *ctx);
/* The tapes of documents seen (tape.c). */
void bx_tapes_free(bilex_ctx *ctx);

/* Worst of two statuses on the ladder. */
static inline int bx_worst(int a, int b) { return a < b ? a : b; }

#endif /* BX_H */

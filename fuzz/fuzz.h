/*
 * fuzz.h - shared by the libFuzzer targets of fuzz/ (fuzz/README.md).
 *
 * One bilex context per process, made once in LLVMFuzzerInitialize: OCR off, small limits so
 * that one input stays fast, language data from $BILEX_LANGDATA or the source tree.  Every
 * input then starts from the same state: the documents seen before are forgotten after each
 * input (tape.c would otherwise replay them), so a run is deterministic and a crash reproduces
 * from its one input file.
 *
 * Checks on every input, beyond the sanitizers (abort() when one fails):
 *  - the record contract of include/bilex.h and DESIGN.md section 4: every string field is
 *    valid UTF-8, JSON fields are valid JSON, error messages are one line without control
 *    characters, confidences and scores are in 0..1 (or "not applicable"), and the input ends
 *    as exactly one top-level file record;
 *  - replay: the same bytes processed a second time (documents seen are then replayed from
 *    their tape, tape.c) give exactly the same records and status.
 */
#ifndef BILEX_FUZZ_H
#define BILEX_FUZZ_H

#include <bilex.h>

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_LANGDATA
#define FUZZ_LANGDATA "langdata"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Internal (src/core/bx.h; the fuzzers link the convenience library): forgets the documents
 * seen so far in this context. */
void bx_tapes_free(bilex_ctx *ctx);

static bilex_ctx *fz_ctx;

#include "fuzz-fail.h"

/* ---- small validators ------------------------------------------------------------------ */

/* Strict UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF). */
static bool
fz_utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t k;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			k = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (n - i <= k)
			return false;
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + j] & 0x3F);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += k + 1;
	}
	return true;
}

/* JSON (RFC 8259), one value.  When OUT is not NULL and the value is a string, its decoded
 * bytes are written there (OUT holds at least strlen(s) bytes) and *outlen set.  Returns the
 * end of the value, or NULL. */
static const char *fz_json_value(const char *p, int depth, char *out, size_t *outlen);

static const char *
fz_json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static int
fz_hex4(const char *p)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static size_t
fz_put_utf8(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static const char *
fz_json_string(const char *p, char *out, size_t *outlen)
{
	size_t n = 0;

	if (*p++ != '"')
		return NULL;
	for (;;) {
		unsigned char c = (unsigned char)*p;

		if (c == '"')
			break;
		if (c < 0x20)
			return NULL; /* raw control character (or the end of the text) */
		if (c != '\\') {
			if (out)
				out[n] = (char)c;
			n++;
			p++;
			continue;
		}
		p++;
		switch (*p) {
		case '"': case '\\': case '/':
			if (out)
				out[n] = *p;
			n++;
			p++;
			break;
		case 'b': case 'f': case 'n': case 'r': case 't':
			if (out)
				out[n] = *p == 'b' ? '\b' : *p == 'f' ? '\f' : *p == 'n' ? '\n' :
				    *p == 'r' ? '\r' : '\t';
			n++;
			p++;
			break;
		case 'u': {
			int v = fz_hex4(p + 1);
			uint32_t cp;
			char tmp[4];
			size_t k;

			if (v < 0)
				return NULL;
			p += 5;
			cp = (uint32_t)v;
			if (cp >= 0xD800 && cp <= 0xDBFF && p[0] == '\\' && p[1] == 'u') {
				int lo = fz_hex4(p + 2);

				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
					p += 6;
				}
			}
			k = fz_put_utf8(tmp, cp);
			if (out)
				memcpy(out + n, tmp, k);
			n += k;
			break;
		}
		default:
			return NULL;
		}
	}
	if (outlen)
		*outlen = n;
	return p + 1;
}

static const char *
fz_json_number(const char *p)
{
	const char *s = p;

	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return NULL;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return p > s ? p : NULL;
}

static const char *
fz_json_value(const char *p, int depth, char *out, size_t *outlen)
{
	if (depth > 200)
		return NULL;
	p = fz_json_ws(p);
	switch (*p) {
	case '"':
		return fz_json_string(p, out, outlen);
	case '{':
	case '[': {
		char close = *p == '{' ? '}' : ']';

		p = fz_json_ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (close == '}') {
				p = fz_json_string(fz_json_ws(p), NULL, NULL);
				if (p == NULL)
					return NULL;
				p = fz_json_ws(p);
				if (*p++ != ':')
					return NULL;
			}
			p = fz_json_value(p, depth + 1, NULL, NULL);
			if (p == NULL)
				return NULL;
			p = fz_json_ws(p);
			if (*p == close)
				return p + 1;
			if (*p++ != ',')
				return NULL;
		}
	}
	case 't':
		return strncmp(p, "true", 4) == 0 ? p + 4 : NULL;
	case 'f':
		return strncmp(p, "false", 5) == 0 ? p + 5 : NULL;
	case 'n':
		return strncmp(p, "null", 4) == 0 ? p + 4 : NULL;
	default:
		return fz_json_number(p);
	}
}

/* True when s is exactly one JSON value (surrounding white space allowed). */
static bool
fz_json_valid(const char *s)
{
	const char *e = fz_json_value(s, 0, NULL, NULL);

	return e && *fz_json_ws(e) == '\0';
}

/* ---- records ------------------------------------------------------------------------------ */

/* FNV-1a over the record stream, for the replay check. */
struct fz_digest {
	uint64_t h;
	uint64_t records;
	uint64_t top_files;   /* file records of depth 0 */
};

static struct fz_digest *fz_cur;

/* $FUZZ_VERBOSE set: every record is printed to stderr (fuzz/README.md, reproducing) */
static bool fz_verbose;

static void
fz_mix(struct fz_digest *d, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++) {
		d->h ^= b[i];
		d->h *= 0x100000001b3ULL;
	}
}

static const void *
fz_record_struct(const struct bilex_record *rec)
{
	switch (rec->type) {
	case BILEX_REC_FILE: return rec->u.file;
	case BILEX_REC_SEGMENT: return rec->u.segment;
	case BILEX_REC_PAIR: return rec->u.pair;
	case BILEX_REC_ERROR: return rec->u.error;
	}
	return NULL;
}

/* Checks one record against the contract and mixes it into the current digest. */
static int
fz_record(void *arg, const struct bilex_record *rec)
{
	struct fz_digest *d = fz_cur;
	size_t n;
	const struct bilex_field *f;
	const char *base = fz_record_struct(rec);
	const char *tname = bilex_record_type_name(rec->type);

	(void)arg;
	if (base == NULL)
		fz_fail("record of unknown type %d", (int)rec->type);
	f = bilex_record_fields(rec->type, &n);
	if (f == NULL || n == 0)
		fz_fail("no fields for record type %s", tname);
	d->records++;
	fz_mix(d, &rec->type, sizeof(rec->type));
	for (size_t i = 0; i < n; i++) {
		const void *at = base + f[i].offset;

		switch (f[i].type) {
		case BILEX_FIELD_STRING:
		case BILEX_FIELD_JSON: {
			const char *s = *(const char *const *)at;
			size_t len;

			if (s == NULL) {
				fz_mix(d, "\xff", 1);
				break;
			}
			len = strlen(s);
			fz_mix(d, s, len + 1);
			if (fz_verbose)
				fprintf(stderr, "  %s.%s = \"%.300s\"\n", tname, f[i].name, s);
			if (!fz_utf8_valid((const unsigned char *)s, len))
				fz_fail("%s.%s is not valid UTF-8: \"%.200s\"", tname, f[i].name, s);
			/* JSON fields are copied as they are into JSONL: one value, one line */
			if (f[i].type == BILEX_FIELD_JSON &&
			    (!fz_json_valid(s) || strpbrk(s, "\r\n")))
				fz_fail("%s.%s is not JSON on one line: %.400s", tname, f[i].name, s);
			if (rec->type == BILEX_REC_ERROR && strcmp(f[i].name, "message") == 0)
				for (size_t k = 0; k < len; k++)
					if ((unsigned char)s[k] < 0x20 || s[k] == 0x7f)
						fz_fail("error message has control character 0x%02x: "
						    "\"%.200s\"", (unsigned char)s[k], s);
			break;
		}
		case BILEX_FIELD_INT: {
			int64_t v = *(const int64_t *)at;

			fz_mix(d, &v, sizeof(v));
			if (fz_verbose)
				fprintf(stderr, "  %s.%s = %lld\n", tname, f[i].name, (long long)v);
			if (v < -1)
				fz_fail("%s.%s is %lld", tname, f[i].name, (long long)v);
			break;
		}
		case BILEX_FIELD_NUMBER: {
			double v = *(const double *)at;

			fz_mix(d, &v, sizeof(v));
			if (fz_verbose)
				fprintf(stderr, "  %s.%s = %g\n", tname, f[i].name, v);
			if (isnan(v) || v > 1.0 + 1e-9)
				fz_fail("%s.%s is %g, not in 0..1 or negative", tname, f[i].name, v);
			break;
		}
		}
	}
	if (rec->type == BILEX_REC_SEGMENT && rec->u.segment->crop_len)
		fz_mix(d, rec->u.segment->crop, rec->u.segment->crop_len);
	if (rec->type == BILEX_REC_FILE && rec->u.file->depth == 0)
		d->top_files++;
	return 0;
}

/* ---- the context and one input ---------------------------------------------------------- */

/* Makes the context: OCR off, PAIRS on or off, small limits. */
static void
fz_init(bool pairs)
{
	const char *langdata = getenv("BILEX_LANGDATA");

	if (langdata == NULL || *langdata == '\0')
		langdata = FUZZ_LANGDATA;
	fz_verbose = getenv("FUZZ_VERBOSE") != NULL;
	if (bilex_ctx_new(&fz_ctx) != BILEX_OK)
		fz_fail("bilex_ctx_new");
	if (bilex_set_option(fz_ctx, BILEX_OPT_LANGDATA, langdata) != BILEX_OK ||
	    bilex_set_flag(fz_ctx, BILEX_FLAG_OCR, 0) != BILEX_OK ||
	    bilex_set_flag(fz_ctx, BILEX_FLAG_PAIRS, pairs) != BILEX_OK ||
	    bilex_set_limit(fz_ctx, BILEX_LIMIT_MEMBER_BYTES, 8 << 20) != BILEX_OK ||
	    bilex_set_limit(fz_ctx, BILEX_LIMIT_TOTAL_BYTES, 64 << 20) != BILEX_OK ||
	    bilex_set_limit(fz_ctx, BILEX_LIMIT_ENTRIES, 2000) != BILEX_OK ||
	    bilex_set_limit(fz_ctx, BILEX_LIMIT_SEGMENTS, 5000) != BILEX_OK)
		fz_fail("setting up the context: %s", bilex_errmsg(fz_ctx));
	/* language data now, not in the first input (its allocations live as long as the
	 * context, which LeakSanitizer sees as reachable) */
	if (bilex_prepare(fz_ctx) != BILEX_OK)
		fz_fail("bilex_prepare: %s (set BILEX_LANGDATA to the langdata folder)",
		    bilex_errmsg(fz_ctx));
	bilex_set_callback(fz_ctx, fz_record, NULL);
}

/* Processes DATA as a file called NAME, twice (the second time replayed from tapes), checks
 * the records and forgets the input. */
static void
fz_process(const char *name, const uint8_t *data, size_t size)
{
	struct fz_digest first = { 0xcbf29ce484222325ULL, 0, 0 };
	struct fz_digest again = { 0xcbf29ce484222325ULL, 0, 0 };
	int st1, st2;

	fz_cur = &first;
	st1 = bilex_process_memory(fz_ctx, name, data, size);
	fz_cur = &again;
	if (fz_verbose)
		fprintf(stderr, "fuzz: the same input again (replayed from tapes)\n");
	st2 = bilex_process_memory(fz_ctx, name, data, size);
	bx_tapes_free(fz_ctx);
	fz_cur = NULL;
	if (st1 == BILEX_FATAL)
		fz_fail("fatal status on one input: %s", bilex_errmsg(fz_ctx));
	if (first.top_files != 1)
		fz_fail("%llu top-level file records for one input (status %d: %s)",
		    (unsigned long long)first.top_files, st1, bilex_errmsg(fz_ctx));
	if (st1 != st2 || first.h != again.h || first.records != again.records)
		fz_fail("replayed input differs: status %d then %d, %llu then %llu records",
		    st1, st2, (unsigned long long)first.records,
		    (unsigned long long)again.records);
}

#endif /* BILEX_FUZZ_H */

/*
 * context.c - the context: options, limits, flags, and the record route.
 */
#include "bx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lang/lang.h"
#include "../align/align.h"

#ifndef BILEX_PKGDATADIR
#define BILEX_PKGDATADIR "/usr/local/share/bilex"
#endif

#define KiB (INT64_C(1) << 10)
#define MiB (INT64_C(1) << 20)
#define GiB (INT64_C(1) << 30)

/* Every limit: stable name, default, minimum, and the sentence docs/LIMITS.md repeats. */
static const struct limit_info {
	const char *name;
	int64_t def;
	int64_t min;
	const char *help;
} limits[BILEX_LIMIT_COUNT] = {
	[BILEX_LIMIT_DEPTH] = { "depth", 8, 0, "container nesting levels below a top-level file" },
	[BILEX_LIMIT_FILE_BYTES] = { "file-bytes", 16 * GiB, 0, "largest top-level file read" },
	[BILEX_LIMIT_MEMBER_BYTES] = { "member-bytes", 256 * MiB, 0,
	    "largest member (or document part) expanded into memory" },
	[BILEX_LIMIT_TOTAL_BYTES] = { "total-bytes", 4 * GiB, 0,
	    "bytes expanded from all members of one top-level input" },
	[BILEX_LIMIT_ENTRIES] = { "entries", 100000, 1, "members per container" },
	[BILEX_LIMIT_RATIO] = { "ratio", 200, 1,
	    "expansion ratio of a member after its first MiB (uncompressed / compressed)" },
	[BILEX_LIMIT_SEGMENTS] = { "segments", 50000, 16,
	    "segments held per document for alignment (more are aligned in slices)" },
	[BILEX_LIMIT_LINE_BYTES] = { "line-bytes", 1 * MiB, 1024,
	    "longest text line kept as one unit (longer lines are cut)" },
	[BILEX_LIMIT_XML_DEPTH] = { "xml-depth", 256, 8, "element nesting in XML and HTML" },
	[BILEX_LIMIT_IMAGE_SIDE] = { "image-side", 32767, 1, "pixels per image side" },
	[BILEX_LIMIT_IMAGE_PIXELS] = { "image-pixels", 89478485, 1, "pixels per image" },
	[BILEX_LIMIT_OCR_MS] = { "ocr-ms", 20000, 100, "OCR deadline per image, milliseconds" },
	[BILEX_LIMIT_TEXT_BYTES] = { "text-bytes", 256 * MiB, 1 * MiB,
	    "extracted text kept per document" },
	[BILEX_LIMIT_INPUT_MS] = { "input-ms", 600000, 1000,
	    "wall clock for one top-level input in a worker process, milliseconds (bilex command)" },
	[BILEX_LIMIT_WORKER_BYTES] = { "worker-bytes", 4 * GiB, 256 * MiB,
	    "address space of a worker process (bilex command)" },
	[BILEX_LIMIT_CELLS] = { "cells", 10000000, 16,
	    "cells read from one CSV or TSV table (empty ones and empty rows included)" },
};

int
bilex_ctx_new(bilex_ctx **out)
{
	bilex_ctx *ctx;

	if (out == NULL)
		return BILEX_FATAL;
	*out = NULL;
	ctx = calloc(1, sizeof(*ctx));
	if (ctx == NULL)
		return BILEX_FATAL;
	for (int i = 0; i < BILEX_LIMIT_COUNT; i++)
		ctx->limits[i] = limits[i].def;
#ifdef HAVE_OCR
	ctx->flags[BILEX_FLAG_OCR] = true;
#endif
	ctx->flags[BILEX_FLAG_PAIRS] = true;
	ctx->flags[BILEX_FLAG_CROSS_FILE] = true;
	snprintf(ctx->errmsg, sizeof(ctx->errmsg), "no error");
	*out = ctx;
	return BILEX_OK;
}

void
bilex_ctx_free(bilex_ctx *ctx)
{
	if (ctx == NULL)
		return;
	bx_align_close(ctx->align);
	bx_lang_close(ctx->lang);
	bx_ocr_free(ctx);
	bx_tapes_free(ctx);
	for (int i = 0; i < BILEX_OPT_COUNT; i++)
		free(ctx->options[i]);
	free(ctx);
}

void
bilex_set_callback(bilex_ctx *ctx, bilex_record_fn fn, void *arg)
{
	if (ctx == NULL)
		return;
	ctx->fn = fn;
	ctx->fn_arg = arg;
}

int
bilex_set_limit(bilex_ctx *ctx, bilex_limit which, int64_t value)
{
	if (ctx == NULL || (unsigned)which >= BILEX_LIMIT_COUNT)
		return bx_fail(ctx, BILEX_FAILED, BILEX_E_INVALID, "no such limit");
	if (value < limits[which].min)
		return bx_fail(ctx, BILEX_FAILED, BILEX_E_INVALID, "limit %s must be at least %lld",
		    limits[which].name, (long long)limits[which].min);
	ctx->limits[which] = value;
	return BILEX_OK;
}

int64_t
bilex_get_limit(const bilex_ctx *ctx, bilex_limit which)
{
	if (ctx == NULL || (unsigned)which >= BILEX_LIMIT_COUNT)
		return -1;
	return ctx->limits[which];
}

const char *
bilex_limit_name(bilex_limit which)
{
	return (unsigned)which < BILEX_LIMIT_COUNT ? limits[which].name : NULL;
}

const char *
bilex_limit_help(bilex_limit which)
{
	return (unsigned)which < BILEX_LIMIT_COUNT ? limits[which].help : NULL;
}

int64_t
bilex_limit_default(bilex_limit which)
{
	return (unsigned)which < BILEX_LIMIT_COUNT ? limits[which].def : -1;
}

int
bilex_limit_by_name(const char *name)
{
	if (name == NULL)
		return -1;
	for (int i = 0; i < BILEX_LIMIT_COUNT; i++)
		if (strcmp(limits[i].name, name) == 0)
			return i;
	return -1;
}

int
bilex_set_flag(bilex_ctx *ctx, bilex_flag which, int on)
{
	if (ctx == NULL || (unsigned)which >= BILEX_FLAG_COUNT)
		return bx_fail(ctx, BILEX_FAILED, BILEX_E_INVALID, "no such flag");
#ifndef HAVE_OCR
	if ((which == BILEX_FLAG_OCR || which == BILEX_FLAG_OCR_ALL) && on)
		return bx_fail(ctx, BILEX_FAILED, BILEX_E_UNSUPPORTED, "built without OCR");
#endif
	ctx->flags[which] = on != 0;
	return BILEX_OK;
}

int
bilex_get_flag(const bilex_ctx *ctx, bilex_flag which)
{
	if (ctx == NULL || (unsigned)which >= BILEX_FLAG_COUNT)
		return 0;
	return ctx->flags[which];
}

int
bilex_set_option(bilex_ctx *ctx, bilex_option which, const char *value)
{
	char *copy = NULL;

	if (ctx == NULL || (unsigned)which >= BILEX_OPT_COUNT)
		return bx_fail(ctx, BILEX_FAILED, BILEX_E_INVALID, "no such option");
	if (value && (copy = bx_strdup(value)) == NULL)
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	free(ctx->options[which]);
	ctx->options[which] = copy;
	/* data already loaded from the old value must be reloaded */
	if (which == BILEX_OPT_LANGDATA || which == BILEX_OPT_GLOSSARY) {
		bx_align_close(ctx->align);
		ctx->align = NULL;
		bx_lang_close(ctx->lang);
		ctx->lang = NULL;
	}
	return BILEX_OK;
}

const char *
bilex_get_option(const bilex_ctx *ctx, bilex_option which)
{
	if (ctx == NULL || (unsigned)which >= BILEX_OPT_COUNT)
		return NULL;
	return ctx->options[which];
}

const char *
bx_langdata_dir(const bilex_ctx *ctx)
{
	const char *env;

	if (ctx->options[BILEX_OPT_LANGDATA])
		return ctx->options[BILEX_OPT_LANGDATA];
	env = getenv("BILEX_LANGDATA");
	if (env && *env)
		return env;
	return BILEX_PKGDATADIR;
}

int
bx_emit(bilex_ctx *ctx, const struct bilex_record *rec)
{
	int rc;

	if (ctx->route)
		rc = ctx->route(ctx->route_arg, rec);
	else if (ctx->fn)
		rc = ctx->fn(ctx->fn_arg, rec);
	else
		rc = 0;
	if (rc == 0)
		return BILEX_OK;
	if (rc < 0 && rc >= BILEX_FATAL)
		return rc; /* a route passes the ladder through */
	return bx_fail(ctx, BILEX_FATAL, BILEX_E_CALLBACK, "stopped by the record callback");
}

int
bx_ctx_lang(bilex_ctx *ctx, struct bx_lang **out)
{
	char err[256];

	if (ctx->lang == NULL) {
		int st = bx_lang_open(&ctx->lang, bx_langdata_dir(ctx), err, sizeof(err));

		if (st != BILEX_OK)
			return bx_fail(ctx, st, BILEX_E_INTERNAL, "language stage: %s", err);
	}
	*out = ctx->lang;
	return BILEX_OK;
}

int
bx_ctx_align(bilex_ctx *ctx, struct bx_align **out)
{
	char err[256];
	struct bx_lang *L;
	int st;

	if (ctx->align == NULL) {
		st = bx_ctx_lang(ctx, &L);
		if (st != BILEX_OK)
			return st;
		st = bx_align_open(&ctx->align, L, bx_langdata_dir(ctx),
		    ctx->options[BILEX_OPT_GLOSSARY], err, sizeof(err));
		if (st != BILEX_OK)
			return bx_fail(ctx, st, BILEX_E_INVALID, "aligner: %s", err);
	}
	*out = ctx->align;
	return BILEX_OK;
}

int
bilex_prepare(bilex_ctx *ctx)
{
	struct bx_lang *L;
	struct bx_align *A;
	int st;

	if (ctx == NULL)
		return BILEX_FATAL;
	st = bx_ctx_lang(ctx, &L);
	if (st == BILEX_OK && ctx->flags[BILEX_FLAG_PAIRS])
		st = bx_ctx_align(ctx, &A);
	/* Tesseract is not loaded here: its start costs a second of wall clock, which a run
	 * without pictures should not pay; it is loaded with the first picture (ocr.c) */
	return st;
}

const char *
bilex_version(void)
{
	return BILEX_VERSION_STRING;
}

/*
 * errors.c - the one numbered error enum: stable short names and messages.
 */
#include "bx.h"

#include <stdio.h>
#include <string.h>

struct code_info {
	bilex_code code;
	const char *name;
	const char *message;
};

/* Short names are a contract (error records carry them): never rename, only add. */
static const struct code_info codes[] = {
	{ BILEX_E_NONE, "none", "no error" },
	{ BILEX_E_NOMEM, "no-memory", "out of memory" },
	{ BILEX_E_INVALID, "invalid-argument", "invalid argument" },
	{ BILEX_E_IO, "io", "read error" },
	{ BILEX_E_UNREADABLE, "unreadable", "cannot be read" },
	{ BILEX_E_LOOP, "loop", "directory loop through links" },
	{ BILEX_E_OUTSIDE, "outside-tree", "link points outside the scanned tree" },
	{ BILEX_E_SPECIAL, "special-file", "device, fifo or socket: not read" },
	{ BILEX_E_LIMIT_DEPTH, "limit-depth", "nested deeper than the depth limit" },
	{ BILEX_E_LIMIT_BYTES, "limit-bytes", "larger than a size limit" },
	{ BILEX_E_LIMIT_ENTRIES, "limit-entries", "more members than the entry limit" },
	{ BILEX_E_LIMIT_PIXELS, "limit-pixels", "image larger than the pixel limits" },
	{ BILEX_E_LIMIT_MEMORY, "limit-memory", "worker ran out of its memory budget" },
	{ BILEX_E_LIMIT_SEGMENTS, "limit-segments", "more segments than the segment limit" },
	{ BILEX_E_ZIP_BOMB, "zip-bomb", "decompression bomb" },
	{ BILEX_E_ENCRYPTED, "encrypted", "encrypted: no password is ever guessed" },
	{ BILEX_E_DTD_REJECTED, "dtd-rejected", "DOCTYPE rejected" },
	{ BILEX_E_CORRUPT, "corrupt", "malformed or truncated data" },
	{ BILEX_E_UNSUPPORTED, "unsupported", "format or variant not supported" },
	{ BILEX_E_TIMEOUT, "timeout", "time limit exceeded" },
	{ BILEX_E_CRASH, "crash", "worker process died" },
	{ BILEX_E_SELF, "self-contained", "archive contains itself" },
	{ BILEX_E_OCR, "ocr", "OCR failed" },
	{ BILEX_E_CALLBACK, "callback", "stopped by the record callback" },
	{ BILEX_E_INTERNAL, "internal", "internal error" },
	{ BILEX_E_DUPLICATE, "duplicate", "duplicate member name" },
	{ BILEX_E_DECODE, "decode", "text did not decode cleanly" },
};

static const struct code_info *
find(bilex_code code)
{
	for (size_t i = 0; i < BX_ARRAY_LEN(codes); i++)
		if (codes[i].code == code)
			return &codes[i];
	return NULL;
}

const char *
bilex_code_name(bilex_code code)
{
	const struct code_info *ci = find(code);

	return ci ? ci->name : "unknown";
}

const char *
bilex_code_message(bilex_code code)
{
	const struct code_info *ci = find(code);

	return ci ? ci->message : "unknown error";
}

bilex_code
bilex_code_from_name(const char *name)
{
	if (name == NULL)
		return BILEX_E_NONE;
	for (size_t i = 0; i < BX_ARRAY_LEN(codes); i++)
		if (strcmp(codes[i].name, name) == 0)
			return codes[i].code;
	return BILEX_E_NONE;
}

int
bx_fail(bilex_ctx *ctx, int status, bilex_code code, const char *fmt, ...)
{
	va_list ap;

	if (ctx == NULL)
		return status;
	ctx->errcode = code;
	va_start(ap, fmt);
	vsnprintf(ctx->errmsg, sizeof(ctx->errmsg), fmt, ap);
	va_end(ap);
	return status;
}

const char *
bilex_errmsg(const bilex_ctx *ctx)
{
	return ctx ? ctx->errmsg : "no context";
}

bilex_code
bilex_errcode(const bilex_ctx *ctx)
{
	return ctx ? ctx->errcode : BILEX_E_INVALID;
}

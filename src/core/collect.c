/*
 * collect.c - records of consecutive inputs in, records out; the place where sibling files of
 * a folder meet (cross-file alignment, src/align) once the folder is done.
 */
#include "bx.h"

#include <stdlib.h>
#include <string.h>

struct bilex_collector {
	bilex_ctx *ctx;
	bilex_record_fn fn;
	void *arg;
};

int
bilex_collector_new(bilex_ctx *ctx, bilex_record_fn fn, void *arg, bilex_collector **out)
{
	struct bilex_collector *c;

	*out = NULL;
	if (ctx == NULL)
		return BILEX_FATAL;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	c->ctx = ctx;
	c->fn = fn;
	c->arg = arg;
	*out = c;
	return BILEX_OK;
}

static int
pass(bilex_collector *c, const struct bilex_record *rec)
{
	if (c->fn && c->fn(c->arg, rec) != 0)
		return bx_fail(c->ctx, BILEX_FATAL, BILEX_E_CALLBACK, "stopped by the record callback");
	return BILEX_OK;
}

int
bilex_collector_feed(bilex_collector *c, const struct bilex_record *rec)
{
	if (c == NULL || rec == NULL)
		return BILEX_FATAL;
	return pass(c, rec);
}

int
bilex_collector_end_input(bilex_collector *c, const char *path)
{
	(void)c;
	(void)path;
	return BILEX_OK;
}

int
bilex_collector_finish(bilex_collector *c)
{
	(void)c;
	return BILEX_OK;
}

void
bilex_collector_free(bilex_collector *c)
{
	free(c);
}

static int
route_to_collector(void *arg, const struct bilex_record *rec)
{
	return bilex_collector_feed(arg, rec);
}

int
bilex_scan(bilex_ctx *ctx, const char *const *paths, size_t n)
{
	bilex_collector *c = NULL;
	bilex_walk *w = NULL;
	const char *path;
	bilex_code code;
	int st, worst = BILEX_OK;

	if (ctx == NULL || (paths == NULL && n > 0))
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_INVALID, "invalid argument");
	st = bilex_collector_new(ctx, ctx->fn, ctx->fn_arg, &c);
	if (st == BILEX_OK)
		st = bilex_walk_new(ctx, paths, n, &w);
	if (st != BILEX_OK) {
		bilex_collector_free(c);
		return st;
	}
	ctx->route = route_to_collector;
	ctx->route_arg = c;
	while ((st = bilex_walk_next(w, &path, &code)) == BILEX_OK) {
		if (code != BILEX_E_NONE)
			st = bilex_report(ctx, path, code, NULL);
		else
			st = bilex_process(ctx, path);
		worst = bx_worst(worst, st);
		if (st == BILEX_FATAL)
			break;
		st = bilex_collector_end_input(c, path);
		if (st == BILEX_FATAL)
			break;
	}
	if (st != BILEX_FATAL)
		st = bilex_collector_finish(c);
	ctx->route = NULL;
	ctx->route_arg = NULL;
	bilex_walk_free(w);
	bilex_collector_free(c);
	if (st == BILEX_FATAL)
		return st;
	return worst < BILEX_OK ? BILEX_WARN : BILEX_OK;
}

unsigned
bilex_shard_of(const char *path, unsigned n)
{
	char hex[65];
	const char *slash;
	size_t len;
	uint64_t h = 0;

	if (n <= 1 || path == NULL)
		return 0;
	/* the folder, so that siblings that translate each other stay together */
	slash = strrchr(path, '/');
	len = slash ? (size_t)(slash - path) : 0;
	bx_sha256_of(path, len, hex);
	for (int i = 0; i < 16; i++)
		h = h << 4 | (uint64_t)(hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'a' + 10);
	return (unsigned)(h % n);
}

/*
 * dispatch.c - runs the inputs of the walk, in order, into the collector.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static int
to_collector(void *arg, const struct bilex_record *rec)
{
	return bilex_collector_feed(arg, rec) == BILEX_FATAL;
}

int
cli_dispatch(const struct cli_opts *o, bilex_ctx *ctx, bilex_walk *walk, bilex_collector *coll)
{
	const char *path;
	bilex_code code;
	int st;

	bilex_set_callback(ctx, to_collector, coll);
	while ((st = bilex_walk_next(walk, &path, &code)) == BILEX_OK) {
		if (o->shard_n > 1 && bilex_shard_of(path, o->shard_n) != o->shard_k - 1)
			continue;
		if (code != BILEX_E_NONE)
			st = bilex_report(ctx, path, code, NULL);
		else
			st = bilex_process(ctx, path);
		if (st == BILEX_FATAL)
			break;
		if (bilex_collector_end_input(coll, path) == BILEX_FATAL) {
			st = BILEX_FATAL;
			break;
		}
	}
	bilex_set_callback(ctx, NULL, NULL);
	if (st == BILEX_FATAL)
		return cli_fatal("%s", bilex_errmsg(ctx));
	return 0;
}

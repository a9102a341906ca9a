/*
 * dispatch.c - runs the inputs of the walk, in order, into the collector: in worker processes
 * (pool.c), or in this process with --jobs 0 (for debuggers and profilers).
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int
to_collector(void *arg, const struct bilex_record *rec)
{
	return bilex_collector_feed(arg, rec) == BILEX_FATAL;
}

static int
in_process(const struct cli_opts *o, bilex_ctx *ctx, bilex_walk *walk, bilex_collector *coll)
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

int
cli_dispatch(const struct cli_opts *o, bilex_ctx *ctx, bilex_walk *walk, bilex_collector *coll)
{
	int jobs = o->jobs;

	if (jobs < 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		jobs = n > 0 ? (int)n : 1;
	}
	if (jobs == 0)
		return in_process(o, ctx, walk, coll);
	if (!o->no_sandbox) {
		char missing[128];

		cli_sandbox_parent(missing, sizeof(missing));
		if (*missing && !o->quiet)
			fprintf(stderr, "bilex: the sandbox runs without %s (not in this kernel)\n",
			    missing);
	}
	return cli_pool_run(o, ctx, walk, coll, jobs, NULL, NULL);
}

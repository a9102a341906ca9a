/*
 * libbench.c - extraction and segmentation throughput of libbilex alone: every record is
 * handed to a callback that only counts it, so no output format is measured.
 *   libbench FILE...   prints "bytes segments seconds MB/s"
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "bilex.h"

static long long segments;

static int
count(void *arg, const struct bilex_record *rec)
{
	(void)arg;
	segments += rec->type == BILEX_REC_SEGMENT;
	return 0;
}

int
main(int argc, char **argv)
{
	bilex_ctx *ctx;
	struct timespec a, b;
	long long bytes = 0;
	struct stat sb;
	double s;

	if (bilex_ctx_new(&ctx) != BILEX_OK)
		return 3;
	bilex_set_flag(ctx, BILEX_FLAG_PAIRS, 0);
	bilex_set_callback(ctx, count, NULL);
	if (bilex_prepare(ctx) != BILEX_OK) {
		fprintf(stderr, "libbench: %s\n", bilex_errmsg(ctx));
		return 3;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 1; i < argc; i++) {
		if (stat(argv[i], &sb) == 0)
			bytes += sb.st_size;
		bilex_process(ctx, argv[i]);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("%lld %lld %.3f %.1f\n", bytes, segments, s, (double)bytes / 1e6 / s);
	bilex_ctx_free(ctx);
	return 0;
}

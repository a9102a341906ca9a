/*
 * dump.c - every candidate pair the aligner scores in a scan, with its signals, for fitting
 * the model (bench/align/fit-docs.py).
 *
 *   bench/align/dump OUT.tsv PATH...
 *
 * Scans the paths in this process (no workers: the aligner's candidate hook lives in the
 * library, not in a pipe) and writes one line per candidate:
 *   DOC<TAB>ZH_LINE<TAB>ZH_UNIT<TAB>KO_LINE<TAB>KO_UNIT<TAB>f1<TAB>f2...
 * in the order of the signals in src/align/align-int.h.  Built on demand against the
 * uninstalled library's internals: make bench/align/dump (also bench/align/features).
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../src/align/align-int.h"
#include "../../src/core/bx.h"

static void
candidate(void *arg, const char *doc, int64_t zline, int64_t zunit, int64_t kline, int64_t kunit,
    const double *f)
{
	FILE *out = arg;

	fprintf(out, "%s\t%lld\t%lld\t%lld\t%lld", doc, (long long)zline, (long long)zunit,
	    (long long)kline, (long long)kunit);
	for (int i = 0; i < F_COUNT; i++)
		fprintf(out, "\t%.4f", f[i]);
	fputc('\n', out);
}

/* The records themselves are not needed here: the pairs come from bilex scan runs. */
static int
ignore(void *arg, const struct bilex_record *rec)
{
	(void)arg;
	(void)rec;
	return 0;
}

int
main(int argc, char **argv)
{
	bilex_ctx *ctx = NULL;
	struct bx_align *A;
	FILE *out;
	int st;

	if (argc < 3) {
		fprintf(stderr, "usage: dump OUT.tsv PATH...\n");
		return 2;
	}
	if ((out = fopen(argv[1], "w")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	if (bilex_ctx_new(&ctx) != BILEX_OK || bilex_set_flag(ctx, BILEX_FLAG_OCR, 0) != BILEX_OK ||
	    bx_ctx_align(ctx, &A) != BILEX_OK) {
		fprintf(stderr, "dump: %s\n", ctx ? bilex_errmsg(ctx) : "no context");
		return 1;
	}
	A->candidate = candidate;
	A->candidate_arg = out;
	bilex_set_callback(ctx, ignore, NULL);
	st = bilex_scan(ctx, (const char *const *)argv + 2, (size_t)argc - 2);
	if (st == BILEX_FATAL)
		fprintf(stderr, "dump: %s\n", bilex_errmsg(ctx));
	bilex_ctx_free(ctx);
	return fclose(out) == 0 && st != BILEX_FATAL ? 0 : 1;
}

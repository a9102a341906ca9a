/*
 * main.c - the bilex command: a thin user of the public API (include/bilex.h).
 *
 *   bilex scan [OPTIONS] PATH...     walk, extract, align, write pairs
 *   bilex extract [OPTIONS] FILE...  segments as JSONL on stdout (no pairing)
 *   bilex merge [-o FILE] FILE...    merge shard outputs into what one run would write
 *
 * Exit status: 0 when every input was accounted for (error records are not failures),
 * 2 for a usage error, 3 for a fatal error (output not writable, out of memory).
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
usage(FILE *fp)
{
	fputs(
	    "usage: bilex scan [OPTIONS] PATH...\n"
	    "       bilex extract [OPTIONS] FILE...\n"
	    "       bilex merge [-o FILE] FILE...\n"
	    "       bilex --help | --version\n"
	    "\n"
	    "scan: walk PATHs, extract text, pair Chinese instructions with Korean translations.\n"
	    "  -o, --output FILE        pairs (default stdout); format from the extension\n"
	    "  -f, --format FMT         an output format (bilex --version lists them)\n"
	    "      --segments FILE      also write every segment and file record (.csv or .jsonl)\n"
	    "      --errors FILE        also write every skipped or failed item (.csv or .jsonl)\n"
	    "  -j, --jobs N             worker processes (default: online CPUs; 0: no workers)\n"
	    "      --no-ocr             do not OCR images\n"
	    "      --ocr-all            also read black and grey text of whole images\n"
	    "      --files-from FILE    read inputs from FILE ('-' = stdin), one per line\n"
	    "  -0, --null               --files-from names are NUL-separated\n"
	    "      --shard K/N          only inputs whose folder hashes to shard K of N (1..N)\n"
	    "      --limit NAME=VALUE   set a limit (see docs/LIMITS.md; --limit help lists them)\n"
	    "      --glossary FILE      extra glossary TSV: zh<TAB>ko<TAB>flags\n"
	    "      --langdata DIR       language data folder (default: installed, or $BILEX_LANGDATA)\n"
	    "      --no-sandbox         do not sandbox the worker processes\n"
	    "  -q, --quiet              no summary and no progress on stderr\n"
	    "\n"
	    "extract: the segments of each input as JSONL on stdout (file and error records too).\n"
	    "merge: shard outputs (all csv or all jsonl) into exactly one run's output.\n",
	    fp);
}

static void
version(void)
{
	char buf[128];

	printf("bilex %s\n", bilex_version());
	printf("extractors:");
	for (size_t i = 0; bilex_extractor_name(i); i++)
		printf(" %s", bilex_extractor_name(i));
	printf("\noutputs:");
	for (const char *const *f = bilex_output_formats(); *f; f++)
		printf(" %s", *f);
	printf("\nlibraries:\n");
	for (size_t i = 0; bilex_library_version(i, buf, sizeof(buf)) == BILEX_OK; i++)
		printf("  %s\n", buf);
}

static void
list_limits(void)
{
	for (int i = 0; i < BILEX_LIMIT_COUNT; i++)
		printf("%-14s %14lld  %s\n", bilex_limit_name((bilex_limit)i),
		    (long long)bilex_limit_default((bilex_limit)i), bilex_limit_help((bilex_limit)i));
}

/* NAME=VALUE with K, M, G suffixes (powers of 1024). */
static int
set_limit(bilex_ctx *ctx, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char name[64], *end;
	long long v;
	int which;

	if (eq == NULL || (size_t)(eq - arg) >= sizeof(name))
		return cli_usage_error("--limit wants NAME=VALUE, got '%s'", arg);
	memcpy(name, arg, (size_t)(eq - arg));
	name[eq - arg] = '\0';
	which = bilex_limit_by_name(name);
	if (which < 0)
		return cli_usage_error("no limit named '%s' (try --limit help)", name);
	errno = 0;
	v = strtoll(eq + 1, &end, 10);
	if (errno || end == eq + 1)
		return cli_usage_error("bad value in --limit %s", arg);
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	default: break;
	}
	if (*end != '\0')
		return cli_usage_error("bad value in --limit %s", arg);
	if (bilex_set_limit(ctx, (bilex_limit)which, v) != BILEX_OK)
		return cli_usage_error("%s", bilex_errmsg(ctx));
	return 0;
}

static int
parse_shard(const char *arg, struct cli_opts *o)
{
	char *end;
	long k, n;

	errno = 0;
	k = strtol(arg, &end, 10);
	if (errno || *end != '/' || k < 1)
		return cli_usage_error("--shard wants K/N with 1 <= K <= N, got '%s'", arg);
	n = strtol(end + 1, &end, 10);
	if (errno || *end != '\0' || n < k || n > 1000000)
		return cli_usage_error("--shard wants K/N with 1 <= K <= N, got '%s'", arg);
	o->shard_k = (unsigned)k;
	o->shard_n = (unsigned)n;
	return 0;
}

enum {
	OPT_SEGMENTS = 256, OPT_ERRORS, OPT_NO_OCR, OPT_OCR_ALL, OPT_FILES_FROM, OPT_SHARD,
	OPT_LIMIT, OPT_GLOSSARY, OPT_LANGDATA, OPT_NO_SANDBOX, OPT_WORKER
};

static const struct option long_opts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "segments", required_argument, NULL, OPT_SEGMENTS },
	{ "errors", required_argument, NULL, OPT_ERRORS },
	{ "jobs", required_argument, NULL, 'j' },
	{ "no-ocr", no_argument, NULL, OPT_NO_OCR },
	{ "ocr-all", no_argument, NULL, OPT_OCR_ALL },
	{ "files-from", required_argument, NULL, OPT_FILES_FROM },
	{ "null", no_argument, NULL, '0' },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "glossary", required_argument, NULL, OPT_GLOSSARY },
	{ "langdata", required_argument, NULL, OPT_LANGDATA },
	{ "no-sandbox", no_argument, NULL, OPT_NO_SANDBOX },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int
parse_options(int argc, char **argv, struct cli_opts *o, bilex_ctx *ctx)
{
	int c;
	long j;
	char *end;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:f:j:0qh", long_opts, NULL)) != -1) {
		switch (c) {
		case 'o': o->output = optarg; break;
		case 'f': o->format = optarg; break;
		case OPT_SEGMENTS: o->segments = optarg; break;
		case OPT_ERRORS: o->errors = optarg; break;
		case 'j':
			errno = 0;
			j = strtol(optarg, &end, 10);
			if (errno || *end || j < 0 || j > 1024)
				return cli_usage_error("-j wants a number from 0 to 1024, got '%s'", optarg);
			o->jobs = (int)j;
			break;
		case OPT_NO_OCR: o->no_ocr = true; break;
		case OPT_OCR_ALL: o->ocr_all = true; break;
		case OPT_FILES_FROM: o->files_from = optarg; break;
		case '0': o->nul = true; break;
		case OPT_SHARD:
			if (parse_shard(optarg, o) != 0)
				return CLI_EXIT_USAGE;
			break;
		case OPT_LIMIT:
			if (strcmp(optarg, "help") == 0) {
				list_limits();
				exit(0);
			}
			if (set_limit(ctx, optarg) != 0)
				return CLI_EXIT_USAGE;
			break;
		case OPT_GLOSSARY: o->glossary = optarg; break;
		case OPT_LANGDATA: o->langdata = optarg; break;
		case OPT_NO_SANDBOX: o->no_sandbox = true; break;
		case 'q': o->quiet = true; break;
		case 'h': usage(stdout); exit(0);
		default:
			usage(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	o->paths = (const char *const *)argv + optind;
	o->npaths = (size_t)(argc - optind);
	return 0;
}

int
main(int argc, char **argv)
{
	struct cli_opts o;
	bilex_ctx *ctx = NULL;
	const char *cmd;
	int rc;

	if (argc < 2) {
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	/* Tesseract's OpenMP regions ask for 4 threads; on the workers' one core each that is 2 to
	 * 3 times slower (../shared/notes/ocr.md).  libgomp reads OMP_THREAD_LIMIT when it is
	 * loaded, before main, so the only way to set it is to start again with it set.  A user's
	 * own value is kept. */
	if (getenv("OMP_THREAD_LIMIT") == NULL && setenv("OMP_THREAD_LIMIT", "1", 1) == 0)
		execv("/proc/self/exe", argv); /* on failure: carry on with threads */
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0 || strcmp(cmd, "version") == 0) {
		version();
		return 0;
	}
	if (strcmp(cmd, "--limit") == 0 && argc > 2 && strcmp(argv[2], "help") == 0) {
		list_limits();
		return 0;
	}
	if (strcmp(cmd, "merge") == 0)
		return cli_merge(argc - 1, argv + 1);
	if (strcmp(cmd, "scan") != 0 && strcmp(cmd, "extract") != 0) {
		fprintf(stderr, "bilex: unknown command '%s'\n", cmd);
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if (bilex_ctx_new(&ctx) != BILEX_OK) {
		fprintf(stderr, "bilex: out of memory\n");
		return CLI_EXIT_FATAL;
	}
	memset(&o, 0, sizeof(o));
	o.jobs = -1; /* online CPUs */
	o.command = cmd;
	o.argv0 = argv[0];
	rc = parse_options(argc - 1, argv + 1, &o, ctx);
	if (rc == 0)
		rc = cli_run(&o, ctx);
	bilex_ctx_free(ctx);
	return rc;
}

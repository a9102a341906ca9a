/*
 * run.c - `bilex scan` and `bilex extract`: outputs, inputs, the walk and the summary.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "bilex: MESSAGE" on stderr. */
static void
say(const char *fmt, va_list ap)
{
	fputs("bilex: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int
cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
	return CLI_EXIT_USAGE;
}

int
cli_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
	return CLI_EXIT_FATAL;
}

/* Language data for a bilex run from its build tree (scripts/demo.sh before make install):
 * when neither --langdata, $BILEX_LANGDATA nor the installed folder has the data, look beside
 * the executable (libtool keeps the real one in .libs/). */
static void
find_langdata(bilex_ctx *ctx, const char *option)
{
	char exe[4096], try[4200], *slash;
	const char *env = getenv("BILEX_LANGDATA");
	ssize_t n;

	if (option || (env && *env))
		return;
	snprintf(try, sizeof(try), "%s/han-variants.tsv", BILEX_PKGDATADIR);
	if (access(try, R_OK) == 0)
		return;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	for (int up = 0; up < 3 && (slash = strrchr(exe, '/')) != NULL; up++) {
		*slash = '\0';
		snprintf(try, sizeof(try), "%s/langdata/han-variants.tsv", exe);
		if (access(try, R_OK) == 0) {
			snprintf(try, sizeof(try), "%s/langdata", exe);
			bilex_set_option(ctx, BILEX_OPT_LANGDATA, try);
			return;
		}
	}
}

struct sink {
	bilex_writer *w[3];
	struct cli_summary sum;
	struct cli_progress pr;
	bool failed;
};

static int
on_record(void *arg, const struct bilex_record *rec)
{
	struct sink *s = arg;

	cli_summary_add(&s->sum, rec);
	if (rec->type == BILEX_REC_FILE && rec->u.file->depth == 0)
		cli_progress_update(&s->pr, s->sum.files, s->sum.bytes);
	for (int i = 0; i < 3; i++)
		if (s->w[i] && bilex_writer_write(s->w[i], rec) != BILEX_OK) {
			s->failed = true;
			return 1;
		}
	return 0;
}

/* The number of top-level files the walk will give, for "N/TOTAL files" on the progress line:
 * a walk of names only, given up after COUNT_SECONDS (a network share of millions of files
 * should not wait for its count; the line then shows files done without a total). */
#define COUNT_SECONDS 2.0

static int64_t
count_inputs(const struct cli_opts *o, bilex_ctx *ctx, const char **inputs, size_t n)
{
	bilex_walk *w = NULL;
	const char *path;
	bilex_code code;
	int64_t total = 0;
	double until = cli_now() + COUNT_SECONDS;

	if (bilex_walk_new(ctx, inputs, n, &w) != BILEX_OK)
		return -1;
	while (bilex_walk_next(w, &path, &code) == BILEX_OK) {
		if (o->shard_n > 1 && bilex_shard_of(path, o->shard_n) != o->shard_k - 1)
			continue;
		/* unreadable items are error records, not files: they are not counted as done
		 * either */
		if (code == BILEX_E_NONE)
			total++;
		if ((total & 1023) == 0 && cli_now() > until) {
			total = -1;
			break;
		}
	}
	bilex_walk_free(w);
	return total;
}

/* Format of an output: -f for the main output, else the extension, else DFLT. */
static const char *
format_of(const char *path, const char *forced, const char *dflt)
{
	const char *f;

	if (forced)
		return forced;
	f = bilex_format_for_path(path);
	return f ? f : dflt;
}

static bool
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (a == NULL || b == NULL || strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
		return a && b && strcmp(a, b) == 0;
	if (strcmp(a, b) == 0)
		return true;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	    sa.st_ino == sb.st_ino;
}

static int
open_output(bilex_ctx *ctx, const char *path, const char *format, unsigned mask,
    bilex_writer **w)
{
	int st = bilex_writer_open(ctx, format, path, mask, w);

	if (st == BILEX_OK)
		return 0;
	if (st == BILEX_FATAL)
		return cli_fatal("%s", bilex_errmsg(ctx));
	return cli_usage_error("%s", bilex_errmsg(ctx));
}

int
cli_read_list(const char *file, bool nul, char ***out, size_t *n)
{
	FILE *fp = strcmp(file, "-") == 0 ? stdin : fopen(file, "re");
	char *line = NULL, **v = NULL;
	size_t cap = 0, nv = 0, vcap = 0;
	ssize_t len;

	*out = NULL;
	*n = 0;
	if (fp == NULL)
		return cli_usage_error("cannot read %s: %s", file, strerror(errno));
	while ((len = getdelim(&line, &cap, nul ? '\0' : '\n', fp)) >= 0) {
		if (len > 0 && line[len - 1] == (nul ? '\0' : '\n'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		if (nv == vcap) {
			size_t nc = vcap ? vcap * 2 : 256;
			char **nvv = realloc(v, nc * sizeof(*nvv));

			if (nvv == NULL)
				goto oom;
			v = nvv;
			vcap = nc;
		}
		if ((v[nv] = strdup(line)) == NULL)
			goto oom;
		nv++;
	}
	free(line);
	if (fp != stdin)
		fclose(fp);
	*out = v;
	*n = nv;
	return 0;
oom:
	free(line);
	for (size_t i = 0; i < nv; i++)
		free(v[i]);
	free(v);
	if (fp != stdin)
		fclose(fp);
	return cli_fatal("out of memory reading %s", file);
}

int
cli_run(struct cli_opts *o, bilex_ctx *ctx)
{
	bool extract = strcmp(o->command, "extract") == 0;
	struct sink sink;
	char **listed = NULL;
	const char **inputs = NULL;
	size_t nlisted = 0, ninputs = 0;
	bilex_collector *coll = NULL;
	bilex_walk *walk = NULL;
	int rc = 0;

	memset(&sink, 0, sizeof(sink));
	cli_summary_init(&sink.sum);

	/* language data and flags */
	find_langdata(ctx, o->langdata);
	if (o->langdata && bilex_set_option(ctx, BILEX_OPT_LANGDATA, o->langdata) != BILEX_OK)
		return cli_fatal("%s", bilex_errmsg(ctx));
	if (o->glossary && bilex_set_option(ctx, BILEX_OPT_GLOSSARY, o->glossary) != BILEX_OK)
		return cli_fatal("%s", bilex_errmsg(ctx));
	if (o->no_ocr)
		bilex_set_flag(ctx, BILEX_FLAG_OCR, 0);
	if (o->ocr_all && bilex_set_flag(ctx, BILEX_FLAG_OCR_ALL, 1) != BILEX_OK)
		return cli_usage_error("%s", bilex_errmsg(ctx));
	if (extract)
		bilex_set_flag(ctx, BILEX_FLAG_PAIRS, 0);

	/* inputs */
	if (o->files_from && (rc = cli_read_list(o->files_from, o->nul, &listed, &nlisted)) != 0)
		return rc;
	ninputs = o->npaths + nlisted;
	if (ninputs == 0) {
		rc = cli_usage_error("no input: give a PATH or --files-from");
		goto out;
	}
	inputs = calloc(ninputs, sizeof(*inputs));
	if (inputs == NULL) {
		rc = cli_fatal("out of memory");
		goto out;
	}
	for (size_t i = 0; i < o->npaths; i++)
		inputs[i] = o->paths[i];
	for (size_t i = 0; i < nlisted; i++)
		inputs[o->npaths + i] = listed[i];

	/* outputs: checked before any work so that a typo costs nothing */
	if (same_file(o->output ? o->output : "-", o->segments) ||
	    same_file(o->output ? o->output : "-", o->errors) || same_file(o->segments, o->errors)) {
		rc = cli_usage_error("-o, --segments and --errors must name different files");
		goto out;
	}
	if (extract) {
		unsigned mask = BILEX_MASK(BILEX_REC_SEGMENT) | BILEX_MASK(BILEX_REC_FILE) |
		    BILEX_MASK(BILEX_REC_ERROR);
		const char *out = o->output ? o->output : "-";

		rc = open_output(ctx, out, format_of(out, o->format, "jsonl"), mask, &sink.w[0]);
	} else {
		const char *out = o->output ? o->output : "-";
		const char *fmt = format_of(out, o->format, "csv");
		unsigned mask = BILEX_MASK(BILEX_REC_PAIR);

		/* the workbook and the report show everything: unpaired segments, files, errors,
		 * and (report) the image region beside an OCR line */
		if (strcmp(fmt, "xlsx") == 0 || strcmp(fmt, "html") == 0)
			mask |= BILEX_MASK(BILEX_REC_SEGMENT) | BILEX_MASK(BILEX_REC_FILE) |
			    BILEX_MASK(BILEX_REC_ERROR);
		if (strcmp(fmt, "html") == 0)
			bilex_set_flag(ctx, BILEX_FLAG_CROPS, 1);
		rc = open_output(ctx, out, fmt, mask, &sink.w[0]);
		if (rc == 0 && o->segments)
			rc = open_output(ctx, o->segments, format_of(o->segments, NULL, "jsonl"),
			    BILEX_MASK(BILEX_REC_SEGMENT) | BILEX_MASK(BILEX_REC_FILE), &sink.w[1]);
		if (rc == 0 && o->errors)
			rc = open_output(ctx, o->errors, format_of(o->errors, NULL, "jsonl"),
			    BILEX_MASK(BILEX_REC_ERROR), &sink.w[2]);
	}
	if (rc != 0)
		goto out;

	if (bilex_prepare(ctx) != BILEX_OK) {
		rc = cli_fatal("%s", bilex_errmsg(ctx));
		goto out;
	}
	if (bilex_collector_new(ctx, on_record, &sink, &coll) != BILEX_OK ||
	    bilex_walk_new(ctx, inputs, ninputs, &walk) != BILEX_OK) {
		rc = cli_fatal("%s", bilex_errmsg(ctx));
		goto out;
	}
	sink.pr.quiet = o->quiet;
	cli_progress_start(&sink.pr, -1);
	if (sink.pr.on)
		cli_progress_total(&sink.pr, count_inputs(o, ctx, inputs, ninputs));
	rc = cli_dispatch(o, ctx, walk, coll);
	cli_progress_end(&sink.pr);
	if (rc == 0 && bilex_collector_finish(coll) == BILEX_FATAL)
		rc = cli_fatal("%s", bilex_errmsg(ctx));
out:
	for (int i = 0; i < 3; i++)
		if (sink.w[i] && bilex_writer_close(sink.w[i]) != BILEX_OK && rc == 0)
			rc = cli_fatal("%s", bilex_errmsg(ctx));
	if (sink.failed && rc == 0)
		rc = cli_fatal("writing the output failed: %s", bilex_errmsg(ctx));
	bilex_walk_free(walk);
	bilex_collector_free(coll);
	for (size_t i = 0; i < nlisted; i++)
		free(listed[i]);
	free(listed);
	free(inputs);
	if (!o->quiet && rc != CLI_EXIT_USAGE && sink.sum.files + sink.sum.errors > 0)
		cli_summary_print(&sink.sum);
	return rc;
}

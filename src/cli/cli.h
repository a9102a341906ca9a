/*
 * cli.h - the parts of the bilex command.
 */
#ifndef BILEX_CLI_H
#define BILEX_CLI_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "bilex.h"

enum { CLI_EXIT_OK = 0, CLI_EXIT_USAGE = 2, CLI_EXIT_FATAL = 3 };

struct cli_opts {
	const char *command;  /* scan or extract */
	const char *argv0;
	const char *output, *format, *segments, *errors;
	const char *files_from;
	bool nul, no_ocr, ocr_all, no_sandbox, quiet;
	int jobs;             /* worker processes; -1 = online CPUs, 0 = none (in process) */
	unsigned shard_k, shard_n;
	const char *glossary, *langdata;
	const char *const *paths;
	size_t npaths;
};

/* Prints "bilex: MESSAGE" and returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int cli_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int cli_run(struct cli_opts *o, bilex_ctx *ctx);
/* Runs the inputs of the walk (in worker processes when -j allows) into the collector. */
int cli_dispatch(const struct cli_opts *o, bilex_ctx *ctx, bilex_walk *walk,
    bilex_collector *coll);
int cli_merge(int argc, char **argv);

/* ---- workers (pool.c) and their sandbox (sandbox.c) ----------------------------------- */
/* Runs the inputs of the walk in JOBS worker processes into the collector, in walk order;
 * TICK (may be NULL) is called as inputs finish. */
int cli_pool_run(const struct cli_opts *o, bilex_ctx *ctx, bilex_walk *walk,
    bilex_collector *coll, int jobs, void (*tick)(void *, int64_t), void *tick_arg);
/* Confines a worker / the parent; MISSING receives the layers the kernel refused ("" if
 * none). */
void cli_sandbox_worker(int64_t address_space, char *missing, size_t len);
void cli_sandbox_parent(char *missing, size_t len);

/* Reads the list of --files-from: one name per line, or NUL-separated.  *out is a malloc'ed
 * array of malloc'ed strings. */
int cli_read_list(const char *file, bool nul, char ***out, size_t *n);

/* ---- summary ---------------------------------------------------------------------------- */
struct cli_summary {
	int64_t files, bytes, segments, pairs, errors, members;
	int64_t by_lang[6];      /* zh ko ja en other */
	int64_t by_method[12];
	int64_t by_code[40];
	double started;
	int64_t other_method;    /* pairs of a method not in the list above */
	int64_t other_code;      /* errors of a code bilex_code_from_name() does not know */
	int64_t ko_variant[3];   /* pairs: KP KR unknown */
	int64_t zh_variant[2];   /* pairs: Hans Hant */
};

void cli_summary_init(struct cli_summary *s);
void cli_summary_add(struct cli_summary *s, const struct bilex_record *rec);
void cli_summary_print(const struct cli_summary *s);
double cli_now(void);

/* ---- progress (progress.c) --------------------------------------------------------------
 * One line on stderr rewritten with \r, at most four times a second, only when stderr is a
 * terminal and not quiet.  Set the configuration fields, then call start:
 *     struct cli_progress pr = { .quiet = o->quiet };
 *     cli_progress_start(&pr, -1);  ...  cli_progress_update(&pr, files, bytes);  ...
 *     cli_progress_end(&pr);        (wipes the line before the summary) */
struct cli_progress {
	/* configuration, kept by start */
	bool quiet;
	bool force;              /* draw even when not on a terminal (tests) */
	FILE *out;               /* NULL: stderr */
	double (*clock)(void);   /* NULL: cli_now (tests pass a fake clock) */
	/* state */
	bool on;
	int64_t total;           /* files, -1 when not known */
	int64_t files, bytes;
	double started, last;
	int width;               /* characters of the line on screen */
	int64_t lines;           /* lines drawn (for tests) */
};

void cli_progress_start(struct cli_progress *p, int64_t total_files /* -1 unknown */);
/* The total became known (the walk ended before the work did). */
void cli_progress_total(struct cli_progress *p, int64_t total_files);
void cli_progress_update(struct cli_progress *p, int64_t files_done, int64_t bytes_done);
void cli_progress_end(struct cli_progress *p);

#endif

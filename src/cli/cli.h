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
};

void cli_summary_init(struct cli_summary *s);
void cli_summary_add(struct cli_summary *s, const struct bilex_record *rec);
void cli_summary_print(const struct cli_summary *s);
double cli_now(void);

#endif

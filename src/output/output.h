/*
 * output.h - writers: one file per format behind a const table, as the extractors.
 */
#ifndef BX_OUTPUT_H
#define BX_OUTPUT_H

#include "../core/bx.h"

#include <stdio.h>

struct bx_writer_ops {
	const char *name;
	const char *const *extensions; /* NULL-terminated, without the dot */
	bool needs_path;               /* writes through a library that wants a file name */
	int (*open)(struct bilex_writer *w);
	int (*write)(struct bilex_writer *w, const struct bilex_record *rec);
	int (*close)(struct bilex_writer *w);
};

struct bilex_writer {
	const struct bx_writer_ops *ops;
	bilex_ctx *ctx;
	FILE *fp;
	bool own_fp;
	char *path;
	unsigned mask;
	void *state;       /* format-specific */
	struct bx_buf line;/* scratch for one record */
	bool failed;
	int64_t counts[4]; /* records seen per type */
};

/* Helpers shared by the text formats. */
/* v with three decimals ("0.912"). */
int bx_fmt_fixed3(struct bx_buf *b, double v);
/* A field value of rec as JSON. */
int bx_json_field(struct bx_buf *b, const void *rec, const struct bilex_field *f);
/* One CSV cell: quoted, formula-neutralised, cut at Excel's 32,767 characters. */
int bx_csv_cell(struct bx_buf *b, const char *s);
/* Writes the buffer to the stream, remembering failure. */
int bx_writer_flush_line(struct bilex_writer *w);
/* Pointer to the struct behind a record. */
const void *bx_record_struct(const struct bilex_record *rec);

/* ---- shared by the xlsx and html writers (report.c) ------------------------------------- */

/* An ISO 8601 time read back: UTC civil fields, the UTC day (days since 1970-01-01). */
struct bx_when {
	int year, month, mday, hour, min, sec;
	double frac;
	int64_t epoch; /* seconds since 1970, UTC */
	int64_t day;   /* epoch / 86400, rounded down */
	bool has_time;
};

/* A temporary file for rows that cannot stay in memory, unlinked at once: in DIR (the
 * writer's $TMPDIR, checked writable at open) named bilex-TAG-XXXXXX, or tmpfile()'s when DIR
 * is "" or mkstemp fails.  NULL when neither works. */
FILE *bx_spill_open(const char *dir, const char *tag);

/* YYYY-MM-DD[(T| )HH:MM[:SS[.f]][Z|+HH[:MM]]]; a time without a zone is UTC.  False when s is
 * NULL or not such a date (never a partial parse). */
bool bx_iso_parse(const char *s, struct bx_when *w);
int64_t bx_days_from_civil(int64_t y, int m, int d);
void bx_civil_from_days(int64_t days, int *y, int *m, int *d);

/* Map of 64-bit keys (bx_hash64 of a string; never 0) to int64 values, at most MAX entries:
 * past that, or out of memory, bx_map_slot(.., true) returns NULL and sets `full`. */
struct bx_map {
	uint64_t *keys;
	int64_t *vals;
	size_t mask, n, max;
	bool full;
};
uint64_t bx_hash64(const char *s, size_t n);
void bx_map_init(struct bx_map *m, size_t max_entries);
void bx_map_free(struct bx_map *m);
/* The value of KEY (new ones start at 0), or NULL when absent and !ADD, or when full. */
int64_t *bx_map_slot(struct bx_map *m, uint64_t key, bool add);

/* Files and pairs per UTC day.  Files count by their mtime (entry time for members); pairs by
 * the document date (zh_date, else ko_date), else by the time of the file record of their
 * zh source (which may come before or after the pairs found in it). */
struct bx_day {
	int64_t day;
	int64_t files, members;    /* top-level files, members and parts */
	int64_t pairs;             /* all pairs dated this day */
	int64_t pairs_document;    /* of which by a document date */
};
struct bx_timeline {
	struct bx_day *days;
	size_t n, cap;
	struct bx_map index;       /* day -> row + 1 */
	struct bx_map source_day;  /* hash of a file record's source -> day + 1 */
	struct bx_map pending;     /* hash of a source -> pairs waiting for its file record */
	int64_t undated_files, undated_pairs, dropped;
};
void bx_timeline_init(struct bx_timeline *t);
void bx_timeline_free(struct bx_timeline *t);
void bx_timeline_add_file(struct bx_timeline *t, const struct bilex_file *f);
void bx_timeline_add_pair(struct bx_timeline *t, const struct bilex_pair *p);
/* Sorts the rows by day and counts pairs still waiting as undated (once, at the end). */
void bx_timeline_sort(struct bx_timeline *t);

/* Appends s as valid UTF-8 that XML 1.0 can hold (bad bytes and C0 controls but TAB, LF, CR
 * become U+FFFD), cut at MAX_UNITS UTF-16 units with " [cut: N characters]" (*cut = true). */
int bx_clean_text(struct bx_buf *b, const char *s, size_t max_units, bool *cut);

#endif

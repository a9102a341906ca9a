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

#endif

/*
 * writer.c - the writer registry and the calls of the public writer API.
 */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern const struct bx_writer_ops bx_csv_writer;
extern const struct bx_writer_ops bx_jsonl_writer;
#ifdef HAVE_XLSX
extern const struct bx_writer_ops bx_xlsx_writer;
#endif
extern const struct bx_writer_ops bx_html_writer;

static const struct bx_writer_ops *const writers[] = {
	&bx_csv_writer,
	&bx_jsonl_writer,
#ifdef HAVE_XLSX
	&bx_xlsx_writer,
#endif
	&bx_html_writer,
	NULL
};

static const char *const format_names[] = {
	"csv",
	"jsonl",
#ifdef HAVE_XLSX
	"xlsx",
#endif
	"html",
	NULL
};

const char *const *
bilex_output_formats(void)
{
	return format_names;
}

static const struct bx_writer_ops *
find_writer(const char *format)
{
	for (size_t i = 0; writers[i]; i++)
		if (strcmp(writers[i]->name, format) == 0)
			return writers[i];
	return NULL;
}

const char *
bilex_format_for_path(const char *path)
{
	const char *dot, *slash;

	if (path == NULL)
		return NULL;
	dot = strrchr(path, '.');
	slash = strrchr(path, '/');
	if (dot == NULL || (slash && dot < slash))
		return NULL;
	dot++;
	for (size_t i = 0; writers[i]; i++)
		for (size_t k = 0; writers[i]->extensions[k]; k++)
			if (strcasecmp(writers[i]->extensions[k], dot) == 0)
				return writers[i]->name;
	return NULL;
}

const void *
bx_record_struct(const struct bilex_record *rec)
{
	switch (rec->type) {
	case BILEX_REC_FILE: return rec->u.file;
	case BILEX_REC_SEGMENT: return rec->u.segment;
	case BILEX_REC_PAIR: return rec->u.pair;
	case BILEX_REC_ERROR: return rec->u.error;
	}
	return NULL;
}

static int
writer_new(bilex_ctx *ctx, const char *format, unsigned mask, struct bilex_writer **out)
{
	const struct bx_writer_ops *ops = find_writer(format ? format : "");
	struct bilex_writer *w;

	*out = NULL;
	if (ops == NULL)
		return bx_fail(ctx, BILEX_FAILED, BILEX_E_UNSUPPORTED, "no output format '%s' built in",
		    format ? format : "");
	w = calloc(1, sizeof(*w));
	if (w == NULL)
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	w->ops = ops;
	w->ctx = ctx;
	w->mask = mask;
	bx_buf_init(&w->line, 1u << 28);
	*out = w;
	return BILEX_OK;
}

static void
writer_free(struct bilex_writer *w)
{
	bx_buf_free(&w->line);
	free(w->path);
	free(w);
}

int
bilex_writer_open(bilex_ctx *ctx, const char *format, const char *path, unsigned mask,
    bilex_writer **out)
{
	struct bilex_writer *w;
	int st, fd;

	if (ctx == NULL || path == NULL || out == NULL)
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_INVALID, "invalid argument");
	st = writer_new(ctx, format, mask, &w);
	if (st != BILEX_OK)
		return st;
	if (strcmp(path, "-") == 0) {
		if (w->ops->needs_path) {
			writer_free(w);
			return bx_fail(ctx, BILEX_FAILED, BILEX_E_INVALID,
			    "%s output needs a file name, not stdout", format);
		}
		w->fp = stdout;
	} else {
		w->path = bx_strdup(path);
		if (w->path == NULL) {
			writer_free(w);
			return bx_fail(ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
		}
		if (!w->ops->needs_path) {
			fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0666);
			if (fd < 0 || (w->fp = fdopen(fd, "w")) == NULL) {
				int e = errno;

				if (fd >= 0)
					close(fd);
				writer_free(w);
				return bx_fail(ctx, BILEX_FATAL, BILEX_E_IO, "cannot write %s: %s", path,
				    strerror(e));
			}
			w->own_fp = true;
		}
	}
	st = w->ops->open(w);
	if (st != BILEX_OK) {
		if (w->own_fp)
			fclose(w->fp);
		writer_free(w);
		return st;
	}
	*out = w;
	return BILEX_OK;
}

int
bilex_writer_open_stream(bilex_ctx *ctx, const char *format, FILE *fp, unsigned mask,
    bilex_writer **out)
{
	struct bilex_writer *w;
	int st;

	if (ctx == NULL || fp == NULL || out == NULL)
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_INVALID, "invalid argument");
	st = writer_new(ctx, format, mask, &w);
	if (st != BILEX_OK)
		return st;
	if (w->ops->needs_path) {
		writer_free(w);
		return bx_fail(ctx, BILEX_FAILED, BILEX_E_INVALID, "%s output needs a file name",
		    format);
	}
	w->fp = fp;
	st = w->ops->open(w);
	if (st != BILEX_OK) {
		writer_free(w);
		return st;
	}
	*out = w;
	return BILEX_OK;
}

int
bilex_writer_write(bilex_writer *w, const struct bilex_record *rec)
{
	if (w == NULL || rec == NULL || (unsigned)rec->type > BILEX_REC_ERROR)
		return BILEX_FATAL;
	w->counts[rec->type]++;
	if (!(w->mask & BILEX_MASK(rec->type)))
		return BILEX_OK;
	if (w->failed)
		return BILEX_FATAL;
	return w->ops->write(w, rec);
}

int
bilex_writer_close(bilex_writer *w)
{
	int st;

	if (w == NULL)
		return BILEX_OK;
	st = w->ops->close(w);
	if (w->fp) {
		if (fflush(w->fp) != 0 || ferror(w->fp))
			w->failed = true;
		if (w->own_fp && fclose(w->fp) != 0)
			w->failed = true;
	}
	if (w->failed) {
		st = bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "writing %s failed",
		    w->path ? w->path : "the output");
	}
	writer_free(w);
	return st;
}

int
bx_writer_flush_line(struct bilex_writer *w)
{
	if (w->line.len && fwrite(w->line.data, 1, w->line.len, w->fp) != w->line.len)
		w->failed = true;
	w->line.len = 0;
	return w->failed ? BILEX_FATAL : BILEX_OK;
}

/* ---- JSON helpers ------------------------------------------------------------------------ */

/* Bytes that end a run of bytes copied as they are: controls, quote, backslash, and the
 * lead byte of U+2028/U+2029 (which end lines in JavaScript). */

int
bx_fmt_fixed3(struct bx_buf *b, double v)
{
	/* "%.3f" without printf for the common 0..1 range; rounding as printf's (half-even
	 * differences at the 4th decimal do not matter for scores) */
	char num[32], *p;
	int64_t m;

	if (!(v >= 0 && v < 1e12))
		return bx_buf_printf(b, "%.3f", v);
	m = (int64_t)(v * 1000 + 0.5);
	p = bx_fmt_i64(num, m / 1000);
	*p++ = '.';
	*p++ = (char)('0' + m / 100 % 10);
	*p++ = (char)('0' + m / 10 % 10);
	*p++ = (char)('0' + m % 10);
	return bx_buf_add(b, num, (size_t)(p - num));
}

int
bx_json_field(struct bx_buf *b, const void *rec, const struct bilex_field *f)
{
	const char *base = rec;

	switch (f->type) {
	case BILEX_FIELD_STRING:
		return bx_json_string(b, *(const char *const *)(const void *)(base + f->offset));
	case BILEX_FIELD_JSON: {
		const char *v = *(const char *const *)(const void *)(base + f->offset);

		return bx_buf_adds(b, v && *v ? v : "null");
	}
	case BILEX_FIELD_INT: {
		int64_t v = *(const int64_t *)(const void *)(base + f->offset);

		char num[24];

		if (v < 0)
			return bx_buf_add(b, "null", 4);
		return bx_buf_add(b, num, (size_t)(bx_fmt_i64(num, v) - num));
	}
	case BILEX_FIELD_NUMBER: {
		double v = *(const double *)(const void *)(base + f->offset);

		return v < 0 || v != v ? bx_buf_add(b, "null", 4) : bx_fmt_fixed3(b, v);
	}
	}
	return BILEX_FAILED;
}

/*
 * csv.c - RFC 4180 CSV for spreadsheets: UTF-8 with a BOM (Excel opens it as UTF-8 on a
 * double click), CRLF, every field quoted, a header row.
 *
 * The text comes from an adversary: a cell that starts with = + - @ TAB CR LF or NUL gets a
 * leading ' so no spreadsheet evaluates it (OWASP "CSV Injection").  Excel holds 32,767
 * characters per cell: longer cells are cut and end with a visible "[cut: N characters]".
 *
 * One record type gives exactly that record's columns.  Several types in one file (segments
 * with their file records) give a `type` column and the union of the columns, in order.
 */
#include "output.h"

#include <stdlib.h>
#include <string.h>

#define CELL_MAX 32767 /* Excel's limit, in UTF-16 units */

struct column {
	const char *name;
	int idx[4];        /* field index per record type, -1 if the type lacks it */
};

struct csv_state {
	struct column *cols;
	size_t ncols;
	bool typed;        /* a `type` column first */
};

static int
csv_open(struct bilex_writer *w)
{
	struct csv_state *cs = calloc(1, sizeof(*cs));
	int ntypes = 0;
	int st;

	if (cs == NULL)
		return BILEX_FATAL;
	w->state = cs;
	for (int t = 0; t < 4; t++)
		ntypes += (w->mask >> t) & 1;
	cs->typed = ntypes != 1;
	/* union of columns in the order: pair, segment, file, error */
	static const int order[4] = { BILEX_REC_PAIR, BILEX_REC_SEGMENT, BILEX_REC_FILE,
		BILEX_REC_ERROR };
	cs->cols = calloc(128, sizeof(*cs->cols));
	if (cs->cols == NULL)
		return BILEX_FATAL;
	for (int oi = 0; oi < 4; oi++) {
		int t = order[oi];
		size_t n;
		const struct bilex_field *f;

		if (!(w->mask & BILEX_MASK(t)))
			continue;
		f = bilex_record_fields((bilex_record_type)t, &n);
		for (size_t i = 0; i < n; i++) {
			size_t c;

			for (c = 0; c < cs->ncols; c++)
				if (strcmp(cs->cols[c].name, f[i].name) == 0)
					break;
			if (c == cs->ncols) {
				if (cs->ncols == 128)
					return BILEX_FATAL;
				cs->cols[c].name = f[i].name;
				for (int k = 0; k < 4; k++)
					cs->cols[c].idx[k] = -1;
				cs->ncols++;
			}
			cs->cols[c].idx[t] = (int)i;
		}
	}
	w->line.len = 0;
	st = bx_buf_adds(&w->line, "\xEF\xBB\xBF");
	if (cs->typed)
		st = bx_buf_adds(&w->line, "\"type\"");
	for (size_t c = 0; c < cs->ncols && st == BILEX_OK; c++) {
		if (c || cs->typed)
			bx_buf_addc(&w->line, ',');
		bx_buf_printf(&w->line, "\"%s\"", cs->cols[c].name);
	}
	bx_buf_adds(&w->line, "\r\n");
	return bx_writer_flush_line(w);
}

/* UTF-16 units of a UTF-8 string (how Excel counts characters). */
static size_t
utf16_units(const unsigned char *s, size_t n, size_t stop, size_t *bytes_at_stop)
{
	size_t u = 0, i;

	for (i = 0; i < n; i++) {
		unsigned char c = s[i];

		if ((c & 0xC0) == 0x80)
			continue;
		if (u >= stop) {
			*bytes_at_stop = i;
			return u;
		}
		u += c >= 0xF0 ? 2 : 1;
	}
	*bytes_at_stop = n;
	return u;
}

/* Appends one quoted, neutralised, length-capped cell. */
int
bx_csv_cell(struct bx_buf *b, const char *s)
{
	size_t n, keep, total;
	char marker[64];
	int st;

	st = bx_buf_addc(b, '"');
	if (s == NULL || *s == '\0')
		return st == BILEX_OK ? bx_buf_addc(b, '"') : st;
	n = strlen(s);
	marker[0] = '\0';
	keep = n;
	/* a character is at least as many bytes as UTF-16 units: a cell of no more bytes than
	 * Excel's limit fits, and is not counted (counting was a third of the parent's time) */
	total = n > CELL_MAX ? utf16_units((const unsigned char *)s, n, SIZE_MAX, &keep) : n;
	keep = n;
	if (total > CELL_MAX) {
		snprintf(marker, sizeof(marker), " [cut: %zu characters]", total);
		utf16_units((const unsigned char *)s, n, CELL_MAX - strlen(marker) - 1, &keep);
	}
	switch (s[0]) {
	case '=': case '+': case '-': case '@': case '\t': case '\r': case '\n':
		st = bx_buf_addc(b, '\'');
		break;
	default:
		break;
	}
	for (size_t i = 0; i < keep && st == BILEX_OK; i++) {
		const char *q = memchr(s + i, '"', keep - i);
		size_t run = q ? (size_t)(q - (s + i)) : keep - i;

		st = bx_buf_add(b, s + i, run);
		i += run;
		if (q && st == BILEX_OK)
			st = bx_buf_adds(b, "\"\"");
	}
	if (st == BILEX_OK && marker[0])
		st = bx_buf_adds(b, marker);
	if (st == BILEX_OK)
		st = bx_buf_addc(b, '"');
	return st;
}

static int
csv_write(struct bilex_writer *w, const struct bilex_record *rec)
{
	struct csv_state *cs = w->state;
	size_t n;
	const struct bilex_field *f = bilex_record_fields(rec->type, &n);
	const char *base = bx_record_struct(rec);
	struct bx_buf v;
	int st = BILEX_OK;

	bx_buf_init(&v, 1u << 28);
	w->line.len = 0;
	if (cs->typed)
		st = bx_buf_printf(&w->line, "\"%s\"", bilex_record_type_name(rec->type));
	for (size_t c = 0; c < cs->ncols && st == BILEX_OK; c++) {
		int i = cs->cols[c].idx[rec->type];
		const char *s = NULL;

		if (c || cs->typed)
			st = bx_buf_addc(&w->line, ',');
		v.len = 0;
		if (i >= 0) {
			const struct bilex_field *fi = &f[i];

			switch (fi->type) {
			case BILEX_FIELD_STRING:
			case BILEX_FIELD_JSON:
				s = *(const char *const *)(const void *)(base + fi->offset);
				break;
			case BILEX_FIELD_INT: {
				int64_t x = *(const int64_t *)(const void *)(base + fi->offset);

				char num[24];

				if (x >= 0 && bx_buf_add(&v, num, (size_t)(bx_fmt_i64(num, x) - num)) == BILEX_OK)
					s = bx_buf_str(&v);
				break;
			}
			case BILEX_FIELD_NUMBER: {
				double x = *(const double *)(const void *)(base + fi->offset);

				if (x >= 0 && bx_fmt_fixed3(&v, x) == BILEX_OK)
					s = bx_buf_str(&v);
				break;
			}
			}
		}
		if (st == BILEX_OK)
			st = bx_csv_cell(&w->line, s);
	}
	if (st == BILEX_OK)
		st = bx_buf_adds(&w->line, "\r\n");
	bx_buf_free(&v);
	if (st != BILEX_OK)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "record too large to write");
	return bx_writer_flush_line(w);
}

static int
csv_close(struct bilex_writer *w)
{
	struct csv_state *cs = w->state;

	if (cs) {
		free(cs->cols);
		free(cs);
	}
	w->state = NULL;
	return BILEX_OK;
}

static const char *const csv_ext[] = { "csv", NULL };

const struct bx_writer_ops bx_csv_writer = {
	.name = "csv",
	.extensions = csv_ext,
	.open = csv_open,
	.write = csv_write,
	.close = csv_close,
};

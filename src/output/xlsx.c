/*
 * xlsx.c - an Excel workbook through libxlsxwriter, for the analyst who filters and sorts.
 *
 * Sheets: Pairs, Unpaired (zh and ko segments in no pair), Segments, Files, Errors, Timeline
 * (files and pairs per UTC day, with a chart), each only when the writer's mask gives it
 * records.  Columns are the field tables of bilex_record_fields(), as in the CSV writer, so a
 * field added to a record appears here without a change.
 *
 * Memory stays bounded: the workbook runs in libxlsxwriter's constant_memory mode (each row
 * goes to a temporary file as soon as the next row starts, which is why every sheet is
 * written strictly top to bottom), and what is only known at the end - which segments no pair
 * used - is spilled to a temporary file of candidates and written at close.  The ids of paired
 * segments are kept as 64-bit hashes in a capped set.
 *
 * The text comes from an adversary.  Every value is written with worksheet_write_string (an
 * inline string cell: never a formula, whatever it starts with), made valid UTF-8 without the
 * control characters XML 1.0 forbids, with a literal "_xHHHH_" escaped (Excel would otherwise
 * decode it as a character), and cut at Excel's 32,767 characters with a visible marker as
 * the CSV writer does.  Scores, sizes and counts are numbers; dates are date cells in UTC.
 */
#include "output.h"

#ifdef HAVE_XLSX

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#define CELL_MAX 32767           /* Excel's limit per cell, in UTF-16 units */
#define SHEET_ROWS 1048576       /* Excel's rows per sheet, header included */
#define PAIRED_IDS (1u << 23)    /* paired segment ids remembered: 64 MiB of table at most */
#define SPILL_FIELD_MAX (1u << 20) /* a spilled value longer than this is a damaged spill */
/* The fonts that hold Han and Hangul: Noto Sans CJK (Debian's fonts-noto-cjk, and what
 * LibreOffice substitutes well); Excel on a machine without it falls back through its own
 * font linking, which also covers both scripts. */
#define CJK_FONT "Noto Sans CJK SC"

enum cell_kind { K_TEXT, K_WRAP, K_NUMBER, K_INT, K_DATE, K_JSON };

struct column {
	const char *name;
	int field;              /* index in the record type's field table */
	enum cell_kind kind;
	double width;
};

struct sheet {
	const char *name;       /* base name; parts past Excel's row limit get " 2", " 3" */
	lxw_worksheet *ws;
	uint32_t row;           /* next row to write */
	int part;
	bilex_record_type type; /* whose field table the columns index */
	struct column *cols;
	size_t ncols;
};

struct xlsx_state {
	lxw_workbook *wb;
	lxw_format *f_head, *f_text, *f_wrap, *f_num, *f_int, *f_date, *f_datetime, *f_note;
	struct sheet pairs, unpaired, segments, files, errors, timeline;
	bool has[6];
	FILE *spill;              /* unpaired candidates: zh and ko segments, in order */
	int64_t spilled;
	struct bx_map paired;     /* bx_hash64 of segment ids used by pairs */
	struct bx_timeline tl;
	struct bx_buf cell;       /* one cleaned cell */
	struct bx_buf rec;        /* one spilled record */
	struct bx_buf esc;        /* a cell with its "_xHHHH_" escaped */
	int64_t cut;              /* cells cut at 32,767 characters */
	char tmpdir[1024];
	char sheetname[32];
};

/* Columns of the Unpaired sheet: what tells a reader where the text is and what it says. */
static const char *const unpaired_names[] = { "id", "lang", "variant", "kind", "text", "source",
	"where", "file", "author", "date", "script", "block" };

/* ---- columns -------------------------------------------------------------------------- */

static enum cell_kind
kind_of(const struct bilex_field *f)
{
	static const char *const wrapped[] = { "zh", "ko", "text", "message", "anchor_text", NULL };
	static const char *const dated[] = { "date", "zh_date", "ko_date", "mtime", NULL };

	switch (f->type) {
	case BILEX_FIELD_NUMBER: return K_NUMBER;
	case BILEX_FIELD_INT: return K_INT;
	case BILEX_FIELD_JSON: return K_JSON;
	case BILEX_FIELD_STRING: break;
	}
	for (int i = 0; wrapped[i]; i++)
		if (strcmp(f->name, wrapped[i]) == 0)
			return K_WRAP;
	for (int i = 0; dated[i]; i++)
		if (strcmp(f->name, dated[i]) == 0)
			return K_DATE;
	return K_TEXT;
}

/* Column widths in Excel's character units, by what the column holds. */
static double
width_of(const char *name, enum cell_kind k)
{
	static const struct { const char *name; double w; } widths[] = {
		{ "zh", 48 }, { "ko", 48 }, { "text", 60 }, { "message", 70 }, { "anchor_text", 30 },
		{ "source", 44 }, { "ko_source", 44 }, { "file", 36 }, { "id", 18 },
		{ "zh_segment", 18 }, { "ko_segment", 18 }, { "block", 16 }, { "parent", 16 },
		{ "where", 22 }, { "zh_where", 22 }, { "ko_where", 22 }, { "signals", 30 },
		{ "extra", 30 }, { "ko_variant_evidence", 24 }, { "variant_evidence", 24 },
		{ "sha256", 18 }, { "file_sha256", 18 }, { "member_sha256", 18 },
		{ "method", 11 }, { "kind", 11 }, { "format", 9 }, { "lang", 6 }, { "script", 7 },
		{ "code", 16 }, { "stage", 9 }, { "status", 8 },
	};

	for (size_t i = 0; i < BX_ARRAY_LEN(widths); i++)
		if (strcmp(widths[i].name, name) == 0)
			return widths[i].w;
	switch (k) {
	case K_DATE: return 19;
	case K_NUMBER: case K_INT: return 10;
	default: return 14;
	}
}

/* Every field of TYPE, in the field table's order (the CSV columns). */
static int
all_columns(struct sheet *s, bilex_record_type type)
{
	size_t n;
	const struct bilex_field *f = bilex_record_fields(type, &n);

	s->type = type;
	s->cols = calloc(n, sizeof(*s->cols));
	if (s->cols == NULL)
		return BILEX_FATAL;
	for (size_t i = 0; i < n; i++) {
		s->cols[i].name = f[i].name;
		s->cols[i].field = (int)i;
		s->cols[i].kind = kind_of(&f[i]);
		s->cols[i].width = width_of(f[i].name, s->cols[i].kind);
	}
	s->ncols = n;
	return BILEX_OK;
}

static int
named_columns(struct sheet *s, bilex_record_type type, const char *const *names, size_t nn)
{
	size_t n;
	const struct bilex_field *f = bilex_record_fields(type, &n);

	s->type = type;
	s->cols = calloc(nn, sizeof(*s->cols));
	if (s->cols == NULL)
		return BILEX_FATAL;
	for (size_t k = 0; k < nn; k++)
		for (size_t i = 0; i < n; i++)
			if (strcmp(f[i].name, names[k]) == 0) {
				struct column *c = &s->cols[s->ncols++];

				c->name = f[i].name;
				c->field = (int)i;
				c->kind = kind_of(&f[i]);
				c->width = width_of(f[i].name, c->kind);
				break;
			}
	return BILEX_OK;
}

/* ---- cells ---------------------------------------------------------------------------- */

static int
sheet_error(struct bilex_writer *w, struct sheet *s, lxw_error e)
{
	return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "xlsx sheet %s: %s", s->name,
	    lxw_strerror(e));
}

/* Header row of a new sheet (or part): bold, frozen, widths per column. */
static int
sheet_begin(struct bilex_writer *w, struct sheet *s, const char *const *heads, size_t n)
{
	struct xlsx_state *x = w->state;
	const char *name = s->name;
	lxw_error e;

	if (s->part > 1) {
		snprintf(x->sheetname, sizeof(x->sheetname), "%s %d", s->name, s->part);
		name = x->sheetname;
	}
	s->ws = workbook_add_worksheet(x->wb, name);
	if (s->ws == NULL)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "xlsx: cannot add sheet %s", name);
	s->row = 0;
	for (size_t c = 0; c < n; c++) {
		const char *h = heads ? heads[c] : s->cols[c].name;
		double width = heads ? 12 : s->cols[c].width;

		/* the whole header stays readable beside the autofilter's button */
		if (width < (double)strlen(h) + 3)
			width = (double)strlen(h) + 3;

		worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, width, NULL);
		e = worksheet_write_string(s->ws, 0, (lxw_col_t)c, h, x->f_head);
		if (e != LXW_NO_ERROR)
			return sheet_error(w, s, e);
	}
	worksheet_freeze_panes(s->ws, 1, 0);
	s->row = 1;
	return BILEX_OK;
}

/* Autofilter over what was written (known only at the end: the range is stored and written
 * with the sheet at close, which constant_memory allows). */
static void
sheet_end(struct sheet *s, size_t ncols)
{
	if (s->ws && ncols)
		worksheet_autofilter(s->ws, 0, 0, s->row > 1 ? s->row - 1 : 1, (lxw_col_t)(ncols - 1));
}

/* Makes room for one more row, starting a new part past Excel's row limit. */
static int
sheet_next_row(struct bilex_writer *w, struct sheet *s, const char *const *heads, size_t n)
{
	if (s->row < SHEET_ROWS)
		return BILEX_OK;
	sheet_end(s, n);
	s->part++;
	return sheet_begin(w, s, heads, n);
}

/* A literal "_xHHHH_" would be read as the escape of U+HHHH by Excel and LibreOffice; its
 * underscore is written as the escape "_x005F_" so the text comes back as it was. */
static int
escape_ooxml(struct bx_buf *out, const char *s, size_t n)
{
	static const char hexd[] = "0123456789abcdefABCDEF";
	size_t i = 0, run = 0;
	int st = BILEX_OK;

	while (i + 7 <= n && st == BILEX_OK) {
		const char *u = memchr(s + i, '_', n - i - 6);

		if (u == NULL)
			break;
		i = (size_t)(u - s);
		if (u[1] == 'x' && u[2] && strchr(hexd, u[2]) && u[3] && strchr(hexd, u[3]) && u[4] &&
		    strchr(hexd, u[4]) && u[5] && strchr(hexd, u[5]) && u[6] == '_') {
			st = bx_buf_add(out, s + run, i - run);
			if (st == BILEX_OK)
				st = bx_buf_adds(out, "_x005F");
			run = i;
		}
		i++;
	}
	if (st == BILEX_OK)
		st = bx_buf_add(out, s + run, n - run);
	return st;
}

/* Writes s as a string cell (blank when NULL or empty). */
static int
put_text(struct bilex_writer *w, struct sheet *s, lxw_col_t col, const char *v, lxw_format *f)
{
	struct xlsx_state *x = w->state;
	struct bx_buf *out;
	bool cut;
	lxw_error e;
	int st;

	if (v == NULL || *v == '\0')
		return BILEX_OK;
	x->cell.len = 0;
	st = bx_clean_text(&x->cell, v, CELL_MAX, &cut);
	out = &x->cell;
	if (st == BILEX_OK && strstr(bx_buf_str(&x->cell), "_x")) {
		x->esc.len = 0;
		st = escape_ooxml(&x->esc, x->cell.data, x->cell.len);
		out = &x->esc;
	}
	if (st != BILEX_OK)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "xlsx: cell too large");
	if (cut)
		x->cut++;
	e = worksheet_write_string(s->ws, s->row, col, bx_buf_str(out), f);
	if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
		/* the _x005F escapes pushed a cut cell past the limit: drop them, the text stands */
		x->cell.len = 0;
		st = bx_clean_text(&x->cell, v, CELL_MAX - 512, &cut);
		if (st != BILEX_OK)
			return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "xlsx: cell too large");
		e = worksheet_write_string(s->ws, s->row, col, bx_buf_str(&x->cell), f);
	}
	return e == LXW_NO_ERROR ? BILEX_OK : sheet_error(w, s, e);
}

static int
put_number(struct bilex_writer *w, struct sheet *s, lxw_col_t col, double v, lxw_format *f)
{
	lxw_error e = worksheet_write_number(s->ws, s->row, col, v, f);

	return e == LXW_NO_ERROR ? BILEX_OK : sheet_error(w, s, e);
}

/* An ISO 8601 value as a date cell in UTC; as text when it is no date Excel can show. */
static int
put_date(struct bilex_writer *w, struct sheet *s, lxw_col_t col, const char *v)
{
	struct xlsx_state *x = w->state;
	struct bx_when t;
	lxw_datetime dt;
	lxw_error e;

	if (v == NULL || *v == '\0')
		return BILEX_OK;
	if (!bx_iso_parse(v, &t) || t.year < 1900 || t.year > 9999)
		return put_text(w, s, col, v, x->f_text);
	dt.year = t.year;
	dt.month = t.month;
	dt.day = t.mday;
	dt.hour = t.hour;
	dt.min = t.min;
	dt.sec = t.sec + t.frac;
	e = worksheet_write_datetime(s->ws, s->row, col, &dt, t.has_time ? x->f_datetime : x->f_date);
	return e == LXW_NO_ERROR ? BILEX_OK : sheet_error(w, s, e);
}

/* One field of a record into column COL. */
static int
put_field(struct bilex_writer *w, struct sheet *s, lxw_col_t col, const struct column *c,
    const void *rec)
{
	struct xlsx_state *x = w->state;
	size_t n;
	const struct bilex_field *f = &bilex_record_fields(s->type, &n)[c->field];
	const char *base = rec;

	switch (f->type) {
	case BILEX_FIELD_INT: {
		int64_t v = *(const int64_t *)(const void *)(base + f->offset);

		return v < 0 ? BILEX_OK : put_number(w, s, col, (double)v, x->f_int);
	}
	case BILEX_FIELD_NUMBER: {
		double v = *(const double *)(const void *)(base + f->offset);

		/* three decimals, as the text formats write it: one run reads the same everywhere */
		return v < 0 || v != v ? BILEX_OK :
		    put_number(w, s, col, v < 1e12 ? (double)(int64_t)(v * 1000 + 0.5) / 1000 : v,
		    x->f_num);
	}
	case BILEX_FIELD_STRING:
	case BILEX_FIELD_JSON: {
		const char *v = *(const char *const *)(const void *)(base + f->offset);

		if (c->kind == K_DATE)
			return put_date(w, s, col, v);
		return put_text(w, s, col, v, c->kind == K_WRAP ? x->f_wrap : x->f_text);
	}
	}
	return BILEX_OK;
}

static int
put_record(struct bilex_writer *w, struct sheet *s, const void *rec)
{
	int st = sheet_next_row(w, s, NULL, s->ncols);

	for (size_t c = 0; c < s->ncols && st == BILEX_OK; c++)
		st = put_field(w, s, (lxw_col_t)c, &s->cols[c], rec);
	s->row++;
	return st;
}

/* ---- the unpaired spill --------------------------------------------------------------- */

/* Record layout: for each Unpaired column, u32 length (UINT32_MAX = NULL) and the bytes. */
static int
spill_segment(struct bilex_writer *w, const struct bilex_segment *seg)
{
	struct xlsx_state *x = w->state;
	size_t n;
	const struct bilex_field *f = bilex_record_fields(BILEX_REC_SEGMENT, &n);
	int st = BILEX_OK;

	if (x->spill == NULL) {
		x->spill = bx_spill_open(x->tmpdir, "xlsx");
		if (x->spill == NULL)
			return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO,
			    "xlsx: cannot create a temporary file: %s", strerror(errno));
	}
	x->rec.len = 0;
	for (size_t c = 0; c < x->unpaired.ncols && st == BILEX_OK; c++) {
		const struct bilex_field *fi = &f[x->unpaired.cols[c].field];
		const char *v = *(const char *const *)(const void *)((const char *)seg + fi->offset);
		uint32_t len = UINT32_MAX;
		size_t vl = 0;

		if (v) {
			vl = strlen(v);
			/* the sheet shows at most 32,767 characters: 4 bytes each, and the marker */
			if (vl > CELL_MAX * 4)
				vl = CELL_MAX * 4;
			len = (uint32_t)vl;
		}
		st = bx_buf_add(&x->rec, &len, sizeof(len));
		if (st == BILEX_OK && v)
			st = bx_buf_add(&x->rec, v, vl);
	}
	if (st != BILEX_OK)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "xlsx: segment too large");
	if (fwrite(x->rec.data, 1, x->rec.len, x->spill) != x->rec.len)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "xlsx: temporary file: %s",
		    strerror(errno));
	x->spilled++;
	return BILEX_OK;
}

/* Remembers the segment ids of a pair side ('+'-joined for merged units). */
static void
mark_paired(struct xlsx_state *x, const char *ids)
{
	const char *p = ids, *q;

	if (ids == NULL)
		return;
	for (;;) {
		q = strchr(p, '+');
		bx_map_slot(&x->paired, bx_hash64(p, q ? (size_t)(q - p) : strlen(p)), true);
		if (q == NULL)
			break;
		p = q + 1;
	}
}

static int
write_unpaired(struct bilex_writer *w)
{
	struct xlsx_state *x = w->state;
	struct sheet *s = &x->unpaired;
	size_t nc = s->ncols;
	char *vals[16];
	uint32_t lens[16];
	int st = BILEX_OK;

	if (nc > BX_ARRAY_LEN(vals))
		return BILEX_FATAL;
	if (x->spill == NULL)
		return BILEX_OK;
	if (fflush(x->spill) != 0 || fseek(x->spill, 0, SEEK_SET) != 0)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "xlsx: temporary file: %s",
		    strerror(errno));
	memset(vals, 0, sizeof(vals));
	for (int64_t r = 0; r < x->spilled && st == BILEX_OK; r++) {
		int idc = -1;

		x->rec.len = 0;
		for (size_t c = 0; c < nc; c++) {
			if (fread(&lens[c], sizeof(lens[c]), 1, x->spill) != 1 ||
			    (lens[c] != UINT32_MAX && lens[c] > SPILL_FIELD_MAX * 4))
				return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "xlsx: temporary file damaged");
			if (strcmp(s->cols[c].name, "id") == 0)
				idc = (int)c;
			free(vals[c]);
			vals[c] = NULL;
			if (lens[c] == UINT32_MAX)
				continue;
			vals[c] = malloc((size_t)lens[c] + 1);
			if (vals[c] == NULL)
				return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
			if (lens[c] && fread(vals[c], 1, lens[c], x->spill) != lens[c])
				return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "xlsx: temporary file damaged");
			vals[c][lens[c]] = '\0';
		}
		if (idc >= 0 && vals[idc] &&
		    bx_map_slot(&x->paired, bx_hash64(vals[idc], lens[idc]), false))
			continue;
		st = sheet_next_row(w, s, NULL, nc);
		for (size_t c = 0; c < nc && st == BILEX_OK; c++) {
			if (s->cols[c].kind == K_DATE)
				st = put_date(w, s, (lxw_col_t)c, vals[c]);
			else
				st = put_text(w, s, (lxw_col_t)c, vals[c],
				    s->cols[c].kind == K_WRAP ? x->f_wrap : x->f_text);
		}
		s->row++;
	}
	for (size_t c = 0; c < nc; c++)
		free(vals[c]);
	if (st == BILEX_OK && x->paired.full) {
		s->row++;
		st = put_text(w, s, 0, "note: more paired segments than this sheet can remember; "
		    "some segments listed here may be in a pair", x->f_note);
	}
	return st;
}

/* ---- timeline ------------------------------------------------------------------------- */

static const char *const timeline_heads[] = { "day", "files", "members", "pairs",
	"pairs_by_document_date" };

static int
write_timeline(struct bilex_writer *w)
{
	struct xlsx_state *x = w->state;
	struct sheet *s = &x->timeline;
	struct bx_timeline *t = &x->tl;
	int st = BILEX_OK;
	uint32_t first = s->row;

	bx_timeline_sort(t);
	for (size_t i = 0; i < t->n && st == BILEX_OK; i++) {
		const struct bx_day *d = &t->days[i];
		lxw_datetime dt = { 0 };
		int y, m, dd;
		lxw_error e;

		bx_civil_from_days(d->day, &y, &m, &dd);
		dt.year = y;
		dt.month = m;
		dt.day = dd;
		e = worksheet_write_datetime(s->ws, s->row, 0, &dt, x->f_date);
		if (e != LXW_NO_ERROR)
			return sheet_error(w, s, e);
		st = put_number(w, s, 1, (double)d->files, x->f_int);
		if (st == BILEX_OK)
			st = put_number(w, s, 2, (double)d->members, x->f_int);
		if (st == BILEX_OK)
			st = put_number(w, s, 3, (double)d->pairs, x->f_int);
		if (st == BILEX_OK)
			st = put_number(w, s, 4, (double)d->pairs_document, x->f_int);
		s->row++;
	}
	if (st != BILEX_OK)
		return st;
	/* what the table leaves out, said below it rather than silently */
	if (t->undated_files || t->undated_pairs || t->dropped || t->index.full) {
		char note[200];

		snprintf(note, sizeof(note), "not dated: %lld files, %lld pairs%s",
		    (long long)t->undated_files, (long long)t->undated_pairs,
		    t->dropped ? "; some days left out (too many distinct days)" : "");
		s->row++;
		st = put_text(w, s, 0, note, x->f_note);
		s->row++;
	}
	if (st == BILEX_OK && t->n > 0) {
		lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN);
		lxw_chart_series *se;
		lxw_chart_options opt = { 0 };

		if (ch == NULL)
			return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "xlsx: chart");
		se = chart_add_series(ch, NULL, NULL);
		if (se == NULL)
			return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "xlsx: chart");
		chart_series_set_categories(se, s->name, first, 0, first + (uint32_t)t->n - 1, 0);
		chart_series_set_values(se, s->name, first, 3, first + (uint32_t)t->n - 1, 3);
		chart_series_set_name(se, "pairs");
		chart_title_set_name(ch, "Pairs per day (UTC)");
		chart_axis_set_num_format(ch->x_axis, "yyyy-mm-dd");
		chart_axis_set_name(ch->y_axis, "pairs");
		chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
		opt.x_scale = 2.0;
		opt.y_scale = 1.5;
		worksheet_insert_chart_opt(s->ws, 1, 6, ch, &opt);
	}
	return st;
}

/* ---- the writer ----------------------------------------------------------------------- */

static lxw_format *
new_format(lxw_workbook *wb)
{
	lxw_format *f = workbook_add_format(wb);

	if (f) {
		format_set_font_name(f, CJK_FONT);
		format_set_font_size(f, 10);
		format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	}
	return f;
}

static void state_free(struct xlsx_state *x);

static int
open_workbook(struct bilex_writer *w)
{
	struct xlsx_state *x = calloc(1, sizeof(*x));
	lxw_workbook_options opt = { 0 };
	const char *tmp = getenv("TMPDIR");
	int fd, st = BILEX_OK;

	if (x == NULL)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	w->state = x;
	bx_buf_init(&x->cell, 1u << 20);
	bx_buf_init(&x->rec, 1u << 21);
	bx_buf_init(&x->esc, 1u << 21);
	bx_map_init(&x->paired, PAIRED_IDS);
	bx_timeline_init(&x->tl);
	/* libxlsxwriter opens the file only at workbook_close: create it now so that a path that
	 * cannot be written fails before any work, as for the other formats */
	fd = open(w->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0666);
	if (fd < 0)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "cannot write %s: %s", w->path,
		    strerror(errno));
	close(fd);
	if (tmp && *tmp && strlen(tmp) < sizeof(x->tmpdir) && access(tmp, W_OK) == 0)
		snprintf(x->tmpdir, sizeof(x->tmpdir), "%s", tmp);
	/* one temporary file per sheet instead of every cell in memory */
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = x->tmpdir[0] ? x->tmpdir : NULL;
	opt.use_zip64 = LXW_TRUE; /* a Segments sheet of a big dump can pass 4 GB of XML */
	x->wb = workbook_new_opt(w->path, &opt);
	if (x->wb == NULL)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "xlsx: cannot create the workbook");

	x->f_head = new_format(x->wb);
	x->f_text = new_format(x->wb);
	x->f_wrap = new_format(x->wb);
	x->f_num = new_format(x->wb);
	x->f_int = new_format(x->wb);
	x->f_date = new_format(x->wb);
	x->f_datetime = new_format(x->wb);
	x->f_note = new_format(x->wb);
	if (!x->f_head || !x->f_text || !x->f_wrap || !x->f_num || !x->f_int || !x->f_date ||
	    !x->f_datetime || !x->f_note)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	format_set_bold(x->f_head);
	format_set_bg_color(x->f_head, 0xDDE4EE);
	format_set_bottom(x->f_head, LXW_BORDER_THIN);
	format_set_text_wrap(x->f_wrap);
	format_set_num_format(x->f_num, "0.000");
	format_set_num_format(x->f_int, "0");
	format_set_num_format(x->f_date, "yyyy-mm-dd");
	format_set_num_format(x->f_datetime, "yyyy-mm-dd hh:mm:ss");
	format_set_italic(x->f_note);

	x->pairs.name = "Pairs";
	x->unpaired.name = "Unpaired";
	x->segments.name = "Segments";
	x->files.name = "Files";
	x->errors.name = "Errors";
	x->timeline.name = "Timeline";
	x->has[0] = w->mask & BILEX_MASK(BILEX_REC_PAIR);
	x->has[1] = (w->mask & BILEX_MASK(BILEX_REC_PAIR)) &&
	    (w->mask & BILEX_MASK(BILEX_REC_SEGMENT));
	x->has[2] = w->mask & BILEX_MASK(BILEX_REC_SEGMENT);
	x->has[3] = w->mask & BILEX_MASK(BILEX_REC_FILE);
	x->has[4] = w->mask & BILEX_MASK(BILEX_REC_ERROR);
	x->has[5] = (w->mask & BILEX_MASK(BILEX_REC_FILE)) || (w->mask & BILEX_MASK(BILEX_REC_PAIR));
	x->pairs.part = x->unpaired.part = x->segments.part = x->files.part = x->errors.part =
	    x->timeline.part = 1;
	/* sheets in reading order; all are added now so the tabs keep this order */
	if (st == BILEX_OK && x->has[0] && (st = all_columns(&x->pairs, BILEX_REC_PAIR)) == BILEX_OK)
		st = sheet_begin(w, &x->pairs, NULL, x->pairs.ncols);
	if (st == BILEX_OK && x->has[1] && (st = named_columns(&x->unpaired, BILEX_REC_SEGMENT,
	    unpaired_names, BX_ARRAY_LEN(unpaired_names))) == BILEX_OK)
		st = sheet_begin(w, &x->unpaired, NULL, x->unpaired.ncols);
	if (st == BILEX_OK && x->has[2] &&
	    (st = all_columns(&x->segments, BILEX_REC_SEGMENT)) == BILEX_OK)
		st = sheet_begin(w, &x->segments, NULL, x->segments.ncols);
	if (st == BILEX_OK && x->has[3] && (st = all_columns(&x->files, BILEX_REC_FILE)) == BILEX_OK)
		st = sheet_begin(w, &x->files, NULL, x->files.ncols);
	if (st == BILEX_OK && x->has[4] && (st = all_columns(&x->errors, BILEX_REC_ERROR)) == BILEX_OK)
		st = sheet_begin(w, &x->errors, NULL, x->errors.ncols);
	if (st == BILEX_OK && x->has[5])
		st = sheet_begin(w, &x->timeline, timeline_heads, BX_ARRAY_LEN(timeline_heads));
	return st;
}

static int
xlsx_open(struct bilex_writer *w)
{
	int st = open_workbook(w);
	struct xlsx_state *x = w->state;

	/* the writer is freed without a close when open fails: free everything here, and
	 * without writing a half-made workbook */
	if (st != BILEX_OK && x) {
		if (x->wb)
			lxw_workbook_free(x->wb);
		state_free(x);
		w->state = NULL;
	}
	return st;
}

static int
xlsx_write(struct bilex_writer *w, const struct bilex_record *rec)
{
	struct xlsx_state *x = w->state;
	int st;

	switch (rec->type) {
	case BILEX_REC_PAIR:
		mark_paired(x, rec->u.pair->zh_segment);
		mark_paired(x, rec->u.pair->ko_segment);
		bx_timeline_add_pair(&x->tl, rec->u.pair);
		return put_record(w, &x->pairs, rec->u.pair);
	case BILEX_REC_SEGMENT: {
		const char *lang = rec->u.segment->lang;

		if (x->has[1] && lang && (strcmp(lang, "zh") == 0 || strcmp(lang, "ko") == 0) &&
		    (st = spill_segment(w, rec->u.segment)) != BILEX_OK)
			return st;
		return put_record(w, &x->segments, rec->u.segment);
	}
	case BILEX_REC_FILE:
		bx_timeline_add_file(&x->tl, rec->u.file);
		return put_record(w, &x->files, rec->u.file);
	case BILEX_REC_ERROR:
		return put_record(w, &x->errors, rec->u.error);
	}
	return BILEX_OK;
}

static void
state_free(struct xlsx_state *x)
{
	if (x->spill)
		fclose(x->spill);
	bx_map_free(&x->paired);
	bx_timeline_free(&x->tl);
	bx_buf_free(&x->cell);
	bx_buf_free(&x->rec);
	bx_buf_free(&x->esc);
	free(x->pairs.cols);
	free(x->unpaired.cols);
	free(x->segments.cols);
	free(x->files.cols);
	free(x->errors.cols);
	free(x);
}

static int
xlsx_close(struct bilex_writer *w)
{
	struct xlsx_state *x = w->state;
	int st = BILEX_OK;
	lxw_error e;

	if (x == NULL)
		return BILEX_OK;
	if (x->wb && !w->failed) {
		if (x->has[1])
			st = write_unpaired(w);
		if (st == BILEX_OK && x->has[5])
			st = write_timeline(w);
		sheet_end(&x->pairs, x->pairs.ncols);
		sheet_end(&x->unpaired, x->unpaired.ncols);
		sheet_end(&x->segments, x->segments.ncols);
		sheet_end(&x->files, x->files.ncols);
		sheet_end(&x->errors, x->errors.ncols);
		sheet_end(&x->timeline, BX_ARRAY_LEN(timeline_heads));
		workbook_set_properties(x->wb, &(lxw_doc_properties){ .title = "bilex pairs",
		    .comments = x->cut ? "some cells were cut at 32,767 characters" : NULL });
	}
	if (x->wb) {
		/* closing also frees the workbook, so it runs even after a failure */
		e = workbook_close(x->wb);
		if (e != LXW_NO_ERROR && st == BILEX_OK)
			st = bx_fail(w->ctx, BILEX_FATAL, BILEX_E_IO, "writing %s: %s", w->path,
			    lxw_strerror(e));
	}
	state_free(x);
	w->state = NULL;
	return st;
}

static const char *const xlsx_ext[] = { "xlsx", NULL };

const struct bx_writer_ops bx_xlsx_writer = {
	.name = "xlsx",
	.extensions = xlsx_ext,
	.needs_path = true,
	.open = xlsx_open,
	.write = xlsx_write,
	.close = xlsx_close,
};

#endif /* HAVE_XLSX */

/*
 * csv.c - CSV and TSV tables: every cell where it stands (`B3`), so that a zh cell and the ko
 * cell of its row pair as the cells of a workbook do (ooxml-sheet.c).
 *
 * A table has no signature in its bytes, and read as lines its cells run together
 * ("S012,车轮转动的方向反了。").  So these two extractors are the ones that look at the name:
 * they bid on bytes the text extractor would take whose name ends with .csv or .tsv (any
 * case), and bid the extension's bits, below every format known by its bytes (HTML and XML bid
 * 40 and more), so that a page or a ZIP named .csv is still read as what it is, and a .txt
 * stays text.  The extractors differ in name only: the tape of a document (tape.c) is kept per
 * extractor, and a table read as .csv is not replayed for the same bytes named .tsv or .txt.
 *
 * The bytes are decoded as a text file's are (text-int.h: BOM, declared charset, detection,
 * UTF-16, GB18030, CP949, Big5 ...).  The delimiter is the name's (comma, tab) when the first
 * row holds it; otherwise comma, tab or semicolon, whichever splits the first rows most evenly
 * (Excel writes semicolons in many locales, and some tools write tabs into a .csv).
 *
 * Parsing is RFC 4180, read leniently as spreadsheets read it: a field that starts with a
 * quote is quoted (doubled quotes, delimiters and line ends inside it are text, CRLF inside it
 * becomes LF; what follows its closing quote up to the delimiter is kept), CRLF, LF or CR end a
 * row, the last row needs no line end, rows may have any number of cells, and a header row is
 * a row like the others.  Each non-empty cell is one unit: kind `cell`, `where` `B3`, line and
 * block its row and col its column, the layout that gives the aligner its same-row signal.
 *
 * Hostile tables: a cell is capped at line-bytes (a longer one goes out in units of the same
 * place, with one `limit-bytes` warning), the cells read at the `cells` limit (one
 * `limit-segments` warning; the rest is not read), and a quote that is never closed is a
 * `corrupt` warning: its field is read again from the quote on without quoting, and quoting is
 * off for the rest of the table, so that one stray quote neither swallows the file nor makes
 * the parse quadratic.  Memory: the cell, plus the text of an open quoted field (both capped).
 */
#include "text-int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/utf16.h>

#define SNIFF_ROWS 20       /* rows looked at to choose the delimiter */
#define SNIFF_UNITS 65536   /* at most this much of them */
#define CELL_MIN 256        /* first allocation of the cell buffer, in UTF-16 units */

enum field_state {
	F_START,  /* nothing of the cell read yet */
	F_PLAIN,  /* an unquoted cell, or the rest of a quoted one after its closing quote */
	F_QUOTED, /* inside quotes */
	F_QUOTE   /* a quote inside quotes: doubled (a quote) or closing */
};

struct table {
	struct bx_doc *doc;
	const struct bx_charset_choice *ch;
	UChar dflt;             /* the name's delimiter */
	UChar delim;            /* 0 until chosen from the first rows */
	bool quoting;           /* off after a quote that is never closed */
	enum field_state state;
	bool prev_cr;           /* the last unit was a CR: an LF after it belongs to it */
	int64_t row, col;       /* 1-based place of the current cell */
	int64_t cells, max_cells;
	bool full;              /* max_cells read: anything more is over the limit */
	bool cut_noted;         /* the limit-bytes warning is written */
	/* the current cell (owned; at most max units and the low half of a surrogate pair) */
	UChar *cell;
	int32_t len, cap, max;
	/* the opening quote of the current quoted field in the decoder's buffer, while the field
	 * can still be read again without quoting; -1 when there is none */
	int32_t quote_at;
	int32_t scan;           /* next unit of the decoder's buffer */
	int status;             /* worst so far */
	char where[40];         /* 15 letters, 20 digits */
};

/* Does NAME end with EXT (ASCII case ignored)? */
static bool
has_ext(const char *name, const char *ext)
{
	size_t n = name ? strlen(name) : 0, k = strlen(ext);

	return n >= k && strcasecmp(name + n - k, ext) == 0;
}

static int
table_bid(struct bx_input *in, const char *ext)
{
	if (!has_ext(in->name, ext) || bx_text_bid(in) == BX_BID_NONE)
		return BX_BID_NONE;
	return 8 * (int)strlen(ext);
}

/* ---- the delimiter ------------------------------------------------------------------------ */

/* The name's delimiter when the first row holds it outside quotes; else the one of comma, tab
 * and semicolon that the first row holds and the most other rows hold as many times; the
 * name's when the first row holds none. */
static UChar
sniff_delim(const UChar *s, int32_t n, UChar dflt)
{
	static const UChar cand[] = { ',', '\t', ';' };
	int32_t count[SNIFF_ROWS][BX_ARRAY_LEN(cand)];
	int rows = 0, best = -1, best_score = 0;
	bool quoted = false, seen = false;

	memset(count, 0, sizeof(count));
	for (int32_t i = 0; i < n && i < SNIFF_UNITS && rows < SNIFF_ROWS; i++) {
		UChar c = s[i];

		if (c == '"') {
			quoted = !quoted; /* a doubled quote toggles twice */
			seen = true;
		} else if (quoted) {
			continue;
		} else if (c == '\n' || c == '\r') {
			rows += seen; /* blank lines are no rows here */
			seen = false;
		} else {
			seen = true;
			for (size_t k = 0; k < BX_ARRAY_LEN(cand); k++)
				count[rows][k] += c == cand[k];
		}
	}
	if (rows == 0)
		rows = 1; /* one row, perhaps cut by the sample: better than nothing */
	for (size_t k = 0; k < BX_ARRAY_LEN(cand); k++) {
		int score = 0;

		if (count[0][k] == 0)
			continue;
		if (cand[k] == dflt)
			return dflt;
		for (int r = 0; r < rows; r++)
			score += count[r][k] == count[0][k];
		if (score > best_score) {
			best_score = score;
			best = (int)k;
		}
	}
	return best >= 0 ? cand[best] : dflt;
}

/* ---- cells ----------------------------------------------------------------------------------- */

/* The place of the current cell, `B3`. */
static const char *
place(struct table *t)
{
	bx_fmt_i64(bx_col_name(t->col, t->where), t->row);
	return t->where;
}

static void
warn(struct table *t, int st)
{
	t->status = bx_worst(t->status, st);
}

/* The cell read so far as one unit (or one piece of a cut cell). */
static void
emit_cell(struct table *t)
{
	struct bx_unit u;

	if (t->len == 0)
		return;
	bx_unit_init(&u, "cell");
	u.where = place(t);
	u.text16 = t->cell;
	u.len16 = t->len;
	u.charset = t->ch->label;
	u.confidence = t->ch->confidence;
	u.line = t->row;
	u.block = t->row;
	u.col = t->col;
	t->status = bx_worst(t->status, bx_doc_unit(t->doc, &u));
	t->len = 0;
}

static void
add(struct table *t, UChar c)
{
	/* at the cap the cell goes out in pieces; never between the halves of a surrogate pair */
	if (t->len >= t->max && !(U16_IS_TRAIL(c) && U16_IS_LEAD(t->cell[t->len - 1]))) {
		if (!t->cut_noted)
			warn(t, bx_doc_error(t->doc, BILEX_WARN, BILEX_E_LIMIT_BYTES, "cell %s is longer "
			    "than the line-bytes limit (%lld bytes): cut into units of the same place",
			    place(t), (long long)bx_doc_limit(t->doc, BILEX_LIMIT_LINE_BYTES)));
		t->cut_noted = true;
		emit_cell(t);
		t->quote_at = -1; /* its text is out: the field cannot be read again */
	}
	if (t->len == t->cap) {
		int32_t ncap = t->cap ? (t->cap > t->max / 2 ? t->max + 1 : t->cap * 2) : CELL_MIN;
		UChar *nc = realloc(t->cell, (size_t)ncap * sizeof(*nc));

		if (nc == NULL) {
			warn(t, bx_doc_error(t->doc, BILEX_FATAL, BILEX_E_NOMEM, "out of memory"));
			return;
		}
		t->cell = nc;
		t->cap = ncap;
	}
	t->cell[t->len++] = c;
}

static void
end_cell(struct table *t)
{
	emit_cell(t);
	t->state = F_START;
	t->col++;
	t->full = ++t->cells >= t->max_cells;
}

static void
end_row(struct table *t)
{
	end_cell(t);
	t->row++;
	t->col = 1;
}

/* A unit outside quotes. */
static void
plain(struct table *t, UChar c)
{
	if (c == t->delim) {
		end_cell(t);
	} else if (c == '\n' || c == '\r') {
		t->prev_cr = c == '\r';
		end_row(t);
	} else {
		add(t, c);
	}
}

/* Reads s[i..n) (a bx_text16_fn's text); returns where it stopped. */
static int32_t
parse(struct table *t, const UChar *s, int32_t i, int32_t n)
{
	for (; i < n && t->status > BILEX_FATAL; i++) {
		UChar c = s[i];

		if (t->prev_cr) {
			t->prev_cr = false;
			if (c == '\n')
				continue; /* CRLF is one line end */
		}
		if (t->full)
			break;
		switch (t->state) {
		case F_START:
			if (c == '"' && t->quoting) {
				t->state = F_QUOTED;
				t->quote_at = i;
				break;
			}
			t->state = F_PLAIN;
			plain(t, c);
			break;
		case F_PLAIN:
			plain(t, c);
			break;
		case F_QUOTED:
			if (c == '"') {
				t->state = F_QUOTE;
			} else {
				t->prev_cr = c == '\r';
				add(t, c == '\r' ? '\n' : c);
			}
			break;
		case F_QUOTE:
			if (c == '"') {
				add(t, '"');
				t->state = F_QUOTED;
				break;
			}
			/* the quote closed the field: what follows is read as in a plain cell */
			t->quote_at = -1;
			t->state = F_PLAIN;
			plain(t, c);
			break;
		}
	}
	return i;
}

/* The table's text (a bx_text16_fn). */
static int
table_text(void *arg, const UChar *s, int32_t n, bool last, int32_t *used)
{
	struct table *t = arg;
	int32_t i;

	if (t->delim == 0)
		t->delim = sniff_delim(s, n, t->dflt);
	i = parse(t, s, t->scan, n);
	if (last && t->status > BILEX_FATAL && t->state == F_QUOTED) {
		if (t->quote_at >= 0) {
			warn(t, bx_doc_error(t->doc, BILEX_WARN, BILEX_E_CORRUPT, "the quote that opens "
			    "cell %s is never closed: read again from the quote on without quoting, as "
			    "is the rest of the table", place(t)));
			t->quoting = false;
			t->len = 0;
			t->state = F_PLAIN;
			t->prev_cr = false;
			add(t, '"');
			i = parse(t, s, t->quote_at + 1, n);
			t->quote_at = -1;
		} else {
			warn(t, bx_doc_error(t->doc, BILEX_WARN, BILEX_E_CORRUPT, "the quote that opens "
			    "cell %s is never closed: the rest of the table is that cell", place(t)));
		}
	}
	if (t->full && i < n && t->status > BILEX_FATAL) {
		warn(t, bx_doc_error(t->doc, BILEX_WARN, BILEX_E_LIMIT_SEGMENTS, "more than %lld "
		    "cells (the cells limit): the table is not read from cell %s on",
		    (long long)t->max_cells, place(t)));
		*used = n;
		return t->status > BILEX_FATAL ? BX_TEXT_STOP : t->status;
	}
	if (last && t->status > BILEX_FATAL && t->state != F_START && !t->full)
		end_cell(t); /* the last row needs no line end */
	/* an open quoted field stays in the decoder's buffer while it may be read again; past the
	 * cell cap it is only read on */
	if (t->quote_at >= 0 && n - t->quote_at > t->max)
		t->quote_at = -1;
	*used = last || t->quote_at < 0 ? n : t->quote_at;
	if (t->quote_at >= 0)
		t->quote_at -= *used;
	t->scan = i - *used;
	return t->status;
}

static int
table_extract(struct bx_doc *doc, struct bx_input *in, UChar delim)
{
	struct bx_charset_choice ch;
	struct table t;
	size_t invalid = 0;
	int64_t maxcell = bx_doc_limit(doc, BILEX_LIMIT_LINE_BYTES) / 2; /* bytes as UTF-16 */
	int st;

	st = bx_text_charset(doc, in, &ch);
	if (st != BILEX_OK)
		return st;
	memset(&t, 0, sizeof(t));
	t.doc = doc;
	t.ch = &ch;
	t.dflt = delim;
	t.quoting = true;
	t.row = 1;
	t.col = 1;
	t.max_cells = bx_doc_limit(doc, BILEX_LIMIT_CELLS);
	/* the decoder's buffer holds this plus a few chunks: keep its int32 sizes far from overflow */
	t.max = (int32_t)BX_MIN(maxcell, INT32_MAX / 4);
	t.quote_at = -1;
	t.status = BILEX_OK;
	st = bx_text_decode(doc, &ch, in->data + ch.bom, in->size - ch.bom, t.max, table_text, &t,
	    &invalid);
	free(t.cell);
	return bx_text_done(doc, &ch, invalid, bx_worst(st, t.status));
}

static int
csv_bid(struct bx_input *in)
{
	return table_bid(in, ".csv");
}

static int
csv_extract(struct bx_doc *doc, struct bx_input *in)
{
	return table_extract(doc, in, ',');
}

static int
tsv_bid(struct bx_input *in)
{
	return table_bid(in, ".tsv");
}

static int
tsv_extract(struct bx_doc *doc, struct bx_input *in)
{
	return table_extract(doc, in, '\t');
}

const struct bx_extractor bx_csv_extractor = {
	.name = "csv",
	.flags = 0,
	.bid = csv_bid,
	.extract = csv_extract,
};

const struct bx_extractor bx_tsv_extractor = {
	.name = "tsv",
	.flags = 0,
	.bid = tsv_bid,
	.extract = tsv_extract,
};

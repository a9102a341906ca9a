/*
 * odf.c - OpenDocument: .odt .ods .odp (.odg) packages and their flat XML forms .fodt .fods
 * .fodp (.fodg).
 *
 * A package is told from its central directory: a first entry `mimetype`, stored, whose bytes
 * start with application/vnd.oasis.opendocument. (or, without it, META-INF/manifest.xml next
 * to content.xml).  A flat file is an XML document whose root is office:document in the office
 * namespace.  Both go through one SAX state machine: a package's meta.xml, styles.xml and
 * content.xml are read in that order, which is the order of the same elements in a flat file,
 * so an .odt and its .fodt give the same units.
 *
 * Text sits in text:p and text:h.  The units: paragraphs (`paragraph N`), headings, table
 * cells (`table 1 B2`; `Sheet1!B7` in spreadsheets, whose sheet names are units too), text
 * boxes, footnotes and endnotes, headers and footers of the master pages, slides (`slide N`,
 * kind from presentation:class) and their notes (`slide N notes`), picture titles and
 * descriptions, document metadata.  Annotations are kept with author, date and the text they
 * are anchored on (up to office:annotation-end); LibreOffice >= 7.5 writes a reply as an
 * annotation with loext:parent-name, which becomes kind `reply` with parent_ref.  Tracked
 * changes: text:tracked-changes (at the start of office:text) holds one changed-region per
 * change with its author and date; the body marks where each applies.  An insertion's text is
 * in the body between text:change-start and text:change-end; a deletion's text is inside its
 * text:deletion and marked by text:change -- except that LibreOffice writes deleted text inline
 * between change-start and change-end in flat files, so that span is a deletion or an
 * insertion according to the region it names.  Body text is the text with changes accepted.
 *
 * Spreadsheets repeat cells and rows with table:number-columns-repeated and -rows-repeated
 * (LibreOffice ends every sheet with a row repeated a million times): repeats are counted,
 * never expanded when empty, and a non-empty cell is copied to at most CELL_REPEAT_CAP columns.
 * An encrypted package (manifest:encryption-data in META-INF/manifest.xml) is one `encrypted`
 * error; no password is tried.
 */
#include "extract.h"
#include "xmlsax.h"
#include "zip-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_OASIS "urn:oasis:names:tc:opendocument:xmlns:"
#define NS_OOO "http://openoffice.org/2009/office"
#define NS_LOEXT "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"
#define MIME_PREFIX "application/vnd.oasis.opendocument."

#define TEXT_CAP (16u << 20)    /* bytes of one unit; the rest of a runaway paragraph is dropped */
#define ANCHOR_CAP 4096         /* bytes of anchored text kept per annotation */
#define MAX_OPEN_ANCHORS 64     /* annotations collecting anchor text at once */
#define MAX_ANNOTS 10000
#define MAX_REGIONS 10000
#define MAX_NEST 12             /* open paragraphs and cells (text boxes and notes nest them) */
#define MAX_TABLES 8
#define MAX_CHANGES 64          /* tracked changes kept per paragraph */
#define CELL_REPEAT_CAP 256     /* copies of a repeated non-empty cell */
#define REPEAT_MAX 1000000000L  /* repeat counts saturate here */
#define MAX_SHEETS 4096
#define LATER_MAX 10000
#define LATER_BYTES (64u << 20)

enum ns { N_OTHER, N_OFFICE, N_TEXT, N_TABLE, N_DRAW, N_STYLE, N_PRES, N_META, N_DC, N_SVG,
	N_MANIFEST, N_OOO, N_LOEXT };
enum zone { Z_NONE, Z_META, Z_MASTER, Z_BODY };
enum body { B_NONE, B_TEXT, B_SHEET, B_PRES, B_DRAW };
enum cap { CAP_NONE, CAP_META, CAP_FIELD, CAP_ALT, CAP_DECL, CAP_B64 };
enum rtype { R_INS, R_DEL, R_FMT };

/* Text with ODF's white-space rule: runs of space, tab, CR, LF are one space, and none at the
 * start; text:s, text:tab and text:line-break are written literally. */
struct tbuf {
	struct bx_buf b;
	bool space;
};

struct change {
	int region;              /* index in regions, -1 when the id is unknown */
	bool del;
	struct tbuf text;
};

struct frame {                   /* an open paragraph or table cell: where text goes */
	bool cell;
	int p;                   /* text:p open in it: text outside them is layout white space */
	int lvl;                 /* text boxes and notes open when it started */
	const char *kind;
	char where[256];
	int64_t line, col;       /* cells: row id and column */
	long row, rep;           /* cells: row number and columns repeated */
	unsigned flags;
	struct tbuf text;
	struct change ch[MAX_CHANGES];
	int nch;
};

struct table {
	char name[160];
	long no, row, next_row, next_col;
	int64_t row_id;
	bool sheet;
};

struct region {
	char id[64], author[256], date[64];
	enum rtype type;
	struct tbuf text;        /* deleted text, when the region holds it */
};

struct annot {
	char name[128], parent[128], author[256], date[64], where[288];
	struct tbuf text, anchor;
	bool closed;                 /* its annotation-end was seen: the anchor is complete */
};

struct later {                   /* a unit held until the paragraph around it is out */
	const char *kind;
	char *where, *text, *author, *date;
	size_t len;
	int64_t line, col;
	unsigned flags;
};

struct odf {
	struct bx_doc *doc;
	bool flat;
	const char *meta_where;      /* "meta.xml" or "office:meta" */
	int status;
	int depth, skip;
	enum zone zone;
	int zone_depth;
	enum body body;
	/* field capture: the text of one element */
	enum cap cap;
	int cap_depth;
	char cap_name[128];          /* meta:user-defined name */
	char *cap_dst;               /* CAP_FIELD: an author or a date */
	size_t cap_size;
	const char *decl_kind;       /* header or footer (presentation:*-decl) */
	struct bx_buf ftext;
	/* paragraphs and cells */
	struct frame fr[MAX_NEST];
	int nf, lost_p, lost_cell;
	long para_no;
	int box, note, pnotes, image;
	const char *note_kind;
	long footnotes, endnotes, note_no;
	char pclass[32];             /* presentation:class of the shape being read */
	char place[192];             /* where, outside paragraphs: slide N, a sheet, a header */
	const char *master_kind;     /* header or footer, inside a master page */
	char master[128];
	int masters;
	long page_no;
	/* tables */
	struct table tb[MAX_TABLES];
	int nt, lost_t;
	long table_no;
	char **sheets;               /* sheet names, sent out together after the last sheet */
	size_t nsheets;
	int64_t row_ids;
	/* tracked changes */
	struct region *rg;
	size_t nrg, rg_hint;
	bool in_tc, in_ci, reg_mode;
	int tc_depth, reg_p;
	int chg;                     /* region of the open change-start, -2 for none */
	bool chg_unknown;
	/* annotations */
	struct annot *an;
	size_t nan;
	int ann, ann_depth, ann_p;
	size_t open[MAX_OPEN_ANCHORS]; /* annotations whose anchor is being read, oldest first */
	int nopen;
	/* units waiting for their paragraph */
	struct later *lt;
	size_t nlt, lt_bytes;
	/* metadata */
	char creator[256], initial[256], mdate[64], cdate[64];
	unsigned limits;             /* caps hit so far (one error record each) */
	/* flat files: embedded images */
	unsigned b64_acc;
	int b64_bits;
	bool b64_over;
	int images;
};

/* ---- small helpers ------------------------------------------------------------------------- */

static enum ns
ns_of(const char *uri)
{
	static const struct {
		const char *s;
		enum ns n;
	} oasis[] = { { "office:1.0", N_OFFICE }, { "text:1.0", N_TEXT }, { "table:1.0", N_TABLE },
		{ "drawing:1.0", N_DRAW }, { "style:1.0", N_STYLE },
		{ "presentation:1.0", N_PRES }, { "meta:1.0", N_META },
		{ "svg-compatible:1.0", N_SVG }, { "manifest:1.0", N_MANIFEST } };

	if (uri == NULL)
		return N_OTHER;
	if (strncmp(uri, NS_OASIS, sizeof(NS_OASIS) - 1) == 0) {
		for (size_t i = 0; i < BX_ARRAY_LEN(oasis); i++)
			if (strcmp(uri + sizeof(NS_OASIS) - 1, oasis[i].s) == 0)
				return oasis[i].n;
		return N_OTHER;
	}
	if (strcmp(uri, NS_DC) == 0)
		return N_DC;
	if (strcmp(uri, NS_OOO) == 0)
		return N_OOO;
	if (strcmp(uri, NS_LOEXT) == 0)
		return N_LOEXT;
	return N_OTHER;
}

static bool
is(const char *local, const char *name)
{
	return strcmp(local, name) == 0;
}

/* A repeat count: digits only, at least 1, saturating (a hostile count costs nothing). */
static long
attr_count(const struct bx_xml_attr *a, int n, const char *local)
{
	char v[32];
	long r = 0;

	if (!bx_xml_attr(a, n, local, v, sizeof(v)))
		return 1;
	for (const char *p = v; *p >= '0' && *p <= '9'; p++)
		r = r >= REPEAT_MAX / 10 ? REPEAT_MAX : r * 10 + (*p - '0');
	return r < 1 ? 1 : r;
}

static long
sat_add(long a, long b)
{
	return a > REPEAT_MAX - b ? REPEAT_MAX : a + b;
}

static void
tb_init(struct tbuf *t)
{
	bx_buf_init(&t->b, TEXT_CAP);
	t->space = true;
}

static void
tb_free(struct tbuf *t)
{
	bx_buf_free(&t->b);
}

static void
tb_put(struct tbuf *t, const char *s, size_t n)
{
	if (bx_buf_add(&t->b, s, n) != BILEX_OK && t->b.limit > t->b.len + 1)
		bx_buf_add(&t->b, s, t->b.limit - t->b.len - 1);
}

/* Character data, white space collapsed; `lit` text (text:s, separators) as it is. */
static void
tb_add(struct tbuf *t, const char *s, size_t n, bool lit)
{
	size_t i = 0, j;

	if (lit) {
		tb_put(t, s, n);
		t->space = true;
		return;
	}
	while (i < n) {
		for (j = i; j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r';)
			j++;
		if (j > i) {
			tb_put(t, s + i, j - i);
			t->space = false;
		}
		if (j < n && !t->space) {
			tb_put(t, " ", 1);
			t->space = true;
		}
		i = j + 1;
	}
}

static const char *
tb_str(struct tbuf *t)
{
	return bx_buf_str(&t->b);
}

static const char *
format_of(const char *kind, bool flat)
{
	static const char *const names[][3] = { { "text", "odt", "fodt" },
		{ "spreadsheet", "ods", "fods" }, { "presentation", "odp", "fodp" },
		{ "graphics", "odg", "fodg" }, { "drawing", "odg", "fodg" } };

	for (size_t i = 0; i < BX_ARRAY_LEN(names); i++)
		if (strncmp(kind, names[i][0], strlen(names[i][0])) == 0)
			return names[i][flat ? 2 : 1];
	return NULL;
}

/* A cap of this extractor was hit: one `limit-segments` error per cap and document, so that
 * what was left out is on record. */
static void
limit_hit(struct odf *c, unsigned bit, const char *what)
{
	if (c->limits & bit)
		return;
	c->limits |= bit;
	c->status = bx_worst(c->status, bx_doc_error(c->doc, BILEX_WARN, BILEX_E_LIMIT_SEGMENTS,
	    "%s", what));
}

/* ---- units ---------------------------------------------------------------------------------- */

static void
emit(struct odf *c, const char *kind, const char *where, const char *text, size_t len,
    const char *author, const char *date, int64_t line, int64_t col, const char *ref,
    const char *parent, const char *anchor, unsigned flags)
{
	struct bx_unit u;

	if (len == 0 || c->status == BILEX_FATAL)
		return;
	bx_unit_init(&u, kind);
	u.where = where;
	u.text = text;
	u.len = len;
	u.author = author && *author ? author : NULL;
	u.date = date && *date ? date : NULL;
	u.block = line;
	u.line = line;
	u.col = col;
	u.ref = ref;
	u.parent_ref = parent;
	u.anchor_text = anchor;
	u.flags = flags;
	c->status = bx_worst(c->status, bx_doc_unit(c->doc, &u));
}

/* A unit inside a paragraph (a footnote, a text box, a tracked change of an inner paragraph)
 * waits until that paragraph is out, so that reading order and adjacency stay those of the
 * page; past the caps it goes out at once (order lost, nothing dropped). */
static void
put(struct odf *c, const char *kind, const char *where, const char *text, size_t len,
    const char *author, const char *date, int64_t line, int64_t col, unsigned flags)
{
	struct later *l;

	if (len == 0)
		return;
	if (c->nf == 0 || c->nlt >= LATER_MAX || c->lt_bytes + len > LATER_BYTES) {
		emit(c, kind, where, text, len, author, date, line, col, NULL, NULL, NULL, flags);
		return;
	}
	if (c->nlt % 64 == 0) {
		struct later *nl = realloc(c->lt, (c->nlt + 64) * sizeof(*nl));

		if (nl == NULL) {
			emit(c, kind, where, text, len, author, date, line, col, NULL, NULL, NULL,
			    flags);
			return;
		}
		c->lt = nl;
	}
	l = &c->lt[c->nlt++];
	l->kind = kind;
	l->where = bx_strdup(where);
	l->text = bx_strndup(text, len);
	l->len = l->text ? len : 0;
	l->author = author && *author ? bx_strdup(author) : NULL;
	l->date = date && *date ? bx_strdup(date) : NULL;
	l->line = line;
	l->col = col;
	l->flags = flags;
	c->lt_bytes += len;
}

static void
flush_later(struct odf *c)
{
	for (size_t i = 0; i < c->nlt; i++) {
		struct later *l = &c->lt[i];

		emit(c, l->kind, l->where, l->text, l->len, l->author, l->date, l->line, l->col,
		    NULL, NULL, NULL, l->flags);
		free(l->where);
		free(l->text);
		free(l->author);
		free(l->date);
	}
	c->nlt = 0;
	c->lt_bytes = 0;
}

/* ---- paragraphs and cells --------------------------------------------------------------- */

static const char *
outer_place(struct odf *c)
{
	return c->nf ? c->fr[0].where : c->place[0] ? c->place : "the document";
}

static const char *
class_kind(const char *cls)
{
	static const char *const map[][2] = { { "title", "title" }, { "subtitle", "subtitle" },
		{ "outline", "body" }, { "text", "body" }, { "notes", "note" },
		{ "header", "header" }, { "footer", "footer" } };

	for (size_t i = 0; i < BX_ARRAY_LEN(map); i++)
		if (strcmp(cls, map[i][0]) == 0)
			return map[i][1];
	return "textbox";
}

static struct frame *
push_frame(struct odf *c, bool cell)
{
	struct frame *f;

	if (c->nf == MAX_NEST)
		return NULL;
	f = &c->fr[c->nf++];
	memset(f, 0, sizeof(*f));
	f->cell = cell;
	f->lvl = c->box + c->note;
	f->line = f->col = -1;
	f->rep = 1;
	tb_init(&f->text);
	return f;
}

/* Kind and place of a paragraph that starts now. */
static void
para_start(struct odf *c, bool heading, const struct bx_xml_attr *a, int n)
{
	const char *outer = outer_place(c); /* before the push: the place around it */
	struct frame *f;
	char style[128];

	if (c->nf > 0 && c->fr[c->nf - 1].cell && c->fr[c->nf - 1].lvl == c->box + c->note) {
		/* another paragraph of the same cell: one cell, one unit */
		f = &c->fr[c->nf - 1];
		if (f->text.b.len)
			tb_add(&f->text, "\n", 1, true);
		f->p++;
		return;
	}
	if (bx_xml_attr(a, n, "style-name", style, sizeof(style)) &&
	    (strncmp(style, "Title", 5) == 0 || strncmp(style, "Subtitle", 8) == 0))
		heading = true;
	f = push_frame(c, false);
	if (f == NULL) {
		c->lost_p++;
		return;
	}
	f->p = 1;
	f->kind = "body";
	if (c->note) {
		f->kind = c->note_kind;
		snprintf(f->where, sizeof(f->where), "%s %ld", c->note_kind, c->note_no);
		f->flags = BX_UNIT_ATTACHED;
	} else if (c->zone == Z_MASTER) {
		f->kind = c->master_kind ? c->master_kind : c->pnotes ? "note" : "textbox";
		snprintf(f->where, sizeof(f->where), "%.200s", outer);
	} else if (c->pnotes) {
		f->kind = "note";
		snprintf(f->where, sizeof(f->where), "%.200s", outer);
	} else if (c->box && (c->body == B_PRES || c->body == B_DRAW) && c->page_no) {
		f->kind = class_kind(c->pclass);
		if (strcmp(f->kind, "title") == 0 || strcmp(f->kind, "subtitle") == 0)
			f->flags = BX_UNIT_WHOLE;
		snprintf(f->where, sizeof(f->where), "%.200s", outer);
	} else if (c->box) {
		f->kind = "textbox";
		if (c->nf > 1)
			snprintf(f->where, sizeof(f->where), "text box in %.200s", c->fr[0].where);
		else if (c->body == B_TEXT && c->zone == Z_BODY)
			snprintf(f->where, sizeof(f->where), "text box after paragraph %ld",
			    c->para_no);
		else
			snprintf(f->where, sizeof(f->where), "text box on %.200s", outer);
	} else if (c->body == B_TEXT && c->zone == Z_BODY && c->nf == 1) {
		for (int i = 0; i < c->nopen; i++)
			if (c->an[c->open[i]].anchor.b.len)
				tb_add(&c->an[c->open[i]].anchor, "\n", 1, true);
		c->para_no++;
		f->kind = heading ? "heading" : "body";
		snprintf(f->where, sizeof(f->where), "paragraph %ld", c->para_no);
	} else {
		snprintf(f->where, sizeof(f->where), "%.200s", outer);
	}
}

static void
cell_where(struct odf *c, const struct table *t, long col, long row, char *out, size_t len)
{
	char cn[16];

	bx_col_name(col, cn);
	if (t->sheet)
		snprintf(out, len, "%s!%s%ld", t->name, cn, row);
	else if ((c->body == B_PRES || c->body == B_DRAW) && c->page_no)
		snprintf(out, len, "%.150s table %ld %s%ld", c->place, t->no, cn, row);
	else
		snprintf(out, len, "table %ld %s%ld", t->no, cn, row);
}

static void
cell_start(struct odf *c, const struct bx_xml_attr *a, int n)
{
	struct table *t;
	struct frame *f;
	long rep = attr_count(a, n, "number-columns-repeated");

	if (c->nt == 0 || c->lost_t) {
		c->lost_cell++;
		return;
	}
	t = &c->tb[c->nt - 1];
	f = push_frame(c, true);
	if (f == NULL) {
		c->lost_cell++;
		t->next_col = sat_add(t->next_col, rep);
		return;
	}
	f->kind = "cell";
	f->col = t->next_col;
	f->row = t->row;
	f->line = t->row_id;
	f->rep = rep;
	f->flags = t->sheet ? BX_UNIT_WHOLE : 0;
	t->next_col = sat_add(t->next_col, rep);
	cell_where(c, t, (long)f->col, f->row, f->where, sizeof(f->where));
}

/* Pops the innermost frame and sends out its unit, its tracked changes and, when it was the
 * outermost, the units that waited for it. */
static void
close_frame(struct odf *c)
{
	struct frame *f = &c->fr[c->nf - 1];
	size_t len = f->text.b.len;

	/* the frame stays on the stack while its own units go out, so that inner units of a
	 * cell still wait for the outermost paragraph; it counts as closed for put() */
	c->nf--;
	if (f->cell && len && c->nt > 0) {
		long copies = f->rep < CELL_REPEAT_CAP ? f->rep : CELL_REPEAT_CAP;
		char where[256];

		for (long i = 0; i < copies; i++) {
			cell_where(c, &c->tb[c->nt - 1], (long)f->col + i, f->row, where,
			    sizeof(where));
			put(c, f->kind, where, tb_str(&f->text), len, NULL, NULL, f->line,
			    f->col + i, f->flags);
		}
	} else {
		put(c, f->kind, f->where, tb_str(&f->text), len, NULL, NULL, f->line, f->col,
		    f->flags);
	}
	for (int i = 0; i < f->nch; i++) {
		struct change *ch = &f->ch[i];
		const struct region *r = ch->region >= 0 ? &c->rg[ch->region] : NULL;

		put(c, ch->del ? "deletion" : "insertion", f->where, tb_str(&ch->text),
		    ch->text.b.len, r ? r->author : NULL, r ? r->date : NULL, -1, -1,
		    BX_UNIT_ATTACHED);
		tb_free(&ch->text);
	}
	tb_free(&f->text);
	if (c->nf == 0)
		flush_later(c);
}

static struct change *
frame_change(struct odf *c, struct frame *f, int region, bool del)
{
	struct change *ch;

	if (f->nch > 0 && f->ch[f->nch - 1].region == region && f->ch[f->nch - 1].del == del)
		return &f->ch[f->nch - 1];
	if (f->nch == MAX_CHANGES) {
		limit_hit(c, 1u, "more than 64 tracked changes in one paragraph: the rest are not "
		    "units of their own (inserted text stays in the paragraph)");
		return NULL;
	}
	ch = &f->ch[f->nch++];
	ch->region = region;
	ch->del = del;
	tb_init(&ch->text);
	return ch;
}

/* Character data (or literal text) of the body, to wherever it belongs now. */
static void
take(struct odf *c, const char *s, size_t n, bool lit)
{
	struct frame *f;
	bool del = false;

	if (c->ann >= 0) {
		if (c->ann_p)
			tb_add(&c->an[c->ann].text, s, n, lit);
		return;
	}
	if (c->in_tc) {
		if (c->reg_mode && c->reg_p && !c->in_ci && c->nrg)
			tb_add(&c->rg[c->nrg - 1].text, s, n, lit);
		return;
	}
	if (c->nf == 0)
		return;
	f = &c->fr[c->nf - 1];
	/* text outside paragraphs is layout white space between shapes, rows, cells; past the
	 * nesting cap, inner paragraphs are read into the innermost one kept */
	if (c->lost_p == 0 && (f->p == 0 || f->lvl != c->box + c->note))
		return;
	if (c->chg != -2 || c->chg_unknown) {
		const struct region *r = c->chg >= 0 ? &c->rg[c->chg] : NULL;
		struct change *ch;

		if (r && r->type == R_FMT)
			goto body;
		del = r && r->type == R_DEL;
		ch = frame_change(c, f, c->chg >= 0 ? c->chg : -1, del);
		if (ch)
			tb_add(&ch->text, s, n, lit);
	}
	if (del)
		return; /* the body is the text with changes accepted */
body:
	tb_add(&f->text, s, n, lit);
	for (int i = 0; i < c->nopen; i++)
		if (c->an[c->open[i]].anchor.b.len < ANCHOR_CAP)
			tb_add(&c->an[c->open[i]].anchor, s, n, lit);
}

/* text:s, text:tab, text:line-break, and what is never text (note citations, ruby, fields
 * such as page numbers and dates). */
static bool
inline_start(struct odf *c, const char *local, const struct bx_xml_attr *a, int n)
{
	static const char spaces[] = "                                ";

	if (is(local, "s")) {
		long k = attr_count(a, n, "c");

		for (k = k > 256 ? 256 : k; k > 0; k -= 32)
			take(c, spaces, k < 32 ? (size_t)k : 32, true);
	} else if (is(local, "tab")) {
		take(c, " ", 1, true);
	} else if (is(local, "line-break")) {
		take(c, "\n", 1, true);
	} else if (is(local, "note-citation") || is(local, "ruby-text") ||
	    is(local, "page-number") || is(local, "page-count") || is(local, "sheet-name") ||
	    is(local, "date") || is(local, "time") || is(local, "file-name")) {
		/* citations and ruby repeat other text; fields show what the layout computes */
		c->skip = 1;
	} else {
		return false;
	}
	return true;
}

static void
cap_start(struct odf *c, enum cap what)
{
	c->cap = what;
	c->cap_depth = c->depth;
	c->ftext.len = 0;
	c->b64_acc = 0;
	c->b64_bits = 0;
	c->b64_over = false;
}

/* dc:creator or dc:date of an annotation or a tracked change, into dst */
static void
cap_field(struct odf *c, char *dst, size_t size)
{
	cap_start(c, CAP_FIELD);
	c->cap_dst = dst;
	c->cap_size = size;
}

/* ---- tracked changes ------------------------------------------------------------------------ */

static int
find_region(struct odf *c, const char *id)
{
	/* markers usually name regions in order: start looking after the last one found */
	for (size_t k = 0; k < c->nrg; k++) {
		size_t i = (c->rg_hint + k) % c->nrg;

		if (strcmp(c->rg[i].id, id) == 0) {
			c->rg_hint = i + 1;
			return (int)i;
		}
	}
	return -1;
}

static void
tc_start(struct odf *c, const char *local, enum ns ns, const struct bx_xml_attr *a, int n)
{
	struct region *r = c->nrg ? &c->rg[c->nrg - 1] : NULL;

	if (ns == N_TEXT && is(local, "changed-region")) {
		struct region *nr;

		c->reg_mode = false;
		if (c->nrg >= MAX_REGIONS) {
			limit_hit(c, 2u, "more than 10000 tracked changes: the rest are read as "
			    "insertions without author or date");
			return;
		}
		if (c->nrg % 64 == 0) {
			nr = realloc(c->rg, (c->nrg + 64) * sizeof(*nr));
			if (nr == NULL)
				return;
			c->rg = nr;
		}
		r = &c->rg[c->nrg++];
		memset(r, 0, sizeof(*r));
		tb_init(&r->text);
		bx_xml_attr(a, n, "id", r->id, sizeof(r->id));
	} else if (r == NULL) {
		return;
	} else if (ns == N_TEXT && (is(local, "insertion") || is(local, "deletion") ||
	    is(local, "format-change"))) {
		r->type = local[0] == 'i' ? R_INS : local[0] == 'd' ? R_DEL : R_FMT;
		c->reg_mode = r->type == R_DEL;
	} else if (ns == N_OFFICE && is(local, "change-info")) {
		c->in_ci = true;
	} else if (c->in_ci && ns == N_DC && (is(local, "creator") || is(local, "date"))) {
		cap_field(c, local[0] == 'c' ? r->author : r->date, local[0] == 'c' ?
		    sizeof(r->author) : sizeof(r->date));
	} else if (c->reg_mode && !c->in_ci && ns == N_TEXT) {
		if (is(local, "p") || is(local, "h")) {
			if (r->text.b.len)
				tb_add(&r->text, "\n", 1, true);
			c->reg_p++;
		} else {
			inline_start(c, local, a, n);
		}
	}
}

static void
tc_end(struct odf *c, const char *local, enum ns ns)
{
	if (c->depth == c->tc_depth) {
		c->in_tc = c->reg_mode = c->in_ci = false;
		c->reg_p = 0;
	} else if (ns == N_OFFICE && is(local, "change-info")) {
		c->in_ci = false;
	} else if (ns == N_TEXT && is(local, "deletion")) {
		c->reg_mode = false;
	} else if (ns == N_TEXT && (is(local, "p") || is(local, "h")) && c->reg_p > 0) {
		c->reg_p--;
	}
}

/* text:change (a deletion, its text in the region), text:change-start, text:change-end. */
static void
change_mark(struct odf *c, const char *local, const struct bx_xml_attr *a, int n)
{
	char id[64];
	int r;

	if (!bx_xml_attr(a, n, "change-id", id, sizeof(id)))
		return;
	r = find_region(c, id);
	if (is(local, "change-end")) {
		if (r == c->chg) {
			c->chg = -2;
			c->chg_unknown = false;
		}
		return;
	}
	if (is(local, "change-start")) {
		c->chg = r;
		c->chg_unknown = r < 0;
		return;
	}
	if (r < 0 || c->rg[r].type != R_DEL || c->rg[r].text.b.len == 0)
		return;
	if (c->nf > 0) {
		struct change *ch = frame_change(c, &c->fr[c->nf - 1], r, true);

		if (ch)
			tb_add(&ch->text, tb_str(&c->rg[r].text), c->rg[r].text.b.len, true);
	} else {
		char where[64];

		/* a deleted paragraph marked between paragraphs */
		snprintf(where, sizeof(where), "paragraph %ld", c->para_no);
		emit(c, "deletion", where, tb_str(&c->rg[r].text), c->rg[r].text.b.len,
		    c->rg[r].author, c->rg[r].date, -1, -1, NULL, NULL, NULL, BX_UNIT_ATTACHED);
	}
}

/* ---- annotations ----------------------------------------------------------------------- */

static void
annot_start(struct odf *c, const struct bx_xml_attr *a, int n)
{
	struct annot *an;

	c->ann_depth = c->depth;
	c->ann_p = 0;
	if (c->nan >= MAX_ANNOTS) {
		limit_hit(c, 4u, "more than 10000 comments in one part: the rest are not read");
		c->skip = 1;
		return;
	}
	if (c->nan % 64 == 0) {
		struct annot *na = realloc(c->an, (c->nan + 64) * sizeof(*na));

		if (na == NULL) {
			c->skip = 1;
			return;
		}
		c->an = na;
	}
	an = &c->an[c->nan];
	memset(an, 0, sizeof(*an));
	tb_init(&an->text);
	tb_init(&an->anchor);
	bx_xml_attr(a, n, "name", an->name, sizeof(an->name));
	/* a reply (LibreOffice >= 7.5 writes loext:parent-name) */
	bx_xml_attr(a, n, "parent-name", an->parent, sizeof(an->parent));
	snprintf(an->where, sizeof(an->where), "comment %zu on %.240s", c->nan + 1, outer_place(c));
	if (an->name[0]) {
		/* LibreOffice names point comments too, which never see an annotation-end: when
		 * too many are open, the oldest is taken for one of them and gets no anchor */
		if (c->nopen == MAX_OPEN_ANCHORS)
			memmove(c->open, c->open + 1, (size_t)--c->nopen * sizeof(*c->open));
		c->open[c->nopen++] = c->nan;
	}
	c->ann = (int)c->nan++;
}

static void
annot_inner(struct odf *c, const char *local, enum ns ns, const struct bx_xml_attr *a, int n)
{
	struct annot *an = &c->an[c->ann];

	if (ns == N_DC && c->depth == c->ann_depth + 1 && (is(local, "creator") ||
	    is(local, "date"))) {
		cap_field(c, local[0] == 'c' ? an->author : an->date, local[0] == 'c' ?
		    sizeof(an->author) : sizeof(an->date));
	} else if (ns == N_TEXT && (is(local, "p") || is(local, "h"))) {
		if (an->text.b.len)
			tb_add(&an->text, "\n", 1, true);
		c->ann_p++;
	} else if (ns == N_TEXT) {
		inline_start(c, local, a, n);
	}
}

static void
annot_end_mark(struct odf *c, const struct bx_xml_attr *a, int n)
{
	char name[128];

	if (!bx_xml_attr(a, n, "name", name, sizeof(name)))
		return;
	for (int i = c->nopen; i-- > 0;)
		if (strcmp(c->an[c->open[i]].name, name) == 0) {
			c->an[c->open[i]].closed = true;
			c->nopen--;
			memmove(c->open + i, c->open + i + 1,
			    (size_t)(c->nopen - i) * sizeof(c->open[0]));
			return;
		}
}

/* Comments go out at the end of the part, when every anchor is known; a parent comes before
 * its replies in the file. */
static void
flush_annots(struct odf *c)
{
	char ref[160], pref[160];

	for (size_t i = 0; i < c->nan; i++) {
		struct annot *an = &c->an[i];
		const struct annot *parent = NULL;

		/* a reply sits where its thread is: look back a bounded way (no quadratic scan) */
		for (size_t j = i; an->parent[0] && j-- > 0 && i - j <= 1000 && !parent;)
			if (strcmp(c->an[j].name, an->parent) == 0)
				parent = &c->an[j];
		if (an->name[0])
			snprintf(ref, sizeof(ref), "comment:%s", an->name);
		else
			snprintf(ref, sizeof(ref), "comment:%zu", i + 1);
		if (parent)
			snprintf(pref, sizeof(pref), "comment:%s", parent->name);
		emit(c, parent ? "reply" : "comment", an->where, tb_str(&an->text), an->text.b.len,
		    an->author, an->date, -1, -1, ref, parent ? pref : NULL,
		    an->closed && an->anchor.b.len ? tb_str(&an->anchor) : NULL, 0);
	}
	for (size_t i = 0; i < c->nan; i++) {
		tb_free(&c->an[i].text);
		tb_free(&c->an[i].anchor);
	}
	c->nan = 0;
	c->nopen = 0;
}

/* ---- captured fields: metadata, picture titles, slide header texts, images ------------- */

static void
b64_add(struct odf *c, const char *s, size_t n)
{
	static const char abc[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char out[3072];
	size_t k = 0;

	for (size_t i = 0; i < n && !c->b64_over; i++) {
		const char *v = s[i] ? strchr(abc, s[i]) : NULL;

		if (v == NULL)
			continue; /* white space and padding */
		c->b64_acc = (c->b64_acc << 6 | (unsigned)(v - abc)) & 0xFFFFFF;
		if ((c->b64_bits += 6) >= 8) {
			c->b64_bits -= 8;
			out[k++] = (unsigned char)(c->b64_acc >> c->b64_bits);
		}
		if (k == sizeof(out)) {
			c->b64_over = bx_buf_add(&c->ftext, out, k) != BILEX_OK;
			k = 0;
		}
	}
	if (k && !c->b64_over)
		c->b64_over = bx_buf_add(&c->ftext, out, k) != BILEX_OK;
}

static void
image_out(struct odf *c)
{
	struct bx_member m;
	char name[64];
	int st;

	c->images++;
	snprintf(name, sizeof(name), "binary-data-%d", c->images);
	memset(&m, 0, sizeof(m));
	m.name = name;
	m.data = c->ftext.data;
	m.size = c->ftext.len;
	if (c->b64_over) {
		st = bx_doc_member_error(c->doc, &m, BILEX_FAILED, BILEX_E_LIMIT_BYTES,
		    "embedded image over the member-bytes limit: not read");
	} else {
		if (m.size == 0)
			return;
		st = bx_doc_member(c->doc, &m);
	}
	if (st == BILEX_FATAL)
		c->status = BILEX_FATAL;
}

static bool
has_letter(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z'))
			return true;
	return false;
}

static void
meta_field(struct odf *c, const char *local, enum ns ns)
{
	const char *v = bx_buf_str(&c->ftext);
	char where[320];
	bool unit = false;

	if (c->ftext.len == 0)
		return;
	if (ns == N_DC) {
		if (is(local, "creator"))
			snprintf(c->creator, sizeof(c->creator), "%s", v);
		else if (is(local, "date"))
			snprintf(c->mdate, sizeof(c->mdate), "%s", v);
		unit = is(local, "creator") || is(local, "title") || is(local, "subject") ||
		    is(local, "description");
	} else if (ns == N_META) {
		if (is(local, "initial-creator"))
			snprintf(c->initial, sizeof(c->initial), "%s", v);
		else if (is(local, "creation-date"))
			snprintf(c->cdate, sizeof(c->cdate), "%s", v);
		unit = is(local, "initial-creator") || is(local, "keyword") ||
		    is(local, "user-defined");
	}
	if (!unit || (is(local, "user-defined") && !has_letter(v)))
		return;
	/* every property with words in it is a segment: names are evidence too */
	if (is(local, "user-defined"))
		snprintf(where, sizeof(where), "%s meta:user-defined %s", c->meta_where,
		    c->cap_name);
	else
		snprintf(where, sizeof(where), "%s %s:%s", c->meta_where, ns == N_DC ? "dc" :
		    "meta", local);
	emit(c, "metadata", where, v, c->ftext.len, NULL, NULL, -1, -1, NULL, NULL, NULL,
	    BX_UNIT_WHOLE);
}

static void
cap_end(struct odf *c, const char *local, enum ns ns)
{
	const char *v = bx_buf_str(&c->ftext);
	char where[256];

	switch (c->cap) {
	case CAP_META:
		meta_field(c, local, ns);
		break;
	case CAP_FIELD:
		snprintf(c->cap_dst, c->cap_size, "%s", v);
		break;
	case CAP_ALT:
		/* the title or description an author gave a picture or a shape */
		snprintf(where, sizeof(where), "picture in %.200s", outer_place(c));
		put(c, "alt", where, v, c->ftext.len, NULL, NULL, -1, -1, BX_UNIT_ATTACHED);
		break;
	case CAP_DECL:
		emit(c, c->decl_kind, c->decl_kind, v, c->ftext.len, NULL, NULL, -1, -1, NULL,
		    NULL, NULL, 0);
		break;
	case CAP_B64:
		image_out(c);
		bx_buf_free(&c->ftext); /* back to the size of a field */
		bx_buf_init(&c->ftext, 1u << 20);
		break;
	case CAP_NONE:
		break;
	}
	c->cap = CAP_NONE;
	c->ftext.len = 0;
}

/* ---- the document ------------------------------------------------------------------------ */

static void
set_body(struct odf *c, const char *local)
{
	static const char *const bodies[] = { "text", "spreadsheet", "presentation", "drawing" };

	for (size_t i = 0; i < BX_ARRAY_LEN(bodies); i++)
		if (is(local, bodies[i])) {
			c->body = (enum body)(B_TEXT + i);
			bx_doc_set_format(c->doc, format_of(local, c->flat));
		}
}

static void
office_start(struct odf *c, const char *local, const struct bx_xml_attr *a, int n)
{
	static const char *const skipped[] = { "automatic-styles", "styles", "settings",
		"scripts", "font-face-decls", "forms", "event-listeners" };

	if (is(local, "meta") || is(local, "master-styles") || is(local, "body")) {
		c->zone = local[0] == 'b' ? Z_BODY : local[1] == 'e' ? Z_META : Z_MASTER;
		c->zone_depth = c->depth;
	} else if (c->zone == Z_BODY && c->depth == c->zone_depth + 1) {
		set_body(c, local);
	} else if (is(local, "annotation")) {
		annot_start(c, a, n);
	} else if (is(local, "annotation-end")) {
		annot_end_mark(c, a, n);
	} else if (is(local, "binary-data") && c->image && c->zone != Z_NONE) {
		cap_start(c, CAP_B64);
		bx_buf_free(&c->ftext);
		bx_buf_init(&c->ftext, (size_t)bx_doc_limit(c->doc, BILEX_LIMIT_MEMBER_BYTES));
	} else {
		for (size_t i = 0; i < BX_ARRAY_LEN(skipped); i++)
			if (is(local, skipped[i]))
				c->skip = 1;
	}
}

static void
text_start(struct odf *c, const char *local, const struct bx_xml_attr *a, int n)
{
	char cls[32];

	if (is(local, "p") || is(local, "h")) {
		para_start(c, local[0] == 'h', a, n);
	} else if (inline_start(c, local, a, n)) {
		/* done */
	} else if (is(local, "tracked-changes")) {
		c->in_tc = true;
		c->tc_depth = c->depth;
	} else if (is(local, "change") || is(local, "change-start") || is(local, "change-end")) {
		change_mark(c, local, a, n);
	} else if (is(local, "note")) {
		bool end = bx_xml_attr(a, n, "note-class", cls, sizeof(cls)) &&
		    strcmp(cls, "endnote") == 0;

		c->note_kind = end ? "endnote" : "footnote";
		c->note_no = end ? ++c->endnotes : ++c->footnotes;
	} else if (is(local, "note-body")) {
		c->note++;
	} else if (is(local, "index-body")) {
		c->skip = 1; /* a generated table of contents repeats the headings */
	}
}

/* Sheet names go out side by side, as the tabs of a workbook are (and as an .xlsx lists them
 * in workbook.xml): a Chinese sheet and its Korean copy are usually named in both languages. */
static void
flush_sheets(struct odf *c)
{
	char where[64];

	for (size_t i = 0; i < c->nsheets; i++) {
		snprintf(where, sizeof(where), "sheet %zu", i + 1);
		emit(c, "sheet-name", where, c->sheets[i], strlen(c->sheets[i]), NULL, NULL, -1, -1,
		    NULL, NULL, NULL, BX_UNIT_WHOLE);
		free(c->sheets[i]);
	}
	c->nsheets = 0;
}

static void
add_sheet(struct odf *c, const char *name)
{
	char **ns;

	if (c->nsheets == MAX_SHEETS) {
		limit_hit(c, 8u, "more than 4096 sheets: the names of the rest are not units");
		return;
	}
	if (c->nsheets % 16 == 0) {
		if ((ns = realloc(c->sheets, (c->nsheets + 16) * sizeof(*ns))) == NULL)
			return;
		c->sheets = ns;
	}
	if ((c->sheets[c->nsheets] = bx_strdup(name)) != NULL)
		c->nsheets++;
}

static void
table_start(struct odf *c, const char *local, const struct bx_xml_attr *a, int n)
{
	struct table *t;

	if (is(local, "table")) {
		if (c->nt == MAX_TABLES || c->lost_t) {
			c->lost_t++;
			return;
		}
		t = &c->tb[c->nt++];
		memset(t, 0, sizeof(*t));
		bx_xml_attr(a, n, "name", t->name, sizeof(t->name));
		t->no = ++c->table_no;
		t->next_row = 1;
		t->sheet = c->body == B_SHEET && c->nt == 1 && c->nf == 0 && c->box == 0;
		if (t->sheet) {
			add_sheet(c, t->name);
			snprintf(c->place, sizeof(c->place), "%s", t->name);
		}
	} else if (is(local, "table-row") && c->nt && !c->lost_t) {
		t = &c->tb[c->nt - 1];
		t->row = t->next_row;
		t->next_row = sat_add(t->row, attr_count(a, n, "number-rows-repeated"));
		t->next_col = 1;
		t->row_id = ++c->row_ids;
	} else if (is(local, "table-cell") || is(local, "covered-table-cell")) {
		cell_start(c, a, n);
	} else if (is(local, "tracked-changes")) {
		c->skip = 1; /* Calc's change tracking keeps old cell contents: not read yet */
	}
}

static bool
is_box(const char *local)
{
	static const char *const boxes[] = { "text-box", "custom-shape", "rect", "ellipse",
		"circle", "polygon", "polyline", "path", "line", "connector", "caption", "measure",
		"regular-polygon", "image" };

	for (size_t i = 0; i < BX_ARRAY_LEN(boxes); i++)
		if (is(local, boxes[i]))
			return true;
	return false;
}

static void
draw_start(struct odf *c, const char *local, const struct bx_xml_attr *a, int n)
{
	if (is(local, "page") && c->zone == Z_BODY) {
		c->page_no++;
		snprintf(c->place, sizeof(c->place), "%s %ld", c->body == B_DRAW ? "page" :
		    "slide", c->page_no);
	} else if (is(local, "page-thumbnail")) {
		c->skip = 1;
	}
	if (is(local, "frame") || is(local, "custom-shape")) {
		if (!bx_xml_attr(a, n, "class", c->pclass, sizeof(c->pclass)))
			c->pclass[0] = '\0';
	}
	if (is(local, "image"))
		c->image++;
	if (is_box(local))
		c->box++;
}

static void
style_start(struct odf *c, const char *local, const struct bx_xml_attr *a, int n)
{
	static const char *const hf[] = { "header", "header-left", "header-first", "footer",
		"footer-left", "footer-first" };

	if (c->zone != Z_MASTER)
		return;
	if (is(local, "handout-master")) {
		c->skip = 1; /* page thumbnails and placeholders */
		return;
	}
	if (is(local, "master-page")) {
		if (!bx_xml_attr(a, n, "name", c->master, sizeof(c->master)))
			c->master[0] = '\0';
		c->masters++;
		snprintf(c->place, sizeof(c->place), "master page %s", c->master);
		return;
	}
	for (size_t i = 0; i < BX_ARRAY_LEN(hf); i++)
		if (is(local, hf[i])) {
			const char *dash = strchr(local, '-');

			c->master_kind = local[0] == 'h' ? "header" : "footer";
			snprintf(c->place, sizeof(c->place), "%s%s%s%s%s", c->master_kind,
			    dash ? " " : "", dash ? dash + 1 : "", c->masters > 1 ?
			    " of master page " : "", c->masters > 1 ? c->master : "");
		}
}

static void
on_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct odf *c = arg;
	enum ns ns;

	c->depth++;
	if (c->skip) {
		c->skip++;
		return;
	}
	if (c->cap != CAP_NONE || c->status == BILEX_FATAL)
		return;
	ns = ns_of(uri);
	if (c->ann >= 0) {
		annot_inner(c, local, ns, a, n);
		return;
	}
	if (c->in_tc) {
		tc_start(c, local, ns, a, n);
		return;
	}
	if (c->zone == Z_META && c->depth == c->zone_depth + 1) {
		cap_start(c, CAP_META);
		if (!bx_xml_attr(a, n, "name", c->cap_name, sizeof(c->cap_name)))
			c->cap_name[0] = '\0';
		return;
	}
	switch (ns) {
	case N_OFFICE:
		office_start(c, local, a, n);
		break;
	case N_OOO:
		if (is(local, "annotation"))
			annot_start(c, a, n);
		else if (is(local, "annotation-end"))
			annot_end_mark(c, a, n);
		break;
	case N_TEXT:
		if (c->zone == Z_BODY || c->zone == Z_MASTER)
			text_start(c, local, a, n);
		break;
	case N_TABLE:
		if (c->zone == Z_BODY)
			table_start(c, local, a, n);
		break;
	case N_DRAW:
		draw_start(c, local, a, n);
		break;
	case N_STYLE:
	case N_LOEXT:
		style_start(c, local, a, n);
		break;
	case N_PRES:
		if (is(local, "notes")) {
			c->pnotes++;
			if (c->zone == Z_BODY)
				snprintf(c->place, sizeof(c->place), "%s %ld notes",
				    c->body == B_DRAW ? "page" : "slide", c->page_no);
		} else if (is(local, "header-decl") || is(local, "footer-decl")) {
			cap_start(c, CAP_DECL);
			c->decl_kind = local[0] == 'h' ? "header" : "footer";
		} else if (is(local, "date-time-decl")) {
			c->skip = 1;
		}
		break;
	case N_SVG:
		if ((is(local, "title") || is(local, "desc")) && c->zone != Z_NONE)
			cap_start(c, CAP_ALT);
		break;
	default:
		break;
	}
}

static void
on_end(void *arg, const char *local, const char *uri)
{
	struct odf *c = arg;
	enum ns ns;

	if (c->skip) {
		c->skip--;
		c->depth--;
		return;
	}
	ns = ns_of(uri);
	if (c->cap != CAP_NONE) {
		if (c->depth == c->cap_depth)
			cap_end(c, local, ns);
	} else if (c->ann >= 0) {
		if (c->depth == c->ann_depth)
			c->ann = -1;
		else if (ns == N_TEXT && (is(local, "p") || is(local, "h")) && c->ann_p > 0)
			c->ann_p--;
	} else if (c->in_tc) {
		tc_end(c, local, ns);
	} else if (ns == N_TEXT && (is(local, "p") || is(local, "h"))) {
		if (c->lost_p)
			c->lost_p--;
		else if (c->nf > 0 && c->fr[c->nf - 1].cell && c->fr[c->nf - 1].p > 0)
			c->fr[c->nf - 1].p--;
		else if (c->nf > 0 && !c->fr[c->nf - 1].cell)
			close_frame(c);
	} else if (ns == N_TEXT && is(local, "note-body") && c->note > 0) {
		c->note--;
	} else if (ns == N_TABLE && (is(local, "table-cell") || is(local, "covered-table-cell"))) {
		if (c->lost_cell) {
			c->lost_cell--;
		} else {
			while (c->nf > 0 && !c->fr[c->nf - 1].cell)
				close_frame(c);
			if (c->nf > 0)
				close_frame(c);
		}
	} else if (ns == N_TABLE && is(local, "table")) {
		if (c->lost_t)
			c->lost_t--;
		else if (c->nt > 0 && c->tb[--c->nt].sheet)
			c->place[0] = '\0';
	} else if (ns == N_DRAW) {
		if (is_box(local) && c->box > 0)
			c->box--;
		if (is(local, "image") && c->image > 0)
			c->image--;
		if (is(local, "frame") || is(local, "custom-shape"))
			c->pclass[0] = '\0';
		if (is(local, "page"))
			c->place[0] = '\0';
	} else if (ns == N_PRES && is(local, "notes") && c->pnotes > 0) {
		if (--c->pnotes == 0 && c->zone == Z_BODY)
			snprintf(c->place, sizeof(c->place), "%s %ld", c->body == B_DRAW ? "page" :
			    "slide", c->page_no);
	} else if ((ns == N_STYLE || ns == N_LOEXT) && c->zone == Z_MASTER &&
	    (strncmp(local, "header", 6) == 0 || strncmp(local, "footer", 6) == 0)) {
		c->master_kind = NULL;
		snprintf(c->place, sizeof(c->place), "master page %s", c->master);
	} else if (ns == N_OFFICE && is(local, "spreadsheet") && c->zone == Z_BODY) {
		flush_sheets(c);
	} else if (ns == N_OFFICE && c->depth == c->zone_depth && c->zone != Z_NONE) {
		if (c->zone == Z_META)
			bx_doc_set_meta(c->doc, c->initial[0] ? c->initial : c->creator,
			    c->mdate[0] ? c->mdate : c->cdate);
		c->zone = Z_NONE;
		c->place[0] = '\0';
	}
	c->depth--;
}

static void
on_text(void *arg, const char *s, size_t n)
{
	struct odf *c = arg;

	if (c->skip || c->status == BILEX_FATAL)
		return;
	if (c->cap == CAP_B64)
		b64_add(c, s, n);
	else if (c->cap != CAP_NONE)
		bx_buf_add(&c->ftext, s, n); /* capped: a runaway field is cut */
	else
		take(c, s, n, false);
}

static void
part_reset(struct odf *c)
{
	c->depth = c->skip = 0;
	c->zone = Z_NONE;
	c->cap = CAP_NONE;
	c->nf = c->lost_p = c->lost_cell = 0;
	c->box = c->note = c->pnotes = c->image = 0;
	c->nt = c->lost_t = 0;
	c->in_tc = c->in_ci = c->reg_mode = false;
	c->reg_p = 0;
	c->chg = -2;
	c->chg_unknown = false;
	c->ann = -1;
	c->place[0] = c->pclass[0] = '\0';
	c->master_kind = NULL;
}

/* What a part left open (a truncated file): its text still counts. */
static void
part_finish(struct odf *c)
{
	c->cap = CAP_NONE;
	while (c->nf > 0)
		close_frame(c);
	flush_later(c);
	flush_sheets(c);
	flush_annots(c);
	bx_buf_free(&c->ftext);
	bx_buf_init(&c->ftext, 1u << 20);
}

static void
odf_free(struct odf *c)
{
	while (c->nf > 0) {
		struct frame *f = &c->fr[--c->nf];

		tb_free(&f->text);
		for (int i = 0; i < f->nch; i++)
			tb_free(&f->ch[i].text);
	}
	for (size_t i = 0; i < c->nrg; i++)
		tb_free(&c->rg[i].text);
	free(c->rg);
	for (size_t i = 0; i < c->nan; i++) {
		tb_free(&c->an[i].text);
		tb_free(&c->an[i].anchor);
	}
	free(c->an);
	for (size_t i = 0; i < c->nlt; i++) {
		free(c->lt[i].where);
		free(c->lt[i].text);
		free(c->lt[i].author);
		free(c->lt[i].date);
	}
	free(c->lt);
	for (size_t i = 0; i < c->nsheets; i++)
		free(c->sheets[i]);
	free(c->sheets);
	bx_buf_free(&c->ftext);
	free(c);
}

static struct odf *
odf_new(struct bx_doc *doc, bool flat)
{
	struct odf *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->doc = doc;
	c->flat = flat;
	c->meta_where = flat ? "office:meta" : "meta.xml";
	bx_buf_init(&c->ftext, 1u << 20);
	part_reset(c);
	return c;
}

/* ---- packages ------------------------------------------------------------------------------ */

/* The stored `mimetype` entry of a package, or NULL. */
static const struct bx_zipent *
mimetype_entry(const struct bx_input *in, const struct bx_zipdir *z, bool *first)
{
	const struct bx_zipent *e = bx_zipdir_find(z, "mimetype");
	size_t k = sizeof(MIME_PREFIX) - 1;

	if (e == NULL || e->method != 0 || e->data_start == 0 || e->csize < k ||
	    e->data_start > in->size || in->size - e->data_start < k ||
	    memcmp(in->data + e->data_start, MIME_PREFIX, k) != 0)
		return NULL;
	*first = e == &z->e[0];
	return e;
}

struct manifest {
	char path[512];
	bool encrypted;
	char what[512];
};

static void
man_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct manifest *m = arg;

	if (ns_of(uri) != N_MANIFEST)
		return;
	if (is(local, "file-entry") && !bx_xml_attr(a, n, "full-path", m->path, sizeof(m->path)))
		m->path[0] = '\0';
	else if (is(local, "encryption-data") && (!m->encrypted || is(m->path, "content.xml"))) {
		m->encrypted = true;
		snprintf(m->what, sizeof(m->what), "%s", m->path);
	}
}

static int
parse_part(struct odf *c, struct bx_zipr *zr, const char *name, bool *found)
{
	int64_t idx = bx_zipr_locate(zr, name);
	struct bx_xml_handler h = { c, on_start, on_end, on_text };
	char sha[65];
	uint64_t size = 0;
	int st, st2;

	*found = idx >= 0;
	if (idx < 0)
		return BILEX_OK;
	st = bx_doc_part_begin(c->doc, name);
	if (st != BILEX_OK)
		return st;
	part_reset(c);
	st = bx_xml_parse_zip(c->doc, zr, (uint64_t)idx, name, BX_XML_NO_DTD, &h, sha, &size);
	part_finish(c);
	st2 = bx_doc_part_end(c->doc, st, sha[0] ? sha : NULL, size);
	if (st2 == BILEX_FATAL || c->status == BILEX_FATAL)
		return BILEX_FATAL;
	return st == BILEX_FATAL ? st : st < BILEX_OK ? BILEX_WARN : BILEX_OK;
}

/* Pictures go back to the registry (OCR); Thumbnails/ is a rendering of page 1, not read. */
static int
hand_back_pictures(struct bx_doc *doc, struct bx_zipr *zr)
{
	zip_t *za = bx_zipr_archive(zr);
	int64_t n = bx_zipr_count(zr);
	int st = BILEX_OK;

	for (int64_t i = 0; i < n && st != BILEX_FATAL; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		unsigned char *buf;
		size_t len;
		struct bx_member m;
		char when[32];

		if (name == NULL || strncasecmp(name, "Pictures/", 9) != 0 ||
		    name[strlen(name) - 1] == '/')
			continue;
		if (bx_zipr_read(zr, (uint64_t)i, &buf, &len) != BILEX_OK)
			continue; /* the reason is on record */
		memset(&m, 0, sizeof(m));
		m.name = name; /* written by office suites: ASCII or UTF-8 */
		m.data = buf;
		m.size = len;
		bx_zip_mtime(za, (uint64_t)i, when);
		m.mtime = when[0] ? when : NULL;
		st = bx_doc_member(doc, &m);
		free(buf);
	}
	return st == BILEX_FATAL ? st : BILEX_OK;
}

static int
package_extract(struct bx_doc *doc, struct bx_input *in)
{
	static const char *const parts[] = { "meta.xml", "styles.xml", "content.xml" };
	const struct bx_zipdir *z = bx_zipdir_get(in);
	const struct bx_zipent *mt;
	struct bx_zipr *zr;
	struct manifest man;
	struct bx_xml_handler mh = { &man, man_start, NULL, NULL };
	struct odf *c;
	bool first, found, content = false;
	int64_t idx;
	int st, status;

	mt = z ? mimetype_entry(in, z, &first) : NULL;
	if (mt) {
		char kind[64];
		size_t k = sizeof(MIME_PREFIX) - 1;
		uint64_t avail = in->size - mt->data_start - k;
		size_t len = (size_t)BX_MIN(BX_MIN(mt->csize - k, avail), 63);

		memcpy(kind, in->data + mt->data_start + k, len);
		kind[len] = '\0';
		if (format_of(kind, false))
			bx_doc_set_format(doc, format_of(kind, false));
	}
	st = bx_zipr_open(doc, in, &zr);
	if (zr == NULL)
		return st;
	status = st;
	/* an encrypted package keeps its manifest in the clear: no text can be read */
	memset(&man, 0, sizeof(man));
	idx = bx_zipr_locate(zr, "META-INF/manifest.xml");
	if (idx >= 0)
		bx_xml_parse_zip(doc, zr, (uint64_t)idx, "META-INF/manifest.xml", BX_XML_NO_DTD,
		    &mh, NULL, NULL);
	if (man.encrypted) {
		st = bx_doc_error(doc, BILEX_FAILED, BILEX_E_ENCRYPTED,
		    "encrypted OpenDocument package (%s is encrypted): no password is tried",
		    man.what[0] ? man.what : "a part");
		bx_zipr_close(zr);
		return st;
	}
	c = odf_new(doc, false);
	if (c == NULL) {
		bx_zipr_close(zr);
		return bx_fail(bx_doc_ctx(doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	st = BILEX_OK;
	for (size_t i = 0; i < BX_ARRAY_LEN(parts) && st != BILEX_FATAL; i++) {
		st = parse_part(c, zr, parts[i], &found);
		status = bx_worst(status, st);
		content |= found && i == 2;
	}
	if (st != BILEX_FATAL && !content)
		status = bx_worst(status, bx_doc_error(doc, BILEX_WARN, BILEX_E_CORRUPT,
		    "OpenDocument package without content.xml"));
	if (st != BILEX_FATAL)
		st = hand_back_pictures(doc, zr);
	if (st == BILEX_FATAL || c->status == BILEX_FATAL)
		status = BILEX_FATAL;
	odf_free(c);
	bx_zipr_close(zr);
	return status;
}

/* ---- flat files ---------------------------------------------------------------------------- */

/* Bits of the flat-ODF signature: the root element (office:document, or a loose content.xml,
 * styles.xml or meta.xml) in the office namespace, within the first 4 KiB; 0 if not seen. */
static int
flat_bits(const struct bx_input *in)
{
	static const char *const roots[] = { "document", "document-content", "document-styles",
		"document-meta" };
	const char *p = (const char *)in->data, *end = p + BX_MIN(in->size, 4096);
	const char *q, *gt, *lb, *colon, *local;
	char needle[160];
	bool root = false;

	if (end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	/* past white space, the XML declaration, comments, processing instructions and a
	 * DOCTYPE (looked past, so that the parse rejects it on record: dtd-rejected) */
	for (;;) {
		while (p < end && memchr(" \t\r\n", *p, 4))
			p++;
		if (end - p < 2 || *p != '<')
			return 0;
		if (p[1] == '?')
			q = "?>";
		else if (end - p >= 4 && memcmp(p, "<!--", 4) == 0)
			q = "-->";
		else if (p[1] == '!') {
			lb = memchr(p, '[', (size_t)(end - p));
			gt = memchr(p, '>', (size_t)(end - p));
			q = lb && (gt == NULL || lb < gt) ? "]>" : ">"; /* an internal subset */
		}
		else
			break;
		if ((p = memmem(p, (size_t)(end - p), q, strlen(q))) == NULL)
			return 0;
		p += strlen(q);
	}
	/* the root: office:document (or a loose content.xml, styles.xml, meta.xml) */
	p++;
	if ((gt = memchr(p, '>', (size_t)(end - p))) == NULL)
		return 0;
	for (q = p; q < gt && !memchr(" \t\r\n/", *q, 5); q++)
		;
	colon = memchr(p, ':', (size_t)(q - p));
	local = colon ? colon + 1 : p;
	for (size_t i = 0; i < BX_ARRAY_LEN(roots); i++)
		root |= (size_t)(q - local) == strlen(roots[i]) &&
		    memcmp(local, roots[i], strlen(roots[i])) == 0;
	if (!root || (colon && colon - p > 100))
		return 0;
	/* ... whose prefix is bound to the office namespace */
	for (int quote = 0; quote < 2; quote++) {
		snprintf(needle, sizeof(needle), "xmlns%s%.*s=%c%s%c", colon ? ":" : "",
		    colon ? (int)(colon - p) : 0, p, "\"'"[quote], NS_OFFICE, "\"'"[quote]);
		if (memmem(q, (size_t)(gt - q), needle, strlen(needle)))
			return (int)(8 * ((size_t)(q - p) + 1 + sizeof(NS_OFFICE) - 1));
	}
	return 0;
}

static int
flat_extract(struct bx_doc *doc, struct bx_input *in)
{
	struct odf *c = odf_new(doc, true);
	struct bx_xml_handler h;
	int st;

	if (c == NULL)
		return bx_fail(bx_doc_ctx(doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	h = (struct bx_xml_handler){ c, on_start, on_end, on_text };
	st = bx_xml_parse_mem(doc, in->name ? in->name : "document", in->data, in->size,
	    BX_XML_NO_DTD, &h);
	part_finish(c);
	if (c->status == BILEX_FATAL)
		st = BILEX_FATAL;
	else
		st = bx_worst(st, c->status);
	odf_free(c);
	return st;
}

/* ---- the extractor ------------------------------------------------------------------------- */

static int
odf_bid(struct bx_input *in)
{
	const struct bx_zipdir *z = bx_zipdir_get(in);
	const struct bx_zipent *mt;
	bool first = false;

	if (z == NULL)
		return flat_bits(in);
	mt = mimetype_entry(in, z, &first);
	if (mt)
		return bx_zip_signature_bits(in, z) + 8 * (8 + (int)sizeof(MIME_PREFIX) - 1) +
		    (first ? 8 : 0);
	if (bx_zipdir_find(z, "META-INF/manifest.xml") && bx_zipdir_find(z, "content.xml"))
		return bx_zip_signature_bits(in, z) + 8 * (21 + 11);
	return BX_BID_NONE;
}

static int
odf_extract(struct bx_doc *doc, struct bx_input *in)
{
	if (bx_zipdir_get(in))
		return package_extract(doc, in);
	return flat_extract(doc, in);
}

const struct bx_extractor bx_odf_extractor = {
	.name = "odf",
	.flags = BX_EXF_CONTAINER,
	.bid = odf_bid,
	.extract = odf_extract,
};

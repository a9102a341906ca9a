/*
 * ooxml-sheet.c - Excel workbooks: sheet names, every cell where it stands, notes and
 * threaded comments with their authors.
 *
 * Shared strings are resolved to their cells (`Sheet1!B7`); inline strings, formula results,
 * numbers and dates (by the cell's number format) are cells too.  Units are emitted sheet
 * names first (two sheets named 修改意见 and 수정의견 are evidence of a translated workbook),
 * then the cells of each sheet row by row, so a zh cell and the ko cell beside it are
 * neighbours with the same row (`line`) for the aligner.  Parts are streamed: a 500 MB
 * sharedStrings.xml never sits in memory as XML; the strings themselves are kept up to the
 * text-bytes limit.  Excel's legacy mirror of a threaded comment ("[Threaded comment]...") is
 * skipped: the threaded comment itself, with its replies, is read instead.
 */
#include "ooxml-int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_SHEETS 4096
#define ROW_STRIDE 100000000LL /* line of a cell: sheet * stride + row, unique in the book */

struct sheet {
	char *name, *part;
};

struct person {
	char id[64];
	char *name;
};

struct book {
	struct ox_pkg *p;
	struct sheet *sheets;
	size_t nsheets;
	/* shared strings: offsets into one buffer */
	struct bx_buf sst;
	size_t *sst_off;
	size_t nsst, capsst;
	bool sst_full;
	/* styles: which cell formats are dates */
	long *xf_fmt;
	size_t nxf;
	long date_fmts[64];
	int ndate_fmts;
	struct person *persons;
	size_t npersons;
	/* parsing state */
	struct ox_text t;
	bool in_si, in_t, in_rph, in_v, in_is, in_cell_xfs;
	int status;
	/* cell being read */
	long sheet_no, row, col, next_col;
	char ctype[16], cref[32];
	long cstyle;
	struct ox_text v;
	const char *sheet_name;
	/* comments */
	char **authors;
	size_t nauthors;
	char cm_ref[32], cm_author[256], cm_date[64], cm_id[64], cm_parent[64];
	long cm_no;
	bool in_text;
};

static void
book_unit(struct book *b, const char *kind, const char *where, const char *text, size_t len,
    const char *author, const char *date, int64_t line, int64_t col, const char *ref,
    const char *parent)
{
	struct bx_unit u;

	if (len == 0)
		return;
	bx_unit_init(&u, kind);
	u.where = where;
	u.text = text;
	u.len = len;
	u.author = author && *author ? author : NULL;
	u.date = date && *date ? date : NULL;
	u.line = line;
	u.block = line;
	u.col = col;
	u.ref = ref;
	u.parent_ref = parent;
	if (strcmp(kind, "sheet-name") == 0)
		u.flags = BX_UNIT_WHOLE;
	b->status = bx_worst(b->status, bx_doc_unit(b->p->doc, &u));
}

/* ---- workbook: sheet names and parts ---------------------------------------------------- */

struct wb_ctx {
	struct book *b;
	const struct ox_rels *rels;
};

static void
wb_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct wb_ctx *c = arg;
	struct book *b = c->b;
	char name[1024], id[128];
	const struct ox_rel *r;
	struct sheet *ns;

	(void)uri;
	if (strcmp(local, "sheet") != 0 || b->nsheets >= MAX_SHEETS)
		return;
	if (!bx_xml_attr(a, n, "name", name, sizeof(name)) || !bx_xml_attr(a, n, "id", id, sizeof(id)))
		return;
	r = ox_rels_id(c->rels, id);
	ns = realloc(b->sheets, (b->nsheets + 1) * sizeof(*ns));
	if (ns == NULL)
		return;
	b->sheets = ns;
	ns[b->nsheets].name = bx_strdup(name);
	ns[b->nsheets].part = r && !r->external ? bx_strdup(r->target) : NULL;
	b->nsheets++;
}

/* ---- shared strings ---------------------------------------------------------------------- */

static void
sst_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct book *b = arg;

	(void)uri;
	(void)a;
	(void)n;
	if (strcmp(local, "si") == 0) {
		b->in_si = true;
		ox_text_reset(&b->t);
	} else if (strcmp(local, "rPh") == 0) {
		b->in_rph = true; /* phonetic guide (furigana): not the text */
	} else if (strcmp(local, "t") == 0 && b->in_si && !b->in_rph) {
		b->in_t = true;
	}
}

static void
sst_end(void *arg, const char *local, const char *uri)
{
	struct book *b = arg;

	(void)uri;
	if (strcmp(local, "t") == 0) {
		b->in_t = false;
	} else if (strcmp(local, "rPh") == 0) {
		b->in_rph = false;
	} else if (strcmp(local, "si") == 0 && b->in_si) {
		b->in_si = false;
		if (b->nsst == b->capsst) {
			size_t nc = b->capsst ? b->capsst * 2 : 1024;
			size_t *no = realloc(b->sst_off, (nc + 1) * sizeof(*no));

			if (no == NULL) {
				b->sst_full = true;
				return;
			}
			b->sst_off = no;
			b->capsst = nc;
		}
		/* every string keeps its index even past the cap, as an empty string */
		b->sst_off[b->nsst] = b->sst.len;
		if (!b->sst_full && (bx_buf_add(&b->sst, b->t.b.data ? b->t.b.data : "", b->t.b.len) !=
		    BILEX_OK || bx_buf_addc(&b->sst, '\0') != BILEX_OK))
			b->sst_full = true;
		if (b->sst_full)
			b->sst_off[b->nsst] = SIZE_MAX;
		b->nsst++;
	}
}

static void
sst_text(void *arg, const char *s, size_t n)
{
	struct book *b = arg;

	if (b->in_t)
		ox_text_add(&b->t, s, n);
}

static const char *
sst_get(const struct book *b, long i)
{
	if (i < 0 || (size_t)i >= b->nsst || b->sst_off[i] == SIZE_MAX)
		return NULL;
	return b->sst.data + b->sst_off[i];
}

/* ---- styles: number formats that are dates ------------------------------------------------- */

static bool
is_date_code(const char *code)
{
	bool quoted = false;

	for (const char *p = code; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '\\' && p[1])
			p++;
		else if (!quoted && (*p == 'y' || *p == 'Y' || *p == 'd' || *p == 'D'))
			return true;
		else if (*p == '[')
			while (*p && *p != ']')
				p++; /* colours and locales: [Red], [$-409] */
		if (*p == '\0')
			break;
	}
	return false;
}

static void
sty_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct book *b = arg;
	char v[512], code[512];

	(void)uri;
	if (strcmp(local, "numFmt") == 0 && bx_xml_attr(a, n, "numFmtId", v, sizeof(v)) &&
	    bx_xml_attr(a, n, "formatCode", code, sizeof(code)) && is_date_code(code) &&
	    b->ndate_fmts < 64) {
		b->date_fmts[b->ndate_fmts++] = strtol(v, NULL, 10);
	} else if (strcmp(local, "cellXfs") == 0) {
		b->in_cell_xfs = true;
	} else if (strcmp(local, "xf") == 0 && b->in_cell_xfs && b->nxf < 65536) {
		long *nx = realloc(b->xf_fmt, (b->nxf + 1) * sizeof(*nx));

		if (nx == NULL)
			return;
		b->xf_fmt = nx;
		nx[b->nxf++] = bx_xml_attr(a, n, "numFmtId", v, sizeof(v)) ? strtol(v, NULL, 10) : 0;
	}
}

static void
sty_end(void *arg, const char *local, const char *uri)
{
	struct book *b = arg;

	(void)uri;
	if (strcmp(local, "cellXfs") == 0)
		b->in_cell_xfs = false;
}

static bool
is_date_style(const struct book *b, long s)
{
	long f;

	if (s < 0 || (size_t)s >= b->nxf)
		return false;
	f = b->xf_fmt[s];
	if ((f >= 14 && f <= 22) || (f >= 45 && f <= 47) || (f >= 27 && f <= 36) ||
	    (f >= 50 && f <= 58))
		return true; /* built-in date formats, including the CJK ones */
	for (int i = 0; i < b->ndate_fmts; i++)
		if (b->date_fmts[i] == f)
			return true;
	return false;
}

/* Excel's serial date (days since 1899-12-30 in the 1900 system) as ISO 8601. */
static void
serial_date(double v, char *out, size_t len)
{
	long days = (long)floor(v);
	double frac = v - (double)days;
	long y, m, d, z, era, doe, yoe, doy, mp;
	int secs = (int)lround(frac * 86400);

	if (v < 1 || v > 2958465) {
		snprintf(out, len, "%.15g", v);
		return;
	}
	/* civil date from days since 1970-01-01 (Howard Hinnant's algorithm) */
	z = days - 25569 + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	/* every value is in range here; the casts say so to the compiler */
	if (secs > 0 && secs < 86400)
		snprintf(out, len, "%04d-%02d-%02dT%02d:%02d:%02d", (int)(y % 10000), (int)m, (int)d,
		    (int)(secs / 3600 % 24), (int)(secs / 60 % 60), (int)(secs % 60));
	else
		snprintf(out, len, "%04d-%02d-%02d", (int)(y % 10000), (int)m, (int)d);
}

/* ---- sheets ------------------------------------------------------------------------------- */

static void
cell_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct book *b = arg;
	char v[64];

	(void)uri;
	if (strcmp(local, "row") == 0) {
		b->row = bx_xml_attr(a, n, "r", v, sizeof(v)) ? strtol(v, NULL, 10) : b->row + 1;
		b->next_col = 1;
	} else if (strcmp(local, "c") == 0) {
		long col, row;

		b->ctype[0] = b->cref[0] = '\0';
		bx_xml_attr(a, n, "t", b->ctype, sizeof(b->ctype));
		b->cstyle = bx_xml_attr(a, n, "s", v, sizeof(v)) ? strtol(v, NULL, 10) : -1;
		if (bx_xml_attr(a, n, "r", b->cref, sizeof(b->cref)) && ox_cell_ref(b->cref, &col, &row)) {
			b->col = col;
			b->row = row;
		} else {
			b->col = b->next_col;
		}
		b->next_col = b->col + 1;
		ox_text_reset(&b->v);
		ox_text_reset(&b->t);
	} else if (strcmp(local, "v") == 0) {
		b->in_v = true;
	} else if (strcmp(local, "is") == 0) {
		b->in_is = true;
	} else if (strcmp(local, "rPh") == 0) {
		b->in_rph = true;
	} else if (strcmp(local, "t") == 0 && b->in_is && !b->in_rph) {
		b->in_t = true;
	}
}

static void
cell_end(void *arg, const char *local, const char *uri)
{
	struct book *b = arg;
	char where[1200], colname[16], num[64];
	const char *text = NULL;
	size_t len = 0;

	(void)uri;
	if (strcmp(local, "v") == 0) {
		b->in_v = false;
	} else if (strcmp(local, "is") == 0) {
		b->in_is = false;
	} else if (strcmp(local, "rPh") == 0) {
		b->in_rph = false;
	} else if (strcmp(local, "t") == 0) {
		b->in_t = false;
	} else if (strcmp(local, "c") == 0) {
		if (strcmp(b->ctype, "s") == 0) {
			text = b->v.b.len ? sst_get(b, strtol(bx_buf_str(&b->v.b), NULL, 10)) : NULL;
			len = text ? strlen(text) : 0;
		} else if (strcmp(b->ctype, "inlineStr") == 0) {
			text = bx_buf_str(&b->t.b);
			len = b->t.b.len;
		} else if (strcmp(b->ctype, "str") == 0 || strcmp(b->ctype, "e") == 0) {
			text = bx_buf_str(&b->v.b);
			len = b->v.b.len;
		} else if (strcmp(b->ctype, "b") == 0) {
			text = strcmp(bx_buf_str(&b->v.b), "1") == 0 ? "TRUE" : "FALSE";
			len = b->v.b.len ? strlen(text) : 0;
		} else if (b->v.b.len) {
			char *end;
			double d = strtod(bx_buf_str(&b->v.b), &end);

			if (*end == '\0' && is_date_style(b, b->cstyle))
				serial_date(d, num, sizeof(num));
			else
				snprintf(num, sizeof(num), "%s", bx_buf_str(&b->v.b));
			text = num;
			len = strlen(num);
		}
		if (len == 0)
			return;
		bx_col_name(b->col, colname);
		snprintf(where, sizeof(where), "%s!%s%ld", b->sheet_name, colname, b->row);
		book_unit(b, "cell", where, text, len, NULL, NULL, b->sheet_no * ROW_STRIDE + b->row,
		    b->col, NULL, NULL);
	}
}

static void
cell_text(void *arg, const char *s, size_t n)
{
	struct book *b = arg;

	if (b->in_v)
		ox_text_add(&b->v, s, n);
	else if (b->in_t)
		ox_text_add(&b->t, s, n);
}

/* ---- comments: legacy notes and threaded comments --------------------------------------- */

static void
cm_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct book *b = arg;
	char v[64];

	(void)uri;
	if (strcmp(local, "author") == 0) {
		ox_text_reset(&b->t);
		b->in_t = true;
	} else if (strcmp(local, "comment") == 0) {
		b->cm_ref[0] = b->cm_author[0] = '\0';
		bx_xml_attr(a, n, "ref", b->cm_ref, sizeof(b->cm_ref));
		if (bx_xml_attr(a, n, "authorId", v, sizeof(v))) {
			long i = strtol(v, NULL, 10);

			if (i >= 0 && (size_t)i < b->nauthors)
				snprintf(b->cm_author, sizeof(b->cm_author), "%s", b->authors[i]);
		}
		ox_text_reset(&b->t);
		b->in_text = true;
	} else if (strcmp(local, "rPh") == 0) {
		b->in_rph = true;
	} else if (strcmp(local, "t") == 0 && b->in_text && !b->in_rph) {
		b->in_t = true;
	}
}

static void
cm_end(void *arg, const char *local, const char *uri)
{
	struct book *b = arg;
	char where[1200];

	(void)uri;
	if (strcmp(local, "author") == 0) {
		char **na = realloc(b->authors, (b->nauthors + 1) * sizeof(*na));

		b->in_t = false;
		if (na == NULL || b->nauthors >= 10000)
			return;
		b->authors = na;
		na[b->nauthors] = bx_strdup(bx_buf_str(&b->t.b));
		if (na[b->nauthors])
			b->nauthors++;
	} else if (strcmp(local, "t") == 0) {
		b->in_t = false;
	} else if (strcmp(local, "rPh") == 0) {
		b->in_rph = false;
	} else if (strcmp(local, "comment") == 0 && b->in_text) {
		b->in_text = false;
		/* Excel mirrors each threaded comment as a legacy note for old readers */
		if (strncmp(bx_buf_str(&b->t.b), "[Threaded comment]", 18) == 0)
			return;
		b->cm_no++;
		snprintf(where, sizeof(where), "comment %ld on %s!%s", b->cm_no, b->sheet_name, b->cm_ref);
		book_unit(b, "comment", where, bx_buf_str(&b->t.b), b->t.b.len, b->cm_author, NULL, -1,
		    -1, NULL, NULL);
	}
}

static void
cm_text(void *arg, const char *s, size_t n)
{
	struct book *b = arg;

	if (b->in_t)
		ox_text_add(&b->t, s, n);
}

static const char *
person_name(const struct book *b, const char *id)
{
	for (size_t i = 0; i < b->npersons; i++)
		if (strcmp(b->persons[i].id, id) == 0)
			return b->persons[i].name;
	return NULL;
}

static void
tc_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct book *b = arg;
	char pid[64];

	(void)uri;
	if (strcmp(local, "threadedComment") == 0) {
		const char *name;

		b->cm_ref[0] = b->cm_author[0] = b->cm_date[0] = b->cm_id[0] = b->cm_parent[0] = '\0';
		bx_xml_attr(a, n, "ref", b->cm_ref, sizeof(b->cm_ref));
		bx_xml_attr(a, n, "dT", b->cm_date, sizeof(b->cm_date));
		bx_xml_attr(a, n, "id", b->cm_id, sizeof(b->cm_id));
		bx_xml_attr(a, n, "parentId", b->cm_parent, sizeof(b->cm_parent));
		if (bx_xml_attr(a, n, "personId", pid, sizeof(pid)) && (name = person_name(b, pid)))
			snprintf(b->cm_author, sizeof(b->cm_author), "%s", name);
		ox_text_reset(&b->t);
	} else if (strcmp(local, "text") == 0) {
		b->in_t = true;
	}
}

static void
tc_end(void *arg, const char *local, const char *uri)
{
	struct book *b = arg;
	char where[1200], ref[80], pref[80];

	(void)uri;
	if (strcmp(local, "text") == 0) {
		b->in_t = false;
	} else if (strcmp(local, "threadedComment") == 0) {
		b->cm_no++;
		snprintf(where, sizeof(where), "threaded comment %ld on %s!%s", b->cm_no, b->sheet_name,
		    b->cm_ref);
		snprintf(ref, sizeof(ref), "tc:%s", b->cm_id);
		snprintf(pref, sizeof(pref), "tc:%s", b->cm_parent);
		book_unit(b, b->cm_parent[0] ? "reply" : "comment", where, bx_buf_str(&b->t.b),
		    b->t.b.len, b->cm_author, b->cm_date, -1, -1, ref, b->cm_parent[0] ? pref : NULL);
	}
}

static void
person_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct book *b = arg;
	char name[512];
	struct person *np;

	(void)uri;
	if (strcmp(local, "person") != 0 || b->npersons >= 10000 ||
	    !bx_xml_attr(a, n, "displayName", name, sizeof(name)))
		return;
	np = realloc(b->persons, (b->npersons + 1) * sizeof(*np));
	if (np == NULL)
		return;
	b->persons = np;
	memset(&np[b->npersons], 0, sizeof(*np));
	bx_xml_attr(a, n, "id", np[b->npersons].id, sizeof(np[b->npersons].id));
	np[b->npersons].name = bx_strdup(name);
	if (np[b->npersons].name)
		b->npersons++;
}

/* ---- the workbook ------------------------------------------------------------------------- */

int
ox_sheet(struct ox_pkg *p)
{
	struct book b;
	struct ox_rels rels;
	struct wb_ctx wc;
	const struct ox_rel *r;
	struct bx_xml_handler h;
	int st;

	memset(&b, 0, sizeof(b));
	b.p = p;
	ox_text_init(&b.t);
	ox_text_init(&b.v);
	bx_buf_init(&b.sst, (size_t)bx_doc_limit(p->doc, BILEX_LIMIT_TEXT_BYTES));
	st = ox_rels_load(p, p->main, &rels);
	if (st == BILEX_FATAL)
		goto out;
	wc.b = &b;
	wc.rels = &rels;
	h = (struct bx_xml_handler){ &wc, wb_start, NULL, NULL };
	st = ox_parse_part(p, p->main, &h, NULL);
	/* sheet names first: two sheets that translate each other are neighbours */
	for (size_t i = 0; i < b.nsheets && st != BILEX_FATAL; i++) {
		char where[32];

		snprintf(where, sizeof(where), "sheet %zu", i + 1);
		book_unit(&b, "sheet-name", where, b.sheets[i].name, strlen(b.sheets[i].name), NULL,
		    NULL, -1, -1, NULL, NULL);
	}
	if (st != BILEX_FATAL && (r = ox_rels_type(&rels, "/styles", 0))) {
		h = (struct bx_xml_handler){ &b, sty_start, sty_end, NULL };
		st = ox_parse_part(p, r->target, &h, NULL);
	}
	if (st != BILEX_FATAL && (r = ox_rels_type(&rels, "/sharedStrings", 0))) {
		h = (struct bx_xml_handler){ &b, sst_start, sst_end, sst_text };
		st = ox_parse_part(p, r->target, &h, NULL);
		if (b.sst_full)
			bx_doc_error(p->doc, BILEX_WARN, BILEX_E_LIMIT_BYTES,
			    "shared strings beyond the text-bytes limit were not kept");
	}
	if (st != BILEX_FATAL && (r = ox_rels_type(&rels, "/person", 0))) {
		h = (struct bx_xml_handler){ &b, person_start, NULL, NULL };
		st = ox_parse_part(p, r->target, &h, NULL);
	}
	for (size_t i = 0; i < b.nsheets && st != BILEX_FATAL; i++) {
		struct ox_rels srels;

		if (b.sheets[i].part == NULL)
			continue;
		b.sheet_no = (long)i + 1;
		b.sheet_name = b.sheets[i].name;
		b.row = 0;
		b.in_t = b.in_v = b.in_is = b.in_rph = false;
		h = (struct bx_xml_handler){ &b, cell_start, cell_end, cell_text };
		st = ox_parse_part(p, b.sheets[i].part, &h, NULL);
		if (st == BILEX_FATAL || ox_rels_load(p, b.sheets[i].part, &srels) == BILEX_FATAL) {
			st = BILEX_FATAL;
			break;
		}
		if ((r = ox_rels_type(&srels, OX_REL_COMMENTS, 0))) {
			for (size_t k = 0; k < b.nauthors; k++)
				free(b.authors[k]);
			b.nauthors = 0;
			b.in_t = b.in_text = false;
			h = (struct bx_xml_handler){ &b, cm_start, cm_end, cm_text };
			st = ox_parse_part(p, r->target, &h, NULL);
		}
		if (st != BILEX_FATAL && (r = ox_rels_type(&srels, "/threadedComment", 0))) {
			b.in_t = false;
			h = (struct bx_xml_handler){ &b, tc_start, tc_end, cm_text };
			st = ox_parse_part(p, r->target, &h, NULL);
		}
		ox_rels_free(&srels);
	}
	ox_rels_free(&rels);
out:
	for (size_t i = 0; i < b.nsheets; i++) {
		free(b.sheets[i].name);
		free(b.sheets[i].part);
	}
	free(b.sheets);
	for (size_t i = 0; i < b.nauthors; i++)
		free(b.authors[i]);
	free(b.authors);
	for (size_t i = 0; i < b.npersons; i++)
		free(b.persons[i].name);
	free(b.persons);
	free(b.sst_off);
	free(b.xf_fmt);
	bx_buf_free(&b.sst);
	ox_text_free(&b.t);
	ox_text_free(&b.v);
	if (st == BILEX_FATAL || b.status == BILEX_FATAL)
		return BILEX_FATAL;
	return bx_worst(st, b.status);
}

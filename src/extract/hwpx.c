/*
 * hwpx.c - Hancom Office documents in OWPML (KS X 6101): .hwpx, a ZIP of XML parts.
 *
 * Detection is from the central directory: a stored `mimetype` member that says
 * application/hwp+zip, or Contents/content.hpf beside Contents/section0.xml.  The package
 * file Contents/content.hpf (an OPF package) gives the section order (spine, then manifest)
 * and the document's title, creator and dates; Contents/header.xml gives the character and
 * paragraph properties (to tell a title from body text) and the authors and dates of tracked
 * changes; each Contents/section*.xml is then read as a stream.
 *
 * What a section holds, as Hancom Hangul writes it (element names checked on files written by
 * Hangul and on the readers other projects wrote for them):
 *  - hs:sec > hp:p > hp:run > hp:t, with hp:tab, hp:lineBreak, hp:nbSpace, hp:fwSpace,
 *    hp:hyphen inside hp:t.  Top-level hp:p are `paragraph N` (per section: the section is
 *    its own part, so the record's source names it).
 *  - hp:run > hp:ctrl > hp:header | hp:footer | hp:footNote | hp:endNote | hp:hiddenComment
 *    each holding hp:subList > hp:p: units of their own kinds, never part of the paragraph
 *    that carries the control.
 *  - hp:run > hp:tbl > hp:tr > hp:tc > (hp:subList > hp:p) then hp:cellAddr colAddr/rowAddr
 *    (after the text, so a cell is emitted at its end): kind cell, `table N B2`.
 *  - memos, in the two shapes found in the wild.  Hangul itself writes a field:
 *    hp:ctrl > hp:fieldBegin type="MEMO" with hp:parameters (Author, CreateDateTime, ID) and
 *    the memo text in its hp:subList, then the commented text, then hp:fieldEnd
 *    beginIDRef=(the fieldBegin id).  KS X 6101 writers (python-hwpx and others) put the text
 *    in hs:sec > hp:memogroup > hp:memo id=ID > hp:paraList instead, and the field's subList
 *    holds only the id.  Both become kind comment with author, date and the commented text.
 *  - tracked changes: hp:insertBegin/hp:insertEnd and hp:deleteBegin/hp:deleteEnd marks inside
 *    hp:t (TcId -> header.xml hh:trackChange date/authorID -> hh:trackChangeAuthor name).
 *    Deleted text stays in the XML: it is left out of the paragraph and becomes kind
 *    deletion; inserted text stays in the paragraph and is also kind insertion.
 *  - text boxes (hp:drawText > hp:subList), captions (hp:caption > hp:subList).
 *  - hp:switch > hp:case | hp:default says the same thing twice: the first case is read.
 *
 * Preview/PrvText.txt repeats the first pages as plain text: it is read only when no section
 * could be, and then says so in an error record.  Pictures under BinData/ go back to the
 * registry (OCR).
 */
#include "extract.h"
#include "xmlsax.h"
#include "zip-int.h"
#include "../lang/lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HWPX_MIME "application/hwp+zip"
#define HC_PREFIX "http://www.hancom.co.kr/hwpml/"
#define TEXT_CAP (16u << 20)     /* one paragraph, cell or memo */
#define ANCHOR_CAP 4096
#define MAX_FRAMES 32
#define MAX_TABLES 16
#define MAX_CHANGES 32
#define MAX_SECTIONS 1000
#define MAX_ITEMS 100000         /* header properties, manifest items, memos */

/* ---- small helpers ------------------------------------------------------------------------ */

static void
buf_add(struct bx_buf *b, const char *s, size_t n)
{
	/* past the cap the rest of a runaway paragraph is dropped, not the document */
	if (bx_buf_add(b, s, n) != BILEX_OK && b->limit > b->len + 1)
		bx_buf_add(b, s, b->limit - b->len - 1);
}

static void
buf_reset(struct bx_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

/* Hancom namespaces end in the part they describe: .../2011/paragraph, .../2016/paragraph */
static bool
is_ns(const char *uri, const char *part)
{
	size_t n, k = strlen(part);

	if (uri == NULL || strncmp(uri, HC_PREFIX, strlen(HC_PREFIX)) != 0)
		return false;
	n = strlen(uri);
	return n > k && uri[n - k - 1] == '/' && strcmp(uri + n - k, part) == 0;
}

static long
attr_long(const struct bx_xml_attr *a, int n, const char *local, long dflt)
{
	char v[32], *end;
	long r;

	if (!bx_xml_attr(a, n, local, v, sizeof(v)) || v[0] == '\0')
		return dflt;
	r = strtol(v, &end, 10);
	return *end == '\0' ? r : dflt;
}

/* "2024-03-04 09:15:00" (how Hangul writes a memo's time) is ISO 8601 with a 'T'. */
static void
iso_date(const char *in, char *out, size_t len)
{
	snprintf(out, len, "%s", in);
	if (strlen(out) >= 19 && out[4] == '-' && out[7] == '-' && out[10] == ' ' &&
	    out[13] == ':')
		out[10] = 'T';
}

/* ---- header.xml: properties that matter for text ------------------------------------------ */

struct charpr {
	long id;
	long height;
	bool bold;
};

struct style {
	long id, charpr, parapr;
	bool heading;
};

struct track {
	long id, author;
	bool del;
	char date[64];
};

struct tauthor {
	long id;
	char name[256];
};

struct head {
	struct charpr *cp;
	size_t ncp;
	struct style *st;
	size_t nst;
	long *outline;           /* paraPr ids with an outline heading */
	size_t nout;
	struct track *tc;
	size_t ntc;
	struct tauthor *ta;
	size_t nta;
	long base_height;        /* character height of the normal style */
	bool in_charpr, in_parapr, parapr_slot;
	bool oom;
};

static void *
grow(void *v, size_t n, size_t size, bool *oom)
{
	void *nv;

	if (n >= MAX_ITEMS)
		return NULL;
	nv = realloc(v, (n + 1) * size);
	if (nv == NULL)
		*oom = true;
	return nv;
}

static void
head_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct head *h = arg;
	char v[256];

	if (!is_ns(uri, "head"))
		return;
	if (strcmp(local, "charPr") == 0) {
		struct charpr *nv = grow(h->cp, h->ncp, sizeof(*nv), &h->oom);

		h->in_charpr = false;
		if (nv == NULL)
			return;
		h->cp = nv;
		nv[h->ncp].id = attr_long(a, n, "id", -1);
		nv[h->ncp].height = attr_long(a, n, "height", 1000);
		nv[h->ncp].bold = false;
		h->ncp++;
		h->in_charpr = true;
	} else if (strcmp(local, "bold") == 0 && h->in_charpr) {
		h->cp[h->ncp - 1].bold = true;
	} else if (strcmp(local, "paraPr") == 0) {
		long *nv = grow(h->outline, h->nout, sizeof(*nv), &h->oom);

		h->in_parapr = true;
		h->parapr_slot = nv != NULL;
		if (nv) {
			h->outline = nv;
			nv[h->nout] = attr_long(a, n, "id", -1);
		}
	} else if (strcmp(local, "heading") == 0 && h->in_parapr && h->parapr_slot &&
	    bx_xml_attr(a, n, "type", v, sizeof(v)) && strcasecmp(v, "OUTLINE") == 0) {
		/* the paraPr opened above is an outline level: keep its id */
		h->nout++;
		h->parapr_slot = false;
	} else if (strcmp(local, "style") == 0) {
		struct style *nv = grow(h->st, h->nst, sizeof(*nv), &h->oom);
		char name[256] = "", eng[256] = "";

		if (nv == NULL)
			return;
		h->st = nv;
		bx_xml_attr(a, n, "name", name, sizeof(name));
		bx_xml_attr(a, n, "engName", eng, sizeof(eng));
		nv[h->nst].id = attr_long(a, n, "id", -1);
		nv[h->nst].charpr = attr_long(a, n, "charPrIDRef", -1);
		nv[h->nst].parapr = attr_long(a, n, "paraPrIDRef", -1);
		/* 개요 N (Outline N) are Hangul's heading styles; 제목 is "title" */
		nv[h->nst].heading = strncasecmp(eng, "Outline", 7) == 0 ||
		    strncasecmp(eng, "Heading", 7) == 0 || strncasecmp(eng, "Title", 5) == 0 ||
		    strncmp(name, "개요", strlen("개요")) == 0 ||
		    strncmp(name, "제목", strlen("제목")) == 0;
		h->nst++;
	} else if (strcmp(local, "trackChange") == 0) {
		struct track *nv = grow(h->tc, h->ntc, sizeof(*nv), &h->oom);

		if (nv == NULL)
			return;
		h->tc = nv;
		nv[h->ntc].id = attr_long(a, n, "id", -1);
		nv[h->ntc].author = attr_long(a, n, "authorID", -1);
		nv[h->ntc].del = bx_xml_attr(a, n, "type", v, sizeof(v)) &&
		    strcasecmp(v, "Delete") == 0;
		nv[h->ntc].date[0] = '\0';
		if (bx_xml_attr(a, n, "date", v, sizeof(v)))
			iso_date(v, nv[h->ntc].date, sizeof(nv[h->ntc].date));
		h->ntc++;
	} else if (strcmp(local, "trackChangeAuthor") == 0) {
		struct tauthor *nv = grow(h->ta, h->nta, sizeof(*nv), &h->oom);

		if (nv == NULL)
			return;
		h->ta = nv;
		nv[h->nta].id = attr_long(a, n, "id", -1);
		nv[h->nta].name[0] = '\0';
		bx_xml_attr(a, n, "name", nv[h->nta].name, sizeof(nv[h->nta].name));
		h->nta++;
	}
}

static void
head_end(void *arg, const char *local, const char *uri)
{
	struct head *h = arg;

	if (!is_ns(uri, "head"))
		return;
	if (strcmp(local, "charPr") == 0)
		h->in_charpr = false;
	else if (strcmp(local, "paraPr") == 0)
		h->in_parapr = false;
}

static const struct charpr *
head_charpr(const struct head *h, long id)
{
	for (size_t i = 0; i < h->ncp; i++)
		if (h->cp[i].id == id)
			return &h->cp[i];
	return NULL;
}

static const struct style *
head_style(const struct head *h, long id)
{
	for (size_t i = 0; i < h->nst; i++)
		if (h->st[i].id == id)
			return &h->st[i];
	return NULL;
}

static bool
head_outline(const struct head *h, long parapr)
{
	for (size_t i = 0; i < h->nout; i++)
		if (h->outline[i] == parapr)
			return true;
	return false;
}

static void
head_free(struct head *h)
{
	free(h->cp);
	free(h->st);
	free(h->outline);
	free(h->tc);
	free(h->ta);
	memset(h, 0, sizeof(*h));
}

/* ---- the package ---------------------------------------------------------------------------- */

struct item {
	char *id, *href;
};

struct pkg {
	struct bx_doc *doc;
	struct bx_zipr *zr;
	struct head head;
	/* content.hpf */
	struct item *items;
	size_t nitems;
	char **spine;
	size_t nspine;
	struct bx_buf t;         /* text of the metadata element being read */
	char meta_name[64];
	char author[512], modifier[512], created[64], modified[64];
	bool oom;
	int status;
	/* memo numbering and table row ids run through the document */
	long memo_no;
	long rows;
};

static void
unit(struct pkg *p, const char *kind, const char *where, const char *text, size_t len,
    const char *author, const char *date, int64_t line, int64_t col, const char *ref,
    const char *anchor, unsigned flags)
{
	struct bx_unit u;

	/* blank units carry nothing (a paragraph that only holds a table) */
	size_t i = 0;

	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n'))
		i++;
	if (i == len)
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
	u.anchor_text = anchor && *anchor ? anchor : NULL;
	u.flags = flags;
	p->status = bx_worst(p->status, bx_doc_unit(p->doc, &u));
}

/* content.hpf: an OPF package (opf:metadata, opf:manifest, opf:spine) */
static void
hpf_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct pkg *p = arg;
	char id[256], href[1024];

	(void)uri;
	buf_reset(&p->t);
	p->meta_name[0] = '\0';
	if (strcmp(local, "meta") == 0) {
		bx_xml_attr(a, n, "name", p->meta_name, sizeof(p->meta_name));
	} else if (strcmp(local, "item") == 0 && bx_xml_attr(a, n, "id", id, sizeof(id)) &&
	    bx_xml_attr(a, n, "href", href, sizeof(href))) {
		struct item *nv = grow(p->items, p->nitems, sizeof(*nv), &p->oom);

		if (nv == NULL)
			return;
		p->items = nv;
		nv[p->nitems].id = bx_strdup(id);
		nv[p->nitems].href = bx_strdup(href);
		if (!nv[p->nitems].id || !nv[p->nitems].href) {
			free(nv[p->nitems].id);
			free(nv[p->nitems].href);
			p->oom = true;
			return;
		}
		p->nitems++;
	} else if (strcmp(local, "itemref") == 0 && bx_xml_attr(a, n, "idref", id, sizeof(id))) {
		char **nv = grow(p->spine, p->nspine, sizeof(*nv), &p->oom);

		if (nv == NULL)
			return;
		p->spine = nv;
		if ((nv[p->nspine] = bx_strdup(id)) == NULL) {
			p->oom = true;
			return;
		}
		p->nspine++;
	}
}

static void
hpf_end(void *arg, const char *local, const char *uri)
{
	struct pkg *p = arg;
	const char *v = bx_buf_str(&p->t);
	const char *name;
	char where[96];

	(void)uri;
	if (p->t.len == 0)
		return;
	/* opf:title, opf:meta name="creator", and the dc: elements of other writers */
	name = strcmp(local, "meta") == 0 ? p->meta_name : local;
	if (strcasecmp(name, "creator") == 0)
		snprintf(p->author, sizeof(p->author), "%s", v);
	else if (strcasecmp(name, "lastsaveby") == 0)
		snprintf(p->modifier, sizeof(p->modifier), "%s", v);
	if (strcasecmp(name, "CreatedDate") == 0 || strcasecmp(name, "created") == 0) {
		iso_date(v, p->created, sizeof(p->created));
		return;
	}
	if (strcasecmp(name, "ModifiedDate") == 0 || strcasecmp(name, "modified") == 0 ||
	    (strcmp(local, "date") == 0 && uri && strcmp(uri, NS_DC) == 0)) {
		iso_date(v, p->modified, sizeof(p->modified));
		return;
	}
	/* words people typed are evidence; Hangul's "date" meta is a localized clock string */
	if (!(strcasecmp(name, "title") == 0 || strcasecmp(name, "creator") == 0 ||
	    strcasecmp(name, "lastsaveby") == 0 || strcasecmp(name, "subject") == 0 ||
	    strcasecmp(name, "description") == 0 || strcasecmp(name, "keyword") == 0 ||
	    strcasecmp(name, "keywords") == 0))
		return;
	snprintf(where, sizeof(where), "property %s", name);
	unit(p, "metadata", where, v, p->t.len, NULL, NULL, -1, -1, NULL, NULL, BX_UNIT_WHOLE);
}

static void
hpf_text(void *arg, const char *s, size_t n)
{
	struct pkg *p = arg;

	if (p->t.len < 65536)
		buf_add(&p->t, s, n);
}

/* Streams a part through H with its own file record; *found says whether it exists. */
static int
parse_part(struct pkg *p, const char *name, const struct bx_xml_handler *h, bool record,
    bool *found)
{
	int64_t idx = bx_zipr_locate(p->zr, name);
	char sha[65] = "";
	uint64_t size = 0;
	int st, st2;

	if (found)
		*found = idx >= 0;
	if (idx < 0)
		return BILEX_OK;
	if (!record)
		return bx_xml_parse_zip(p->doc, p->zr, (uint64_t)idx, name, BX_XML_NO_DTD, h, NULL,
		    NULL);
	st = bx_doc_part_begin(p->doc, name);
	if (st != BILEX_OK)
		return st;
	st = bx_xml_parse_zip(p->doc, p->zr, (uint64_t)idx, name, BX_XML_NO_DTD, h, sha, &size);
	st2 = bx_doc_part_end(p->doc, st, sha[0] ? sha : NULL, size);
	return st2 == BILEX_FATAL ? st2 : st;
}

/* ---- sections ------------------------------------------------------------------------------ */

enum fk {
	F_PARA,       /* a top-level paragraph */
	F_CELL, F_HEADER, F_FOOTER, F_FOOTNOTE, F_ENDNOTE, F_HIDDEN, F_TEXTBOX, F_CAPTION,
	F_MEMO,       /* hp:fieldBegin type=MEMO: parameters and (maybe) the memo text */
	F_GROUPMEMO,  /* hp:memogroup/hp:memo: the memo text, joined to its field by id */
	F_SKIP        /* text that is not text: other fields' parameters, hp:default */
};

struct change {
	bool del;
	char author[256], date[64];
	struct bx_buf text;
};

struct frame {
	enum fk kind;
	int depth;               /* element depth of the element that opened it */
	struct bx_buf text;
	struct change ch[MAX_CHANGES];
	int nch;
	char where[160];
	long row, col, table;    /* cells */
	long row_base, row_span; /* the rows of its table in the document's row numbering */
	long big, small;         /* bytes of paragraph text in large and in body-size characters */
	bool heading;
	int memo;                /* index into memos (F_MEMO, F_GROUPMEMO) */
	int param;               /* F_MEMO: which parameter's text is being read */
	bool started;            /* a paragraph began in this container */
};

struct memo {
	char id[64];             /* ID parameter (memogroup id), or the memo group's own id */
	long field;              /* fieldBegin id, for fieldEnd beginIDRef */
	char author[256], date[64];
	char on[128];            /* place of the commented text */
	struct bx_buf text, anchor;
	bool open;               /* anchor still collecting */
	bool group;              /* from hp:memogroup (text only) */
	bool used;
};

struct tbl {
	long no, row, col;
	long base, span;         /* rows base+1 .. base+span are this table's (layout ids) */
};

struct sec {
	struct pkg *p;
	int depth;
	struct frame fr[MAX_FRAMES];
	int nfr;
	int lost;                /* frames not pushed (stack full): depth of the first */
	long para_no, table_no;
	struct tbl tb[MAX_TABLES];
	int ntb;
	int in_t;
	long run_charpr;
	int sw[8];               /* depths of the open hp:switch elements */
	bool case_done[8];
	int nsw;
	/* tracked change in force */
	int chg;                 /* 0 none, 1 insertion, 2 deletion */
	char chg_author[256], chg_date[64];
	struct memo *memos;
	size_t nmemos;
	long footnotes, endnotes, hidden;
};

static const char *
kind_name(enum fk k)
{
	switch (k) {
	case F_PARA: return "body";
	case F_CELL: return "cell";
	case F_HEADER: return "header";
	case F_FOOTER: return "footer";
	case F_FOOTNOTE: return "footnote";
	case F_ENDNOTE: return "endnote";
	case F_HIDDEN: return "comment";
	case F_TEXTBOX: return "textbox";
	case F_CAPTION: return "caption";
	default: return "comment";
	}
}

/* Place of the innermost paragraph or cell (for anchors and the places of boxes and notes). */
static void
place(const struct sec *s, char *out, size_t len)
{
	for (int i = s->nfr - 1; i >= 0; i--) {
		const struct frame *f = &s->fr[i];
		char col[16];

		if (f->kind == F_PARA) {
			snprintf(out, len, "paragraph %ld", s->para_no);
			return;
		}
		if (f->kind == F_CELL) {
			bx_col_name(f->col + 1, col); /* hp:cellAddr counts from 0 */
			snprintf(out, len, "table %ld %s%ld", f->table, col, f->row + 1);
			return;
		}
		if (f->kind != F_SKIP && f->where[0]) {
			snprintf(out, len, "%s", f->where);
			return;
		}
	}
	snprintf(out, len, "the section");
}

static struct frame *
push(struct sec *s, enum fk kind)
{
	struct frame *f;

	if (s->nfr == MAX_FRAMES) {
		if (s->lost == 0)
			s->lost = s->depth;
		return NULL;
	}
	f = &s->fr[s->nfr];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->depth = s->depth;
	f->memo = -1;
	f->param = -1;
	bx_buf_init(&f->text, TEXT_CAP);
	s->nfr++;
	return f;
}

static void
frame_free(struct frame *f)
{
	bx_buf_free(&f->text);
	for (int i = 0; i < f->nch; i++)
		bx_buf_free(&f->ch[i].text);
	f->nch = 0;
}

static struct frame *
top(struct sec *s)
{
	return s->nfr ? &s->fr[s->nfr - 1] : NULL;
}

static bool
skipping(const struct sec *s)
{
	for (int i = 0; i < s->nfr; i++)
		if (s->fr[i].kind == F_SKIP)
			return true;
	return false;
}

static void
add_text(struct sec *s, const char *t, size_t n)
{
	struct frame *f = top(s);

	if (f == NULL || skipping(s) || f->kind == F_MEMO || f->kind == F_GROUPMEMO) {
		/* memo texts are collected below, not here */
		if (f && (f->kind == F_MEMO || f->kind == F_GROUPMEMO) && f->memo >= 0 &&
		    !skipping(s))
			buf_add(&s->memos[f->memo].text, t, n);
		return;
	}
	if (s->chg) {
		struct change *c = f->nch ? &f->ch[f->nch - 1] : NULL;

		/* a change split by formatting runs stays one unit */
		if (c == NULL || c->del != (s->chg == 2) || strcmp(c->author, s->chg_author) != 0 ||
		    strcmp(c->date, s->chg_date) != 0) {
			c = NULL;
			if (f->nch < MAX_CHANGES) {
				c = &f->ch[f->nch++];
				c->del = s->chg == 2;
				snprintf(c->author, sizeof(c->author), "%s", s->chg_author);
				snprintf(c->date, sizeof(c->date), "%s", s->chg_date);
				bx_buf_init(&c->text, TEXT_CAP);
			}
		}
		if (c)
			buf_add(&c->text, t, n);
		if (s->chg == 2)
			return; /* deleted: not in the text any more */
	}
	buf_add(&f->text, t, n);
	if (f->kind == F_PARA) {
		const struct charpr *cp = head_charpr(&s->p->head, s->run_charpr);
		long base = s->p->head.base_height;
		bool big = cp && base > 0 && ((cp->bold && cp->height * 4 >= base * 5) ||
		    cp->height * 2 >= base * 3);

		for (size_t i = 0; i < n; i++)
			if (t[i] != ' ' && t[i] != '\t' && t[i] != '\n')
				*(big ? &f->big : &f->small) += 1;
	}
	/* the commented text of open memos */
	for (size_t i = 0; i < s->nmemos; i++)
		if (s->memos[i].open && s->memos[i].anchor.len < ANCHOR_CAP)
			buf_add(&s->memos[i].anchor, t, n);
}

static void
emit_frame(struct sec *s, struct frame *f)
{
	struct pkg *p = s->p;
	char where[200], cw[240];
	const char *kind = kind_name(f->kind);
	int64_t line = -1, col = -1;

	switch (f->kind) {
	case F_PARA:
		snprintf(where, sizeof(where), "paragraph %ld", s->para_no);
		if (f->heading || (f->big > 0 && f->small == 0 && f->text.len < 300))
			kind = "heading";
		break;
	case F_CELL:
		place(s, where, sizeof(where)); /* the cell is the top frame */
		/* a row id the aligner can compare: the cells of one row share it */
		line = f->row_base + 1 + BX_MIN(f->row, f->row_span - 1);
		col = f->col + 1;
		break;
	case F_MEMO: case F_GROUPMEMO: case F_SKIP:
		return;
	default:
		snprintf(where, sizeof(where), "%s", f->where);
		break;
	}
	unit(p, kind, where, bx_buf_str(&f->text), f->text.len, NULL, NULL, line, col, NULL,
	    NULL, 0);
	for (int i = 0; i < f->nch; i++) {
		struct change *c = &f->ch[i];

		snprintf(cw, sizeof(cw), "%s in %s", c->del ? "deletion" : "insertion", where);
		unit(p, c->del ? "deletion" : "insertion", cw, bx_buf_str(&c->text), c->text.len,
		    c->author, c->date, -1, -1, NULL, NULL, BX_UNIT_ATTACHED);
	}
}

static struct memo *
new_memo(struct sec *s)
{
	struct memo *nv;

	if (s->nmemos >= 10000)
		return NULL;
	nv = realloc(s->memos, (s->nmemos + 1) * sizeof(*nv));
	if (nv == NULL) {
		s->p->oom = true;
		return NULL;
	}
	s->memos = nv;
	memset(&nv[s->nmemos], 0, sizeof(*nv));
	bx_buf_init(&nv[s->nmemos].text, TEXT_CAP);
	bx_buf_init(&nv[s->nmemos].anchor, ANCHOR_CAP + 1024);
	nv[s->nmemos].field = -1;
	return &nv[s->nmemos++];
}

static void
pop(struct sec *s)
{
	struct frame *f = top(s);

	emit_frame(s, f);
	if (f->kind == F_MEMO && f->memo >= 0)
		s->memos[f->memo].open = true; /* the commented text follows */
	frame_free(f);
	s->nfr--;
}

/* A container element opens its frame; its hp:subList or hp:paraList holds the paragraphs.
 * Its place is LABEL [N] [PREP <place of the paragraph that holds it>]. */
static struct frame *
open_container(struct sec *s, enum fk kind, const char *label, long n, const char *prep)
{
	char on[128], num[24] = "";
	struct frame *f;

	place(s, on, sizeof(on));
	f = push(s, kind);
	if (f == NULL)
		return NULL;
	if (n > 0)
		snprintf(num, sizeof(num), " %ld", n);
	snprintf(f->where, sizeof(f->where), "%s%s%s%s%s", label, num, prep ? " " : "",
	    prep ? prep : "", prep ? " " : "");
	if (prep)
		snprintf(f->where + strlen(f->where), sizeof(f->where) - strlen(f->where), "%s", on);
	return f;
}

static void
sec_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct sec *s = arg;
	struct frame *f = top(s), *nf;
	char v[256];

	s->depth++;
	if (!is_ns(uri, "paragraph") || s->lost)
		return;
	/* hp:switch: the first hp:case is read, the others and hp:default are the same again */
	if ((strcmp(local, "case") == 0 || strcmp(local, "default") == 0) && s->nsw > 0 &&
	    s->nsw <= 8 && s->sw[s->nsw - 1] == s->depth - 1) {
		if (s->case_done[s->nsw - 1])
			push(s, F_SKIP);
		s->case_done[s->nsw - 1] = true;
		return;
	}
	if (strcmp(local, "switch") == 0) {
		if (s->nsw < 8) {
			s->sw[s->nsw] = s->depth;
			s->case_done[s->nsw] = false;
		}
		s->nsw++;
		return;
	}
	if (strcmp(local, "p") == 0) {
		if (f == NULL) {
			s->para_no++;
			nf = push(s, F_PARA);
			if (nf) {
				long sid = attr_long(a, n, "styleIDRef", -1);
				long pid = attr_long(a, n, "paraPrIDRef", -1);
				const struct style *st = head_style(&s->p->head, sid);

				nf->heading = (st && st->heading) || head_outline(&s->p->head, pid);
			}
		} else if (f->started) {
			/* a new paragraph in a cell, note or memo */
			if (f->kind == F_MEMO || f->kind == F_GROUPMEMO) {
				if (f->memo >= 0 && s->memos[f->memo].text.len)
					buf_add(&s->memos[f->memo].text, "\n", 1);
			} else if (f->text.len) {
				buf_add(&f->text, "\n", 1);
			}
		} else {
			f->started = true;
		}
	} else if (strcmp(local, "run") == 0) {
		s->run_charpr = attr_long(a, n, "charPrIDRef", -1);
	} else if (strcmp(local, "t") == 0) {
		s->in_t++;
	} else if (strcmp(local, "tab") == 0) {
		add_text(s, "\t", 1);
	} else if (strcmp(local, "lineBreak") == 0) {
		add_text(s, "\n", 1);
	} else if (strcmp(local, "nbSpace") == 0 || strcmp(local, "fwSpace") == 0) {
		add_text(s, " ", 1);
	} else if (strcmp(local, "hyphen") == 0) {
		add_text(s, "-", 1);
	} else if (strcmp(local, "insertBegin") == 0 || strcmp(local, "deleteBegin") == 0) {
		long tc = attr_long(a, n, "TcId", -1);
		const struct head *h = &s->p->head;

		s->chg = local[0] == 'i' ? 1 : 2;
		s->chg_author[0] = s->chg_date[0] = '\0';
		for (size_t i = 0; i < h->ntc; i++)
			if (h->tc[i].id == tc) {
				snprintf(s->chg_date, sizeof(s->chg_date), "%s", h->tc[i].date);
				for (size_t j = 0; j < h->nta; j++)
					if (h->ta[j].id == h->tc[i].author)
						snprintf(s->chg_author, sizeof(s->chg_author), "%s",
						    h->ta[j].name);
				break;
			}
		/* some writers put them on the mark itself */
		bx_xml_attr(a, n, "Author", s->chg_author, sizeof(s->chg_author));
		if (bx_xml_attr(a, n, "Date", v, sizeof(v)))
			iso_date(v, s->chg_date, sizeof(s->chg_date));
	} else if (strcmp(local, "insertEnd") == 0 || strcmp(local, "deleteEnd") == 0) {
		s->chg = 0;
	} else if (strcmp(local, "tbl") == 0) {
		s->table_no++;
		if (s->ntb < MAX_TABLES) {
			long span = attr_long(a, n, "rowCnt", 1000);

			/* each table gets a range of row ids, nested ones too (rowCnt says how many) */
			span = span < 1 || span > 100000 ? 1000 : span;
			s->tb[s->ntb].no = s->table_no;
			s->tb[s->ntb].base = s->p->rows;
			s->tb[s->ntb].span = span;
			s->p->rows += span;
			s->tb[s->ntb].row = -1;
			s->tb[s->ntb].col = -1;
		}
		s->ntb++;
	} else if (strcmp(local, "tr") == 0) {
		if (s->ntb > 0 && s->ntb <= MAX_TABLES) {
			s->tb[s->ntb - 1].row++;
			s->tb[s->ntb - 1].col = -1;
		}
	} else if (strcmp(local, "tc") == 0) {
		struct tbl *t = s->ntb > 0 && s->ntb <= MAX_TABLES ? &s->tb[s->ntb - 1] : NULL;

		if (t)
			t->col++;
		nf = push(s, F_CELL);
		if (nf) {
			nf->table = t ? t->no : s->table_no;
			nf->row_base = t ? t->base : s->p->rows;
			nf->row_span = t ? t->span : 1;
			nf->row = t && t->row >= 0 ? t->row : 0;
			nf->col = t && t->col >= 0 ? t->col : 0;
		}
	} else if (strcmp(local, "cellAddr") == 0 && f && f->kind == F_CELL) {
		/* the address Hangul gives the cell (merged cells make counting wrong) */
		long c = attr_long(a, n, "colAddr", -1), r = attr_long(a, n, "rowAddr", -1);

		if (c >= 0 && c < 100000 && r >= 0 && r < 10000000) {
			f->col = c;
			f->row = r;
		}
	} else if (strcmp(local, "header") == 0 || strcmp(local, "footer") == 0) {
		const char *pages = "";

		if (bx_xml_attr(a, n, "applyPageType", v, sizeof(v)))
			pages = strcasecmp(v, "ODD") == 0 ? " (odd pages)" :
			    strcasecmp(v, "EVEN") == 0 ? " (even pages)" : "";
		nf = open_container(s, local[0] == 'h' ? F_HEADER : F_FOOTER, local, 0, NULL);
		if (nf)
			snprintf(nf->where, sizeof(nf->where), "%s%s", local, pages);
	} else if (strcmp(local, "footNote") == 0 || strcmp(local, "endNote") == 0) {
		bool foot = local[0] == 'f';
		long *cnt = foot ? &s->footnotes : &s->endnotes;
		long num = attr_long(a, n, "number", -1);

		++*cnt;
		/* the words of the Word extractor's places: "footnote 3" */
		open_container(s, foot ? F_FOOTNOTE : F_ENDNOTE, foot ? "footnote" : "endnote",
		    num > 0 ? num : *cnt, NULL);
	} else if (strcmp(local, "hiddenComment") == 0) {
		open_container(s, F_HIDDEN, "hidden comment", ++s->hidden, "on");
	} else if (strcmp(local, "drawText") == 0) {
		open_container(s, F_TEXTBOX, "text box", 0, "in");
	} else if (strcmp(local, "caption") == 0) {
		open_container(s, F_CAPTION, "caption", 0, "in");
	} else if (strcmp(local, "fieldBegin") == 0) {
		struct memo *m;

		if (!bx_xml_attr(a, n, "type", v, sizeof(v)) || strcasecmp(v, "MEMO") != 0) {
			push(s, F_SKIP); /* a field's parameters are not text */
			return;
		}
		m = new_memo(s);
		nf = push(s, F_MEMO);
		if (m == NULL || nf == NULL)
			return;
		nf->memo = (int)(m - s->memos);
		m->field = attr_long(a, n, "id", -1);
		place(s, m->on, sizeof(m->on));
		if (strcmp(m->on, "the section") == 0)
			snprintf(m->on, sizeof(m->on), "paragraph %ld", s->para_no);
	} else if (strcmp(local, "fieldEnd") == 0) {
		long id = attr_long(a, n, "beginIDRef", -1);

		for (size_t i = 0; i < s->nmemos; i++)
			if (s->memos[i].open && s->memos[i].field == id)
				s->memos[i].open = false;
	} else if ((strcmp(local, "stringParam") == 0 || strcmp(local, "integerParam") == 0) &&
	    f && f->kind == F_MEMO && bx_xml_attr(a, n, "name", v, sizeof(v))) {
		f->param = strcmp(v, "Author") == 0 ? 0 : strcmp(v, "CreateDateTime") == 0 ? 1 :
		    strcmp(v, "ID") == 0 ? 2 : -1;
		s->in_t = 0;
	} else if (strcmp(local, "memogroup") == 0) {
		/* not a paragraph: the memos' texts, joined to their fields at the end */
	} else if (strcmp(local, "memo") == 0 && f == NULL) {
		struct memo *m = new_memo(s);

		nf = push(s, F_GROUPMEMO);
		if (m == NULL || nf == NULL)
			return;
		nf->memo = (int)(m - s->memos);
		m->group = true;
		bx_xml_attr(a, n, "id", m->id, sizeof(m->id));
	} else if (strcmp(local, "subList") == 0 || strcmp(local, "paraList") == 0) {
		/* a list whose owner is not known (a new kind of object): its text is a box */
		if (f && f->depth != s->depth - 1)
			open_container(s, F_TEXTBOX, "object", 0, "in");
	}
}

static void
sec_end(void *arg, const char *local, const char *uri)
{
	struct sec *s = arg;
	struct frame *f = top(s);

	if (s->lost) {
		if (s->depth == s->lost)
			s->lost = 0;
		s->depth--;
		return;
	}
	if (is_ns(uri, "paragraph")) {
		if (strcmp(local, "t") == 0 && s->in_t > 0)
			s->in_t--;
		else if (strcmp(local, "tbl") == 0 && s->ntb > 0)
			s->ntb--;
		else if (strcmp(local, "switch") == 0 && s->nsw > 0)
			s->nsw--;
		else if ((strcmp(local, "stringParam") == 0 || strcmp(local, "integerParam") == 0) &&
		    f && f->kind == F_MEMO)
			f->param = -1;
	}
	if (f && f->depth == s->depth) {
		if (f->kind == F_PARA)
			s->in_t = 0;
		pop(s);
	}
	s->depth--;
}

static void
sec_text(void *arg, const char *t, size_t n)
{
	struct sec *s = arg;
	struct frame *f = top(s);

	if (s->lost)
		return;
	if (f && f->kind == F_MEMO && f->param >= 0 && f->memo >= 0) {
		struct memo *m = &s->memos[f->memo];
		char v[256];
		size_t k = n < sizeof(v) - 1 ? n : sizeof(v) - 1;

		memcpy(v, t, k);
		v[k] = '\0';
		if (f->param == 0)
			snprintf(m->author + strlen(m->author), sizeof(m->author) - strlen(m->author),
			    "%s", v);
		else if (f->param == 1)
			iso_date(v, m->date, sizeof(m->date));
		else if (strlen(m->id) + k < sizeof(m->id))
			memcpy(m->id + strlen(m->id), v, k + 1);
		return;
	}
	if (s->in_t > 0)
		add_text(s, t, n);
}

/* Memos: the field gives author, date and the commented text; the text is the field's own
 * or, when a memo group holds the field's ID, the group's. */
static void
emit_memos(struct sec *s)
{
	struct pkg *p = s->p;
	char where[200], ref[96];

	for (size_t i = 0; i < s->nmemos; i++) {
		struct memo *m = &s->memos[i], *g = NULL;
		const struct bx_buf *text;

		if (m->group)
			continue;
		for (size_t j = 0; m->id[0] && j < s->nmemos; j++)
			if (s->memos[j].group && strcmp(s->memos[j].id, m->id) == 0) {
				g = &s->memos[j];
				break;
			}
		if (g)
			g->used = true;
		text = g ? &g->text : &m->text;
		snprintf(where, sizeof(where), "memo %ld on %s", ++p->memo_no, m->on);
		snprintf(ref, sizeof(ref), "memo:%s", m->id[0] ? m->id : "?");
		unit(p, "comment", where, bx_buf_str((struct bx_buf *)text), text->len, m->author,
		    m->date, -1, -1, m->id[0] ? ref : NULL, bx_buf_str(&m->anchor), 0);
	}
	for (size_t i = 0; i < s->nmemos; i++) {
		struct memo *m = &s->memos[i];

		if (!m->group || m->used)
			continue;
		snprintf(where, sizeof(where), "memo %ld", ++p->memo_no);
		unit(p, "comment", where, bx_buf_str(&m->text), m->text.len, NULL, NULL, -1, -1,
		    NULL, NULL, 0);
	}
}

static int
read_section(struct pkg *p, const char *name)
{
	struct sec s;
	struct bx_xml_handler h = { &s, sec_start, sec_end, sec_text };
	int st;

	memset(&s, 0, sizeof(s));
	s.p = p;
	s.run_charpr = -1;
	p->status = BILEX_OK;
	st = bx_doc_part_begin(p->doc, name);
	if (st == BILEX_OK) {
		char sha[65] = "";
		uint64_t size = 0;
		int64_t idx = bx_zipr_locate(p->zr, name);
		int st2;

		if (idx < 0)
			idx = INT64_MAX; /* gone since it was listed: libzip says so */
		st = bx_xml_parse_zip(p->doc, p->zr, (uint64_t)idx, name, BX_XML_NO_DTD, &h, sha,
		    &size);
		/* a malformed section keeps what was read before the error */
		while (s.nfr > 0)
			pop(&s);
		emit_memos(&s);
		st2 = bx_doc_part_end(p->doc, st, sha[0] ? sha : NULL, size);
		if (st2 == BILEX_FATAL)
			st = st2;
	}
	while (s.nfr > 0) {
		frame_free(&s.fr[s.nfr - 1]);
		s.nfr--;
	}
	for (size_t i = 0; i < s.nmemos; i++) {
		bx_buf_free(&s.memos[i].text);
		bx_buf_free(&s.memos[i].anchor);
	}
	free(s.memos);
	if (p->status == BILEX_FATAL)
		return BILEX_FATAL;
	return st;
}

/* ---- section order ------------------------------------------------------------------------- */

static bool
is_section_name(const char *name)
{
	const char *b = strrchr(name, '/');
	size_t n;

	b = b ? b + 1 : name;
	n = strlen(b);
	return strncasecmp(b, "section", 7) == 0 && n > 11 && strcasecmp(b + n - 4, ".xml") == 0;
}

/* The member an OPF href names: relative to the package root as Hangul writes it, or to the
 * folder of content.hpf as OPF says. */
static int64_t
locate_href(struct pkg *p, const char *href, char *out, size_t len)
{
	int64_t idx;

	while (*href == '/')
		href++;
	snprintf(out, len, "%s", href);
	idx = bx_zipr_locate(p->zr, out);
	if (idx < 0) {
		snprintf(out, len, "Contents/%s", href);
		idx = bx_zipr_locate(p->zr, out);
	}
	return idx;
}

static bool
listed(char **v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(v[i], name) == 0)
			return true;
	return false;
}

static int
add_name(char ***v, size_t *n, const char *name, bool *oom)
{
	char **nv;

	if (*n >= MAX_SECTIONS || listed(*v, *n, name))
		return 0;
	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (nv == NULL || (nv[*n] = bx_strdup(name)) == NULL) {
		if (nv)
			*v = nv;
		*oom = true;
		return -1;
	}
	*v = nv;
	(*n)++;
	return 0;
}

static long
section_number(const char *name)
{
	const char *b = strrchr(name, '/');

	b = b ? b + 1 : name;
	return strtol(b + 7, NULL, 10);
}

static int
cmp_sections(const void *a, const void *b)
{
	long x = section_number(*(char *const *)a), y = section_number(*(char *const *)b);

	return x < y ? -1 : x > y;
}

/* Section parts in reading order: spine, then manifest, then the names in the ZIP. */
static void
section_list(struct pkg *p, char ***out, size_t *n)
{
	char name[1100];

	for (size_t i = 0; i < p->nspine; i++)
		for (size_t j = 0; j < p->nitems; j++)
			if (strcmp(p->items[j].id, p->spine[i]) == 0 &&
			    is_section_name(p->items[j].href) &&
			    locate_href(p, p->items[j].href, name, sizeof(name)) >= 0) {
				add_name(out, n, name, &p->oom);
				break;
			}
	if (*n == 0)
		for (size_t j = 0; j < p->nitems; j++)
			if (is_section_name(p->items[j].href) &&
			    locate_href(p, p->items[j].href, name, sizeof(name)) >= 0)
				add_name(out, n, name, &p->oom);
	if (*n == 0) {
		zip_t *za = bx_zipr_archive(p->zr);
		int64_t k = bx_zipr_count(p->zr);
		size_t first = *n;

		for (int64_t i = 0; i < k; i++) {
			const char *m = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);

			if (m && strncasecmp(m, "Contents/", 9) == 0 && strchr(m + 9, '/') == NULL &&
			    is_section_name(m))
				add_name(out, n, m, &p->oom);
		}
		if (*n > first)
			qsort(*out + first, *n - first, sizeof(**out), cmp_sections);
	}
}

/* ---- the preview, when nothing else could be read ------------------------------------------ */

static int
read_preview(struct pkg *p)
{
	int64_t idx = bx_zipr_locate(p->zr, "Preview/PrvText.txt");
	unsigned char *buf = NULL;
	size_t len = 0;
	struct bx_lang *L;
	struct bx_decoder *dec = NULL;
	struct bx_charset_choice ch;
	UChar *u16 = NULL;
	int32_t n16 = 0, cap16 = 0;
	char sha[65];
	int st;

	if (idx < 0)
		return BILEX_OK;
	if (bx_zipr_read(p->zr, (uint64_t)idx, &buf, &len) != BILEX_OK)
		return BILEX_WARN;
	st = bx_doc_error(p->doc, BILEX_WARN, BILEX_E_CORRUPT,
	    "no section could be read: text taken from Preview/PrvText.txt, a preview that "
	    "Hangul cuts short");
	L = bx_doc_lang(p->doc);
	if (st == BILEX_FATAL || L == NULL) {
		free(buf);
		return BILEX_FATAL;
	}
	memset(&ch, 0, sizeof(ch));
	if (bx_charset_choose(L, buf, len, "UTF-8", &ch) != BILEX_OK ||
	    bx_decoder_open(L, ch.name, &dec) != BILEX_OK) {
		free(buf);
		return bx_doc_error(p->doc, BILEX_WARN, BILEX_E_DECODE,
		    "Preview/PrvText.txt is not text in any known charset");
	}
	st = bx_decoder_run(dec, buf + ch.bom, len - ch.bom, true, &u16, &n16, &cap16,
	    (int32_t)(TEXT_CAP / 2));
	bx_decoder_close(dec);
	p->status = BILEX_OK;
	if (st != BILEX_FATAL && bx_doc_part_begin(p->doc, "Preview/PrvText.txt") == BILEX_OK) {
		int32_t i = 0;
		long line = 0;

		while (i < n16 && p->status != BILEX_FATAL) {
			int32_t e = i, k;
			struct bx_unit u;
			char where[64];

			while (e < n16 && u16[e] != 0x0A)
				e++;
			k = e;
			while (k > i && u16[k - 1] == 0x0D)
				k--;
			line++;
			if (k > i) {
				snprintf(where, sizeof(where), "preview line %ld", line);
				bx_unit_init(&u, "body");
				u.where = where;
				u.text16 = u16 + i;
				u.len16 = k - i;
				u.charset = ch.label;
				u.confidence = ch.confidence;
				p->status = bx_worst(p->status, bx_doc_unit(p->doc, &u));
			}
			i = e + 1;
		}
		bx_sha256_of(buf, len, sha);
		if (bx_doc_part_end(p->doc, BILEX_WARN, sha, len) == BILEX_FATAL)
			p->status = BILEX_FATAL;
	}
	free(u16);
	free(buf);
	return p->status == BILEX_FATAL || st == BILEX_FATAL ? BILEX_FATAL : BILEX_WARN;
}

/* ---- pictures go back to the registry (OCR) ------------------------------------------------ */

static int
hand_back_bindata(struct pkg *p)
{
	zip_t *za = bx_zipr_archive(p->zr);
	int64_t n = bx_zipr_count(p->zr);
	int st = BILEX_OK;

	for (int64_t i = 0; i < n && st != BILEX_FATAL; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
		unsigned char *buf;
		size_t len;
		struct bx_member m;
		char when[32];

		if (name == NULL || strncasecmp(name, "BinData/", 8) != 0 ||
		    name[strlen(name) - 1] == '/')
			continue;
		if (bx_zipr_read(p->zr, (uint64_t)i, &buf, &len) != BILEX_OK)
			continue; /* the reason is on record */
		memset(&m, 0, sizeof(m));
		m.name = name;
		m.data = buf;
		m.size = len;
		bx_zip_mtime(za, (uint64_t)i, when);
		m.mtime = when[0] ? when : NULL;
		st = bx_doc_member(p->doc, &m);
		free(buf);
	}
	return st == BILEX_FATAL ? st : BILEX_OK;
}

/* ---- the extractor --------------------------------------------------------------------------- */

static int
hwpx_bid(struct bx_input *in)
{
	const struct bx_zipdir *z = bx_zipdir_get(in);
	const struct bx_zipent *e;
	size_t k = strlen(HWPX_MIME);

	if (z == NULL)
		return BX_BID_NONE;
	e = bx_zipdir_find(z, "mimetype");
	/* the mimetype member is stored first, uncompressed, as in ODF and EPUB */
	if (e && e->method == 0 && e->data_start > 0 && e->csize >= k && e->csize <= 64 &&
	    e->data_start <= in->size && in->size - e->data_start >= e->csize) {
		const char *v = (const char *)in->data + e->data_start;

		for (size_t i = 0; i + k <= e->csize; i++)
			if (memcmp(v + i, HWPX_MIME, k) == 0)
				return bx_zip_signature_bits(in, z) + 8 * (8 + (int)k);
	}
	if (bx_zipdir_find(z, "Contents/content.hpf") && bx_zipdir_find(z, "Contents/section0.xml"))
		return bx_zip_signature_bits(in, z) + 8 * (20 + 21);
	return BX_BID_NONE;
}

static int
hwpx_extract(struct bx_doc *doc, struct bx_input *in)
{
	struct pkg p;
	struct bx_xml_handler hh = { &p.head, head_start, head_end, NULL };
	struct bx_xml_handler hp = { &p, hpf_start, hpf_end, hpf_text };
	char **secs = NULL;
	size_t nsecs = 0;
	int st, worst, read_ok = 0;
	bool found;

	memset(&p, 0, sizeof(p));
	p.doc = doc;
	bx_buf_init(&p.t, 1u << 20);
	st = bx_zipr_open(doc, in, &p.zr);
	if (p.zr == NULL) {
		bx_buf_free(&p.t);
		return st;
	}
	worst = st;
	/* the package: metadata and section order */
	st = parse_part(&p, "Contents/content.hpf", &hp, true, &found);
	if (st == BILEX_FATAL || p.status == BILEX_FATAL)
		goto fatal;
	worst = bx_worst(worst, st < BILEX_OK ? BILEX_WARN : BILEX_OK);
	bx_doc_set_meta(doc, p.author[0] ? p.author : p.modifier[0] ? p.modifier : NULL,
	    p.modified[0] ? p.modified : p.created[0] ? p.created : NULL);
	/* properties: no record of its own, it holds no text */
	st = parse_part(&p, "Contents/header.xml", &hh, false, NULL);
	if (st == BILEX_FATAL)
		goto fatal;
	{
		const struct style *s0 = head_style(&p.head, 0);
		const struct charpr *cp = head_charpr(&p.head, s0 ? s0->charpr : 0);

		p.head.base_height = cp ? cp->height : 1000;
	}
	section_list(&p, &secs, &nsecs);
	if (p.oom || p.head.oom)
		goto oom;
	for (size_t i = 0; i < nsecs; i++) {
		st = read_section(&p, secs[i]);
		if (st == BILEX_FATAL)
			goto fatal;
		if (st > BILEX_FAILED)
			read_ok++;
		worst = bx_worst(worst, st < BILEX_OK ? BILEX_WARN : BILEX_OK);
	}
	if (read_ok == 0) {
		if (nsecs == 0)
			bx_doc_error(doc, BILEX_WARN, BILEX_E_CORRUPT, "HWPX package without sections");
		st = read_preview(&p);
		if (st == BILEX_FATAL)
			goto fatal;
		worst = bx_worst(worst, BILEX_WARN);
	}
	st = hand_back_bindata(&p);
	if (st == BILEX_FATAL)
		goto fatal;
	goto out;
oom:
	st = bx_fail(bx_doc_ctx(doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
fatal:
	worst = BILEX_FATAL;
out:
	for (size_t i = 0; i < nsecs; i++)
		free(secs[i]);
	free(secs);
	for (size_t i = 0; i < p.nitems; i++) {
		free(p.items[i].id);
		free(p.items[i].href);
	}
	free(p.items);
	for (size_t i = 0; i < p.nspine; i++)
		free(p.spine[i]);
	free(p.spine);
	head_free(&p.head);
	bx_buf_free(&p.t);
	bx_zipr_close(p.zr);
	(void)st;
	return worst;
}

const struct bx_extractor bx_hwpx_extractor = {
	.name = "hwpx",
	.flags = BX_EXF_CONTAINER,
	.bid = hwpx_bid,
	.extract = hwpx_extract,
};

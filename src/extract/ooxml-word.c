/*
 * ooxml-word.c - Word documents: every piece of text, annotations first-class.
 *
 * Body paragraphs, table cells (`table 1 B2`), text boxes (mc:Choice read, mc:Fallback
 * skipped, so a text box is not read twice), headers, footers, footnotes and endnotes are
 * units of their own kinds.  Tracked changes are evidence: an insertion stays in the text of
 * its paragraph and is also a unit `insertion`; deleted text (w:delText, w:moveFrom) is not in
 * the paragraph but is a unit `deletion`; both carry w:author and w:date.  Comments carry
 * their author, date and the text they are anchored on (commentRangeStart..End); a reply
 * (commentsExtended.xml w15:paraIdParent) is kind `reply` and names the comment it answers,
 * which is how the aligner pairs a Chinese comment with its Korean reply.
 */
#include "ooxml-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum chg { CHG_NONE = 0, CHG_INS, CHG_DEL, CHG_MOVE_FROM, CHG_MOVE_TO };

struct change {
	enum chg type;
	char author[256], date[64];
	struct ox_text text;
};

#define MAX_CHANGES 32
#define MAX_NEST 8

struct para {
	struct ox_text text;
	bool heading;            /* a Heading or Title paragraph style, or an outline level */
	struct change ch[MAX_CHANGES];
	int nch;
	char paraid[16];
	bool textbox;
};

struct anchor {
	char id[32];
	char where[96];
	struct ox_text text;
	bool open;
};

struct comment {
	char id[32], author[256], date[64], paraid[16];
	char *text;
};

struct word_ctx {
	struct ox_pkg *p;
	const char *kind;        /* body, header, footer, footnote, endnote */
	int part_no;             /* header 2, footer 1 */
	struct para stack[MAX_NEST];
	int np;                  /* paragraphs open (text boxes nest them) */
	int in_t, in_del_t, in_instr;
	int skip;                /* depth inside a skipped subtree (mc:Fallback) */
	/* innermost tracked change around the runs */
	enum chg chg;
	char chg_author[256], chg_date[64];
	int chg_depth;
	/* tables */
	int tbl;                 /* nesting */
	long table_no, row, col, row_id;
	long para_no;            /* body paragraphs outside tables */
	char cur_where[96];      /* place of the paragraph being read, for anchors */
	/* notes */
	char note_id[32];
	bool note_skip;          /* separator notes carry no text */
	/* comment anchors (document.xml) */
	struct anchor *anch;
	size_t nanch;
	/* comments (comments.xml) */
	struct comment *cm;
	size_t ncm;
	bool in_comment;
	struct comment cur;
	struct ox_text ctext;
	/* reply links (commentsExtended.xml): paraId -> parent paraId */
	char (*ext)[2][16];
	size_t next;
	int status;
};

static void
para_init(struct para *pa)
{
	memset(pa, 0, sizeof(*pa));
	ox_text_init(&pa->text);
}

static void
para_free(struct para *pa)
{
	ox_text_free(&pa->text);
	for (int i = 0; i < pa->nch; i++)
		ox_text_free(&pa->ch[i].text);
	pa->nch = 0;
}

static bool
is_w(const char *uri)
{
	return uri && strcmp(uri, NS_W) == 0;
}

static void
unit(struct word_ctx *c, const char *kind, const char *where, const char *text, size_t len,
    const char *author, const char *date, int64_t block, int64_t line, int64_t col,
    const char *ref, const char *parent, const char *anchor, unsigned flags)
{
	struct bx_unit u;
	int st;

	if (len == 0)
		return;
	bx_unit_init(&u, kind);
	u.where = where;
	u.text = text;
	u.len = len;
	u.author = author && *author ? author : NULL;
	u.date = date && *date ? date : NULL;
	u.block = block;
	u.line = line;
	u.col = col;
	u.ref = ref;
	u.parent_ref = parent;
	u.anchor_text = anchor;
	u.flags = flags;
	st = bx_doc_unit(c->p->doc, &u);
	c->status = bx_worst(c->status, st);
}

/* The place of the paragraph being read, in the words of the record. */
static void
place(struct word_ctx *c, char *out, size_t len)
{
	char col[16];

	if (strcmp(c->kind, "body") != 0) {
		if (strcmp(c->kind, "footnote") == 0 || strcmp(c->kind, "endnote") == 0)
			snprintf(out, len, "%s %s", c->kind, c->note_id);
		else
			snprintf(out, len, "%s %d", c->kind, c->part_no);
	} else if (c->tbl) {
		bx_col_name(c->col, col);
		snprintf(out, len, "table %ld %s%ld", c->table_no, col, c->row);
	} else {
		snprintf(out, len, "paragraph %ld", c->para_no);
	}
}

/* Text goes to the open paragraph, its open change and every open comment anchor. */
static void
add_text(struct word_ctx *c, const char *s, size_t n, bool deleted)
{
	struct para *pa;

	if (c->np == 0)
		return;
	pa = &c->stack[c->np - 1];
	if (!deleted)
		ox_text_add(&pa->text, s, n);
	if (c->chg != CHG_NONE && pa->nch > 0 && pa->ch[pa->nch - 1].type == c->chg)
		ox_text_add(&pa->ch[pa->nch - 1].text, s, n);
	for (size_t i = 0; i < c->nanch; i++)
		if (c->anch[i].open && c->anch[i].text.b.len < 4096)
			ox_text_add(&c->anch[i].text, s, n);
}

static void
open_change(struct word_ctx *c)
{
	struct para *pa;
	struct change *ch;

	if (c->np == 0)
		return;
	pa = &c->stack[c->np - 1];
	if (pa->nch > 0 && pa->ch[pa->nch - 1].type == c->chg &&
	    strcmp(pa->ch[pa->nch - 1].author, c->chg_author) == 0 &&
	    strcmp(pa->ch[pa->nch - 1].date, c->chg_date) == 0)
		return; /* runs of one change split by formatting stay one unit */
	if (pa->nch == MAX_CHANGES)
		return;
	ch = &pa->ch[pa->nch++];
	ch->type = c->chg;
	snprintf(ch->author, sizeof(ch->author), "%s", c->chg_author);
	snprintf(ch->date, sizeof(ch->date), "%s", c->chg_date);
	ox_text_init(&ch->text);
}

static void
end_para(struct word_ctx *c)
{
	struct para *pa = &c->stack[c->np - 1];
	char where[160], cw[200];
	const char *kind = pa->textbox ? "textbox" : c->tbl && strcmp(c->kind, "body") == 0 ?
	    "cell" : pa->heading && strcmp(c->kind, "body") == 0 ? "heading" : c->kind;

	if (pa->textbox)
		snprintf(where, sizeof(where), "text box in %s", c->cur_where);
	else
		snprintf(where, sizeof(where), "%s", c->cur_where);
	unit(c, kind, where, bx_buf_str(&pa->text.b), pa->text.b.len, NULL, NULL,
	    c->tbl ? c->row_id : -1, c->tbl ? c->row_id : -1, c->tbl ? c->col : -1, NULL, NULL, NULL,
	    0);
	for (int i = 0; i < pa->nch; i++) {
		struct change *ch = &pa->ch[i];
		bool del = ch->type == CHG_DEL || ch->type == CHG_MOVE_FROM;

		snprintf(cw, sizeof(cw), "%s%s in %s", del ? "deletion" : "insertion",
		    ch->type == CHG_MOVE_FROM ? " (moved from)" : ch->type == CHG_MOVE_TO ?
		    " (moved to)" : "", where);
		unit(c, del ? "deletion" : "insertion", cw, bx_buf_str(&ch->text.b), ch->text.b.len,
		    ch->author, ch->date, -1, -1, -1, NULL, NULL, NULL, BX_UNIT_ATTACHED);
	}
	para_free(pa);
	c->np--;
}

static struct anchor *
find_anchor(struct word_ctx *c, const char *id, bool create)
{
	struct anchor *na;

	for (size_t i = 0; i < c->nanch; i++)
		if (strcmp(c->anch[i].id, id) == 0)
			return &c->anch[i];
	if (!create || c->nanch >= 100000)
		return NULL;
	na = realloc(c->anch, (c->nanch + 1) * sizeof(*na));
	if (na == NULL)
		return NULL;
	c->anch = na;
	memset(&na[c->nanch], 0, sizeof(*na));
	snprintf(na[c->nanch].id, sizeof(na[c->nanch].id), "%s", id);
	snprintf(na[c->nanch].where, sizeof(na[c->nanch].where), "%s", c->cur_where);
	ox_text_init(&na[c->nanch].text);
	return &na[c->nanch++];
}

static void
w_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct word_ctx *c = arg;
	char v[256];

	if (c->skip) {
		c->skip++;
		return;
	}
	if (uri && strcmp(uri, NS_MC) == 0 && strcmp(local, "Fallback") == 0) {
		c->skip = 1; /* the same content again, for old readers */
		return;
	}
	if (strcmp(local, "docPr") == 0 && uri && strstr(uri, "wordprocessingDrawing")) {
		/* the description an author gave a picture ("参考图：头要圆一点") */
		char alt[2048], where[160];

		for (int k = 0; k < 2; k++)
			if (bx_xml_attr(a, n, k ? "title" : "descr", alt, sizeof(alt)) && *alt) {
				snprintf(where, sizeof(where), "picture in %s", c->cur_where);
				/* a layout position of its own: it is read before the text of its
				 * paragraph, and attached it would join the paragraph before */
				unit(c, "alt", where, alt, strlen(alt), NULL, NULL, -1, -1, -1, NULL, NULL,
				    NULL, 0);
			}
		return;
	}
	if (!is_w(uri))
		return;
	if (strcmp(local, "p") == 0) {
		if (c->np == MAX_NEST)
			return;
		if (c->np == 0 && !c->tbl && strcmp(c->kind, "body") == 0)
			c->para_no++;
		para_init(&c->stack[c->np]);
		c->stack[c->np].textbox = c->np > 0;
		c->np++;
		if (c->np == 1)
			place(c, c->cur_where, sizeof(c->cur_where));
	} else if (strcmp(local, "t") == 0) {
		c->in_t++;
	} else if (strcmp(local, "delText") == 0) {
		c->in_del_t++;
	} else if (strcmp(local, "instrText") == 0 || strcmp(local, "delInstrText") == 0) {
		c->in_instr++;
	} else if (strcmp(local, "tab") == 0 && c->in_t == 0) {
		add_text(c, " ", 1, c->chg == CHG_DEL || c->chg == CHG_MOVE_FROM);
	} else if ((strcmp(local, "br") == 0 || strcmp(local, "cr") == 0) && c->in_t == 0) {
		add_text(c, "\n", 1, c->chg == CHG_DEL || c->chg == CHG_MOVE_FROM);
	} else if (strcmp(local, "ins") == 0 || strcmp(local, "del") == 0 ||
	    strcmp(local, "moveFrom") == 0 || strcmp(local, "moveTo") == 0) {
		c->chg = local[0] == 'i' ? CHG_INS : local[0] == 'd' ? CHG_DEL :
		    local[4] == 'F' ? CHG_MOVE_FROM : CHG_MOVE_TO;
		c->chg_author[0] = c->chg_date[0] = '\0';
		bx_xml_attr(a, n, "author", c->chg_author, sizeof(c->chg_author));
		bx_xml_attr(a, n, "date", c->chg_date, sizeof(c->chg_date));
		c->chg_depth++;
		open_change(c);
	} else if (strcmp(local, "tbl") == 0) {
		if (c->tbl++ == 0 && strcmp(c->kind, "body") == 0)
			c->table_no++;
		c->row = 0;
	} else if (strcmp(local, "tr") == 0) {
		c->row++;
		c->row_id++;
		c->col = 0;
	} else if (strcmp(local, "tc") == 0) {
		c->col++;
	} else if (strcmp(local, "txbxContent") == 0) {
		/* paragraphs inside are text-box paragraphs (handled by nesting) */
	} else if ((strcmp(local, "pStyle") == 0 && c->np > 0 && bx_xml_attr(a, n, "val", v, sizeof(v)) &&
	    (strncasecmp(v, "heading", 7) == 0 || strncasecmp(v, "title", 5) == 0 ||
	    strncasecmp(v, "subtitle", 8) == 0)) || (strcmp(local, "outlineLvl") == 0 && c->np > 0)) {
		c->stack[c->np - 1].heading = true;
	} else if (strcmp(local, "commentRangeStart") == 0 && bx_xml_attr(a, n, "id", v, sizeof(v))) {
		struct anchor *an = find_anchor(c, v, true);

		if (an)
			an->open = true;
	} else if (strcmp(local, "commentRangeEnd") == 0 && bx_xml_attr(a, n, "id", v, sizeof(v))) {
		struct anchor *an = find_anchor(c, v, false);

		if (an)
			an->open = false;
	} else if (strcmp(local, "commentReference") == 0 && bx_xml_attr(a, n, "id", v, sizeof(v))) {
		find_anchor(c, v, true); /* a point comment: anchored on no text */
	} else if ((strcmp(local, "footnote") == 0 || strcmp(local, "endnote") == 0)) {
		char type[64];

		c->note_id[0] = '\0';
		bx_xml_attr(a, n, "id", c->note_id, sizeof(c->note_id));
		c->note_skip = bx_xml_attr(a, n, "type", type, sizeof(type)) &&
		    strcmp(type, "normal") != 0;
	}
	/* w14:paraId of paragraphs (comments.xml): links replies */
	if (strcmp(local, "p") == 0 && c->np > 0) {
		for (int i = 0; i < n; i++)
			if (strcmp(a[i].local, "paraId") == 0 && a[i].len < 16) {
				memcpy(c->stack[c->np - 1].paraid, a[i].value, a[i].len);
				c->stack[c->np - 1].paraid[a[i].len] = '\0';
			}
	}
}

static void
w_end(void *arg, const char *local, const char *uri)
{
	struct word_ctx *c = arg;

	if (c->skip) {
		c->skip--;
		return;
	}
	if (!is_w(uri))
		return;
	if (strcmp(local, "p") == 0 && c->np > 0) {
		if (c->note_skip) {
			para_free(&c->stack[--c->np]);
			return;
		}
		end_para(c);
	} else if (strcmp(local, "t") == 0) {
		c->in_t--;
	} else if (strcmp(local, "delText") == 0) {
		c->in_del_t--;
	} else if (strcmp(local, "instrText") == 0 || strcmp(local, "delInstrText") == 0) {
		c->in_instr--;
	} else if (strcmp(local, "ins") == 0 || strcmp(local, "del") == 0 ||
	    strcmp(local, "moveFrom") == 0 || strcmp(local, "moveTo") == 0) {
		if (--c->chg_depth <= 0) {
			c->chg_depth = 0;
			c->chg = CHG_NONE;
		}
	} else if (strcmp(local, "tbl") == 0 && c->tbl > 0) {
		c->tbl--;
	}
}

static void
w_text(void *arg, const char *s, size_t n)
{
	struct word_ctx *c = arg;

	if (c->skip || c->in_instr)
		return;
	if (c->in_t)
		add_text(c, s, n, c->chg == CHG_MOVE_FROM || c->chg == CHG_DEL);
	else if (c->in_del_t)
		add_text(c, s, n, true);
}

/* ---- comments --------------------------------------------------------------------------- */

static void emit_comment(struct word_ctx *c, size_t i);

static void
cm_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct word_ctx *c = arg;

	if (is_w(uri) && strcmp(local, "comment") == 0) {
		memset(&c->cur, 0, sizeof(c->cur));
		bx_xml_attr(a, n, "id", c->cur.id, sizeof(c->cur.id));
		bx_xml_attr(a, n, "author", c->cur.author, sizeof(c->cur.author));
		bx_xml_attr(a, n, "date", c->cur.date, sizeof(c->cur.date));
		ox_text_reset(&c->ctext);
		c->in_comment = true;
		return;
	}
	if (!c->in_comment)
		return;
	if (is_w(uri) && strcmp(local, "p") == 0) {
		if (c->ctext.b.len)
			ox_text_add(&c->ctext, "\n", 1);
		for (int i = 0; i < n; i++)
			if (strcmp(a[i].local, "paraId") == 0 && a[i].len < 16) {
				memcpy(c->cur.paraid, a[i].value, a[i].len);
				c->cur.paraid[a[i].len] = '\0';
			}
	} else if (is_w(uri) && strcmp(local, "t") == 0) {
		c->in_t++;
	} else if (is_w(uri) && (strcmp(local, "tab") == 0)) {
		ox_text_add(&c->ctext, " ", 1);
	}
}

static void
cm_end(void *arg, const char *local, const char *uri)
{
	struct word_ctx *c = arg;
	struct comment *nc;

	if (!is_w(uri))
		return;
	if (strcmp(local, "t") == 0 && c->in_t > 0) {
		c->in_t--;
	} else if (strcmp(local, "comment") == 0 && c->in_comment) {
		c->in_comment = false;
		if (c->ncm >= 100000)
			return;
		nc = realloc(c->cm, (c->ncm + 1) * sizeof(*nc));
		if (nc == NULL)
			return;
		c->cm = nc;
		c->cur.text = bx_strdup(bx_buf_str(&c->ctext.b));
		nc[c->ncm++] = c->cur;
		/* emitted while comments.xml is the current part, so that the segment's source
		 * is the part that holds it; Word writes a parent before its replies */
		emit_comment(c, c->ncm - 1);
	}
}

static void
cm_text(void *arg, const char *s, size_t n)
{
	struct word_ctx *c = arg;

	if (c->in_comment && c->in_t)
		ox_text_add(&c->ctext, s, n);
}

static void
ext_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct word_ctx *c = arg;
	char id[16], parent[16];
	char (*ne)[2][16];

	(void)uri;
	if (strcmp(local, "commentEx") != 0 || !bx_xml_attr(a, n, "paraId", id, sizeof(id)) ||
	    !bx_xml_attr(a, n, "paraIdParent", parent, sizeof(parent)) || c->next >= 100000)
		return;
	ne = realloc(c->ext, (c->next + 1) * sizeof(*ne));
	if (ne == NULL)
		return;
	c->ext = ne;
	memcpy(ne[c->next][0], id, 16);
	memcpy(ne[c->next][1], parent, 16);
	c->next++;
}

static const struct comment *
parent_of(const struct word_ctx *c, const struct comment *cm)
{
	if (!cm->paraid[0])
		return NULL;
	for (size_t i = 0; i < c->next; i++)
		if (strcmp(c->ext[i][0], cm->paraid) == 0)
			for (size_t j = 0; j < c->ncm; j++)
				if (strcmp(c->cm[j].paraid, c->ext[i][1]) == 0 && &c->cm[j] != cm)
					return &c->cm[j];
	return NULL;
}

static void
emit_comment(struct word_ctx *c, size_t i)
{
	const struct comment *cm = &c->cm[i];
	const struct comment *parent = parent_of(c, cm);
	struct anchor *an = find_anchor(c, cm->id, false);
	char where[160], ref[48], pref[48];

	snprintf(where, sizeof(where), "comment %zu on %s", i + 1,
	    an && an->where[0] ? an->where : "the document");
	snprintf(ref, sizeof(ref), "comment:%s", cm->id);
	if (parent)
		snprintf(pref, sizeof(pref), "comment:%s", parent->id);
	unit(c, parent ? "reply" : "comment", where, cm->text ? cm->text : "",
	    cm->text ? strlen(cm->text) : 0, cm->author, cm->date, -1, -1, -1, ref,
	    parent ? pref : NULL, an && an->text.b.len ? bx_buf_str(&an->text.b) : NULL, 0);
}

/* ---- the document ------------------------------------------------------------------------ */

static int
parse_as(struct word_ctx *c, const char *part, const char *kind, int no,
    const struct bx_xml_handler *h)
{
	c->kind = kind;
	c->part_no = no;
	c->tbl = 0;
	/* paragraphs a malformed part left open are freed, not just forgotten: setting np to 0
	 * leaked their text buffers (found by fuzzing) */
	while (c->np > 0)
		para_free(&c->stack[--c->np]);
	return ox_parse_part(c->p, part, h, NULL);
}

int
ox_word(struct ox_pkg *p)
{
	struct word_ctx c;
	struct ox_rels rels;
	struct bx_xml_handler hw, hc, he;
	const struct ox_rel *r;
	int st;

	memset(&c, 0, sizeof(c));
	c.p = p;
	ox_text_init(&c.ctext);
	hw = (struct bx_xml_handler){ &c, w_start, w_end, w_text };
	hc = (struct bx_xml_handler){ &c, cm_start, cm_end, cm_text };
	he = (struct bx_xml_handler){ &c, ext_start, NULL, NULL };
	st = ox_rels_load(p, p->main, &rels);
	if (st == BILEX_FATAL)
		goto out;
	st = parse_as(&c, p->main, "body", 0, &hw);
	for (size_t i = 0; st != BILEX_FATAL && (r = ox_rels_type(&rels, "/header", i)); i++)
		st = parse_as(&c, r->target, "header", (int)i + 1, &hw);
	for (size_t i = 0; st != BILEX_FATAL && (r = ox_rels_type(&rels, "/footer", i)); i++)
		st = parse_as(&c, r->target, "footer", (int)i + 1, &hw);
	if (st != BILEX_FATAL && (r = ox_rels_type(&rels, "/footnotes", 0)))
		st = parse_as(&c, r->target, "footnote", 0, &hw);
	if (st != BILEX_FATAL && (r = ox_rels_type(&rels, "/endnotes", 0)))
		st = parse_as(&c, r->target, "endnote", 0, &hw);
	c.note_skip = false;
	if (st != BILEX_FATAL && (r = ox_rels_type(&rels, "/commentsExtended", 0)))
		st = ox_parse_part(p, r->target, &he, NULL);
	if (st != BILEX_FATAL && (r = ox_rels_type(&rels, "/comments", 0))) {
		c.in_t = 0;
		st = ox_parse_part(p, r->target, &hc, NULL);
	}
	ox_rels_free(&rels);
out:
	while (c.np > 0)
		para_free(&c.stack[--c.np]);
	for (size_t i = 0; i < c.nanch; i++)
		ox_text_free(&c.anch[i].text);
	free(c.anch);
	for (size_t i = 0; i < c.ncm; i++)
		free(c.cm[i].text);
	free(c.cm);
	free(c.ext);
	ox_text_free(&c.ctext);
	if (st == BILEX_FATAL || c.status == BILEX_FATAL)
		return BILEX_FATAL;
	return bx_worst(st, c.status);
}

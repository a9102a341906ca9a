/*
 * ooxml-slide.c - PowerPoint presentations: slides in presentation order, speaker notes,
 * comments with their authors.
 *
 * Slide order comes from presentation.xml (p:sldIdLst), never from file names.  Every text
 * paragraph of a shape is a unit: `title` and `subtitle` for those placeholders, `body` for the
 * others, `textbox` for free shapes, `cell` for table cells (`slide 2 table B3`), `alt` for a
 * picture's description.  Notes pages give kind `note` (only the body placeholder: the slide
 * image and page number are not text of the notes).  Legacy comments (p:cm, authors in
 * commentAuthors.xml) and modern ones (p188:cm with replies, authors in authors.xml) keep
 * their author and date.
 */
#include "ooxml-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct author {
	char id[64];
	char *name;
};

struct deck {
	struct ox_pkg *p;
	long slide;
	bool notes;              /* reading a notes page */
	/* shape being read */
	char ph[32];             /* placeholder type, "" for a free shape */
	bool in_sp, in_txbody, in_t, skip_shape;
	int tbl, row, col;
	long row_id;
	struct ox_text t;
	/* comments */
	struct author *authors;
	size_t nauthors;
	char cm_author[256], cm_date[64], cm_id[80], cm_parent[80];
	long cm_no;
	bool in_cm_text;
	int status;
};

static void
deck_unit(struct deck *d, const char *kind, const char *where, const char *text, size_t len,
    const char *author, const char *date, int64_t line, int64_t col, const char *ref,
    const char *parent, unsigned flags)
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
	u.flags = flags;
	d->status = bx_worst(d->status, bx_doc_unit(d->p->doc, &u));
}

static const char *
kind_of(const struct deck *d)
{
	if (d->notes)
		return "note";
	if (d->tbl)
		return "cell";
	if (strcmp(d->ph, "title") == 0 || strcmp(d->ph, "ctrTitle") == 0)
		return "title";
	if (strcmp(d->ph, "subTitle") == 0)
		return "subtitle";
	if (d->ph[0] || !d->in_sp)
		return "body";
	return "textbox";
}

static void
sl_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct deck *d = arg;

	(void)uri;
	if (strcmp(local, "sp") == 0) {
		d->in_sp = true;
		d->ph[0] = '\0';
		d->skip_shape = false;
	} else if (strcmp(local, "ph") == 0) {
		if (!bx_xml_attr(a, n, "type", d->ph, sizeof(d->ph)))
			snprintf(d->ph, sizeof(d->ph), "body"); /* no type: the body placeholder */
		/* on a notes page only the notes body is the speaker's text */
		d->skip_shape = d->notes && strcmp(d->ph, "body") != 0;
		if (!d->notes)
			d->skip_shape = strcmp(d->ph, "sldNum") == 0 || strcmp(d->ph, "dt") == 0;
	} else if (strcmp(local, "txBody") == 0) {
		d->in_txbody = true;
	} else if (strcmp(local, "tbl") == 0) {
		d->tbl++;
		d->row = 0;
	} else if (strcmp(local, "tr") == 0 && d->tbl) {
		d->row++;
		d->row_id++;
		d->col = 0;
	} else if (strcmp(local, "tc") == 0 && d->tbl) {
		d->col++;
	} else if (strcmp(local, "p") == 0 && uri && strcmp(uri, NS_A) == 0) {
		ox_text_reset(&d->t);
	} else if (strcmp(local, "t") == 0 && uri && strcmp(uri, NS_A) == 0) {
		d->in_t = true;
	} else if (strcmp(local, "br") == 0 && uri && strcmp(uri, NS_A) == 0) {
		ox_text_add(&d->t, "\n", 1);
	} else if (strcmp(local, "cNvPr") == 0 && !d->notes) {
		/* the description an author gave a picture or shape */
		char alt[2048], where[64];

		if (bx_xml_attr(a, n, "descr", alt, sizeof(alt)) && *alt) {
			snprintf(where, sizeof(where), "slide %ld picture", d->slide);
			deck_unit(d, "alt", where, alt, strlen(alt), NULL, NULL, -1, -1, NULL, NULL,
			    BX_UNIT_ATTACHED);
		}
	}
}

static void
sl_end(void *arg, const char *local, const char *uri)
{
	struct deck *d = arg;
	char where[96], col[16];

	if (strcmp(local, "t") == 0) {
		d->in_t = false;
	} else if (strcmp(local, "p") == 0 && uri && strcmp(uri, NS_A) == 0) {
		if (d->skip_shape || d->t.b.len == 0)
			return;
		if (d->tbl) {
			bx_col_name(d->col, col);
			snprintf(where, sizeof(where), "slide %ld table %s%d", d->slide, col, d->row);
		} else {
			snprintf(where, sizeof(where), "slide %ld%s", d->slide, d->notes ? " notes" : "");
		}
		deck_unit(d, kind_of(d), where, bx_buf_str(&d->t.b), d->t.b.len, NULL, NULL,
		    d->tbl ? d->slide * 100000 + d->row_id : -1, d->tbl ? d->col : -1, NULL, NULL, 0);
	} else if (strcmp(local, "sp") == 0) {
		d->in_sp = false;
		d->ph[0] = '\0';
		d->skip_shape = false;
	} else if (strcmp(local, "txBody") == 0) {
		d->in_txbody = false;
	} else if (strcmp(local, "tbl") == 0 && d->tbl) {
		d->tbl--;
	}
}

static void
sl_text(void *arg, const char *s, size_t n)
{
	struct deck *d = arg;

	if (d->in_t)
		ox_text_add(&d->t, s, n);
}

/* ---- comments ----------------------------------------------------------------------------- */

static void
author_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct deck *d = arg;
	char name[512];
	struct author *na;

	(void)uri;
	if ((strcmp(local, "cmAuthor") != 0 && strcmp(local, "author") != 0) ||
	    d->nauthors >= 10000 || !bx_xml_attr(a, n, "name", name, sizeof(name)))
		return;
	na = realloc(d->authors, (d->nauthors + 1) * sizeof(*na));
	if (na == NULL)
		return;
	d->authors = na;
	memset(&na[d->nauthors], 0, sizeof(*na));
	bx_xml_attr(a, n, "id", na[d->nauthors].id, sizeof(na[d->nauthors].id));
	na[d->nauthors].name = bx_strdup(name);
	if (na[d->nauthors].name)
		d->nauthors++;
}

static const char *
author_name(const struct deck *d, const char *id)
{
	for (size_t i = 0; i < d->nauthors; i++)
		if (strcmp(d->authors[i].id, id) == 0)
			return d->authors[i].name;
	return NULL;
}

static void
emit_comment(struct deck *d)
{
	char where[96], ref[96], pref[96];

	d->cm_no++;
	snprintf(where, sizeof(where), "comment %ld on slide %ld", d->cm_no, d->slide);
	snprintf(ref, sizeof(ref), "cm:%s", d->cm_id);
	snprintf(pref, sizeof(pref), "cm:%s", d->cm_parent);
	deck_unit(d, d->cm_parent[0] ? "reply" : "comment", where, bx_buf_str(&d->t.b), d->t.b.len,
	    d->cm_author, d->cm_date, -1, -1, d->cm_id[0] ? ref : NULL,
	    d->cm_parent[0] ? pref : NULL, 0);
	ox_text_reset(&d->t);
}

static void
cm_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct deck *d = arg;
	char id[80];
	const char *name;

	(void)uri;
	if (strcmp(local, "cm") == 0 || strcmp(local, "reply") == 0) {
		/* a modern comment's replies sit inside it: the comment is emitted first */
		if (strcmp(local, "reply") == 0 && d->t.b.len)
			emit_comment(d);
		if (strcmp(local, "reply") == 0)
			snprintf(d->cm_parent, sizeof(d->cm_parent), "%s", d->cm_id);
		else
			d->cm_parent[0] = '\0';
		d->cm_author[0] = d->cm_date[0] = d->cm_id[0] = '\0';
		if (bx_xml_attr(a, n, "authorId", id, sizeof(id)) && (name = author_name(d, id)))
			snprintf(d->cm_author, sizeof(d->cm_author), "%s", name);
		if (!bx_xml_attr(a, n, "dt", d->cm_date, sizeof(d->cm_date)))
			bx_xml_attr(a, n, "created", d->cm_date, sizeof(d->cm_date));
		if (!bx_xml_attr(a, n, "id", d->cm_id, sizeof(d->cm_id)))
			bx_xml_attr(a, n, "idx", d->cm_id, sizeof(d->cm_id));
		ox_text_reset(&d->t);
	} else if (strcmp(local, "text") == 0 || strcmp(local, "t") == 0) {
		d->in_t = true;
	} else if (strcmp(local, "p") == 0 && d->t.b.len) {
		ox_text_add(&d->t, "\n", 1);
	}
}

static void
cm_end(void *arg, const char *local, const char *uri)
{
	struct deck *d = arg;

	(void)uri;
	if (strcmp(local, "text") == 0 || strcmp(local, "t") == 0) {
		d->in_t = false;
	} else if ((strcmp(local, "cm") == 0 || strcmp(local, "reply") == 0) && d->t.b.len) {
		emit_comment(d);
	}
}

/* ---- the presentation ------------------------------------------------------------------- */

struct order_ctx {
	const struct ox_rels *rels;
	char **slides;
	size_t n;
};

static void
order_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct order_ctx *o = arg;
	char id[128];
	const struct ox_rel *r;
	char **ns;

	(void)uri;
	if (strcmp(local, "sldId") != 0 || o->n >= 100000 || !bx_xml_attr(a, n, "id", id, sizeof(id)))
		return;
	/* the slide id attribute is also called id: the relationship one is r:id */
	for (int i = 0; i < n; i++)
		if (strcmp(a[i].local, "id") == 0 && a[i].uri && strstr(a[i].uri, "relationships")) {
			size_t k = a[i].len < sizeof(id) - 1 ? a[i].len : sizeof(id) - 1;

			memcpy(id, a[i].value, k);
			id[k] = '\0';
		}
	r = ox_rels_id(o->rels, id);
	if (r == NULL || r->external)
		return;
	ns = realloc(o->slides, (o->n + 1) * sizeof(*ns));
	if (ns == NULL)
		return;
	o->slides = ns;
	if ((ns[o->n] = bx_strdup(r->target)) != NULL)
		o->n++;
}

int
ox_slide(struct ox_pkg *p)
{
	struct deck d;
	struct ox_rels rels;
	struct order_ctx o;
	const struct ox_rel *r;
	struct bx_xml_handler h;
	int st;

	memset(&d, 0, sizeof(d));
	memset(&o, 0, sizeof(o));
	d.p = p;
	ox_text_init(&d.t);
	st = ox_rels_load(p, p->main, &rels);
	if (st == BILEX_FATAL)
		goto out;
	o.rels = &rels;
	h = (struct bx_xml_handler){ &o, order_start, NULL, NULL };
	st = ox_parse_part(p, p->main, &h, NULL);
	h = (struct bx_xml_handler){ &d, author_start, NULL, NULL };
	for (size_t i = 0; st != BILEX_FATAL && (r = ox_rels_type(&rels, "/commentAuthors", i)); i++)
		st = ox_parse_part(p, r->target, &h, NULL);
	for (size_t i = 0; st != BILEX_FATAL && (r = ox_rels_type(&rels, "/authors", i)); i++)
		st = ox_parse_part(p, r->target, &h, NULL);
	for (size_t s = 0; s < o.n && st != BILEX_FATAL; s++) {
		struct ox_rels srels;

		d.slide = (long)s + 1;
		d.notes = false;
		d.cm_no = 0;
		h = (struct bx_xml_handler){ &d, sl_start, sl_end, sl_text };
		st = ox_parse_part(p, o.slides[s], &h, NULL);
		if (st == BILEX_FATAL || ox_rels_load(p, o.slides[s], &srels) == BILEX_FATAL) {
			st = BILEX_FATAL;
			break;
		}
		if ((r = ox_rels_type(&srels, "/notesSlide", 0))) {
			d.notes = true;
			st = ox_parse_part(p, r->target, &h, NULL);
			d.notes = false;
		}
		h = (struct bx_xml_handler){ &d, cm_start, cm_end, sl_text };
		for (size_t k = 0; st != BILEX_FATAL && (r = ox_rels_type(&srels, "/comments", k)); k++)
			st = ox_parse_part(p, r->target, &h, NULL);
		ox_rels_free(&srels);
	}
	ox_rels_free(&rels);
out:
	for (size_t i = 0; i < o.n; i++)
		free(o.slides[i]);
	free(o.slides);
	for (size_t i = 0; i < d.nauthors; i++)
		free(d.authors[i].name);
	free(d.authors);
	ox_text_free(&d.t);
	if (st == BILEX_FATAL || d.status == BILEX_FATAL)
		return BILEX_FATAL;
	return bx_worst(st, d.status);
}

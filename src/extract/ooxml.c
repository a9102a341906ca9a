/*
 * ooxml.c - Office Open XML packages: .docx .docm .dotx, .xlsx .xlsm, .pptx.
 *
 * Detection is from the central directory: a ZIP that holds [Content_Types].xml.  The main
 * part is found through the package relationships (_rels/.rels, officeDocument), never by a
 * fixed name, and its content type says Word, Excel or PowerPoint.  The package layer here
 * reads relationships, the core properties (author and dates, carried into the pairs) and
 * hands media (images) back to the registry; ooxml-word.c, ooxml-sheet.c and ooxml-slide.c
 * read the parts.  An encrypted OOXML file is not a ZIP but an OLE2 file (see cfb.c).
 */
#include "ooxml-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- small helpers ------------------------------------------------------------------------ */

void
ox_text_init(struct ox_text *t)
{
	bx_buf_init(&t->b, 16u << 20);
}

void
ox_text_free(struct ox_text *t)
{
	bx_buf_free(&t->b);
}

void
ox_text_add(struct ox_text *t, const char *s, size_t n)
{
	/* past the cap the rest of a runaway paragraph is dropped, not the document */
	if (bx_buf_add(&t->b, s, n) != BILEX_OK && t->b.limit > t->b.len)
		bx_buf_add(&t->b, s, t->b.limit - t->b.len);
}

void
ox_text_reset(struct ox_text *t)
{
	t->b.len = 0;
	if (t->b.data)
		t->b.data[0] = '\0';
}

bool
ox_cell_ref(const char *ref, long *col, long *row)
{
	long c = 0, r = 0;
	const char *p = ref;

	while (*p >= 'A' && *p <= 'Z' && c < 100000)
		c = c * 26 + (*p++ - 'A' + 1);
	while (*p >= '0' && *p <= '9' && r < 10000000)
		r = r * 10 + (*p++ - '0');
	if (*p || c == 0 || r == 0)
		return false;
	*col = c;
	*row = r;
	return true;
}

/* ---- relationships ------------------------------------------------------------------------- */

/* Part name of a relationship target, relative to the part that holds it. */
static char *
resolve(const char *base, const char *target)
{
	struct bx_buf b;
	const char *slash = strrchr(base, '/');
	char *parts[256];
	int np = 0;
	char *copy, *tok, *save = NULL, *out;

	bx_buf_init(&b, 4096);
	if (target[0] == '/')
		bx_buf_adds(&b, target + 1);
	else {
		if (slash)
			bx_buf_add(&b, base, (size_t)(slash - base + 1));
		bx_buf_adds(&b, target);
	}
	/* collapse "." and ".." */
	copy = bx_strdup(bx_buf_str(&b));
	bx_buf_free(&b);
	if (copy == NULL)
		return NULL;
	for (tok = strtok_r(copy, "/", &save); tok && np < 256; tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			if (np)
				np--;
			continue;
		}
		parts[np++] = tok;
	}
	bx_buf_init(&b, 4096);
	for (int i = 0; i < np; i++) {
		if (i)
			bx_buf_addc(&b, '/');
		bx_buf_adds(&b, parts[i]);
	}
	out = bx_strdup(bx_buf_str(&b));
	bx_buf_free(&b);
	free(copy);
	return out;
}

struct rels_ctx {
	struct ox_rels *r;
	const char *base;
	bool oom;
};

static void
rels_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct rels_ctx *c = arg;
	char id[128], type[512], target[2048], mode[32];
	struct ox_rel *nv, *rel;

	(void)uri;
	if (strcmp(local, "Relationship") != 0 || c->r->n >= 10000)
		return;
	if (!bx_xml_attr(a, n, "Id", id, sizeof(id)) || !bx_xml_attr(a, n, "Type", type, sizeof(type)) ||
	    !bx_xml_attr(a, n, "Target", target, sizeof(target)))
		return;
	nv = realloc(c->r->v, (c->r->n + 1) * sizeof(*nv));
	if (nv == NULL) {
		c->oom = true;
		return;
	}
	c->r->v = nv;
	rel = &nv[c->r->n];
	rel->external = bx_xml_attr(a, n, "TargetMode", mode, sizeof(mode)) &&
	    strcasecmp(mode, "External") == 0;
	rel->id = bx_strdup(id);
	rel->type = bx_strdup(type);
	rel->target = rel->external ? bx_strdup(target) : resolve(c->base, target);
	if (!rel->id || !rel->type || !rel->target) {
		free(rel->id);
		free(rel->type);
		free(rel->target);
		c->oom = true;
		return;
	}
	c->r->n++;
}

int
ox_rels_load(struct ox_pkg *p, const char *part, struct ox_rels *out)
{
	struct bx_buf name;
	const char *slash = strrchr(part, '/');
	struct rels_ctx c = { out, part, false };
	struct bx_xml_handler h = { &c, rels_start, NULL, NULL };
	int64_t idx;
	int st;

	memset(out, 0, sizeof(*out));
	bx_buf_init(&name, 4096);
	if (*part == '\0')
		bx_buf_adds(&name, "_rels/.rels");
	else if (slash)
		bx_buf_printf(&name, "%.*s/_rels/%s.rels", (int)(slash - part), part, slash + 1);
	else
		bx_buf_printf(&name, "_rels/%s.rels", part);
	idx = bx_zipr_locate(p->zr, bx_buf_str(&name));
	if (idx < 0) {
		bx_buf_free(&name);
		return BILEX_OK;
	}
	/* relationship parts are small and part of the package, not of the text: no record */
	st = bx_xml_parse_zip(p->doc, p->zr, (uint64_t)idx, bx_buf_str(&name), BX_XML_NO_DTD, &h,
	    NULL, NULL);
	bx_buf_free(&name);
	if (c.oom)
		return bx_fail(bx_doc_ctx(p->doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	return st;
}

void
ox_rels_free(struct ox_rels *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].id);
		free(r->v[i].type);
		free(r->v[i].target);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

const struct ox_rel *
ox_rels_type(const struct ox_rels *r, const char *suffix, size_t nth)
{
	size_t k = strlen(suffix);

	for (size_t i = 0; i < r->n; i++) {
		size_t t = strlen(r->v[i].type);

		if (t >= k && strcmp(r->v[i].type + t - k, suffix) == 0 && nth-- == 0)
			return &r->v[i];
	}
	return NULL;
}

const struct ox_rel *
ox_rels_id(const struct ox_rels *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].id, id) == 0)
			return &r->v[i];
	return NULL;
}

int
ox_parse_part(struct ox_pkg *p, const char *name, const struct bx_xml_handler *h, bool *found)
{
	int64_t idx = bx_zipr_locate(p->zr, name);
	char sha[65];
	uint64_t size = 0;
	int st;

	if (found)
		*found = idx >= 0;
	if (idx < 0)
		return BILEX_OK;
	st = bx_doc_part_begin(p->doc, name);
	if (st != BILEX_OK)
		return st;
	st = bx_xml_parse_zip(p->doc, p->zr, (uint64_t)idx, name, BX_XML_NO_DTD, h, sha, &size);
	{
		int st2 = bx_doc_part_end(p->doc, st, sha[0] ? sha : NULL, size);

		if (st2 == BILEX_FATAL)
			return st2;
	}
	if (st < BILEX_OK)
		p->status = bx_worst(p->status, BILEX_WARN);
	return st == BILEX_FATAL ? st : BILEX_OK;
}

/* ---- core properties: who wrote it and when ---------------------------------------------- */

struct core_ctx {
	struct ox_pkg *p;
	struct ox_text t;
	char author[512], modifier[512], created[64], modified[64];
	int status;
};

static void
core_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct core_ctx *c = arg;

	(void)local;
	(void)uri;
	(void)a;
	(void)n;
	ox_text_reset(&c->t);
}

static void
core_end(void *arg, const char *local, const char *uri)
{
	struct core_ctx *c = arg;
	const char *v = bx_buf_str(&c->t.b);
	struct bx_unit u;
	char where[64];

	if (uri == NULL || c->t.b.len == 0)
		return;
	if (strcmp(local, "creator") == 0 && strcmp(uri, NS_DC) == 0)
		snprintf(c->author, sizeof(c->author), "%s", v);
	else if (strcmp(local, "lastModifiedBy") == 0)
		snprintf(c->modifier, sizeof(c->modifier), "%s", v);
	else if (strcmp(local, "created") == 0)
		snprintf(c->created, sizeof(c->created), "%s", v);
	else if (strcmp(local, "modified") == 0)
		snprintf(c->modified, sizeof(c->modified), "%s", v);
	else if (!(strcmp(local, "title") == 0 || strcmp(local, "subject") == 0 ||
	    strcmp(local, "description") == 0 || strcmp(local, "keywords") == 0 ||
	    strcmp(local, "category") == 0))
		return;
	/* every property with words in it is a segment: names are evidence too */
	if (strcmp(local, "created") == 0 || strcmp(local, "modified") == 0)
		return;
	bx_unit_init(&u, "metadata");
	snprintf(where, sizeof(where), "property %s", local);
	u.where = where;
	u.text = v;
	u.len = c->t.b.len;
	u.flags = BX_UNIT_WHOLE;
	c->status = bx_worst(c->status, bx_doc_unit(c->p->doc, &u));
}

static void
core_text(void *arg, const char *s, size_t n)
{
	ox_text_add(&((struct core_ctx *)arg)->t, s, n);
}

static int
read_core(struct ox_pkg *p, const struct ox_rels *pkg)
{
	const struct ox_rel *r = ox_rels_type(pkg, "/core-properties", 0);
	struct core_ctx c;
	struct bx_xml_handler h = { &c, core_start, core_end, core_text };
	int st;

	memset(&c, 0, sizeof(c));
	c.p = p;
	ox_text_init(&c.t);
	st = ox_parse_part(p, r ? r->target : "docProps/core.xml", &h, NULL);
	ox_text_free(&c.t);
	/* the last person to save the file is who relayed it; the creator who wrote it */
	bx_doc_set_meta(p->doc, c.author[0] ? c.author : c.modifier,
	    c.modified[0] ? c.modified : c.created);
	return st == BILEX_FATAL || c.status == BILEX_FATAL ? BILEX_FATAL : BILEX_OK;
}

/* ---- media: images go back to the registry (OCR) ------------------------------------------- */

/* Everything that is not a part of the package's own XML: images, embedded files, and
 * whatever else was put inside (a zip stored in a docx is a hiding place). */
static bool
is_media(const char *name)
{
	size_t n = strlen(name);

	if (n >= 4 && (strcasecmp(name + n - 4, ".xml") == 0 || strcasecmp(name + n - 4, ".vml") == 0))
		return false;
	if (n >= 5 && strcasecmp(name + n - 5, ".rels") == 0)
		return false;
	return true;
}

static int
hand_back_media(struct ox_pkg *p)
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

		if (name == NULL || !is_media(name) || name[strlen(name) - 1] == '/')
			continue;
		if (bx_zipr_read(p->zr, (uint64_t)i, &buf, &len) != BILEX_OK)
			continue; /* the reason is on record */
		memset(&m, 0, sizeof(m));
		m.name = name; /* OPC part names are ASCII (percent-encoded IRIs) */
		m.data = buf;
		m.size = len;
		bx_zip_mtime(za, (uint64_t)i, when);
		m.mtime = when[0] ? when : NULL;
		st = bx_doc_member_nocharge(p->doc, &m);
		free(buf);
	}
	return st == BILEX_FATAL ? st : BILEX_OK;
}

/* ---- content types ----------------------------------------------------------------------- */

struct ct_ctx {
	const char *part;
	char type[256];
};

static void
ct_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct ct_ctx *c = arg;
	char name[1024];

	(void)uri;
	if (strcmp(local, "Override") == 0 && bx_xml_attr(a, n, "PartName", name, sizeof(name)) &&
	    strcasecmp(name[0] == '/' ? name + 1 : name, c->part) == 0)
		bx_xml_attr(a, n, "ContentType", c->type, sizeof(c->type));
}

/* ---- the extractor ------------------------------------------------------------------------ */

static int
ooxml_bid(struct bx_input *in)
{
	const struct bx_zipdir *z = bx_zipdir_get(in);
	int bits;

	if (z == NULL || bx_zipdir_find(z, "[Content_Types].xml") == NULL)
		return BX_BID_NONE;
	bits = bx_zip_signature_bits(in, z) + 8 * 19;
	if (bx_zipdir_find(z, "_rels/.rels"))
		bits += 8 * 11;
	return bits;
}

static int
ooxml_extract(struct bx_doc *doc, struct bx_input *in)
{
	struct ox_pkg p;
	struct ox_rels pkg;
	const struct ox_rel *main;
	struct ct_ctx ct;
	struct bx_xml_handler h = { &ct, ct_start, NULL, NULL };
	int64_t idx;
	int st;

	memset(&p, 0, sizeof(p));
	p.doc = doc;
	p.in = in;
	st = bx_zipr_open(doc, in, &p.zr);
	if (p.zr == NULL)
		return st;
	p.status = st;
	st = ox_rels_load(&p, "", &pkg);
	if (st == BILEX_FATAL)
		goto out;
	main = ox_rels_type(&pkg, OX_REL_OFFICE, 0);
	if (main == NULL) {
		st = bx_doc_error(doc, BILEX_FAILED, BILEX_E_CORRUPT,
		    "OOXML package without an officeDocument relationship");
		ox_rels_free(&pkg);
		goto out;
	}
	p.main = main->target;
	memset(&ct, 0, sizeof(ct));
	ct.part = p.main;
	idx = bx_zipr_locate(p.zr, "[Content_Types].xml");
	if (idx >= 0)
		bx_xml_parse_zip(doc, p.zr, (uint64_t)idx, "[Content_Types].xml", BX_XML_NO_DTD, &h,
		    NULL, NULL);
	st = read_core(&p, &pkg);
	if (st == BILEX_FATAL) {
		ox_rels_free(&pkg);
		goto out;
	}
	if (strstr(ct.type, "wordprocessingml") || strstr(ct.type, "ms-word") ||
	    (!ct.type[0] && strncasecmp(p.main, "word/", 5) == 0)) {
		bx_doc_set_format(doc, "docx");
		st = ox_word(&p);
	} else if (strstr(ct.type, "spreadsheetml") || strstr(ct.type, "ms-excel") ||
	    (!ct.type[0] && strncasecmp(p.main, "xl/", 3) == 0)) {
		bx_doc_set_format(doc, "xlsx");
		st = ox_sheet(&p);
	} else if (strstr(ct.type, "presentationml") || strstr(ct.type, "ms-powerpoint") ||
	    (!ct.type[0] && strncasecmp(p.main, "ppt/", 4) == 0)) {
		bx_doc_set_format(doc, "pptx");
		st = ox_slide(&p);
	} else {
		st = bx_doc_error(doc, BILEX_FAILED, BILEX_E_UNSUPPORTED,
		    "OOXML package of an unknown kind (%s)", ct.type[0] ? ct.type : p.main);
	}
	if (st != BILEX_FATAL)
		st = bx_worst(st, hand_back_media(&p));
	ox_rels_free(&pkg);
out:
	bx_zipr_close(p.zr);
	return st == BILEX_FATAL ? st : bx_worst(st, p.status);
}

const struct bx_extractor bx_ooxml_extractor = {
	.name = "ooxml",
	.flags = BX_EXF_CONTAINER,
	.bid = ooxml_bid,
	.extract = ooxml_extract,
};

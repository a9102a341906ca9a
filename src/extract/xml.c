/*
 * xml.c - XML of any vocabulary: the text of its elements and the words in its attributes.
 *
 * Dumps hold exports, translation files (XLIFF, TMX, Android strings), configuration and data
 * files whose vocabulary nobody wrote an extractor for.  What they share: text sits in
 * elements, and sometimes a label sits in an attribute.  So every element's text is a unit
 * whose `where` is a compact element path (`/notes/note[3]/zh`: the index is written from the
 * second sibling of a name on), and attribute values holding CJK letters are units of kind
 * `metadata` (`/notes/note[3]/@title`: facts about the element, a title or a name), given
 * after the text of the document so that they never part a <zh> from its <ko> (and the zh
 * and ko attributes of one element stay neighbours).  An element with text of its own
 * collects the text of its children (mixed content: `<p>改<b>这里</b>的颜色</p>` is one
 * unit).  The units of an element's children share a block, so a <zh> and the <ko> beside it
 * are seen as neighbours.
 *
 * Parsing is the one XML profile (xmlsax.c): libxml2 decodes per the XML declaration (UTF-16
 * and legacy charsets included), a plain DOCTYPE is allowed but nothing it names is loaded,
 * and the first entity declaration ends the parse as `dtd-rejected`.
 *
 * Bid: `<?xml` at the start (after a byte-order mark) is 40 bits, so any format recognised by
 * its root element (SVG, flat ODF) outbids it.
 */
#include "extract.h"
#include "xmlsax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define PATH_MAX_BYTES 1024
#define MAX_NAMES 256        /* distinct child names counted per element */
#define MAX_KIDS (1u << 16) /* child names counted in all open elements together */

static int
xml_bid(struct bx_input *in)
{
	const unsigned char *p = in->data;
	size_t n = in->size;
	static const char decl[] = "<?xml";

	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		p += 3;
		n -= 3;
	}
	if (n >= 5 && memcmp(p, decl, 5) == 0)
		return 8 * 5;
	/* UTF-16, with or without a byte-order mark */
	if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
		p += 2;
		n -= 2;
	}
	if (n >= 10) {
		bool le = true, be = true;

		for (int i = 0; i < 5; i++) {
			le = le && p[2 * i] == (unsigned char)decl[i] && p[2 * i + 1] == 0;
			be = be && p[2 * i] == 0 && p[2 * i + 1] == (unsigned char)decl[i];
		}
		if (le || be)
			return 8 * 5;
	}
	return BX_BID_NONE;
}

/* A character of an XML encoding name (EncName); ASCII only, whatever the locale. */
static bool
enc_name_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '.' || c == '_' || c == '-';
}

/* The charset for the file record, as the document declares it (libxml2 does the decoding). */
static void
declared_charset(const unsigned char *p, size_t n, char *out, size_t len)
{
	const unsigned char *end;

	snprintf(out, len, "UTF-8");
	if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		snprintf(out, len, "UTF-16LE");
		return;
	}
	if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		snprintf(out, len, "UTF-16BE");
		return;
	}
	if (n >= 2 && p[0] == '<' && p[1] == 0) {
		snprintf(out, len, "UTF-16LE");
		return;
	}
	if (n >= 2 && p[0] == 0 && p[1] == '<') {
		snprintf(out, len, "UTF-16BE");
		return;
	}
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		p += 3;
		n -= 3;
	}
	n = n < 256 ? n : 256;
	if (n < 5 || memcmp(p, "<?xml", 5) != 0 || (end = memmem(p, n, "?>", 2)) == NULL)
		return;
	for (const unsigned char *q = p; q + 9 < end; q++) {
		size_t k = 0;

		if (memcmp(q, "encoding", 8) != 0)
			continue;
		q += 8;
		while (q < end && (*q == ' ' || *q == '=' || *q == '"' || *q == '\''))
			q++;
		/* an encoding name is ASCII letters, digits and . _ - (XML 1.0, EncName): the
		 * label goes into the file record as it is, and bytes of other kinds (found by
		 * fuzzing: "ISO-8\xb5859-1") made it invalid UTF-8; a name that holds any is no
		 * name, and the record keeps the default */
		while (q + k < end && k + 1 < len && enc_name_char(q[k]))
			k++;
		if (q + k < end && k + 1 < len && q[k] != '"' && q[k] != '\'' && q[k] > ' ')
			return;
		if (k > 0) {
			memcpy(out, q, k);
			out[k] = '\0';
		}
		return;
	}
}

struct kid {
	const char *name; /* libxml2 dictionary string: stable for the whole parse */
	long count;
};

struct frame {
	size_t path_len;  /* path length before this element */
	size_t kid_start; /* this element's child counters start here */
	int64_t id;       /* element number, the block of its children's units */
	bool cut_here;    /* the path grew too long at this element */
};

struct xml_ctx {
	struct bx_doc *doc;
	const char *charset;
	struct bx_buf path;
	bool path_cut;
	struct frame *fr;
	int depth, cap_depth;
	struct kid *kids;
	size_t nkids, cap_kids;
	int64_t elements;
	struct bx_buf t;   /* text of the owner element */
	struct bx_buf attrs; /* attribute units for the end: block, where NUL, value NUL */
	int owner;         /* depth of the element whose text t holds */
	int collector;     /* depth of the element collecting its children's text, or 0 */
	size_t maxline;
	int status;
};

/* Sibling index of NAME among the children of the element at the top of the stack. */
static long
sibling_index(struct xml_ctx *c, const char *name)
{
	size_t from = c->depth > 0 ? c->fr[c->depth - 1].kid_start : 0;

	for (size_t i = from; i < c->nkids; i++)
		if (c->kids[i].name == name || strcmp(c->kids[i].name, name) == 0)
			return ++c->kids[i].count;
	if (c->nkids - from >= MAX_NAMES || c->nkids >= MAX_KIDS)
		return 0; /* unknown: no index is written */
	if (c->nkids == c->cap_kids) {
		size_t cap = c->cap_kids ? 2 * c->cap_kids : 64;
		struct kid *nk = realloc(c->kids, cap * sizeof(*nk));

		if (nk == NULL)
			return 0;
		c->kids = nk;
		c->cap_kids = cap;
	}
	c->kids[c->nkids].name = name;
	c->kids[c->nkids].count = 1;
	c->nkids++;
	return 1;
}

static bool
blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

static void
unit(struct xml_ctx *c, const char *kind, const char *where, const char *s, size_t n,
    int64_t block)
{
	struct bx_unit u;

	if (blank(s, n))
		return;
	bx_unit_init(&u, kind);
	u.where = where;
	u.text = s;
	u.len = n;
	u.charset = c->charset;
	u.block = block;
	if (strcmp(kind, "metadata") == 0)
		u.flags = BX_UNIT_WHOLE;
	c->status = bx_worst(c->status, bx_doc_unit(c->doc, &u));
}

/* The text held becomes a unit of the element at depth d (the path is still d long). */
static void
flush(struct xml_ctx *c, int d)
{
	const char *where = bx_buf_str(&c->path);
	int64_t block = d >= 2 ? c->fr[d - 2].id : c->fr[d - 1].id;

	if (c->t.len > 0)
		unit(c, "body", where[0] ? where : "/", c->t.data, c->t.len, block);
	c->t.len = 0;
}

static void
put(struct xml_ctx *c, const char *s, size_t n)
{
	/* an over-long text is cut into units of the same place */
	while (n > 0) {
		size_t k = n, room = c->maxline - c->t.len;

		if (k > room) {
			k = room;
			while (k > 0 && k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
				k--;
		}
		if (k > 0 && bx_buf_add(&c->t, s, k) != BILEX_OK)
			return;
		s += k;
		n -= k;
		if (n > 0)
			flush(c, c->collector ? c->collector : c->owner);
	}
}

/* Letters of the scripts bilex is after: Han, Hangul, kana. */
static bool
has_cjk(const char *s, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++) {
		unsigned char b = (unsigned char)s[i];

		if (b == 0xE1 && (unsigned char)s[i + 1] >= 0x84 && (unsigned char)s[i + 1] <= 0x87)
			return true; /* U+1100..U+11FF Hangul jamo */
		if (b >= 0xE3 && b <= 0xED) {
			unsigned cp = (unsigned)(b & 0x0F) << 12 | ((unsigned char)s[i + 1] & 0x3Fu) << 6 |
			    ((unsigned char)s[i + 2] & 0x3Fu);

			if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3130 && cp <= 0x318F) ||
			    (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3))
				return true;
		}
		if (b == 0xEF && (unsigned char)s[i + 1] >= 0xA4 && (unsigned char)s[i + 1] <= 0xAB)
			return true; /* U+F900..U+FAFF compatibility ideographs */
		if (b == 0xF0 && i + 3 < n && (unsigned char)s[i + 1] >= 0xA0 &&
		    (unsigned char)s[i + 1] <= 0xAF)
			return true; /* U+20000..U+2FFFF */
	}
	return false;
}

/* The attribute units held, in document order. */
static void
flush_attrs(struct xml_ctx *c)
{
	for (size_t i = 0; i < c->attrs.len && c->status != BILEX_FATAL;) {
		int64_t block;
		const char *where, *value;
		size_t len;

		memcpy(&block, c->attrs.data + i, sizeof(block));
		where = c->attrs.data + i + sizeof(block);
		value = where + strlen(where) + 1;
		len = strlen(value);
		unit(c, "metadata", where, value, len, block);
		i = (size_t)(value + len + 1 - c->attrs.data);
	}
	c->attrs.len = 0;
}

/* Holds an attribute unit of the element just opened; when the buffer is full, the units
 * held so far go out first. */
static void
hold_attr(struct xml_ctx *c, const struct bx_xml_attr *a, int64_t block)
{
	for (int pass = 0; pass < 2; pass++) {
		size_t back = c->attrs.len;

		if (bx_buf_add(&c->attrs, &block, sizeof(block)) == BILEX_OK &&
		    bx_buf_printf(&c->attrs, "%s/@%.200s", bx_buf_str(&c->path), a->local) ==
		    BILEX_OK && bx_buf_addc(&c->attrs, '\0') == BILEX_OK &&
		    bx_buf_add(&c->attrs, a->value, a->len) == BILEX_OK &&
		    bx_buf_addc(&c->attrs, '\0') == BILEX_OK)
			return;
		c->attrs.len = back;
		flush_attrs(c);
	}
	/* one value larger than the whole buffer: it goes out on its own */
	bx_buf_printf(&c->attrs, "%s/@%.200s", bx_buf_str(&c->path), a->local);
	unit(c, "metadata", c->attrs.data ? c->attrs.data : "", a->value, a->len, block);
	c->attrs.len = 0;
}

static void
x_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct xml_ctx *c = arg;
	long idx;
	char num[24];

	(void)uri;
	if (c->status == BILEX_FATAL)
		return;
	if (c->depth == c->cap_depth) {
		/* xmlsax stops the parse past the xml-depth limit: this only grows to it */
		int cap = c->cap_depth ? c->cap_depth * 2 : 64;
		struct frame *nf = realloc(c->fr, (size_t)cap * sizeof(*nf));

		if (nf == NULL) {
			c->status = BILEX_FATAL;
			return;
		}
		c->fr = nf;
		c->cap_depth = cap;
	}
	/* text before a child: the parent has text of its own and collects the child's too */
	if (c->collector == 0 && c->t.len > 0) {
		if (blank(c->t.data, c->t.len))
			c->t.len = 0;
		else
			c->collector = c->depth;
	}
	idx = c->depth > 0 ? sibling_index(c, local) : 1;
	c->fr[c->depth].path_len = c->path.len;
	c->fr[c->depth].id = ++c->elements;
	c->fr[c->depth].cut_here = false;
	if (!c->path_cut) {
		if (c->path.len + strlen(local) + 24 > PATH_MAX_BYTES) {
			/* a path nobody can read anyway: the rest is elided */
			bx_buf_adds(&c->path, "/...");
			c->path_cut = c->fr[c->depth].cut_here = true;
		} else {
			bx_buf_addc(&c->path, '/');
			bx_buf_adds(&c->path, local);
			if (idx > 1) {
				snprintf(num, sizeof(num), "[%ld]", idx);
				bx_buf_adds(&c->path, num);
			}
		}
	}
	c->depth++;
	c->fr[c->depth - 1].kid_start = c->nkids;
	if (c->collector == 0)
		c->owner = c->depth;
	/* attribute units wait for the end of the document: standing between a <zh> and the
	 * <ko> after it they would keep the two apart */
	for (int i = 0; i < n && c->status != BILEX_FATAL; i++)
		if (has_cjk(a[i].value, a[i].len))
			hold_attr(c, &a[i], c->fr[c->depth - 1].id);
}

static void
x_end(void *arg, const char *local, const char *uri)
{
	struct xml_ctx *c = arg;
	struct frame *f;

	(void)local;
	(void)uri;
	if (c->depth == 0 || c->status == BILEX_FATAL)
		return;
	if (c->collector == c->depth || (c->collector == 0 && c->owner == c->depth)) {
		flush(c, c->depth);
		c->collector = 0;
	}
	f = &c->fr[--c->depth];
	c->nkids = f->kid_start;
	c->path.len = f->path_len;
	if (c->path.data)
		c->path.data[c->path.len] = '\0';
	if (f->cut_here)
		c->path_cut = false;
	if (c->collector == 0)
		c->owner = c->depth;
}

static void
x_text(void *arg, const char *s, size_t n)
{
	struct xml_ctx *c = arg;

	if (c->status != BILEX_FATAL && c->depth > 0)
		put(c, s, n);
}

static int
xml_extract(struct bx_doc *doc, struct bx_input *in)
{
	struct xml_ctx c;
	struct bx_xml_handler h = { &c, x_start, x_end, x_text };
	char charset[40];
	int st;

	declared_charset(in->data, in->size, charset, sizeof(charset));
	bx_doc_set_charset(doc, charset, 1.0, 0);
	memset(&c, 0, sizeof(c));
	c.doc = doc;
	c.charset = charset;
	c.maxline = (size_t)bx_doc_limit(doc, BILEX_LIMIT_LINE_BYTES);
	bx_buf_init(&c.path, PATH_MAX_BYTES + 512);
	bx_buf_init(&c.t, c.maxline + 16);
	bx_buf_init(&c.attrs, 4u << 20);
	st = bx_xml_parse_mem(doc, in->source, in->data, in->size, 0, &h);
	/* a parse that ended early (malformed, too deep) keeps the text read up to there */
	if (c.depth > 0 && c.t.len > 0 && c.status != BILEX_FATAL)
		flush(&c, c.collector ? c.collector : c.depth);
	if (c.status != BILEX_FATAL)
		flush_attrs(&c);
	free(c.fr);
	free(c.kids);
	bx_buf_free(&c.path);
	bx_buf_free(&c.t);
	bx_buf_free(&c.attrs);
	if (c.status == BILEX_FATAL || st == BILEX_FATAL)
		return BILEX_FATAL;
	return bx_worst(st, c.status);
}

const struct bx_extractor bx_xml_extractor = {
	.name = "xml",
	.flags = 0,
	.bid = xml_bid,
	.extract = xml_extract,
};

/*
 * html.c - HTML and XHTML pages: every piece of text a reader sees, and the text a page hides
 * in its head and its pictures.
 *
 * Bytes are decoded here, not by libxml2: byte-order mark, then the charset a <meta> declares
 * in the first 4 KiB (only as a hint: pages lie about their charset, so bx_charset_choose()
 * keeps it only when it decodes the bytes cleanly), else detection.  libxml2's HTML push
 * parser gets UTF-8 and is told to ignore the page's own encoding hints; it only calls back
 * (SAX), no tree is built.  It has no depth limit of its own, so depth is counted here and
 * content deeper than the xml-depth limit is skipped with one `limit-depth` record.
 *
 * Units: block elements (p, div, li, ...) are paragraphs (`paragraph N`), h1-h6 headings
 * (`heading N`), td/th cells (`table 1 B3`, line = row, col = column, so the aligner sees a
 * Chinese cell beside its Korean one), pre lines (`pre N line M`), <br> splits lines of one
 * block; <title> is kind title; meta description/keywords/author are metadata; the alt and
 * title attributes of img/area and the title of abbr are kind alt, attached to the block they
 * sit in, and so are HTML comments (kind comment).  script, style, noscript and template are
 * skipped.  img src="data:..." pictures are handed back as members (datauri.c).
 */
#include "extract.h"
#include "datauri.h"
#include "xmlsax.h"
#include "../lang/lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#define SNIFF_BYTES 1024
#define META_BYTES 4096
#define CHUNK (64 * 1024)
#define UNITS (2 * CHUNK + 4096) /* UTF-16 units one chunk may decode to, with room */
#define MAX_BLOCKS 128  /* block contexts remembered; deeper ones share the innermost's */
#define MAX_TABLES 16
#define MAX_PENDING 32

/* ---- bid ----------------------------------------------------------------------------------- */

/* The first bytes as ASCII: BOM dropped, UTF-16 folded to one byte per unit (non-ASCII units
 * become 0x80), so one scanner serves every encoding a page is saved in. */
static size_t
ascii_sample(const struct bx_input *in, size_t want, unsigned char *out)
{
	const unsigned char *p = in->data;
	size_t n = in->size, k = 0;

	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		p += 3;
		n -= 3;
	} else if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
		bool le = p[0] == 0xFF;

		for (size_t i = 2; i + 1 < n && k < want; i += 2) {
			unsigned u = le ? p[i] | (unsigned)p[i + 1] << 8 : (unsigned)p[i] << 8 | p[i + 1];

			out[k++] = u < 0x80 ? (unsigned char)u : 0x80;
		}
		return k;
	}
	k = n < want ? n : want;
	memcpy(out, p, k);
	return k;
}

static bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool
is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int
html_bid(struct bx_input *in)
{
	static const char *const tokens[] = { "<!doctype html", "<html", "<head", "<body",
		"<meta", "<title" };
	unsigned char s[SNIFF_BYTES + 32];
	size_t n = ascii_sample(in, sizeof(s), s), i = 0;
	int bits = 0;

	/* whitespace, comments and an XML declaration (XHTML) may come first */
	while (i < n && i < SNIFF_BYTES) {
		const unsigned char *e;

		if (is_space(s[i])) {
			i++;
		} else if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			e = memmem(s + i + 4, n - i - 4, "-->", 3);
			if (e == NULL)
				return BX_BID_NONE;
			i = (size_t)(e - s) + 3;
		} else if (n - i >= 5 && strncasecmp((const char *)s + i, "<?xml", 5) == 0) {
			e = memmem(s + i, n - i, "?>", 2);
			if (e == NULL)
				return BX_BID_NONE;
			bits += 8 * 5;
			i = (size_t)(e - s) + 2;
		} else {
			break;
		}
	}
	if (i >= SNIFF_BYTES)
		return BX_BID_NONE;
	for (size_t t = 0; t < BX_ARRAY_LEN(tokens); t++) {
		size_t k = strlen(tokens[t]);

		if (n - i >= k + 1 && strncasecmp((const char *)s + i, tokens[t], k) == 0 &&
		    (is_space(s[i + k]) || s[i + k] == '>' || s[i + k] == '/'))
			return bits + 8 * (int)k;
	}
	return BX_BID_NONE;
}

/* ---- charset --------------------------------------------------------------------------------- */

/* WHATWG labels to the names bx_charset_choose() knows (it widens them to their supersets). */
static const char *
canonical_charset(const char *label)
{
	static const struct {
		const char *label, *name;
	} map[] = {
		{ "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
		{ "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "x-gbk", "GB18030" },
		{ "gb_2312-80", "GB18030" }, { "chinese", "GB18030" }, { "cp936", "GB18030" },
		{ "windows-936", "GB18030" }, { "gb18030", "GB18030" }, { "euc-cn", "GB18030" },
		{ "euc-kr", "EUC-KR" }, { "ks_c_5601-1987", "EUC-KR" }, { "korean", "EUC-KR" },
		{ "cp949", "EUC-KR" }, { "windows-949", "EUC-KR" }, { "x-windows-949", "EUC-KR" },
		{ "uhc", "EUC-KR" }, { "big5", "Big5" }, { "big5-hkscs", "Big5" },
		{ "x-x-big5", "Big5" }, { "cn-big5", "Big5" }, { "cp950", "Big5" },
		{ "shift_jis", "Shift_JIS" }, { "sjis", "Shift_JIS" }, { "x-sjis", "Shift_JIS" },
		{ "windows-31j", "Shift_JIS" }, { "ms932", "Shift_JIS" }, { "euc-jp", "EUC-JP" },
		{ "iso-8859-1", "ISO-8859-1" }, { "latin1", "ISO-8859-1" },
		{ "us-ascii", "ISO-8859-1" }, { "windows-1252", "ISO-8859-1" },
		/* a page that says UTF-16 in a meta is read as ASCII: the meta lies (WHATWG) */
		{ "utf-16", "UTF-8" }, { "utf-16le", "UTF-8" }, { "utf-16be", "UTF-8" },
	};

	for (size_t i = 0; i < BX_ARRAY_LEN(map); i++)
		if (strcasecmp(map[i].label, label) == 0)
			return map[i].name;
	return label;
}

/* The charset a <meta charset=...> or <meta http-equiv content="...; charset=..."> declares
 * in the first 4 KiB (the HTML prescan looks at the first 1024 bytes; pages with long
 * comments or scripts first are common enough to look further). */
static bool
meta_charset(const unsigned char *p, size_t n, char *out, size_t len)
{
	size_t m = n < META_BYTES ? n : META_BYTES;

	for (size_t i = 0; i + 5 < m; i++) {
		const unsigned char *gt;

		if (p[i] != '<' || strncasecmp((const char *)p + i + 1, "meta", 4) != 0 ||
		    !(is_space(p[i + 5]) || p[i + 5] == '/'))
			continue;
		gt = memchr(p + i, '>', m - i);
		if (gt == NULL)
			return false;
		for (const unsigned char *q = p + i + 5; q + 8 <= gt; q++) {
			size_t k = 0;

			if (strncasecmp((const char *)q, "charset", 7) != 0)
				continue;
			q += 7;
			while (q < gt && is_space(*q))
				q++;
			if (q >= gt || *q != '=')
				continue;
			q++;
			while (q < gt && (is_space(*q) || *q == '"' || *q == '\''))
				q++;
			while (q + k < gt && k + 1 < len && (is_alnum(q[k]) || q[k] == '-' ||
			    q[k] == '_' || q[k] == '.' || q[k] == ':'))
				k++;
			if (k == 0)
				continue;
			memcpy(out, q, k);
			out[k] = '\0';
			return true;
		}
		i = (size_t)(gt - p);
	}
	return false;
}

/* ---- elements ------------------------------------------------------------------------------ */

enum el {
	EL_INLINE = 0, EL_BLOCK, EL_HEADING, EL_TITLE, EL_PRE, EL_TABLE, EL_ROW, EL_CELL, EL_BR,
	EL_SKIP, EL_IMG, EL_ABBR, EL_META
};

/* Sorted by name (bsearch); libxml2 gives HTML element names in lower case. */
static const struct element {
	const char *name;
	unsigned char el;
} elements[] = {
	{ "abbr", EL_ABBR }, { "address", EL_BLOCK }, { "area", EL_IMG }, { "article", EL_BLOCK },
	{ "aside", EL_BLOCK }, { "blockquote", EL_BLOCK }, { "body", EL_BLOCK }, { "br", EL_BR },
	{ "button", EL_BLOCK }, { "caption", EL_BLOCK }, { "center", EL_BLOCK }, { "dd", EL_BLOCK },
	{ "details", EL_BLOCK }, { "dialog", EL_BLOCK }, { "dir", EL_BLOCK }, { "div", EL_BLOCK },
	{ "dl", EL_BLOCK }, { "dt", EL_BLOCK }, { "fieldset", EL_BLOCK },
	{ "figcaption", EL_BLOCK }, { "figure", EL_BLOCK }, { "footer", EL_BLOCK },
	{ "form", EL_BLOCK }, { "h1", EL_HEADING }, { "h2", EL_HEADING }, { "h3", EL_HEADING },
	{ "h4", EL_HEADING }, { "h5", EL_HEADING }, { "h6", EL_HEADING }, { "head", EL_BLOCK },
	{ "header", EL_BLOCK }, { "hgroup", EL_BLOCK }, { "hr", EL_BLOCK }, { "html", EL_BLOCK },
	{ "iframe", EL_SKIP }, { "img", EL_IMG }, { "legend", EL_BLOCK }, { "li", EL_BLOCK },
	{ "listing", EL_PRE }, { "main", EL_BLOCK }, { "menu", EL_BLOCK }, { "meta", EL_META },
	{ "nav", EL_BLOCK }, { "noscript", EL_SKIP }, { "ol", EL_BLOCK }, { "optgroup", EL_BLOCK },
	{ "option", EL_BLOCK }, { "p", EL_BLOCK }, { "plaintext", EL_PRE }, { "pre", EL_PRE },
	{ "script", EL_SKIP }, { "section", EL_BLOCK }, { "select", EL_BLOCK },
	{ "style", EL_SKIP }, { "summary", EL_BLOCK }, { "table", EL_TABLE }, { "tbody", EL_BLOCK },
	{ "td", EL_CELL }, { "template", EL_SKIP }, { "textarea", EL_BLOCK },
	{ "tfoot", EL_BLOCK }, { "th", EL_CELL }, { "thead", EL_BLOCK }, { "title", EL_TITLE },
	{ "tr", EL_ROW }, { "ul", EL_BLOCK }, { "xmp", EL_PRE },
};

static int
element_cmp(const void *key, const void *e)
{
	return strcmp(key, ((const struct element *)e)->name);
}

static enum el
classify(const char *name)
{
	const struct element *e = bsearch(name, elements, BX_ARRAY_LEN(elements),
	    sizeof(elements[0]), element_cmp);

	return e ? (enum el)e->el : EL_INLINE;
}

/* ---- state --------------------------------------------------------------------------------- */

struct table {
	long no, row, col, next_col;
	int64_t row_block;
	bool cell_open;
};

struct pending {
	const char *kind, *extra;
	char label[40];
	size_t off, len;
};

struct html_ctx {
	struct bx_doc *doc;
	htmlParserCtxtPtr ctxt;
	const char *charset;
	double confidence;
	size_t maxline;
	struct bx_buf t;                 /* text of the open block */
	bool space;                      /* the last byte added was a collapsed space */
	unsigned char blk[MAX_BLOCKS];   /* open block contexts (enum el) */
	int nblk, blk_over;
	struct table tbl[MAX_TABLES];
	int ntbl, tbl_over;
	int depth, max_depth, skip, in_pre;
	bool too_deep, stopped, pre_fresh;
	bool cutting, continued;         /* a flush cut an over-long block: same place again */
	long para, heading, table_no, pre_no, pre_line, images, abbrs, comments;
	int64_t blocks, pre_block, last_block;
	char last_where[128];            /* place of the text unit a flush emitted last */
	struct pending pend[MAX_PENDING];/* alt texts waiting for their block */
	int npend;
	struct bx_buf ptext;
	struct bx_datauri du;
	int status;
};

static void
unit(struct html_ctx *c, const char *kind, const char *where, const char *s, size_t n,
    int64_t block, int64_t line, int64_t col, unsigned flags, const char *extra)
{
	struct bx_unit u;

	bx_unit_init(&u, kind);
	u.where = where;
	u.text = s;
	u.len = n;
	u.charset = c->charset;
	u.confidence = c->confidence;
	u.block = block;
	u.line = line;
	u.col = col;
	u.flags = flags;
	u.extra = extra;
	c->status = bx_worst(c->status, bx_doc_unit(c->doc, &u));
	if (c->status == BILEX_FATAL)
		xmlStopParser(c->ctxt);
}

/* Spaces, no-break spaces and ideographic spaces only. */
static bool
blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (is_space((unsigned char)s[i]))
			continue;
		if (i + 1 < n && memcmp(s + i, "\xC2\xA0", 2) == 0)
			i++;
		else if (i + 2 < n && memcmp(s + i, "\xE3\x80\x80", 3) == 0)
			i += 2;
		else
			return false;
	}
	return true;
}

/* Alt texts of the block go out after its text, attached to it. */
static void
emit_pending(struct html_ctx *c)
{
	char where[160];

	for (int i = 0; i < c->npend && c->status != BILEX_FATAL; i++) {
		const struct pending *p = &c->pend[i];

		if (c->last_where[0])
			snprintf(where, sizeof(where), "%s in %s", p->label, c->last_where);
		else
			snprintf(where, sizeof(where), "%s", p->label);
		/* a picture alone in its block is a layout unit of its own, not a part of the
		 * block before it */
		unit(c, p->kind, where, c->ptext.data + p->off, p->len, -1, -1, -1,
		    (c->last_where[0] ? BX_UNIT_ATTACHED : 0) | BX_UNIT_WHOLE, p->extra);
	}
	c->npend = 0;
	c->ptext.len = 0;
}

/* XHTML may wrap text in CDATA sections, which the HTML parser does not know: it passes the
 * markers on as text.  They are taken out again (text with a '<' in a CDATA section is lost
 * to the parser all the same). */
static size_t
strip_cdata(char *s, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n;) {
		if (n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0)
			i += 9;
		else if (n - i >= 3 && memcmp(s + i, "]]>", 3) == 0)
			i += 3;
		else
			s[o++] = s[i++];
	}
	s[o] = '\0';
	return o;
}

/* The text collected so far becomes units of the innermost block context. */
static void
flush(struct html_ctx *c)
{
	const struct table *tb = c->ntbl ? &c->tbl[c->ntbl - 1] : NULL;
	int top = c->nblk ? c->blk[c->nblk - 1] : EL_BLOCK;
	const char *s = c->t.data, *kind = "body";
	char base[96], where[128], col[16];
	int64_t block = -1, line = -1, cell_col = -1;
	size_t n = c->t.len, nlines = 0;
	unsigned flags = 0;
	bool pre = false, numbered_lines;

	c->last_where[0] = '\0';
	if (n > 9 && memmem(s, n, "<![CDATA[", 9))
		n = c->t.len = strip_cdata(c->t.data, n);
	if (n == 0 || blank(s, n))
		goto out;
	if (top == EL_TITLE) {
		kind = "title";
		snprintf(base, sizeof(base), "title");
		block = c->continued ? c->last_block : ++c->blocks;
		flags = BX_UNIT_WHOLE;
	} else if (top == EL_HEADING) {
		kind = "heading";
		snprintf(base, sizeof(base), "heading %ld", c->continued ? c->heading : ++c->heading);
		block = c->continued ? c->last_block : ++c->blocks;
	} else if (tb && tb->cell_open && c->tbl_over == 0) {
		kind = "cell";
		bx_col_name(tb->col, col);
		snprintf(base, sizeof(base), "table %ld %s%ld", tb->no, col, tb->row);
		block = line = tb->row_block;
		cell_col = tb->col;
	} else if (c->in_pre) {
		pre = true;
		block = c->pre_block;
	} else {
		snprintf(base, sizeof(base), "paragraph %ld", c->continued ? c->para : ++c->para);
		block = c->continued ? c->last_block : ++c->blocks;
	}
	c->last_block = block;
	for (size_t i = 0; i < n; i++)
		nlines += s[i] == '\n';
	numbered_lines = nlines > 0 && strcmp(kind, "body") == 0;
	/* one unit per line: <br> and pre line ends are line ends for the reader too */
	for (size_t i = 0, ln = 1; i <= n && c->status != BILEX_FATAL; ln++) {
		const char *e = memchr(s + i, '\n', n - i);
		size_t k = e ? (size_t)(e - (s + i)) : n - i;

		if (pre && !(ln == 1 && c->continued))
			c->pre_line++;
		if (!blank(s + i, k)) {
			if (pre)
				snprintf(where, sizeof(where), "pre %ld line %ld", c->pre_no, c->pre_line);
			else if (numbered_lines)
				snprintf(where, sizeof(where), "%s line %zu", base, ln);
			else
				snprintf(where, sizeof(where), "%s", base);
			unit(c, kind, where, s + i, k, block, line, cell_col, flags, NULL);
			if (!c->last_where[0])
				snprintf(c->last_where, sizeof(c->last_where), "%s",
				    numbered_lines || pre ? where : base);
		}
		i += k + 1;
	}
out:
	c->continued = c->cutting;
	c->t.len = 0;
	if (c->t.data)
		c->t.data[0] = '\0';
	c->space = false;
	if (c->npend)
		emit_pending(c);
}

/* Appends bytes to the block text; an over-long block is cut into units of the same place. */
static void
put(struct html_ctx *c, const char *s, size_t n)
{
	while (n > 0 && c->status != BILEX_FATAL) {
		size_t k = n;

		if (c->t.len + k > c->maxline) {
			if (c->t.len > 0) {
				c->cutting = true;
				flush(c);
				c->cutting = false;
			}
			if (k > c->maxline) {
				k = c->maxline;
				while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
					k--;
				if (k == 0)
					k = c->maxline;
			}
		}
		if (bx_buf_add(&c->t, s, k) != BILEX_OK) {
			c->status = bx_worst(c->status, BILEX_FATAL);
			xmlStopParser(c->ctxt);
			return;
		}
		s += k;
		n -= k;
	}
}

static void
add_text(struct html_ctx *c, const char *s, size_t n)
{
	size_t i = 0;

	if (c->in_pre && c->pre_fresh) {
		/* a newline right after <pre> is not content (HTML) */
		c->pre_fresh = false;
		if (n > 0 && s[0] == '\r')
			i++;
		if (i < n && s[i] == '\n')
			i++;
	}
	while (i < n && c->status != BILEX_FATAL) {
		size_t j = i;

		if (c->in_pre) {
			if (s[i] == '\r') {
				put(c, "\n", 1);
				i += i + 1 < n && s[i + 1] == '\n' ? 2 : 1;
				continue;
			}
			while (j < n && s[j] != '\r')
				j++;
		} else if (is_space((unsigned char)s[i])) {
			if (!c->space && c->t.len > 0)
				put(c, " ", 1);
			c->space = true;
			i++;
			continue;
		} else {
			while (j < n && !is_space((unsigned char)s[j]))
				j++;
			c->space = false;
		}
		put(c, s + i, j - i);
		i = j;
	}
}

/* ---- SAX callbacks ------------------------------------------------------------------------- */

static const char *
attr(const xmlChar **atts, const char *name)
{
	for (int i = 0; atts && atts[i]; i += 2)
		if (strcasecmp((const char *)atts[i], name) == 0)
			return atts[i + 1] ? (const char *)atts[i + 1] : "";
	return NULL;
}

static void
add_pending(struct html_ctx *c, const char *kind, const char *label, const char *text,
    const char *extra)
{
	size_t n = strlen(text);
	struct pending *p;

	if (blank(text, n))
		return;
	if (c->npend == MAX_PENDING || bx_buf_add(&c->ptext, text, n) != BILEX_OK ||
	    bx_buf_addc(&c->ptext, '\0') != BILEX_OK) {
		/* too many pictures in one block: this one goes out on its own */
		unit(c, kind, label, text, n, -1, -1, -1, BX_UNIT_ATTACHED | BX_UNIT_WHOLE, extra);
		return;
	}
	p = &c->pend[c->npend++];
	p->kind = kind;
	p->extra = extra;
	snprintf(p->label, sizeof(p->label), "%s", label);
	p->len = n;
	p->off = c->ptext.len - n - 1;
}

static void
on_meta(struct html_ctx *c, const xmlChar **atts)
{
	static const char *const names[] = { "description", "keywords", "author", "subject",
		"abstract", "og:title", "og:description", "twitter:title", "twitter:description" };
	const char *name = attr(atts, "name"), *content = attr(atts, "content");
	char where[64];

	if (name == NULL)
		name = attr(atts, "property");
	if (name == NULL || content == NULL || blank(content, strlen(content)))
		return;
	for (size_t i = 0; i < BX_ARRAY_LEN(names); i++)
		if (strcasecmp(name, names[i]) == 0) {
			snprintf(where, sizeof(where), "meta %s", names[i]);
			unit(c, "metadata", where, content, strlen(content), -1, -1, -1,
			    BX_UNIT_WHOLE, NULL);
			/* who wrote the page is who wrote its notes, for pairs without an author */
			if (i == 2)
				bx_doc_set_meta(c->doc, content, NULL);
			return;
		}
}

static void
on_picture(struct html_ctx *c, const char *name, const xmlChar **atts)
{
	char label[40];
	const char *v;

	if (name[0] == 'a' && name[1] == 'b') {
		if ((v = attr(atts, "title")) != NULL) {
			snprintf(label, sizeof(label), "abbr %ld", ++c->abbrs);
			add_pending(c, "alt", label, v, NULL);
		}
		return;
	}
	c->images++;
	if ((v = attr(atts, "alt")) != NULL) {
		snprintf(label, sizeof(label), "image %ld", c->images);
		add_pending(c, "alt", label, v, NULL);
	}
	if ((v = attr(atts, "title")) != NULL) {
		snprintf(label, sizeof(label), "image %ld title", c->images);
		add_pending(c, "alt", label, v, NULL);
	}
	if (name[0] == 'i' && (v = attr(atts, "src")) != NULL) {
		int st = bx_datauri_member(c->doc, &c->du, v, strlen(v));

		c->status = bx_worst(c->status, st == BILEX_FATAL ? st : BILEX_OK);
		if (st == BILEX_FATAL)
			xmlStopParser(c->ctxt);
	}
}

static void
push_block(struct html_ctx *c, enum el e)
{
	flush(c);
	if (c->nblk < MAX_BLOCKS)
		c->blk[c->nblk++] = (unsigned char)e;
	else
		c->blk_over++;
}

static void
pop_block(struct html_ctx *c)
{
	flush(c);
	if (c->blk_over)
		c->blk_over--;
	else if (c->nblk)
		c->nblk--;
}

static void
on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
	struct html_ctx *c = ctx;
	const char *name = (const char *)xname;
	enum el e;
	struct table *tb;

	if (++c->depth > c->max_depth) {
		c->too_deep = true;
		/* libxml2 searches its whole element stack for every unmatched end tag: past 4x
		 * the limit a page costs more than it can give, so it is not read further */
		if (c->depth > 4 * c->max_depth && !c->stopped) {
			c->stopped = true;
			xmlStopParser(c->ctxt);
		}
		return;
	}
	e = classify(name);
	if (c->skip) {
		c->skip += e == EL_SKIP;
		return;
	}
	switch (e) {
	case EL_SKIP:
		c->skip = 1;
		break;
	case EL_BLOCK:
	case EL_HEADING:
	case EL_TITLE:
		push_block(c, e);
		break;
	case EL_PRE:
		push_block(c, e);
		if (c->in_pre++ == 0) {
			c->pre_no++;
			c->pre_line = 0;
			c->pre_block = ++c->blocks;
			c->pre_fresh = true;
		}
		break;
	case EL_TABLE:
		flush(c);
		if (c->ntbl < MAX_TABLES && c->tbl_over == 0) {
			memset(&c->tbl[c->ntbl], 0, sizeof(c->tbl[0]));
			c->tbl[c->ntbl++].no = ++c->table_no;
		} else {
			c->tbl_over++;
		}
		break;
	case EL_ROW:
		flush(c);
		if (c->ntbl && c->tbl_over == 0) {
			tb = &c->tbl[c->ntbl - 1];
			tb->row++;
			tb->next_col = 1;
			tb->row_block = ++c->blocks;
		}
		break;
	case EL_CELL:
		push_block(c, e);
		if (c->ntbl && c->tbl_over == 0) {
			const char *span = attr(atts, "colspan");
			long k = span ? strtol(span, NULL, 10) : 1;

			tb = &c->tbl[c->ntbl - 1];
			if (tb->row == 0) { /* a cell outside any row: the row is implied */
				tb->row = 1;
				tb->next_col = 1;
				tb->row_block = ++c->blocks;
			}
			tb->col = tb->next_col;
			/* colspan is capped as browsers cap it (1000) */
			tb->next_col += k < 1 ? 1 : k > 1000 ? 1000 : k;
			tb->cell_open = true;
		}
		break;
	case EL_BR:
		put(c, "\n", 1);
		c->space = true;
		break;
	case EL_IMG:
	case EL_ABBR:
		on_picture(c, name, atts);
		break;
	case EL_META:
		on_meta(c, atts);
		break;
	case EL_INLINE:
		break;
	}
}

static void
on_end(void *ctx, const xmlChar *xname)
{
	struct html_ctx *c = ctx;
	enum el e;

	if (c->depth-- > c->max_depth)
		return;
	e = classify((const char *)xname);
	if (c->skip) {
		c->skip -= e == EL_SKIP;
		return;
	}
	switch (e) {
	case EL_BLOCK:
	case EL_HEADING:
	case EL_TITLE:
		pop_block(c);
		break;
	case EL_PRE:
		pop_block(c);
		if (c->in_pre)
			c->in_pre--;
		break;
	case EL_TABLE:
		flush(c);
		if (c->tbl_over)
			c->tbl_over--;
		else if (c->ntbl)
			c->ntbl--;
		break;
	case EL_ROW:
		flush(c);
		break;
	case EL_CELL:
		pop_block(c);
		if (c->ntbl && c->tbl_over == 0)
			c->tbl[c->ntbl - 1].cell_open = false;
		break;
	default:
		break;
	}
}

static void
on_text(void *ctx, const xmlChar *s, int len)
{
	struct html_ctx *c = ctx;

	if (c->depth > c->max_depth || c->skip || len <= 0)
		return;
	add_text(c, (const char *)s, (size_t)len);
}

/* An HTML comment is not shown, and that is why notes hide there ("do not send this page
 * on"): it is a unit of kind comment, attached to the block it sits in.  Conditional comments
 * for old browsers and the "saved from url" mark are markup, not notes. */
static void
on_comment(void *ctx, const xmlChar *xvalue)
{
	struct html_ctx *c = ctx;
	const char *v = (const char *)xvalue;
	char label[40];

	if (c->depth > c->max_depth || c->skip || v == NULL)
		return;
	while (is_space((unsigned char)*v))
		v++;
	if (strncmp(v, "[if", 3) == 0 || strncmp(v, "<![endif]", 9) == 0 ||
	    strncmp(v, "[endif]", 7) == 0 || strncmp(v, "saved from url=", 15) == 0)
		return;
	snprintf(label, sizeof(label), "comment %ld", ++c->comments);
	add_pending(c, "comment", label, v, "{\"markup\":\"html-comment\"}");
}

static void
on_raw(void *ctx, const xmlChar *s, int len)
{
	/* script and style content: code, not text */
	(void)ctx;
	(void)s;
	(void)len;
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	/* HTML is recovered whatever its errors: nothing to report */
	(void)ctx;
	(void)e;
}

/* ---- the extractor ------------------------------------------------------------------------- */

/* Decodes the page to UTF-8 chunk by chunk and pushes it to the parser. */
static int
feed(struct html_ctx *c, struct bx_lang *L, const struct bx_charset_choice *ch,
    const unsigned char *p, size_t n, size_t *invalid)
{
	struct bx_decoder *dec;
	UChar *u16 = NULL;
	char *u8 = NULL;
	int32_t ulen = 0, ucap = 0;
	size_t off = 0;
	int st = BILEX_OK;

	if (bx_decoder_open(L, ch->name, &dec) != BILEX_OK)
		return bx_doc_error(c->doc, BILEX_FAILED, BILEX_E_UNSUPPORTED, "no converter for %s",
		    ch->name);
	u8 = malloc(3 * (size_t)UNITS + 1);
	if (u8 == NULL) {
		bx_decoder_close(dec);
		return bx_fail(bx_doc_ctx(c->doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	for (;;) {
		size_t k = n - off > CHUNK ? CHUNK : n - off;
		bool last = off + k >= n;
		int32_t use, len8 = 0;
		UErrorCode err = U_ZERO_ERROR;

		if (bx_decoder_run(dec, p + off, k, last, &u16, &ulen, &ucap, UNITS) != BILEX_OK) {
			st = bx_doc_error(c->doc, BILEX_FAILED, BILEX_E_DECODE,
			    "decoding failed at byte %zu", off);
			break;
		}
		off += k;
		/* a surrogate pair cut by the chunk end waits for its second half */
		use = ulen;
		if (!last && use > 0 && U16_IS_LEAD(u16[use - 1]))
			use--;
		u_strToUTF8WithSub(u8, 3 * UNITS, &len8, u16, use, 0xFFFD, NULL, &err);
		if (U_FAILURE(err)) {
			st = bx_doc_error(c->doc, BILEX_FAILED, BILEX_E_DECODE,
			    "conversion to UTF-8 failed at byte %zu", off);
			break;
		}
		memmove(u16, u16 + use, (size_t)(ulen - use) * sizeof(UChar));
		ulen -= use;
		htmlParseChunk(c->ctxt, u8, len8, last);
		if (last || c->status == BILEX_FATAL || c->stopped)
			break;
	}
	*invalid = bx_decoder_invalid(dec);
	bx_decoder_close(dec);
	free(u16);
	free(u8);
	return st;
}

static int
html_extract(struct bx_doc *doc, struct bx_input *in)
{
	struct bx_lang *L = bx_doc_lang(doc);
	struct bx_charset_choice ch;
	struct html_ctx c;
	htmlSAXHandler sax;
	char meta[40];
	const char *declared = in->declared;
	size_t invalid = 0;
	int st;

	if (L == NULL)
		return BILEX_FATAL;
	if (meta_charset(in->data, in->size, meta, sizeof(meta)))
		declared = canonical_charset(meta);
	if (bx_charset_choose(L, in->data, in->size, declared, &ch) != BILEX_OK)
		return bx_doc_error(doc, BILEX_FAILED, BILEX_E_DECODE,
		    "no charset decodes these bytes as text");
	bx_doc_set_charset(doc, ch.label, ch.confidence, (int64_t)ch.invalid);

	memset(&c, 0, sizeof(c));
	c.doc = doc;
	c.charset = ch.label;
	c.confidence = ch.confidence;
	c.maxline = (size_t)bx_doc_limit(doc, BILEX_LIMIT_LINE_BYTES);
	c.max_depth = (int)bx_doc_limit(doc, BILEX_LIMIT_XML_DEPTH);
	bx_buf_init(&c.t, c.maxline + 16);
	bx_buf_init(&c.ptext, 1u << 20);

	bx_xml_init();
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC; /* so that errors go to serror, per context */
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.cdataBlock = on_raw;
	sax.comment = on_comment;
	sax.serror = on_error;
	c.ctxt = htmlCreatePushParserCtxt(&sax, &c, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
	if (c.ctxt == NULL) {
		bx_buf_free(&c.t);
		bx_buf_free(&c.ptext);
		return bx_fail(bx_doc_ctx(doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	/* we decoded the bytes: the page's own <meta charset> must not switch them again */
	htmlCtxtUseOptions(c.ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	    HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
	st = feed(&c, L, &ch, in->data + ch.bom, in->size - ch.bom, &invalid);
	if (c.status != BILEX_FATAL) {
		flush(&c);
		if (c.npend)
			emit_pending(&c);
	}
	htmlFreeParserCtxt(c.ctxt);
	bx_buf_free(&c.t);
	bx_buf_free(&c.ptext);
	if (c.status == BILEX_FATAL || st == BILEX_FATAL)
		return BILEX_FATAL;
	st = bx_worst(st, c.status);
	if (c.too_deep)
		st = bx_worst(st, bx_doc_error(doc, BILEX_WARN, BILEX_E_LIMIT_DEPTH,
		    c.stopped ? "elements nested deeper than %d levels: their content was skipped, "
		    "and the page was not read past %d levels" : "elements nested deeper than %d "
		    "levels: their content was skipped", c.max_depth, 4 * c.max_depth));
	bx_doc_set_charset(doc, ch.label, ch.confidence, (int64_t)invalid);
	if (invalid > 0)
		st = bx_worst(st, bx_doc_error(doc, BILEX_WARN, BILEX_E_DECODE,
		    "%zu invalid byte sequence%s in %s replaced by U+FFFD", invalid,
		    invalid == 1 ? "" : "s", ch.label));
	return st;
}

const struct bx_extractor bx_html_extractor = {
	.name = "html",
	.flags = 0,
	.bid = html_bid,
	.extract = html_extract,
};

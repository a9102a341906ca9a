/*
 * svg.c - SVG drawings: the words drawn on them and the words hidden in them.
 *
 * Storyboards, layout sheets and colour charts travel as SVG; their notes are text elements.
 * One unit per <text> (its tspan and textPath pieces joined; a tspan that is placed on its own
 * starts a new line), `where` = `text N`, with the x/y position and the systemLanguage in
 * `extra` (a <switch> holding a Chinese and a Korean <text> is a translation pair).  Inkscape's
 * flowed text (flowRoot/flowPara) counts as text.  <title> is kind title; <desc> is body text
 * (`desc N`, extra {"element":"desc"}: DESIGN.md has no kind of its own for a description);
 * the content of <foreignObject> (usually XHTML) is body text split at its block elements,
 * Dublin Core fields in <metadata> are metadata, <image> pictures given as data: URIs are
 * handed back as members (OCR).  style and script are skipped.
 *
 * SVG needs no DTD and a DOCTYPE with entities is the classic XXE vector in image uploads, so
 * the parse runs with BX_XML_NO_DTD: any DOCTYPE ends it as `dtd-rejected`.
 *
 * Bid: an <svg> root element in the SVG namespace within the first 4 KiB (more bits than the
 * generic XML bid).
 */
#include "extract.h"
#include "datauri.h"
#include "xmlsax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NS_SVG "http://www.w3.org/2000/svg"
#define SNIFF_BYTES 4096

/* ---- bid ----------------------------------------------------------------------------------- */

static bool
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The first bytes as ASCII (BOM dropped, UTF-16 folded), as in html.c. */
static size_t
ascii_sample(const struct bx_input *in, unsigned char *out, size_t want)
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

/* Offset of the root element's '<' after the prolog (declaration, comments, processing
 * instructions, DOCTYPE with its internal subset), or -1. */
static long
root_offset(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		const unsigned char *e;

		if (is_space(s[i])) {
			i++;
		} else if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			if ((e = memmem(s + i + 4, n - i - 4, "-->", 3)) == NULL)
				return -1;
			i = (size_t)(e - s) + 3;
		} else if (n - i >= 2 && memcmp(s + i, "<?", 2) == 0) {
			if ((e = memmem(s + i + 2, n - i - 2, "?>", 2)) == NULL)
				return -1;
			i = (size_t)(e - s) + 2;
		} else if (n - i >= 9 && strncasecmp((const char *)s + i, "<!DOCTYPE", 9) == 0) {
			/* to the '>' that is outside quotes and outside the internal subset */
			int bracket = 0;
			unsigned char quote = 0;

			for (i += 9; i < n; i++) {
				if (quote) {
					quote = s[i] == quote ? 0 : quote;
				} else if (s[i] == '"' || s[i] == '\'') {
					quote = s[i];
				} else if (s[i] == '[') {
					bracket++;
				} else if (s[i] == ']') {
					bracket -= bracket > 0;
				} else if (s[i] == '>' && bracket == 0) {
					break;
				}
			}
			if (i >= n)
				return -1;
			i++;
		} else {
			return s[i] == '<' ? (long)i : -1;
		}
	}
	return -1;
}

static int
svg_bid(struct bx_input *in)
{
	unsigned char s[SNIFF_BYTES];
	size_t n = ascii_sample(in, s, sizeof(s)), i, name, end;
	long at = root_offset(s, n);
	const unsigned char *gt;

	if (at < 0)
		return BX_BID_NONE;
	/* <svg or <prefix:svg */
	i = (size_t)at + 1;
	name = i;
	while (i < n && !is_space(s[i]) && s[i] != '>' && s[i] != '/' && s[i] != ':')
		i++;
	if (i < n && s[i] == ':')
		name = ++i;
	if (n - name < 4 || memcmp(s + name, "svg", 3) != 0 ||
	    !(is_space(s[name + 3]) || s[name + 3] == '>' || s[name + 3] == '/'))
		return BX_BID_NONE;
	/* the namespace declaration must be in the root's start tag */
	gt = memchr(s + name, '>', n - name);
	end = gt ? (size_t)(gt - s) : n;
	for (i = name + 3; i + sizeof(NS_SVG) < end; i++)
		if ((s[i] == '"' || s[i] == '\'') && memcmp(s + i + 1, NS_SVG, sizeof(NS_SVG) - 1) == 0 &&
		    s[i + sizeof(NS_SVG)] == s[i])
			return 8 * (int)(4 + sizeof(NS_SVG) - 1);
	return BX_BID_NONE;
}

/* ---- extraction ---------------------------------------------------------------------------- */

enum mode { M_NONE = 0, M_TEXT, M_TITLE, M_DESC, M_FOREIGN, M_META };

struct svg_ctx {
	struct bx_doc *doc;
	struct bx_buf t;
	bool space;
	enum mode mode;
	int depth, mode_depth, skip;
	long texts, titles, descs, foreigns;
	int64_t blocks, block;
	char x[32], y[32], lang[40], meta[48];
	struct bx_datauri du;
	int status;
};

static bool
is_svg(const char *uri)
{
	return uri && strcmp(uri, NS_SVG) == 0;
}

/* The first token of an attribute, kept only if every byte is in `ok` (the value goes into
 * JSON as is). */
static void
token(const struct bx_xml_attr *a, int n, const char *local, const char *ok, char *out,
    size_t len)
{
	char v[64];
	size_t k = 0;

	out[0] = '\0';
	if (!bx_xml_attr(a, n, local, v, sizeof(v)))
		return;
	while (v[k] && !is_space((unsigned char)v[k]) && v[k] != ',' && k + 1 < len) {
		if (strchr(ok, v[k]) == NULL)
			return;
		k++;
	}
	memcpy(out, v, k);
	out[k] = '\0';
}

static bool
has_attr(const struct bx_xml_attr *a, int n, const char *local)
{
	char v[4];

	return bx_xml_attr(a, n, local, v, sizeof(v)) != NULL;
}

static void
newline(struct svg_ctx *c)
{
	if (c->t.len > 0 && c->t.data[c->t.len - 1] != '\n')
		bx_buf_addc(&c->t, '\n');
	c->space = true;
}

static void
emit(struct svg_ctx *c, const char *kind, const char *where, const char *extra)
{
	struct bx_unit u;
	size_t n = c->t.len;
	bool empty = true;

	for (size_t i = 0; i < n && empty; i++)
		empty = is_space((unsigned char)c->t.data[i]);
	if (!empty) {
		bx_unit_init(&u, kind);
		u.where = where;
		u.text = c->t.data;
		u.len = n;
		u.block = c->block;
		u.extra = extra;
		u.flags = strcmp(kind, "body") == 0 ? 0 : BX_UNIT_WHOLE;
		c->status = bx_worst(c->status, bx_doc_unit(c->doc, &u));
	}
	c->t.len = 0;
	c->space = false;
}

static void
emit_mode(struct svg_ctx *c)
{
	char where[64], extra[160];
	int k = 0;

	switch (c->mode) {
	case M_TEXT:
		snprintf(where, sizeof(where), "text %ld", c->texts);
		extra[0] = '\0';
		if (c->x[0] || c->y[0] || c->lang[0]) {
			k = snprintf(extra, sizeof(extra), "{");
			if (c->x[0])
				k += snprintf(extra + k, sizeof(extra) - (size_t)k, "\"x\":\"%s\",", c->x);
			if (c->y[0])
				k += snprintf(extra + k, sizeof(extra) - (size_t)k, "\"y\":\"%s\",", c->y);
			if (c->lang[0])
				k += snprintf(extra + k, sizeof(extra) - (size_t)k, "\"lang\":\"%s\",",
				    c->lang);
			extra[k - 1] = '}';
		}
		emit(c, "body", where, extra[0] ? extra : NULL);
		break;
	case M_TITLE:
		snprintf(where, sizeof(where), "title %ld", c->titles);
		emit(c, "title", where, NULL);
		break;
	case M_DESC:
		snprintf(where, sizeof(where), "desc %ld", c->descs);
		emit(c, "body", where, "{\"element\":\"desc\"}");
		break;
	case M_FOREIGN:
		snprintf(where, sizeof(where), "foreignObject %ld", c->foreigns);
		emit(c, "body", where, NULL);
		break;
	case M_META:
		snprintf(where, sizeof(where), "metadata %s", c->meta);
		/* the drawing's author, for pairs whose segments carry none */
		if (strcmp(c->meta, "creator") == 0 && c->t.len > 0)
			bx_doc_set_meta(c->doc, bx_buf_str(&c->t), NULL);
		emit(c, "metadata", where, NULL);
		break;
	case M_NONE:
		break;
	}
}

/* XHTML elements that end a line inside a foreignObject. */
static bool
html_block(const char *local)
{
	static const char *const names[] = { "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6",
		"td", "th", "tr", "table", "ul", "ol", "dd", "dt", "pre", "blockquote", "section",
		"body" };

	for (size_t i = 0; i < BX_ARRAY_LEN(names); i++)
		if (strcmp(local, names[i]) == 0)
			return true;
	return false;
}

/* Dublin Core fields with words in them (not format, type, date, identifier). */
static bool
dc_field(const char *local)
{
	static const char *const names[] = { "title", "description", "subject", "creator",
		"contributor", "publisher", "rights" };

	for (size_t i = 0; i < BX_ARRAY_LEN(names); i++)
		if (strcmp(local, names[i]) == 0)
			return true;
	return false;
}

static void
s_start(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a, int n)
{
	struct svg_ctx *c = arg;

	c->depth++;
	if (c->skip || c->status == BILEX_FATAL) {
		c->skip += c->skip > 0;
		return;
	}
	if (strcmp(local, "style") == 0 || strcmp(local, "script") == 0) {
		c->skip = 1; /* CSS and code, whatever namespace they are in */
		return;
	}
	if (is_svg(uri) && (strcmp(local, "image") == 0 || strcmp(local, "feImage") == 0)) {
		for (int i = 0; i < n; i++)
			if (strcmp(a[i].local, "href") == 0) {
				int st = bx_datauri_member(c->doc, &c->du, a[i].value, a[i].len);

				c->status = bx_worst(c->status, st == BILEX_FATAL ? st : BILEX_OK);
			}
		return;
	}
	switch (c->mode) {
	case M_NONE:
		if (is_svg(uri) && (strcmp(local, "text") == 0 || strcmp(local, "flowRoot") == 0)) {
			c->mode = M_TEXT;
			c->texts++;
			token(a, n, "x", "0123456789.eE+-", c->x, sizeof(c->x));
			token(a, n, "y", "0123456789.eE+-", c->y, sizeof(c->y));
			token(a, n, "systemLanguage", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789-", c->lang, sizeof(c->lang));
			if (!c->lang[0])
				token(a, n, "lang", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789-", c->lang, sizeof(c->lang));
		} else if (is_svg(uri) && strcmp(local, "title") == 0) {
			c->mode = M_TITLE;
			c->titles++;
		} else if (is_svg(uri) && strcmp(local, "desc") == 0) {
			c->mode = M_DESC;
			c->descs++;
		} else if (is_svg(uri) && strcmp(local, "foreignObject") == 0) {
			c->mode = M_FOREIGN;
			c->foreigns++;
		} else if (uri && strcmp(uri, NS_DC) == 0 && dc_field(local)) {
			c->mode = M_META;
			snprintf(c->meta, sizeof(c->meta), "%s", local);
		} else {
			return;
		}
		c->mode_depth = c->depth;
		c->block = ++c->blocks;
		c->t.len = 0;
		c->space = false;
		break;
	case M_TEXT:
		/* a piece placed on its own (x, y, dy) or a flowed paragraph is a new line */
		if ((strcmp(local, "tspan") == 0 && (has_attr(a, n, "x") || has_attr(a, n, "y") ||
		    has_attr(a, n, "dy"))) || strcmp(local, "flowPara") == 0 ||
		    strcmp(local, "flowDiv") == 0)
			newline(c);
		break;
	case M_FOREIGN:
		if (strcmp(local, "br") == 0)
			newline(c);
		else if (html_block(local))
			emit_mode(c);
		break;
	default:
		break;
	}
}

static void
s_end(void *arg, const char *local, const char *uri)
{
	struct svg_ctx *c = arg;

	(void)uri;
	c->depth--;
	if (c->skip) {
		c->skip--;
		return;
	}
	if (c->mode == M_NONE || c->status == BILEX_FATAL)
		return;
	if (c->depth + 1 == c->mode_depth) {
		emit_mode(c);
		c->mode = M_NONE;
		c->x[0] = c->y[0] = c->lang[0] = '\0';
	} else if (c->mode == M_FOREIGN && html_block(local)) {
		emit_mode(c);
	}
}

/* Appends bytes; text over the line limit is cut into units of the same place. */
static void
put(struct svg_ctx *c, const char *s, size_t n)
{
	while (n > 0 && c->status != BILEX_FATAL) {
		size_t room = c->t.limit - c->t.len, k = n;

		if (k > room) {
			k = room;
			while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
				k--;
		}
		if (k > 0 && bx_buf_add(&c->t, s, k) != BILEX_OK) {
			c->status = BILEX_FATAL;
			return;
		}
		s += k;
		n -= k;
		if (n > 0)
			emit_mode(c);
	}
}

static void
s_text(void *arg, const char *s, size_t n)
{
	struct svg_ctx *c = arg;

	if (c->mode == M_NONE || c->skip || c->status == BILEX_FATAL)
		return;
	/* SVG collapses white space (xml:space="default"); so does XHTML */
	for (size_t i = 0; i < n;) {
		size_t j = i;

		if (is_space((unsigned char)s[i])) {
			if (!c->space && c->t.len > 0)
				put(c, " ", 1);
			c->space = true;
			i++;
			continue;
		}
		while (j < n && !is_space((unsigned char)s[j]))
			j++;
		put(c, s + i, j - i);
		c->space = false;
		i = j;
	}
}

static int
svg_extract(struct bx_doc *doc, struct bx_input *in)
{
	struct svg_ctx c;
	struct bx_xml_handler h = { &c, s_start, s_end, s_text };
	int st;

	memset(&c, 0, sizeof(c));
	c.doc = doc;
	bx_buf_init(&c.t, (size_t)bx_doc_limit(doc, BILEX_LIMIT_LINE_BYTES) + 16);
	st = bx_xml_parse_mem(doc, in->source, in->data, in->size, BX_XML_NO_DTD, &h);
	/* a parse that ended early (malformed, too deep) keeps the text read up to there */
	if (c.mode != M_NONE && c.status != BILEX_FATAL)
		emit_mode(&c);
	bx_buf_free(&c.t);
	if (c.status == BILEX_FATAL || st == BILEX_FATAL)
		return BILEX_FATAL;
	return bx_worst(st, c.status);
}

const struct bx_extractor bx_svg_extractor = {
	.name = "svg",
	.flags = 0,
	.bid = svg_bid,
	.extract = svg_extract,
};

/*
 * text.c - plain text in any encoding a Chinese or Korean office produces.
 *
 * The charset is chosen once per file from a sample (src/lang/charset.c); the file is then
 * decoded as a stream, so a text file of any size costs one line of memory.  Every line is a
 * unit (`where` = "line N"); blank lines end a block.  Bytes that do not decode are replaced
 * by U+FFFD, counted, and reported in the file record and one `decode` error record: they
 * never abort the file.  The bid, the charset decision and the streamed decoding are shared
 * with csv.c (text-int.h): a table is decoded exactly as a text file is.
 */
#include "text-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf16.h>

#define SNIFF_BYTES 8192
#define CHUNK (64 * 1024)

/* Is a UTF-16 unit something text is made of? */
static bool
texty_unit(unsigned u)
{
	return u == 0x09 || u == 0x0A || u == 0x0D || (u >= 0x20 && u <= 0x7E) ||
	    (u >= 0xA0 && u <= 0x24F) || (u >= 0x2000 && u <= 0x206F) ||
	    (u >= 0x3000 && u <= 0x9FFF) || (u >= 0xAC00 && u <= 0xD7A3) ||
	    (u >= 0xFF00 && u <= 0xFFEF);
}

int
bx_text_bid(struct bx_input *in)
{
	size_t n = in->size < SNIFF_BYTES ? in->size : SNIFF_BYTES;
	const unsigned char *p = in->data;
	size_t nul = 0, ctrl = 0, le = 0, be = 0;

	if (n == 0)
		return BX_BID_NONE;
	if ((n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) ||
	    (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))))
		return BX_BID_FALLBACK;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = p[i];

		if (c == 0)
			nul++;
		else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' &&
		    c != 0x1B && c != 0x1A) || c == 0x7F)
			ctrl++;
	}
	if (nul == 0 && ctrl * 100 <= n)
		return BX_BID_FALLBACK;
	/* UTF-16 without a byte-order mark: nearly every unit is a text character */
	for (size_t i = 0; i + 1 < n; i += 2) {
		le += texty_unit(p[i] | (unsigned)p[i + 1] << 8);
		be += texty_unit((unsigned)p[i] << 8 | p[i + 1]);
	}
	if (n >= 4 && (le * 100 >= (n / 2) * 95 || be * 100 >= (n / 2) * 95))
		return BX_BID_FALLBACK;
	return BX_BID_NONE;
}

struct text_state {
	struct bx_doc *doc;
	const char *label;
	double confidence;
	int64_t line;
	int64_t block;
	bool in_blank;
	char where[48];
	/* decoded text (lines16) */
	int32_t maxline16; /* units of the longest line kept whole */
	int32_t scan;      /* next unit to look at */
	bool prev_cr;      /* the unit before it was a CR (CRLF is one line end) */
};

static bool
blank8(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f' && s[i] != '\v')
			return false;
	return true;
}

static bool
blank16(const UChar *s, int32_t n)
{
	for (int32_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != 0x3000 && s[i] != '\f' && s[i] != 0xFEFF)
			return false;
	return true;
}

/* One line (or a cut piece of an over-long line). */
static int
line_unit(struct text_state *ts, const char *s8, size_t n8, const UChar *s16, int32_t n16,
    bool blank)
{
	struct bx_unit u;

	if (blank) {
		if (!ts->in_blank)
			ts->block++;
		ts->in_blank = true;
		return BILEX_OK;
	}
	ts->in_blank = false;
	bx_unit_init(&u, "body");
	memcpy(ts->where, "line ", 5);
	bx_fmt_i64(ts->where + 5, ts->line);
	u.where = ts->where;
	u.text = s8;
	u.len = n8;
	u.text16 = s16;
	u.len16 = n16;
	u.charset = ts->label;
	u.confidence = ts->confidence;
	u.block = ts->block;
	u.line = ts->line;
	return bx_doc_unit(ts->doc, &u);
}

/* Largest prefix of at most max bytes that does not cut a UTF-8 sequence. */
static size_t
utf8_cut(const char *s, size_t n, size_t max)
{
	size_t k;

	if (n <= max)
		return n;
	k = max;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	return k ? k : max;
}

/* The next byte ch at or after s (end if none), where cur is the one found before (or s, at
 * first): searched again only once s has passed it. */
static const char *
next_end(const char *s, const char *end, const char *cur, int ch)
{
	const char *p;

	if (cur > s || cur == end)
		return cur;
	p = memchr(s, ch, (size_t)(end - s));
	return p ? p : end;
}

static int
extract_utf8(struct text_state *ts, const unsigned char *p, size_t n, size_t maxline)
{
	const char *s = (const char *)p, *end = s + n;
	const char *nl = s, *cr = s; /* the next LF and CR at or after s (or end) */
	int st = BILEX_OK;

	while (s < end && st > BILEX_FATAL) {
		const char *e;
		size_t len;

		/* memchr finds line ends many bytes at a time; each is searched for again only
		 * once passed, so a file of CR-only or LF-only lines stays linear */
		nl = next_end(s, end, nl, '\n');
		cr = next_end(s, end, cr, '\r');
		e = nl < cr ? nl : cr;
		len = (size_t)(e - s);
		ts->line++;
		/* an over-long line is cut into units of the same line number */
		while (len > maxline && st > BILEX_FATAL) {
			size_t k = utf8_cut(s, len, maxline);

			st = bx_worst(st, line_unit(ts, s, k, NULL, 0, false));
			s += k;
			len -= k;
		}
		if (st > BILEX_FATAL)
			st = bx_worst(st, line_unit(ts, s, len, NULL, 0, blank8(s, len)));
		s = e;
		if (s < end && *s++ == '\r' && s < end && *s == '\n')
			s++; /* CRLF is one line end */
	}
	return st;
}

/* Lines of decoded text (a bx_text16_fn): a line is used once it has ended. */
static int
lines16(void *arg, const UChar *buf, int32_t len, bool last, int32_t *used)
{
	struct text_state *ts = arg;
	int32_t scan = ts->scan, start = 0, maxline = ts->maxline16;
	int st = BILEX_OK;

	for (; scan < len && st > BILEX_FATAL; scan++) {
		UChar c = buf[scan];

		/* nearly every unit neither ends a line nor cuts one */
		if (c > 0x0D && c != 0x85 && c != 0x2028 && c != 0x2029 && scan - start < maxline) {
			ts->prev_cr = false;
			continue;
		}
		if (c == '\n' && ts->prev_cr) {
			ts->prev_cr = false;
			start = scan + 1;
			continue;
		}
		ts->prev_cr = c == '\r';
		if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x85) {
			ts->line++;
			st = line_unit(ts, NULL, 0, buf + start, scan - start,
			    blank16(buf + start, scan - start));
			start = scan + 1;
		} else if (scan - start >= maxline && !U16_IS_LEAD(c)) {
			/* cut an over-long line; the rest keeps the same number */
			ts->line++;
			st = line_unit(ts, NULL, 0, buf + start, scan + 1 - start, false);
			ts->line--;
			start = scan + 1;
		}
	}
	if (last && st > BILEX_FATAL && start < len) {
		ts->line++;
		st = line_unit(ts, NULL, 0, buf + start, len - start, blank16(buf + start, len - start));
		start = len;
	}
	/* only the unfinished line comes again */
	*used = start;
	ts->scan = scan - start;
	return st;
}

static int
text_extract(struct bx_doc *doc, struct bx_input *in)
{
	struct bx_charset_choice ch;
	struct text_state ts;
	size_t invalid = 0, maxline;
	int st;

	st = bx_text_charset(doc, in, &ch);
	if (st != BILEX_OK)
		return st;
	memset(&ts, 0, sizeof(ts));
	ts.doc = doc;
	ts.label = ch.label;
	ts.confidence = ch.confidence;
	maxline = (size_t)bx_doc_limit(doc, BILEX_LIMIT_LINE_BYTES);
	if (strcmp(ch.name, "UTF-8") == 0) {
		st = extract_utf8(&ts, in->data + ch.bom, in->size - ch.bom, maxline);
		invalid = (size_t)bx_doc_invalid(doc);
	} else {
		ts.maxline16 = (int32_t)(maxline / 2);
		st = bx_text_decode(doc, &ch, in->data + ch.bom, in->size - ch.bom, ts.maxline16,
		    lines16, &ts, &invalid);
	}
	return bx_text_done(doc, &ch, invalid, st);
}

/* ---- shared with csv.c (text-int.h) ------------------------------------------------------- */

int
bx_text_charset(struct bx_doc *doc, struct bx_input *in, struct bx_charset_choice *ch)
{
	struct bx_lang *L = bx_doc_lang(doc);

	if (L == NULL)
		return BILEX_FATAL;
	if (bx_charset_choose(L, in->data, in->size, in->declared, ch) != BILEX_OK)
		return bx_doc_error(doc, BILEX_FAILED, BILEX_E_DECODE,
		    "no charset decodes these bytes as text");
	/* known before the first slice is flushed: the language stage reads it */
	bx_doc_set_charset(doc, ch->label, ch->confidence, (int64_t)ch->invalid);
	return BILEX_OK;
}

int
bx_text_decode(struct bx_doc *doc, const struct bx_charset_choice *ch, const unsigned char *p,
    size_t n, int32_t keep, bx_text16_fn fn, void *arg, size_t *invalid)
{
	struct bx_decoder *dec;
	UChar *buf = NULL;
	int32_t len = 0, cap = 0;
	size_t off = 0;
	bool last = false;
	int st;

	*invalid = 0;
	if (bx_decoder_open(bx_doc_lang(doc), ch->name, &dec) != BILEX_OK)
		return bx_doc_error(doc, BILEX_FAILED, BILEX_E_UNSUPPORTED, "no converter for %s",
		    ch->name);
	st = BILEX_OK;
	while (!last && st > BILEX_FATAL) {
		size_t k = n - off > CHUNK ? CHUNK : n - off;
		int32_t used = 0;
		int r;

		last = off + k >= n;
		if (bx_decoder_run(dec, p + off, k, last, &buf, &len, &cap, keep + 4 * CHUNK) !=
		    BILEX_OK) {
			st = bx_doc_error(doc, BILEX_FAILED, BILEX_E_DECODE,
			    "decoding failed at byte %zu", off);
			last = true; /* what was decoded before is still text */
		}
		off += k;
		r = fn(arg, buf, len, last, &used);
		if (r == BX_TEXT_STOP)
			break;
		st = bx_worst(st, r);
		if (used > 0) {
			memmove(buf, buf + used, (size_t)(len - used) * sizeof(UChar));
			len -= used;
		}
	}
	*invalid = bx_decoder_invalid(dec);
	bx_decoder_close(dec);
	free(buf);
	return st;
}

int
bx_text_done(struct bx_doc *doc, const struct bx_charset_choice *ch, size_t invalid, int st)
{
	bx_doc_set_charset(doc, ch->label, ch->confidence, (int64_t)invalid);
	if (invalid > 0 && st > BILEX_FATAL)
		st = bx_worst(st, bx_doc_error(doc, BILEX_WARN, BILEX_E_DECODE,
		    "%zu invalid byte sequence%s in %s replaced by U+FFFD", invalid,
		    invalid == 1 ? "" : "s", ch->label));
	return st;
}

const struct bx_extractor bx_text_extractor = {
	.name = "text",
	.flags = BX_EXF_FALLBACK,
	.bid = bx_text_bid,
	.extract = text_extract,
};

/*
 * datauri.c - data: URIs (RFC 2397) of HTML img and SVG image elements become members.
 *
 * A web page or a drawing saved "complete" carries its pictures inline, and a picture of a
 * note is still a note (OCR reads it).  The payload is decoded with nettle's base64 decoder
 * (nettle is linked for SHA-256 already; whitespace inside the payload is skipped, anything
 * else that is not base64 is an error), or percent-decoded when the URI is not ;base64.  The
 * size is checked against the member-bytes limit BEFORE anything is allocated: the decoded
 * size of base64 is known from the length of the text.
 */
#include "datauri.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <nettle/base64.h>

/* File name extension for a media type, so that the member's name says what it is. */
static const char *
extension(const char *type, size_t n)
{
	static const struct {
		const char *type, *ext;
	} map[] = {
		{ "image/png", "png" }, { "image/jpeg", "jpg" }, { "image/jpg", "jpg" },
		{ "image/gif", "gif" }, { "image/webp", "webp" }, { "image/bmp", "bmp" },
		{ "image/tiff", "tif" }, { "image/svg+xml", "svg" }, { "image/x-icon", "ico" },
		{ "image/vnd.microsoft.icon", "ico" }, { "text/plain", "txt" },
		{ "text/html", "html" }, { "application/xml", "xml" }, { "text/xml", "xml" },
	};

	for (size_t i = 0; i < BX_ARRAY_LEN(map); i++)
		if (strlen(map[i].type) == n && strncasecmp(map[i].type, type, n) == 0)
			return map[i].ext;
	return "bin";
}

static int
hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decoding (a data: URI without ;base64): out has room for n bytes. */
static size_t
percent_decode(const char *s, size_t n, unsigned char *out)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
			out[o++] = (unsigned char)(hex(s[i + 1]) << 4 | hex(s[i + 2]));
			i += 2;
		} else {
			out[o++] = (unsigned char)s[i];
		}
	}
	return o;
}

int
bx_datauri_member(struct bx_doc *doc, struct bx_datauri *d, const char *uri, size_t len)
{
	const char *p = uri, *end = uri + len, *comma, *semi;
	size_t tlen, plen, cap, est;
	bool b64 = false;
	char name[48], charset[40];
	unsigned char *buf;
	struct bx_member m;
	int64_t max = bx_doc_limit(doc, BILEX_LIMIT_MEMBER_BYTES);
	int st;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	if (end - p < 5 || strncasecmp(p, "data:", 5) != 0)
		return BILEX_OK;
	p += 5;
	comma = memchr(p, ',', (size_t)(end - p));
	if (comma == NULL)
		return BILEX_OK; /* not a data: URI after all: no payload */
	/* media type up to the first ';', then parameters; ";base64" is the last one */
	semi = memchr(p, ';', (size_t)(comma - p));
	tlen = (size_t)((semi ? semi : comma) - p);
	charset[0] = '\0';
	for (const char *q = semi; q != NULL;) {
		const char *s = q + 1, *e = memchr(s, ';', (size_t)(comma - s));
		size_t k = (size_t)((e ? e : comma) - s);

		if (k == 6 && strncasecmp(s, "base64", 6) == 0)
			b64 = true;
		else if (k > 8 && k < 8 + sizeof(charset) && strncasecmp(s, "charset=", 8) == 0)
			snprintf(charset, sizeof(charset), "%.*s", (int)(k - 8), s + 8);
		q = e;
	}
	plen = (size_t)(end - comma - 1);
	d->n++;
	snprintf(name, sizeof(name), "data-uri-%u.%s", d->n, tlen ? extension(p, tlen) : "txt");
	memset(&m, 0, sizeof(m));
	m.name = name;
	m.declared = charset[0] ? charset : NULL;
	if (d->n > (uint64_t)bx_doc_limit(doc, BILEX_LIMIT_ENTRIES)) {
		if (d->capped)
			return BILEX_WARN;
		d->capped = true;
		return bx_doc_error(doc, BILEX_WARN, BILEX_E_LIMIT_ENTRIES,
		    "more than %lld data: URIs; the rest were not read",
		    (long long)bx_doc_limit(doc, BILEX_LIMIT_ENTRIES));
	}
	/* the decoded size is known from the text (whitespace aside): check before allocating */
	est = b64 ? plen / 4 * 3 : plen;
	if (max >= 0 && est > (uint64_t)max) {
		m.size = est;
		return bx_doc_member_error(doc, &m, BILEX_WARN, BILEX_E_LIMIT_BYTES,
		    "data: URI of about %zu bytes exceeds the member-bytes limit of %lld", est,
		    (long long)max);
	}
	cap = b64 ? BASE64_DECODE_LENGTH(plen) : plen;
	buf = malloc(cap ? cap : 1);
	if (buf == NULL)
		return bx_fail(bx_doc_ctx(doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	if (b64) {
		struct base64_decode_ctx b;
		size_t out = 0;

		base64_decode_init(&b);
		if (!base64_decode_update(&b, &out, buf, plen, comma + 1) ||
		    !base64_decode_final(&b)) {
			free(buf);
			m.size = plen;
			return bx_doc_member_error(doc, &m, BILEX_WARN, BILEX_E_CORRUPT,
			    "data: URI whose payload is not base64");
		}
		m.size = out;
	} else {
		m.size = percent_decode(comma + 1, plen, buf);
	}
	if (max >= 0 && m.size > (uint64_t)max) {
		free(buf);
		return bx_doc_member_error(doc, &m, BILEX_WARN, BILEX_E_LIMIT_BYTES,
		    "data: URI of %zu bytes exceeds the member-bytes limit of %lld", m.size,
		    (long long)max);
	}
	m.data = buf;
	st = bx_doc_member(doc, &m);
	free(buf);
	return st;
}

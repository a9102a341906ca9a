/*
 * xmlsax.c - the one XML profile of bilex: streaming SAX2 with nothing loaded from outside.
 *
 * - A deny-all external entity loader and no catalogs, set once for the process before any
 *   parse (XML_PARSE_NONET alone is not an XXE defence: file:// is still read).
 * - The options are exactly those of xmlCtxtUseOptions below: no entity substitution, no DTD
 *   loading, defaulting or validation, no inclusion of other documents, and libxml2's own
 *   size limits stay on.
 * - Formats whose specification forbids a DTD (OOXML, ODF, HWPX, SVG) stop at the DOCTYPE:
 *   the internalSubset callback calls xmlStopParser before the subset is read.  Generic XML
 *   stops at the first entity declaration.  Both are `dtd-rejected`.
 * - Parts are pushed in 64 KiB chunks (from memory or straight from zip_fread), so a 500 MB
 *   part never sits in memory whole; element depth is counted here.
 */
#include "xmlsax.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#define CHUNK (64 * 1024)

static xmlParserInputPtr
deny_all(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void
silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
init_once(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(deny_all);
	xmlCatalogSetDefaults(XML_CATA_ALLOW_NONE);
	xmlSetGenericErrorFunc(NULL, silent);
}

void
bx_xml_init(void)
{
	pthread_once(&once, init_once);
}

struct sax_state {
	struct bx_doc *doc;
	const struct bx_xml_handler *h;
	xmlParserCtxtPtr ctxt;
	unsigned flags;
	int depth, max_depth;
	bilex_code stop;      /* why we stopped the parser */
	char stop_msg[128];
	int errors;
	char first_error[200];
};

static void
stop(struct sax_state *s, bilex_code code, const char *msg)
{
	if (s->stop == BILEX_E_NONE) {
		s->stop = code;
		snprintf(s->stop_msg, sizeof(s->stop_msg), "%s", msg);
	}
	xmlStopParser(s->ctxt);
}

static void
on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nns,
    const xmlChar **ns, int nattrs, int ndefaulted, const xmlChar **attrs)
{
	struct sax_state *s = ctx;
	struct bx_xml_attr a[64];
	int n = 0;

	(void)prefix;
	(void)nns;
	(void)ns;
	(void)ndefaulted;
	if (s->stop)
		return;
	if (++s->depth > s->max_depth) {
		stop(s, BILEX_E_LIMIT_DEPTH, "element nesting deeper than the xml-depth limit");
		return;
	}
	/* attributes come as (local, prefix, uri, value, end) quintuples */
	for (int i = 0; i < nattrs && n < 64; i++) {
		a[n].local = (const char *)attrs[5 * i];
		a[n].uri = (const char *)attrs[5 * i + 2];
		a[n].value = (const char *)attrs[5 * i + 3];
		a[n].len = (size_t)(attrs[5 * i + 4] - attrs[5 * i + 3]);
		n++;
	}
	if (s->h->start)
		s->h->start(s->h->arg, (const char *)local, (const char *)uri, a, n);
}

static void
on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
	struct sax_state *s = ctx;

	(void)prefix;
	if (s->stop)
		return;
	s->depth--;
	if (s->h->end)
		s->h->end(s->h->arg, (const char *)local, (const char *)uri);
}

static void
on_text(void *ctx, const xmlChar *ch, int len)
{
	struct sax_state *s = ctx;

	if (!s->stop && s->h->text && len > 0)
		s->h->text(s->h->arg, (const char *)ch, (size_t)len);
}

static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
	struct sax_state *s = ctx;

	(void)name;
	(void)ext;
	(void)sys;
	if (s->flags & BX_XML_NO_DTD)
		stop(s, BILEX_E_DTD_REJECTED, "DOCTYPE in a format that forbids it");
}

static void
on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *pub, const xmlChar *sys,
    xmlChar *content)
{
	struct sax_state *s = ctx;

	(void)name;
	(void)type;
	(void)pub;
	(void)sys;
	(void)content;
	stop(s, BILEX_E_DTD_REJECTED, "entity declaration (entities are never expanded)");
}

static xmlEntityPtr
on_get_entity(void *ctx, const xmlChar *name)
{
	(void)ctx;
	(void)name;
	return NULL; /* only the five predefined entities exist for us */
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	struct sax_state *s = ctx;

	if (e == NULL || e->level < XML_ERR_ERROR)
		return;
	if (s->errors++ == 0) {
		size_t n;

		snprintf(s->first_error, sizeof(s->first_error), "line %d: %s", e->line,
		    e->message ? e->message : "error");
		/* libxml2 ends its messages with a newline */
		n = strlen(s->first_error);
		while (n > 0 && (s->first_error[n - 1] == '\n' || s->first_error[n - 1] == ' '))
			s->first_error[--n] = '\0';
	}
}

static void
setup(xmlSAXHandler *sax)
{
	memset(sax, 0, sizeof(*sax));
	sax->initialized = XML_SAX2_MAGIC;
	sax->startElementNs = on_start;
	sax->endElementNs = on_end;
	sax->characters = on_text;
	sax->cdataBlock = on_text;
	sax->internalSubset = on_doctype;
	sax->entityDecl = on_entity_decl;
	sax->getEntity = on_get_entity;
	sax->getParameterEntity = on_get_entity;
	sax->serror = on_error;
}

/* Feeds chunks from `next` until it returns 0; reports the outcome as records. */
static int
run(struct bx_doc *doc, const char *url, unsigned flags, const struct bx_xml_handler *h,
    int64_t (*next)(void *src, char *buf, size_t cap), void *src)
{
	xmlSAXHandler sax;
	struct sax_state s;
	char *buf;
	int64_t n;
	int st = BILEX_OK;
	bool failed_read = false;

	bx_xml_init();
	setup(&sax);
	memset(&s, 0, sizeof(s));
	s.doc = doc;
	s.h = h;
	s.flags = flags;
	s.max_depth = (int)bx_doc_limit(doc, BILEX_LIMIT_XML_DEPTH);
	buf = malloc(CHUNK);
	if (buf == NULL)
		return bx_fail(bx_doc_ctx(doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	n = next(src, buf, CHUNK);
	if (n < 0) {
		free(buf);
		return BILEX_FAILED;
	}
	/* the first chunk lets libxml2 see the encoding declaration */
	s.ctxt = xmlCreatePushParserCtxt(&sax, &s, buf, (int)(n > 4 ? 4 : n), url);
	if (s.ctxt == NULL) {
		free(buf);
		return bx_fail(bx_doc_ctx(doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	xmlCtxtUseOptions(s.ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
	s.ctxt->replaceEntities = 0;
	if (n > 4)
		xmlParseChunk(s.ctxt, buf + 4, (int)(n - 4), 0);
	while (!s.stop && !s.ctxt->disableSAX && n > 0) {
		n = next(src, buf, CHUNK);
		if (n < 0) {
			failed_read = true;
			break;
		}
		xmlParseChunk(s.ctxt, buf, (int)n, n == 0);
	}
	if (s.stop != BILEX_E_NONE)
		st = bx_doc_error(doc, BILEX_FAILED, s.stop, "%s", s.stop_msg);
	else if (failed_read)
		st = BILEX_FAILED; /* the reader already wrote the record */
	else if (!s.ctxt->wellFormed || s.errors)
		st = bx_doc_error(doc, BILEX_WARN, BILEX_E_CORRUPT, "malformed XML (%s): text up to "
		    "the error was kept", s.first_error[0] ? s.first_error : "not well-formed");
	/* an entity declaration makes libxml2 build a "SAX compatibility" document to hold it
	 * (xmlParseEntityDecl); the context does not own it */
	if (s.ctxt->myDoc)
		xmlFreeDoc(s.ctxt->myDoc);
	xmlFreeParserCtxt(s.ctxt);
	free(buf);
	return st;
}

struct mem_src {
	const char *p;
	size_t n, off;
};

static int64_t
mem_next(void *arg, char *buf, size_t cap)
{
	struct mem_src *m = arg;
	size_t k = m->n - m->off < cap ? m->n - m->off : cap;

	/* an empty packet may come with no buffer at all (an iTXt XMP that inflates to
	 * nothing, found by fuzzing): NULL + 0 is undefined */
	if (k == 0)
		return 0;
	memcpy(buf, m->p + m->off, k);
	m->off += k;
	return (int64_t)k;
}

int
bx_xml_parse_mem(struct bx_doc *doc, const char *url, const void *data, size_t n, unsigned flags,
    const struct bx_xml_handler *h)
{
	struct mem_src m = { data, n, 0 };

	if (n > INT32_MAX)
		return bx_doc_error(doc, BILEX_FAILED, BILEX_E_LIMIT_BYTES, "XML part over 2 GiB");
	return run(doc, url, flags, h, mem_next, &m);
}

static int64_t
zip_next(void *arg, char *buf, size_t cap)
{
	return bx_zips_read(arg, buf, cap);
}

int
bx_xml_parse_zip(struct bx_doc *doc, struct bx_zipr *zr, uint64_t idx, const char *url,
    unsigned flags, const struct bx_xml_handler *h, char sha256[65], uint64_t *size)
{
	struct bx_zips *s;
	int st = bx_zips_open(zr, idx, &s);

	if (sha256)
		sha256[0] = '\0';
	if (size)
		*size = 0;
	if (st != BILEX_OK)
		return st;
	st = run(doc, url, flags, h, zip_next, s);
	if (sha256) {
		uint64_t n = bx_zips_digest(s, sha256);

		if (size)
			*size = n;
	}
	bx_zips_close(s);
	return st;
}

const char *
bx_xml_attr(const struct bx_xml_attr *a, int n, const char *local, char *buf, size_t len)
{
	for (int i = 0; i < n; i++)
		if (strcmp(a[i].local, local) == 0) {
			size_t k = a[i].len < len - 1 ? a[i].len : len - 1;

			memcpy(buf, a[i].value, k);
			buf[k] = '\0';
			return buf;
		}
	return NULL;
}

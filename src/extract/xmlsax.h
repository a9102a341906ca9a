/*
 * xmlsax.h - streaming XML for the document extractors (xmlsax.c).
 */
#ifndef BX_XMLSAX_H
#define BX_XMLSAX_H

#include "extract.h"
#include "zip-int.h"

struct bx_xml_attr {
	const char *local, *uri;
	const char *value; /* not NUL-terminated */
	size_t len;
};

struct bx_xml_handler {
	void *arg;
	void (*start)(void *arg, const char *local, const char *uri, const struct bx_xml_attr *a,
	    int n);
	void (*end)(void *arg, const char *local, const char *uri);
	void (*text)(void *arg, const char *s, size_t len);
};

enum {
	BX_XML_NO_DTD = 1u << 0 /* a DOCTYPE is dtd-rejected (OOXML, ODF, HWPX, SVG) */
};

/* Sets the deny-all entity loader and the catalog policy, once per process. */
void bx_xml_init(void);

/* Parses a document; records `dtd-rejected`, `limit-depth`, `corrupt` as they happen.  Returns
 * BILEX_OK, BILEX_WARN (malformed, text up to the error kept) or BILEX_FAILED. */
int bx_xml_parse_mem(struct bx_doc *doc, const char *url, const void *data, size_t n,
    unsigned flags, const struct bx_xml_handler *h);
/* Streams member idx of a ZIP; sha256/size (may be NULL) receive the part's digest. */
int bx_xml_parse_zip(struct bx_doc *doc, struct bx_zipr *zr, uint64_t idx, const char *url,
    unsigned flags, const struct bx_xml_handler *h, char sha256[65], uint64_t *size);

/* The value of attribute LOCAL copied into buf, or NULL. */
const char *bx_xml_attr(const struct bx_xml_attr *a, int n, const char *local, char *buf,
    size_t len);

/* Namespaces the extractors match on. */
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_W14 "http://schemas.microsoft.com/office/word/2010/wordml"
#define NS_W15 "http://schemas.microsoft.com/office/word/2012/wordml"
#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define NS_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_S "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_P "http://schemas.openxmlformats.org/presentationml/2006/main"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS "http://purl.org/dc/terms/"
#define NS_CP "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"

#endif

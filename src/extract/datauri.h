/*
 * datauri.h - pictures embedded as data: URIs (HTML img, SVG image), handed back to the
 * registry as members so that they are sniffed and read (OCR) like any other image.
 */
#ifndef BX_DATAURI_H
#define BX_DATAURI_H

#include "extract.h"

struct bx_datauri {
	unsigned n;    /* data: URIs handed back so far (names data-uri-1.png, ...) */
	bool capped;   /* the entries limit was reached and recorded */
};

/* When uri[0..len) is a data: URI, decodes it (base64 or percent-encoding) and hands it back
 * as member data-uri-N.EXT; a decoded size over the member-bytes limit or a malformed payload
 * is an error record about that member.  Anything else is ignored.  Returns a status of the
 * ladder (BILEX_FATAL only when the run must stop). */
int bx_datauri_member(struct bx_doc *doc, struct bx_datauri *d, const char *uri, size_t len);

#endif

/*
 * ooxml-int.h - the package layer shared by the Word, Excel and PowerPoint parts of the OOXML
 * extractor (ooxml.c, ooxml-word.c, ooxml-sheet.c, ooxml-slide.c).
 */
#ifndef BX_OOXML_INT_H
#define BX_OOXML_INT_H

#include "extract.h"
#include "xmlsax.h"
#include "zip-int.h"

struct ox_rel {
	char *id, *type, *target; /* target resolved to a part name, or the raw URL if external */
	bool external;
};

struct ox_rels {
	struct ox_rel *v;
	size_t n;
};

struct ox_pkg {
	struct bx_doc *doc;
	struct bx_input *in;
	struct bx_zipr *zr;
	char *main;               /* main part, from _rels/.rels */
	int status;               /* worst status so far */
};

#define OX_REL_OFFICE "/officeDocument"
#define OX_REL_COMMENTS "/comments"

/* Relationships of PART (PART's folder/_rels/NAME.rels; "" for the package). */
int ox_rels_load(struct ox_pkg *p, const char *part, struct ox_rels *out);
void ox_rels_free(struct ox_rels *r);
/* The nth relationship whose Type ends with SUFFIX, or NULL. */
const struct ox_rel *ox_rels_type(const struct ox_rels *r, const char *suffix, size_t nth);
const struct ox_rel *ox_rels_id(const struct ox_rels *r, const char *id);

/* Streams part NAME through H as a part of the document (its own file record); a missing
 * part is BILEX_OK with *found = false. */
int ox_parse_part(struct ox_pkg *p, const char *name, const struct bx_xml_handler *h,
    bool *found);

/* Text collected between events, capped. */
struct ox_text {
	struct bx_buf b;
};
void ox_text_init(struct ox_text *t);
void ox_text_free(struct ox_text *t);
void ox_text_add(struct ox_text *t, const char *s, size_t n);
void ox_text_reset(struct ox_text *t);

/* Parses a cell reference ("B7"): column and row, 1-based; false if malformed. */
bool ox_cell_ref(const char *ref, long *col, long *row);

int ox_word(struct ox_pkg *p);
int ox_sheet(struct ox_pkg *p);
int ox_slide(struct ox_pkg *p);

#endif

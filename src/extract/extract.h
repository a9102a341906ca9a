/*
 * extract.h - the extractor interface: one file per format, one const struct each.
 *
 * Bid scale (docs/EXTRACTORS.md): 0 = not mine; 1 = fallback (plain text); otherwise the
 * number of signature bits actually checked, so the more specific test wins (a ZIP whose
 * central directory holds [Content_Types].xml outbids plain ZIP).  Bids look at bytes, not at
 * names; the one exception is tables (csv.c), which have no signature: text named .csv or .tsv.
 *
 * An extractor turns its input into units of text (struct bx_unit) and hands embedded files
 * back to the registry as members (bx_doc_member), which are sniffed and extracted at depth+1.
 */
#ifndef BX_EXTRACT_H
#define BX_EXTRACT_H

#include "../core/bx.h"

#include <unicode/utypes.h>

#define BX_BID_NONE 0
#define BX_BID_FALLBACK 1

enum {
	BX_EXF_CONTAINER = 1u << 0, /* hands members back to the registry */
	BX_EXF_SLOW = 1u << 1,      /* OCR and the like */
	BX_EXF_FALLBACK = 1u << 2   /* bids at most BX_BID_FALLBACK */
};

struct bx_doc;
struct bx_zipdir;

/* One thing to extract: a top-level file or a member, always as bytes in memory (top-level
 * files are mapped read-only). */
struct bx_input {
	const struct bx_input *parent; /* NULL for a top-level file */
	const char *source;            /* path chain: dump/a.zip!b/c.docx */
	const char *name;              /* last component, UTF-8 */
	const char *file;              /* top-level file */
	const unsigned char *data;
	size_t size;
	int depth;                     /* 0 for a top-level file */
	char sha256[65];
	const char *mtime;             /* ISO 8601, or NULL */
	const char *declared;          /* charset or content type a container declared, or NULL */
	const char *name_charset;      /* member name decoding, for the file record */
	double name_confidence;
	/* sniff cache: the ZIP central directory, read once for all bidders (zipdir.c) */
	struct bx_zipdir *zipdir;
	bool zipdir_done;
};

struct bx_extractor {
	const char *name;   /* also the default `format` of its records */
	unsigned flags;
	int (*bid)(struct bx_input *in);
	/* Returns a status of the ladder; errors it met are already error records. */
	int (*extract)(struct bx_doc *doc, struct bx_input *in);
};

/* The registry (registry.c). */
const struct bx_extractor *const *bx_registry(void);
const struct bx_extractor *bx_sniff(struct bx_input *in, int *bid);

/* ---- units of text ---------------------------------------------------------------------- */
enum {
	BX_UNIT_WHOLE = 1u << 0,   /* do not cut sentences (names, titles, cells) */
	BX_UNIT_ATTACHED = 1u << 1 /* belongs to the unit before it for layout (a tracked change,
	                              an alt text): it does not push its neighbours apart */
};

struct bx_unit {
	const char *kind;         /* body, heading, cell, comment, ... (a static string) */
	const char *where;        /* human-readable place, copied */
	const char *text;         /* UTF-8 (invalid sequences are replaced and counted) */
	size_t len;
	const UChar *text16;      /* or UTF-16, when text is NULL */
	int32_t len16;
	const char *author;
	const char *date;         /* ISO 8601 */
	const char *charset;      /* where decoded from bytes */
	double confidence;        /* charset or OCR confidence, < 0 when none */
	int64_t block;            /* layout unit: paragraph, cell, box; -1 for none */
	int64_t line;             /* line or row, for adjacency; -1 for none */
	int64_t col;              /* column of a cell; -1 for none */
	const char *ref;          /* this unit's own id in the document (a comment id) */
	const char *parent_ref;   /* the ref this unit answers (a reply) */
	const char *anchor_text;  /* text a comment is anchored on */
	const char *extra;        /* JSON object with format-specific facts */
	int box[4];               /* x, y, w, h when has_box */
	bool has_box;
	const unsigned char *crop; /* PNG of the region (OCR lines, BILEX_FLAG_CROPS), copied */
	size_t crop_len;
	unsigned flags;
};

/* A unit with everything unknown; set what you know. */
void bx_unit_init(struct bx_unit *u, const char *kind);

int bx_doc_unit(struct bx_doc *doc, const struct bx_unit *u);

/* ---- documents ------------------------------------------------------------------------------ */
bilex_ctx *bx_doc_ctx(const struct bx_doc *doc);
int64_t bx_doc_limit(const struct bx_doc *doc, bilex_limit which);
bool bx_doc_flag(const struct bx_doc *doc, bilex_flag which);
/* The format written into records (default: the extractor's name). */
void bx_doc_set_format(struct bx_doc *doc, const char *format);
/* Charset facts for the file record. */
void bx_doc_set_charset(struct bx_doc *doc, const char *label, double confidence,
    int64_t invalid);
/* Invalid UTF-8 sequences replaced in the units so far. */
int64_t bx_doc_invalid(const struct bx_doc *doc);
/* Default author and date of the document (from its metadata), used for pairs whose segments
 * carry none. */
void bx_doc_set_meta(struct bx_doc *doc, const char *author, const char *date);

/* Parts of a document (word/comments.xml inside a .docx): segments get the part's source and
 * hash, and each part examined gets its own file record. */
int bx_doc_part_begin(struct bx_doc *doc, const char *name);
/* sha256 (hex) and size of the part as read, for its file record (NULL when unknown). */
int bx_doc_part_end(struct bx_doc *doc, int status, const char *sha256, uint64_t size);

/* An error record for the document (or its current part).  Returns `status`. */
int bx_doc_error(struct bx_doc *doc, int status, bilex_code code, const char *fmt, ...)
    BX_PRINTF(4, 5);

/* Embedded files go back to the registry. */
struct bx_member {
	const char *name;          /* UTF-8 member name (decoded by the container) */
	const void *data;
	size_t size;
	const char *mtime;         /* ISO 8601 or NULL */
	const char *declared;      /* content type or charset hint, or NULL */
	const char *name_charset;
	double name_confidence;
};
int bx_doc_member(struct bx_doc *doc, const struct bx_member *m);
/* The same for bytes a reader already charged to the budget (bx_zipr_read does). */
int bx_doc_member_nocharge(struct bx_doc *doc, const struct bx_member *m);
/* An error about a member that could not be read (encrypted, too big): a file record with
 * status error and an error record, so the member is on record. */
int bx_doc_member_error(struct bx_doc *doc, const struct bx_member *m, int status,
    bilex_code code, const char *fmt, ...) BX_PRINTF(5, 6);

/* Budget of expanded bytes per top-level input.  BILEX_FAILED (and an error record) when n
 * more bytes would exceed it. */
int bx_doc_charge(struct bx_doc *doc, uint64_t n);
/* Bytes still allowed by the budget. */
uint64_t bx_doc_budget_left(const struct bx_doc *doc);

/* The language stage of the context (opened on first use). */
struct bx_lang *bx_doc_lang(struct bx_doc *doc);

#endif /* BX_EXTRACT_H */

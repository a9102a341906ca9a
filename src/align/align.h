/*
 * align.h - pairing Chinese segments with their Korean translations.
 */
#ifndef BX_ALIGN_H
#define BX_ALIGN_H

#include "../core/bx.h"

struct bx_lang;
struct bx_align;

/* A segment as the aligner sees it. */
struct bx_aseg {
	const char *text;
	size_t len;
	int lang;              /* enum bx_lang_id */
	const char *kind;
	int64_t unit;          /* index of the unit (line, paragraph, cell, box) in the document */
	int64_t lunit;         /* layout position: a unit attached to another (a tracked change
	                          after its paragraph) shares that unit's position */
	int64_t block;         /* layout unit, -1 none */
	int64_t line;          /* line or row, -1 none */
	int64_t col;           /* column, -1 none */
	int sentence, run;     /* position inside the unit */
	int part;              /* index of the document part (body, comments, ...) */
	const char *ref;       /* own id (comment id) */
	const char *parent_ref;/* id this unit answers */
	bool has_box;
	int box[4];
	bool nopair;           /* never aligned (names of people in metadata) */
};

/* A unit of the alignment: zh[0..nzh) with ko[0..nko) (indexes into the segment array). */
#define BX_ALIGN_MAXN 8
struct bx_apair {
	size_t zh[BX_ALIGN_MAXN], ko[BX_ALIGN_MAXN];
	int nzh, nko;
	double score;
	const char *method;
	char signals[1024];    /* JSON object (every signal named: about 700 bytes at most) */
};

int bx_align_open(struct bx_align **out, struct bx_lang *L, const char *langdata_dir,
    const char *glossary, char *err, size_t errlen);
void bx_align_close(struct bx_align *A);

enum {
	BX_ALIGN_BIPARTITE = 1u << 0 /* order is unreliable (OCR boxes) */
};

/* Aligns the segments of one document (NAME is its path chain, for diagnostics).  *out is
 * malloc'ed (caller frees); *nout pairs. */
int bx_align_doc(struct bx_align *A, const char *name, const struct bx_aseg *const *segs,
    size_t n, unsigned flags, struct bx_apair **out, size_t *nout);

/* Aligns two sibling documents (zh side a, ko side b) as one document pair.  Indexes in the
 * pairs address a and b as one array: ko indexes start at na. */
int bx_align_files(struct bx_align *A, const char *name, const struct bx_aseg *const *a,
    size_t na,
    const struct bx_aseg *const *b, size_t nb, struct bx_apair **out, size_t *nout);

#endif

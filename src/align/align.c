/*
 * align.c - first pairing: a zh segment followed by a ko segment on the same or the next line.
 */
#include "align.h"
#include "../lang/lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bx_align {
	struct bx_lang *L;
};

int
bx_align_open(struct bx_align **out, struct bx_lang *L, const char *langdata_dir,
    const char *glossary, char *err, size_t errlen)
{
	struct bx_align *A = calloc(1, sizeof(*A));

	(void)langdata_dir;
	(void)glossary;
	*out = NULL;
	if (A == NULL) {
		snprintf(err, errlen, "out of memory");
		return BILEX_FATAL;
	}
	A->L = L;
	*out = A;
	return BILEX_OK;
}

void
bx_align_close(struct bx_align *A)
{
	free(A);
}

int
bx_align_doc(struct bx_align *A, const struct bx_aseg *const *s, size_t n, unsigned flags,
    struct bx_apair **out, size_t *nout)
{
	struct bx_apair *p = NULL;
	size_t np = 0;

	(void)A;
	(void)flags;
	*out = NULL;
	*nout = 0;
	for (size_t i = 0; i + 1 < n; i++) {
		const struct bx_aseg *z = s[i], *k = s[i + 1];
		bool same = z->unit == k->unit;

		if (z->lang != BX_LANG_ZH || k->lang != BX_LANG_KO)
			continue;
		if (!same && !(z->line >= 0 && k->line == z->line + 1) && k->unit != z->unit + 1)
			continue;
		if (p == NULL && (p = calloc(n, sizeof(*p))) == NULL)
			return BILEX_FATAL;
		p[np].zh[0] = i;
		p[np].ko[0] = i + 1;
		p[np].nzh = p[np].nko = 1;
		p[np].score = same ? 0.6 : 0.5;
		p[np].method = "adjacent";
		snprintf(p[np].signals, sizeof(p[np].signals), "{\"layout\":%s}",
		    same ? "\"same-line\"" : "\"next-line\"");
		np++;
		i++;
	}
	*out = p;
	*nout = np;
	return BILEX_OK;
}

int
bx_align_files(struct bx_align *A, const struct bx_aseg *const *a, size_t na,
    const struct bx_aseg *const *b, size_t nb, struct bx_apair **out, size_t *nout)
{
	(void)A;
	(void)a;
	(void)na;
	(void)b;
	(void)nb;
	*out = NULL;
	*nout = 0;
	return BILEX_OK;
}

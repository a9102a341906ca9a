/*
 * lang.c - opening and closing the language stage.
 */
#include "lang-int.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uclean.h>

int
bx_lang_open(struct bx_lang **out, const char *langdata_dir, char *err, size_t errlen)
{
	struct bx_lang *L;
	UErrorCode e = U_ZERO_ERROR;
	int st;

	*out = NULL;
	L = calloc(1, sizeof(*L));
	if (L == NULL) {
		snprintf(err, errlen, "out of memory");
		return BILEX_FATAL;
	}
	L->nfc = unorm2_getNFCInstance(&e);
	if (U_FAILURE(e)) {
		snprintf(err, errlen, "ICU NFC data: %s", u_errorName(e));
		bx_lang_close(L);
		return BILEX_FAILED;
	}
	L->sent = ubrk_open(UBRK_SENTENCE, "", NULL, 0, &e);
	if (U_FAILURE(e)) {
		/* without sentence data, units are cut at lines and scripts only */
		L->sent = NULL;
	}
	st = bx_lang_build_common(L, err, errlen);
	if (st == BILEX_OK)
		st = bx_lang_load_variants(L, langdata_dir, err, errlen);
	if (st == BILEX_OK)
		st = bx_lang_load_markers(L, langdata_dir, err, errlen);
	if (st != BILEX_OK) {
		bx_lang_close(L);
		return st;
	}
	*out = L;
	return BILEX_OK;
}

void
bx_lang_close(struct bx_lang *L)
{
	if (L == NULL)
		return;
	if (L->sent)
		ubrk_close(L->sent);
	bx_lang_free_markers(L);
	free(L->in16);
	free(L->u16);
	free(L->nfc16);
	free(L->u8);
	free(L);
}

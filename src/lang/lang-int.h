/*
 * lang-int.h - state shared by the files of src/lang (not used outside it).
 */
#ifndef BX_LANG_INT_H
#define BX_LANG_INT_H

#include "lang.h"

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>

struct bx_ko_marker;

struct bx_lang {
	const UNormalizer2 *nfc;
	UBreakIterator *sent;

	/* Characters of the first level of the national standards, built from ICU's own
	 * converters at open: a decoding that yields them is more plausible than one that yields
	 * rare characters, which is how CP949 read as GB18030 gives itself away. */
	struct bx_bmpset common_hans;    /* GB 2312 level 1 (3755) */
	struct bx_bmpset common_hant;    /* Big5 level 1 (5401) */
	struct bx_bmpset common_hangul;  /* KS X 1001 syllables (2350) */
	struct bx_bmpset common_kanji;   /* JIS X 0208 level 1 (2965) */

	/* the most frequent characters of running Chinese and Korean (charset.c) */
	struct bx_bmpset fn_zh, fn_ko;

	/* Han variants from langdata/han-variants.tsv */
	struct bx_bmpset simp_only, trad_only;

	/* Korean spelling markers from langdata/ko-variant.tsv */
	struct bx_ko_marker *markers;
	size_t nmarkers;
	struct bx_bmpset marker_first; /* first code points of the markers: a quick reject */
	struct bx_bmpset marker_one;   /* ... of the markers of one code point */
	struct bx_bmpset marker_pair;  /* first two code points of the others, hashed */

	/* scratch, reused for every unit (a context is used by one thread at a time) */
	UChar *in16; /* UTF-8 input converted (bx_lang_split8) */
	int32_t in16cap;
	UChar *u16;
	int32_t u16cap;
	UChar *nfc16;
	int32_t nfc16cap;
	char *u8;
	int32_t u8cap;
};

/* Grows a scratch UTF-16 buffer to at least n units.  BILEX_FATAL on OOM. */
int bx_lang_grow16(UChar **buf, int32_t *cap, int32_t n);
int bx_lang_grow8(char **buf, int32_t *cap, int32_t n);

/* Loaders used by bx_lang_open (variant.c). */
int bx_lang_load_variants(struct bx_lang *L, const char *dir, char *err, size_t errlen);
int bx_lang_load_markers(struct bx_lang *L, const char *dir, char *err, size_t errlen);
void bx_lang_free_markers(struct bx_lang *L);

/* Builds the common-character sets (charset.c). */
int bx_lang_build_common(struct bx_lang *L, char *err, size_t errlen);

#endif

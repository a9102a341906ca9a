/*
 * lang.h - the language stage: charset decisions, NFC, script runs, zh/ko/ja labels,
 * Hans/Hant and North/South Korean spelling.
 */
#ifndef BX_LANG_H
#define BX_LANG_H

#include "../core/bx.h"

#include <unicode/utypes.h>

enum bx_lang_id {
	BX_LANG_OTHER = 0,
	BX_LANG_ZH,
	BX_LANG_KO,
	BX_LANG_JA,
	BX_LANG_EN,
	BX_LANG_COUNT
};

const char *bx_lang_name(int lang);

struct bx_lang;

/* Opens ICU objects and loads the tables from langdata_dir.  On failure writes a message to
 * err and returns BILEX_FAILED (missing data) or BILEX_FATAL (out of memory). */
int bx_lang_open(struct bx_lang **out, const char *langdata_dir, char *err, size_t errlen);
void bx_lang_close(struct bx_lang *L);

/* ---- splitting text into segments ----------------------------------------------------------
 * A unit of text (a line, a paragraph, a cell) is normalised (NFC, invisible format characters
 * and controls removed), cut into sentences where it holds several, and each sentence into
 * script runs: a Han run followed by a Hangul run gives a zh and a ko piece. */
struct bx_piece {
	const char *text;   /* UTF-8, NFC, trimmed; valid until the callback returns */
	size_t len;
	int lang;           /* enum bx_lang_id */
	const char *script; /* ISO 15924 code: Hani, Hang, Kore, Jpan, Latn, Zyyy, ... */
	int sentence;       /* sentence index inside the unit, from 0 */
	int run;            /* piece index inside the unit, from 0 */
	uint32_t han, hangul, kana, latin, digits; /* letters counted in the piece */
	uint32_t simp, trad;   /* simplified-only and traditional-only hanzi */
};

typedef int (*bx_piece_fn)(void *arg, const struct bx_piece *p);

#define BX_SPLIT_WHOLE 1u /* do not cut sentences (names, titles) */

/* UTF-8 in (invalid sequences become U+FFFD and are counted in *invalid when not NULL). */
int bx_lang_split8(struct bx_lang *L, const char *s, size_t n, unsigned flags, bx_piece_fn fn,
    void *arg, size_t *invalid);
/* UTF-16 in. */
int bx_lang_split16(struct bx_lang *L, const UChar *s, int32_t n, unsigned flags, bx_piece_fn fn,
    void *arg);

/* ---- variants -------------------------------------------------------------------------------- */
/* Counts simplified-only and traditional-only characters of a UTF-8 text. */
void bx_zh_variant_counts(const struct bx_lang *L, const char *s, size_t n, unsigned *simp,
    unsigned *trad);
/* "Hans" or "Hant"; ties go to dflt. */
const char *bx_zh_variant(const struct bx_lang *L, const char *s, size_t n, const char *dflt);

/* Korean spelling markers.  Writes "kind:form" items separated by ';' into ev (empty when
 * none) and returns the number of North Korean markers found; *kr receives the number of
 * South-only markers. */
int bx_ko_markers(const struct bx_lang *L, const char *s, size_t n, struct bx_buf *ev,
    unsigned *kr);

/* ---- charsets -------------------------------------------------------------------------------- */
struct bx_charset_choice {
	char name[40];      /* ICU converter name: UTF-8, windows-949, GB18030, ... */
	char label[40];     /* what records say: UTF-8, CP949, GBK, GB18030, Big5, ... */
	double confidence;  /* 0..1 */
	size_t bom;         /* bytes of byte-order mark to skip */
	size_t invalid;     /* substitutions in the sample */
};

/* Chooses the decoding of a byte sample (at most 64 KiB are examined): BOM, then the declared
 * charset if it decodes cleanly, strict UTF-8, then ICU's detector and the CJK supersets,
 * keeping the fewest substitutions and the most plausible mix of scripts.  Returns BILEX_OK,
 * or BILEX_FAILED when the bytes are not text in any candidate. */
int bx_charset_choose(struct bx_lang *L, const unsigned char *p, size_t n, const char *declared,
    struct bx_charset_choice *out);

/* The charset of an archive's member names, decided for all its names together (the names of
 * one archive were written by one program on one machine): strict UTF-8, then CP949, GB18030,
 * Big5, Shift_JIS, CP437 and windows-1252, keeping the fewest invalid sequences and the most
 * plausible text (no box-drawing runs).  NAMES holds the raw names, each followed by '\n'. */
int bx_charset_names(struct bx_lang *L, const unsigned char *names, size_t n,
    struct bx_charset_choice *out);
/* Decodes raw bytes with converter NAME into UTF-8 NFC (NFD Hangul from macOS becomes NFC);
 * *out is malloc'ed; invalid bytes become U+FFFD and are counted in *invalid. */
int bx_decode_string(struct bx_lang *L, const char *name, const unsigned char *p, size_t n,
    char **out, size_t *invalid);

/* Streaming decoder to UTF-16: one per document; substitutions are counted. */
struct bx_decoder;
int bx_decoder_open(struct bx_lang *L, const char *name, struct bx_decoder **out);
/* Decodes p[0..n) (flush on the last call) appending to *dst (grown up to cap units). */
int bx_decoder_run(struct bx_decoder *d, const unsigned char *p, size_t n, bool flush,
    UChar **dst, int32_t *dlen, int32_t *dcap, int32_t limit);
size_t bx_decoder_invalid(const struct bx_decoder *d);
void bx_decoder_close(struct bx_decoder *d);

/* Plausibility of decoded text, per character (higher = more like real zh/ko/ja text). */
double bx_text_plausibility(const struct bx_lang *L, const UChar *s, int32_t n,
    size_t *letters);

/* Script statistics used by the charset chooser and by document-level checks. */
struct bx_script_stats {
	uint32_t han, hangul, kana, latin, other, common_han, common_hangul;
};
void bx_script_stats16(const struct bx_lang *L, const UChar *s, int32_t n,
    struct bx_script_stats *st);

/* ---- internal tables shared by the files of src/lang ---------------------------------------- */
/* Bitset over the BMP. */
struct bx_bmpset {
	uint32_t bits[65536 / 32];
};
static inline bool
bx_bmpset_has(const struct bx_bmpset *s, UChar32 c)
{
	return c >= 0 && c < 65536 && (s->bits[c >> 5] >> (c & 31)) & 1u;
}
static inline void
bx_bmpset_add(struct bx_bmpset *s, UChar32 c)
{
	if (c >= 0 && c < 65536)
		s->bits[c >> 5] |= 1u << (c & 31);
}

#endif /* BX_LANG_H */

/*
 * text-int.h - plain text as bytes in some charset, shared by the extractors that read text
 * files (text.c, csv.c): the test that bytes are text, the charset decision, and a streamed
 * decoding to UTF-16, so that a table is decoded exactly as a text file is.
 */
#ifndef BX_TEXT_INT_H
#define BX_TEXT_INT_H

#include "extract.h"
#include "../lang/lang.h"

/* The plain-text bid: BX_BID_FALLBACK when the first bytes are text (a BOM, few controls, or
 * UTF-16 without a BOM), else BX_BID_NONE. */
int bx_text_bid(struct bx_input *in);

/* Chooses the charset of IN (BOM, declared charset, detection: src/lang/charset.c) into *ch
 * and puts it on the file record.  BILEX_OK, BILEX_FATAL, or the status of the `decode` error
 * record it wrote when no charset decodes the bytes. */
int bx_text_charset(struct bx_doc *doc, struct bx_input *in, struct bx_charset_choice *ch);

/* Takes decoded text.  Called with s[0..n): what it left unused the last time (*used), then
 * the text decoded since.  It sets *used to the units it is done with (the rest comes again,
 * at the start of s); on the last call (`last`) it must use everything.  Returns a status of
 * the ladder, or BX_TEXT_STOP when it wants no more text (nothing is wrong). */
typedef int (*bx_text16_fn)(void *arg, const UChar *s, int32_t n, bool last, int32_t *used);
#define BX_TEXT_STOP 1

/* Decodes p[0..n) (the bytes after the BOM) with the converter of *ch to UTF-16, a chunk at a
 * time, handing it to FN.  FN may leave at most `keep` units unused between calls: the buffer
 * is capped.  The substitutions made are counted in *invalid.  Returns the worst status. */
int bx_text_decode(struct bx_doc *doc, const struct bx_charset_choice *ch,
    const unsigned char *p, size_t n, int32_t keep, bx_text16_fn fn, void *arg,
    size_t *invalid);

/* Puts the final count of substitutions on the file record and, when there were any, writes
 * the one `decode` warning.  Returns the worst of st and that. */
int bx_text_done(struct bx_doc *doc, const struct bx_charset_choice *ch, size_t invalid,
    int st);

#endif /* BX_TEXT_INT_H */

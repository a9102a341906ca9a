/*
 * ocr.h - the OCR engine of a context (ocr.c), used by the image extractor.
 */
#ifndef BX_OCR_H
#define BX_OCR_H

#include "extract.h"

/* Width and height from an image header without decoding (Leptonica's header readers for
 * PNG, JPEG, TIFF, WebP). */
bool bx_ocr_header(const unsigned char *p, size_t n, long *w, long *h);

/* ImageWidth and ImageLength (-1 when absent) of the TIFF directory at byte off (0: the first)
 * and the offset
 * of the next directory (0: none) (image.c); false when it is not inside the file, *cut when
 * its entries run past the end. */
bool bx_tiff_ifd_size(const unsigned char *p, size_t n, uint64_t off, long *w, long *h,
    bool *cut, uint64_t *next);

/* Decodes the image (every page of a TIFF, the first frame of a GIF), finds the coloured ink,
 * OCRs its lines and emits them as `ocr-line` units.  An image seen before in the run (same
 * SHA-256) is not OCR'd again: its lines are replayed. */
int bx_ocr_input(struct bx_doc *doc, struct bx_input *in, bool multipage, bool gif);

#endif

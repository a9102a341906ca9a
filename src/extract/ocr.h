/*
 * ocr.h - the OCR engine of a context (ocr.c), used by the image extractor.
 */
#ifndef BX_OCR_H
#define BX_OCR_H

#include "extract.h"

/* Width and height from an image header without decoding (Leptonica's header readers for
 * PNG, JPEG, TIFF, WebP). */
bool bx_ocr_header(const unsigned char *p, size_t n, long *w, long *h);

/* Decodes the image (every page of a TIFF, the first frame of a GIF), finds the coloured ink,
 * OCRs its lines and emits them as `ocr-line` units.  An image seen before in the run (same
 * SHA-256) is not OCR'd again: its lines are replayed. */
int bx_ocr_input(struct bx_doc *doc, struct bx_input *in, bool multipage, bool gif);

#endif

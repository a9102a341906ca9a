/*
 * fuzz_text.c - plain text: charset detection (charset.c), decoding with substitution counts,
 * line splitting (text.c), then the language stage and the aligner on what it found.
 * libFuzzer target (fuzz/README.md); the registry picks the extractor from the bytes, so the
 * name "x.txt" only sets the name of the top-level record.
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
	fz_process("x.txt", data, size);
	return 0;
}

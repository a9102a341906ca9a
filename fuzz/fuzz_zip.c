/*
 * fuzz_zip.c - the ZIP walker (zipdir.c, zipread.c, zip.c): central directory, local headers,
 * bombs and overlaps, encrypted entries, member-name charset decoding, nested members.
 * libFuzzer target (fuzz/README.md); the registry picks the extractor from the bytes, so the
 * name "x.zip" only sets the name of the top-level record.
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
	fz_process("x.zip", data, size);
	return 0;
}

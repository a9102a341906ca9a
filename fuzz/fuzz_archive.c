/*
 * fuzz_archive.c - the libarchive formats (archive.c): tar, cpio, 7z, ISO 9660, gzip, bzip2,
 * xz, zstd; member names, sizes and budgets, encrypted entries.
 * libFuzzer target (fuzz/README.md); the registry picks the extractor from the bytes, so the
 * name "x.tar" only sets the name of the top-level record.
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
	fz_process("x.tar", data, size);
	return 0;
}

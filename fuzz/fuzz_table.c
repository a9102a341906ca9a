/*
 * fuzz_table.c - CSV and TSV tables (csv.c): charset detection and decoding shared with text.c
 * (text-int.h), the delimiter sniff, quoting (a quote never closed is read again without
 * quoting), the cell cap and the cells limit, then the language stage and the aligner on the
 * cells.  libFuzzer target (fuzz/README.md).
 *
 * Tables are known by their names: the input is named x.csv when its first byte is even, x.tsv
 * when it is odd, and the whole input (that byte included) is the table, so the fixtures of
 * tests/data/csv are seeds as they are.  The limits are small so that the caps are reached:
 * line-bytes 1024 (a cell of 512 UTF-16 units) and 64 cells.
 */
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_init(true);
	if (bilex_set_limit(fz_ctx, BILEX_LIMIT_LINE_BYTES, 1024) != BILEX_OK ||
	    bilex_set_limit(fz_ctx, BILEX_LIMIT_CELLS, 64) != BILEX_OK)
		fz_fail("bilex_set_limit");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fz_process(size > 0 && (data[0] & 1) ? "x.tsv" : "x.csv", data, size);
	return 0;
}

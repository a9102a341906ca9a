/*
 * unit.h - the unit tests: one binary, one cmocka group, TAP output for automake.
 */
#ifndef BILEX_UNIT_H
#define BILEX_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../../src/core/bx.h"

struct unit_suite {
	const char *name;
	const struct CMUnitTest *tests;
	size_t n;
};

#define UNIT_SUITE(nm, arr) \
	const struct unit_suite nm = { #nm, arr, sizeof(arr) / sizeof((arr)[0]) }

extern const struct unit_suite charset_suite, script_suite, csv_suite, records_suite,
    walk_suite, variant_suite, align_suite, progress_suite, archive_suite, ocr_suite;

/* A language stage opened on the source tree's langdata (BILEX_LANGDATA). */
struct bx_lang *unit_lang(void);
/* Bytes of a UTF-8 string in charset NAME (malloc'ed; *n its length). */
char *unit_encode(const char *utf8, const char *name, size_t *n);

#endif

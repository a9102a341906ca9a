/*
 * main.c - runs every unit test as one TAP stream (one "ok" line per test).
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include "../../src/lang/lang.h"

static struct bx_lang *lang;

struct bx_lang *
unit_lang(void)
{
	char err[256];

	if (lang == NULL) {
		const char *dir = getenv("BILEX_LANGDATA");

		if (bx_lang_open(&lang, dir ? dir : "langdata", err, sizeof(err)) != BILEX_OK) {
			fprintf(stderr, "cannot open the language stage: %s\n", err);
			abort();
		}
	}
	return lang;
}

char *
unit_encode(const char *utf8, const char *name, size_t *n)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar u[8192];
	int32_t ulen = 0, blen;
	UConverter *cnv;
	char *out;

	u_strFromUTF8(u, 8192, &ulen, utf8, -1, &err);
	assert_true(U_SUCCESS(err));
	cnv = ucnv_open(name, &err);
	assert_true(U_SUCCESS(err));
	out = malloc((size_t)ulen * 4 + 8);
	blen = ucnv_fromUChars(cnv, out, ulen * 4 + 8, u, ulen, &err);
	assert_true(U_SUCCESS(err));
	ucnv_close(cnv);
	*n = (size_t)blen;
	return out;
}

int
main(void)
{
	const struct unit_suite *suites[] = { &charset_suite, &script_suite, &csv_suite,
		&records_suite, &walk_suite, &variant_suite, &align_suite, &progress_suite,
		&archive_suite, &ocr_suite };
	struct CMUnitTest *all;
	size_t n = 0, k = 0;
	int rc;

	for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		n += suites[i]->n;
	all = calloc(n, sizeof(*all));
	for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		for (size_t j = 0; j < suites[i]->n; j++)
			all[k++] = suites[i]->tests[j];
	cmocka_set_message_output(CM_OUTPUT_TAP);
	rc = _cmocka_run_group_tests("bilex", all, n, NULL, NULL);
	free(all);
	bx_lang_close(lang);
	return rc;
}

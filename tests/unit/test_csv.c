/*
 * test_csv.c - CSV cells: quoting, formula injection, Excel's cell limit.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "../../src/output/output.h"

static char *
cell(const char *s)
{
	struct bx_buf b;

	bx_buf_init(&b, 1u << 20);
	assert_int_equal(bx_csv_cell(&b, s), BILEX_OK);
	return b.data;
}

static void
test_owasp_reference_cases(void **state)
{
	char *c;

	(void)state;
	/* the two reference strings of OWASP's CSV injection page */
	c = cell("=1+2\";=1+2");
	assert_string_equal(c, "\"'=1+2\"\";=1+2\"");
	free(c);
	c = cell("=1+2'\" ;,=1+2");
	assert_string_equal(c, "\"'=1+2'\"\" ;,=1+2\"");
	free(c);
}

static void
test_every_dangerous_lead(void **state)
{
	const char *leads[] = { "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx" };

	(void)state;
	for (size_t i = 0; i < sizeof(leads) / sizeof(leads[0]); i++) {
		char *c = cell(leads[i]);

		assert_int_equal(c[0], '"');
		assert_int_equal(c[1], '\'');
		free(c);
	}
}

static void
test_plain_and_empty(void **state)
{
	char *c = cell("修改颜色, \"quoted\"");

	(void)state;
	assert_string_equal(c, "\"修改颜色, \"\"quoted\"\"\"");
	free(c);
	c = cell(NULL);
	assert_string_equal(c, "\"\"");
	free(c);
}

static void
test_long_cell_cut(void **state)
{
	size_t n = 40000;
	char *s = malloc(n * 3 + 1), *c;
	size_t units = 0;

	(void)state;
	for (size_t i = 0; i < n; i++)
		memcpy(s + 3 * i, "头", 3);
	s[n * 3] = '\0';
	c = cell(s);
	assert_non_null(strstr(c, "[cut: 40000 characters]"));
	/* count characters inside the quotes: at most Excel's 32,767 */
	for (char *p = c + 1; *p; p++)
		units += ((unsigned char)*p & 0xC0) != 0x80;
	assert_true(units - 1 <= 32767);
	free(s);
	free(c);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_owasp_reference_cases),
	cmocka_unit_test(test_every_dangerous_lead),
	cmocka_unit_test(test_plain_and_empty),
	cmocka_unit_test(test_long_cell_cut),
};

UNIT_SUITE(csv_suite, tests);

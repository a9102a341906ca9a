/*
 * test_csv.c - CSV cells: quoting, formula injection, Excel's cell limit (the writer,
 * src/output/csv.c); and tables read back (the reader, src/extract/csv.c): column letters,
 * what bilex writes read as the same cells, hostile tables.
 */
#include "unit.h"

#include <stdio.h>
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

/* ---- reading tables ----------------------------------------------------------------------- */

static void
test_column_letters(void **state)
{
	static const struct {
		int64_t col;
		const char *name;
	} cases[] = { { 1, "A" }, { 26, "Z" }, { 27, "AA" }, { 52, "AZ" }, { 702, "ZZ" },
		{ 703, "AAA" }, { 16384, "XFD" }, { 0, "?" }, { -3, "?" },
		{ INT64_MAX, "CRPXNLSKVLJFHG" } };
	char out[16];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *end = bx_col_name(cases[i].col, out);

		assert_string_equal(out, cases[i].name);
		assert_ptr_equal(end, out + strlen(cases[i].name));
	}
}

/* The cells a table gave: the texts of the segments at one place joined (a cell can hold
 * several sentences), and the error codes. */
struct cells {
	int n;
	char where[32][16];
	char text[32][256];
	char format[16];
	char errors[128];
};

static int
on_table_record(void *arg, const struct bilex_record *rec)
{
	struct cells *c = arg;

	if (rec->type == BILEX_REC_SEGMENT) {
		const struct bilex_segment *s = rec->u.segment;

		if (c->n > 0 && strcmp(c->where[c->n - 1], s->where) == 0) {
			strncat(c->text[c->n - 1], s->text, sizeof(c->text[0]) - 1 -
			    strlen(c->text[c->n - 1]));
		} else if (c->n < 32) {
			snprintf(c->where[c->n], sizeof(c->where[0]), "%s", s->where);
			snprintf(c->text[c->n], sizeof(c->text[0]), "%s", s->text);
			c->n++;
		}
	} else if (rec->type == BILEX_REC_ERROR) {
		size_t k = strlen(c->errors);

		snprintf(c->errors + k, sizeof(c->errors) - k, "%s%s", k ? " " : "",
		    rec->u.error->code);
	} else if (rec->type == BILEX_REC_FILE) {
		snprintf(c->format, sizeof(c->format), "%s", rec->u.file->format);
	}
	return 0;
}

static void
read_table(const char *name, const char *data, size_t n, int64_t cells_limit, struct cells *c)
{
	bilex_ctx *ctx;

	memset(c, 0, sizeof(*c));
	assert_int_equal(bilex_ctx_new(&ctx), BILEX_OK);
	bilex_set_option(ctx, BILEX_OPT_LANGDATA, getenv("BILEX_LANGDATA") ?
	    getenv("BILEX_LANGDATA") : "langdata");
	bilex_set_flag(ctx, BILEX_FLAG_OCR, 0);
	bilex_set_flag(ctx, BILEX_FLAG_PAIRS, 0);
	if (cells_limit > 0)
		assert_int_equal(bilex_set_limit(ctx, BILEX_LIMIT_CELLS, cells_limit), BILEX_OK);
	bilex_set_callback(ctx, on_table_record, c);
	assert_true(bilex_process_memory(ctx, name, data, n) > BILEX_FATAL);
	bilex_ctx_free(ctx);
}

/* Cells that bilex's own CSV writer quoted (commas, doubled quotes, CRLF inside a cell; a BOM
 * and CRLF rows) read back as the same cells, at their places. */
static void
test_table_reads_what_bilex_writes(void **state)
{
	static const char *const rows[3][3] = {
		{ "编号", "中文", "韩文" },
		{ "S012", "第3帧, 第4帧的\"高光\"不对。", "3번째 장, 4번째 장의 \"하이라이트\"가 틀립니다." },
		{ "S013", "左边的人物\r\n要画大一点。", "" },
	};
	static const char *const want[][2] = {
		{ "A1", "编号" }, { "B1", "中文" }, { "C1", "韩文" }, { "A2", "S012" },
		{ "B2", "第3帧, 第4帧的\"高光\"不对。" },
		{ "C2", "3번째 장, 4번째 장의 \"하이라이트\"가 틀립니다." }, { "A3", "S013" },
		{ "B3", "左边的人物要画大一点。" },
	};
	struct bx_buf b;
	struct cells c;

	(void)state;
	bx_buf_init(&b, 1u << 20);
	bx_buf_adds(&b, "\xEF\xBB\xBF");
	for (int r = 0; r < 3; r++) {
		for (int k = 0; k < 3; k++) {
			if (k)
				bx_buf_addc(&b, ',');
			assert_int_equal(bx_csv_cell(&b, rows[r][k]), BILEX_OK);
		}
		bx_buf_adds(&b, "\r\n");
	}
	read_table("pairs.csv", b.data, b.len, 0, &c);
	assert_string_equal(c.format, "csv");
	assert_string_equal(c.errors, "");
	assert_int_equal(c.n, (int)(sizeof(want) / sizeof(want[0])));
	for (int i = 0; i < c.n; i++) {
		assert_string_equal(c.where[i], want[i][0]);
		assert_string_equal(c.text[i], want[i][1]);
	}
	/* the same bytes named .txt are lines of text */
	read_table("pairs.txt", b.data, b.len, 0, &c);
	assert_string_equal(c.format, "text");
	assert_string_equal(c.where[0], "line 1");
	bx_buf_free(&b);
}

static void
test_table_hostile(void **state)
{
	static const char open_quote[] = "id,zh\nS1,\"车轮转动的方向反了。\nS2,头要画得圆一些。\n";
	static const char tsv[] = "a\tb\tc\nd\te\tf\n\ng\th\ti\nj\tk\tl\nm\tn\to\np\tq\tr\n";
	struct cells c;

	(void)state;
	/* a quote never closed: one corrupt record, the cell read from its quote on, and the
	 * rows after it still rows */
	read_table("open.csv", open_quote, sizeof(open_quote) - 1, 0, &c);
	assert_string_equal(c.errors, "corrupt");
	assert_int_equal(c.n, 6);
	assert_string_equal(c.where[3], "B2");
	assert_string_equal(c.text[3], "\"车轮转动的方向反了。");
	assert_string_equal(c.where[5], "B3");
	/* the cells limit: 16 cells (the empty row is one), then one record */
	read_table("t.tsv", tsv, sizeof(tsv) - 1, 19, &c);
	assert_string_equal(c.errors, "");
	assert_int_equal(c.n, 18);
	read_table("t.tsv", tsv, sizeof(tsv) - 1, 16, &c);
	assert_string_equal(c.errors, "limit-segments");
	assert_int_equal(c.n, 15);
	assert_string_equal(c.where[14], "C6");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_owasp_reference_cases),
	cmocka_unit_test(test_every_dangerous_lead),
	cmocka_unit_test(test_plain_and_empty),
	cmocka_unit_test(test_long_cell_cut),
	cmocka_unit_test(test_column_letters),
	cmocka_unit_test(test_table_reads_what_bilex_writes),
	cmocka_unit_test(test_table_hostile),
};

UNIT_SUITE(csv_suite, tests);

/*
 * test_records.c - the record contract of DESIGN.md section 4 and its JSONL form.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
has_field(bilex_record_type t, const char *name)
{
	size_t n;
	const struct bilex_field *f = bilex_record_fields(t, &n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].name, name) == 0)
			return true;
	return false;
}

static void
test_contract_names(void **state)
{
	static const char *const seg[] = { "id", "source", "file", "file_sha256", "member_sha256",
		"format", "kind", "where", "lang", "script", "text", "author", "date", "charset",
		"confidence", "block" };
	static const char *const pair[] = { "id", "score", "method", "zh", "ko", "zh_segment",
		"ko_segment", "source", "ko_source", "zh_where", "ko_where", "kind", "zh_variant",
		"ko_variant", "ko_variant_evidence", "zh_author", "ko_author", "zh_date", "ko_date",
		"file_sha256" };
	static const char *const err[] = { "source", "file", "stage", "code", "message" };
	static const char *const file[] = { "source", "file", "format", "size", "sha256", "mtime",
		"status", "segments" };

	(void)state;
	for (size_t i = 0; i < sizeof(seg) / sizeof(seg[0]); i++)
		assert_true(has_field(BILEX_REC_SEGMENT, seg[i]));
	for (size_t i = 0; i < sizeof(pair) / sizeof(pair[0]); i++)
		assert_true(has_field(BILEX_REC_PAIR, pair[i]));
	for (size_t i = 0; i < sizeof(err) / sizeof(err[0]); i++)
		assert_true(has_field(BILEX_REC_ERROR, err[i]));
	for (size_t i = 0; i < sizeof(file) / sizeof(file[0]); i++)
		assert_true(has_field(BILEX_REC_FILE, file[i]));
}

static void
test_code_names(void **state)
{
	(void)state;
	assert_string_equal(bilex_code_name(BILEX_E_LIMIT_DEPTH), "limit-depth");
	assert_string_equal(bilex_code_name(BILEX_E_ZIP_BOMB), "zip-bomb");
	assert_string_equal(bilex_code_name(BILEX_E_DTD_REJECTED), "dtd-rejected");
	assert_int_equal(bilex_code_from_name("encrypted"), BILEX_E_ENCRYPTED);
	assert_string_equal(bilex_code_name((bilex_code)999), "unknown");
	for (int c = 0; c < 40; c++)
		if (strcmp(bilex_code_name((bilex_code)c), "unknown") != 0)
			assert_int_equal(bilex_code_from_name(bilex_code_name((bilex_code)c)), c);
}

static void
test_jsonl_escaping(void **state)
{
	bilex_ctx *ctx;
	bilex_writer *w;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct bilex_error e = { "a\"b\\c\n.txt", "f", "read", "io", "bad \x01 byte\xe2\x80\xa8" };
	struct bilex_record rec = { BILEX_REC_ERROR, { .error = &e } };

	(void)state;
	assert_int_equal(bilex_ctx_new(&ctx), BILEX_OK);
	assert_int_equal(bilex_writer_open_stream(ctx, "jsonl", fp, BILEX_MASK(BILEX_REC_ERROR), &w),
	    BILEX_OK);
	assert_int_equal(bilex_writer_write(w, &rec), BILEX_OK);
	assert_int_equal(bilex_writer_close(w), BILEX_OK);
	fclose(fp);
	assert_string_equal(buf, "{\"type\":\"error\",\"source\":\"a\\\"b\\\\c\\n.txt\",\"file\":\"f\","
	    "\"stage\":\"read\",\"code\":\"io\",\"message\":\"bad \\u0001 byte\\u2028\"}\n");
	free(buf);
	bilex_ctx_free(ctx);
}

static void
test_csv_union_columns(void **state)
{
	bilex_ctx *ctx;
	bilex_writer *w;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	(void)state;
	assert_int_equal(bilex_ctx_new(&ctx), BILEX_OK);
	/* pairs alone: exactly the pair columns, no type column, a BOM and CRLF */
	assert_int_equal(bilex_writer_open_stream(ctx, "csv", fp, BILEX_MASK(BILEX_REC_PAIR), &w),
	    BILEX_OK);
	assert_int_equal(bilex_writer_close(w), BILEX_OK);
	fflush(fp);
	assert_memory_equal(buf, "\xEF\xBB\xBF\"id\",\"score\",\"method\"", 24);
	assert_non_null(strstr(buf, "\"file_sha256\",\"file\",\"signals\"\r\n"));
	fclose(fp);
	free(buf);
	bilex_ctx_free(ctx);
}

static void
test_format_for_path(void **state)
{
	(void)state;
	assert_string_equal(bilex_format_for_path("out/evidence.CSV"), "csv");
	assert_string_equal(bilex_format_for_path("x.jsonl"), "jsonl");
	assert_null(bilex_format_for_path("dir.v2/evidence"));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_contract_names),
	cmocka_unit_test(test_code_names),
	cmocka_unit_test(test_jsonl_escaping),
	cmocka_unit_test(test_csv_union_columns),
	cmocka_unit_test(test_format_for_path),
};

UNIT_SUITE(records_suite, tests);

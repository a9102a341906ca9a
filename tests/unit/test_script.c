/*
 * test_script.c - units of text cut into language-labelled segments.
 */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "../../src/lang/lang.h"

#include <unicode/ustring.h>

struct got {
	int n;
	char text[16][256];
	int lang[16];
	char script[16][8];
	int sentence[16];
};

static int
collect(void *arg, const struct bx_piece *p)
{
	struct got *g = arg;

	if (g->n < 16) {
		snprintf(g->text[g->n], sizeof(g->text[0]), "%.*s", (int)p->len, p->text);
		g->lang[g->n] = p->lang;
		snprintf(g->script[g->n], sizeof(g->script[0]), "%s", p->script);
		g->sentence[g->n] = p->sentence;
	}
	g->n++;
	return BILEX_OK;
}

static struct got
split(const char *s, unsigned flags)
{
	struct got g;

	memset(&g, 0, sizeof(g));
	assert_int_equal(bx_lang_split8(unit_lang(), s, strlen(s), flags, collect, &g, NULL),
	    BILEX_OK);
	return g;
}

static void
test_zh_then_ko_on_one_line(void **state)
{
	struct got g = split("修改颜色 색상 수정", 0);

	(void)state;
	assert_int_equal(g.n, 2);
	assert_int_equal(g.lang[0], BX_LANG_ZH);
	assert_string_equal(g.text[0], "修改颜色");
	assert_int_equal(g.lang[1], BX_LANG_KO);
	assert_string_equal(g.text[1], "색상 수정");
}

static void
test_separators_and_ids(void **state)
{
	struct got g = split("S012 C034 头要圆一点 / 머리를 더 둥글게", 0);

	(void)state;
	assert_int_equal(g.n, 2);
	/* the shot id at the start belongs to the first run; the slash goes */
	assert_string_equal(g.text[0], "S012 C034 头要圆一点");
	assert_string_equal(g.text[1], "머리를 더 둥글게");
	g = split("头要圆一点（머리를 더 둥글게）", 0);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.text[0], "头要圆一点");
	assert_string_equal(g.text[1], "머리를 더 둥글게");
	g = split("머리를 더 둥글게 - 头要圆一点", 0);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.text[0], "머리를 더 둥글게");
	assert_int_equal(g.lang[1], BX_LANG_ZH);
}

static void
test_hanja_inside_korean(void **state)
{
	struct got g = split("修正해 주세요", 0);

	(void)state;
	assert_int_equal(g.n, 1);
	assert_int_equal(g.lang[0], BX_LANG_KO);
	assert_string_equal(g.script[0], "Kore");
	g = split("수정(修正)을 부탁합니다", 0);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.lang[0], BX_LANG_KO);
}

static void
test_japanese_is_not_chinese(void **state)
{
	struct got g = split("頭の形を修正してください。", 0);

	(void)state;
	assert_int_equal(g.n, 1);
	assert_int_equal(g.lang[0], BX_LANG_JA);
	assert_string_equal(g.script[0], "Jpan");
}

static void
test_english_stands_alone(void **state)
{
	struct got g = split("Please send the retakes by Friday. 请周五前交重画", 0);

	(void)state;
	assert_int_equal(g.n, 2);
	assert_int_equal(g.lang[0], BX_LANG_EN);
	assert_int_equal(g.lang[1], BX_LANG_ZH);
	/* a single Latin word joins its neighbour */
	g = split("请用 Photoshop 修改", 0);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.lang[0], BX_LANG_ZH);
}

static void
test_sentences(void **state)
{
	struct got g = split("背景太暗了。请调亮一点。", 0);

	(void)state;
	assert_int_equal(g.n, 2);
	assert_int_equal(g.sentence[0], 0);
	assert_int_equal(g.sentence[1], 1);
	assert_string_equal(g.text[0], "背景太暗了。");
	/* names and titles are kept whole */
	g = split("背景太暗了。请调亮一点。", BX_SPLIT_WHOLE);
	assert_int_equal(g.n, 1);
}

static void
test_lines(void **state)
{
	struct got g = split("第一行\n\n두 번째 줄\r\nthird line of plain English text", 0);

	(void)state;
	assert_int_equal(g.n, 3);
	assert_int_equal(g.lang[0], BX_LANG_ZH);
	assert_int_equal(g.lang[1], BX_LANG_KO);
	assert_int_equal(g.lang[2], BX_LANG_EN);
}

static void
test_nfc_and_invisibles(void **state)
{
	/* 한 as conjoining jamo (U+1112 U+1161 U+11AB) with a zero-width space and a BOM */
	struct got g = split("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB\xE2\x80\x8B\xEF\xBB\xBF글", 0);

	(void)state;
	assert_int_equal(g.n, 1);
	assert_string_equal(g.text[0], "한글");
	assert_int_equal(g.lang[0], BX_LANG_KO);
}

static void
test_invalid_utf8_counted(void **state)
{
	size_t invalid = 0;
	struct got g;

	(void)state;
	memset(&g, 0, sizeof(g));
	assert_int_equal(bx_lang_split8(unit_lang(), "修改\xFF颜色", strlen("修改\xFF颜色"), 0, collect, &g, &invalid),
	    BILEX_OK);
	assert_int_equal(invalid, 1);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.text[0], "修改\xEF\xBF\xBD颜色");
}

static void
test_punctuation_only_dropped(void **state)
{
	struct got g = split("-----   ***", 0);

	(void)state;
	assert_int_equal(g.n, 0);
	g = split("00:01:23:12", 0);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.lang[0], BX_LANG_OTHER);
}

/* UTF-8 units whose text is exactly their decoding are cut into slices of the input; the
 * same text given as UTF-16 is converted back.  Both must give the same pieces, supplementary
 * characters, sentences, tabs, invisibles and NFD included. */
static void
test_utf8_and_utf16_agree(void **state)
{
	static const char *const texts[] = {
		("古籍\xF0\xA0\x80\x80\xF0\xA0\x80\x81漢字 한국어 \xF0\x9F\x98\x80 test。第二句"
		    "\xF0\xA1\x83\x81在这里！한글 문장입니다."),
		"修改颜色 색상 수정", "(1) 头要圆。 머리를 둥글게. S012 / C034",
		"tab\there 修改\t수정", "cafe\xCC\x81 한\xE1\x85\xA1 NFD", "zero\xE2\x80\x8Bwidth 修改",
		"「修正」을 해 주세요 《로동》", "ＡＢＣ全角　스페이스", "line\xE2\x80\xA8sep 第二行",
	};

	(void)state;
	for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
		struct got a = split(texts[k], 0), b;
		UChar u16[512];
		int32_t n16 = 0;
		UErrorCode err = U_ZERO_ERROR;

		u_strFromUTF8(u16, 512, &n16, texts[k], -1, &err);
		assert_true(U_SUCCESS(err));
		memset(&b, 0, sizeof(b));
		assert_int_equal(bx_lang_split16(unit_lang(), u16, n16, 0, collect, &b), BILEX_OK);
		assert_int_equal(a.n, b.n);
		for (int i = 0; i < a.n && i < 16; i++) {
			assert_string_equal(a.text[i], b.text[i]);
			assert_int_equal(a.lang[i], b.lang[i]);
			assert_string_equal(a.script[i], b.script[i]);
			assert_int_equal(a.sentence[i], b.sentence[i]);
		}
	}
	{
		struct got g = split(texts[0], 0);

		assert_int_equal(g.n, 4);
		assert_string_equal(g.text[0], "古籍\xF0\xA0\x80\x80\xF0\xA0\x80\x81漢字");
		assert_string_equal(g.text[1], "한국어 \xF0\x9F\x98\x80 test。");
		assert_string_equal(g.text[2], "第二句\xF0\xA1\x83\x81在这里！");
		assert_string_equal(g.text[3], "한글 문장입니다.");
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_zh_then_ko_on_one_line),
	cmocka_unit_test(test_separators_and_ids),
	cmocka_unit_test(test_hanja_inside_korean),
	cmocka_unit_test(test_japanese_is_not_chinese),
	cmocka_unit_test(test_english_stands_alone),
	cmocka_unit_test(test_sentences),
	cmocka_unit_test(test_lines),
	cmocka_unit_test(test_nfc_and_invisibles),
	cmocka_unit_test(test_invalid_utf8_counted),
	cmocka_unit_test(test_punctuation_only_dropped),
	cmocka_unit_test(test_utf8_and_utf16_agree),
};

UNIT_SUITE(script_suite, tests);

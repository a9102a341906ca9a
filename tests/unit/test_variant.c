/*
 * test_variant.c - simplified or traditional Chinese; North or South Korean spelling.
 */
#include "unit.h"

#include <string.h>

#include "../../src/lang/lang.h"

static int
kp(const char *s, unsigned *kr, char *ev, size_t evlen)
{
	struct bx_buf b;
	int n;

	bx_buf_init(&b, 4096);
	n = bx_ko_markers(unit_lang(), s, strlen(s), &b, kr);
	snprintf(ev, evlen, "%s", bx_buf_str(&b));
	bx_buf_free(&b);
	return n;
}

static void
test_hans_hant(void **state)
{
	(void)state;
	assert_string_equal(bx_zh_variant(unit_lang(), "头要画得圆一些", 21, "?"), "Hans");
	assert_string_equal(bx_zh_variant(unit_lang(), "頭要畫得圓一些", 21, "?"), "Hant");
	/* shared characters are no evidence: the default decides */
	assert_string_equal(bx_zh_variant(unit_lang(), "好的", 6, "Hant"), "Hant");
}

static void
test_north_markers(void **state)
{
	unsigned kr = 0;
	char ev[256];

	(void)state;
	assert_true(kp("로동자들이 리용하는 방법", &kr, ev, sizeof(ev)) >= 2);
	assert_non_null(strstr(ev, "dueum:로동"));
	assert_true(kp("색갈이 바뀌였습니다", &kr, ev, sizeof(ev)) >= 2);
	assert_true(kp("수정되였다", &kr, ev, sizeof(ev)) >= 1);
	assert_non_null(strstr(ev, "yeot:"));
	assert_true(kp("이렇게 할수 있다", &kr, ev, sizeof(ev)) >= 1);
	assert_non_null(strstr(ev, "spacing"));
}

static void
test_south_markers(void **state)
{
	unsigned kr = 0;
	char ev[256];

	(void)state;
	assert_int_equal(kp("노동자들이 이용하는 방법", &kr, ev, sizeof(ev)), 0);
	assert_true(kr >= 2);
	assert_non_null(strstr(ev, "kr-dueum:"));
	kp("색상이 바뀌었습니다", &kr, ev, sizeof(ev));
	assert_true(kr >= 1);
}

static void
test_false_positives(void **state)
{
	unsigned kr = 0;
	char ev[256];

	(void)state;
	/* loanwords that start with ㄹ are standard in both Koreas */
	assert_int_equal(kp("라디오와 리듬에 맞춰 라인을 그려 주세요", &kr, ev, sizeof(ev)), 0);
	assert_int_equal(kr, 0);
	/* 로동 inside a word is not the word 로동 */
	assert_int_equal(kp("근로동기", &kr, ev, sizeof(ev)), 0);
	/* a noun and the copula contract to -였- in standard Korean too */
	assert_int_equal(kp("그것은 학교였다", &kr, ev, sizeof(ev)), 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_hans_hant),
	cmocka_unit_test(test_north_markers),
	cmocka_unit_test(test_south_markers),
	cmocka_unit_test(test_false_positives),
};

UNIT_SUITE(variant_suite, tests);

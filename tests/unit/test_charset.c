/*
 * test_charset.c - which decoding bilex chooses for the bytes a Chinese or Korean office
 * produces, and that it comes out right.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include "../../src/lang/lang.h"

static const char korean_ext[] =
    "머리 모양을 조금 더 수정해 주세요. 똠방각하 햏님이 뷁 소리를 냈습니다.\n"
    "색갈이 너무 어둡습니다. 배경을 밝게 해 주십시오.\n"
    "3번째 장 눈의 하이라이트 위치가 틀립니다.\n";
static const char korean_plain[] =
    "머리 모양을 조금 더 수정해 주세요. 더 둥글게 그려 주세요.\n"
    "색상이 너무 어둡습니다. 배경을 밝게 해 주십시오.\n";
static const char chinese_hans[] =
    "头的形状要再修改一下，请画得圆一些。第3帧眼睛的高光位置不对。\n"
    "背景颜色太暗了，请调亮一点。动作速度要再快一些。\n";
static const char chinese_gbk[] =
    "作画监督：张喆、王堃。头的形状要再修改一下，请画得圆一些。\n"
    "背景颜色太暗了，请调亮一点。\n";
static const char chinese_hant[] =
    "頭的形狀要再修改一下，請畫得圓一些。第3幀眼睛的高光位置不對。\n"
    "背景顏色太暗了，請調亮一點。動作速度要再快一些。\n";
static const char japanese[] =
    "頭の形をもう少し修正してください。丸く描いてください。\n"
    "背景の色が暗すぎます。明るくしてください。\n";

/* Decodes with the choice and compares with the original text. */
static void
check(const char *utf8, const char *encoding, const char *want_label)
{
	struct bx_charset_choice ch;
	size_t n;
	char *bytes = unit_encode(utf8, encoding, &n);
	UErrorCode err = U_ZERO_ERROR;
	UConverter *cnv;
	UChar got[8192], want[8192];
	int32_t glen, wlen = 0;

	assert_int_equal(bx_charset_choose(unit_lang(), (unsigned char *)bytes, n, NULL, &ch),
	    BILEX_OK);
	assert_string_equal(ch.label, want_label);
	assert_true(ch.confidence > 0.5);
	cnv = ucnv_open(ch.name, &err);
	glen = ucnv_toUChars(cnv, got, 8192, bytes + ch.bom, (int32_t)(n - ch.bom), &err);
	ucnv_close(cnv);
	u_strFromUTF8(want, 8192, &wlen, utf8, -1, &err);
	assert_true(U_SUCCESS(err));
	assert_int_equal(glen, wlen);
	assert_memory_equal(got, want, (size_t)wlen * sizeof(UChar));
	free(bytes);
}

static void
test_cp949_beyond_euckr(void **state)
{
	(void)state;
	/* syllables EUC-KR cannot encode: only windows-949 reads them */
	check(korean_ext, "windows-949", "CP949");
}

static void
test_cp949_not_gb18030(void **state)
{
	struct bx_charset_choice ch;
	size_t n;
	char *bytes = unit_encode(korean_ext, "windows-949", &n);
	UErrorCode err = U_ZERO_ERROR;
	UCharsetDetector *csd = ucsdet_open(&err);
	const UCharsetMatch *m;
	const char *icu;

	(void)state;
	/* ICU's own detector has no CP949 class: it names something else for these bytes */
	ucsdet_setText(csd, bytes, (int32_t)n, &err);
	m = ucsdet_detect(csd, &err);
	icu = m ? ucsdet_getName(m, &err) : "none";
	assert_string_not_equal(icu, "CP949");
	ucsdet_close(csd);
	/* bilex re-decodes with the superset and keeps the Korean reading */
	assert_int_equal(bx_charset_choose(unit_lang(), (unsigned char *)bytes, n, NULL, &ch),
	    BILEX_OK);
	assert_string_equal(ch.name, "windows-949");
	assert_int_equal(ch.invalid, 0);
	free(bytes);
}

static void
test_euckr_plain(void **state)
{
	(void)state;
	check(korean_plain, "EUC-KR", "EUC-KR");
}

static void
test_gb2312(void **state)
{
	(void)state;
	check(chinese_hans, "GB2312", "GB2312");
}

static void
test_gbk(void **state)
{
	(void)state;
	/* 喆 and 堃 are outside GB 2312: the record says GBK */
	check(chinese_gbk, "windows-936", "GBK");
}

static void
test_gb18030_four_byte(void **state)
{
	(void)state;
	check("第3集 修改意见：㐀㐁 请把头画得圆一些，𠀀 颜色再亮一点。\n", "GB18030", "GB18030");
}

static void
test_big5(void **state)
{
	(void)state;
	check(chinese_hant, "windows-950", "Big5");
}

static void
test_shift_jis(void **state)
{
	(void)state;
	check(japanese, "windows-31j", "Shift_JIS");
}

static void
test_utf16_without_bom(void **state)
{
	(void)state;
	check(chinese_hans, "UTF-16LE", "UTF-16LE");
	check(korean_plain, "UTF-16BE", "UTF-16BE");
}

static void
test_boms(void **state)
{
	struct bx_charset_choice ch;
	const unsigned char u8[] = { 0xEF, 0xBB, 0xBF, 'a' };
	const unsigned char le[] = { 0xFF, 0xFE, 'a', 0 };
	const unsigned char be[] = { 0xFE, 0xFF, 0, 'a' };

	(void)state;
	assert_int_equal(bx_charset_choose(unit_lang(), u8, sizeof(u8), NULL, &ch), BILEX_OK);
	assert_string_equal(ch.label, "UTF-8");
	assert_int_equal(ch.bom, 3);
	assert_int_equal(bx_charset_choose(unit_lang(), le, sizeof(le), NULL, &ch), BILEX_OK);
	assert_string_equal(ch.label, "UTF-16LE");
	assert_int_equal(ch.bom, 2);
	assert_int_equal(bx_charset_choose(unit_lang(), be, sizeof(be), NULL, &ch), BILEX_OK);
	assert_string_equal(ch.label, "UTF-16BE");
}

static void
test_utf8_strict_and_damaged(void **state)
{
	struct bx_charset_choice ch;
	char buf[512];
	size_t n;

	(void)state;
	n = strlen(chinese_hans);
	assert_int_equal(bx_charset_choose(unit_lang(), (const unsigned char *)chinese_hans, n,
	    NULL, &ch), BILEX_OK);
	assert_string_equal(ch.label, "UTF-8");
	assert_true(ch.confidence >= 0.99);
	/* two broken bytes in otherwise good UTF-8: still UTF-8, with the damage counted */
	memcpy(buf, chinese_hans, n);
	buf[10] = (char)0xFF;
	buf[40] = (char)0xC3;
	assert_int_equal(bx_charset_choose(unit_lang(), (unsigned char *)buf, n, NULL, &ch),
	    BILEX_OK);
	assert_string_equal(ch.label, "UTF-8");
	assert_true(ch.invalid >= 2);
}

static void
test_declared(void **state)
{
	struct bx_charset_choice ch;
	size_t n;
	char *bytes = unit_encode(chinese_hans, "GB18030", &n);

	(void)state;
	assert_int_equal(bx_charset_choose(unit_lang(), (unsigned char *)bytes, n, "GB18030", &ch),
	    BILEX_OK);
	assert_string_equal(ch.name, "GB18030");
	free(bytes);
}

static void
test_windows_1252(void **state)
{
	(void)state;
	check("Retake notes \xe2\x80\x93 Caf\xc3\xa9 Lumi\xc3\xa8re \xe2\x80\x9cS012 C034\xe2\x80\x9d: "
	      "the eye highlight is wrong, see Zo\xc3\xab\xe2\x80\x99s model sheet.\n",
	    "windows-1252", "windows-1252");
}

static void
test_decoder_counts(void **state)
{
	struct bx_decoder *d;
	const unsigned char bad[] = { 0xB0, '(', 0xC7, 0xD1, 0xB1 }; /* cut, then 한, then cut */
	UChar *buf = NULL;
	int32_t len = 0, cap = 0;

	(void)state;
	assert_int_equal(bx_decoder_open(unit_lang(), "windows-949", &d), BILEX_OK);
	assert_int_equal(bx_decoder_run(d, bad, sizeof(bad), true, &buf, &len, &cap, 1 << 20),
	    BILEX_OK);
	assert_int_equal(bx_decoder_invalid(d), 2);
	assert_int_equal(len, 4); /* U+FFFD ( 한 U+FFFD */
	assert_int_equal(buf[0], 0xFFFD);
	assert_int_equal(buf[2], 0xD55C);
	bx_decoder_close(d);
	free(buf);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_cp949_beyond_euckr),
	cmocka_unit_test(test_cp949_not_gb18030),
	cmocka_unit_test(test_euckr_plain),
	cmocka_unit_test(test_gb2312),
	cmocka_unit_test(test_gbk),
	cmocka_unit_test(test_gb18030_four_byte),
	cmocka_unit_test(test_big5),
	cmocka_unit_test(test_shift_jis),
	cmocka_unit_test(test_utf16_without_bom),
	cmocka_unit_test(test_boms),
	cmocka_unit_test(test_utf8_strict_and_damaged),
	cmocka_unit_test(test_declared),
	cmocka_unit_test(test_windows_1252),
	cmocka_unit_test(test_decoder_counts),
};

UNIT_SUITE(charset_suite, tests);

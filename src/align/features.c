/*
 * features.c - the signals of a candidate pair, and the model that weighs them.
 *
 * Every signal is cheap once the items are built: an item keeps sorted arrays (Korean
 * syllables and syllable pairs, anchor hashes, glossary hits, hanja of its Sino-Korean words),
 * so a pair is scored with binary searches and merges, never by rescanning text.
 */
#include "align-int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uchar.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

const char *const bx_feature_names[F_COUNT] = {
	[F_READ_UNI] = "reading",
	[F_READ_BI] = "reading_bigram",
	[F_WORD] = "hanja_word",
	[F_ANCHOR] = "anchor",
	[F_NUMBER] = "number",
	[F_ANCHOR_CLASH] = "anchor_clash",
	[F_LENGTH] = "length",
	[F_GLOSS] = "glossary",
	[F_QUESTION] = "question",
	[F_QUESTION_CLASH] = "question_clash",
	[F_SAME_UNIT] = "same_unit",
	[F_NEXT] = "next",
	[F_PREV] = "prev",
	[F_NEAR] = "near",
	[F_SAME_BLOCK] = "same_block",
	[F_SAME_ROW] = "same_row",
	[F_DIAG] = "diagonal",
	[F_SENTENCES] = "sentences",
	[F_LEXICON] = "lexicon",
	[F_META_CLASH] = "metadata_clash",
	[F_PART_CLASH] = "part_clash",
	[F_ANCHOR_ONESIDED] = "anchor_onesided",
	[F_THIN] = "thin",
	[F_OFF_LINE] = "off_line",
	[F_LEX_MISS_ZH] = "lexicon_miss_zh",
	[F_LEX_MISS_KO] = "lexicon_miss_ko",
	[F_PARTIAL] = "partial",
	[F_NUM_CLASH] = "number_clash",
	[F_NUM_ONESIDED] = "number_onesided",
};

static bool
is_han(UChar32 c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0x20000 && c <= 0x3134F) || (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007;
}

/* An item's signature of a set (struct bx_item: sylbloom, pairbloom, hanbibloom of 2^8 bits,
 * lexbloom of 2^9): one bit of the member's hash each, so that most members of another set
 * are found absent by one test, without a search. */
#define BLOOM_BITS 8
#define LEXBLOOM_BITS 9

static inline void
bloom_add(uint64_t *b, int bits, uint32_t x)
{
	unsigned k = bx_hash_bits(x, bits);

	b[k >> 6] |= UINT64_C(1) << (k & 63);
}

static inline bool
bloom_may(const uint64_t *b, int bits, uint32_t x)
{
	unsigned k = bx_hash_bits(x, bits);

	return (b[k >> 6] >> (k & 63)) & 1;
}

/* A lexicon entry (64 bits) as the 32 its signature hashes. */
static inline uint32_t
lex_key(uint64_t e)
{
	return (uint32_t)(e ^ e >> 32);
}

/* ---- anchors ------------------------------------------------------------------------------ */

static uint64_t
fnv(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h ? h : 1;
}

static int
chinese_digit(UChar32 c)
{
	static const UChar32 d[] = { 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03,
		0x516B, 0x4E5D }; /* 零一二三四五六七八九 */

	if (c == 0x3007)
		return 0;
	if (c == 0x4E24 || c == 0x5169 || c == 0x4FE9 || c == 0x5006)
		return 2; /* 两 兩 俩 倆 */
	for (int i = 0; i < 10; i++)
		if (d[i] == c)
			return i;
	return -1;
}

/* A run of Chinese numerals as a number: 十五 15, 三十 30, 二十五 25, 一百二 120; -1 if not
 * a number below ten thousand. */
static long
chinese_number(const UChar32 *c, int n)
{
	long total = 0, cur = 0;
	bool any = false;

	for (int i = 0; i < n; i++) {
		int d = chinese_digit(c[i]);

		if (d >= 0) {
			cur = cur * 10 + d; /* 二〇二四 reads digit by digit */
			any = true;
		} else if (c[i] == 0x5EFF) { /* 廿: twenty (廿二 22) */
			total += (cur ? cur : 1) * 20;
			cur = 0;
			any = true;
		} else if (c[i] == 0x5341) { /* 十 */
			total += (cur ? cur : 1) * 10;
			cur = 0;
			any = true;
		} else if (c[i] == 0x767E) { /* 百 */
			total += (cur ? cur : 1) * 100;
			cur = 0;
			any = true;
		} else if (c[i] == 0x5343) { /* 千 */
			total += (cur ? cur : 1) * 1000;
			cur = 0;
			any = true;
		} else {
			return -1;
		}
	}
	return any ? total + cur : -1;
}

struct u64vec {
	uint64_t v[64];
	int n;
};

struct anchors {
	struct u64vec strong, weak;
};

/* Strong anchors identify: an id with letters and digits (S012), a timecode or decimal, a
 * colour code, a number of three digits or more, a Latin word of three letters or more.
 * Short numbers (3, 12) recur in unrelated notes and only count as weak evidence. */
static void
push_anchor(struct anchors *a, const char *s, size_t n)
{
	bool letter = false, digit = false, mark = false;
	struct u64vec *v;

	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++) {
		letter |= s[i] >= 'a' && s[i] <= 'z';
		digit |= s[i] >= '0' && s[i] <= '9';
		mark |= s[i] == ':' || s[i] == '.' || s[i] == '#';
	}
	v = (letter && (digit || n >= 3)) || mark || (digit && n >= 3) ? &a->strong : &a->weak;
	if (v->n < 64)
		v->v[v->n++] = fnv(s, n);
}

/* Measure words and counters after which a lone Chinese numeral is a count, not a word part:
 * 一年 1년, 两个 두 개, 五個 다섯 명, 八點 8시, 一只 한 마리, 第九頁 9쪽 (一 alone is as often
 * 一起, 一样, 一直, 一般, which no counter follows). */
static bool
is_zh_counter(UChar32 c)
{
	static const UChar32 m[] = {
		0x6708, 0x65E5, 0x5E27, 0x5E40, 0x96C6, 0x5F20, 0x5F35, 0x70B9, 0x9EDE, 0x53F7,
		0x865F, /* 月 日 帧 幀 集 张 張 点 點 号 號 */
		0x5E74, 0x4E2A, 0x500B, 0x5C81, 0x6B72, 0x6B21, 0x53EA, 0x96BB, 0x4F4D, 0x540D,
		/* 年 个 個 岁 歲 次 只 隻 位 名 */
		0x672C, 0x4EF6, 0x6761, 0x689D, 0x5206, 0x79D2, 0x9875, 0x9801, 0x676F, 0x904D,
		/* 本 件 条 條 分 秒 页 頁 杯 遍 */
		0x5347, 0x79CD, 0x7A2E, 0x5468, 0x9031, 0x500D, 0x5C42, 0x5C64, 0x5E45, 0x683C,
		/* 升 种 種 周 週 倍 层 層 幅 格 */
		0x8BFE, 0x8AB2, 0x7AE0, 0x53CC, 0x96D9, 0x5757, 0x584A, 0x53F0, 0x8F86, 0x8F1B,
		/* 课 課 章 双 雙 块 塊 台 辆 輛 */
		0x7EC4, 0x7D44, 0x5957, 0x5C01, 0x90E8, 0x62CD, 0x955C, 0x93E1, 0x5929, 0x58F0,
		/* 组 組 套 封 部 拍 镜 鏡 天 声 */
		0x8072, 0x5C0F, 0x949F, 0x9418, 0x4EBA, 0x53E3, 0x884C, 0x5904, 0x8655, 0x56DE,
		/* 聲 小(时) 钟 鐘 人 口 行 处 處 回 */
	};

	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (m[i] == c)
			return true;
	return false;
}

/* Whether c may follow a Korean count word: the end of the word, a particle, or a suffix of
 * counts (째 씩 쯤 간 짜리 에). */
static bool is_particle(UChar32 c);

static bool
ko_count_end(const UChar *s, int32_t i, int32_t n)
{
	UChar c;

	if (i >= n || !bx_is_syllable(s[i]))
		return true;
	c = s[i];
	return is_particle(c) || c == 0xC9F8 || c == 0xC529 || c == 0xCBE4 || c == 0xAC04 ||
	    c == 0xC9DC || c == 0xC5D0; /* 째 씩 쯤 간 짜(리) 에 */
}

/* Korean words that count, as the numbers they are: native numerals before a counter (한 장 1,
 * 두명 2, 다섯 명 5, 열두 시 12), numerals standing alone (하나, 둘이, 셋을) and the days (하루
 * 1, 이틀 2).  Translators write counts this way where Chinese writes 一张, 两个, 五個; digits
 * (3월, 1년) are found by collect_anchors as they are. */
static void
korean_numbers(const UChar *s, int32_t n, struct anchors *a)
{
	/* determiners before a counter; 열 may take a unit after it (열두) */
	static const struct { UChar w[3]; int len, v; } det[] = {
		{ { 0xD55C }, 1, 1 }, { { 0xB450 }, 1, 2 }, { { 0xC138 }, 1, 3 },
		{ { 0xB124 }, 1, 4 }, { { 0xB2E4, 0xC12F }, 2, 5 }, { { 0xC5EC, 0xC12F }, 2, 6 },
		{ { 0xC77C, 0xACF1 }, 2, 7 }, { { 0xC5EC, 0xB35F }, 2, 8 },
		{ { 0xC544, 0xD649 }, 2, 9 }, { { 0xC5F4 }, 1, 10 }, { { 0xC2A4, 0xBB34 }, 2, 20 },
		/* 한 두 세 네 다섯 여섯 일곱 여덟 아홉 열 스무 */
	};
	/* words that are numbers by themselves */
	static const struct { UChar w[2]; int len, v; } own[] = {
		{ { 0xD558, 0xB098 }, 2, 1 }, { { 0xB458 }, 1, 2 }, { { 0xC14B }, 1, 3 },
		{ { 0xB137 }, 1, 4 }, { { 0xD558, 0xB8E8 }, 2, 1 }, { { 0xC774, 0xD2C0 }, 2, 2 },
		{ { 0xC0AC, 0xD758 }, 2, 3 }, { { 0xB098, 0xD758 }, 2, 4 },
		/* 하나 둘 셋 넷 하루 이틀 사흘 나흘 */
	};
	/* counters: one syllable, or two (마리 사람 가지 시간 걸음 바퀴 군데 차례) */
	static const UChar c1[] = { 0xAC1C, 0xBA85, 0xBC88, 0xC0B4, 0xC2DC, 0xAD8C, 0xC7A5,
		0xC794, 0xB2EC, 0xB300, 0xBCD1, 0xBC8C, 0xCC44, 0xCEF7, 0xC904, 0xACF3,
		0xD1B5, 0xBC30, 0xBD84, 0xC8FC, 0xD574, 0xB0A0, 0xCE35, 0xCE78, 0xD3B8, 0xB07C,
		0xD310, 0xCC9C };
		/* 개 명 번 살 시 권 장 잔 달 대 병 벌 채 컷 줄 곳 통 배 분 주 해 날 층 칸 편 끼 판
		 * 척 (not 쪽: 한쪽 is one side, pages are counted in digits) */
	static const UChar c2[][2] = { { 0xB9C8, 0xB9AC }, { 0xC0AC, 0xB78C }, { 0xAC00, 0xC9C0 },
		{ 0xC2DC, 0xAC04 }, { 0xAC78, 0xC74C }, { 0xBC14, 0xD034 }, { 0xAD70, 0xB370 },
		{ 0xCC28, 0xB840 } };
	int32_t i = 0;

	while (i < n) {
		bool start = i == 0 || !bx_is_syllable(s[i - 1]);
		int32_t j, best = -1, v = 0;

		if (!start || !bx_is_syllable(s[i])) {
			i++;
			continue;
		}
		for (size_t q = 0; q < sizeof(own) / sizeof(own[0]); q++)
			if (i + own[q].len <= n && memcmp(s + i, own[q].w, sizeof(UChar) *
			    (size_t)own[q].len) == 0 && ko_count_end(s, i + own[q].len, n)) {
				best = i + own[q].len;
				v = own[q].v;
			}
		for (size_t q = 0; q < sizeof(det) / sizeof(det[0]) && best < 0; q++) {
			int32_t e = i + det[q].len, k;
			int u = det[q].v;

			if (e > n || memcmp(s + i, det[q].w, sizeof(UChar) * (size_t)det[q].len) != 0)
				continue;
			if ((u == 10 || u == 20) && e < n) /* 열두, 스물세: tens then units */
				for (size_t r = 0; r < 9; r++)
					if (e + det[r].len <= n && memcmp(s + e, det[r].w, sizeof(UChar) *
					    (size_t)det[r].len) == 0) {
						u += det[r].v;
						e += det[r].len;
						break;
					}
			k = e < n && s[e] == ' ' ? e + 1 : e;
			for (size_t r = 0; r < sizeof(c2) / sizeof(c2[0]) && best < 0; r++)
				if (k + 2 <= n && s[k] == c2[r][0] && s[k + 1] == c2[r][1] &&
				    ko_count_end(s, k + 2, n))
					best = k + 2;
			for (size_t r = 0; r < sizeof(c1) / sizeof(c1[0]) && best < 0; r++)
				if (k < n && s[k] == c1[r] && ko_count_end(s, k + 1, n))
					best = k + 1;
			if (best >= 0)
				v = u;
		}
		if (best < 0) {
			for (j = i; j < n && bx_is_syllable(s[j]); j++)
				;
			i = j;
			continue;
		}
		{
			char tok[8];
			int k = snprintf(tok, sizeof(tok), "%d", (int)v);

			push_anchor(a, tok, (size_t)k);
		}
		i = best;
	}
}

/* Anchors of a text: digit groups ("12", "00:01:23:12", "3.5"), Latin ids and words of two
 * letters or more ("S012", "png"), colour codes ("#ff0000"), and Chinese numerals written as
 * digits (三月十五日 gives 3 and 15, as 3월 15일 does). */
static void
collect_anchors(const UChar *s, int32_t n, struct anchors *a)
{
	char tok[64];
	size_t tn = 0;
	bool digit = false, letter = false;
	UChar32 hanrun[16], prev = 0, before = 0;
	int nh = 0;
	int32_t i = 0;

	korean_numbers(s, n, a);
	while (i <= n) {
		UChar32 c = 0;

		if (i < n)
			U16_NEXT(s, i, n, c);
		else
			i++;
		if (c >= 0xFF01 && c <= 0xFF5E)
			c = c - 0xFF01 + 0x21; /* full-width forms */
		if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
		    (c == '#' && tn == 0) ||
		    ((c == ':' || c == '.') && tn > 0 && digit && i < n && s[i] >= '0' && s[i] <= '9') ||
		    /* colour chips and ids with a hyphen: R-12, G-07, A-3 */
		    (c == '-' && tn > 0 && letter && !digit && i < n && s[i] >= '0' && s[i] <= '9')) {
			if (tn < sizeof(tok) && c != '-') /* R-12 is R12 */
				tok[tn++] = (char)((c >= 'A' && c <= 'Z') ? c | 0x20 : c);
			digit |= c >= '0' && c <= '9';
			letter |= (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
		} else {
			if (tn && (digit || (letter && tn >= 2)))
				push_anchor(a, tok, tn);
			tn = 0;
			digit = letter = false;
		}
		if (chinese_digit(c) >= 0 || c == 0x5341 || c == 0x767E || c == 0x5343 ||
		    c == 0x5EFF) {
			if (nh == 0)
				before = prev;
			if (nh < 16)
				hanrun[nh++] = c;
		} else if (nh) {
			long v = chinese_number(hanrun, nh);

			/* a lone 一 is "one" as often as it is a word part: keep numbers that read as
			 * numbers (two characters or more, or a single 十) */
			/* 一点 is "a little" far more often than one o'clock */
			bool bit = nh == 1 && v == 1 && (c == 0x70B9 || c == 0x9EDE);

			if (v >= 0 && (nh >= 2 || hanrun[0] == 0x5341 || (is_zh_counter(c) && !bit) ||
			    before == 0x7B2C)) { /* 第 */
				int k = snprintf(tok, sizeof(tok), "%ld", v);

				push_anchor(a, tok, (size_t)k);
			}
			nh = 0;
			tn = 0;
		}
		prev = c;
	}
}

int
bx_cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

static int
cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

static int
cmp_u16(const void *x, const void *y)
{
	return (int)*(const uint16_t *)x - (int)*(const uint16_t *)y;
}

int
bx_uniq(void *v, int n, size_t size, int (*cmp)(const void *, const void *))
{
	unsigned char *p = v;
	int k = 0;

	if (n <= 1)
		return n; /* also: no qsort of (NULL, 0) */
	qsort(p, (size_t)n, size, cmp);
	for (int i = 0; i < n; i++)
		if (k == 0 || cmp(p + (size_t)(k - 1) * size, p + (size_t)i * size) != 0) {
			if (k != i)
				memcpy(p + (size_t)k * size, p + (size_t)i * size, size);
			k++;
		}
	return k;
}

/* ---- glossary -------------------------------------------------------------------------- */

/* Particles that may follow a one-syllable noun (장이, 컷을, 화에서). */
static bool
is_particle(UChar32 c)
{
	static const UChar32 p[] = { 0xC774, 0xAC00, 0xC744, 0xB97C, 0xC740, 0xB294, 0xC5D0, 0xC758,
		0xB3C4, 0xB85C, 0xC73C, 0xC640, 0xACFC, 0xB9CC, 0xC11C, 0xBD80, 0xAE4C, 0xC529,
		0xB4E4, 0xB791, 0xCC98 };
		/* 이 가 을 를 은 는 에 의 도 로 으 와 과 만 서 부 까 씩, and the plural 들 (잎들이),
		 * 랑 and 처(럼) */

	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++)
		if (p[i] == c)
			return true;
	return false;
}

/* ---- lexicon matches --------------------------------------------------------------------- */

#define ITEM_LEX_MAX 48 /* entries kept per item: a note is a sentence or two */

/* Whether form fm is written at t.  A Korean stem of two syllables or more that ends in an
 * open syllable also matches with the ending's consonant fused into that syllable: 마시 in
 * 마십니다 and 마실, 바쁘 in 바쁜, 좋아하 in 좋아합니다 (finals ㄴ ㄹ ㅁ ㅂ ㅆ). */
static bool
form_at(const struct bx_lexform *fm, bool ko, const UChar *t)
{
	int n = fm->len;
	UChar a = fm->s[n - 1], b = t[n - 1];

	/* the caller matched the first character; the last one decides most candidates */
	if (a != b) {
		if (!ko || n < 2 || !bx_is_syllable(a) || !bx_is_syllable(b) || (a - 0xAC00) % 28 != 0 ||
		    (b - 0xAC00) / 28 != (a - 0xAC00) / 28)
			return false;
		switch ((b - 0xAC00) % 28) {
		case 4: case 8: case 16: case 17: case 20: /* ㄴ ㄹ ㅁ ㅂ ㅆ */
			break;
		default:
			return false;
		}
	}
	return n <= 2 || memcmp(t + 1, fm->s + 1, (size_t)(n - 2) * sizeof(UChar)) == 0;
}

/* What may follow a verb stem of lexicon.tsv ("자-", enum bx_stem) where it is the verb: the
 * endings that cannot also make a noun of the stem's syllable.  Left out: 지 and 기 (가지 a
 * kind, 자기 self), 게 (가게 a shop), 세 (자세 posture), 라 (자라 grow), 시 (가시 a thorn). */
static const char16_t stem_ending[] = u"고야요자서면러려는며겠던든죠네셔십셨잖";
static const char16_t stem_n[] = u"다데지대";
static const char16_t stem_b[] = u"니시";
static const char16_t stem_ss[] = u"다어습는지고으던을네나니죠대잖었";
static const char16_t stem_l[] = u"게까래께";
static const char16_t stem_l_word[] = u"거것수"; /* after a space: 갈 거예요, 잘 수 있다 */

static bool
in_set(const char16_t *set, UChar c)
{
	for (; *set; set++)
		if (*set == c)
			return true;
	return false;
}

/* Whether the stem form at buf[i] is a verb there: at a word's start, before its ending. */
static bool
stem_fits(uint8_t kind, const UChar *buf, int32_t i, int32_t len)
{
	UChar next = i + 1 < len ? buf[i + 1] : 0;

	if (i > 0 && bx_is_syllable(buf[i - 1]))
		return false;
	switch (kind) {
	case BX_STEM_ENDING:
		return in_set(stem_ending, next);
	case BX_STEM_N:
		return in_set(stem_n, next);
	case BX_STEM_B:
		return in_set(stem_b, next);
	case BX_STEM_SS:
		return in_set(stem_ss, next);
	case BX_STEM_L:
		return in_set(stem_l, next) ||
		    (next == ' ' && i + 2 < len && in_set(stem_l_word, buf[i + 2]));
	default:
		return false;
	}
}

/* Set bits of a word, without a compiler builtin (a call on a machine built for the baseline
 * instruction set): the masks here hold a few bits. */
static int
bits(uint64_t x)
{
	int n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

/* Sets bits [from, from + n) of a position mask (positions past its end are not kept). */
static void
mask_span(uint64_t *m, int from, int n)
{
	for (int p = from; p < from + n && p < 64 * BX_LEXMASK_WORDS; p++)
		m[p >> 6] |= (uint64_t)1 << (p & 63);
}

/* The run of forms of idx that start with units c0 c1 (c1 0: the one-unit forms): *n forms
 * from the returned index, *n 0 when there are none. */
static uint32_t
formidx_find(const struct bx_formidx *idx, UChar c0, UChar c1, uint32_t *n)
{
	uint32_t key = (uint32_t)c0 << 16 | c1;

	*n = 0;
	if (idx->slot == NULL || key == 0)
		return 0;
	for (uint32_t h = bx_hash_bits(key, idx->bits);; h = (h + 1) & idx->mask) {
		const struct bx_formslot *s = &idx->slot[h];

		if (s->key == 0)
			return 0;
		if (s->key == key) {
			*n = s->n;
			return s->lo;
		}
	}
}

/* The forms of idx that can start at a position of units c0 c (c 0: the text ends there), as
 * three runs in the list's order (which decides what a full list keeps): the one-unit forms
 * (their s[1] is 0, so they come first); in Korean, the two-syllable forms whose second
 * syllable is c without the final an ending fused into it (form_at: 바쁘 in 바쁜; none
 * otherwise); the forms whose second unit is c. */
static void
form_runs(const struct bx_formidx *idx, bool ko, UChar c0, UChar c, uint32_t r[3][2])
{
	r[0][0] = formidx_find(idx, c0, 0, &r[0][1]);
	r[1][0] = r[1][1] = r[2][0] = r[2][1] = 0;
	if (c == 0)
		return;
	r[2][0] = formidx_find(idx, c0, c, &r[2][1]);
	if (ko && bx_is_syllable(c)) {
		switch ((c - 0xAC00) % 28) {
		case 4: case 8: case 16: case 17: case 20: /* ㄴ ㄹ ㅁ ㅂ ㅆ */
			r[1][0] = formidx_find(idx, c0, (UChar)(c - (c - 0xAC00) % 28),
			    &r[1][1]);
			break;
		default:
			break;
		}
	}
}

/* Whether form fm stands at buf[i]: written there, and where it is a one-syllable Korean
 * form or a verb stem, standing as that word. */
static bool
form_here(const struct bx_lexform *fm, bool ko, const UChar *buf, int32_t i, int32_t len)
{
	if (i + fm->len > len || !form_at(fm, ko, buf + i))
		return false;
	if (fm->stem != BX_STEM_NONE)
		return stem_fits(fm->stem, buf, i, len);
	return !(ko && fm->len == 1 && ((i > 0 && bx_is_syllable(buf[i - 1])) ||
	    (i + 1 < len && bx_is_syllable(buf[i + 1]) && !is_particle(buf[i + 1]))));
}

/* Entries of the form list v whose form occurs in buf[0..len): each position looks up the
 * forms that start with its character and the next (idx, lexicon.c form_index).  A
 * one-syllable Korean form (비, 입, 장) must stand as a word or before a particle: inside 비용
 * or 장면 it is another word.  out[] gets the entries, sorted, once each, lens[] the length of
 * the longest form of each found and starts[] where that form first starts; known (when not
 * NULL) gets every position inside a form. */
static int
form_match(const struct bx_lexform *v, const struct bx_formidx *idx, bool ko, const UChar *buf,
    int32_t len, uint64_t *out, uint8_t *lens, uint16_t *starts, uint64_t *known, int max)
{
	uint64_t tmp[ITEM_LEX_MAX];
	int n = 0, m = 0;

	if (max > ITEM_LEX_MAX)
		max = ITEM_LEX_MAX;
	for (int32_t i = 0; i < len && n < max; i++) {
		uint32_t r[3][2]; /* runs: first form, count */

		form_runs(idx, ko, buf[i], i + 1 < len ? buf[i + 1] : 0, r);
		for (int g = 0; g < 3; g++) {
			for (uint32_t q = r[g][0]; q < r[g][0] + r[g][1] && n < max; q++) {
				const struct bx_lexform *fm = &v[q];

				if ((g == 1 && fm->len != 2) || !form_here(fm, ko, buf, i, len))
					continue;
				/* entry, then length (longest last), then the start, latest
				 * first */
				tmp[n++] = (uint64_t)fm->entry << 24 | (uint64_t)fm->len << 16 |
				    (uint16_t)(0xFFFF - (i > 0xFFFF ? 0xFFFF : i));
				if (known && !fm->opt)
					mask_span(known, i, fm->len);
			}
		}
	}
	if (n > 1)
		qsort(tmp, (size_t)n, sizeof(tmp[0]), bx_cmp_u64);
	for (int q = 0; q < n; q++) {
		uint32_t e = (uint32_t)(tmp[q] >> 24);

		if (!(m && out[m - 1] == e))
			m++;
		/* sorted: the longer form, then its first start, come last */
		out[m - 1] = e;
		lens[m - 1] = (uint8_t)(tmp[q] >> 16);
		if (starts)
			starts[m - 1] = (uint16_t)(0xFFFF - (tmp[q] & 0xFFFF));
	}
	return m;
}

/* Lexicon entries and glossary terms of this item's language found in its text. */
static int
item_terms(struct bx_align *A, struct bx_arena *ar, struct bx_item *it, const UChar *buf,
    int32_t len)
{
	const struct bx_lexicon *x = A->lex;
	bool ko = it->lang == BX_LANG_KO;
	uint64_t found[ITEM_LEX_MAX];
	uint8_t flen[ITEM_LEX_MAX];
	uint16_t fstart[ITEM_LEX_MAX];
	int n;

	n = form_match(ko ? x->lko : x->lzh, ko ? &x->lko_idx : &x->lzh_idx, ko, buf, len, found,
	    flen, fstart, it->lexknown, ITEM_LEX_MAX);
	if (n) {
		it->lex = bx_arena_alloc(ar, sizeof(*it->lex) * (size_t)n);
		it->lexlen = bx_arena_alloc(ar, (size_t)n);
		it->lexstart = bx_arena_alloc(ar, sizeof(*it->lexstart) * (size_t)n);
		if (it->lex == NULL || it->lexlen == NULL || it->lexstart == NULL)
			return BILEX_FATAL;
		memcpy(it->lex, found, sizeof(*it->lex) * (size_t)n);
		memcpy(it->lexlen, flen, (size_t)n);
		memcpy(it->lexstart, fstart, sizeof(*it->lexstart) * (size_t)n);
		it->nlex = n;
		for (int q = 0; q < n; q++)
			bloom_add(it->lexbloom, LEXBLOOM_BITS, lex_key(found[q]));
		for (int w = 0; w < BX_LEXMASK_WORDS; w++)
			it->nknown += bits(it->lexknown[w]);
	}
	n = form_match(ko ? x->gko : x->gzh, ko ? &x->gko_idx : &x->gzh_idx, ko, buf, len, found,
	    flen, NULL, NULL, 16);
	if (n) {
		it->gloss = bx_arena_alloc(ar, sizeof(*it->gloss) * (size_t)n);
		if (it->gloss == NULL)
			return BILEX_FATAL;
		memcpy(it->gloss, found, sizeof(*it->gloss) * (size_t)n);
		it->ngloss = n;
	}
	return BILEX_OK;
}

/* ---- items ------------------------------------------------------------------------------- */

#define ITEM_MAX_CHARS 4096 /* longer texts are scored on their first 4096 characters */

int
bx_item_build(struct bx_align *A, struct bx_arena *ar, const struct bx_aseg *const *segs,
    const size_t *idx, int n, struct bx_item *it)
{
	UChar buf[ITEM_MAX_CHARS];
	int32_t len = 0, i;
	UChar32 c, prev = 0;
	bool pend = false;    /* a sentence mark was seen, no text after it yet */
	UErrorCode err;
	struct anchors anch;
	const struct bx_lexicon *x = A->lex;

	memset(it, 0, sizeof(*it));
	it->nsent = 1;
	it->lang = segs[idx[0]]->lang;
	it->nseg = n;
	it->unit = segs[idx[0]]->unit;
	it->lunit = segs[idx[0]]->lunit;
	it->lunit_end = segs[idx[n - 1]]->lunit;
	it->block = segs[idx[0]]->block;
	it->line = segs[idx[0]]->line;
	it->col = segs[idx[0]]->col;
	it->part = segs[idx[0]]->part;
	it->kind = segs[idx[0]]->kind;
	it->ref = segs[idx[0]]->ref;
	it->parent_ref = segs[idx[0]]->parent_ref;
	it->has_box = segs[idx[0]]->has_box;
	memcpy(it->box, segs[idx[0]]->box, sizeof(it->box));
	for (int k = 0; k < n; k++) {
		int32_t got = 0;

		it->seg[k] = idx[k];
		if (len >= ITEM_MAX_CHARS - 1)
			continue;
		if (k && it->lang == BX_LANG_KO)
			buf[len++] = ' ';
		err = U_ZERO_ERROR;
		/* a cut sequence at the cap is replaced, never read past */
		u_strFromUTF8WithSub(buf + len, ITEM_MAX_CHARS - 1 - len, &got, segs[idx[k]]->text,
		    (int32_t)segs[idx[k]]->len, 0xFFFD, NULL, &err);
		len += got > ITEM_MAX_CHARS - 1 - len ? ITEM_MAX_CHARS - 1 - len : got;
	}

	it->han = bx_arena_alloc(ar, sizeof(*it->han) * (size_t)(len + 1));
	it->syl = bx_arena_alloc(ar, sizeof(*it->syl) * (size_t)(len + 1));
	if (it->han == NULL || it->syl == NULL)
		return BILEX_FATAL;
	for (i = 0; i < len;) {
		U16_NEXT(buf, i, len, c);
		if (!u_isUWhiteSpace(c))
			it->len++;
		if (is_han(c) && it->lang == BX_LANG_ZH)
			it->cjk++;
		if (bx_is_syllable(c) && it->lang == BX_LANG_KO)
			it->cjk++;
		if (is_han(c)) {
			it->han[it->nhan++] = c;
			if (prev && is_han(prev))
				it->nhanpairs++;
		} else if (it->nhan && it->han[it->nhan - 1] != -1) {
			it->han[it->nhan++] = -1;
		}
		if (bx_is_syllable(c))
			it->syl[it->nsyl++] = (uint16_t)c;
		else if (it->nsyl && it->syl[it->nsyl - 1] != 0)
			it->syl[it->nsyl++] = 0;
		if (!u_isUWhiteSpace(c)) {
			/* a sentence mark followed by more text ends a sentence inside the item (a
			 * "." only before a space: not the one of 3.5) */
			bool mark = c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '!' || c == '?' ||
			    c == 0xFF0E;

			if (pend && !mark) {
				it->nsent++;
				pend = false;
			}
			pend |= mark;
			it->punct = (c == '?' || c == 0xFF1F) ? '?' : (c == '!' || c == 0xFF01) ? '!' : 0;
			it->nask += it->punct == '?';
		} else if (prev == '.') {
			pend = true;
		}
		prev = c;
	}
	/* Han characters count without the -1 breaks */
	{
		int real = 0;

		for (int k = 0; k < it->nhan; k++)
			real += it->han[k] != -1;
		it->nhanpairs = 0;
		for (int k = 1; k < it->nhan; k++)
			it->nhanpairs += it->han[k] != -1 && it->han[k - 1] != -1;
		/* readings resolved once per item, not once per candidate pair */
		it->rd = bx_arena_alloc(ar, sizeof(*it->rd) * (size_t)(it->nhan + 1));
		it->nrd = bx_arena_alloc(ar, (size_t)(it->nhan + 1));
		if (it->rd == NULL || it->nrd == NULL)
			return BILEX_FATAL;
		for (int k = 0; k < it->nhan; k++) {
			int nr = it->han[k] > 0 ? bx_lex_readings(x, it->han[k], &it->rd[k]) : 0;

			it->nrd[k] = (uint8_t)(nr > 255 ? 255 : nr);
		}
		/* keep nhan as the array length; features divide by the real count */
		it->hanbi = bx_arena_alloc(ar, sizeof(*it->hanbi) * (size_t)(it->nhan + 1));
		if (it->hanbi == NULL)
			return BILEX_FATAL;
		for (int k = 1; k < it->nhan; k++)
			if (it->han[k] > 0 && it->han[k - 1] > 0 && it->han[k] < 0x10000 &&
			    it->han[k - 1] < 0x10000)
				it->hanbi[it->nhanbi++] = (uint32_t)it->han[k - 1] << 16 | (uint32_t)it->han[k];
		it->nhanbi = bx_uniq(it->hanbi, it->nhanbi, sizeof(uint32_t), cmp_u32);
		for (int q = 0; q < it->nhanbi; q++)
			bloom_add(it->hanbibloom, BLOOM_BITS, it->hanbi[q]);
		(void)real;
	}
	/* Korean: distinct syllables and adjacent pairs, and the hanja of its words */
	if (it->nsyl) {
		it->sylset = bx_arena_alloc(ar, sizeof(*it->sylset) * (size_t)it->nsyl);
		it->pairset = bx_arena_alloc(ar, sizeof(*it->pairset) * (size_t)it->nsyl);
		it->words = bx_arena_alloc(ar, sizeof(*it->words) * (size_t)(it->nsyl * 3 + 1));
		if (it->sylset == NULL || it->pairset == NULL || it->words == NULL)
			return BILEX_FATAL;
		for (int k = 0; k < it->nsyl; k++) {
			if (it->syl[k])
				it->sylset[it->nsylset++] = it->syl[k];
			if (k && it->syl[k] && it->syl[k - 1])
				it->pairset[it->npairset++] = (uint32_t)it->syl[k - 1] << 16 | it->syl[k];
		}
		it->nsylset = bx_uniq(it->sylset, it->nsylset, sizeof(uint16_t), cmp_u16);
		it->npairset = bx_uniq(it->pairset, it->npairset, sizeof(uint32_t), cmp_u32);
		for (int q = 0; q < it->nsylset; q++)
			bloom_add(it->sylbloom, BLOOM_BITS, it->sylset[q]);
		for (int q = 0; q < it->npairset; q++)
			bloom_add(it->pairbloom, BLOOM_BITS, it->pairset[q]);
		for (int k = 0; k < it->nsyl; k++) {
			for (int w = 2; w <= 4 && k + w <= it->nsyl; w++) {
				UChar key[4];
				const struct bx_word *first;
				size_t nw;
				bool ok = true;

				for (int q = 0; q < w; q++) {
					key[q] = it->syl[k + q];
					ok &= key[q] != 0;
				}
				if (!ok)
					break;
				nw = bx_lex_words(x, bx_pack4(key, w), &first);
				for (size_t q = 0; q < nw && it->nwords < it->nsyl * 3; q++)
					it->words[it->nwords++] = first[q].zh;
			}
		}
		it->nwords = bx_uniq(it->words, it->nwords, sizeof(uint64_t), bx_cmp_u64);
		/* unpacked here once, not for every candidate it meets */
		it->wpairs = bx_arena_alloc(ar, sizeof(*it->wpairs) * 3 * (size_t)(it->nwords + 1));
		it->wn = bx_arena_alloc(ar, (size_t)it->nwords + 1);
		if (it->wpairs == NULL || it->wn == NULL)
			return BILEX_FATAL;
		for (int w = 0; w < it->nwords; w++) {
			UChar ch[4];
			int nc = 0;

			for (int q = 0; q < 4; q++) {
				ch[q] = (UChar)(it->words[w] >> (48 - 16 * q));
				if (ch[q])
					nc++;
			}
			it->wn[w] = (uint8_t)nc;
			for (int q = 1; q < nc; q++)
				it->wpairs[3 * w + q - 1] = (uint32_t)ch[q - 1] << 16 | ch[q];
		}
	}
	/* anchors */
	anch.strong.n = anch.weak.n = 0;
	collect_anchors(buf, len, &anch);
	anch.strong.n = bx_uniq(anch.strong.v, anch.strong.n, sizeof(uint64_t), bx_cmp_u64);
	anch.weak.n = bx_uniq(anch.weak.v, anch.weak.n, sizeof(uint64_t), bx_cmp_u64);
	if (anch.strong.n) {
		it->anch = bx_arena_alloc(ar, sizeof(*it->anch) * (size_t)anch.strong.n);
		if (it->anch == NULL)
			return BILEX_FATAL;
		memcpy(it->anch, anch.strong.v, sizeof(*it->anch) * (size_t)anch.strong.n);
		it->nanch = anch.strong.n;
	}
	if (anch.weak.n) {
		it->nums = bx_arena_alloc(ar, sizeof(*it->nums) * (size_t)anch.weak.n);
		if (it->nums == NULL)
			return BILEX_FATAL;
		memcpy(it->nums, anch.weak.v, sizeof(*it->nums) * (size_t)anch.weak.n);
		it->nnums = anch.weak.n;
		{
			uint64_t one = fnv("1", 1);

			it->nbig = it->nnums - bx_intersect64(it->nums, it->nnums, &one, 1, NULL);
		}
	}
	if (item_terms(A, ar, it, buf, len) != BILEX_OK)
		return BILEX_FATAL;
	return BILEX_OK;
}

/* ---- pair features -------------------------------------------------------------------------- */

static bool
has16(const uint16_t *v, int n, uint16_t x)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo] == x;
}

/* Syllables Korean grammar writes in nearly every sentence: particles (이 가 는 을 를 은 에 의 도
 * 로 와 과), endings (다 고 서 지 요 니 습 까 게 면 며 어 아 기), forms of 하다 and 되다 (하 해
 * 했 한 할 된 되), and bound words (수 들 시 세 주 있 없 것).  Each is also the reading of many
 * hanzi (이: 二 以 利 李 異), so a reading found as one of them says nothing: the unigram reading
 * signal does not count them.  Sino-Korean words with them (수정 修正) still count by their
 * syllable pairs and hanja.  Sorted. */
static const uint16_t grammar_syl[] = {
	0xAC00, 0xAC83, 0xAC8C, 0xACE0, 0xACFC, 0xAE30, 0xAE4C, 0xB294, 0xB2C8, 0xB2E4, 0xB3C4,
	0xB418, 0xB41C, 0xB4E4, 0xB85C, 0xB97C, 0xBA70, 0xBA74, 0xC11C, 0xC138, 0xC218, 0xC2B5,
	0xC2DC, 0xC544, 0xC5B4, 0xC5C6, 0xC5D0, 0xC640, 0xC694, 0xC740, 0xC744, 0xC758, 0xC774,
	0xC788, 0xC8FC, 0xC9C0, 0xD558, 0xD55C, 0xD560, 0xD574, 0xD588,
};

static bool
grammar_syllable(uint16_t c)
{
	return has16(grammar_syl, (int)(sizeof(grammar_syl) / sizeof(grammar_syl[0])), c);
}

static bool
has32(const uint32_t *v, int n, uint32_t x)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo] == x;
}

#define LEXDF_MIN 10 /* zh items from which a document's entry frequencies count */

/* What a shared entry's hanzi are worth in this document: 1, or less for an entry that many
 * of its notes hold (要 해야, 时候 때, 镜头 컷 in a sheet of editing notes), which two notes
 * whose partners both went missing share as readily as a note and its translation. */
static double
lex_weight(const struct bx_align *A, uint64_t e)
{
	const struct bx_lexdf *d = &A->df;
	const uint64_t *at;
	double share;

	if (A->m.lex_share <= 0 || d->items < LEXDF_MIN ||
	    (at = bsearch(&e, d->ent, (size_t)d->count, sizeof(*d->ent), bx_cmp_u64)) == NULL)
		return 1;
	share = (double)d->n[at - d->ent] / d->items;
	return share <= A->m.lex_share ? 1 : A->m.lex_share / share;
}

/* The lexicon entries of a document's zh items and how many items hold each, in A->df, its
 * arrays in ar (the caller clears A->df before ar goes): what a shared entry is worth
 * (lex_weight).  The same weighing of glossary terms changed nothing on the development seeds
 * or the held-out notes. */
int
bx_lexdf_build(struct bx_align *A, struct bx_arena *ar, const struct bx_item *zh, int nzh)
{
	size_t total = 0, u = 0;
	uint64_t *all;
	uint32_t *cnt;

	for (int i = 0; i < nzh; i++)
		total += (size_t)zh[i].nlex;
	if (total == 0 || A->m.lex_share <= 0)
		return BILEX_OK;
	all = bx_arena_alloc(ar, sizeof(*all) * total);
	cnt = bx_arena_alloc(ar, sizeof(*cnt) * total);
	if (all == NULL || cnt == NULL)
		return BILEX_FATAL;
	total = 0;
	for (int i = 0; i < nzh; i++)
		for (int q = 0; q < zh[i].nlex; q++)
			all[total++] = zh[i].lex[q];
	qsort(all, total, sizeof(*all), bx_cmp_u64);
	/* an item's list holds each entry once: the run of an entry is its item count */
	for (size_t i = 0; i < total; u++) {
		size_t j = i;

		while (j < total && all[j] == all[i])
			j++;
		all[u] = all[i];
		cnt[u] = (uint32_t)(j - i);
		i = j;
	}
	A->df = (struct bx_lexdf){ all, cnt, (int)u, nzh };
	return BILEX_OK;
}

/* The first of v[0..n) not under x, or n. */
static size_t
lower_u64(const uint64_t *v, size_t n, uint64_t x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The lexicon entries z and k share: *cov gets the Han
 * characters the shared entries cover in z (the lexicon signal), *zmiss and *kmiss the
 * characters of each side's lexicon words that no shared entry explains (its known positions
 * less the spans of the shared entries; a position inside two forms, 为什么 and 什么, is
 * explained when either is shared).  Most candidates share nothing: then the misses are all
 * the known positions, counted once when the item was built. */
static void
lex_compare(const struct bx_align *A, const struct bx_item *z, const struct bx_item *k,
    double *cov, int *zmiss, int *kmiss)
{
	uint64_t zs[BX_LEXMASK_WORDS] = { 0 }, ks[BX_LEXMASK_WORDS] = { 0 };
	int i = 0, j = 0;

	*cov = 0;
	/* k's entries in order, each looked up in z's signature and, where it may be there, in
	 * z's sorted list: the shared entries come in the order of a merge of both lists */
	for (j = 0; j < k->nlex && i < z->nlex; j++) {
		if (!bloom_may(z->lexbloom, LEXBLOOM_BITS, lex_key(k->lex[j])))
			continue;
		i += (int)lower_u64(z->lex + i, (size_t)(z->nlex - i), k->lex[j]);
		if (i < z->nlex && z->lex[i] == k->lex[j]) {
			*cov += z->lexlen[i] * lex_weight(A, z->lex[i]);
			mask_span(zs, z->lexstart[i], z->lexlen[i]);
			mask_span(ks, k->lexstart[j], k->lexlen[j]);
			i++;
		}
	}
	*zmiss = z->nknown;
	*kmiss = k->nknown;
	if (*cov == 0)
		return;
	*zmiss = *kmiss = 0;
	for (int w = 0; w < BX_LEXMASK_WORDS; w++) {
		*zmiss += bits(z->lexknown[w] & ~zs[w]);
		*kmiss += bits(k->lexknown[w] & ~ks[w]);
	}
}

int
bx_intersect64(const uint64_t *a, int na, const uint64_t *b, int nb, const uint8_t *wa)
{
	int i = 0, j = 0, k = 0;

	while (i < na && j < nb) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			k += wa ? wa[i] : 1;
			i++;
			j++;
		}
	}
	return k;
}

void
bx_pair_features(const struct bx_align *A, const struct bx_item *z, const struct bx_item *k,
    bool layout, double *f)
{
	int real = 0, uni = 0, bi = 0, covered = 0;

	memset(f, 0, sizeof(double) * F_COUNT);
	/* Sino-Korean readings */
	for (int i = 0; i < z->nhan; i++) {
		const uint16_t *r, *r2;
		int nr, nr2;
		bool hit = false, content = false;

		if (z->han[i] < 0)
			continue;
		real++;
		nr = z->nrd[i];
		r = z->rd[i];
		for (int q = 0; q < nr && !content; q++)
			if (bloom_may(k->sylbloom, BLOOM_BITS, r[q]) &&
			    has16(k->sylset, k->nsylset, r[q])) {
				hit = true;
				content = !grammar_syllable(r[q]);
			}
		uni += content;
		if (!hit || i + 1 >= z->nhan || z->han[i + 1] < 0)
			continue;
		hit = false;
		nr2 = z->nrd[i + 1];
		r2 = z->rd[i + 1];
		for (int q = 0; q < nr && !hit; q++)
			for (int t = 0; t < nr2 && !hit; t++)
				hit = bloom_may(k->pairbloom, BLOOM_BITS,
				    (uint32_t)r[q] << 16 | r2[t]) &&
				    has32(k->pairset, k->npairset, (uint32_t)r[q] << 16 | r2[t]);
		bi += hit;
	}
	if (real) {
		f[F_READ_UNI] = (double)uni / real;
		if (z->nhanpairs)
			f[F_READ_BI] = (double)bi / z->nhanpairs;
	}
	/* hanja of the Korean words found in the Chinese */
	for (int i = 0; i < k->nwords && real; i++) {
		const uint32_t *pp = k->wpairs + 3 * i;
		int n = k->wn[i];
		bool all = true;

		for (int q = 0; q + 1 < n && all; q++)
			all = bloom_may(z->hanbibloom, BLOOM_BITS, pp[q]) &&
			    has32(z->hanbi, z->nhanbi, pp[q]);
		if (all)
			covered += n;
	}
	if (real)
		f[F_WORD] = covered >= real ? 1.0 : (double)covered / real;
	/* anchors */
	if (z->nanch || k->nanch) {
		int common = bx_intersect64(z->anch, z->nanch, k->anch, k->nanch, NULL);

		f[F_ANCHOR] = (double)common / (z->nanch + k->nanch - common);
		f[F_ANCHOR_CLASH] = z->nanch && k->nanch && common == 0;
	}
	if (z->nnums || k->nnums) {
		int common = bx_intersect64(z->nums, z->nnums, k->nums, k->nnums, NULL);

		f[F_NUMBER] = (double)common / (z->nnums + k->nnums - common);
		f[F_NUM_CLASH] = z->nbig && k->nbig && common == 0;
	}
	/* an id counts as a number here: S012 C034 may stand for 第34个镜头 */
	f[F_NUM_ONESIDED] = (z->nbig && !k->nnums && !k->nanch) || (k->nbig && !z->nnums && !z->nanch);
	f[F_LENGTH] = bx_length_signal(A, z, k);
	/* lexicon: hanzi covered by entries found on both sides (雨 and 비); the other way round,
	 * words the lexicon knows whose translation is not there.  Every word a loose translation
	 * leaves out counts as missing, so misses weigh less than what is shared, but two
	 * sentences that each hold known words and share none are different notes */
	{
		double cov;
		int zmiss, kmiss;

		lex_compare(A, z, k, &cov, &zmiss, &kmiss);
		if (real)
			f[F_LEXICON] = cov >= real ? 1.0 : (double)cov / real;
		if (real)
			f[F_LEX_MISS_ZH] = zmiss >= real ? 1.0 : (double)zmiss / real;
		if (k->cjk)
			f[F_LEX_MISS_KO] = kmiss >= k->cjk ? 1.0 : (double)kmiss / k->cjk;
	}
	/* glossary: an entry found on both sides */
	{
		int g = bx_intersect64(z->gloss, z->ngloss, k->gloss, k->ngloss, NULL);

		f[F_GLOSS] = g > 2 ? 2 : g;
	}
	f[F_QUESTION] = z->punct == '?' && k->punct == '?';
	f[F_QUESTION_CLASH] = (z->punct == '?') != (k->punct == '?');
	if (layout && z->part == k->part) {
		int64_t gap;

		if (k->lunit > z->lunit_end)
			gap = k->lunit - z->lunit_end;
		else if (z->lunit > k->lunit_end)
			gap = z->lunit - k->lunit_end;
		else
			gap = 0;
		f[F_SAME_UNIT] = gap == 0;
		f[F_NEXT] = gap == 1 && k->lunit > z->lunit_end;
		f[F_PREV] = gap == 1 && z->lunit > k->lunit_end;
		f[F_NEAR] = gap > 1 && gap <= 3;
		f[F_SAME_BLOCK] = z->block >= 0 && z->block == k->block;
		f[F_SAME_ROW] = z->col >= 0 && k->col >= 0 && z->line >= 0 && z->line == k->line;
		if (f[F_SAME_ROW])
			f[F_SAME_BLOCK] = 0; /* a row is not a paragraph block: counted once */
	}
	/* the diagonal: the i-th note and its translation sit at about the same relative place
	 * in their sequences (Gale-Church's whole idea; it carries sibling files and blocks) */
	if (z->nlang >= 1 && k->nlang >= 1) {
		double n = z->nlang > k->nlang ? z->nlang : k->nlang;
		double off = fabs(z->rel - k->rel) * (n > 1 ? n - 1 : 1);

		f[F_DIAG] = off >= 4 ? 0 : 1 - off / 4;
	}
	/* a header is translated by a header, a body paragraph by a body paragraph; comments
	 * and replies have their own pass */
	f[F_PART_CLASH] = z->part != k->part;
	/* the go-between copies shot and cut ids, colour codes and percentages: a Korean note
	 * without the ids of the Chinese one is likely another note */
	f[F_ANCHOR_ONESIDED] = (z->nanch > 0) != (k->nanch > 0);
	/* a document's title in its properties restates its first line: it is not the Chinese
	 * of a Korean paragraph, however many words they share */
	f[F_META_CLASH] = (z->kind && strcmp(z->kind, "metadata") == 0) !=
	    (k->kind && strcmp(k->kind, "metadata") == 0);
	/* a translator keeps the sentences of a note: two Chinese sentences on one line and two
	 * Korean lines are a 1-2 unit, where the lengths alone often favour the 1-1 */
	{
		int d = z->nsent > k->nsent ? z->nsent - k->nsent : k->nsent - z->nsent;

		f[F_SENTENCES] = d > 3 ? 3 : d;
	}
}

double
bx_content_logit(const struct bx_model *m, const double *f)
{
	static const int content[] = { F_READ_UNI, F_READ_BI, F_WORD, F_LEXICON, F_GLOSS,
		F_ANCHOR, F_NUMBER };
	double s = 0;

	for (size_t i = 0; i < sizeof(content) / sizeof(content[0]); i++)
		s += m->w[content[i]] * f[content[i]];
	return s;
}

double
bx_model_logit(const struct bx_model *m, const double *f)
{
	double s = m->bias;

	for (int i = 0; i < F_COUNT; i++)
		s += m->w[i] * f[i];
	return s;
}

void
bx_signals_json(const struct bx_model *m, const double *f, double logit, const char *layout,
    char *out, size_t len)
{
	size_t o = 0;
	int n;

	n = snprintf(out, len, "{\"reading\":%.2f,\"reading_bigram\":%.2f,\"hanja_word\":%.2f,"
	    "\"anchor\":%.2f,\"number\":%.2f,\"length\":%.2f,\"glossary\":%.0f,"
	    "\"lexicon\":%.2f,\"question\":%s",
	    f[F_READ_UNI], f[F_READ_BI], f[F_WORD], f[F_ANCHOR], f[F_NUMBER], exp(f[F_LENGTH]),
	    f[F_GLOSS], f[F_LEXICON], f[F_QUESTION] ? "true" : f[F_QUESTION_CLASH] ? "false" : "null");
	if (n < 0 || (size_t)n >= len)
		goto cut;
	o = (size_t)n;
	if (layout) {
		n = snprintf(out + o, len - o, ",\"layout\":\"%s\"", layout);
		if (n < 0 || (size_t)n >= len - o)
			goto cut;
		o += (size_t)n;
	}
	/* each signal's contribution to the logit, so an analyst sees why */
	n = snprintf(out + o, len - o, ",\"logit\":%.2f,\"from\":{", logit);
	if (n < 0 || (size_t)n >= len - o)
		goto cut;
	o += (size_t)n;
	for (int i = 0, first = 1; i < F_COUNT; i++) {
		double c = m->w[i] * f[i];

		if (c > -0.005 && c < 0.005)
			continue;
		n = snprintf(out + o, len - o, "%s\"%s\":%.2f", first ? "" : ",", bx_feature_names[i], c);
		if (n < 0 || (size_t)n >= len - o)
			goto cut;
		o += (size_t)n;
		first = 0;
	}
	if (o + 3 > len)
		goto cut;
	out[o++] = '}';
	out[o++] = '}';
	out[o] = '\0';
	return;
cut:
	snprintf(out, len, "{\"logit\":%.2f}", logit);
}

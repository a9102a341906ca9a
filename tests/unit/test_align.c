/*
 * test_align.c - the aligner's signals, its passes and their outcome on small documents.
 */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "../../src/align/align-int.h"
#include "../../src/lang/lang.h"

/* One aligner for every test (its langdata loads once), and its model as opened: tests turn
 * parameters off and back on, and a test that fails between the two must not leave the next
 * tests a changed model (one failure would read as five). */
static struct bx_align *the_aligner;
static struct bx_model opened_model;

static struct bx_align *
aligner(void)
{
	char err[256];

	if (the_aligner == NULL) {
		const char *dir = getenv("BILEX_LANGDATA");

		assert_int_equal(bx_align_open(&the_aligner, unit_lang(), dir ? dir : "langdata", NULL,
		    err, sizeof(err)), BILEX_OK);
		opened_model = the_aligner->m;
	}
	return the_aligner;
}

/* cmocka set-up of every test here: the model as opened */
static int
model_as_opened(void **state)
{
	(void)state;
	aligner()->m = opened_model;
	return 0;
}

/* Signals of one isolated pair (no layout), in a document of `items` zh items of which `held`
 * hold every lexicon entry of the zh side (items 0: no document statistics). */
static void
signals_in(const char *zh, const char *ko, int held, int items, double *f)
{
	struct bx_aseg sz, sk;
	const struct bx_aseg *v[2] = { &sz, &sk };
	struct bx_item iz, ik;
	struct bx_arena ar;
	size_t i0 = 0, i1 = 1;

	memset(&sz, 0, sizeof(sz));
	memset(&sk, 0, sizeof(sk));
	sz.text = zh;
	sz.len = strlen(zh);
	sz.lang = BX_LANG_ZH;
	sz.kind = "body";
	sk.text = ko;
	sk.len = strlen(ko);
	sk.lang = BX_LANG_KO;
	sk.kind = "body";
	bx_arena_init(&ar, 1u << 24);
	assert_int_equal(bx_item_build(aligner(), &ar, v, &i0, 1, &iz), BILEX_OK);
	assert_int_equal(bx_item_build(aligner(), &ar, v, &i1, 1, &ik), BILEX_OK);
	if (items > 0) {
		uint32_t *n = bx_arena_alloc(&ar, sizeof(*n) * (size_t)(iz.nlex + 1));

		assert_non_null(n);
		for (int q = 0; q < iz.nlex; q++)
			n[q] = (uint32_t)held;
		aligner()->df = (struct bx_lexdf){ iz.lex, n, iz.nlex, items };
	}
	bx_pair_features(aligner(), &iz, &ik, false, f);
	memset(&aligner()->df, 0, sizeof(aligner()->df));
	bx_arena_free(&ar);
}

static void
signals(const char *zh, const char *ko, double *f)
{
	signals_in(zh, ko, 0, 0, f);
}

/* The lexicon signal of one pair: the share of the hanzi its shared entries cover. */
static double
lexicon_of(const char *zh, const char *ko)
{
	double f[F_COUNT];

	signals(zh, ko, f);
	return f[F_LEXICON];
}

/* An opt entry (a gloss, a catalogue's word, a CLDR name) whose translation the other side
 * lacks: neither shared nor missing, since it is one translation of many. */
static void
assert_opt_absent(const char *zh, const char *ko)
{
	double f[F_COUNT];

	signals(zh, ko, f);
	assert_true(f[F_LEXICON] == 0);
	assert_true(f[F_LEX_MISS_ZH] == 0);
}

static void
test_reading_signal(void **state)
{
	double f[F_COUNT], g[F_COUNT];

	(void)state;
	/* 修正/수정, 背景/배경: readings of the hanzi are syllables of the Korean */
	signals("请修正背景的颜色", "배경 색을 수정해 주세요", f);
	assert_true(f[F_READ_UNI] >= 0.5);
	assert_true(f[F_READ_BI] > 0);
	signals("请修正背景的颜色", "머리를 둥글게 그려 주세요", g);
	assert_true(g[F_READ_UNI] < f[F_READ_UNI]);
	assert_true(g[F_READ_BI] == 0);
	/* simplified hanzi read through their traditional forms: 动画 -> 動畵 동화 */
	signals("动画", "동화", f);
	assert_true(f[F_READ_BI] == 1.0);
	assert_true(f[F_WORD] > 0); /* 동화 is a word of hanja.txt */
}

/* Counts written as words (features.c korean_numbers, is_zh_counter): number, clash,
 * one-sided as the pair should score them. */
static const struct {
	const char *zh, *ko;
	double number, clash, onesided;
} counts[] = {
	{ "眼睛的高光要畫成兩個。", "눈의 하이라이트는 두 개로 그려 주세요.", 1, 0, 0 }, /* 2 */
	{ "佢有五個哥哥。", "그 여자는 오빠가 다섯명 있어.", 1, 0, 0 },
	{ "我学韩文一年了。", "한국어를 1년 째 공부하고 있습니다.", 1, 0, 0 },
	{ "每个人都有第二次机会", "모든 사람들이 두번째 기회를 받아 마땅하다.", 1, 0, 0 },
	{ "请给我一张往返票。", "왕복표 한 장 주세요.", 1, 0, 0 },
	/* 12 and 1 (一天, 하루): 열두 is no count without a counter */
	{ "我一天赚十二欧元。", "저는 하루에 열두 유로를 법니다.", 0.5, 0, 0 },
	{ "我一天赚十二欧元。", "저는 하루에 유로 열두 개를 법니다.", 1, 0, 0 },
	{ "修改后的镜头还有三处问题。", "수정한 화면에 아직 세 군데 문제가 있습니다.", 1, 0, 0 },
	/* not counts: 한국 (한 + a syllable that is no counter), 세 장면 (장 of 장면), 한쪽,
	 * 둘러보다, 인터넷, 一点 (a little), 一样 */
	{ "一样一点", "한국 세 장면 한쪽 둘러보고 인터넷", 0, 0, 0 },
	{ "明天下午5点前必须交动画。", "동화는 원화의 궤적을 따라 그려주십시오.", 0, 0, 1 },
	{ "眼睛的高光要畫成兩個。", "3월 20일이 마지막 기한입니다.", 0, 1, 0 },
	/* one (一个 a, 한 번 once) is often left out: no penalty */
	{ "要变得完美，她就是少了一个缺点。", "그녀는 완벽해요.", 0, 0, 0 },
};

static void
test_anchor_signal(void **state)
{
	double f[F_COUNT];

	(void)state;
	signals("S012 C034 第3帧眼睛的高光", "S012 C034 3번째 장 눈의 하이라이트", f);
	assert_true(f[F_ANCHOR] == 1.0); /* s012, c034 */
	assert_true(f[F_NUMBER] == 1.0); /* 3 */
	/* Chinese numerals are numbers: 三月十五日 and 3월 15일 */
	signals("三月十五日前交齐", "3월 15일까지 보내 주세요", f);
	assert_true(f[F_NUMBER] == 1.0);
	/* counts: a lone numeral before a measure word, Korean native numerals before a counter
	 * or standing alone; a count on one side only, counts that differ */
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		signals(counts[i].zh, counts[i].ko, f);
		if (f[F_NUMBER] != counts[i].number || f[F_NUM_CLASH] != counts[i].clash ||
		    f[F_NUM_ONESIDED] != counts[i].onesided)
			fail_msg("%s / %s: number %g clash %g one-sided %g", counts[i].zh, counts[i].ko,
			    f[F_NUMBER], f[F_NUM_CLASH], f[F_NUM_ONESIDED]);
	}
	signals("S012 的颜色", "S020 의 색", f);
	assert_true(f[F_ANCHOR_CLASH] == 1.0);
	assert_true(f[F_ANCHOR_ONESIDED] == 0);
	/* the go-between copies ids: a Korean note without them is likely another note */
	signals("S015 C003 光效太强了", "빛효과가 너무 셉니다", f);
	assert_true(f[F_ANCHOR_ONESIDED] == 1.0);
	assert_true(f[F_ANCHOR_CLASH] == 0);
}

static void
test_length_and_glossary(void **state)
{
	double f[F_COUNT], g[F_COUNT];

	(void)state;
	signals("修改颜色", "색상 수정", f);
	signals("修改颜色", "이 장면의 배경과 인물 사이의 밝기 차이가 너무 크니 다시 맞추어 주세요", g);
	assert_true(f[F_LENGTH] > g[F_LENGTH]);
	assert_true(f[F_GLOSS] >= 1); /* 修改 / 수정 */
	/* a one-syllable Korean term must stand as a word: 帧/장 is not in 장면 */
	signals("第3帧", "장면을 바꾸세요", g);
	signals("第3帧", "3장을 바꾸세요", f);
	assert_true(f[F_GLOSS] > g[F_GLOSS]);
}

static void
test_lexicon_signal(void **state)
{
	double f[F_COUNT], g[F_COUNT];

	(void)state;
	/* native Korean words: no reading links 雨 to 비 or 声音 to 소리, the lexicon does */
	signals("雨声音太大", "비 소리가 너무 큽니다", f);
	assert_true(f[F_READ_UNI] < 0.5);
	assert_true(f[F_LEXICON] >= 0.6);
	/* the traditional spelling of a simplified entry (ICU's transform at load time) */
	signals("聲音", "소리", g);
	assert_true(g[F_LEXICON] == 1.0);
	/* a one-syllable form must stand as a word: 비 is not in 비용 (cost) */
	signals("雨", "비용", g);
	assert_true(g[F_LEXICON] == 0);
	signals("雨", "비가 옵니다", g);
	assert_true(g[F_LEXICON] == 1.0);
	/* a language's name as Korean says it, whatever the hanzi read as (韓語 would be 한어) */
	signals("韩语", "한국어를", g);
	assert_true(g[F_LEXICON] == 1.0);
	signals("多久", "얼마나", g);
	assert_true(g[F_LEXICON] == 1.0);
}

/* han-glosses.tsv: the native word of a hanja's gloss (雀 참새 '참새 작'), an opt entry */
static void
test_gloss_lexicon(void **state)
{
	(void)state;
	assert_true(lexicon_of("雀", "참새가 운다") == 1.0);
	/* counted where both sides hold it, never missing: a gloss is one translation of many */
	assert_opt_absent("雀", "비가 옵니다");
	/* a character lexicon.tsv has keeps its curated forms: 树 is 나무, not the gloss 세우 */
	assert_true(lexicon_of("树", "세우다") == 0);
	assert_true(lexicon_of("树", "나무") == 1.0);
}

/* catalog-words.tsv: software's words learned from Debian's zh_CN and ko catalogues (图像
 * 이미지, 节点 노드: loanwords no reading explains), opt entries like the glosses */
static void
test_catalog_words(void **state)
{
	double f[F_COUNT];

	(void)state;
	signals("图像", "이미지를", f);
	assert_true(f[F_LEXICON] == 1.0);
	assert_true(f[F_READ_UNI] == 0);
	/* 删除 삭제 by lexicon.tsv, 节点 노드 by the table */
	assert_true(lexicon_of("删除节点", "노드를 삭제합니다") >= 0.5);
	/* never missing: the catalogue's word is one translation of many (网格 메쉬, 격자) */
	assert_opt_absent("网格", "격자가 없습니다");
	/* Taiwan's words, learned from the zh_TW catalogues and stored simplified (网路), match
	 * as they are written there */
	assert_true(lexicon_of("網路", "네트워크") == 1.0);
	/* a word lexicon.tsv has keeps its curated forms: 错 is 틀리, not the catalogues' 오류 */
	assert_true(lexicon_of("错", "오류") == 0);
	assert_true(lexicon_of("错", "틀렸어") == 1.0);
}

/* cldr-words.tsv: what Unicode CLDR names under one key in Chinese and in Korean (emoji, places,
 * days): everyday things no reading spells, opt entries like the catalogues' words */
static void
test_cldr_words(void **state)
{
	double f[F_COUNT];

	(void)state;
	signals("把收音机打开", "라디오를 켜세요", f);
	assert_true(f[F_LEXICON] > 0);
	assert_true(f[F_READ_UNI] == 0);
	assert_true(lexicon_of("蚊子", "모기가") == 1.0);
	/* Taiwan's word, named in zh_Hant and stored simplified (计程车), as it is written there */
	assert_true(lexicon_of("計程車", "택시") == 1.0);
	/* never missing: CLDR's name is one translation of many (蚊子 모기, 벌레) */
	assert_opt_absent("蚊子", "벌레가");
}

/* Taiwan's wording of lexicon.tsv's words (tw-words.tsv, through OpenCC): 軟體 is 软件's word
 * there, 檔案 文件's; folding the characters alone gives 软体 and 档案, which the mainland rows
 * do not hold. */
static void
test_tw_words(void **state)
{
	(void)state;
	assert_true(lexicon_of("這個軟體很好用",
	    "이 소프트웨어는 쓰기 편해요") > 0);
	assert_true(lexicon_of("檔案", "파일") == 1.0);
	/* the mainland's words still match */
	assert_true(lexicon_of("软件", "소프트웨어") == 1.0);
}

/* Verb stems of one syllable, 자- for 睡觉 and 가- for 去 in lexicon.tsv: matched where a verb
 * stands, at a word's start before its ending (자야, 자고, 갈 거, 잡니다, 갔다), never inside a
 * word (여자야, 남자고) or as a noun the ending would make (가게 a shop). */
static void
test_verb_stems(void **state)
{
	static const struct {
		const char *zh, *ko;
		bool hit;
	} rows[] = {
		{ "睡觉", "자야 합니다.", true },
		{ "睡觉", "애기가 자고 있어요.", true },
		{ "睡觉", "이제 잘게요.", true },
		{ "睡觉", "그는 잡니다.", true },
		{ "去", "나는 갈 거예요.", true },
		{ "见", "나중에 보자.", true },
		{ "见", "어제 봤습니다.", true },
		{ "睡觉", "그녀는 여자야", false },
		{ "睡觉", "남자고 여자고", false },
		{ "去", "가게에서 샀다", false },
		{ "去", "가방", false },
	};
	double f[F_COUNT];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		signals(rows[i].zh, rows[i].ko, f);
		if (rows[i].hit)
			assert_true(f[F_LEXICON] > 0);
		else
			assert_true(f[F_LEXICON] == 0);
	}
}

static void
test_lexicon_miss_signal(void **state)
{
	double f[F_COUNT], g[F_COUNT];

	(void)state;
	/* 想/싶, 喝/마시, 咖啡/커피 all found: nothing the lexicon knows is missing */
	signals("想喝咖啡", "커피를 마시고 싶어요", f);
	assert_true(f[F_LEXICON] == 1.0);
	assert_true(f[F_LEX_MISS_ZH] == 0);
	assert_true(f[F_LEX_MISS_KO] == 0);
	/* the same note beside another: every known word on both sides misses */
	signals("想喝咖啡", "비가 너무 옵니다", g);
	assert_true(g[F_LEX_MISS_ZH] == 1.0);
	assert_true(g[F_LEX_MISS_KO] > 0.4); /* 비 and 너무 of seven syllables */
	/* words the lexicon does not know are not missing: silence is not evidence */
	signals("鼯鼠", "비가 옵니다", g);
	assert_true(g[F_LEX_MISS_ZH] == 0);
	/* opt entries (我, 很: Korean drops pronouns and often 很) count when found, not when
	 * missing: 我很忙 / 바빠요 misses nothing */
	signals("我很忙", "바빠요", g);
	assert_true(g[F_LEX_MISS_ZH] == 0);
	assert_true(g[F_LEXICON] > 0);
	/* a form shared by two entries explains its characters when either is on the other side */
	signals("颜色太暗", "색이 너무 어둡다", g);
	assert_true(g[F_LEX_MISS_ZH] == 0);
}

/* An entry most notes of the document hold says little about which note a translation is
 * of: its hanzi count lex_share / its share of the notes (features.c, bx_lexdf_build). */
static void
test_lexicon_document_frequency(void **state)
{
	double f[F_COUNT], g[F_COUNT], h[F_COUNT];
	double share = aligner()->m.lex_share;

	(void)state;
	assert_true(share > 0 && share < 1);
	signals("颜色太暗", "색이 너무 어둡다", f);
	assert_true(f[F_LEXICON] > 0.9);
	/* held by every one of 20 notes: a share of its weight (more than `share` of the signal
	 * where two entries cover one hanzi, 颜色 and 色, and the signal was capped at 1) */
	signals_in("颜色太暗", "색이 너무 어둡다", 20, 20, g);
	assert_true(g[F_LEXICON] > 0 && g[F_LEXICON] <= 2 * share * f[F_LEXICON]);
	/* by two of 20: a rare entry keeps its whole weight */
	signals_in("颜色太暗", "색이 너무 어둡다", 2, 20, h);
	assert_true(h[F_LEXICON] == f[F_LEXICON]);
	/* a short document has no statistics to speak of */
	signals_in("颜色太暗", "색이 너무 어둡다", 4, 4, h);
	assert_true(h[F_LEXICON] == f[F_LEXICON]);
	/* the misses are not weighed */
	assert_true(g[F_LEX_MISS_ZH] == f[F_LEX_MISS_ZH]);
}

static void
test_korean_fused_endings(void **state)
{
	/* the lexicon signal of each pair */
	static const struct {
		const char *zh, *ko;
		double want;
	} rows[] = {
		/* 마시 + -ㅂ니다 is written 마십니다, 마시 + -ㄹ 마실: the stem's last syllable takes
		 * the ending's consonant, and the form still matches */
		{ "喝", "마십니다", 1.0 },
		{ "喝", "마실 것", 1.0 },
		/* only as a final consonant of the same syllable: 마음 is not 마시 */
		{ "喝", "마음", 0 },
		/* a one-syllable noun before the plural 들 stands as a word: 잎들이 holds 잎 (叶子) */
		{ "叶子", "잎들이 시들었다", 1.0 },
	};
	double f[F_COUNT];

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		signals(rows[i].zh, rows[i].ko, f);
		assert_true(f[F_LEXICON] == rows[i].want);
	}
}

/* ---- documents ------------------------------------------------------------------------------ */

struct tdoc {
	struct bx_aseg s[128];
	const struct bx_aseg *v[128];
	size_t n;
};

static void
add(struct tdoc *d, int lang, const char *text, int64_t unit, bool box)
{
	struct bx_aseg *s = &d->s[d->n];

	memset(s, 0, sizeof(*s));
	s->text = text;
	s->len = strlen(text);
	s->lang = lang;
	s->kind = box ? "ocr-line" : "body";
	s->unit = s->lunit = unit;
	s->line = unit;
	s->block = -1;
	s->col = -1;
	s->has_box = box;
	d->v[d->n] = s;
	d->n++;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A block of text lines of one language: line q in unit units[q], or in first + q when units
 * is NULL. */
static void
add_block(struct tdoc *d, int lang, const char *const *text, const int *units, size_t n,
    int first)
{
	for (size_t q = 0; q < n; q++)
		add(d, lang, text[q], units ? units[q] : first + (int)q, false);
}

/* Aligns d with one parameter of the model set to v for this run, then restored: a test shows
 * a pass at work by running once with the pass off. */
static void
align_with(struct tdoc *d, double *param, double v, struct bx_apair **p, size_t *np)
{
	double keep = *param;
	int st;

	*param = v;
	st = bx_align_doc(aligner(), "t", d->v, d->n, 0, p, np);
	*param = keep;
	assert_int_equal(st, BILEX_OK);
}

/* The lexicon-miss, partial-sentence and count signals (with their bias) catch several of the cases
 * the passes below were built for.  A test that shows one pass at work by running it once with
 * the pass off turns them off first, so that it sees that pass alone, then restores them. */
struct later_signals {
	double bias, miss_zh, miss_ko, partial, part_miss, num_clash, num_onesided;
};

static struct later_signals
later_off(struct bx_align *A)
{
	struct later_signals k = { A->m.bias, A->m.w[F_LEX_MISS_ZH], A->m.w[F_LEX_MISS_KO],
		A->m.w[F_PARTIAL], A->m.part_miss, A->m.w[F_NUM_CLASH], A->m.w[F_NUM_ONESIDED] };

	A->m.bias = -4.31; /* the fitted bias before the miss signals */
	A->m.w[F_LEX_MISS_ZH] = A->m.w[F_LEX_MISS_KO] = A->m.w[F_PARTIAL] = 0;
	A->m.part_miss = 0;
	A->m.w[F_NUM_CLASH] = A->m.w[F_NUM_ONESIDED] = 0;
	return k;
}

static void
later_on(struct bx_align *A, struct later_signals k)
{
	A->m.bias = k.bias;
	A->m.w[F_LEX_MISS_ZH] = k.miss_zh;
	A->m.w[F_LEX_MISS_KO] = k.miss_ko;
	A->m.w[F_PARTIAL] = k.partial;
	A->m.part_miss = k.part_miss;
	A->m.w[F_NUM_CLASH] = k.num_clash;
	A->m.w[F_NUM_ONESIDED] = k.num_onesided;
}

/* Index of the pair that holds zh segment z, or -1; its ko segment in *k. */
static int
pair_of(const struct bx_apair *p, size_t n, size_t z, size_t *k)
{
	for (size_t i = 0; i < n; i++)
		for (int q = 0; q < p[i].nzh; q++)
			if (p[i].zh[q] == z) {
				*k = p[i].ko[0];
				return (int)i;
			}
	return -1;
}

/* Aligns d with one parameter set to v (align_with) and returns the index of the pair that
 * holds zh segment z, which must exist; its first ko segment in *k. */
static int
pair_with(struct tdoc *d, double *param, double v, size_t z, struct bx_apair **p, size_t *np,
    size_t *k)
{
	int i;

	align_with(d, param, v, p, np);
	i = pair_of(*p, *np, z, k);
	assert_true(i >= 0);
	return i;
}

static void
test_same_line(void **state)
{
	struct tdoc d = { .n = 0 };
	struct bx_apair *p;
	size_t np, k;

	(void)state;
	add(&d, BX_LANG_ZH, "修改颜色", 0, false);
	add(&d, BX_LANG_KO, "색상 수정", 0, false);
	assert_int_equal(bx_align_doc(aligner(), "t", d.v, d.n, 0, &p, &np), BILEX_OK);
	assert_int_equal(np, 1);
	assert_int_equal(pair_of(p, np, 0, &k), 0);
	assert_int_equal(k, 1);
	assert_string_equal(p[0].method, "same-line");
	assert_non_null(strstr(p[0].signals, "\"layout\":\"same-unit\""));
	free(p);
}

/* A note and its translation on one line are whole: the unpaired note on the line before is
 * not merged into them, though the Korean line is the longer for an orphan sentence of its own
 * and the lengths would come out better. */
static void
test_same_line_whole(void **state)
{
	struct tdoc d = { .n = 0 };
	struct bx_apair *p;
	size_t np, k;
	int i;

	(void)state;
	add(&d, BX_LANG_ZH, "我不会喝咖啡。你有团子吗？", 0, false);
	add(&d, BX_LANG_ZH, "苏珊的厨艺很棒。", 1, false);
	add(&d, BX_LANG_KO, "이런 일이 일어난다니 믿을 수가 없어요. 수잔의 음식 솜씨가 훌륭하다.", 1, false);
	assert_int_equal(bx_align_doc(aligner(), "t", d.v, d.n, 0, &p, &np), BILEX_OK);
	i = pair_of(p, np, 1, &k);
	assert_true(i >= 0);
	assert_string_equal(p[i].method, "same-line");
	assert_int_equal(p[i].nzh, 1);
	assert_int_equal(k, 2);
	assert_int_equal(pair_of(p, np, 0, &k), -1);
	free(p);
}

static void
test_dp_with_unpaired(void **state)
{
	/* a zh block then a ko block; the translation of the third note is missing and a Korean
	 * note has no Chinese: both stay unpaired, the rest pair in order */
	static const char *zh[] = { "头的形状要再修改一下，请画得圆一些。", "背景的颜色太暗了，请调亮一点。",
		"这个镜头没有声音。", "S012 C034 第3帧眼睛的高光位置不对。", "衣服的颜色和设定不一样。" };
	static const char *ko[] = { "머리 모양을 조금 더 수정해 주세요. 더 둥글게 그려 주세요.",
		"배경의 색이 너무 어둡습니다. 좀 밝게 해 주세요.",
		"래일 오후 5시전으로 동화를 반드시 평양에 보내야 합니다. 늦으면 절대로 안됩니다.",
		"S012 C034 3번째 장 눈의 하이라이트 위치가 틀립니다.", "옷의 색갈이 설정과 다릅니다." };
	struct tdoc d = { .n = 0 };
	struct bx_apair *p;
	size_t np, k;

	(void)state;
	for (int i = 0; i < 5; i++)
		add(&d, BX_LANG_ZH, zh[i], i, false);
	for (int i = 0; i < 5; i++)
		add(&d, BX_LANG_KO, ko[i], 10 + i, false);
	assert_int_equal(bx_align_doc(aligner(), "t", d.v, d.n, 0, &p, &np), BILEX_OK);
	assert_true(pair_of(p, np, 0, &k) >= 0 && k == 5);
	assert_true(pair_of(p, np, 1, &k) >= 0 && k == 6);
	assert_true(pair_of(p, np, 2, &k) < 0);      /* no translation: unpaired */
	assert_true(pair_of(p, np, 3, &k) >= 0 && k == 8);
	assert_true(pair_of(p, np, 4, &k) >= 0 && k == 9);
	for (size_t i = 0; i < np; i++)
		assert_true(p[i].ko[0] != 7);               /* 래일까지 보내 주십시오: no partner */
	free(p);
}

/* Everyday sentences (Tatoeba's) as a zh block then a ko block, every one translated.  不是。/
 * 아냐. and 随便说点什么。/ 아무 말이나 해봐. share no word the data knows, and the programme leaves
 * them unpaired; they are all that is left between two pairs, one for one, so the gap pass pairs
 * them, method gap.  Where more items are left than the model's share, it is not filled. */
static void
test_gap_fill(void **state)
{
	static const char *const rows[][2] = {
		{ "当时你在外面。", "그때에 너는 밖에 있었다." },
		{ "不是。", "아냐." },
		{ "随便说点什么。", "아무 말이나 해봐." },
		{ "上周末我爬山去了。", "지난 주말에 산으로 소풍을 갔다." },
		{ "这些花的叶子都枯了，得给它们浇水了。", "이 꽃들은 물이 필요하다. 잎들이 벌써 시들었다." },
		{ "我想吃韩国菜。", "한국 음식을 먹고 싶어요." },
		{ "莱拉看起来很完美。", "라일라는 완벽해 보였어." },
		{ "你为什么说谎？", "왜 거짓말을 해요?" },
		{ "我明年想学中文。", "나는 내년에 중국어를 배우고 싶다." },
		{ "他看上去很幸福。", "그가 행복한 것 같다." },
		{ "我们公司是有限公司。", "우리 회사는 유한회사이다." },
		{ "有很多科学家住在这个小村里。", "많은 과학자가 그 작은 마을에서 살고 있어요." },
		{ "你真正的目标是什么？", "진짜 목표는 뭐야?" },
		{ "我的小狗们杀了汤姆养的其中一只猫。", "내 강아지들은 톰이 키우는 고양이 중 한 마리를 죽였어." },
		{ "由于天气变差，出发延迟了。", "기상악화때문에, 출발이 연기되었다." },
		{ "我整个上午一直在看书，现在很累。", "오전 내내 공부를 했더니, 지금 피곤하네." },
		{ "我想睡觉。", "자고 싶다." },
		{ "那个小女孩边大声哭喊边寻找着自己的妈妈。", "그 여자애가 큰 소리로 울면서 어머니를 찾고 있었다." },
		{ "政府必须采取特别措施应对失业问题。", "정부가 실업 퇴치를 위한 특별 조치를 취해야 한다." },
		{ "由于大门锁着，我们无法入屋。", "대문이 잠겨있어서, 우리는 집에 들어 갈 수 없었다." },
		{ "我不怕死。", "난 죽음이 두렵지 않다." },
	};
	const int n = (int)(sizeof(rows) / sizeof(rows[0]));
	struct tdoc d = { .n = 0 };
	struct bx_align *A = aligner();
	struct later_signals later;
	struct bx_apair *p;
	size_t np, k;
	int i;

	(void)state;
	later = later_off(A);
	for (int q = 0; q < n; q++)
		add(&d, BX_LANG_ZH, rows[q][0], q, false);
	for (int q = 0; q < n; q++)
		add(&d, BX_LANG_KO, rows[q][1], 100 + q, false);
	for (int with = 0; with < 2; with++) {
		/* a bar of 0, over the null margin, turns the pass off */
		align_with(&d, &A->m.fill_logit, with ? A->m.fill_logit : 0, &p, &np);
		for (int q = 1; q <= 2; q++) {
			i = pair_of(p, np, (size_t)q, &k);
			if (!with) {
				assert_int_equal(i, -1);
			} else {
				assert_true(i >= 0 && k == (size_t)(n + q));
				assert_string_equal(p[i].method, "gap");
			}
		}
		free(p);
	}
	/* four of the 42 items are left after the programme (these two rows): with a bar of 0.07,
	 * under that share (2.9 items), the gap is not filled; at 0.1 (4.2) it would be */
	align_with(&d, &A->m.fill_share, 0.07, &p, &np);
	assert_int_equal(pair_of(p, np, 1, &k), -1);
	assert_int_equal(pair_of(p, np, 2, &k), -1);
	free(p);
	later_on(A, later);
}

/* Editing notes in a zh block then a ko block (bench/align/make_docs.py, notes at 40% dropped,
 * seed 1): two in five notes lost their partner.  佢隻手畫咗六隻手指… and 附件是第12集… have
 * no Korean; 문의 위치가… and 전기사정으로… no Chinese; they stand in the same places of the two
 * blocks, and the programme pairs them for place and length alone.  A third of the items are
 * left unpaired here, and the pairs that rest on nothing else are undone. */
static void
test_prune_orphans(void **state)
{
	static const char *const zh[] = { "原画第5张和第6张之间动作不连贯。", "S040 C002 第1帧到第8帧的颜色闪烁。",
		"4月1日之前请确认所有颜色。", "时间很紧，请加班完成。", "检查一下对方发来的文件是不是齐全。",
		"这个问题上次已经说过了。", "整体的对比度降低10%。", "背景的亮度降低20%。", "汇款单已经发给财务了。",
		"小孩子的头身比是1比4。", "景深模糊的范围太大了。", "角色设定有修改，请下载最新的设定集。",
		"佢隻手畫咗六隻手指，要改返五隻。", "开门的动作要提前6帧。这个镜头的光源在右边。", "附件是第12集的修改清单。",
		"摄影的时候第3层和第4层的顺序反了。", "哥哥比妹妹高一个头。" };
	/* Korean on the Chinese lines 8, 12 and 14 (index 7, 11, 13), then the Korean block */
	static const char *const ko_line[] = { "배경의 밝기를 20% 낮춰 주세요.",
		"인물설정이 수정되였습니다. 최신 설정집을 내려받으십시오. 렌더링 파일이 너무 큽니다. 압축한 뒤에 다시 올려 주세요.",
		"문을 여는 동작을 6장 앞당겨야 합니다." };
	static const int ko_at[] = { 7, 11, 13 };
	static const char *const ko[] = { "원화 5번째 장과 6번째 장 사이의 동작이 련결되지 않습니다.",
		"S040 C002 1번째 장부터 8번째 장까지 색이 깜빡입니다. 4월 1일까지 모든 색갈을 확인하여주십시오.",
		"S033 C007 《쓔웅》 효과음 글자를 더 크게 그려주십시오.", "피사계 심도 흐림 범위가 너무 큽니다.",
		"문의 위치가 앞 화면과 다릅니다.", "전기사정으로 오늘 작업은 중단되였습니다.",
		"촬영할 때 3번째 층과 4번째 층의 순서가 바뀌였습니다.", "3월 20일이 마지막 기한이며 그 뒤에는 수정을 받지 않습니다." };
	struct bx_align *A = aligner();
	struct later_signals later;
	struct tdoc d = { .n = 0 };
	size_t zat[17], kat[8], np, k;
	struct bx_apair *p;

	(void)state;
	later = later_off(A);
	for (int q = 0, w = 0; q < 17; q++) {
		zat[q] = d.n;
		add(&d, BX_LANG_ZH, zh[q], q, false);
		if (w < 3 && ko_at[w] == q)
			add(&d, BX_LANG_KO, ko_line[w++], q, false);
	}
	for (int q = 0; q < 8; q++) {
		kat[q] = d.n;
		add(&d, BX_LANG_KO, ko[q], 18 + q, false);
	}
	for (int with = 0; with < 2; with++) {
		/* a share of 2: no document leaves so many */
		align_with(&d, &A->m.prune_share, with ? A->m.prune_share : 2, &p, &np);
		if (!with) {
			assert_true(pair_of(p, np, zat[12], &k) >= 0 && k == kat[4]);
		} else {
			assert_int_equal(pair_of(p, np, zat[12], &k), -1);
			assert_int_equal(pair_of(p, np, zat[14], &k), -1);
			for (size_t i = 0; i < np; i++)
				assert_true(p[i].ko[0] != kat[4] && p[i].ko[0] != kat[5]);
		}
		/* the translations keep their notes either way */
		assert_true(pair_of(p, np, zat[0], &k) >= 0 && k == kat[0]);
		assert_true(pair_of(p, np, zat[10], &k) >= 0 && k == kat[3]);
		assert_true(pair_of(p, np, zat[15], &k) >= 0 && k == kat[6]);
		free(p);
	}
	later_on(A, later);
}

/* A zh line of two sentences (这娃儿真可爱！我们需要您！) whose Korean takes two lines, and before it
 * a note whose translation is missing (开始睡觉。).  The programme pairs that note with the first
 * Korean line for place and length alone (no word shared), and the extension could not take the
 * line for the pair it belongs to (可爱 / 귀여, 需要 / 필요: split_fits).  Content beats place: the
 * place-only pair is undone and the line joins the pair. */
static void
test_split_takes_weak(void **state)
{
	static const char *const zh[] = { "土豆太热，以至于我烫到了嘴。", "世界就是一个疯子的囚笼。",
		"我七点左右来就可以了吧？", "这间宿舍住着两个美国留学生。", "开始睡觉。", "这娃儿真可爱！",
		"我们需要您！", "那个小女孩边大声哭喊边寻找着自己的妈妈。", "我很快就會回來。" };
	static const int zline[] = { 0, 1, 2, 3, 4, 5, 5, 6, 7 };
	static const char *const ko[] = { "감자가 매우 뜨거워서 나는 입을 데었다.", "이 세상은 미치광이들의 소굴이다",
		"내가 7시경에 오면 되겠습니까?", "이 기숙사에는 미국인 유학생 두명이 살고 있어.", "참 귀여운 아기구나!",
		"우리는 당신이 필요해요.", "그 여자애가 큰 소리로 울면서 어머니를 찾고 있었다.", "곧 돌아올께요." };
	struct tdoc d = { .n = 0 };
	struct bx_align *A = aligner();
	struct later_signals later;
	struct bx_apair *p;
	size_t np, k;
	int i;

	(void)state;
	later = later_off(A);
	add_block(&d, BX_LANG_ZH, zh, zline, NELEM(zh), 0);
	add_block(&d, BX_LANG_KO, ko, NULL, NELEM(ko), 10);
	for (int with = 0; with < 2; with++) {
		/* no pair is place-only under -100 */
		i = pair_with(&d, &A->m.prune_logit, with ? A->m.prune_logit : -100, 5, &p, &np, &k);
		if (!with) {
			assert_true(pair_of(p, np, 4, &k) >= 0 && k == 13);
		} else {
			assert_int_equal(pair_of(p, np, 4, &k), -1);
			assert_int_equal(p[i].nzh, 2);
			assert_int_equal(p[i].nko, 2);
			assert_true(p[i].ko[0] == 13 && p[i].ko[1] == 14);
		}
		free(p);
	}
	later_on(A, later);
}

/* A zh line of two sentences (哪裡有問題?我明年想学中文。) whose Korean takes two lines, and after
 * it a note whose translation is missing (他把牛奶倒到杯子里了。; so is the first note's).  The
 * programme paired that note with the second Korean line: a syllable or two read like its hanzi
 * (readings 1.49), so its content was not nil, though every word the lexicon knows on either
 * side misses the other (-2.93).  Counted with those misses the pair rests on place alone, and
 * the line joins the pair it translates a sentence of (the build before this rule fails here;
 * without the first note it does not). */
static void
test_split_takes_chance(void **state)
{
	static const char *const zh[] = { "我就想看看汤姆的房间。", "你在哪里工作？", "你学韩文多久了？",
		"哪裡有問題?", "我明年想学中文。", "他把牛奶倒到杯子里了。", "他在商界有很大的影響力。",
		"你有团子吗？", "上周末我爬山去了。", "我们公司是有限公司。" };
	static const int zline[] = { 0, 1, 2, 3, 3, 4, 5, 6, 7, 8 };
	static const char *const ko[] = { "어디에서 일해요?", "한국어를 공부한 지 얼마나 됐어요?",
		"무엇이 문제입니까?", "나는 내년에 중국어를 배우고 싶다.", "그는 재계에서 큰 영향력을 가지고 있다.",
		"내가 7시경에 오면 되겠습니까?", "지난 주말에 산으로 소풍을 갔다.", "우리 회사는 유한회사이다." };
	struct tdoc d = { .n = 0 };
	struct bx_apair *p;
	size_t np, k;
	int i;

	(void)state;
	add_block(&d, BX_LANG_ZH, zh, zline, NELEM(zh), 0);
	add_block(&d, BX_LANG_KO, ko, NULL, NELEM(ko), 10);
	assert_int_equal(bx_align_doc(aligner(), "t", d.v, d.n, 0, &p, &np), BILEX_OK);
	i = pair_of(p, np, 3, &k);
	assert_true(i >= 0);
	assert_int_equal(p[i].nzh, 2);
	assert_int_equal(p[i].nko, 2);
	assert_true(p[i].ko[0] == 12 && p[i].ko[1] == 13);
	assert_int_equal(pair_of(p, np, 5, &k), -1); /* 他把牛奶… stays alone */
	assert_true(pair_of(p, np, 6, &k) >= 0 && k == 14);
	free(p);
}

/* Two zh lines whose Korean is one line of two sentences (你在干什麼啊？ 我觉得汤姆需要减肥了。 /
 * 뭐해? 톰은 다이어트를 해야할 것 같아.), in a document where every note has its translation (随便说点
 *什么。's, an idiom, the lexicon does not see: 아무 말이나 해봐.).  The second zh line pairs with
 * the Korean line by its words; nothing the lexicon knows ties 你在干什麼啊？ to 뭐해?, and only the
 * bar for the sentence beside an unpaired neighbour, where few items are left (sub_edge), makes
 * the two lines one unit. */
static void
test_sub_edge(void **state)
{
	static const char *const zh[] = { "你在哪里工作？", "随便说点什么。", "你在干什麼啊？",
		"我觉得汤姆需要减肥了。", "他在商界有很大的影響力。", "上周末我爬山去了。", "我们公司是有限公司。",
		"土豆太热，以至于我烫到了嘴。", "世界就是一个疯子的囚笼。", "这间宿舍住着两个美国留学生。",
		"那个小女孩边大声哭喊边寻找着自己的妈妈。" };
	static const char *const ko[] = { "어디에서 일해요?", "아무 말이나 해봐.", "뭐해?",
		"톰은 다이어트를 해야할 것 같아.", "그는 재계에서 큰 영향력을 가지고 있다.", "지난 주말에 산으로 소풍을 갔다.",
		"우리 회사는 유한회사이다.", "감자가 매우 뜨거워서 나는 입을 데었다.", "이 세상은 미치광이들의 소굴이다",
		"이 기숙사에는 미국인 유학생 두명이 살고 있어.", "그 여자애가 큰 소리로 울면서 어머니를 찾고 있었다." };
	static const int kline[] = { 20, 21, 22, 22, 23, 24, 25, 26, 27, 28, 29 };
	struct tdoc d = { .n = 0 };
	struct bx_align *A = aligner();
	struct bx_apair *p;
	size_t np, k;
	int i;

	(void)state;
	add_block(&d, BX_LANG_ZH, zh, NULL, NELEM(zh), 0);
	add_block(&d, BX_LANG_KO, ko, kline, NELEM(ko), 0);
	for (int with = 0; with < 2; with++) {
		i = pair_with(&d, &A->m.sub_edge, with ? A->m.sub_edge : A->m.sub_fit, 3, &p, &np, &k);
		assert_int_equal(k, 13); /* 뭐해? 톰은…: the line's first segment */
		assert_int_equal(p[i].nko, 2);
		assert_int_equal(p[i].nzh, with ? 2 : 1);
		assert_int_equal(p[i].zh[0], with ? 2 : 3);
		free(p);
	}
}

/* A zh line of two questions' worth (你在干什麼啊？受到他们的衷心欢迎。) paired by its second sentence
 * with 그들의 충심어린 환영을 받았다., and before that line's Korean an unpaired 뭐해?.  A fifth of the
 * document's items have no partner (为什么不？'s is missing), too many for the bar of a document
 * with few left; but a question beside the pair where its line has a question is that
 * question's translation, at the same bar (sub_edge), and the pair takes it. */
static void
test_sub_edge_question(void **state)
{
	struct tdoc d = { .n = 0 };
	struct bx_align *A = aligner();
	struct bx_apair *p;
	size_t np, k;
	int i;

	(void)state;
	add(&d, BX_LANG_ZH, "你在干什麼啊？", 0, false);
	add(&d, BX_LANG_ZH, "受到他们的衷心欢迎。", 0, false);
	add(&d, BX_LANG_ZH, "汤姆和一个叫玛丽的加拿大人结婚了。", 1, false);
	add(&d, BX_LANG_KO, "톰은 메리라는 캐나다 사람이랑 결혼했어.", 1, false);
	add(&d, BX_LANG_ZH, "为什么不？", 2, false);
	add(&d, BX_LANG_ZH, "请给我一张芝加哥的往返票。", 3, false);
	add(&d, BX_LANG_KO, "뭐해?", 10, false);
	add(&d, BX_LANG_KO, "그들의 충심어린 환영을 받았다.", 11, false);
	add(&d, BX_LANG_KO, "시카고 왕복표 한 장 주세요.", 12, false);
	for (int with = 0; with < 2; with++) {
		i = pair_with(&d, &A->m.sub_edge, with ? A->m.sub_edge : A->m.sub_fit, 0, &p, &np, &k);
		assert_int_equal(p[i].nzh, 2);
		assert_int_equal(p[i].nko, with ? 2 : 1);
		assert_int_equal(k, with ? 6 : 7);
		assert_int_equal(pair_of(p, np, 4, &k), -1); /* 为什么不？ stays alone */
		free(p);
	}
}

/* A merge's added line asks where the other side asks nothing: 我就想看看汤姆的房间。 faces
 * 톰의 방을 보고 싶었어., and before it the orphan 너 감옥에 간 적 있어? (its note was dropped).  Taken,
 * the question lengthens the Korean to the note's length, and the merged line ends in 싶었어.,
 * so no question clash shows in the whole pair's signals; the part's own question costs
 * part_ask and the pair stays one to one. */
static void
test_part_ask(void **state)
{
	static const char *const zh[] = { "据说女性一般不怎么会倒车入位。", "抓贼啊！", "一直打扰你不好意思。",
		"我就想看看汤姆的房间。", "我不知道。", "你为什么哭？" };
	static const char *const ko[] = { "여자들은 후진 주차를 잘 못한다고 한다.", "도둑 잡아라!",
		"자꾸 귀찮게 해서 미안해.", "너 감옥에 간 적 있어?", "톰의 방을 보고 싶었어.", "모르겠어요.",
		"너 왜 울어?" };
	struct tdoc d = { .n = 0 };
	struct bx_align *A = aligner();
	struct bx_apair *p;
	size_t np, k;
	int i;

	(void)state;
	add_block(&d, BX_LANG_ZH, zh, NULL, NELEM(zh), 0);
	add_block(&d, BX_LANG_KO, ko, NULL, NELEM(ko), 7);
	for (int with = 0; with < 2; with++) {
		i = pair_with(&d, &A->m.part_ask, with ? A->m.part_ask : 0, 3, &p, &np, &k);
		assert_int_equal(p[i].nzh, 1);
		assert_int_equal(p[i].nko, with ? 1 : 2);
		assert_int_equal(k, with ? 10 : 9); /* 톰의 방을…, or the question before it */
		free(p);
	}
}

/* Editing notes, each Chinese line followed by its Korean line, but for two neighbours whose
 * partners are missing: 中间画… (its Korean dropped) then 《아》라고… (its Chinese dropped).
 * The layout says "next line" and the lengths agree; only the thin signal, measured against
 * how much the other pairs of this document share, keeps them apart. */
static void
test_thin_orphans(void **state)
{
	static const char *const doc[][2] = {
		{ "头的形状要再修改一下，请画得圆一些。", "머리 모양을 조금 더 수정해 주세요. 더 둥글게 그려 주세요." },
		{ "S012 C035 人物的手画得太大了，请改小一点。", "S012 C035 인물의 손이 너무 크게 그려져있습니다. 좀 작게 고쳐주십시오." },
		{ "原画第5张和第6张之间动作不连贯。", "원화 5번째 장과 6번째 장 사이의 동작이 련결되지 않습니다." },
		{ "脸的比例不对，下巴太长了。", "얼굴 비율이 맞지 않습니다. 턱이 너무 깁니다." },
		{ "中间画请按照原画的轨迹画，不要走直线。", NULL },
		{ NULL, "《아》라고 말할 때 입을 크게 벌려야 합니다." },
		{ "主角转身的时候头发的动作太僵硬了。", "주인공이 몸을 돌릴 때 머리결의 움직임이 너무 굳어있습니다." },
		{ "S003 C012 请参考设定集第12页重新画衣服的褶皱。", "S003 C012 설정집 12페지를 참고하여 옷의 주름을 다시 그려주십시오." },
		{ "角色的眼睛大小左右不一样，请统一。", "인물의 눈 크기가 좌우 다릅니다. 꼭같이 맞추십시오." },
		{ "这个镜头的人物太小了，请放大到110%。", "이 화면의 인물이 너무 작습니다. 110%로 확대하여주십시오." },
	};
	struct tdoc d = { .n = 0 };
	struct bx_apair *p;
	size_t np, k, orphan_zh = 0, orphan_ko = 0, zh_at[10];
	int line = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(doc) / sizeof(doc[0]); i++) {
		if (doc[i][0]) {
			zh_at[i] = d.n;
			if (doc[i][1] == NULL)
				orphan_zh = d.n;
			add(&d, BX_LANG_ZH, doc[i][0], line++, false);
		}
		if (doc[i][1]) {
			if (doc[i][0] == NULL)
				orphan_ko = d.n;
			add(&d, BX_LANG_KO, doc[i][1], line++, false);
		}
	}
	assert_int_equal(bx_align_doc(aligner(), "t", d.v, d.n, 0, &p, &np), BILEX_OK);
	assert_true(pair_of(p, np, orphan_zh, &k) < 0);
	for (size_t i = 0; i < np; i++)
		assert_true(p[i].ko[0] != orphan_ko);
	/* every other note keeps its translation, the line after it */
	for (size_t i = 0; i < sizeof(doc) / sizeof(doc[0]); i++)
		if (doc[i][0] && doc[i][1])
			assert_true(pair_of(p, np, zh_at[i], &k) >= 0 && k == zh_at[i] + 1);
	free(p);
}

/* Editing notes (tests/gen/notes.tsv) as a zh block then a ko block, the last eight rows
 * written with their translation on the same line, and one row whose Chinese and Korean are
 * two different notes, each without its partner.  The document's level comes from the
 * same-line pairs and from the diagonal of the items left: in document order the same-line
 * Korean comes first, and the diagonal of all items (stop 11's calibrate) fell eight places
 * from every partner, so the level was low, the thin signal off and the two orphans paired for
 * their position. */
/* The first n editing notes of tests/gen/notes.tsv. */
static void
read_notes(char (*zh)[512], char (*ko)[512], int n)
{
	const char *src = getenv("srcdir");
	char path[1024], line[4096];
	int got = 0;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/tests/gen/notes.tsv", src ? src : ".");
	fp = fopen(path, "r");
	assert_non_null(fp);
	while (got < n && fgets(line, sizeof(line), fp)) {
		char *f[6], *save = NULL;
		int nf = 0;

		for (char *t = strtok_r(line, "\t\n", &save); t && nf < 6;
		    t = strtok_r(NULL, "\t\n", &save))
			f[nf++] = t;
		if (nf < 4 || line[0] != 'n')
			continue;
		snprintf(zh[got], 512, "%s", f[1]);
		snprintf(ko[got], 512, "%s", f[3]);
		got++;
	}
	fclose(fp);
	assert_int_equal(got, n);
}

static void
test_thin_blocks(void **state)
{
	static char zh[25][512], ko[25][512];
	struct tdoc d = { .n = 0 };
	struct bx_apair *p;
	size_t np, k, zat[24], kat[24];

	(void)state;
	read_notes(zh, ko, 25);
	for (int i = 0; i < 24; i++) {
		zat[i] = d.n;
		add(&d, BX_LANG_ZH, zh[i], i, false);
		if (i >= 16) { /* same line */
			kat[i] = d.n;
			add(&d, BX_LANG_KO, ko[i], i, false);
		}
	}
	for (int i = 0; i < 16; i++) {
		kat[i] = d.n;
		/* row 5: the Korean of note 25, whose Chinese is missing; note 6's is missing */
		add(&d, BX_LANG_KO, i == 5 ? ko[24] : ko[i], 30 + i, false);
	}
	assert_int_equal(bx_align_doc(aligner(), "t", d.v, d.n, 0, &p, &np), BILEX_OK);
	assert_true(pair_of(p, np, zat[5], &k) < 0);
	for (size_t i = 0; i < np; i++)
		for (int t = 0; t < p[i].nko; t++)
			assert_true(p[i].ko[t] != kat[5]);
	for (int i = 0; i < 24; i++)
		if (i != 5)
			assert_true(pair_of(p, np, zat[i], &k) >= 0 && k == kat[i]);
	free(p);
}

/* Editing notes each written with its translation on its own line, but for a note whose
 * translation is missing, followed by a translation whose note is missing: a document that
 * writes translations on the line does not pair two lines for their order (F_OFF_LINE); with
 * the signal's weight at 0 it does.  The thin signal, which would also keep these two apart,
 * is off for the test. */
static void
test_off_line(void **state)
{
	static char zh[25][512], ko[25][512];
	struct bx_align *A = aligner();
	struct later_signals later;
	double keep = A->m.w[F_OFF_LINE], thin = A->m.w[F_THIN];

	(void)state;
	later = later_off(A);
	read_notes(zh, ko, 25);
	for (int with = 1; with >= 0; with--) {
		struct tdoc d = { .n = 0 };
		struct bx_apair *p;
		size_t np, k, lone_zh = 0, lone_ko = 0;
		bool paired = false;

		for (int i = 0; i < 16; i++) {
			if (i == 7) {
				lone_zh = d.n;
				add(&d, BX_LANG_ZH, zh[i], 100 + i, false);
				lone_ko = d.n;
				add(&d, BX_LANG_KO, ko[24], 200 + i, false);
				continue;
			}
			add(&d, BX_LANG_ZH, zh[i], i, false);
			add(&d, BX_LANG_KO, ko[i], i, false);
		}
		A->m.w[F_OFF_LINE] = with ? keep : 0;
		A->m.w[F_THIN] = 0;
		assert_int_equal(bx_align_doc(A, "t", d.v, d.n, 0, &p, &np), BILEX_OK);
		A->m.w[F_THIN] = thin;
		paired = pair_of(p, np, lone_zh, &k) >= 0 && k == lone_ko;
		assert_true(paired == !with);
		free(p);
	}
	A->m.w[F_OFF_LINE] = keep;
	A->m.w[F_THIN] = thin;
	later_on(A, later);
}

/* A zh block then a ko block of editing notes.  The fifth note has two sentences, but only
 * the first was translated, and the Korean line before that translation is another note whose
 * Chinese is missing.  The sentence counts favour a 1-2 unit of both Korean lines; the orphan
 * shares nothing with the note, so the merge is not earned (part_penalty). */
static void
test_thin_merge(void **state)
{
	static const char *const zh[] = { "头的形状要再修改一下，请画得圆一些。",
		"S012 C035 人物的手画得太大了，请改小一点。", "原画第5张和第6张之间动作不连贯。",
		"脸的比例不对，下巴太长了。", "下嘴唇的动作要和声音同步。人物的影子方向和光源不一致。",
		"主角转身的时候头发的动作太僵硬了。", "S003 C012 请参考设定集第12页重新画衣服的褶皱。",
		"角色的眼睛大小左右不一样，请统一。" };
	static const char *const ko[] = { "머리 모양을 조금 더 수정해 주세요. 더 둥글게 그려 주세요.",
		"S012 C035 인물의 손이 너무 크게 그려져있습니다. 좀 작게 고쳐주십시오.",
		"원화 5번째 장과 6번째 장 사이의 동작이 련결되지 않습니다.", "얼굴 비율이 맞지 않습니다. 턱이 너무 깁니다.",
		"지난번 송금이 아직 들어오지 않았습니다.", "아래입술의 움직임이 소리와 맞아야 합니다.",
		"주인공이 몸을 돌릴 때 머리결의 움직임이 너무 굳어있습니다.",
		"S003 C012 설정집 12페지를 참고하여 옷의 주름을 다시 그려주십시오.",
		"인물의 눈 크기가 좌우 다릅니다. 꼭같이 맞추십시오." };
	struct tdoc d = { .n = 0 };
	struct bx_apair *p;
	size_t np, k, nz = sizeof(zh) / sizeof(zh[0]), nk = sizeof(ko) / sizeof(ko[0]);
	int i;

	(void)state;
	for (size_t q = 0; q < nz; q++)
		add(&d, BX_LANG_ZH, zh[q], (int)q, false);
	for (size_t q = 0; q < nk; q++)
		add(&d, BX_LANG_KO, ko[q], 20 + (int)q, false);
	assert_int_equal(bx_align_doc(aligner(), "t", d.v, d.n, 0, &p, &np), BILEX_OK);
	i = pair_of(p, np, 4, &k);
	assert_true(i >= 0);
	assert_int_equal(p[i].nko, 1);
	assert_int_equal(p[i].ko[0], nz + 5);      /* the translation, without the orphan */
	for (size_t q = 0; q < np; q++)
		for (int t = 0; t < p[q].nko; t++)
			assert_true(p[q].ko[t] != nz + 4);
	free(p);
}

static void
test_two_to_one(void **state)
{
	/* one Korean line translates two Chinese lines */
	struct tdoc d = { .n = 0 };
	struct bx_apair *p;
	size_t np, k;
	int i;

	(void)state;
	add(&d, BX_LANG_ZH, "合成的时候背景和人物的亮度不一样。", 0, false);
	add(&d, BX_LANG_ZH, "这个动作太快了，要多停两帧。", 1, false);
	add(&d, BX_LANG_KO, "합성할 때 배경과 인물의 밝기가 다릅니다. 이 동작이 너무 빠릅니다. 두 장 더 멈춰야 합니다.",
	    2, false);
	assert_int_equal(bx_align_doc(aligner(), "t", d.v, d.n, 0, &p, &np), BILEX_OK);
	assert_int_equal(np, 1);
	i = pair_of(p, np, 0, &k);
	assert_true(i >= 0);
	assert_int_equal(p[i].nzh, 2);
	assert_int_equal(k, 2);
	free(p);
}

/* A Korean line of two sentences translating two Chinese lines, where the second line's pair is
 * strong and the first line shares only a few readings with the Korean: scored whole, the merge
 * loses (the first line dilutes the shares), but cut at the sentence, each part translates its
 * own line (extend's split_fits). */
static void
test_split_merge(void **state)
{
	static const char *const zh[] = { "他昨天去哪儿了？", "然而，这种理论往往也是正确的。",
		"由于交通事故，火车晚点了两个小时。", "明天我们一起去图书馆吧。" };
	/* the second line's two sentences are two segments of one unit, as the text stage
	 * gives them */
	static const char *const ko[] = { "그는 어제 어디에 갔어?", "그러나 이런 이론도 종종 정확하다.",
		"교통사고 때문에 기차가 두 시간 늦었다.", "내일 우리 같이 도서관에 가자." };
	static const int ko_unit[] = { 10, 11, 11, 12 };
	struct bx_align *A = aligner();
	struct later_signals later;

	(void)state;
	later = later_off(A);
	for (int with = 1; with >= 0; with--) {
		struct tdoc d = { .n = 0 };
		struct bx_apair *p;
		size_t np, k;
		int i;

		add_block(&d, BX_LANG_ZH, zh, NULL, NELEM(zh), 0);
		add_block(&d, BX_LANG_KO, ko, ko_unit, NELEM(ko), 0);
		i = pair_with(&d, &A->m.split_min, with ? A->m.split_min : 0, 2, &p, &np, &k);
		assert_int_equal(k, 5);                 /* the two-sentence Korean line */
		assert_int_equal(p[i].nzh, with ? 2 : 1); /* lines 1 and 2 only with the split */
		free(p);
	}
	later_on(A, later);
}

/* Editing notes in a zh block then a ko block.  The second note's line holds two sentences, of
 * which the go-between translated the first only: scored whole, the long untranslated sentence
 * makes the lengths and the words disagree and the line stays unpaired; scored by its first
 * sentence (partial, at a cost) it pairs.  When the second sentence's translation follows on
 * the next line, the pair takes it as well (sub_fits): a 1-2 unit. */
static void
test_partial_line(void **state)
{
	static const char *const zh[] = { "头的形状要再修改一下，请画得圆一些。", "背景的颜色太暗了，请调亮一点。",
		"汇款单已经发给财务了，下个月的合同请在本周之内签好寄回来，不然没法付款，财务那边也会很麻烦。",
		"S012 C034 第3帧眼睛的高光位置不对。", "衣服的颜色和设定不一样。" };
	static const char *const ko[] = { "머리 모양을 조금 더 수정해 주세요. 더 둥글게 그려 주세요.",
		"배경의 색이 너무 어둡습니다. 좀 밝게 해 주세요.",
		"송금표는 이미 재무에 보냈습니다.",
		"다음달 계약서는 이번 주 안에 서명해서 보내 주십시오. 그렇지 않으면 지불할 수 없고 재무 쪽도 곤란해집니다.",
		"S012 C034 3번째 장 눈의 하이라이트 위치가 틀립니다.", "옷의 색갈이 설정과 다릅니다." };
	struct bx_align *A = aligner();
	double keep = A->m.w[F_PARTIAL], partial_score = 0;

	(void)state;
	for (int both = 0; both < 2; both++) {
		for (int with = 1; with >= 0; with--) {
			struct tdoc d = { .n = 0 };
			struct bx_apair *p;
			size_t np, k, at = 0, sent = 0;
			int i;

			for (int q = 0; q < 5; q++) {
				if (q == 2) {
					/* two sentences, as the text stage gives them: two segments of
					 * one unit */
					at = d.n;
					add(&d, BX_LANG_ZH, "汇款单已经发给财务了。", q, false);
					add(&d, BX_LANG_ZH, zh[q] + strlen("汇款单已经发给财务了，"), q, false);
				} else {
					add(&d, BX_LANG_ZH, zh[q], q, false);
				}
			}
			for (int q = 0; q < 6; q++) {
				if (q == 2)
					sent = d.n;
				if (both || q != 3)
					add(&d, BX_LANG_KO, ko[q], 10 + q, false);
			}
			A->m.w[F_PARTIAL] = with ? keep : 0;
			assert_int_equal(bx_align_doc(A, "t", d.v, d.n, 0, &p, &np), BILEX_OK);
			A->m.w[F_PARTIAL] = keep;
			i = pair_of(p, np, at, &k);
			if (both) {
				/* both translations there: a 1-2 unit either way */
				assert_true(i >= 0);
				assert_int_equal(p[i].nzh, 2);
				assert_int_equal(p[i].nko, 2);
			} else if (with) {
				assert_true(i >= 0);
				assert_int_equal(k, sent); /* 송금표는 이미 재무에 보냈습니다. */
				assert_int_equal(p[i].nko, 1);
				assert_non_null(strstr(p[i].signals, "\"partial\""));
				partial_score = p[i].score;
			} else {
				/* scored whole, the pair is unpaired or weaker (财's gloss 재무 and the
				 * readings can carry it over the bar on their own) */
				assert_true(i == -1 || (k == sent && p[i].score < partial_score));
			}
			/* the other notes keep their translations */
			assert_true(pair_of(p, np, 0, &k) >= 0);
			assert_true(pair_of(p, np, at + 2, &k) >= 0);
			free(p);
		}
	}
}

/* A zh block of 30 editing notes, then the ko block: the first 4 translations, a section of 60
 * Korean lines the Chinese does not have (other notes' translations), then the other 26.  The
 * partners of the first notes after the section stand up to 60 places off the proportional
 * diagonal, out of the anchor pass's band (24 + 1.5 times the square root of the items: 38
 * here).  Keys that one or two items of each language hold (a shot id, a lexicon word) bring
 * them in as candidates; the heaviest increasing sequence keeps them as anchors, and the
 * programme between anchors does the rest. */
static void
test_inserted_section(void **state)
{
	static char zh[100][512], ko[100][512];
	struct bx_align *A = aligner();
	double keep = A->m.rare_df;
	int found[2];

	(void)state;
	read_notes(zh, ko, 100);
	for (int with = 0; with < 2; with++) {
		struct tdoc d = { .n = 0 };
		struct bx_apair *p;
		size_t np, k, kat[30];

		for (int i = 0; i < 30; i++)
			add(&d, BX_LANG_ZH, zh[i], i, false);
		for (int i = 0; i < 30; i++) {
			if (i == 4)
				for (int q = 0; q < 60; q++)
					add(&d, BX_LANG_KO, ko[40 + q], 100 + q, false);
			kat[i] = d.n;
			add(&d, BX_LANG_KO, ko[i], 200 + i, false);
		}
		A->m.rare_df = with ? keep : 0;
		assert_int_equal(bx_align_doc(A, "t", d.v, d.n, 0, &p, &np), BILEX_OK);
		A->m.rare_df = keep;
		found[with] = 0;
		for (int i = 4; i < 30; i++)
			found[with] += pair_of(p, np, (size_t)i, &k) >= 0 && k == kat[i];
		free(p);
	}
	/* all 26 with the rare keys; 21 without (the first five after the section are lost) */
	assert_int_equal(found[1], 26);
	assert_true(found[0] <= 22);
}

static void
test_bipartite_crossed(void **state)
{
	/* OCR boxes read in an order where the notes cross: A, B, B', A' */
	struct tdoc d = { .n = 0 };
	struct bx_apair *p;
	size_t np, k;

	(void)state;
	add(&d, BX_LANG_ZH, "头的形状要再修改一下，请画得圆一些。", 0, true);
	add(&d, BX_LANG_ZH, "S012 C034 背景的颜色太暗了。", 1, true);
	add(&d, BX_LANG_KO, "S012 C034 배경의 색이 너무 어둡습니다.", 2, true);
	add(&d, BX_LANG_KO, "머리 모양을 조금 더 수정해 주세요. 더 둥글게 그려 주세요.", 3, true);
	assert_int_equal(bx_align_doc(aligner(), "t", d.v, d.n, BX_ALIGN_BIPARTITE, &p, &np),
	    BILEX_OK);
	assert_int_equal(np, 2);
	assert_true(pair_of(p, np, 0, &k) >= 0 && k == 3);
	assert_true(pair_of(p, np, 1, &k) >= 0 && k == 2);
	assert_string_equal(p[0].method, "bipartite");
	free(p);
}

static void
test_reply(void **state)
{
	struct tdoc d = { .n = 0 };
	struct bx_apair *p;
	size_t np, k;

	(void)state;
	add(&d, BX_LANG_ZH, "手指的数量不对，只画了四根。", 0, false);
	d.s[0].ref = "comment:0";
	add(&d, BX_LANG_KO, "손가락 개수가 틀립니다.", 5, false);
	d.s[1].parent_ref = "comment:0";
	assert_int_equal(bx_align_doc(aligner(), "t", d.v, d.n, 0, &p, &np), BILEX_OK);
	assert_int_equal(np, 1);
	assert_true(pair_of(p, np, 0, &k) == 0 && k == 1);
	assert_string_equal(p[0].method, "reply");
	free(p);
}

/* A sheet of a zh column and a ko column that holds each translation in its note's row: a note
 * whose row has no translation stays unpaired, and so does a translation whose row has no
 * note, though they are neighbours, both questions and of one length (in a sheet of 120 rows,
 * such a pair scored 0.987); nor does a translation-only row join the pair above it.  The
 * same cells outside a table pair, which is what the rows decide.  A one-column table, its
 * translation in the row under its note, holds both languages in no row: it pairs across
 * rows. */
static const char *const row_zh[] = { "头的形状要再修改一下，请画得圆一些。", "背景的颜色太暗了，请调亮一点。",
	"您是在哪儿出生的呢？", NULL, "衣服的颜色和设定不一样。", NULL, "这个镜头没有声音。" };
static const char *const row_ko[] = { "머리 모양을 조금 더 수정해 주세요. 더 둥글게 그려 주세요.",
	"배경의 색이 너무 어둡습니다. 좀 밝게 해 주세요.", NULL, "샌드위치가 아직 몇 개나 남아 있지요?",
	"옷의 색갈이 설정과 다릅니다.", "래일 오후 5시전으로 동화를 반드시 평양에 보내야 합니다.",
	"이 장면에는 소리가 없습니다." };

/* The rows above as cells of a table (col 0 and 1 of row r), or as lines (table false); in
 * zh[r] and ko[r] the segment index of each cell, or -1 for an empty one. */
static void
add_rows(struct tdoc *d, bool table, int *zh, int *ko)
{
	for (int r = 0; r < (int)NELEM(row_zh); r++)
		for (int c = 0; c < 2; c++) {
			const char *t = c ? row_ko[r] : row_zh[r];

			(c ? ko : zh)[r] = t ? (int)d->n : -1;
			if (t == NULL)
				continue;
			add(d, c ? BX_LANG_KO : BX_LANG_ZH, t, 2 * r + c, false);
			d->s[d->n - 1].kind = "cell";
			d->s[d->n - 1].col = table ? c : -1;
			d->s[d->n - 1].line = table ? r : 2 * r + c;
		}
}

static void
test_table_rows(void **state)
{
	struct tdoc d = { .n = 0 }, l = { .n = 0 };
	struct bx_apair *p;
	size_t np, k;
	int zh[NELEM(row_zh)], ko[NELEM(row_zh)];

	(void)state;
	add_rows(&d, true, zh, ko);
	assert_int_equal(bx_align_doc(aligner(), "t", d.v, d.n, 0, &p, &np), BILEX_OK);
	assert_int_equal(np, 4);
	for (int r = 0; r < (int)NELEM(row_zh); r++) {
		if (zh[r] >= 0 && ko[r] >= 0) {
			int i = pair_of(p, np, (size_t)zh[r], &k);

			assert_true(i >= 0 && k == (size_t)ko[r] && p[i].nko == 1);
			assert_string_equal(p[i].method, "cell");
		} else if (zh[r] >= 0) {
			assert_true(pair_of(p, np, (size_t)zh[r], &k) < 0);
		}
	}
	free(p);

	/* as lines: the question finds the question */
	add_rows(&l, false, zh, ko);
	assert_int_equal(bx_align_doc(aligner(), "t", l.v, l.n, 0, &p, &np), BILEX_OK);
	assert_true(pair_of(p, np, (size_t)zh[2], &k) >= 0 && k == (size_t)ko[3]);
	free(p);

	/* one column: each note's translation in the row under it */
	memset(&l, 0, sizeof(l));
	for (int r = 0; r < 2; r++)
		for (int c = 0; c < 2; c++) {
			add(&l, c ? BX_LANG_KO : BX_LANG_ZH, c ? row_ko[r] : row_zh[r], 2 * r + c, false);
			l.s[l.n - 1].kind = "cell";
			l.s[l.n - 1].col = 0;
			l.s[l.n - 1].line = 2 * r + c;
		}
	assert_int_equal(bx_align_doc(aligner(), "t", l.v, l.n, 0, &p, &np), BILEX_OK);
	assert_int_equal(np, 2);
	assert_true(pair_of(p, np, 0, &k) == 0 && k == 1);
	assert_true(pair_of(p, np, 2, &k) == 1 && k == 3);
	free(p);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup(test_reading_signal, model_as_opened),
	cmocka_unit_test_setup(test_anchor_signal, model_as_opened),
	cmocka_unit_test_setup(test_length_and_glossary, model_as_opened),
	cmocka_unit_test_setup(test_lexicon_signal, model_as_opened),
	cmocka_unit_test_setup(test_gloss_lexicon, model_as_opened),
	cmocka_unit_test_setup(test_catalog_words, model_as_opened),
	cmocka_unit_test_setup(test_cldr_words, model_as_opened),
	cmocka_unit_test_setup(test_tw_words, model_as_opened),
	cmocka_unit_test_setup(test_verb_stems, model_as_opened),
	cmocka_unit_test_setup(test_lexicon_miss_signal, model_as_opened),
	cmocka_unit_test_setup(test_lexicon_document_frequency, model_as_opened),
	cmocka_unit_test_setup(test_korean_fused_endings, model_as_opened),
	cmocka_unit_test_setup(test_same_line, model_as_opened),
	cmocka_unit_test_setup(test_same_line_whole, model_as_opened),
	cmocka_unit_test_setup(test_dp_with_unpaired, model_as_opened),
	cmocka_unit_test_setup(test_gap_fill, model_as_opened),
	cmocka_unit_test_setup(test_prune_orphans, model_as_opened),
	cmocka_unit_test_setup(test_split_takes_weak, model_as_opened),
	cmocka_unit_test_setup(test_split_takes_chance, model_as_opened),
	cmocka_unit_test_setup(test_sub_edge, model_as_opened),
	cmocka_unit_test_setup(test_sub_edge_question, model_as_opened),
	cmocka_unit_test_setup(test_part_ask, model_as_opened),
	cmocka_unit_test_setup(test_thin_orphans, model_as_opened),
	cmocka_unit_test_setup(test_thin_blocks, model_as_opened),
	cmocka_unit_test_setup(test_thin_merge, model_as_opened),
	cmocka_unit_test_setup(test_off_line, model_as_opened),
	cmocka_unit_test_setup(test_two_to_one, model_as_opened),
	cmocka_unit_test_setup(test_split_merge, model_as_opened),
	cmocka_unit_test_setup(test_partial_line, model_as_opened),
	cmocka_unit_test_setup(test_inserted_section, model_as_opened),
	cmocka_unit_test_setup(test_bipartite_crossed, model_as_opened),
	cmocka_unit_test_setup(test_reply, model_as_opened),
	cmocka_unit_test_setup(test_table_rows, model_as_opened),
};

UNIT_SUITE(align_suite, tests);

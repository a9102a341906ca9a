/*
 * lexicon.c - what the aligner knows about Chinese and Korean words, loaded once per context
 * from langdata/:
 *   han-readings.tsv  Han character -> its Sino-Korean readings (Unihan kHangul through the
 *                     simplified, traditional, semantic and Z variants; initial-sound-law
 *                     forms added: 력/역, 로/노)
 *   hanja-words.tsv   Korean word -> hanja (simplified), from libhangul's hanja.txt
 *   glossary.tsv      production terms (zh, ko, flags), plus the user's --glossary
 *   lexicon.tsv       common words whose Korean is not their Sino-Korean reading (雨 비,
 *                     声音 소리, 画 그리|그려): zh, Korean forms as they occur in text
 *   tw-words.tsv      the same words in Taiwan's wording (软件 -> 软体 軟體), through OpenCC,
 *                     read as optional entries
 *   han-glosses.tsv   common hanzi and the native words of their hanja glosses (头 머리,
 *                     雪 눈), read as optional lexicon entries
 *   catalog-words.tsv software's words (图像 이미지, 节点 노드), learned from the zh_CN, zh_TW
 *                     and ko message catalogues of Debian packages, read as optional entries
 *   cldr-words.tsv    everyday things and names (收音机 라디오, 昨天 어제, 芝加哥 시카고) that
 *                     Unicode CLDR names under one key in zh, zh_Hant and ko, optional entries
 */
#include "align-int.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>

/* ---- readings: open addressing, code point -> run of syllables in a pool ----------------- */

#define READ_BITS 16
#define READ_SLOTS (1u << READ_BITS)

static uint32_t
hash_cp(UChar32 c)
{
	return bx_hash_bits((uint32_t)c, READ_BITS);
}

static int
add_reading(struct bx_lexicon *x, UChar32 c, const uint16_t *syl, int n)
{
	uint32_t h = hash_cp(c);

	if (x->nread * 2 >= READ_SLOTS || n <= 0)
		return 0; /* table full or nothing to add: the rest of the file is ignored */
	while (x->read_key[h] != 0 && x->read_key[h] != c)
		h = (h + 1) & (READ_SLOTS - 1);
	if (x->read_key[h] == c)
		return 0; /* first line wins */
	if (x->npool + (size_t)n > x->poolcap) {
		size_t ncap = x->poolcap ? x->poolcap * 2 : 65536;
		uint16_t *np = realloc(x->pool, ncap * sizeof(*np));

		if (np == NULL)
			return -1;
		x->pool = np;
		x->poolcap = ncap;
	}
	memcpy(x->pool + x->npool, syl, (size_t)n * sizeof(*syl));
	x->read_key[h] = c;
	x->read_val[h] = (uint32_t)x->npool << 8 | (uint32_t)(n > 255 ? 255 : n);
	x->npool += (size_t)n;
	x->nread++;
	return 0;
}

static int
reading_line(void *arg, char **f, int nf)
{
	struct bx_lexicon *x = arg;
	int32_t i, n;
	UChar32 c, s;
	uint16_t syl[64];
	int ns = 0;

	if (nf < 2 || (c = bx_tsv_char(f[0])) <= 0)
		return 0;
	n = (int32_t)strlen(f[1]);
	for (i = 0; i < n && ns < 64;) {
		U8_NEXT(f[1], i, n, s);
		if (bx_is_syllable(s))
			syl[ns++] = (uint16_t)s;
	}
	return add_reading(x, c, syl, ns);
}

int
bx_lex_readings(const struct bx_lexicon *x, UChar32 c, const uint16_t **out)
{
	uint32_t h = hash_cp(c);

	while (x->read_key[h] != 0) {
		if (x->read_key[h] == c) {
			*out = x->pool + (x->read_val[h] >> 8);
			return (int)(x->read_val[h] & 255);
		}
		h = (h + 1) & (READ_SLOTS - 1);
	}
	*out = NULL;
	return 0;
}

/* ---- hanja words: sorted (Hangul key, hanja value) pairs, both packed into 64 bits ------- */

/* Up to four BMP code points in one integer, first in the high bits, so that numeric order is
 * the order of the strings and a key is its own hash. */
uint64_t
bx_pack4(const UChar *s, int n)
{
	uint64_t k = 0;

	for (int i = 0; i < 4; i++)
		k = k << 16 | (i < n ? s[i] : 0);
	return k;
}

static bool
utf8_to_bmp(const char *s, UChar *out, int *n, int max)
{
	int32_t i = 0, len = (int32_t)strlen(s);
	UChar32 c;

	*n = 0;
	while (i < len) {
		U8_NEXT(s, i, len, c);
		if (c <= 0 || c > 0xFFFF || *n >= max)
			return false;
		out[(*n)++] = (UChar)c;
	}
	return *n > 0;
}

static int
word_line(void *arg, char **f, int nf)
{
	struct bx_lexicon *x = arg;
	UChar ko[4], zh[4];
	int nk, nz;

	if (nf < 3 || !utf8_to_bmp(f[0], ko, &nk, 4) || !utf8_to_bmp(f[2], zh, &nz, 4) || nk < 2 ||
	    nk != nz)
		return 0;
	if (x->nwords == x->wordcap) {
		size_t ncap = x->wordcap ? x->wordcap * 2 : 1u << 16;
		struct bx_word *nw = realloc(x->words, ncap * sizeof(*nw));

		if (nw == NULL)
			return -1;
		x->words = nw;
		x->wordcap = ncap;
	}
	x->words[x->nwords].ko = bx_pack4(ko, nk);
	x->words[x->nwords].zh = bx_pack4(zh, nz);
	x->nwords++;
	return 0;
}

static int
word_cmp(const void *a, const void *b)
{
	const struct bx_word *x = a, *y = b;

	if (x->ko != y->ko)
		return x->ko < y->ko ? -1 : 1;
	return x->zh < y->zh ? -1 : x->zh > y->zh;
}

size_t
bx_lex_words(const struct bx_lexicon *x, uint64_t ko, const struct bx_word **first)
{
	size_t lo = 0, hi = x->nwords, end;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (x->words[mid].ko < ko)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < x->nwords && x->words[end].ko == ko; end++)
		;
	*first = x->words + lo;
	return end - lo;
}

/* ---- glossary -------------------------------------------------------------------------------- */

static int
gloss_line(void *arg, char **f, int nf)
{
	struct bx_lexicon *x = arg;
	struct bx_gloss *g;
	size_t kl;

	if (nf < 2 || !*f[0] || !*f[1])
		return 0;
	if (x->ngloss == x->glosscap) {
		size_t ncap = x->glosscap ? x->glosscap * 2 : 256;
		struct bx_gloss *ng = realloc(x->gloss, ncap * sizeof(*ng));

		if (ng == NULL)
			return -1;
		x->gloss = ng;
		x->glosscap = ncap;
	}
	g = &x->gloss[x->ngloss];
	memset(g, 0, sizeof(*g));
	g->zh = bx_strdup(f[0]);
	g->ko = bx_strdup(f[1]);
	if (g->zh == NULL || g->ko == NULL) {
		free(g->zh);
		free(g->ko);
		return -1;
	}
	/* verbs are listed in the dictionary form (다시 그리다): match the stem (다시 그리) */
	kl = strlen(g->ko);
	if (kl > 3 && strcmp(g->ko + kl - 3, "다") == 0 && kl > 6)
		g->ko[kl - 3] = '\0';
	g->zh_len = strlen(g->zh);
	g->ko_len = strlen(g->ko);
	g->false_friend = nf >= 3 && strstr(f[2], "false-friend") != NULL;
	g->loanword = nf >= 3 && strstr(f[2], "loanword") != NULL;
	x->ngloss++;
	return 0;
}

/* ---- lexicon ------------------------------------------------------------------------------ */

static int
add_form(struct bx_lexform **v, size_t *n, size_t *cap, const char *s, uint32_t entry,
    bool opt)
{
	struct bx_lexform *f;
	int len = 0;

	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 1024;
		struct bx_lexform *nv;

		if (ncap > (1u << 20))
			return 0; /* a lexicon of a million forms is not one: the rest is ignored */
		nv = realloc(*v, ncap * sizeof(*nv));
		if (nv == NULL)
			return -1;
		*v = nv;
		*cap = ncap;
	}
	f = &(*v)[*n];
	memset(f, 0, sizeof(*f));
	if (!utf8_to_bmp(s, f->s, &len, LEX_FORM_MAX))
		return 0; /* astral, too long or empty: not a form this matcher can hold */
	f->len = (uint8_t)len;
	f->entry = entry;
	f->opt = opt;
	(*n)++;
	return 0;
}

/* A one-syllable Korean verb stem, "자-" (an open syllable): the forms its common endings fuse
 * into it (잔 잡 잤 잘), each matched only where a verb can stand (enum bx_stem).  Written as a
 * plain form, 자 would match inside 여자야 and 남자고, and 자야 is no form either: 여자야. */
static int
add_stem(struct bx_lexicon *x, char *tok, bool opt)
{
	static const struct {
		int final;      /* jongseong index fused into the stem */
		uint8_t kind;
	} fused[] = { { 4, BX_STEM_N }, { 17, BX_STEM_B }, { 20, BX_STEM_SS }, { 8, BX_STEM_L } };
	size_t n0 = x->nlko;
	struct bx_lexform base;

	tok[strlen(tok) - 1] = '\0';
	if (add_form(&x->lko, &x->nlko, &x->capko, tok, x->nlex, opt) != 0)
		return -1;
	if (x->nlko == n0)
		return 0;
	base = x->lko[n0];
	if (base.len != 1 || !bx_is_syllable(base.s[0]) || (base.s[0] - 0xAC00) % 28 != 0) {
		x->nlko = n0; /* not an open syllable: no stem this matcher knows */
		return 0;
	}
	x->lko[n0].stem = BX_STEM_ENDING;
	for (size_t q = 0; q < sizeof(fused) / sizeof(fused[0]); q++) {
		size_t n1 = x->nlko;
		char u8[8];
		int32_t off = 0;
		UBool err = false;

		/* through UTF-8, as every form comes in: add_form keeps the growth and its cap */
		U8_APPEND((uint8_t *)u8, off, (int32_t)sizeof(u8) - 1, base.s[0] + fused[q].final,
		    err);
		if (err)
			return 0;
		u8[off] = '\0';
		if (add_form(&x->lko, &x->nlko, &x->capko, u8, x->nlex, opt) != 0)
			return -1;
		if (x->nlko > n1)
			x->lko[n1].stem = fused[q].kind;
	}
	return 0;
}

static int
lex_line(void *arg, char **f, int nf)
{
	struct bx_lexicon *x = arg;
	char *tok = f[1], *bar;
	/* "opt": a word translators often leave out (pronouns Korean drops, 很, 都, 在) */
	bool opt = nf >= 3 && strcmp(f[2], "opt") == 0;

	if (nf < 2 || !*f[0] || !*f[1])
		return 0;
	if (add_form(&x->lzh, &x->nlzh, &x->capzh, f[0], x->nlex, opt) != 0)
		return -1;
	/* Korean forms: 그리|그려|그린 */
	for (; tok; tok = bar ? bar + 1 : NULL) {
		bar = strchr(tok, '|');
		if (bar)
			*bar = '\0';
		if (*tok && tok[strlen(tok) - 1] == '-') {
			if (add_stem(x, tok, opt) != 0)
				return -1;
		} else if (*tok && add_form(&x->lko, &x->nlko, &x->capko, tok, x->nlex, opt) != 0) {
			return -1;
		}
	}
	x->nlex++;
	return 0;
}

static int
form_cmp(const void *a, const void *b)
{
	const struct bx_lexform *p = a, *q = b;

	/* by code unit, as numbers: form_index runs the forms of the same first two units */
	for (int i = 0; i < LEX_FORM_MAX; i++)
		if (p->s[i] != q->s[i])
			return p->s[i] < q->s[i] ? -1 : 1;
	return p->entry < q->entry ? -1 : p->entry > q->entry;
}

/* han-glosses.tsv, catalog-words.tsv and cldr-words.tsv, read after lexicon.tsv: every row is
 * "opt", counted where both sides hold it, never as a miss.  A gloss is one word among the
 * translations of its character (a miss for each lowered the development mean from 0.9301 to
 * 0.9251); a catalogue's word or CLDR's name is one translation a translator may choose.  A
 * row for a word lexicon.tsv has is left out: the curated forms are its translations (a gloss
 * is often a sense modern Chinese lost, 可 옳을; with the catalogues' rows for curated words,
 * 太 너무 twice, the editing notes lost 0.002 of strict F1 in blocks and sibling files). */
struct opt_load {
	struct bx_lexicon *x;
	struct bx_lexform *curated; /* lexicon.tsv's Chinese forms, sorted by text */
	size_t ncurated;
};

static int
text_cmp(const void *a, const void *b)
{
	const struct bx_lexform *p = a, *q = b;

	return memcmp(p->s, q->s, sizeof(p->s)); /* forms are zero-padded: equal text, equal bytes */
}

static int
opt_line(void *arg, char **f, int nf)
{
	struct opt_load *o = arg;
	struct bx_lexform key;
	char note[] = "opt";
	char *row[3];
	int len = 0;

	memset(&key, 0, sizeof(key));
	if (nf < 2 || !utf8_to_bmp(f[0], key.s, &len, LEX_FORM_MAX) ||
	    bsearch(&key, o->curated, o->ncurated, sizeof(key), text_cmp) != NULL)
		return 0;
	row[0] = f[0];
	row[1] = f[1];
	row[2] = note;
	return lex_line(o->x, row, 3);
}

/* the first ncurated Chinese forms are lexicon.tsv's */
static int
read_opt(struct bx_lexicon *x, size_t ncurated, const char *dir, char *err, size_t errlen)
{
	struct opt_load o = { .x = x, .ncurated = ncurated };
	int st;

	if (ncurated) {
		o.curated = malloc(ncurated * sizeof(*o.curated));
		if (o.curated == NULL) {
			snprintf(err, errlen, "out of memory");
			return BILEX_FATAL;
		}
		memcpy(o.curated, x->lzh, ncurated * sizeof(*o.curated));
		qsort(o.curated, ncurated, sizeof(*o.curated), text_cmp);
	}
	st = bx_tsv_read(dir, "han-glosses.tsv", opt_line, &o, err, errlen);
	if (st == BILEX_OK)
		st = bx_tsv_read(dir, "catalog-words.tsv", opt_line, &o, err, errlen);
	if (st == BILEX_OK)
		st = bx_tsv_read(dir, "cldr-words.tsv", opt_line, &o, err, errlen);
	free(o.curated);
	return st;
}

/* The lexicon is written in simplified characters; notes from Taiwan or Hong Kong are not.
 * ICU's Simplified-Traditional transform adds the traditional spelling of each Chinese form
 * (聲音 beside 声音), so that matching costs nothing more per note.  Without the transform
 * (an ICU built without its data) the lexicon stays simplified only. */
static int
add_traditional(struct bx_lexicon *x)
{
	UErrorCode err = U_ZERO_ERROR;
	UTransliterator *t = utrans_openU(u"Simplified-Traditional", -1, UTRANS_FORWARD, NULL, 0,
	    NULL, &err);
	size_t n = x->nlzh;

	if (U_FAILURE(err))
		return 0;
	for (size_t i = 0; i < n; i++) {
		UChar buf[LEX_FORM_MAX * 2];
		int32_t len = x->lzh[i].len, limit = len;
		struct bx_lexform *f;

		memcpy(buf, x->lzh[i].s, (size_t)len * sizeof(UChar));
		err = U_ZERO_ERROR;
		utrans_transUChars(t, buf, &len, (int32_t)(sizeof(buf) / sizeof(buf[0])), 0, &limit,
		    &err);
		if (U_FAILURE(err) || len <= 0 || len > LEX_FORM_MAX ||
		    (len == x->lzh[i].len && memcmp(buf, x->lzh[i].s, (size_t)len * sizeof(UChar)) == 0))
			continue;
		if (x->nlzh == x->capzh) {
			size_t ncap = x->capzh * 2;
			struct bx_lexform *nv = realloc(x->lzh, ncap * sizeof(*nv));

			if (nv == NULL) {
				utrans_close(t);
				return -1;
			}
			x->lzh = nv;
			x->capzh = ncap;
		}
		f = &x->lzh[x->nlzh++];
		memset(f, 0, sizeof(*f));
		memcpy(f->s, buf, (size_t)len * sizeof(UChar));
		f->len = (uint8_t)len;
		f->entry = x->lzh[i].entry;
		f->opt = x->lzh[i].opt;
	}
	utrans_close(t);
	return 0;
}

/* The two-unit index of v[0..n) (sorted by form_cmp, so the forms that start with the same
 * two units are one run).  Returns BILEX_FATAL without memory; an empty list gets no table. */
static int
form_index(const struct bx_lexform *v, size_t n, struct bx_formidx *idx)
{
	size_t keys = 0, slots = 16;
	int bits = 4;

	idx->slot = NULL;
	idx->mask = 0;
	idx->bits = 1;
	for (size_t q = 0; q < n; q++)
		keys += q == 0 || v[q].s[0] != v[q - 1].s[0] || v[q].s[1] != v[q - 1].s[1];
	if (keys == 0)
		return BILEX_OK;
	while (slots < 2 * keys) {
		slots *= 2;
		bits++;
	}
	idx->slot = calloc(slots, sizeof(*idx->slot));
	if (idx->slot == NULL)
		return BILEX_FATAL;
	idx->mask = (uint32_t)(slots - 1);
	idx->bits = bits;
	for (size_t q = 0; q < n;) {
		uint32_t key = (uint32_t)v[q].s[0] << 16 | v[q].s[1];
		uint32_t h = bx_hash_bits(key, idx->bits);
		size_t e = q;

		while (e < n && v[e].s[0] == v[q].s[0] && v[e].s[1] == v[q].s[1])
			e++;
		while (idx->slot[h].key != 0)
			h = (h + 1) & idx->mask;
		idx->slot[h] = (struct bx_formslot){ key, (uint32_t)q, (uint32_t)(e - q) };
		q = e;
	}
	return BILEX_OK;
}

/* ---- open / close ----------------------------------------------------------------------------- */

int
bx_lexicon_open(struct bx_lexicon **out, const char *dir, const char *user_glossary, char *err,
    size_t errlen)
{
	struct bx_lexicon *x = calloc(1, sizeof(*x));
	int st;

	*out = NULL;
	if (x == NULL) {
		snprintf(err, errlen, "out of memory");
		return BILEX_FATAL;
	}
	x->read_key = calloc(READ_SLOTS, sizeof(*x->read_key));
	x->read_val = calloc(READ_SLOTS, sizeof(*x->read_val));
	if (x->read_key == NULL || x->read_val == NULL) {
		bx_lexicon_close(x);
		snprintf(err, errlen, "out of memory");
		return BILEX_FATAL;
	}
	st = bx_tsv_read(dir, "han-readings.tsv", reading_line, x, err, errlen);
	if (st == BILEX_OK)
		st = bx_tsv_read(dir, "hanja-words.tsv", word_line, x, err, errlen);
	if (st == BILEX_OK) {
		qsort(x->words, x->nwords, sizeof(*x->words), word_cmp);
		st = bx_tsv_read(dir, "glossary.tsv", gloss_line, x, err, errlen);
	}
	if (st == BILEX_OK && user_glossary)
		st = bx_tsv_read(NULL, user_glossary, gloss_line, x, err, errlen);
	if (st == BILEX_OK) {
		st = bx_tsv_read(dir, "lexicon.tsv", lex_line, x, err, errlen);
		/* the same words in Taiwan's wording, curated as lexicon.tsv's rows (every row
		 * opt: learn-tw-words.py says why) */
		if (st == BILEX_OK)
			st = bx_tsv_read(dir, "tw-words.tsv", lex_line, x, err, errlen);
		if (st == BILEX_OK)
			st = read_opt(x, x->nlzh, dir, err, errlen);
		if (st == BILEX_OK && x->nlzh && add_traditional(x) != 0) {
			snprintf(err, errlen, "out of memory");
			st = BILEX_FATAL;
		}
		qsort(x->lzh, x->nlzh, sizeof(*x->lzh), form_cmp);
		qsort(x->lko, x->nlko, sizeof(*x->lko), form_cmp);
	}
	/* the glossary's terms go into the same kind of index: one pass over a note finds them
	 * all, where a search per term cost a third of the aligner's time on long documents */
	for (size_t g = 0; st == BILEX_OK && g < x->ngloss; g++)
		if (add_form(&x->gzh, &x->ngzh, &x->capgzh, x->gloss[g].zh, (uint32_t)g, false) != 0 ||
		    add_form(&x->gko, &x->ngko, &x->capgko, x->gloss[g].ko, (uint32_t)g, false) != 0) {
			snprintf(err, errlen, "out of memory");
			st = BILEX_FATAL;
		}
	if (st == BILEX_OK) {
		qsort(x->gzh, x->ngzh, sizeof(*x->gzh), form_cmp);
		qsort(x->gko, x->ngko, sizeof(*x->gko), form_cmp);
	}
	if (st == BILEX_OK && (form_index(x->lzh, x->nlzh, &x->lzh_idx) != BILEX_OK ||
	    form_index(x->lko, x->nlko, &x->lko_idx) != BILEX_OK ||
	    form_index(x->gzh, x->ngzh, &x->gzh_idx) != BILEX_OK ||
	    form_index(x->gko, x->ngko, &x->gko_idx) != BILEX_OK)) {
		snprintf(err, errlen, "out of memory");
		st = BILEX_FATAL;
	}
	if (st != BILEX_OK) {
		bx_lexicon_close(x);
		return st;
	}
	*out = x;
	return BILEX_OK;
}

void
bx_lexicon_close(struct bx_lexicon *x)
{
	if (x == NULL)
		return;
	free(x->read_key);
	free(x->read_val);
	free(x->pool);
	free(x->words);
	for (size_t i = 0; i < x->ngloss; i++) {
		free(x->gloss[i].zh);
		free(x->gloss[i].ko);
	}
	free(x->gloss);
	free(x->lzh);
	free(x->lko);
	free(x->gzh);
	free(x->gko);
	free(x->lzh_idx.slot);
	free(x->lko_idx.slot);
	free(x->gzh_idx.slot);
	free(x->gko_idx.slot);
	free(x);
}

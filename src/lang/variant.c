/*
 * variant.c - simplified or traditional Chinese; North or South Korean spelling.
 *
 * Hans/Hant: each character that exists only in one of the two standards (from Unihan's
 * kSimplifiedVariant and kTraditionalVariant, generated into langdata/han-variants.tsv) is a
 * vote; characters shared by both are not evidence.
 *
 * KP/KR: markers from langdata/ko-variant.tsv.  Each North Korean form listed there has its
 * South Korean standard form beside it, and both are searched: 로동 is North Korean evidence,
 * 노동 South Korean.  Word-initial forms (initial-sound rule, vocabulary, compounds) must start
 * a word, so 근로동기 does not count as 로동; the rest match anywhere.  Loanwords that start
 * with ㄹ (라디오, 리듬) are not in the list and never match.
 */
#include "lang-int.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

/* ---- Hans / Hant ----------------------------------------------------------------------- */

static int
variant_line(void *arg, char **f, int nf)
{
	struct bx_lang *L = arg;
	UChar32 c;

	if (nf < 2 || (c = bx_tsv_char(f[0])) < 0)
		return 0;
	if (f[1][0] == 'S')
		bx_bmpset_add(&L->simp_only, c);
	else if (f[1][0] == 'T')
		bx_bmpset_add(&L->trad_only, c);
	return 0;
}

int
bx_lang_load_variants(struct bx_lang *L, const char *dir, char *err, size_t errlen)
{
	return bx_tsv_read(dir, "han-variants.tsv", variant_line, L, err, errlen);
}

void
bx_zh_variant_counts(const struct bx_lang *L, const char *s, size_t n, unsigned *simp,
    unsigned *trad)
{
	int32_t i = 0, len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
	UChar32 c;

	*simp = *trad = 0;
	while (i < len) {
		U8_NEXT(s, i, len, c);
		if (c < 0x3400)
			continue;
		if (bx_bmpset_has(&L->simp_only, c))
			(*simp)++;
		else if (bx_bmpset_has(&L->trad_only, c))
			(*trad)++;
	}
}

const char *
bx_zh_variant(const struct bx_lang *L, const char *s, size_t n, const char *dflt)
{
	unsigned simp, trad;

	bx_zh_variant_counts(L, s, n, &simp, &trad);
	if (simp > trad)
		return "Hans";
	if (trad > simp)
		return "Hant";
	return dflt;
}

/* ---- North / South Korean ------------------------------------------------------------------ */

enum marker_side { SIDE_KP = 0, SIDE_KR = 1 };

struct bx_ko_marker {
	UChar32 first;  /* first code point: the index of the search */
	char *form;     /* UTF-8 */
	size_t len;
	char kind[12];  /* dueum, yeot, saisiot, spacing, vocab, punct */
	bool word_initial;
	bool weak;      /* also used in the South: half a vote */
	enum marker_side side;
};

static int
add_marker(struct bx_lang *L, const char *kind, const char *form, bool weak,
    enum marker_side side)
{
	struct bx_ko_marker *m, *nm;

	if (form == NULL || *form == '\0' || strcmp(form, "-") == 0)
		return 0;
	/* the list is small (hundreds); a linear array keeps the search simple */
	nm = realloc(L->markers, (L->nmarkers + 1) * sizeof(*nm));
	if (nm == NULL)
		return -1;
	L->markers = nm;
	m = &L->markers[L->nmarkers];
	memset(m, 0, sizeof(*m));
	m->form = bx_strdup(form);
	if (m->form == NULL)
		return -1;
	m->len = strlen(form);
	{
		int32_t i = 0;

		U8_NEXT(form, i, (int32_t)m->len, m->first);
	}
	snprintf(m->kind, sizeof(m->kind), "%s", kind);
	m->weak = weak;
	/* Initial-sound forms must start a word (근로동기 holds no 로동).  Vocabulary of two
	 * syllables or more also counts inside compounds (옷색갈), weak words do not. */
	m->word_initial = strcmp(kind, "dueum") == 0 || strcmp(kind, "saisiot") == 0 ||
	    (strcmp(kind, "vocab") == 0 && (weak || m->len < 6));
	m->side = side;
	L->nmarkers++;
	return 0;
}

static int
marker_line(void *arg, char **f, int nf)
{
	struct bx_lang *L = arg;
	bool weak;
	const char *kind;

	if (nf < 2)
		return 0;
	kind = f[0];
	if (strcmp(kind, "dueum") && strcmp(kind, "yeot") && strcmp(kind, "yeo") &&
	    strcmp(kind, "saisiot") &&
	    strcmp(kind, "spacing") && strcmp(kind, "vocab") && strcmp(kind, "punct"))
		return 0; /* unknown kinds are for later versions */
	weak = nf >= 4 && strstr(f[3], "weak") != NULL;
	if (add_marker(L, kind, f[1], weak, SIDE_KP) != 0)
		return -1;
	/* The South Korean forms of orthographic markers are evidence the other way.  Vocabulary
	 * is not: the South's words are mostly known in the North too. */
	if (nf >= 3 && (strcmp(kind, "dueum") == 0 || strcmp(kind, "yeot") == 0 ||
	    strcmp(kind, "yeo") == 0 ||
	    strcmp(kind, "saisiot") == 0 || strcmp(kind, "spacing") == 0)) {
		/* several standard forms may be listed, separated by '/' or ',' */
		char *save = NULL, *tok;

		for (tok = strtok_r(f[2], "/,", &save); tok; tok = strtok_r(NULL, "/,", &save)) {
			while (*tok == ' ')
				tok++;
			if (add_marker(L, kind, tok, weak, SIDE_KR) != 0)
				return -1;
		}
	}
	return 0;
}

/* Index of the first two code points of a marker, hashed into a BMP-sized bitset. */
static unsigned
pair_key(UChar32 a, UChar32 b)
{
	return ((unsigned)a * 31u + (unsigned)b) & 0xFFFFu;
}

static int
marker_cmp(const void *x, const void *y)
{
	const struct bx_ko_marker *a = x, *b = y;

	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	return strcmp(a->form, b->form);
}

int
bx_lang_load_markers(struct bx_lang *L, const char *dir, char *err, size_t errlen)
{
	int st = bx_tsv_read(dir, "ko-variant.tsv", marker_line, L, err, errlen);

	/* sorted by first code point: one pass over a text finds every marker */
	if (st == BILEX_OK && L->nmarkers)
		qsort(L->markers, L->nmarkers, sizeof(*L->markers), marker_cmp);
	for (size_t i = 0; i < L->nmarkers; i++) {
		const struct bx_ko_marker *m = &L->markers[i];
		int32_t k = 0, n = (int32_t)m->len;
		UChar32 a, b = -1;

		bx_bmpset_add(&L->marker_first, m->first);
		U8_NEXT(m->form, k, n, a);
		if (k < n)
			U8_NEXT(m->form, k, n, b);
		if (b < 0)
			bx_bmpset_add(&L->marker_one, m->first); /* one code point (《) */
		else
			bx_bmpset_add(&L->marker_pair, (UChar32)pair_key(a, b));
	}
	return st;
}

void
bx_lang_free_markers(struct bx_lang *L)
{
	for (size_t i = 0; i < L->nmarkers; i++)
		free(L->markers[i].form);
	free(L->markers);
	L->markers = NULL;
	L->nmarkers = 0;
}

static bool
is_hangul_at_end(const char *s, size_t at)
{
	/* Is the code point ending right before s+at a Hangul syllable? */
	int32_t i = (int32_t)at;
	UChar32 c;

	if (at == 0)
		return false;
	U8_PREV(s, 0, i, c);
	return bx_is_syllable(c);
}

/* Syllable with final consonant ㄹ (jongseong index 8). */
static bool
ends_in_rieul(UChar32 c)
{
	return bx_is_syllable(c) && (c - 0xAC00) % 28 == 8;
}

/* First marker whose first code point is c, or nmarkers. */
static size_t
first_marker(const struct bx_lang *L, UChar32 c)
{
	size_t lo = 0, hi = L->nmarkers;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (L->markers[mid].first < c)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Can a marker start with c when d follows it?  The first code point of many markers (이, 노,
 * 리) is among the most frequent syllables of Korean: the second one rules most places out
 * before the list is searched. */
static bool
maybe_marker(const struct bx_lang *L, UChar32 c, const char *s, int32_t i, int32_t len)
{
	UChar32 d;

	if (bx_bmpset_has(&L->marker_one, c))
		return true;
	if (i >= len)
		return false;
	U8_NEXT(s, i, len, d);
	return d >= 0 && bx_bmpset_has(&L->marker_pair, (UChar32)pair_key(c, d));
}

#define MAX_HITS 32

int
bx_ko_markers(const struct bx_lang *L, const char *s, size_t n, struct bx_buf *ev, unsigned *kr)
{
	double kp = 0, krs = 0;
	int32_t i, len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
	UChar32 c, prev = -1;
	size_t hits[MAX_HITS];
	int32_t hit_at[MAX_HITS];
	int nhits = 0;
	bool spacing_rule = false;

	for (i = 0; i < len;) {
		int32_t at = i;

		if ((unsigned char)s[i] < 0x80 && !bx_bmpset_has(&L->marker_first, (unsigned char)s[i])) {
			prev = (unsigned char)s[i++]; /* spaces and Latin between the words */
			continue;
		}
		U8_NEXT(s, i, len, c);
		if (bx_bmpset_has(&L->marker_first, c) && maybe_marker(L, c, s, i, len)) {
			for (size_t k = first_marker(L, c); k < L->nmarkers && L->markers[k].first == c;
			    k++) {
				const struct bx_ko_marker *m = &L->markers[k];
				bool dup = false;

				if (m->len > (size_t)(len - at) || memcmp(s + at, m->form, m->len) != 0)
					continue;
				if (m->word_initial && is_hangul_at_end(s, (size_t)at))
					continue;
				for (int h = 0; h < nhits; h++)
					dup |= hits[h] == k;
				if (!dup && nhits < MAX_HITS) {
					hit_at[nhits] = at;
					hits[nhits++] = k;
				}
			}
		}
		/* General spacing rule: the bound noun 수 written onto an -ㄹ form (할수 있다,
		 * 그릴수 없다) is the North's spacing, 할 수 있다 the South's. */
		if (c == 0xC218 /* 수 */ && ends_in_rieul(prev) && i + 1 < len && s[i] == ' ') {
			int32_t j = i + 1;
			UChar32 d;

			U8_NEXT(s, j, len, d);
			if (d == 0xC788 /* 있 */ || d == 0xC5C6 /* 없 */)
				spacing_rule = true;
		}
		prev = c;
	}
	/* evidence in reading order (hits at one place in table order) */
	for (int a = 1; a < nhits; a++)
		for (int b = a; b > 0 && (hit_at[b - 1] > hit_at[b] ||
		    (hit_at[b - 1] == hit_at[b] && hits[b - 1] > hits[b])); b--) {
			size_t t = hits[b];
			int32_t ta = hit_at[b];

			hits[b] = hits[b - 1];
			hit_at[b] = hit_at[b - 1];
			hits[b - 1] = t;
			hit_at[b - 1] = ta;
		}
	for (int h = 0; h < nhits; h++) {
		const struct bx_ko_marker *m = &L->markers[hits[h]];

		if (m->side == SIDE_KP)
			kp += m->weak ? 0.5 : 1;
		else
			krs += m->weak ? 0.5 : 1;
		if (ev) {
			/* "[kr-]kind:form[(weak)]", without printf: it runs for every marker found */
			if (ev->len)
				bx_buf_addc(ev, ';');
			if (m->side == SIDE_KR)
				bx_buf_adds(ev, "kr-");
			bx_buf_adds(ev, m->kind);
			bx_buf_addc(ev, ':');
			bx_buf_add(ev, m->form, m->len);
			if (m->weak)
				bx_buf_adds(ev, "(weak)");
		}
		if (strcmp(m->kind, "spacing") == 0 && m->side == SIDE_KP)
			spacing_rule = false; /* already counted through the list */
	}
	if (spacing_rule) {
		kp += 1;
		if (ev) {
			if (ev->len)
				bx_buf_addc(ev, ';');
			bx_buf_adds(ev, "spacing:-ㄹ수 있다/없다");
		}
	}
	if (kr)
		*kr = (unsigned)(krs + 0.5);
	return (int)(kp + 0.5);
}

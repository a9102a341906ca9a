/*
 * script.c - from a unit of text to language-labelled pieces.
 *
 * The steps, in order: remove controls and invisible format characters, NFC, cut at line
 * separators, cut sentences (ICU sentence breaks, only where a line holds a terminator before
 * its end, since most notes are one sentence), then cut each sentence into script runs:
 *   - Common and Inherited characters (punctuation, digits, spaces) join their neighbours;
 *   - Han touching Hangul with nothing between is Hanja inside Korean (修正해 주세요), as is
 *     a short Han run in brackets right after Hangul (수정(修正));
 *   - Han touching kana is Japanese; a run with kana is Japanese;
 *   - short Latin runs (ids such as S012 C034, single words) join a neighbouring run, long
 *     ones (three words or more) stand alone as English;
 *   - Han alone is Chinese, Hangul is Korean.
 */
#include "lang-int.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

enum cls { C_COMMON = 0, C_HAN, C_HANGUL, C_KANA, C_LATIN, C_OTHER };

const char *
bx_lang_name(int lang)
{
	static const char *const names[BX_LANG_COUNT] = { "other", "zh", "ko", "ja", "en" };

	return (unsigned)lang < BX_LANG_COUNT ? names[lang] : "other";
}

int
bx_lang_grow16(UChar **buf, int32_t *cap, int32_t n)
{
	UChar *p;
	int32_t ncap;

	if (n <= *cap)
		return BILEX_OK;
	ncap = *cap ? *cap : 1024;
	while (ncap < n)
		ncap = ncap > INT32_MAX / 2 ? n : ncap * 2;
	p = realloc(*buf, (size_t)ncap * sizeof(UChar));
	if (p == NULL)
		return BILEX_FATAL;
	*buf = p;
	*cap = ncap;
	return BILEX_OK;
}

int
bx_lang_grow8(char **buf, int32_t *cap, int32_t n)
{
	char *p;
	int32_t ncap;

	if (n <= *cap)
		return BILEX_OK;
	ncap = *cap ? *cap : 1024;
	while (ncap < n)
		ncap = ncap > INT32_MAX / 2 ? n : ncap * 2;
	p = realloc(*buf, (size_t)ncap);
	if (p == NULL)
		return BILEX_FATAL;
	*buf = p;
	*cap = ncap;
	return BILEX_OK;
}

static enum cls
classify_slow(UChar32 c)
{
	UErrorCode err = U_ZERO_ERROR;
	UScriptCode sc;

	if (c >= 0x3000 && c <= 0x30FF) {
		if (c >= 0x3041 && c <= 0x309F)
			return C_KANA;
		if (c >= 0x30A0)
			return c == 0x30FB ? C_COMMON : C_KANA; /* ・ is common; ー is kana-only */
		if (c == 0x3005 || c == 0x3007 || (c >= 0x3021 && c <= 0x3029) ||
		    (c >= 0x3038 && c <= 0x303B))
			return C_HAN;
		return C_COMMON; /* CJK punctuation */
	}
	if (c >= 0xFF01 && c <= 0xFF5E) {
		/* full-width forms: letters are Latin, the rest punctuation and digits */
		UChar32 a = c - 0xFF01 + 0x21;

		return ((a | 0x20) >= 'a' && (a | 0x20) <= 'z') ? C_LATIN : C_COMMON;
	}
	if (c == 0xFF70) /* half-width prolonged sound mark */
		return C_KANA;
	sc = uscript_getScript(c, &err);
	if (U_FAILURE(err))
		return C_OTHER;
	switch (sc) {
	case USCRIPT_COMMON:
	case USCRIPT_INHERITED:
		return C_COMMON;
	case USCRIPT_HAN:
		return C_HAN;
	case USCRIPT_HANGUL:
		return C_HANGUL;
	case USCRIPT_HIRAGANA:
	case USCRIPT_KATAKANA:
	case USCRIPT_KATAKANA_OR_HIRAGANA:
		return C_KANA;
	case USCRIPT_LATIN:
		return C_LATIN;
	case USCRIPT_UNKNOWN:
		/* unassigned or private use: not text we can label */
		return C_COMMON;
	default:
		return C_OTHER;
	}
}

/* Called for every character several times over: ASCII, Hangul syllables and the unified
 * ideographs, nearly all of the text, are answered here without a call. */
static inline enum cls
classify(UChar32 c)
{
	if (c < 0x80) {
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			return C_LATIN;
		return C_COMMON;
	}
	if (c >= 0xAC00 && c <= 0xD7A3)
		return C_HANGUL;
	if (c >= 0x4E00 && c <= 0x9FFF)
		return C_HAN;
	return classify_slow(c);
}

/* Controls, invisible format characters and noncharacters are not text. */
static bool
is_dropped(UChar32 c)
{
	if (c >= 0x20 && c < 0x7F)
		return false;
	if (c == '\t' || c == '\n' || c == '\r')
		return false;
	if (c < 0x20 || (c >= 0x7F && c < 0xA0))
		return true;
	/* the bulk of CJK text has no format characters: skip the property lookup */
	if ((c >= 0x3000 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3) ||
	    (c >= 0xFF01 && c <= 0xFF5E))
		return false;
	if (c == 0xFFFE || c == 0xFFFF)
		return true;
	return u_charType(c) == U_FORMAT_CHAR;
}

/* Characters NFC never changes, neither alone nor beside any other character of this set:
 * NFC_Quick_Check=Yes and combining class 0 (checked against ICU over the whole BMP when this
 * was written).  A unit made only of them is already NFC, and ICU's quick check is skipped. */
static bool
nfc_inert(UChar32 c)
{
	return (c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c < 0x300) || (c >= 0x2002 && c <= 0x206F) ||
	    (c >= 0x3000 && c <= 0x3029) || (c >= 0x3030 && c <= 0x3098) ||
	    (c >= 0x309B && c <= 0x30FF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xFF01 && c <= 0xFFEF) || c == 0xFFFD ||
	    c == '\n' || c == '\r';
}

static inline bool
is_line_sep(UChar32 c)
{
	if (c > 0x0D && c < 0x85) /* the bulk of text, in one test */
		return false;
	return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
	    c == 0x2029;
}

/* The tests below start with a range that holds none of their characters but nearly all of
 * the letters of CJK text (Han, kana, Hangul): they run for every character. */
static inline bool
is_space(UChar32 c)
{
	if (c > 0x3000 && c < 0xFF00)
		return false;
	return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0 || u_isUWhiteSpace(c);
}

static inline bool
is_terminator(UChar32 c)
{
	if (c > 0x3002 && c < 0xFF01)
		return false;
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '!' || c == '?' || c == '.' ||
	    c == 0xFF0E || c == 0xFF61;
}

/* Separators seen between a note and its translation on one line. */
static inline bool
is_edge_junk(UChar32 c)
{
	if (c > 0x3001 && c < 0xFF0C)
		return false;
	switch (c) {
	case '/': case '|': case '-': case ':': case ',': case ';': case '=':
	case 0x2013: case 0x2014: case 0x2015: case 0xFF1A: case 0xFF0C: case 0x3001:
	case 0xFF1B: case 0x00B7: case 0x2022: case 0xFF0F: case 0xFF5C: case 0x2192:
	case 0x2190: case 0x21D2: case 0xFF1D:
		return true;
	default:
		return false;
	}
}

static inline bool
is_open_bracket(UChar32 c)
{
	if (c > 0x3014 && c < 0xFF08)
		return false;
	switch (c) {
	case '(': case '[': case '{': case '<': case 0xFF08: case 0x3010: case 0x300C:
	case 0x300E: case 0x300A: case 0x3008: case 0xFF3B: case 0x3014: case 0x201C:
	case 0x2018:
		return true;
	default:
		return false;
	}
}

static inline bool
is_close_bracket(UChar32 c)
{
	if (c > 0x3015 && c < 0xFF09)
		return false;
	switch (c) {
	case ')': case ']': case '}': case '>': case 0xFF09: case 0x3011: case 0x300D:
	case 0x300F: case 0x300B: case 0x3009: case 0xFF3D: case 0x3015: case 0x201D:
	case 0x2019:
		return true;
	default:
		return false;
	}
}

struct run {
	enum cls cls;
	int32_t start, end;   /* [start, end) in the sentence buffer */
	int32_t lead_common;  /* common characters at the start of the run */
	int32_t tail_common;  /* common characters at the end of the run */
	int32_t latin_words;
	int32_t letters;
};

struct split_state {
	struct bx_lang *L;
	bx_piece_fn fn;
	void *arg;
	int sentence;
	int run;
	int status;
	/* The UTF-8 the text came from, when the text is exactly its decoding (valid UTF-8,
	 * nothing dropped or normalised): pieces are then slices of it, found by walking the
	 * code point lengths from the last piece (they come in order), instead of converted
	 * back.  NULL otherwise. */
	const char *src8;
	int32_t at16, at8;
};

/* The UTF-8 offset of UTF-16 offset k of s (only with ss->src8). */
static int32_t
src8_offset(struct split_state *ss, const UChar *s, int32_t k)
{
	int32_t i = ss->at16, o = ss->at8;

	if (k < i)
		i = o = 0;
	/* one, two or three bytes a unit; a surrogate pair is four bytes, not 3 + 3 (the text
	 * came from valid UTF-8: its surrogates are paired, and pieces do not split pairs) */
	for (; i < k; i++) {
		UChar c = s[i];

		o += 1 + (c >= 0x80) + (c >= 0x800) - 2 * U16_IS_LEAD(c);
	}
	ss->at16 = i;
	ss->at8 = o;
	return o;
}

/* Emits s[b..e) as one piece after trimming separators and unbalanced brackets. */
static int
emit_piece(struct split_state *ss, const UChar *s, int32_t b, int32_t e, enum cls cls)
{
	struct bx_lang *L = ss->L;
	struct bx_piece p;
	int32_t i, n8;
	int depth;
	UChar32 c;
	UErrorCode err = U_ZERO_ERROR;
	bool changed = true;

	/* trim: loop because brackets and separators alternate ("头（" , "）/ 머리") */
	while (changed && b < e) {
		changed = false;
		U16_GET(s, 0, b, e, c);
		if (is_space(c) || is_edge_junk(c) || is_close_bracket(c)) {
			/* a closing bracket at the start has no partner inside the piece */
			U16_FWD_1(s, b, e);
			changed = true;
			continue;
		}
		i = e;
		U16_BACK_1(s, b, i);
		U16_GET(s, 0, i, e, c);
		if (is_space(c) || is_edge_junk(c) || is_open_bracket(c)) {
			e = i;
			changed = true;
		}
	}
	/* a closing bracket at the end without its opening one inside the piece; the letters are
	 * counted in the same pass (what the bracket trim below removes is neither a letter nor
	 * a digit, so the counts hold for the trimmed piece) */
	memset(&p, 0, sizeof(p));
	if (b < e) {
		depth = 0;
		for (i = b; i < e;) {
			U16_NEXT(s, i, e, c);
			switch (classify(c)) {
			case C_HAN:
				p.han++;
				p.simp += bx_bmpset_has(&L->simp_only, c);
				p.trad += bx_bmpset_has(&L->trad_only, c);
				continue;
			case C_HANGUL: p.hangul++; continue;
			case C_KANA: p.kana++; continue;
			case C_LATIN: p.latin++; continue;
			default:
				break;
			}
			if (is_open_bracket(c))
				depth++;
			else if (is_close_bracket(c))
				depth--;
			else if (c < 0x80 ? (c >= '0' && c <= '9') : u_isdigit(c))
				p.digits++;
		}
		while (depth < 0 && b < e) {
			i = e;
			U16_BACK_1(s, b, i);
			U16_GET(s, 0, i, e, c);
			if (!is_close_bracket(c) && !is_space(c))
				break;
			if (is_close_bracket(c))
				depth++;
			e = i;
		}
	}
	if (b >= e)
		return BILEX_OK;
	if (p.han + p.hangul + p.kana + p.latin + p.digits == 0) {
		/* punctuation only (----, ...) carries nothing; other scripts are kept below */
		bool letter = false;

		for (i = b; i < e && !letter;) {
			U16_NEXT(s, i, e, c);
			letter = u_isalpha(c) != 0;
		}
		if (!letter)
			return BILEX_OK;
	}
	switch (cls) {
	case C_HAN:
		p.lang = BX_LANG_ZH;
		p.script = "Hani";
		break;
	case C_HANGUL:
		p.lang = BX_LANG_KO;
		p.script = p.han ? "Kore" : "Hang";
		break;
	case C_KANA:
		p.lang = BX_LANG_JA;
		p.script = "Jpan";
		break;
	case C_LATIN:
		p.lang = BX_LANG_EN;
		p.script = "Latn";
		break;
	case C_OTHER: {
		UErrorCode e2 = U_ZERO_ERROR;
		UScriptCode sc = USCRIPT_COMMON;

		for (i = b; i < e;) {
			U16_NEXT(s, i, e, c);
			sc = uscript_getScript(c, &e2);
			if (sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED)
				break;
		}
		p.lang = BX_LANG_OTHER;
		p.script = uscript_getShortName(sc);
		break;
	}
	default:
		p.lang = BX_LANG_OTHER;
		p.script = "Zyyy";
		break;
	}

	p.sentence = ss->sentence;
	p.run = ss->run++;
	if (ss->src8) {
		int32_t b8 = src8_offset(ss, s, b);

		p.text = ss->src8 + b8;
		p.len = (size_t)(src8_offset(ss, s, e) - b8);
		return ss->fn(ss->arg, &p);
	}
	/* to UTF-8 in the scratch buffer, in one call: a UTF-16 unit never takes more than three
	 * bytes (a surrogate pair, two units, takes four) */
	if (e - b > (INT32_MAX - 1) / 3)
		return BILEX_FAILED;
	if (bx_lang_grow8(&L->u8, &L->u8cap, 3 * (e - b) + 1) != BILEX_OK)
		return BILEX_FATAL;
	n8 = 0;
	u_strToUTF8(L->u8, L->u8cap, &n8, s + b, e - b, &err);
	if (U_FAILURE(err))
		return BILEX_FAILED;
	p.text = L->u8;
	p.len = (size_t)n8;
	return ss->fn(ss->arg, &p);
}

static void
count_run_letters(const UChar *s, struct run *r)
{
	int32_t i = r->start;
	bool in_word = false;
	UChar32 c;

	r->latin_words = 0;
	r->letters = 0;
	while (i < r->end) {
		U16_NEXT(s, i, r->end, c);
		if (classify(c) == C_LATIN) {
			r->letters++;
			if (!in_word)
				r->latin_words++;
			in_word = true;
		} else if (!u_isdigit(c)) {
			in_word = false;
		}
	}
}

/* A Latin run that stands alone: three words or more of letters, not ids like S012 C034. */
static bool
latin_stands_alone(const struct run *r)
{
	return r->latin_words >= 3 && r->letters >= 8;
}

/* Does the common tail of a run hold a separator or a bracket? */
static bool
tail_has_separator(const UChar *s, const struct run *r)
{
	for (int32_t k = r->end - r->tail_common; k < r->end; k++)
		if (is_edge_junk(s[k]) || is_open_bracket(s[k]) || is_close_bracket(s[k]) ||
		    is_terminator(s[k]))
			return true;
	return false;
}

#define MAX_RUNS 256

static int
split_sentence(struct split_state *ss, const UChar *s, int32_t b, int32_t e)
{
	struct run runs[MAX_RUNS];
	int nr = 0, i, j;
	int32_t k, lead = 0;
	UChar32 c;
	enum cls cl;
	int st = BILEX_OK;

	/* 1. runs of one class; common characters join the run before them */
	for (k = b; k < e;) {
		int32_t at = k;

		U16_NEXT(s, k, e, c);
		cl = classify(c);
		if (cl == C_COMMON) {
			if (nr == 0)
				lead++;
			else {
				runs[nr - 1].end = k;
				runs[nr - 1].tail_common += k - at;
			}
			continue;
		}
		if (nr > 0 && runs[nr - 1].cls == cl) {
			runs[nr - 1].end = k;
			runs[nr - 1].tail_common = 0;
			continue;
		}
		if (nr == MAX_RUNS) {
			/* a pathological mix: the rest of the sentence joins the last run */
			runs[nr - 1].end = e;
			break;
		}
		runs[nr].cls = cl;
		runs[nr].start = at;
		runs[nr].end = k;
		runs[nr].lead_common = 0;
		runs[nr].tail_common = 0;
		nr++;
	}
	if (nr == 0)
		return emit_piece(ss, s, b, e, C_COMMON);
	runs[0].start = b;
	runs[0].lead_common = lead;

	/* 1b. "머리를 둥글게 - 00:01:23 头要圆": what follows a separator between two runs (an
	 * id, a timecode) opens the next run instead of closing the previous one */
	for (i = 0; i + 1 < nr; i++) {
		int32_t cut = -1;

		for (k = runs[i].end - runs[i].tail_common; k < runs[i].end; k++) {
			bool spaced = (k > 0 && is_space(s[k - 1])) || (k + 1 < e && is_space(s[k + 1]));

			/* a slash or bar always separates; a dash or colon only with a space beside
			 * it (00:01:23:12 and R-12 stay whole) */
			if (is_edge_junk(s[k]) && (s[k] == '/' || s[k] == '|' || s[k] == 0xFF0F ||
			    s[k] == 0xFF5C || spaced))
				cut = k + 1;
		}
		if (cut > 0 && cut < runs[i].end) {
			runs[i + 1].start = cut;
			runs[i].tail_common -= runs[i].end - cut;
			runs[i].end = cut;
		}
	}

	/* 2. Hanja inside Korean: Han touching Hangul, or bracketed right after Hangul */
	for (i = 0; i < nr; i++) {
		if (runs[i].cls != C_HAN)
			continue;
		bool touch_prev = i > 0 && runs[i - 1].cls == C_HANGUL && runs[i - 1].tail_common == 0;
		bool touch_next = i + 1 < nr && runs[i + 1].cls == C_HANGUL && runs[i].tail_common == 0;
		bool bracketed = false;

		if (i > 0 && runs[i - 1].cls == C_HANGUL && runs[i - 1].tail_common == 1) {
			UChar pc = s[runs[i - 1].end - 1];
			UChar lc = runs[i].end > runs[i].start ? s[runs[i].end - 1] : 0;

			bracketed = (pc == '(' || pc == 0xFF08) && (lc == ')' || lc == 0xFF09) &&
			    runs[i].end - runs[i].start <= 8;
		}
		/* hanja quoted inside a Korean sentence: 의 《㐀》와, 「修正」을 */
		if (!bracketed && i > 0 && i + 1 < nr && runs[i - 1].cls == C_HANGUL &&
		    runs[i + 1].cls == C_HANGUL && runs[i].end - runs[i].start <= 10) {
			bool quoted = runs[i - 1].tail_common > 0 && runs[i].tail_common > 0;

			for (k = runs[i - 1].end - runs[i - 1].tail_common; k < runs[i - 1].end && quoted; k++)
				quoted = is_open_bracket(s[k]) || is_space(s[k]);
			for (k = runs[i].end - runs[i].tail_common; k < runs[i].end && quoted; k++)
				quoted = is_close_bracket(s[k]) || is_space(s[k]);
			quoted &= is_open_bracket(s[runs[i - 1].end - 1]);
			bracketed = quoted;
		}
		if (touch_prev || touch_next || bracketed)
			runs[i].cls = C_HANGUL;
	}
	/* 3. Japanese: Han next to kana without a space between */
	for (i = 0; i < nr; i++) {
		if (runs[i].cls != C_KANA)
			continue;
		for (j = i - 1; j >= 0 && runs[j].cls == C_HAN; j--) {
			bool spaced = false;

			for (k = runs[j].end - runs[j].tail_common; k < runs[j].end; k++)
				spaced |= is_space(s[k]);
			if (spaced)
				break;
			runs[j].cls = C_KANA;
		}
		for (j = i + 1; j < nr && runs[j].cls == C_HAN; j++) {
			bool spaced = false;

			for (k = runs[j - 1].end - runs[j - 1].tail_common; k < runs[j - 1].end; k++)
				spaced |= is_space(s[k]);
			if (spaced)
				break;
			runs[j].cls = C_KANA;
		}
	}
	/* 4. short Latin runs join a neighbour (the one before, else the one after) */
	for (i = 0; i < nr; i++) {
		if (runs[i].cls != C_LATIN)
			continue;
		count_run_letters(s, &runs[i]);
		if (latin_stands_alone(&runs[i]) || nr == 1)
			continue;
		/* after a separator ("对照表 / S015 대조표") the id opens the next run */
		if (i > 0 && runs[i - 1].cls != C_LATIN &&
		    !(i + 1 < nr && runs[i + 1].cls != C_LATIN && tail_has_separator(s, &runs[i - 1])))
			runs[i].cls = runs[i - 1].cls;
		else if (i + 1 < nr && runs[i + 1].cls != C_LATIN)
			runs[i].cls = runs[i + 1].cls;
	}
	/* 5. merge neighbours of one class and emit */
	for (i = 0; i < nr && st == BILEX_OK; i = j) {
		for (j = i + 1; j < nr && runs[j].cls == runs[i].cls; j++)
			;
		st = emit_piece(ss, s, runs[i].start, runs[j - 1].end, runs[i].cls);
	}
	return st;
}

/* One character of needs_sentence_breaks(), also for a caller that walks the characters
 * itself (bx_lang_split16, whose fast path repeats it for ASCII, Hangul and Han). */
static inline void
sentence_scan(UChar32 c, bool *cjk, bool *seen, bool *more)
{
	if (c >= 0x3040)
		*cjk |= (c >= 0x3040 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3);
	if (is_terminator(c))
		*seen = true;
	else if (*seen && !is_space(c) && !is_close_bracket(c))
		*more = true;
}

/* True when a terminator is followed by more text on a line that holds Chinese, Korean or
 * Japanese: only then is a sentence iterator worth its cost.  Latin-only lines stay whole,
 * since abbreviations ("p. 12.") would cut them where no aligner needs a cut. */
static bool
needs_sentence_breaks(const UChar *s, int32_t b, int32_t e)
{
	bool seen = false, cjk = false, more = false;
	int32_t i = b;
	UChar32 c;

	while (i < e) {
		U16_NEXT(s, i, e, c);
		sentence_scan(c, &cjk, &seen, &more);
	}
	return cjk && more;
}

static bool
has_letters(const UChar *s, int32_t b, int32_t e)
{
	int32_t i = b;
	UChar32 c;

	while (i < e) {
		U16_NEXT(s, i, e, c);
		if (u_isalpha(c))
			return true;
	}
	return false;
}

/* BREAKS: what needs_sentence_breaks() says of s[b..e), or -1 when the caller does not know. */
static int
split_line(struct split_state *ss, const UChar *s, int32_t b, int32_t e, unsigned flags,
    int breaks)
{
	struct bx_lang *L = ss->L;
	UErrorCode err = U_ZERO_ERROR;
	int32_t prev, next;
	int st = BILEX_OK;

	if (b >= e)
		return BILEX_OK;
	if ((flags & BX_SPLIT_WHOLE) || L->sent == NULL ||
	    !(breaks >= 0 ? breaks : needs_sentence_breaks(s, b, e))) {
		st = split_sentence(ss, s, b, e);
		ss->sentence++;
		return st;
	}
	ubrk_setText(L->sent, s + b, e - b, &err);
	if (U_FAILURE(err)) {
		st = split_sentence(ss, s, b, e);
		ss->sentence++;
		return st;
	}
	prev = ubrk_first(L->sent);
	while (st == BILEX_OK && (next = ubrk_next(L->sent)) != UBRK_DONE) {
		/* "1." or "(3)" before a note is an enumerator, not a sentence: it stays with
		 * what follows */
		if (!has_letters(s, b + prev, b + next) && next < e - b)
			continue;
		st = split_sentence(ss, s, b + prev, b + next);
		ss->sentence++;
		prev = next;
	}
	return st;
}

/* SRC8: the valid UTF-8 that s[0..n) was decoded from, or NULL. */
static int
split16(struct bx_lang *L, const UChar *s, int32_t n, unsigned flags, bx_piece_fn fn, void *arg,
    const char *src8)
{
	struct split_state ss = { L, fn, arg, 0, 0, BILEX_OK, NULL, 0, 0 };
	bool same = true; /* the text kept is s itself */
	UErrorCode err = U_ZERO_ERROR;
	const UChar *t;
	int32_t i, o, tn, b;
	UChar32 c;
	bool nfc_stable = true, seps = false, cjk = false, seen = false, more = false;
	int st = BILEX_OK;

	if (n <= 0)
		return BILEX_OK;
	/* 1. drop controls and invisible format characters, tabs become spaces.  On the way,
	 * note whether every character kept is one that NFC leaves alone whatever surrounds
	 * it, and whether the unit holds a line separator: most units need neither. */
	if (bx_lang_grow16(&L->u16, &L->u16cap, n) != BILEX_OK)
		return BILEX_FATAL;
	for (i = 0, o = 0; i < n;) {
		int32_t at = i;
		UChar u = s[i];

		if ((u >= 0xAC00 && u <= 0xD7A3) || (u >= 0x4E00 && u <= 0x9FFF)) {
			L->u16[o++] = u; /* kept, stable under NFC, no separator */
			i++;
			cjk = true;
			more |= seen;
			continue;
		}
		if (u >= 0x20 && u < 0x7F) {
			L->u16[o++] = u;
			i++;
			if (u == '.' || u == '!' || u == '?')
				seen = true;
			else if (seen && u != ' ' && !is_close_bracket(u))
				more = true;
			continue;
		}
		U16_NEXT(s, i, n, c);
		if (U_IS_SURROGATE(c)) {
			c = 0xFFFD; /* lone surrogate */
			same = false;
		}
		if (is_dropped(c)) {
			same = false;
			continue;
		}
		if (c == '\t') {
			c = ' ';
			same = false;
		}
		nfc_stable &= nfc_inert(c);
		seps |= is_line_sep(c);
		sentence_scan(c, &cjk, &seen, &more);
		if (c == 0xFFFD || i - at == 1) {
			L->u16[o++] = (UChar)c;
		} else {
			L->u16[o++] = s[at];
			L->u16[o++] = s[at + 1];
		}
	}
	/* 2. NFC, only when the quick check says it may change anything */
	t = L->u16;
	tn = o;
	if (!nfc_stable && (unorm2_quickCheck(L->nfc, t, tn, &err) != UNORM_YES ||
	    U_FAILURE(err))) {
		int32_t need;

		err = U_ZERO_ERROR;
		need = unorm2_normalize(L->nfc, t, tn, NULL, 0, &err);
		err = U_ZERO_ERROR;
		if (bx_lang_grow16(&L->nfc16, &L->nfc16cap, need + 1) != BILEX_OK)
			return BILEX_FATAL;
		tn = unorm2_normalize(L->nfc, t, tn, L->nfc16, L->nfc16cap, &err);
		if (U_FAILURE(err))
			return BILEX_FAILED;
		t = L->nfc16;
	}
	if (src8 && same && t == L->u16)
		ss.src8 = src8;
	/* 3. lines (NFC neither makes nor joins line separators) */
	if (!seps)
		return split_line(&ss, t, 0, tn, flags, nfc_stable ? cjk && more : -1);
	for (i = 0, b = 0; i <= tn && st == BILEX_OK;) {
		if (i == tn) {
			st = split_line(&ss, t, b, tn, flags, -1);
			break;
		}
		int32_t at = i;

		U16_NEXT(t, i, tn, c);
		if (is_line_sep(c)) {
			st = split_line(&ss, t, b, at, flags, -1);
			b = i;
		}
	}
	return st;
}

int
bx_lang_split16(struct bx_lang *L, const UChar *s, int32_t n, unsigned flags, bx_piece_fn fn,
    void *arg)
{
	return split16(L, s, n, flags, fn, arg, NULL);
}

int
bx_lang_split8(struct bx_lang *L, const char *s, size_t n, unsigned flags, bx_piece_fn fn,
    void *arg, size_t *invalid)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t need = 0, subs = 0;
	int st;

	if (n == 0)
		return BILEX_OK;
	if (n > INT32_MAX / 2)
		return BILEX_FAILED;
	/* u_strFromUTF8WithSub: ICU's decoder, with U+FFFD for each maximal invalid subsequence.
	 * UTF-16 never needs more units than UTF-8 has bytes, so one pass suffices. */
	if (bx_lang_grow16(&L->in16, &L->in16cap, (int32_t)n + 1) != BILEX_OK)
		return BILEX_FATAL;
	u_strFromUTF8WithSub(L->in16, L->in16cap, &need, s, (int32_t)n, 0xFFFD, &subs, &err);
	if (U_FAILURE(err))
		return BILEX_FAILED;
	if (invalid)
		*invalid += (size_t)subs;
	st = split16(L, L->in16, need, flags, fn, arg, subs == 0 ? s : NULL);
	return st;
}

void
bx_script_stats16(const struct bx_lang *L, const UChar *s, int32_t n, struct bx_script_stats *st)
{
	int32_t i = 0;
	UChar32 c;

	memset(st, 0, sizeof(*st));
	while (i < n) {
		U16_NEXT(s, i, n, c);
		switch (classify(c)) {
		case C_HAN:
			st->han++;
			if (bx_bmpset_has(&L->common_hans, c) || bx_bmpset_has(&L->common_hant, c))
				st->common_han++;
			break;
		case C_HANGUL:
			st->hangul++;
			if (bx_bmpset_has(&L->common_hangul, c))
				st->common_hangul++;
			break;
		case C_KANA: st->kana++; break;
		case C_LATIN: st->latin++; break;
		case C_OTHER: st->other++; break;
		default: break;
		}
	}
}

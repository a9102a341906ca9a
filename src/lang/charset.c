/*
 * charset.c - which bytes are which text.
 *
 * Order of evidence: byte-order mark; a declared charset (HTML meta, XML declaration) that
 * decodes cleanly; strict UTF-8; then ICU's detector over at most 64 KiB, whose candidates are
 * re-decoded with their vendor supersets together with the CJK supersets that ICU has no
 * recogniser for (windows-949, GB18030, windows-950, Big5-HKSCS, windows-31j, UTF-16 without a
 * BOM).  The decoding with the fewest substitutions and the most plausible text wins.
 *
 * Why plausibility and not ICU's confidence: EUC-KR Korean bytes (B0A1..C8FE) are also valid
 * GB2312 level-1 hanzi, and CP949 trail bytes are valid GBK, so a Korean file decodes as
 * GB18030 without a single error.  What differs is the text: Korean comes out with its very
 * frequent particles and endings (이 다 는 을 ...), and spaces every few syllables; the same
 * bytes read as Chinese give evenly spread hanzi that never form 的, 是, 了.  Scoring function
 * characters of each language therefore separates the readings where error counts cannot.
 */
#include "lang-int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#define SAMPLE_MAX (64 * 1024)

/* The most frequent characters of running Chinese text, simplified and traditional forms,
 * and editing vocabulary; a real Chinese text has a fifth or more of its hanzi here. */
static const char zh_function[] =
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年"
    "过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心"
    "本前开但因只从想实请修改画色头眼再点些线位置帧度形状更一下把被让给太很"
    "這個們來為國說時會對發後過裡種經麼學現當動還進樣實從請畫頭線點幀讓給狀";

/* The most frequent syllables of running Korean: particles, endings, copula, common nouns. */
static const char ko_function[] =
    "이다는을를에의가고하지서한기로도요니습세주게어아해것수있으면은들대사리인정적부보만나와과라"
    "께음됩였되했합때좀더그려색머모양서요까줘조금위치수정";

/* Japanese text is recognised by its kana; these hiragana are its particles. */

static void
add_utf8_chars(struct bx_bmpset *set, const char *s)
{
	int32_t i = 0, n = (int32_t)strlen(s);
	UChar32 c;

	while (i < n) {
		U8_NEXT(s, i, n, c);
		if (c > 0)
			bx_bmpset_add(set, c);
	}
}

/* Decodes every double-byte code in [lead_lo..lead_hi] x [trail_lo..trail_hi] with converter
 * NAME and adds the results that pass keep() to SET. */
static int
add_range(struct bx_bmpset *set, const char *name, int lead_lo, int lead_hi, int trail_lo,
    int trail_hi, bool (*keep)(UChar32))
{
	UErrorCode err = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open(name, &err);
	char in[2];
	UChar out[4];
	int32_t n;

	if (U_FAILURE(err))
		return BILEX_FAILED;
	for (int l = lead_lo; l <= lead_hi; l++) {
		for (int t = trail_lo; t <= trail_hi; t++) {
			in[0] = (char)l;
			in[1] = (char)t;
			err = U_ZERO_ERROR;
			ucnv_reset(cnv);
			n = ucnv_toUChars(cnv, out, 4, in, 2, &err);
			if (U_SUCCESS(err) && n == 1 && keep(out[0]))
				bx_bmpset_add(set, out[0]);
		}
	}
	ucnv_close(cnv);
	return BILEX_OK;
}

static bool
is_han(UChar32 c)
{
	return c >= 0x4E00 && c <= 0x9FFF;
}

int
bx_lang_build_common(struct bx_lang *L, char *err, size_t errlen)
{
	/* GB 2312 level 1: rows 16-55; Big5 level 1: A440-C67E; KS X 1001 Hangul: rows 16-40;
	 * JIS X 0208 level 1 kanji in Shift_JIS: 889F-9872 */
	if (add_range(&L->common_hans, "windows-936", 0xB0, 0xD7, 0xA1, 0xFE, is_han) != BILEX_OK ||
	    add_range(&L->common_hant, "windows-950", 0xA4, 0xC6, 0x40, 0xFE, is_han) != BILEX_OK ||
	    add_range(&L->common_hangul, "windows-949", 0xB0, 0xC8, 0xA1, 0xFE,
		bx_is_syllable) != BILEX_OK ||
	    add_range(&L->common_kanji, "windows-31j", 0x88, 0x98, 0x40, 0xFC, is_han) != BILEX_OK) {
		snprintf(err, errlen, "ICU converters for the CJK charsets are missing");
		return BILEX_FAILED;
	}
	add_utf8_chars(&L->fn_zh, zh_function);
	add_utf8_chars(&L->fn_ko, ko_function);
	return BILEX_OK;
}

/* ---- plausibility --------------------------------------------------------------------------- */

double
bx_text_plausibility(const struct bx_lang *L, const UChar *s, int32_t n, size_t *letters)
{
	double score = 0;
	size_t nonascii = 0, han = 0, hangul = 0, kana = 0, ascii_letters = 0, spaces = 0;
	size_t zhf = 0, kof = 0;
	int32_t i = 0;
	UChar32 c;

	while (i < n) {
		U16_NEXT(s, i, n, c);
		if (c < 0x80) {
			if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
				ascii_letters++;
			else if (c == ' ')
				spaces++;
			else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
				score -= 5; /* control characters are not text */
			continue;
		}
		nonascii++;
		if (is_han(c)) {
			han++;
			if (bx_bmpset_has(&L->fn_zh, c)) {
				zhf++;
				score += 3;
			} else if (bx_bmpset_has(&L->common_hans, c) || bx_bmpset_has(&L->common_hant, c) ||
			    bx_bmpset_has(&L->common_kanji, c)) {
				score += 0.5;
			} else {
				score -= 1;
			}
		} else if (bx_is_syllable(c)) {
			hangul++;
			if (bx_bmpset_has(&L->fn_ko, c)) {
				kof++;
				score += 3;
			} else if (bx_bmpset_has(&L->common_hangul, c)) {
				score += 0.5;
			} else {
				score -= 1;
			}
		} else if (c >= 0x3041 && c <= 0x309F) {
			kana++;
			score += 2; /* hiragana: particles and endings of Japanese */
		} else if (c >= 0x30A0 && c <= 0x30FF) {
			kana++;
			score += 1;
		} else if (c >= 0xFF61 && c <= 0xFF9F) {
			score -= 1.5; /* half-width katakana: what GBK bytes become in Shift_JIS */
		} else if (c >= 0x3000 && c <= 0x303F) {
			score += 1; /* CJK punctuation */
		} else if (c >= 0xFF01 && c <= 0xFF5E) {
			score += 0.5; /* full-width forms */
		} else if (c >= 0x2010 && c <= 0x2027) {
			score += 1; /* general punctuation: dashes, quotes, ellipsis */
		} else if (c >= 0x3130 && c <= 0x318F) {
			score -= 1; /* compatibility jamo: a row of KS X 1001 rarely used in text */
		} else if (c >= 0x2500 && c <= 0x259F) {
			score -= 1; /* box drawing: CP437 mojibake of CJK names (a CJK reading scores well
				     above it), or real DOS names of frames and boxes */
		} else if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000) {
			score -= 4; /* private use */
		} else if (c == 0xFFFD) {
			score -= 6;
		} else if (c >= 0xC0 && c <= 0x24F) {
			/* accented Latin letters belong to Latin text, not to CJK text; those of
			 * Latin-1 are the most common in the Western text of these dumps */
			if (ascii_letters > 4 * (han + hangul + kana))
				score += c <= 0xFF ? 1 : 0.3;
			else
				score -= 1;
		} else if (c >= 0x80 && c < 0xA0) {
			score -= 5; /* C1 controls */
		} else if (c >= 0x370 && c <= 0x4FF) {
			score -= 1.5; /* Greek and Cyrillic rows of the CJK charsets */
		} else if (u_isalpha(c)) {
			score -= 0.5;
		}
	}
	/* Korean separates words with spaces every few syllables; Chinese and Japanese do not.
	 * Hangul that never meets a space, or hanzi broken by spaces every few characters, are the
	 * signature of a wrong double-byte reading. */
	if (hangul > 40 && spaces * 12 < hangul)
		score -= (double)hangul * 0.5;
	if (han > 40 && hangul == 0 && kana == 0 && spaces * 4 > han)
		score -= (double)han * 0.5;
	if (letters)
		*letters = nonascii + ascii_letters;
	(void)zhf;
	(void)kof;
	if (nonascii + ascii_letters == 0)
		return 0;
	return score / (double)(nonascii + ascii_letters / 8 + 1);
}

/* ---- counting substitutions -------------------------------------------------------------- */

struct counter {
	size_t n;
};

static void U_CALLCONV
count_subst(const void *context, UConverterToUnicodeArgs *args, const char *units, int32_t length,
    UConverterCallbackReason reason, UErrorCode *err)
{
	struct counter *ct = (struct counter *)(uintptr_t)context;

	if (reason == UCNV_UNASSIGNED || reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR)
		ct->n++;
	UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, args, units, length, reason, err);
}

/* Decodes p[0..n) with NAME; returns the UTF-16 length (or -1) and counts substitutions. */
static int32_t
trial_decode(const char *name, const unsigned char *p, size_t n, UChar **buf, int32_t *cap,
    size_t *subs)
{
	UErrorCode err = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open(name, &err);
	struct counter ct = { 0 };
	UChar *t;
	const char *s = (const char *)p;
	int32_t need;

	if (U_FAILURE(err))
		return -1;
	ucnv_setToUCallBack(cnv, count_subst, &ct, NULL, NULL, &err);
	need = (int32_t)n * 2 + 16;
	if (bx_lang_grow16(buf, cap, need) != BILEX_OK) {
		ucnv_close(cnv);
		return -1;
	}
	t = *buf;
	ucnv_toUnicode(cnv, &t, *buf + *cap, &s, (const char *)p + n, NULL, true, &err);
	ucnv_close(cnv);
	if (U_FAILURE(err))
		return -1;
	*subs = ct.n;
	/* C1 controls are what windows-1252 and friends map their undefined bytes to: text
	 * never holds them, so they count as failures of the reading */
	for (UChar *q = *buf; q < t; q++)
		*subs += *q >= 0x80 && *q < 0xA0;
	return (int32_t)(t - *buf);
}

struct candidate {
	const char *name;  /* ICU converter */
	const char *label; /* what records say */
};

static bool
has_candidate(const struct candidate *c, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(c[i].name, name) == 0)
			return true;
	return false;
}

/* Superset converter and record label for a name ICU's detector reports. */
static struct candidate
superset_of(const char *detected)
{
	static const struct {
		const char *detected, *name, *label;
	} map[] = {
		{ "EUC-KR", "windows-949", "CP949" },
		{ "GB18030", "GB18030", "GB18030" },
		{ "Big5", "windows-950", "Big5" },
		{ "Shift_JIS", "windows-31j", "Shift_JIS" },
		{ "EUC-JP", "EUC-JP", "EUC-JP" },
		{ "ISO-8859-1", "windows-1252", "windows-1252" },
		{ "ISO-8859-2", "windows-1250", "windows-1250" },
		{ "ISO-8859-5", "ISO-8859-5", "ISO-8859-5" },
		{ "ISO-8859-7", "windows-1253", "windows-1253" },
		{ "ISO-8859-9", "windows-1254", "windows-1254" },
		{ "UTF-16LE", "UTF-16LE", "UTF-16LE" },
		{ "UTF-16BE", "UTF-16BE", "UTF-16BE" },
	};
	struct candidate c = { detected, detected };

	for (size_t i = 0; i < BX_ARRAY_LEN(map); i++)
		if (strcmp(map[i].detected, detected) == 0) {
			c.name = map[i].name;
			c.label = map[i].label;
		}
	return c;
}

/* The narrower standard that still covers the bytes, for the record: a file that is plain
 * EUC-KR is reported as EUC-KR, one that needs the UHC extension as CP949. */
static const char *
refine_label(const char *label, const unsigned char *p, size_t n, UChar **buf, int32_t *cap)
{
	size_t subs = 0;

	if (strcmp(label, "CP949") == 0) {
		if (trial_decode("EUC-KR", p, n, buf, cap, &subs) >= 0 && subs == 0)
			return "EUC-KR";
	} else if (strcmp(label, "GB18030") == 0) {
		if (trial_decode("GB2312", p, n, buf, cap, &subs) >= 0 && subs == 0)
			return "GB2312";
		if (trial_decode("windows-936", p, n, buf, cap, &subs) >= 0 && subs == 0)
			return "GBK";
	} else if (strcmp(label, "Big5") == 0) {
		if (trial_decode("windows-950", p, n, buf, cap, &subs) < 0 || subs != 0)
			return "Big5-HKSCS";
	}
	return label;
}

static void
set_choice(struct bx_charset_choice *out, const char *name, const char *label, double conf,
    size_t bom, size_t invalid)
{
	snprintf(out->name, sizeof(out->name), "%s", name);
	snprintf(out->label, sizeof(out->label), "%s", label);
	out->confidence = conf;
	out->bom = bom;
	out->invalid = invalid;
}

/* Sample end that does not cut a multi-byte sequence in half too often: back off to the last
 * ASCII byte in the final 16 bytes. */
static size_t
sample_len(const unsigned char *p, size_t n)
{
	size_t m = n > SAMPLE_MAX ? SAMPLE_MAX : n;

	if (m < n)
		for (size_t k = 0; k < 16 && m > 1; k++, m--)
			if (p[m - 1] < 0x80)
				break;
	return m;
}

int
bx_charset_choose(struct bx_lang *L, const unsigned char *p, size_t n, const char *declared,
    struct bx_charset_choice *out)
{
	struct candidate cands[24];
	int nc = 0;
	UChar *buf = NULL;
	int32_t cap = 0;
	size_t m, i, best = 0, second_letters = 0;
	double best_score = -1e300, second = -1e300;
	size_t best_subs = 0;
	bool ascii = true;
	UErrorCode err = U_ZERO_ERROR;
	int st = BILEX_OK;

	memset(out, 0, sizeof(*out));
	/* 1. byte-order marks */
	if (n >= 4 && p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0) {
		set_choice(out, "UTF-32LE", "UTF-32LE", 1.0, 4, 0);
		return BILEX_OK;
	}
	if (n >= 4 && p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF) {
		set_choice(out, "UTF-32BE", "UTF-32BE", 1.0, 4, 0);
		return BILEX_OK;
	}
	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		set_choice(out, "UTF-8", "UTF-8", 1.0, 3, 0);
		return BILEX_OK;
	}
	if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
		set_choice(out, "UTF-16LE", "UTF-16LE", 1.0, 2, 0);
		return BILEX_OK;
	}
	if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
		set_choice(out, "UTF-16BE", "UTF-16BE", 1.0, 2, 0);
		return BILEX_OK;
	}
	if (n >= 4 && p[0] == 0x84 && p[1] == 0x31 && p[2] == 0x95 && p[3] == 0x33) {
		set_choice(out, "GB18030", "GB18030", 1.0, 4, 0);
		return BILEX_OK;
	}

	m = sample_len(p, n);
	for (i = 0; i < m && ascii; i++)
		ascii = p[i] < 0x80 && p[i] != 0;
	/* 2. a declared charset that decodes the sample without loss */
	if (declared && *declared) {
		struct candidate d = superset_of(declared);
		size_t subs = 0;
		int32_t len = trial_decode(d.name, p, m, &buf, &cap, &subs);

		if (len >= 0 && subs == 0 && !ascii) {
			set_choice(out, d.name, d.label, 0.95, 0, 0);
			goto done;
		}
	}
	/* 3. strict UTF-8 (ASCII is UTF-8); a cut sequence at the sample end is not an error */
	{
		int32_t k = 0, len = (int32_t)m, bad = 0, multi = 0;
		size_t good_bytes = 0, high = 0;
		UChar32 c;

		while (k < len) {
			int32_t at = k;

			U8_NEXT(p, k, len, c);
			if (c < 0) {
				if (!(m < n && len - at < 4))
					bad++;
				for (int32_t q = at; q < k; q++)
					high += p[q] >= 0x80;
			} else if (c >= 0x80) {
				multi++;
				good_bytes += (size_t)(k - at);
				high += (size_t)(k - at);
			}
		}
		if (bad == 0) {
			set_choice(out, "UTF-8", "UTF-8", multi >= 4 || ascii ? 1.0 : 0.9, 0, 0);
			goto done;
		}
		/* Damaged UTF-8: legacy text almost never forms valid multi-byte sequences by chance,
		 * so when nearly all high bytes sit in valid ones the file is UTF-8 with broken
		 * bytes, which are counted and replaced. */
		if (multi >= 8 && good_bytes * 10 >= high * 8) {
			set_choice(out, "UTF-8", "UTF-8", good_bytes * 20 >= high * 19 ? 0.9 : 0.75, 0,
			    (size_t)bad);
			goto done;
		}
		/* UTF-8 with more damage still competes with the legacy readings below */
		if (multi > bad)
			cands[nc++] = (struct candidate){ "UTF-8", "UTF-8" };
	}
	/* 4. candidates: ICU's detector, mapped to supersets, then the CJK supersets */
	{
		UCharsetDetector *csd = ucsdet_open(&err);
		const UCharsetMatch **matches;
		int32_t nm = 0;

		if (U_SUCCESS(err)) {
			ucsdet_setText(csd, (const char *)p, (int32_t)m, &err);
			matches = ucsdet_detectAll(csd, &nm, &err);
			for (int32_t k = 0; U_SUCCESS(err) && k < nm && nc < 8; k++) {
				UErrorCode e2 = U_ZERO_ERROR;
				const char *name = ucsdet_getName(matches[k], &e2);
				struct candidate c;

				if (U_FAILURE(e2) || name == NULL)
					continue;
				if (strcmp(name, "UTF-8") == 0 || strncmp(name, "UTF-32", 6) == 0)
					continue;
				c = superset_of(name);
				if (!has_candidate(cands, nc, c.name))
					cands[nc++] = c;
			}
			ucsdet_close(csd);
		}
		err = U_ZERO_ERROR;
	}
	{
		static const struct candidate cjk[] = {
			{ "windows-949", "CP949" }, { "GB18030", "GB18030" }, { "windows-950", "Big5" },
			{ "Big5-HKSCS", "Big5-HKSCS" }, { "windows-31j", "Shift_JIS" },
			{ "EUC-JP", "EUC-JP" }, { "UTF-16LE", "UTF-16LE" }, { "UTF-16BE", "UTF-16BE" },
			{ "windows-1252", "windows-1252" },
		};

		for (i = 0; i < BX_ARRAY_LEN(cjk); i++)
			if (!has_candidate(cands, nc, cjk[i].name))
				cands[nc++] = cjk[i];
	}
	/* 5. decode each and keep the best: substitutions cost more than any plausibility.
	 * Candidates that give the very same text (Big5 and Big5-HKSCS on plain Big5) are one
	 * reading, not rivals: only a different text lowers the confidence. */
	uint64_t best_hash = 0, hashes[32];
	double scores[32];
	int nscored = 0;

	for (int k = 0; k < nc; k++) {
		size_t subs = 0, letters = 0;
		int32_t len = trial_decode(cands[k].name, p, m, &buf, &cap, &subs);
		double score, rate;
		uint64_t hsh = 1469598103934665603ULL;

		if (len < 0)
			continue;
		for (int32_t q = 0; q < len; q++)
			hsh = (hsh ^ buf[q]) * 1099511628211ULL;
		if ((strncmp(cands[k].name, "UTF-16", 6) == 0) && (m & 1))
			subs++; /* an odd byte count is one broken unit */
		score = bx_text_plausibility(L, buf, len, &letters);
		rate = len > 0 ? (double)subs / (double)len : 1.0;
		/* Tika's CJK veto: real CJK text has at most about 1.6% malformed sequences */
		score -= rate > 0.025 ? 50 + 100 * rate : 40 * rate;
		if (nscored < 32) {
			hashes[nscored] = hsh;
			scores[nscored++] = score;
		}
		if (score > best_score) {
			best_score = score;
			best = (size_t)k;
			best_subs = subs;
			best_hash = hsh;
			second_letters = letters;
		}
	}
	for (int k = 0; k < nscored; k++)
		if (hashes[k] != best_hash && scores[k] > second)
			second = scores[k];
	if (best_score <= -1e300) {
		st = BILEX_FAILED;
		goto done;
	}
	{
		double margin = second > -1e300 ? best_score - second : 4;
		double ev = sqrt((double)(second_letters > 0 ? second_letters : 1));
		double conf = 1.0 - 0.5 * exp(-margin * ev / 4);

		if (conf < 0.05)
			conf = 0.05;
		if (best_subs)
			conf *= 0.9;
		set_choice(out, cands[best].name,
		    refine_label(cands[best].label, p, m, &buf, &cap), conf, 0, best_subs);
	}
done:
	free(buf);
	return st;
}

/* ---- streaming decoder ------------------------------------------------------------------- */

struct bx_decoder {
	UConverter *cnv;
	struct counter ct;
};

int
bx_decoder_open(struct bx_lang *L, const char *name, struct bx_decoder **out)
{
	UErrorCode err = U_ZERO_ERROR;
	struct bx_decoder *d;

	(void)L;
	*out = NULL;
	d = calloc(1, sizeof(*d));
	if (d == NULL)
		return BILEX_FATAL;
	d->cnv = ucnv_open(name, &err);
	if (U_FAILURE(err)) {
		free(d);
		return BILEX_FAILED;
	}
	ucnv_setToUCallBack(d->cnv, count_subst, &d->ct, NULL, NULL, &err);
	*out = d;
	return BILEX_OK;
}

int
bx_decoder_run(struct bx_decoder *d, const unsigned char *p, size_t n, bool flush, UChar **dst,
    int32_t *dlen, int32_t *dcap, int32_t limit)
{
	const char *s = (const char *)p, *end = (const char *)p + n;
	UErrorCode err;
	UChar *t;

	for (;;) {
		int32_t room = *dcap - *dlen;

		if (room < 1024) {
			int32_t want = *dcap ? *dcap * 2 : 16384;

			if (want > limit)
				want = limit;
			if (want <= *dcap)
				return BILEX_FAILED; /* the caller must drain the buffer */
			if (bx_lang_grow16(dst, dcap, want) != BILEX_OK)
				return BILEX_FATAL;
		}
		t = *dst + *dlen;
		err = U_ZERO_ERROR;
		ucnv_toUnicode(d->cnv, &t, *dst + *dcap, &s, end, NULL, flush, &err);
		*dlen = (int32_t)(t - *dst);
		if (err == U_BUFFER_OVERFLOW_ERROR)
			continue;
		return U_FAILURE(err) ? BILEX_FAILED : BILEX_OK;
	}
}

size_t
bx_decoder_invalid(const struct bx_decoder *d)
{
	return d->ct.n;
}

void
bx_decoder_close(struct bx_decoder *d)
{
	if (d == NULL)
		return;
	ucnv_close(d->cnv);
	free(d);
}

/* ---- member names ---------------------------------------------------------------------------- */

int
bx_charset_names(struct bx_lang *L, const unsigned char *p, size_t n,
    struct bx_charset_choice *out)
{
	static const struct candidate cands[] = {
		{ "windows-949", "CP949" }, { "GB18030", "GBK" }, { "windows-950", "Big5" },
		{ "windows-31j", "Shift_JIS" }, { "IBM437", "CP437" }, { "windows-1252", "windows-1252" },
	};
	UChar *buf = NULL;
	int32_t cap = 0;
	double best = -1e300, second = -1e300;
	size_t bi = 0, best_subs = 0;
	int32_t k = 0, len = n > INT32_MAX ? INT32_MAX : (int32_t)n, bad = 0, multi = 0, cut = 0;
	UChar32 c;

	memset(out, 0, sizeof(*out));
	/* valid UTF-8 with multi-byte sequences is UTF-8 whatever the flag says: legacy bytes
	 * almost never form it by chance (the flag lies both ways in the wild) */
	while (k < len) {
		int32_t at = k;

		U8_NEXT(p, k, len, c);
		if (c >= 0x80)
			multi++;
		else if (c >= 0)
			continue;
		/* a UTF-8 name cut inside its last character by a byte limit (a tool or file
		 * system that counts bytes): ICU stops after the valid start of the sequence, so
		 * the cut is a lead byte whose sequence runs into the end of the name */
		else if (p[at] >= 0xC2 && p[at] <= 0xF4 && (k == len || p[k] == '\n'))
			cut++;
		else
			bad++;
	}
	if (bad == 0 && (cut == 0 || multi >= 2 * cut)) {
		set_choice(out, "UTF-8", multi ? "UTF-8" : "ASCII",
		    cut ? 0.9 : multi >= 2 ? 0.99 : 0.9, 0, (size_t)cut);
		return BILEX_OK;
	}
	for (size_t i = 0; i < BX_ARRAY_LEN(cands); i++) {
		size_t subs = 0, letters = 0;
		int32_t ulen = trial_decode(cands[i].name, p, n, &buf, &cap, &subs);
		double score;

		if (ulen < 0)
			continue;
		score = bx_text_plausibility(L, buf, ulen, &letters) - 20.0 * (double)subs /
		    (double)(ulen ? ulen : 1);
		if (score > best) {
			second = best;
			best = score;
			bi = i;
			best_subs = subs;
		} else if (score > second) {
			second = score;
		}
	}
	free(buf);
	if (best <= -1e300)
		return BILEX_FAILED;
	{
		double margin = second > -1e300 ? best - second : 4;
		double conf = 1.0 - 0.5 * exp(-margin * 2);

		if (best_subs)
			conf *= 0.8;
		set_choice(out, cands[bi].name, cands[bi].label, conf, 0, best_subs);
	}
	return BILEX_OK;
}

int
bx_decode_string(struct bx_lang *L, const char *name, const unsigned char *p, size_t n,
    char **out, size_t *invalid)
{
	UChar *u = NULL, *nf = NULL;
	int32_t cap = 0, len, nlen, n8 = 0;
	size_t subs = 0;
	UErrorCode err = U_ZERO_ERROR;
	char *s;

	*out = NULL;
	len = trial_decode(name, p, n, &u, &cap, &subs);
	if (len < 0) {
		free(u);
		return BILEX_FAILED;
	}
	/* NFC: macOS writes Hangul names decomposed (NFD) */
	nlen = unorm2_normalize(L->nfc, u, len, NULL, 0, &err);
	err = U_ZERO_ERROR;
	nf = malloc(((size_t)nlen + 1) * sizeof(UChar));
	if (nf == NULL) {
		free(u);
		return BILEX_FATAL;
	}
	nlen = unorm2_normalize(L->nfc, u, len, nf, nlen + 1, &err);
	free(u);
	if (U_FAILURE(err)) {
		free(nf);
		return BILEX_FAILED;
	}
	u_strToUTF8(NULL, 0, &n8, nf, nlen, &err);
	err = U_ZERO_ERROR;
	s = malloc((size_t)n8 + 1);
	if (s == NULL) {
		free(nf);
		return BILEX_FATAL;
	}
	u_strToUTF8WithSub(s, n8 + 1, &n8, nf, nlen, 0xFFFD, NULL, &err);
	free(nf);
	if (U_FAILURE(err)) {
		free(s);
		return BILEX_FAILED;
	}
	s[n8] = '\0';
	if (invalid)
		*invalid = subs;
	*out = s;
	return BILEX_OK;
}

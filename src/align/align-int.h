/*
 * align-int.h - the aligner's own structures (src/align only).
 */
#ifndef BX_ALIGN_INT_H
#define BX_ALIGN_INT_H

#include "align.h"
#include "../lang/lang.h"

#include <math.h>
#include <stdio.h>

#include <unicode/utypes.h>

/* ---- lexicon (lexicon.c) ------------------------------------------------------------------ */
struct bx_word {
	uint64_t ko; /* up to four Hangul syllables, packed (bx_pack4) */
	uint64_t zh; /* the hanja in simplified form, packed */
};

struct bx_gloss {
	char *zh, *ko;
	size_t zh_len, ko_len;
	bool false_friend, loanword;
};

/* A form of a lexicon entry (lexicon.tsv): Chinese, or one Korean form as it occurs in running
 * text (a noun, a verb stem).  BMP only, at most LEX_FORM_MAX units. */
#define LEX_FORM_MAX 24
/* How a one-syllable Korean verb stem written "자-" in lexicon.tsv matches (lexicon.c expands
 * it into these forms): only at a word's start, and only before what a verb takes there. */
enum bx_stem {
	BX_STEM_NONE = 0,
	BX_STEM_ENDING, /* the open stem before an ending syllable: 자고, 자야, 가요, 보자 */
	BX_STEM_N,      /* its final ㄴ fused, before 다 데 지 대: 잔다, 간데 */
	BX_STEM_B,      /* ㅂ fused, before 니 시: 잡니다, 갑시다 */
	BX_STEM_SS,     /* ㅆ fused (past), before an ending: 잤다, 갔어, 봤습니다 */
	BX_STEM_L       /* ㄹ fused (future), before 게 까 래 or " 거", " 수": 잘게, 갈 거 */
};

struct bx_lexform {
	UChar s[LEX_FORM_MAX];
	uint8_t len;
	bool opt;             /* often left out by a translator: its absence is no evidence */
	uint8_t stem;         /* enum bx_stem */
	uint32_t entry;
};

/* Knuth's multiplicative hash of x, its top `bits` bits (1 to 32): the readings table, the
 * form index and the items' signatures all hash with it. */
static inline uint32_t
bx_hash_bits(uint32_t x, int bits)
{
	return (x * 2654435761u) >> (32 - bits);
}

/* The forms of a sorted form list by their first two units: an open-addressing table from
 * s[0] << 16 | s[1] (s[1] is 0 for a one-unit form) to the run of forms that start so.  A
 * key of 0 marks an empty slot (no form starts with unit 0). */
struct bx_formslot {
	uint32_t key, lo, n;
};

struct bx_formidx {
	struct bx_formslot *slot;
	uint32_t mask;        /* slots - 1 (a power of two, at least twice the keys) */
	int bits;             /* log2(slots): the hash's bits (bx_hash_bits) */
};

struct bx_lexicon {
	UChar32 *read_key;
	uint32_t *read_val;  /* pool offset << 8 | count */
	size_t nread;
	uint16_t *pool;
	size_t npool, poolcap;
	struct bx_word *words;
	size_t nwords, wordcap;
	struct bx_gloss *gloss;
	size_t ngloss, glosscap;
	struct bx_lexform *lzh, *lko; /* sorted by their text */
	size_t nlzh, nlko, capzh, capko;
	struct bx_lexform *gzh, *gko; /* the glossary's terms, likewise (entry = gloss index) */
	size_t ngzh, ngko, capgzh, capgko;
	/* lzh, lko, gzh and gko by their forms' first two units (lexicon.c form_index): a
	 * binary search per character of a note was a tenth of the aligner's time, and so was
	 * one by the second unit inside a first character's forms, once the first had a table */
	struct bx_formidx lzh_idx, lko_idx, gzh_idx, gko_idx;
	uint32_t nlex;                /* entries (rows of lexicon.tsv) */
};

int bx_lexicon_open(struct bx_lexicon **out, const char *dir, const char *user_glossary,
    char *err, size_t errlen);
void bx_lexicon_close(struct bx_lexicon *x);
/* Readings of a Han character (syllables); returns their count. */
int bx_lex_readings(const struct bx_lexicon *x, UChar32 c, const uint16_t **out);
/* Hanja words read as the packed Hangul KO; returns their count. */
size_t bx_lex_words(const struct bx_lexicon *x, uint64_t ko, const struct bx_word **first);
uint64_t bx_pack4(const UChar *s, int n);

#define BX_LEXMASK_WORDS 4

/* ---- items: what is aligned (features.c) ----------------------------------------------------
 * An item is one segment, or the consecutive segments of one language in one unit (the
 * sentences of one line), or a merge of two or three of those (2-1 and 1-2 moves). */
struct bx_item {
	int lang;
	size_t seg[BX_ALIGN_MAXN];
	int nseg;
	int64_t unit, lunit, lunit_end, block, line, col;
	int part;
	bool has_box;
	int box[4];
	const char *kind, *ref, *parent_ref;
	int pos;              /* index among the items of its language */
	int last_pos;         /* pos of its last constituent (a merged item spans two) */
	double rel;           /* pos scaled to 0..1, for the diagonal prior */
	int nlang;            /* items of its language in the document */
	bool used;            /* paired already */
	bool merged;          /* built from two neighbouring items (2-1, 1-2 moves) */
	struct bx_item *sub;  /* each segment (sentence) on its own, where nseg is 2 or 3 and the
	                         item is a line, not a merge: a translation may leave one out;
	                         built when first needed (align.c subs_of) */
	int nsub;
	bool nosub;           /* building them failed: the line is scored whole only */

	int len;              /* characters without spaces */
	int cjk;              /* zh: hanzi, ko: Hangul syllables (what the length model counts:
	                         ids, digits and punctuation are the same on both sides) */
	int punct;            /* '?', '!' or 0: how the text ends */
	int nask;             /* question marks anywhere in it (a line of two sentences may ask
	                         in the first) */
	int nsent;            /* sentences: final marks (。！？.!?) with text after them, plus one */
	UChar32 *han;         /* zh: Han characters, -1 between runs */
	int nhan, nhanpairs;
	const uint16_t **rd;  /* zh: readings of each han[] entry, resolved once */
	uint8_t *nrd;
	uint32_t *hanbi;      /* zh: sorted adjacent BMP Han pairs (c1 << 16 | c2) */
	int nhanbi;
	uint64_t hanbibloom[4]; /* zh: signature of hanbi */
	uint16_t *syl;        /* ko: syllables in order, 0 between words */
	int nsyl;
	uint64_t sylbloom[4]; /* ko: 256-bit signatures of its syllables and syllable pairs: */
	uint64_t pairbloom[4];/* most readings are rejected with one test, no search */
	uint16_t *sylset;     /* ko: sorted distinct syllables */
	int nsylset;
	uint32_t *pairset;    /* ko: sorted distinct adjacent syllable pairs */
	int npairset;
	uint64_t *words;      /* ko: hanja (packed, simplified) of its Sino-Korean words */
	int nwords;
	uint32_t *wpairs;     /* ko: each word's adjacent hanja pairs, 3 per word, unpacked once */
	uint8_t *wn;          /* ko: each word's hanja count */
	uint64_t *anch;       /* sorted hashes of strong anchors: Latin ids, timecodes, codes */
	int nanch;
	uint64_t *nums;       /* sorted hashes of short numbers */
	int nnums;
	int nbig;             /* short numbers other than 1 (一个, 한 번 are often left out) */
	uint64_t *gloss;      /* sorted glossary entries whose own side occurs in the text */
	int ngloss;
	uint64_t *lex;        /* sorted lexicon entries whose own side occurs in the text */
	uint64_t lexbloom[8]; /* 512-bit signature of lex: a pair's shared entries are looked
	                         up by the other side's, not found in a merge of both lists */
	uint8_t *lexlen;      /* zh: Han characters the entry's form covers */
	uint16_t *lexstart;   /* where the entry's longest form first starts in the text */
	uint64_t lexknown[BX_LEXMASK_WORDS]; /* characters inside some lexicon form (the first
	                         64 * BX_LEXMASK_WORDS of the text) */
	int nknown;           /* bits set in lexknown */
	int nlex;
};

/* Signals of a candidate pair, each kept for the output. */
enum {
	F_READ_UNI = 0,  /* share of hanzi whose reading is a syllable of the Korean, other than
	                    the syllables of its grammar (이 가 는 을: features.c) */
	F_READ_BI,       /* share of hanzi pairs whose readings are adjacent syllables */
	F_WORD,          /* share of hanzi covered by Korean words' hanja (hanja.txt) */
	F_ANCHOR,        /* Jaccard of strong anchors: ids (S012), timecodes, long numbers, codes */
	F_NUMBER,        /* Jaccard of short numbers (3, 12): common, so weak */
	F_ANCHOR_CLASH,  /* both have strong anchors and share none */
	F_LENGTH,        /* log of the two-sided Gale-Church probability, zh->ko fitted */
	F_GLOSS,         /* glossary terms on both sides (at most 2) */
	F_QUESTION,      /* both end in a question mark */
	F_QUESTION_CLASH,/* only one does */
	F_SAME_UNIT,     /* same line, cell or box */
	F_NEXT,          /* the ko unit right after the zh one */
	F_PREV,          /* the ko unit right before the zh one */
	F_NEAR,          /* within three units */
	F_SAME_BLOCK,    /* same paragraph or block */
	F_SAME_ROW,      /* two cells of one table row (a zh column beside a ko column) */
	F_DIAG,          /* same relative position in the two sequences (1 = on the diagonal) */
	F_SENTENCES,     /* difference of the sentence counts (0..3): translators keep sentences */
	F_LEXICON,       /* share of hanzi covered by lexicon entries found on both sides */
	F_META_CLASH,    /* one side is document metadata (a title), the other is not */
	F_PART_CLASH,    /* the two sides are in different parts (a header and the body) */
	F_ANCHOR_ONESIDED, /* only one side has strong anchors (S015 C003, 50%, #87CEEB) */
	F_THIN,          /* far less lexical support than this document's translations show */
	F_OFF_LINE,      /* not on one line, in a document that writes translations on the line */
	F_LEX_MISS_ZH,   /* share of hanzi in lexicon words whose translation the Korean lacks */
	F_LEX_MISS_KO,   /* share of syllables in lexicon words whose Chinese the Chinese lacks */
	F_PARTIAL,       /* scored on one sentence of a line: the others are not translated */
	F_NUM_CLASH,     /* both sides hold short numbers other than 1 and share none */
	F_NUM_ONESIDED,  /* one side holds a short number other than 1, the other no number */
	F_COUNT
};

extern const char *const bx_feature_names[F_COUNT];

struct bx_model {
	double bias;
	double w[F_COUNT];
	double null_logit;  /* a pair must beat leaving both sides unpaired by this much */
	double merge_cost;  /* extra logit cost of a 2-1 or 1-2 unit */
	double run_bonus;   /* a pair right after a pair: translations come in runs */
	double anchor_logit;/* evidence strong enough to pin the alignment (pass 3b) */
	double emit_logit;  /* pairs below this are never emitted */
	double c, s2;       /* length model: ko ~ c * zh, variance s2 per character */
	double thin_share;  /* F_THIN: a pair is thin under this share of the document's level */
	double thin_len;    /* F_THIN: hanzi from which thinness counts in full */
	double thin_level;  /* F_THIN: only where translations share at least this much */
	double thin_merge;  /* logit per thin part of a 2-1 or 1-2 unit (negative) */
	double partial_len; /* score_items(): a line's sentences are scored alone only where its
	                       length fits the other side this badly (F_LENGTH under it) */
	double rare_df;     /* find_anchors: keys held by at most this many items of each language
	                       bring candidates from outside the band (0: none) */
	double partial_anchor; /* in find_anchors, only from this content logit of the line */
	double sub_fit;     /* sub_fits(): over null_logit by this, a left-out sentence pairs */
	double sub_edge;    /* sub_fits(): the same for the sentence beside the neighbour, where
	                     * few items are left unpaired (fill_share) */
	double part_miss;   /* logit per part of a 2-1 or 1-2 unit whose lexicon words all miss
	                       the other side (negative) */
	double part_ask;    /* logit per part of a 2-1 or 1-2 unit that asks where the other side
	                       asks nothing (negative) */
	double split_min;   /* extend(): content logit each half of a split line must show */
	double fill_logit;  /* pass_fill(): the logit from which the one note and one translation
	                       left between two pairs are paired (under null_logit) */
	double fill_share;  /* pass_fill(): only where at most this share of the items is left */
	double fill_thin;   /* pass_fill(): not a pair at least this thin (F_THIN) */
	double prune_share; /* prune(): where at least this share of the items is left unpaired, */
	double prune_logit; /* the programme's pairs under this logit */
	double prune_content; /* whose content logit is at most this are undone */
	double line_share;  /* F_OFF_LINE: share of notes paired on their own line from which the
	                       document writes translations on the line */
	double lex_share;   /* F_LEXICON: an entry that more than this share of the document's zh
	                       items hold counts lex_share / its share of a hanzi (0: off) */
};

extern const struct bx_model bx_default_model;

/* The lexicon entries the zh items of one document hold, sorted, with how many items hold
 * each (bx_lexdf_build and lex_weight in features.c). */
struct bx_lexdf {
	const uint64_t *ent;
	const uint32_t *n;
	int count;          /* entries; 0 outside an alignment */
	int items;          /* zh items of the document */
};

struct bx_align {
	struct bx_lang *L;
	struct bx_lexicon *lex;
	struct bx_model m;
	struct bx_lexdf df; /* of the document being aligned: set and cleared by align.c */
	/* Called with every candidate pair a pass scores and its signals f[F_COUNT] (zh and ko
	 * line and unit numbers); NULL by default.  Set by bench/align/dump.c, for fitting. */
	void (*candidate)(void *arg, const char *doc, int64_t zline, int64_t zunit, int64_t kline,
	    int64_t kunit, const double *f);
	void *candidate_arg;
};

struct bx_pool; /* scratch memory of one alignment */

/* Builds the item of segments idx[0..n) (all of one language). */
int bx_item_build(struct bx_align *A, struct bx_arena *ar, const struct bx_aseg *const *segs,
    const size_t *idx, int n, struct bx_item *it);
/* The document-frequency table of the zh items zh[0..nzh) in A->df, its arrays in ar; the
 * caller clears A->df when the alignment ends. */
int bx_lexdf_build(struct bx_align *A, struct bx_arena *ar, const struct bx_item *zh, int nzh);
/* qsort comparator of uint64_t. */
int bx_cmp_u64(const void *x, const void *y);
/* Sorts v[0..n) (elements of size bytes) and keeps one of each value; returns the count. */
int bx_uniq(void *v, int n, size_t size, int (*cmp)(const void *, const void *));
/* The entries two sorted lists share, each counted as wa[i] (its weight in a) or 1. */
int bx_intersect64(const uint64_t *a, int na, const uint64_t *b, int nb, const uint8_t *wa);
/* Fills f[F_COUNT] for the pair (zh item z, ko item k); layout features only when layout. */
void bx_pair_features(const struct bx_align *A, const struct bx_item *z, const struct bx_item *k,
    bool layout, double *f);
/* The length signal (F_LENGTH) of the pair alone: log of the two-sided probability of the
 * Korean length given the Chinese one (Gale-Church with the zh->ko ratio; lengths without
 * spaces).  Inline: every candidate pair computes it, some twice. */
static inline double
bx_length_signal(const struct bx_align *A, const struct bx_item *z, const struct bx_item *k)
{
	double lz = z->cjk > 0 ? z->cjk : z->len > 0 ? z->len : 1;
	double lk = k->cjk > 0 ? k->cjk : k->len;
	double d = (lk - A->m.c * lz) / sqrt(lz * A->m.s2);
	double p = erfc(fabs(d) / 1.4142135623730951); /* sqrt(2) */

	return log(p > 1e-6 ? p : 1e-6);
}
/* Logit of the model for features f. */
double bx_model_logit(const struct bx_model *m, const double *f);
/* The part of the logit that comes from shared content: readings, words, lexicon, glossary,
 * anchors and numbers (not length, layout or clashes). */
double bx_content_logit(const struct bx_model *m, const double *f);
/* JSON of the signals into out. */
void bx_signals_json(const struct bx_model *m, const double *f, double logit, const char *layout,
    char *out, size_t len);

#endif

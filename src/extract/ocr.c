/*
 * ocr.c - coloured notes drawn over frames, read by Tesseract after the ink is isolated.
 *
 * Whole-image OCR reads the frame, not the notes: on a colourful frame it finds nothing, on a
 * screenshot it reads the menus, on a busy page it spends seconds on text that is not a note
 * (../shared/notes/ocr.md; on tests/data/image/frames: 241% character error, 46% of the
 * characters missed).  So, per image:
 *   1. candidate inks: saturated pixels with another colour on both sides (strokes, not
 *      fills) vote for their hue; up to four peaks, each with the mean colour of its votes;
 *   2. per candidate, an ink-strength image: near the ink's colour and hue, and standing out
 *      from the mean of its 31x31 surroundings (a fill or a sky gradient does not); fills
 *      removed by an opening, specks dropped;
 *   3. the inks that write are kept: those whose pieces come in rows of letter-sized parts
 *      holding most of the ink (text_score); a drawing's outline or a screenshot's grey menus
 *      do not;
 *   4. line boxes per ink: the mask closed horizontally by about a character, neighbours on
 *      one line merged; tall narrow boxes are vertical columns, boxes taller than a line are
 *      cut at thin rows (an arrow joining two notes), and a band still two lines high (lines
 *      at a slant whose ends touch) into the lines its pieces follow, each read off an image
 *      without the others' pieces (bx_ocr_split_lines), or else read as a block;
 *   5. each line to Tesseract at PSM 7 on the ink image (dark ink on white, nothing else) with
 *      a deadline, by the model of the script its word spaces suggest (chi_sim or kor), and by
 *      the other one too when Tesseract is unsure of that reading; a column's characters are
 *      set side by side and read as a line; unsure short readings (a stroke read as a letter)
 *      are dropped, so are readings no note looks like (drop_shapes: a drawing's stars and
 *      patterns), and a line read in two inks is kept once.
 * Measured by tests/ocr.sh and bench/ocr: 3.1% character error, 2.8% missed (35 frames).
 * One TessBaseAPI per language and context, created when its first line is to be read (Init is
 * 0.05 to 0.25 s and 30 to 45 MB; an image without ink never needs one); OMP_THREAD_LIMIT=1
 * must be in the environment when the process starts (the CLI re-executes itself to ensure
 * it).  A box of a second ink over a line the first one read surely is not read again
 * (read_before).
 * An image whose SHA-256 was OCR'd before in this context is not read again.
 */
#include "ocr.h"
#include "ocr-int.h"
#include "../core/bx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef HAVE_OCR
#include <leptonica/allheaders.h>
#include <unicode/uchar.h>
#include <tesseract/capi.h>
#include <unicode/utf8.h>

#define MAX_PAGES 1000        /* pages of one TIFF read; the rest are counted in a record */
#define CACHE_MAX (32u << 20)   /* text of OCR results kept for images seen twice */

/* A hanzi (the unified ideographs and extension A), as the readings' letter counts take it. */
static inline bool
is_hanzi(UChar32 c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

/* One line read: on a page being read, and in the cache of images seen before. */
struct oline {
	char *text, *extra;
	int box[4];
	double conf;           /* Tesseract's for the line: one misread letter brings it near 0 */
	double wconf;          /* the mean of its words' confidences (PSM 7 lines), else conf */
	size_t words_at;       /* where the body of extra's "words" array starts */
	unsigned char *crop;   /* PNG of the region (BILEX_FLAG_CROPS), malloc'ed */
	size_t crop_len;
	/* an unsure run of words at one end of the line, to be read by the other script's model
	 * (flush_words, read_part); mix_other is -1 when there is none */
	int mix_other, mix_x0, mix_x1;
	int mix_edge;          /* where the sure words end (or begin) on the run's side */
	bool mix_start;
	bool mix_glued;        /* the run is written onto the sure words, no space between */
	bool mix_parted;       /* a separator or a sentence's end stands between them */
	char *mix_text, *mix_words; /* the sure words: text, and their "words" JSON */
	double mix_conf;            /* their mean confidence */
	double mix_share;           /* their share of the line's words */
	int split;             /* the lines of one box split by their pieces share this number (> 0) */
};

static void
oline_free(struct oline *l)
{
	free(l->text);
	free(l->extra);
	free(l->crop);
	free(l->mix_text);
	free(l->mix_words);
	l->text = l->extra = l->mix_text = l->mix_words = NULL;
	l->crop = NULL;
	l->mix_other = -1;
}

struct cached {
	struct cached *next;
	char sha256[65];
	struct oline *l;
	size_t n;
};

/* The engines, each created when first needed.  By default one per script: a line is read by
 * the model of its script alone (guessed from its word spaces, checked by Tesseract's
 * confidence).  The two-language chi_sim+kor tries the language of the previous word first and
 * so read every other line of a note and its translation twice: 4.3 s of LSTM against 2.7 s on
 * the 17 test frames, with the same lines (docs/BENCHMARKS.md).  ENG_USER is the
 * BILEX_OPT_OCR_LANGS engine, which then reads every horizontal line. */
enum { ENG_ZH, ENG_KO, ENG_VERT_ZH, ENG_VERT_KO, ENG_USER, ENG_COUNT };
static const char *const eng_langs[ENG_COUNT] = {
	"chi_sim", "kor", "chi_sim_vert", "kor_vert", NULL
};

struct bx_ocr {
	TessBaseAPI *eng[ENG_COUNT];
	bool eng_failed[ENG_COUNT];
	bool failed;           /* no engine for horizontal lines can be loaded: said per image */
	char why[256];
	struct cached *cache;
	size_t cache_bytes;
};

static struct bx_ocr *
engine(bilex_ctx *ctx)
{
	struct bx_ocr *o = ctx->ocr;

	setMsgSeverity(L_SEVERITY_NONE); /* Leptonica must not print */
	if (o == NULL) {
		o = calloc(1, sizeof(*o));
		if (o == NULL)
			return NULL;
		ctx->ocr = o;
	}
	return o;
}

/* One engine, initialised when the first line for it is to be read: Init is 0.1 to 0.3 s and
 * 30 to 45 MB per language, and most images of a dump (photos, scans, frames without notes)
 * have no ink to read, which the ink finder decides without it.  NULL when its language cannot
 * be loaded (o->why says which). */
static TessBaseAPI *
get_engine(bilex_ctx *ctx, struct bx_ocr *o, int which)
{
	const char *langs = which == ENG_USER ? ctx->options[BILEX_OPT_OCR_LANGS] : eng_langs[which];

	if (o->eng[which] || o->eng_failed[which])
		return o->eng[which];
	/* LSTM only: with a language file that also holds the legacy models (tessdata, not
	 * Debian's tessdata_fast) the default mode loads both and reads every word twice */
	o->eng[which] = TessBaseAPICreate();
	if (o->eng[which] == NULL ||
	    TessBaseAPIInit2(o->eng[which], ctx->options[BILEX_OPT_TESSDATA], langs,
	    OEM_LSTM_ONLY) != 0) {
		if (o->eng[which])
			TessBaseAPIDelete(o->eng[which]);
		o->eng[which] = NULL;
		o->eng_failed[which] = true;
		snprintf(o->why, sizeof(o->why), "tesseract cannot load the language%s %s",
		    strchr(langs, '+') ? "s" : "", langs);
		return NULL;
	}
	/* Tesseract's own messages go nowhere: the library never prints */
	TessBaseAPISetVariable(o->eng[which], "debug_file", "/dev/null");
	TessBaseAPISetVariable(o->eng[which], "user_defined_dpi", "300");
	/* the image given is always dark ink on white (read_ink builds it so); by default a line
	 * read with a mean confidence under 0.7 is read again inverted, which on the test frames
	 * was a quarter of the LSTM's time (handwriting, boxes without letters) for nothing */
	TessBaseAPISetVariable(o->eng[which], "tessedit_do_invert", "0");
	return o->eng[which];
}

/* Whether horizontal lines can be read: the user's languages, or chi_sim or kor (each alone is
 * better than nothing; the other's lines are then read by the wrong model, and flagged by its low
 * confidence).  Loads one engine at most. */
static bool
lines_readable(bilex_ctx *ctx, struct bx_ocr *o)
{
	if (ctx->options[BILEX_OPT_OCR_LANGS] != NULL)
		o->failed = get_engine(ctx, o, ENG_USER) == NULL;
	else
		o->failed = get_engine(ctx, o, ENG_ZH) == NULL && get_engine(ctx, o, ENG_KO) == NULL;
	return !o->failed;
}

void
bx_ocr_free(bilex_ctx *ctx)
{
	struct bx_ocr *o = ctx->ocr;
	struct cached *c, *n;

	if (o == NULL)
		return;
	for (int i = 0; i < ENG_COUNT; i++)
		if (o->eng[i]) {
			TessBaseAPIEnd(o->eng[i]);
			TessBaseAPIDelete(o->eng[i]);
		}
	for (c = o->cache; c; c = n) {
		n = c->next;
		for (size_t i = 0; i < c->n; i++)
			oline_free(&c->l[i]);
		free(c->l);
		free(c);
	}
	free(o);
	ctx->ocr = NULL;
}

bool
bx_ocr_header(const unsigned char *p, size_t n, long *w, long *h)
{
	l_int32 fmt, pw, ph, bps, spp, cmap;

	setMsgSeverity(L_SEVERITY_NONE);
	if (pixReadHeaderMem(p, n, &fmt, &pw, &ph, &bps, &spp, &cmap) != 0)
		return false;
	*w = pw;
	*h = ph;
	return true;
}

/* ---- recognition ----------------------------------------------------------------------------- */

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Shot and cut ids: the CJK models read S012 as 5012 or 8012 and C034 as (034 or 5C034 (the
 * C's left edge as a 5 of its own); a handwritten S is read as 3 (3012 C035, hand_03).  Only
 * before a cut id: 3012 alone is a number. */
static void
fix_ids(char *s)
{
	for (char *p = s; *p; p++) {
		bool start = p == s || p[-1] == ' ';
		int d = 0;

		/* the S's left edge read as a digit of its own: 5S086 */
		if (start && (*p == '5' || *p == '8') && p[1] == 'S' && p[2] >= '0' && p[2] <= '9')
			memmove(p, p + 1, strlen(p + 1) + 1);

		if (!start || !(*p == '5' || *p == '8' || *p == '3' || *p == '$' || *p == 'S' ||
		    *p == 's'))
			continue;
		while (p[1 + d] >= '0' && p[1 + d] <= '9')
			d++;
		if (d < 2 || d > 4)
			continue;
		{
			char *q = p + 1 + d;

			while (*q == ' ')
				q++;
			if ((*q == '5' || *q == '8') && (q[1] == 'C' || q[1] == 'c') && q[2] >= '0' &&
			    q[2] <= '9')
				memmove(q, q + 1, strlen(q + 1) + 1);
			if ((*q == 'C' || *q == '(' || *q == 'c') && q[1] >= '0' && q[1] <= '9') {
				*p = 'S';
				*q = 'C';
			}
		}
	}
}

/* A space the CJK models put between a hanzi and the mark that ends its sentence (打开窗 ! for
 * 打开窗！, tests/data/image/frames/robe_01): Chinese writes none there. */
static void
han_punct(char *s)
{
	int32_t n = (int32_t)strlen(s), i = 0, o = 0;
	UChar32 prev = 0;

	while (i < n) {
		int32_t k = i;
		UChar32 c, d = 0;

		U8_NEXT(s, k, n, c);
		if (c == ' ' && k < n) {
			int32_t q = k;

			U8_NEXT(s, q, n, d);
			if (is_hanzi(prev) &&
			    (d == '!' || d == '?' || d == 0xFF01 || d == 0xFF1F || d == 0x3002 ||
			    d == 0xFF0C)) {
				i = k; /* the space goes */
				continue;
			}
		}
		memmove(s + o, s + i, (size_t)(k - i));
		o += k - i;
		i = k;
		prev = c;
	}
	s[o] = '\0';
}

/* ---- cache of results, for images seen twice -------------------------------------------------- */

static int
emit_line(struct bx_doc *doc, const struct oline *l)
{
	struct bx_unit u;
	char where[96];

	bx_unit_init(&u, "ocr-line");
	snprintf(where, sizeof(where), "x=%d y=%d w=%d h=%d", l->box[0], l->box[1], l->box[2],
	    l->box[3]);
	u.where = where;
	u.text = l->text;
	u.len = strlen(l->text);
	u.confidence = l->conf;
	u.has_box = true;
	memcpy(u.box, l->box, sizeof(u.box));
	u.extra = l->extra;
	u.block = l->box[1];
	u.crop = l->crop;
	u.crop_len = l->crop_len;
	u.flags = BX_UNIT_WHOLE;
	return bx_doc_unit(doc, &u);
}

static struct cached *
cache_find(struct bx_ocr *o, const char *sha)
{
	for (struct cached *c = o->cache; c; c = c->next)
		if (strcmp(c->sha256, sha) == 0)
			return c;
	return NULL;
}

static void
cache_add(struct bx_ocr *o, struct cached *c)
{
	size_t bytes = 0;

	for (size_t i = 0; i < c->n; i++)
		bytes += strlen(c->l[i].text) + strlen(c->l[i].extra) + c->l[i].crop_len;
	if (o->cache_bytes + bytes > CACHE_MAX) {
		for (size_t i = 0; i < c->n; i++)
			oline_free(&c->l[i]);
		free(c->l);
		free(c);
		return;
	}
	o->cache_bytes += bytes;
	c->next = o->cache;
	o->cache = c;
}

/* Keeps a copy of a line for the next time the image is seen. */
static void
cache_line(struct cached *c, const struct oline *l)
{
	struct oline *nl = realloc(c->l, (c->n + 1) * sizeof(*nl)), *d;

	if (nl == NULL)
		return;
	c->l = nl;
	d = &nl[c->n];
	*d = *l;
	d->text = bx_strdup(l->text);
	d->extra = bx_strdup(l->extra);
	d->crop = NULL;
	d->crop_len = 0;
	d->mix_text = d->mix_words = NULL;
	d->mix_other = -1;
	if (l->crop && (d->crop = malloc(l->crop_len)) != NULL) {
		memcpy(d->crop, l->crop, l->crop_len);
		d->crop_len = l->crop_len;
	}
	if (d->text && d->extra)
		c->n++;
	else
		oline_free(d);
}

/* ---- recognition ------------------------------------------------------------------------ */

/* Letters and digits in a UTF-8 line (every non-ASCII code point counts: it is CJK here). */
static int
letters(const char *s)
{
	int n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p >= 0x80 && (*p & 0xc0) != 0x80) || (*p >= '0' && *p <= '9') ||
		    ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
			n++;
	return n;
}

/* The lines of one page, emitted in reading order once every ink is read. */

struct page {
	struct bx_doc *doc;
	struct bx_ocr *o;
	uint32_t ink;          /* colour of the ink being read; none for --ocr-all */
	bool whole;
	PIX *rgb;              /* the page, for the crops of its lines */
	bool timed_out;        /* the image's deadline passed: nothing more is read */
	bool no_engine;        /* the engine could not be loaded: said once */
	bool said_missing;     /* one of the two script engines could not be loaded: said once */
	bool in_part;          /* read_part() is reading a line's end: its reading is kept for it
	                          to judge, whatever Tesseract's confidence in the line */
	PIX *gray;             /* what the engines read: dark ink on white, or the luminance */
	PIX *mask;             /* the ink's stroke mask (NULL for a whole image) */
	int est;               /* the ink's text height */
	int read_letters;      /* letters in read_box's last reading, kept or not */
	unsigned img_set;      /* engines (1 << ENG_x) that gray was given to */
	const struct lbox *column; /* reading a column laid out as a line: its box on the page */
	int splits;            /* boxes split into lines by their pieces so far (read_tall) */
	int64_t deadline;      /* monotonic milliseconds: ocr-ms for the whole image */
	int ms;
	struct oline *l;
	size_t n, cap;
};

#define PAGE_LINES_MAX 2000 /* lines kept from one page */

#define LINE_FLOOR 0.35 /* a line read under this mean confidence is noise */

/* One line read: kept unless it is noise (a stroke of the drawing read as a letter).  With a
 * model per script, the one that does not fit a piece of drawing is asked too, and the kor
 * model reads an arrow's head as one syllable at 0.7: one letter must be surer than that.
 * keep: a line half of which is sure, to be read again in part (flush_words), whatever its
 * mean. */
static int
flush_line(struct page *pg, char *text, double conf, int *box, struct bx_buf *extra, int psm,
    bool keep)
{
	char *e = text + strlen(text);
	struct bx_buf full;
	struct oline *pl;
	int nl;

	while (e > text && (e[-1] == '\n' || e[-1] == ' '))
		*--e = '\0';
	fix_ids(text);
	han_punct(text);
	nl = letters(text);
	if (nl == 0 || (!keep && (conf < LINE_FLOOR || (nl <= 3 && conf < 0.6) ||
	    (nl == 1 && conf < 0.8))))
		return BILEX_OK;
	if (pg->n == pg->cap) {
		size_t nc = pg->cap ? pg->cap * 2 : 16;

		if (nc > PAGE_LINES_MAX)
			return bx_doc_error(pg->doc, BILEX_WARN, BILEX_E_LIMIT_SEGMENTS,
			    "more than %d lines read on one page; the rest are left out", PAGE_LINES_MAX);
		pl = realloc(pg->l, nc * sizeof(*pl));
		if (pl == NULL)
			return bx_fail(bx_doc_ctx(pg->doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
		pg->l = pl;
		pg->cap = nc;
	}
	bx_buf_init(&full, 1u << 20);
	if (pg->whole)
		bx_buf_adds(&full, "{\"whole\":true,");
	else
		bx_buf_printf(&full, "{\"ink\":\"#%06x\",%s", (unsigned)pg->ink,
		    pg->column ? "\"column\":true," : "");
	bx_buf_printf(&full, "\"psm\":%d,\"words\":[", psm);
	pl = &pg->l[pg->n];
	memset(pl, 0, sizeof(*pl));
	pl->words_at = full.len;
	bx_buf_printf(&full, "%s]}", bx_buf_str(extra));
	pl->mix_other = -1;
	pl->text = bx_strdup(text);
	pl->extra = bx_strdup(bx_buf_str(&full));
	bx_buf_free(&full);
	if (pl->text == NULL || pl->extra == NULL) {
		oline_free(pl);
		return bx_fail(bx_doc_ctx(pg->doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	if (pg->column) { /* the line was read off a laid-out copy: the column's place */
		pl->box[0] = pg->column->x;
		pl->box[1] = pg->column->y;
		pl->box[2] = pg->column->w;
		pl->box[3] = pg->column->h;
	} else {
		memcpy(pl->box, box, sizeof(pl->box));
	}
	pl->conf = pl->wconf = conf;
	pg->n++;
	return BILEX_OK;
}

static int
cmp_pline(const void *a, const void *b)
{
	const struct oline *p = a, *q = b;
	int mh = p->box[3] < q->box[3] ? p->box[3] : q->box[3];

	/* reading order: lines on one row left to right, else top to bottom */
	if (abs(p->box[1] - q->box[1]) > mh / 2)
		return p->box[1] < q->box[1] ? -1 : 1;
	return p->box[0] - q->box[0];
}

#define CROP_WIDTH 600            /* a crop wider than this is scaled down */
#define CROP_BYTES (64u << 10)    /* and one larger than this is dropped */

/* The line's region of the page as a PNG, for a report to show beside the text. */
static void
make_crop(PIX *rgb, struct oline *l)
{
	BOX *b = boxCreate(l->box[0], l->box[1], l->box[2], l->box[3]);
	PIX *c = b ? pixClipRectangle(rgb, b, NULL) : NULL;
	l_uint8 *data = NULL;
	size_t n = 0;

	boxDestroy(&b);
	if (c && pixGetWidth(c) > CROP_WIDTH) {
		PIX *s = pixScale(c, (l_float32)CROP_WIDTH / pixGetWidth(c),
		    (l_float32)CROP_WIDTH / pixGetWidth(c));

		pixDestroy(&c);
		c = s;
	}
	if (c && pixWriteMemPng(&data, &n, c, 0.0) == 0 && data && n <= CROP_BYTES) {
		l->crop = data; /* Leptonica allocates with malloc */
		l->crop_len = n;
		data = NULL;
	}
	free(data);
	pixDestroy(&c);
}

/* A reading at least this sure is the right model's: on the test frames a line read by its own
 * script's model scores 0.53 to 0.94 (handwriting the lowest), by the other's 0.04 to 0.42. */
#define SCRIPT_SURE 0.5
/* A line at least this sure is not read again, nor given up for another reading */
#define SURE_LINE 0.80

/* The Hangul syllables and the hanzi of a line. */
static void
script_letters(const char *text, int *ko, int *zh)
{
	int32_t i = 0, n = (int32_t)strlen(text);
	UChar32 c;

	*ko = *zh = 0;
	while (i < n) {
		U8_NEXT(text, i, n, c);
		*ko += bx_is_syllable(c);
		*zh += is_hanzi(c);
	}
}

/* The script most letters of a line are in: ENG_KO for Hangul, ENG_ZH for hanzi, -1 for
 * neither. */
static int
script_of(const char *text)
{
	int ko, zh;

	script_letters(text, &ko, &zh);
	return ko > zh ? ENG_KO : zh > ko ? ENG_ZH : -1;
}

/* What a reading is made of, word by word (words are what the spaces part). */
struct makeup {
	int letters;     /* letters and digits (ICU's alphanumerics) */
	int cjk;         /* hanzi and Hangul syllables among them */
	int loose;       /* the rest, outside ids: Latin, digits, jamo (AAA OAOA MP, 21502 기 0) */
	int ko_words, ko_syl; /* words with Hangul syllables, and their syllables */
	bool id;         /* a shot or cut id word (S012, C034) */
};

static void
makeup_of(const char *text, struct makeup *m)
{
	int32_t i = 0, n = (int32_t)strlen(text);

	memset(m, 0, sizeof(*m));
	while (i < n) {
		int alpha = 0, lead = 0, digit = 0, other = 0, syl = 0, han = 0;
		int run = 0, spelled = 0; /* the current run of Latin letters; those spelled */
		bool capital = false;     /* a capital inside the run (AAA, OAOA) */
		bool id;
		UChar32 c;

		while (i < n && text[i] == ' ')
			i++;
		while (i < n && text[i] != ' ') {
			U8_NEXT(text, i, n, c);
			if (bx_is_syllable(c)) {
				syl++;
			} else if (is_hanzi(c)) {
				han++;
			} else if (c < 0x80 && (c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
				lead += digit == 0 && alpha == lead; /* letters before any digit */
				alpha++;
				/* a word as it is spelled (Muiriel, layout): four letters or more, a
				 * capital first at most; a drawing read as Latin gives capitals and
				 * scraps (AAA OAOA MP, 公一ma) */
				capital |= c < 'a' && run > 0;
				if (++run >= 4 && !capital && (i >= n || (text[i] | 0x20) < 'a' ||
				    (text[i] | 0x20) > 'z'))
					spelled += run;
				continue;
			} else if (c >= '0' && c <= '9') {
				digit++;
			} else if (c >= 0 && u_isalnum(c)) {
				other++;
			}
			run = 0;
			capital = false;
		}
		/* S012, C034: one or two letters, then two to four digits, nothing else */
		id = lead >= 1 && lead <= 2 && alpha == lead && digit >= 2 && digit <= 4 &&
		    syl + han + other == 0;
		m->id |= id;
		m->letters += alpha + digit + other + syl + han;
		m->cjk += syl + han;
		if (!id)
			m->loose += alpha - spelled + digit + other;
		if (syl) {
			m->ko_words++;
			m->ko_syl += syl;
		}
	}
}

/* Whether a line has one character three times in a row: hatching or a row of dots read as
 * 一一一 or ...., at a low confidence. */
static bool
same_thrice(const char *text)
{
	int32_t i = 0, n = (int32_t)strlen(text), run = 0;
	UChar32 c, prev = -1;

	while (i < n) {
		U8_NEXT(text, i, n, c);
		run = c == prev ? run + 1 : 1;
		prev = c;
		if (run >= 3 && c != ' ')
			return true;
	}
	return false;
}

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Whether a reading is strokes taken for hanzi: six hanzi or fewer, at least half of them
 * characters of one to three straight strokes (一 了 人 三 …), and broken up by spaces, marks
 * or loose letters and digits.  The models read a star, a sparkle or the tip of a wand so (4 了,
 * 人 起 <一人人), 了 5G, 上廊一cn 了了, 人、 三乡: 11 of the 22 readings of seven make_hold.py
 * sets that match no truth line); a note is a phrase whose hanzi stand together, and few of
 * its characters are that simple. */
bool
bx_ocr_stroke_reading(const char *text)
{
	static const UChar32 simple[] = { 0x4E00, 0x4E8C, 0x4E09, 0x5341, 0x516B, 0x4EBA, 0x5165,
		0x4E86, 0x4E59, 0x4E3F, 0x4E28, 0x4E61, 0x516D, 0x4E0A, 0x4E0B }; /* 一二三十八人入了乙丿丨乡六上下 */
	int32_t i = 0, n = (int32_t)strlen(text);
	int han = 0, plain = 0, breaks = 0;
	bool after_han = false;
	UChar32 c;

	while (i < n) {
		U8_NEXT(text, i, n, c);
		if (is_hanzi(c)) {
			han++;
			for (size_t q = 0; q < sizeof(simple) / sizeof(simple[0]); q++)
				plain += c == simple[q];
			after_han = true;
		} else if (bx_is_syllable(c)) {
			return false; /* Hangul: a Korean reading, judged by its words */
		} else if (after_han || han == 0) {
			/* a space, mark, letter or digit before, after or between the hanzi; the
			 * mark that ends a sentence is not one */
			if (!(i >= n && (c == 0x3002 || c == '.' || c == 0xFF01 || c == 0xFF1F ||
			    c == '!' || c == '?')))
				breaks++;
			after_han = false;
		}
	}
	return han > 0 && han <= 6 && plain * 2 >= han && breaks > 0;
}

#define SHAPE_LETTERS 2   /* a reading this short is a shape unless it stands like a note */
#define SHAPE_SURE 0.90   /* ... is read at least this surely */
#define GARBLE_CONF 0.65  /* under this, a short or Latin-strewn reading is a drawing's */
#define GARBLE_LOW 0.45   /* under this, one stray letter or digit is enough */

/* Whether a reading of makeup m is garbled as drop_shapes takes it: under GARBLE_CONF, with a
 * third of its letters loose, two hanzi or Hangul or fewer, six letters or fewer with one
 * loose, one loose under GARBLE_LOW, or Korean words too short for a sentence; not a column
 * read as a line, nor a line with an id (S021 C077 at 0.55). */
static bool
garbled(const struct oline *l, const struct makeup *m)
{
	return l->conf < GARBLE_CONF && l->box[3] <= 2 * l->box[2] && !m->id &&
	    (m->loose * 3 >= m->letters || m->cjk <= 2 || (m->letters <= 6 && m->loose > 0) ||
	    (l->conf < GARBLE_LOW && m->loose > 0) ||
	    (m->ko_words >= 3 && m->ko_syl * 10 < m->ko_words * 16));
}

/* Readings no note looks like.  Notes are written as phrases; the shapes of a drawing in a
 * saturated colour (stars, hatching, the pattern on a robe) are read as one or two letters,
 * surely (a five-pointed star as 会 at 0.95), as a row of one letter (一一一), as Latin
 * capitals and digits strewn with CJK at 0.35 to 0.6 (AAA OAOA MP, 公一ma, 21502 기 0), or as
 * Hangul syllables a word apart (이 호스 즈이 고 주 아아 at 0.36).  On 30 frames of a third
 * generator (bench/probe/make_hold.py: cartoons, cels, coloured stars), 66 of 200 readings were
 * such, and no truth line of the repository's or the probe's frames is under four letters.
 * Dropped:
 * - one letter, or two (three without hanzi or Hangul) unless the page has written lines, at
 *   whose height (0.6 to 1.6 times their median) the two stand, read at SHAPE_SURE or more;
 * - three letters or fewer under 0.6 times that height;
 * - under GARBLE_CONF, unless it is a column or has an id (S021 C077 at 0.55): a third of its
 *   letters loose (Latin, digits, jamo outside ids), two hanzi or Hangul or fewer, six letters
 *   or fewer with one loose, Korean words of under 1.6 syllables on average (a sentence's run 2
 *   to 3: 너 차에 치인 적 있어 is 1.6), or one loose letter under GARBLE_LOW;
 * - under SURE_LINE, one character three times in a row;
 * - strokes taken for hanzi, however sure, unless with an id (bx_ocr_stroke_reading).
 * Short lines of hanzi or Hangul alone stay whatever their confidence (你决定好了吗 read as
 * 你决室行了中 at 0.60 is still the note's place).  A page whose every reading is that short
 * keeps none: a frame marked only 好 loses it, and a frame of stars does not become notes. */
static void
drop_shapes(struct page *pg)
{
	int h[64], nh = 0, med = 0;

	for (size_t i = 0; i < pg->n && nh < (int)(sizeof(h) / sizeof(h[0])); i++) {
		const struct oline *l = &pg->l[i];
		int ko, zh;

		if (l->text == NULL || l->conf < GARBLE_CONF - 0.05)
			continue;
		script_letters(l->text, &ko, &zh);
		if (ko + zh >= 4)
			h[nh++] = l->box[3];
	}
	if (nh) {
		qsort(h, (size_t)nh, sizeof(h[0]), cmp_int);
		med = h[nh / 2];
	}
	for (size_t i = 0; i < pg->n; i++) {
		struct oline *l = &pg->l[i];
		struct makeup m;
		int nl;

		if (l->text == NULL)
			continue;
		makeup_of(l->text, &m);
		nl = m.letters;
		if (!m.id && bx_ocr_stroke_reading(l->text)) {
			oline_free(l);
		} else if (nl <= SHAPE_LETTERS || (m.cjk == 0 && nl <= SHAPE_LETTERS + 1)) {
			if (med == 0 || nl < 2 || l->conf < SHAPE_SURE || l->box[3] * 10 < med * 6 ||
			    l->box[3] * 10 > med * 16)
				oline_free(l);
		} else if (garbled(l, &m)) {
			oline_free(l);
		} else if ((nl <= SHAPE_LETTERS + 1 && l->box[3] * 10 < med * 6) ||
		    (l->conf < SURE_LINE && same_thrice(l->text))) {
			oline_free(l);
		}
	}
}

bool
bx_ocr_one_line(const char *pt, double pc, const int *pb, const char *qt, double qc,
    const int *qb)
{
	long ix, iy, ap = (long)pb[2] * pb[3], aq = (long)qb[2] * qb[3];
	double share;

	/* two readings in two scripts, neither in the other script's range (the models read
	 * the other script at 0.04 to 0.42), are two lines.  Lines at a slant share much of
	 * their boxes (slant_01: a rising Korean line's box holds 57% of the note's above it),
	 * and so does a small note whose translation's box took in a drawing's shape above it
	 * (你用哪一个浏览器？ at 0.59, 56% of its box in the Korean line's, read at 0.80, was
	 * dropped as its duplicate) */
	if (pc >= SCRIPT_SURE && qc >= SCRIPT_SURE && script_of(pt) != script_of(qt))
		return false;
	ix = (long)(pb[0] + pb[2] < qb[0] + qb[2] ? pb[0] + pb[2] : qb[0] + qb[2]) -
	    (pb[0] > qb[0] ? pb[0] : qb[0]);
	iy = (long)(pb[1] + pb[3] < qb[1] + qb[3] ? pb[1] + pb[3] : qb[1] + qb[3]) -
	    (pb[1] > qb[1] ? pb[1] : qb[1]);
	share = ix <= 0 || iy <= 0 ? 0 : (double)(ix * iy) / (double)(ap < aq ? ap : aq);
	/* half of the smaller box shared is one line; a quarter is when one reading is sure and
	 * the other is not */
	return share >= 0.5 || (share >= 0.25 && ((pc < SCRIPT_SURE && qc >= SURE_LINE) ||
	    (qc < SCRIPT_SURE && pc >= SURE_LINE)));
}

bool
bx_ocr_read_twice(const char *pt, const int *pb, const char *qt, const int *qb)
{
	int ix = (pb[0] + pb[2] < qb[0] + qb[2] ? pb[0] + pb[2] : qb[0] + qb[2]) -
	    (pb[0] > qb[0] ? pb[0] : qb[0]);
	int w = pb[2] < qb[2] ? pb[2] : qb[2];
	int sp = script_of(pt);

	/* two lines of a block side by side share the edge of a letter (我就想看看 and
	 * 看汤姆的房昌。, one line written unevenly, share a quarter of the narrower); the
	 * pieces of one line read twice share half of it or more (톰 의 선택 이었 and 선택 였어:
	 * 61%).  A note and its translation on one line are read by both models, in two
	 * scripts. */
	return w > 0 && ix * 2 >= w && sp >= 0 && sp == script_of(qt);
}

/* Emits the page's lines in reading order (and keeps them for an image seen again). */
static int
page_emit(struct page *pg, struct cached *keep)
{
	int st = BILEX_OK;

	/* a line read twice, in two inks whose colours overlap at its edges: the surer reading.
	 * Half of the smaller box shared is one line; a quarter is when one reading is sure and the
	 * other is not: an outline drawn round red letters for contrast gives the top half of the
	 * letters and the outline as a second ink's line (photo_01: 45% of it, confidence 0.37
	 * against 0.90), where two sure lines of slanted handwriting share up to a third */
	for (size_t i = 0; i < pg->n; i++)
		for (size_t j = 0; j < pg->n && pg->l[i].text; j++) {
			struct oline *p = &pg->l[i], *q = &pg->l[j];

			if (i == j || q->text == NULL || (p->split && p->split == q->split) ||
			    !bx_ocr_one_line(p->text, p->conf, p->box, q->text, q->conf, q->box))
				continue;
			if (p->conf < q->conf || (p->conf == q->conf && i > j))
				oline_free(p);
		}
	if (pg->n > 1)
		qsort(pg->l, pg->n, sizeof(*pg->l), cmp_pline);
	for (size_t i = 0; i < pg->n; i++) {
		struct oline *pl = &pg->l[i];

		if (pl->text == NULL)
			continue;
		if (pg->rgb && bx_doc_flag(pg->doc, BILEX_FLAG_CROPS))
			make_crop(pg->rgb, pl);
		if (st > BILEX_FATAL)
			st = bx_worst(st, emit_line(pg->doc, pl));
		if (keep)
			cache_line(keep, pl);
		oline_free(pl);
	}
	free(pg->l);
	pg->l = NULL;
	pg->n = pg->cap = 0;
	return st;
}

/* ---- a note and its translation on one line ------------------------------------------------ */

/* A line may hold a note and its translation (头的形状要再修改一下。 머리 모양을 조금 더 수정해
 * 주세요.).  Its spaces make it look Korean, the kor model reads the Korean half surely and the
 * Chinese half as noise, and the line as a whole is sure enough not to be read again.  So the
 * words of a single line are kept with their boxes: an unsure end of an otherwise sure line,
 * two characters wide or more, is read again by the other script's model, and that reading
 * replaces the end when the model is sure of it. */
#define MIX_WORDS 64   /* words of a line kept with their boxes; a longer line is not split */
#define MIX_UNSURE 50  /* an end whose words read under this on average is not the model's */
#define MIX_SURE 70    /* the rest of the line reads at least this on average */

struct rword {
	int x0, x1, conf;
	size_t j0, j1;     /* its object in the line's "words" JSON */
	char *t;
};

static void
rwords_free(struct rword *rw, int *n)
{
	for (int i = 0; i < *n; i++)
		free(rw[i].t);
	*n = 0;
}

/* Whether a word the kor model read is a misreading of another script: a letter of it is a
 * lone jamo (ㅡ ㅠ ㅜ, U+3131..U+318E: 一 and the strokes of hanzi), which Korean writing never
 * has. */
static bool
lone_jamo(const char *w)
{
	int32_t i = 0, n = (int32_t)strlen(w);
	UChar32 c;

	while (i < n) {
		U8_NEXT(w, i, n, c);
		if (c >= 0x3131 && c <= 0x318E)
			return true;
	}
	return false;
}

/* Past the words [a, b) of rw in p: the words are found in the text in order, spaces skipped,
 * as Tesseract spaces the line (a kor "word" may be one syllable of a word the line writes
 * whole).  NULL when they are not there. */
static const char *
skip_words(const char *p, const struct rword *rw, int a, int b)
{
	for (int i = a; i < b; i++) {
		size_t n = rw[i].t ? strlen(rw[i].t) : 0;

		while (*p == ' ')
			p++;
		if (n == 0 || strncmp(p, rw[i].t, n) != 0)
			return NULL;
		p += n;
	}
	return p;
}

/* The line text without its unsure run: the words [a, b) at its start, or everything after its
 * first a words (the run at its end).  NULL when the words are not in the text as read. */
static char *
text_without(const char *text, const struct rword *rw, int a, int b, bool start)
{
	const char *p;

	if (!start) /* the words before the run, from the start: the rest is the run */
		return (p = skip_words(text, rw, 0, a)) ? bx_strndup(text, (size_t)(p - text)) : NULL;
	if ((p = skip_words(text, rw, a, b)) == NULL)
		return NULL;
	while (*p == ' ')
		p++;
	return bx_strdup(p);
}

/* The JSON objects of the words [a, b) of rw, joined by commas. */
static char *
words_json(const struct rword *rw, int a, int b, struct bx_buf *words)
{
	struct bx_buf j;
	char *r;

	bx_buf_init(&j, 1u << 20);
	for (int i = a; i < b; i++) {
		if (i > a)
			bx_buf_addc(&j, ',');
		bx_buf_add(&j, bx_buf_str(words) + rw[i].j0, rw[i].j1 - rw[i].j0);
	}
	r = bx_strdup(bx_buf_str(&j));
	bx_buf_free(&j);
	return r;
}

/* Characters a writer puts between a note and its translation on one line (头的形状要再修改一下。
 * / 머리 모양을…). */
static bool
is_sep_char(UChar32 c)
{
	return c == '/' || c == '|' || c == '-' || c == '=' || c == ':' || c == '~' || c == '>' ||
	    c == 0x2013 || c == 0x2014 || c == 0x2192 || c == 0xFF0F || c == 0xFF5C ||
	    c == 0xFF1A || c == 0xFF5E;
}

/* A mark that ends a sentence or clause: 。！？，.!?, */
static bool
is_final_mark(UChar32 c)
{
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0C || c == '.' || c == '!' ||
	    c == '?' || c == ',';
}

/* What a word is made of: 1 if only final marks, 2 if separator characters too (Tesseract reads
 * "。 /" as one word "。/"), 0 if anything else or empty. */
static int
mark_word(const char *w)
{
	int32_t i = 0, n = w ? (int32_t)strlen(w) : 0;
	int kind = 0;
	UChar32 c;

	while (i < n) {
		U8_NEXT(w, i, n, c);
		if (is_sep_char(c))
			kind = 2;
		else if (is_final_mark(c))
			kind = kind ? kind : 1;
		else
			return 0;
	}
	return kind;
}

static bool
is_separator(const char *w)
{
	return mark_word(w) == 2;
}

/* Whether the character at byte i of text comes right after a letter or a digit.  chi_sim
 * reads the vertical stroke of a Hangul syllable as | written onto what it makes of the rest
 * (이 as 0|, 시 as 人|): no separator. */
static bool
after_letter(const char *text, int32_t i)
{
	UChar32 c;

	if (i <= 0)
		return false;
	U8_PREV(text, 0, i, c);
	return c >= 0 && u_isalnum(c);
}

bool
bx_ocr_parted(const char *text, size_t at)
{
	int32_t n = (int32_t)strlen(text), i, j;
	UChar32 c;

	if (at > (size_t)n)
		return false;
	/* the last character before the border and the first one after it, spaces aside */
	for (i = (int32_t)at; i > 0 && text[i - 1] == ' '; i--)
		;
	if (i > 0) {
		U8_PREV(text, 0, i, c);
		if (is_final_mark(c) || (is_sep_char(c) && !after_letter(text, i)))
			return true;
	}
	for (j = (int32_t)at; j < n && text[j] == ' '; j++)
		;
	if (j < n) {
		int32_t k = j;

		U8_NEXT(text, k, n, c);
		return is_sep_char(c) && !after_letter(text, j);
	}
	return false;
}

/* Separators and spaces taken off the start (lead) or the end of t, in place. */
static void
trim_separators(char *t, bool lead)
{
	int32_t n = (int32_t)strlen(t), i = 0, j = n;
	UChar32 c;

	if (lead) {
		while (i < n) {
			int32_t k = i;

			U8_NEXT(t, k, n, c);
			if (c != ' ' && !is_sep_char(c))
				break;
			i = k;
		}
		memmove(t, t + i, (size_t)(n - i) + 1);
		return;
	}
	while (j > 0) {
		int32_t k = j;

		U8_PREV(t, 0, k, c);
		if (c != ' ' && !is_sep_char(c))
			break;
		j = k;
	}
	t[j] = '\0';
}

/* Whether a word is made of marks only: one to three characters, none a letter or a digit
 * (\ | ~ ,/^).  Its first character decides what it is: one a note may open with (“ 《 「 (),
 * for the first word, or end with (。 、 ” 」 !), for the last, makes it punctuation (1: 。、、
 * is a full stop and an arrow's tail, which later trimming takes off); any other an arrow's head
 * or tail or a ring's arc (2). */
static int
marks_only(const char *w, bool first)
{
	int32_t i = 0, n = w ? (int32_t)strlen(w) : 0, k = 0;
	bool punct = false;
	UChar32 c;

	while (i < n) {
		int8_t t;

		U8_NEXT(w, i, n, c);
		if (c < 0 || u_isalnum(c) || ++k > 3)
			return 0;
		t = (int8_t)u_charType(c);
		if (k == 1 && first)
			punct = t == U_START_PUNCTUATION || t == U_INITIAL_PUNCTUATION || c == '"' ||
			    c == '\'';
		else if (k == 1)
			punct = is_final_mark(c) || c == 0x3001 || t == U_END_PUNCTUATION ||
			    t == U_FINAL_PUNCTUATION || c == '"' || c == '\'';
	}
	return k == 0 ? 0 : punct ? 1 : 2;
}

/* Recognises one box of the image set on api at page segmentation mode psm, within the page's
 * deadline.  *ok is true when the engine has a reading to iterate; the status says why not
 * (the deadline passed: said once per image). */
static int
recognize(struct page *pg, TessBaseAPI *api, const struct lbox *bx, int psm, bool *ok)
{
	ETEXT_DESC *mon;
	int64_t left = pg->deadline - now_ms();
	int rc;

	*ok = false;
	if (pg->timed_out)
		return BILEX_OK;
	if (left <= 0) {
		pg->timed_out = true;
		return bx_doc_error(pg->doc, BILEX_WARN, BILEX_E_TIMEOUT,
		    "OCR of the image stopped at its deadline (ocr-ms %d); the lines read are kept",
		    pg->ms);
	}
	mon = TessMonitorCreate();
	TessBaseAPISetPageSegMode(api, (TessPageSegMode)psm);
	TessBaseAPISetRectangle(api, bx->x, bx->y, bx->w, bx->h);
	if (mon)
		TessMonitorSetDeadlineMSecs(mon, (int)left);
	rc = TessBaseAPIRecognize(api, mon);
	if (mon)
		TessMonitorDelete(mon);
	if (rc != 0) {
		pg->timed_out = true;
		return bx_doc_error(pg->doc, BILEX_WARN, BILEX_E_TIMEOUT,
		    "OCR of the image stopped at its deadline (ocr-ms %d) in the box at x=%d y=%d; "
		    "the lines read are kept", pg->ms, bx->x, bx->y);
	}
	*ok = true;
	return BILEX_OK;
}

/* Whether a line is shot and cut ids as bilex writes them: S012, C034, S012 C034, each one or
 * two of S and C and two to four digits, nothing else. */
static bool
ids_only(const char *t)
{
	int words = 0;

	while (*t) {
		int a = 0, d = 0;

		while (*t == 'S' || *t == 'C') {
			t++;
			a++;
		}
		while (*t >= '0' && *t <= '9') {
			t++;
			d++;
		}
		if (a < 1 || a > 2 || d < 2 || d > 4 || (*t != ' ' && *t != '\0'))
			return false;
		while (*t == ' ')
			t++;
		words++;
	}
	return words > 0;
}

static TessBaseAPI *page_engine(struct page *pg, int which);

/*
 * Latin words in a Korean line.  The kor model has no Latin letter (its LSTM unicharset holds
 * Hangul, hanja, digits and marks), so a word such as a password or a layer's name in a Korean
 * translation comes out as digits ("Muiriel" as 44116, at 0 to 0.71), while chi_sim, which
 * has Latin, read the same word in the Chinese note.  A word the kor model read without Hangul
 * or hanzi, with two letters or digits or more (and not a shot id), is read again at PSM 8 by
 * chi_sim whitelisted to Latin letters, digits and the marks round a word (LATIN_CHARS), and
 * takes that reading when it is spelled as a word is (bx_ocr_latin_word): digits read as digits
 * stay kor's (0.5, 1689).  Only in a line of sure Hangul words (LATIN_KOREAN).  The Latin
 * reading's confidence says little here: "Kamome" in NanumSquare, read right, was at 0.10.
 * Tesseract's eng model read these words no better (make_hold.py's ten sets: the same mean
 * character error, 5.18%) and was one more engine, 17 MB per worker, on any frame with one.
 */
#define LATIN_KOREAN 70 /* least mean confidence of the line's Hangul words */
/* kor's numbers read at this or more are numbers (0.5 at 0.90, which a Latin reading made og!
 * of) */
#define LATIN_KO_SURE 85
/* what the Latin reading may read: no ' (a closing quote came out as "') */
#define LATIN_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789\".-_"

static inline bool
ascii_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static bool
latin_candidate(const char *w)
{
	int alnum = 0, ko, zh;

	script_letters(w, &ko, &zh);
	if (ko + zh > 0 || ids_only(w))
		return false;
	for (const char *p = w; *p; p++)
		alnum += ascii_alnum(*p);
	return alnum >= 2;
}

/* Whether the Latin reading of a word is spelled as a Latin word is, between marks (quotes, a
 * full stop): a capital and two small letters or more (Muiriel), three small letters or more
 * (layout), or two to five capitals (BG, PAN), any of them with digits after (Layer2, BG01).
 * What it makes of a stroke or a misread syllable is seldom that (a., ©), OO1 0104,). */
bool
bx_ocr_latin_word(const char *w)
{
	const char *p = w, *e = w + strlen(w);
	int caps = 0, small = 0;

	/* marks round the word, curly quotes too: anything but ASCII letters and digits */
	while (p < e && !ascii_alnum(*p))
		p++;
	while (e > p && !ascii_alnum(e[-1]))
		e--;
	while (p < e && *p >= 'A' && *p <= 'Z')
		p++, caps++;
	while (p < e && *p >= 'a' && *p <= 'z')
		p++, small++;
	while (p < e && *p >= '0' && *p <= '9')
		p++;
	if (p != e)
		return false;
	return small ? (caps == 1 && small >= 2) || small >= 3 : caps >= 2 && caps <= 5;
}

/* A Latin word that kor read as Hangul (Muiriel은 as 비비1리은, 비 at 0.44, 비 at 0, 1 at 0.39, 리 at
 * 0.36) is not a candidate for latin_words; it is the unsure start of a sure line, which
 * read_part has chi_sim read again.  chi_sim, not whitelisted here, makes Latin letters of a
 * drawing or of Hangul too, mixed with hanzi, digits and marks (| St, We at 0.34, 懈me at 0.23,
 * 站ES at 0.23, Ooav人全 at 0.15): the reading must be Latin words alone, each spelled as
 * bx_ocr_latin_word has it, and sure.  Of the 231 runs of make_hold.py's ten sets that
 * read_part read again, Muiriel at 0.78 was the only one. */
#define LATIN_RUN_SURE 0.70

bool
bx_ocr_latin_run(const char *text, double conf)
{
	const char *p = text;
	int32_t i = 0, n = (int32_t)strlen(text);
	int words = 0;
	UChar32 c;

	if (conf < LATIN_RUN_SURE)
		return false;
	/* no letter but Latin ones (bx_ocr_latin_word takes other letters for marks) */
	while (i < n) {
		U8_NEXT(text, i, n, c);
		if (c < 0 || (c >= 0x80 && u_isalnum(c)))
			return false;
	}
	while (*p) {
		const char *e;
		char w[64];

		while (*p == ' ')
			p++;
		for (e = p; *e && *e != ' '; e++)
			;
		if (e == p)
			break;
		if ((size_t)(e - p) >= sizeof(w))
			return false;
		memcpy(w, p, (size_t)(e - p));
		w[e - p] = '\0';
		if (!bx_ocr_latin_word(w))
			return false;
		words++;
		p = e;
	}
	return words > 0;
}

/* The Latin reading of the word box bx: its text (malloc'ed, NULL when none) and confidence. */
static int
read_word(struct page *pg, const struct lbox *bx, char **text, int *conf)
{
	TessBaseAPI *api = page_engine(pg, ENG_ZH);
	char *t;
	int st;
	bool ok;

	*text = NULL;
	*conf = 0;
	if (api == NULL)
		return BILEX_OK;
	TessBaseAPISetVariable(api, "tessedit_char_whitelist", LATIN_CHARS);
	st = recognize(pg, api, bx, PSM_SINGLE_WORD, &ok);
	TessBaseAPISetVariable(api, "tessedit_char_whitelist", "");
	if (!ok)
		return st;
	t = TessBaseAPIGetUTF8Text(api);
	if (t) {
		size_t n = strlen(t);

		while (n > 0 && (t[n - 1] == '\n' || t[n - 1] == ' '))
			n--;
		*text = n ? bx_strndup(t, n) : NULL;
		TessDeleteText(t);
	}
	*conf = TessBaseAPIMeanTextConf(api);
	return st;
}

/* The box read in Latin for kor's words [i, j] of a line (box: the line's), with the margin
 * pad: not into the words either side.  kor's word boxes overlap (the LSTM's, BG read as 66
 * from x 43 to 124 where 를 starts at 90), and a particle written onto a Latin word (BG를,
 * Kamome로) is a word of kor's own, of which the Latin reading made junk where the margin took
 * it in (BGS를, Kamome=로). */
static struct lbox
latin_box(const struct rword *rw, int n, int i, int j, const int *box, int pad)
{
	int x0 = rw[i].x0 - pad, x1 = rw[i].x1;
	struct lbox wb;

	for (int q = i + 1; q <= j; q++)
		if (rw[q].x1 > x1)
			x1 = rw[q].x1;
	x1 += pad;
	if (j + 1 < n && rw[j + 1].t && rw[j + 1].x0 > rw[i].x0 && rw[j + 1].x0 < x1)
		x1 = rw[j + 1].x0;
	if (i > 0 && rw[i - 1].t && rw[i - 1].x1 <= rw[i].x0 && rw[i - 1].x1 > x0)
		x0 = rw[i - 1].x1;
	wb = (struct lbox){ x0, box[1] - pad, x1 - x0, box[3] + 2 * pad, false };
	if (wb.x < 0)
		wb.w += wb.x, wb.x = 0;
	if (wb.y < 0)
		wb.h += wb.y, wb.y = 0;
	return wb;
}

/* kor's "words" written onto a word it made digits of (no space between) are more of the
 * same Latin word, but for a Hangul word at the end: the particle (Muiriel은 read as
 * 1410, 히 at 0.01, | at 0.32, 은 at 0.91; in a smaller face as 버 at 0, 411 at 0.47, 히 at
 * 0.85, 은 at 0.96).  The Latin reading takes them with it; an unsure word before it joins it
 * too (LATIN_ABSORB), and only sure Hangul words tell a Korean line. */
#define LATIN_ABSORB 50

/* Whether kor's word is one or two Hangul syllables and nothing else: the particle written
 * onto a word (를, 은, 에서), however sure kor is of it (은 at 0.19 after Muiriel). */
static bool
particle_like(const struct rword *w)
{
	int ko, zh;

	if (w->t == NULL)
		return false;
	/* every byte in a syllable: each is three bytes of UTF-8 */
	script_letters(w->t, &ko, &zh);
	return ko > 0 && ko <= 2 && strlen(w->t) == (size_t)ko * 3;
}

/* The Latin words of a line kor read (see above), in place: *text and *words are replaced by
 * new ones (owned by the caller through ntext and nwords), rw's words by the Latin ones (their
 * t owned by lt, freed by the caller) and *n by the count of words left, the unsure words a
 * Latin word took in being gone.  Returns whether a word changed. */
static bool
latin_words(struct page *pg, char **text, struct bx_buf **words, struct rword *rw, int *n,
    const int *box, char **ntext, struct bx_buf *nwords, char **lt)
{
	struct bx_buf t;
	const char *p = *text, *after[MIX_WORDS];
	int changed = 0, pad = pg->est > 0 ? bx_ocr_pad(pg->est) : 4, lc[MIX_WORDS], end[MIX_WORDS];
	int nk = 0, m = 0, nw = *n;
	long ksum = 0;

	/* a Korean line: two words of Hangul or more, read surely; not a drawing kor made
	 * syllables and digits of, whose "words" read as Latin as readily (22 as Oro).  The
	 * unsure ones are left out: a Latin word misread makes some (너 at 0, 은 at 0.19 round
	 * Muiriel read as 4161) */
	for (int i = 0; i < nw; i++) {
		int ko, zh;

		script_letters(rw[i].t ? rw[i].t : "", &ko, &zh);
		if (ko > 0 && rw[i].conf >= LATIN_ABSORB) {
			nk++;
			ksum += rw[i].conf;
		}
	}
	if (nk < 2 || ksum < (long)LATIN_KOREAN * nk)
		return false;
	/* where each word ends in the text: a word the next one follows without a space */
	for (int i = 0; i < nw; i++) {
		lt[i] = NULL;
		end[i] = i;
		after[i] = skip_words(i ? (after[i - 1] ? after[i - 1] : "") : p, rw, i, i + 1);
	}

	for (int i = 0, done = -1; i < nw && !pg->timed_out; i++) {
		struct lbox wb;
		char *w = NULL;
		int c, a = i, j = i;

		if (rw[i].t == NULL || rw[i].x1 <= rw[i].x0 || rw[i].conf >= LATIN_KO_SURE ||
		    !latin_candidate(rw[i].t))
			continue;
		/* the words written onto it, up to the next space: [a, j] with the last one
		 * left out when it is a particle */
		while (a - 1 > done && rw[a - 1].t && rw[a - 1].conf < LATIN_ABSORB &&
		    after[a - 1] && *after[a - 1] != ' ')
			a--;
		while (j + 1 < nw && rw[j + 1].t && after[j] && *after[j] != ' ' && after[j + 1])
			j++;
		if (j > i && particle_like(&rw[j]))
			j--;
		for (;;) {
			wb = latin_box(rw, nw, a, j, box, pad);
			if (read_word(pg, &wb, &w, &c) > BILEX_FATAL && w && bx_ocr_latin_word(w))
				break;
			free(w);
			w = NULL;
			if ((a == i && j == i) || pg->timed_out)
				break;
			a = j = i; /* the word alone */
		}
		if (w == NULL)
			continue;
		/* a mark the Latin reading put between the word and a particle written onto it
		 * (Muiriel:은) */
		if (after[j] && *after[j] != ' ' && *after[j] != '\0') {
			size_t len = strlen(w);

			while (len > 0 && strchr(":;,.|!?=-_~", w[len - 1]))
				w[--len] = '\0';
		}
		lt[a] = w;
		lc[a] = c;
		end[a] = j;
		changed++;
		i = done = j;
	}
	if (changed == 0)
		return false;
	/* the text again, word by word as skip_words finds them, the Latin words in place of
	 * kor's; rw and lt compacted as it goes (m: the words kept) */
	bx_buf_init(&t, 1u << 20);
	bx_buf_init(nwords, 1u << 20);
	for (int i = 0; i < nw && p; i++) {
		const char *s = p, *e;
		size_t j0;

		while (*s == ' ')
			s++;
		e = skip_words(p, rw, i, end[i] + 1);
		if (e == NULL) {
			p = NULL;
			break;
		}
		bx_buf_add(&t, p, (size_t)(s - p));
		if (m)
			bx_buf_addc(nwords, ',');
		j0 = nwords->len;
		rw[m] = rw[i];
		lt[m] = lt[i];
		if (m != i)
			lt[i] = NULL;
		if (lt[m]) {
			bx_buf_adds(&t, lt[m]);
			bx_buf_adds(nwords, "{\"t\":");
			bx_json_string(nwords, lt[m]);
			bx_buf_printf(nwords, ",\"lang\":\"chi_sim\",\"conf\":%d}", lc[i]);
			rw[m].t = lt[m];
			for (int q = i + 1; q <= end[i]; q++)
				if (rw[q].x1 > rw[m].x1)
					rw[m].x1 = rw[q].x1;
			/* the line's judgement (its mean, an unsure end to read again) sees the
			 * surer of the two readings: the Latin one's is often low when right */
			if (lc[i] > rw[m].conf)
				rw[m].conf = lc[i];
		} else {
			bx_buf_add(&t, s, (size_t)(e - s));
			bx_buf_add(nwords, bx_buf_str(*words) + rw[i].j0, rw[i].j1 - rw[i].j0);
		}
		rw[m].j0 = j0;
		rw[m].j1 = nwords->len;
		m++;
		p = e;
		i = end[i];
	}
	if (p)
		bx_buf_adds(&t, p);
	*ntext = p ? bx_strdup(bx_buf_str(&t)) : NULL;
	bx_buf_free(&t);
	if (*ntext == NULL) {
		bx_buf_free(nwords);
		for (int i = 0; i < nw; i++) {
			free(lt[i]);
			lt[i] = NULL;
		}
		return false;
	}
	*text = *ntext;
	*words = nwords;
	*n = m;
	return true;
}

/* Flushes a line read at PSM 7 and notes on it an unsure run at one end (see above). */
static int
flush_read(struct page *pg, TessBaseAPI *api, char *text, double conf, int *box,
    struct bx_buf *words, int psm, const struct rword *rw, int n)
{
	size_t before = pg->n;
	int st, s0 = 0, s1 = 0, r0 = 0, r1 = 0, cut = 0, other = -1, lo = 0, hi = n;
	bool seps = false;
	long cum[MIX_WORDS + 1] = { 0 };
	double best = -1, sq[MIX_WORDS + 1] = { 0 }, wmean = -1;
	struct oline *l;
	struct bx_buf kept, *wl = words; /* the words flush_line records */
	char *ktext = NULL, *kwords = NULL;
	const char *border;

	/* A word of marks at an end of the line that no note opens or ends with (^ before 머리,
	 * ,/^ before 턱, \ before 这个角色 where a ring round a face crosses the note) is the end of
	 * an arrow or a ring drawn in the notes' ink that the line's box took in: no part of the
	 * line.  Its words from here on are rw[lo, hi); their "words" objects stay where they are
	 * in words.  (Punctuation a character's width from the words is not taken for a stray
	 * mark: a 。's word box can reach over an arrow's tail.) */
	if (psm == PSM_SINGLE_LINE && !pg->column && !pg->whole && pg->est > 0 && n >= 3 &&
	    n < MIX_WORDS) {
		if (marks_only(rw[0].t, true) == 2)
			lo = 1;
		if (marks_only(rw[n - 1].t, false) == 2)
			hi = n - 1;
	}
	bx_buf_init(&kept, 1u << 20);
	if (lo > 0 || hi < n) {
		const char *t = lo ? skip_words(text, rw, 0, 1) : text;
		const char *e = t ? skip_words(t, rw, lo, hi) : NULL;

		while (t && *t == ' ')
			t++;
		ktext = e ? bx_strndup(t, (size_t)(e - t)) : NULL;
		kwords = ktext ? words_json(rw, lo, hi, words) : NULL;
		if (ktext && kwords) {
			/* the box only shrinks: Tesseract's line box may leave out more than the
			 * mark, and a word's box may reach past the line's */
			int x0 = rw[lo].x0 > box[0] ? rw[lo].x0 : box[0];
			int x1 = rw[hi - 1].x1 < box[0] + box[2] ? rw[hi - 1].x1 : box[0] + box[2];

			text = ktext;
			if (x1 > x0) {
				box[0] = x0;
				box[2] = x1 - x0;
			}
			if (bx_buf_adds(&kept, kwords) == BILEX_OK)
				wl = &kept;
			rw += lo;
			n = hi - lo;
		}
	}

	if (psm == PSM_SINGLE_LINE && !pg->column && !pg->whole && !pg->in_part && n >= 2 &&
	    n < MIX_WORDS)
		other = api == pg->o->eng[ENG_ZH] ? ENG_KO : api == pg->o->eng[ENG_KO] ? ENG_ZH : -1;
	/* the cut k where the words' confidence changes most (the least squared deviation from
	 * the two parts' means): a misread half has words the model is sure of (89 at 0.82 in
	 * 긋 89 뜻 빠) and a sure half words it is not (暗 at 0.55), so neither ends at the first
	 * sure or unsure word.  It is a note's end when that part's mean is under MIX_UNSURE and
	 * the rest's MIX_SURE or more. */
	for (int i = 0; i < n && other >= 0; i++) {
		long c = other == ENG_ZH && rw[i].t && lone_jamo(rw[i].t) ? 0 : rw[i].conf;

		cum[i + 1] = cum[i] + c;
		sq[i + 1] = sq[i] + (double)c * c;
	}
	for (int k = 1; k < n && other >= 0; k++) {
		double h = (double)cum[k], t = (double)(cum[n] - cum[k]);
		double cost = sq[k] - h * h / k + (sq[n] - sq[k]) - t * t / (n - k);

		if (best < 0 || cost < best) {
			best = cost;
			cut = k;
		}
	}
	if (cut > 0) {
		double head = (double)cum[cut] / cut, tail = (double)(cum[n] - cum[cut]) / (n - cut);

		if (head < MIX_UNSURE && tail >= MIX_SURE)
			r0 = 0, r1 = cut, s0 = cut, s1 = n;  /* unsure at the start */
		else if (tail < MIX_UNSURE && head >= MIX_SURE)
			s0 = 0, s1 = cut, r0 = cut, r1 = n;  /* unsure at the end */
		else
			best = -1;
	}
	/* A separator within four words of the cut is the cut: the words between them are the
	 * start of the translation the model read as its own script at middling confidence (머리
	 * as 叫引), or the end of the note it was unsure of.  The separator stays with the sure
	 * words, and is taken off their text. */
	for (int d = 0, c = r0 == 0 ? r1 : r0; best >= 0 && d < 4; d++) {
		int sep = c + d < n && is_separator(rw[c + d].t) ? c + d :
		    c - 1 - d >= 0 && is_separator(rw[c - 1 - d].t) ? c - 1 - d : -1;

		if (sep > 0 && sep < n - 1) {
			if (r0 == 0)
				r1 = s0 = sep;
			else
				s1 = r0 = sep + 1;
			seps = true;
			break;
		}
	}
	/* the note's final mark, read unsure (。 at 0.41), ends the note, not the translation */
	if (best >= 0 && !seps && r0 > 0 && r0 + 1 < r1 && mark_word(rw[r0].t) == 1) {
		s1++;
		r0++;
	}
	if (best < 0 || r1 <= r0 || rw[r1 - 1].x1 - rw[r0].x0 < 2 * (pg->est > 0 ? pg->est : box[3]))
		other = -1;
	/* a line under the floor is kept when one part of it is sure: read_part() reads the rest
	 * again, or leaves the sure part alone */
	/* Tesseract's line confidence is near 0 for one misread word of a line it read well (0.00
	 * for 이 원화의 선이 너무 굴습니다…, words at a mean of 0.75: hand_04), and such a line went
	 * as noise: a line of three words or more is as sure as the larger of the two */
	if (n > 0 && n < MIX_WORDS) {
		long sum = 0;

		for (int i = 0; i < n; i++)
			sum += rw[i].conf;
		wmean = (double)sum / n / 100.0;
		if (psm == PSM_SINGLE_LINE && n >= 3 && wmean > conf)
			conf = wmean;
	}
	st = flush_line(pg, text, conf, box, wl, psm, other >= 0 || pg->in_part);
	bx_buf_free(&kept);
	free(kwords);
	free(ktext); /* flush_line keeps copies */
	if (st <= BILEX_FATAL || pg->n == before)
		return st;
	l = &pg->l[pg->n - 1];
	if (wmean >= 0)
		l->wconf = wmean;
	if (other < 0)
		return st;
	l->mix_other = other;
	l->mix_start = r0 == 0;
	l->mix_x0 = rw[r0].x0;
	l->mix_x1 = rw[r1 - 1].x1;
	l->mix_edge = r0 == 0 ? rw[r1].x0 : rw[r0 - 1].x1; /* a separator's edge, if one */
	l->mix_conf = (double)(cum[s1] - cum[s0]) / (s1 - s0) / 100.0;
	l->mix_share = (double)(s1 - s0) / n;
	l->mix_text = r0 == 0 ? text_without(l->text, rw, 0, s0, true) :
	    text_without(l->text, rw, s1, n, false);
	l->mix_words = words_json(rw, s0, s1, words);
	/* what stands between the run and the sure words as read: a space, a separator or the
	 * end of a sentence (read_part) */
	if ((border = skip_words(l->text, rw, 0, r0 == 0 ? s0 : s1)) != NULL) {
		l->mix_glued = *border != ' ' && *border != '\0';
		l->mix_parted = bx_ocr_parted(l->text, (size_t)(border - l->text));
	}
	if (l->mix_text)
		trim_separators(l->mix_text, r0 == 0);
	if (l->mix_text == NULL || l->mix_words == NULL) {
		/* the words are not in the line's text as read: the line stays as it is */
		free(l->mix_text);
		free(l->mix_words);
		l->mix_text = l->mix_words = NULL;
		l->mix_other = -1;
	}
	return st;
}

/* Flushes a line read: its Latin words first, when kor read it (latin_words). */
static int
flush_words(struct page *pg, TessBaseAPI *api, char *text, double conf, int *box,
    struct bx_buf *words, int psm, const struct rword *rw, int n)
{
	struct rword lrw[MIX_WORDS];
	struct bx_buf lwords;
	char *lt[MIX_WORDS], *ltext = NULL;
	bool latin = false;
	int st, nl = 0;

	if (api == pg->o->eng[ENG_KO] && psm == PSM_SINGLE_LINE && !pg->column && n > 0 &&
	    n < MIX_WORDS) {
		memcpy(lrw, rw, sizeof(*rw) * (size_t)n);
		nl = n;
		latin = latin_words(pg, &text, &words, lrw, &nl, box, &ltext, &lwords, lt);
		if (latin)
			rw = lrw;
	}
	st = flush_read(pg, api, text, conf, box, words, psm, rw, latin ? nl : n);
	if (latin) {
		for (int i = 0; i < nl; i++)
			free(lt[i]);
		bx_buf_free(&lwords);
		free(ltext);
	}
	return st;
}

/* Reads one box of the image set on api and emits each text line Tesseract finds in it: one at
 * PSM 7, any number at PSM 6 (a box holding lines joined by an arrow), 5 and 3. */
static int
read_box(struct page *pg, TessBaseAPI *api, const struct lbox *bx, int psm)
{
	TessResultIterator *ri;
	const TessPageIterator *pi;
	struct bx_buf words;
	struct rword rw[MIX_WORDS];
	char *line = NULL;
	double conf = 0;
	int box[4] = { 0 }, st, nw = 0, nrw = 0;
	bool ok;

	pg->read_letters = 0;
	st = recognize(pg, api, bx, psm, &ok);
	if (!ok)
		return st;
	if (psm == PSM_RAW_LINE)
		psm = PSM_SINGLE_LINE; /* raw_again(): its reading is judged as a line's */
	ri = TessBaseAPIGetIterator(api);
	if (ri == NULL)
		return BILEX_OK;
	pi = TessResultIteratorGetPageIteratorConst(ri);
	bx_buf_init(&words, 1u << 20);
	do {
		char *w;
		const char *lang;

		if (TessPageIteratorIsAtBeginningOf(pi, RIL_TEXTLINE)) {
			l_int32 l, t, r, b;
			char *lt;

			if (line)
				st = bx_worst(st, flush_words(pg, api, line, conf, box, &words, psm, rw,
				    nrw));
			free(line);
			line = NULL;
			words.len = 0;
			nw = 0;
			rwords_free(rw, &nrw);
			lt = TessResultIteratorGetUTF8Text(ri, RIL_TEXTLINE);
			if (lt) {
				pg->read_letters += letters(lt);
				line = bx_strdup(lt);
				TessDeleteText(lt);
			}
			conf = TessResultIteratorConfidence(ri, RIL_TEXTLINE) / 100.0;
			if (TessPageIteratorBoundingBox(pi, RIL_TEXTLINE, &l, &t, &r, &b)) {
				box[0] = l, box[1] = t, box[2] = r - l, box[3] = b - t;
			} else {
				box[0] = bx->x, box[1] = bx->y, box[2] = bx->w, box[3] = bx->h;
			}
		}
		w = TessResultIteratorGetUTF8Text(ri, RIL_WORD);
		if (w == NULL)
			continue;
		lang = TessResultIteratorWordRecognitionLanguage(ri);
		if (nw++)
			bx_buf_addc(&words, ',');
		if (nrw < MIX_WORDS) {
			l_int32 l, t, r, b;

			if (!TessPageIteratorBoundingBox(pi, RIL_WORD, &l, &t, &r, &b))
				l = r = 0;
			rw[nrw].x0 = l;
			rw[nrw].x1 = r;
			rw[nrw].conf = TessResultIteratorConfidence(ri, RIL_WORD);
			rw[nrw].j0 = words.len;
			rw[nrw].t = bx_strdup(w);
		}
		bx_buf_adds(&words, "{\"t\":");
		bx_json_string(&words, w);
		bx_buf_printf(&words, ",\"lang\":\"%s\",\"conf\":%.0f}", lang ? lang : "?",
		    TessResultIteratorConfidence(ri, RIL_WORD));
		if (nrw < MIX_WORDS)
			rw[nrw++].j1 = words.len;
		TessDeleteText(w);
	} while (st > BILEX_FATAL && TessResultIteratorNext(ri, RIL_WORD));
	if (line && st > BILEX_FATAL)
		st = bx_worst(st, flush_words(pg, api, line, conf, box, &words, psm, rw, nrw));
	rwords_free(rw, &nrw);
	free(line);
	bx_buf_free(&words);
	TessResultIteratorDelete(ri);
	return st;
}

/* The engine `which`, with the page's image set on it; NULL when it cannot be loaded. */
static TessBaseAPI *
page_engine(struct page *pg, int which)
{
	TessBaseAPI *api = get_engine(bx_doc_ctx(pg->doc), pg->o, which);

	if (api && !(pg->img_set & 1u << which)) {
		TessBaseAPISetImage2(api, pg->gray);
		pg->img_set |= 1u << which;
	}
	return api;
}

/* The engines forget the page's image (they hold a reference to it). */
static void
page_release(struct page *pg)
{
	for (int i = 0; i < ENG_COUNT; i++)
		if (pg->img_set & 1u << i)
			TessBaseAPIClear(pg->o->eng[i]);
	pg->img_set = 0;
}

/* The best confidence of the lines [n0, n1). */
static double
best_conf(const struct page *pg, size_t n0, size_t n1)
{
	double c = -1;

	for (size_t i = n0; i < n1 && i < pg->n; i++)
		if (pg->l[i].conf > c)
			c = pg->l[i].conf;
	return c;
}

/* Drops the lines of a page from index n0 on. */
static void
drop_lines(struct page *pg, size_t n0)
{
	while (pg->n > n0) {
		pg->n--;
		oline_free(&pg->l[pg->n]);
	}
}

/* Two readings of one place, lines [n0, n1) and [n1, n): the surer one stays, or the second
 * one when `second`. */
static void
keep_surer(struct page *pg, size_t n0, size_t n1, bool second)
{
	if (n1 == n0)
		return; /* the first reading gave no line: the second one stays as it is */
	if ((second && pg->n > n1) || best_conf(pg, n1, pg->n) > best_conf(pg, n0, n1)) {
		/* the second reading wins: the first one goes */
		for (size_t i = n0; i < n1; i++)
			oline_free(&pg->l[i]);
		memmove(pg->l + n0, pg->l + n1, (pg->n - n1) * sizeof(*pg->l));
		pg->n -= n1 - n0;
	} else {
		drop_lines(pg, n1);
	}
}

/* What read_part made of a line (bits of read_parts' *joined): it holds the readings of both
 * models; and of these, two halves nothing parts (bx_ocr_parted), which may be one note the
 * first model misread in part rather than a note and its translation. */
#define JOINED 1
#define JOINED_ONE_NOTE 2

static int read_part(struct page *pg, size_t i, unsigned *joined);

/* The lines [n0, pg->n) that hold a note and its translation (flush_words), each with its
 * unsure end read again by the other model (read_part); *joined tells whether a line now holds
 * both readings (JOINED, JOINED_ONE_NOTE). */
static int
read_parts(struct page *pg, size_t n0, unsigned *joined)
{
	int st = BILEX_OK;

	for (size_t i = n0, n = pg->n; i < n && st > BILEX_FATAL; i++)
		if (pg->l[i].mix_other >= 0)
			st = bx_worst(st, read_part(pg, i, joined));
	return st;
}

/* Reads a box with the engine `first`, and when that reading is unsure (or missing) with
 * `second` too, keeping the surer of the two readings.  A reading's lines that hold a note and
 * its translation are completed first, since the half the model misread is what made them
 * unsure.  Each model finds the border between the halves in its own way, and a border a few
 * letters off still reads at 0.78 (下巴的线条要 | 뽀초지, 턱 선을…): a line joined from two
 * readings must be JOINED_SURE to spare the second model its reading.  Nor is that enough when
 * nothing parts the halves, neither a separator nor the end of a sentence: chi_sim reads the
 * first syllables of a Korean line as hanzi it is sure of (저사 of 저사람좀 잡아주세요. as 对人
 * at 0.87 and 0.95, 이 as 0|, 자 as 对, 그 as 了), and kor the rest, and the two join at 0.85 to
 * 0.93; kor's reading of the whole line is as sure (저사람좀 잡아주세요. at 0.93) and is asked
 * for. */
#define JOINED_SURE 0.85

/* Whether a line read from n0 on has two words with hanzi or more.  Chinese is written
 * without spaces between words; chi_sim's reading of a Korean line keeps the Korean word spaces
 * (우리는 당신이 필요해요, a star over one syllable, as 蛙引在 导刀0| 型全各有 at 0.50).  Two are
 * enough: a Korean note of two words (라디오를 켜세요.) has too few spaces for looks_korean and
 * came out of chi_sim as 引c|全县 对川人. at 0.56 (twoword_01; make_hold.py's SEED0 90000 8.8% ->
 * 7.5%, the other nine sets unchanged).  A Chinese line with a space costs a second reading. */
static bool
spaced_hanzi(const struct page *pg, size_t n0)
{
	for (size_t i = n0; i < pg->n; i++) {
		const char *p = pg->l[i].text;
		int words = 0;

		while (p && *p) {
			const char *e = p;
			int ko, zh;
			char w[256];

			while (*e && *e != ' ')
				e++;
			if (e - p > 0 && (size_t)(e - p) < sizeof(w)) {
				memcpy(w, p, (size_t)(e - p));
				w[e - p] = '\0';
				script_letters(w, &ko, &zh);
				words += zh > 0;
			}
			p = *e ? e + 1 : e;
		}
		if (words >= 2)
			return true;
	}
	return false;
}

/* A line box with letters that the model read as nothing at PSM 7 (st the status of that
 * reading, which gave no line from n0 on) is read again as a raw line, PSM 13: at PSM 7
 * Tesseract first looks for the line's blobs and rows, and a line whose strokes are edged with
 * specks of the picture behind them (我该去睡觉了。 over a blurred rose, in a JPEG) can come out
 * of that search empty, where the raw line, fed to the LSTM whole, reads every letter.  Reading
 * every line raw was worse (make_hold.py's ten sets 5.23% -> 5.53% mean CER: the word boxes
 * and spaces of the rest of ocr.c are PSM 7's). */
#define RAW_WIDTH 4 /* text heights: a box narrower is a mark or a star, not a line of notes */

static int
raw_again(struct page *pg, TessBaseAPI *api, const struct lbox *bx, int psm, int st, size_t n0)
{
	if (st <= BILEX_FATAL || pg->timed_out || psm != PSM_SINGLE_LINE || pg->n != n0 ||
	    pg->read_letters > 0 || bx->w < RAW_WIDTH * pg->est)
		return st;
	return bx_worst(st, read_box(pg, api, bx, PSM_RAW_LINE));
}

static bool in_script(const char *text, int eng);

/*
 * Whether every line read from n0 on is garbled (garbled(), which drop_shapes drops): then the
 * first model's confidence says nothing of the line.  A short Korean line (왜 나야?: one
 * space in three syllables, too few for looks_korean) read by chi_sim as 明寺ob at 0.52, over
 * SCRIPT_SURE, was never read by kor, which reads it at 0.72, and drop_shapes dropped chi_sim's
 * reading: the line was lost (make_hold.py SEED0 30000's hold_29).  make_hold.py's ten sets:
 * sum of CER % 49.0 -> 48.5, that frame alone changed (24.1% -> 10.3%).
 */
static bool
all_garbled(const struct page *pg, size_t n0)
{
	for (size_t i = n0; i < pg->n; i++) {
		struct makeup m;

		if (pg->l[i].text == NULL)
			continue;
		makeup_of(pg->l[i].text, &m);
		if (!garbled(&pg->l[i], &m))
			return false;
	}
	return true;
}

static int
read_either(struct page *pg, int first, int second, const struct lbox *bx, int psm, double sure)
{
	TessBaseAPI *a = page_engine(pg, first), *b;
	size_t n0 = pg->n, n1;
	int st = BILEX_OK;
	unsigned joined = 0, joined2 = 0;

	if (a)
		st = raw_again(pg, a, bx, psm, read_box(pg, a, bx, psm), n0);
	if (a && st > BILEX_FATAL)
		st = bx_worst(st, read_parts(pg, n0, &joined));
	/* a line box the first model reads as noise, with a third of the letters its width holds
	 * or fewer, is no writing: the other model makes noise of it too (rang 4, then 이니애애새거
	 * 어개기 in a box 36 characters wide).  A line in the other script is read as many wrong
	 * letters as it has characters (긋8971뜻빠 for 头的形状要再修改一下), and read again.  The
	 * letters a width holds: CJK letters are as wide as the line is high, the box without its
	 * margins, not as the text height, which measures the letters' pieces (a serif 今天大家辛苦
	 * 了… read by kor as seven letters in a box 25 text heights and 15 line heights wide) */
	if (a && st > BILEX_FATAL && psm == PSM_SINGLE_LINE && pg->est > 0 &&
	    best_conf(pg, n0, pg->n) < LINE_FLOOR) {
		int pitch = bx->h - 2 * bx_ocr_pad(pg->est);

		if (pg->read_letters * 3 < bx->w / (pitch > pg->est ? pitch : pg->est))
			return st;
	}
	if (st <= BILEX_FATAL || pg->timed_out ||
	    (a && best_conf(pg, n0, pg->n) >= ((joined & JOINED) ? JOINED_SURE : sure) &&
	    !all_garbled(pg, n0) &&
	    !(joined & JOINED_ONE_NOTE) &&
	    !(first == ENG_ZH && spaced_hanzi(pg, n0) && best_conf(pg, n0, pg->n) < SURE_LINE)))
		return st;
	b = page_engine(pg, second);
	if ((a == NULL || b == NULL) && !pg->said_missing) {
		/* one script's lines are read by the other's model, or not at all: on record */
		pg->said_missing = true;
		st = bx_worst(st, bx_doc_error(pg->doc, BILEX_WARN, BILEX_E_OCR,
		    "%s; lines that model should read are read by %s", pg->o->why,
		    a ? eng_langs[first] : eng_langs[second]));
	}
	if (b == NULL)
		return st;
	n1 = pg->n;
	st = bx_worst(st, raw_again(pg, b, bx, psm, read_box(pg, b, bx, psm), n1));
	if (st > BILEX_FATAL)
		st = bx_worst(st, read_parts(pg, n1, &joined2));
	/* one note that the first reading made two scripts of, a syllable or two of the other
	 * model's against the rest of the second's: the second model's reading of it whole, in
	 * its own script, stays when it is sure, however close the two confidences (이 상자를
	 * 열어주제요. at 0.89 against 0 상자를 열어주제묘. at 0.90) */
	keep_surer(pg, n0, n1, (joined & JOINED_ONE_NOTE) && joined2 == 0 && pg->n == n1 + 1 &&
	    (second == ENG_KO || second == ENG_ZH) && pg->l[n1].conf >= SURE_LINE &&
	    in_script(pg->l[n1].text, second));
	return st;
}

/* Whether a reading is in the script of the engine that made it: at least half of its letters
 * Hangul syllables for kor, hanzi for chi_sim.  Read by the other script's model, a hanzi touched
 * by an arrow comes out as "38" at 0.65, which must not take the hanzi's place. */
static bool
in_script(const char *text, int eng)
{
	int ko, zh, own;

	script_letters(text, &ko, &zh);
	own = eng == ENG_KO ? ko : zh;
	return own > 0 && own * 2 >= letters(text);
}

/* Whether text holds an ASCII letter or digit. */
static bool
has_alnum(const char *text)
{
	for (; *text; text++)
		if ((*text >= '0' && *text <= '9') || ((*text | 0x20) >= 'a' && (*text | 0x20) <= 'z'))
			return true;
	return false;
}

/* The unsure run of line i read again by the other script's model (flush_words), and put in
 * place of the run when that reading is sure. */
static int
read_part(struct page *pg, size_t i, unsigned *joined)
{
	struct oline *l = &pg->l[i];
	int pad = bx_ocr_pad(pg->est), W = (int)pixGetWidth(pg->gray), H = (int)pixGetHeight(pg->gray);
	int x0 = l->mix_x0 - pad, x1 = l->mix_x1 + pad;
	int y0 = l->box[1] - pad < 0 ? 0 : l->box[1] - pad, y1 = l->box[1] + l->box[3] + pad;
	struct lbox sub;
	TessBaseAPI *api = page_engine(pg, l->mix_other);
	size_t n1 = pg->n;
	int st = BILEX_OK;
	bool ok, latin = false;

	/* towards the sure words the margin is a character wider, up to them: boxed tight, the
	 * run's first letter is read wrong (턱 as 럭) */
	if (l->mix_start)
		x1 = x1 + pg->est < l->mix_edge - 1 ? x1 + pg->est : l->mix_edge - 1;
	else
		x0 = x0 - pg->est > l->mix_edge + 1 ? x0 - pg->est : l->mix_edge + 1;
	x0 = x0 < 0 ? 0 : x0 > l->mix_x0 ? l->mix_x0 : x0;
	x1 = x1 > W ? W : x1 < l->mix_x1 ? l->mix_x1 : x1;
	sub = (struct lbox){ x0, y0, x1 - x0, (y1 > H ? H : y1) - y0, false };

	if (api && sub.w > 0 && sub.h > 0) {
		pg->in_part = true;
		st = read_box(pg, api, &sub, PSM_SINGLE_LINE);
		pg->in_part = false;
	}
	l = &pg->l[i]; /* read_box may have moved the lines */
	/* the part's words, not Tesseract's line confidence: 배경색이 너무 어눔습니다 has words at
	 * 0.92 and one at 0 (눔 for 둡), and a line confidence of 0.03 */
	ok = st > BILEX_FATAL && pg->n > n1 && (pg->l[n1].conf >= SCRIPT_SURE ||
	    pg->l[n1].wconf >= SCRIPT_SURE) && in_script(pg->l[n1].text, l->mix_other);
	/* both models read digits and Latin letters: one that only the second reading of a run
	 * has is a stroke of the other script read wrong (嘴巴 as 뽀먼8, in a line chi_sim read
	 * without a digit) */
	ok = ok && !(has_alnum(pg->l[n1].text) && !has_alnum(l->text));
	/* or a Latin word in a line kor read (bx_ocr_latin_run), which takes the run's place
	 * whatever kor made of it */
	if (!ok && st > BILEX_FATAL && pg->n > n1 && l->mix_other == ENG_ZH) {
		const struct oline *p = &pg->l[n1];

		ok = latin = bx_ocr_latin_run(p->text, p->conf > p->wconf ? p->conf : p->wconf);
	}
	/* a line kept under the floor for its sure part (flush_words): without a sure reading of
	 * the rest, the sure part alone */
	if (st > BILEX_FATAL && (ok || l->conf < LINE_FLOOR)) {
		const struct oline *p = ok ? &pg->l[n1] : NULL;
		struct bx_buf t, e;

		bx_buf_init(&t, 1u << 20);
		bx_buf_init(&e, 1u << 20);
		bx_buf_add(&e, l->extra, l->words_at); /* the line's ink, psm and "words":[ */
		if (p) {
			/* the words of the part: extra's array body, without its closing "]}" */
			const char *pw = p->extra + p->words_at;
			const char *a = l->mix_start ? p->text : l->mix_text;

			/* a Latin word keeps the particle written onto it (Muiriel은) */
			bx_buf_printf(&t, "%s%s%s", a, latin && l->mix_glued ? "" : " ",
			    l->mix_start ? l->mix_text : p->text);
			/* a sure part of marks alone (the . of 体现了 彼此间 深厚的 感情 .) is no
			 * reading of a script */
			if (!latin && !l->mix_parted && letters(l->mix_text) > 0 &&
			    !bx_ocr_parted(bx_buf_str(&t), strlen(a)))
				*joined |= JOINED_ONE_NOTE;
			if (!l->mix_start)
				bx_buf_printf(&e, "%s,", l->mix_words);
			bx_buf_add(&e, pw, strlen(pw) - 2);
			if (l->mix_start)
				bx_buf_printf(&e, ",%s", l->mix_words);
			bx_buf_adds(&e, "],\"parts\":2}");
		} else {
			bx_buf_adds(&t, l->mix_text);
			bx_buf_printf(&e, "%s]}", l->mix_words);
		}
		if (bx_buf_str(&t)[0]) {
			char *nt = bx_strdup(bx_buf_str(&t)), *ne = bx_strdup(bx_buf_str(&e));
			double pc = p == NULL ? 0 : p->conf > p->wconf ? p->conf : p->wconf;

			if (nt && ne) {
				/* a part may be the mark that ends the other's sentence, joined
				 * with a space (make_hold.py SEED0 100000's hold_03: chi_sim's
				 * 关上站，打开窗 and kor's !); han_punct as flush_line's */
				han_punct(nt);
				free(l->text);
				free(l->extra);
				l->text = nt;
				l->extra = ne;
				/* a line cut to its sure part is as sure as the share it kept */
				l->conf = p == NULL ? l->mix_conf * l->mix_share :
				    l->mix_conf < pc ? l->mix_conf : pc;
				if (p != NULL && !latin)
					*joined |= JOINED;
				if (p == NULL && l->mix_start) { /* the box of the sure part */
					l->box[2] -= l->mix_x1 + 1 - l->box[0];
					l->box[0] = l->mix_x1 + 1;
				} else if (p == NULL) {
					l->box[2] = l->mix_x0 - l->box[0];
				}
			} else {
				free(nt);
				free(ne);
				st = bx_fail(bx_doc_ctx(pg->doc), BILEX_FATAL, BILEX_E_NOMEM,
				    "out of memory");
			}
		}
		bx_buf_free(&t);
		bx_buf_free(&e);
	}
	drop_lines(pg, n1);
	free(l->mix_text);
	free(l->mix_words);
	l->mix_text = l->mix_words = NULL;
	l->mix_other = -1;
	return st;
}

/* One horizontal line: the model of the script its spaces suggest first, the other one when
 * Tesseract is unsure of that reading. */
static int
read_line(struct page *pg, const struct lbox *bx)
{
	int first;

	if (pg->mask && !bx_ocr_box_has_letters(pg->mask, bx, pg->est))
		return BILEX_OK;
	if (bx_doc_ctx(pg->doc)->options[BILEX_OPT_OCR_LANGS] != NULL) {
		TessBaseAPI *api = page_engine(pg, ENG_USER);

		return api ? read_box(pg, api, bx, PSM_SINGLE_LINE) : BILEX_OK;
	}
	first = pg->mask && bx_ocr_looks_korean(pg->mask, bx) ? ENG_KO : ENG_ZH;
	return read_either(pg, first, first == ENG_ZH ? ENG_KO : ENG_ZH, bx, PSM_SINGLE_LINE,
	    SCRIPT_SURE);
}

/* A block that may hold lines of both scripts (the cleaned page, --ocr-all's whole image): read
 * by each model, every line kept; page_emit keeps the surer of two readings of one place.  The
 * whole image may hold light writing on a dark ground (a screenshot's menus), which Tesseract
 * reads when it tries a line inverted: turned on for that reading only. */
static int
read_block(struct page *pg, const struct lbox *bx, int psm)
{
	static const int order[] = { ENG_USER, ENG_ZH, ENG_KO };
	bool user = bx_doc_ctx(pg->doc)->options[BILEX_OPT_OCR_LANGS] != NULL;
	int st = BILEX_OK;

	for (int i = user ? 0 : 1; i < (user ? 1 : 3) && st > BILEX_FATAL; i++) {
		TessBaseAPI *api = page_engine(pg, order[i]);

		if (api == NULL)
			continue;
		if (pg->whole)
			TessBaseAPISetVariable(api, "tessedit_do_invert", "1");
		st = bx_worst(st, read_box(pg, api, bx, psm));
		if (pg->whole)
			TessBaseAPISetVariable(api, "tessedit_do_invert", "0");
	}
	return st;
}

/* ---- one page ------------------------------------------------------------------------------- */

/* Whether a box of a later ink covers a line an earlier ink gave with good confidence (at least
 * BEFORE_SURE).  The edges of red letters over a dark fill come out as a second, browner ink
 * whose boxes hold the same lines again plus the fill's edge: read, they cost as much as the
 * lines themselves and lose to the first reading in page_emit (which keeps the surer of two
 * overlapping lines).  A line read at 0.7 is right but for a letter or a stray mark (| 1。 请注
 * 意头的大小要统一。 at 0.80), and the edges' reading of it is worse (1 往放是头的大小要续一。 at
 * 0.42): on the test frames no later ink's reading won over one at 0.7 or more. */
#define BEFORE_SURE 0.70

static bool
read_before(const struct page *pg, size_t n_ink, const struct lbox *b)
{
	long ab = (long)b->w * b->h;

	for (size_t i = 0; i < n_ink; i++) {
		const struct oline *p = &pg->l[i];
		long ix, iy, ap = (long)p->box[2] * p->box[3];

		if (p->text == NULL || p->conf < BEFORE_SURE)
			continue;
		ix = (long)(p->box[0] + p->box[2] < b->x + b->w ? p->box[0] + p->box[2] : b->x + b->w) -
		    (p->box[0] > b->x ? p->box[0] : b->x);
		iy = (long)(p->box[1] + p->box[3] < b->y + b->h ? p->box[1] + p->box[3] : b->y + b->h) -
		    (p->box[1] > b->y ? p->box[1] : b->y);
		/* on the line's row (a box two lines high, margins aside, may hold another line:
		 * the line's box is Tesseract's, tight; a line box has its margins) and over half
		 * of the smaller of the two */
		if (b->h <= 2 * (p->box[3] + bx_ocr_pad(pg->est)) && iy * 2 >= p->box[3] && ix > 0 &&
		    ix * iy * 2 >= (ap < ab ? ap : ab))
			return true;
	}
	return false;
}

/* Reads img, a line made apart from the page (a column laid out as a line, one line of a
 * split box), as the page's one line: the same page (its lines, deadline, flags), another image
 * on the engines, which forget it after and are given the page's again at their next box.
 * mask is img's stroke mask (NULL: none); column the page's box the line stands for (NULL: its
 * lines keep their place in img). */
static int
read_apart(struct page *pg, PIX *img, PIX *mask, const struct lbox *column)
{
	PIX *gray = pg->gray, *pmask = pg->mask;
	struct lbox whole = { 0, 0, (int)pixGetWidth(img), (int)pixGetHeight(img), false };
	int st;

	page_release(pg);
	pg->gray = img;
	pg->mask = mask;
	pg->column = column;
	st = read_line(pg, &whole);
	page_release(pg);
	pg->gray = gray;
	pg->mask = pmask;
	pg->column = NULL;
	return st;
}

/* Line j of the nl lines a box was split into by their pieces (bx_ocr_split_lines): read off a
 * copy of its box without the other lines' pieces, so that the ends of the lines it touches are
 * not read with it (the engines are given that image, as for a column), and its lines put back
 * in the page's place.  What is taken out is the others' ink, not all but this line's pieces:
 * the thin strokes of a serif face (天's top stroke) are in no piece. */
static int
read_pieces(struct page *pg, const struct lbox *lb, PIX **lm, int nl, int j)
{
	int pad = bx_ocr_pad(pg->est);
	BOX *bb = boxCreate(lb[j].x, lb[j].y, lb[j].w, lb[j].h);
	PIX *g = bb ? pixClipRectangle(pg->gray, bb, NULL) : NULL;
	PIX *img = NULL, *m = NULL;
	size_t n0 = pg->n;
	int st;
	bool ok = g != NULL;

	boxDestroy(&bb);
	for (int q = 0; q < nl && ok; q++) {
		PIX *e, *d;

		if (q == j)
			continue;
		/* with the letters' soft edges: a pixel round them (the border keeps the edges'
		 * pixels, which a dilation inside the line's own box would cut off) */
		e = pixAddBorder(lm[q], 1, 0);
		d = e ? pixDilateBrick(NULL, e, 3, 3) : NULL;
		ok = d && pixSetMaskedGeneral(g, d, 255, lb[q].x - lb[j].x - 1,
		    lb[q].y - lb[j].y - 1) == 0;
		pixDestroy(&e);
		pixDestroy(&d);
	}
	if (ok) {
		img = pixAddBorder(g, pad, 255);
		m = pixAddBorder(lm[j], pad, 0);
	}
	pixDestroy(&g);
	if (img == NULL || m == NULL) {
		pixDestroy(&img);
		pixDestroy(&m);
		return bx_fail(bx_doc_ctx(pg->doc), BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	st = read_apart(pg, img, m, NULL);
	for (size_t i = n0; i < pg->n; i++) {
		pg->l[i].box[0] += lb[j].x - pad;
		pg->l[i].box[1] += lb[j].y - pad;
		pg->l[i].split = pg->splits; /* one line of several: page_emit keeps each */
	}
	pixDestroy(&img);
	pixDestroy(&m);
	return st;
}

/* Whether the lines [n0, pg->n) of a block reading are one line read in pieces: two of them
 * one line's letters twice (bx_ocr_read_twice).  Compared pairwise, BROKEN_LINES_MAX lines
 * at most (a band's reading has a few). */
#define BROKEN_LINES_MAX 64

static bool
block_broke_line(const struct page *pg, size_t n0)
{
	size_t n = pg->n - n0 > BROKEN_LINES_MAX ? n0 + BROKEN_LINES_MAX : pg->n;

	for (size_t i = n0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (bx_ocr_read_twice(pg->l[i].text, pg->l[i].box, pg->l[j].text,
			    pg->l[j].box))
				return true;
	return false;
}

/* A box taller than a line: lines joined by an arrow or a stroke.  The rows of the box are cut
 * where the ink is thin (an arrow crosses a row with a few pixels, a line of text with many)
 * and each band read as a line (one band: a line with an arrow off it); a box without a band is
 * no writing (the edge of a field of colour).  A band reaches as far up and down as the letters
 * centred in it: a line written at a slant has the tops of its first letters and the bottoms
 * of its last in rows too thin to be in the band (photo_02: 背景颜 read as 育入赢). */
static int
read_tall(struct page *pg, PIX *mask, const struct lbox *bx, int est, size_t n_before)
{
	BOX *b = boxCreate(bx->x, bx->y, bx->w, bx->h);
	PIX *clip = b ? pixClipRectangle(mask, b, NULL) : NULL;
	NUMA *rows = clip ? pixCountPixelsByRow(clip, NULL) : NULL;
	BOXA *pieces = clip ? pixConnComp(clip, NULL, 8) : NULL;
	l_float32 maxv = 0;
	int n = rows ? numaGetCount(rows) : 0, np = pieces ? boxaGetCount(pieces) : 0;
	int st = BILEX_OK, bands = 0, start = -1;
	struct lbox band[64];
	int core[64];          /* each band's rows of thick ink, before letters widened it */

	boxDestroy(&b);
	if (rows)
		numaGetMax(rows, &maxv, NULL);
	for (int y = 0; y <= n && bands < 64; y++) {
		l_float32 v = 0;
		bool ink;

		if (y < n)
			numaGetFValue(rows, y, &v);
		ink = y < n && v * 5 >= maxv;
		if (ink && start < 0)
			start = y;
		if (!ink && start >= 0) {
			if (y - start >= est / 2) {
				int top = start, bot = y, pad = bx_ocr_pad(est);
				BOX *rb, *fg = NULL;
				PIX *bp;

				/* the letters centred in the band's rows (an arrow is longer) */
				for (int i = 0; i < np; i++) {
					l_int32 px, py, pw, ph;

					boxaGetBoxGeometry(pieces, i, &px, &py, &pw, &ph);
					if (ph > 2 * est || py + ph / 2 < start || py + ph / 2 >= y)
						continue;
					if (py < top)
						top = py;
					if (py + ph > bot)
						bot = py + ph;
				}
				rb = boxCreate(0, top, bx->w, bot - top);
				bp = rb ? pixClipRectangle(clip, rb, NULL) : NULL;
				if (bp && pixClipToForeground(bp, NULL, &fg) == 0 && fg) {
					l_int32 fx, fy, fw, fh;

					boxGetGeometry(fg, &fx, &fy, &fw, &fh);
					band[bands].x = bx->x + fx - pad < 0 ? 0 : bx->x + fx - pad;
					band[bands].y = bx->y + top - pad < 0 ? 0 : bx->y + top - pad;
					band[bands].w = fw + 2 * pad;
					band[bands].h = bot - top + 2 * pad;
					band[bands].vertical = false;
					core[bands] = y - start;
					bands++;
				}
				boxDestroy(&fg);
				boxDestroy(&rb);
				pixDestroy(&bp);
			}
			start = -1;
		}
	}
	boxaDestroy(&pieces);
	numaDestroy(&rows);
	pixDestroy(&clip);
	if (bands == 0)
		return BILEX_OK; /* no row holds a line's worth of ink: an edge of the drawing */
	for (int i = 0; i < bands && st > BILEX_FATAL; i++) {
		struct lbox lb[SPLIT_MAX];
		PIX *lm[SPLIT_MAX];
		int nl;

		if (read_before(pg, n_before, &band[i]))
			continue;
		if (band[i].h <= est * 2 + est / 2 + 2 * bx_ocr_pad(est)) {
			st = bx_worst(st, read_line(pg, &band[i]));
			continue;
		}
		/* still two lines or more: lines at a slant whose ends touch (slant_01).  Read as
		 * one line they are noise; each is read off its own pieces, or, where the pieces
		 * do not fall into lines, the band is read as a block, whose lines Tesseract finds
		 * along their baselines */
		nl = bx_ocr_split_lines(mask, &band[i], est, lb, lm);
		if (nl == 0) {
			size_t n1 = pg->n, n2;

			st = bx_worst(st, read_block(pg, &band[i], PSM_SINGLE_BLOCK));
			n2 = pg->n;
			/* a band whose thick rows are one line's, made taller by pieces beside
			 * the line (the tip of a wizard's hat at the end of 그건 톰의 선택이었어.),
			 * that the block reading broke into pieces of that line read twice (그건,
			 * 건 톰으, 톰 의 선택 이었, 선택 였어 at 0.97 to 0.77, of which the
			 * overlaps and drop_shapes left 톰 의 선택 이었): read as the line it is,
			 * and that reading, if any, in their place */
			if (st > BILEX_FATAL && !pg->timed_out && core[i] <= est * 2 + est / 2 &&
			    block_broke_line(pg, n1)) {
				st = bx_worst(st, read_line(pg, &band[i]));
				if (pg->n > n2) {
					for (size_t k = n1; k < n2; k++)
						oline_free(&pg->l[k]);
					memmove(pg->l + n1, pg->l + n2, (pg->n - n2) * sizeof(*pg->l));
					pg->n -= n2 - n1;
				}
			}
		}
		pg->splits += nl > 0;
		for (int j = 0; j < nl && st > BILEX_FATAL; j++)
			st = bx_worst(st, read_pieces(pg, lb, lm, nl, j));
		for (int j = 0; j < nl; j++)
			pixDestroy(&lm[j]);
	}
	return st;
}

/* A vertical column: its characters set side by side as a line (bx_ocr_column_as_line) and
 * read by the horizontal models like any line.  On the test frames that reads both columns
 * without an error, where chi_sim_vert and kor_vert at PSM 5 missed 8% of them, and those two
 * engines (0.3 s and about 50 MB per worker) are not loaded.  Only when that reading is unsure
 * (characters the pitch does not cut apart, a single character) do the vertical models read
 * the column itself, and the surer reading stays. */
static int
read_vertical(struct page *pg, const struct lbox *bx)
{
	bilex_ctx *ctx = bx_doc_ctx(pg->doc);
	size_t n0 = pg->n, n1;
	PIX *line = NULL;
	int st;

	if (pg->mask && !bx_ocr_box_has_letters(pg->mask, bx, pg->est))
		return BILEX_OK;
	if (pg->mask)
		line = bx_ocr_column_as_line(pg->gray, pg->mask, bx, NULL);
	if (line) {
		/* no mask: the laid-out characters stand a fifth of a character apart, which the
		 * script guess would take for Korean word spaces, so chi_sim reads first */
		st = read_apart(pg, line, NULL, bx);
		pixDestroy(&line);
	} else {
		st = read_line(pg, bx); /* one character */
	}
	if (st <= BILEX_FATAL || pg->timed_out || best_conf(pg, n0, pg->n) >= SCRIPT_SURE ||
	    (get_engine(ctx, pg->o, ENG_VERT_ZH) == NULL &&
	    get_engine(ctx, pg->o, ENG_VERT_KO) == NULL))
		return st;
	n1 = pg->n;
	st = bx_worst(st, read_either(pg, ENG_VERT_ZH, ENG_VERT_KO, bx, PSM_SINGLE_BLOCK_VERT_TEXT,
	    0.6));
	keep_surer(pg, n0, n1, false);
	return st;
}

/* A reading of ids whose words chi_sim ran together (S015C050) with a space before each S or C
 * that follows a digit: a new string when that is ids, else NULL. */
char *
bx_ocr_ids_apart(const char *t)
{
	char buf[64], *o = buf;
	size_t n = strlen(t);

	if (n >= sizeof(buf) / 2)
		return NULL; /* ids are short; a space per character at most */
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (t[i] == 'S' || t[i] == 'C') && t[i - 1] >= '0' && t[i - 1] <= '9')
			*o++ = ' ';
		*o++ = t[i];
	}
	*o = '\0';
	return ids_only(buf) ? bx_strdup(buf) : NULL;
}

/* The id pass.  The CJK models read a shot id as digits and letters of their own (5035 60084 for
 * S035 C084, S044 CHQ2 for S044 C102, S074 C5C055): fix_ids mends the usual ones, not these.  A
 * line of the ink [n0, n) without hanzi or Hangul and with three digits or more that is not
 * ids already is read again whitelisted to S, C and the digits, and takes that reading when it
 * is ids (9 of 38 ids were wrong on make_hold.py's frames). */
static int
read_ids(struct page *pg, size_t n0)
{
	int st = BILEX_OK;

	for (size_t i = n0, n = pg->n; i < n && st > BILEX_FATAL && !pg->timed_out; i++) {
		struct oline *l = &pg->l[i];
		struct lbox bx;
		TessBaseAPI *api;
		size_t n1 = pg->n;
		int ko, zh, digits = 0, pad = bx_ocr_pad(pg->est);

		if (l->text == NULL || ids_only(l->text) || l->box[3] > 2 * l->box[2])
			continue;
		script_letters(l->text, &ko, &zh);
		for (const char *p = l->text; *p; p++)
			digits += *p >= '0' && *p <= '9';
		if (ko + zh > 0 || digits < 3 || strlen(l->text) > 24)
			continue;
		api = page_engine(pg, ENG_ZH);
		if (api == NULL)
			return st;
		/* the id pass reads shot and cut ids and nothing else: chi_sim, loaded already,
		 * whitelisted for this one reading (Tesseract applies the whitelist at each
		 * Recognize).  eng so whitelisted read as many of make_hold.py's ids right (73 of
		 * 78 on six sets) and was 17 MB more per worker. */
		TessBaseAPISetVariable(api, "tessedit_char_whitelist", "SC0123456789 ");
		bx = (struct lbox){ l->box[0] - pad, l->box[1] - pad, l->box[2] + 2 * pad,
			l->box[3] + 2 * pad, false };
		if (bx.x < 0)
			bx.w += bx.x, bx.x = 0;
		if (bx.y < 0)
			bx.h += bx.y, bx.y = 0;
		pg->in_part = true; /* its reading is judged here, not by the floors */
		st = read_box(pg, api, &bx, PSM_SINGLE_LINE);
		TessBaseAPISetVariable(api, "tessedit_char_whitelist", "");
		pg->in_part = false;
		l = &pg->l[i]; /* read_box may have moved the lines */
		if (st > BILEX_FATAL && pg->n > n1 && pg->l[n1].text && !ids_only(pg->l[n1].text)) {
			char *apart = bx_ocr_ids_apart(pg->l[n1].text);

			if (apart) {
				free(pg->l[n1].text);
				pg->l[n1].text = apart;
			}
		}
		if (st > BILEX_FATAL && pg->n > n1 && pg->l[n1].text && ids_only(pg->l[n1].text)) {
			free(l->text);
			l->text = pg->l[n1].text;
			pg->l[n1].text = NULL;
			free(l->extra);
			l->extra = pg->l[n1].extra; /* eng's words, in place of the CJK model's */
			pg->l[n1].extra = NULL;
			l->words_at = pg->l[n1].words_at;
			/* a whitelisted reading's line confidence is low even when right (S074 C055:
			 * 0.00, its words 0 and 82): the better of the line's and the words' */
			l->conf = pg->l[n1].conf > pg->l[n1].wconf ? pg->l[n1].conf : pg->l[n1].wconf;
			l->wconf = pg->l[n1].wconf;
		}
		drop_lines(pg, n1);
	}
	return st;
}

/* Reads the lines written in one ink. */
static int
read_ink(struct page *pg, PIX *str, PIX *mask, int W, int H, bool primary)
{
	bilex_ctx *ctx = bx_doc_ctx(pg->doc);
	struct bx_ocr *o = pg->o;
	struct lbox *boxes = NULL;
	PIX *gray;
	l_int32 count = 0;
	size_t n_ink = pg->n, n_prev;
	int nb = 0, est, st = BILEX_OK;

	pixCountPixels(mask, &count, NULL);
	if (count < MIN_INK_PIXELS)
		return BILEX_OK;
	est = bx_ocr_text_height(mask);
	if (est < 8)
		return BILEX_OK;
	bx_ocr_strip_strokes(mask, est);
	nb = bx_ocr_line_boxes(mask, est, W, H, &boxes);
	if (nb == 0 && !primary) {
		free(boxes);
		return BILEX_OK;
	}
	if (!lines_readable(ctx, o)) {
		free(boxes);
		if (pg->no_engine)
			return BILEX_OK;
		pg->no_engine = true;
		return bx_doc_error(pg->doc, BILEX_WARN, BILEX_E_OCR, "%s", o->why);
	}
	gray = bx_ocr_engine_image(str, mask);
	if (gray == NULL) {
		free(boxes);
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	pg->gray = gray;
	pg->mask = mask;
	pg->est = est;
	/* the ink that writes most is the notes' own: a line another ink read before it (a
	 * drawing's purer colour whose strength reaches the notes, read first by
	 * bx_ocr_reading_order) does not keep its boxes from being read, and page_emit keeps the
	 * surer reading.  make_hold.py SEED0 20000's hold_11: the red of ImageMagick's logo read
	 * the brown 난 영어를 공부 하고 싶어. as 난 연어들 교부 112 62 at 0.70, BEFORE_SURE, and the
	 * brown ink never read it.  The ten sets: sum of CER % 46.2 -> 45.7 (that frame and
	 * 80000's hold_05 better, none worse); tests/data/image/frames: the same 440 readings. */
	n_prev = primary ? 0 : n_ink;
	for (int i = 0; i < nb && st > BILEX_FATAL; i++) {
		if (boxes[i].vertical) {
			if (!read_before(pg, n_prev, &boxes[i]))
				st = bx_worst(st, read_vertical(pg, &boxes[i]));
		} else if (boxes[i].h > est * 2 + est / 2) {
			st = bx_worst(st, read_tall(pg, mask, &boxes[i], est, n_prev));
		} else if (!read_before(pg, n_prev, &boxes[i])) {
			st = bx_worst(st, read_line(pg, &boxes[i]));
		}
	}
	if (pg->n == n_ink && primary && st > BILEX_FATAL) {
		/* the ink that writes most, by its shapes, but no line could be read from its boxes:
		 * the line finder was wrong about them; the cleaned page as one block */
		struct lbox whole = { 0, 0, W, H, false };

		st = bx_worst(st, read_block(pg, &whole, PSM_SINGLE_BLOCK));
	}
	if (st > BILEX_FATAL && bx_doc_ctx(pg->doc)->options[BILEX_OPT_OCR_LANGS] == NULL)
		st = bx_worst(st, read_ids(pg, n_ink));
	page_release(pg);
	pg->gray = pg->mask = NULL;
	free(boxes);
	pixDestroy(&gray);
	return st;
}

/* Reads one page.  Takes the decoded page *pix (and sets it to NULL): the page in colour is
 * needed to find its inks, and after that only for --ocr-all and for the crops of a report, so
 * without them it goes before the engines read (8.3 MB of a 1920x1080 frame, a tenth of a
 * worker's peak). */
static int
ocr_page(struct bx_doc *doc, struct bx_ocr *o, PIX **pix, struct cached *keep)
{
	struct page pg = { .doc = doc, .o = o };
	PIX *rgb, *str[MAX_INKS] = { 0 }, *mask[MAX_INKS] = { 0 };
	struct inkinfo ink;
	int sel[MAX_INKS], nsel, primary, st = BILEX_OK, W, H, sc = 1;

	pg.ms = (int)bx_doc_limit(doc, BILEX_LIMIT_OCR_MS);
	pg.deadline = now_ms() + pg.ms;
	/* read only from here on: a page already of 32 bits is used as it is, not copied (a
	 * copy of a 1280x720 frame is 3.7 MB written for nothing) */
	rgb = pixGetDepth(*pix) == 32 ? pixClone(*pix) : pixConvertTo32(*pix);
	pixDestroy(pix);
	if (rgb == NULL)
		return bx_doc_error(doc, BILEX_FAILED, BILEX_E_CORRUPT, "image cannot be converted");
	W = pixGetWidth(rgb);
	H = pixGetHeight(rgb);
	nsel = bx_ocr_page_inks(rgb, &ink, str, mask, sel, &sc);
	if (!bx_doc_flag(doc, BILEX_FLAG_OCR_ALL) && !bx_doc_flag(doc, BILEX_FLAG_CROPS))
		pixDestroy(&rgb);
	primary = nsel > 0 ? sel[0] : -1;
	bx_ocr_reading_order(&ink, sel, nsel);
	for (int i = 0; i < nsel && st > BILEX_FATAL; i++) {
		int k = sel[i];

		pg.ink = ink.rgb[k];
		st = bx_worst(st, read_ink(&pg, str[k], mask[k], W * sc, H * sc, k == primary));
	}
	bx_ocr_free_inks(str, mask);
	/* the lines' boxes in the picture's own pixels */
	for (size_t i = 0; i < pg.n && sc > 1; i++) {
		int *b = pg.l[i].box, x1 = (b[0] + b[2] + sc - 1) / sc, y1 = (b[1] + b[3] + sc - 1) / sc;

		b[0] /= sc;
		b[1] /= sc;
		b[2] = x1 - b[0];
		b[3] = y1 - b[1];
	}
	drop_shapes(&pg);
	if (rgb && bx_doc_flag(doc, BILEX_FLAG_OCR_ALL) && st > BILEX_FATAL) {
		/* --ocr-all: the black and grey text of the whole image too */
		PIX *lum = pixConvertRGBToLuminance(rgb);
		struct lbox whole = { 0, 0, W, H, false };

		if (lum && !lines_readable(bx_doc_ctx(doc), o)) {
			st = bx_worst(st, bx_doc_error(doc, BILEX_WARN, BILEX_E_OCR, "%s", o->why));
		} else if (lum) {
			pg.whole = true;
			pg.gray = lum;
			st = bx_worst(st, read_block(&pg, &whole, PSM_AUTO));
			page_release(&pg);
			pg.gray = NULL;
		}
		pixDestroy(&lum);
	}
	pg.rgb = rgb;
	st = bx_worst(st, page_emit(&pg, keep));
	pixDestroy(&rgb);
	return st;
}

/* Whether a picture is of one grey channel by its header: a PNG of colour type 0 or 4 (grey,
 * grey and alpha; a palette is type 3), a JPEG of one component.  Other formats say no:
 * Leptonica's header reader gives an 8-bit BMP with a palette one sample and no colour map. */
static bool
grey_only(const unsigned char *p, size_t n)
{
	l_int32 fmt, w, h, bps, spp = 0, cmap = 1;

	if (n > 26 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0 && memcmp(p + 12, "IHDR", 4) == 0)
		return p[25] == 0 || p[25] == 4;
	return n > 3 && p[0] == 0xFF && p[1] == 0xD8 &&
	    pixReadHeaderMem(p, n, &fmt, &w, &h, &bps, &spp, &cmap) == 0 && spp == 1;
}

int
bx_ocr_input(struct bx_doc *doc, struct bx_input *in, bool multipage, bool gif)
{
	bilex_ctx *ctx = bx_doc_ctx(doc);
	struct bx_ocr *o = engine(ctx);
	struct cached *hit, *keep;
	int st = BILEX_OK, pages = 1;
	uint64_t next = 0;    /* the directory of the next TIFF page (0: none) */

	(void)gif;
	if (o == NULL)
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	/* A picture of one grey channel (a scanned page, a fax, a greyscale JPEG) holds no
	 * coloured ink: it is done from its header, not decoded (a 2 MB noisy scan was 75 ms of
	 * inflate and search for nothing); --ocr-all reads its grey text */
	if (!multipage && !bx_doc_flag(doc, BILEX_FLAG_OCR_ALL) && grey_only(in->data, in->size))
		return BILEX_OK;
	if (o->failed)
		return bx_doc_error(doc, BILEX_WARN, BILEX_E_OCR, "%s", o->why);
	/* the same picture in many places (a frame in every daily batch): read once */
	hit = cache_find(o, in->sha256);
	if (hit) {
		for (size_t i = 0; i < hit->n && st > BILEX_FATAL; i++)
			st = bx_worst(st, emit_line(doc, &hit->l[i]));
		return st;
	}
	keep = calloc(1, sizeof(*keep));
	if (keep)
		snprintf(keep->sha256, sizeof(keep->sha256), "%s", in->sha256);
	if (multipage) {
		/* Leptonica counts pages from a FILE only; a memory stream serves */
		FILE *fp = fmemopen((void *)in->data, in->size, "rb");
		l_int32 np = 0;

		if (fp && tiffGetCount(fp, &np) == 0 && np > 0)
			pages = np > MAX_PAGES ? MAX_PAGES : np;
		if (fp)
			fclose(fp);
		/* the pages past the cap are on record, not silently dropped */
		if (np > MAX_PAGES)
			st = bx_worst(st, bx_doc_error(doc, BILEX_WARN, BILEX_E_LIMIT_ENTRIES,
			    "TIFF has %d pages; pages %d to %d were not read", (int)np, MAX_PAGES + 1,
			    (int)np));
	}
	/* Pages are read in turn from the offset of their directory: asking Leptonica for page
	 * k walks the directory chain from the start each time, and a file of 1,000 tiny pages
	 * took 11 s of that (quadratic); this walk is linear. */
	for (int pg = 0; pg < pages && st > BILEX_FATAL; pg++) {
		PIX *pix;

		size_t at = 0; /* Leptonica: 0 is the first page, else a directory's offset */

		if (multipage && pg > 0) {
			/* image.c checked the first page's size; every later page is checked here,
			 * from its directory, before it is decoded */
			long w = -1, h = -1;
			bool cut;
			uint64_t ifd = next;

			if (ifd == 0 || ifd > SIZE_MAX)
				break; /* the chain ended before the count libtiff gave */
			if (!bx_tiff_ifd_size(in->data, in->size, ifd, &w, &h, &cut, &next) || w <= 0 ||
			    h <= 0) {
				st = bx_worst(st, bx_doc_error(doc, BILEX_FAILED, BILEX_E_CORRUPT,
				    "TIFF page %d has no readable header", pg + 1));
				break;
			}
			if (w > bx_doc_limit(doc, BILEX_LIMIT_IMAGE_SIDE) ||
			    h > bx_doc_limit(doc, BILEX_LIMIT_IMAGE_SIDE) ||
			    (int64_t)w * h > bx_doc_limit(doc, BILEX_LIMIT_IMAGE_PIXELS)) {
				st = bx_worst(st, bx_doc_error(doc, BILEX_FAILED, BILEX_E_LIMIT_PIXELS,
				    "TIFF page %d is %ldx%ld pixels", pg + 1, w, h));
				continue;
			}
			at = (size_t)ifd;
		} else if (multipage) {
			long w, h;
			bool cut;

			/* only the link to the second page is wanted here */
			(void)bx_tiff_ifd_size(in->data, in->size, 0, &w, &h, &cut, &next);
		}
		if (multipage) {
			size_t off = at;

			pix = pixReadMemFromMultipageTiff(in->data, in->size, &off);
		} else {
			pix = pixReadMem(in->data, in->size);
		}

		if (pix == NULL) {
			st = bx_worst(st, bx_doc_error(doc, BILEX_FAILED, BILEX_E_CORRUPT,
			    "the image data cannot be decoded%s", pages > 1 ? " (a page)" : ""));
			break;
		}
		st = bx_worst(st, ocr_page(doc, o, &pix, keep));
	}
	if (keep)
		cache_add(o, keep);
	return st;
}

#else /* !HAVE_OCR */

void
bx_ocr_free(bilex_ctx *ctx)
{
	(void)ctx;
}

bool
bx_ocr_header(const unsigned char *p, size_t n, long *w, long *h)
{
	(void)p, (void)n, (void)w, (void)h;
	return false;
}

int
bx_ocr_input(struct bx_doc *doc, struct bx_input *in, bool multipage, bool gif)
{
	(void)in, (void)multipage, (void)gif;
	/* a build without tesseract still accounts for every picture it was asked to read */
	return bx_doc_error(doc, BILEX_WARN, BILEX_E_OCR, "this bilex was built without OCR");
}

#endif

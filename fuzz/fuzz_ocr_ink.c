/*
 * fuzz_ocr_ink.c - the OCR's geometry (ocr-ink.c) on arbitrary pixels, without Tesseract.
 * libFuzzer target (fuzz/README.md); built only with OCR (HAVE_OCR).
 *
 * What it reaches, in the order of ocr.c's ocr_page and read_ink: the half-size test for notes
 * (bx_ocr_may_write), the candidate inks and their weighing (bx_ocr_find_inks,
 * bx_ocr_select_inks: ink strength, stroke masks, text score), the order they are read in
 * (bx_ocr_reading_order); then for each ink kept: its text height, its long straight strokes
 * removed, its line boxes, and for every box the letter test (bx_ocr_box_has_letters), the
 * script guess (bx_ocr_looks_korean), for a line box its split into lines (bx_ocr_split_lines)
 * and, for a column, its characters laid out as a line (bx_ocr_column_as_line) on the image
 * read_ink gives the engines (bx_ocr_engine_image).
 * Boxes the line finder never gives go to the box functions too: the whole image, over its
 * edge (as read_tall's bands can be), outside it, empty, one from the input.  Nothing is
 * read: no Tesseract call.
 *
 * The input is an image of 32-bit RGB (an input under 8 bytes is none):
 *   bytes 0-1  width - 1, little-endian, modulo 512 (1 to 512 pixels)
 *   bytes 2-3  height - 1, the same
 *   byte 4     mode: bits 0-1 the ground: 0 a plain colour, 1 the payload's bytes as RGB,
 *              2 the plain colour with the payload's bytes as grain, 3 a gradient from the
 *              colour (top) to its complement (bottom); bit 2 the payload is drawn as shapes
 *              (below); bit 3 the candidate inks are looked for even when bx_ocr_may_write says
 *              no (it is called all the same); bit 4 the image's dark pixels (luminance under
 *              128) go through the line steps as one more ink's mask, on its luminance (a mask
 *              the pipeline does not make: line boxes of any drawing, coloured or not); bit 5
 *              the image goes through bx_ocr_page_inks as a JPEG's (thin_strokes)
 *   bytes 5-7  the ground colour, R G B
 *   bytes 8-   the payload, cycled where it is shorter than what it fills; its last 4 bytes
 *              are also the odd box from the input
 * Shapes: up to 32 commands of 8 bytes, "op x y a b R G B", at (x * width / 256,
 * y * height / 256) in colour RGB; op bits 0-1:
 *   0  a filled rectangle, (1 + a) x (1 + b)
 *   1  a straight stroke 1 + 2a long, 1 + b % 8 thick, horizontal when op bit 2
 *   2  a line of 1 + a % 16 glyphs 8 + b % 64 pixels high, strokes 1 + op / 8 % 4 thick:
 *      a column when op bit 2, a word space every 2 + a / 16 % 4 glyphs when op bit 5; each
 *      glyph is some of three bars and three stems, picked from op, b and its place
 *   3  the outline of a rectangle (1 + 2a) x (1 + b), 1 + op / 8 % 4 thick
 * fuzz/run.sh writes a few such images as seeds.
 *
 * Checks beyond the sanitizers (abort() when one fails): at most MAX_INKS candidates, hues in
 * 0..359; the kept inks are distinct candidates, each with an 8-bpp strength image and a 1-bpp
 * mask of the image's size (the other candidates' NULL), and the same set after
 * bx_ocr_reading_order; a text height is not negative; line boxes are inside the image and not
 * empty; a column laid out is an 8-bpp image of at least two cells.  FUZZ_VERBOSE=1 prints
 * what each step found to stderr.
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef HAVE_OCR
#error "fuzz_ocr_ink needs OCR (configure without --without-ocr)"
#endif
#include "../src/extract/ocr-int.h"

#define SIDE_MAX 512
#define SHAPES_MAX 32

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* $FUZZ_VERBOSE set: what each step found, to stderr */
static bool fz_verbose;

/* No bilex context here, so not fuzz.h: its check failure only (fuzz-fail.h). */
#include "fuzz-fail.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fz_verbose = getenv("FUZZ_VERBOSE") != NULL;
	/* Leptonica's complaints about boxes outside the image are expected here */
	setMsgSeverity(L_SEVERITY_NONE);
	return 0;
}

/* ---- the image from the input ---------------------------------------------------------- */

struct canvas {
	l_uint32 *data;
	int w, h, wpl;
};

static void
fill(const struct canvas *c, int x, int y, int w, int h, l_uint32 px)
{
	int x0 = x < 0 ? 0 : x, y0 = y < 0 ? 0 : y;
	int x1 = x + w > c->w ? c->w : x + w, y1 = y + h > c->h ? c->h : y + h;

	for (int yy = y0; yy < y1; yy++)
		for (int xx = x0; xx < x1; xx++)
			c->data[(size_t)yy * (size_t)c->wpl + (size_t)xx] = px;
}

/* One glyph s pixels square, strokes t thick: bars (top, middle, bottom) and stems (left,
 * right, centre) by the bits of pat; none is a lone middle bar, like 一. */
static void
glyph(const struct canvas *c, int x, int y, int s, int t, unsigned pat, l_uint32 px)
{
	if ((pat & 63) == 0) {
		fill(c, x, y + (s - t) / 2, s, t, px);
		return;
	}
	if (pat & 1)
		fill(c, x, y, s, t, px);
	if (pat & 2)
		fill(c, x, y + (s - t) / 2, s, t, px);
	if (pat & 4)
		fill(c, x, y + s - t, s, t, px);
	if (pat & 8)
		fill(c, x, y, t, s, px);
	if (pat & 16)
		fill(c, x + s - t, y, t, s, px);
	if (pat & 32)
		fill(c, x + (s - t) / 2, y, t, s, px);
}

static void
shape(const struct canvas *c, const uint8_t *p)
{
	unsigned op = p[0], a = p[3], b = p[4];
	int x = (int)p[1] * c->w / 256, y = (int)p[2] * c->h / 256;
	int t = 1 + (int)(op >> 3 & 3);
	l_uint32 px;

	composeRGBPixel(p[5], p[6], p[7], &px);
	switch (op & 3) {
	case 0:
		fill(c, x, y, 1 + (int)a, 1 + (int)b, px);
		break;
	case 1:
		if (op & 4)
			fill(c, x, y, 1 + 2 * (int)a, 1 + (int)(b & 7), px);
		else
			fill(c, x, y, 1 + (int)(b & 7), 1 + 2 * (int)a, px);
		break;
	case 2: {
		int n = 1 + (int)(a & 15), word = 2 + (int)(a >> 4 & 3), s = 8 + (int)(b & 63);

		for (int i = 0; i < n; i++) {
			unsigned pat = ((unsigned)i * 0x9E3779B1u ^ op * 0x85EBCA6Bu ^ b * 0xC2B2AE35u) >> 11;

			glyph(c, x, y, s, t, pat, px);
			/* characters a fifth of their height apart, a word space half of it */
			if (op & 4)
				y += s + s / 5 + ((op & 32) && i % word == word - 1 ? s / 2 : 0);
			else
				x += s + s / 5 + ((op & 32) && i % word == word - 1 ? s / 2 : 0);
		}
		break;
	}
	case 3: {
		int w = 1 + 2 * (int)a, h = 1 + (int)b;

		fill(c, x, y, w, t, px);
		fill(c, x, y + h - t, w, t, px);
		fill(c, x, y, t, h, px);
		fill(c, x + w - t, y, t, h, px);
		break;
	}
	}
}

static int
clamp255(int v)
{
	return v < 0 ? 0 : v > 255 ? 255 : v;
}

static PIX *
make_image(const uint8_t *data, size_t size)
{
	int w = 1 + (data[0] | data[1] << 8) % SIDE_MAX, h = 1 + (data[2] | data[3] << 8) % SIDE_MAX;
	unsigned mode = data[4];
	int r0 = data[5], g0 = data[6], b0 = data[7];
	const uint8_t *pay = data + 8;
	size_t n = size - 8, at = 0;
	PIX *pix = pixCreate(w, h, 32);
	struct canvas c;
	l_uint32 ground;

	if (pix == NULL)
		return NULL;
	c.data = pixGetData(pix);
	c.w = w;
	c.h = h;
	c.wpl = pixGetWpl(pix);
	composeRGBPixel(r0, g0, b0, &ground);
	for (int y = 0; y < h; y++) {
		l_uint32 *line = c.data + (size_t)y * (size_t)c.wpl;

		for (int x = 0; x < w; x++) {
			l_uint32 px = ground;

			switch (n ? mode & 3 : 0) {
			case 1:
				composeRGBPixel(pay[at % n], pay[(at + 1) % n], pay[(at + 2) % n], &px);
				at = (at + 3) % n;
				break;
			case 2: {
				int d = (int)pay[at] / 8 - 16; /* grain of +-16 */

				composeRGBPixel(clamp255(r0 + d), clamp255(g0 - d), clamp255(b0 + d), &px);
				at = (at + 1) % n;
				break;
			}
			case 3:
				composeRGBPixel(r0 + (255 - 2 * r0) * y / h, g0 + (255 - 2 * g0) * y / h,
				    b0 + (255 - 2 * b0) * y / h, &px);
				break;
			}
			line[x] = px;
		}
	}
	if (mode & 4)
		for (size_t i = 0; i + 8 <= n && i < 8 * SHAPES_MAX; i += 8)
			shape(&c, pay + i);
	return pix;
}

/* ---- the geometry ----------------------------------------------------------------------- */

static void
check_box(const struct lbox *b, int W, int H, const char *what)
{
	if (b->x < 0 || b->y < 0 || b->w <= 0 || b->h <= 0 || b->x + b->w > W || b->y + b->h > H)
		fz_fail("%s (%d,%d %dx%d) is not inside the %dx%d image or empty", what, b->x, b->y,
		    b->w, b->h, W, H);
}

/* What ocr.c does with one box of the mask: the letter test, the script guess, a column laid
 * out as a line. */
static void
one_box(PIX *gray, PIX *mask, const struct lbox *b, int est, bool count)
{
	bool letters = bx_ocr_box_has_letters(mask, b, est);
	bool ko = bx_ocr_looks_korean(mask, b);
	int cells = -1;
	PIX *line = NULL;

	if (b->vertical) {
		line = bx_ocr_column_as_line(gray, mask, b, count ? &cells : NULL);
		if (line && (pixGetDepth(line) != 8 || (count && cells < 2)))
			fz_fail("column laid out as a %d-bpp line of %d cells", pixGetDepth(line),
			    cells);
		if (!line && count && cells != 0)
			fz_fail("no line from a column, but %d cells", cells);
	}
	if (!b->vertical) {
		/* read_tall's split of a band two lines high: lines inside the box and the image,
		 * each with a mask of its size */
		struct lbox lb[SPLIT_MAX];
		PIX *lm[SPLIT_MAX];
		int nl = bx_ocr_split_lines(mask, b, est, lb, lm), W = pixGetWidth(mask);
		int H = pixGetHeight(mask);

		if (nl < 0 || nl == 1 || nl > SPLIT_MAX)
			fz_fail("a box split into %d lines", nl);
		for (int j = 0; j < nl; j++) {
			check_box(&lb[j], W, H, "split line");
			if (lb[j].x < b->x || lb[j].y < b->y || lb[j].x + lb[j].w > b->x + b->w ||
			    lb[j].y + lb[j].h > b->y + b->h)
				fz_fail("split line %d,%d %dx%d outside its box %d,%d %dx%d", lb[j].x,
				    lb[j].y, lb[j].w, lb[j].h, b->x, b->y, b->w, b->h);
			if (lm[j] == NULL || pixGetDepth(lm[j]) != 1 ||
			    pixGetWidth(lm[j]) != lb[j].w || pixGetHeight(lm[j]) != lb[j].h)
				fz_fail("split line %d: a mask that is not its box's", j);
			pixDestroy(&lm[j]);
		}
	}
	if (fz_verbose)
		fprintf(stderr, "    box %d,%d %dx%d%s: letters %d, korean %d, line %s (%d cells)\n",
		    b->x, b->y, b->w, b->h, b->vertical ? " vertical" : "", letters, ko,
		    line ? "yes" : "no", cells);
	pixDestroy(&line);
}

/* Boxes the line finder does not give: over and outside the image's edges, empty, from the
 * input (tail: 4 bytes). */
static void
odd_boxes(PIX *gray, PIX *mask, int est, int W, int H, const uint8_t *tail)
{
	const struct lbox odd[] = {
		{ 0, 0, W, H, true },            /* the whole image */
		{ 0, 0, W, H, false },
		{ W - 1, H - 1, 50, 50, true },  /* over the corner */
		{ W / 2, 0, W, H, true },        /* over the right edge */
		{ W, H, 10, 10, true },          /* just outside */
		{ W + 100, 0, 5, H, true },
		{ W / 2, 0, 1, H, true },        /* one pixel wide */
		{ 0, H / 2, W, 1, false },       /* one pixel high */
		{ 0, 0, 0, 0, true },            /* empty */
		{ W / 2, 0, 0, H, true },
		{ -5, -5, 3, 3, false },         /* before the origin */
		{ -W / 2, 0, W, H, true },
		/* from the input: -W/2 .. 3W/2, 0 .. 2W wide */
		{ ((int)tail[0] - 64) * W / 128, ((int)tail[1] - 64) * H / 128,
		  (int)tail[2] * W / 128, (int)tail[3] * H / 128, (tail[0] & 1) != 0 },
	};

	for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
		one_box(gray, mask, &odd[i], est, i & 1);
}

/* ocr.c's read_ink up to the reading: the mask's text height, its strokes stripped, its line
 * boxes, each box as read_ink, read_line, read_tall and read_vertical look at it; then the odd
 * boxes, also when read_ink would stop before the line boxes.  str is the ink's strength image
 * (NULL: gray is given). */
static void
ink_lines(PIX *str, PIX *gray, PIX *mask, int W, int H, const uint8_t *tail)
{
	struct lbox *boxes = NULL;
	l_int32 count = 0;
	int est, nb = 0;

	pixCountPixels(mask, &count, NULL);
	est = bx_ocr_text_height(mask);
	if (fz_verbose)
		fprintf(stderr, "  mask of %d pixels, text height %d\n", (int)count, est);
	if (est < 0)
		fz_fail("text height %d", est);
	if (count >= MIN_INK_PIXELS && est >= 8) { /* else read_ink reads nothing */
		bx_ocr_strip_strokes(mask, est);
		nb = bx_ocr_line_boxes(mask, est, W, H, &boxes);
		if (nb < 0 || (nb > 0 && boxes == NULL))
			fz_fail("%d line boxes at %p", nb, (void *)boxes);
		if (fz_verbose)
			fprintf(stderr, "  %d line boxes\n", nb);
	}
	if (str)
		gray = bx_ocr_engine_image(str, mask); /* read_ink's image for the engines */
	for (int i = 0; gray && i < nb; i++) {
		const struct lbox *b = &boxes[i];

		check_box(b, W, H, "line box");
		one_box(gray, mask, b, est, i & 1);
		if (!b->vertical && b->h > est * 2 + est / 2) {
			/* read_tall's bands are padded past the box, not clipped to the image */
			struct lbox band = { b->x, b->y, b->w + est / 2 + 8, est + 8, false };

			one_box(gray, mask, &band, est, false);
		}
	}
	if (gray)
		odd_boxes(gray, mask, est, W, H, tail);
	free(boxes);
	if (str)
		pixDestroy(&gray);
}

/* ocr.c's ocr_page without the reading. */
static void
geometry(PIX *rgb, unsigned mode, const uint8_t *tail)
{
	PIX *str[MAX_INKS] = { 0 }, *mask[MAX_INKS] = { 0 };
	struct inkinfo ink;
	int sel[MAX_INKS], nsel = 0, W = pixGetWidth(rgb), H = pixGetHeight(rgb);
	unsigned kept = 0, again = 0;
	bool may;

	ink.n = 0;
	may = bx_ocr_may_write(rgb);
	if (may || (mode & 8))
		bx_ocr_find_inks(rgb, &ink);
	if (ink.n < 0 || ink.n > MAX_INKS)
		fz_fail("%d candidate inks", ink.n);
	for (int k = 0; k < ink.n; k++)
		if (ink.hue[k] < 0 || ink.hue[k] > 359)
			fz_fail("ink %d of hue %d", k, ink.hue[k]);
	if (ink.n > 0)
		nsel = bx_ocr_select_inks(rgb, &ink, str, mask, sel);
	if (fz_verbose)
		fprintf(stderr, "fuzz: %dx%d, may write %d, %d candidates, %d kept\n", W, H, may,
		    ink.n, nsel);
	if (nsel < 0 || nsel > ink.n)
		fz_fail("%d inks kept of %d", nsel, ink.n);
	for (int i = 0; i < nsel; i++) {
		if (sel[i] < 0 || sel[i] >= ink.n || (kept & 1u << sel[i]))
			fz_fail("kept ink %d is %d (of %d)", i, sel[i], ink.n);
		kept |= 1u << sel[i];
	}
	for (int k = 0; k < MAX_INKS; k++) {
		bool in = (kept & 1u << k) != 0;

		if (in != (str[k] != NULL) || in != (mask[k] != NULL))
			fz_fail("ink %d %s, strength %p, mask %p", k, in ? "kept" : "not kept",
			    (void *)str[k], (void *)mask[k]);
		if (in && (pixGetDepth(str[k]) != 8 || pixGetDepth(mask[k]) != 1 ||
		    pixGetWidth(str[k]) != W || pixGetHeight(str[k]) != H ||
		    pixGetWidth(mask[k]) != W || pixGetHeight(mask[k]) != H))
			fz_fail("ink %d: strength %dx%dx%d, mask %dx%dx%d for %dx%d", k,
			    pixGetWidth(str[k]), pixGetHeight(str[k]), pixGetDepth(str[k]),
			    pixGetWidth(mask[k]), pixGetHeight(mask[k]), pixGetDepth(mask[k]), W, H);
	}
	bx_ocr_reading_order(&ink, sel, nsel);
	for (int i = 0; i < nsel; i++)
		again |= sel[i] >= 0 && sel[i] < MAX_INKS ? 1u << sel[i] : 1u << MAX_INKS;
	if (again != kept)
		fz_fail("the reading order changed the inks kept (0x%x, then 0x%x)", kept, again);
	for (int i = 0; i < nsel; i++) {
		if (fz_verbose)
			fprintf(stderr, " ink %d (#%06x)\n", sel[i], (unsigned)ink.rgb[sel[i]]);
		ink_lines(str[sel[i]], NULL, mask[sel[i]], W, H, tail);
	}
	for (int k = 0; k < MAX_INKS; k++) {
		pixDestroy(&str[k]);
		pixDestroy(&mask[k]);
	}
	if (mode & 32) {
		/* the same pixels as a JPEG's, through bx_ocr_page_inks: thin_strokes on the inks
		 * kept, and the second look at twice the size of a small picture */
		int sc = 0, n2;

		pixSetInputFormat(rgb, IFF_JFIF_JPEG);
		n2 = bx_ocr_page_inks(rgb, &ink, str, mask, sel, &sc);
		if (n2 < 0 || n2 > MAX_INKS || (sc != 1 && sc != 2))
			fz_fail("%d inks of a JPEG at scale %d", n2, sc);
		for (int i = 0; i < n2; i++)
			if (pixGetDepth(str[sel[i]]) != 8 || pixGetDepth(mask[sel[i]]) != 1 ||
			    pixGetWidth(mask[sel[i]]) != W * sc || pixGetHeight(mask[sel[i]]) != H * sc ||
			    pixGetWidth(str[sel[i]]) != W * sc || pixGetHeight(str[sel[i]]) != H * sc)
				fz_fail("JPEG ink %d: strength or mask not of the %dx%d image", sel[i],
				    W * sc, H * sc);
		bx_ocr_free_inks(str, mask);
	}
	if (mode & 16) {
		PIX *lum = pixConvertRGBToLuminance(rgb);
		PIX *dark = lum ? pixThresholdToBinary(lum, 128) : NULL;

		if (fz_verbose)
			fprintf(stderr, " dark pixels\n");
		if (dark)
			ink_lines(NULL, lum, dark, W, H, tail);
		pixDestroy(&dark);
		pixDestroy(&lum);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t none[4];
	PIX *rgb;

	if (size < 8)
		return 0;
	rgb = make_image(data, size);
	if (rgb == NULL)
		return 0;
	geometry(rgb, data[4], size >= 12 ? data + size - 4 : none);
	pixDestroy(&rgb);
	return 0;
}

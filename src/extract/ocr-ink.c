/*
 * ocr-ink.c - where the notes are: the coloured inks of an image that write, and their lines.
 *
 * The image side of ocr.c's pipeline (steps 1 to 4 there), kept apart from the Tesseract side.
 * Everything works on Leptonica images and returns Leptonica images or plain boxes.
 */
#include "../core/bx.h" /* config.h first */
#include "ocr-int.h"

#ifdef HAVE_OCR
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HUE_BINS 36

/* ---- the ink --------------------------------------------------------------------------------- */

static inline void
hsv(l_int32 r, l_int32 g, l_int32 b, int *hue, int *chroma, int *max)
{
	int mx = r > g ? (r > b ? r : b) : (g > b ? g : b);
	int mn = r < g ? (r < b ? r : b) : (g < b ? g : b);
	int c = mx - mn, h = 0;

	if (c > 0) {
		if (mx == r)
			h = (60 * (g - b) / c + 360) % 360;
		else if (mx == g)
			h = 60 * (b - r) / c + 120;
		else
			h = 60 * (r - g) / c + 240;
	}
	*hue = h;
	*chroma = c;
	*max = mx;
}

static inline bool
saturated(int c, int mx)
{
	return c > 50 && mx > 60 && c * 100 > mx * 38;
}

static inline int
hue_dist(int a, int b)
{
	int d = abs(a - b); /* both in 0..359 */

	return d > 180 ? 360 - d : d;
}

/* A pixel's colour as find_inks compares it, computed once per pixel (a pixel is a neighbour of
 * up to 12 others): hue in bits 0-8, chroma in bits 9-16, saturated in bit 17. */
#define PX_SAT (1u << 17)

#define RED(px) ((l_int32)((px) >> L_RED_SHIFT & 255))
#define GREEN(px) ((l_int32)((px) >> L_GREEN_SHIFT & 255))
#define BLUE(px) ((l_int32)((px) >> L_BLUE_SHIFT & 255))

static inline uint32_t
px_code(l_uint32 px)
{
	l_int32 r = RED(px), g = GREEN(px), b = BLUE(px);
	int mx = r > g ? (r > b ? r : b) : (g > b ? g : b);
	int mn = r < g ? (r < b ? r : b) : (g < b ? g : b);
	int hu, c;

	/* most pixels of a frame are not saturated: their hue is never looked at */
	if (!saturated(mx - mn, mx))
		return 0;
	hsv(r, g, b, &hu, &c, &mx);
	return (uint32_t)hu | (uint32_t)c << 9 | PX_SAT;
}

/* Whether q is not of p's colour: unsaturated, another hue, or much paler (red ink on a pink
 * box has nearly the pink's hue but half its chroma). */
static inline bool
differs(uint32_t q, int hu, int c)
{
	int h2 = (int)(q & 511), c2 = (int)(q >> 9 & 255);

	return !(q & PX_SAT) || hue_dist(h2, hu) > 30 || c2 * 10 < c * 6;
}

/* Colour cells of the stroke pixels of each hue bin: 8 levels a channel. */
#define CELL_BITS 3
#define CELLS (1 << (3 * CELL_BITS))

struct cell {
	long n, r, g, b;
};

static inline int
cell_of(l_int32 r, l_int32 g, l_int32 b)
{
	return (int)(r >> (8 - CELL_BITS)) << (2 * CELL_BITS) |
	    (int)(g >> (8 - CELL_BITS)) << CELL_BITS | (int)(b >> (8 - CELL_BITS));
}

/*
 * The colour of the ink whose hue peak is bin `best`: the mean of the stroke pixels of the
 * densest colour cell of the peak and its two neighbours, with the cells around it.  A drawing
 * shaded in the ink's hue has strokes of that hue too (a blue robe under blue notes): their
 * mean lay between the ink and the robe (#272fad for #0e18c3 notes on a #363a91 robe), near
 * enough to the robe to take it in.  The ink itself is one colour, the shading many; its cell
 * is the densest.  Where no cell holds a fifth of the peak's pixels, the plain mean.
 */
static void
ink_colour(const struct cell *cells, int best, const long *hist, const long *rsum,
    const long *gsum, const long *bsum, uint32_t *mean, uint32_t *core)
{
	long n = 0, rs = 0, gs = 0, bs = 0, top = 0;
	int tc = -1;

	for (int d = -1; d <= 1; d++) {
		int i = (best + d + HUE_BINS) % HUE_BINS;

		n += hist[i], rs += rsum[i], gs += gsum[i], bs += bsum[i];
	}
	for (int c = 0; c < CELLS; c++) {
		long v = 0;

		for (int d = -1; d <= 1; d++)
			v += cells[(size_t)((best + d + HUE_BINS) % HUE_BINS) * CELLS + (size_t)c].n;
		if (v > top) {
			top = v;
			tc = c;
		}
	}
	*mean = (uint32_t)(rs / n) << 16 | (uint32_t)(gs / n) << 8 | (uint32_t)(bs / n);
	*core = *mean;
	if (tc >= 0 && top * 5 >= n) {
		int cr = tc >> (2 * CELL_BITS), cg = tc >> CELL_BITS & 7, cb = tc & 7;

		n = rs = gs = bs = 0;
		for (int d = -1; d <= 1; d++)
			for (int c = 0; c < CELLS; c++) {
				const struct cell *cl = &cells[(size_t)((best + d + HUE_BINS) % HUE_BINS) *
				    CELLS + (size_t)c];

				if (abs((c >> (2 * CELL_BITS)) - cr) > 1 || abs((c >> CELL_BITS & 7) - cg) > 1 ||
				    abs((c & 7) - cb) > 1)
					continue;
				n += cl->n, rs += cl->r, gs += cl->g, bs += cl->b;
			}
		*core = (uint32_t)(rs / n) << 16 | (uint32_t)(gs / n) << 8 | (uint32_t)(bs / n);
	}
}

#define RING 9 /* rows y-4 .. y+4 */

/* Ink hues: saturated pixels that are part of a stroke vote for their hue.  A stroke pixel has
 * another colour on both sides at 2 to 4 pixels, across or along; a fill only has it on one
 * side at its border and never inside, and grain rarely on both. */
static void
find_inks(PIX *rgb, struct inkinfo *ink, long min_px)
{
	l_int32 w = pixGetWidth(rgb), h = pixGetHeight(rgb), wpl = pixGetWpl(rgb);
	l_uint32 *data = pixGetData(rgb);
	long hist[HUE_BINS] = { 0 }, total = 0;
	long rsum[HUE_BINS] = { 0 }, gsum[HUE_BINS] = { 0 }, bsum[HUE_BINS] = { 0 };
	uint32_t *ring, *row[RING];
	struct cell *cells;
	bool any = false;

	ink->n = 0;
	if (w < 9 || h < 9)
		return;
	/* the codes of nine rows, w is capped by the image-side limit (image.c) */
	ring = malloc(sizeof(*ring) * (size_t)w * RING);
	cells = calloc((size_t)HUE_BINS * CELLS, sizeof(*cells));
	if (ring == NULL || cells == NULL) {
		free(ring);
		free(cells);
		return;
	}
	for (l_int32 y = 0; y < h; y++) {
		uint32_t *code = ring + (size_t)(y % RING) * (size_t)w;
		l_uint32 *line = data + (size_t)y * (size_t)wpl;
		bool sat = false;

		for (l_int32 x = 0; x < w; x++) {
			code[x] = px_code(line[x]);
			sat |= (code[x] & PX_SAT) != 0;
		}
		any |= sat;
		if (y < 8)
			continue;
		/* row y - 4 has its four rows either side: judge its pixels */
		if (!any)
			continue; /* nothing saturated yet: no stroke */
		for (int k = 0; k < RING; k++)
			row[k] = ring + (size_t)((y - 8 + k) % RING) * (size_t)w;
		for (l_int32 x = 4; x < w - 4; x++) {
			uint32_t q = row[4][x];
			int hu = (int)(q & 511), c = (int)(q >> 9 & 255);
			l_int32 r, g, b;
			bool stroke = false;

			if (!(q & PX_SAT))
				continue;
			for (int d = 2; d <= 4 && !stroke; d++)
				stroke = (differs(row[4][x - d], hu, c) && differs(row[4][x + d], hu, c)) ||
				    (differs(row[4 - d][x], hu, c) && differs(row[4 + d][x], hu, c));
			if (!stroke)
				continue;
			r = RED(data[(size_t)(y - 4) * (size_t)wpl + (size_t)x]);
			g = GREEN(data[(size_t)(y - 4) * (size_t)wpl + (size_t)x]);
			b = BLUE(data[(size_t)(y - 4) * (size_t)wpl + (size_t)x]);
			hist[hu * HUE_BINS / 360]++;
			rsum[hu * HUE_BINS / 360] += r;
			gsum[hu * HUE_BINS / 360] += g;
			bsum[hu * HUE_BINS / 360] += b;
			{
				struct cell *cl = &cells[(size_t)(hu * HUE_BINS / 360) * CELLS +
				    (size_t)cell_of(r, g, b)];

				cl->n++, cl->r += r, cl->g += g, cl->b += b;
			}
			total++;
		}
	}
	free(ring);
	if (total < min_px) {
		free(cells);
		return;
	}
	/* the candidate hues: peaks of the histogram with their neighbours; which of them is
	 * writing is decided on the shapes they draw (text_score) */
	for (int pass = 0; pass < MAX_INKS; pass++) {
		int best = -1;
		long bv = 0;

		for (int i = 0; i < HUE_BINS; i++) {
			long v = hist[i] + hist[(i + 1) % HUE_BINS] + hist[(i + HUE_BINS - 1) % HUE_BINS];

			if (v > bv) {
				bv = v;
				best = i;
			}
		}
		if (best < 0 || bv < min_px || bv * 20 < total)
			break;
		ink->hue[ink->n] = best * 360 / HUE_BINS + 5;
		ink_colour(cells, best, hist, rsum, gsum, bsum, &ink->rgb[ink->n], &ink->core[ink->n]);
		ink->n++;
		/* only the peak and its neighbours: red ink and a brown outline are 2 bins apart */
		for (int d = -1; d <= 1; d++)
			hist[(best + d + HUE_BINS) % HUE_BINS] = 0;
	}
	free(cells);
}

void
bx_ocr_find_inks(PIX *rgb, struct inkinfo *ink)
{
	find_inks(rgb, ink, MIN_INK_PIXELS);
}

/* 8-bit ink strength (0 = none): closeness to the ink's colour.  A colour distance, not a hue
 * window: red ink on a pink box, or over a brown outline, shares the hue but not the colour.
 * The distance is the "redmean" weighting of RGB, close enough to perceptual for this. */
#define INK_NEAR 70     /* as strong as ink up to this distance */
#define INK_FAR 170     /* nothing of the ink from this distance on */
#define INK_FG 45       /* least distance of writing from the mean of its 31x31 surroundings */

static inline long
ink_dist2(l_int32 r, l_int32 g, l_int32 b, uint32_t ink)
{
	long ir = (long)(ink >> 16 & 255), ig = (long)(ink >> 8 & 255), ib = (long)(ink & 255);
	long rm = (r + ir) / 2, dr = r - ir, dg = g - ig, db = b - ib;

	return ((512 + rm) * dr * dr >> 8) + 4 * dg * dg + ((767 - rm) * db * db >> 8);
}

/*
 * Whether a pixel of hue hu, more than 40 degrees from the ink's hue ih, is a blend of the ink
 * with its ground g (the mean of its surroundings, 0xRRGGBB00) as JPEG makes it: JPEG keeps
 * colour at half resolution, so a stroke a few pixels wide keeps its darkness and takes half
 * of its colour from the ground round it.  Blue notes (#2e6bb8, hue 212) over a blurred red
 * (hue 355) came out purple, #625a89 to #7b588e, hues 250 to 280, and 小时偷针，大时偷金. was
 * lost (make_hold.py SEED0 100000's hold_29).  A blend's hue lies between the ink's and the
 * ground's, nearer the ink's, and within CHROMA_HUE of it; the ground must have a hue.  A
 * drawing's own shading on that ground lies nearer the ground's hue.  make_hold.py's ten sets:
 * sum of CER % 46.8 -> 46.2 (six frames better, three worse); bench/probe's 24 frames 4.6%
 * either way.
 */
#define CHROMA_HUE 80

static bool
chroma_blend(int hu, int ih, l_uint32 g)
{
	int gh, gc, gm, di = hue_dist(hu, ih), dg;

	hsv(RED(g), GREEN(g), BLUE(g), &gh, &gc, &gm);
	dg = hue_dist(hu, gh);
	/* on the arc from the ink's hue to the ground's (10 degrees of slack for rounding) */
	return saturated(gc, gm) && di <= CHROMA_HUE && di < dg &&
	    di + dg <= hue_dist(gh, ih) + 10;
}

/* Strength of ink k of the candidates: near its colour, and saturated near its hue (grey
 * interface text on a screenshot is near a pale blue ink in RGB, not in hue; in a JPEG, or
 * of a hue between the ink's and the ground's: chroma_blend).  bg is the mean
 * colour around each pixel at 1 / 2^sh of the image's size: the surroundings of a stroke are
 * 31 pixels wide, which the half image's 15 cover as well, at a quarter of the cost (the
 * full-size mean was a sixth of the time of a text-heavy page). */
static PIX *
ink_strength(PIX *rgb, PIX *bg, int sh, const struct inkinfo *ink, int k)
{
	l_int32 w = pixGetWidth(rgb), h = pixGetHeight(rgb), wpl = pixGetWpl(rgb);
	l_int32 bw = pixGetWidth(bg), bh = pixGetHeight(bg), bwpl = pixGetWpl(bg);
	l_uint32 *data = pixGetData(rgb), *out, *bgd = pixGetData(bg);
	PIX *s = pixCreate(w, h, 8);
	l_int32 owpl;
	bool jpeg = pixGetInputFormat(rgb) == IFF_JFIF_JPEG;

	if (s == NULL)
		return NULL;
	out = pixGetData(s);
	owpl = pixGetWpl(s);
	for (l_int32 y = 0; y < h; y++) {
		l_uint32 *line = data + (size_t)y * (size_t)wpl, *ol = out + (size_t)y * (size_t)owpl;
		l_uint32 *bl = bgd + (size_t)((y >> sh) < bh ? y >> sh : bh - 1) * (size_t)bwpl;

		for (l_int32 x = 0; x < w; x++) {
			l_int32 r = RED(line[x]), g = GREEN(line[x]), b = BLUE(line[x]);
			l_uint32 around;
			long d2;
			int v, hu, c, mx;

			d2 = ink_dist2(r, g, b, ink->rgb[k]);
			if (d2 >= (long)INK_FAR * INK_FAR)
				continue;
			/* writing stands out from what is around it; a fill or a sky is its own
			 * surroundings */
			around = bl[(x >> sh) < bw ? x >> sh : bw - 1];
			if (ink_dist2(r, g, b, around >> 8) < (long)INK_FG * INK_FG)
				continue;
			hsv(r, g, b, &hu, &c, &mx);
			if (c < 30 || c * 100 < mx * 25)
				continue;
			if (hue_dist(hu, ink->hue[k]) > 40 &&
			    (!jpeg || !chroma_blend(hu, ink->hue[k], around)))
				continue;
			v = d2 <= (long)INK_NEAR * INK_NEAR ? 255 :
			    (int)(255 * (INK_FAR - sqrt((double)d2)) / (INK_FAR - INK_NEAR));
			SET_DATA_BYTE(ol, x, v);
		}
	}
	return s;
}

/*
 * Keeps of an ink's mask what lies near its core: pixels within CORE_DIST of the ink's own
 * colour (inkinfo.core: the densest colour of its stroke pixels), and what is within CORE_GROW
 * pixels of them.  Strength admits colours up to INK_FAR from the mean of the stroke pixels,
 * which a stroke's anti-aliased edges need; a drawing shaded in the ink's hue (blue notes on a
 * blue robe) reaches that strength over whole areas, and pulls the mean towards itself, but
 * seldom holds the ink's colour, so its pixels are far from any core.
 *
 * JPEG spreads a colour (chroma at half resolution, ringing), as does a small picture doubled
 * by interpolation (bx_ocr_page_inks): there the core is wider (CORE_DIST_JPEG) and only
 * pieces of the mask larger than writing both ways (JPEG_PIECE text heights: a drawing's area,
 * with any notes that touch it; of a frame, its own pixels) are cut down to it, since a thin or
 * light stroke may keep no pixel of the ink's colour at all.  Measured on make_hold.py's eight
 * development sets (bench/probe/hold.sh 70000 80000 900 5000 9000 20000 30000 40000, the sum of
 * their character errors in %) and bench/probe/run.sh's 24 frames (mean CER %): without this
 * 55.0 and 4.8; everywhere, 45 for both formats, 49.4; JPEG at 70, 40.4 and 6.0 (NanumGothic-
 * Light in JPEG 20.9 -> 26.7); JPEG only in pieces over 2 text heights, 43.9 and 4.6 (over 3:
 * 44.3 and 4.6; also in pieces that hold a core pixel, 41.6 and 5.4); not in JPEG, 43.2.
 */
#define CORE_DIST 45
#define CORE_DIST_JPEG 70
#define JPEG_PIECE 2
#define CORE_GROW 3

/*
 * A frame drawn round notes in their ink (make_hold.py SEED0 30000's hold_09: two boxes of
 * notes in #d52809 over a lavender ground) is a piece larger than writing, and its box is the
 * notes' box: cut down to the core, the thin horizontals of 왜 나야? in NanumSquare_ac-Regular,
 * whose JPEG colours are 90 to 125 from the core, went, and the line was read as 개 나야 at 0.11
 * and dropped.  A drawing's area holds its piece's ink inside; a frame's piece keeps to its
 * box's sides.  A piece at least HOLLOW_SIDE text heights both ways with no more than
 * 1/HOLLOW_SHARE of its pixels further than a text height inside its box is a frame: only its
 * own pixels are cut, not what it encloses.  make_hold.py's ten sets (bench/probe/hold.sh 70000
 * 80000 900 5000 9000 20000 30000 40000 90000 100000): sum of CER % 49.0 -> 48.5 (30000 3.2 ->
 * 2.7; six frames better, two worse by a letter).
 */
#define HOLLOW_SIDE 3
#define HOLLOW_SHARE 20
/* hollow() labels the pieces inside a large piece's box: nested outlines (a hostile picture
 * of many rings) would label the inner ones again for each ring round them.  A frame has a
 * few large pieces; past this many the rest are cut as drawings, as before frames were. */
#define HOLLOW_MAX 32

/* The piece of mask whose box is (x, y, w, h) (text est high) when it is an outline keeping to
 * its box's sides, else NULL; the caller destroys it.  It is found among the pieces of its
 * box's part of the mask as the one that spans the box: only the few large pieces are looked
 * at this way, not every piece of the mask. */
static PIX *
hollow(PIX *mask, l_int32 x, l_int32 y, l_int32 w, l_int32 h, int est)
{
	BOX *b = boxCreate(x, y, w, h), *ib = boxCreate(est, est, w - 2 * est, h - 2 * est);
	PIX *clip = b ? pixClipRectangle(mask, b, NULL) : NULL, *p = NULL, *inner;
	PIXA *pa = NULL;
	BOXA *cb = clip ? pixConnComp(clip, &pa, 8) : NULL;
	l_int32 n = cb && pa ? boxaGetCount(cb) : 0, all = 0, in = 0;

	for (l_int32 i = 0; i < n && p == NULL; i++) {
		l_int32 px, py, pw, ph;

		boxaGetBoxGeometry(cb, i, &px, &py, &pw, &ph);
		if (px == 0 && py == 0 && pw == w && ph == h)
			p = pixaGetPix(pa, i, L_COPY);
	}
	inner = p && ib ? pixClipRectangle(p, ib, NULL) : NULL;
	if (inner) {
		pixCountPixels(p, &all, NULL);
		pixCountPixels(inner, &in, NULL);
	}
	if (all == 0 || (long)in * HOLLOW_SHARE > all)
		pixDestroy(&p);
	pixDestroy(&inner);
	boxaDestroy(&cb);
	pixaDestroy(&pa);
	pixDestroy(&clip);
	boxDestroy(&ib);
	boxDestroy(&b);
	return p;
}

/* The pieces of a mask larger than JPEG_PIECE text heights both ways, as a mask of their boxes
 * (of a frame, its own pixels); NULL when there is none. */
static PIX *
large_pieces(PIX *mask)
{
	int est = bx_ocr_text_height(mask);
	BOXA *bb = est > 0 ? pixConnCompBB(mask, 8) : NULL;
	l_int32 nb = bb ? boxaGetCount(bb) : 0;
	PIX *region = NULL;
	int hollows = 0;

	for (l_int32 i = 0; i < nb; i++) {
		l_int32 bx, by, bw, bh;
		PIX *frame = NULL;

		boxaGetBoxGeometry(bb, i, &bx, &by, &bw, &bh);
		if (bw <= JPEG_PIECE * est || bh <= JPEG_PIECE * est)
			continue;
		if (region == NULL &&
		    (region = pixCreate(pixGetWidth(mask), pixGetHeight(mask), 1)) == NULL)
			break;
		if (bw >= HOLLOW_SIDE * est && bh >= HOLLOW_SIDE * est && hollows++ < HOLLOW_MAX)
			frame = hollow(mask, bx, by, bw, bh, est);
		if (frame)
			pixRasterop(region, bx, by, bw, bh, PIX_PAINT, frame, 0, 0);
		else
			pixRasterop(region, bx, by, bw, bh, PIX_SET, NULL, 0, 0);
		pixDestroy(&frame);
	}
	boxaDestroy(&bb);
	return region;
}

/* spread: the picture's colours are spread (a JPEG, or a picture doubled by interpolation). */
static void
near_core(PIX *rgb, PIX *mask, PIX *str, uint32_t core, bool spread)
{
	l_int32 w = pixGetWidth(mask), h = pixGetHeight(mask), wpl = pixGetWpl(rgb);
	l_int32 mwpl = pixGetWpl(mask), cwpl;
	l_uint32 *data = pixGetData(rgb), *md = pixGetData(mask), *cd;
	long dist = spread ? CORE_DIST_JPEG : CORE_DIST;
	PIX *region = NULL, *c, *grown;

	/* in a spread picture only the large pieces are cut: without one there is nothing to do */
	if (spread && (region = large_pieces(mask)) == NULL)
		return;
	if ((c = pixCreate(w, h, 1)) == NULL) {
		pixDestroy(&region);
		return;
	}
	cd = pixGetData(c);
	cwpl = pixGetWpl(c);
	for (l_int32 y = 0; y < h; y++) {
		l_uint32 *ml = md + (size_t)y * (size_t)mwpl, *line = data + (size_t)y * (size_t)wpl;

		for (l_int32 x = 0; x < w; x++) {
			if (ml[x >> 5] == 0) {
				x |= 31; /* 32 pixels outside the mask */
				continue;
			}
			if (GET_DATA_BIT(ml, x) && ink_dist2(RED(line[x]), GREEN(line[x]),
			    BLUE(line[x]), core) < dist * dist)
				SET_DATA_BIT(cd + (size_t)y * (size_t)cwpl, x);
		}
	}
	grown = pixDilateBrick(NULL, c, 2 * CORE_GROW + 1, 2 * CORE_GROW + 1);
	pixDestroy(&c);
	if (grown != NULL) {
		pixSubtract(grown, mask, grown); /* what is not near a core */
		if (region)
			pixAnd(grown, grown, region);
		/* what the mask loses, the strength image loses too: the engine reads strength */
		pixSetMasked(str, grown, 0);
		pixSubtract(mask, mask, grown);
	}
	pixDestroy(&grown);
	pixDestroy(&region);
}

/* Luma (Rec. 601, 0 to 255) of a colour. */
static inline int
luma(l_int32 r, l_int32 g, l_int32 b)
{
	return (int)((299 * r + 587 * g + 114 * b) / 1000);
}

/*
 * The thin strokes of an ink in a JPEG.  JPEG keeps colour at half resolution, so a stroke a
 * pixel or two wide (a light or serif face) keeps its darkness and loses its colour: #a52a2a
 * writing on a sky came out as pixels of (68, 71, 76), and only the joints of its letters were
 * ink; the line was lost.  Near the ink's strokes (within GROW pixels, twice), a pixel that is
 * as dark as the ink and much darker than its surroundings, and grey or of the ink's hue, is
 * taken as ink, as strong as its darkness says.  Only where the ink is darker than the ground.
 * bench/probe: 24 frames 5.7% -> 4.6% character error (NanumGothic-Light lines in JPEG);
 * tests/data/image/frames 2.5% either way, handwriting 5.1% -> 4.5%.
 *
 * Not a pixel darker than the ink by more than THIN_DARKER next to black (a pixel darker than
 * the ink by THIN_BLACK within 2): a thin stroke of the ink blends with a lighter ground and
 * comes out lighter, or a little darker where JPEG rings (#a52a2a, luma 79, in NanumGothic-
 * Light: 63 to 90); what is much darker is another drawing's line.  The black outline of a cel
 * or a star crossing the notes was taken as ink along its whole width inside the letters
 * (一个疯子 read as 一次帘子).  make_hold.py's ten sets (bench/probe/hold.sh 70000 80000 900
 * 5000 9000 20000 30000 40000 90000 100000): mean character error 6.27% -> 5.66%, better in
 * each; on the four the bounds were chosen on (80000 20000 30000 5000, sum of CER %) 23.8 ->
 * 21.0, on the other six 39.4 -> 35.6.  bench/probe: 4.6% either way.  Any pixel darker by 10
 * refused gave 20.5 on the four but lost probe_17's Light line (4.6% -> 4.8%); darker by 50,
 * 35, 20 or 0 refused: 22.7, 23.3, 21.5, 20.7.  Cutting the ink's mask round such lines as well
 * (their soft edges leave dashes near the ink's colour) cut the strokes they cross (900 5000
 * 70000: 12.1 -> 18.2, 15.1 in JPEG only); filling the crossing across the black line (a
 * closing of 7 or 11 restricted to it) did not help (12.4, 13.9).
 */
#define GROW 4
#define THIN_DARKER 10
#define THIN_BLACK 25

/* Whether a pixel within 2 of (x, y) has a luma under `below`. */
static bool
black_near(const l_uint32 *data, l_int32 wpl, l_int32 w, l_int32 h, l_int32 x, l_int32 y,
    int below)
{
	for (l_int32 j = y - 2 < 0 ? 0 : y - 2; j <= y + 2 && j < h; j++) {
		const l_uint32 *line = data + (size_t)j * (size_t)wpl;

		for (l_int32 i = x - 2 < 0 ? 0 : x - 2; i <= x + 2 && i < w; i++)
			if (luma(RED(line[i]), GREEN(line[i]), BLUE(line[i])) < below)
				return true;
	}
	return false;
}

static void
thin_strokes(PIX *rgb, PIX *bg, int sh, const struct inkinfo *ink, int k, PIX *str, PIX *mask)
{
	l_int32 w = pixGetWidth(rgb), h = pixGetHeight(rgb), wpl = pixGetWpl(rgb);
	l_int32 bw = pixGetWidth(bg), bh = pixGetHeight(bg), bwpl = pixGetWpl(bg);
	l_int32 swpl = pixGetWpl(str), mwpl = pixGetWpl(mask), nwpl;
	l_uint32 *data = pixGetData(rgb), *bgd = pixGetData(bg), *sd = pixGetData(str);
	l_uint32 *md = pixGetData(mask), *nd;
	uint32_t c = ink->rgb[k];
	int yi = luma((l_int32)(c >> 16 & 255), (l_int32)(c >> 8 & 255), (l_int32)(c & 255));

	/* not the pixel next to a stroke found by its colour: JPEG greys the edges of thick
	 * strokes too, and taking them thickened handwriting (hand_02: 입 read as 잉) */
	PIX *edge = pixDilateBrick(NULL, mask, 3, 3);

	for (int round = 0; round < 2; round++) {
		PIX *near = pixDilateBrick(NULL, mask, 2 * GROW + 1, 2 * GROW + 1);

		if (near == NULL || edge == NULL) {
			pixDestroy(&near);
			break;
		}
		pixSubtract(near, near, edge);
		nd = pixGetData(near);
		nwpl = pixGetWpl(near);
		for (l_int32 y = 0; y < h; y++) {
			l_uint32 *line = data + (size_t)y * (size_t)wpl, *nl = nd + (size_t)y * (size_t)nwpl;
			l_uint32 *sl = sd + (size_t)y * (size_t)swpl, *ml = md + (size_t)y * (size_t)mwpl;
			l_uint32 *bl = bgd + (size_t)((y >> sh) < bh ? y >> sh : bh - 1) * (size_t)bwpl;

			for (l_int32 x = 0; x < w; x++) {
				l_int32 r, g, b;
				l_uint32 gp;
				int yp, yb, hu, ch, mx, v;

				if (!GET_DATA_BIT(nl, x) || GET_DATA_BYTE(sl, x) != 0)
					continue;
				r = RED(line[x]), g = GREEN(line[x]), b = BLUE(line[x]);
				yp = luma(r, g, b);
				gp = bl[(x >> sh) < bw ? x >> sh : bw - 1];
				yb = luma(RED(gp), GREEN(gp), BLUE(gp));
				if (yb - yi < 80 || yp > yi + 40 || yb - yp < 60)
					continue;
				if (yp < yi - THIN_DARKER && (yp < yi - THIN_BLACK ||
				    black_near(data, wpl, w, h, x, y, yi - THIN_BLACK)))
					continue;
				hsv(r, g, b, &hu, &ch, &mx);
				if (ch >= 40 && hue_dist(hu, ink->hue[k]) > 40)
					continue; /* another colour: a drawing's, not the ink's */
				v = 255 * (yb - yp) / (yb - yi);
				if (v < 60)
					continue;
				SET_DATA_BYTE(sl, x, v > 255 ? 255 : v);
				SET_DATA_BIT(ml, x);
			}
		}
		pixDestroy(&near);
	}
	pixDestroy(&edge);
}

/*
 * The thin strokes of an ink that its colour misses.  A serif face's horizontals are a pixel
 * or two wide: anti-aliased, each pixel of them is a blend of the ink and the ground, at a
 * colour distance from the ink past INK_FAR (#c43124 writing on #fdfbf5: (229, 166, 157) for a
 * pixel 40% covered), so they got little strength or none, Tesseract's threshold dropped them
 * and characters read without their horizontals (三 without strokes).
 *
 * From each pixel of the ink of FAINT_STRONG or more, a pixel within FAINT_DEPTH steps of it
 * (8-connected, through pixels taken this way) is taken as a stroke when it lies on the
 * segment from the ink's colour (inkinfo.core) to the ground's, covered by the ink at least
 * FAINT_MIN %, and is thin: across it, up and down or left and right, the ground comes back
 * within FAINT_THIN pixels on both sides, one colour on both (FAINT_SIDES), and it is no gap
 * between two inkier pixels (the space between two strokes).  The edges of a thick stroke,
 * a fill's or a drawing's, have the ink, not the ground, on one side, and a stroke whose
 * colour found it has a pixel of the ink's full colour across it (FAINT_FULL): taking its
 * blended edges thickened the letters of sans faces (tests/data/image/frames/sketch_01: six
 * times as much of the engine's image changed).  The ground on each side is the colour
 * farthest from the ink within FAINT_THIN; a blend lies between the ink and it channel by
 * channel (FAINT_SLACK: same_02's grey line across red writing on cream is near the segment
 * but far darker in red) and off the segment by at most FAINT_OFF of its length.  A growth
 * that takes FAINT_RUN pixels or fewer is undone: the blended edge of a curve or a slant, not
 * a stroke (the lines of tests/data/image/frames read otherwise than before 44 -> 23 of 146).
 * Taken pixels get FAINT_MARK, under FAINT_STRONG: they are not looked at again and start no
 * growth of their own.
 *
 * make_hold.py's ten sets (bench/probe/hold.sh 70000 80000 900 5000 9000 20000 30000 40000
 * 90000 100000): mean character error 4.57% -> 4.20%, no set worse by more than 0.2; the
 * lines in Noto Serif CJK SC Bold 13.9% -> 9.4% (best edit distance of each line against any
 * line read), the other faces within 0.3 but NanumSquare_ac-Regular's thin strokes, 4.8% ->
 * 4.0%.  Growing every ink kept, from strength 160: 4.40% (90000 6.4 -> 6.9, 100000 7.4 ->
 * 8.0); the ink that writes most from 160, 4.34%; every ink from 120, 4.30% (900 2.4 -> 2.8, a
 * blend ink's growth read as a line).  Coverage from 25% (FAINT_MIN) read the serif lines
 * better still but thickened the ids and Latin words of the repository's JPEGs (S033 read
 * 3S033, BG read 6ㅇ).
 */
#define FAINT_STRONG 120
#define FAINT_MARK (FAINT_STRONG - 1)
#define FAINT_DEPTH 8
/* every pixel within FAINT_DEPTH steps: the queue of one growth never fills */
#define FAINT_QUEUE ((2 * FAINT_DEPTH + 1) * (2 * FAINT_DEPTH + 1))
#define FAINT_RUN 4
#define FAINT_THIN 3
#define FAINT_SIDES 80
#define FAINT_MIN 35
#define FAINT_FULL 15
#define FAINT_SLACK 24
#define FAINT_OFF 0.25

struct faint_at {
	l_int32 x, y;
	int depth;
	int was;      /* its strength before */
	bool in_mask; /* its mask bit before */
};

/* Whether a channel w of a colour is between 0 and u, give or take FAINT_SLACK: a grey line
 * crossing red writing on a cream ground is off the segment between them by little (it is
 * as far from the ink as a blend) but much darker in red than either. */
static inline bool
between(double w, double u)
{
	return u >= 0 ? w >= -FAINT_SLACK && w <= u + FAINT_SLACK :
	    w <= FAINT_SLACK && w >= u - FAINT_SLACK;
}

/* Where colour p lies on the segment from colour a (0) to colour b (100), in %, or -1 when it
 * is too far off the segment for a blend of the two. */
static int
blend_at(l_uint32 p, uint32_t a, l_uint32 b)
{
	double ur = (double)RED(b) - (double)(a >> 16 & 255);
	double ug = (double)GREEN(b) - (double)(a >> 8 & 255);
	double ub = (double)BLUE(b) - (double)(a & 255);
	double wr = (double)RED(p) - (double)(a >> 16 & 255);
	double wg = (double)GREEN(p) - (double)(a >> 8 & 255);
	double wb = (double)BLUE(p) - (double)(a & 255);
	double uu = ur * ur + ug * ug + ub * ub, wu = wr * ur + wg * ug + wb * ub, t, off2;

	if (uu < 1 || !between(wr, ur) || !between(wg, ug) || !between(wb, ub))
		return -1;
	t = wu / uu;
	off2 = wr * wr + wg * wg + wb * wb - wu * t;
	if (off2 > FAINT_OFF * FAINT_OFF * uu)
		return -1;
	return t < 0 ? 0 : t > 1 ? 100 : (int)(100 * t + 0.5);
}

/* The farthest colour from the ink among the FAINT_THIN pixels from (x, y) in step (dx, dy),
 * or 0 with *ok false when they leave the image. */
static l_uint32
ground_side(const l_uint32 *data, l_int32 wpl, l_int32 w, l_int32 h, l_int32 x, l_int32 y,
    int dx, int dy, uint32_t core, bool *ok)
{
	l_uint32 g = 0;
	long far = -1;

	*ok = x + FAINT_THIN * dx >= 0 && x + FAINT_THIN * dx < w && y + FAINT_THIN * dy >= 0 &&
	    y + FAINT_THIN * dy < h;
	for (int i = 1; *ok && i <= FAINT_THIN; i++) {
		l_uint32 p = data[(size_t)(y + i * dy) * (size_t)wpl + (size_t)(x + i * dx)];
		long d2 = ink_dist2(RED(p), GREEN(p), BLUE(p), core);

		if (d2 > far) {
			far = d2;
			g = p;
		}
	}
	return g;
}

/* Whether a pixel within FAINT_THIN of (x, y) in step (dx, dy) or back is of the ink's full
 * colour (within FAINT_FULL % of it on the segment to the ground g): a stroke whose colour
 * found it, whose blended edge is no stroke of its own. */
static bool
full_near(const l_uint32 *data, l_int32 wpl, l_int32 x, l_int32 y, int dx, int dy,
    uint32_t core, l_uint32 g)
{
	for (int i = -FAINT_THIN; i <= FAINT_THIN; i++) {
		int at;

		if (i == 0)
			continue;
		at = blend_at(data[(size_t)(y + i * dy) * (size_t)wpl + (size_t)(x + i * dx)], core,
		    g);
		if (at >= 0 && at <= FAINT_FULL)
			return true;
	}
	return false;
}

/* Whether (x, y) is a pixel of a thin stroke of the ink (faint_strokes). */
static bool
faint_pixel(const l_uint32 *data, l_int32 wpl, l_int32 w, l_int32 h, l_int32 x, l_int32 y,
    uint32_t core)
{
	l_uint32 p = data[(size_t)y * (size_t)wpl + (size_t)x];

	for (int dir = 0; dir < 2; dir++) {
		int dx = dir, dy = 1 - dir, at, before, after;
		bool ok1, ok2;
		l_uint32 g1 = ground_side(data, wpl, w, h, x, y, -dx, -dy, core, &ok1), g2, g;

		/* the inside of a thick stroke on one side: the other need not be looked at */
		if (!ok1 || ink_dist2(RED(g1), GREEN(g1), BLUE(g1), core) < (long)INK_FAR * INK_FAR)
			continue;
		g2 = ground_side(data, wpl, w, h, x, y, dx, dy, core, &ok2);
		if (!ok2 ||
		    ink_dist2(RED(g2), GREEN(g2), BLUE(g2), core) < (long)INK_FAR * INK_FAR ||
		    ink_dist2(RED(g1), GREEN(g1), BLUE(g1), g2 >> 8) >=
		    (long)FAINT_SIDES * FAINT_SIDES)
			continue;
		/* the mean of the two sides, as 0xRRGGBB00 */
		g = (l_uint32)((RED(g1) + RED(g2)) / 2) << L_RED_SHIFT |
		    (l_uint32)((GREEN(g1) + GREEN(g2)) / 2) << L_GREEN_SHIFT |
		    (l_uint32)((BLUE(g1) + BLUE(g2)) / 2) << L_BLUE_SHIFT;
		at = blend_at(p, core, g);
		if (at < 0 || at > 100 - FAINT_MIN)
			continue;
		before = blend_at(data[(size_t)(y - dy) * (size_t)wpl + (size_t)(x - dx)], core, g);
		after = blend_at(data[(size_t)(y + dy) * (size_t)wpl + (size_t)(x + dx)], core, g);
		/* nearer the ground than both neighbours: the gap between two strokes */
		if (before >= 0 && after >= 0 && at > before && at > after)
			continue;
		if (full_near(data, wpl, x, y, dx, dy, core, g))
			continue;
		return true;
	}
	return false;
}

static void
faint_strokes(PIX *rgb, const struct inkinfo *ink, int k, PIX *str, PIX *mask)
{
	static const int nx[8] = { -1, 0, 1, -1, 1, -1, 0, 1 };
	static const int ny[8] = { -1, -1, -1, 0, 0, 1, 1, 1 };
	l_int32 w = pixGetWidth(rgb), h = pixGetHeight(rgb), wpl = pixGetWpl(rgb);
	l_int32 swpl = pixGetWpl(str), mwpl = pixGetWpl(mask);
	l_uint32 *data = pixGetData(rgb), *sd = pixGetData(str), *md = pixGetData(mask), *nd;
	struct faint_at q[FAINT_QUEUE];
	/* the pixels found to be no stroke: faint_pixel looks at the picture alone, and the
	 * blended edge of a thick stroke neighbours several of its pixels.  Without it (out of
	 * memory) they are looked at again, to the same end. */
	PIX *no = pixCreate(w, h, 1);
	l_int32 nwpl = no ? pixGetWpl(no) : 0;
	l_uint32 *nod = no ? pixGetData(no) : NULL;

	for (l_int32 y = 0; y < h; y++) {
		l_uint32 *sl = sd + (size_t)y * (size_t)swpl;

		for (l_int32 x = 0; x < w; x++) {
			size_t head = 0, tail = 0;

			if (sl[x >> 2] == 0) {
				x |= 3; /* 4 pixels without ink */
				continue;
			}
			if (GET_DATA_BYTE(sl, x) < FAINT_STRONG)
				continue;
			q[tail++] = (struct faint_at){ x, y, 0, 0, true };
			while (head < tail) {
				struct faint_at a = q[head++];

				if (a.depth >= FAINT_DEPTH)
					continue;

				for (int i = 0; i < 8; i++) {
					l_int32 px = a.x + nx[i], py = a.y + ny[i];
					l_uint32 *pl;
					int v;

					if (px < 0 || py < 0 || px >= w || py >= h)
						continue;
					pl = sd + (size_t)py * (size_t)swpl;
					v = GET_DATA_BYTE(pl, px);
					nd = nod ? nod + (size_t)py * (size_t)nwpl : NULL;
					if (v >= FAINT_MARK || (nd && GET_DATA_BIT(nd, px)))
						continue;
					if (!faint_pixel(data, wpl, w, h, px, py, ink->core[k])) {
						if (nd)
							SET_DATA_BIT(nd, px);
						continue;
					}
					if (tail == FAINT_QUEUE)
						break;
					q[tail++] = (struct faint_at){ px, py, a.depth + 1, v,
					    GET_DATA_BIT(md + (size_t)py * (size_t)mwpl, px) != 0 };
					SET_DATA_BYTE(pl, px, FAINT_MARK);
					SET_DATA_BIT(md + (size_t)py * (size_t)mwpl, px);
				}
			}
			/* a few pixels are the blended edge of a curve or a slant, not a stroke */
			for (size_t i = 1; tail <= FAINT_RUN && i < tail; i++) {
				l_uint32 *ml = md + (size_t)q[i].y * (size_t)mwpl;

				SET_DATA_BYTE(sd + (size_t)q[i].y * (size_t)swpl, q[i].x, q[i].was);
				if (!q[i].in_mask)
					CLEAR_DATA_BIT(ml, q[i].x);
			}
		}
	}
	pixDestroy(&no);
}

PIX *
bx_ocr_engine_image(PIX *str, PIX *mask)
{
	PIX *near = pixDilateBrick(NULL, mask, 5, 5), *gray = pixInvert(NULL, str), *outside;

	outside = gray && near ? pixInvert(NULL, near) : NULL;
	if (outside)
		pixSetMasked(gray, outside, 255);
	pixDestroy(&outside);
	pixDestroy(&near);
	return gray;
}

/* The strokes of an ink: strength thresholded, fills (what survives an opening with a square
 * thicker than a pen stroke) and specks removed. */
static PIX *
ink_mask(PIX *str, int sc)
{
	PIX *mask = pixThresholdToBinary(str, 60), *open, *fill, *clean;

	if (mask == NULL)
		return NULL;
	pixInvert(mask, mask); /* the threshold marks what is below */
	open = pixOpenBrick(NULL, mask, 13 / sc | 1, 13 / sc | 1);
	fill = open ? pixDilateBrick(NULL, open, 5 / sc | 1, 5 / sc | 1) : NULL;
	if (fill)
		pixSubtract(mask, mask, fill);
	pixDestroy(&open);
	pixDestroy(&fill);
	clean = pixSelectBySize(mask, 3 / sc, 3 / sc, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, NULL);
	if (clean) {
		pixDestroy(&mask);
		mask = clean;
	}
	return mask;
}

/* How much a mask looks like writing: the character-sized pieces that have a neighbour of
 * about their height beside them on the same line, weighted by the share of the ink in such
 * pieces.  The outlines of a drawing are long pieces holding most of their ink, or thin
 * fragments; grain is specks; letters come in rows. */
static int
text_score(PIX *mask, int sc)
{
	PIXA *pa = NULL;
	BOXA *b = pixConnComp(mask, &pa, 8);
	int n = b ? boxaGetCount(b) : 0, k = 0, rows = 0;
	long inchar = 0, all = 0;
	int (*v)[5];

	if (n == 0 || n > 4000) {
		boxaDestroy(&b);
		pixaDestroy(&pa);
		return 0;
	}
	v = malloc(sizeof(*v) * (size_t)n);
	if (v == NULL) {
		boxaDestroy(&b);
		pixaDestroy(&pa);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		l_int32 x, y, w, h, cnt = 0;
		PIX *c = pixaGetPix(pa, i, L_CLONE);

		if (c)
			pixCountPixels(c, &cnt, NULL);
		pixDestroy(&c);
		all += cnt;
		boxaGetBoxGeometry(b, i, &x, &y, &w, &h);
		if (h < 8 / sc || h > 150 / sc || w > 150 / sc || (w < 4 / sc && h < 20 / sc) ||
		    (h < 4 / sc && w < 20 / sc))
			continue;
		v[k][0] = x, v[k][1] = y, v[k][2] = w, v[k][3] = h, v[k][4] = cnt;
		k++;
	}
	for (int i = 0; i < k; i++)
		for (int j = 0; j < k; j++) {
			int top, bot, minh, maxh, gap;

			if (i == j)
				continue;
			top = v[i][1] > v[j][1] ? v[i][1] : v[j][1];
			bot = v[i][1] + v[i][3] < v[j][1] + v[j][3] ? v[i][1] + v[i][3] : v[j][1] + v[j][3];
			minh = v[i][3] < v[j][3] ? v[i][3] : v[j][3];
			maxh = v[i][3] > v[j][3] ? v[i][3] : v[j][3];
			gap = v[i][0] < v[j][0] ? v[j][0] - (v[i][0] + v[i][2]) : v[i][0] - (v[j][0] + v[j][2]);
			if (bot - top >= minh / 2 && minh * 2 >= maxh && gap <= maxh) {
				rows++;
				inchar += v[i][4];
				break;
			}
		}
	free(v);
	boxaDestroy(&b);
	pixaDestroy(&pa);
	return all ? (int)(rows * inchar / all) : 0;
}

/* ---- lines ------------------------------------------------------------------------------- */

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Height of text from the ink's connected components (75th percentile, as ocr.md found). */
int
bx_ocr_text_height(PIX *mask)
{
	BOXA *b = pixConnComp(mask, NULL, 8);
	int n = b ? boxaGetCount(b) : 0, k = 0, est = 0;
	int *hs;

	if (n == 0) {
		boxaDestroy(&b);
		return 0;
	}
	hs = malloc(sizeof(int) * (size_t)n);
	if (hs) {
		for (int i = 0; i < n; i++) {
			l_int32 x, y, w, h;

			boxaGetBoxGeometry(b, i, &x, &y, &w, &h);
			if (h >= 6 && w >= 2)
				hs[k++] = h;
		}
		if (k) {
			qsort(hs, (size_t)k, sizeof(int), cmp_int);
			est = hs[k * 3 / 4];
		}
		free(hs);
	}
	boxaDestroy(&b);
	return est;
}


static int
cmp_box(const void *a, const void *b)
{
	const struct lbox *p = a, *q = b;

	/* reading order: top to bottom, boxes on one line left to right */
	if (abs(p->y - q->y) > (p->h < q->h ? p->h : q->h) / 2)
		return p->y < q->y ? -1 : 1;
	return p->x - q->x;
}

/*
 * The part of a mask round its ink: the box of its pixels grown by mx and my on each side (within
 * the mask), as a copy, and where it lies (*x, *y); NULL when the mask is empty (or no memory is
 * left for the copy).  The morphology of the ink finder costs one raster operation of the
 * whole mask per pixel of its structuring element, and an ink's pixels take a small part of
 * most frames (the notes and a few lines of the drawing).  Over the whole mask, the openings
 * with a segment three characters long and the closing that joins a line's letters were a
 * tenth of the time of a frame with sparse notes (docs/BENCHMARKS.md, stop 25).  The result is
 * the same: outside the box every pixel is off, which is what leptonica's morphology takes the
 * outside of an image for too, and a closing reaches out of the box by half its element, which
 * the margin holds.
 */
static PIX *
ink_part(PIX *mask, int mx, int my, l_int32 *x, l_int32 *y)
{
	BOX *fg = NULL, *grown;
	PIX *part;
	l_int32 w, h;

	if (pixClipBoxToForeground(mask, NULL, NULL, &fg) != 0 || fg == NULL)
		return NULL;
	boxGetGeometry(fg, x, y, &w, &h);
	boxDestroy(&fg);
	w += *x - (*x > mx ? *x - mx : 0) + mx;
	h += *y - (*y > my ? *y - my : 0) + my;
	*x = *x > mx ? *x - mx : 0;
	*y = *y > my ? *y - my : 0;
	grown = boxCreate(*x, *y, w, h);
	part = grown ? pixClipRectangle(mask, grown, NULL) : NULL; /* clipped to the mask */
	boxDestroy(&grown);
	return part;
}

#define CHAR_EST 2 /* text heights a character is at most: est is half of one in handwriting */

int
bx_ocr_line_boxes(PIX *mask, int est, int W, int H, struct lbox **out)
{
	int hw = est * 3 / 2 | 1, vh = est / 3 | 1;
	l_int32 px = 0, py = 0;
	PIX *part = ink_part(mask, hw, vh, &px, &py);
	PIX *closed = part ? pixCloseSafeBrick(NULL, part, hw, vh) : NULL;
	BOXA *b = closed ? pixConnComp(closed, NULL, 8) : NULL;
	int n = b ? boxaGetCount(b) : 0, k = 0;
	struct lbox *v = n ? calloc((size_t)n, sizeof(*v)) : NULL;

	pixDestroy(&part);
	for (int i = 0; v && i < n; i++) {
		l_int32 x, y, w, h;

		boxaGetBoxGeometry(b, i, &x, &y, &w, &h);
		x += px;
		y += py;
		/* specks, a lone stroke; and a piece under half a character wide however tall: the
		 * edge of a fill, which the ink finder keeps where the colours meet (frame_03's pink
		 * card: a 116-pixel column that cost the vertical models' load, 0.3 s and 55 MB) */
		if (h < est / 2 || w < est / 2 || (w < est * 2 / 3 && h < est * 2))
			continue;
		v[k].x = x;
		v[k].y = y;
		v[k].w = w;
		v[k].h = h;
		v[k].vertical = h > 2 * w + est && w < est * 2;
		k++;
	}
	/* merge boxes of one line: vertical overlap over 60%, gap under 1.5 characters, a
	 * character being the text height of the mask or four fifths of the smaller box, whichever
	 * is more: in handwriting the pieces (and est) are a half of a character, and a line
	 * parted at its comma (了，请) was read as two, the second part as noise.  But not more
	 * than CHAR_EST text heights: two boxes taller than a line are a line and a drawing in the
	 * ink's colour beside it, or two drawings, and four fifths of their height is no
	 * character (make_hold.py SEED0 40000's hold_11: 他感觉到了责任重大。 with the wizard's
	 * hand at its end, 92 pixels from his face, est 29, were one box 762 pixels wide, read as
	 * 他感觉到了责任重大 、 “ ) at 0.50 and dropped for a line that took in the face's
	 * bottom).  make_hold.py's ten sets: sum of CER % 49.0 -> 47.8 (40000's, 80000's and
	 * 5000's hold_11 better; 5000's hold_25 reads a speck of the robe as a line of its own, no
	 * longer part of a block read as nothing, and 20000's and 100000's hold_11 gain a stray
	 * letter) */
	for (int again = 1; again;) {
		again = 0;
		for (int i = 0; i < k; i++)
			for (int j = i + 1; j < k; j++) {
				struct lbox *p = &v[i], *q = &v[j];
				int top = p->y > q->y ? p->y : q->y;
				int bot = p->y + p->h < q->y + q->h ? p->y + p->h : q->y + q->h;
				int minh = p->h < q->h ? p->h : q->h;
				int gap = p->x < q->x ? q->x - (p->x + p->w) : p->x - (q->x + q->w);
				int ch = minh * 4 / 5 > est ? minh * 4 / 5 : est;

				if (ch > CHAR_EST * est)
					ch = CHAR_EST * est;

				if (p->vertical || q->vertical || bot - top < minh * 6 / 10 || gap > ch * 3 / 2)
					continue;
				{
					int x0 = p->x < q->x ? p->x : q->x, y0 = p->y < q->y ? p->y : q->y;
					int x1 = p->x + p->w > q->x + q->w ? p->x + p->w : q->x + q->w;
					int y1 = p->y + p->h > q->y + q->h ? p->y + p->h : q->y + q->h;

					p->x = x0;
					p->y = y0;
					p->w = x1 - x0;
					p->h = y1 - y0;
					v[j] = v[--k];
					again = 1;
				}
			}
	}
	/* A column's thin characters (一 between 大 and 点, 一 at the end of 统一) stand between
	 * empty rows wider than the closing bridges, and were dropped as specks: the column takes
	 * the ink above and below it within its width while the next ink is less than a
	 * character (its width) away; boxes it then covers were its own pieces. */
	for (int i = 0; i < k; i++) {
		BOX *sb;
		PIX *strip;
		NUMA *rows;
		int nr, top, bot;
		l_float32 c;

		if (!v[i].vertical)
			continue;
		sb = boxCreate(v[i].x, 0, v[i].w, H);
		strip = sb ? pixClipRectangle(mask, sb, NULL) : NULL;
		rows = strip ? pixCountPixelsByRow(strip, NULL) : NULL;
		boxDestroy(&sb);
		pixDestroy(&strip);
		if (rows == NULL)
			continue;
		nr = numaGetCount(rows);
		top = v[i].y;
		bot = v[i].y + v[i].h; /* one past */
		for (bool grew = true; grew;) {
			grew = false;
			for (int y = bot; y < nr && y < bot + v[i].w; y++)
				if (numaGetFValue(rows, y, &c) == 0 && c > 0) {
					while (y < nr && numaGetFValue(rows, y, &c) == 0 && c > 0)
						y++;
					bot = y;
					grew = true;
					break;
				}
			for (int y = top - 1; y >= 0 && y >= top - v[i].w; y--)
				if (numaGetFValue(rows, y, &c) == 0 && c > 0) {
					while (y >= 0 && numaGetFValue(rows, y, &c) == 0 && c > 0)
						y--;
					top = y + 1;
					grew = true;
					break;
				}
		}
		numaDestroy(&rows);
		v[i].y = top;
		v[i].h = bot - top;
		for (int j = 0; j < k; j++) {
			int cx = v[j].x + v[j].w / 2, cy = v[j].y + v[j].h / 2;

			if (j != i && cx >= v[i].x && cx < v[i].x + v[i].w && cy >= v[i].y &&
			    cy < v[i].y + v[i].h && v[j].w <= v[i].w * 3 / 2) {
				v[j] = v[--k];
				if (i == k)
					i = j; /* the column itself moved into j's place */
				j--;
			}
		}
	}
	/* padding, clipped to the image */
	for (int i = 0; i < k; i++) {
		int pad = bx_ocr_pad(est);

		v[i].x = v[i].x - pad < 0 ? 0 : v[i].x - pad;
		v[i].y = v[i].y - pad < 0 ? 0 : v[i].y - pad;
		v[i].w = v[i].x + v[i].w + 2 * pad > W ? W - v[i].x : v[i].w + 2 * pad;
		v[i].h = v[i].y + v[i].h + 2 * pad > H ? H - v[i].y : v[i].h + 2 * pad;
	}
	if (k > 1) /* v is NULL for a mask without pieces, and qsort's array must not be */
		qsort(v, (size_t)k, sizeof(*v), cmp_box);
	boxaDestroy(&b);
	pixDestroy(&closed);
	*out = v;
	return k;
}

/* The first and last index of a projection whose count is over `above`; -1 when none is. */
static void
numa_extent(NUMA *na, l_float32 above, int *first, int *last)
{
	int n = numaGetCount(na);
	l_float32 v;

	*first = *last = -1;
	for (int i = 0; i < n; i++)
		if (numaGetFValue(na, i, &v) == 0 && v > above) {
			if (*first < 0)
				*first = i;
			*last = i;
		}
}

/*
 * The letters a straight stroke ran through, put back.  A box's side or an underline drawn at
 * a slight slant touches the letters of the line it passes (the top of a box crossing
 * 出版于1689年。: the stroke and six letters one shape, cleared whole, and the note read as
 * 这本书).  What is left of the shape without its strokes (slant, the stroke pixels of c,
 * both at x, y in the mask) goes back when three pieces of it or more are letter-sized and
 * stand in a row, as no drawing's remains do: a robe's folds fall into pieces of every size;
 * with them, the row's smaller pieces.
 */
#define ROW_LETTERS 2

static void
letters_back(PIX *mask, PIX *c, PIX *slant, int x, int y, int est)
{
	PIX *wide = pixDilateBrick(NULL, slant, 5, 5), *rest = NULL;
	PIXA *pa = NULL;
	BOXA *b = NULL;
	int n = 0, cy[64], k = 0, med, row = 0;

	if (wide)
		rest = pixSubtract(NULL, c, wide);
	if (rest)
		b = pixConnComp(rest, &pa, 8);
	n = b ? boxaGetCount(b) : 0;
	for (int i = 0; i < n && k < 64; i++) {
		l_int32 px, py, pw, ph;

		boxaGetBoxGeometry(b, i, &px, &py, &pw, &ph);
		if (ph >= est / 2 && ph <= est * 2 && pw <= est * 2 && pw >= est / 4)
			cy[k++] = py + ph / 2;
	}
	if (k >= ROW_LETTERS) {
		qsort(cy, (size_t)k, sizeof(cy[0]), cmp_int);
		med = cy[k / 2];
		for (int i = 0; i < k; i++)
			row += abs(cy[i] - med) <= est / 2;
	}
	for (int i = 0; row >= ROW_LETTERS && i < n; i++) {
		l_int32 px, py, pw, ph;
		PIX *p;

		boxaGetBoxGeometry(b, i, &px, &py, &pw, &ph);
		/* with the row's small pieces: a 1, a dot, a full stop */
		if (ph > est * 2 || pw > est * 2 || abs(py + ph / 2 - med) > est * 3 / 4)
			continue;
		p = pixaGetPix(pa, i, L_CLONE);
		if (p)
			pixRasterop(mask, x + px, y + py, pw, ph, PIX_SRC | PIX_DST, p, 0, 0);
		pixDestroy(&p);
	}
	boxaDestroy(&b);
	pixaDestroy(&pa);
	pixDestroy(&rest);
	pixDestroy(&wide);
}

static void
strip_strokes(PIX *mask, int est)
{
	PIX *slant = pixCreateTemplate(mask);
	BOXA *comps = NULL;
	PIXA *pa = NULL;
	int d = 3 + est / 10;

	/* A line drawn at a slant (a box round a note, an underline) has no row of pixels three
	 * characters long: over 81 pixels a stroke 3 pixels wide at 2 degrees climbs 2.8.  The
	 * mask thickened across the direction sought has them, up to about 5 degrees.  But the
	 * thickened opening also finds the long edges of a drawing in the ink's colour (a robe's
	 * folds): taken out, what was one shape four letters high, which the line finder passes
	 * over, becomes letter-sized pieces beside a note.  So a shape goes whole, and only when
	 * such strokes make most of it (60%: a box's four sides); only a shape three characters
	 * long can hold one. */
	for (int k = 0; slant && k < 2; k++) {
		PIX *thick = pixDilateBrick(NULL, mask, k ? d : 1, k ? 1 : d);
		PIX *sl = thick ? pixOpenBrick(NULL, thick, k ? 1 : est * 3, k ? est * 3 : 1) : NULL;

		if (sl)
			pixOr(slant, slant, sl);
		pixDestroy(&sl);
		pixDestroy(&thick);
	}
	if (slant) {
		pixAnd(slant, slant, mask);
		comps = pixConnComp(mask, &pa, 8);
	}
	for (int i = 0; comps && i < boxaGetCount(comps); i++) {
		l_int32 x, y, w, h, n = 0, on = 0;
		PIX *c, *both;

		boxaGetBoxGeometry(comps, i, &x, &y, &w, &h);
		if (w < est * 3 && h < est * 3)
			continue;
		c = pixaGetPix(pa, i, L_CLONE);
		both = c ? pixCreate(w, h, 1) : NULL;
		if (both) {
			pixRasterop(both, 0, 0, w, h, PIX_SRC, slant, x, y);
			pixAnd(both, both, c);
			pixCountPixels(c, &n, NULL);
			pixCountPixels(both, &on, NULL);
			if (on * 10 >= n * 6) { /* clear the shape's pixels from the mask */
				pixRasterop(mask, x, y, w, h, PIX_DST & PIX_NOT(PIX_SRC), c, 0, 0);
				letters_back(mask, c, both, x, y, est);
			}
		}
		pixDestroy(&both);
		pixDestroy(&c);
	}
	boxaDestroy(&comps);
	pixaDestroy(&pa);
	pixDestroy(&slant);
	/* no stroke of a letter runs three characters long */
	for (int k = 0; k < 2; k++) {
		PIX *line = pixOpenBrick(NULL, mask, k ? 1 : est * 3, k ? est * 3 : 1);

		if (line)
			pixSubtract(mask, mask, line);
		pixDestroy(&line);
	}
}

/* Inside the part of the mask round its ink (ink_part): an opening does not reach out of it. */
void
bx_ocr_strip_strokes(PIX *mask, int est)
{
	l_int32 x = 0, y = 0;
	PIX *part = ink_part(mask, 0, 0, &x, &y);

	if (part == NULL)
		return; /* no ink, or no memory for the copy: nothing is taken out */
	strip_strokes(part, est);
	pixRasterop(mask, x, y, pixGetWidth(part), pixGetHeight(part), PIX_SRC, part, 0, 0);
	pixDestroy(&part);
}

/* Whether a box of the mask holds ink enough for a letter in letter-sized pieces: most boxes
 * the line finder gives on a drawing in the ink's colour are specks the closing gathered (32 to
 * 170 pixels in 2 to 32 pieces on the test frames) or one drawn shape (a circle round a detail,
 * 4,000 pixels in one piece four letters high); a letter of height est has at least est^2 / 8
 * pixels of strokes (a small 点 in a 27-pixel hand: 229), in pieces no taller than two letters.
 * Each such box cost one or two LSTM readings that gave nothing, 1.2 s of the 2.6 s read on the
 * 19 test frames. */
bool
bx_ocr_box_has_letters(PIX *mask, const struct lbox *b, int est)
{
	BOX *bb = boxCreate(b->x, b->y, b->w, b->h);
	PIX *clip = bb ? pixClipRectangle(mask, bb, NULL) : NULL;
	PIXA *pa = NULL;
	BOXA *comps = clip ? pixConnComp(clip, &pa, 8) : NULL;
	long need = (long)est * est / 8, letter = 0;
	int n = comps ? boxaGetCount(comps) : 0;
	bool ok = clip == NULL; /* a box that could not be looked at is read */

	boxDestroy(&bb);
	for (int i = 0; i < n && letter < need; i++) {
		l_int32 x, y, w, h, cnt = 0;
		PIX *c;

		boxaGetBoxGeometry(comps, i, &x, &y, &w, &h);
		if (h > 2 * est || w > 3 * est)
			continue; /* a drawn shape, an arrow */
		c = pixaGetPix(pa, i, L_CLONE);
		if (c)
			pixCountPixels(c, &cnt, NULL);
		pixDestroy(&c);
		letter += cnt;
	}
	boxaDestroy(&comps);
	pixaDestroy(&pa);
	pixDestroy(&clip);
	return ok || letter >= need;
}

/* A line being followed across a box by bx_ocr_split_lines(): the least squares of its pieces'
 * centres, and its extent in the box. */
struct track {
	double sx, sy, sxx, sxy, last_y;
	int n, x0, y0, x1, y1;
};

/* Where line t runs at x: its fitted line once its pieces span two text heights (a slant of up
 * to one in ten, 6 degrees), before that the centre of its last piece. */
static double
track_y(const struct track *t, double x, int est)
{
	double d = t->n * t->sxx - t->sx * t->sx, slope;

	if (t->n < 2 || t->x1 - t->x0 < 2 * est || d <= 0)
		return t->last_y;
	slope = (t->n * t->sxy - t->sx * t->sy) / d;
	slope = slope > 0.1 ? 0.1 : slope < -0.1 ? -0.1 : slope;
	return t->sy / t->n + slope * (x - t->sx / t->n);
}

static void
track_add(struct track *t, int x, int y, int w, int h)
{
	double cx = x + w / 2.0, cy = y + h / 2.0;

	if (t->n == 0 || x < t->x0)
		t->x0 = x;
	if (t->n == 0 || y < t->y0)
		t->y0 = y;
	if (t->n == 0 || x + w > t->x1)
		t->x1 = x + w;
	if (t->n == 0 || y + h > t->y1)
		t->y1 = y + h;
	t->sx += cx;
	t->sy += cy;
	t->sxx += cx * cx;
	t->sxy += cx * cy;
	t->last_y = cy;
	t->n++;
}

static int
cmp_piece_x(const void *a, const void *b)
{
	const int *p = a, *q = b;

	return p[1] != q[1] ? (p[1] > q[1]) - (p[1] < q[1]) : p[0] - q[0];
}

/* Whether a piece is letter-sized: the pieces that say where a line runs. */
static bool
letter_piece(int w, int h, int est)
{
	return h >= est / 2 && h <= 2 * est && w <= 3 * est;
}

/*
 * Whether one straight line, at any slant, explains the letter pieces of a box: the root mean
 * square of their centres' distances from the line fitted to them all is under 0.55 text
 * heights.  One line at a slant measures 0.21 to 0.40 (hand_02, photo_02, a Korean line rising
 * 2.5 degrees whose jamo the tracking took for two lines), two lines 0.73 to 0.75 (slant_01).
 */
static bool
one_line(BOXA *comps, int est)
{
	struct track all;
	double ss = 0;
	int n = boxaGetCount(comps), nl = 0;

	memset(&all, 0, sizeof(all));
	for (int i = 0; i < n; i++) {
		l_int32 x, y, w, h;

		boxaGetBoxGeometry(comps, i, &x, &y, &w, &h);
		if (letter_piece(w, h, est))
			track_add(&all, x, y, w, h);
	}
	for (int i = 0; i < n; i++) {
		l_int32 x, y, w, h;
		double d;

		boxaGetBoxGeometry(comps, i, &x, &y, &w, &h);
		if (!letter_piece(w, h, est))
			continue;
		d = y + h / 2.0 - track_y(&all, x + w / 2.0, est);
		ss += d * d;
		nl++;
	}
	return nl == 0 || ss / nl < 0.55 * 0.55 * est * est;
}

/* Whether piece p sits on or under piece q, as a letter's parts are stacked: across at least
 * half the narrower one's width, with no more than a third of a text height between them. */
static bool
stacked(BOXA *comps, int p, int q, int est)
{
	l_int32 px, py, pw, ph, qx, qy, qw, qh;
	int over, gap;

	boxaGetBoxGeometry(comps, p, &px, &py, &pw, &ph);
	boxaGetBoxGeometry(comps, q, &qx, &qy, &qw, &qh);
	over = (px + pw < qx + qw ? px + pw : qx + qw) - (px > qx ? px : qx);
	if (over * 2 < (pw < qw ? pw : qw))
		return false;
	if (2 * py + ph == 2 * qy + qh)
		return false; /* side by side */
	gap = 2 * py + ph > 2 * qy + qh ? py - (qy + qh) : qy - (py + ph);
	return gap <= est / 3;
}

/* Whether the centre of piece p is within the rows of line a's pieces near it (those across
 * p's columns or within a text height of them, no taller than three text heights).  A lower jamo
 * is beside its syllable's full-height vowel (리's ㅣ); a letter of another line, even one
 * touching this line's letters, is below or above them all (make_hold.py 100000's hold_07: a
 * Korean line in a pen face starting under the end of a slanting Chinese line, which without
 * this test joined it and the two read as nothing). */
static bool
within(BOXA *comps, int n, const int *line, int a, int p, int est)
{
	l_int32 px, py, pw, ph;
	int top = INT_MAX, bot = -1, c;

	boxaGetBoxGeometry(comps, p, &px, &py, &pw, &ph);
	c = 2 * py + ph;
	for (int q = 0; q < n; q++) {
		l_int32 x, y, w, h;

		if (line[q] != a)
			continue;
		boxaGetBoxGeometry(comps, q, &x, &y, &w, &h);
		if (h > 3 * est || x > px + pw + est || x + w < px - est)
			continue;
		top = y < top ? y : top;
		bot = y + h > bot ? y + h : bot;
	}
	return bot >= 0 && 2 * top <= c && c <= 2 * bot;
}

#define JOIN_PIECES_MAX 1000 /* pieces of a band join_parts() looks at: n^2 pairs */

/*
 * Tracks that are parts of another line's letters join it: a track two thirds of whose letter
 * pieces sit on or under pieces of a track with as many letter pieces or more, within that
 * track's rows (within).  A Korean syllable stacks its jamo (는 is ㄴ over ㅡ over ㄴ, 우 is ㅇ
 * over ㅜ), and where the syllables are much taller than est, which is measured on the whole
 * page (make_hold.py 100000's hold_15: 40- to 55-pixel syllables, est 24, the specks of a blue
 * robe in the ink), the lower jamo sit more than 0.7 est off the line's course and start a track
 * of their own, which the specks beside it make long enough to keep; read_pieces() then took
 * them out of the line's image (우리는 당신이 필요해요. read ㅇ리느 다시이때하태은).  Two lines
 * of a note touch at a few letters at most (slant_01's ends), not along their length.
 */
static void
join_parts(BOXA *comps, int n, int *line, struct track *t, int nt, int est)
{
	for (bool joined = true; joined;) {
		int on[2 * SPLIT_MAX][2 * SPLIT_MAX];

		joined = false;
		memset(on, 0, sizeof(on));
		for (int p = 0; p < n; p++) {
			l_int32 x, y, w, h;
			unsigned seen = 0;

			boxaGetBoxGeometry(comps, p, &x, &y, &w, &h);
			if (line[p] < 0 || !letter_piece(w, h, est))
				continue;
			for (int q = 0; q < n; q++) {
				int a = line[q];

				if (a < 0 || a == line[p] || (seen & 1u << a) || !stacked(comps, p, q, est) ||
				    !within(comps, n, line, a, p, est))
					continue;
				seen |= 1u << a;
				on[line[p]][a]++;
			}
		}
		for (int b = 0; b < nt && !joined; b++)
			for (int a = 0; a < nt && !joined; a++) {
				struct track *ta = &t[a], *tb = &t[b];

				if (a == b || tb->n == 0 || tb->n > ta->n || on[b][a] * 3 < tb->n * 2)
					continue;
				ta->sx += tb->sx;
				ta->sy += tb->sy;
				ta->sxx += tb->sxx;
				ta->sxy += tb->sxy;
				ta->n += tb->n;
				ta->x0 = tb->x0 < ta->x0 ? tb->x0 : ta->x0;
				ta->y0 = tb->y0 < ta->y0 ? tb->y0 : ta->y0;
				ta->x1 = tb->x1 > ta->x1 ? tb->x1 : ta->x1;
				ta->y1 = tb->y1 > ta->y1 ? tb->y1 : ta->y1;
				memset(tb, 0, sizeof(*tb));
				for (int i = 0; i < n; i++)
					if (line[i] == b)
						line[i] = a;
				joined = true;
			}
	}
}

/*
 * The pieces are followed left to right: a letter-sized piece joins the line whose course at its
 * centre is nearest, within 0.7 text heights (the jamo of one syllable, 를's ㄹ ㅡ ㄹ, sit up to
 * half a text height off its line; the next line is a line's height and more away), or starts a
 * line.  Then the other pieces (dots, commas, a stroke of 一, two letters of two lines that touch)
 * join the nearest line whose extent they are in.  A line needs two letter pieces; a box whose
 * pieces make fewer than two lines, or that one straight line explains (one_line), is not split.
 */
int
bx_ocr_split_lines(PIX *mask, const struct lbox *b, int est, struct lbox *out, PIX **masks)
{
	BOX *bb = boxCreate(b->x, b->y, b->w, b->h), *cb = NULL;
	PIX *clip = bb ? pixClipRectangle(mask, bb, &cb) : NULL;
	PIXA *pa = NULL;
	BOXA *comps = clip ? pixConnComp(clip, &pa, 8) : NULL;
	int n = comps ? boxaGetCount(comps) : 0, nt = 0, k = 0;
	l_int32 ox = 0, oy = 0; /* the clip's place: the box within the image */
	int (*order)[2] = n ? malloc(sizeof(*order) * (size_t)n) : NULL;
	int *line = n ? malloc(sizeof(*line) * (size_t)n) : NULL;
	struct track t[2 * SPLIT_MAX];
	int keep[2 * SPLIT_MAX];

	boxDestroy(&bb);
	if (cb)
		boxGetGeometry(cb, &ox, &oy, NULL, NULL);
	boxDestroy(&cb);
	memset(t, 0, sizeof(t));
	if (order == NULL || line == NULL || est <= 0 || one_line(comps, est))
		goto out;
	for (int i = 0; i < n; i++) {
		l_int32 x, y, w, h;

		boxaGetBoxGeometry(comps, i, &x, &y, &w, &h);
		order[i][0] = i;
		order[i][1] = x + w / 2;
		line[i] = -1;
	}
	qsort(order, (size_t)n, sizeof(*order), cmp_piece_x);
	for (int pass = 0; pass < 2; pass++)
		for (int o = 0; o < n; o++) {
			int i = order[o][0], best = -1;
			l_int32 x, y, w, h;
			double bd = 0.7 * est;
			bool letter;

			boxaGetBoxGeometry(comps, i, &x, &y, &w, &h);
			letter = letter_piece(w, h, est);
			if (letter != (pass == 0) || (pass == 1 && w > 3 * est))
				continue; /* an arrow or an underline is no line's */
			for (int j = 0; j < nt; j++) {
				double d = fabs(y + h / 2.0 - track_y(&t[j], x + w / 2.0, est));

				if (pass == 1 && (x + w < t[j].x0 - est || x > t[j].x1 + est))
					continue;
				if (x > t[j].x1 + 3 * est)
					continue; /* past the line's end: a word space is narrower */
				if (pass == 1)
					d /= 2; /* a piece of two touching lines: the nearer */
				if (d < bd) {
					bd = d;
					best = j;
				}
			}
			if (best < 0 && pass == 0) {
				if (nt == 2 * SPLIT_MAX)
					goto out; /* more lines than a note has: not a slant */
				best = nt++;
			}
			if (best >= 0) {
				if (pass == 0)
					track_add(&t[best], x, y, w, h);
				line[i] = best;
			}
		}
	/* the joining compares pieces pairwise: a band of more pieces is texture, not letters */
	if (n <= JOIN_PIECES_MAX)
		join_parts(comps, n, line, t, nt, est);
	for (int j = 0; j < nt; j++)
		if (t[j].n >= 2 && t[j].x1 - t[j].x0 >= est && k < SPLIT_MAX)
			keep[k++] = j;
	if (k < 2) {
		k = 0;
		goto out;
	}
	/* top line first */
	for (int a = 1; a < k; a++)
		for (int c = a; c > 0 && t[keep[c]].y0 < t[keep[c - 1]].y0; c--) {
			int sw = keep[c];

			keep[c] = keep[c - 1];
			keep[c - 1] = sw;
		}
	for (int q = 0; q < k; q++) {
		struct track *tr = &t[keep[q]];
		int x0 = tr->x1, y0 = tr->y1, x1 = tr->x0, y1 = tr->y0;

		/* the line's extent with its other pieces */
		for (int i = 0; i < n; i++) {
			l_int32 x, y, w, h;

			if (line[i] != keep[q])
				continue;
			boxaGetBoxGeometry(comps, i, &x, &y, &w, &h);
			x0 = x < x0 ? x : x0;
			y0 = y < y0 ? y : y0;
			x1 = x + w > x1 ? x + w : x1;
			y1 = y + h > y1 ? y + h : y1;
		}
		masks[q] = pixCreate(x1 - x0, y1 - y0, 1);
		if (masks[q] == NULL) {
			for (int z = 0; z < q; z++)
				pixDestroy(&masks[z]);
			k = 0;
			goto out;
		}
		for (int i = 0; i < n; i++) {
			l_int32 x, y, w, h;
			PIX *c;

			if (line[i] != keep[q])
				continue;
			boxaGetBoxGeometry(comps, i, &x, &y, &w, &h);
			c = pixaGetPix(pa, i, L_CLONE);
			if (c)
				pixRasterop(masks[q], x - x0, y - y0, w, h, PIX_PAINT, c, 0, 0);
			pixDestroy(&c);
		}
		out[q] = (struct lbox){ ox + x0, oy + y0, x1 - x0, y1 - y0, false };
	}
out:
	free(order);
	free(line);
	boxaDestroy(&comps);
	pixaDestroy(&pa);
	pixDestroy(&clip);
	return k;
}

/* Vertical writing is read as a line by the horizontal models: CJK characters stand upright
 * in a column, so cut into characters and set side by side they are an ordinary line, and the
 * vertical models (chi_sim_vert, kor_vert: 0.3 s and about 50 MB to load, and a second pair of
 * engines per worker) are not needed.  Characters sit on a regular pitch; a character's ink
 * can have empty rows inside it (三, 点) and a character can be one thin stroke (一), so the
 * cuts are not every empty row but the empty row nearest each multiple of the pitch, which is
 * measured from the starts of consecutive tall pieces (at least 0.6 of the column's width). */
#define COL_CELLS_MAX 256

PIX *
bx_ocr_column_as_line(PIX *img, PIX *mask, const struct lbox *b, int *ncells)
{
	BOX *bb = boxCreate(b->x, b->y, b->w, b->h);
	PIX *clip = bb ? pixClipRectangle(mask, bb, NULL) : NULL, *gray = NULL, *line = NULL;
	NUMA *rows = NULL, *cols = NULL;
	int n, left = -1, right = -1, top = -1, bot = -1, cw, runs = 0, pitch, ncut = 0, d[64];
	int cut[COL_CELLS_MAX + 1], run0[COL_CELLS_MAX], run1[COL_CELLS_MAX];
	l_float32 v;

	if (ncells)
		*ncells = 0;
	if (clip == NULL)
		goto done;
	gray = pixClipRectangle(img, bb, NULL);
	rows = pixCountPixelsByRow(clip, NULL);
	cols = pixCountPixelsByColumn(clip);
	if (gray == NULL || rows == NULL || cols == NULL)
		goto done;
	numa_extent(cols, 0, &left, &right);
	n = numaGetCount(rows);
	/* runs of rows with ink */
	for (int y = 0; y < n && runs < COL_CELLS_MAX;) {
		if (numaGetFValue(rows, y, &v) != 0 || v == 0) {
			y++;
			continue;
		}
		run0[runs] = y;
		while (y < n && numaGetFValue(rows, y, &v) == 0 && v > 0)
			y++;
		run1[runs++] = y;
	}
	if (runs > 0) {
		top = run0[0];
		bot = run1[runs - 1] - 1;
	}
	if (left < 0 || top < 0 || runs < 2)
		goto done;
	cw = right - left + 1;
	/* the pitch: the median distance between the starts of consecutive tall pieces that are
	 * less than two widths apart; else the width */
	{
		int nd = 0, prev = -1;

		for (int i = 0; i < runs && nd < 64; i++) {
			if ((run1[i] - run0[i]) * 10 < cw * 6)
				continue;
			if (prev >= 0 && run0[i] - prev < 2 * cw)
				d[nd++] = run0[i] - prev;
			prev = run0[i];
		}
		if (nd > 0) {
			qsort(d, (size_t)nd, sizeof(d[0]), cmp_int);
			pitch = d[nd / 2];
		} else {
			pitch = cw;
		}
		if (pitch < cw * 2 / 3)
			pitch = cw;
	}
	/* cuts: the empty row nearest each multiple of the pitch from the top, within a third of
	 * it; cells without ink are dropped when the line is laid out */
	cut[ncut++] = top;
	while (ncut < COL_CELLS_MAX && cut[ncut - 1] + pitch / 2 < bot + 1) {
		int want = cut[ncut - 1] + pitch, best = -1;

		for (int dy = 0; dy <= pitch / 3 && best < 0; dy++)
			for (int sgn = -1; sgn <= 1 && best < 0; sgn += 2) {
				int y = want + sgn * dy;

				if (y > cut[ncut - 1] && y < n && numaGetFValue(rows, y, &v) == 0 && v == 0)
					best = y;
			}
		cut[ncut++] = best >= 0 ? best : want > bot + 1 ? bot + 1 : want;
	}
	if (cut[ncut - 1] < bot + 1 && ncut < COL_CELLS_MAX + 1)
		cut[ncut++] = bot + 1;
	if (ncut < 3)
		goto done; /* one character: nothing to lay out */
	/* side by side, a fifth of the width apart (a tenth read 飘 as 球), on white, a margin
	 * around; an empty cell (a word space of vertical Korean) stays a space */
	{
		int gap = cw / 5 + 2, margin = cw / 4 + 4, cells = ncut - 1;
		int W = 2 * margin + cells * cw + (cells - 1) * gap, H = 2 * margin + pitch + cw / 2;
		int x = margin;

		line = pixCreate(W, H, 8);
		if (line == NULL)
			goto done;
		if (ncells)
			*ncells = cells;
		pixSetAll(line);
		for (int i = 0; i + 1 < ncut; i++) {
			int y0 = cut[i], y1 = cut[i + 1];

			/* the cell's ink, centred on the line: a thin 一 stands mid-height, as in
			 * a line, not at the edge of its cell */
			while (y0 < y1 && numaGetFValue(rows, y0, &v) == 0 && v == 0)
				y0++;
			while (y1 > y0 && numaGetFValue(rows, y1 - 1, &v) == 0 && v == 0)
				y1--;
			if (y1 > y0) {
				int h = y1 - y0 > H - 2 * margin ? H - 2 * margin : y1 - y0;

				pixRasterop(line, x, margin + (H - 2 * margin - h) / 2, cw, h, PIX_SRC,
				    gray, left, y0);
			}
			x += cw + gap;
		}
	}
done:
	numaDestroy(&rows);
	numaDestroy(&cols);
	pixDestroy(&clip);
	pixDestroy(&gray);
	boxDestroy(&bb);
	return line;
}

/* Korean is written in words with a space between them every two to five syllables, a fifth
 * to a half of the line's height wide; Chinese runs on, with a wider gap only after a full-width
 * comma or stop.  Counted here: gaps between columns of ink at least 0.22 of the line's ink
 * height wide, per character (one ink height of length).  On the 50 horizontal note lines of
 * the test frames (tests/unit/test_ocr.c, truth boxes) that is 0.26 to 0.59 for 25 of the 26
 * Korean lines (0.18 for one) and 0 to 0.22 for the Chinese ones, handwriting included (not a
 * light face whose strokes the mask breaks, as hand_04's, whose gaps look like spaces).  A
 * wrong guess costs a second reading, not the line.  A line shorter than seven characters (a
 * shot id, a word) is read as Chinese first: both models read ids, the Chinese one better. */
#define KO_MIN_CHARS 7
#define KO_SPACE 0.22
#define KO_GAPS_PER_CHAR 0.25

bool
bx_ocr_looks_korean(PIX *mask, const struct lbox *b)
{
	BOX *bb = boxCreate(b->x, b->y, b->w, b->h);
	PIX *clip = bb ? pixClipRectangle(mask, bb, NULL) : NULL;
	NUMA *rows = clip ? pixCountPixelsByRow(clip, NULL) : NULL;
	NUMA *cols = clip ? pixCountPixelsByColumn(clip) : NULL;
	l_float32 v, maxv = 0;
	int top = -1, bot = -1, first = -1, last = -1, run = 0, gaps = 0, lh;
	bool ko = false;

	boxDestroy(&bb);
	if (rows == NULL || cols == NULL)
		goto done;
	/* the line's height: its rows with a tenth of the busiest row's ink (not a stray tail) */
	numaGetMax(rows, &maxv, NULL);
	numa_extent(rows, maxv / 10, &top, &bot);
	numa_extent(cols, 0, &first, &last);
	if (top < 0 || first < 0)
		goto done;
	lh = bot - top + 1;
	for (int x = first; x <= last; x++) {
		numaGetFValue(cols, x, &v);
		if (v > 0) {
			if (run >= KO_SPACE * lh)
				gaps++;
			run = 0;
		} else {
			run++;
		}
	}
	if ((double)(last - first + 1) >= KO_MIN_CHARS * lh)
		ko = gaps * lh >= KO_GAPS_PER_CHAR * (last - first + 1);
done:
	numaDestroy(&rows);
	numaDestroy(&cols);
	pixDestroy(&clip);
	return ko;
}

/* The candidates and their weighing on the image at half size, a quarter of the work: whether
 * any ink could write.  Most pictures without notes still have candidate hues (a sky's edge, a
 * brown outline, a photo's colours); their pieces do not come in rows even at half size, and the
 * full-size search and weighing (most of the time spent on an image without notes) are not
 * done.  On every test frame with notes the half size keeps the inks that write (scores 7 to 87
 * at half size for 18 to 94 at full size; 0 on the pictures of bench/ocr/noink.sh). */
#define HALF_SCORE 2 /* least half-size score of an ink that writes (6 at full size) */

static bool
may_write(PIX *rgb)
{
	PIX *half = pixGetWidth(rgb) >= 64 && pixGetHeight(rgb) >= 64 ? pixScaleAreaMap2(rgb) : NULL;
	PIX *bg = NULL;
	struct inkinfo hi = { .n = 0 };
	bool may = half == NULL; /* cannot tell: the full-size search decides */

	if (half) {
		/* the candidates of the half image: strokes half as wide, a quarter of the pixels;
		 * none is no ink */
		find_inks(half, &hi, MIN_INK_PIXELS / 4);
		if (hi.n > 0 && (bg = pixBlockconv(half, 7, 7)) == NULL)
			may = true;
	}
	for (int k = 0; !may && k < hi.n; k++) {
		PIX *str = ink_strength(half, bg, 0, &hi, k), *mask = str ? ink_mask(str, 2) : NULL;

		may = mask == NULL || text_score(mask, 2) >= HALF_SCORE;
		pixDestroy(&str);
		pixDestroy(&mask);
	}
	pixDestroy(&bg);
	pixDestroy(&half);
	return may;
}

bool
bx_ocr_may_write(PIX *rgb)
{
	return may_write(rgb);
}

/* Sorts the ink indexes idx[0..n) by key[idx], largest first; n is at most MAX_INKS. */
static void
order_by(int *idx, int n, const int *key)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && key[idx[j]] > key[idx[j - 1]]; j--) {
			int t = idx[j];

			idx[j] = idx[j - 1];
			idx[j - 1] = t;
		}
}

/* The inks that write: each candidate colour's strokes are scored and the best is kept with
 * any other that writes at least a fifth as much (a zh note in red, its ko in blue).  *out
 * receives the indexes of the kept inks, strongest first; their strength images and masks are
 * returned in str and mask (the others freed). */
/* The mean colour around each pixel, at 1 / 2^sh of the image's size (ink_strength). */
static PIX *
surroundings(PIX *rgb, int *sh)
{
	PIX *half = NULL, *bg;

	if (pixGetWidth(rgb) >= 64 && pixGetHeight(rgb) >= 64)
		half = pixScaleAreaMap2(rgb);
	*sh = half != NULL;
	bg = half ? pixBlockconv(half, 7, 7) : pixBlockconv(rgb, 15, 15);
	pixDestroy(&half);
	return bg;
}

/* bx_ocr_select_inks, handing the image's surroundings (and their scale shift) to the caller
 * in *keep when keep is not NULL, for thin_strokes; spread as near_core's. */
static int
select_inks(PIX *rgb, const struct inkinfo *ink, PIX **str, PIX **mask, int *out, PIX **keep,
    int *keep_sh, bool spread)
{
	int score[MAX_INKS] = { 0 }, best = 0, n = 0, sh;
	PIX *bg = surroundings(rgb, &sh);

	if (bg == NULL)
		return 0;
	for (int k = 0; k < ink->n; k++) {
		str[k] = ink_strength(rgb, bg, sh, ink, k);
		mask[k] = str[k] ? ink_mask(str[k], 1) : NULL;
		if (mask[k])
			near_core(rgb, mask[k], str[k], ink->core[k], spread);
		score[k] = mask[k] ? text_score(mask[k], 1) : 0;
		if (score[k] > best)
			best = score[k];
	}
	for (int k = 0; k < ink->n; k++) {
		if (score[k] >= 6 && score[k] * 5 >= best) {
			out[n++] = k;
		} else {
			pixDestroy(&str[k]);
			pixDestroy(&mask[k]);
		}
	}
	if (keep) {
		*keep = bg;
		*keep_sh = sh;
	} else {
		pixDestroy(&bg);
	}
	order_by(out, n, score);
	return n;
}

int
bx_ocr_select_inks(PIX *rgb, const struct inkinfo *ink, PIX **str, PIX **mask, int *out)
{
	return select_inks(rgb, ink, str, mask, out, NULL, NULL,
	    pixGetInputFormat(rgb) == IFF_JFIF_JPEG);
}

/* A picture whose longer side is under SMALL_SIDE pixels (a thumbnail, a frame a chat program
 * scaled down) is looked at again at twice its size when one of its candidate inks does not
 * write, or the writing is under SMALL_TEXT pixels high by bx_ocr_text_height (13 for notes of
 * 14 pixels, 17 for 18, 15 to 17 for 24).  Such notes are 14 to 20 pixels high, and JPEG keeps
 * their colour at half that resolution: at their own size their strokes come out pale and in
 * pieces too small to look like writing, and a line, or all, was lost or misread
 * (bench/ocr/small.sh: 640x360 frames, notes 16 to 24 pixels high); at twice the size they
 * read.  Writing of 24 pixels reads about as well at either size (tests/data/image/meta: the
 * GIF's 衣服的褶皱请按照设定画。 has one wrong character at its size and three at twice it, 裙
 * against 福争 and 男 for 画; the other pictures read the same), and a 1280x720 frame is read
 * at its size, as before.  A small picture without notes costs about 8 ms more. */
#define SMALL_SIDE 1000
#define SMALL_TEXT 18

void
bx_ocr_free_inks(PIX **str, PIX **mask)
{
	for (int k = 0; k < MAX_INKS; k++) {
		pixDestroy(&str[k]);
		pixDestroy(&mask[k]);
	}
}

/* The inks that write in rgb; the surroundings select_inks measured in *bg when bg is not NULL
 * (NULL when there were none); spread as near_core's. */
static int
find_writing(PIX *rgb, struct inkinfo *ink, PIX **str, PIX **mask, int *sel, PIX **bg, int *sh,
    bool spread)
{
	ink->n = 0;
	if (bg)
		*bg = NULL;
	if (bx_ocr_may_write(rgb))
		bx_ocr_find_inks(rgb, ink);
	return ink->n > 0 ? select_inks(rgb, ink, str, mask, sel, bg, sh, spread) : 0;
}

int
bx_ocr_page_inks(PIX *rgb, struct inkinfo *ink, PIX **str, PIX **mask, int *sel, int *scale)
{
	l_int32 w = pixGetWidth(rgb), h = pixGetHeight(rgb);
	PIX *up, *bg;
	int sh = 0, n = find_writing(rgb, ink, str, mask, sel, &bg, &sh,
	    pixGetInputFormat(rgb) == IFF_JFIF_JPEG);

	*scale = 1;
	if (w >= SMALL_SIDE || h >= SMALL_SIDE || w < 16 || h < 16 ||
	    (n > 0 && n == ink->n && bx_ocr_text_height(mask[sel[0]]) >= SMALL_TEXT)) {
		/* the ink that writes most (faint_strokes): another is most often the blend of
		 * its edges with a drawing, whose growth was read as a line of its own */
		if (n > 0)
			faint_strokes(rgb, ink, sel[0], str[sel[0]], mask[sel[0]]);
		/* a JPEG's thin strokes; not in a small picture read at twice its size, whose
		 * strokes are no longer thin (bench/ocr/small.sh: 2.6% -> 3.2% with them) */
		for (int i = 0; bg && i < n && pixGetInputFormat(rgb) == IFF_JFIF_JPEG; i++)
			thin_strokes(rgb, bg, sh, ink, sel[i], str[sel[i]], mask[sel[i]]);
		pixDestroy(&bg);
		return n;
	}
	pixDestroy(&bg);
	up = pixScale(rgb, 2.0f, 2.0f); /* linear interpolation */
	if (up == NULL)
		return n; /* out of memory: what the picture's own size gave */
	bx_ocr_free_inks(str, mask);
	/* linear interpolation spreads the colours of the strokes as JPEG does (bench/ocr/small.sh:
	 * PNG notes of 20 to 24 pixels read at 12 to 24% character error with the narrow core, 0 to
	 * 4% with the spread one) */
	n = find_writing(up, ink, str, mask, sel, NULL, NULL, true);
	pixDestroy(&up);
	*scale = 2;
	return n;
}

void
bx_ocr_reading_order(const struct inkinfo *ink, int *sel, int n)
{
	int chroma[MAX_INKS];

	for (int k = 0; k < ink->n; k++) {
		int hu, mx;

		hsv((l_int32)(ink->rgb[k] >> 16 & 255), (l_int32)(ink->rgb[k] >> 8 & 255),
		    (l_int32)(ink->rgb[k] & 255), &hu, &chroma[k], &mx);
	}
	order_by(sel, n, chroma);
}

#endif /* HAVE_OCR */

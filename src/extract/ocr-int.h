/*
 * ocr-int.h - between the two halves of the OCR: ocr-ink.c finds the inks and the line boxes,
 * ocr.c reads them with Tesseract.
 */
#ifndef BX_OCR_INT_H
#define BX_OCR_INT_H

#ifdef HAVE_OCR
#include <leptonica/allheaders.h>
#include <stdbool.h>
#include <stdint.h>

#define MAX_INKS 4          /* candidate inks weighed per image */
#define MIN_INK_PIXELS 120  /* fewer stroke pixels: no overlay */

struct inkinfo {
	int hue[MAX_INKS];      /* degrees */
	uint32_t rgb[MAX_INKS]; /* mean colour of the ink's stroke pixels, 0xRRGGBB */
	uint32_t core[MAX_INKS];/* the densest colour among them: the ink itself */
	int n;
};

/* A line box in image pixels; vertical for a column of vertical text. */
struct lbox {
	int x, y, w, h;
	bool vertical;
};

/* The margin round a line box (bx_ocr_line_boxes) for writing of text height est: a letter's
 * soft edges and a stroke sticking out. */
static inline int
bx_ocr_pad(int est)
{
	return est / 4 + 4;
}

/* Whether any ink of the image could write, decided on the image at half size: false is a
 * picture without notes, for which the candidates need not be looked for at full size. */
bool bx_ocr_may_write(PIX *rgb);

/* Candidate inks: the hues of stroke pixels (not fills), up to MAX_INKS peaks. */
void bx_ocr_find_inks(PIX *rgb, struct inkinfo *ink);

/* The candidates that write, strongest first, as indexes into out; str[k] and mask[k] get the
 * ink-strength image (8 bpp) and stroke mask (1 bpp) of each kept ink k, owned by the caller
 * (the others are NULL).  Returns how many were kept. */
int bx_ocr_select_inks(PIX *rgb, const struct inkinfo *ink, PIX **str, PIX **mask, int *out);

/* Frees the strength images and masks of every ink (str and mask as bx_ocr_select_inks
 * fills them); the pointers are left NULL. */
void bx_ocr_free_inks(PIX **str, PIX **mask);

/* The inks of a page that write: bx_ocr_may_write, bx_ocr_find_inks and bx_ocr_select_inks
 * (str, mask and sel as there), on the picture at twice its size when it is small and its
 * writing is too (SMALL_SIDE in ocr-ink.c); *scale gets 1 or 2, the size the strength images,
 * masks and every box read from them are at.  Returns how many inks were kept. */
int bx_ocr_page_inks(PIX *rgb, struct inkinfo *ink, PIX **str, PIX **mask, int *sel, int *scale);

/* Puts the kept inks sel[0..n) in the order they are read: purest colour first.  Where
 * coloured writing meets the ground its edge pixels blend the two (red on an orange sky gives
 * brown, on grass an olive green), and that blend can outline the letters well enough to be
 * kept as an ink of its own, even ahead of the writing.  A blend is always less saturated than
 * the writing it outlines; read after it, its boxes over lines already read are skipped. */
void bx_ocr_reading_order(const struct inkinfo *ink, int *sel, int n);

/* The image the engines read for an ink: dark ink on white, nothing else (255 - strength
 * inside the strokes dilated by 5x5, white elsewhere).  NULL when out of memory; the caller
 * destroys it. */
PIX *bx_ocr_engine_image(PIX *str, PIX *mask);

/* Height of the text of a stroke mask (75th percentile of its pieces); 0 when none. */
int bx_ocr_text_height(PIX *mask);

/* Removes long straight strokes (underlines, frame edges, straight arrows) from a mask whose
 * text is est pixels high: they are not letters. */
void bx_ocr_strip_strokes(PIX *mask, int est);

/* Line boxes of a mask in reading order, padded and clipped to W x H; *out is malloc'ed (the
 * caller frees it).  Returns the count. */
int bx_ocr_line_boxes(PIX *mask, int est, int W, int H, struct lbox **out);

/* Whether a box of the mask (text est pixels high) holds letters at all: enough ink in
 * letter-sized pieces.  Boxes without are not read. */
bool bx_ocr_box_has_letters(PIX *mask, const struct lbox *b, int est);

#define SPLIT_MAX 8 /* lines bx_ocr_split_lines() gives at most */

/* The lines of a box that no ink-free row divides (lines written at a slant, whose ends touch
 * the line above), each as the mask of its own pieces: out[i] the line's box on the page,
 * masks[i] its pieces (1 bpp, out[i]'s size; the caller destroys them).  Returns the number of
 * lines, 0 when the box's pieces do not fall into two lines or more (or memory ran out). */
int bx_ocr_split_lines(PIX *mask, const struct lbox *b, int est, struct lbox *out, PIX **masks);

/* A column of vertical writing laid out as a line: the column's characters (cut at the empty
 * rows nearest to multiples of the character pitch) side by side, left to right, from the
 * ink image img (8 bpp, dark on white) and its stroke mask; *cells gets their count (when
 * cells is not NULL).  NULL when the column does not cut into at least two characters.  The
 * caller destroys the result. */
PIX *bx_ocr_column_as_line(PIX *img, PIX *mask, const struct lbox *b, int *cells);

/* Whether a horizontal line box of the mask looks like Korean rather than Chinese, by its word
 * spaces (ocr.c reads it with that script's model first). */
bool bx_ocr_looks_korean(PIX *mask, const struct lbox *b);

/* Whether two readings (text, confidence, box x, y, w, h) of a page are one line read twice,
 * in two inks whose colours overlap at its edges (ocr.c keeps the surer), rather than two
 * lines whose boxes overlap. */
bool bx_ocr_one_line(const char *pt, double pc, const int *pb, const char *qt, double qc,
    const int *qb);

/* Whether two lines of one block reading (text, box x, y, w, h), on one row, are pieces of one
 * line with letters read twice: in one script, sharing half of the narrower's width or more. */
bool bx_ocr_read_twice(const char *pt, const int *pb, const char *qt, const int *qb);

/* Whether eng's reading of a word in a Korean line is spelled as a Latin word is (Muiriel,
 * layout, BG, Layer2), marks round it aside: what latin_words takes in place of kor's digits. */
bool bx_ocr_latin_word(const char *w);

/* Whether chi_sim's reading (text, confidence) of the unsure run of a line kor read is Latin
 * words, surely read, to take the run's place (a name kor read as Hangul: Muiriel은 as 비비1리은). */
bool bx_ocr_latin_run(const char *text, double conf);

/* Whether the two halves of a line's text, before and after the byte at, are parted as a note
 * and its translation are: the first ends with the end of a sentence (。.!?，,) or a separator
 * (/ | - : …), or the second starts with a separator; a separator written onto a letter or a
 * digit (0| for 이) is none. */
bool bx_ocr_parted(const char *text, size_t at);

/* Whether a reading is strokes taken for hanzi (a star read as 4 了): few hanzi, half of them
 * of one to three straight strokes, broken up by spaces, marks, letters or digits. */
bool bx_ocr_stroke_reading(const char *text);

/* Shot and cut ids a model ran together (S015C050) parted (S015 C050): a malloc'ed string, or
 * NULL when the parted text is not ids. */
char *bx_ocr_ids_apart(const char *t);
#endif

#endif

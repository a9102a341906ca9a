/* floor.c - the oracle floor of bilex's OCR: every truth line read once, by the right LSTM model,
 * from a perfect box, with the same engine settings as bilex.  What bilex spends beyond this is
 * finding and cutting the ink; what this costs no pipeline change can remove.
 *   floor LINES.tsv [PASSES]
 * LINES.tsv (written by floor.sh): image \t lang \t x \t y \t w \t h \t text, grouped by image.
 * The frames are read PASSES times (default 3) and the best pass is kept, as the command's
 * timings are best of 3; the texts are printed on the first pass only. */
#define _POSIX_C_SOURCE 200809L
#include <leptonica/allheaders.h>
#include <tesseract/capi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct line { char *img, *lang, *text; int x, y, w, h; };

static double
now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static TessBaseAPI *
engine(const char *lang)
{
	TessBaseAPI *api = TessBaseAPICreate();
	if (TessBaseAPIInit2(api, NULL, lang, OEM_LSTM_ONLY) != 0) {
		fprintf(stderr, "floor: cannot load %s\n", lang);
		exit(1);
	}
	/* bilex's settings: its line cuts are dark on light, and have no DPI in them */
	TessBaseAPISetVariable(api, "tessedit_do_invert", "0");
	TessBaseAPISetVariable(api, "user_defined_dpi", "300");
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
	return api;
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: floor LINES.tsv [PASSES]\n");
		return 2;
	}
	int passes = argc > 2 ? atoi(argv[2]) : 3;
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	struct line *ls = NULL;
	size_t n = 0, cap = 0, len = 0;
	char *buf = NULL;
	while (getline(&buf, &len, f) > 0) {
		buf[strcspn(buf, "\n")] = 0;
		if (n == cap) {
			struct line *nl = realloc(ls, (cap ? 2 * cap : 64) * sizeof(*ls));

			if (nl == NULL) {
				fprintf(stderr, "floor: out of memory\n");
				return 1;
			}
			ls = nl;
			cap = cap ? 2 * cap : 64;
		}
		struct line *l = &ls[n];
		char *fld[7] = { strtok(buf, "\t") };

		for (int q = 1; q < 7; q++)
			fld[q] = strtok(NULL, q < 6 ? "\t" : "");
		if (fld[5] == NULL)
			continue; /* not a line of floor.sh's: skipped */
		l->img = strdup(fld[0]);
		l->lang = strdup(fld[1]);
		l->x = atoi(fld[2]);
		l->y = atoi(fld[3]);
		l->w = atoi(fld[4]);
		l->h = atoi(fld[5]);
		l->text = strdup(fld[6] ? fld[6] : "");
		n++;
	}
	free(buf);
	fclose(f);

	TessBaseAPI *zh = engine("chi_sim"), *ko = engine("kor");
	/* an empty read is cheap (nothing found to feed the LSTM): counted apart so that a floor
	 * lowered by reads that failed on the grey frame shows */
	double best_rec = 1e30, best_wall = 1e30, best_full = 0;
	size_t frames = 0, best_empty = 0;
	for (int p = 0; p < passes; p++) {
		double rec = 0, full = 0, t0 = now();
		size_t empty = 0;
		PIX *grey = NULL;
		frames = 0;
		for (size_t i = 0; i < n; i++) {
			struct line *l = &ls[i];
			if (i == 0 || strcmp(l->img, ls[i - 1].img) != 0) {
				pixDestroy(&grey);
				PIX *pix = pixRead(l->img);
				if (!pix) {
					fprintf(stderr, "floor: cannot read %s\n", l->img);
					return 1;
				}
				grey = pixConvertTo8(pix, 0);
				pixDestroy(&pix);
				/* once per frame per engine, as bilex hands each engine the
				 * frame once */
				TessBaseAPISetImage2(zh, grey);
				TessBaseAPISetImage2(ko, grey);
				frames++;
				if (p == 0)
					printf("== %s\n", l->img);
			}
			/* "id" (scene/cut numbers) is Latin+digits, which chi_sim reads */
			TessBaseAPI *api = strcmp(l->lang, "ko") == 0 ? ko : zh;
			int W = pixGetWidth(grey), H = pixGetHeight(grey), pad = l->h / 4;
			int x0 = l->x - pad < 0 ? 0 : l->x - pad;
			int y0 = l->y - pad < 0 ? 0 : l->y - pad;
			int x1 = l->x + l->w + pad > W ? W : l->x + l->w + pad;
			int y1 = l->y + l->h + pad > H ? H : l->y + l->h + pad;
			double a = now();
			TessBaseAPISetRectangle(api, x0, y0, x1 - x0, y1 - y0);
			TessBaseAPIRecognize(api, NULL);
			char *text = TessBaseAPIGetUTF8Text(api);
			double dt = now() - a;
			rec += dt;
			if (*text && *text != '\n')
				full += dt;
			else
				empty++;
			if (p == 0) {
				text[strcspn(text, "\n")] = 0;
				printf("  %s %.3fs truth: %s\n  %*s   read: %s\n", l->lang, dt,
				    l->text, (int)strlen(l->lang) + 6, "", text);
			}
			TessDeleteText(text);
		}
		pixDestroy(&grey);
		double wall = now() - t0;
		printf("pass %d: recognize %.3f s, loop %.3f s\n", p + 1, rec, wall);
		if (rec < best_rec) {
			best_rec = rec;
			best_full = full;
			best_empty = empty;
		}
		if (wall < best_wall)
			best_wall = wall;
	}
	printf("frames %zu, lines %zu, passes %d (best of each)\n", frames, n, passes);
	printf("recognize (SetRectangle+Recognize+GetUTF8Text): %.3f s total, %.4f s/frame, "
	    "%.4f s/line\n", best_rec, best_rec / frames, best_rec / n);
	printf("empty reads: %zu; non-empty reads: %.4f s/line mean, x %zu lines = %.4f s/frame\n",
	    best_empty, best_full / (n - best_empty), n,
	    best_full / (n - best_empty) * n / frames);
	printf("whole loop (read+grey+SetImage2+reads, no Init): %.3f s total, %.4f s/frame\n",
	    best_wall, best_wall / frames);
	TessBaseAPIEnd(zh);
	TessBaseAPIDelete(zh);
	TessBaseAPIEnd(ko);
	TessBaseAPIDelete(ko);
	for (size_t i = 0; i < n; i++) {
		free(ls[i].img);
		free(ls[i].lang);
		free(ls[i].text);
	}
	free(ls);
	return 0;
}

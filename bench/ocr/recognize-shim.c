/*
 * recognize-shim.c - an LD_PRELOAD library for bench/ocr/reads.sh: logs every
 * TessBaseAPIRecognize call of the process (the engine, the page segmentation mode, the
 * rectangle set before it, the seconds it took) to $RECOGNIZE_LOG.PID, so that a frame's OCR
 * time can be split into first readings and readings of a place read before.  Measures only;
 * it passes every call through unchanged.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

struct TessBaseAPI;

static int cur_psm = -1, cur_x, cur_y, cur_w, cur_h;
static FILE *log_fp;

static double
seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void
TessBaseAPISetRectangle(struct TessBaseAPI *h, int left, int top, int width, int height)
{
	static void (*real)(struct TessBaseAPI *, int, int, int, int);

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "TessBaseAPISetRectangle");
	cur_x = left;
	cur_y = top;
	cur_w = width;
	cur_h = height;
	real(h, left, top, width, height);
}

void
TessBaseAPISetPageSegMode(struct TessBaseAPI *h, int mode)
{
	static void (*real)(struct TessBaseAPI *, int);

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "TessBaseAPISetPageSegMode");
	cur_psm = mode;
	real(h, mode);
}

int
TessBaseAPIRecognize(struct TessBaseAPI *h, void *monitor)
{
	static int (*real)(struct TessBaseAPI *, void *);
	double t0;
	int rc;

	if (real == NULL)
		*(void **)&real = dlsym(RTLD_NEXT, "TessBaseAPIRecognize");
	t0 = seconds();
	rc = real(h, monitor);
	if (log_fp == NULL && getenv("RECOGNIZE_LOG") != NULL) {
		char path[4096];

		snprintf(path, sizeof(path), "%s.%ld", getenv("RECOGNIZE_LOG"), (long)getpid());
		log_fp = fopen(path, "w");
	}
	if (log_fp != NULL)
		fprintf(log_fp, "%p %d %d %d %d %d %.5f\n", (void *)h, cur_psm, cur_x, cur_y, cur_w,
		    cur_h, seconds() - t0);
	return rc;
}

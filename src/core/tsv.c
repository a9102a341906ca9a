/*
 * tsv.c - reader for the TSV files of langdata/ and user glossaries.
 */
#include "bx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

/* Data files are small; a line longer than this is a broken file, not data. */
#define TSV_LINE_MAX (64 * 1024)

int
bx_tsv_read(const char *dir, const char *name, int (*fn)(void *arg, char **f, int nf), void *arg,
    char *err, size_t errlen)
{
	struct bx_buf path;
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int st = BILEX_OK;

	bx_buf_init(&path, 4096);
	if (dir && *dir)
		st = bx_buf_printf(&path, "%s/%s", dir, name);
	else
		st = bx_buf_adds(&path, name);
	if (st != BILEX_OK) {
		snprintf(err, errlen, "path too long: %s", name);
		bx_buf_free(&path);
		return BILEX_FAILED;
	}
	fp = fopen(bx_buf_str(&path), "re");
	if (fp == NULL) {
		snprintf(err, errlen, "cannot read %s: %s", bx_buf_str(&path), strerror(errno));
		bx_buf_free(&path);
		return BILEX_FAILED;
	}
	while ((n = getline(&line, &cap, fp)) >= 0) {
		char *f[8];
		int nf = 0;
		char *p;

		lineno++;
		if (n > TSV_LINE_MAX) {
			snprintf(err, errlen, "%s:%ld: line too long", bx_buf_str(&path), lineno);
			st = BILEX_FAILED;
			break;
		}
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0 || line[0] == '#')
			continue;
		p = line;
		f[nf++] = p;
		while ((p = strchr(p, '\t')) != NULL && nf < 8) {
			*p++ = '\0';
			f[nf++] = p;
		}
		if (fn(arg, f, nf) != 0) {
			snprintf(err, errlen, "%s:%ld: cannot use this line", bx_buf_str(&path), lineno);
			st = BILEX_FAILED;
			break;
		}
	}
	free(line);
	fclose(fp);
	bx_buf_free(&path);
	return st;
}

int32_t
bx_tsv_char(const char *field)
{
	int32_t i = 0, n = (int32_t)strlen(field);
	UChar32 c;

	if (n == 0)
		return -1;
	U8_NEXT(field, i, n, c);
	return c < 0 || i != n ? -1 : c;
}

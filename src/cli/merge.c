/*
 * merge.c - `bilex merge`: shard outputs into exactly what one run would have written.
 *
 * A run writes the records of its inputs in walk order, input after input, and the cross-file
 * pairs of a folder right after the last input of that folder (collect.c).  --shard keeps the
 * inputs of a folder together, so each shard's output is a subsequence of the whole run's made
 * of whole groups: the records of one input (their `file` field), and the cross-file pairs of a
 * folder, which sort after every file of the folder and before its subfolders (the walk's
 * order: files first), so they get the key FOLDER/<FF FF> (bytes that no UTF-8 name reaches).
 * Merging is then a k-way merge of groups by bilex_path_cmp() of their key, streaming (one
 * record of lookahead per shard).  A pairs-only output has no record of a folder's
 * one-language inputs, so the key cannot be "after the last input": it has to be computed.  Ids need no renumbering: they derive from the input
 * path, not from the position in a run.
 *
 * The inputs must all be CSV or all JSONL of the same kind (pairs, or segments, or errors), as
 * written by `bilex scan`; the order of walk needs the same PATH arguments in every shard.
 */
#include "cli.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define RECORD_MAX (512u << 20) /* longest record read (a CSV cell is at most 32,767 chars) */

struct shard {
	const char *name;
	FILE *fp;
	char *rec;              /* the record read ahead (bytes as written, newline included) */
	size_t len, cap;
	char *key;              /* its `file` */
	bool cross;             /* a cross-file pair (key: its folder's end) */
	bool eof;
};

struct merge {
	bool csv;
	int file_col, method_col; /* CSV: columns of `file` and `method` (-1 when absent) */
	char *header;
	size_t header_len;
};

static int
grow(struct shard *s, size_t need)
{
	if (need > RECORD_MAX)
		return -1;
	if (need > s->cap) {
		size_t nc = s->cap ? s->cap : 4096;
		char *np;

		while (nc < need)
			nc *= 2;
		np = realloc(s->rec, nc);
		if (np == NULL)
			return -1;
		s->rec = np;
		s->cap = nc;
	}
	return 0;
}

/* One CSV record: lines are joined while a quote is open (cells may hold newlines). */
static int
read_csv_record(struct shard *s)
{
	bool quoted = false;
	int c;

	s->len = 0;
	while ((c = getc(s->fp)) != EOF) {
		if (grow(s, s->len + 2) != 0)
			return -1;
		s->rec[s->len++] = (char)c;
		if (c == '"')
			quoted = !quoted;
		else if (c == '\n' && !quoted)
			break;
	}
	if (s->len == 0)
		return 1;
	s->rec[s->len] = '\0';
	return 0;
}

static int
read_line(struct shard *s)
{
	int c;

	s->len = 0;
	while ((c = getc(s->fp)) != EOF) {
		if (grow(s, s->len + 2) != 0)
			return -1;
		s->rec[s->len++] = (char)c;
		if (c == '\n')
			break;
	}
	if (s->len == 0)
		return 1;
	s->rec[s->len] = '\0';
	return 0;
}

/* Cell COL of a CSV record, unquoted, as a malloc'ed string (NULL when absent). */
static char *
csv_cell(const char *r, int col)
{
	int k = 0;
	const char *p = r;

	while (*p && *p != '\r' && *p != '\n') {
		char *out = NULL;
		size_t n = 0;

		if (*p == '"') {
			const char *q = ++p;

			out = malloc(strlen(q) + 1);
			if (out == NULL)
				return NULL;
			while (*q && !(*q == '"' && q[1] != '"')) {
				out[n++] = *q;
				q += *q == '"' ? 2 : 1;
			}
			out[n] = '\0';
			p = *q ? q + 1 : q;
		} else {
			const char *q = p;

			while (*q && *q != ',' && *q != '\r' && *q != '\n')
				q++;
			out = strndup(p, (size_t)(q - p));
			p = q;
		}
		if (k == col) {
			/* the formula guard of the CSV writer is not part of the path */
			if (out && out[0] == '\'' && strchr("=+-@\t\r", out[1]) && out[1])
				memmove(out, out + 1, strlen(out));
			return out;
		}
		free(out);
		k++;
		if (*p == ',')
			p++;
	}
	return NULL;
}

static int
column_of(const char *header, const char *name)
{
	for (int k = 0; k < 4096; k++) {
		char *c = csv_cell(header, k);
		bool hit;

		if (c == NULL)
			return -1;
		hit = strcmp(c[0] == '\xEF' ? c + 3 : c, name) == 0;
		free(c);
		if (hit)
			return k;
	}
	return -1;
}

/* Reads the next record of a shard and its key. */
static int
advance(struct merge *m, struct shard *s)
{
	int rc;

	free(s->key);
	s->key = NULL;
	s->cross = false;
	rc = m->csv ? read_csv_record(s) : read_line(s);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		s->eof = true;
		return 0;
	}
	if (m->csv) {
		char *method = m->method_col >= 0 ? csv_cell(s->rec, m->method_col) : NULL;

		s->key = m->file_col >= 0 ? csv_cell(s->rec, m->file_col) : NULL;
		s->cross = method && strcmp(method, "cross-file") == 0;
		free(method);
	} else {
		json_error_t err;
		json_t *o = json_loadb(s->rec, s->len, 0, &err);
		const char *file, *method;

		if (o == NULL || !json_is_object(o)) {
			json_decref(o);
			return -1;
		}
		file = json_string_value(json_object_get(o, "file"));
		method = json_string_value(json_object_get(o, "method"));
		s->key = file ? strdup(file) : NULL;
		s->cross = method && strcmp(method, "cross-file") == 0;
		json_decref(o);
	}
	if (s->key == NULL)
		s->key = strdup("");
	if (s->key && s->cross) {
		/* the end of the folder of the zh file */
		char *slash = strrchr(s->key, '/'), *k;
		size_t n = slash ? (size_t)(slash - s->key) + 1 : 0;

		k = malloc(n + 9);
		if (k) {
			memcpy(k, s->key, n);
			/* 0xFF never occurs in UTF-8: after every name */
			memcpy(k + n, "\xff\xff", 3);
		}
		free(s->key);
		s->key = k;
	}
	return s->key ? 0 : -1;
}

static int
write_all(FILE *out, const char *p, size_t n)
{
	return fwrite(p, 1, n, out) == n ? 0 : -1;
}

int
cli_merge(int argc, char **argv)
{
	const char *output = NULL;
	struct shard *sh;
	struct merge m;
	FILE *out;
	int n = 0, rc = 0, first = 1;

	memset(&m, 0, sizeof(m));
	m.file_col = m.method_col = -1;
	for (int i = 1; i < argc; i++) {
		if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) && i + 1 < argc) {
			output = argv[++i];
			first = i + 1;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_usage_error("merge: unknown option %s", argv[i]);
		} else {
			break;
		}
	}
	n = argc - first;
	if (n < 1)
		return cli_usage_error("merge: give the shard outputs to merge");
	sh = calloc((size_t)n, sizeof(*sh));
	if (sh == NULL)
		return cli_fatal("out of memory");
	for (int i = 0; i < n; i++) {
		const char *f = bilex_format_for_path(argv[first + i]);
		bool csv = f && strcmp(f, "csv") == 0;

		if (f == NULL || (strcmp(f, "csv") != 0 && strcmp(f, "jsonl") != 0)) {
			rc = cli_usage_error("merge: %s is neither .csv nor .jsonl", argv[first + i]);
			goto done;
		}
		if (i == 0)
			m.csv = csv;
		else if (csv != m.csv) {
			rc = cli_usage_error("merge: the outputs must all be csv or all jsonl");
			goto done;
		}
		sh[i].name = argv[first + i];
		sh[i].fp = fopen(sh[i].name, "re");
		if (sh[i].fp == NULL) {
			rc = cli_usage_error("merge: cannot read %s: %s", sh[i].name, strerror(errno));
			goto done;
		}
	}
	if (output && bilex_format_for_path(output) &&
	    strcmp(bilex_format_for_path(output), m.csv ? "csv" : "jsonl") != 0) {
		rc = cli_usage_error("merge: -o %s is not a %s file", output, m.csv ? "csv" : "jsonl");
		goto done;
	}
	/* CSV: one header, the same in every shard */
	if (m.csv) {
		for (int i = 0; i < n; i++) {
			if (read_csv_record(&sh[i]) != 0) {
				sh[i].eof = true;
				continue;
			}
			if (m.header == NULL) {
				m.header = strndup(sh[i].rec, sh[i].len);
				m.header_len = sh[i].len;
				m.file_col = column_of(m.header, "file");
				m.method_col = column_of(m.header, "method");
			} else if (sh[i].len != m.header_len || memcmp(sh[i].rec, m.header, m.header_len)) {
				rc = cli_usage_error("merge: %s has other columns than %s", sh[i].name,
				    sh[0].name);
				goto done;
			}
		}
	}
	for (int i = 0; i < n; i++)
		if (!sh[i].eof && advance(&m, &sh[i]) != 0) {
			rc = cli_fatal("merge: %s is not a bilex output", sh[i].name);
			goto done;
		}
	out = output ? fopen(output, "we") : stdout;
	if (out == NULL) {
		rc = cli_fatal("cannot write %s: %s", output, strerror(errno));
		goto done;
	}
	if (m.header && write_all(out, m.header, m.header_len) != 0)
		rc = CLI_EXIT_FATAL;
	/* a shard that failed to advance has no key: stop before comparing it (found by UBSan) */
	while (rc == 0) {
		int best = -1;
		char *key;

		for (int i = 0; i < n; i++)
			if (!sh[i].eof && (best < 0 || bilex_path_cmp(sh[i].key, sh[best].key) < 0))
				best = i;
		if (best < 0)
			break;
		/* the whole group: the records with this key */
		key = strdup(sh[best].key);
		if (key == NULL) {
			rc = cli_fatal("out of memory");
			break;
		}
		do {
			if (write_all(out, sh[best].rec, sh[best].len) != 0) {
				rc = CLI_EXIT_FATAL;
				break;
			}
			if (advance(&m, &sh[best]) != 0) {
				rc = cli_fatal("merge: %s is not a bilex output", sh[best].name);
				break;
			}
		} while (!sh[best].eof && strcmp(sh[best].key, key) == 0);
		free(key);
	}
	if ((output ? fclose(out) : fflush(out)) != 0 && rc == 0)
		rc = cli_fatal("cannot write %s", output ? output : "stdout");
	else if (rc == CLI_EXIT_FATAL)
		cli_fatal("cannot write %s", output ? output : "stdout");
done:
	for (int i = 0; i < n; i++) {
		if (sh[i].fp)
			fclose(sh[i].fp);
		free(sh[i].rec);
		free(sh[i].key);
	}
	free(sh);
	free(m.header);
	return rc;
}

/*
 * fuzz_csv.c - the CSV writer (csv.c), and the JSONL writer (jsonl.c) on the same record.
 * libFuzzer target (fuzz/README.md).
 *
 * The input is a record: byte 0 picks its type (bits 0-1: file, segment, pair, error) and the
 * writer's mask (bit 2: every type, so a "type" column and the union of the columns); the rest
 * is cut at 0xFF bytes, one piece per field in field-table order.  A string field is its piece
 * up to the first NUL (NULL when the pieces ran out); a JSON field is its piece when that is
 * valid JSON, else NULL; an integer is -1 for an empty piece, else its first 8 bytes as a
 * non-negative number; a number is -1 for an empty piece, else 0..1 from its first 2 bytes.
 *
 * The record is written with bilex_writer_open_stream to an open_memstream FILE, and the output
 * is read back:
 *  - CSV (RFC 4180 as DESIGN.md section 4 narrows it): BOM, a header row and one data row,
 *    CRLF, every field quoted, quotes doubled; the data row has as many fields as the header;
 *    the header holds the record's fields (exactly them, in order, for a one-type writer);
 *    every cell holds its value, with a leading ' when it starts with = + - @ TAB CR LF, cut
 *    with " [cut: N characters]" when longer than 32,767 UTF-16 units, and no cell is longer
 *    than that;
 *  - JSONL: one line, one JSON object: "type", then every field in order with its value.
 * Any difference is abort().
 */
#include "fuzz.h"

#define CELL_MAX 32767

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (bilex_ctx_new(&fz_ctx) != BILEX_OK)
		fz_fail("bilex_ctx_new");
	return 0;
}

/* UTF-16 units of UTF-8 bytes, as Excel counts characters. */
static size_t
units(const char *s, size_t n)
{
	size_t u = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c & 0xC0) != 0x80)
			u += c >= 0xF0 ? 2 : 1;
	}
	return u;
}

/* ---- reading the CSV back ------------------------------------------------------------- */

struct row {
	char **cell;
	size_t *len;
	size_t n, cap;
};

static void
row_free(struct row *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->cell[i]);
	free(r->cell);
	free(r->len);
	memset(r, 0, sizeof(*r));
}

/* One CRLF-terminated row of quoted fields at *p (end e); advances *p. */
static void
read_row(const char **p, const char *e, struct row *r)
{
	const char *q = *p;

	for (;;) {
		char *buf;
		size_t n = 0;

		if (q >= e || *q != '"')
			fz_fail("csv: field %zu does not start with a quote", r->n);
		buf = malloc((size_t)(e - q) + 1);
		if (buf == NULL)
			abort();
		for (q++;; q++) {
			if (q >= e)
				fz_fail("csv: unterminated quoted field %zu", r->n);
			if (*q == '"') {
				if (q + 1 < e && q[1] == '"') {
					buf[n++] = '"';
					q++;
					continue;
				}
				q++;
				break;
			}
			buf[n++] = *q;
		}
		buf[n] = '\0';
		if (r->n == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 16;
			r->cell = realloc(r->cell, r->cap * sizeof(*r->cell));
			r->len = realloc(r->len, r->cap * sizeof(*r->len));
			if (r->cell == NULL || r->len == NULL)
				abort();
		}
		r->cell[r->n] = buf;
		r->len[r->n++] = n;
		if (q < e && *q == ',') {
			q++;
			continue;
		}
		if (e - q >= 2 && q[0] == '\r' && q[1] == '\n') {
			*p = q + 2;
			return;
		}
		fz_fail("csv: field %zu is followed by 0x%02x, not a comma or CRLF", r->n - 1,
		    q < e ? (unsigned char)*q : 0);
	}
}

/* ---- the record from the input ---------------------------------------------------------- */

union any_record {
	struct bilex_file file;
	struct bilex_segment segment;
	struct bilex_pair pair;
	struct bilex_error error;
};

static void
check_cell(const char *name, const char *cell, size_t clen, const char *s)
{
	size_t n, total, plen = 0;
	bool prefix;

	if (units(cell, clen) > CELL_MAX)
		fz_fail("csv: cell %s holds %zu UTF-16 units, more than %d", name,
		    units(cell, clen), CELL_MAX);
	if (s == NULL || *s == '\0') {
		if (clen != 0)
			fz_fail("csv: cell %s should be empty", name);
		return;
	}
	n = strlen(s);
	total = units(s, n);
	prefix = strchr("=+-@\t\r\n", s[0]) != NULL;
	if (prefix) {
		if (clen == 0 || cell[0] != '\'')
			fz_fail("csv: cell %s starts with 0x%02x but has no leading '", name,
			    (unsigned char)s[0]);
		plen = 1;
	}
	if (total <= CELL_MAX) {
		if (clen != plen + n || memcmp(cell + plen, s, n) != 0)
			fz_fail("csv: cell %s does not hold its value (%zu bytes, %zu expected)", name,
			    clen, plen + n);
		return;
	} else {
		char marker[64];
		size_t mlen, keep;

		snprintf(marker, sizeof(marker), " [cut: %zu characters]", total);
		mlen = strlen(marker);
		if (clen < plen + mlen || memcmp(cell + clen - mlen, marker, mlen) != 0)
			fz_fail("csv: long cell %s does not end with \"%s\"", name, marker);
		keep = clen - plen - mlen;
		if (keep > n || memcmp(cell + plen, s, keep) != 0)
			fz_fail("csv: long cell %s is not a prefix of its value", name);
		if (keep < n && ((unsigned char)s[keep] & 0xC0) == 0x80)
			fz_fail("csv: long cell %s is cut inside a character", name);
		if (units(cell, clen) + 8 < CELL_MAX)
			fz_fail("csv: long cell %s is cut at %zu units, far below %d", name,
			    units(cell, clen), CELL_MAX);
	}
}

static void
check_csv(const char *out, size_t len, bilex_record_type type, unsigned mask, const char *rec)
{
	const char *p = out, *e = out + len;
	struct row head = { 0 }, data = { 0 };
	size_t n;
	const struct bilex_field *f = bilex_record_fields(type, &n);
	bool typed = mask != BILEX_MASK(type);
	size_t first = typed ? 1 : 0;

	if (len < 3 || memcmp(p, "\xEF\xBB\xBF", 3) != 0)
		fz_fail("csv: no UTF-8 BOM");
	p += 3;
	read_row(&p, e, &head);
	read_row(&p, e, &data);
	if (p != e)
		fz_fail("csv: %zu bytes after the data row", (size_t)(e - p));
	if (head.n != data.n)
		fz_fail("csv: header has %zu fields, data row %zu", head.n, data.n);
	if (typed) {
		if (strcmp(head.cell[0], "type") != 0)
			fz_fail("csv: typed output without a type column first");
		if (strcmp(data.cell[0], bilex_record_type_name(type)) != 0)
			fz_fail("csv: type cell is \"%s\"", data.cell[0]);
	} else if (head.n != n) {
		fz_fail("csv: one-type output has %zu columns, the record %zu fields", head.n, n);
	}
	/* header: no duplicates; every field of every type in the mask is a column */
	for (size_t i = first; i < head.n; i++)
		for (size_t k = i + 1; k < head.n; k++)
			if (strcmp(head.cell[i], head.cell[k]) == 0)
				fz_fail("csv: column %s twice", head.cell[i]);
	for (int t = 0; t < 4; t++) {
		size_t tn;
		const struct bilex_field *tf;

		if (!(mask & BILEX_MASK(t)))
			continue;
		tf = bilex_record_fields((bilex_record_type)t, &tn);
		for (size_t i = 0; i < tn; i++) {
			size_t c;

			for (c = first; c < head.n; c++)
				if (strcmp(head.cell[c], tf[i].name) == 0)
					break;
			if (c == head.n)
				fz_fail("csv: no column for %s.%s",
				    bilex_record_type_name((bilex_record_type)t), tf[i].name);
			if (!typed && c != i)
				fz_fail("csv: column %s out of field order", tf[i].name);
		}
	}
	for (size_t c = first; c < head.n; c++) {
		const struct bilex_field *fi = NULL;

		for (size_t i = 0; i < n; i++)
			if (strcmp(f[i].name, head.cell[c]) == 0)
				fi = &f[i];
		if (fi == NULL) {
			if (data.len[c] != 0)
				fz_fail("csv: column %s is not a field of this record but not empty",
				    head.cell[c]);
			continue;
		}
		switch (fi->type) {
		case BILEX_FIELD_STRING:
		case BILEX_FIELD_JSON:
			check_cell(fi->name, data.cell[c], data.len[c],
			    *(const char *const *)(const void *)(rec + fi->offset));
			break;
		case BILEX_FIELD_INT: {
			int64_t v = *(const int64_t *)(const void *)(rec + fi->offset);
			char num[32];

			if (v < 0)
				num[0] = '\0';
			else
				snprintf(num, sizeof(num), "%lld", (long long)v);
			if (strcmp(data.cell[c], num) != 0)
				fz_fail("csv: integer %s is \"%s\", not \"%s\"", fi->name, data.cell[c],
				    num);
			break;
		}
		case BILEX_FIELD_NUMBER: {
			double v = *(const double *)(const void *)(rec + fi->offset);
			char *end;
			double got;

			if (v < 0) {
				if (data.len[c] != 0)
					fz_fail("csv: number %s should be empty", fi->name);
				break;
			}
			got = strtod(data.cell[c], &end);
			if (data.len[c] == 0 || *end != '\0' || fabs(got - v) > 0.0005 + 1e-12)
				fz_fail("csv: number %s is \"%s\" for %.6f", fi->name, data.cell[c], v);
			break;
		}
		}
	}
	row_free(&head);
	row_free(&data);
}

/* ---- reading the JSONL back ---------------------------------------------------------------- */

static const char *
expect(const char *p, const char *lit)
{
	size_t n = strlen(lit);

	if (strncmp(p, lit, n) != 0)
		fz_fail("jsonl: expected %s at \"%.40s\"", lit, p);
	return p + n;
}

static void
check_jsonl(const char *out, size_t len, bilex_record_type type, const char *rec)
{
	size_t n;
	const struct bilex_field *f = bilex_record_fields(type, &n);
	const char *p = out, *e;
	char *str;
	size_t slen;
	char key[80];

	if (len == 0 || out[len - 1] != '\n' || memchr(out, '\n', len) != out + len - 1)
		fz_fail("jsonl: not exactly one line");
	if (!fz_json_valid(out))
		fz_fail("jsonl: not valid JSON: %.300s", out);
	str = malloc(len + 1);
	if (str == NULL)
		abort();
	p = expect(p, "{\"type\":");
	e = fz_json_string(p, str, &slen);
	if (e == NULL || slen != strlen(bilex_record_type_name(type)) ||
	    memcmp(str, bilex_record_type_name(type), slen) != 0)
		fz_fail("jsonl: wrong type");
	p = e;
	for (size_t i = 0; i < n; i++) {
		const void *at = rec + f[i].offset;

		snprintf(key, sizeof(key), ",\"%s\":", f[i].name);
		p = expect(p, key);
		switch (f[i].type) {
		case BILEX_FIELD_STRING: {
			const char *s = *(const char *const *)at;

			if (s == NULL) {
				p = expect(p, "null");
				break;
			}
			e = fz_json_string(p, str, &slen);
			if (e == NULL || slen != strlen(s) || memcmp(str, s, slen) != 0)
				fz_fail("jsonl: %s does not hold its value", f[i].name);
			p = e;
			break;
		}
		case BILEX_FIELD_JSON: {
			const char *s = *(const char *const *)at;

			p = expect(p, s && *s ? s : "null");
			break;
		}
		case BILEX_FIELD_INT: {
			int64_t v = *(const int64_t *)at;
			char num[32];

			if (v < 0)
				snprintf(num, sizeof(num), "null");
			else
				snprintf(num, sizeof(num), "%lld", (long long)v);
			p = expect(p, num);
			break;
		}
		case BILEX_FIELD_NUMBER: {
			double v = *(const double *)at;
			char *end;

			if (v < 0) {
				p = expect(p, "null");
				break;
			}
			if (fabs(strtod(p, &end) - v) > 0.0005 + 1e-12 || end == p)
				fz_fail("jsonl: number %s is \"%.20s\" for %.6f", f[i].name, p, v);
			p = end;
			break;
		}
		}
	}
	expect(p, "}\n");
	free(str);
}

/* ---- one input ----------------------------------------------------------------------------- */

static char *
write_out(const char *format, unsigned mask, const struct bilex_record *rec, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	bilex_writer *w;

	if (fp == NULL)
		abort();
	if (bilex_writer_open_stream(fz_ctx, format, fp, mask, &w) != BILEX_OK)
		fz_fail("%s: open: %s", format, bilex_errmsg(fz_ctx));
	if (bilex_writer_write(w, rec) != BILEX_OK)
		fz_fail("%s: write: %s", format, bilex_errmsg(fz_ctx));
	if (bilex_writer_close(w) != BILEX_OK)
		fz_fail("%s: close: %s", format, bilex_errmsg(fz_ctx));
	if (fclose(fp) != 0)
		abort();
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	union any_record r;
	struct bilex_record rec;
	bilex_record_type type;
	unsigned mask;
	size_t n, at = 1;
	const struct bilex_field *f;
	char *strings[64];
	size_t nstrings = 0;
	char *out;
	size_t len;

	if (size == 0)
		return 0;
	if (bilex_record_fields((bilex_record_type)(data[0] & 3), &n) == NULL || n >= 64)
		fz_fail("record fields");
	type = (bilex_record_type)(data[0] & 3);
	mask = data[0] & 4 ? 0xFu : BILEX_MASK(type);
	f = bilex_record_fields(type, &n);
	memset(&r, 0, sizeof(r));
	for (size_t i = 0; i < n; i++) {
		void *field = (char *)&r + f[i].offset;
		const uint8_t *piece = at <= size ? data + at : NULL;
		const uint8_t *cut = piece ? memchr(piece, 0xFF, size - at) : NULL;
		size_t plen = piece ? (cut ? (size_t)(cut - piece) : size - at) : 0;

		if (piece)
			at += plen + 1;
		switch (f[i].type) {
		case BILEX_FIELD_STRING:
		case BILEX_FIELD_JSON: {
			char *s = NULL;

			if (piece) {
				s = malloc(plen + 1);
				if (s == NULL)
					abort();
				memcpy(s, piece, plen);
				s[plen] = '\0';
				strings[nstrings++] = s;
				/* a JSON field holds one JSON value on one line (the JSONL writer
				 * copies it as it is) */
				if (f[i].type == BILEX_FIELD_JSON &&
				    (!fz_json_valid(s) || strpbrk(s, "\r\n")))
					s = NULL;
			}
			*(char **)field = s;
			break;
		}
		case BILEX_FIELD_INT: {
			uint64_t v = 0;

			if (plen)
				memcpy(&v, piece, plen < 8 ? plen : 8);
			*(int64_t *)field = plen ? (int64_t)(v & INT64_MAX) : -1;
			break;
		}
		case BILEX_FIELD_NUMBER: {
			unsigned v = plen ? piece[0] | (plen > 1 ? piece[1] << 8 : 0) : 0;

			*(double *)field = plen ? v / 65535.0 : -1;
			break;
		}
		}
	}
	rec.type = type;
	switch (type) {
	case BILEX_REC_FILE: rec.u.file = &r.file; break;
	case BILEX_REC_SEGMENT: rec.u.segment = &r.segment; break;
	case BILEX_REC_PAIR: rec.u.pair = &r.pair; break;
	case BILEX_REC_ERROR: rec.u.error = &r.error; break;
	}

	out = write_out("csv", mask, &rec, &len);
	check_csv(out, len, type, mask, (const char *)&r);
	free(out);
	out = write_out("jsonl", mask, &rec, &len);
	check_jsonl(out, len, type, (const char *)&r);
	free(out);
	for (size_t i = 0; i < nstrings; i++)
		free(strings[i]);
	return 0;
}

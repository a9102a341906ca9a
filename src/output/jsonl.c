/*
 * jsonl.c - one JSON object per line; keys in field-table order after "type".
 */
#include "output.h"

#include <string.h>

static int
jsonl_open(struct bilex_writer *w)
{
	(void)w;
	return BILEX_OK;
}

static int
jsonl_write(struct bilex_writer *w, const struct bilex_record *rec)
{
	size_t n;
	const struct bilex_field *f = bilex_record_fields(rec->type, &n);
	const void *r = bx_record_struct(rec);
	int st;

	w->line.len = 0;
	st = bx_buf_adds(&w->line, "{\"type\":\"");
	if (st == BILEX_OK)
		st = bx_buf_adds(&w->line, bilex_record_type_name(rec->type));
	if (st == BILEX_OK)
		st = bx_buf_addc(&w->line, '"');
	for (size_t i = 0; i < n && st == BILEX_OK; i++) {
		/* names are identifiers from the field table: no escaping needed */
		size_t k = strlen(f[i].name);
		char key[64];

		if (k + 4 > sizeof(key))
			return BILEX_FATAL;
		key[0] = ',';
		key[1] = '"';
		memcpy(key + 2, f[i].name, k);
		key[k + 2] = '"';
		key[k + 3] = ':';
		st = bx_buf_add(&w->line, key, k + 4);
		if (st == BILEX_OK)
			st = bx_json_field(&w->line, r, &f[i]);
	}
	if (st == BILEX_OK)
		st = bx_buf_adds(&w->line, "}\n");
	if (st != BILEX_OK)
		return bx_fail(w->ctx, BILEX_FATAL, BILEX_E_NOMEM, "record too large to write");
	return bx_writer_flush_line(w);
}

static int
jsonl_close(struct bilex_writer *w)
{
	(void)w;
	return BILEX_OK;
}

static const char *const jsonl_ext[] = { "jsonl", "ndjson", "json", NULL };

const struct bx_writer_ops bx_jsonl_writer = {
	.name = "jsonl",
	.extensions = jsonl_ext,
	.open = jsonl_open,
	.write = jsonl_write,
	.close = jsonl_close,
};

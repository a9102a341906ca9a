/*
 * records.c - field tables of the four record types: the column order of CSV and the key
 * order of JSONL.  DESIGN.md section 4 makes the names a contract: append, never rename.
 */
#include "bx.h"

#include <stddef.h>

#define S(st, f) { #f, BILEX_FIELD_STRING, offsetof(struct st, f) }
#define I(st, f) { #f, BILEX_FIELD_INT, offsetof(struct st, f) }
#define N(st, f) { #f, BILEX_FIELD_NUMBER, offsetof(struct st, f) }
#define J(st, f) { #f, BILEX_FIELD_JSON, offsetof(struct st, f) }

static const struct bilex_field file_fields[] = {
	S(bilex_file, source), S(bilex_file, file), S(bilex_file, format), I(bilex_file, size),
	S(bilex_file, sha256), S(bilex_file, mtime), S(bilex_file, status),
	I(bilex_file, segments), S(bilex_file, charset), N(bilex_file, confidence),
	I(bilex_file, invalid), S(bilex_file, name_charset), N(bilex_file, name_confidence),
	I(bilex_file, depth), I(bilex_file, pairs), I(bilex_file, errors),
};

static const struct bilex_field segment_fields[] = {
	S(bilex_segment, id), S(bilex_segment, source), S(bilex_segment, file),
	S(bilex_segment, file_sha256), S(bilex_segment, member_sha256), S(bilex_segment, format),
	S(bilex_segment, kind), S(bilex_segment, where), S(bilex_segment, lang),
	S(bilex_segment, script), S(bilex_segment, text), S(bilex_segment, author),
	S(bilex_segment, date), S(bilex_segment, charset), N(bilex_segment, confidence),
	S(bilex_segment, block), S(bilex_segment, variant), S(bilex_segment, variant_evidence),
	S(bilex_segment, anchor_text), S(bilex_segment, parent), J(bilex_segment, extra),
};

static const struct bilex_field pair_fields[] = {
	S(bilex_pair, id), N(bilex_pair, score), S(bilex_pair, method), S(bilex_pair, zh),
	S(bilex_pair, ko), S(bilex_pair, zh_segment), S(bilex_pair, ko_segment),
	S(bilex_pair, source), S(bilex_pair, ko_source), S(bilex_pair, zh_where),
	S(bilex_pair, ko_where), S(bilex_pair, kind), S(bilex_pair, zh_variant),
	S(bilex_pair, ko_variant), S(bilex_pair, ko_variant_evidence), S(bilex_pair, zh_author),
	S(bilex_pair, ko_author), S(bilex_pair, zh_date), S(bilex_pair, ko_date),
	S(bilex_pair, file_sha256), S(bilex_pair, file), J(bilex_pair, signals),
};

static const struct bilex_field error_fields[] = {
	S(bilex_error, source), S(bilex_error, file), S(bilex_error, stage),
	S(bilex_error, code), S(bilex_error, message),
};

static const struct {
	const char *name;
	const struct bilex_field *fields;
	size_t n;
} tables[] = {
	[BILEX_REC_FILE] = { "file", file_fields, BX_ARRAY_LEN(file_fields) },
	[BILEX_REC_SEGMENT] = { "segment", segment_fields, BX_ARRAY_LEN(segment_fields) },
	[BILEX_REC_PAIR] = { "pair", pair_fields, BX_ARRAY_LEN(pair_fields) },
	[BILEX_REC_ERROR] = { "error", error_fields, BX_ARRAY_LEN(error_fields) },
};

const struct bilex_field *
bilex_record_fields(bilex_record_type type, size_t *n)
{
	if ((unsigned)type >= BX_ARRAY_LEN(tables)) {
		if (n)
			*n = 0;
		return NULL;
	}
	if (n)
		*n = tables[type].n;
	return tables[type].fields;
}

const char *
bilex_record_type_name(bilex_record_type type)
{
	return (unsigned)type < BX_ARRAY_LEN(tables) ? tables[type].name : "unknown";
}

/*
 * doc.h - jobs (one top-level input) and documents (one extracted item) inside the core.
 */
#ifndef BX_DOC_H
#define BX_DOC_H

#include "bx.h"
#include "../extract/extract.h"

struct bx_job {
	bilex_ctx *ctx;
	const char *file;      /* top-level file, as written in records */
	char file_sha256[65];
	uint64_t spent;        /* bytes expanded from members so far */
	uint64_t budget;       /* bytes that may be expanded (bx_job_budget); 0 = total-bytes */
	bool over_budget;      /* the total-bytes error was recorded */
	int64_t errors;        /* error records so far */
};

struct bx_doc;

int bx_job_error(struct bx_job *job, const char *source, const char *stage, bilex_code code,
    const char *fmt, ...) BX_PRINTF(5, 6);
int bx_job_file_record(struct bx_job *job, const struct bilex_file *f);
void bx_file_init(struct bilex_file *f, const struct bx_job *job, const struct bx_input *in);

int bx_process_input(struct bx_job *job, struct bx_input *in);
int bx_process_member(struct bx_job *job, const struct bx_input *parent,
    const struct bx_member *m);

int bx_doc_new(struct bx_job *job, struct bx_input *in, const char *format,
    struct bx_doc **out);
/* Aligns and emits what is pending. */
int bx_doc_finish(struct bx_doc *doc);
/* Copies the document's counts and charset facts into its file record. */
void bx_doc_fill_file(const struct bx_doc *doc, struct bilex_file *f);
void bx_doc_free(struct bx_doc *doc);

/* The ZIP directory cache of an input (src/extract/zipdir.c). */
void bx_zipdir_free(struct bx_zipdir *z);

#endif

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
int bx_member_source(struct bx_buf *b, const char *parent, const char *name, size_t *name_at);
int bx_process_member(struct bx_job *job, const struct bx_input *parent,
    const struct bx_member *m);

int bx_doc_new(struct bx_job *job, struct bx_input *in, const char *format,
    struct bx_doc **out);
/* Aligns and emits what is pending. */
int bx_doc_finish(struct bx_doc *doc);
/* Copies the document's counts and charset facts into its file record. */
void bx_doc_fill_file(const struct bx_doc *doc, struct bilex_file *f);
void bx_doc_free(struct bx_doc *doc);

/* Tapes (tape.c): the extractor calls on a document, recorded while it is read, replayed
 * when the same bytes come again.  bx_doc_record() starts recording on a document (the doc
 * owns the tape until bx_doc_record_end() hands it to the context's cache). */
struct bx_tape;
struct bx_unit;
/* extractor: the name of the extractor about to read the bytes (a static string) */
struct bx_tape *bx_tape_new(const char *extractor);
void bx_tape_free(struct bx_tape *t);
void bx_tape_spoil(struct bx_tape *t);
void bx_tape_unit(struct bx_tape *t, const struct bx_unit *u);
void bx_tape_format(struct bx_tape *t, const char *format);
void bx_tape_charset(struct bx_tape *t, const char *label, double confidence, int64_t invalid);
void bx_tape_meta(struct bx_tape *t, const char *author, const char *date);
void bx_tape_part_begin(struct bx_tape *t, const char *name);
void bx_tape_part_end(struct bx_tape *t, int status, const char *sha256, uint64_t size);
void bx_tape_error(struct bx_tape *t, int status, bilex_code code, const char *msg);
void bx_tape_charge(struct bx_tape *t, uint64_t n);
void bx_tape_keep(bilex_ctx *ctx, struct bx_tape *t, const char *sha256, int status);
struct bx_tape *bx_tape_find(bilex_ctx *ctx, const char *sha256, const char *extractor);
uint64_t bx_tape_charged(const struct bx_tape *t);
int bx_tape_play(const struct bx_tape *t, struct bx_doc *doc);
void bx_doc_record(struct bx_doc *doc, const char *extractor);
void bx_doc_record_end(struct bx_doc *doc, int status);

/* The ZIP directory cache of an input (src/extract/zipdir.c). */
void bx_zipdir_free(struct bx_zipdir *z);

#endif

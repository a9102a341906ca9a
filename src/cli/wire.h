/*
 * wire.h - what the worker processes and the parent say to each other (wire.c).
 *
 * One message: a 4-byte little-endian length of what follows, a kind byte, the payload.
 *   JOB  parent -> worker   u64 slot, the input path (the rest of the payload)
 *   REC  worker -> parent   u8 record type, then each field of bilex_record_fields() in order:
 *                           strings as u32 length (0xFFFFFFFF = NULL), the bytes and a NUL,
 *                           integers as i64, numbers as the 8 bytes of a double; a segment
 *                           ends with its crop as u32 length and bytes (no NUL)
 *   DONE worker -> parent   u64 slot, i32 status, i32 code, the message (rest)
 * A worker is untrusted: the parent checks every length against the message, refuses NUL bytes
 * inside strings and messages over WIRE_MAX, and treats a bad message as a crash of the worker.
 */
#ifndef BILEX_WIRE_H
#define BILEX_WIRE_H

#include "cli.h"

#define WIRE_MAX (256u << 20) /* largest message accepted: a record of a big document */

enum wire_kind { WIRE_JOB = 1, WIRE_REC = 2, WIRE_DONE = 3 };

/* A growable byte buffer (the CLI's own: libbilex keeps its helpers private). */
struct wbuf {
	unsigned char *p;
	size_t len, cap;
};

int wbuf_add(struct wbuf *b, const void *p, size_t n);
/* Room for n more bytes after len (WIRE_MAX at most). */
int wbuf_reserve(struct wbuf *b, size_t n);
void wbuf_free(struct wbuf *b);

/* Appends one framed message. */
int wire_put_job(struct wbuf *b, uint64_t slot, const char *path);
int wire_put_record(struct wbuf *b, const struct bilex_record *rec);
int wire_put_done(struct wbuf *b, uint64_t slot, int status, int code, const char *msg);

/* Length of the complete message at p (header included), 0 when more bytes are needed, -1
 * when the header is invalid. */
int64_t wire_frame(const unsigned char *p, size_t n);

/* A decoded REC: the record points into the struct held here, its strings into the message
 * it was decoded from (valid while those bytes are). */
struct wire_rec {
	struct bilex_record rec;
	union {
		struct bilex_file file;
		struct bilex_segment segment;
		struct bilex_pair pair;
		struct bilex_error error;
	} u;
};

/* Decodes the message payload p[0..n) (after the kind byte) of a REC.  0 or -1 when the
 * message is not a valid record. */
int wire_get_record(struct wire_rec *r, const unsigned char *p, size_t n);
void wire_rec_free(struct wire_rec *r);

/* JOB and DONE: the path or message is copied NUL-terminated into text (text_len bytes). */
int wire_get_job(const unsigned char *p, size_t n, uint64_t *slot, char *text, size_t text_len);
int wire_get_done(const unsigned char *p, size_t n, uint64_t *slot, int *status, int *code,
    char *text, size_t text_len);

#endif

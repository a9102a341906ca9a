/*
 * zip-int.h - ZIP for the extractors built on it (zip, ooxml, odf, hwpx): the central
 * directory read by bilex itself (zipdir.c) and members read through libzip (zipread.c).
 */
#ifndef BX_ZIP_INT_H
#define BX_ZIP_INT_H

#include "extract.h"

#include <zip.h>

struct bx_zipent {
	const unsigned char *name; /* raw bytes, inside the input buffer */
	uint16_t name_len;
	uint16_t flags, method, dos_time, dos_date;
	uint32_t crc;
	uint64_t csize, usize, offset, data_start;
	bool encrypted, utf8, unicode_path;
};

struct bx_zipdir {
	bool ok;
	bool zip64, truncated, overlap;
	struct bx_zipent *e;
	size_t n;
	uint64_t declared;   /* entries the EOCD declares */
	uint64_t prefix;     /* bytes in front of the archive */
	uint64_t comp_sum;   /* sum of compressed sizes */
	size_t eocd;
};

/* The central directory of the input, parsed once; NULL when it is not a ZIP. */
const struct bx_zipdir *bx_zipdir_get(struct bx_input *in);
const struct bx_zipent *bx_zipdir_find(const struct bx_zipdir *z, const char *name);
bool bx_zipdir_has_prefix(const struct bx_zipdir *z, const char *prefix);
void bx_zipdir_free(struct bx_zipdir *z);
/* Bits of ZIP signature actually seen (for bids). */
int bx_zip_signature_bits(const struct bx_input *in, const struct bx_zipdir *z);

/* ---- reading members ------------------------------------------------------------------- */
struct bx_zipr;

/* Opens the input with libzip (ZIP_CHECKCONS, then without it, recording `corrupt`). Error
 * records are written by these functions; the status says whether to go on. */
int bx_zipr_open(struct bx_doc *doc, struct bx_input *in, struct bx_zipr **out);
void bx_zipr_close(struct bx_zipr *zr);
zip_t *bx_zipr_archive(struct bx_zipr *zr);
int64_t bx_zipr_count(const struct bx_zipr *zr);
/* Index of a member by name (case-insensitive), or -1. */
int64_t bx_zipr_locate(struct bx_zipr *zr, const char *name);
/* Reads member idx into *buf (malloc'ed, NUL-terminated, caller frees): never more than its
 * declared size (one byte more is `corrupt`), within the member-bytes limit, the expansion
 * ratio and the input's budget; encrypted members are `encrypted`.  On failure an error
 * record names the member (`what` is how the record calls it) and *buf is NULL. */
int bx_zipr_read(struct bx_zipr *zr, uint64_t idx, unsigned char **buf, size_t *len);

/* The same, writing no record: the reason is returned in *code and msg (BILEX_WARN: data
 * returned but damaged, e.g. shorter than declared). */
int bx_zipr_read_quiet(struct bx_zipr *zr, uint64_t idx, unsigned char **buf, size_t *len,
    bilex_code *code, char *msg, size_t mlen);

/* Streaming read of one member with the same checks (for XML parts of any size). */
struct bx_zips;
int bx_zips_open(struct bx_zipr *zr, uint64_t idx, struct bx_zips **out);
/* Reads up to cap bytes; returns the count (0 at the end) or -1 after an error record. */
int64_t bx_zips_read(struct bx_zips *s, void *buf, size_t cap);
void bx_zips_close(struct bx_zips *s);
/* SHA-256 of what was read (call once, after the last read); returns the byte count. */
uint64_t bx_zips_digest(struct bx_zips *s, char out[65]);

/* A member's time as ISO 8601 (from the DOS time libzip reports, UTC). */
void bx_zip_mtime(zip_t *za, uint64_t idx, char out[32]);

#endif

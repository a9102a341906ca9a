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

/* Whether libzip can open the input at all (some ZIPs only libarchive reads). */
bool bx_zipr_probe(struct bx_input *in);
/* Reads any archive through libarchive (archive.c): the fallback for such ZIPs. */
int bx_archive_extract(struct bx_doc *doc, struct bx_input *in);
/* Whether an archive lies so deep that all its members would be past the depth limit; if so
 * a `limit-depth` record is written for the archive, which is then not opened. */
bool bx_archive_too_deep(struct bx_doc *doc, const struct bx_input *in);

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
 * returned but damaged: shorter than declared, or *overrun: the member inflates past its
 * declared size, and *buf holds the declared bytes only). */
int bx_zipr_read_quiet(struct bx_zipr *zr, uint64_t idx, unsigned char **buf, size_t *len,
    bilex_code *code, char *msg, size_t mlen, bool *overrun);

/* Member names seen in one container (zip.c): a name met again comes back as "NAME [k]"
 * (*copy = k; 1 the first time), so that two members never share a source.  NULL on OOM. */
struct bx_nameset;
struct bx_nameset *bx_nameset_new(void);
char *bx_nameset_unique(struct bx_nameset *ns, const char *name, unsigned *copy);
void bx_nameset_free(struct bx_nameset *ns);

/* Whether one name among legacy ones (the archive's charset: converter LEGACY) is UTF-8: it
 * is valid UTF-8 with multi-byte sequences, and LEGACY cannot decode it or reads it as less
 * plausible text. */
struct bx_lang;
bool bx_name_prefers_utf8(struct bx_lang *L, const char *legacy, const unsigned char *p,
    size_t n);

/* Appends raw name bytes decoded with converter CNV (NULL: as they are), NFC, escaped
 * (bx_escape_bytes).  Undecodable bytes of a UTF-8 name show as \xNN; a NUL inside a name is
 * kept as \u0000 (the pieces around it are decoded on their own: NUL is one byte in every
 * candidate charset, never part of a multi-byte sequence).  For zip.c and archive.c. */
struct bx_buf;
int bx_name_decoded(struct bx_lang *L, struct bx_buf *b, const char *cnv, const unsigned char *p,
    size_t n);

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

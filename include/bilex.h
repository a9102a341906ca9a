/*
 * bilex.h - the public interface of libbilex, the only installed header.
 *
 * libbilex walks a file dump, extracts every piece of text with its provenance, finds the
 * Chinese and Korean segments and pairs each Chinese instruction with its Korean translation.
 *
 * Conventions (libarchive and curl style):
 *  - Every function returns a status from the ladder below, or a pointer / count where said.
 *  - Handles are opaque.  A bilex_ctx is used by one thread at a time; distinct contexts are
 *    independent (the library keeps no mutable globals).
 *  - Records handed to the record callback are borrowed: every pointer inside them is valid
 *    only until the callback returns.  Copy what you keep.
 *  - Record structs are allocated by the library; new members are only ever appended, so code
 *    built against an older header keeps working.
 *  - The library never prints, never exits and never writes a file it was not named.  One
 *    dependency can: libarchive 3.6 ends the process ("Fatal Internal Error in libarchive:
 *    No memory") when an allocation inside it fails, which only an exhausted address space
 *    causes.  Callers that read untrusted archives without worker processes and their memory
 *    limits (bilex -j 0) take that risk; bilex's workers turn it into a record of that input.
 */
#ifndef BILEX_H
#define BILEX_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(BILEX_BUILDING) && defined(__GNUC__)
#define BILEX_API __attribute__((visibility("default")))
#else
#define BILEX_API
#endif

#define BILEX_VERSION_MAJOR 0
#define BILEX_VERSION_MINOR 1
#define BILEX_VERSION_PATCH 0
#define BILEX_VERSION_STRING "0.1.0"

/* ---- status ladder ------------------------------------------------------------------------
 * Ordered by severity, as in libarchive: callers may test `st < BILEX_OK`.                    */
#define BILEX_OK 0       /* done, nothing to report */
#define BILEX_WARN (-20) /* done; some items became error records (not a failure of the run) */
#define BILEX_FAILED (-25) /* this input or call failed; the context is usable, go on */
#define BILEX_FATAL (-30)  /* stop: out of memory, a callback asked to stop, output unusable */

/* ---- error codes ---------------------------------------------------------------------------
 * One numbered enum for the whole library.  The numbers and the short names returned by
 * bilex_code_name() are stable: error records carry the short name in their `code` field.     */
typedef enum bilex_code {
	BILEX_E_NONE = 0,
	BILEX_E_NOMEM = 1,           /* "no-memory" */
	BILEX_E_INVALID = 2,         /* "invalid-argument": a caller error */
	BILEX_E_IO = 3,              /* "io": read error on an input */
	BILEX_E_UNREADABLE = 4,      /* "unreadable": permission denied, vanished, not a file */
	BILEX_E_LOOP = 5,            /* "loop": a directory reached twice through links */
	BILEX_E_OUTSIDE = 6,         /* "outside-tree": a link pointing out of the scanned tree */
	BILEX_E_SPECIAL = 7,         /* "special-file": device, fifo or socket: never read */
	BILEX_E_LIMIT_DEPTH = 10,    /* "limit-depth": nesting deeper than the depth limit */
	BILEX_E_LIMIT_BYTES = 11,    /* "limit-bytes": a size or output budget was exceeded */
	BILEX_E_LIMIT_ENTRIES = 12,  /* "limit-entries": too many members in one container */
	BILEX_E_LIMIT_PIXELS = 13,   /* "limit-pixels": image larger than the pixel limits */
	BILEX_E_LIMIT_MEMORY = 14,   /* "limit-memory": a worker ran out of its memory budget,
	                                or an input would need more of it */
	BILEX_E_LIMIT_SEGMENTS = 15, /* "limit-segments": too many segments in one document */
	BILEX_E_ZIP_BOMB = 20,       /* "zip-bomb": overlapping entries or runaway expansion */
	BILEX_E_ENCRYPTED = 21,      /* "encrypted": password-protected, never guessed */
	BILEX_E_DTD_REJECTED = 22,   /* "dtd-rejected": DOCTYPE where the format forbids it */
	BILEX_E_CORRUPT = 23,        /* "corrupt": malformed or truncated data */
	BILEX_E_UNSUPPORTED = 24,    /* "unsupported": known format, unsupported variant */
	BILEX_E_TIMEOUT = 25,        /* "timeout": wall-clock limit hit (worker killed) */
	BILEX_E_CRASH = 26,          /* "crash": the worker died on this input */
	BILEX_E_SELF = 27,           /* "self-contained": an archive that contains itself */
	BILEX_E_OCR = 28,            /* "ocr": the OCR engine failed or is not available */
	BILEX_E_CALLBACK = 29,       /* "callback": the record callback asked to stop */
	BILEX_E_INTERNAL = 30,       /* "internal": a bug; please report */
	BILEX_E_DUPLICATE = 31,      /* "duplicate": duplicate member name (evidence kept) */
	BILEX_E_DECODE = 32          /* "decode": text could not be decoded without loss */
} bilex_code;

/* Stable short name ("limit-depth"); "unknown" for numbers not in the enum. */
BILEX_API const char *bilex_code_name(bilex_code code);
/* One-line English description of the code. */
BILEX_API const char *bilex_code_message(bilex_code code);
/* Reverse of bilex_code_name(); BILEX_E_NONE when the name is unknown. */
BILEX_API bilex_code bilex_code_from_name(const char *name);

/* ---- records --------------------------------------------------------------------------------
 * Field names are the column names of the CSV output and the keys of the JSONL output
 * (docs/RECORDS.md).  A NULL string means "not known"; a negative confidence or score means
 * "not applicable"; an integer of -1 means "not known".                                      */
typedef enum bilex_record_type {
	BILEX_REC_FILE = 0,
	BILEX_REC_SEGMENT = 1,
	BILEX_REC_PAIR = 2,
	BILEX_REC_ERROR = 3
} bilex_record_type;

struct bilex_file {
	const char *source;        /* path chain, members joined with '!' */
	const char *file;          /* top-level file */
	const char *format;        /* text, docx, zip, ... ("unknown" when nothing bid) */
	int64_t size;              /* bytes */
	const char *sha256;        /* hex */
	const char *mtime;         /* ISO 8601: file time, or entry time inside an archive */
	const char *status;        /* "ok", "empty" or "error" */
	int64_t segments;          /* segments extracted from this item (not its members) */
	const char *charset;       /* text: the decoding chosen */
	double confidence;         /* text: confidence in that choice, 0..1 */
	int64_t invalid;           /* text: bytes or sequences that did not decode (substituted) */
	const char *name_charset;  /* archive member: charset its name was decoded from */
	double name_confidence;    /* archive member: confidence in that name decoding */
	int64_t depth;             /* 0 for a top-level file, +1 per container level */
	int64_t pairs;             /* pairs found inside this item */
	int64_t errors;            /* error records for this item */
};

struct bilex_segment {
	const char *id;            /* stable: same in sharded and whole runs */
	const char *source;        /* path chain down to the part that held the text */
	const char *file;          /* top-level file */
	const char *file_sha256;
	const char *member_sha256; /* innermost member; equals file_sha256 for plain files */
	const char *format;        /* format of the document the segment came from */
	const char *kind;          /* body, heading, cell, comment, reply, ... , filename, ocr-line */
	const char *where;         /* "line 12", "Sheet1!B7", "x=120 y=88 w=640 h=40", ... */
	const char *lang;          /* zh, ko, ja, en, other */
	const char *script;        /* Hans, Hant, Hang, Kore, Jpan, Latn, ... (ISO 15924) */
	const char *text;          /* UTF-8, NFC */
	const char *author;
	const char *date;          /* ISO 8601 */
	const char *charset;       /* where the text was decoded from bytes */
	double confidence;         /* 0..1 for OCR and charset guesses, else -1 */
	const char *block;         /* id of the layout unit (paragraph, cell, box) */
	const char *variant;       /* zh: Hans|Hant; ko: KP|KR|unknown */
	const char *variant_evidence; /* ko: the KP/KR markers found, ';'-separated */
	const char *anchor_text;   /* comment: the text it is anchored on */
	const char *parent;        /* reply: id of the segment it answers */
	const char *extra;         /* JSON object with format-specific facts, or NULL */
	/* OCR lines with BILEX_FLAG_CROPS: a PNG of the line's region of the image (at most
	 * 600 pixels wide and 64 KiB), else NULL.  Not a column of the text formats. */
	const unsigned char *crop;
	size_t crop_len;
};

struct bilex_pair {
	const char *id;
	double score;              /* 0..1 */
	const char *method;        /* same-line, same-block, adjacent, anchor, dp, bipartite,
	                              cross-file, reply, cell */
	const char *zh, *ko;       /* texts */
	const char *zh_segment, *ko_segment; /* segment ids ('+'-joined for merged 2-1 units) */
	const char *source;        /* source of the zh side */
	const char *ko_source;
	const char *zh_where, *ko_where;
	const char *kind;          /* kind of the zh side */
	const char *zh_variant;    /* Hans | Hant */
	const char *ko_variant;    /* KP | KR | unknown */
	const char *ko_variant_evidence;
	const char *zh_author, *ko_author;
	const char *zh_date, *ko_date;
	const char *file_sha256;   /* of the top-level file of the zh side */
	const char *file;          /* top-level file of the zh side */
	const char *signals;       /* JSON object: each signal's share of the score */
};

struct bilex_error {
	const char *source;
	const char *file;
	const char *stage;         /* walk, sniff, extract, lang, align, output, worker */
	const char *code;          /* bilex_code_name() */
	const char *message;       /* UTF-8, one line, control characters escaped */
};

struct bilex_record {
	bilex_record_type type;
	union {
		const struct bilex_file *file;
		const struct bilex_segment *segment;
		const struct bilex_pair *pair;
		const struct bilex_error *error;
	} u;
};

/* The record callback.  Return 0 to go on; any other value stops the current call with
 * BILEX_FATAL (code BILEX_E_CALLBACK). */
typedef int (*bilex_record_fn)(void *arg, const struct bilex_record *rec);

/* ---- field tables ----------------------------------------------------------------------------
 * Writers and bindings iterate over a record type's fields instead of hard-coding names. */
typedef enum bilex_field_type {
	BILEX_FIELD_STRING = 0, /* const char * */
	BILEX_FIELD_INT = 1,    /* int64_t, -1 = unknown */
	BILEX_FIELD_NUMBER = 2, /* double, < 0 = not applicable */
	BILEX_FIELD_JSON = 3    /* const char * holding a JSON value */
} bilex_field_type;

struct bilex_field {
	const char *name;
	bilex_field_type type;
	size_t offset;          /* offset of the member inside the record struct */
};

/* Fields of a record type, in output column order; *n receives the count. */
BILEX_API const struct bilex_field *bilex_record_fields(bilex_record_type type, size_t *n);
/* "file", "segment", "pair" or "error". */
BILEX_API const char *bilex_record_type_name(bilex_record_type type);

/* ---- context ----------------------------------------------------------------------------- */
typedef struct bilex_ctx bilex_ctx;

/* Creates a context with default options and limits.  Returns BILEX_OK or BILEX_FATAL. */
BILEX_API int bilex_ctx_new(bilex_ctx **out);
BILEX_API void bilex_ctx_free(bilex_ctx *ctx);

/* Message of the last failed call on this context (never NULL; owned by the context). */
BILEX_API const char *bilex_errmsg(const bilex_ctx *ctx);
/* Code of the last failed call on this context. */
BILEX_API bilex_code bilex_errcode(const bilex_ctx *ctx);

BILEX_API void bilex_set_callback(bilex_ctx *ctx, bilex_record_fn fn, void *arg);

/* Limits.  Every limit has a documented default (docs/LIMITS.md) and a stable name, so the
 * command line can set any of them with --limit NAME=VALUE. */
typedef enum bilex_limit {
	BILEX_LIMIT_DEPTH = 0,          /* container nesting, default 8 */
	BILEX_LIMIT_FILE_BYTES,         /* largest top-level file read, default 16 GiB */
	BILEX_LIMIT_MEMBER_BYTES,       /* largest member held in memory, default 256 MiB */
	BILEX_LIMIT_TOTAL_BYTES,        /* bytes expanded per top-level input, default 4 GiB */
	BILEX_LIMIT_ENTRIES,            /* members per container, default 100000 */
	BILEX_LIMIT_RATIO,              /* expansion ratio after the first MiB, default 200 */
	BILEX_LIMIT_SEGMENTS,           /* segments held per document for alignment, 50000 */
	BILEX_LIMIT_LINE_BYTES,         /* longest text line kept whole, default 1 MiB */
	BILEX_LIMIT_XML_DEPTH,          /* element nesting in XML and HTML, default 256 */
	BILEX_LIMIT_IMAGE_SIDE,         /* pixels per side, default 32767 */
	BILEX_LIMIT_IMAGE_PIXELS,       /* pixels per image, default 89478485 */
	BILEX_LIMIT_OCR_MS,             /* OCR deadline per image in ms, default 20000 */
	BILEX_LIMIT_TEXT_BYTES,         /* text kept per document, default 256 MiB */
	BILEX_LIMIT_INPUT_MS,           /* wall clock per top-level input in a worker process, ms,
	                                   default 600000 (enforced by the bilex command) */
	BILEX_LIMIT_WORKER_BYTES,       /* address space of a worker process, default 4 GiB
	                                   (enforced by the bilex command) */
	BILEX_LIMIT_CELLS,              /* cells read from one CSV or TSV table, empty ones and
	                                   empty rows included, default 10000000 */
	BILEX_LIMIT_COUNT
} bilex_limit;

BILEX_API int bilex_set_limit(bilex_ctx *ctx, bilex_limit which, int64_t value);
BILEX_API int64_t bilex_get_limit(const bilex_ctx *ctx, bilex_limit which);
/* Name ("depth", "member-bytes", ...) and description of a limit; NULL when out of range. */
BILEX_API const char *bilex_limit_name(bilex_limit which);
BILEX_API const char *bilex_limit_help(bilex_limit which);
BILEX_API int64_t bilex_limit_default(bilex_limit which);
/* Index of a named limit, or -1. */
BILEX_API int bilex_limit_by_name(const char *name);

typedef enum bilex_flag {
	BILEX_FLAG_OCR = 0,        /* OCR images (default on when built with tesseract) */
	BILEX_FLAG_OCR_ALL,        /* also read black and grey text of whole images */
	BILEX_FLAG_PAIRS,          /* run the aligner (default on; off for `bilex extract`) */
	BILEX_FLAG_CROSS_FILE,     /* align sibling files (default on) */
	BILEX_FLAG_CROPS,          /* OCR lines carry a PNG of their region (default off) */
	BILEX_FLAG_COUNT
} bilex_flag;

BILEX_API int bilex_set_flag(bilex_ctx *ctx, bilex_flag which, int on);
BILEX_API int bilex_get_flag(const bilex_ctx *ctx, bilex_flag which);

typedef enum bilex_option {
	BILEX_OPT_LANGDATA = 0,   /* folder of language data (default: $BILEX_LANGDATA or the
	                             installed pkgdatadir) */
	BILEX_OPT_GLOSSARY,       /* extra glossary TSV (zh<TAB>ko<TAB>flags) */
	BILEX_OPT_OCR_LANGS,      /* tesseract languages for every horizontal line, e.g.
	                             "chi_tra+kor"; default: chi_sim and kor, each line read by
	                             the model of its script */
	BILEX_OPT_TESSDATA,       /* tessdata folder (default: tesseract's own) */
	BILEX_OPT_COUNT
} bilex_option;

BILEX_API int bilex_set_option(bilex_ctx *ctx, bilex_option which, const char *value);
BILEX_API const char *bilex_get_option(const bilex_ctx *ctx, bilex_option which);

/* Loads language data and opens ICU converters now instead of on first use (call before
 * forking workers, so that they share it).  Tesseract is loaded with the first picture, from
 * the tessdata folder: a sandbox must leave it readable.  Returns BILEX_OK, or BILEX_FAILED
 * with a message when data is missing. */
BILEX_API int bilex_prepare(bilex_ctx *ctx);

/* ---- the work ----------------------------------------------------------------------------- */

/* Walks PATHS (files and folders, in a stable order), extracts, aligns (also across sibling
 * files) and hands every record to the callback.  Returns BILEX_OK, BILEX_WARN when some items
 * became error records, or BILEX_FATAL. */
BILEX_API int bilex_scan(bilex_ctx *ctx, const char *const *paths, size_t n);

/* One top-level input file: extracts, aligns inside it and hands its records to the callback.
 * No cross-file alignment (that needs the neighbours: see bilex_collector).  This is the unit
 * of work of a worker process. */
BILEX_API int bilex_process(bilex_ctx *ctx, const char *path);

/* Puts an input that was not read on record: an error record and a file record. */
BILEX_API int bilex_report(bilex_ctx *ctx, const char *path, bilex_code code,
    const char *message);

/* Extracts from bytes in memory as if they were a file called NAME. */
BILEX_API int bilex_process_memory(bilex_ctx *ctx, const char *name, const void *data,
    size_t size);

/* ---- walking -------------------------------------------------------------------------------
 * Yields top-level input files in the order bilex_scan uses: paths compared component by
 * component (bytewise), files of a folder before its subfolders.  Symbolic links are followed
 * only when they stay inside the tree; loops and special files become error records handed to
 * the context callback. */
typedef struct bilex_walk bilex_walk;

BILEX_API int bilex_walk_new(bilex_ctx *ctx, const char *const *paths, size_t n,
    bilex_walk **out);
/* Sets *path to the next input (owned by the walk, valid until the next call) and returns
 * BILEX_OK; BILEX_WARN with *path = NULL at the end; BILEX_FATAL on failure.  When *code is
 * not BILEX_E_NONE the input must not be read (a loop, a link out of the tree, a device, an
 * unreadable folder, which then ends with '/'): hand it to bilex_report(). */
BILEX_API int bilex_walk_next(bilex_walk *w, const char **path, bilex_code *code);
BILEX_API void bilex_walk_free(bilex_walk *w);

/* Order used by the walk and by `bilex merge`: <0, 0, >0 like strcmp. */
BILEX_API int bilex_path_cmp(const char *a, const char *b);

/* ---- collecting ------------------------------------------------------------------------------
 * The collector receives the records of consecutive top-level inputs (from bilex_process, or
 * decoded from worker processes), passes them on to FN and aligns sibling files of a folder
 * when the folder is done.  It uses CTX for its aligner; records fed to it need not come from
 * CTX.  bilex_scan is walk + process + collect. */
typedef struct bilex_collector bilex_collector;

BILEX_API int bilex_collector_new(bilex_ctx *ctx, bilex_record_fn fn, void *arg,
    bilex_collector **out);
/* Feeds one record of the current input. */
BILEX_API int bilex_collector_feed(bilex_collector *c, const struct bilex_record *rec);
/* Marks the end of the records of the input PATH. */
BILEX_API int bilex_collector_end_input(bilex_collector *c, const char *path);
/* Flushes what is pending (the last folder). */
BILEX_API int bilex_collector_finish(bilex_collector *c);
BILEX_API void bilex_collector_free(bilex_collector *c);

/* ---- sharding ------------------------------------------------------------------------------
 * Shard of PATH among N (0-based), from a stable hash of the folder that holds it, so sibling
 * files that translate each other stay in one shard. */
BILEX_API unsigned bilex_shard_of(const char *path, unsigned n);

/* ---- output --------------------------------------------------------------------------------
 * Writers turn records into csv, jsonl (and, when built in, xlsx and html).  A writer is
 * given a mask of record types to write (1u << BILEX_REC_PAIR, ...); other records are counted
 * but not written. */
typedef struct bilex_writer bilex_writer;

#define BILEX_MASK(t) (1u << (t))

/* Opens a writer of FORMAT ("csv", "jsonl", "xlsx", "html") on PATH ("-" = stdout for csv and
 * jsonl).  The file is created or truncated; nothing else is written. */
BILEX_API int bilex_writer_open(bilex_ctx *ctx, const char *format, const char *path,
    unsigned mask, bilex_writer **out);
/* Same on an open stream (csv and jsonl only); the stream stays owned by the caller. */
BILEX_API int bilex_writer_open_stream(bilex_ctx *ctx, const char *format, FILE *fp,
    unsigned mask, bilex_writer **out);
BILEX_API int bilex_writer_write(bilex_writer *w, const struct bilex_record *rec);
/* Finishes the file; returns BILEX_FATAL when the output could not be written completely. */
BILEX_API int bilex_writer_close(bilex_writer *w);
/* Format name for a file name's extension ("x.jsonl" -> "jsonl"), or NULL. */
BILEX_API const char *bilex_format_for_path(const char *path);
/* NULL-terminated list of the output formats built in. */
BILEX_API const char *const *bilex_output_formats(void);

/* ---- introspection -------------------------------------------------------------------------- */
BILEX_API const char *bilex_version(void);
/* Name of the i-th extractor built in (registry order), NULL past the last. */
BILEX_API const char *bilex_extractor_name(size_t i);
/* Writes "name version" of the i-th library linked in ("ICU 72.1", "libxml2 2.9.14", ...)
 * into buf; BILEX_FAILED past the last one. */
BILEX_API int bilex_library_version(size_t i, char *buf, size_t len);

#ifdef __cplusplus
}
#endif
#endif /* BILEX_H */

/*
 * archive.c - every other container, through libarchive: tar (plain, gz, bz2, xz, zst), 7z,
 * rar, cpio, ISO 9660, and single compressed files (note.txt.gz).  Also the fallback for ZIPs
 * that libzip refuses outright (a UTF-8 flag on names that are not UTF-8, control bytes in
 * names): libarchive reads them as a stream.
 *
 * Archives are read from memory.  Names follow the ZIP rules: raw bytes, one charset decision
 * for the archive (UTF-16 and UTF-8 names of 7z, Joliet and pax are taken as they are), NFC,
 * controls escaped.  A member is read up to its declared size (one byte more is `corrupt`),
 * within the member-bytes limit, the input's budget and the expansion ratio, whose check
 * runs on what was really decompressed, not on what headers claim.
 */
#include "extract.h"
#include "zip-int.h"
#include "../lang/lang.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <locale.h>
#include <strings.h>

#include <archive.h>
#include <archive_entry.h>

#define MiB (UINT64_C(1) << 20)
#define NAMES_SAMPLE (64 * 1024)
#define NAMES_MAX 4096  /* headers read in the first pass, to decide the names' charset */

/* ---- bids: signatures at fixed places --------------------------------------------------- */

static bool
at(const struct bx_input *in, size_t off, const void *sig, size_t n)
{
	return in->size >= off + n && memcmp(in->data + off, sig, n) == 0;
}

static int
archive_bid(struct bx_input *in)
{
	if (at(in, 0, "7z\xBC\xAF\x27\x1C", 6))
		return 48;
	if (at(in, 0, "Rar!\x1A\x07", 6))
		return 48;
	if (at(in, 0, "\xFD" "7zXZ\0", 6))
		return 48;
	if (at(in, 0, "070701", 6) || at(in, 0, "070702", 6) || at(in, 0, "070707", 6))
		return 48;
	if (at(in, 257, "ustar", 5))
		return 40 + (at(in, 262, "\0" "00", 3) || at(in, 262, "  \0", 3) ? 24 : 0);
	if (at(in, 32769, "CD001", 5))
		return 40;
	if (at(in, 0, "\x28\xB5\x2F\xFD", 4) || at(in, 0, "LZIP", 4))
		return 32;
	if (at(in, 0, "BZh", 3) && in->size > 3 && in->data[3] >= '1' && in->data[3] <= '9')
		return 32;
	if (at(in, 0, "\x1F\x8B\x08", 3))
		return 24;
	if (at(in, 0, "\xC7\x71", 2) || at(in, 0, "\x71\xC7", 2))
		return 16; /* old binary cpio */
	return BX_BID_NONE;
}

/* ---- names -------------------------------------------------------------------------------- */

static bool
ascii(const char *p)
{
	for (; *p; p++)
		if ((unsigned char)*p >= 0x80)
			return false;
	return true;
}

struct arch {
	struct bx_doc *doc;
	struct bx_input *in;
	struct bx_charset_choice ch;
	bool have_ch;
	bool raw;            /* a single compressed file, not an archive */
	bool local;          /* a ZIP read from its local headers (streaming reader only) */
	int format;
	long entry;          /* entries seen (folders too), for the ZIP directory fallback */
	char rawbuf[4096];
};

static struct archive *
open_reader(struct bx_input *in, bool raw, bool local)
{
	struct archive *a = archive_read_new();

	if (a == NULL)
		return NULL;
	archive_read_support_filter_all(a);
	if (raw) {
		archive_read_support_format_raw(a);
	} else if (local) {
		archive_read_support_format_zip_streamable(a);
	} else {
		archive_read_support_format_all(a);
		archive_read_support_format_empty(a);
	}
	/* libarchive's own caps stay on; ours are applied per member and per input */
	if (archive_read_open_memory(a, in->data, in->size) != ARCHIVE_OK) {
		archive_read_free(a);
		return NULL;
	}
	return a;
}

/*
 * libarchive 3.6 ends the process (__archive_errx, "No memory") when a name it cannot
 * convert leaves errno at ENOMEM, but mbrtowc() does not set errno for a name cut inside a
 * UTF-8 sequence, so an ENOMEM left over from an earlier allocation that failed cleanly (an
 * LZMA member asking for a 4 GiB dictionary under the worker's RLIMIT_AS) killed the worker
 * at the next such name (fuzz/regress/zip/lzma-enomem-then-cut-name).  errno is cleared
 * before every libarchive call that converts names: reading a header and asking for a name.
 */
static int
next_header(struct archive *a, struct archive_entry **e)
{
	errno = 0;
	return archive_read_next_header(a, e);
}

/* The raw name of an entry, or NULL for names that come as Unicode (taken as they are). */
static const char *
raw_name(struct archive_entry *e, const char **unicode)
{
	const char *mbs;

	errno = 0; /* see next_header() */
	mbs = archive_entry_pathname(e);

	*unicode = NULL;
	/* formats that store Unicode (7z, Joliet, pax, RAR 5) are converted to UTF-8 by
	 * libarchive (the thread's locale is UTF-8); raw bytes (tar, cpio, old RAR) come back
	 * unconverted and are decoded with the archive's charset */
	if (mbs == NULL) {
		const char *u8;

		errno = 0;
		u8 = archive_entry_pathname_utf8(e);

		if (u8 && bx_utf8_valid(u8, strlen(u8)))
			*unicode = u8;
	}
	return mbs;
}

/* First pass: the raw non-ASCII names of the archive, for one charset decision. */
static void
decide_names(struct arch *x)
{
	struct archive *a = open_reader(x->in, false, x->local);
	struct archive_entry *e;
	struct bx_lang *L = bx_doc_lang(x->doc);
	struct bx_buf b;
	int count = 0;

	if (a == NULL || L == NULL) {
		if (a)
			archive_read_free(a);
		return;
	}
	bx_buf_init(&b, NAMES_SAMPLE);
	while (count++ < NAMES_MAX) {
		int r = next_header(a, &e);

		if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
			break;
		const char *u, *raw = raw_name(e, &u);
		const struct bx_zipdir *z;

		if (raw == NULL && u == NULL && !x->local && (z = bx_zipdir_get(x->in)) &&
		    count - 1 < (int)z->n) {
			/* as in extract_pass: the directory's raw bytes for an unconvertible name */
			if (!bx_utf8_valid((const char *)z->e[count - 1].name, z->e[count - 1].name_len)) {
				bx_buf_add(&b, z->e[count - 1].name, z->e[count - 1].name_len);
				bx_buf_addc(&b, '\n');
			}
			continue;
		}
		/* valid UTF-8 names are read as UTF-8 one by one (display_name): only the others
		 * need the archive's legacy charset */
		if (raw && !u && !ascii(raw) && !bx_utf8_valid(raw, strlen(raw)) &&
		    (bx_buf_adds(&b, raw) != BILEX_OK || bx_buf_addc(&b, '\n') != BILEX_OK))
			break;
		/* headers only: skipping data still inflates compressed tars, so stop early */
		if ((uint64_t)archive_filter_bytes(a, 0) > 64 * MiB)
			break;
	}
	archive_read_free(a);
	if (b.len && bx_charset_names(L, (const unsigned char *)b.data, b.len, &x->ch) == BILEX_OK)
		x->have_ch = true;
	bx_buf_free(&b);
}

static char *
display_name(struct arch *x, const char *raw, const char *unicode, const char **cs, double *conf)
{
	struct bx_lang *L = bx_doc_lang(x->doc);
	struct bx_buf b;
	const char *src = unicode ? unicode : raw ? raw : "", *cnv = "UTF-8";
	char *out;

	if (unicode) {
		*cs = "UTF-8";
		*conf = 1.0;
	} else if (x->format == ARCHIVE_FORMAT_7ZIP && bx_utf8_valid(src, strlen(src))) {
		/* 7z stores every name in UTF-16LE (libarchive hands it over converted) */
		*cs = "UTF-16LE";
		*conf = 1.0;
	} else if (ascii(src)) {
		*cs = "ASCII";
		*conf = 1.0;
		cnv = NULL;
	} else if (bx_utf8_valid(src, strlen(src)) && !(x->have_ch && L &&
	    !bx_name_prefers_utf8(L, x->ch.name, (const unsigned char *)src, strlen(src)))) {
		/* valid UTF-8, unless the archive's other names are legacy and this one reads
		 * better in their charset */
		*cs = "UTF-8";
		*conf = 0.99;
	} else if (x->have_ch && L) {
		*cs = x->ch.label;
		*conf = x->ch.confidence;
		cnv = x->ch.name;
	} else {
		*cs = "unknown";
		*conf = 0;
		cnv = NULL;
	}
	bx_buf_init(&b, 1u << 16);
	bx_name_decoded(L, &b, cnv, (const unsigned char *)src, strlen(src));
	out = bx_strdup(bx_buf_str(&b));
	bx_buf_free(&b);
	return out;
}

/* Name of the only member of a compressed file: the input's name without its extension. */
static char *
raw_member_name(const struct bx_input *in)
{
	const char *n = in->name && *in->name ? in->name : "data";
	const char *dot = strrchr(n, '.');
	static const char *const ext[] = { ".gz", ".bz2", ".xz", ".zst", ".lz", ".lzma", ".z",
		".tgz", ".tbz2", ".txz" };

	for (size_t i = 0; dot && i < BX_ARRAY_LEN(ext); i++)
		if (strcasecmp(dot, ext[i]) == 0)
			return bx_strndup(n, (size_t)(dot - n));
	return bx_strdup("data");
}

static const char *
format_name(struct archive *a, bool raw)
{
	int f = archive_format(a) & ARCHIVE_FORMAT_BASE_MASK;

	if (raw) {
		switch (archive_filter_code(a, 0)) {
		case ARCHIVE_FILTER_GZIP: return "gz";
		case ARCHIVE_FILTER_BZIP2: return "bz2";
		case ARCHIVE_FILTER_XZ: return "xz";
		case ARCHIVE_FILTER_ZSTD: return "zst";
		default: return "compressed";
		}
	}
	switch (f) {
	case ARCHIVE_FORMAT_TAR: return "tar";
	case ARCHIVE_FORMAT_7ZIP: return "7z";
	case ARCHIVE_FORMAT_RAR:
	case ARCHIVE_FORMAT_RAR_V5: return "rar";
	case ARCHIVE_FORMAT_CPIO: return "cpio";
	case ARCHIVE_FORMAT_ISO9660: return "iso";
	case ARCHIVE_FORMAT_ZIP: return "zip";
	case ARCHIVE_FORMAT_AR: return "ar";
	case ARCHIVE_FORMAT_CAB: return "cab";
	case ARCHIVE_FORMAT_LHA: return "lha";
	case ARCHIVE_FORMAT_XAR: return "xar";
	default: return "archive";
	}
}

/* ---- reading ------------------------------------------------------------------------------ */

/*
 * The dictionary size an LZMA member (ZIP method 14) asks for, from its local header, or 0.
 * libarchive hands it to liblzma without a memory limit, and liblzma allocates all of it
 * before decoding a byte: 4 GiB fails in a worker (RLIMIT_AS) but not in a process without
 * workers (-j 0), so the same input would give two different records.  Deciding from the
 * header and the configured limit keeps the outcome one, whatever the process.
 */
static uint64_t
lzma_dictionary(const struct arch *x, struct archive *a)
{
	const unsigned char *p = x->in->data;
	la_int64_t off = archive_read_header_position(a);
	uint64_t at, n = x->in->size;

	if (x->format != ARCHIVE_FORMAT_ZIP || off < 0 || (uint64_t)off > n || n - (uint64_t)off < 30)
		return 0;
	p += off;
	if (memcmp(p, "PK\3\4", 4) != 0 || (p[8] | p[9] << 8) != 14)
		return 0;
	/* data after the name and the extra field: version (2), properties size (2), then
	 * the properties byte and the dictionary size (4, little-endian) */
	at = (uint64_t)off + 30 + (uint64_t)(p[26] | p[27] << 8) + (uint64_t)(p[28] | p[29] << 8);
	if (at > n || n - at < 9)
		return 0;
	p = x->in->data + at;
	return (uint64_t)p[5] | (uint64_t)p[6] << 8 | (uint64_t)p[7] << 16 | (uint64_t)p[8] << 24;
}

static int
read_member(struct arch *x, struct archive *a, struct archive_entry *e, struct bx_member *m,
    unsigned char **buf, size_t *len, bilex_code *code, char *msg, size_t mlen)
{
	uint64_t limit = (uint64_t)bx_doc_limit(x->doc, BILEX_LIMIT_MEMBER_BYTES);
	uint64_t declared = archive_entry_size_is_set(e) && archive_entry_size(e) >= 0 ?
	    (uint64_t)archive_entry_size(e) : UINT64_MAX;
	uint64_t cap = declared == UINT64_MAX ? limit : declared, got = 0, room;
	unsigned char *p;
	la_ssize_t n;

	*buf = NULL;
	*len = 0;
	(void)m;
	if (archive_entry_is_encrypted(e)) {
		*code = BILEX_E_ENCRYPTED;
		snprintf(msg, mlen, "encrypted member: not read");
		return BILEX_FAILED;
	}
	if (lzma_dictionary(x, a) > (uint64_t)bx_doc_limit(x->doc, BILEX_LIMIT_WORKER_BYTES) / 2) {
		*code = BILEX_E_LIMIT_MEMORY;
		snprintf(msg, mlen, "LZMA dictionary of %llu bytes, over half the worker-bytes limit: "
		    "not decoded", (unsigned long long)lzma_dictionary(x, a));
		return BILEX_FAILED;
	}
	if (declared != UINT64_MAX && declared > limit) {
		*code = BILEX_E_LIMIT_BYTES;
		snprintf(msg, mlen, "declares %llu bytes, over the member-bytes limit of %llu",
		    (unsigned long long)declared, (unsigned long long)limit);
		return BILEX_FAILED;
	}
	if (cap > bx_doc_budget_left(x->doc))
		cap = bx_doc_budget_left(x->doc);
	p = malloc(cap + 1);
	if (p == NULL)
		return BILEX_FATAL;
	for (;;) {
		room = cap - got;
		n = archive_read_data(a, p + got, room ? (size_t)(room > 65536 ? 65536 : room) : 1);
		if (n < 0) {
			*code = archive_entry_is_encrypted(e) ? BILEX_E_ENCRYPTED : BILEX_E_CORRUPT;
			snprintf(msg, mlen, "%s", archive_error_string(a) ? archive_error_string(a) :
			    "read error");
			break;
		}
		if (n == 0)
			break;
		if (room == 0) {
			/* a byte past the declared size or past a cap */
			*code = declared != UINT64_MAX && got == declared ? BILEX_E_CORRUPT :
			    BILEX_E_LIMIT_BYTES;
			snprintf(msg, mlen, declared != UINT64_MAX && got == declared ?
			    "member expands beyond its declared %llu bytes (size-exceeds-declared)" :
			    "member larger than %llu bytes: cut", (unsigned long long)got);
			break;
		}
		got += (uint64_t)n;
	}
	if (got && bx_doc_charge(x->doc, got) != BILEX_OK) {
		free(p);
		*code = BILEX_E_LIMIT_BYTES;
		snprintf(msg, mlen, "over the total-bytes budget of this input");
		return BILEX_FAILED;
	}
	p[got] = '\0';
	*buf = p;
	*len = (size_t)got;
	return *code == BILEX_E_NONE ? BILEX_OK : BILEX_WARN;
}

static int
extract_pass(struct arch *x, bool raw)
{
	struct archive *a = open_reader(x->in, raw, x->local);
	struct archive_entry *e;
	int64_t limit = bx_doc_limit(x->doc, BILEX_LIMIT_ENTRIES), count = 0;
	uint64_t ratio = (uint64_t)bx_doc_limit(x->doc, BILEX_LIMIT_RATIO), out = 0;
	int r, worst = BILEX_OK;
	bool any = false;
	struct bx_nameset *seen;

	if (a == NULL)
		return raw ? bx_doc_error(x->doc, BILEX_FAILED, BILEX_E_CORRUPT,
		    "libarchive cannot open it") : 1;
	seen = bx_nameset_new();
	while ((r = next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
		struct bx_member m;
		unsigned char *buf = NULL;
		size_t len = 0;
		bilex_code code = BILEX_E_NONE;
		char msg[256], when[32];
		const char *u = NULL, *raw_nm, *cs;
		double conf;
		char *name;
		int rr;

		if (!any)
			bx_doc_set_format(x->doc, format_name(a, raw));
		any = true;
		x->format = archive_format(a) & ARCHIVE_FORMAT_BASE_MASK;
		x->entry++;
		raw_nm = raw ? NULL : raw_name(e, &u);
		if (!raw && raw_nm == NULL && u == NULL) {
			/* libarchive gives up on a name it cannot convert (a UTF-8 flag on GBK
			 * bytes): take the raw bytes from our own reading of the ZIP directory,
			 * whose order the stream follows */
			const struct bx_zipdir *z = x->local ? NULL : bx_zipdir_get(x->in);

			if (z && x->entry - 1 < (long)z->n) {
				const struct bx_zipent *ze = &z->e[x->entry - 1];
				size_t k = ze->name_len < sizeof(x->rawbuf) - 1 ? ze->name_len :
				    sizeof(x->rawbuf) - 1;

				memcpy(x->rawbuf, ze->name, k);
				x->rawbuf[k] = '\0';
				raw_nm = x->rawbuf;
			}
		}
		if (archive_entry_filetype(e) != AE_IFREG || (u && *u && u[strlen(u) - 1] == '/') ||
		    (raw_nm && *raw_nm && raw_nm[strlen(raw_nm) - 1] == '/')) {
			archive_read_data_skip(a);
			continue; /* folders, links and devices inside archives are not members */
		}
		if (++count > limit) {
			worst = bx_worst(worst, bx_doc_error(x->doc, BILEX_WARN, BILEX_E_LIMIT_ENTRIES,
			    "more members than the entries limit of %lld: the rest are not read",
			    (long long)limit));
			break;
		}
		if (raw) {
			name = raw_member_name(x->in);
			cs = "ASCII";
			conf = -1;
		} else {
			char *decoded = display_name(x, raw_nm, u, &cs, &conf);
			unsigned copy = 1;

			/* a tar can hold one path twice (appended updates): two members never
			 * share a source, the second is "NAME [2]" (zip.c does the same) */
			name = decoded ? bx_nameset_unique(seen, *decoded ? decoded : "(no name)",
			    &copy) : NULL;
			if (name && copy > 1)
				worst = bx_worst(worst, bx_doc_error(x->doc, BILEX_WARN, BILEX_E_DUPLICATE,
				    "member name %s appears more than once: copy %u is recorded as %s",
				    *decoded ? decoded : "(no name)", copy, name));
			free(decoded);
		}
		if (name == NULL) {
			worst = BILEX_FATAL;
			break;
		}
		memset(&m, 0, sizeof(m));
		m.name = *name ? name : "(no name)";
		m.name_charset = raw ? NULL : cs;
		m.name_confidence = conf;
		when[0] = '\0';
		if (archive_entry_mtime_is_set(e))
			bx_iso8601((int64_t)archive_entry_mtime(e), when);
		m.mtime = when[0] ? when : NULL;
		rr = read_member(x, a, e, &m, &buf, &len, &code, msg, sizeof(msg));
		out += len;
		if (rr == BILEX_FATAL) {
			worst = BILEX_FATAL;
		} else if (buf == NULL) {
			worst = bx_worst(worst, bx_doc_member_error(x->doc, &m, BILEX_WARN, code, "%s", msg));
		} else {
			if (rr == BILEX_WARN)
				worst = bx_worst(worst, bx_doc_error(x->doc, BILEX_WARN, code, "%s: %s", m.name,
				    msg));
			m.data = buf;
			m.size = len;
			worst = bx_worst(worst, bx_doc_member_nocharge(x->doc, &m));
		}
		free(buf);
		free(name);
		/* the ratio of what really came out to what went in, past the first MiB */
		{
			uint64_t in_bytes = (uint64_t)archive_filter_bytes(a, -1);

			if (out > MiB && out - MiB > (in_bytes ? in_bytes : 1) * ratio) {
				worst = bx_worst(worst, bx_doc_error(x->doc, BILEX_FAILED, BILEX_E_ZIP_BOMB,
				    "%llu bytes out of %llu (over %llu:1 past the first MiB)",
				    (unsigned long long)out, (unsigned long long)in_bytes,
				    (unsigned long long)ratio));
				break;
			}
		}
		if (worst == BILEX_FATAL || bx_doc_budget_left(x->doc) == 0)
			break;
	}
	if (r == ARCHIVE_FATAL) {
		const char *why = archive_error_string(a);

		if (!any && !raw && (archive_format(a) & ARCHIVE_FORMAT_BASE_MASK) == 0) {
			bx_nameset_free(seen);
			archive_read_free(a);
			return 1; /* not an archive format: maybe a lone compressed file */
		}
		if (!any && !raw) /* a known format that cannot be read: 7z with encrypted headers */
			bx_doc_set_format(x->doc, format_name(a, false));
		worst = bx_worst(worst, bx_doc_error(x->doc, any ? BILEX_WARN : BILEX_FAILED,
		    archive_read_has_encrypted_entries(a) > 0 || (why && strstr(why, "encrypted")) ?
		    BILEX_E_ENCRYPTED : BILEX_E_CORRUPT, "%s", why ? why : "damaged archive"));
	}
	bx_nameset_free(seen);
	archive_read_free(a);
	return worst;
}

bool
bx_archive_too_deep(struct bx_doc *doc, const struct bx_input *in)
{
	int64_t limit = bx_doc_limit(doc, BILEX_LIMIT_DEPTH);

	if (in->depth < limit)
		return false;
	/* its members would lie deeper than the limit, every one of them refused: the archive
	 * itself is the item past the limit, and it is not opened */
	bx_doc_error(doc, BILEX_FAILED, BILEX_E_LIMIT_DEPTH,
	    "an archive at depth %d: its members would lie deeper than the depth limit of %lld; "
	    "not opened", in->depth, (long long)limit);
	return true;
}

int
bx_archive_extract(struct bx_doc *doc, struct bx_input *in)
{
	struct arch x;
	locale_t utf8, old = (locale_t)0;
	int st;

	memset(&x, 0, sizeof(x));
	x.doc = doc;
	x.in = in;
	/* libarchive converts names through the current locale: with "C", Unicode names (7z,
	 * Joliet) cannot be converted at all.  A UTF-8 locale for this thread only, never
	 * setlocale(): the library must not change the process. */
	utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (utf8)
		old = uselocale(utf8);
	decide_names(&x);
	st = extract_pass(&x, false);
	if (x.entry == 0 && st != BILEX_FATAL && in->size >= 4 && memcmp(in->data, "PK\3\4", 4) == 0) {
		/* a ZIP whose central directory libarchive found but could not use (a bad
		 * signature, a wrong size) gave nothing: read it again from its local headers */
		x.local = true;
		x.have_ch = false;
		decide_names(&x);
		st = bx_worst(st == 1 ? BILEX_OK : st, extract_pass(&x, false));
	}
	if (st == 1) /* gz, bz2, xz, zst around something that is not an archive */
		st = extract_pass(&x, true);
	if (utf8) {
		uselocale(old);
		freelocale(utf8);
	}
	return st == 1 ? bx_doc_error(doc, BILEX_FAILED, BILEX_E_UNSUPPORTED, "not an archive") : st;
}

static int
archive_extract(struct bx_doc *doc, struct bx_input *in)
{
	if (bx_archive_too_deep(doc, in))
		return BILEX_FAILED;
	return bx_archive_extract(doc, in);
}

const struct bx_extractor bx_archive_extractor = {
	.name = "archive",
	.flags = BX_EXF_CONTAINER,
	.bid = archive_bid,
	.extract = archive_extract,
};

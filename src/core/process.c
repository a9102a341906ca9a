/*
 * process.c - one top-level input: open, map, hash, sniff, extract, align, emit.
 *
 * Every input examined ends as exactly one file record (after its segments), whatever else
 * happened: an unreadable file, an unknown format and an empty file are all on record.
 * Containers hand members back through bx_doc_member(), which recurses into process_input()
 * at depth + 1; the recursion is bounded by the depth limit.
 */
#include "bx.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"

#define SMALL_FILE (64 << 10) /* bytes up to which a file is read rather than mapped */

/* ---- records about an input ------------------------------------------------------------ */

int
bx_job_error(struct bx_job *job, const char *source, const char *stage, bilex_code code,
    const char *fmt, ...)
{
	struct bx_buf msg, raw;
	struct bilex_error e;
	struct bilex_record rec;
	va_list ap;
	int n, st;

	bx_buf_init(&raw, 4096);
	bx_buf_init(&msg, 8192);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0 && bx_buf_reserve(&raw, (size_t)n) == BILEX_OK) {
		va_start(ap, fmt);
		vsnprintf(raw.data, (size_t)n + 1, fmt, ap);
		va_end(ap);
		raw.len = (size_t)n;
	} else {
		bx_buf_adds(&raw, bilex_code_message(code));
	}
	/* messages may quote names from the input: escape them */
	bx_escape_bytes(&msg, raw.data ? raw.data : "", raw.len);
	e.source = source;
	e.file = job->file;
	e.stage = stage;
	e.code = bilex_code_name(code);
	e.message = bx_buf_str(&msg);
	rec.type = BILEX_REC_ERROR;
	rec.u.error = &e;
	job->errors++;
	st = bx_emit(job->ctx, &rec);
	bx_buf_free(&msg);
	bx_buf_free(&raw);
	return st;
}

int
bx_job_file_record(struct bx_job *job, const struct bilex_file *f)
{
	struct bilex_record rec;

	rec.type = BILEX_REC_FILE;
	rec.u.file = f;
	return bx_emit(job->ctx, &rec);
}

void
bx_file_init(struct bilex_file *f, const struct bx_job *job, const struct bx_input *in)
{
	memset(f, 0, sizeof(*f));
	f->source = in->source;
	f->file = job->file;
	f->format = "unknown";
	f->size = (int64_t)in->size;
	f->sha256 = in->sha256[0] ? in->sha256 : NULL;
	f->mtime = in->mtime;
	f->status = "ok";
	f->confidence = -1;
	f->invalid = -1;
	f->name_charset = in->name_charset;
	f->name_confidence = in->name_charset ? in->name_confidence : -1;
	f->depth = in->depth;
}

/* ---- one input (top-level or member) --------------------------------------------------- */

static bool
has_cjk_utf8(const char *s)
{
	/* lead bytes of U+3040..U+9FFF and U+AC00..U+D7A3 are E3..E9 and EA..ED */
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0xE3 && c <= 0xED)
			return true;
	}
	return false;
}

static bool
is_ancestor_hash(const struct bx_input *in)
{
	for (const struct bx_input *p = in->parent; p; p = p->parent)
		if (strcmp(p->sha256, in->sha256) == 0)
			return true;
	return false;
}

int
bx_process_input(struct bx_job *job, struct bx_input *in)
{
	bilex_ctx *ctx = job->ctx;
	const struct bx_extractor *ex;
	struct bilex_file f;
	struct bx_doc *doc = NULL;
	int64_t errors_before = job->errors;
	int bid = 0, st = BILEX_OK, est;

	bx_file_init(&f, job, in);
	if (in->depth > ctx->limits[BILEX_LIMIT_DEPTH]) {
		st = bx_job_error(job, in->source, "extract", BILEX_E_LIMIT_DEPTH,
		    "nesting depth %d exceeds the limit of %lld", in->depth,
		    (long long)ctx->limits[BILEX_LIMIT_DEPTH]);
		f.status = "error";
		f.errors = job->errors - errors_before;
		return bx_worst(st, bx_worst(bx_job_file_record(job, &f), BILEX_WARN));
	}
	if (in->parent && is_ancestor_hash(in)) {
		st = bx_job_error(job, in->source, "extract", BILEX_E_SELF,
		    "member is identical to a container it sits in (sha256 %.16s...)", in->sha256);
		f.status = "error";
		f.errors = job->errors - errors_before;
		return bx_worst(st, bx_worst(bx_job_file_record(job, &f), BILEX_WARN));
	}

	if (in->size == 0) {
		ex = NULL;
		f.format = "empty";
	} else {
		ex = bx_sniff(in, &bid);
	}
	st = bx_doc_new(job, in, ex ? ex->name : f.format, &doc);
	if (st != BILEX_OK)
		return st;
	/* names are evidence: a name with Chinese or Korean in it is a segment of its own */
	if (in->name && has_cjk_utf8(in->name)) {
		struct bx_unit u;

		bx_unit_init(&u, "filename");
		u.where = "name";
		u.text = in->name;
		u.len = strlen(in->name);
		u.charset = in->name_charset;
		u.confidence = in->name_charset ? in->name_confidence : -1;
		u.flags = BX_UNIT_WHOLE;
		st = bx_doc_unit(doc, &u);
	}
	if (st > BILEX_FATAL && in->size > 0 && ex == NULL) {
		est = bx_doc_error(doc, BILEX_FAILED, BILEX_E_UNSUPPORTED,
		    "no extractor recognised the content (%zu bytes)", in->size);
		f.status = "error";
		st = bx_worst(st, est);
	} else if (st > BILEX_FATAL && ex) {
		/* the same bytes were read before in this run: their extractor's calls are
		 * replayed (tape.c), when this input's budget can pay for them */
		const struct bx_tape *seen = bx_tape_find(ctx, in->sha256, ex->name);

		if (seen && bx_tape_charged(seen) <= bx_doc_budget_left(doc)) {
			est = bx_tape_play(seen, doc);
		} else {
			bx_doc_record(doc, ex->name);
			est = ex->extract(doc, in);
			bx_doc_record_end(doc, est);
		}
		if (est == BILEX_FATAL && ctx->errcode != BILEX_E_CALLBACK && ctx->errcode != BILEX_E_NOMEM)
			est = BILEX_FAILED; /* an extractor cannot stop the run for one bad input */
		if (est <= BILEX_FAILED)
			f.status = "error";
		st = bx_worst(st, est);
	}
	if (st > BILEX_FATAL)
		st = bx_worst(st, bx_doc_finish(doc));
	if (st == BILEX_FATAL) {
		bx_doc_free(doc);
		return st;
	}
	/* the document owns the strings of its file record: emit before freeing it */
	bx_doc_fill_file(doc, &f);
	if (f.segments == 0 && strcmp(f.status, "ok") == 0 && job->errors == errors_before &&
	    !(ex && (ex->flags & BX_EXF_CONTAINER)))
		f.status = "empty";
	f.errors = job->errors - errors_before;
	est = bx_job_file_record(job, &f);
	bx_doc_free(doc);
	if (job->errors > errors_before)
		st = bx_worst(st, BILEX_WARN);
	return bx_worst(est, st == BILEX_FAILED ? BILEX_WARN : st);
}

/* ---- members ------------------------------------------------------------------------------- */

/* A file name from the file system as valid UTF-8 (invalid bytes become \xNN). */
static int
display_path(const char *path, struct bx_buf *out)
{
	if (bx_utf8_valid(path, strlen(path)))
		return bx_buf_adds(out, path);
	return bx_escape_bytes(out, path, strlen(path));
}

/* A member's source: its parent's, "!" and its name, the name as valid UTF-8.  Extractors hand
 * on names as their format stores them, and a hostile package's part names need not be the
 * ASCII that OPC asks for (extra/archive.\xFAip inside a DOCX): invalid bytes become \xNN, as
 * in a file name from the file system.  *name_at gets where the name starts in b. */
int
bx_member_source(struct bx_buf *b, const char *parent, const char *name, size_t *name_at)
{
	if (bx_buf_printf(b, "%s!", parent) != BILEX_OK)
		return BILEX_FATAL;
	if (name_at)
		*name_at = b->len;
	return display_path(name ? name : "", b) == BILEX_OK ? BILEX_OK : BILEX_FATAL;
}

int
bx_process_member(struct bx_job *job, const struct bx_input *parent, const struct bx_member *m)
{
	struct bx_input in;
	struct bx_buf source;
	size_t at = 0;
	int st;

	bx_buf_init(&source, 64 * 1024);
	if (bx_member_source(&source, parent->source, m->name, &at) != BILEX_OK) {
		bx_buf_free(&source);
		return bx_job_error(job, parent->source, "extract", BILEX_E_LIMIT_BYTES,
		    "member name too long");
	}
	memset(&in, 0, sizeof(in));
	in.parent = parent;
	in.source = bx_buf_str(&source);
	in.name = in.source + at; /* valid UTF-8, as the source */
	in.file = job->file;
	in.data = m->data;
	in.size = m->size;
	in.depth = parent->depth + 1;
	in.mtime = m->mtime;
	in.declared = m->declared;
	in.name_charset = m->name_charset;
	in.name_confidence = m->name_confidence;
	bx_sha256_of(m->data, m->size, in.sha256);
	st = bx_process_input(job, &in);
	bx_zipdir_free(in.zipdir);
	bx_buf_free(&source);
	return st;
}

/* ---- top-level files ----------------------------------------------------------------------- */

static const char *
base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

static int
process_mapped(bilex_ctx *ctx, const char *path, const unsigned char *data, size_t size,
    int64_t mtime)
{
	struct bx_job job;
	struct bx_input in;
	struct bx_buf disp;
	char when[32];
	int st;

	bx_buf_init(&disp, 64 * 1024);
	if (display_path(path, &disp) != BILEX_OK) {
		bx_buf_free(&disp);
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	memset(&job, 0, sizeof(job));
	job.ctx = ctx;
	job.file = bx_buf_str(&disp);
	memset(&in, 0, sizeof(in));
	in.source = job.file;
	in.name = base_name(job.file);
	in.file = job.file;
	in.data = data;
	in.size = size;
	in.depth = 0;
	if (mtime >= 0) {
		bx_iso8601(mtime, when);
		in.mtime = when[0] ? when : NULL;
	}
	bx_sha256_of(data, size, in.sha256);
	memcpy(job.file_sha256, in.sha256, sizeof(job.file_sha256));
	/* what one input may expand to: total-bytes, but no more than `ratio` times its own size
	 * past the first 16 MiB (../shared/notes/security.md 8.5).  A 16 KiB nest of zip bombs
	 * then stops after 16 MiB instead of spending seconds on 4 GiB of zeros; a real 1 GiB
	 * archive of documents (3 to 10 times compressed) is far from its share. */
	{
		uint64_t total = (uint64_t)ctx->limits[BILEX_LIMIT_TOTAL_BYTES];
		uint64_t ratio = (uint64_t)ctx->limits[BILEX_LIMIT_RATIO];
		uint64_t share = size > UINT64_MAX / (ratio ? ratio : 1) ? UINT64_MAX : size * ratio;

		if (share < (16u << 20))
			share = 16u << 20;
		job.budget = share < total ? share : total;
	}
	st = bx_process_input(&job, &in);
	bx_zipdir_free(in.zipdir);
	bx_buf_free(&disp);
	return st;
}

int
bilex_process_memory(bilex_ctx *ctx, const char *name, const void *data, size_t size)
{
	if (ctx == NULL || name == NULL || (data == NULL && size > 0))
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_INVALID, "invalid argument");
	return process_mapped(ctx, name, data, size, -1);
}

/* Records for a top-level file that could not be read at all. */
static int
unreadable(bilex_ctx *ctx, const char *path, bilex_code code, int64_t size, const char *what,
    const char *why)
{
	struct bx_job job;
	struct bx_input in;
	struct bilex_file f;
	struct bx_buf disp;
	int st;

	bx_buf_init(&disp, 64 * 1024);
	display_path(path, &disp);
	memset(&job, 0, sizeof(job));
	job.ctx = ctx;
	job.file = bx_buf_str(&disp);
	memset(&in, 0, sizeof(in));
	in.source = job.file;
	in.size = size > 0 ? (size_t)size : 0;
	st = bx_job_error(&job, job.file, "read", code, "%s%s", what, why);
	bx_file_init(&f, &job, &in);
	f.size = size;
	f.status = "error";
	f.errors = 1;
	st = bx_worst(st, bx_job_file_record(&job, &f));
	bx_buf_free(&disp);
	return bx_worst(st, BILEX_WARN);
}

int
bilex_report(bilex_ctx *ctx, const char *path, bilex_code code, const char *message)
{
	if (ctx == NULL || path == NULL)
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_INVALID, "invalid argument");
	return unreadable(ctx, path, code, -1, "", message ? message : bilex_code_message(code));
}

int
bilex_process(bilex_ctx *ctx, const char *path)
{
	struct stat sb;
	void *map = NULL;
	int fd, st;

	if (ctx == NULL || path == NULL)
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_INVALID, "invalid argument");
	/* Never open a device or fifo: opening alone can have effects (tape rewind, a reader
	 * waiting on a pipe).  Links were vetted by the walk. */
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode))
		return unreadable(ctx, path, BILEX_E_SPECIAL, -1, "",
		    "not a regular file (device, fifo or socket): not read");
	/* O_NONBLOCK: a fifo put in place of a file between stat and open must not hang us */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return unreadable(ctx, path, BILEX_E_UNREADABLE, -1, "cannot open: ",
		    strerror(errno));
	if (fstat(fd, &sb) != 0) {
		st = unreadable(ctx, path, BILEX_E_UNREADABLE, -1, "cannot stat: ", strerror(errno));
		close(fd);
		return st;
	}
	if (S_ISDIR(sb.st_mode)) {
		close(fd);
		return unreadable(ctx, path, BILEX_E_UNREADABLE, -1, "", "is a directory");
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		return unreadable(ctx, path, BILEX_E_SPECIAL, -1, "",
		    "not a regular file (device, fifo or socket): not read");
	}
	if ((int64_t)sb.st_size > ctx->limits[BILEX_LIMIT_FILE_BYTES] ||
	    (uint64_t)sb.st_size > SIZE_MAX) {
		close(fd);
		return unreadable(ctx, path, BILEX_E_LIMIT_BYTES, (int64_t)sb.st_size,
		    "larger than the file-bytes limit: ", "see --limit file-bytes");
	}
	if (sb.st_size > 0 && sb.st_size <= SMALL_FILE) {
		/* A small file is read: mapping and unmapping it costs more (a TLB flush on every
		 * CPU the process ran on) than copying it, a tenth of the time of a dump of notes. */
		unsigned char *buf = malloc((size_t)sb.st_size);
		size_t got = 0;

		while (buf && got < (size_t)sb.st_size) {
			ssize_t k = read(fd, buf + got, (size_t)sb.st_size - got);

			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				break;
			got += (size_t)k;
		}
		if (buf == NULL || got < (size_t)sb.st_size) {
			/* shrunk since fstat, or unreadable: as a failed mapping would be */
			st = buf ? unreadable(ctx, path, BILEX_E_IO, (int64_t)sb.st_size, "cannot read: ",
			    got < (size_t)sb.st_size ? "shorter than its size" : strerror(errno)) :
			    bx_fail(ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
			free(buf);
			close(fd);
			return st;
		}
		close(fd);
		st = process_mapped(ctx, path, buf, got, (int64_t)sb.st_mtime);
		free(buf);
		return st;
	}
	if (sb.st_size > 0) {
		/* A read-only shared mapping costs no heap and is not counted by RLIMIT_DATA. */
		map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_SHARED, fd, 0);
		if (map == MAP_FAILED) {
			st = unreadable(ctx, path, BILEX_E_IO, (int64_t)sb.st_size, "cannot map: ",
			    strerror(errno));
			close(fd);
			return st;
		}
		madvise(map, (size_t)sb.st_size, MADV_SEQUENTIAL);
	}
	close(fd);
	st = process_mapped(ctx, path, map ? map : "", (size_t)sb.st_size, (int64_t)sb.st_mtime);
	if (map)
		munmap(map, (size_t)sb.st_size);
	return st;
}

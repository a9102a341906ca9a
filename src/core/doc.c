/*
 * doc.c - a document: units of text in, segments and pairs out.
 *
 * An extractor hands units (lines, paragraphs, cells, boxes) to bx_doc_unit(); the language
 * stage cuts them into segments, which are held until the document ends (or the segment limit
 * is reached: then the held slice is aligned and written, so memory stays bounded whatever
 * the size of the document).  At the end the segments get their ids, variants and document-
 * level corrections (Japanese documents), the aligner pairs them, and both are emitted.
 */
#include "doc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../lang/lang.h"
#include "../align/align.h"

struct bx_seg {
	struct bx_aseg a;          /* what the aligner sees; a.text is the segment text */
	const char *source;
	const char *member_sha256;
	const char *where;
	const char *author, *date;
	const char *charset;
	double confidence;
	const char *script;
	const char *block_label;
	const char *anchor_text;
	const char *extra;
	const unsigned char *crop; /* in the arena */
	size_t crop_len;
	const char *variant, *variant_evidence;
	const char *id;
	const char *parent_id;
	uint32_t simp, trad;       /* Hans/Hant evidence counted while cutting */
};

struct bx_part {
	const char *source;
	char *sha256;              /* 65 bytes in doc->keep: segments point at it until the
	                              document ends, and it is only known at the part's end */
	size_t size;
	int64_t segments;
};

struct bx_doc {
	struct bx_job *job;
	bilex_ctx *ctx;
	struct bx_input *in;
	const char *format;
	char stem[13];

	struct bx_arena arena;      /* segment strings; reset when a slice is flushed */
	struct bx_arena keep;       /* part names and metadata: live as long as the document */
	struct bx_seg *segs;
	size_t nsegs, capsegs;

	int64_t units;              /* units seen */
	int64_t lunits;             /* layout positions: attached units do not count */
	int64_t slice;              /* slices flushed: strings of an older slice are gone */
	int64_t seg_seq;            /* segment ordinal, for ids */
	int64_t pair_seq;
	int64_t segments_total, pairs_total;

	struct bx_part *part;       /* current part, or NULL */
	struct bx_part partbuf;

	const char *charset;
	double confidence;
	int64_t invalid;
	int64_t unit_invalid;       /* invalid UTF-8 replaced inside units */
	const char *meta_author, *meta_date;

	/* the strings that repeat from unit to unit (the charset, the block of a run of lines),
	 * copied once per slice and shared */
	const char *cs_copy, *bl_copy;
	int64_t cs_slice, bl_slice, bl_block;

	/* letters seen, for document-level decisions */
	uint64_t han, hangul, kana;
	bool ocr_order;             /* order of units is unreliable (OCR boxes) */
	struct bx_tape *tape;       /* recording the extractor's calls, or NULL */
	int inner;                  /* > 0 inside a call: what it does itself is not taped */
	int nparts;
};

/* ---- construction ---------------------------------------------------------------------- */

int
bx_doc_new(struct bx_job *job, struct bx_input *in, const char *format, struct bx_doc **out)
{
	struct bx_doc *d = calloc(1, sizeof(*d));

	*out = NULL;
	if (d == NULL)
		return bx_fail(job->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	d->job = job;
	d->ctx = job->ctx;
	d->in = in;
	d->format = format;
	bx_id_stem(in->source, d->stem);
	bx_arena_init(&d->arena, (size_t)job->ctx->limits[BILEX_LIMIT_TEXT_BYTES]);
	bx_arena_init(&d->keep, 64u << 20);
	d->confidence = -1;
	d->invalid = -1;
	*out = d;
	return BILEX_OK;
}

void
bx_doc_free(struct bx_doc *d)
{
	if (d == NULL)
		return;
	bx_arena_free(&d->arena);
	bx_arena_free(&d->keep);
	free(d->segs);
	free(d);
}

bilex_ctx *
bx_doc_ctx(const struct bx_doc *doc)
{
	return doc->ctx;
}

int64_t
bx_doc_limit(const struct bx_doc *doc, bilex_limit which)
{
	return doc->ctx->limits[which];
}

bool
bx_doc_flag(const struct bx_doc *doc, bilex_flag which)
{
	return doc->ctx->flags[which];
}

struct bx_lang *
bx_doc_lang(struct bx_doc *doc)
{
	struct bx_lang *L = NULL;

	bx_ctx_lang(doc->ctx, &L);
	return L;
}

void
bx_doc_record(struct bx_doc *doc, const char *extractor)
{
	doc->tape = bx_tape_new(extractor);
}

void
bx_doc_record_end(struct bx_doc *doc, int status)
{
	if (doc->tape)
		bx_tape_keep(doc->ctx, doc->tape, doc->in->sha256, status);
	doc->tape = NULL;
}

/* Taped: a call the extractor made itself. */
#define TAPING(d) ((d)->tape && (d)->inner == 0)

void
bx_doc_set_format(struct bx_doc *doc, const char *format)
{
	if (TAPING(doc))
		bx_tape_format(doc->tape, format);
	doc->format = bx_arena_strdup(&doc->keep, format);
}

void
bx_doc_set_charset(struct bx_doc *doc, const char *label, double confidence, int64_t invalid)
{
	if (TAPING(doc))
		bx_tape_charset(doc->tape, label, confidence, invalid);
	doc->charset = bx_arena_strdup(&doc->keep, label);
	doc->confidence = confidence;
	doc->invalid = invalid;
}

int64_t
bx_doc_invalid(const struct bx_doc *doc)
{
	return doc->unit_invalid;
}

void
bx_doc_set_meta(struct bx_doc *doc, const char *author, const char *date)
{
	if (TAPING(doc))
		bx_tape_meta(doc->tape, author, date);
	if (author && *author)
		doc->meta_author = bx_arena_strdup(&doc->keep, author);
	if (date && *date)
		doc->meta_date = bx_arena_strdup(&doc->keep, date);
}

void
bx_unit_init(struct bx_unit *u, const char *kind)
{
	memset(u, 0, sizeof(*u));
	u->kind = kind;
	u->confidence = -1;
	u->block = -1;
	u->line = -1;
	u->col = -1;
}

void
bx_doc_fill_file(const struct bx_doc *doc, struct bilex_file *f)
{
	f->format = doc->format ? doc->format : "unknown";
	f->segments = doc->segments_total;
	f->pairs = doc->pairs_total;
	f->charset = doc->charset;
	f->confidence = doc->confidence;
	f->invalid = doc->invalid;
}

/* ---- errors, parts, members, budget ---------------------------------------------------------- */

static const char *
current_source(const struct bx_doc *doc)
{
	return doc->part ? doc->part->source : doc->in->source;
}

int
bx_doc_error(struct bx_doc *doc, int status, bilex_code code, const char *fmt, ...)
{
	struct bx_buf msg;
	va_list ap;
	int n, st;

	bx_buf_init(&msg, 16384);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n >= 0 && bx_buf_reserve(&msg, (size_t)n) == BILEX_OK) {
		va_start(ap, fmt);
		vsnprintf(msg.data, (size_t)n + 1, fmt, ap);
		va_end(ap);
		msg.len = (size_t)n;
	}
	if (TAPING(doc))
		bx_tape_error(doc->tape, status, code, bx_buf_str(&msg));
	st = bx_job_error(doc->job, current_source(doc), "extract", code, "%s", bx_buf_str(&msg));
	bx_buf_free(&msg);
	return st == BILEX_FATAL ? st : status;
}

int
bx_doc_part_begin(struct bx_doc *doc, const char *name)
{
	struct bx_part *p = &doc->partbuf;

	if (TAPING(doc))
		bx_tape_part_begin(doc->tape, name);
	{
		/* a part's name is the package's, as it stores it: valid UTF-8 in the source (a
		 * ZIP name is at most 65,535 bytes, 262,140 escaped; the parent's source is
		 * capped at 64 KiB) */
		struct bx_buf src;

		bx_buf_init(&src, 1u << 20);
		p->source = bx_member_source(&src, doc->in->source, name, NULL) == BILEX_OK ?
		    bx_arena_strndup(&doc->keep, bx_buf_str(&src), src.len) : NULL;
		bx_buf_free(&src);
	}
	p->sha256 = bx_arena_alloc(&doc->keep, 65);
	if (p->source == NULL || p->sha256 == NULL)
		return bx_fail(doc->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	p->sha256[0] = '\0';
	p->size = 0;
	p->segments = 0;
	doc->part = p;
	doc->nparts++;
	return BILEX_OK;
}

int
bx_doc_part_end(struct bx_doc *doc, int status, const char *sha256, uint64_t size)
{
	struct bilex_file f;
	struct bx_input pin;
	int st;

	if (TAPING(doc))
		bx_tape_part_end(doc->tape, status, sha256, size);
	if (doc->part == NULL)
		return BILEX_OK;
	if (sha256)
		snprintf(doc->part->sha256, 65, "%s", sha256);
	doc->part->size = (size_t)size;
	memset(&pin, 0, sizeof(pin));
	pin.source = doc->part->source;
	pin.size = doc->part->size;
	pin.depth = doc->in->depth + 1;
	pin.mtime = doc->in->mtime;
	memcpy(pin.sha256, doc->part->sha256, sizeof(pin.sha256));
	bx_file_init(&f, doc->job, &pin);
	f.format = "xml";
	f.segments = doc->part->segments;
	f.status = status <= BILEX_FAILED ? "error" : doc->part->segments ? "ok" : "empty";
	doc->part = NULL;
	st = bx_job_file_record(doc->job, &f);
	return st;
}

int
bx_doc_member(struct bx_doc *doc, const struct bx_member *m)
{
	int st;

	/* containers are read again (their members are taped themselves) */
	if (doc->tape)
		bx_tape_spoil(doc->tape);
	st = bx_doc_charge(doc, m->size);

	if (st != BILEX_OK)
		return st;
	return bx_process_member(doc->job, doc->in, m);
}

int
bx_doc_member_nocharge(struct bx_doc *doc, const struct bx_member *m)
{
	if (doc->tape)
		bx_tape_spoil(doc->tape);
	return bx_process_member(doc->job, doc->in, m);
}

int
bx_doc_member_error(struct bx_doc *doc, const struct bx_member *m, int status, bilex_code code,
    const char *fmt, ...)
{
	struct bx_buf msg, source;
	struct bilex_file f;
	struct bx_input in;
	va_list ap;
	int n, st;

	if (doc->tape)
		bx_tape_spoil(doc->tape);
	bx_buf_init(&msg, 16384);
	bx_buf_init(&source, 64 * 1024);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n >= 0 && bx_buf_reserve(&msg, (size_t)n) == BILEX_OK) {
		va_start(ap, fmt);
		vsnprintf(msg.data, (size_t)n + 1, fmt, ap);
		va_end(ap);
		msg.len = (size_t)n;
	}
	bx_member_source(&source, doc->in->source, m->name, NULL);
	st = bx_job_error(doc->job, bx_buf_str(&source), "extract", code, "%s", bx_buf_str(&msg));
	memset(&in, 0, sizeof(in));
	in.source = bx_buf_str(&source);
	in.size = m->size;
	in.depth = doc->in->depth + 1;
	in.mtime = m->mtime;
	in.name_charset = m->name_charset;
	in.name_confidence = m->name_confidence;
	if (m->data)
		bx_sha256_of(m->data, m->size, in.sha256);
	bx_file_init(&f, doc->job, &in);
	f.status = "error";
	f.errors = 1;
	st = bx_worst(st, bx_job_file_record(doc->job, &f));
	bx_buf_free(&msg);
	bx_buf_free(&source);
	return st == BILEX_FATAL ? st : status;
}

int
bx_doc_charge(struct bx_doc *doc, uint64_t n)
{
	struct bx_job *job = doc->job;
	uint64_t limit = job->budget ? job->budget :
	    (uint64_t)doc->ctx->limits[BILEX_LIMIT_TOTAL_BYTES];

	if (job->spent > limit || n > limit - job->spent) {
		if (doc->tape)
			bx_tape_spoil(doc->tape); /* the outcome depended on the rest of the input */
		if (!job->over_budget) {
			job->over_budget = true;
			return bx_doc_error(doc, BILEX_FAILED, BILEX_E_LIMIT_BYTES,
			    "more than %llu bytes expanded from this input (total-bytes limit, or "
			    "ratio times the input's size past 16 MiB)", (unsigned long long)limit);
		}
		return BILEX_FAILED;
	}
	if (TAPING(doc))
		bx_tape_charge(doc->tape, n);
	job->spent += n;
	return BILEX_OK;
}

uint64_t
bx_doc_budget_left(const struct bx_doc *doc)
{
	uint64_t limit = doc->job->budget ? doc->job->budget :
	    (uint64_t)doc->ctx->limits[BILEX_LIMIT_TOTAL_BYTES];

	return doc->job->spent >= limit ? 0 : limit - doc->job->spent;
}

/* ---- units into segments ---------------------------------------------------------------- */

struct unit_ctx {
	struct bx_doc *doc;
	const struct bx_unit *u;
	int64_t slice;           /* slice the strings below were copied into */
	int64_t lunit;           /* layout position of the unit */
	const char *where;       /* arena copy, shared by the pieces of the unit */
	const char *author, *date, *charset, *block_label, *anchor, *extra, *ref, *parent_ref;
	const unsigned char *crop;
	int status;
};

static int flush(struct bx_doc *doc);

/* "<stem><sep><n>" in the arena, without printf: it runs once per segment. */
static const char *
stem_label(struct bx_arena *a, const char *stem, const char *sep, int64_t n)
{
	char buf[64], *p = buf;
	size_t k = strlen(stem), s = strlen(sep);

	memcpy(p, stem, k);
	p += k;
	memcpy(p, sep, s);
	p += s;
	p = bx_fmt_i64(p, n);
	return bx_arena_strndup(a, buf, (size_t)(p - buf));
}

/* Copies the unit's strings into the current slice (shared by the unit's pieces). */
static int
unit_strings(struct unit_ctx *uc)
{
	struct bx_doc *doc = uc->doc;
	const struct bx_unit *u = uc->u;
	struct bx_arena *a = &doc->arena;

	uc->slice = doc->slice;
	uc->where = bx_arena_strdup(a, u->where);
	/* the document's author is not every paragraph's author: pairs fall back to it, not
	 * segments */
	uc->author = u->author ? bx_arena_strdup(a, u->author) : NULL;
	uc->date = u->date ? bx_arena_strdup(a, u->date) : NULL;
	if (u->charset && doc->cs_copy && doc->cs_slice == doc->slice &&
	    strcmp(doc->cs_copy, u->charset) == 0) {
		uc->charset = doc->cs_copy;
	} else {
		uc->charset = bx_arena_strdup(a, u->charset);
		doc->cs_copy = uc->charset;
		doc->cs_slice = doc->slice;
	}
	uc->anchor = bx_arena_strdup(a, u->anchor_text);
	uc->extra = bx_arena_strdup(a, u->extra);
	uc->crop = NULL;
	if (u->crop && u->crop_len) {
		unsigned char *c = bx_arena_alloc(a, u->crop_len);

		if (c)
			memcpy(c, u->crop, u->crop_len);
		uc->crop = c;
	}
	uc->ref = bx_arena_strdup(a, u->ref);
	uc->parent_ref = bx_arena_strdup(a, u->parent_ref);
	if (u->block < 0) {
		uc->block_label = NULL;
	} else if (doc->bl_copy && doc->bl_slice == doc->slice && doc->bl_block == u->block) {
		uc->block_label = doc->bl_copy;
	} else {
		uc->block_label = stem_label(a, doc->stem, ":b", u->block);
		doc->bl_copy = uc->block_label;
		doc->bl_slice = doc->slice;
		doc->bl_block = u->block;
	}
	if ((u->where && !uc->where) || (u->block >= 0 && !uc->block_label))
		return bx_fail(doc->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	return BILEX_OK;
}

static int
add_piece(void *arg, const struct bx_piece *p)
{
	struct unit_ctx *uc = arg;
	struct bx_doc *d = uc->doc;
	struct bx_seg *s;
	int st;

	if (uc->slice != d->slice) {
		/* a flush freed the slice's arena while this unit was being cut: copy again */
		int st2 = unit_strings(uc);

		if (st2 != BILEX_OK)
			return st2;
	}
	if (d->nsegs == d->capsegs) {
		size_t ncap = d->capsegs ? d->capsegs * 2 : 64;
		size_t lim = (size_t)d->ctx->limits[BILEX_LIMIT_SEGMENTS];
		struct bx_seg *ns;

		if (ncap > lim)
			ncap = lim;
		if (d->nsegs >= ncap) {
			/* full: align and write this slice, then go on with an empty one */
			st = flush(d);
			if (st != BILEX_OK)
				return st;
			return add_piece(arg, p);
		}
		ns = realloc(d->segs, ncap * sizeof(*ns));
		if (ns == NULL)
			return bx_fail(d->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
		d->segs = ns;
		d->capsegs = ncap;
	}
	s = &d->segs[d->nsegs];
	memset(s, 0, sizeof(*s));
	s->a.text = bx_arena_strndup(&d->arena, p->text, p->len);
	if (s->a.text == NULL) {
		/* the text budget of the slice is spent: flush and retry once */
		if (d->nsegs == 0)
			return bx_doc_error(d, BILEX_FAILED, BILEX_E_LIMIT_BYTES,
			    "a segment larger than the text-bytes limit was dropped");
		st = flush(d);
		if (st != BILEX_OK)
			return st;
		return add_piece(arg, p);
	}
	s->a.len = p->len;
	s->a.lang = p->lang;
	s->a.kind = uc->u->kind;
	s->a.unit = d->units;
	s->a.lunit = uc->lunit;
	s->a.block = uc->u->block;
	s->a.line = uc->u->line;
	s->a.col = uc->u->col;
	s->a.sentence = p->sentence;
	s->a.run = p->run;
	s->a.part = d->nparts;
	s->a.ref = uc->ref;
	s->a.parent_ref = uc->parent_ref;
	s->a.has_box = uc->u->has_box;
	/* metadata that names people (creator, last modified by, author) is evidence of who
	 * touched the file, not a note to translate: 王伟 and 김영철 are not a pair */
	s->a.nopair = strcmp(uc->u->kind, "metadata") == 0 && uc->where &&
	    (strcasestr(uc->where, "creator") || strcasestr(uc->where, "author") ||
	    strcasestr(uc->where, "modified") || strcasestr(uc->where, "saveby") ||
	    strcasestr(uc->where, "manager") || strcasestr(uc->where, "company"));
	memcpy(s->a.box, uc->u->box, sizeof(s->a.box));
	s->source = current_source(d);
	s->member_sha256 = d->part ? d->part->sha256 : d->in->sha256;
	s->where = uc->where;
	s->author = uc->author;
	s->date = uc->date;
	s->charset = uc->charset;
	s->confidence = uc->u->confidence;
	s->script = p->script;
	s->block_label = uc->block_label;
	s->anchor_text = uc->anchor;
	s->extra = uc->extra;
	s->crop = uc->crop;
	s->crop_len = uc->crop ? uc->u->crop_len : 0;
	s->simp = p->simp;
	s->trad = p->trad;
	d->nsegs++;
	d->han += p->han;
	d->hangul += p->hangul;
	d->kana += p->kana;
	if (d->part)
		d->part->segments++;
	return BILEX_OK;
}

int
bx_doc_unit(struct bx_doc *doc, const struct bx_unit *u)
{
	struct bx_lang *L;
	struct unit_ctx uc;
	size_t invalid = 0;
	int st;

	st = bx_ctx_lang(doc->ctx, &L);
	if (st != BILEX_OK)
		return st;
	if (TAPING(doc))
		bx_tape_unit(doc->tape, u);
	doc->inner++; /* what the unit sets off (a flush, an alignment, their errors) is not taped */
	memset(&uc, 0, sizeof(uc));
	uc.doc = doc;
	uc.u = u;
	st = unit_strings(&uc);
	if (st != BILEX_OK) {
		doc->inner--;
		return st;
	}
	if (!(u->flags & BX_UNIT_ATTACHED) || doc->units == 0)
		doc->lunits++;
	uc.lunit = doc->lunits;
	if (u->text)
		st = bx_lang_split8(L, u->text, u->len, (u->flags & BX_UNIT_WHOLE) ? BX_SPLIT_WHOLE : 0,
		    add_piece, &uc, &invalid);
	else if (u->text16)
		st = bx_lang_split16(L, u->text16, u->len16,
		    (u->flags & BX_UNIT_WHOLE) ? BX_SPLIT_WHOLE : 0, add_piece, &uc);
	doc->unit_invalid += (int64_t)invalid;
	if (u->has_box)
		doc->ocr_order = true;
	doc->units++;
	if (st == BILEX_FAILED)
		st = bx_doc_error(doc, BILEX_WARN, BILEX_E_DECODE, "a unit at %s could not be segmented",
		    u->where ? u->where : "?");
	doc->inner--;
	return st;
}

/* ---- the end of a slice: variants, ids, alignment, emission ------------------------------- */

static void
label_segments(struct bx_doc *d, struct bx_lang *L)
{
	unsigned simp = 0, trad = 0;
	const char *dflt;
	/* A Japanese charset, or kana in a tenth of the CJK letters, makes a Japanese document:
	 * its kanji-only lines (headings, terse instructions) are Japanese, never Chinese. */
	bool jcharset = d->charset && (strcmp(d->charset, "Shift_JIS") == 0 ||
	    strcmp(d->charset, "EUC-JP") == 0 || strncmp(d->charset, "ISO-2022-JP", 11) == 0);
	bool japanese = jcharset ||
	    (d->kana * 10 >= d->han && d->kana > d->hangul * 2 && d->kana > 0);
	struct bx_buf ev;

	for (size_t i = 0; i < d->nsegs; i++) {
		struct bx_seg *s = &d->segs[i];

		if (s->a.lang != BX_LANG_ZH)
			continue;
		if (japanese) {
			/* kanji-only lines of a Japanese document are Japanese, never Chinese */
			s->a.lang = BX_LANG_JA;
			s->script = "Jpan";
			continue;
		}
		simp += s->simp;
		trad += s->trad;
	}
	dflt = trad > simp ? "Hant" : "Hans";
	bx_buf_init(&ev, 4096);
	for (size_t i = 0; i < d->nsegs; i++) {
		struct bx_seg *s = &d->segs[i];

		s->id = stem_label(&d->arena, d->stem, ":", ++d->seg_seq);
		if (s->a.lang == BX_LANG_ZH) {
			s->variant = s->simp > s->trad ? "Hans" : s->trad > s->simp ? "Hant" : dflt;
			s->script = s->variant;
		} else if (s->a.lang == BX_LANG_KO) {
			unsigned kr = 0;
			int kp;

			ev.len = 0;
			if (ev.data)
				ev.data[0] = '\0';
			kp = bx_ko_markers(L, s->a.text, s->a.len, &ev, &kr);
			s->variant = kp > (int)kr ? "KP" : (int)kr > kp ? "KR" : "unknown";
			s->variant_evidence = ev.len ? bx_arena_strdup(&d->arena, bx_buf_str(&ev)) : NULL;
		}
	}
	bx_buf_free(&ev);
	/* replies: the id of the segment they answer */
	for (size_t i = 0; i < d->nsegs; i++) {
		struct bx_seg *s = &d->segs[i];

		if (s->a.parent_ref == NULL)
			continue;
		for (size_t j = 0; j < d->nsegs; j++)
			if (d->segs[j].a.ref && strcmp(d->segs[j].a.ref, s->a.parent_ref) == 0) {
				s->parent_id = d->segs[j].id;
				break;
			}
	}
}

static int
emit_segment(struct bx_doc *d, const struct bx_seg *s)
{
	struct bilex_segment g;
	struct bilex_record rec;

	g.id = s->id;
	g.source = s->source;
	g.file = d->job->file;
	g.file_sha256 = d->job->file_sha256;
	g.member_sha256 = s->member_sha256;
	g.format = d->format;
	g.kind = s->a.kind;
	g.where = s->where;
	g.lang = bx_lang_name(s->a.lang);
	g.script = s->script;
	g.text = s->a.text;
	g.author = s->author;
	g.date = s->date;
	g.charset = s->charset;
	g.confidence = s->confidence;
	g.block = s->block_label;
	g.variant = s->variant;
	g.variant_evidence = s->variant_evidence;
	g.anchor_text = s->anchor_text;
	g.parent = s->parent_id;
	g.extra = s->extra;
	g.crop = s->crop;
	g.crop_len = s->crop_len;
	rec.type = BILEX_REC_SEGMENT;
	rec.u.segment = &g;
	return bx_emit(d->ctx, &rec);
}

/* Joins the texts, ids or places of a unit's segments. */
static const char *
join(struct bx_doc *d, const size_t *idx, int n, int what, const char *sep)
{
	struct bx_buf b;
	const char *r;

	if (n == 1) {
		const struct bx_seg *s = &d->segs[idx[0]];

		return what == 0 ? s->a.text : what == 1 ? s->id : s->where;
	}
	bx_buf_init(&b, 1u << 26);
	for (int i = 0; i < n; i++) {
		const struct bx_seg *s = &d->segs[idx[i]];
		const char *v = what == 0 ? s->a.text : what == 1 ? s->id : s->where;

		if (v == NULL)
			continue;
		/* places repeat when two sentences share a line: write each once */
		if (what == 2 && i > 0 && d->segs[idx[i - 1]].where &&
		    strcmp(d->segs[idx[i - 1]].where, v) == 0)
			continue;
		if (b.len)
			bx_buf_adds(&b, sep);
		bx_buf_adds(&b, v);
	}
	r = bx_arena_strdup(&d->arena, bx_buf_str(&b));
	bx_buf_free(&b);
	return r;
}

static const char *
ko_variant_of(struct bx_doc *d, const struct bx_apair *p, const char **evidence)
{
	int kp = 0, kr = 0;
	struct bx_buf b;

	bx_buf_init(&b, 1u << 16);
	for (int i = 0; i < p->nko; i++) {
		const struct bx_seg *s = &d->segs[p->ko[i]];

		if (s->variant && strcmp(s->variant, "KP") == 0)
			kp++;
		else if (s->variant && strcmp(s->variant, "KR") == 0)
			kr++;
		if (s->variant_evidence) {
			if (b.len)
				bx_buf_addc(&b, ';');
			bx_buf_adds(&b, s->variant_evidence);
		}
	}
	*evidence = b.len ? bx_arena_strdup(&d->arena, bx_buf_str(&b)) : NULL;
	bx_buf_free(&b);
	return kp > kr ? "KP" : kr > kp ? "KR" : "unknown";
}

static int
emit_pair(struct bx_doc *d, const struct bx_apair *p)
{
	struct bilex_pair r;
	struct bilex_record rec;
	const struct bx_seg *z = &d->segs[p->zh[0]], *k = &d->segs[p->ko[0]];

	memset(&r, 0, sizeof(r));
	r.id = bx_arena_printf(&d->arena, "%s:p%lld", d->stem, (long long)++d->pair_seq);
	r.score = p->score;
	r.method = p->method;
	r.zh = join(d, p->zh, p->nzh, 0, "");
	r.ko = join(d, p->ko, p->nko, 0, " ");
	r.zh_segment = join(d, p->zh, p->nzh, 1, "+");
	r.ko_segment = join(d, p->ko, p->nko, 1, "+");
	r.source = z->source;
	r.ko_source = k->source;
	r.zh_where = join(d, p->zh, p->nzh, 2, " + ");
	r.ko_where = join(d, p->ko, p->nko, 2, " + ");
	r.kind = z->a.kind;
	r.zh_variant = z->variant;
	r.ko_variant = ko_variant_of(d, p, &r.ko_variant_evidence);
	r.zh_author = z->author ? z->author : d->meta_author;
	r.ko_author = k->author ? k->author : d->meta_author;
	r.zh_date = z->date ? z->date : d->meta_date;
	r.ko_date = k->date ? k->date : d->meta_date;
	r.file_sha256 = d->job->file_sha256;
	r.file = d->job->file;
	r.signals = p->signals[0] ? p->signals : NULL;
	if (r.id == NULL || r.zh == NULL || r.ko == NULL)
		return bx_fail(d->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	rec.type = BILEX_REC_PAIR;
	rec.u.pair = &r;
	return bx_emit(d->ctx, &rec);
}

static int
flush(struct bx_doc *d)
{
	struct bx_lang *L;
	struct bx_align *A = NULL;
	struct bx_apair *pairs = NULL;
	const struct bx_aseg **view = NULL;
	size_t npairs = 0;
	int st;

	if (d->nsegs == 0)
		return BILEX_OK;
	st = bx_ctx_lang(d->ctx, &L);
	if (st != BILEX_OK)
		return st;
	label_segments(d, L);
	if (d->ctx->flags[BILEX_FLAG_PAIRS]) {
		st = bx_ctx_align(d->ctx, &A);
		if (st != BILEX_OK)
			return st;
		view = malloc(d->nsegs * sizeof(*view));
		if (view == NULL)
			return bx_fail(d->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
		for (size_t i = 0; i < d->nsegs; i++)
			view[i] = &d->segs[i].a;
		st = bx_align_doc(A, d->in->source, view, d->nsegs, d->ocr_order ? BX_ALIGN_BIPARTITE : 0, &pairs,
		    &npairs);
		free(view);
		if (st != BILEX_OK) {
			st = bx_doc_error(d, BILEX_WARN, BILEX_E_INTERNAL, "alignment failed");
			npairs = 0;
		}
	}
	for (size_t i = 0; i < d->nsegs && st > BILEX_FATAL; i++)
		st = bx_worst(st, emit_segment(d, &d->segs[i]));
	for (size_t i = 0; i < npairs && st > BILEX_FATAL; i++)
		st = bx_worst(st, emit_pair(d, &pairs[i]));
	free(pairs);
	d->segments_total += (int64_t)d->nsegs;
	d->pairs_total += (int64_t)npairs;
	d->nsegs = 0;
	/* segment strings of this slice are no longer referenced */
	bx_arena_reset(&d->arena);
	d->slice++;
	return st == BILEX_WARN ? BILEX_OK : st;
}

int
bx_doc_finish(struct bx_doc *doc)
{
	return flush(doc);
}

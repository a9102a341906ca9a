/*
 * collect.c - records of consecutive inputs in, records out; the place where sibling files
 * of a folder meet.
 *
 * A producer writes its notes in Chinese (修改意见.txt, S012_notes_cn.txt) and the go-between
 * puts the Korean beside it (수정의견.txt, S012_notes_kr.txt): the two files translate each
 * other.  The collector keeps the segments of every top-level document of the current folder
 * that is in one language only, and when the folder is done it pairs Chinese files with Korean
 * ones (by name stem, then by how well their names translate each other, then by being the
 * only two of a kind) and aligns each file pair as one document (method `cross-file`).
 * Memory: only the current folder's monolingual documents are kept, up to a cap.
 */
#include "bx.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../align/align.h"
#include "../lang/lang.h"

#define FOLDER_TEXT_CAP (64u << 20) /* text kept per folder for cross-file alignment */
#define MONO_SHARE 0.9               /* share of one language that makes a file monolingual */

struct cseg {
	struct bx_aseg a;
	const char *id, *source, *where, *author, *date, *variant, *evidence, *kind, *block;
};

struct cfile {
	char *path;             /* top-level file */
	char *name;             /* its last component */
	char sha256[65];
	struct cseg *segs;
	size_t nsegs, cap;
	size_t nzh, nko;
	int lang;               /* BX_LANG_ZH or BX_LANG_KO when monolingual, else -1 */
	bool document;          /* a document, not a container */
	struct cseg *name_seg;  /* its filename segment in the dominant language, if any */
	bool paired;
	struct bx_arena ar;     /* its strings while it is read */
	char *text;             /* its strings once it is kept (compact()) */
	size_t bytes;           /* what it holds once kept, counted against FOLDER_TEXT_CAP */
};

struct bilex_collector {
	bilex_ctx *ctx;
	bilex_record_fn fn;
	void *arg;
	char *folder;            /* folder of the inputs held */
	struct cfile *files;
	size_t nfiles, capfiles;
	struct cfile cur;        /* the input being fed */
	size_t held;             /* bytes of text held for the folder */
	bool full;               /* the folder's cap was reached: cross-file skipped for the rest */
	bool started;            /* a record of the current input was fed */
	int64_t pairs;
};

int
bilex_collector_new(bilex_ctx *ctx, bilex_record_fn fn, void *arg, bilex_collector **out)
{
	struct bilex_collector *c;

	*out = NULL;
	if (ctx == NULL)
		return BILEX_FATAL;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	c->ctx = ctx;
	c->fn = fn;
	c->arg = arg;
	bx_arena_init(&c->cur.ar, FOLDER_TEXT_CAP);
	*out = c;
	return BILEX_OK;
}

static int
pass(bilex_collector *c, const struct bilex_record *rec)
{
	if (c->fn && c->fn(c->arg, rec) != 0)
		return bx_fail(c->ctx, BILEX_FATAL, BILEX_E_CALLBACK, "stopped by the record callback");
	return BILEX_OK;
}

static void
file_free(struct cfile *f)
{
	free(f->path);
	free(f->text);
	free(f->segs);
	bx_arena_free(&f->ar);
	memset(f, 0, sizeof(*f));
	bx_arena_init(&f->ar, FOLDER_TEXT_CAP);
}

static int
lang_of(const char *s)
{
	if (s == NULL)
		return BX_LANG_OTHER;
	if (strcmp(s, "zh") == 0)
		return BX_LANG_ZH;
	if (strcmp(s, "ko") == 0)
		return BX_LANG_KO;
	return BX_LANG_OTHER;
}

/* Keeps what cross-file alignment needs of a segment of the current input. */
static void
keep_segment(bilex_collector *c, const struct bilex_segment *s)
{
	struct cfile *f = &c->cur;
	struct cseg *g;
	int lang = lang_of(s->lang);

	if (c->full || (lang != BX_LANG_ZH && lang != BX_LANG_KO))
		return;
	if (c->held + f->ar.used > FOLDER_TEXT_CAP) {
		c->full = true;
		return;
	}
	if (f->nsegs == f->cap) {
		size_t ncap = f->cap ? f->cap * 2 : 64;
		struct cseg *ns = realloc(f->segs, ncap * sizeof(*ns));

		if (ns == NULL) {
			c->full = true;
			return;
		}
		f->segs = ns;
		f->cap = ncap;
	}
	g = &f->segs[f->nsegs];
	memset(g, 0, sizeof(*g));
	g->a.text = bx_arena_strdup(&f->ar, s->text);
	g->id = bx_arena_strdup(&f->ar, s->id);
	g->source = bx_arena_strdup(&f->ar, s->source);
	g->where = bx_arena_strdup(&f->ar, s->where);
	g->author = bx_arena_strdup(&f->ar, s->author);
	g->date = bx_arena_strdup(&f->ar, s->date);
	g->variant = bx_arena_strdup(&f->ar, s->variant);
	g->evidence = bx_arena_strdup(&f->ar, s->variant_evidence);
	g->kind = bx_arena_strdup(&f->ar, s->kind);
	g->block = bx_arena_strdup(&f->ar, s->block);
	if (g->a.text == NULL || g->id == NULL || g->source == NULL || g->kind == NULL ||
	    (s->where && !g->where)) {
		c->full = true; /* the folder's text budget is spent */
		return;
	}
	g->a.len = strlen(g->a.text);
	g->a.lang = lang;
	g->a.kind = g->kind;
	g->a.block = -1;
	g->a.line = g->where && strncmp(g->where, "line ", 5) == 0 ?
	    strtol(g->where + 5, NULL, 10) : -1;
	g->a.col = -1;
	/* a unit per place: the sentences of one line stay together */
	if (f->nsegs == 0)
		g->a.unit = 0;
	else {
		const struct cseg *p = &f->segs[f->nsegs - 1];

		g->a.unit = p->a.unit + (p->where && g->where && strcmp(p->where, g->where) == 0 &&
		    strcmp(p->source, g->source) == 0 ? 0 : 1);
	}
	g->a.lunit = g->a.unit;
	if (strcmp(s->kind, "filename") != 0) {
		if (lang == BX_LANG_ZH)
			f->nzh++;
		else
			f->nko++;
	}
	f->nsegs++;
}

#define CONTENT_TRIES 64   /* zh x ko documents of a folder compared by content */
#define CONTENT_MIN 0.5    /* least share of aligned score mass for a content match */

static char *folder_of(const char *p);
static int close_folder(bilex_collector *c);

static const char *
record_file(const struct bilex_record *rec)
{
	switch (rec->type) {
	case BILEX_REC_FILE: return rec->u.file->file;
	case BILEX_REC_SEGMENT: return rec->u.segment->file;
	case BILEX_REC_PAIR: return rec->u.pair->file;
	default: return rec->u.error->file;
	}
}

/* A new input in another folder: the last folder is done, and its cross-file pairs go out
 * before the new input's records.  So they follow the last input of their folder whatever
 * comes next, which is what lets `bilex merge` rebuild one run from shards. */
static int
enter_folder(bilex_collector *c, const char *path)
{
	char *folder = folder_of(path ? path : "");
	int st = BILEX_OK;

	if (folder == NULL)
		return bx_fail(c->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	if (c->folder && strcmp(c->folder, folder) != 0)
		st = close_folder(c);
	free(c->folder);
	c->folder = folder;
	c->started = true;
	return st;
}

int
bilex_collector_feed(bilex_collector *c, const struct bilex_record *rec)
{
	if (c == NULL || rec == NULL)
		return BILEX_FATAL;
	if (!c->started && enter_folder(c, record_file(rec)) == BILEX_FATAL)
		return BILEX_FATAL;
	if (rec->type == BILEX_REC_SEGMENT && c->ctx->flags[BILEX_FLAG_CROSS_FILE] &&
	    c->ctx->flags[BILEX_FLAG_PAIRS])
		keep_segment(c, rec->u.segment);
	else if (rec->type == BILEX_REC_FILE && rec->u.file->depth == 0) {
		const struct bilex_file *f = rec->u.file;

		/* a document is what its own extractor read; containers hold many documents */
		c->cur.document = f->format && strcmp(f->format, "zip") != 0 &&
		    strcmp(f->format, "archive") != 0 && strcmp(f->format, "tar") != 0 &&
		    strcmp(f->status, "error") != 0;
		if (f->sha256)
			snprintf(c->cur.sha256, sizeof(c->cur.sha256), "%s", f->sha256);
	}
	return pass(c, rec);
}

/* ---- pairing sibling files --------------------------------------------------------------- */

static const char *
base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

static char *
folder_of(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? bx_strndup(p, (size_t)(s - p)) : bx_strdup("");
}

/* The stem without a language suffix: "S012_notes_cn.txt" -> "s012_notes", lang zh. */
static void
stem_of(const char *name, char *out, size_t len, int *lang)
{
	static const struct {
		const char *suffix;
		int lang;
	} sfx[] = {
		{ "_cn", BX_LANG_ZH }, { "_zh", BX_LANG_ZH }, { "_chs", BX_LANG_ZH },
		{ "_cht", BX_LANG_ZH }, { "_chn", BX_LANG_ZH }, { "-cn", BX_LANG_ZH },
		{ "-zh", BX_LANG_ZH }, { "_kr", BX_LANG_KO }, { "_ko", BX_LANG_KO },
		{ "_kor", BX_LANG_KO }, { "-kr", BX_LANG_KO }, { "-ko", BX_LANG_KO },
		{ "_nk", BX_LANG_KO }, { "_kp", BX_LANG_KO },
	};
	const char *dot = strrchr(name, '.');
	size_t n = dot && dot != name ? (size_t)(dot - name) : strlen(name);

	*lang = -1;
	if (n >= len)
		n = len - 1;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)((name[i] >= 'A' && name[i] <= 'Z') ? name[i] | 0x20 : name[i]);
	out[n] = '\0';
	for (size_t i = 0; i < BX_ARRAY_LEN(sfx); i++) {
		size_t k = strlen(sfx[i].suffix);

		if (n > k && strcmp(out + n - k, sfx[i].suffix) == 0) {
			out[n - k] = '\0';
			*lang = sfx[i].lang;
			return;
		}
	}
}

static const char *
ext_of(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot ? dot : "";
}

/* How likely two sibling files translate each other, from their names alone. */
static double
name_score(struct bx_align *A, const struct cfile *z, const struct cfile *k)
{
	char sz[256], sk[256];
	int lz, lk;

	stem_of(z->name, sz, sizeof(sz), &lz);
	stem_of(k->name, sk, sizeof(sk), &lk);
	if (lz == BX_LANG_ZH && lk == BX_LANG_KO && strcmp(sz, sk) == 0)
		return 10; /* S012_notes_cn.txt beside S012_notes_kr.txt */
	if (z->name_seg && k->name_seg) {
		/* 修改意见.txt beside 수정의견.txt: score the names as a pair of notes */
		const struct bx_aseg *v[2] = { &z->name_seg->a, &k->name_seg->a };
		struct bx_apair *p = NULL;
		size_t np = 0;
		double s = 0;

		if (bx_align_files(A, NULL, v, 1, v + 1, 1, &p, &np) == BILEX_OK && np == 1)
			s = 5 * p[0].score;
		free(p);
		if (s > 0)
			return s + (strcasecmp(ext_of(z->name), ext_of(k->name)) == 0);
	}
	return 0;
}

static const char *
or_null(const char *s)
{
	return s;
}

static int
emit_cross(bilex_collector *c, const struct cfile *z, const struct cfile *k,
    const struct cseg *const *all, const struct bx_apair *p, int64_t n)
{
	struct bilex_pair r;
	struct bilex_record rec;
	struct bx_buf b[6];
	char stem[13], idb[40];
	struct bx_buf key;
	const struct cseg *zs = all[p->zh[0]], *ks = all[p->ko[0]];
	int st;

	for (int i = 0; i < 6; i++)
		bx_buf_init(&b[i], 1u << 24);
	bx_buf_init(&key, 1u << 16);
	bx_buf_printf(&key, "%s\n%s", z->path, k->path);
	bx_id_stem(bx_buf_str(&key), stem);
	snprintf(idb, sizeof(idb), "%s:x%lld", stem, (long long)n);
	for (int i = 0; i < p->nzh; i++) {
		const struct cseg *s = all[p->zh[i]];

		bx_buf_adds(&b[0], s->a.text);
		if (i)
			bx_buf_addc(&b[2], '+');
		bx_buf_adds(&b[2], s->id);
		if (i == 0 || strcmp(all[p->zh[i - 1]]->where ? all[p->zh[i - 1]]->where : "",
		    s->where ? s->where : "") != 0) {
			if (b[4].len)
				bx_buf_adds(&b[4], " + ");
			bx_buf_adds(&b[4], s->where ? s->where : "");
		}
	}
	for (int i = 0; i < p->nko; i++) {
		const struct cseg *s = all[p->ko[i]];

		if (i) {
			bx_buf_addc(&b[1], ' ');
			bx_buf_addc(&b[3], '+');
		}
		bx_buf_adds(&b[1], s->a.text);
		bx_buf_adds(&b[3], s->id);
		if (i == 0 || strcmp(all[p->ko[i - 1]]->where ? all[p->ko[i - 1]]->where : "",
		    s->where ? s->where : "") != 0) {
			if (b[5].len)
				bx_buf_adds(&b[5], " + ");
			bx_buf_adds(&b[5], s->where ? s->where : "");
		}
	}
	memset(&r, 0, sizeof(r));
	r.id = idb;
	r.score = p->score;
	r.method = "cross-file";
	r.zh = bx_buf_str(&b[0]);
	r.ko = bx_buf_str(&b[1]);
	r.zh_segment = bx_buf_str(&b[2]);
	r.ko_segment = bx_buf_str(&b[3]);
	r.source = zs->source;
	r.ko_source = ks->source;
	r.zh_where = bx_buf_str(&b[4]);
	r.ko_where = bx_buf_str(&b[5]);
	r.kind = zs->kind;
	r.zh_variant = or_null(zs->variant);
	{
		int kp = 0, kr = 0;

		for (int i = 0; i < p->nko; i++) {
			const char *v = all[p->ko[i]]->variant;

			kp += v && strcmp(v, "KP") == 0;
			kr += v && strcmp(v, "KR") == 0;
		}
		r.ko_variant = kp > kr ? "KP" : kr > kp ? "KR" : "unknown";
	}
	r.ko_variant_evidence = ks->evidence;
	r.zh_author = zs->author;
	r.ko_author = ks->author;
	r.zh_date = zs->date;
	r.ko_date = ks->date;
	r.file_sha256 = z->sha256[0] ? z->sha256 : NULL;
	r.file = z->path;
	r.signals = p->signals[0] ? p->signals : NULL;
	rec.type = BILEX_REC_PAIR;
	rec.u.pair = &r;
	st = pass(c, &rec);
	for (int i = 0; i < 6; i++)
		bx_buf_free(&b[i]);
	bx_buf_free(&key);
	return st;
}

/* The cross-file alignment of a zh and a ko document, not yet emitted: *p and *np get the
 * pairs, *all the segments they index (both malloc'ed; the caller frees them). */
static int
align_files(bilex_collector *c, struct bx_align *A, struct cfile *z, struct cfile *k,
    struct bx_apair **p, size_t *np, const struct cseg ***allp)
{
	const struct bx_aseg **va;
	const struct cseg **all;
	size_t n = z->nsegs + k->nsegs, na = 0, nb = 0;
	int st = BILEX_OK;

	*p = NULL;
	*np = 0;
	*allp = NULL;
	va = malloc((n + 1) * sizeof(*va));
	all = malloc((n + 1) * sizeof(*all));
	if (va == NULL || all == NULL) {
		free(va);
		free(all);
		return bx_fail(c->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < z->nsegs; i++)
		if (z->segs[i].a.lang == BX_LANG_ZH) {
			all[na] = &z->segs[i];
			va[na++] = &z->segs[i].a;
		}
	for (size_t i = 0; i < k->nsegs; i++)
		if (k->segs[i].a.lang == BX_LANG_KO) {
			all[na + nb] = &k->segs[i];
			va[na + nb] = &k->segs[i].a;
			nb++;
		}
	{
		/* both files name the alignment in diagnostics */
		struct bx_buf nm;

		bx_buf_init(&nm, 1u << 16);
		bx_buf_printf(&nm, "%s|%s", z->path, k->path);
		if (bx_align_files(A, bx_buf_str(&nm), va, na, va + na, nb, p, np) != BILEX_OK)
			st = bx_fail(c->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
		bx_buf_free(&nm);
	}
	free(va);
	if (st != BILEX_OK)
		free(all);
	else
		*allp = all;
	return st;
}

static int
align_pair(bilex_collector *c, struct bx_align *A, struct cfile *z, struct cfile *k)
{
	struct bx_apair *p;
	const struct cseg **all;
	size_t np;
	int st = align_files(c, A, z, k, &p, &np, &all);

	/* numbered within the pair of files (the id stem is theirs): the same ids whatever else
	 * the run holds, so that shards merge into one run's output */
	for (size_t i = 0; i < np && st == BILEX_OK; i++) {
		c->pairs++;
		st = emit_cross(c, z, k, all, &p[i], (int64_t)i + 1);
	}
	free(p);
	free(all);
	return st;
}

/* How much two documents translate each other, when their names do not say: the score mass of
 * their cross alignment over the larger side's segments (0..1). */
static double
content_score(bilex_collector *c, struct bx_align *A, struct cfile *z, struct cfile *k)
{
	struct bx_apair *p;
	const struct cseg **all;
	size_t np, nz = 0, nk = 0;
	double sum = 0;

	if (align_files(c, A, z, k, &p, &np, &all) != BILEX_OK)
		return 0;
	for (size_t i = 0; i < np; i++)
		sum += p[i].score;
	for (size_t i = 0; i < z->nsegs; i++)
		nz += z->segs[i].a.lang == BX_LANG_ZH;
	for (size_t i = 0; i < k->nsegs; i++)
		nk += k->segs[i].a.lang == BX_LANG_KO;
	free(p);
	free(all);
	return np >= 2 ? sum / (double)(nz > nk ? nz : nk) : 0;
}

/* A pair of sibling files that their names say translate each other. */
struct cand {
	double score;
	size_t z, k;  /* indexes in c->files */
};

#define NAME_TRIES (1u << 16) /* pairs of CJK file names of a folder scored as translations */
#define CANDS_MAX (1u << 20)  /* pairs of files of a folder kept as candidates */

static int
cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->z != y->z)
		return x->z < y->z ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

struct stem_ref {
	const char *stem;
	size_t i;
};

static int
stem_cmp(const void *a, const void *b)
{
	const struct stem_ref *x = a, *y = b;
	int d = strcmp(x->stem, y->stem);

	if (d)
		return d;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
add_cand(struct cand **v, size_t *n, size_t *cap, double score, size_t z, size_t k)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		struct cand *nv;

		if (*n >= CANDS_MAX)
			return 1; /* enough: the rest are left out */
		nv = realloc(*v, nc * sizeof(*nv));
		if (nv == NULL)
			return -1;
		*v = nv;
		*cap = nc;
	}
	(*v)[*n].score = score;
	(*v)[*n].z = z;
	(*v)[*n].k = k;
	(*n)++;
	return 0;
}

/* Every zh x ko pair of the folder with a name score above 0 (name_score() of the pair), found
 * without scoring every pair: equal stems by sorting, translated names only when there are
 * few enough of them (NAME_TRIES).  Scored once, not once per pair made: the greedy loop that
 * rescored all pairs after each pick was cubic, minutes for a folder of 1,000 notes. */
static int
name_cands(bilex_collector *c, struct bx_align *A, struct cand **out, size_t *nout)
{
	struct stem_ref *zs = NULL, *ks = NULL;
	struct cand *v = NULL;
	size_t nzs = 0, nks = 0, nv = 0, cap = 0, nzn = 0, nkn = 0, *at = NULL;
	char *stems = NULL, one[256];
	size_t used = 0, scap = 0;
	int *slang = NULL, rc = 0;

	*out = NULL;
	*nout = 0;
	if (c->nfiles == 0)
		return 0;
	zs = malloc(c->nfiles * sizeof(*zs));
	ks = malloc(c->nfiles * sizeof(*ks));
	at = malloc(c->nfiles * sizeof(*at));
	slang = malloc(c->nfiles * sizeof(*slang));
	if (zs == NULL || ks == NULL || at == NULL || slang == NULL) {
		rc = -1;
		goto out;
	}
	/* the stems side by side in one buffer (a folder may hold a million files) */
	for (size_t i = 0; i < c->nfiles; i++) {
		size_t n;

		stem_of(c->files[i].name, one, sizeof(one), &slang[i]);
		n = strlen(one) + 1;
		if (used + n > scap) {
			size_t nc = scap ? scap * 2 : 4096;
			char *ns;

			while (nc < used + n)
				nc *= 2;
			if ((ns = realloc(stems, nc)) == NULL) {
				rc = -1;
				goto out;
			}
			stems = ns;
			scap = nc;
		}
		memcpy(stems + used, one, n);
		at[i] = used;
		used += n;
	}
	for (size_t i = 0; i < c->nfiles; i++) {
		const struct cfile *f = &c->files[i];

		if (f->lang == BX_LANG_ZH && slang[i] == BX_LANG_ZH)
			zs[nzs++] = (struct stem_ref){ stems + at[i], i };
		if (f->lang == BX_LANG_KO && slang[i] == BX_LANG_KO)
			ks[nks++] = (struct stem_ref){ stems + at[i], i };
		if (f->name_seg && f->lang == BX_LANG_ZH)
			nzn++;
		if (f->name_seg && f->lang == BX_LANG_KO)
			nkn++;
	}
	/* S012_notes_cn.txt beside S012_notes_kr.txt: 10 */
	qsort(zs, nzs, sizeof(*zs), stem_cmp);
	qsort(ks, nks, sizeof(*ks), stem_cmp);
	for (size_t a = 0, b = 0; a < nzs && b < nks && rc == 0;) {
		int d = strcmp(zs[a].stem, ks[b].stem);
		size_t ea = a, eb = b;

		if (d < 0) {
			a++;
			continue;
		}
		if (d > 0) {
			b++;
			continue;
		}
		while (ea < nzs && strcmp(zs[ea].stem, zs[a].stem) == 0)
			ea++;
		while (eb < nks && strcmp(ks[eb].stem, ks[b].stem) == 0)
			eb++;
		for (size_t i = a; i < ea && rc == 0; i++)
			for (size_t j = b; j < eb && rc == 0; j++)
				rc = add_cand(&v, &nv, &cap, 10, zs[i].i, ks[j].i);
		a = ea;
		b = eb;
	}
	/* 修改意见.txt beside 수정의견.txt: the names scored as a pair of notes, unless there
	 * are too many to try */
	if (rc == 0 && nzn && nkn && (uint64_t)nzn * nkn <= NAME_TRIES) {
		for (size_t i = 0; i < c->nfiles && rc == 0; i++) {
			if (c->files[i].lang != BX_LANG_ZH || c->files[i].name_seg == NULL)
				continue;
			for (size_t j = 0; j < c->nfiles && rc == 0; j++) {
				double sc;

				if (c->files[j].lang != BX_LANG_KO || c->files[j].name_seg == NULL)
					continue;
				if (slang[i] == BX_LANG_ZH && slang[j] == BX_LANG_KO &&
				    strcmp(stems + at[i], stems + at[j]) == 0)
					continue; /* scored 10 above */
				sc = name_score(A, &c->files[i], &c->files[j]);
				if (sc > 0)
					rc = add_cand(&v, &nv, &cap, sc, i, j);
			}
		}
	}
	if (rc > 0)
		rc = 0; /* CANDS_MAX reached: the candidates found are used */
	if (rc == 0 && nv > 1)
		qsort(v, nv, sizeof(*v), cand_cmp); /* never qsort(NULL, 0): UBSan stops the run */
out:
	free(zs);
	free(ks);
	free(at);
	free(stems);
	free(slang);
	if (rc != 0) {
		free(v);
		return bx_fail(c->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
	}
	*out = v;
	*nout = nv;
	return 0;
}

/* The folder is done: pair its Chinese files with its Korean files and align each pair.
 * Best name score first (ties: the earlier Chinese file, then the earlier Korean one); in a
 * small folder, names scoring under 2 do not decide, and a lone pair of one extension or,
 * failing that, the contents do. */
static int
close_folder(bilex_collector *c)
{
	struct bx_align *A;
	int st = BILEX_OK;
	size_t nz = 0, nk = 0;

	for (size_t i = 0; i < c->nfiles; i++) {
		nz += c->files[i].lang == BX_LANG_ZH;
		nk += c->files[i].lang == BX_LANG_KO;
	}
	if (nz && nk && bx_ctx_align(c->ctx, &A) == BILEX_OK) {
		bool small = nz * nk <= CONTENT_TRIES, done = false;
		struct cand *v;
		size_t nv;

		if (name_cands(c, A, &v, &nv) != 0)
			st = BILEX_FATAL;
		for (size_t i = 0; i < nv && st == BILEX_OK && !done; i++) {
			struct cfile *z = &c->files[v[i].z], *k = &c->files[v[i].k];

			if (small && v[i].score < 2.0)
				break;
			if (z->paired || k->paired)
				continue;
			z->paired = k->paired = true;
			st = align_pair(c, A, z, k);
			done = nz == 1 && nk == 1;
		}
		free(v);
		while (small && !done && st == BILEX_OK) {
			double best = 0;
			size_t bz = 0, bk = 0;

			if (nz == 1 && nk == 1) {
				/* the only Chinese and the only Korean document of the folder */
				for (size_t i = 0; i < c->nfiles; i++) {
					if (c->files[i].lang == BX_LANG_ZH && !c->files[i].paired)
						bz = i, best = 1;
					if (c->files[i].lang == BX_LANG_KO && !c->files[i].paired)
						bk = i;
				}
				if (best > 0 && strcasecmp(ext_of(c->files[bz].name),
				    ext_of(c->files[bk].name)) != 0)
					best = 0;
			}
			if (best <= 0) {
				/* names say nothing (返修清单_第8集 and 재수정목록_제8회): the
				 * documents that translate each other best, if well enough */
				for (size_t i = 0; i < c->nfiles; i++) {
					if (c->files[i].lang != BX_LANG_ZH || c->files[i].paired)
						continue;
					for (size_t j = 0; j < c->nfiles; j++) {
						double s;

						if (c->files[j].lang != BX_LANG_KO || c->files[j].paired)
							continue;
						s = content_score(c, A, &c->files[i], &c->files[j]);
						if (s >= CONTENT_MIN && s > best) {
							best = s;
							bz = i;
							bk = j;
						}
					}
				}
			}
			if (best <= 0)
				break;
			c->files[bz].paired = c->files[bk].paired = true;
			st = align_pair(c, A, &c->files[bz], &c->files[bk]);
			done = nz == 1 && nk == 1;
		}
	}
	for (size_t i = 0; i < c->nfiles; i++)
		file_free(&c->files[i]);
	c->nfiles = 0;
	c->held = 0;
	c->full = false;
	return st;
}

/* The strings of a file kept for its folder, moved from its arena (64 KiB chunks) into one
 * block of their size, and its segment array cut to its length: a folder of 1,000 notes of
 * 100 bytes held 70 MB before, 65 KiB a note.  -1 when out of memory. */
static int
compact(struct cfile *f)
{
	size_t total = 0, at = 0;
	struct cseg *ns;
	char *t;

	for (size_t i = 0; i < f->nsegs; i++) {
		const char *const *v[] = { &f->segs[i].a.text, &f->segs[i].id, &f->segs[i].source,
			&f->segs[i].where, &f->segs[i].author, &f->segs[i].date, &f->segs[i].variant,
			&f->segs[i].evidence, &f->segs[i].kind, &f->segs[i].block };

		for (size_t k = 0; k < BX_ARRAY_LEN(v); k++)
			total += *v[k] ? strlen(*v[k]) + 1 : 0;
	}
	t = malloc(total ? total : 1);
	if (t == NULL)
		return -1;
	for (size_t i = 0; i < f->nsegs; i++) {
		const char **v[] = { &f->segs[i].a.text, &f->segs[i].id, &f->segs[i].source,
			&f->segs[i].where, &f->segs[i].author, &f->segs[i].date, &f->segs[i].variant,
			&f->segs[i].evidence, &f->segs[i].kind, &f->segs[i].block };

		for (size_t k = 0; k < BX_ARRAY_LEN(v); k++) {
			size_t n;

			if (*v[k] == NULL)
				continue;
			n = strlen(*v[k]) + 1;
			memcpy(t + at, *v[k], n);
			*v[k] = t + at;
			at += n;
		}
		f->segs[i].a.kind = f->segs[i].kind;
	}
	if (f->nsegs && (ns = realloc(f->segs, f->nsegs * sizeof(*ns))) != NULL) {
		f->segs = ns;
		f->cap = f->nsegs;
	}
	bx_arena_free(&f->ar);
	bx_arena_init(&f->ar, FOLDER_TEXT_CAP);
	f->text = t;
	f->bytes = total + f->cap * sizeof(*f->segs) + sizeof(*f);
	return 0;
}

int
bilex_collector_end_input(bilex_collector *c, const char *path)
{
	struct cfile *f = &c->cur;
	int st = BILEX_OK;

	if (c == NULL || path == NULL)
		return BILEX_FATAL;
	if (!c->started)
		st = enter_folder(c, path);
	c->started = false;
	/* keep the input when it is a document in one language */
	if (st == BILEX_OK && f->document && f->nzh + f->nko > 0 && !c->full) {
		double share = (double)(f->nzh > f->nko ? f->nzh : f->nko) / (double)(f->nzh + f->nko);

		if (share >= MONO_SHARE) {
			if (compact(f) != 0) {
				file_free(f);
				return bx_fail(c->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
			}
			f->lang = f->nzh > f->nko ? BX_LANG_ZH : BX_LANG_KO;
			f->path = bx_strdup(path);
			f->name = f->path ? (char *)base_name(f->path) : NULL;
			for (size_t i = 0; i < f->nsegs; i++)
				if (strcmp(f->segs[i].kind, "filename") == 0 && f->segs[i].a.lang == f->lang)
					f->name_seg = &f->segs[i];
			if (c->nfiles == c->capfiles) {
				size_t ncap = c->capfiles ? c->capfiles * 2 : 16;
				struct cfile *nf = realloc(c->files, ncap * sizeof(*nf));

				if (nf == NULL) {
					file_free(f);
					return bx_fail(c->ctx, BILEX_FATAL, BILEX_E_NOMEM, "out of memory");
				}
				c->files = nf;
				c->capfiles = ncap;
			}
			if (f->path) {
				c->held += f->bytes + strlen(f->path) + 1;
				c->files[c->nfiles++] = *f;
				memset(f, 0, sizeof(*f));
				bx_arena_init(&f->ar, FOLDER_TEXT_CAP);
				return st;
			}
		}
	}
	file_free(f);
	return st;
}

int
bilex_collector_finish(bilex_collector *c)
{
	int st;

	if (c == NULL)
		return BILEX_FATAL;
	st = close_folder(c);
	file_free(&c->cur);
	return st;
}

void
bilex_collector_free(bilex_collector *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nfiles; i++)
		file_free(&c->files[i]);
	free(c->files);
	file_free(&c->cur);
	bx_arena_free(&c->cur.ar);
	free(c->folder);
	free(c);
}

static int
route_to_collector(void *arg, const struct bilex_record *rec)
{
	return bilex_collector_feed(arg, rec);
}

int
bilex_scan(bilex_ctx *ctx, const char *const *paths, size_t n)
{
	bilex_collector *c = NULL;
	bilex_walk *w = NULL;
	const char *path;
	bilex_code code;
	int st, worst = BILEX_OK;

	if (ctx == NULL || (paths == NULL && n > 0))
		return bx_fail(ctx, BILEX_FATAL, BILEX_E_INVALID, "invalid argument");
	st = bilex_collector_new(ctx, ctx->fn, ctx->fn_arg, &c);
	if (st == BILEX_OK)
		st = bilex_walk_new(ctx, paths, n, &w);
	if (st != BILEX_OK) {
		bilex_collector_free(c);
		return st;
	}
	ctx->route = route_to_collector;
	ctx->route_arg = c;
	while ((st = bilex_walk_next(w, &path, &code)) == BILEX_OK) {
		if (code != BILEX_E_NONE)
			st = bilex_report(ctx, path, code, NULL);
		else
			st = bilex_process(ctx, path);
		worst = bx_worst(worst, st);
		if (st == BILEX_FATAL)
			break;
		st = bilex_collector_end_input(c, path);
		if (st == BILEX_FATAL)
			break;
	}
	if (st != BILEX_FATAL)
		st = bilex_collector_finish(c);
	ctx->route = NULL;
	ctx->route_arg = NULL;
	bilex_walk_free(w);
	bilex_collector_free(c);
	if (st == BILEX_FATAL)
		return st;
	return worst < BILEX_OK ? BILEX_WARN : BILEX_OK;
}

unsigned
bilex_shard_of(const char *path, unsigned n)
{
	char hex[65];
	const char *slash;
	size_t len;
	uint64_t h = 0;

	if (n <= 1 || path == NULL)
		return 0;
	/* the folder, so that siblings that translate each other stay together */
	slash = strrchr(path, '/');
	len = slash ? (size_t)(slash - path) : 0;
	bx_sha256_of(path, len, hex);
	for (int i = 0; i < 16; i++)
		h = h << 4 | (uint64_t)(hex[i] <= '9' ? hex[i] - '0' : hex[i] - 'a' + 10);
	return (unsigned)(h % n);
}

/*
 * report.c - what the xlsx workbook and the html report share: ISO 8601 dates read back into
 * numbers, a capped hash set of 64-bit keys, the per-day timeline of files and pairs, and
 * the temporary files they spill to.
 *
 * Both writers see records one at a time and must keep memory bounded whatever the input
 * holds, so every table here has a hard cap; past it the writer says in its output that a
 * figure is incomplete instead of growing without end.
 */
#include "output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- dates ------------------------------------------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
int64_t
bx_days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
bx_civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* YYYY-MM-DD, then optionally [T ]HH:MM[:SS[.f...]] and Z or +HH[:MM] / -HH[:MM].  A time
 * without a zone is taken as UTC: the records write UTC, and a document that gives no zone
 * gives no better guess. */
bool
bx_iso_parse(const char *s, struct bx_when *w)
{
	int y, mo, d, h = 0, mi = 0, se = 0, off = 0;
	double frac = 0;
	const char *p;
	int64_t secs, days;

	if (s == NULL || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return false;
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return false;
	p = s + 10;
	w->has_time = false;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		if (strlen(p + 1) < 5 || p[3] != ':')
			return false;
		h = digits(p + 1, 2);
		mi = digits(p + 4, 2);
		if (h < 0 || h > 24 || mi < 0 || mi > 59)
			return false;
		p += 6;
		if (*p == ':') {
			se = digits(p + 1, 2);
			if (se < 0 || se > 60)
				return false;
			p += 3;
			if (*p == '.' || *p == ',') {
				double scale = 0.1;

				for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
					frac += (*p - '0') * scale;
			}
		}
		w->has_time = true;
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int oh = digits(p + 1, 2), om = 0;
			int sign = *p == '-' ? -1 : 1;

			if (oh < 0 || oh > 23)
				return false;
			p += 3;
			if (*p == ':')
				p++;
			if (*p >= '0' && *p <= '9') {
				om = digits(p, 2);
				if (om < 0 || om > 59)
					return false;
				p += 2;
			}
			off = sign * (oh * 60 + om);
		}
	}
	if (*p != '\0')
		return false;
	days = bx_days_from_civil(y, mo, d);
	/* a 31st of a 30-day month would silently become the 1st of the next: refuse it */
	{
		int cy, cm, cd;

		bx_civil_from_days(days, &cy, &cm, &cd);
		if (cy != y || cm != mo || cd != d)
			return false;
	}
	secs = days * 86400 + h * 3600 + mi * 60 + se - (int64_t)off * 60;
	w->epoch = secs;
	w->frac = frac;
	w->day = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	bx_civil_from_days(w->day, &w->year, &w->month, &w->mday);
	secs -= w->day * 86400;
	w->hour = (int)(secs / 3600);
	w->min = (int)(secs / 60 % 60);
	w->sec = (int)(secs % 60);
	return true;
}

/* ---- hash set / map of 64-bit keys ------------------------------------------------------- */

uint64_t
bx_hash64(const char *s, size_t n)
{
	/* FNV-1a over the bytes, then MurmurHash3's finaliser so that the low bits (the slot)
	 * depend on every byte.  Keys are record ids and paths: no secret is needed, a 64-bit
	 * collision only merges two keys in a count. */
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h ? h : 1; /* 0 marks an empty slot */
}

void
bx_map_init(struct bx_map *m, size_t max_entries)
{
	memset(m, 0, sizeof(*m));
	m->max = max_entries;
}

void
bx_map_free(struct bx_map *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->mask = 0;
	m->n = 0;
}

static int
map_grow(struct bx_map *m)
{
	size_t ncap = m->mask ? (m->mask + 1) * 2 : 1024;
	uint64_t *keys = calloc(ncap, sizeof(*keys));
	int64_t *vals = calloc(ncap, sizeof(*vals));

	if (keys == NULL || vals == NULL) {
		free(keys);
		free(vals);
		return BILEX_FATAL;
	}
	for (size_t i = 0; m->keys && i <= m->mask; i++) {
		size_t j;

		if (m->keys[i] == 0)
			continue;
		for (j = m->keys[i] & (ncap - 1); keys[j]; j = (j + 1) & (ncap - 1))
			;
		keys[j] = m->keys[i];
		vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->mask = ncap - 1;
	return BILEX_OK;
}

int64_t *
bx_map_slot(struct bx_map *m, uint64_t key, bool add)
{
	size_t j;

	if (m->mask) {
		for (j = key & m->mask; m->keys[j]; j = (j + 1) & m->mask)
			if (m->keys[j] == key)
				return &m->vals[j];
	}
	if (!add)
		return NULL;
	if (m->n >= m->max) {
		m->full = true;
		return NULL;
	}
	/* load factor at most 1/2: linear probing stays short */
	if (m->mask == 0 || (m->n + 1) * 2 > m->mask + 1) {
		if (map_grow(m) != BILEX_OK) {
			m->full = true;
			return NULL;
		}
	}
	for (j = key & m->mask; m->keys[j]; j = (j + 1) & m->mask)
		;
	m->keys[j] = key;
	m->vals[j] = 0;
	m->n++;
	return &m->vals[j];
}

/* ---- timeline ---------------------------------------------------------------------------- */

#define TIMELINE_DAYS 200000 /* distinct days kept: more than five centuries, day by day */
#define TIMELINE_SOURCES (1u << 21) /* file times remembered for pairs without a date */

void
bx_timeline_init(struct bx_timeline *t)
{
	memset(t, 0, sizeof(*t));
	bx_map_init(&t->index, TIMELINE_DAYS);
	bx_map_init(&t->source_day, TIMELINE_SOURCES);
	bx_map_init(&t->pending, TIMELINE_SOURCES);
}

void
bx_timeline_free(struct bx_timeline *t)
{
	bx_map_free(&t->index);
	bx_map_free(&t->source_day);
	bx_map_free(&t->pending);
	free(t->days);
	t->days = NULL;
}

/* Row of DAY, created on first use; NULL past the cap. */
static struct bx_day *
day_row(struct bx_timeline *t, int64_t day)
{
	int64_t *slot = bx_map_slot(&t->index, (uint64_t)(day + (1LL << 40)), true);

	if (slot == NULL)
		return NULL;
	if (*slot == 0) {
		if (t->n == t->cap) {
			size_t nc = t->cap ? t->cap * 2 : 256;
			struct bx_day *nd = realloc(t->days, nc * sizeof(*nd));

			if (nd == NULL)
				return NULL;
			t->days = nd;
			t->cap = nc;
		}
		memset(&t->days[t->n], 0, sizeof(t->days[0]));
		t->days[t->n].day = day;
		*slot = (int64_t)++t->n; /* index + 1: 0 is "new" */
	}
	return &t->days[*slot - 1];
}

/* Excel and the report draw days from 1900 to 9999; a date outside is a damaged field. */
static bool
usable_day(const struct bx_when *w)
{
	return w->year >= 1900 && w->year <= 9999;
}

void
bx_timeline_add_file(struct bx_timeline *t, const struct bilex_file *f)
{
	struct bx_when w;
	struct bx_day *r;
	int64_t *slot, waiting = 0;
	uint64_t key = f->source ? bx_hash64(f->source, strlen(f->source)) : 0;

	/* pairs found in this item before its record came (a plain file's own pairs) */
	if (key && (slot = bx_map_slot(&t->pending, key, false)) != NULL) {
		waiting = *slot;
		*slot = 0;
	}
	if (!bx_iso_parse(f->mtime, &w) || !usable_day(&w)) {
		t->undated_files++;
		t->undated_pairs += waiting;
		return;
	}
	if (key && (slot = bx_map_slot(&t->source_day, key, true)) != NULL)
		*slot = w.day + 1;
	if ((r = day_row(t, w.day)) == NULL) {
		t->dropped++;
		return;
	}
	if (f->depth > 0)
		r->members++;
	else
		r->files++;
	r->pairs += waiting;
}

void
bx_timeline_add_pair(struct bx_timeline *t, const struct bilex_pair *p)
{
	struct bx_when w;
	struct bx_day *r;
	int64_t day, *slot;
	bool doc;

	if ((bx_iso_parse(p->zh_date, &w) && usable_day(&w)) ||
	    (bx_iso_parse(p->ko_date, &w) && usable_day(&w))) {
		day = w.day;
		doc = true;
	} else if (p->source) {
		uint64_t key = bx_hash64(p->source, strlen(p->source));

		slot = bx_map_slot(&t->source_day, key, false);
		if (slot == NULL || *slot <= 0) {
			/* the walk hands a file's record over after the pairs found inside it: wait
			 * for it (counted per source, so waiting costs one entry per file) */
			slot = bx_map_slot(&t->pending, key, true);
			if (slot)
				(*slot)++;
			else
				t->undated_pairs++;
			return;
		}
		day = *slot - 1;
		doc = false;
	} else {
		t->undated_pairs++;
		return;
	}
	if ((r = day_row(t, day)) == NULL) {
		t->dropped++;
		return;
	}
	r->pairs++;
	if (doc)
		r->pairs_document++;
}

static int
day_cmp(const void *a, const void *b)
{
	const struct bx_day *x = a, *y = b;

	return x->day < y->day ? -1 : x->day > y->day;
}

void
bx_timeline_sort(struct bx_timeline *t)
{
	/* pairs whose file record never came */
	for (size_t i = 0; t->pending.mask && i <= t->pending.mask; i++)
		if (t->pending.keys[i] && t->pending.vals[i] > 0) {
			t->undated_pairs += t->pending.vals[i];
			t->pending.vals[i] = 0;
		}
	if (t->n > 1)
		qsort(t->days, t->n, sizeof(t->days[0]), day_cmp);
}

/* ---- cell text ---------------------------------------------------------------------------- */

/* Appends s as valid UTF-8 without the characters XML 1.0 cannot hold (C0 controls but TAB,
 * LF and CR; U+FFFE, U+FFFF): invalid bytes and those become U+FFFD, so a hostile name can
 * neither break the file nor vanish silently.  Cut at MAX UTF-16 units (Excel's count) with
 * a visible "[cut: N characters]" like the CSV writer; *cut tells whether that happened. */
int
bx_clean_text(struct bx_buf *b, const char *s, size_t max_units, bool *cut)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t units = 0, total = 0, keep_at = 0, n;
	size_t i;
	char marker[64];
	int st = BILEX_OK;

	*cut = false;
	if (s == NULL)
		return BILEX_OK;
	n = strlen(s);
	/* first pass: UTF-16 length, to know whether and where to cut */
	for (i = 0; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			total += p[i] >= 0xF0 ? 2 : 1;
	marker[0] = '\0';
	if (total > max_units) {
		snprintf(marker, sizeof(marker), " [cut: %zu characters]", total);
		keep_at = max_units - strlen(marker) - 1;
		*cut = true;
	}
	i = 0;
	while (i < n && st == BILEX_OK) {
		size_t start = i, len;
		uint32_t c;
		unsigned char b0 = p[i];
		bool bad = false;

		/* decode one code point by hand: strict (no overlongs, no surrogates) */
		if (b0 < 0x80) {
			c = b0;
			len = 1;
		} else if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
			c = (uint32_t)(b0 & 0x1F) << 6 | (p[i + 1] & 0x3F);
			len = 2;
		} else if (b0 >= 0xE0 && b0 <= 0xEF && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
		    (p[i + 2] & 0xC0) == 0x80) {
			c = (uint32_t)(b0 & 0x0F) << 12 | (uint32_t)(p[i + 1] & 0x3F) << 6 | (p[i + 2] & 0x3F);
			len = 3;
			bad = c < 0x800 || (c >= 0xD800 && c <= 0xDFFF);
		} else if (b0 >= 0xF0 && b0 <= 0xF4 && i + 3 < n && (p[i + 1] & 0xC0) == 0x80 &&
		    (p[i + 2] & 0xC0) == 0x80 && (p[i + 3] & 0xC0) == 0x80) {
			c = (uint32_t)(b0 & 0x07) << 18 | (uint32_t)(p[i + 1] & 0x3F) << 12 |
			    (uint32_t)(p[i + 2] & 0x3F) << 6 | (p[i + 3] & 0x3F);
			len = 4;
			bad = c < 0x10000 || c > 0x10FFFF;
		} else {
			c = 0xFFFD;
			len = 1;
			bad = true;
		}
		if (bad)
			c = 0xFFFD;
		if (*cut && units + (c >= 0x10000 ? 2 : 1) > keep_at)
			break;
		units += c >= 0x10000 ? 2 : 1;
		i += len;
		if (bad || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE ||
		    c == 0xFFFF)
			st = bx_buf_add(b, "\xEF\xBF\xBD", 3);
		else
			st = bx_buf_add(b, s + start, len);
	}
	if (st == BILEX_OK && marker[0])
		st = bx_buf_adds(b, marker);
	return st;
}

/* ---- spills ------------------------------------------------------------------------------ */

FILE *
bx_spill_open(const char *dir, const char *tag)
{
	char path[1100];
	int fd;
	FILE *fp;

	if (dir[0] == '\0')
		return tmpfile();
	snprintf(path, sizeof(path), "%s/bilex-%s-XXXXXX", dir, tag);
	fd = mkstemp(path);
	if (fd < 0)
		return tmpfile();
	/* unlinked at once: nothing is left behind, whatever happens to the process */
	unlink(path);
	fp = fdopen(fd, "w+");
	if (fp == NULL)
		close(fd);
	return fp;
}

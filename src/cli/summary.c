/*
 * summary.c - counts of a run, printed once on stderr at the end.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const langs[] = { "zh", "ko", "ja", "en", "other" };
static const char *const methods[] = { "same-line", "same-block", "adjacent", "anchor", "dp",
	"bipartite", "cross-file", "reply", "cell", "gap", NULL };

double
cli_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
cli_summary_init(struct cli_summary *s)
{
	memset(s, 0, sizeof(*s));
	s->started = cli_now();
}

void
cli_summary_add(struct cli_summary *s, const struct bilex_record *rec)
{
	switch (rec->type) {
	case BILEX_REC_FILE:
		if (rec->u.file->depth == 0) {
			s->files++;
			if (rec->u.file->size > 0)
				s->bytes += rec->u.file->size;
		} else {
			s->members++;
		}
		break;
	case BILEX_REC_SEGMENT: {
		int i;

		s->segments++;
		/* a language outside the list counts as "other": every segment is in the sum */
		for (i = 0; i < 4; i++)
			if (rec->u.segment->lang && strcmp(rec->u.segment->lang, langs[i]) == 0)
				break;
		s->by_lang[i]++;
		break;
	}
	case BILEX_REC_PAIR: {
		const struct bilex_pair *p = rec->u.pair;
		int i;

		s->pairs++;
		for (i = 0; methods[i]; i++)
			if (p->method && strcmp(p->method, methods[i]) == 0)
				break;
		if (methods[i])
			s->by_method[i]++;
		else
			s->other_method++;
		if (p->ko_variant && strcmp(p->ko_variant, "KP") == 0)
			s->ko_variant[0]++;
		else if (p->ko_variant && strcmp(p->ko_variant, "KR") == 0)
			s->ko_variant[1]++;
		else
			s->ko_variant[2]++;
		if (p->zh_variant && strcmp(p->zh_variant, "Hans") == 0)
			s->zh_variant[0]++;
		else if (p->zh_variant && strcmp(p->zh_variant, "Hant") == 0)
			s->zh_variant[1]++;
		break;
	}
	case BILEX_REC_ERROR: {
		bilex_code c = rec->u.error->code ? bilex_code_from_name(rec->u.error->code) :
		    BILEX_E_NONE;

		s->errors++;
		if (c != BILEX_E_NONE && (unsigned)c < 40)
			s->by_code[c]++;
		else
			s->other_code++;
		break;
	}
	}
}

void
cli_summary_print(const struct cli_summary *s)
{
	double t = cli_now() - s->started;

	fprintf(stderr, "bilex: %lld files (%.1f MB, %lld members), %lld segments (",
	    (long long)s->files, (double)s->bytes / 1e6, (long long)s->members,
	    (long long)s->segments);
	for (int i = 0, first = 1; i < 5; i++)
		if (s->by_lang[i]) {
			fprintf(stderr, "%s%s %lld", first ? "" : ", ", langs[i], (long long)s->by_lang[i]);
			first = 0;
		}
	fprintf(stderr, "), %lld pairs", (long long)s->pairs);
	if (s->pairs) {
		int first = 1;

		fputs(" (", stderr);
		for (int i = 0; methods[i]; i++)
			if (s->by_method[i]) {
				fprintf(stderr, "%s%s %lld", first ? "" : ", ", methods[i],
				    (long long)s->by_method[i]);
				first = 0;
			}
		if (s->other_method)
			fprintf(stderr, "%sother %lld", first ? "" : ", ", (long long)s->other_method);
		fprintf(stderr, "; zh Hans %lld, Hant %lld; ko KP %lld, KR %lld, unknown %lld)",
		    (long long)s->zh_variant[0], (long long)s->zh_variant[1],
		    (long long)s->ko_variant[0], (long long)s->ko_variant[1],
		    (long long)s->ko_variant[2]);
	}
	fprintf(stderr, ", %lld errors", (long long)s->errors);
	if (s->errors) {
		int first = 1;

		fputs(" (", stderr);
		for (int i = 0; i < 40; i++)
			if (s->by_code[i]) {
				fprintf(stderr, "%s%s %lld", first ? "" : ", ", bilex_code_name((bilex_code)i),
				    (long long)s->by_code[i]);
				first = 0;
			}
		if (s->other_code)
			fprintf(stderr, "%sother %lld", first ? "" : ", ", (long long)s->other_code);
		fputc(')', stderr);
	}
	fprintf(stderr, " in %.2f s", t);
	if (t > 0 && s->bytes > 0)
		fprintf(stderr, " (%.1f MB/s)", (double)s->bytes / 1e6 / t);
	fputc('\n', stderr);
}

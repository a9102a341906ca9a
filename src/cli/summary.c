/*
 * summary.c - counts of a run, printed once on stderr at the end.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const langs[] = { "zh", "ko", "ja", "en", "other" };
static const char *const methods[] = { "same-line", "same-block", "adjacent", "anchor", "dp",
	"bipartite", "cross-file", "reply", "cell", NULL };

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
	case BILEX_REC_SEGMENT:
		s->segments++;
		for (int i = 0; i < 5; i++)
			if (strcmp(rec->u.segment->lang, langs[i]) == 0)
				s->by_lang[i]++;
		break;
	case BILEX_REC_PAIR:
		s->pairs++;
		for (int i = 0; methods[i]; i++)
			if (strcmp(rec->u.pair->method, methods[i]) == 0)
				s->by_method[i]++;
		break;
	case BILEX_REC_ERROR: {
		bilex_code c = bilex_code_from_name(rec->u.error->code);

		s->errors++;
		if ((unsigned)c < 40)
			s->by_code[c]++;
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
		fputs(" (", stderr);
		for (int i = 0, first = 1; methods[i]; i++)
			if (s->by_method[i]) {
				fprintf(stderr, "%s%s %lld", first ? "" : ", ", methods[i],
				    (long long)s->by_method[i]);
				first = 0;
			}
		fputc(')', stderr);
	}
	fprintf(stderr, ", %lld errors", (long long)s->errors);
	if (s->errors) {
		fputs(" (", stderr);
		for (int i = 0, first = 1; i < 40; i++)
			if (s->by_code[i]) {
				fprintf(stderr, "%s%s %lld", first ? "" : ", ", bilex_code_name((bilex_code)i),
				    (long long)s->by_code[i]);
				first = 0;
			}
		fputc(')', stderr);
	}
	fprintf(stderr, " in %.2f s\n", t);
}

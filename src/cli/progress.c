/*
 * progress.c - one line of progress on stderr, rewritten in place with \r.
 *
 *   bilex: 1,234/5,678 files  812.4 MB  31.2 MB/s  2:14 left
 *
 * Only on a terminal and without --quiet (DESIGN.md section 5: progress goes to stderr, only
 * on a terminal): a log file or a pipe gets nothing but the summary at the end.  At most four
 * lines a second, so a dump of many small files does not spend its time on the terminal.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PROGRESS_INTERVAL 0.25 /* seconds between two lines */

static double
clock_of(const struct cli_progress *p)
{
	return p->clock ? p->clock() : cli_now();
}

static FILE *
out_of(const struct cli_progress *p)
{
	return p->out ? p->out : stderr;
}

/* "1,234,567": counts are easier to read grouped. */
static void
grouped(char *buf, size_t len, int64_t v)
{
	char digits[32];
	int n, k = 0;

	n = snprintf(digits, sizeof(digits), "%lld", (long long)(v < 0 ? 0 : v));
	for (int i = 0; i < n && (size_t)k + 2 < len; i++) {
		if (i && (n - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = digits[i];
	}
	buf[k] = '\0';
}

/* "0:42", "12:05", "3:02:11" */
static void
duration(char *buf, size_t len, double s)
{
	long t = s < 0 ? 0 : s > 359999 ? 359999 : (long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, len, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, len, "%ld:%02ld", t / 60, t % 60);
}

static void
draw(struct cli_progress *p, double now)
{
	char line[160], done[32], total[32], left[32];
	double elapsed = now - p->started;
	double mb = (double)p->bytes / 1e6;
	int n;

	grouped(done, sizeof(done), p->files);
	if (p->total >= 0) {
		grouped(total, sizeof(total), p->total);
		n = snprintf(line, sizeof(line), "bilex: %s/%s files  %.1f MB", done, total, mb);
	} else {
		n = snprintf(line, sizeof(line), "bilex: %s files  %.1f MB", done, mb);
	}
	if (elapsed > 0 && n > 0 && (size_t)n < sizeof(line))
		n += snprintf(line + n, sizeof(line) - (size_t)n, "  %.1f MB/s", mb / elapsed);
	if (p->total > 0 && p->files > 0 && p->files <= p->total && n > 0 &&
	    (size_t)n < sizeof(line)) {
		/* by files, not bytes: the total of bytes is not known before the walk ends */
		duration(left, sizeof(left),
		    elapsed * (double)(p->total - p->files) / (double)p->files);
		n += snprintf(line + n, sizeof(line) - (size_t)n, "  %s left", left);
	} else if (n > 0 && (size_t)n < sizeof(line)) {
		duration(left, sizeof(left), elapsed);
		n += snprintf(line + n, sizeof(line) - (size_t)n, "  %s", left);
	}
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = (int)sizeof(line) - 1;
	/* pad over what the previous, longer line left behind */
	fprintf(out_of(p), "\r%s%*s", line, p->width > n ? p->width - n : 0, "");
	fflush(out_of(p));
	p->width = n;
	p->last = now;
	p->lines++;
}

void
cli_progress_start(struct cli_progress *p, int64_t total_files)
{
	p->on = !p->quiet && (p->force || isatty(fileno(out_of(p))) == 1);
	p->total = total_files < 0 ? -1 : total_files;
	p->files = p->bytes = 0;
	p->started = clock_of(p);
	p->last = p->started - PROGRESS_INTERVAL; /* the first update may draw at once */
	p->width = 0;
	p->lines = 0;
}

void
cli_progress_total(struct cli_progress *p, int64_t total_files)
{
	p->total = total_files < 0 ? -1 : total_files;
}

void
cli_progress_update(struct cli_progress *p, int64_t files_done, int64_t bytes_done)
{
	double now;

	if (!p->on)
		return;
	p->files = files_done;
	p->bytes = bytes_done;
	now = clock_of(p);
	if (now - p->last < PROGRESS_INTERVAL)
		return;
	draw(p, now);
}

void
cli_progress_end(struct cli_progress *p)
{
	if (!p->on)
		return;
	/* wipe the line: the summary that follows says the same, finally */
	if (p->width > 0) {
		fprintf(out_of(p), "\r%*s\r", p->width, "");
		fflush(out_of(p));
	}
	p->width = 0;
	p->on = false;
}

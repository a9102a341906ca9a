/*
 * test_progress.c - the progress line (src/cli/progress.c) with a fake clock, and the date
 * and text helpers the xlsx and html writers share (src/output/report.c).
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/cli/cli.h"
#include "../../src/output/output.h"

static double fake_now;

static double
fake_clock(void)
{
	return fake_now;
}

/* A progress struct drawing into a memory stream. */
struct capture {
	char *buf;
	size_t len;
	FILE *fp;
	struct cli_progress p;
};

static void
capture_start(struct capture *c, bool quiet, bool force, int64_t total)
{
	memset(c, 0, sizeof(*c));
	c->fp = open_memstream(&c->buf, &c->len);
	assert_non_null(c->fp);
	c->p.quiet = quiet;
	c->p.force = force;
	c->p.out = c->fp;
	c->p.clock = fake_clock;
	fake_now = 1000;
	cli_progress_start(&c->p, total);
}

static void
capture_end(struct capture *c)
{
	fclose(c->fp);
	free(c->buf);
}

static void
test_progress_silent_off_terminal(void **state)
{
	struct capture c;

	(void)state;
	/* a memory stream is no terminal: nothing, whatever happens */
	capture_start(&c, false, false, 10);
	for (int i = 1; i <= 10; i++) {
		fake_now += 1;
		cli_progress_update(&c.p, i, i * 1000000);
	}
	cli_progress_end(&c.p);
	fflush(c.fp);
	assert_int_equal(c.len, 0);
	capture_end(&c);
}

static void
test_progress_silent_when_quiet(void **state)
{
	struct capture c;

	(void)state;
	capture_start(&c, true, true, 10);
	fake_now += 1;
	cli_progress_update(&c.p, 1, 1000000);
	cli_progress_end(&c.p);
	fflush(c.fp);
	assert_int_equal(c.len, 0);
	capture_end(&c);
}

static void
test_progress_rate_limited(void **state)
{
	struct capture c;

	(void)state;
	capture_start(&c, false, true, -1);
	/* 1000 updates within one second: at most 4 or 5 lines */
	for (int i = 1; i <= 1000; i++) {
		fake_now = 1000 + i / 1000.0;
		cli_progress_update(&c.p, i, (int64_t)i * 1000);
	}
	assert_true(c.p.lines >= 4 && c.p.lines <= 5);
	cli_progress_end(&c.p);
	capture_end(&c);
}

static void
test_progress_line(void **state)
{
	struct capture c;
	char *last;
	int prev;

	(void)state;
	capture_start(&c, false, true, 4000);
	fake_now = 1010; /* 10 s in: 1,000 of 4,000 files, 50 MB */
	cli_progress_update(&c.p, 1000, 50000000);
	fflush(c.fp);
	assert_non_null(c.buf);
	assert_int_equal(c.buf[0], '\r');
	assert_non_null(strstr(c.buf, "1,000/4,000 files"));
	assert_non_null(strstr(c.buf, "50.0 MB"));
	assert_non_null(strstr(c.buf, "5.0 MB/s"));
	assert_non_null(strstr(c.buf, "0:30 left")); /* 3,000 more files at 100 a second */
	assert_null(strchr(c.buf, '\n'));             /* one line, rewritten */
	/* a shorter line later pads over the longer one */
	fake_now = 1011;
	prev = c.p.width;
	cli_progress_total(&c.p, -1);
	cli_progress_update(&c.p, 1001, 50000001);
	fflush(c.fp);
	last = strrchr(c.buf, '\r');
	assert_non_null(strstr(last, "1,001 files"));
	assert_null(strstr(last, "left"));
	assert_true(c.p.width < prev);
	assert_int_equal((int)strlen(last + 1), prev);
	/* end wipes the line and leaves the cursor at its start */
	cli_progress_end(&c.p);
	fflush(c.fp);
	assert_int_equal(c.buf[c.len - 1], '\r');
	assert_null(strchr(c.buf, '\n'));
	cli_progress_update(&c.p, 2000, 1);           /* after end: nothing */
	fflush(c.fp);
	assert_int_equal(c.buf[c.len - 1], '\r');
	capture_end(&c);
}

static void
test_iso_dates(void **state)
{
	struct bx_when w;

	(void)state;
	assert_true(bx_iso_parse("2024-03-05T14:00:00Z", &w));
	assert_int_equal(w.year, 2024);
	assert_int_equal(w.month, 3);
	assert_int_equal(w.mday, 5);
	assert_int_equal(w.hour, 14);
	assert_true(w.has_time);
	assert_int_equal(w.day, bx_days_from_civil(2024, 3, 5));
	/* an offset moves the day: 01:00 at +09:00 is the previous day in UTC */
	assert_true(bx_iso_parse("2024-03-05T01:00:00+09:00", &w));
	assert_int_equal(w.mday, 4);
	assert_int_equal(w.hour, 16);
	assert_true(bx_iso_parse("2024-03-05", &w));
	assert_false(w.has_time);
	assert_true(bx_iso_parse("2024-03-05 14:00:00.250", &w));
	assert_true(w.frac > 0.24 && w.frac < 0.26);
	assert_true(bx_iso_parse("1969-12-31T23:59:59Z", &w));
	assert_int_equal(w.day, -1);
	assert_false(bx_iso_parse("2024-02-30", &w));
	assert_false(bx_iso_parse("2024-03-05T14:00:00Zjunk", &w));
	assert_false(bx_iso_parse("yesterday", &w));
	assert_false(bx_iso_parse(NULL, &w));
}

static void
test_clean_text(void **state)
{
	struct bx_buf b;
	bool cut;
	char *big;

	(void)state;
	bx_buf_init(&b, 1u << 22);
	/* bad bytes and C0 controls become U+FFFD; TAB, LF, CR and text stay */
	assert_int_equal(bx_clean_text(&b, "a\x01" "b\xff\tc\n\xe4\xb8\xad", 100, &cut), BILEX_OK);
	assert_string_equal(bx_buf_str(&b), "a\xef\xbf\xbd" "b\xef\xbf\xbd\tc\n\xe4\xb8\xad");
	assert_false(cut);
	/* cut at the limit in UTF-16 units, with the marker, under the limit */
	big = malloc(40001 * 3 + 1);
	for (int i = 0; i < 40001; i++)
		memcpy(big + i * 3, "\xe6\xbc\xa2", 3);
	big[40001 * 3] = '\0';
	b.len = 0;
	assert_int_equal(bx_clean_text(&b, big, 32767, &cut), BILEX_OK);
	assert_true(cut);
	assert_non_null(strstr(bx_buf_str(&b), " [cut: 40001 characters]"));
	assert_true(b.len / 3 < 32767);
	free(big);
	bx_buf_free(&b);
}

static void
test_timeline(void **state)
{
	struct bx_timeline t;
	struct bilex_file f = { 0 };
	struct bilex_pair p = { 0 };

	(void)state;
	bx_timeline_init(&t);
	/* a pair before its file record (a plain file's own pairs), one after, one dated */
	p.source = "a.txt";
	bx_timeline_add_pair(&t, &p);
	f.source = "a.txt";
	f.mtime = "2024-03-04T10:00:00Z";
	bx_timeline_add_file(&t, &f);
	bx_timeline_add_pair(&t, &p);
	p.zh_date = "2024-03-06T23:30:00-02:00"; /* 2024-03-07 in UTC */
	bx_timeline_add_pair(&t, &p);
	p.zh_date = NULL;
	p.source = "never.txt";
	bx_timeline_add_pair(&t, &p);
	bx_timeline_sort(&t);
	assert_int_equal(t.n, 2);
	assert_int_equal(t.days[0].day, bx_days_from_civil(2024, 3, 4));
	assert_int_equal(t.days[0].files, 1);
	assert_int_equal(t.days[0].pairs, 2);
	assert_int_equal(t.days[0].pairs_document, 0);
	assert_int_equal(t.days[1].day, bx_days_from_civil(2024, 3, 7));
	assert_int_equal(t.days[1].pairs_document, 1);
	assert_int_equal(t.undated_pairs, 1);
	bx_timeline_free(&t);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_progress_silent_off_terminal),
	cmocka_unit_test(test_progress_silent_when_quiet),
	cmocka_unit_test(test_progress_rate_limited),
	cmocka_unit_test(test_progress_line),
	cmocka_unit_test(test_iso_dates),
	cmocka_unit_test(test_clean_text),
	cmocka_unit_test(test_timeline),
};

UNIT_SUITE(progress_suite, tests);

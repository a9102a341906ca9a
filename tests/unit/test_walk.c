/*
 * test_walk.c - the order of inputs, and links in and out of the tree.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void
test_path_order(void **state)
{
	(void)state;
	/* files of a folder come before its subfolders, whatever the names */
	assert_true(bilex_path_cmp("d/z.txt", "d/a/x.txt") < 0);
	assert_true(bilex_path_cmp("d/a.txt", "d/b.txt") < 0);
	assert_true(bilex_path_cmp("d/a/x.txt", "d/b/a.txt") < 0);
	assert_true(bilex_path_cmp("a.txt", "a/b") < 0);
	assert_int_equal(bilex_path_cmp("d/x", "d/x"), 0);
	/* bytewise: UTF-8 names sort by their bytes */
	assert_true(bilex_path_cmp("d/Z", "d/a") < 0);
	assert_true(bilex_path_cmp("d/수정.txt", "d/修改.txt") > 0);
	/* an unreadable folder is reported as "name/" among the folders */
	assert_true(bilex_path_cmp("d/sub/", "d/sub/a") < 0);
	assert_true(bilex_path_cmp("d/zz.txt", "d/sub/") < 0);
}

static void
touch(const char *path)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs("x\n", fp);
	fclose(fp);
}

static void
test_walk_links(void **state)
{
	char root[] = "/tmp/bilex-walk-XXXXXX", p[512], q[512];
	bilex_ctx *ctx;
	bilex_walk *w;
	const char *path;
	bilex_code code;
	const char *roots[1];
	char got[16][512];
	bilex_code codes[16];
	int n = 0;

	(void)state;
	assert_non_null(mkdtemp(root));
	snprintf(p, sizeof(p), "%s/tree", root);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/tree/b.txt", root);
	touch(p);
	snprintf(p, sizeof(p), "%s/tree/sub", root);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/tree/sub/a.txt", root);
	touch(p);
	snprintf(p, sizeof(p), "%s/outside.txt", root);
	touch(p);
	snprintf(p, sizeof(p), "%s/tree/out", root);
	snprintf(q, sizeof(q), "%s/outside.txt", root);
	assert_int_equal(symlink(q, p), 0);                 /* out of the tree */
	snprintf(p, sizeof(p), "%s/tree/sub/loop", root);
	assert_int_equal(symlink("..", p), 0);              /* a loop */
	snprintf(p, sizeof(p), "%s/tree/in", root);
	assert_int_equal(symlink("sub/a.txt", p), 0);       /* inside: followed */
	snprintf(p, sizeof(p), "%s/tree/fifo", root);
	assert_int_equal(mkfifo(p, 0644), 0);               /* never opened */

	snprintf(p, sizeof(p), "%s/tree", root);
	roots[0] = p;
	assert_int_equal(bilex_ctx_new(&ctx), BILEX_OK);
	assert_int_equal(bilex_walk_new(ctx, roots, 1, &w), BILEX_OK);
	while (bilex_walk_next(w, &path, &code) == BILEX_OK && n < 16) {
		snprintf(got[n], sizeof(got[n]), "%s", path + strlen(p) + 1);
		codes[n++] = code;
	}
	bilex_walk_free(w);
	bilex_ctx_free(ctx);
	assert_int_equal(n, 6);
	assert_string_equal(got[0], "b.txt");
	assert_int_equal(codes[0], BILEX_E_NONE);
	assert_string_equal(got[1], "fifo");
	assert_int_equal(codes[1], BILEX_E_SPECIAL);
	assert_string_equal(got[2], "in");
	assert_int_equal(codes[2], BILEX_E_NONE);
	assert_string_equal(got[3], "out");
	assert_int_equal(codes[3], BILEX_E_OUTSIDE);
	assert_string_equal(got[4], "sub/a.txt");
	assert_string_equal(got[5], "sub/loop");
	assert_int_equal(codes[5], BILEX_E_LOOP);

	snprintf(q, sizeof(q), "rm -rf '%s'", root);
	assert_int_equal(system(q), 0);
}

static void
test_shard_keeps_folders_together(void **state)
{
	(void)state;
	assert_int_equal(bilex_shard_of("dump/day1/修改意见.txt", 7),
	    bilex_shard_of("dump/day1/수정의견.txt", 7));
	assert_int_equal(bilex_shard_of("x", 1), 0);
	assert_true(bilex_shard_of("dump/day2/a.txt", 3) < 3);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_path_order),
	cmocka_unit_test(test_walk_links),
	cmocka_unit_test(test_shard_keeps_folders_together),
};

UNIT_SUITE(walk_suite, tests);

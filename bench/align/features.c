/*
 * features.c - prints the aligner's signals for zh/ko sentence pairs, for fitting the model.
 *   features < pairs.tsv     (LABEL<TAB>ZH<TAB>KO per line) -> LABEL<TAB>f1<TAB>f2...
 * Built on demand against the uninstalled library's internals: make bench/align/features.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/align/align-int.h"
#include "../../src/core/bx.h"

int
main(void)
{
	bilex_ctx *ctx;
	struct bx_align *A;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (bilex_ctx_new(&ctx) != BILEX_OK || bx_ctx_align(ctx, &A) != BILEX_OK) {
		fprintf(stderr, "features: %s\n", ctx ? bilex_errmsg(ctx) : "no context");
		return 1;
	}
	printf("label");
	for (int i = 0; i < F_COUNT; i++)
		printf("\t%s", bx_feature_names[i]);
	printf("\n");
	while ((n = getline(&line, &cap, stdin)) > 0) {
		char *zh, *ko;
		struct bx_aseg sz, sk;
		const struct bx_aseg *v[2] = { &sz, &sk };
		struct bx_item iz, ik;
		struct bx_arena ar;
		size_t i0 = 0, i1 = 1;
		double f[F_COUNT];

		line[n - 1] = line[n - 1] == '\n' ? '\0' : line[n - 1];
		zh = strchr(line, '\t');
		if (!zh || !(ko = strchr(zh + 1, '\t')))
			continue;
		*zh++ = '\0';
		*ko++ = '\0';
		memset(&sz, 0, sizeof(sz));
		memset(&sk, 0, sizeof(sk));
		sz.text = zh;
		sz.len = strlen(zh);
		sz.lang = BX_LANG_ZH;
		sz.kind = "body";
		sk.text = ko;
		sk.len = strlen(ko);
		sk.lang = BX_LANG_KO;
		sk.kind = "body";
		sk.unit = 1;
		bx_arena_init(&ar, 1u << 26);
		bx_item_build(A, &ar, v, &i0, 1, &iz);
		bx_item_build(A, &ar, v, &i1, 1, &ik);
		bx_pair_features(A, &iz, &ik, false, f);
		printf("%s", line);
		for (int i = 0; i < F_COUNT; i++)
			printf("\t%.4f", f[i]);
		printf("\n");
		bx_arena_free(&ar);
	}
	free(line);
	bilex_ctx_free(ctx);
	return 0;
}

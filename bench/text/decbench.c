/*
 * decbench.c - the decode stage of libbilex alone, to compare with `uchardet + iconv`, which
 * only decode: the charset decision over the file's first 64 KiB (bx_charset_choose) and the
 * conversion of every byte to UTF-16 with the same ICU converter, in the same 64 KiB chunks,
 * as the text extractor (src/extract/text.c).  No lines, NFC, segments or SHA-256.
 *   decbench FILE...   prints "bytes charset seconds MB/s" per file
 * Built by bench/text/run.sh against the static library (the bx_ functions are internal).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lang/lang.h"

#define CHUNK (64 * 1024)

static int
decode(struct bx_lang *L, const unsigned char *p, size_t n, char *label, size_t labellen)
{
	struct bx_charset_choice ch;
	struct bx_decoder *dec;
	UChar *buf = NULL;
	int32_t len = 0, cap = 0;
	size_t off;
	int st = BILEX_OK;

	if (bx_charset_choose(L, p, n, NULL, &ch) != BILEX_OK)
		return -1;
	snprintf(label, labellen, "%s", ch.label);
	if (bx_decoder_open(L, ch.name, &dec) != BILEX_OK)
		return -1;
	p += ch.bom;
	n -= ch.bom;
	for (off = 0; st == BILEX_OK && off < n;) {
		size_t k = n - off > CHUNK ? CHUNK : n - off;

		st = bx_decoder_run(dec, p + off, k, off + k >= n, &buf, &len, &cap, 8 * CHUNK);
		off += k;
		len = 0; /* the extractor hands the lines on; here they are dropped */
	}
	bx_decoder_close(dec);
	free(buf);
	return st == BILEX_OK ? 0 : -1;
}

int
main(int argc, char **argv)
{
	const char *dir = getenv("BILEX_LANGDATA");
	struct bx_lang *L;
	char err[256], label[40];

	if (bx_lang_open(&L, dir ? dir : "langdata", err, sizeof(err)) != BILEX_OK) {
		fprintf(stderr, "decbench: %s\n", err);
		return 3;
	}
	for (int i = 1; i < argc; i++) {
		struct timespec a, b;
		struct stat sb;
		void *m;
		double s;
		int fd, rc;

		clock_gettime(CLOCK_MONOTONIC, &a);
		fd = open(argv[i], O_RDONLY);
		if (fd < 0 || fstat(fd, &sb) != 0 || sb.st_size == 0) {
			fprintf(stderr, "decbench: cannot read %s\n", argv[i]);
			return 2;
		}
		m = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		close(fd);
		if (m == MAP_FAILED)
			return 2;
		rc = decode(L, m, (size_t)sb.st_size, label, sizeof(label));
		munmap(m, (size_t)sb.st_size);
		clock_gettime(CLOCK_MONOTONIC, &b);
		if (rc != 0) {
			fprintf(stderr, "decbench: %s does not decode\n", argv[i]);
			return 1;
		}
		s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
		printf("%lld %s %.3f %.1f\n", (long long)sb.st_size, label, s,
		    (double)sb.st_size / 1e6 / s);
	}
	bx_lang_close(L);
	return 0;
}

/*
 * bench.c - writes synthetic records through the public writer API and times it.
 *
 *   bench FORMAT PATH NPAIRS [all|pairs] [hostile]
 *
 * NPAIRS pairs of made-up Chinese and Korean sentences (30 to 60 characters, the length of
 * real editing notes), and with "all" (the default: what `bilex scan -o x.xlsx` hands the
 * writer) also their two segments each, one unpaired segment every tenth pair, a file record
 * every 50 pairs and an error record every 1,000.  Records come in the order of a scan: a
 * document's segments, its file record, then its pairs.  "hostile" puts formula-like,
 * markup-like and over-long texts among them.  Prints: format, records, seconds, bytes.
 */
#include <bilex.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static const char *const zh_parts[] = { "请把", "第三镜头的", "背景颜色", "改成暖色调", "人物的",
	"眼睛要再大一点", "衣服的褶皱", "不自然", "这里的光影", "方向不对", "手指的数量", "画错了",
	"头发的高光", "太亮", "动作要更流畅", "整体", "重新上色" };
static const char *const ko_parts[] = { "제3장면의 ", "배경색을 ", "따뜻한 색조로 ", "바꿔주십시오. ",
	"인물의 ", "눈을 ", "좀더 크게 ", "옷의 주름이 ", "부자연스럽습니다. ", "여기 빛과 그림자의 ",
	"방향이 ", "틀렸습니다. ", "손가락 수를 ", "잘못 그렸습니다. ", "머리카락 ", "하이라이트가 ",
	"너무 밝습니다. " };
static const char *const hostile[] = { "=HYPERLINK(\"http://x\",\"点击\")",
	"<script>alert(1)</script>请修改", "</script><b>粗体</b>", "+1+1 수정", "@SUM(A1) 수정",
	"_x0041_ 改" };

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long long rng = 88172645463325252ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void
sentence(char *out, size_t len, const char *const *parts, size_t nparts, int words)
{
	size_t at = 0;

	out[0] = '\0';
	for (int i = 0; i < words; i++) {
		const char *p = parts[rnd((unsigned)nparts)];
		size_t n = strlen(p);

		if (at + n + 1 >= len)
			break;
		memcpy(out + at, p, n);
		at += n;
	}
	out[at] = '\0';
}

static void
die(bilex_ctx *ctx, const char *what)
{
	fprintf(stderr, "bench: %s: %s\n", what, bilex_errmsg(ctx));
	exit(1);
}

int
main(int argc, char **argv)
{
	const char *format, *path;
	long npairs;
	bool all = true, bad = false;
	bilex_ctx *ctx;
	bilex_writer *w;
	unsigned mask;
	long records = 0;
	double t0, t1;
	struct stat st;
	char *end;
	static char zh[4096], ko[4096], big[140000];

	if (argc < 4) {
		fprintf(stderr, "usage: bench FORMAT PATH NPAIRS [all|pairs] [hostile]\n");
		return 2;
	}
	format = argv[1];
	path = argv[2];
	npairs = strtol(argv[3], &end, 10);
	if (*end != '\0' || npairs <= 0 || npairs > 100000000) {
		fprintf(stderr, "bench: NPAIRS must be a number from 1 to 10^8, not '%s'\n", argv[3]);
		return 2;
	}
	for (int i = 4; i < argc; i++) {
		if (strcmp(argv[i], "pairs") == 0)
			all = false;
		else if (strcmp(argv[i], "hostile") == 0)
			bad = true;
	}
	mask = BILEX_MASK(BILEX_REC_PAIR);
	if (all)
		mask |= BILEX_MASK(BILEX_REC_SEGMENT) | BILEX_MASK(BILEX_REC_FILE) |
		    BILEX_MASK(BILEX_REC_ERROR);
	if (bilex_ctx_new(&ctx) != BILEX_OK)
		return 1;
	for (size_t i = 0; i + 1 < sizeof(big); i++)
		big[i] = "\xe6\xbc\xa2"[i % 3]; /* 漢 repeated: over Excel's cell limit */
	big[sizeof(big) - 1 - (sizeof(big) - 1) % 3] = '\0';

	t0 = now();
	if (bilex_writer_open(ctx, format, path, mask, &w) != BILEX_OK)
		die(ctx, "open");
	for (long p = 0; p < npairs; p++) {
		long doc = p / 50, k = p % 50;
		char stem[32], zid[48], kid[48], uid[48], pid[48], src[96], zw[32], kw[32], date[32];
		char sha[65];
		struct bilex_record rec;

		snprintf(stem, sizeof(stem), "%012lx", (unsigned long)(doc * 2654435761u) & 0xffffffffffful);
		snprintf(src, sizeof(src), "dump/2024-03-%02ld/修改意见_第%ld集.txt", doc % 28 + 1, doc);
		snprintf(date, sizeof(date), "2024-03-%02ldT09:%02ld:00Z", doc % 28 + 1, k);
		memset(sha, 'a' + (int)(doc % 6), 64);
		sha[64] = '\0';
		snprintf(zid, sizeof(zid), "%s:%ld", stem, 2 * k + 1);
		snprintf(kid, sizeof(kid), "%s:%ld", stem, 2 * k + 2);
		snprintf(uid, sizeof(uid), "%s:u%ld", stem, k);
		snprintf(pid, sizeof(pid), "%s:p%ld", stem, k + 1);
		snprintf(zw, sizeof(zw), "line %ld", 2 * k + 1);
		snprintf(kw, sizeof(kw), "line %ld", 2 * k + 2);
		sentence(zh, sizeof(zh), zh_parts, sizeof(zh_parts) / sizeof(zh_parts[0]), 4 + rnd(5));
		sentence(ko, sizeof(ko), ko_parts, sizeof(ko_parts) / sizeof(ko_parts[0]), 4 + rnd(5));
		if (bad && p % 7 == 3)
			snprintf(zh, sizeof(zh), "%s", hostile[rnd(sizeof(hostile) / sizeof(hostile[0]))]);
		if (all) {
			struct bilex_segment s = { 0 };

			s.source = src;
			s.file = src;
			s.file_sha256 = sha;
			s.member_sha256 = sha;
			s.format = "text";
			s.kind = "body";
			s.confidence = -1;
			s.block = stem;
			s.date = date;
			rec.type = BILEX_REC_SEGMENT;
			rec.u.segment = &s;
			s.id = zid, s.where = zw, s.lang = "zh", s.script = "Hans", s.variant = "Hans";
			s.text = zh;
			if (bilex_writer_write(w, &rec) != BILEX_OK)
				die(ctx, "write");
			s.id = kid, s.where = kw, s.lang = "ko", s.script = "Hang", s.variant = "KP";
			s.text = ko;
			if (bilex_writer_write(w, &rec) != BILEX_OK)
				die(ctx, "write");
			records += 2;
			if (p % 10 == 0) {
				s.id = uid, s.where = "line 0", s.lang = "zh", s.script = "Hans";
				s.text = bad && p % 1000 == 0 ? big : "这一句没有翻译";
				if (bilex_writer_write(w, &rec) != BILEX_OK)
					die(ctx, "write");
				records++;
			}
			if (k == 49 || p == npairs - 1) {
				struct bilex_file f = { 0 };

				f.source = src;
				f.file = src;
				f.format = "text";
				f.size = 4000 + doc;
				f.sha256 = sha;
				f.mtime = date;
				f.status = "ok";
				f.segments = 105;
				f.charset = "UTF-8";
				f.confidence = 1;
				f.invalid = 0;
				f.name_confidence = -1;
				f.depth = 0;
				f.pairs = 50;
				f.errors = 0;
				rec.type = BILEX_REC_FILE;
				rec.u.file = &f;
				if (bilex_writer_write(w, &rec) != BILEX_OK)
					die(ctx, "write");
				records++;
			}
			if (p % 1000 == 999) {
				struct bilex_error e = { src, src, "extract", "corrupt",
					"truncated data at byte 1234" };

				rec.type = BILEX_REC_ERROR;
				rec.u.error = &e;
				if (bilex_writer_write(w, &rec) != BILEX_OK)
					die(ctx, "write");
				records++;
			}
		}
		{
			struct bilex_pair pr = { 0 };

			pr.id = pid;
			pr.score = 0.5 + (double)rnd(500) / 1000;
			pr.method = k % 3 == 0 ? "adjacent" : k % 3 == 1 ? "dp" : "cross-file";
			pr.zh = zh;
			pr.ko = ko;
			pr.zh_segment = zid;
			pr.ko_segment = kid;
			pr.source = src;
			pr.ko_source = src;
			pr.zh_where = zw;
			pr.ko_where = kw;
			pr.kind = "body";
			pr.zh_variant = p % 5 ? "Hans" : "Hant";
			pr.ko_variant = p % 4 ? "KP" : "KR";
			pr.ko_variant_evidence = p % 4 ? "dueum:로동" : "kr-dueum:노동";
			pr.zh_date = date;
			pr.file_sha256 = sha;
			pr.file = src;
			pr.signals = "{\"reading\":0.54,\"length\":0.08}";
			rec.type = BILEX_REC_PAIR;
			rec.u.pair = &pr;
			if (bilex_writer_write(w, &rec) != BILEX_OK)
				die(ctx, "write");
			records++;
		}
	}
	if (bilex_writer_close(w) != BILEX_OK)
		die(ctx, "close");
	t1 = now();
	if (stat(path, &st) != 0)
		st.st_size = -1;
	printf("%s %ld %.3f %lld\n", format, records, t1 - t0, (long long)st.st_size);
	bilex_ctx_free(ctx);
	return 0;
}

/*
 * hash.c - SHA-256 through nettle, and the stems of stable record ids.
 */
#include "bx.h"

#include <string.h>

#include <nettle/sha2.h>

/* The opaque state in bx.h must be able to hold nettle's context. */
_Static_assert(sizeof(struct sha256_ctx) <= sizeof(((struct bx_sha256 *)0)->state),
    "bx_sha256 too small for nettle's sha256_ctx");

void
bx_sha256_init(struct bx_sha256 *h)
{
	sha256_init((struct sha256_ctx *)(void *)h->state);
}

void
bx_sha256_update(struct bx_sha256 *h, const void *p, size_t n)
{
	/* nettle takes size_t; feed in slices anyway so very large mmaps stay responsive */
	const uint8_t *q = p;

	while (n) {
		size_t k = n > (1u << 30) ? (1u << 30) : n;

		sha256_update((struct sha256_ctx *)(void *)h->state, k, q);
		q += k;
		n -= k;
	}
}

void
bx_sha256_hex(struct bx_sha256 *h, char out[65])
{
	static const char hex[] = "0123456789abcdef";
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_digest((struct sha256_ctx *)(void *)h->state, sizeof(d), d);
	for (size_t i = 0; i < sizeof(d); i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

void
bx_sha256_of(const void *p, size_t n, char out[65])
{
	struct bx_sha256 h;

	bx_sha256_init(&h);
	bx_sha256_update(&h, p, n);
	bx_sha256_hex(&h, out);
}

void
bx_id_stem(const char *s, char out[13])
{
	char full[65];

	bx_sha256_of(s, strlen(s), full);
	memcpy(out, full, 12);
	out[12] = '\0';
}

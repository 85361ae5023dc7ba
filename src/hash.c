/*
 * hash.c - SHA-256, from nettle (a well-kept library, Debian's
 * nettle-dev), for the names and annotations that must change exactly
 * when what they stand for changes: a job's pod template, the content of
 * the configs and secrets a pod takes.
 */
#include "todokc.h"

#include <nettle/sha2.h>

void
sha256_hex(const void *data, size_t len, char out[65])
{
	static const char digits[] = "0123456789abcdef";
	struct sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];
	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++) {
		out[2 * i] = digits[digest[i] >> 4];
		out[2 * i + 1] = digits[digest[i] & 15];
	}
	out[64] = '\0';
}

/*
 * bench/job_name.h - a job's name for the floor (bench/floor.c), which
 * links libyaml only: todokc names a job NAME-HASH, HASH the first 8 hex
 * digits of the SHA-256 of its pod template as JSON (two spaces of
 * indentation, a final newline).  The template of gen.py's jobs, with
 * their workload name, container name, wait container name and wait
 * command left to fill in, and SHA-256 (FIPS 180-4).
 */
#ifndef BENCH_JOB_NAME_H
#define BENCH_JOB_NAME_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define SHA256_ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void
sha256_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t w[64], v[8];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = SHA256_ROR(w[i - 15], 7) ^ SHA256_ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = SHA256_ROR(w[i - 2], 17) ^ SHA256_ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	memcpy(v, h, sizeof v);
	for (int i = 0; i < 64; i++) {
		uint32_t s1 = SHA256_ROR(v[4], 6) ^ SHA256_ROR(v[4], 11) ^ SHA256_ROR(v[4], 25);
		uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
		uint32_t t1 = v[7] + s1 + ch + sha256_k[i] + w[i];
		uint32_t s0 = SHA256_ROR(v[0], 2) ^ SHA256_ROR(v[0], 13) ^ SHA256_ROR(v[0], 22);
		uint32_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
		memmove(v + 1, v, 7 * sizeof *v);
		v[4] += t1;
		v[0] = t1 + s0 + maj;
	}
	for (int i = 0; i < 8; i++)
		h[i] += v[i];
}

/* The SHA-256 of data, as 64 hex digits and a NUL in out. */
static void
sha256_hex(const char *data, size_t len, char out[65])
{
	uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
	const unsigned char *p = (const unsigned char *)data;
	size_t left = len;
	for (; left >= 64; p += 64, left -= 64)
		sha256_block(h, p);
	unsigned char tail[128] = {0};
	memcpy(tail, p, left);
	tail[left] = 0x80;
	size_t end = left < 56 ? 64 : 128;
	uint64_t bits = (uint64_t)len * 8;
	for (int i = 0; i < 8; i++)
		tail[end - 1 - i] = (unsigned char)(bits >> (8 * i));
	sha256_block(h, tail);
	if (end == 128)
		sha256_block(h, tail + 64);
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 32; i++) {
		unsigned char b = (unsigned char)(h[i / 4] >> (24 - 8 * (i % 4)));
		out[2 * i] = digits[b >> 4];
		out[2 * i + 1] = digits[b & 15];
	}
	out[64] = '\0';
}

/* The pod template of gen.py's job, as todokc's JSON backend writes it:
 * 1$ the workload's label, 2$ the container's name, 3$ the wait
 * container's name, 4$ its command (no character to escape in any). */
/* The end of a container's securityContext under `security restricted`. */
#define RESTRICTED_CONTAINER_TAIL \
	"          \"allowPrivilegeEscalation\": false,\n" \
	"          \"capabilities\": {\n" \
	"            \"drop\": [\n" \
	"              \"ALL\"\n" \
	"            ]\n" \
	"          }\n" \
	"        }\n"

static const char job_template_json[] =
	"{\n"
	"  \"metadata\": {\n"
	"    \"labels\": {\n"
	"      \"app\": \"%1$s\",\n"
	"      \"app.kubernetes.io/part-of\": \"bench\"\n"
	"    },\n"
	"    \"annotations\": {\n"
	"      \"todokc.dev/config-hash\": \"c76cac6674c1ccbf\"\n"
	"    }\n"
	"  },\n"
	"  \"spec\": {\n"
	"    \"restartPolicy\": \"Never\",\n"
	"    \"securityContext\": {\n"
	"      \"runAsNonRoot\": true,\n"
	"      \"seccompProfile\": {\n"
	"        \"type\": \"RuntimeDefault\"\n"
	"      }\n"
	"    },\n"
	"    \"initContainers\": [\n"
	"      {\n"
	"        \"name\": \"%3$s\",\n"
	"        \"image\": \"busybox:1.36.1\",\n"
	"        \"command\": [\n"
	"          \"sh\",\n"
	"          \"-c\",\n"
	"          \"%4$s\"\n"
	"        ],\n"
	"        \"resources\": {\n"
	"          \"requests\": {\n"
	"            \"cpu\": \"10m\",\n"
	"            \"memory\": \"16Mi\"\n"
	"          },\n"
	"          \"limits\": {\n"
	"            \"cpu\": \"50m\",\n"
	"            \"memory\": \"32Mi\"\n"
	"          }\n"
	"        },\n"
	"        \"securityContext\": {\n"
	"          \"runAsUser\": 65532,\n"
	RESTRICTED_CONTAINER_TAIL
	"      }\n"
	"    ],\n"
	"    \"containers\": [\n"
	"      {\n"
	"        \"name\": \"%2$s\",\n"
	"        \"image\": \"registry.example.com/bench/migrate:1.0.0\",\n"
	"        \"command\": [\n"
	"          \"migrate\",\n"
	"          \"--to\",\n"
	"          \"latest\"\n"
	"        ],\n"
	"        \"env\": [\n"
	"          {\n"
	"            \"name\": \"DB_PASSWORD\",\n"
	"            \"valueFrom\": {\n"
	"              \"secretKeyRef\": {\n"
	"                \"name\": \"bench-app-secrets\",\n"
	"                \"key\": \"DB_PASSWORD\"\n"
	"              }\n"
	"            }\n"
	"          }\n"
	"        ],\n"
	"        \"resources\": {\n"
	"          \"requests\": {\n"
	"            \"cpu\": \"100m\",\n"
	"            \"memory\": \"128Mi\"\n"
	"          }\n"
	"        },\n"
	"        \"securityContext\": {\n"
	RESTRICTED_CONTAINER_TAIL
	"      }\n"
	"    ]\n"
	"  }\n"
	"}\n";

/* The 8 hex digits of a job's name: the hash of its pod template. */
static void
job_hash(const char *app, const char *name, const char *wait_name, const char *wait_command,
         char out[9])
{
	char text[4096], hex[65];
	int len = snprintf(text, sizeof text, job_template_json, app, name, wait_name, wait_command);
	if (len < 0 || (size_t)len >= sizeof text)
		len = 0;
	sha256_hex(text, (size_t)len, hex);
	memcpy(out, hex, 8);
	out[8] = '\0';
}

#endif

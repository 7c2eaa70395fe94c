/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The tables and the string map that the CycloneDX reader, writer and
 * validator share (cdx_int.h).
 */
#include "sbom/cdx_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "core/banned.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* { SPDX 2 checksum algorithm, CycloneDX hash alg } */
static const char *const algs[][2] = {
	{ "MD5", "MD5" },
	{ "SHA1", "SHA-1" },
	{ "SHA256", "SHA-256" },
	{ "SHA384", "SHA-384" },
	{ "SHA512", "SHA-512" },
	{ "SHA3-256", "SHA3-256" },
	{ "SHA3-384", "SHA3-384" },
	{ "SHA3-512", "SHA3-512" },
	{ "BLAKE2b-256", "BLAKE2b-256" },
	{ "BLAKE2b-384", "BLAKE2b-384" },
	{ "BLAKE2b-512", "BLAKE2b-512" },
	{ "BLAKE3", "BLAKE3" },
};

/* { primaryPackagePurpose, component type } */
static const char *const types[][2] = {
	{ "APPLICATION", "application" },
	{ "FRAMEWORK", "framework" },
	{ "LIBRARY", "library" },
	{ "CONTAINER", "container" },
	{ "OPERATING-SYSTEM", "operating-system" },
	{ "DEVICE", "device" },
	{ "FIRMWARE", "firmware" },
	{ "FILE", "file" },
};

/* The other column of the row whose column `from` is s, or NULL. */
static const char *lookup(const char *const (*t)[2], size_t n, int from,
			  const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(t[i][from], s) == 0)
			return t[i][!from];
	return NULL;
}

const char *cdx_alg_to_spdx(const char *alg)
{
	return lookup(algs, NELEM(algs), 1, alg);
}

const char *cdx_alg_from_spdx(const char *alg)
{
	return lookup(algs, NELEM(algs), 0, alg);
}

const char *cdx_type_to_purpose(const char *type)
{
	const char *p = lookup(types, NELEM(types), 1, type);

	return p || !type ? p : "OTHER";
}

const char *cdx_type_from_purpose(const char *purpose)
{
	const char *t = lookup(types, NELEM(types), 0, purpose);

	if (t)
		return t;
	return purpose && strcmp(purpose, "SOURCE") == 0 ? "application"
							 : "library";
}

static size_t hash_of(const char *s)
{
	unsigned long long h = 14695981039346656037ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	h ^= h >> 32;
	h *= 0x9e3779b97f4a7c15ull;
	return (size_t)(h ^ (h >> 29));
}

static size_t slot_of(const struct cdx_map *m, const char *k)
{
	size_t i = hash_of(k) & (m->cap - 1);

	while (m->key[i] && strcmp(m->key[i], k) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

const union cdx_val *cdx_map_get(const struct cdx_map *m, const char *k)
{
	size_t i;

	if (!m->cap || !k)
		return NULL;
	i = slot_of(m, k);
	return m->key[i] ? &m->val[i] : NULL;
}

bool cdx_map_add(struct cdx_map *m, const char *k, union cdx_val v)
{
	size_t i;

	if (!k)
		return false;
	if (2 * (m->n + 1) > m->cap) {
		struct cdx_map b = { .cap = m->cap ? 2 * m->cap : 64 };

		b.key = oh_xcalloc(b.cap, sizeof(*b.key));
		b.val = oh_xcalloc(b.cap, sizeof(*b.val));
		for (size_t j = 0; j < m->cap; j++)
			if (m->key[j]) {
				size_t s = slot_of(&b, m->key[j]);

				b.key[s] = m->key[j];
				b.val[s] = m->val[j];
			}
		b.n = m->n;
		free(m->key);
		free(m->val);
		*m = b;
	}
	i = slot_of(m, k);
	if (m->key[i])
		return false;
	m->key[i] = k;
	m->val[i] = v;
	m->n++;
	return true;
}

void cdx_map_release(struct cdx_map *m)
{
	free(m->key);
	free(m->val);
	*m = (struct cdx_map){ 0 };
}

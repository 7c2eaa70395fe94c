/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The pure part of a source tree's facts (see source.h): look-up, the
 * package verification code, release.  Collecting them (reading git
 * objects or files, hashing) is collect/sbom_source.c.
 */
#include "sbom/source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

void sbom_hex(char *out, const unsigned char *md, unsigned n)
{
	static const char digits[] = "0123456789abcdef";

	for (unsigned i = 0; i < n; i++) {
		out[2 * i] = digits[md[i] >> 4];
		out[2 * i + 1] = digits[md[i] & 15];
	}
	out[2 * n] = '\0';
}

const struct sbom_source_file *sbom_source_find(const struct sbom_source *s,
						const char *path)
{
	size_t lo = 0, hi = s->file_nr;

	if (strncmp(path, "./", 2) == 0)
		path += 2;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(s->file[mid].path, path);

		if (c == 0)
			return &s->file[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static bool excluded_name(const char *path, const char *const *ex, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *e = ex[i];

		if (strncmp(e, "./", 2) == 0)
			e += 2;
		if (strcmp(e, path) == 0)
			return true;
	}
	return false;
}

static int cmp_sha(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void sbom_verif_code(char out[41], const struct sbom_source *s,
		     const char *const *excluded, size_t nexcluded)
{
	const char **v = oh_xcalloc(s->file_nr + 1, sizeof(*v));
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	size_t n = 0;

	for (size_t i = 0; i < s->file_nr; i++)
		if (!excluded_name(s->file[i].path, excluded, nexcluded))
			v[n++] = s->file[i].sha1;
	qsort(v, n, sizeof(*v), cmp_sha);
	if (!c || !EVP_DigestInit_ex(c, EVP_sha1(), NULL))
		OH_BUG("libcrypto: cannot start SHA-1");
	for (size_t i = 0; i < n; i++)
		if (!EVP_DigestUpdate(c, v[i], 40))
			OH_BUG("libcrypto: digest update failed");
	if (!EVP_DigestFinal_ex(c, md, &mdlen))
		OH_BUG("libcrypto: SHA-1 failed");
	sbom_hex(out, md, mdlen);
	EVP_MD_CTX_free(c);
	free(v);
}

void sbom_source_release(struct sbom_source *s)
{
	oh_arena_release(&s->arena);
	memset(s, 0, sizeof(*s));
}

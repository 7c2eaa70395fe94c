/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shard selection over the component list, and the inputs' digest.
 */
#include "scan/shard.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <openssl/evp.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "scan/manifest.h"
#include "core/banned.h"

static int parse_uint(unsigned long *out, const char *s, const char *end)
{
	char *stop;

	if (s == end || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtoul(s, &stop, 10);
	return errno == 0 && stop == end ? 0 : -1;
}

int scan_shard_parse(struct scan_shard *out, const char *arg)
{
	const char *slash = strchr(arg, '/');
	unsigned long i, n;

	if (!slash || parse_uint(&i, arg, slash) < 0 ||
	    parse_uint(&n, slash + 1, slash + 1 + strlen(slash + 1)) < 0)
		return -1;
	if (n < 1 || n > SCAN_SHARD_MAX || i >= n)
		return -1;
	out->index = (unsigned)i;
	out->count = (unsigned)n;
	return 0;
}

uint64_t scan_shard_hash(const char *name)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		h ^= *p;
		h *= 0x100000001b3ull;
	}
	return h;
}

bool scan_shard_has(const struct scan_shard *s, const char *name)
{
	return s->count == 0 || scan_shard_hash(name) % s->count == s->index;
}

void scan_shard_select(struct manifest *m, const struct scan_shard *s)
{
	size_t kept = 0;

	for (size_t i = 0; i < m->component_nr; i++)
		if (scan_shard_has(s, m->component[i].name))
			m->component[kept++] = m->component[i];
	m->component_nr = kept;
	manifest_reindex(m);
}

/* A field and its terminator: NULL and "" differ. */
static void digest_str(EVP_MD_CTX *c, const char *s)
{
	static const unsigned char absent = 1;
	static const unsigned char nul;

	if (!s) {
		EVP_DigestUpdate(c, &absent, 1);
		return;
	}
	EVP_DigestUpdate(c, s, strlen(s));
	EVP_DigestUpdate(c, &nul, 1);
}

void scan_inputs_digest(char out[65], const struct manifest *m)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();

	if (!c || !EVP_DigestInit_ex(c, EVP_sha256(), NULL))
		OH_BUG("SHA-256 unavailable");
	for (size_t i = 0; i < m->component_nr; i++) {
		const struct manifest_component *mc = &m->component[i];

		digest_str(c, "component");
		digest_str(c, mc->name);
		digest_str(c, mc->repo);
		digest_str(c, mc->ref);
		digest_str(c, mc->version);
		digest_str(c, mc->declared_json);
	}
	for (size_t i = 0; i < m->unreviewed_nr; i++) {
		const struct manifest_unreviewed *u = &m->unreviewed[i];

		digest_str(c, "unreviewed");
		digest_str(c, u->name);
		digest_str(c, u->version);
		digest_str(c, u->element);
		digest_str(c, u->reason);
	}
	if (!EVP_DigestFinal_ex(c, md, &mdlen) || mdlen != 32)
		OH_BUG("SHA-256 failed");
	EVP_MD_CTX_free(c);
	for (unsigned i = 0; i < mdlen; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

char *scan_inputs_names(const struct manifest *m)
{
	cJSON *arr = cJSON_CreateArray();
	char *s;
	char *copy;

	/* Names only: repository URLs may carry credentials. */
	for (size_t i = 0; i < m->component_nr; i++)
		cJSON_AddItemToArray(arr,
				     cJSON_CreateString(m->component[i].name));
	s = cJSON_PrintUnformatted(arr);
	cJSON_Delete(arr);
	if (!s)
		OH_BUG("cJSON_PrintUnformatted failed");
	copy = oh_xstrdup(s);
	cJSON_free(s);
	return copy;
}

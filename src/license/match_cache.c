/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Keys and values of the text matcher's cache; see match_cache.h.
 */
#include "license/match_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <openssl/evp.h>

#include "core/xalloc.h"
#include "license/adapt.h"
#include "core/banned.h"

/*
 * The Makefile passes the digest of src/license/ and licenses/ when it
 * compiles this file.  A build that does not (another build system) gets
 * the time of its compilation: never a stale answer, only fewer hits.
 */
#ifndef LIC_ENGINE_DIGEST
#define LIC_ENGINE_DIGEST "built " __DATE__ " " __TIME__
#endif

/* Version of the JSON below: a change of its fields changes the key. */
#define MATCH_FORMAT 1

bool lic_match_cache_key(char out[LIC_MATCH_KEY_SIZE], const char *text,
			 size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	static const char hex[] = "0123456789abcdef";

	out[0] = '\0';
	if (!EVP_Digest(text, len, md, &mdlen, EVP_sha256(), NULL) ||
	    mdlen != 32)
		return false;
	for (unsigned i = 0; i < mdlen; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[2 * mdlen] = '\0';
	return true;
}

void lic_match_cache_engine(char *out, size_t size, const char *list_version)
{
	snprintf(out, size, "spdx %s; engine %s; format %d",
		 list_version ? list_version : "unknown", LIC_ENGINE_DIGEST,
		 MATCH_FORMAT);
}

char *lic_adapt_match_encode(const struct lic_adapt_match *m)
{
	cJSON *o = cJSON_CreateObject();
	char *s, *out;

	cJSON_AddNumberToObject(o, "kind", (double)m->kind);
	cJSON_AddStringToObject(o, "expr", m->expr);
	cJSON_AddStringToObject(o, "project", m->project);
	cJSON_AddStringToObject(o, "bundled", m->bundled);
	cJSON_AddBoolToObject(o, "unnamed_own", m->unnamed_own);
	cJSON_AddNumberToObject(o, "percent", (double)m->percent);
	cJSON_AddStringToObject(o, "nearest", m->nearest);
	cJSON_AddStringToObject(o, "desc", m->desc);
	cJSON_AddBoolToObject(o, "prose", m->prose);
	cJSON_AddStringToObject(o, "ambiguous", m->ambiguous);
	s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!s)
		OH_BUG("cJSON_PrintUnformatted failed");
	out = oh_xstrdup(s);
	cJSON_free(s);
	return out;
}

/* Copy string member `key` into dst[size]; false when absent or too long. */
static bool get_str(char *dst, size_t size, const cJSON *o, const char *key)
{
	const char *v =
		cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));

	if (!v || strlen(v) >= size)
		return false;
	memcpy(dst, v, strlen(v) + 1);
	return true;
}

bool lic_adapt_match_decode(struct lic_adapt_match *out, const char *json)
{
	cJSON *o = json ? cJSON_Parse(json) : NULL;
	const cJSON *kind = cJSON_GetObjectItemCaseSensitive(o, "kind");
	const cJSON *pc = cJSON_GetObjectItemCaseSensitive(o, "percent");
	const cJSON *own = cJSON_GetObjectItemCaseSensitive(o, "unnamed_own");
	const cJSON *prose = cJSON_GetObjectItemCaseSensitive(o, "prose");
	bool ok;

	memset(out, 0, sizeof(*out));
	ok = cJSON_IsObject(o) && cJSON_IsNumber(kind) &&
	     kind->valuedouble >= LIC_ADAPT_NONE &&
	     kind->valuedouble <= LIC_ADAPT_UNKNOWN && cJSON_IsNumber(pc) &&
	     pc->valuedouble >= 0 && pc->valuedouble <= 100 &&
	     cJSON_IsBool(own) && cJSON_IsBool(prose) &&
	     get_str(out->ambiguous, sizeof(out->ambiguous), o, "ambiguous") &&
	     get_str(out->expr, sizeof(out->expr), o, "expr") &&
	     get_str(out->project, sizeof(out->project), o, "project") &&
	     get_str(out->bundled, sizeof(out->bundled), o, "bundled") &&
	     get_str(out->nearest, sizeof(out->nearest), o, "nearest") &&
	     get_str(out->desc, sizeof(out->desc), o, "desc");
	if (ok) {
		out->kind = (enum lic_adapt_kind)kind->valueint;
		out->percent = (unsigned)pc->valueint;
		out->unnamed_own = cJSON_IsTrue(own);
		out->prose = cJSON_IsTrue(prose);
	} else {
		memset(out, 0, sizeof(*out));
	}
	cJSON_Delete(o);
	return ok;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the arena JSON parser (sbom_json_parse_arena) against
 * cJSON (sbom_json_parse) on the same bytes.  Both accept or both refuse
 * (the codes may differ: nesting past SBOM_MAX_DEPTH stops the arena
 * parser first), and an accepted text gives the same tree: types, keys,
 * strings, numbers, order; the first member's prev is the last member.
 * One known difference: cJSON reads a \u escape with a non-hex digit as
 * U+0000 and cuts the string there; the arena parser refuses it.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/err.h"
#include "sbom/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A backslash-u not followed by four hex digits, anywhere. */
static bool bad_u_escape(const uint8_t *d, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++) {
		if (d[i] != '\\' || d[i + 1] != 'u')
			continue;
		for (size_t k = i + 2; k < i + 6; k++)
			if (k >= n || !isxdigit(d[k]))
				return true;
	}
	return false;
}

static void same(const cJSON *a, const cJSON *c)
{
	const cJSON *x, *y, *last = NULL;

	if ((a->type & 0xff) != (c->type & 0xff))
		abort();
	if ((a->string == NULL) != (c->string == NULL) ||
	    (a->string && strcmp(a->string, c->string) != 0))
		abort();
	if (cJSON_IsString(a) && strcmp(a->valuestring, c->valuestring) != 0)
		abort();
	if (cJSON_IsNumber(a) &&
	    (memcmp(&a->valuedouble, &c->valuedouble, sizeof(double)) != 0 ||
	     a->valueint != c->valueint))
		abort();
	for (x = a->child, y = c->child; x && y; x = x->next, y = y->next) {
		same(x, y);
		last = x;
	}
	if (x || y)
		abort();
	if (a->child && a->child->prev != last)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oh_err ea = OH_ERR_INIT, ec = OH_ERR_INIT;
	struct oh_arena arena = OH_ARENA_INIT;
	cJSON *a = NULL, *c = NULL;
	int ra, rc;

	ra = sbom_json_parse_arena(&a, &arena, (const char *)data, size, "fuzz",
				   &ea);
	rc = sbom_json_parse(&c, (const char *)data, size, "fuzz", &ec);
	if ((ra == 0) != (a != NULL) || (ra == 0 && rc != 0) ||
	    (ra != 0 && rc == 0 && !bad_u_escape(data, size)))
		abort();
	if (ra == 0)
		same(a, c);
	cJSON_Delete(c);
	oh_arena_release(&arena);
	oh_err_release(&ea);
	oh_err_release(&ec);
	return 0;
}

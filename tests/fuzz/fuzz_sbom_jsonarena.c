/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the arena JSON parser (sbom_json_parse_arena) against
 * cJSON (sbom_json_parse) on the same bytes.  Both accept or both refuse
 * (the codes may differ: nesting past SBOM_MAX_DEPTH stops the arena
 * parser first), and an accepted text gives the same tree: types, keys,
 * strings, numbers, order; the first member's prev is the last member.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "core/err.h"
#include "sbom/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	if ((ra == 0) != (rc == 0) || (ra == 0) != (a != NULL))
		abort();
	if (ra == 0)
		same(a, c);
	cJSON_Delete(c);
	oh_arena_release(&arena);
	oh_err_release(&ea);
	oh_err_release(&ec);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: SBOMs as scan input (SPDX in any format, CycloneDX JSON,
 * manifests) and the download-location and purl mappings on the raw
 * input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"
#include "scan/bom.h"
#include "scan/manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void map_raw(const uint8_t *data, size_t size)
{
	struct oh_arena a = OH_ARENA_INIT;
	struct bom_source s;
	char *str = malloc(size + 1);

	if (!str)
		return;
	memcpy(str, data, size);
	str[size] = '\0';
	(void)bom_source_from_location(&s, &a, str);
	(void)bom_source_from_purl(&s, &a, str);
	free(str);
	oh_arena_release(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct manifest *m = NULL;
	struct oh_err err = OH_ERR_INIT;

	if (size < 4096)
		map_raw(data, size);
	if (bom_parse(&m, (const char *)data, size, "fuzz", "/base", &err) ==
	    0) {
		for (size_t i = 0; i < m->component_nr; i++)
			(void)manifest_find(m, m->component[i].name);
	}
	manifest_free(m);
	oh_err_release(&err);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the component manifest reader.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/err.h"
#include "scan/manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct manifest *m = NULL;
	struct oh_err err = OH_ERR_INIT;

	if (manifest_parse(&m, (const char *)data, size, "fuzz", "/base",
			   &err) == 0) {
		for (size_t i = 0; i < m->component_nr; i++)
			(void)manifest_find(m, m->component[i].name);
	}
	manifest_free(m);
	oh_err_release(&err);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the SPDX tag-value reader, then the JSON writer over what
 * it read.  Any input must fail cleanly or give a document that can be
 * written and freed.
 */
#include <stdint.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "core/err.h"
#include "sbom/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d = NULL;

	if (sbom_read_tv(&d, (const char *)data, size, "fuzz", &err) == 0) {
		cJSON_Delete(sbom_doc_to_json(d));
		sbom_doc_free(d);
	} else if (d) {
		abort();
	}
	oh_err_release(&err);
	return 0;
}

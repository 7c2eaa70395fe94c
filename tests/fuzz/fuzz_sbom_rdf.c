/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the SPDX RDF/XML reader, then the JSON and tag-value
 * writers over what it read.  Any input must fail cleanly (no document,
 * an error set) or give a document that can be written and freed; the
 * reader prints nothing (libxml2's messages are caught).
 */
#include <stdint.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "sbom/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d = NULL;

	if (sbom_read_rdf(&d, (const char *)data, size, "fuzz", &err) == 0) {
		struct oh_buf tv = OH_BUF_INIT;

		if (!d || err.code != OH_OK)
			abort();
		cJSON_Delete(sbom_doc_to_json(d));
		(void)sbom_write_tv(&tv, d, NULL);
		oh_buf_release(&tv);
		sbom_doc_free(d);
	} else if (d || err.code == OH_OK) {
		abort();
	}
	oh_err_release(&err);
	return 0;
}

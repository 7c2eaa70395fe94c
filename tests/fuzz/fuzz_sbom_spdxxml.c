/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the SPDX XML reader (<Document> elements into the JSON tree,
 * then the JSON document reader), and validation of the same bytes.  Any
 * input must fail cleanly or give a document that can be written as JSON
 * and freed.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/buf.h"
#include "core/err.h"
#include "sbom/model.h"
#include "sbom/sbom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oh_err err = OH_ERR_INIT;
	struct sbom_report r = SBOM_REPORT_INIT;
	struct sbom_doc *d = NULL;

	if (sbom_read_spdxxml(&d, (const char *)data, size, "fuzz", &err) ==
	    0) {
		struct oh_buf json = OH_BUF_INIT;

		if (!d || err.code != OH_OK)
			abort();
		sbom_write_json(&json, d);
		oh_buf_release(&json);
		sbom_doc_free(d);
	} else if (d || err.code == OH_OK) {
		abort();
	}
	oh_err_release(&err);
	(void)sbom_validate(&r, (const char *)data, size, "fuzz",
			    SBOM_PROFILE_SPDX, NULL, &err);
	sbom_report_release(&r);
	oh_err_release(&err);
	return 0;
}

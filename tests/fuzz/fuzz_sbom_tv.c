/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the SPDX tag-value reader, then the JSON and tag-value
 * writers over what it read, and the reader again.  Any input must fail
 * cleanly or give a document that can be written and freed; what the
 * writer accepts must read back with the same elements (no value can
 * smuggle in a package, file or snippet).
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

	if (sbom_read_tv(&d, (const char *)data, size, "fuzz", &err) == 0) {
		struct oh_buf tv = OH_BUF_INIT;
		struct sbom_doc *back = NULL;

		cJSON_Delete(sbom_doc_to_json(d));
		/* what was read can be written and read again */
		if (sbom_write_tv(&tv, d, NULL) == 0) {
			if (sbom_read_tv(&back, tv.buf, tv.len, "again", &err) <
			    0)
				abort();
			if (back->npkg != d->npkg || back->nfile != d->nfile ||
			    back->nsnippet != d->nsnippet ||
			    back->nextracted != d->nextracted ||
			    back->nannotation != d->nannotation)
				abort();
			sbom_doc_free(back);
		}
		oh_buf_release(&tv);
		sbom_doc_free(d);
	} else if (d) {
		abort();
	}
	oh_err_release(&err);
	return 0;
}

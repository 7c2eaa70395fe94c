/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The body of the CycloneDX fuzz harnesses (fuzz_sbom_cdx_json.c and
 * fuzz_sbom_cdx_xml.c): the reader tells the two forms apart by content,
 * so both run the same paths; each keeps its own seed corpus.
 */
#ifndef OH_FUZZ_SBOM_CDX_BODY_H
#define OH_FUZZ_SBOM_CDX_BODY_H

#include <stdint.h>
#include <stdlib.h>

#include "core/buf.h"
#include "core/err.h"
#include "sbom/cdx.h"
#include "sbom/model.h"
#include "sbom/sbom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void reread(const struct oh_buf *b)
{
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d = NULL;

	/* what we write we must read */
	if (sbom_read(&d, b->buf, b->len, "written", &err) != 0)
		abort();
	sbom_doc_free(d);
	oh_err_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oh_err err = OH_ERR_INIT;
	struct sbom_report r = SBOM_REPORT_INIT;
	struct sbom_doc *d = NULL;

	(void)sbom_validate(&r, (const char *)data, size, "fuzz",
			    SBOM_PROFILE_SPDX | SBOM_PROFILE_NTIA, NULL, &err);
	sbom_report_release(&r);
	oh_err_release(&err);
	if (sbom_read(&d, (const char *)data, size, "fuzz", &err) == 0) {
		struct oh_buf j = OH_BUF_INIT, x = OH_BUF_INIT;

		if (!d || err.code != OH_OK)
			abort();
		sbom_cdx_write_json(&j, d);
		sbom_cdx_write_xml(&x, d);
		reread(&j);
		reread(&x);
		oh_buf_release(&j);
		oh_buf_release(&x);
		sbom_doc_free(d);
	} else if (d || err.code == OH_OK) {
		abort();
	}
	oh_err_release(&err);
	return 0;
}

#endif /* OH_FUZZ_SBOM_CDX_BODY_H */

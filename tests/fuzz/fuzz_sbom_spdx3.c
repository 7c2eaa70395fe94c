/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: SPDX 3.0.1 JSON-LD through every path the tool has for
 * it: sbom_validate() (SPDX and NTIA profiles), sbom_read() into the
 * model, then the SPDX 3 writer and the SPDX 2.3 JSON writer, and the
 * SPDX 3 text written read back and validated.  Any input must fail
 * cleanly (no document, an error set) or give a document that can be
 * written, read again and freed.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/buf.h"
#include "core/err.h"
#include "sbom/model.h"
#include "sbom/sbom.h"
#include "sbom/spdx3.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void validate(const char *s, size_t n)
{
	struct oh_err err = OH_ERR_INIT;
	struct sbom_report r = SBOM_REPORT_INIT;

	(void)sbom_validate(&r, s, n, "fuzz",
			    SBOM_PROFILE_SPDX | SBOM_PROFILE_NTIA |
				    SBOM_PROFILE_NTIA_STRICT | SBOM_PROFILE_BSI,
			    NULL, &err);
	sbom_report_release(&r);
	oh_err_release(&err);
}

static void reread(const struct oh_buf *b)
{
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d = NULL;

	/* what we write we must read */
	if (sbom_read(&d, b->buf, b->len, "written", &err) != 0)
		abort();
	sbom_doc_free(d);
	oh_err_release(&err);
	validate(b->buf, b->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d = NULL;

	validate((const char *)data, size);
	if (sbom_read(&d, (const char *)data, size, "fuzz", &err) == 0) {
		struct oh_buf j = OH_BUF_INIT, x = OH_BUF_INIT;

		if (!d || err.code != OH_OK)
			abort();
		sbom_spdx3_write(&x, d);
		sbom_write_json(&j, d);
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

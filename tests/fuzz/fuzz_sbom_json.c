/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: sbom_read() on arbitrary bytes (format detection and the
 * SPDX JSON reader).  Any input must either fail cleanly or give a
 * document that can be freed.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/err.h"
#include "sbom/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oh_err err = OH_ERR_INIT;
	struct sbom_doc *d = NULL;

	if (sbom_read(&d, (const char *)data, size, "fuzz", &err) == 0)
		sbom_doc_free(d);
	else if (d)
		abort();
	oh_err_release(&err);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: SPDX JSON validation (both profiles) and format detection.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/err.h"
#include "sbom/sbom.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sbom_report r = SBOM_REPORT_INIT;
	struct oh_err err = OH_ERR_INIT;

	(void)sbom_validate(&r, (const char *)data, size, "fuzz",
			    SBOM_PROFILE_SPDX | SBOM_PROFILE_NTIA, NULL, &err);
	sbom_report_release(&r);
	oh_err_release(&err);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the SPDX licenses.json parser of `data update`.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/err.h"
#include "license/spdxdata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lic_spdx_list l;
	struct oh_err err = OH_ERR_INIT;

	if (lic_spdx_parse(&l, (const char *)data, size, "fuzz", &err) == 0)
		lic_spdx_release(&l);
	oh_err_release(&err);
	return 0;
}

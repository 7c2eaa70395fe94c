/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: license policy JSON (license/policy_gate.h).
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/err.h"
#include "license/policy_gate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lic_policy p;
	struct oh_err err = OH_ERR_INIT;

	(void)lic_policy_parse(&p, (const char *)data, size, "fuzz", &err);
	lic_policy_release(&p);
	oh_err_release(&err);
	return 0;
}

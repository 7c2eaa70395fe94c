/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: declared license in Cargo.toml (license/pkgmeta.h).
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/err.h"
#include "license/pkgmeta.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lic_declared d;
	struct oh_err err = OH_ERR_INIT;

	(void)lic_meta_parse(&d, LIC_META_CARGO, (const char *)data, size,
			     "fuzz", &err);
	oh_err_release(&err);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: .reuse/dep5 reader and its globs (license/reuse.h).
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/err.h"
#include "license/reuse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lic_reuse r = LIC_REUSE_INIT;
	struct oh_err err = OH_ERR_INIT;

	if (lic_reuse_parse_dep5(&r, (const char *)data, size, "fuzz", &err) ==
	    0) {
		(void)lic_reuse_match(&r, "src/a/b.c");
		(void)lic_reuse_match(&r, "docs/x.png");
	}
	lic_reuse_release(&r);
	oh_err_release(&err);
	return 0;
}

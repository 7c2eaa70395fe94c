/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the forge reply parsers (repository record and a page of
 * issues/changes) for each forge kind on the same input.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/err.h"
#include "net/forge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum forge_kind kinds[] = { FORGE_GITHUB, FORGE_GITLAB,
						 FORGE_GITEA };

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		struct forge_facts f = { 0 };
		struct forge_acc acc = { 0 };
		struct oh_err err = OH_ERR_INIT;
		size_t n = 0;

		(void)forge_parse_repo(&f, kinds[i], (const char *)data, size,
				       "fuzz", &err);
		oh_err_release(&err);
		(void)forge_parse_items(&f, &acc, &n, kinds[i], i == 1,
					1793491200, (const char *)data, size,
					"fuzz", &err);
		forge_acc_finish(&f, &acc);
		oh_err_release(&err);
	}
	return 0;
}

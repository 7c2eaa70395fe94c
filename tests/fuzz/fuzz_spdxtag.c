/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: SPDX-License-Identifier tags in a file head (license/tags.h).
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/err.h"
#include "license/tags.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lic_tags t;

	(void)lic_tags_find(&t, (const char *)data, size);
	return 0;
}

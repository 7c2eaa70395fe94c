/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the OSV reply parsers (querybatch and one vulnerability
 * record) on the same input.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/err.h"
#include "net/osv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oh_err err = OH_ERR_INIT;
	struct osv_vuln v;
	char **ids = NULL;
	size_t nr = 0;

	if (osv_batch_parse(&ids, &nr, (const char *)data, size, "fuzz",
			    &err) == 0) {
		for (size_t i = 0; i < nr; i++)
			free(ids[i]);
		free(ids);
	}
	oh_err_release(&err);
	if (osv_vuln_parse(&v, (const char *)data, size, NULL, "fuzz", &err) ==
	    0)
		osv_vuln_release(&v);
	oh_err_release(&err);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: lic_expr_parse(), the SPDX license-expression parser used
 * for SPDX tags, package metadata and SBOMs.  Syntax-only mode (no list):
 * every accepted expression must print to text that parses again and
 * prints the same (round trip).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "license/expr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oh_err err = OH_ERR_INIT;
	struct oh_err err2 = OH_ERR_INIT;
	struct lic_expr *e = NULL;
	struct lic_expr *e2 = NULL;
	struct oh_buf a = OH_BUF_INIT;
	struct oh_buf b = OH_BUF_INIT;

	if (lic_expr_parse(&e, (const char *)data, size, NULL, 0, "fuzz",
			   &err) == 0) {
		lic_expr_print(&a, e->root);
		if (lic_expr_parse(&e2, a.buf, a.len, NULL, 0, "fuzz", &err2) !=
		    0)
			abort();
		lic_expr_print(&b, e2->root);
		if (a.len != b.len || memcmp(a.buf, b.buf, a.len) != 0)
			abort();
	}
	lic_expr_free(e);
	lic_expr_free(e2);
	oh_buf_release(&a);
	oh_buf_release(&b);
	oh_err_release(&err);
	oh_err_release(&err2);
	return 0;
}

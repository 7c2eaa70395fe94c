/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmark driver: identify the license of every file named on the
 * command line as the tool reports it (lic_adapt_match_text(): an SPDX
 * expression with OR, WITH and LicenseRef- parts), one line per file:
 *   <path> TAB <expression, or UNKNOWN> TAB <engine's description>
 * Loads the SPDX data and builds the matcher once.
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "license/adapt.h"

int main(int argc, char **argv)
{
	struct oh_err err = OH_ERR_INIT;
	struct lic_adapt *a = NULL;

	if (lic_adapt_open(&a, &err) < 0) {
		fprintf(stderr, "identify: %s\n", err.msg);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		struct oh_buf text = OH_BUF_INIT;
		struct lic_adapt_match r;

		if (oh_buf_read_file(&text, argv[i], &err) < 0) {
			oh_err_release(&err);
			continue;
		}
		lic_adapt_match_text(&r, a, text.buf, text.len);
		printf("%s\t%s\t%s\n", argv[i],
		       r.kind == LIC_ADAPT_EXACT || r.kind == LIC_ADAPT_CLOSE
			       ? r.expr
			       : "UNKNOWN",
		       r.desc);
		oh_buf_release(&text);
	}
	lic_adapt_close(a);
	return 0;
}

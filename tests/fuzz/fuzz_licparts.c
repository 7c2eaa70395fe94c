/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz the reading of a license file with several licenses
 * (lic_adapt_match_text(): the file's own license, choices, GNU
 * exceptions, LicenseRef- titles, bundled notices) over the matcher's
 * notices and replaceable text.  Invariants: every expression it gives
 * is a valid SPDX expression, and the file's own license and the bundled
 * ones are parts of the whole.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "license/adapt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct lic_adapt *eng;

static void valid(const char *expr)
{
	struct oh_err err = OH_ERR_INIT;
	bool ok;

	if (memchr(expr, '\0', 256) == NULL)
		abort();
	if (expr[0] != '\0' &&
	    lic_adapt_eval(&ok, eng, expr, NULL, NULL, "fuzz", &err) < 0)
		abort();
	oh_err_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct oh_err err = OH_ERR_INIT;
	struct lic_adapt_match m;

	if (!eng && lic_adapt_open(&eng, &err) < 0)
		abort();
	lic_adapt_match_text(&m, eng, (const char *)data, size);
	valid(m.expr);
	valid(m.project);
	valid(m.bundled);
	if (m.project[0] != '\0' && strstr(m.expr, m.project) == NULL &&
	    strlen(m.expr) + 1 < sizeof(m.expr))
		abort();
	return 0;
}

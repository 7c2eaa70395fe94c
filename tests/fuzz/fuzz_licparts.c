/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz the reading of a license file with several licenses
 * (lic_adapt_match_text(): the file's own license, choices, GNU
 * exceptions, LicenseRef- titles, bundled notices) over the matcher's
 * notices and replaceable text.  Invariants: every expression it gives
 * is a valid SPDX expression, and the file's own license and the bundled
 * ones are parts of the whole.
 *
 * Under libFuzzer the engine and its matcher are built in
 * LLVMFuzzerInitialize and inputs are cut at FUZZ_MAX_TEXT bytes (see
 * fuzz_licmatch.c); the replay of `make check` reads whole files.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_MAX_TEXT 2048

#include "lic_adapt_engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lic_adapt_match m;

	engine();
	if (size > max_text)
		size = max_text;
	lic_adapt_match_text(&m, eng, (const char *)data, size);
	valid(m.expr, sizeof(m.expr));
	valid(m.project, sizeof(m.project));
	valid(m.bundled, sizeof(m.bundled));
	if (m.project[0] != '\0' && strstr(m.expr, m.project) == NULL &&
	    strlen(m.expr) + 1 < sizeof(m.expr))
		abort();
	return 0;
}

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

#include "core/err.h"
#include "license/adapt.h"

#define FUZZ_MAX_TEXT 2048

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct lic_adapt *eng;
static size_t max_text = SIZE_MAX;

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

static void engine(void)
{
	struct oh_err err = OH_ERR_INIT;

	if (!eng && lic_adapt_open(&eng, &err) < 0)
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct lic_adapt_match m;

	(void)argc;
	(void)argv;
	engine();
	/* the matcher is built on first use */
	lic_adapt_match_text(&m, eng, "MIT License", 11);
	max_text = FUZZ_MAX_TEXT;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lic_adapt_match m;

	engine();
	if (size > max_text)
		size = max_text;
	lic_adapt_match_text(&m, eng, (const char *)data, size);
	valid(m.expr);
	valid(m.project);
	valid(m.bundled);
	if (m.project[0] != '\0' && strstr(m.expr, m.project) == NULL &&
	    strlen(m.expr) + 1 < sizeof(m.expr))
		abort();
	return 0;
}

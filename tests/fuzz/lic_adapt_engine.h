/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The license engine set-up shared by the harnesses over
 * license/adapt.h (fuzz_licparts.c, fuzz_licstmt.c): one engine opened
 * and its matcher built in LLVMFuzzerInitialize, inputs cut at
 * FUZZ_MAX_TEXT bytes under libFuzzer (define it before including this
 * file), and valid(), which aborts unless an expression the engine gave
 * is NUL-terminated within its buffer and parses.  The replay of `make
 * check` does not call LLVMFuzzerInitialize and reads whole files.
 */
#ifndef FUZZ_LIC_ADAPT_ENGINE_H
#define FUZZ_LIC_ADAPT_ENGINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "license/adapt.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct lic_adapt *eng;
static size_t max_text = SIZE_MAX;

static void valid(const char *expr, size_t size)
{
	struct oh_err err = OH_ERR_INIT;
	bool ok;

	if (memchr(expr, '\0', size) == NULL)
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

#endif

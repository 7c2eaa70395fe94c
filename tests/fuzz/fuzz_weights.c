/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the scoring weights reader (rules/scoring.json format).
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/err.h"
#include "health/health.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct health_weights *w = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct health_input in = { .now = 1 };
	struct health_result r;

	if (health_weights_parse(&w, (const char *)data, size, "fuzz", &err) ==
	    0) {
		health_evaluate(&r, &in, w);
		health_result_release(&r);
	}
	health_weights_free(w);
	oh_err_release(&err);
	return 0;
}

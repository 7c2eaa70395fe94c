/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the OSV record reader (src/vulns/record.c), the same
 * input read as JSON and as YAML, and each record read evaluated by
 * version ("1.2.3") so that the range rules see parsed input too.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/arena.h"
#include "core/err.h"
#include "vulns/vulns.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void one(const uint8_t *data, size_t size, bool yaml)
{
	struct oh_arena a = OH_ARENA_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct vulns_record rec;

	if (vulns_record_parse(&rec, &a, (const char *)data, size, yaml, "fuzz",
			       &err) == 0) {
		for (size_t i = 0; i < rec.affected_nr; i++)
			(void)vulns_version_eval(&rec.affected[i], "1.2.3");
	}
	oh_err_release(&err);
	oh_arena_release(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one(data, size, false);
	one(data, size, true);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: release-tag names (rel_parse on each line, then
 * rel_summarise over all lines as tags a day apart) and binary kinds
 * (magic_classify on the whole input).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "facts/magic.h"
#include "health/release.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = oh_xstrndup((const char *)data, size);
	struct rel_tag *t = oh_xcalloc(size + 1, sizeof(*t));
	struct rel_summary sum;
	size_t n = 0;

	(void)magic_classify(data, size);
	for (char *line = s, *next; line; line = next) {
		struct rel_version v;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		(void)rel_parse(&v, line);
		t[n].name = line;
		t[n].time = (int64_t)n * 86400;
		n++;
	}
	rel_summarise(&sum, t, n, (int64_t)n * 86400 / 2);
	free(t);
	free(s);
	return 0;
}

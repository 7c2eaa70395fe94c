/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * JSON parsing with positioned syntax errors.
 */
#include "core/json.h"

#include <stdbool.h>

#include <cjson/cJSON.h>

#include "core/err.h"
#include "core/banned.h"

void oh_text_position(const char *data, size_t off, unsigned *line,
		      unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (data[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

int oh_json_parse(cJSON **out, const char *data, size_t len, const char *name,
		  struct oh_err *err)
{
	const char *end = NULL;
	size_t off;
	unsigned line, col;

	*out = cJSON_ParseWithLengthOpts(data, len, &end, false);
	if (*out)
		return 0;
	off = end && end >= data ? (size_t)(end - data) : 0;
	oh_text_position(data, off > len ? len : off, &line, &col);
	return oh_err_set(err, OH_EINPUT, name, line, col, "invalid JSON");
}

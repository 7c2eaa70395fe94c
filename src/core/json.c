/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * JSON parsing with positioned syntax errors.
 */
#include "core/json.h"

#include <stdbool.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/esc.h"
#include "core/xalloc.h"
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

/* A cJSON-owned copy of s with invalid UTF-8 replaced. */
static char *fixed_copy(const char *s)
{
	struct oh_buf b = OH_BUF_INIT;
	char *out;

	oh_esc_utf8(&b, s);
	out = cJSON_malloc(b.len + 1);
	if (!out)
		OH_BUG("cJSON_malloc failed (out of memory)");
	memcpy(out, b.buf, b.len + 1);
	oh_buf_release(&b);
	return out;
}

/* One node and, recursively, its children (depth capped by cJSON). */
static size_t fix_node(cJSON *it)
{
	size_t n = 0;

	/* Constant keys (cJSON_StringIsConst) are our own literals. */
	if (it->string && !(it->type & cJSON_StringIsConst) &&
	    !oh_utf8_valid(it->string)) {
		char *k = fixed_copy(it->string);

		cJSON_free(it->string);
		it->string = k;
		n++;
	}
	if (cJSON_IsString(it) && it->valuestring &&
	    !oh_utf8_valid(it->valuestring)) {
		char *v = fixed_copy(it->valuestring);

		cJSON_free(it->valuestring);
		it->valuestring = v;
		n++;
	}
	for (cJSON *c = it->child; c; c = c->next)
		n += fix_node(c);
	return n;
}

size_t oh_json_utf8_fix(cJSON *root)
{
	return root ? fix_node(root) : 0;
}

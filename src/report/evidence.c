/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Evidence as lines for people (evidence.h).
 */
#include "report/evidence.h"

#include <stdbool.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/banned.h"

/* A scalar as a person reads it; anything else as compact JSON. */
static void add_value(struct oh_buf *b, const cJSON *v)
{
	char *s;

	if (cJSON_IsString(v)) {
		oh_buf_adds(b, v->valuestring);
	} else if (cJSON_IsBool(v)) {
		oh_buf_adds(b, cJSON_IsTrue(v) ? "yes" : "no");
	} else if (cJSON_IsNull(v)) {
		oh_buf_adds(b, "unknown");
	} else if (cJSON_IsNumber(v)) {
		oh_buf_addf(b, "%g", v->valuedouble);
	} else {
		s = cJSON_PrintUnformatted(v);
		oh_buf_adds(b, s ? s : "?");
		cJSON_free(s);
	}
}

/* An array of scalars joined with ", " (nested values as JSON). */
static void add_member(struct oh_buf *b, const cJSON *v)
{
	const cJSON *it;
	bool first = true;

	if (!cJSON_IsArray(v)) {
		add_value(b, v);
		return;
	}
	cJSON_ArrayForEach(it, v)
	{
		if (!first)
			oh_buf_adds(b, ", ");
		add_value(b, it);
		first = false;
	}
}

size_t report_evidence_each(const char *json, report_evidence_fn fn,
			    void *payload)
{
	cJSON *root;
	const cJSON *it;
	struct oh_buf line = OH_BUF_INIT;
	size_t n = 0;

	if (!json || json[0] == '\0')
		return 0;
	root = cJSON_Parse(json);
	if (!root) {
		fn(json, payload);
		return 1;
	}
	if (cJSON_IsArray(root) || cJSON_IsObject(root)) {
		cJSON_ArrayForEach(it, root)
		{
			oh_buf_reset(&line);
			if (cJSON_IsObject(root) && it->string)
				oh_buf_addf(&line, "%s: ", it->string);
			if (cJSON_IsObject(root))
				add_member(&line, it);
			else
				add_value(&line, it);
			fn(line.buf, payload);
			n++;
		}
	} else {
		add_value(&line, root);
		fn(line.buf, payload);
		n++;
	}
	oh_buf_release(&line);
	cJSON_Delete(root);
	return n;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CORE_JSON_H
#define OH_CORE_JSON_H

/*
 * JSON input shared by the readers of manifests, rules and SBOMs: parse
 * with cJSON and report a syntax error at its line and column, and turn a
 * byte offset into a line and column for semantic errors.
 *
 * cJSON bounds the nesting depth itself (1000); callers cap the size.
 */

#include <stddef.h>

struct cJSON;
struct oh_err;

/** 1-based line and column of byte `off` in data (off <= its length). */
void oh_text_position(const char *data, size_t off, unsigned *line,
		      unsigned *col);

/**
 * Parse `len` bytes of JSON named `name`.  On success *out is a tree the
 * caller frees with cJSON_Delete(); on failure OH_EINPUT "invalid JSON"
 * at the line and column where cJSON stopped.
 */
int oh_json_parse(struct cJSON **out, const char *data, size_t len,
		  const char *name, struct oh_err *err);

/**
 * Make every string value and key of the tree well-formed UTF-8, in
 * place: bytes that are not UTF-8 become U+FFFD (oh_esc_utf8()).  cJSON
 * writes strings byte for byte, and a JSON file with invalid UTF-8 is
 * refused by its consumers (RFC 8259 section 8.1).  Every JSON writer
 * calls this before printing a tree that holds untrusted text.  Returns
 * the number of strings changed.  NULL is accepted.
 */
size_t oh_json_utf8_fix(struct cJSON *root);

#endif /* OH_CORE_JSON_H */

/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_EVIDENCE_H
#define OH_REPORT_EVIDENCE_H

/*
 * The evidence of a check or a finding, as lines for people.  The store
 * keeps evidence as JSON: mostly an array of strings, sometimes an object
 * (a vulnerability: id, aliases, severity, introduced, fixed, fix
 * release).  Every renderer that shows evidence line by line (text,
 * Markdown, HTML, JUnit bodies) reads it through here, so that an object
 * never loses its keys.  The lines are not escaped: the caller escapes
 * them for its sink.
 */

#include <stddef.h>

/** Called once per line; `line` is borrowed for the call. */
typedef void (*report_evidence_fn)(const char *line, void *payload);

/**
 * Call `fn` for each line of `json` (may be NULL): an array gives its
 * items (strings as they are, other values as compact JSON), an object
 * gives "key: value" per member (strings as they are, arrays of scalars
 * joined with ", ", true and false as yes and no, null as unknown, other
 * values as compact JSON), any other JSON value one line, and text that
 * is not JSON one line as it is.  Empty strings and "[]" give nothing.
 * Returns the number of lines.
 */
size_t report_evidence_each(const char *json, report_evidence_fn fn,
			    void *payload);

#endif /* OH_REPORT_EVIDENCE_H */

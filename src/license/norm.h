/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_NORM_H
#define OH_LICENSE_NORM_H

/*
 * License text normaliser, the first stage of the matcher (match.h): cuts
 * a text into lower-case words after the SPDX License Matching Guidelines
 * (white space, case, punctuation, quotes, dashes, bullets, list
 * numbering, comment markers, copyright notices; see norm.c for the exact
 * rules).  Equivalent words are mapped later, by the matcher.
 *
 * Operation: lic_norm_words() calls sink->word once per word, in order,
 * with the 1-based line number and the 0-based paragraph number (blank
 * lines separate paragraphs).  Words are cut at LIC_NORM_MAX_WORD bytes.
 * Pure function; any bytes are accepted (binary input gives junk words,
 * never a failure).  Thread safe.
 */

#include <stdbool.h>
#include <stddef.h>

#define LIC_NORM_MAX_WORD 64

struct lic_norm_sink {
	void *ctx;
	void (*word)(void *ctx, const char *w, size_t len, unsigned line,
		     unsigned para);
};

/** Normalise `len` bytes of `text` into words (see above). */
void lic_norm_words(const char *text, size_t len,
		    const struct lic_norm_sink *sink);

#endif /* OH_LICENSE_NORM_H */

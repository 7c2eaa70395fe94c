/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_TAGS_H
#define OH_LICENSE_TAGS_H

/*
 * `SPDX-License-Identifier:` tags in the header of a text file, in the
 * comment syntax of any language.
 *
 * Operation: lic_tags_find() scans the first LIC_TAG_SCAN_BYTES bytes and
 * LIC_TAG_SCAN_LINES lines of a buffer.  A tag is the key followed by
 * optional blanks and ':'; the key must not be glued to a letter, digit,
 * '_', '-' or a quote before it (so "SPDX-License-Identifier:" inside a
 * string literal of a program is not a tag).  The value runs to the first
 * byte that cannot appear in a license expression (letters, digits,
 * ". - + : ( )" and blanks), which drops comment closers such as "*\/",
 * "-->" or a closing quote; a trailing word made only of '-' is dropped
 * as well ("{- ... -}").  Empty values are ignored.
 *
 * Several tags in one file are combined by the caller with AND (REUSE).
 *
 * Limits: at most LIC_TAG_MAX tags are returned (the rest are counted),
 * values are cut to LIC_TAG_VALUE_MAX bytes.  No allocation; the result
 * holds copies.  Thread safe (no shared state).
 */

#include <stddef.h>

#define LIC_TAG_SCAN_BYTES (32u * 1024)
#define LIC_TAG_SCAN_LINES 400u
#define LIC_TAG_MAX        8u
#define LIC_TAG_VALUE_MAX  255u

struct lic_tag {
	unsigned line;                     /* 1-based line of the tag */
	char value[LIC_TAG_VALUE_MAX + 1]; /* expression text, trimmed */
};

struct lic_tags {
	struct lic_tag tag[LIC_TAG_MAX]; /* in file order */
	unsigned nr;                     /* tags stored */
	unsigned dropped;                /* tags beyond LIC_TAG_MAX */
};

/**
 * Find tags in buf[0..len) (need not be NUL-terminated) and fill *out.
 * Returns the number stored.  Never fails.
 */
unsigned lic_tags_find(struct lic_tags *out, const char *buf, size_t len);

#endif /* OH_LICENSE_TAGS_H */

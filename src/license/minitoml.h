/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_MINITOML_H
#define OH_LICENSE_MINITOML_H

/*
 * A small TOML reader for the few keys the license scanner needs from
 * REUSE.toml, Cargo.toml and pyproject.toml.  It understands comments,
 * [table] and [[array-of-tables]] headers, bare/quoted/dotted keys,
 * basic and literal strings (single- and multi-line, with escapes),
 * arrays of strings (over several lines) and inline tables, whose entries
 * are reported as "key.sub".  Numbers, booleans, dates and nested
 * arrays are syntax-checked loosely and reported as LIC_TOML_OTHER.
 *
 * Operation: lic_toml_parse() calls `cb` once per key/value pair, in file
 * order, with the current table name ("" at the top) and the index of the
 * current [[array]] element.  Strings handed to the callback are borrowed
 * for the duration of the call.
 *
 * Limits: input LIC_TOML_MAX_BYTES, a string LIC_TOML_MAX_STR bytes, an
 * array LIC_TOML_MAX_ITEMS items, nesting LIC_TOML_MAX_DEPTH; beyond them
 * OH_ELIMIT.  Syntax errors are OH_EINPUT with the line.  Not a
 * validating TOML parser: it accepts some invalid documents (duplicate
 * keys, for one).  Thread safe.
 */

#include <stddef.h>

struct oh_err;

#define LIC_TOML_MAX_BYTES (1u << 20)
#define LIC_TOML_MAX_STR   (64u * 1024)
#define LIC_TOML_MAX_ITEMS 10000u
#define LIC_TOML_MAX_DEPTH 8u

enum lic_toml_type {
	LIC_TOML_STRING, /* str */
	LIC_TOML_ARRAY,  /* item[0..item_nr): strings only */
	LIC_TOML_OTHER,  /* anything else (number, bool, mixed array) */
};

struct lic_toml_val {
	enum lic_toml_type type;
	const char *str;         /* LIC_TOML_STRING */
	const char *const *item; /* LIC_TOML_ARRAY */
	size_t item_nr;          /* LIC_TOML_ARRAY */
};

/* Return non-zero to stop parsing (lic_toml_parse then returns 0). */
typedef int (*lic_toml_cb)(void *ctx, const char *table, unsigned index,
			   const char *key, const struct lic_toml_val *v,
			   unsigned line);

/**
 * Parse buf[0..len) and call cb for every pair.  `name` names the input
 * in errors.  Returns 0, OH_EINPUT or OH_ELIMIT.
 */
int lic_toml_parse(const char *buf, size_t len, const char *name,
		   lic_toml_cb cb, void *ctx, struct oh_err *err);

#endif /* OH_LICENSE_MINITOML_H */

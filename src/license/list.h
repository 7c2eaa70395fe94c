/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_LIST_H
#define OH_LICENSE_LIST_H

/*
 * The SPDX license and exception lists as imported into licenses/ (see
 * licenses/SOURCE.md): ids, names, OSI-approved and deprecated flags,
 * modern replacements of deprecated ids, our own categories, and the
 * license texts (read lazily, on first use).
 *
 * Files (found with oh_data_file(), or under an explicit directory):
 *   licenses/licenses.tsv    id, OSI flag, deprecated flag, name
 *   licenses/exceptions.tsv  id, deprecated flag, name
 *   licenses/categories.tsv  id, category  (ours)
 *   licenses/replacements.tsv deprecated id, modern expression (ours)
 *   licenses/text/<id>.txt   full license texts (for the matcher)
 * A missing file, a malformed line or a duplicate id is an error naming
 * the file and line (OH_ENOTFOUND / OH_EINPUT).  Limits: 8192 ids per
 * list, lines of at most 1024 bytes, texts of at most 1 MiB.
 *
 * Lookups are case-insensitive (SPDX ids are) and return the canonical
 * spelling.  Memory: the list owns everything it returns; free it with
 * lic_list_free().  Thread safety: lookups are read-only and may run in
 * parallel; lic_list_text() loads lazily and is NOT thread safe unless
 * lic_list_load_texts() was called first.
 */

#include <stdbool.h>
#include <stddef.h>

struct oh_err;
struct lic_list;

enum lic_category {
	LIC_CAT_UNKNOWN = 0,      /* "unknown": not categorised */
	LIC_CAT_PERMISSIVE,       /* "permissive": MIT, BSD, Apache-2.0 ... */
	LIC_CAT_WEAK_COPYLEFT,    /* "weak-copyleft": LGPL, MPL, EPL ... */
	LIC_CAT_STRONG_COPYLEFT,  /* "strong-copyleft": GPL ... */
	LIC_CAT_NETWORK_COPYLEFT, /* "network-copyleft": AGPL, OSL ... */
	LIC_CAT_PUBLIC_DOMAIN,    /* "public-domain-like": CC0, Unlicense */
	LIC_CAT_SOURCE_AVAILABLE, /* "source-available": BUSL, SSPL, Elastic */
	LIC_CAT_CONTENT,          /* "content": CC-BY*, GFDL, data licenses */
	LIC_CAT_OTHER,            /* "other": other terms, not OSI-approved */
};

struct lic_info {
	const char *id;          /* canonical SPDX id */
	const char *name;        /* full name */
	bool osi;                /* OSI-approved (licenses only) */
	bool deprecated;         /* deprecated id */
	bool exception;          /* an exception, not a license */
	const char *replacement; /* deprecated: modern expression, or NULL */
	enum lic_category category;
};

/** Load from the data directory (oh_data_file("licenses/...")). */
int lic_list_load(struct lic_list **out, struct oh_err *err);

/** Load from `dir` (the licenses/ directory itself). */
int lic_list_load_dir(struct lic_list **out, const char *dir,
		      struct oh_err *err);

/** Free the list; NULL is a no-op. */
void lic_list_free(struct lic_list *l);

/** License (not exception) by id, case-insensitive; NULL if unknown. */
const struct lic_info *lic_list_find(const struct lic_list *l, const char *id,
				     size_t len);

/** Exception by id, case-insensitive; NULL if unknown. */
const struct lic_info *lic_list_find_exception(const struct lic_list *l,
					       const char *id, size_t len);

/** Number of licenses (not exceptions), and the i-th in id order. */
size_t lic_list_count(const struct lic_list *l);
const struct lic_info *lic_list_at(const struct lic_list *l, size_t i);

/** Number of exceptions, and the i-th in id order. */
size_t lic_list_exception_count(const struct lic_list *l);
const struct lic_info *lic_list_exception_at(const struct lic_list *l,
					     size_t i);

/**
 * The full text of a license or exception (loaded on first use, then
 * cached; borrowed, valid until lic_list_free()).  *text is NULL with
 * return 0 when the list has no text for it.  OH_EIO/OH_ELIMIT name the
 * file.
 */
int lic_list_text(const char **text, size_t *len, struct lic_list *l,
		  const struct lic_info *info, struct oh_err *err);

/** Load every text now (afterwards lic_list_text() is thread safe). */
int lic_list_load_texts(struct lic_list *l, struct oh_err *err);

/** "permissive", "weak-copyleft", ... ("unknown" for LIC_CAT_UNKNOWN). */
const char *lic_category_name(enum lic_category c);

/** Parse a category name; -1 when unknown. */
int lic_category_parse(enum lic_category *out, const char *name);

/** The list's version string (from licenses/SOURCE.md's import). */
const char *lic_list_version(const struct lic_list *l);

#endif /* OH_LICENSE_LIST_H */

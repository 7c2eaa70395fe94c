/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_SBOM_CDX_INT_H
#define OH_SBOM_CDX_INT_H

/*
 * What the CycloneDX reader, writer and validator share (cdx_map.c):
 * the field tables between CycloneDX and SPDX 2 (hash algorithms,
 * component types) and a map of strings (bom-refs, SPDX ids).  Internal
 * to src/sbom.
 */

#include <stdbool.h>
#include <stddef.h>

/* The SPDX 2 checksum algorithm of a CycloneDX hash "alg", or NULL. */
const char *cdx_alg_to_spdx(const char *alg);

/* The CycloneDX hash "alg" of an SPDX 2 checksum algorithm, or NULL. */
const char *cdx_alg_from_spdx(const char *alg);

/*
 * The primaryPackagePurpose of a component "type": NULL for NULL, OTHER
 * for a type SPDX 2 has no purpose for.
 */
const char *cdx_type_to_purpose(const char *type);

/*
 * The component "type" of a primaryPackagePurpose: application for
 * SOURCE, library for NULL and the purposes CycloneDX has no type for.
 */
const char *cdx_type_from_purpose(const char *purpose);

/* A value of the map: a string, or a number. */
union cdx_val {
	const char *str;
	long num;
};

/*
 * Strings (the caller's, not copied) with a value each: open addressing
 * over FNV-1a with a final mix, since bom-refs differ in their middle and
 * the low bits a power-of-two table uses must depend on every byte.
 * Zero-initialised is empty.
 */
struct cdx_map {
	const char **key;
	union cdx_val *val;
	size_t n, cap;
};

/* Add k with v; false (and nothing changed) when k is there already or
 * NULL: the first value wins. */
bool cdx_map_add(struct cdx_map *m, const char *k, union cdx_val v);

/* The value of k, or NULL when k (or NULL) is not in the map. */
const union cdx_val *cdx_map_get(const struct cdx_map *m, const char *k);

void cdx_map_release(struct cdx_map *m);

#endif /* OH_SBOM_CDX_INT_H */

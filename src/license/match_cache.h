/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_MATCH_CACHE_H
#define OH_LICENSE_MATCH_CACHE_H

/*
 * A cache of the text matcher's answers (lic_adapt_match_text()), so that
 * a re-scan matches only license texts it has not matched before and
 * never builds the matcher's templates when every text is known.
 *
 * Key: the SHA-256 of the text exactly as matched (a blob's head or a
 * whole file: the same bytes give the same answer, whichever blob or
 * path they came from) and the engine's key: the SPDX list version
 * loaded at run time and LIC_ENGINE_DIGEST, a digest of the engine's
 * sources (src/license/) and data (licenses/) taken by the Makefile when
 * this file is compiled.  Any change of the matcher or of its data makes
 * every stored answer a miss, with nobody having to bump a number.
 *
 * Value: the match as a small JSON object (lic_adapt_match_encode());
 * one that does not decode is a miss.
 *
 * The cache itself lives elsewhere (the scan keeps it in the database,
 * store/store_blob.h) and is handed to the engine as callbacks
 * (lic_adapt_set_cache(), adapt.h).
 */

#include <stdbool.h>
#include <stddef.h>

struct lic_adapt_match;

/* The callbacks of a match cache.  Strings are borrowed for the call. */
struct lic_adapt_cache {
	/* the stored JSON of (engine, key), or NULL; valid until the
	 * next call */
	const char *(*get)(void *ctx, const char *engine, const char *key);
	void (*put)(void *ctx, const char *engine, const char *key,
		    const char *json);
	void *ctx;
};

#define LIC_MATCH_KEY_SIZE 65 /* hex SHA-256 and its NUL */

/** The key of a text: hex SHA-256 of its len bytes.  false on failure. */
bool lic_match_cache_key(char out[LIC_MATCH_KEY_SIZE], const char *text,
			 size_t len);

/** The engine's key for SPDX list version `list_version` into out. */
void lic_match_cache_engine(char *out, size_t size, const char *list_version);

/** The match as JSON (malloc'd; free()). */
char *lic_adapt_match_encode(const struct lic_adapt_match *m);

/** Decode what lic_adapt_match_encode() wrote; false (and *out zeroed)
 * when json is not such an object. */
bool lic_adapt_match_decode(struct lic_adapt_match *out, const char *json);

#endif /* OH_LICENSE_MATCH_CACHE_H */

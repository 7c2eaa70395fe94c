/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The HTTP cache entry; see http_cache.h.
 */
#include "facts/http_cache.h"

#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

void http_cache_entry_release(struct http_cache_entry *e)
{
	free(e->etag);
	free(e->last_modified);
	free(e->body);
	memset(e, 0, sizeof(*e));
}

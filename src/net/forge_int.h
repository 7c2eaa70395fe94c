/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_NET_FORGE_INT_H
#define OH_NET_FORGE_INT_H

/*
 * Shared inside src/net/forge*.c: reading forge JSON and times, and GET
 * with the forge's token.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/forge.h"

struct cJSON;
struct net_client;
struct net_response;
struct oh_err;

#define DAY (24 * 3600)

/** Parse a reply that must be a JSON array (or object); NULL + err. */
struct cJSON *forge_json(const char *body, size_t len, const char *name,
			 bool want_array, struct oh_err *err);

/** 0 when root is a JSON array (or object), else err as forge_json(). */
int forge_json_want(const struct cJSON *root, bool want_array, const char *name,
		    struct oh_err *err);

/*
 * forge_parse_repo(), _items(), _replies() and _releases() over a reply
 * already parsed (root of any JSON type), so that one parse can serve
 * several readers (tests/fuzz/fuzz_forge.c).
 */
int forge_repo_json(struct forge_facts *out, enum forge_kind kind,
		    const struct cJSON *root, const char *name,
		    struct oh_err *err);
int forge_items_json(struct forge_facts *out, struct forge_acc *acc,
		     size_t *items_out, enum forge_kind kind, bool changes,
		     int64_t now, const struct cJSON *root, const char *name,
		     struct oh_err *err);
int forge_replies_json(int64_t *first, bool *reviewed, size_t *count,
		       enum forge_kind kind, enum forge_detail what,
		       const char *author, forge_bot_fn is_bot, void *bot_arg,
		       const struct cJSON *root, const char *name,
		       struct oh_err *err);
int forge_releases_json(struct forge_releases *rel, int64_t *times,
			size_t *time_nr, size_t time_max, size_t *items_out,
			enum forge_kind kind, int64_t now,
			const struct cJSON *root, const char *name,
			struct oh_err *err);

/** RFC 3339 time of item.key, fractional seconds dropped; 0 if null. */
int forge_time(int64_t *out, const struct cJSON *item, const char *key,
	       const char *name, struct oh_err *err);

/** item.user.login (GitHub, Gitea) or item.author.username (GitLab). */
const char *forge_login(const struct cJSON *item, enum forge_kind kind);

/** Sort v[0..n) (n > 0) and return its median (mean of the middle two
 * for even n); forge_detail.c. */
double forge_median(double *v, size_t n);

/** GET with the forge's token; 403/429 name the token variable. */
int forge_get(struct net_response *r, struct net_client *c,
	      enum forge_kind kind, const char *url, struct oh_err *err);

#endif /* OH_NET_FORGE_INT_H */

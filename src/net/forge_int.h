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

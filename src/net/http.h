/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_NET_HTTP_H
#define OH_NET_HTTP_H

/*
 * The one HTTP client of osshealth (the only code that includes
 * curl/curl.h).  Every online source (OSV, forge APIs, data refresh) goes
 * through net_get()/net_post().
 *
 * Operations: create a client from struct net_opts, GET (with the
 * response cache) and POST a JSON body; each returns the status and a
 * capped body.
 *
 * Invariants and policy:
 *   - TLS peer and host verification are always on; net_opts.ca_bundle
 *     only chooses the CA file.  Only http:// and https:// are allowed,
 *     for the request and for redirects (at most max_redirs).
 *   - Connect and total time-outs per attempt.  Transient failures
 *     (connect failure, time-out, truncated reply, HTTP 429/500/502/503/
 *     504) are retried up to `retries` more times with exponential
 *     back-off (backoff_ms, doubled each time); a Retry-After header on
 *     429/503 replaces the back-off, capped at max_retry_wait_s.
 *   - A reply body larger than max_bytes (after gzip decoding) aborts the
 *     transfer with OH_ELIMIT; gzip/deflate are accepted.
 *   - Proxies come from the standard environment variables (libcurl's
 *     defaults: http_proxy, https_proxy, no_proxy).
 *   - User agent "osshealth/<version>".
 *   - offline: every request fails at once with OH_ENET "offline" and no
 *     socket is opened.
 *   - Tokens are read from the environment variable named by the request
 *     (GITHUB_TOKEN, GITLAB_TOKEN, GITEA_TOKEN), sent as an Authorization
 *     header, never copied into a struct, a log, an error or the cache.
 *     URLs with user:password are refused.  Which host may receive a
 *     token is the caller's decision (forge_token_allowed()); with a
 *     token, redirects are followed over https only.
 *   - With a cache (net_opts.cache, callbacks of facts/http_cache.h that
 *     the caller wires to the store), GET replies 200 carrying an ETag or
 *     Last-Modified are cached; the next GET revalidates with If-None-Match /
 *     If-Modified-Since and a 304 returns the cached body (from_cache).
 *     Requests carrying a token are neither cached nor served from cache.
 *
 * Errors (OH_ENET unless said, input = URL): "offline", "cannot connect
 * (...)", "timed out after N s", "TLS error (...)", "too many redirects
 * (more than N)", "truncated reply (...)", "HTTP <status> after N
 * attempts", OH_ELIMIT "reply larger than N bytes", OH_EINPUT
 * "credentials in the URL are not accepted", the cache's own errors.
 *
 * Thread safety: a client belongs to one thread.
 */

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "facts/http_cache.h"

struct oh_err;
struct net_client;

#define NET_DEFAULT_CONNECT_TIMEOUT 10  /* seconds */
#define NET_DEFAULT_TIMEOUT         60  /* seconds, whole transfer */
#define NET_DEFAULT_RETRIES         3   /* extra attempts */
#define NET_DEFAULT_BACKOFF_MS      500 /* first back-off */
#define NET_DEFAULT_MAX_RETRY_WAIT  60  /* cap on Retry-After, seconds */
#define NET_DEFAULT_MAX_BYTES       (8u << 20)
#define NET_DEFAULT_MAX_REDIRS      5

struct net_opts {
	const char *ca_bundle;   /* CA file; NULL = system default */
	long connect_timeout_s;  /* 0 = NET_DEFAULT_CONNECT_TIMEOUT */
	long timeout_s;          /* 0 = NET_DEFAULT_TIMEOUT */
	int retries;             /* < 0 = NET_DEFAULT_RETRIES */
	long backoff_ms;         /* 0 = NET_DEFAULT_BACKOFF_MS */
	long max_retry_wait_s;   /* 0 = NET_DEFAULT_MAX_RETRY_WAIT */
	size_t max_bytes;        /* 0 = NET_DEFAULT_MAX_BYTES */
	long max_redirs;         /* 0 = NET_DEFAULT_MAX_REDIRS */
	bool offline;            /* refuse every request */
	struct http_cache cache; /* response cache (its ctx borrowed);
				    .get NULL = none */
	const char *forge_url;   /* --forge-url: an API base the user named,
				   trusted with forge tokens; NULL none */
};

/* clang-format off */
#define NET_OPTS_INIT { .retries = -1 }
/* clang-format on */

struct net_response {
	long status;        /* final HTTP status (200 also when from_cache) */
	struct oh_buf body; /* reply body, NUL-terminated, capped */
	bool from_cache;    /* served from http_cache after a 304 */
	unsigned attempts;  /* transfers made (0 when from cache only) */
	long ratelimit_remaining; /* the reply's X-RateLimit-Remaining or
				     RateLimit-Remaining; -1 when absent */
};

/* clang-format off */
#define NET_RESPONSE_INIT { .body = OH_BUF_INIT, .ratelimit_remaining = -1 }
/* clang-format on */

/** Free the response's body. */
void net_response_release(struct net_response *r);

/**
 * Create a client (copies opts; the cache store stays borrowed).  Caller
 * frees with net_client_free().  OH_ENET when libcurl cannot start.
 */
int net_client_new(struct net_client **out, const struct net_opts *opts,
		   struct oh_err *err);

/** Free a client; NULL is a no-op. */
void net_client_free(struct net_client *c);

/** The forge_url of the client's options (borrowed), or NULL. */
const char *net_client_forge_url(const struct net_client *c);

/** True when the client was created offline. */
bool net_client_offline(const struct net_client *c);

/**
 * GET url.  `token_env` names the environment variable holding a token
 * (NULL for none; an unset or empty variable sends none).  On success the
 * status is 2xx and out holds the body; any other final status is an
 * error (the status stays in out->status).  Release out in every case.
 */
int net_get(struct net_response *out, struct net_client *c, const char *url,
	    const char *token_env, struct oh_err *err);

/**
 * POST a JSON body (Content-Type: application/json) to url; never
 * cached.  Otherwise as net_get().
 */
int net_post_json(struct net_response *out, struct net_client *c,
		  const char *url, const char *body, size_t len,
		  const char *token_env, struct oh_err *err);

/** Version string of the linked libcurl (borrowed, static). */
const char *net_curl_version(void);

/*
 * Test hook for the fault-injection driver (tests/faults/faultrun.c):
 * called for every chunk of a reply body; when set and it returns true
 * the chunk is refused and the transfer fails as a read error would.
 * NULL in osshealth itself; nothing in the shipped binary sets it.
 */
extern bool (*net_http_fail_hook)(void);

#endif /* OH_NET_HTTP_H */

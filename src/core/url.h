/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CORE_URL_H
#define OH_CORE_URL_H

/*
 * The host rules for credentials, shared by the forge client (net/) and
 * the git mirror (git/): a credential goes only to a host the user named
 * (or the public host of its forge), and only over a connection that
 * cannot be read on the way: https, or plain http to a loopback address
 * (the traffic never leaves the machine; tests use it).
 *
 *   oh_url_host()      "host[:port]" of a scheme URL, lower case, without
 *                      user information and without the default port
 *   oh_url_secure()    https, or http to 127.0.0.0/8, ::1 or localhost
 *   oh_url_host_in()   is the URL's host in a comma-separated list
 *
 * Pure functions; no name is resolved and nothing is guessed from the
 * spelling of a host name.
 */

#include <stdbool.h>
#include <stddef.h>

struct oh_buf;
struct oh_err;

/* Longest URL or path accepted as a component source. */
#define OH_URL_MAX 4096

/**
 * Length of the scheme when `s` starts with "scheme://" (RFC 3986: a
 * letter, then letters, digits, '+', '-', '.'), else 0.
 */
size_t oh_url_scheme_len(const char *s);

/**
 * Append the authority of `url` (scheme://[user@]host[:port]/...) as
 * "host[:port]" in lower case, the port left out when it is the scheme's
 * default.  Returns false (appending nothing) for anything else.
 */
bool oh_url_host(struct oh_buf *out, const char *url);

/** True for https:// URLs and http:// URLs to a loopback host. */
bool oh_url_secure(const char *url);

/**
 * True when the host[:port] of url is one of the comma-separated entries
 * of `list` (compared without case; an entry without a port matches the
 * scheme's default port only).  NULL or empty list: false.
 */
bool oh_url_host_in(const char *url, const char *list);

/*
 * Component sources (core/url_norm.c):
 *   oh_url_is_remote()  a URL or scp-like address, not a path
 *   oh_url_redact()     without user[:password]@ and query secrets
 *   oh_url_normalise()  the canonical form: the mirror cache key, the
 *                       repositories.url column, what SBOM verification
 *                       and vulnerability records compare
 */

/** True when `source` is a URL or scp-like address, false for a path. */
bool oh_url_is_remote(const char *source);

/**
 * Append `url` without user[:password]@ to out (and with secrets in the
 * query string redacted).  Strings that are not URLs are appended
 * unchanged, except that a scp-like address keeps its user (which is not
 * a secret) and never a password.
 */
void oh_url_redact(struct oh_buf *out, const char *url);

/**
 * Append the canonical form of `url`: redacted, scheme and host in lower
 * case, default ports removed, trailing '/' and one trailing ".git"
 * removed, scp-like addresses written as ssh://host/path.  Returns 0, or
 * OH_EINPUT for a string that is not a URL (too long, control bytes,
 * no host).
 */
int oh_url_normalise(struct oh_buf *out, const char *url, struct oh_err *err);

#endif /* OH_CORE_URL_H */

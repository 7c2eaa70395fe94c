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

struct oh_buf;

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

#endif /* OH_CORE_URL_H */

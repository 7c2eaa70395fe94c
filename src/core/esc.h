/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CORE_ESC_H
#define OH_CORE_ESC_H

/*
 * The sink-independent half of the output layer for untrusted text
 * (names, subjects, paths and values that came from a repository, an
 * SBOM, a manifest or a server).  Each function appends to `out` the
 * form of `s` that one kind of sink can carry safely:
 *
 *   oh_esc_term()   a terminal: nothing a terminal interprets survives
 *   oh_esc_shell()  a shell command the user may paste: POSIX quoting
 *   oh_esc_utf8()   a sink that requires UTF-8 (JSON): invalid bytes
 *                   become U+FFFD
 *   oh_redact()     every error text before it is printed or stored:
 *                   credentials in URLs, query strings and headers
 *                   removed
 *
 * Per-format escapers (CSV, Markdown, HTML, XML) are in report/escape.h
 * and build on these.  All functions are pure and thread safe; none
 * fails (oh_buf exits on out of memory).
 */

#include <stdbool.h>
#include <stddef.h>

struct oh_buf;

/**
 * Length (1-4) of the well-formed UTF-8 sequence at s (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), or 0 when the
 * byte at s does not start one.  `n` is the number of bytes available.
 */
size_t oh_utf8_seq(const char *s, size_t n);

/** True when all of s is well-formed UTF-8. */
bool oh_utf8_valid(const char *s);

/**
 * Terminal text.  C0 controls, DEL and bytes that are not UTF-8 become
 * \xNN; C1 controls (U+0080-U+009F, which some terminals act on) and the
 * bidirectional overrides (U+202A-U+202E, U+2066-U+2069) become \uNNNN.
 * A backslash is kept as it is.
 */
void oh_esc_term(struct oh_buf *out, const char *s);

/**
 * A POSIX shell word: s in single quotes, each ' written '\''.  Returns
 * false and appends nothing when s holds a control character or is not
 * UTF-8: such a value cannot be shown on a terminal as a command the
 * user can check by eye, so the caller must not suggest one.
 */
bool oh_esc_shell(struct oh_buf *out, const char *s);

/** s with every byte that is not part of well-formed UTF-8 as U+FFFD. */
void oh_esc_utf8(struct oh_buf *out, const char *s);

/**
 * s with credentials removed: the user information of every
 * scheme://user[:password]@host (up to the last '@' of the authority, so
 * a password holding '@' goes too), the values of query parameters that
 * carry secrets (access_token, private_token, token, password, key,
 * secret, sig, ...), "Bearer" and Authorization header credentials, and
 * strings shaped like GitHub or GitLab tokens.  Removed parts read "REDACTED".
 */
void oh_redact(struct oh_buf *out, const char *s);

#endif /* OH_CORE_ESC_H */

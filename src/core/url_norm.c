/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * URL strings as the mirror cache, the SBOM verifier and the stores key
 * them: is a source a URL, redaction of credentials, the canonical form.
 * Pure string work (core/url.h).
 */
#include "core/url.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/esc.h"
#include "core/banned.h"

/* git's rule: a ':' before any '/' makes "[user@]host:path". */
static const char *scp_colon(const char *s)
{
	const char *colon = strchr(s, ':');
	const char *slash = strchr(s, '/');

	if (!colon || colon == s || (slash && slash < colon))
		return NULL;
	return colon;
}

bool oh_url_is_remote(const char *source)
{
	return oh_url_scheme_len(source) > 0 || scp_colon(source) != NULL;
}

/* Authority of a scheme URL: [start, end) after "://". */
static void authority(const char *url, size_t slen, const char **start,
		      const char **end)
{
	*start = url + slen + 3;
	*end = *start + strcspn(*start, "/?#");
}

static void strip_userinfo(struct oh_buf *out, const char *url)
{
	size_t slen = oh_url_scheme_len(url);
	const char *a, *e, *at;

	if (slen > 0) {
		authority(url, slen, &a, &e);
		at = NULL;
		for (const char *p = a; p < e; p++)
			if (*p == '@')
				at = p;
		if (!at) {
			oh_buf_adds(out, url);
			return;
		}
		oh_buf_add(out, url, (size_t)(a - url));
		oh_buf_adds(out, at + 1);
		return;
	}
	e = scp_colon(url);
	at = e ? memchr(url, '@', (size_t)(e - url)) : NULL;
	/* "user:secret@host:path": the first ':' sits inside the user. */
	if (e && !at) {
		const char *at2 = strchr(url, '@');
		const char *slash = strchr(url, '/');

		if (at2 && (!slash || at2 < slash)) {
			oh_buf_adds(out, at2 + 1);
			return;
		}
	}
	oh_buf_adds(out, url);
}

void oh_url_redact(struct oh_buf *out, const char *url)
{
	struct oh_buf b = OH_BUF_INIT;

	/* Then secrets in the query string, as in every error text. */
	strip_userinfo(&b, url);
	oh_redact(out, b.buf);
	oh_buf_release(&b);
}

static void add_lower(struct oh_buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		oh_buf_addch(out, tolower((unsigned char)s[i]));
}

static bool default_port(const char *scheme, size_t slen, const char *port,
			 size_t plen)
{
	static const struct {
		const char *scheme;
		const char *port;
	} ports[] = {
		{ "http", "80" },
		{ "https", "443" },
		{ "ssh", "22" },
		{ "git", "9418" },
	};

	for (size_t i = 0; i < sizeof(ports) / sizeof(ports[0]); i++)
		if (strlen(ports[i].scheme) == slen &&
		    strncasecmp(ports[i].scheme, scheme, slen) == 0 &&
		    strlen(ports[i].port) == plen &&
		    strncmp(ports[i].port, port, plen) == 0)
			return true;
	return false;
}

/* Append host[:port] in lower case without a default port. */
static void add_host(struct oh_buf *out, const char *scheme, size_t slen,
		     const char *h, const char *e)
{
	const char *colon = NULL;

	if (*h == '[') { /* IPv6 literal */
		const char *close = memchr(h, ']', (size_t)(e - h));

		if (close && close + 1 < e && close[1] == ':')
			colon = close + 1;
	} else {
		colon = memchr(h, ':', (size_t)(e - h));
	}
	if (colon &&
	    (colon + 1 == e ||
	     default_port(scheme, slen, colon + 1, (size_t)(e - colon - 1)))) {
		add_lower(out, h, (size_t)(colon - h));
		return;
	}
	add_lower(out, h, (size_t)(e - h));
}

/* Drop trailing '/', one ".git", and '/' again. */
static void trim_path(struct oh_buf *out, size_t path_start)
{
	while (out->len > path_start + 1 && out->buf[out->len - 1] == '/')
		oh_buf_setlen(out, out->len - 1);
	if (out->len >= path_start + 4 &&
	    strcmp(out->buf + out->len - 4, ".git") == 0)
		oh_buf_setlen(out, out->len - 4);
	while (out->len > path_start + 1 && out->buf[out->len - 1] == '/')
		oh_buf_setlen(out, out->len - 1);
}

static int normalise_scp(struct oh_buf *out, const char *url,
			 struct oh_err *err)
{
	struct oh_buf red = OH_BUF_INIT;
	const char *colon;
	const char *at;
	size_t path_start;

	oh_url_redact(&red, url);
	colon = scp_colon(red.buf);
	at = colon ? memchr(red.buf, '@', (size_t)(colon - red.buf)) : NULL;
	if (!colon || colon[1] == '\0') {
		oh_buf_release(&red);
		return oh_err_set(err, OH_EINPUT, NULL, 0, 0,
				  "not a URL: no path after ':'");
	}
	oh_buf_adds(out, "ssh://");
	add_lower(out, at ? at + 1 : red.buf,
		  (size_t)(colon - (at ? at + 1 : red.buf)));
	path_start = out->len;
	if (colon[1] != '/')
		oh_buf_addch(out, '/');
	oh_buf_adds(out, colon + 1);
	trim_path(out, path_start);
	oh_buf_release(&red);
	return 0;
}

int oh_url_normalise(struct oh_buf *out, const char *url, struct oh_err *err)
{
	size_t slen = oh_url_scheme_len(url);
	struct oh_buf red = OH_BUF_INIT;
	const char *a, *e;
	size_t path_start;

	if (strlen(url) > OH_URL_MAX)
		return oh_err_set(err, OH_EINPUT, NULL, 0, 0,
				  "URL longer than %d bytes", OH_URL_MAX);
	for (const char *p = url; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return oh_err_set(err, OH_EINPUT, NULL, 0, 0,
					  "control character in URL");
	if (slen == 0) {
		if (!scp_colon(url))
			return oh_err_set(err, OH_EINPUT, NULL, 0, 0,
					  "not a URL");
		return normalise_scp(out, url, err);
	}
	oh_url_redact(&red, url);
	authority(red.buf, slen, &a, &e);
	if (a == e && strncasecmp(red.buf, "file", slen) != 0) {
		oh_buf_release(&red);
		return oh_err_set(err, OH_EINPUT, NULL, 0, 0,
				  "URL without a host");
	}
	add_lower(out, red.buf, slen + 3);
	add_host(out, red.buf, slen, a, e);
	path_start = out->len;
	oh_buf_adds(out, e);
	trim_path(out, path_start);
	oh_buf_release(&red);
	return 0;
}

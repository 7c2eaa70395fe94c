/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Host rules for credentials: the authority of a URL, secure transport,
 * membership in a list of configured hosts.
 */
#include "core/url.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/banned.h"

size_t oh_url_scheme_len(const char *s)
{
	size_t n = 0;

	if (!isalpha((unsigned char)s[0]))
		return 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '+' || s[n] == '-' ||
	       s[n] == '.')
		n++;
	return strncmp(s + n, "://", 3) == 0 ? n : 0;
}

static bool is_default_port(const char *url, size_t slen, const char *port,
			    size_t plen)
{
	return (slen == 5 && strncasecmp(url, "https", 5) == 0 && plen == 3 &&
		strncmp(port, "443", 3) == 0) ||
	       (slen == 4 && strncasecmp(url, "http", 4) == 0 && plen == 2 &&
		strncmp(port, "80", 2) == 0);
}

bool oh_url_host(struct oh_buf *out, const char *url)
{
	size_t slen = oh_url_scheme_len(url);
	const char *a, *e, *at, *colon = NULL;

	if (slen == 0)
		return false;
	a = url + slen + 3;
	e = a + strcspn(a, "/?#");
	at = NULL;
	for (const char *p = a; p < e; p++)
		if (*p == '@')
			at = p;
	if (at)
		a = at + 1;
	if (a == e)
		return false;
	if (*a == '[') {
		const char *close = memchr(a, ']', (size_t)(e - a));

		if (!close)
			return false;
		if (close + 1 < e && close[1] == ':')
			colon = close + 1;
	} else {
		colon = memchr(a, ':', (size_t)(e - a));
	}
	for (const char *p = a; p < (colon ? colon : e); p++)
		oh_buf_addch(out, tolower((unsigned char)*p));
	if (colon && colon + 1 < e &&
	    !is_default_port(url, slen, colon + 1, (size_t)(e - colon - 1)))
		oh_buf_add(out, colon, (size_t)(e - colon));
	return true;
}

static bool loopback(const char *hostport)
{
	size_t n = hostport[0] == '[' ? strcspn(hostport, "]") + 1
				      : strcspn(hostport, ":");

	if ((n == 9 && strncmp(hostport, "localhost", 9) == 0) ||
	    (n == 5 && strncmp(hostport, "[::1]", 5) == 0))
		return true;
	if (strncmp(hostport, "127.", 4) != 0)
		return false;
	return strspn(hostport, "0123456789.") == n;
}

bool oh_url_secure(const char *url)
{
	struct oh_buf h = OH_BUF_INIT;
	bool ok = false;

	if (strncasecmp(url, "https://", 8) == 0)
		ok = oh_url_host(&h, url);
	else if (strncasecmp(url, "http://", 7) == 0 && oh_url_host(&h, url))
		ok = loopback(h.buf);
	oh_buf_release(&h);
	return ok;
}

bool oh_url_host_in(const char *url, const char *list)
{
	struct oh_buf h = OH_BUF_INIT;
	bool found = false;

	if (!list || !oh_url_host(&h, url))
		goto out;
	while (*list != '\0' && !found) {
		size_t n = strcspn(list, ",");
		size_t lead = 0;

		while (lead < n && isspace((unsigned char)list[lead]))
			lead++;
		while (n > lead && isspace((unsigned char)list[n - 1]))
			n--;
		found = n > lead && n - lead == h.len &&
			strncasecmp(list + lead, h.buf, h.len) == 0;
		list += strcspn(list, ",");
		if (*list == ',')
			list++;
	}
out:
	oh_buf_release(&h);
	return found;
}

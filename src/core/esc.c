/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Escaping untrusted text for terminals, shells and UTF-8 sinks, and
 * redacting credentials from error texts.
 */
#include "core/esc.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/banned.h"

size_t oh_utf8_seq(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len;
	unsigned long cp;

	if (n == 0)
		return 0;
	if (u[0] < 0x80)
		return 1;
	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		len = 2, cp = u[0] & 0x1f;
	else if (u[0] >= 0xe0 && u[0] <= 0xef)
		len = 3, cp = u[0] & 0x0f;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		len = 4, cp = u[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (u[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* The code point of the well-formed sequence of `len` bytes at u. */
static unsigned long decode(const unsigned char *u, size_t len)
{
	static const unsigned char lead[] = { 0, 0x7f, 0x1f, 0x0f, 0x07 };
	unsigned long cp = u[0] & lead[len];

	for (size_t i = 1; i < len; i++)
		cp = (cp << 6) | (u[i] & 0x3f);
	return cp;
}

bool oh_utf8_valid(const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		size_t k = oh_utf8_seq(s, n);

		if (k == 0)
			return false;
		s += k;
		n -= k;
	}
	return true;
}

static bool term_unsafe(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

void oh_esc_term(struct oh_buf *out, const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		size_t k = oh_utf8_seq(s, n);
		unsigned long cp;

		if (k == 0) {
			oh_buf_addf(out, "\\x%02x", (unsigned char)*s);
			k = 1;
		} else if (!term_unsafe(cp = decode((const void *)s, k))) {
			oh_buf_add(out, s, k);
		} else if (cp < 0x80) {
			oh_buf_addf(out, "\\x%02x", (unsigned)cp);
		} else {
			oh_buf_addf(out, "\\u%04lx", cp);
		}
		s += k;
		n -= k;
	}
}

bool oh_esc_shell(struct oh_buf *out, const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		size_t k = oh_utf8_seq(s + i, n - i);

		if (k == 0 || term_unsafe(decode((const void *)(s + i), k)))
			return false;
		i += k;
	}
	oh_buf_addch(out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			oh_buf_adds(out, "'\\''");
		else
			oh_buf_addch(out, *s);
	}
	oh_buf_addch(out, '\'');
	return true;
}

void oh_esc_utf8(struct oh_buf *out, const char *s)
{
	size_t n = strlen(s);

	while (n > 0) {
		size_t k = oh_utf8_seq(s, n);

		if (k == 0) {
			oh_buf_adds(out, "\xef\xbf\xbd");
			k = 1;
		} else {
			oh_buf_add(out, s, k);
		}
		s += k;
		n -= k;
	}
}

/* ---- redaction ---- */

/* Characters that end a URL or a credential inside free text. */
static bool ends_token(char c)
{
	return c == '\0' || isspace((unsigned char)c) || c == '\'' ||
	       c == '"' || c == '<' || c == '>' || c == '`' || c == ')';
}

/*
 * At s (just after "://"): the length of the user information that ends
 * with its last '@', or 0.  The authority normally ends at / ? #, but a
 * password may hold any of those: when the text up to the first '/' has
 * a ':' that is not followed by a port number, the user information runs
 * to the last '@' of the whole token.
 */
static size_t userinfo_len(const char *s)
{
	size_t tok = 0, auth, at = 0;
	const char *colon;

	while (!ends_token(s[tok]))
		tok++;
	auth = strcspn(s, "/?#");
	if (auth > tok)
		auth = tok;
	for (size_t i = 0; i < auth; i++)
		if (s[i] == '@')
			at = i + 1;
	if (at > 0)
		return at;
	colon = memchr(s, ':', auth);
	if (!colon)
		return 0;
	colon++;
	while (isdigit((unsigned char)*colon))
		colon++;
	if (colon == s + auth)
		return 0; /* host:port */
	for (size_t i = auth; i < tok; i++)
		if (s[i] == '@')
			at = i + 1;
	return at;
}

static const char *const secret_keys[] = {
	"access_token",    "private_token", "refresh_token",
	"id_token",        "token",         "password",
	"passwd",          "pass",          "pwd",
	"secret",          "client_secret", "api_key",
	"apikey",          "key",           "sig",
	"signature",       "auth",          "credentials",
	"x-amz-signature",
};

/* At s (just after '?', '&' or ';'): the length of "key=" if secret. */
static size_t secret_key_len(const char *s)
{
	size_t k = strcspn(s, "=&#? \t\r\n'\"");

	if (s[k] != '=')
		return 0;
	for (size_t i = 0; i < sizeof(secret_keys) / sizeof(*secret_keys); i++)
		if (strlen(secret_keys[i]) == k &&
		    strncasecmp(s, secret_keys[i], k) == 0)
			return k + 1;
	return 0;
}

/*
 * At s: the length of "Bearer " or an Authorization header's name and
 * scheme, when a credential follows ("Basic" and "token" alone are too
 * common in prose to be taken as such).
 */
static size_t scheme_word_len(const char *s, const char *start)
{
	static const char *const words[] = {
		"authorization: bearer ",
		"authorization: basic ",
		"authorization: token ",
		"authorization: ",
		"bearer ",
	};

	/* every word starts with 'a' or 'b' (a quick refusal: oh_redact()
	 * tries each character of every error message) */
	if ((*s | 0x20) != 'a' && (*s | 0x20) != 'b')
		return 0;
	if (s > start && isalnum((unsigned char)s[-1]))
		return 0;
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++) {
		size_t n = strlen(words[i]);

		if (strncasecmp(s, words[i], n) == 0 && !ends_token(s[n]))
			return n;
	}
	return 0;
}

/* At s: the length of a string shaped like a forge token, or 0. */
static size_t token_shape_len(const char *s, const char *start)
{
	static const char *const prefixes[] = { "ghp_",  "gho_", "ghu_",
						"ghs_",  "ghr_", "github_pat_",
						"glpat-" };
	size_t n;

	if (*s != 'g') /* every prefix starts with 'g' */
		return 0;
	if (s > start && (isalnum((unsigned char)s[-1]) || s[-1] == '_'))
		return 0;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(*prefixes); i++) {
		size_t p = strlen(prefixes[i]);

		if (strncmp(s, prefixes[i], p) != 0)
			continue;
		n = p;
		while (isalnum((unsigned char)s[n]) || s[n] == '_' ||
		       s[n] == '-')
			n++;
		if (n >= p + 16)
			return n;
	}
	return 0;
}

static size_t value_len(const char *s)
{
	size_t n = 0;

	while (!ends_token(s[n]) && s[n] != '&' && s[n] != '#' && s[n] != ';')
		n++;
	return n;
}

void oh_redact(struct oh_buf *out, const char *s)
{
	const char *start = s;

	while (*s != '\0') {
		/* no credential starts at any other character: copy those
		 * in one go (every error message passes here) */
		size_t k = strcspn(s, ":?&;aAbBg");

		if (k > 0) {
			oh_buf_add(out, s, k);
			s += k;
		} else if (*s == ':' && strncmp(s, "://", 3) == 0 &&
			   (k = userinfo_len(s + 3))) {
			oh_buf_adds(out, "://REDACTED@");
			s += 3 + k;
		} else if ((*s == '?' || *s == '&' || *s == ';') &&
			   (k = secret_key_len(s + 1))) {
			oh_buf_add(out, s, k + 1);
			oh_buf_adds(out, "REDACTED");
			s += k + 1;
			s += value_len(s);
		} else if ((k = scheme_word_len(s, start))) {
			oh_buf_add(out, s, k);
			oh_buf_adds(out, "REDACTED");
			s += k;
			s += value_len(s);
		} else if ((k = token_shape_len(s, start))) {
			oh_buf_adds(out, "REDACTED");
			s += k;
		} else {
			oh_buf_addch(out, *s++);
		}
	}
}

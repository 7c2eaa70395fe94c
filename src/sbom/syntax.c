/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Value syntax checks for SPDX validation: hand-written scanners over
 * the string (no regular expressions, so no backtracking limits to
 * manage), one per value type.
 */
#include "sbom/syntax.h"

#include <stddef.h>
#include <string.h>

#include "core/banned.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
	return is_alpha(c) || is_digit(c);
}

static bool is_hexdigit(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* A blank, a control character or DEL anywhere. */
static bool has_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			return true;
	return false;
}

static bool starts(const char *s, const char *pfx)
{
	return strncmp(s, pfx, strlen(pfx)) == 0;
}

/* ---- dates --------------------------------------------------------- */

static int num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool sbom_date_is_valid(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	static const int mdays[] = { 31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31 };
	int y, m, d;

	if (strlen(s) != sizeof(shape) - 1)
		return false;
	for (size_t i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != shape[i])
			return false;
	y = num(s, 4);
	m = num(s + 5, 2);
	d = num(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return false;
	if (d > mdays[m - 1] + (m == 2 && y % 4 == 0 &&
				(y % 100 != 0 || y % 400 == 0)))
		return false;
	return num(s + 11, 2) <= 23 && num(s + 14, 2) <= 59 &&
	       num(s + 17, 2) <= 59;
}

/* ---- actors -------------------------------------------------------- */

const char *sbom_actor_error(const char *s, bool tool_ok, bool noassertion_ok)
{
	const char *name, *open;
	size_t n;

	if (noassertion_ok && strcmp(s, "NOASSERTION") == 0)
		return NULL;
	if (starts(s, "Person:"))
		name = s + 7;
	else if (starts(s, "Organization:"))
		name = s + 13;
	else if (tool_ok && starts(s, "Tool:"))
		return s[5 + strspn(s + 5, " \t")] == '\0' ? "names no tool"
							   : NULL;
	else
		return tool_ok ? "does not start with 'Person: ', 'Organization: ' or 'Tool: '"
			       : "does not start with 'Person: ' or 'Organization: '";
	name += strspn(name, " \t");
	n = strlen(name);
	open = strrchr(name, '(');
	if (n > 0 && name[n - 1] == ')' && open)
		n = (size_t)(open - name);
	while (n > 0 && (name[n - 1] == ' ' || name[n - 1] == '\t'))
		n--;
	return n == 0 ? "names no one" : NULL;
}

/* ---- URLs ---------------------------------------------------------- */

/* A host name with a dot and an alphabetic last label; its length. */
static size_t host_len(const char *s)
{
	size_t i = 0, label = 0, last = 0;
	bool dot = false, alpha_tld = true;

	while (is_alnum(s[i]) || s[i] == '-' || s[i] == '.') {
		if (s[i] == '.') {
			if (label == 0)
				return 0;
			dot = true;
			label = 0;
			alpha_tld = true;
		} else {
			label++;
			alpha_tld = alpha_tld && is_alpha(s[i]);
		}
		last = ++i;
	}
	if (!dot || label < 2 || !alpha_tld)
		return 0;
	return last;
}

const char *sbom_url_error(const char *s)
{
	static const char *const schemes[] = {
		"https://", "http://", "ftp://", "sftp://",
		"ssh://",   "git://",  "svn://", NULL,
	};
	const char *at, *p = s;
	size_t h;

	if (*s == '\0' || has_blank(s))
		return "is empty or holds a blank";
	for (size_t i = 0; schemes[i]; i++)
		if (starts(p, schemes[i])) {
			p += strlen(schemes[i]);
			break;
		}
	if (p == s && strstr(s, "://"))
		return "has a scheme other than http, https, ftp, sftp, ssh, git or svn";
	at = strpbrk(p, "@/?#");
	if (at && *at == '@')
		p = at + 1;
	h = host_len(p);
	if (h == 0)
		return "names no host (a name with a dot and a top-level domain)";
	p += h;
	if (*p == ':') {
		size_t d = strspn(p + 1, "0123456789");

		if (d == 0 || d > 5)
			return "has a port that is not a number";
		p += 1 + d;
	}
	if (*p != '\0' && *p != '/' && *p != '?' && *p != '#')
		return "has something other than a path after the host";
	return NULL;
}

const char *sbom_download_location_error(const char *s)
{
	static const char *const vcs[] = { "git+", "hg+", "svn+", "bzr+",
					   NULL };

	if (strcmp(s, "NONE") == 0 || strcmp(s, "NOASSERTION") == 0)
		return NULL;
	if (starts(s, "git+git@")) {
		size_t h = host_len(s + 8);

		if (h == 0 || s[8 + h] != ':' || s[9 + h] == '\0' ||
		    has_blank(s))
			return "is not of the form git+git@host:path";
		return NULL;
	}
	if (starts(s, "bzr+lp:"))
		return s[7] == '\0' || has_blank(s)
			       ? "names no Launchpad project"
			       : NULL;
	for (size_t i = 0; vcs[i]; i++)
		if (starts(s, vcs[i])) {
			s += strlen(vcs[i]);
			break;
		}
	return sbom_url_error(s);
}

/* ---- package URLs -------------------------------------------------- */

static bool escapes_ok(const char *s, const char *end)
{
	for (; s < end; s++)
		if (*s == '%' &&
		    (end - s < 3 || !is_hexdigit(s[1]) || !is_hexdigit(s[2])))
			return false;
	return true;
}

static const char *qualifiers_error(const char *q, const char *end)
{
	while (q < end) {
		const char *amp = memchr(q, '&', (size_t)(end - q));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(q, '=', (size_t)(stop - q));

		if (!eq || eq == q || eq + 1 == stop)
			return "has a qualifier that is not key=value";
		if (is_digit(*q))
			return "has a qualifier key starting with a digit";
		for (const char *k = q; k < eq; k++)
			if (!is_alnum(*k) && *k != '.' && *k != '-' &&
			    *k != '_')
				return "has a qualifier key with a character other than letters, digits, '.', '-' or '_'";
		q = amp ? amp + 1 : end;
	}
	return NULL;
}

const char *sbom_purl_error(const char *s)
{
	const char *end = s + strlen(s), *p, *cut, *at, *slash, *name;

	if (has_blank(s))
		return "holds a blank (write it percent-encoded)";
	if (!starts(s, "pkg:"))
		return "does not start with 'pkg:'";
	if (!escapes_ok(s, end))
		return "has a '%' not followed by two hex digits";
	p = s + 4;
	while (*p == '/')
		p++;
	cut = strchr(p, '#');
	if (cut)
		end = cut;
	cut = memchr(p, '?', (size_t)(end - p));
	if (cut) {
		const char *e = qualifiers_error(cut + 1, end);

		if (e)
			return e;
		end = cut;
	}
	slash = memchr(p, '/', (size_t)(end - p));
	if (!slash || slash == p)
		return "has no type followed by '/'";
	if (is_digit(*p))
		return "has a type starting with a digit";
	for (const char *t = p; t < slash; t++)
		if (!is_alnum(*t) && *t != '.' && *t != '+' && *t != '-')
			return "has a type with a character other than letters, digits, '.', '+' or '-'";
	p = slash + 1;
	at = NULL;
	for (const char *v = p; v < end; v++)
		if (*v == '@')
			at = v;
	if (at) {
		if (at + 1 == end)
			return "has an empty version after '@'";
		end = at;
	}
	while (end > p && end[-1] == '/')
		end--;
	name = end;
	while (name > p && name[-1] != '/')
		name--;
	if (name == end)
		return "has no name after the type";
	return NULL;
}

/* ---- CPE ----------------------------------------------------------- */

/* A language component: ll[l] with an optional -rr or -nnn region. */
static bool cpe_lang_ok(const char *s, size_t n)
{
	size_t a = 0;

	if (n == 1 && (*s == '*' || *s == '-'))
		return true;
	while (a < n && is_alpha(s[a]))
		a++;
	if (a < 2 || a > 3)
		return false;
	if (a == n)
		return true;
	if (s[a] != '-')
		return false;
	s += a + 1;
	n -= a + 1;
	if (n == 2)
		return is_alpha(s[0]) && is_alpha(s[1]);
	return n == 3 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]);
}

/* One value component of a CPE 2.3 formatted string. */
static bool cpe_value_ok(const char *s, size_t n)
{
	size_t i = 0, body = 0;

	if (n == 1 && (*s == '*' || *s == '-'))
		return true;
	if (i < n && s[i] == '*')
		i++;
	else
		while (i < n && s[i] == '?')
			i++;
	while (i < n) {
		if (s[i] == '\\') {
			if (i + 1 >= n || is_alnum(s[i + 1]) ||
			    s[i + 1] == '_' || (unsigned char)s[i + 1] <= ' ')
				return false;
			i += 2;
		} else if (is_alnum(s[i]) || s[i] == '-' || s[i] == '.' ||
			   s[i] == '_') {
			i++;
		} else {
			break;
		}
		body++;
	}
	if (body == 0)
		return false;
	if (i < n && s[i] == '*')
		i++;
	else
		while (i < n && s[i] == '?')
			i++;
	return i == n;
}

const char *sbom_cpe23_error(const char *s)
{
	const char *comp[13];
	size_t len[13], n = 0;
	const char *p = s;

	if (!starts(s, "cpe:2.3:"))
		return "does not start with 'cpe:2.3:'";
	/* split at the colons that are not escaped */
	comp[n] = p;
	for (; *p != '\0'; p++) {
		if (*p == '\\' && p[1] != '\0') {
			p++;
			continue;
		}
		if (*p != ':')
			continue;
		if (n == 12)
			return "has more than 13 components";
		len[n] = (size_t)(p - comp[n]);
		comp[++n] = p + 1;
	}
	len[n] = (size_t)(p - comp[n]);
	if (++n != 13)
		return "does not have 13 components (cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other)";
	if (len[2] != 1 || !strchr("aho*-", comp[2][0]))
		return "has a part other than a, h, o, '*' or '-'";
	for (size_t i = 3; i < 13; i++) {
		bool ok = i == 8 ? cpe_lang_ok(comp[i], len[i])
				 : cpe_value_ok(comp[i], len[i]);

		if (!ok)
			return i == 8 ? "has a language that is not a language tag"
				      : "has a component with characters a CPE 2.3 name does not allow";
	}
	return NULL;
}

const char *sbom_cpe22_error(const char *s)
{
	size_t parts = 0;

	if (strncmp(s, "cpe:/", 5) != 0 && strncmp(s, "CPE:/", 5) != 0)
		return "does not start with 'cpe:/'";
	s += 5;
	if (*s != '\0' && strchr("ahoAHO", *s))
		s++;
	if (*s != '\0' && *s != ':')
		return "has a part other than a, h or o";
	for (; *s != '\0'; s++) {
		if (*s == ':') {
			if (++parts > 6)
				return "has more than seven parts";
		} else if (!is_alnum(*s) && !strchr("._-~%", *s)) {
			return "has a character a CPE 2.2 name does not allow";
		}
	}
	return NULL;
}

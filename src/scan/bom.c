/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SBOM -> manifest: which packages of an SPDX document or a CycloneDX BOM
 * can be reviewed, from which repository and at which revision.
 */
#include "scan/bom.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/strmap.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "git/mirror.h"
#include "sbom/model.h"
#include "sbom/spdx3.h"
#include "scan/manifest.h"
#include "core/banned.h"

#define SHOWN_MAX 80 /* bytes of a URL quoted in a reason */

static bool has_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static bool has_prefix_ci(const char *s, const char *p)
{
	return strncasecmp(s, p, strlen(p)) == 0;
}

/*
 * An untrusted string for a message: credentials dropped (URLs), control
 * bytes escaped, at most SHOWN_MAX characters.
 */
static const char *shown(struct oh_arena *a, const char *s)
{
	struct oh_buf r = OH_BUF_INIT;
	struct oh_buf b = OH_BUF_INIT;
	const char *res;

	oh_url_redact(&r, s);
	oh_buf_add_quoted(&b, r.buf, r.len, SHOWN_MAX);
	res = oh_arena_strdup(a, b.buf);
	oh_buf_release(&r);
	oh_buf_release(&b);
	return res;
}

__attribute__((format(printf, 3, 4))) static int
no_source(struct bom_source *out, struct oh_arena *a, const char *fmt, ...)
{
	struct oh_buf b = OH_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	oh_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	out->repo = NULL;
	out->ref = NULL;
	out->reason = oh_arena_strdup(a, b.buf);
	oh_buf_release(&b);
	return 0;
}

/* ---- hosts ------------------------------------------------------------- */

enum host_kind {
	HOST_OTHER,
	HOST_OWNER_REPO, /* github.com and alike: /owner/repo */
	HOST_GROUPS,     /* GitLab: /group/.../project, "/-/" after it */
};

static enum host_kind host_kind(const char *host)
{
	static const char *const owner_repo[] = {
		"github.com", "bitbucket.org", "codeberg.org",
		"gitea.com",  "gitee.com",     NULL,
	};

	for (size_t i = 0; owner_repo[i]; i++)
		if (strcasecmp(host, owner_repo[i]) == 0)
			return HOST_OWNER_REPO;
	if (strcasecmp(host, "gitlab.com") == 0 ||
	    strncasecmp(host, "gitlab.", 7) == 0 ||
	    strcasecmp(host, "salsa.debian.org") == 0 ||
	    strcasecmp(host, "invent.kde.org") == 0 ||
	    strcasecmp(host, "gitlab.gnome.org") == 0 ||
	    strcasecmp(host, "gitlab.freedesktop.org") == 0)
		return HOST_GROUPS;
	return HOST_OTHER;
}

/* ---- git locations ----------------------------------------------------- */

/*
 * git://, ssh://, http:// and user@host:path URLs of a known forge as
 * https: the forges no longer serve git:// (GitHub stopped in 2022), ssh
 * needs a key and http only redirects, while every public project there
 * is readable over https.  Other URLs are returned as they are.
 */
static const char *forge_https(struct oh_arena *a, const char *url)
{
	const char *host;
	const char *path;
	size_t hlen;
	char *res;

	if (has_prefix_ci(url, "git://") || has_prefix_ci(url, "ssh://")) {
		host = url + 6;
		path = strchr(host, '/');
	} else if (has_prefix_ci(url, "http://")) {
		host = url + 7;
		path = strchr(host, '/');
	} else if (!strstr(url, "://") && strchr(url, ':')) {
		host = url;
		path = strchr(url, ':');
	} else {
		return url;
	}
	if (!path)
		return url;
	for (const char *at = host; at < path; at++)
		if (*at == '@')
			host = at + 1;
	hlen = strcspn(host, ":/");
	res = oh_arena_strndup(a, host, hlen);
	if (host_kind(res) == HOST_OTHER)
		return url;
	path++;
	res = oh_arena_alloc(a, hlen + strlen(path) + 10);
	memcpy(res, "https://", 8);
	memcpy(res + 8, host, hlen);
	res[8 + hlen] = '/';
	memcpy(res + 9 + hlen, path, strlen(path) + 1);
	return res;
}

/*
 * "<transport>://host/path[@rev][#sub]" or "user@host:path[@rev][#sub]":
 * the revision is the last '@' of the path, so "ssh://git@host/r@v1"
 * keeps its user.
 */
static int git_location(struct bom_source *out, struct oh_arena *a,
			const char *loc)
{
	char *s = oh_arena_strdup(a, loc);
	char *hash = strchr(s, '#');
	char *path;
	char *at;

	if (hash) {
		*hash = '\0';
		if (hash[1] != '\0')
			out->subpath = hash + 1;
	}
	path = strstr(s, "://");
	if (path)
		path = strchr(path + 3, '/');
	else if (strchr(s, ':'))
		path = strchr(s, ':');
	if (!path || path[1] == '\0')
		return no_source(out, a,
				 "git download location without a path: %s",
				 shown(a, loc));
	at = strrchr(path, '@');
	if (at) {
		*at = '\0';
		if (at[1] != '\0')
			out->ref = at + 1;
	}
	if (has_prefix(s, "file:"))
		return no_source(
			out, a,
			"git download location is a local file URL of the supplier: %s",
			shown(a, loc));
	if (!oh_url_is_remote(s))
		return no_source(out, a, "not a git URL: %s", shown(a, loc));
	out->repo = forge_https(a, s);
	return 1;
}

/* ---- forge web addresses ------------------------------------------------ */

#define SEG_MAX 16

struct web_url {
	const char *scheme;    /* "https" or "http" */
	const char *host;      /* without user and port */
	const char *authority; /* host[:port], without user */
	char *seg[SEG_MAX];    /* path segments */
	size_t seg_nr;
};

static bool split_web(struct web_url *u, struct oh_arena *a, const char *url)
{
	char *s = oh_arena_strdup(a, url);
	char *auth = strstr(s, "://");
	char *p;
	char *at;

	if (!auth)
		return false;
	*auth = '\0';
	u->scheme = s;
	auth += 3;
	auth[strcspn(auth, "?#")] = '\0';
	p = strchr(auth, '/');
	if (p)
		*p++ = '\0';
	at = strrchr(auth, '@');
	if (at)
		auth = at + 1;
	u->authority = auth;
	u->host = oh_arena_strndup(a, auth, strcspn(auth, ":"));
	u->seg_nr = 0;
	while (p && *p != '\0' && u->seg_nr < SEG_MAX) {
		char *next = strchr(p, '/');

		if (next)
			*next++ = '\0';
		if (*p != '\0')
			u->seg[u->seg_nr++] = p;
		p = next;
	}
	return u->host[0] != '\0' && (!p || *p == '\0');
}

/* "v1.2.tar.gz" -> "v1.2"; NULL when not a source archive name. */
static const char *archive_ref(struct oh_arena *a, const char *file)
{
	static const char *const ext[] = { ".tar.gz", ".tar.bz2", ".tar.xz",
					   ".tgz",    ".zip",     ".tar",
					   NULL };
	size_t n = strlen(file);

	for (size_t i = 0; ext[i]; i++) {
		size_t e = strlen(ext[i]);

		if (n > e && strcasecmp(file + n - e, ext[i]) == 0)
			return oh_arena_strndup(a, file, n - e);
	}
	return NULL;
}

static const char *repo_url(struct oh_arena *a, const struct web_url *u,
			    size_t segs)
{
	struct oh_buf b = OH_BUF_INIT;
	const char *res;

	oh_buf_addf(&b, "%s://%s", u->scheme, u->authority);
	for (size_t i = 0; i < segs; i++)
		oh_buf_addf(&b, "/%s", u->seg[i]);
	res = oh_arena_strdup(a, b.buf);
	oh_buf_release(&b);
	return res;
}

/*
 * After /owner/repo (or /group/project/-): "archive/refs/tags/T.tar.gz",
 * "archive/T.tar.gz", "get/T.zip" (Bitbucket), "archive/T/r-T.tar.gz"
 * (GitLab), "releases/download/T/file", "tree/T".  Returns the ref, NULL
 * when the rest names something else.
 */
static const char *rest_ref(struct oh_arena *a, char **seg, size_t n)
{
	if (n == 0)
		return NULL;
	if ((strcmp(seg[0], "archive") == 0 || strcmp(seg[0], "get") == 0) &&
	    n >= 2) {
		if (n == 4 && strcmp(seg[1], "refs") == 0)
			return archive_ref(a, seg[3]);
		if (n == 2)
			return archive_ref(a, seg[1]);
		if (n == 3 && archive_ref(a, seg[2]))
			return seg[1]; /* GitLab: archive/T/name-T.tar.gz */
		return NULL;
	}
	if (strcmp(seg[0], "releases") == 0 && n >= 4 &&
	    strcmp(seg[1], "download") == 0)
		return seg[2];
	if (strcmp(seg[0], "tree") == 0 && n == 2)
		return seg[1];
	return NULL;
}

static int web_location(struct bom_source *out, struct oh_arena *a,
			const char *loc)
{
	struct web_url u;
	enum host_kind k;
	size_t repo_segs = 2;
	size_t n;

	if (!split_web(&u, a, loc))
		return no_source(out, a, "download location is not a URL: %s",
				 shown(a, loc));
	n = u.seg_nr;
	/* Any path ending in NAME.git, also a one-segment one. */
	if (n >= 1 && strlen(u.seg[n - 1]) > 4 &&
	    strcmp(u.seg[n - 1] + strlen(u.seg[n - 1]) - 4, ".git") == 0) {
		out->repo = forge_https(a, repo_url(a, &u, n));
		return 1;
	}
	k = host_kind(u.host);
	if (k == HOST_GROUPS) {
		repo_segs = n;
		for (size_t i = 0; i < n; i++)
			if (strcmp(u.seg[i], "-") == 0) {
				repo_segs = i;
				break;
			}
	}
	if (k == HOST_OTHER || n < 2 || repo_segs < 2)
		return no_source(
			out, a,
			"download location is a web address, not a git repository: %s",
			shown(a, loc));
	if (n > repo_segs) {
		size_t skip = repo_segs + (k == HOST_GROUPS ? 1 : 0);

		out->ref =
			skip < n ? rest_ref(a, u.seg + skip, n - skip) : NULL;
		if (!out->ref)
			return no_source(
				out, a,
				"download location names a page or file of a forge project, not its repository or a source archive: %s",
				shown(a, loc));
		out->via = "source archive URL";
	}
	out->repo = forge_https(a, repo_url(a, &u, repo_segs));
	return 1;
}

/*
 * npm's shorthand in package.json "repository" (which npm sbom copies):
 * "github:o/r", "gitlab:g/p", "bitbucket:o/r", "#committish" optional.
 */
static bool shorthand(struct bom_source *out, struct oh_arena *a,
		      const char *loc)
{
	static const char *const forms[][2] = {
		{ "github:", "github.com" },
		{ "gitlab:", "gitlab.com" },
		{ "bitbucket:", "bitbucket.org" },
	};

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		size_t n = strlen(forms[i][0]);
		const char *p = loc + n;
		size_t plen;
		char *repo;

		if (strncmp(loc, forms[i][0], n) != 0 || strstr(p, "//"))
			continue;
		plen = strcspn(p, "#");
		if (plen == 0 || !memchr(p, '/', plen))
			return false;
		repo = oh_arena_alloc(a, plen + strlen(forms[i][1]) + 10);
		snprintf(repo, plen + strlen(forms[i][1]) + 10,
			 "https://%s/%.*s", forms[i][1], (int)plen, p);
		out->repo = repo;
		if (p[plen] == '#' && p[plen + 1] != '\0')
			out->ref = oh_arena_strdup(a, p + plen + 1);
		return true;
	}
	return false;
}

int bom_source_from_location(struct bom_source *out, struct oh_arena *a,
			     const char *loc)
{
	static const char *const other_vcs[][2] = {
		{ "hg+", "Mercurial" },
		{ "svn+", "Subversion" },
		{ "bzr+", "Bazaar" },
		{ "cvs+", "CVS" },
	};

	memset(out, 0, sizeof(*out));
	out->via = "download location";
	if (!loc || loc[0] == '\0')
		return no_source(out, a, "no download location");
	if (strcmp(loc, "NONE") == 0 || strcmp(loc, "NOASSERTION") == 0)
		return no_source(out, a, "download location is %s", loc);
	for (size_t i = 0; i < sizeof(other_vcs) / sizeof(other_vcs[0]); i++)
		if (has_prefix_ci(loc, other_vcs[i][0]))
			return no_source(
				out, a,
				"%s source; osshealth reviews git repositories only: %s",
				other_vcs[i][1], shown(a, loc));
	if (shorthand(out, a, loc))
		return 1;
	if (has_prefix_ci(loc, "git+"))
		return git_location(out, a, loc + 4);
	if (has_prefix_ci(loc, "git://") || has_prefix_ci(loc, "ssh://") ||
	    (has_prefix(loc, "git@") && !strstr(loc, "://")))
		return git_location(out, a, loc);
	if (has_prefix_ci(loc, "https://") || has_prefix_ci(loc, "http://"))
		return web_location(out, a, loc);
	return no_source(
		out, a,
		"download location is not a URL osshealth can clone: %s",
		shown(a, loc));
}

/* ---- purls -------------------------------------------------------------- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decode in place (invalid escapes stay as written). */
static char *pct_decode(char *s)
{
	char *w = s;

	for (const char *r = s; *r != '\0'; r++) {
		int hi = r[0] == '%' ? hexval(r[1]) : -1;
		int lo = hi >= 0 ? hexval(r[2]) : -1;

		if (lo >= 0 && (hi || lo)) {
			*w++ = (char)(hi * 16 + lo);
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return s;
}

struct purl {
	char *type;     /* lower case */
	char *path;     /* namespace/name, decoded */
	char *version;  /* decoded; or NULL */
	char *vcs_url;  /* qualifier, decoded; or NULL */
	char *qualpart; /* the raw qualifiers; or NULL */
};

static bool split_purl(struct purl *p, struct oh_arena *a, const char *purl)
{
	char *s = oh_arena_strdup(a, purl + 4);
	char *cut;

	memset(p, 0, sizeof(*p));
	while (*s == '/')
		s++;
	cut = strchr(s, '#');
	if (cut)
		*cut = '\0';
	cut = strchr(s, '?');
	if (cut) {
		*cut = '\0';
		p->qualpart = cut + 1;
	}
	cut = strrchr(s, '@');
	if (cut) {
		*cut = '\0';
		p->version = pct_decode(cut + 1);
	}
	cut = strchr(s, '/');
	if (!cut || cut == s || cut[1] == '\0')
		return false;
	*cut = '\0';
	p->type = s;
	for (char *t = s; *t != '\0'; t++)
		if (*t >= 'A' && *t <= 'Z')
			*t = (char)(*t - 'A' + 'a');
	p->path = pct_decode(cut + 1);
	for (char *q = p->qualpart; q && *q != '\0';) {
		char *amp = strchr(q, '&');

		if (amp)
			*amp = '\0';
		if (has_prefix(q, "vcs_url="))
			p->vcs_url = pct_decode(q + 8);
		q = amp ? amp + 1 : NULL;
	}
	return true;
}

static bool all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (hexval(s[i]) < 0)
			return false;
	return true;
}

/*
 * A Go module version as a git revision: a pseudo-version
 * (v0.0.0-20200102150405-abcdef123456) names its commit; a tagged version
 * is the tag; "+incompatible" is dropped.
 */
static const char *go_ref(struct oh_arena *a, const char *v)
{
	size_t n = strlen(v);

	if (n > 13 && strcmp(v + n - 13, "+incompatible") == 0)
		n -= 13;
	if (n > 28 && v[n - 13] == '-' && all_hex(v + n - 12, 12) &&
	    (v[n - 28] == '-' || v[n - 28] == '.'))
		return oh_arena_strndup(a, v + n - 12, 12);
	return oh_arena_strndup(a, v, n);
}

static int forge_purl(struct bom_source *out, struct oh_arena *a,
		      const struct purl *p, const char *host)
{
	if (!strchr(p->path, '/'))
		return no_source(out, a, "purl pkg:%s without an owner",
				 shown(a, p->type));
	out->repo = oh_arena_alloc(a, strlen(host) + strlen(p->path) + 10);
	snprintf((char *)out->repo, strlen(host) + strlen(p->path) + 10,
		 "https://%s/%s", host, p->path);
	out->ref = p->version && p->version[0] ? p->version : NULL;
	return 1;
}

static int golang_purl(struct bom_source *out, struct oh_arena *a,
		       const struct purl *p, const char *purl)
{
	char *path = oh_arena_strdup(a, p->path);
	char *seg[3] = { NULL, NULL, NULL };
	size_t n = 0;

	for (char *s = path; s && n < 3;) {
		char *slash = strchr(s, '/');

		if (slash)
			*slash = '\0';
		seg[n++] = s;
		s = slash ? slash + 1 : NULL;
	}
	if (n < 3 || host_kind(seg[0]) == HOST_OTHER)
		return no_source(
			out, a,
			"Go module not hosted on a known forge; its repository is not known offline: %s",
			shown(a, purl));
	out->repo = oh_arena_alloc(a, strlen(p->path) + 16);
	snprintf((char *)out->repo, strlen(p->path) + 16, "https://%s/%s/%s",
		 seg[0], seg[1], seg[2]);
	out->ref = p->version && p->version[0] ? go_ref(a, p->version) : NULL;
	return 1;
}

int bom_source_from_purl(struct bom_source *out, struct oh_arena *a,
			 const char *purl)
{
	struct purl p;

	memset(out, 0, sizeof(*out));
	out->via = "purl";
	if (!has_prefix_ci(purl, "pkg:") || !split_purl(&p, a, purl))
		return no_source(out, a, "not a valid purl: %s",
				 shown(a, purl));
	if (p.vcs_url) {
		int found = bom_source_from_location(out, a, p.vcs_url);

		out->via = "purl vcs_url";
		return found;
	}
	if (strcmp(p.type, "github") == 0)
		return forge_purl(out, a, &p, "github.com");
	if (strcmp(p.type, "gitlab") == 0)
		return forge_purl(out, a, &p, "gitlab.com");
	if (strcmp(p.type, "bitbucket") == 0)
		return forge_purl(out, a, &p, "bitbucket.org");
	if (strcmp(p.type, "golang") == 0)
		return golang_purl(out, a, &p, purl);
	return no_source(
		out, a,
		"purl type '%s' names a registry package whose repository is not known offline: %s",
		shown(a, p.type), shown(a, purl));
}

/* ---- packages to components --------------------------------------------- */

struct conv {
	struct manifest *m;   /* being filled */
	const char *name;     /* input name */
	const char *format;   /* "SPDX" or "CycloneDX" */
	struct oh_err *err;   /* the caller's */
	struct oh_strmap key; /* "repo\nref\nversion" -> component index */
	size_t packages;      /* seen, for the cap */
};

struct bom_pkg {
	const char *name, *version, *element, *supplier, *license;
	const char *location; /* SPDX downloadLocation */
	const char *purl;     /* first purl */
	const char *vcs;      /* CycloneDX vcs reference */
	const char *missing;  /* the reason when neither is given */
};

/* "Organization: Acme Inc. (ops@acme.example)" -> "Acme Inc." */
static const char *supplier_org(struct manifest *m, const char *s)
{
	const char *p;
	size_t n;

	if (!s || strcmp(s, "NOASSERTION") == 0)
		return NULL;
	p = strchr(s, ':');
	p = p && (has_prefix(s, "Organization:") || has_prefix(s, "Person:"))
		    ? p + 1
		    : s;
	while (*p == ' ')
		p++;
	n = strcspn(p, "(");
	while (n > 0 && p[n - 1] == ' ')
		n--;
	return n > 0 ? oh_arena_strndup(&m->arena, p, n) : NULL;
}

#define NAME_MAX_SHOWN 200 /* bytes of a package name or version kept */

/*
 * An SBOM's text as part of a component name, which terminals, logs and
 * reports show: control bytes become '?', at most NAME_MAX_SHOWN bytes.
 */
static void add_clean(struct oh_buf *b, const char *s)
{
	for (size_t i = 0; s[i] != '\0' && i < NAME_MAX_SHOWN; i++) {
		unsigned char ch = (unsigned char)s[i];

		oh_buf_addch(b, ch < 0x20 || ch == 0x7f ? '?' : ch);
	}
}

/* A unique component name: "name", else "name@version", else "... #N". */
static const char *unique_name(struct conv *c, const struct bom_pkg *p)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_buf base = OH_BUF_INIT;
	const char *name = p->name && p->name[0] ? p->name : p->element;
	const char *res;

	add_clean(&base, name && name[0] ? name : "package");
	oh_buf_adds(&b, base.buf);
	if (manifest_find(c->m, b.buf) && p->version) {
		oh_buf_addch(&b, '@');
		add_clean(&b, p->version);
	}
	for (size_t nth = 2; manifest_find(c->m, b.buf); nth++) {
		oh_buf_reset(&b);
		oh_buf_adds(&b, base.buf);
		if (p->version) {
			oh_buf_addch(&b, '@');
			add_clean(&b, p->version);
		}
		oh_buf_addf(&b, " #%zu", nth);
	}
	res = oh_arena_strdup(&c->m->arena, b.buf);
	oh_buf_release(&b);
	oh_buf_release(&base);
	return res;
}

static void add_str(cJSON *o, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, key, v);
}

/* What the SBOM said, kept as the component's declared facts. */
static const char *declared(struct conv *c, const struct bom_pkg *p,
			    const struct bom_source *src)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *s = cJSON_AddObjectToObject(o, "sbom");
	const char *res;
	char *json;

	add_str(s, "file", c->name);
	add_str(s, "format", c->format);
	add_str(s, "element", p->element);
	add_str(s, "name", p->name);
	add_str(s, "version", p->version);
	add_str(s, "supplier", p->supplier);
	add_str(s, "license_declared", p->license);
	add_str(s, "purl", p->purl);
	add_str(s, "source_from", src->via);
	add_str(s, "revision",
		src->ref ? src->ref
		: p->version && *p->version
			? "the tag of the version, else HEAD"
			: "HEAD");
	add_str(s, "subpath", src->subpath);
	json = cJSON_PrintUnformatted(o);
	if (!json)
		OH_BUG("cJSON_PrintUnformatted failed");
	res = oh_arena_strdup(&c->m->arena, json);
	cJSON_free(json);
	cJSON_Delete(o);
	return res;
}

/* The component already reviewing this repository and revision, or NULL. */
static const char *same_source(struct conv *c, const char *key)
{
	size_t i;

	return oh_strmap_get(&c->key, key, &i) ? c->m->component[i].name : NULL;
}

static int find_source(struct bom_source *src, struct oh_arena *a,
		       const struct bom_pkg *p)
{
	const char *loc = p->location ? p->location : p->vcs;
	struct bom_source alt;
	struct oh_buf b = OH_BUF_INIT;
	const char *why;

	if (bom_source_from_location(src, a, loc)) {
		if (!p->location)
			src->via = "vcs external reference";
		return 1;
	}
	why = loc ? src->reason : p->missing;
	src->reason = why;
	if (!p->purl)
		return 0;
	if (bom_source_from_purl(&alt, a, p->purl)) {
		*src = alt;
		return 1;
	}
	oh_buf_addf(&b, "%s; %s", why, alt.reason);
	src->reason = oh_arena_strdup(a, b.buf);
	oh_buf_release(&b);
	return 0;
}

/* A package left out, with its purl (OSV asks by it). */
static void unreviewed(struct conv *c, const struct bom_pkg *p,
		       const char *reason)
{
	manifest_add_unreviewed(c->m, p->name, p->version, p->element, reason);
	if (p->purl)
		c->m->unreviewed[c->m->unreviewed_nr - 1].purl =
			oh_arena_strdup(&c->m->arena, p->purl);
}

static int add_package(struct conv *c, const struct bom_pkg *p)
{
	struct manifest_component mc = { 0 };
	struct bom_source src;
	struct oh_buf key = OH_BUF_INIT;
	const char *dup;
	int ret = 0;

	if (++c->packages > SBOM_MAX_ITEMS)
		return oh_err_set(c->err, OH_ELIMIT, c->name, 0, 0,
				  "more than %u packages", SBOM_MAX_ITEMS);
	if (!find_source(&src, &c->m->arena, p)) {
		unreviewed(c, p, src.reason);
		return 0;
	}
	/* Without a revision, each version is its own (tag) review. */
	oh_buf_addf(&key, "%s\n%s\n%s", src.repo, src.ref ? src.ref : "",
		    src.ref || !p->version ? "" : p->version);
	dup = same_source(c, key.buf);
	if (dup) {
		oh_buf_reset(&key);
		oh_buf_addf(&key,
			    "same repository and %s as component '%s', "
			    "reviewed once",
			    src.ref ? "revision" : "version", dup);
		unreviewed(c, p, key.buf);
		goto out;
	}
	mc.name = unique_name(c, p);
	mc.repo = src.repo;
	mc.ref = src.ref;
	if (!src.ref && p->version)
		mc.version = oh_arena_strdup(&c->m->arena, p->version);
	mc.organization = supplier_org(c->m, p->supplier);
	mc.declared_json = declared(c, p, &src);
	if (p->purl)
		mc.purl = oh_arena_strdup(&c->m->arena, p->purl);
	if (p->purl && p->version)
		mc.purl_version = oh_arena_strdup(&c->m->arena, p->version);
	ret = manifest_push(c->m, &mc, c->err);
	if (ret == 0) {
		oh_strmap_put(&c->key, oh_arena_strdup(&c->m->arena, key.buf),
			      c->m->component_nr - 1);
	}
out:
	oh_buf_release(&key);
	return ret;
}

/* ---- SPDX ---------------------------------------------------------------- */

static const char *first_purl(const struct sbom_package *p)
{
	for (size_t i = 0; i < p->nextref; i++)
		if (p->extref[i].type && strcmp(p->extref[i].type, "purl") == 0)
			return p->extref[i].locator;
	return NULL;
}

static int from_spdx(struct conv *c, const struct sbom_doc *doc)
{
	for (size_t i = 0; i < doc->npkg; i++) {
		const struct sbom_package *sp = &doc->pkg[i];
		struct bom_pkg p = {
			.name = sp->name,
			.version = sp->version,
			.element = sp->spdxid,
			.supplier = sp->supplier,
			.license = sp->license_declared,
			.location = sp->download_location,
			.purl = first_purl(sp),
			.missing = "no download location",
		};

		if (add_package(c, &p) < 0)
			return c->err->code;
	}
	return 0;
}

/* ---- CycloneDX ----------------------------------------------------------- */

static const char *jstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static const char *cdx_vcs(const cJSON *comp)
{
	const cJSON *refs =
		cJSON_GetObjectItemCaseSensitive(comp, "externalReferences");
	const cJSON *r;

	cJSON_ArrayForEach(r, refs)
	{
		const char *type = jstr(r, "type");

		if (type && strcmp(type, "vcs") == 0 && jstr(r, "url"))
			return jstr(r, "url");
	}
	return NULL;
}

static const char *cdx_name(struct conv *c, const cJSON *comp)
{
	const char *group = jstr(comp, "group");
	const char *name = jstr(comp, "name");
	struct oh_buf b = OH_BUF_INIT;
	const char *res;

	if (!group || group[0] == '\0')
		return name;
	oh_buf_addf(&b, "%s/%s", group, name);
	res = oh_arena_strdup(&c->m->arena, b.buf);
	oh_buf_release(&b);
	return res;
}

static const char *cdx_license(const cJSON *comp)
{
	const cJSON *l = cJSON_GetArrayItem(
		cJSON_GetObjectItemCaseSensitive(comp, "licenses"), 0);
	const cJSON *lic = cJSON_GetObjectItemCaseSensitive(l, "license");

	if (jstr(l, "expression"))
		return jstr(l, "expression");
	return jstr(lic, "id") ? jstr(lic, "id") : jstr(lic, "name");
}

static int cdx_components(struct conv *c, const cJSON *arr, const char *where,
			  unsigned depth);

static int cdx_component(struct conv *c, const cJSON *comp, const char *where)
{
	const cJSON *supplier =
		cJSON_GetObjectItemCaseSensitive(comp, "supplier");
	struct bom_pkg p = { 0 };

	if (!cJSON_IsObject(comp))
		return oh_err_set(c->err, OH_EINPUT, c->name, 0, 0,
				  "%s must be an object", where);
	if (!jstr(comp, "name"))
		return oh_err_set(c->err, OH_EINPUT, c->name, 0, 0,
				  "%s.name must be a string", where);
	p.name = cdx_name(c, comp);
	p.version = jstr(comp, "version");
	p.element = jstr(comp, "bom-ref");
	p.supplier = jstr(supplier, "name");
	p.license = cdx_license(comp);
	p.purl = jstr(comp, "purl");
	p.vcs = cdx_vcs(comp);
	p.missing = "no vcs external reference";
	return add_package(c, &p);
}

static int cdx_components(struct conv *c, const cJSON *arr, const char *where,
			  unsigned depth)
{
	const cJSON *comp;
	size_t i = 0;

	if (!arr || cJSON_IsNull(arr))
		return 0;
	if (!cJSON_IsArray(arr))
		return oh_err_set(c->err, OH_EINPUT, c->name, 0, 0,
				  "%s must be an array", where);
	if (depth > BOM_MAX_DEPTH)
		return oh_err_set(c->err, OH_ELIMIT, c->name, 0, 0,
				  "%s: components nested deeper than %u", where,
				  BOM_MAX_DEPTH);
	cJSON_ArrayForEach(comp, arr)
	{
		struct oh_buf w = OH_BUF_INIT;
		int ret;

		oh_buf_addf(&w, "%s[%zu]", where, i++);
		ret = cdx_component(c, comp, w.buf);
		if (ret == 0) {
			oh_buf_adds(&w, ".components");
			ret = cdx_components(c,
					     cJSON_GetObjectItemCaseSensitive(
						     comp, "components"),
					     w.buf, depth + 1);
		}
		oh_buf_release(&w);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static int from_cyclonedx(struct conv *c, const cJSON *root)
{
	const cJSON *meta = cJSON_GetObjectItemCaseSensitive(root, "metadata");
	const cJSON *subject =
		cJSON_GetObjectItemCaseSensitive(meta, "component");

	if (!cJSON_IsString(
		    cJSON_GetObjectItemCaseSensitive(root, "specVersion")))
		return oh_err_set(c->err, OH_EINPUT, c->name, 0, 0,
				  "specVersion must be a string");
	if (subject && cdx_component(c, subject, "metadata.component") < 0)
		return c->err->code;
	return cdx_components(
		c, cJSON_GetObjectItemCaseSensitive(root, "components"),
		"components", 1);
}

/* ---- entry points -------------------------------------------------------- */

static int convert(struct manifest **out, const char *name, const char *format,
		   const struct sbom_doc *doc, const cJSON *cdx,
		   struct oh_err *err)
{
	struct conv c = { .name = name, .format = format, .err = err };
	int ret;

	c.m = manifest_new(name);
	ret = doc ? from_spdx(&c, doc) : from_cyclonedx(&c, cdx);
	oh_strmap_release(&c.key);
	if (ret < 0) {
		manifest_free(c.m);
		return ret;
	}
	*out = c.m;
	return 0;
}

static int parse_json_input(struct manifest **out, const char *data, size_t len,
			    const char *name, const char *base_dir,
			    struct oh_err *err)
{
	struct sbom_doc *doc = NULL;
	const char *fmt;
	cJSON *root;
	int ret;

	if (oh_json_parse(&root, data, len, name, err) < 0)
		return err->code;
	fmt = jstr(root, "bomFormat");
	if (fmt && strcmp(fmt, "CycloneDX") == 0) {
		ret = convert(out, name, "CycloneDX", NULL, root, err);
	} else if (cJSON_GetObjectItemCaseSensitive(root, "spdxVersion")) {
		cJSON_Delete(root);
		root = NULL;
		ret = sbom_read_json(&doc, data, len, name, err);
		if (ret == 0)
			ret = convert(out, name, "SPDX", doc, NULL, err);
		sbom_doc_free(doc);
	} else if (sbom_spdx3_is_tree(root)) {
		ret = sbom_read(&doc, data, len, name, err);
		if (ret == 0)
			ret = convert(out, name, "SPDX", doc, NULL, err);
		sbom_doc_free(doc);
	} else if (cJSON_GetObjectItemCaseSensitive(root, "components")) {
		ret = manifest_parse(out, data, len, name, base_dir, err);
	} else {
		ret = oh_err_set(
			err, OH_EINPUT, name, 0, 0,
			"neither a manifest ('components'), an SPDX document ('spdxVersion') nor a CycloneDX BOM ('bomFormat')");
	}
	cJSON_Delete(root);
	return ret;
}

/*
 * UTF-16 with a byte-order mark, as sbom validate reads it: the UTF-8
 * text parsed again, RDF/XML as it is (libxml2 reads UTF-16 itself).
 */
static int utf16_input(struct manifest **out, const char *data, size_t len,
		       const char *name, const char *base_dir,
		       struct oh_err *err)
{
	struct oh_buf u8 = OH_BUF_INIT;
	struct sbom_doc *doc = NULL;
	int ret = sbom_utf16_decode(&u8, data, len, name, err);

	if (ret == 0)
		ret = oh_err_set(
			err, OH_EINPUT, name, 0, 0,
			"not a manifest (JSON), an SPDX document (JSON, YAML, tag-value, RDF/XML) or a CycloneDX JSON BOM");
	else if (ret == 1 &&
		 sbom_format_detect(u8.buf, u8.len) != SBOM_FORMAT_RDF)
		ret = bom_parse(out, u8.buf, u8.len, name, base_dir, err);
	else if (ret == 1) {
		ret = sbom_read(&doc, data, len, name, err);
		if (ret == 0)
			ret = convert(out, name, "SPDX", doc, NULL, err);
	}
	sbom_doc_free(doc);
	oh_buf_release(&u8);
	return ret;
}

int bom_parse(struct manifest **out, const char *data, size_t len,
	      const char *name, const char *base_dir, struct oh_err *err)
{
	enum sbom_format f;
	struct sbom_doc *doc = NULL;
	int ret;

	*out = NULL;
	if (len > SBOM_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "larger than %u bytes", SBOM_MAX_BYTES);
	f = sbom_format_detect(data, len);
	if (f == SBOM_FORMAT_UNKNOWN)
		return utf16_input(out, data, len, name, base_dir, err);
	if (f == SBOM_FORMAT_JSON)
		return parse_json_input(out, data, len, name, base_dir, err);
	ret = sbom_read(&doc, data, len, name, err);
	if (ret == 0)
		ret = convert(out, name, "SPDX", doc, NULL, err);
	sbom_doc_free(doc);
	return ret;
}

int bom_load(struct manifest **out, const char *path, struct oh_err *err)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_buf dir = OH_BUF_INIT;
	const char *slash = strrchr(path, '/');
	int ret;

	*out = NULL;
	oh_buf_set_max(&b, SBOM_MAX_BYTES);
	ret = oh_buf_read_file(&b, path, err);
	if (ret == 0) {
		if (slash)
			oh_buf_add(&dir, path, (size_t)(slash - path + 1));
		ret = bom_parse(out, b.buf, b.len, path, slash ? dir.buf : NULL,
				err);
	}
	oh_buf_release(&b);
	oh_buf_release(&dir);
	return ret;
}

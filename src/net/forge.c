/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Forge APIs (GitHub, GitLab, Gitea/Forgejo): locating the project,
 * parsing the repository record and the issue/change lists, paging.
 */
#include "net/forge.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/url.h"
#include "core/err.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "net/forge_int.h"
#include "net/http.h"
#include "core/banned.h"

int forge_kind_parse(enum forge_kind *out, const char *name, struct oh_err *err)
{
	if (strcmp(name, "github") == 0)
		*out = FORGE_GITHUB;
	else if (strcmp(name, "gitlab") == 0)
		*out = FORGE_GITLAB;
	else if (strcmp(name, "gitea") == 0 || strcmp(name, "forgejo") == 0)
		*out = FORGE_GITEA;
	else
		return oh_err_set(err, OH_EINPUT, NULL, 0, 0,
				  "unknown forge '%s' (github, gitlab, gitea)",
				  name);
	return 0;
}

const char *forge_kind_name(enum forge_kind k)
{
	switch (k) {
	case FORGE_GITHUB:
		return "github";
	case FORGE_GITLAB:
		return "gitlab";
	case FORGE_GITEA:
		return "gitea";
	case FORGE_UNKNOWN:
		break;
	}
	return "unknown";
}

static const char *token_env(enum forge_kind k)
{
	switch (k) {
	case FORGE_GITHUB:
		return "GITHUB_TOKEN";
	case FORGE_GITLAB:
		return "GITLAB_TOKEN";
	case FORGE_GITEA:
		return "GITEA_TOKEN";
	case FORGE_UNKNOWN:
		break;
	}
	return NULL;
}

/* Split a URL into host and path (both owned). */
static int split_url(char **host, char **path, const char *url)
{
	const char *p = strstr(url, "://");
	size_t n;

	if (p) {
		p += 3;
		n = strcspn(p, "/");
		if (memchr(p, '@', n))
			return -1;
		*host = oh_xstrndup(p, n); /* with the port, if any */
		*path = oh_xstrdup(p + n);
		return 0;
	}
	/* scp-like: git@host:owner/repo.git */
	p = strchr(url, '@');
	if (!p || !strchr(p, ':'))
		return -1;
	p++;
	n = strcspn(p, ":");
	*host = oh_xstrndup(p, n);
	*path = oh_xstrdup(p + n + 1);
	return 0;
}

static char *clean_project(const char *path)
{
	size_t len;
	char *s;

	while (*path == '/')
		path++;
	s = oh_xstrdup(path);
	len = strcspn(s, "?#");
	s[len] = '\0';
	while (len > 0 && s[len - 1] == '/')
		s[--len] = '\0';
	if (len > 4 && strcmp(s + len - 4, ".git") == 0)
		s[len - 4] = '\0';
	return s;
}

static bool project_valid(const char *p)
{
	size_t n = strlen(p);

	return n > 0 && n < 256 && strchr(p, '/') && !strstr(p, "..") &&
	       strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			 "0123456789._-/") == n;
}

static enum forge_kind kind_of_host(const char *hostport)
{
	char host[256];

	snprintf(host, sizeof(host), "%.*s", (int)strcspn(hostport, ":"),
		 hostport);
	if (strcmp(host, "github.com") == 0 ||
	    strcmp(host, "www.github.com") == 0)
		return FORGE_GITHUB;
	if (strcmp(host, "gitlab.com") == 0 || strncmp(host, "gitlab.", 7) == 0)
		return FORGE_GITLAB;
	if (strcmp(host, "codeberg.org") == 0 || strstr(host, "gitea") ||
	    strstr(host, "forgejo"))
		return FORGE_GITEA;
	return FORGE_UNKNOWN;
}

/* In "a/b/owner/repo", the '/' before "owner/repo"; NULL for two parts. */
static char *owner_repo(char *project)
{
	char *last = strrchr(project, '/');
	char *p = last;

	while (p > project && p[-1] != '/')
		p--;
	return p > project ? p - 1 : NULL;
}

int forge_locate(enum forge_kind *kind, char **project, char **api_base,
		 const char *repo_url, struct oh_err *err)
{
	char *prefix;
	char *host = NULL;
	char *path = NULL;
	struct oh_buf b = OH_BUF_INIT;
	int ret = 0;

	*project = NULL;
	*api_base = NULL;
	if (split_url(&host, &path, repo_url) < 0)
		return oh_err_set(err, OH_EINPUT, repo_url, 0, 0,
				  "not a forge repository URL");
	*project = clean_project(path);
	if (!project_valid(*project)) {
		ret = oh_err_set(err, OH_EINPUT, repo_url, 0, 0,
				 "no owner/repository path in the URL");
		goto out;
	}
	if (*kind == FORGE_UNKNOWN)
		*kind = kind_of_host(host);
	if (*kind == FORGE_UNKNOWN) {
		ret = oh_err_set(
			err, OH_EINPUT, repo_url, 0, 0,
			"cannot tell the forge of host '%s'; give --forge",
			host);
		goto out;
	}
	/* GitHub and Gitea name owner/repo: a longer path is a Gitea under
	 * a sub-path (or a git server's prefix); GitLab has subgroups. */
	prefix = *kind == FORGE_GITLAB ? NULL : owner_repo(*project);
	if (prefix) {
		char *tail = oh_xstrdup(prefix + 1);

		prefix[0] = '\0';
		prefix = *project;
		*project = tail;
	}
	if (*kind == FORGE_GITHUB)
		oh_buf_adds(&b, "https://api.github.com");
	else
		oh_buf_addf(&b, "https://%s%s%s/api/%s", host,
			    prefix ? "/" : "", prefix ? prefix : "",
			    *kind == FORGE_GITLAB ? "v4" : "v1");
	free(prefix);
	*api_base = oh_buf_detach(&b, NULL);
out:
	if (ret < 0) {
		free(*project);
		*project = NULL;
	}
	free(host);
	free(path);
	return ret;
}

cJSON *forge_json(const char *body, size_t len, const char *name,
		  bool want_array, struct oh_err *err)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(body, len, &end, 0);

	if (!root) {
		size_t at = end && end >= body && end <= body + len
				    ? (size_t)(end - body)
				    : 0;

		oh_err_set(err, OH_EINPUT, name, 0, 0,
			   "invalid JSON at byte %zu", at);
		return NULL;
	}
	if (forge_json_want(root, want_array, name, err) < 0) {
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

int forge_json_want(const cJSON *root, bool want_array, const char *name,
		    struct oh_err *err)
{
	if (want_array ? !cJSON_IsArray(root) : !cJSON_IsObject(root))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "reply is not a JSON %s",
				  want_array ? "array" : "object");
	return 0;
}

static int get_count(long *out, const cJSON *o, const char *key,
		     const char *name, struct oh_err *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 1e12)
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "\"%s\" is missing or not a count", key);
	*out = (long)v->valuedouble;
	return 0;
}

int forge_parse_repo(struct forge_facts *out, enum forge_kind kind,
		     const char *body, size_t len, const char *name,
		     struct oh_err *err)
{
	cJSON *root = forge_json(body, len, name, false, err);
	int ret;

	if (!root)
		return err->code;
	ret = forge_repo_json(out, kind, root, name, err);
	cJSON_Delete(root);
	return ret;
}

int forge_repo_json(struct forge_facts *out, enum forge_kind kind,
		    const cJSON *root, const char *name, struct oh_err *err)
{
	const char *stars = kind == FORGE_GITHUB   ? "stargazers_count"
			    : kind == FORGE_GITLAB ? "star_count"
						   : "stars_count";
	int ret = 0;

	if (forge_json_want(root, false, name, err) < 0)
		return err->code;
	out->archived =
		cJSON_IsTrue(
			cJSON_GetObjectItemCaseSensitive(root, "archived")) ||
		cJSON_IsTrue(
			cJSON_GetObjectItemCaseSensitive(root, "disabled"));
	if (get_count(&out->stars, root, stars, name, err) < 0 ||
	    get_count(&out->forks, root, "forks_count", name, err) < 0 ||
	    get_count(&out->open_issues, root, "open_issues_count", name, err) <
		    0)
		ret = err->code;
	return ret;
}

int forge_time(int64_t *out, const cJSON *item, const char *key,
	       const char *name, struct oh_err *err)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, key);
	char buf[64];
	const char *dot;
	size_t n;

	*out = 0;
	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsString(v) || strlen(v->valuestring) >= sizeof(buf))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "\"%s\" is not a time", key);
	dot = strchr(v->valuestring, '.');
	if (dot) {
		n = (size_t)(dot - v->valuestring);
		memcpy(buf, v->valuestring, n);
		dot += 1 + strspn(dot + 1, "0123456789");
		snprintf(buf + n, sizeof(buf) - n, "%s", dot);
	} else {
		snprintf(buf, sizeof(buf), "%s", v->valuestring);
	}
	if (oh_time_parse(out, buf, NULL) < 0)
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "\"%s\" is not a time: '%.40s'", key,
				  v->valuestring);
	return 0;
}

static bool is_change(const cJSON *item, enum forge_kind kind, bool changes)
{
	const cJSON *pr;

	if (kind != FORGE_GITHUB)
		return changes;
	pr = cJSON_GetObjectItemCaseSensitive(item, "pull_request");
	return pr && !cJSON_IsNull(pr);
}

static void count_window(struct forge_window *w, int64_t created,
			 int64_t closed, int64_t since)
{
	if (created >= since)
		w->opened++;
	if (closed != 0 && closed >= since)
		w->closed++;
}

/* The login of item.user (GitHub, Gitea) or item.author (GitLab). */
const char *forge_login(const cJSON *item, enum forge_kind kind)
{
	const cJSON *who = cJSON_GetObjectItemCaseSensitive(
		item, kind == FORGE_GITLAB ? "author" : "user");
	const cJSON *login = cJSON_GetObjectItemCaseSensitive(
		who, kind == FORGE_GITLAB ? "username" : "login");

	return cJSON_IsString(login) ? login->valuestring : NULL;
}

/* GitHub and Gitea say when a change was merged in item.pull_request. */
static int merged_time(int64_t *merged, const cJSON *item, enum forge_kind kind,
		       const char *name, struct oh_err *err)
{
	const cJSON *pr =
		cJSON_GetObjectItemCaseSensitive(item, "pull_request");

	if (*merged != 0 || kind == FORGE_GITLAB || !cJSON_IsObject(pr))
		return 0;
	return forge_time(merged, pr, "merged_at", name, err);
}

/* Keep what the per-item samples need. */
static int remember(struct forge_acc *acc, const cJSON *item,
		    enum forge_kind kind, bool change, int64_t created,
		    int64_t merged, const char *name, struct oh_err *err)
{
	const cJSON *num = cJSON_GetObjectItemCaseSensitive(
		item, kind == FORGE_GITLAB ? "iid" : "number");
	const char *login = forge_login(item, kind);
	struct forge_item *it;

	if (!cJSON_IsNumber(num) || num->valuedouble < 1 ||
	    num->valuedouble > 1e12)
		return 0; /* not sampled; the counts stand */
	if (change && merged_time(&merged, item, kind, name, err) < 0)
		return err->code;
	OH_GROW(acc->item, acc->item_alloc, acc->item_nr + 1);
	it = &acc->item[acc->item_nr++];
	memset(it, 0, sizeof(*it));
	it->number = (long)num->valuedouble;
	it->created = created;
	it->merged = change ? merged : 0;
	it->change = change;
	if (login && strlen(login) < sizeof(it->author))
		memcpy(it->author, login, strlen(login) + 1);
	return 0;
}

static int add_item(struct forge_facts *out, struct forge_acc *acc,
		    const cJSON *item, enum forge_kind kind, bool changes,
		    int64_t now, const char *name, struct oh_err *err)
{
	int64_t created = 0;
	int64_t closed = 0;
	int64_t merged = 0;
	bool ch = is_change(item, kind, changes);

	if (!cJSON_IsObject(item))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "an item is not an object");
	if (forge_time(&created, item, "created_at", name, err) < 0 ||
	    forge_time(&closed, item, "closed_at", name, err) < 0 ||
	    forge_time(&merged, item, "merged_at", name, err) < 0)
		return err->code;
	if (created == 0)
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "an item has no \"created_at\"");
	if (closed == 0)
		closed = merged;
	count_window(ch ? &out->changes : &out->issues, created, closed,
		     now - 365 * DAY);
	count_window(ch ? &out->changes90 : &out->issues90, created, closed,
		     now - 90 * DAY);
	if (!ch && closed >= now - 365 * DAY && closed >= created) {
		OH_GROW(acc->close_days, acc->close_alloc, acc->close_nr + 1);
		acc->close_days[acc->close_nr++] =
			(double)(closed - created) / DAY;
	}
	return remember(acc, item, kind, ch, created, merged, name, err);
}

int forge_parse_items(struct forge_facts *out, struct forge_acc *acc,
		      size_t *items_out, enum forge_kind kind, bool changes,
		      int64_t now, const char *body, size_t len,
		      const char *name, struct oh_err *err)
{
	cJSON *root = forge_json(body, len, name, true, err);
	int ret;

	*items_out = 0;
	if (!root)
		return err->code;
	ret = forge_items_json(out, acc, items_out, kind, changes, now, root,
			       name, err);
	cJSON_Delete(root);
	return ret;
}

int forge_items_json(struct forge_facts *out, struct forge_acc *acc,
		     size_t *items_out, enum forge_kind kind, bool changes,
		     int64_t now, const cJSON *root, const char *name,
		     struct oh_err *err)
{
	const cJSON *item;
	int ret = 0;

	*items_out = 0;
	if (forge_json_want(root, true, name, err) < 0)
		return err->code;
	cJSON_ArrayForEach(item, root)
	{
		if (*items_out >= FORGE_PER_PAGE) {
			ret = oh_err_set(err, OH_ELIMIT, name, 0, 0,
					 "more than %d items on a page",
					 FORGE_PER_PAGE);
			break;
		}
		ret = add_item(out, acc, item, kind, changes, now, name, err);
		if (ret < 0)
			break;
		(*items_out)++;
	}
	return ret;
}

void forge_acc_finish(struct forge_facts *out, struct forge_acc *acc)
{
	size_t n = acc->close_nr;

	out->close_sample = (long)n;
	out->median_close_days = -1;
	if (n > 0)
		out->median_close_days = forge_median(acc->close_days, n);
	free(acc->close_days);
	free(acc->item);
	memset(acc, 0, sizeof(*acc));
}

/* The API host of the public instance of each forge. */
static const char *public_api_host(enum forge_kind k)
{
	switch (k) {
	case FORGE_GITHUB:
		return "api.github.com";
	case FORGE_GITLAB:
		return "gitlab.com";
	case FORGE_GITEA:
		return "codeberg.org";
	default:
		return NULL;
	}
}

bool forge_token_allowed(enum forge_kind kind, const char *url,
			 const char *forge_url)
{
	struct oh_buf h = OH_BUF_INIT;
	const char *pub = public_api_host(kind);
	bool ok = false;

	if (!oh_url_secure(url) || !oh_url_host(&h, url))
		goto out;
	ok = (pub && strcmp(h.buf, pub) == 0) ||
	     (forge_url && oh_url_secure(forge_url) &&
	      oh_url_host_in(forge_url, h.buf)) ||
	     oh_url_host_in(url, getenv("OSSHEALTH_FORGE_HOSTS"));
out:
	oh_buf_release(&h);
	return ok;
}

int forge_get(struct net_response *r, struct net_client *c,
	      enum forge_kind kind, const char *url, struct oh_err *err)
{
	const char *env =
		forge_token_allowed(kind, url, net_client_forge_url(c))
			? token_env(kind)
			: NULL;
	int ret = net_get(r, c, url, env, err);

	if (ret < 0 && (r->status == 403 || r->status == 429)) {
		oh_err_release(err);
		ret = oh_err_set(err, OH_ENET, url, 0, 0,
				 "HTTP %ld: rate limited or forbidden; set %s",
				 r->status, token_env(kind));
	}
	return ret;
}

static void project_url(struct oh_buf *b, enum forge_kind kind,
			const char *base, const char *project)
{
	if (kind == FORGE_GITLAB) {
		oh_buf_addf(b, "%s/projects/", base);
		for (const char *p = project; *p != '\0'; p++)
			if (*p == '/')
				oh_buf_adds(b, "%2F");
			else
				oh_buf_addch(b, *p);
	} else {
		oh_buf_addf(b, "%s/repos/%s", base, project);
	}
}

static void list_url(struct oh_buf *b, enum forge_kind kind,
		     const char *proj_url, bool changes, const char *since,
		     int page)
{
	if (kind == FORGE_GITHUB)
		oh_buf_addf(b,
			    "%s/issues?state=all&since=%s&per_page=%d&page=%d",
			    proj_url, since, FORGE_PER_PAGE, page);
	else if (kind == FORGE_GITLAB)
		oh_buf_addf(b, "%s/%s?updated_after=%s&per_page=%d&page=%d",
			    proj_url, changes ? "merge_requests" : "issues",
			    since, FORGE_PER_PAGE, page);
	else
		oh_buf_addf(
			b,
			"%s/issues?state=all&type=%s&since=%s&limit=%d&page=%d",
			proj_url, changes ? "pulls" : "issues", since,
			FORGE_PER_PAGE, page);
}

static int fetch_list(struct forge_facts *out, struct forge_acc *acc,
		      struct net_client *c, enum forge_kind kind,
		      const char *proj_url, bool changes, int64_t now,
		      struct oh_err *err)
{
	struct net_response r = NET_RESPONSE_INIT;
	struct oh_buf url = OH_BUF_INIT;
	char since[32];
	size_t items = 1;
	int ret = 0;
	int page;

	oh_time_format(since, sizeof(since), now - 365 * DAY);
	for (page = 1; page <= FORGE_MAX_PAGES && items > 0 && ret == 0;
	     page++) {
		oh_buf_reset(&url);
		list_url(&url, kind, proj_url, changes, since, page);
		ret = forge_get(&r, c, kind, url.buf, err);
		if (ret == 0 && r.ratelimit_remaining >= 0)
			acc->ratelimit_remaining = r.ratelimit_remaining;
		if (ret == 0)
			ret = forge_parse_items(out, acc, &items, kind, changes,
						now, r.body.buf, r.body.len,
						url.buf, err);
		net_response_release(&r);
	}
	if (ret == 0 && items > 0)
		ret = oh_err_set(err, OH_ELIMIT, proj_url, 0, 0,
				 "more than %d pages of %s (page cap)",
				 FORGE_MAX_PAGES,
				 changes ? "changes" : "issues");
	oh_buf_release(&url);
	return ret;
}

int forge_fetch(struct forge_facts *out, struct net_client *c,
		enum forge_kind kind, const char *api_base, const char *project,
		int64_t now, forge_bot_fn is_bot, void *bot_arg,
		struct oh_err *err)
{
	struct net_response r = NET_RESPONSE_INIT;
	struct forge_acc acc = { .ratelimit_remaining = -1 };
	struct oh_buf purl = OH_BUF_INIT;
	struct oh_buf base = OH_BUF_INIT;
	int ret;

	memset(out, 0, sizeof(*out));
	oh_buf_adds(&base, api_base);
	while (base.len > 0 && base.buf[base.len - 1] == '/')
		oh_buf_setlen(&base, base.len - 1);
	project_url(&purl, kind, base.buf, project);
	ret = forge_get(&r, c, kind, purl.buf, err);
	if (ret == 0)
		ret = forge_parse_repo(out, kind, r.body.buf, r.body.len,
				       purl.buf, err);
	if (ret == 0)
		ret = fetch_list(out, &acc, c, kind, purl.buf, false, now, err);
	if (ret == 0 && kind != FORGE_GITHUB)
		ret = fetch_list(out, &acc, c, kind, purl.buf, true, now, err);
	if (ret == 0)
		forge_fetch_detail(out, &acc, c, kind, purl.buf, now, is_bot,
				   bot_arg);
	if (ret == 0)
		forge_fetch_releases(out, c, kind, purl.buf, now);
	forge_acc_finish(out, &acc);
	if (ret < 0)
		memset(out, 0, sizeof(*out));
	net_response_release(&r);
	oh_buf_release(&purl);
	oh_buf_release(&base);
	return ret;
}

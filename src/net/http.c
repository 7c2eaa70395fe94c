/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The libcurl wrapper: one easy handle per client, options set per
 * request, retries with back-off, a capped body, and the ETag /
 * Last-Modified response cache behind the callbacks of net_opts.cache
 * (facts/http_cache.h; the store implements them over http_cache).
 */
#include "net/http.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/err.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "core/banned.h"

#define VALIDATOR_MAX 512 /* longest ETag / Last-Modified kept */

struct net_client {
	struct net_opts o;
	CURL *h;
	char errbuf[CURL_ERROR_SIZE];
};

/* What one request needs and what its reply headers said. */
struct request {
	const char *url;
	const char *body; /* POST body or NULL for GET */
	size_t len;
	const char *token_env;
	const struct http_cache_entry *cached; /* validators to send */
	struct oh_buf *out;
	bool too_big;
	bool rl_known;     /* a rate-limit header was seen */
	long rl_remaining; /* its value */
	char etag[VALIDATOR_MAX];
	char last_modified[VALIDATOR_MAX];
};

static bool global_done;

void net_response_release(struct net_response *r)
{
	oh_buf_release(&r->body);
	r->status = 0;
	r->from_cache = false;
	r->attempts = 0;
	r->ratelimit_remaining = -1;
}

const char *net_curl_version(void)
{
	return curl_version_info(CURLVERSION_NOW)->version;
}

int net_client_new(struct net_client **out, const struct net_opts *opts,
		   struct oh_err *err)
{
	struct net_client *c;

	*out = NULL;
	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return oh_err_set(err, OH_ENET, NULL, 0, 0,
					  "libcurl failed to initialise");
		global_done = true;
	}
	c = oh_xcalloc(1, sizeof(*c));
	c->o = *opts;
	if (c->o.connect_timeout_s <= 0)
		c->o.connect_timeout_s = NET_DEFAULT_CONNECT_TIMEOUT;
	if (c->o.timeout_s <= 0)
		c->o.timeout_s = NET_DEFAULT_TIMEOUT;
	if (c->o.retries < 0)
		c->o.retries = NET_DEFAULT_RETRIES;
	if (c->o.backoff_ms <= 0)
		c->o.backoff_ms = NET_DEFAULT_BACKOFF_MS;
	if (c->o.max_retry_wait_s <= 0)
		c->o.max_retry_wait_s = NET_DEFAULT_MAX_RETRY_WAIT;
	if (c->o.max_bytes == 0)
		c->o.max_bytes = NET_DEFAULT_MAX_BYTES;
	if (c->o.max_redirs <= 0)
		c->o.max_redirs = NET_DEFAULT_MAX_REDIRS;
	c->o.ca_bundle = NULL; /* copied below: opts may not outlive us */
	if (opts->ca_bundle)
		c->o.ca_bundle = oh_xstrdup(opts->ca_bundle);
	if (!c->o.offline) {
		c->h = curl_easy_init();
		if (!c->h) {
			net_client_free(c);
			return oh_err_set(err, OH_ENET, NULL, 0, 0,
					  "libcurl failed to create a handle");
		}
	}
	*out = c;
	return 0;
}

void net_client_free(struct net_client *c)
{
	if (!c)
		return;
	if (c->h)
		curl_easy_cleanup(c->h);
	free((char *)c->o.ca_bundle);
	free(c);
}

const char *net_client_forge_url(const struct net_client *c)
{
	return c->o.forge_url;
}

bool net_client_offline(const struct net_client *c)
{
	return c->o.offline;
}

bool (*net_http_fail_hook)(void);

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct request *rq = arg;
	size_t len = size * n;

	if (net_http_fail_hook && net_http_fail_hook())
		return 0; /* an injected read failure: CURLE_WRITE_ERROR */
	if (oh_buf_add(rq->out, data, len) < 0) {
		rq->too_big = true;
		return 0; /* aborts the transfer: CURLE_WRITE_ERROR */
	}
	return len;
}

/* Keep a header value (trimmed, capped) in dst. */
static void keep_value(char *dst, const char *v, size_t len)
{
	while (len > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		len--;
	}
	while (len > 0 && (v[len - 1] == '\r' || v[len - 1] == '\n' ||
			   v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	if (len >= VALIDATOR_MAX)
		len = 0; /* an absurd validator is as good as none */
	memcpy(dst, v, len);
	dst[len] = '\0';
}

/* X-RateLimit-Remaining (GitHub, Gitea) or RateLimit-Remaining (GitLab). */
static void rate_limit(struct request *rq, const char *data, size_t len)
{
	static const char *const names[] = { "x-ratelimit-remaining:",
					     "ratelimit-remaining:" };
	char v[32];

	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(names[i]);
		char *end;
		long val;

		if (len <= n || strncasecmp(data, names[i], n) != 0)
			continue;
		keep_value(v, data + n, len - n < sizeof(v) ? len - n : 0);
		val = strtol(v, &end, 10);
		if (end != v && *end == '\0' && val >= 0) {
			rq->rl_known = true;
			rq->rl_remaining = val;
		}
		return;
	}
}

static size_t on_header(char *data, size_t size, size_t n, void *arg)
{
	struct request *rq = arg;
	size_t len = size * n;

	if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
		/* A new response (redirect, retry): forget older headers. */
		rq->etag[0] = '\0';
		rq->last_modified[0] = '\0';
		rq->rl_known = false;
	} else if (len > 5 && strncasecmp(data, "etag:", 5) == 0) {
		keep_value(rq->etag, data + 5, len - 5);
	} else if (len > 14 && strncasecmp(data, "last-modified:", 14) == 0) {
		keep_value(rq->last_modified, data + 14, len - 14);
	} else {
		rate_limit(rq, data, len);
	}
	return len;
}

/* Refuse credentials in URLs and anything but http(s). */
static int check_url(const char *url, struct oh_err *err)
{
	CURLU *u = curl_url();
	char *scheme = NULL;
	char *user = NULL;
	int ret = 0;

	if (!u)
		OH_BUG("curl_url() failed");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) {
		ret = oh_err_set(err, OH_EINPUT, url, 0, 0, "not a valid URL");
		goto out;
	}
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
		ret = oh_err_set(err, OH_EINPUT, url, 0, 0,
				 "only http:// and https:// URLs are allowed");
		goto out;
	}
	if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK)
		ret = oh_err_set(
			err, OH_EINPUT, url, 0, 0,
			"credentials in the URL are not accepted; tokens come from the environment");
out:
	curl_free(scheme);
	curl_free(user);
	curl_url_cleanup(u);
	return ret;
}

static struct curl_slist *add_header(struct curl_slist *list, const char *h)
{
	struct curl_slist *n = curl_slist_append(list, h);

	if (!n)
		OH_BUG("curl_slist_append failed (out of memory)");
	return n;
}

/* Request headers; the token is formatted into a buffer wiped after use. */
static struct curl_slist *build_headers(const struct request *rq)
{
	struct curl_slist *h = NULL;
	struct oh_buf line = OH_BUF_INIT;
	const char *tok = rq->token_env ? getenv(rq->token_env) : NULL;

	h = add_header(h, "Accept: application/json");
	if (rq->body)
		h = add_header(h, "Content-Type: application/json");
	if (tok && *tok != '\0' && !strpbrk(tok, "\r\n")) {
		oh_buf_addf(&line, "Authorization: Bearer %s", tok);
		h = add_header(h, line.buf);
		memset(line.buf, 0, line.len);
	}
	if (rq->cached && rq->cached->etag) {
		oh_buf_reset(&line);
		oh_buf_addf(&line, "If-None-Match: %s", rq->cached->etag);
		h = add_header(h, line.buf);
	}
	if (rq->cached && rq->cached->last_modified) {
		oh_buf_reset(&line);
		oh_buf_addf(&line, "If-Modified-Since: %s",
			    rq->cached->last_modified);
		h = add_header(h, line.buf);
	}
	oh_buf_release(&line);
	return h;
}

static bool has_token(const char *token_env);

static void set_options(struct net_client *c, struct request *rq,
			struct curl_slist *headers)
{
	CURL *h = c->h;

	curl_easy_reset(h);
	curl_easy_setopt(h, CURLOPT_URL, rq->url);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, c->errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	/* A token never follows a redirect to plain http. */
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR,
			 has_token(rq->token_env) ? "https" : "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, c->o.max_redirs);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (c->o.ca_bundle)
		curl_easy_setopt(h, CURLOPT_CAINFO, c->o.ca_bundle);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, c->o.connect_timeout_s);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, c->o.timeout_s);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_USERAGENT, "osshealth/" OH_VERSION);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
			 (curl_off_t)c->o.max_bytes);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, rq);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, rq);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	if (rq->body) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, rq->body);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)rq->len);
	}
}

static bool transient_status(long status)
{
	return status == 429 || status == 500 || status == 502 ||
	       status == 503 || status == 504;
}

static bool transient_curl(CURLcode rc)
{
	return rc == CURLE_COULDNT_CONNECT || rc == CURLE_OPERATION_TIMEDOUT ||
	       rc == CURLE_PARTIAL_FILE || rc == CURLE_GOT_NOTHING ||
	       rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR;
}

static bool tls_error(CURLcode rc)
{
	return rc == CURLE_SSL_CONNECT_ERROR ||
	       rc == CURLE_PEER_FAILED_VERIFICATION ||
	       rc == CURLE_SSL_CACERT_BADFILE || rc == CURLE_SSL_CERTPROBLEM ||
	       rc == CURLE_SSL_CIPHER || rc == CURLE_SSL_ENGINE_NOTFOUND ||
	       rc == CURLE_SSL_ISSUER_ERROR || rc == CURLE_SSL_CRL_BADFILE;
}

static const char *plural(unsigned n)
{
	return n == 1 ? "" : "s";
}

/* Turn a failed transfer into one message. */
static int curl_error(struct net_client *c, const struct request *rq,
		      CURLcode rc, unsigned attempts, struct oh_err *err)
{
	const char *why =
		c->errbuf[0] != '\0' ? c->errbuf : curl_easy_strerror(rc);

	if (rq->too_big || rc == CURLE_FILESIZE_EXCEEDED)
		return oh_err_set(err, OH_ELIMIT, rq->url, 0, 0,
				  "reply larger than %zu bytes",
				  c->o.max_bytes);
	if (rc == CURLE_OPERATION_TIMEDOUT)
		return oh_err_set(err, OH_ENET, rq->url, 0, 0,
				  "timed out after %ld s (%u attempt%s)",
				  c->o.timeout_s, attempts, plural(attempts));
	if (rc == CURLE_TOO_MANY_REDIRECTS)
		return oh_err_set(err, OH_ENET, rq->url, 0, 0,
				  "too many redirects (more than %ld)",
				  c->o.max_redirs);
	if (tls_error(rc))
		return oh_err_set(err, OH_ENET, rq->url, 0, 0, "TLS error (%s)",
				  why);
	if (rc == CURLE_PARTIAL_FILE)
		return oh_err_set(err, OH_ENET, rq->url, 0, 0,
				  "truncated reply (%s; %u attempt%s)", why,
				  attempts, plural(attempts));
	if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
	    rc == CURLE_COULDNT_RESOLVE_PROXY)
		return oh_err_set(err, OH_ENET, rq->url, 0, 0,
				  "cannot connect (%s; %u attempt%s)", why,
				  attempts, plural(attempts));
	return oh_err_set(err, OH_ENET, rq->url, 0, 0, "%s (%u attempt%s)", why,
			  attempts, plural(attempts));
}

static void sleep_ms(long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000,
			       .tv_nsec = (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Milliseconds to wait before attempt number `next` (1-based retry). */
static long retry_wait(const struct net_client *c, long status,
		       curl_off_t retry_after, unsigned next)
{
	long ms = c->o.backoff_ms;

	for (unsigned i = 1; i < next && ms < 60000; i++)
		ms *= 2;
	if ((status == 429 || status == 503) && retry_after > 0) {
		curl_off_t cap = c->o.max_retry_wait_s;

		ms = (long)(retry_after < cap ? retry_after : cap) * 1000;
	}
	return ms;
}

/* Transfers with retries; on success out->status is the final status. */
static int perform(struct net_response *out, struct net_client *c,
		   struct request *rq, struct oh_err *err)
{
	struct curl_slist *headers = build_headers(rq);
	unsigned max_attempts = (unsigned)c->o.retries + 1;
	int ret = 0;

	for (;;) {
		curl_off_t retry_after = 0;
		CURLcode rc;

		oh_buf_reset(&out->body);
		rq->too_big = false;
		c->errbuf[0] = '\0';
		set_options(c, rq, headers);
		rc = curl_easy_perform(c->h);
		out->attempts++;
		out->status = 0;
		if (rc == CURLE_OK) {
			curl_easy_getinfo(c->h, CURLINFO_RESPONSE_CODE,
					  &out->status);
			curl_easy_getinfo(c->h, CURLINFO_RETRY_AFTER,
					  &retry_after);
		}
		if (out->attempts >= max_attempts || rq->too_big ||
		    (rc != CURLE_OK && !transient_curl(rc)) ||
		    (rc == CURLE_OK && !transient_status(out->status))) {
			if (rc != CURLE_OK)
				ret = curl_error(c, rq, rc, out->attempts, err);
			break;
		}
		sleep_ms(
			retry_wait(c, out->status, retry_after, out->attempts));
	}
	out->ratelimit_remaining = rq->rl_known ? rq->rl_remaining : -1;
	curl_slist_free_all(headers);
	/* The header list held the token: it is gone; so is the handle's copy
	 * once it is reset for the next request. */
	curl_easy_reset(c->h);
	return ret;
}

static int status_error(const struct net_response *r, const char *url,
			struct oh_err *err)
{
	if (r->status >= 200 && r->status < 300)
		return 0;
	return oh_err_set(err, OH_ENET, url, 0, 0,
			  "HTTP %ld after %u attempt%s", r->status, r->attempts,
			  r->attempts == 1 ? "" : "s");
}

static int request_start(struct net_response *out, struct net_client *c,
			 const char *url, struct oh_err *err)
{
	oh_buf_set_max(&out->body, c->o.max_bytes);
	out->status = 0;
	out->from_cache = false;
	out->attempts = 0;
	out->ratelimit_remaining = -1;
	if (c->o.offline)
		return oh_err_set(err, OH_ENET, url, 0, 0, "offline");
	return check_url(url, err);
}

/* Store a fresh 200 reply that carries a validator. */
static int cache_store(struct net_client *c, const struct request *rq,
		       const struct net_response *r, struct oh_err *err)
{
	struct http_cache_entry e = { 0 };

	if (r->status != 200 ||
	    (rq->etag[0] == '\0' && rq->last_modified[0] == '\0'))
		return 0;
	e.etag = rq->etag[0] != '\0' ? (char *)rq->etag : NULL;
	e.last_modified =
		rq->last_modified[0] != '\0' ? (char *)rq->last_modified : NULL;
	e.fetched_at = oh_now();
	e.status = r->status;
	e.body = r->body.buf;
	e.body_len = r->body.len;
	return c->o.cache.put(c->o.cache.ctx, rq->url, &e, err);
}

static bool has_token(const char *token_env)
{
	const char *t = token_env ? getenv(token_env) : NULL;

	return t && *t != '\0';
}

int net_get(struct net_response *out, struct net_client *c, const char *url,
	    const char *token_env, struct oh_err *err)
{
	struct http_cache_entry cached = { 0 };
	struct request rq = { .url = url, .token_env = token_env };
	bool use_cache = c->o.cache.get && !has_token(token_env);
	int ret;

	if (request_start(out, c, url, err) < 0)
		return err->code;
	rq.out = &out->body;
	if (use_cache) {
		ret = c->o.cache.get(&cached, c->o.cache.ctx, url, err);
		if (ret < 0 && ret != OH_ENOTFOUND)
			goto out;
		if (ret == 0)
			rq.cached = &cached;
	}
	ret = perform(out, c, &rq, err);
	if (ret < 0)
		goto out;
	if (out->status == 304 && rq.cached) {
		oh_buf_reset(&out->body);
		ret = oh_buf_add(&out->body, cached.body, cached.body_len);
		if (ret < 0) {
			ret = oh_err_set(err, OH_ELIMIT, url, 0, 0,
					 "cached reply larger than %zu bytes",
					 c->o.max_bytes);
			goto out;
		}
		out->status = cached.status;
		out->from_cache = true;
		ret = c->o.cache.touch(c->o.cache.ctx, url, oh_now(), err);
		goto out;
	}
	ret = status_error(out, url, err);
	if (ret == 0 && use_cache)
		ret = cache_store(c, &rq, out, err);
out:
	http_cache_entry_release(&cached);
	return ret;
}

int net_post_json(struct net_response *out, struct net_client *c,
		  const char *url, const char *body, size_t len,
		  const char *token_env, struct oh_err *err)
{
	struct request rq = {
		.url = url, .body = body, .len = len, .token_env = token_env
	};

	if (request_start(out, c, url, err) < 0)
		return err->code;
	rq.out = &out->body;
	if (perform(out, c, &rq, err) < 0)
		return err->code;
	return status_error(out, url, err);
}

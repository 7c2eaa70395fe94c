/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * osv: request building, batch and record parsing (facts, caps, every
 * error), the http_cache queries, and the offline client refusing work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "collect/enrich.h"
#include "core/buf.h"
#include "core/err.h"
#include "net/http.h"
#include "net/osv.h"
#include "store/store.h"
#include "store/store_http.h"
#include "unit.h"

static const char batch_body[] =
	"{\"results\":[{\"vulns\":[{\"id\":\"PYSEC-2026-7\",\"modified\":"
	"\"2026-04-02T00:00:00Z\"},{\"id\":\"GHSA-f3xq-8m2v-test\"}]},{},"
	"{\"vulns\":[{\"id\":\"PYSEC-2026-7\"},{\"id\":\"OSV-2026-33\"}]}]}";

static const char vuln_cvss[] =
	"{\"id\":\"GHSA-f3xq-8m2v-test\",\"modified\":\"2026-03-01T10:00:00Z\","
	"\"aliases\":[\"CVE-2026-10001\",\"BIT-2026-1\"],"
	"\"summary\":\"Template injection\","
	"\"severity\":[{\"type\":\"CVSS_V2\",\"score\":\"AV:N/AC:L/Au:N/C:P/I:P/A:P\"},"
	"{\"type\":\"CVSS_V3\",\"score\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}],"
	"\"affected\":[{\"package\":{\"ecosystem\":\"PyPI\",\"name\":\"f\"},"
	"\"ranges\":[{\"type\":\"ECOSYSTEM\",\"events\":[{\"introduced\":\"0\"},"
	"{\"fixed\":\"1.2.4\"}]}],\"database_specific\":{\"severity\":\"LOW\"}}]}";

static const char vuln_dbsev[] =
	"{\"id\":\"PYSEC-2026-7\",\"affected\":[{\"ranges\":[{\"type\":\"GIT\","
	"\"events\":[{\"introduced\":\"0\"},{\"last_affected\":\"abc\"}]}],"
	"\"database_specific\":{\"severity\":\"HIGH\"}}],\"withdrawn\":\"x\"}";

START_TEST(test_osv_batch)
{
	struct oh_err err = OH_ERR_INIT;
	char **ids = NULL;
	size_t nr = 0;

	ck_assert_int_eq(osv_batch_parse(&ids, &nr, batch_body,
					 strlen(batch_body), "b", &err),
			 0);
	ck_assert_uint_eq(nr, 3);
	ck_assert_str_eq(ids[0], "GHSA-f3xq-8m2v-test");
	ck_assert_str_eq(ids[1], "OSV-2026-33");
	ck_assert_str_eq(ids[2], "PYSEC-2026-7");
	for (size_t i = 0; i < nr; i++)
		free(ids[i]);
	free(ids);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_osv_vuln_cvss)
{
	struct oh_err err = OH_ERR_INIT;
	struct osv_vuln v;

	ck_assert_int_eq(osv_vuln_parse(&v, vuln_cvss, strlen(vuln_cvss),
					"GHSA-f3xq-8m2v-test", "v", &err),
			 0);
	ck_assert_str_eq(v.id, "GHSA-f3xq-8m2v-test");
	ck_assert_uint_eq(v.alias_nr, 2);
	ck_assert_str_eq(v.alias[0], "BIT-2026-1");
	ck_assert_str_eq(v.alias[1], "CVE-2026-10001");
	/* CVSS_V3 is preferred over V2 and over database_specific. */
	ck_assert_str_eq(v.severity_type, "CVSS_V3");
	ck_assert_str_eq(v.severity,
			 "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
	ck_assert(v.fixed);
	ck_assert(!v.withdrawn);
	ck_assert_str_eq(v.summary, "Template injection");
	ck_assert_str_eq(v.modified, "2026-03-01T10:00:00Z");
	osv_vuln_release(&v);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_osv_vuln_dbsev)
{
	struct oh_err err = OH_ERR_INIT;
	struct osv_vuln v;

	ck_assert_int_eq(osv_vuln_parse(&v, vuln_dbsev, strlen(vuln_dbsev),
					NULL, "v", &err),
			 0);
	ck_assert_str_eq(v.severity_type, "database");
	ck_assert_str_eq(v.severity, "HIGH");
	ck_assert(!v.fixed); /* last_affected is not a fix */
	ck_assert(v.withdrawn);
	ck_assert_uint_eq(v.alias_nr, 0);
	ck_assert_ptr_null(v.summary);
	osv_vuln_release(&v);
	oh_err_release(&err);
}
END_TEST

static const struct {
	const char *body;
	int code;
	const char *msg;
} bad_batch[] = {
	{ "{\"results\": [", OH_EINPUT, "invalid JSON at byte 12" },
	{ "", OH_EINPUT, "invalid JSON at byte 0" },
	{ "[]", OH_EINPUT, "not a JSON object" },
	{ "{}", OH_EINPUT, "\"results\" is missing or not an array" },
	{ "{\"results\":{}}", OH_EINPUT, "\"results\" is missing" },
	{ "{\"results\":[1]}", OH_EINPUT, "a result is not an object" },
	{ "{\"results\":[{\"vulns\":{}}]}", OH_EINPUT,
	  "\"vulns\" is not an array" },
	{ "{\"results\":[{\"vulns\":[{\"id\":\"../../x\"}]}]}", OH_EINPUT,
	  "invalid vulnerability id" },
	{ "{\"results\":[{\"vulns\":[{\"id\":\"a/b\"}]}]}", OH_EINPUT,
	  "invalid vulnerability id" },
	{ "{\"results\":[{\"vulns\":[{}]}]}", OH_EINPUT,
	  "invalid vulnerability id" },
	{ "{\"results\":[{\"vulns\":[],\"next_page_token\":\"x\"}]}", OH_ELIMIT,
	  "more than one page" },
};

START_TEST(test_osv_batch_bad)
{
	struct oh_err err = OH_ERR_INIT;
	char **ids = NULL;
	size_t nr = 0;
	const char *b = bad_batch[_i].body;

	ck_assert_int_eq(osv_batch_parse(&ids, &nr, b, strlen(b), "in", &err),
			 bad_batch[_i].code);
	ck_assert_ptr_nonnull(strstr(err.msg, bad_batch[_i].msg));
	ck_assert_str_eq(err.input, "in");
	ck_assert_ptr_null(ids);
	ck_assert_uint_eq(nr, 0);
	oh_err_release(&err);
}
END_TEST

static const struct {
	const char *body;
	int code;
	const char *msg;
} bad_vuln[] = {
	{ "{\"id\":\"X-1\",", OH_EINPUT, "invalid JSON" },
	{ "{}", OH_EINPUT, "\"id\" is missing or invalid" },
	{ "{\"id\":\"OTHER-1\"}", OH_EINPUT, "reply is for OTHER-1, not X-1" },
	{ "{\"id\":\"X-1\",\"aliases\":\"CVE-1\"}", OH_EINPUT,
	  "\"aliases\" is not an array" },
	{ "{\"id\":\"X-1\",\"aliases\":[\"a b\"]}", OH_EINPUT,
	  "an alias is not a valid id" },
	{ "{\"id\":\"X-1\",\"severity\":{}}", OH_EINPUT,
	  "\"severity\" is not an array" },
	{ "{\"id\":\"X-1\",\"severity\":[{\"type\":\"CVSS_V3\"}]}", OH_EINPUT,
	  "a severity lacks type or score" },
	{ "{\"id\":\"X-1\",\"affected\":7}", OH_EINPUT,
	  "\"affected\" is not an array" },
	{ "{\"id\":\"X-1\",\"affected\":[7]}", OH_EINPUT,
	  "an \"affected\" entry is not an object" },
	{ "{\"id\":\"X-1\",\"summary\":7}", OH_EINPUT,
	  "\"summary\" is not a string" },
};

START_TEST(test_osv_vuln_bad)
{
	struct oh_err err = OH_ERR_INIT;
	struct osv_vuln v;
	const char *b = bad_vuln[_i].body;

	ck_assert_int_eq(osv_vuln_parse(&v, b, strlen(b), "X-1", "in", &err),
			 bad_vuln[_i].code);
	ck_assert_msg(strstr(err.msg, bad_vuln[_i].msg), "message: %s",
		      err.msg);
	ck_assert_ptr_null(v.id);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_osv_limits)
{
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf b = OH_BUF_INIT;
	struct osv_vuln v;
	char **ids = NULL;
	size_t nr = 0;

	/* 65 aliases. */
	oh_buf_adds(&b, "{\"id\":\"X-1\",\"aliases\":[");
	for (int i = 0; i <= OSV_MAX_ALIASES; i++)
		oh_buf_addf(&b, "%s\"A-%d\"", i ? "," : "", i);
	oh_buf_adds(&b, "]}");
	ck_assert_int_eq(osv_vuln_parse(&v, b.buf, b.len, NULL, "in", &err),
			 OH_ELIMIT);
	ck_assert_str_eq(err.msg, "more than 64 aliases");
	oh_err_release(&err);

	/* A summary over the string cap. */
	oh_buf_reset(&b);
	oh_buf_adds(&b, "{\"id\":\"X-1\",\"summary\":\"");
	for (int i = 0; i <= OSV_MAX_STRING; i++)
		oh_buf_addch(&b, 'x');
	oh_buf_adds(&b, "\"}");
	ck_assert_int_eq(osv_vuln_parse(&v, b.buf, b.len, NULL, "in", &err),
			 OH_ELIMIT);
	ck_assert_str_eq(err.msg, "\"summary\" longer than 1024 bytes");
	oh_err_release(&err);

	/* 257 vulnerabilities. */
	oh_buf_reset(&b);
	oh_buf_adds(&b, "{\"results\":[{\"vulns\":[");
	for (int i = 0; i <= OSV_MAX_VULNS; i++)
		oh_buf_addf(&b, "%s{\"id\":\"V-%d\"}", i ? "," : "", i);
	oh_buf_adds(&b, "]}]}");
	ck_assert_int_eq(osv_batch_parse(&ids, &nr, b.buf, b.len, "in", &err),
			 OH_ELIMIT);
	ck_assert_str_eq(err.msg, "more than 256 vulnerabilities");
	oh_err_release(&err);

	/* A body over the byte cap is refused before parsing. */
	ck_assert_int_eq(
		osv_batch_parse(&ids, &nr, b.buf, OSV_MAX_BODY + 1, "in", &err),
		OH_ELIMIT);
	oh_err_release(&err);
	oh_buf_release(&b);
}
END_TEST

START_TEST(test_osv_request)
{
	struct osv_query q[] = {
		{ .commit = "abcdef1" },
		{ .purl = "pkg:npm/x", .version = "1.0" },
	};
	struct osv_query none = { 0 };
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf b = OH_BUF_INIT;

	ck_assert_int_eq(osv_batch_request(&b, q, 2, &err), 0);
	ck_assert_str_eq(b.buf,
			 "{\"queries\":[{\"commit\":\"abcdef1\"},{\"package\":"
			 "{\"purl\":\"pkg:npm/x\"},\"version\":\"1.0\"}]}");
	ck_assert_int_eq(osv_batch_request(&b, &none, 1, &err), OH_EINPUT);
	ck_assert_str_eq(err.msg, "OSV query 1 has no commit or purl");
	oh_err_release(&err);
	ck_assert_int_eq(osv_batch_request(&b, q, OSV_MAX_QUERIES + 1, &err),
			 OH_ELIMIT);
	oh_err_release(&err);
	oh_buf_release(&b);
}
END_TEST

/* next_page_token per result; the page_token in the next request. */
START_TEST(test_osv_pages)
{
	static const char body[] =
		"{\"results\":[{\"vulns\":[{\"id\":\"B-1\"}],"
		"\"next_page_token\":\"tok2\"},"
		"{\"vulns\":[{\"id\":\"A-1\"},{\"id\":\"B-1\"}]}]}";
	static const char *const bad[] = {
		"{\"results\":[{\"next_page_token\":7},{}]}",
		"{\"results\":[{\"next_page_token\":\"\"},{}]}",
		"{\"results\":[{\"next_page_token\":\"a\\nb\"},{}]}",
		"{\"results\":[{}]}", /* one result for two queries */
	};
	struct osv_query q[2] = { { .commit = "c0ffee" },
				  { .purl = "pkg:npm/x@1",
				    .page_token = "tok2" } };
	struct oh_buf req = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	char *next[2];
	char **ids = NULL;
	size_t nr = 0;

	ck_assert_int_eq(osv_batch_parse_pages(&ids, &nr, next, 2, body,
					       strlen(body), "t", &err),
			 0);
	ck_assert_uint_eq(nr, 2);
	ck_assert_str_eq(ids[0], "A-1");
	ck_assert_str_eq(ids[1], "B-1");
	ck_assert_str_eq(next[0], "tok2");
	ck_assert_ptr_null(next[1]);
	free(next[0]);
	for (size_t i = 0; i < nr; i++)
		free(ids[i]);
	free(ids);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(osv_batch_parse_pages(&ids, &nr, next, 2,
						       bad[i], strlen(bad[i]),
						       "t", &err),
				 OH_EINPUT);
		ck_assert_ptr_null(ids);
		ck_assert_ptr_null(next[0]);
		oh_err_release(&err);
	}
	ck_assert_int_eq(osv_batch_request(&req, q, 2, &err), 0);
	ck_assert_str_eq(
		req.buf,
		"{\"queries\":[{\"commit\":\"c0ffee\"},{\"package\":"
		"{\"purl\":\"pkg:npm/x@1\"},\"page_token\":\"tok2\"}]}");
	oh_buf_release(&req);
	oh_err_release(&err);
}
END_TEST

START_TEST(test_osv_id_valid)
{
	ck_assert(osv_id_valid("GHSA-f3xq-8m2v-test"));
	ck_assert(osv_id_valid("RUSTSEC-2026-0001"));
	ck_assert(!osv_id_valid(""));
	ck_assert(!osv_id_valid(".."));
	ck_assert(!osv_id_valid("a/b"));
	ck_assert(!osv_id_valid("a?b"));
	ck_assert(!osv_id_valid("a b"));
}
END_TEST

/* An offline client refuses without touching the network or the URL. */
START_TEST(test_net_offline)
{
	struct net_opts o = NET_OPTS_INIT;
	struct net_client *c = NULL;
	struct net_response r = NET_RESPONSE_INIT;
	struct osv_result res;
	struct osv_query q = { .commit = "abcdef1" };
	struct oh_err err = OH_ERR_INIT;

	o.offline = true;
	ck_assert_int_eq(net_client_new(&c, &o, &err), 0);
	ck_assert(net_client_offline(c));
	ck_assert_int_eq(net_get(&r, c, "http://127.0.0.1:1/x", NULL, &err),
			 OH_ENET);
	ck_assert_str_eq(err.msg, "offline");
	ck_assert_uint_eq(r.attempts, 0);
	oh_err_release(&err);
	ck_assert_int_eq(osv_lookup(&res, c, "http://127.0.0.1:1", &q, 1, &err),
			 OH_ENET);
	ck_assert_str_eq(err.msg, "offline");
	ck_assert_str_eq(err.input, "http://127.0.0.1:1/v1/querybatch");
	ck_assert_uint_eq(res.vuln_nr, 0);
	net_response_release(&r);
	net_client_free(c);
	oh_err_release(&err);
}
END_TEST

/* URLs with credentials or other schemes are refused before any I/O. */
START_TEST(test_net_bad_url)
{
	struct net_opts o = NET_OPTS_INIT;
	struct net_client *c = NULL;
	struct net_response r = NET_RESPONSE_INIT;
	struct oh_err err = OH_ERR_INIT;

	ck_assert_int_eq(net_client_new(&c, &o, &err), 0);
	ck_assert_int_eq(
		net_get(&r, c, "http://u:tok@127.0.0.1:1/", NULL, &err),
		OH_EINPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "credentials in the URL"));
	oh_err_release(&err);
	ck_assert_int_eq(net_get(&r, c, "file:///etc/passwd", NULL, &err),
			 OH_EINPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "only http:// and https://"));
	ck_assert_uint_eq(r.attempts, 0);
	net_response_release(&r);
	net_client_free(c);
	oh_err_release(&err);
}
END_TEST

static void setup(void)
{
	unit_tmpdir();
}

static void teardown(void)
{
	unit_tmpdir_remove();
}

START_TEST(test_store_http_roundtrip)
{
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct http_cache_entry e = { .etag = (char *)"\"v1\"",
				      .fetched_at = 100,
				      .status = 200,
				      .body = (char *)"a\0b",
				      .body_len = 3 };
	struct http_cache_entry got;

	ck_assert_int_eq(store_open(&st, unit_path("c.db"), NULL, &err), 0);
	ck_assert_int_eq(store_http_get(&got, st, "http://x/1", &err),
			 OH_ENOTFOUND);
	ck_assert_int_eq(err.code, OH_OK);
	ck_assert_int_eq(store_http_put(st, "http://x/1", &e, &err), 0);
	ck_assert_int_eq(store_http_touch(st, "http://x/1", 200, &err), 0);
	ck_assert_int_eq(store_http_get(&got, st, "http://x/1", &err), 0);
	ck_assert_str_eq(got.etag, "\"v1\"");
	ck_assert_ptr_null(got.last_modified);
	ck_assert_int_eq(got.fetched_at, 200);
	ck_assert_int_eq(got.status, 200);
	ck_assert_uint_eq(got.body_len, 3);
	ck_assert_mem_eq(got.body, "a\0b", 3);
	http_cache_entry_release(&got);
	store_close(st);
	oh_err_release(&err);
}
END_TEST

/*
 * What OSV is asked, the same for scan and enrich: the commit, a purl
 * with its own @version or the version given; a purl with neither is
 * asked only when the caller does not need a version.
 */
START_TEST(test_osv_queries)
{
	struct osv_query q[2];

	ck_assert_uint_eq(collect_osv_queries(q, "abc", NULL, NULL, true), 1);
	ck_assert_str_eq(q[0].commit, "abc");
	ck_assert_uint_eq(
		collect_osv_queries(q, "abc", "pkg:npm/a@1.0", "2.0", true), 2);
	ck_assert_str_eq(q[1].purl, "pkg:npm/a@1.0");
	ck_assert_ptr_null(q[1].version);
	ck_assert_uint_eq(
		collect_osv_queries(q, NULL, "pkg:npm/a", "2.0", true), 1);
	ck_assert_str_eq(q[0].version, "2.0");
	ck_assert_ptr_null(q[0].commit);
	/* "@" in a namespace is not a version */
	ck_assert_uint_eq(
		collect_osv_queries(q, NULL, "pkg:npm/%40s@x/a", NULL, true),
		0);
	ck_assert_uint_eq(collect_osv_queries(q, NULL, "pkg:npm/a", "", true),
			  0);
	ck_assert_uint_eq(
		collect_osv_queries(q, NULL, "pkg:npm/a", NULL, false), 1);
	ck_assert_ptr_null(q[0].version);
}
END_TEST

Suite *osv_suite(void)
{
	Suite *s = suite_create("osv");
	TCase *tc = tcase_create("parse");
	TCase *tn = tcase_create("net");
	TCase *tcache = tcase_create("cache");

	tcase_add_test(tc, test_osv_batch);
	tcase_add_test(tc, test_osv_vuln_cvss);
	tcase_add_test(tc, test_osv_vuln_dbsev);
	tcase_add_loop_test(tc, test_osv_batch_bad, 0,
			    sizeof(bad_batch) / sizeof(bad_batch[0]));
	tcase_add_loop_test(tc, test_osv_vuln_bad, 0,
			    sizeof(bad_vuln) / sizeof(bad_vuln[0]));
	tcase_add_test(tc, test_osv_limits);
	tcase_add_test(tc, test_osv_request);
	tcase_add_test(tc, test_osv_id_valid);
	tcase_add_test(tc, test_osv_pages);
	tcase_add_test(tc, test_osv_queries);
	suite_add_tcase(s, tc);
	tcase_add_test(tn, test_net_offline);
	tcase_add_test(tn, test_net_bad_url);
	suite_add_tcase(s, tn);
	tcase_add_checked_fixture(tcache, setup, teardown);
	tcase_add_test(tcache, test_store_http_roundtrip);
	suite_add_tcase(s, tcache);
	return s;
}

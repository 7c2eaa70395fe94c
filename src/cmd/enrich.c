/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth enrich REPO_URL`: fetch the online facts about one
 * repository (OSV vulnerabilities; forge activity later) and print them,
 * or why each source is unavailable.  Enrichment is best effort: an
 * unavailable source is a warning and the exit status stays 0.
 */
#include "cmd/cmd.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/enrich.h"
#include "core/err.h"
#include "core/log.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "core/timeutil.h"
#include "facts/bots.h"
#include "net/forge.h"
#include "net/http.h"
#include "net/osv.h"
#include "report/report_enrich.h"
#include "store/store.h"
#include "store/store_http.h"
#include "core/banned.h"

enum {
	OPT_OFFLINE = CMD_OPT_ID,
	OPT_ENRICH,
	OPT_COMMIT,
	OPT_PURL,
	OPT_OSV_URL,
	OPT_FORGE,
	OPT_FORGE_URL,
	OPT_CA_BUNDLE,
	OPT_TIMEOUT,
	OPT_RETRIES,
};

static const struct cmd_opt enrich_opts_table[] = {
	{ "offline", 0, no_argument, OPT_OFFLINE, NULL,
	  "never use the network: every source is unavailable" },
	{ "enrich", 0, required_argument, OPT_ENRICH, "LIST",
	  "sources, comma-separated: osv, forge (default: osv)" },
	{ "commit", 0, required_argument, OPT_COMMIT, "SHA",
	  "commit id to look up in OSV" },
	{ "purl", 0, required_argument, OPT_PURL, "PURL",
	  "package URL (with @version) to look up in OSV" },
	{ "osv-url", 0, required_argument, OPT_OSV_URL, "URL",
	  "OSV API base URL (default: " OSV_DEFAULT_URL ")" },
	{ "forge", 0, required_argument, OPT_FORGE, "KIND",
	  "github, gitlab or gitea (default: from the host of REPO_URL)" },
	{ "forge-url", 0, required_argument, OPT_FORGE_URL, "URL",
	  "forge API base URL (default: from the host of REPO_URL)" },
	{ "ca-bundle", 0, required_argument, OPT_CA_BUNDLE, "FILE",
	  "CA certificates for TLS verification (default: the system's)" },
	{ "timeout", 0, required_argument, OPT_TIMEOUT, "SEC",
	  "time limit per HTTP attempt (default 30)" },
	{ "retries", 0, required_argument, OPT_RETRIES, "N",
	  "extra attempts after a transient failure (default 3)" },
	{ "db", 'd', required_argument, 'd', "FILE",
	  "database holding the HTTP cache (default: osshealth.db)" },
	{ "format", 'f', required_argument, 'f', "FMT",
	  "output format: text (default) or json" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec enrich_spec = {
	.name = "enrich",
	.usage =
		"enrich [--offline] [--enrich LIST] [--commit SHA] [--purl PURL] [--osv-url URL] [--forge KIND] [--forge-url URL] [--ca-bundle FILE] [--timeout SEC] [--retries N] [--db FILE] [--format text|json] REPO_URL",
	.summary =
		"Fetch online facts about one repository: known vulnerabilities from the OSV API (by commit id and by package URL) and, with --enrich forge, activity and adoption from its forge (GitHub, GitLab, Gitea/Forgejo).  Replies are cached in the database and revalidated with ETag/Last-Modified.  A source that cannot be reached is reported as unavailable with the reason; the exit status stays 0.",
	.opts = enrich_opts_table,
};

struct enrich_opts {
	const char *repo;
	const char *commit;
	const char *purl;
	const char *osv_url;
	const char *forge_url;
	enum forge_kind forge_kind;
	const char *db;
	bool osv;
	bool forge;
	enum report_format format;
	struct net_opts net;
};

static int parse_sources(struct enrich_opts *o, const char *list)
{
	const char *p = list;

	o->osv = false;
	o->forge = false;
	while (*p != '\0') {
		size_t n = strcspn(p, ",");

		if (n == 3 && strncmp(p, "osv", 3) == 0)
			o->osv = true;
		else if (n == 5 && strncmp(p, "forge", 5) == 0)
			o->forge = true;
		else
			return cmd_usage_error("enrich",
					       "unknown source '%.*s' in '%s'",
					       (int)n, p, list);
		p += n;
		if (*p == ',')
			p++;
	}
	if (!o->osv && !o->forge)
		return cmd_usage_error("enrich", "no source in '%s'", list);
	return 0;
}

static bool valid_commit(const char *s)
{
	size_t n = strlen(s);

	return n >= 7 && n <= 64 && strspn(s, "0123456789abcdef") == n;
}

/* Credentials in a URL would be printed and sent; refuse them. */
static bool has_userinfo(const char *url)
{
	const char *p = strstr(url, "://");
	size_t host_len;

	if (!p)
		return false;
	p += 3;
	host_len = strcspn(p, "/?#");
	return memchr(p, '@', host_len) != NULL;
}

static int parse_value(struct enrich_opts *o, int c)
{
	long v;

	switch (c) {
	case OPT_ENRICH:
		return parse_sources(o, optarg);
	case OPT_COMMIT:
		if (!valid_commit(optarg))
			return cmd_usage_error(
				"enrich",
				"--commit '%s' is not a lower-case hexadecimal commit id",
				optarg);
		o->commit = optarg;
		return 0;
	case OPT_PURL:
		if (strncmp(optarg, "pkg:", 4) != 0)
			return cmd_usage_error(
				"enrich",
				"--purl '%s' does not start with 'pkg:'",
				optarg);
		o->purl = optarg;
		return 0;
	case OPT_TIMEOUT:
		v = cmd_parse_long(optarg, 1, 3600);
		if (v < 0)
			return cmd_usage_error("enrich",
					       "--timeout '%s' is not 1..3600",
					       optarg);
		o->net.timeout_s = v;
		o->net.connect_timeout_s = v;
		return 0;
	case OPT_RETRIES:
		v = cmd_parse_long(optarg, 0, 10);
		if (v < 0)
			return cmd_usage_error("enrich",
					       "--retries '%s' is not 0..10",
					       optarg);
		o->net.retries = (int)v;
		return 0;
	case OPT_FORGE:
		if (forge_kind_parse(&o->forge_kind, optarg, NULL) < 0)
			return cmd_usage_error(
				"enrich",
				"unknown forge '%s' (github, gitlab, gitea)",
				optarg);
		return 0;
	case 'f':
		if (report_format_parse(&o->format, optarg, NULL) < 0 ||
		    (o->format != REPORT_TEXT && o->format != REPORT_JSON))
			return cmd_usage_error("enrich", "unknown format '%s'",
					       optarg);
		return 0;
	}
	OH_BUG("unhandled option %d", c);
}

static int parse_args(struct enrich_opts *o, int argc, char **argv)
{
	struct cmd_parser p;
	int c;

	cmd_parser_init(&p, &enrich_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case OPT_OFFLINE:
			o->net.offline = true;
			break;
		case OPT_OSV_URL:
			o->osv_url = optarg;
			break;
		case OPT_FORGE_URL:
			o->forge_url = optarg;
			break;
		case OPT_CA_BUNDLE:
			o->net.ca_bundle = optarg;
			break;
		case 'd':
			o->db = optarg;
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &enrich_spec);
			return 1;
		case CMD_OPT_BAD:
			return OH_EXIT_USAGE;
		default:
			if (parse_value(o, c) != 0)
				return OH_EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cmd_usage_error("enrich", "missing REPO_URL");
	o->repo = argv[optind++];
	if (optind < argc)
		return cmd_usage_error("enrich", "unexpected argument '%s'",
				       argv[optind]);
	if (has_userinfo(o->repo) || (o->osv_url && has_userinfo(o->osv_url)) ||
	    (o->forge_url && has_userinfo(o->forge_url)))
		return cmd_usage_error(
			"enrich",
			"credentials in URLs are not accepted; tokens come from the environment");
	return 0;
}

/* Run the OSV lookup; on failure *reason gets a copy of the message. */
static void run_osv(struct osv_result *res, char *reason, size_t size,
		    struct net_client *c, const struct enrich_opts *o)
{
	struct osv_query q[2];
	struct oh_err err = OH_ERR_INIT;
	/* an explicit --purl without a version asks for every release */
	size_t nr = collect_osv_queries(q, o->commit, o->purl, NULL, false);

	reason[0] = '\0';
	if (nr == 0) {
		snprintf(reason, size,
			 "nothing to query: give --commit or --purl");
		return;
	}
	if (net_client_offline(c)) {
		snprintf(reason, size, "offline");
		return;
	}
	if (collect_osv(res, c, o->osv_url, q, nr, &err) < 0)
		oh_err_format(reason, size, &err);
	oh_err_release(&err);
}

/* Run the forge lookup; on failure *reason gets the message. */
static void run_forge(struct collect_forge *f, char *reason, size_t size,
		      struct net_client *c, const struct enrich_opts *o)
{
	struct oh_err err = OH_ERR_INIT;
	struct hist_bots *bots = NULL;
	struct oh_buf path = OH_BUF_INIT;

	reason[0] = '\0';
	f->kind = o->forge_kind;
	if (net_client_offline(c)) {
		snprintf(reason, size, "offline");
		return;
	}
	if (oh_data_file(&path, "rules/bots.json", &err) < 0 ||
	    hist_bots_load(&bots, path.buf, &err) < 0 ||
	    collect_forge(f, c, o->repo, o->forge_kind, o->forge_url, oh_now(),
			  bots, &err) < 0)
		oh_err_format(reason, size, &err);
	hist_bots_free(bots);
	oh_buf_release(&path);
	oh_err_release(&err);
}

static int open_cache(struct store **st, struct enrich_opts *o,
		      struct oh_err *err)
{
	*st = NULL;
	if (o->net.offline)
		return 0;
	if (store_open(st, o->db, NULL, err) < 0)
		return err->code;
	o->net.cache = store_http_cache(*st);
	return 0;
}

int cmd_enrich(int argc, char **argv)
{
	struct enrich_opts o = { .osv = true,
				 .format = REPORT_TEXT,
				 .net = NET_OPTS_INIT };
	struct report_enrich rep = { 0 };
	struct osv_result res = { 0 };
	struct net_client *client = NULL;
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct collect_forge fo = { .kind = FORGE_UNKNOWN };
	char osv_reason[600];
	char forge_reason[600];
	int ret;

	o.net.timeout_s = 30;
	ret = parse_args(&o, argc, argv);
	if (ret != 0)
		return ret == 1 ? OH_EXIT_OK : ret;
	o.net.forge_url = o.forge_url;
	if (open_cache(&st, &o, &err) < 0 ||
	    net_client_new(&client, &o.net, &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	rep = (struct report_enrich){ .repo = o.repo,
				      .commit = o.commit,
				      .purl = o.purl,
				      .osv = { .name = "osv", .wanted = o.osv },
				      .osv_res = &res,
				      .forge = { .name = "forge",
						 .wanted = o.forge } };
	if (o.osv) {
		run_osv(&res, osv_reason, sizeof(osv_reason), client, &o);
		if (osv_reason[0] != '\0') {
			rep.osv.reason = osv_reason;
			oh_warning("osv: enrichment unavailable: %s",
				   osv_reason);
		}
	}
	if (o.forge) {
		run_forge(&fo, forge_reason, sizeof(forge_reason), client, &o);
		rep.forge_kind = forge_kind_name(fo.kind);
		rep.forge_project = fo.project;
		rep.forge_facts = &fo.facts;
		if (forge_reason[0] != '\0') {
			rep.forge.reason = forge_reason;
			oh_warning("forge: enrichment unavailable: %s",
				   forge_reason);
		}
	}
	ret = report_enrich(stdout, &rep, o.format, &err) < 0
		      ? cmd_report_error(&err)
		      : OH_EXIT_OK;
out:
	osv_result_release(&res);
	collect_forge_release(&fo);
	net_client_free(client);
	store_close(st);
	oh_err_release(&err);
	return ret;
}

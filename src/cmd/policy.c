/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth policy VERB`: the origin policy.  Verbs: check (validate a
 * rules file), classify (decide a manifest's components from their
 * declared facts).
 */
#include "cmd/cmd.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "policy/policy.h"
#include "report/report.h"
#include "report/report_policy.h"
#include "scan/manifest.h"
#include "scan/scan.h"
#include "store/store.h"
#include "store/store_scan.h"
#include "core/banned.h"

static const struct cmd_opt check_opts[] = {
	{ "format", 'f', required_argument, 'f', "FMT",
	  "output format: text (default) or json" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec check_spec = {
	.name = "policy check",
	.usage = "policy check [--format text|json] RULES.json",
	.summary =
		"Validate an origin-policy rules file (docs/policy.md): JSON syntax, types, keys, decisions, country codes and every PCRE2 pattern.  Errors give line:col.  Exit 0 valid, 1 invalid, 2 unreadable.",
	.opts = check_opts,
};

static const struct cmd_opt classify_opts[] = {
	{ "profile", 'p', required_argument, 'p', "NAME",
	  "jurisdiction profile (default: the rules' default_profile)" },
	{ "rules", 'r', required_argument, 'r', "FILE",
	  "rules file (default: rules/policy.json of the data directory)" },
	{ "format", 'f', required_argument, 'f', "FMT",
	  "output format: text (default) or json" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec classify_spec = {
	.name = "policy classify",
	.usage =
		"policy classify [--profile NAME] [--rules FILE] [--format text|json] MANIFEST.json",
	.summary =
		"Classify a manifest's components as ACCEPT, EVALUATE or AVOID from their declared facts only (no scan: health questions are answered \"unknown\").  Exit 1 when a component is AVOID.",
	.opts = classify_opts,
};

static const struct cmd_opt explain_opts[] = {
	{ "db", 'd', required_argument, 'd', "FILE",
	  "database file (default: osshealth.db)" },
	{ "run", 'r', required_argument, 'r', "ID",
	  "the review run (default: the newest)" },
	{ "format", 'f', required_argument, 'f', "FMT",
	  "text (default) or json" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec explain_spec = {
	.name = "policy explain",
	.usage =
		"policy explain [--db FILE] [--run ID] [--format text|json] COMPONENT",
	.summary =
		"Show the origin-policy decision a scan recorded for COMPONENT: the profile, every rule that fired with the facts it used, the security-critical verdict and why, the answers to the EVALUATE questions from the health results, and the evidence notes.  Exit 1 when the decision is AVOID.",
	.opts = explain_opts,
};

static const struct cmd_opt policy_opts_none[] = {
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec policy_spec = {
	.name = "policy",
	.usage =
		"policy check [--format text|json] RULES.json\n"
		"policy classify [--profile NAME] [--rules FILE] [--format text|json] MANIFEST.json\n"
		"policy explain [--db FILE] [--run ID] [--format text|json] COMPONENT",
	.summary =
		"The origin policy (docs/policy.md).  Verbs:\n  check     validate a rules file\n  classify  decide a manifest's components from declared facts\n  explain   the decision a scan recorded, with every rule and fact",
	.opts = policy_opts_none,
};

static int parse_format(bool *json, const char *verb, const char *arg)
{
	enum report_format f;

	if (report_format_parse(&f, arg, NULL) < 0 ||
	    (f != REPORT_TEXT && f != REPORT_JSON))
		return cmd_usage_error(verb, "unknown format '%s'", arg);
	*json = f == REPORT_JSON;
	return 0;
}

static int policy_check(int argc, char **argv)
{
	struct policy_rules *r = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct cmd_parser p;
	bool json = false;
	int ret;
	int c;

	cmd_parser_init(&p, &check_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'f':
			if (parse_format(&json, "policy check", optarg) != 0)
				return OH_EXIT_USAGE;
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &check_spec);
			return OH_EXIT_OK;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error("policy check",
				       optind < argc
					       ? "unexpected argument '%s'"
					       : "a rules file is required%s",
				       optind < argc ? argv[optind + 1] : "");
	ret = policy_rules_load(&r, argv[optind], &err);
	if (ret == OH_EIO || ret == OH_ENOTFOUND) {
		ret = cmd_report_error(&err);
		goto out;
	}
	report_policy_check(stdout, argv[optind], r, &err,
			    json ? REPORT_JSON : REPORT_TEXT);
	ret = r ? OH_EXIT_OK : OH_EXIT_FAILED;
out:
	policy_rules_free(r);
	oh_err_release(&err);
	return ret;
}

struct classify_opts {
	const char *profile; /* --profile, or NULL */
	const char *rules;   /* --rules, or NULL */
	bool json;           /* --format json */
};

static int classify_all(struct manifest *m, const struct policy_rules *r,
			const struct classify_opts *o)
{
	const struct policy_profile *prof = policy_profile_find(r, o->profile);
	struct policy_result *res;
	const char **names;
	int ret = OH_EXIT_OK;

	if (!prof)
		return cmd_usage_error("policy classify",
				       "no profile '%s' in the rules",
				       o->profile);
	res = oh_xcalloc(m->component_nr + 1, sizeof(*res));
	names = oh_xcalloc(m->component_nr + 1, sizeof(*names));
	for (size_t i = 0; i < m->component_nr; i++) {
		struct policy_component f;
		struct policy_health h;

		scan_policy_declared(&f, &h, &m->component[i]);
		policy_classify(&res[i], r, prof, &f, &h);
		names[i] = m->component[i].name;
		if (res[i].decision == POLICY_AVOID)
			ret = OH_EXIT_FAILED;
	}
	report_policy_classify(
		stdout, prof,
		o->rules ? o->rules : "rules/policy.json (shipped)", names, res,
		m->component_nr, o->json ? REPORT_JSON : REPORT_TEXT);
	free(names);
	free(res);
	return ret;
}

static int policy_classify_cmd(int argc, char **argv)
{
	struct classify_opts o = { NULL, NULL, false };
	struct policy_rules *r = NULL;
	struct manifest *m = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct cmd_parser p;
	int ret;
	int c;

	cmd_parser_init(&p, &classify_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'p':
			o.profile = optarg;
			break;
		case 'r':
			o.rules = optarg;
			break;
		case 'f':
			if (parse_format(&o.json, "policy classify", optarg) !=
			    0)
				return OH_EXIT_USAGE;
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &classify_spec);
			return OH_EXIT_OK;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error("policy classify",
				       optind < argc
					       ? "unexpected argument '%s'"
					       : "a manifest is required%s",
				       optind < argc ? argv[optind + 1] : "");
	if (policy_rules_load(&r, o.rules, &err) < 0 ||
	    manifest_load(&m, argv[optind], &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	ret = classify_all(m, r, &o);
out:
	manifest_free(m);
	policy_rules_free(r);
	oh_err_release(&err);
	return ret;
}

static int explain_parse(const char **db, long *run, bool *json, int argc,
			 char **argv)
{
	struct cmd_parser p;
	int c;

	cmd_parser_init(&p, &explain_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'd':
			*db = optarg;
			break;
		case 'r':
			*run = cmd_parse_long(optarg, 1, 2147483647L);
			if (*run < 0)
				return cmd_usage_error(
					"policy explain",
					"--run wants a run id, not '%s'",
					optarg);
			break;
		case 'f':
			if (parse_format(json, "policy explain", optarg) != 0)
				return OH_EXIT_USAGE;
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &explain_spec);
			return -1;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error("policy explain",
				       "name exactly one component");
	return 0;
}

static int policy_explain(int argc, char **argv)
{
	struct store_open_opts so = STORE_OPEN_OPTS_INIT;
	struct store_run_report rr = { 0 };
	struct oh_err err = OH_ERR_INIT;
	const struct store_component_row *c;
	struct store *st = NULL;
	const char *db = NULL;
	long run = 0;
	bool json = false;
	enum report_format fmt;
	int ret = explain_parse(&db, &run, &json, argc, argv);

	if (ret != 0)
		return ret < 0 ? OH_EXIT_OK : ret;
	so.flags = STORE_READONLY;
	if (store_open(&st, db, &so, &err) < 0 ||
	    store_run_report_load(&rr, st, run, &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	c = store_run_report_find(&rr, argv[optind]);
	fmt = json ? REPORT_JSON : REPORT_TEXT;
	if (!c || !report_fact(c, report_policy_explain_fact(fmt))) {
		oh_err_set(
			&err, OH_ENOTFOUND, store_path(st), 0, 0,
			c ? "run %lld has no policy decision for '%.60s' (the scan failed: %s)"
			  : "run %lld has no component '%.60s'%s",
			(long long)rr.run_id, argv[optind], c ? c->error : "");
		ret = cmd_report_error(&err);
		goto out;
	}
	report_policy_explain(stdout, (long long)rr.run_id, c, fmt);
	ret = strcmp(c->decision, "AVOID") == 0 ? OH_EXIT_FAILED : OH_EXIT_OK;
out:
	store_run_report_release(&rr);
	store_close(st);
	oh_err_release(&err);
	return ret;
}

static const struct cmd_verb verbs[] = {
	{ "check", policy_check },
	{ "classify", policy_classify_cmd },
	{ "explain", policy_explain },
};

int cmd_policy(int argc, char **argv)
{
	return cmd_dispatch_verbs("policy", &policy_spec, verbs,
				  sizeof(verbs) / sizeof(verbs[0]), argc, argv);
}

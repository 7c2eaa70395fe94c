/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth scan`: review the components of manifests, URLs and paths,
 * recording a review run in the database.
 */
#include "cmd/cmd.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "license/policy_gate.h"
#include "net/forge.h"
#include "policy/decide.h"
#include "report/report_summary.h"
#include "scan/bom.h"
#include "scan/manifest.h"
#include "scan/scan.h"
#include "scan/shard.h"
#include "store/store.h"
#include "core/banned.h"

#ifndef OH_VERSION
#define OH_VERSION "0.0.0-unknown"
#endif

enum {
	OPT_NEW_RUN = CMD_OPT_ID,
	OPT_OFFLINE,
	OPT_TIMEOUT,
	OPT_CACHE,
	OPT_PROFILE,
	OPT_POLICY,
	OPT_ENRICH,
	OPT_OSV_URL,
	OPT_FORGE_URL,
	OPT_FORGE,
	OPT_LICENSE_POLICY,
	OPT_WAIVERS,
	OPT_VULNS,
	OPT_SHARD,
};

static const struct cmd_opt scan_opts_table[] = {
	{ "db", 'd', required_argument, 'd', "FILE",
	  "database file (default: osshealth.db)" },
	{ "jobs", 'j', required_argument, 'j', "N",
	  "components scanned in parallel (default: number of cores)" },
	{ "cache", 0, required_argument, OPT_CACHE, "DIR",
	  "mirror cache for remote repositories" },
	{ "timeout", 0, required_argument, OPT_TIMEOUT, "SEC",
	  "time limit per component (default 600)" },
	{ "profile", 0, required_argument, OPT_PROFILE, "NAME",
	  "origin-policy profile: default, uk, eu, ca, au, jp, kr" },
	{ "policy", 0, required_argument, OPT_POLICY, "FILE",
	  "policy rules file (default: rules/policy.json)" },
	{ "license-policy", 0, required_argument, OPT_LICENSE_POLICY, "FILE",
	  "license policy of the overall decision (default: OSI-approved allowed, other free licenses to review, the rest denied)" },
	{ "waivers", 0, required_argument, OPT_WAIVERS, "FILE",
	  "reviewed exceptions to apply (docs/policy.md, Waivers)" },
	{ "enrich", 0, required_argument, OPT_ENRICH, "LIST",
	  "online sources: osv, forge or osv,forge (default: none)" },
	{ "osv-url", 0, required_argument, OPT_OSV_URL, "URL",
	  "OSV API base URL (default: https://api.osv.dev)" },
	{ "vulns", 0, required_argument, OPT_VULNS, "MODE",
	  "known vulnerabilities: local (imported records), online (OSV API) or off; default: online with --enrich osv, else local" },
	{ "forge", 0, required_argument, OPT_FORGE, "KIND",
	  "github, gitlab or gitea, for repository hosts that do not tell" },
	{ "forge-url", 0, required_argument, OPT_FORGE_URL, "URL",
	  "forge API base URL (default: derived from each repository URL)" },
	{ "offline", 0, no_argument, OPT_OFFLINE, NULL,
	  "never use the network" },
	{ "shard", 0, required_argument, OPT_SHARD, "I/N",
	  "review only shard I of N (0 <= I < N) of the components; merge the shards with `db merge`" },
	{ "new-run", 0, no_argument, OPT_NEW_RUN, NULL,
	  "start a new review run even if an interrupted one matches" },
	{ "quiet", 'q', no_argument, 'q', NULL, "no progress, errors only" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec scan_spec = {
	.name = "scan",
	.usage =
		"scan [-q] [--offline] [--new-run] [--db FILE] [--jobs N] [--cache DIR] [--timeout SEC] [--profile NAME] [--policy FILE] [--license-policy FILE] [--waivers FILE] [--enrich LIST] [--osv-url URL] [--vulns MODE] [--forge KIND] [--forge-url URL] [--shard I/N] MANIFEST|SBOM|URL|PATH...",
	.summary =
		"Review the components listed in manifests (JSON, see docs/manifest.md) or SBOMs (SPDX 2.2/2.3 JSON, YAML, tag-value, RDF/XML or SPDX XML; SPDX 3.0 JSON-LD; CycloneDX JSON or XML), or given as repository URLs and paths: collect facts, evaluate the health checks and record a review run in the database.  An interrupted scan is resumed by running the same command again.",
	.opts = scan_opts_table,
};

#define PROGRESS_SLOTS 8

struct progress {
	bool tty;                            /* draw a progress line */
	time_t start;                        /* for the elapsed time */
	const char *running[PROGRESS_SLOTS]; /* components in flight */
};

/* "[#####-----] 5/11 00:12 scanning a, b" on one rewritable line. */
static void draw(const struct progress *p, size_t finished, size_t total)
{
	char bar[21];
	char names[160] = "";
	size_t fill = total > 0 ? finished * 20 / total : 20;
	long secs = (long)(time(NULL) - p->start);
	size_t used = 0;

	for (size_t i = 0; i < 20; i++)
		bar[i] = i < fill ? '#' : '-';
	bar[20] = '\0';
	for (size_t i = 0; i < PROGRESS_SLOTS; i++) {
		int n;

		if (!p->running[i])
			continue;
		n = snprintf(names + used, sizeof(names) - used, "%s%s",
			     used > 0 ? ", " : "", p->running[i]);
		if (n < 0 || (size_t)n >= sizeof(names) - used)
			break;
		used += (size_t)n;
	}
	oh_progress("[%s] %zu/%zu %02ld:%02ld %s%s", bar, finished, total,
		    secs / 60, secs % 60, used > 0 ? "scanning " : "", names);
}

static void track(struct progress *p, const char *name, bool start)
{
	for (size_t i = 0; i < PROGRESS_SLOTS; i++) {
		if (start && !p->running[i]) {
			p->running[i] = name;
			return;
		}
		if (!start && p->running[i] == name) {
			p->running[i] = NULL;
			return;
		}
	}
}

static void on_event(const struct scan_event *ev, void *payload)
{
	struct progress *p = payload;

	if (p->tty && ev->kind != SCAN_EV_SKIPPED) {
		track(p, ev->name, ev->kind == SCAN_EV_START);
		draw(p, ev->finished, ev->total);
	}
	switch (ev->kind) {
	case SCAN_EV_START:
		break;
	case SCAN_EV_DONE:
		oh_info("scanned %s (%zu/%zu)", ev->name, ev->finished,
			ev->total);
		break;
	case SCAN_EV_SKIPPED:
		oh_info("%s: already done in this run, skipped", ev->name);
		break;
	case SCAN_EV_FAILED:
		oh_warning("%s: %s", ev->name, ev->message);
		break;
	}
}

static void on_signal(int sig)
{
	(void)sig;
	scan_interrupt();
}

static bool is_manifest_file(const char *arg)
{
	struct stat st;

	return stat(arg, &st) == 0 && S_ISREG(st.st_mode);
}

static int build_manifest(struct manifest *all, int argc, char **argv,
			  struct oh_err *err)
{
	for (int i = 0; i < argc; i++) {
		struct manifest *m = NULL;
		int ret;

		if (!is_manifest_file(argv[i])) {
			if (manifest_add_source(all, argv[i], err) < 0)
				return err->code;
			continue;
		}
		if (bom_load(&m, argv[i], err) < 0)
			return err->code;
		for (size_t k = 0; k < m->warning_nr; k++)
			oh_warning("%s: %s", argv[i], m->warning[k]);
		ret = manifest_append(all, m, err);
		manifest_free(m);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static int parse_enrich(unsigned *out, const char *list)
{
	const char *p = list;

	*out = 0;
	while (*p != '\0') {
		size_t n = strcspn(p, ",");

		if (n == 3 && strncmp(p, "osv", 3) == 0)
			*out |= SCAN_ENRICH_OSV;
		else if (n == 5 && strncmp(p, "forge", 5) == 0)
			*out |= SCAN_ENRICH_FORGE;
		else
			return -1;
		p += n;
		if (*p == ',')
			p++;
	}
	return *out == 0 ? -1 : 0;
}

/* Files the overall decision reads, named on the command line. */
struct decide_files {
	const char *license_policy; /* --license-policy; NULL: default */
	const char *waivers;        /* --waivers; or NULL */
};

static int parse(struct scan_opts *o, struct decide_files *df, const char **db,
		 int argc, char **argv)
{
	struct scan_shard shard;
	enum forge_kind kind;
	struct cmd_parser p;
	long v;
	int c;

	cmd_parser_init(&p, &scan_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'd':
			*db = optarg;
			break;
		case 'j':
			v = cmd_parse_long(optarg, 1, SCAN_MAX_JOBS);
			if (v < 0)
				return cmd_usage_error(
					"scan",
					"--jobs wants a number from 1 to %d, not '%s'",
					SCAN_MAX_JOBS, optarg);
			o->jobs = (unsigned)v;
			break;
		case OPT_TIMEOUT:
			v = cmd_parse_long(optarg, 1, 86400);
			if (v < 0)
				return cmd_usage_error(
					"scan",
					"--timeout wants seconds from 1 to 86400, not '%s'",
					optarg);
			o->timeout = (unsigned)v;
			break;
		case OPT_CACHE:
			o->cache_dir = optarg;
			break;
		case OPT_OFFLINE:
			o->offline = true;
			break;
		case OPT_PROFILE:
			o->profile = optarg;
			break;
		case OPT_ENRICH:
			if (parse_enrich(&o->enrich, optarg) < 0)
				return cmd_usage_error(
					"scan",
					"--enrich wants osv, forge or osv,forge, not '%s'",
					optarg);
			break;
		case OPT_OSV_URL:
			o->osv_url = optarg;
			break;
		case OPT_VULNS:
			if (strcmp(optarg, "local") == 0)
				o->vulns = SCAN_VULNS_LOCAL;
			else if (strcmp(optarg, "online") == 0)
				o->vulns = SCAN_VULNS_ONLINE;
			else if (strcmp(optarg, "off") == 0)
				o->vulns = SCAN_VULNS_OFF;
			else
				return cmd_usage_error(
					"scan",
					"--vulns wants local, online or off, not '%s'",
					optarg);
			break;
		case OPT_FORGE_URL:
			o->forge_url = optarg;
			break;
		case OPT_FORGE:
			if (forge_kind_parse(&kind, optarg, NULL) < 0)
				return cmd_usage_error(
					"scan",
					"--forge wants github, gitlab or gitea, not '%s'",
					optarg);
			o->forge_kind = optarg;
			break;
		case OPT_POLICY:
			o->policy_rules = optarg;
			break;
		case OPT_LICENSE_POLICY:
			df->license_policy = optarg;
			break;
		case OPT_WAIVERS:
			df->waivers = optarg;
			break;
		case OPT_NEW_RUN:
			o->new_run = true;
			break;
		case OPT_SHARD:
			if (scan_shard_parse(&shard, optarg) < 0)
				return cmd_usage_error(
					"scan",
					"--shard wants I/N with 0 <= I < N <= %d, not '%s'",
					SCAN_SHARD_MAX, optarg);
			o->shard_index = shard.index;
			o->shard_count = shard.count;
			break;
		case 'q':
			oh_log_set_level(OH_LOG_QUIET);
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &scan_spec);
			return -1;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cmd_usage_error(
			"scan", "name at least one manifest, URL or path");
	/* --vulns decides where vulnerabilities come from */
	if (o->vulns == SCAN_VULNS_ONLINE)
		o->enrich |= SCAN_ENRICH_OSV;
	else if (o->vulns != SCAN_VULNS_AUTO)
		o->enrich &= ~(unsigned)SCAN_ENRICH_OSV;
	if (o->offline && o->enrich != 0) {
		oh_warning("--offline: online enrichment (--enrich) is off");
		o->enrich = 0;
	}
	return 0;
}

/* The license policy, health thresholds and waivers (policy/decide.h). */
static int load_decide(struct lic_policy *lp, struct policy_gates **gates,
		       struct policy_waivers **waivers,
		       const struct decide_files *df, struct oh_err *err)
{
	if (df->license_policy) {
		if (lic_policy_load(lp, df->license_policy, err) < 0)
			return err->code;
	} else {
		lic_policy_default(lp);
	}
	if (policy_gates_load(gates, NULL, err) < 0)
		return err->code;
	if (df->waivers && policy_waivers_load(waivers, df->waivers, err) < 0)
		return err->code;
	return 0;
}

int cmd_scan(int argc, char **argv)
{
	struct scan_opts opts = SCAN_OPTS_INIT;
	struct scan_summary sum;
	struct progress prog = { .tty = oh_log_progress_enabled(),
				 .start = time(NULL) };
	struct manifest *m = manifest_new("<args>");
	struct store *st = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct decide_files df = { NULL, NULL };
	struct lic_policy lp = { 0 };
	struct policy_gates *gates = NULL;
	struct policy_waivers *waivers = NULL;
	const char *db = NULL;
	char digest[65];
	char *all_inputs = NULL;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int ret;

	opts.jobs = cores > 0 ? (unsigned)cores : 1;
	ret = parse(&opts, &df, &db, argc, argv);
	if (ret != 0) {
		ret = ret < 0 ? OH_EXIT_OK : ret;
		goto out;
	}
	opts.now = oh_now();
	opts.tool_version = OH_VERSION;
	if (load_decide(&lp, &gates, &waivers, &df, &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	opts.license_policy = &lp;
	opts.gates = gates;
	opts.waivers = waivers;
	if (build_manifest(m, argc - optind, argv + optind, &err) < 0 ||
	    store_open(&st, db, NULL, &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	if (opts.shard_count > 0) {
		/* The whole inputs identify the shards' common review. */
		scan_inputs_digest(digest, m);
		all_inputs = scan_inputs_names(m);
		opts.inputs_digest = digest;
		opts.all_inputs = all_inputs;
		scan_shard_select(m, &(struct scan_shard){ opts.shard_index,
							   opts.shard_count });
		oh_info("shard %u/%u: %zu components", opts.shard_index,
			opts.shard_count, m->component_nr);
	}
	install_signals();
	if (scan_run(&sum, st, m, &opts, on_event, &prog, &err) < 0) {
		oh_progress_done();
		ret = cmd_report_error(&err);
		goto out;
	}
	oh_progress_done();
	report_scan_summary(stdout, &sum, m);
	if (sum.unreviewed > 0 && m->unreviewed_nr > REPORT_UNREVIEWED_SHOWN)
		oh_info("... and %zu more",
			m->unreviewed_nr - REPORT_UNREVIEWED_SHOWN);
	if (sum.interrupted)
		oh_warning(
			"interrupted: run the same command again to resume run %lld",
			(long long)sum.run_id);
	ret = sum.failed > 0 || sum.interrupted ? OH_EXIT_PARTIAL : OH_EXIT_OK;
out:
	store_close(st);
	manifest_free(m);
	lic_policy_release(&lp);
	policy_gates_free(gates);
	policy_waivers_free(waivers);
	free(all_inputs);
	oh_err_release(&err);
	return ret;
}

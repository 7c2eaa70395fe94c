/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth data VERB`: manage the data files.  Verbs: update (download
 * the SPDX license list and install it atomically).
 */
#include "cmd/cmd.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "net/http.h"
#include "license/spdxdata.h"
#include "report/report_summary.h"
#include "core/banned.h"

enum {
	OPT_OFFLINE = CMD_OPT_ID,
	OPT_FROM,
	OPT_DIR,
	OPT_CA_BUNDLE,
	OPT_TIMEOUT,
};

static const struct cmd_opt update_opts[] = {
	{ "offline", 0, no_argument, OPT_OFFLINE, NULL,
	  "never use the network (the update then fails)" },
	{ "from", 0, required_argument, OPT_FROM, "URL",
	  "SPDX licenses.json to download (default: the SPDX license-list-data repository)" },
	{ "dir", 0, required_argument, OPT_DIR, "DIR",
	  "licenses directory to update (default: the data directory's)" },
	{ "ca-bundle", 0, required_argument, OPT_CA_BUNDLE, "FILE",
	  "CA certificates for TLS verification (default: the system's)" },
	{ "timeout", 0, required_argument, OPT_TIMEOUT, "SEC",
	  "time limit per HTTP attempt (default 60)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec update_spec = {
	.name = "data update",
	.usage =
		"data update [--offline] [--from URL] [--dir DIR] [--ca-bundle FILE] [--timeout SEC]",
	.summary =
		"Download the SPDX license list (licenses.json), validate it and replace licenses/licenses.tsv atomically.  If the new list does not load with the other data files, the old one is kept.",
	.opts = update_opts,
};

static const struct cmd_opt data_opts_none[] = {
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec data_spec = {
	.name = "data",
	.usage =
		"data update [--offline] [--from URL] [--dir DIR] [--ca-bundle FILE] [--timeout SEC]",
	.summary =
		"Manage osshealth's data files.  Verbs:\n  update    download the SPDX license list and install it atomically",
	.opts = data_opts_none,
};

struct update_opts {
	const char *from;
	const char *dir;
	struct net_opts net;
};

static int parse_update(struct update_opts *o, int argc, char **argv)
{
	struct cmd_parser p;
	long v;
	int c;

	cmd_parser_init(&p, &update_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case OPT_OFFLINE:
			o->net.offline = true;
			break;
		case OPT_FROM:
			o->from = optarg;
			break;
		case OPT_DIR:
			o->dir = optarg;
			break;
		case OPT_CA_BUNDLE:
			o->net.ca_bundle = optarg;
			break;
		case OPT_TIMEOUT:
			v = cmd_parse_long(optarg, 1, 3600);
			if (v < 0)
				return cmd_usage_error(
					"data update",
					"--timeout '%s' is not 1..3600",
					optarg);
			o->net.timeout_s = v;
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &update_spec);
			return 1;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cmd_usage_error("data update",
				       "unexpected argument '%s'",
				       argv[optind]);
	return 0;
}

static int data_update(int argc, char **argv)
{
	struct update_opts o = { .from = LIC_SPDX_DEFAULT_URL,
				 .net = NET_OPTS_INIT };
	struct net_response r = NET_RESPONSE_INIT;
	struct lic_spdx_list list = { 0 };
	struct net_client *c = NULL;
	struct oh_buf dir = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	size_t old_nr = 0;
	int ret;

	o.net.max_bytes = LIC_SPDX_MAX_BODY;
	ret = parse_update(&o, argc, argv);
	if (ret != 0)
		return ret == 1 ? OH_EXIT_OK : ret;
	if (o.dir) {
		oh_buf_adds(&dir, o.dir);
	} else if (oh_data_dir(&dir, &err) == 0) {
		oh_buf_adds(&dir, "/licenses");
	}
	if (err.code != OH_OK || net_client_new(&c, &o.net, &err) < 0 ||
	    net_get(&r, c, o.from, NULL, &err) < 0 ||
	    lic_spdx_parse(&list, r.body.buf, r.body.len, o.from, &err) < 0 ||
	    lic_spdx_install(&old_nr, &list, dir.buf, o.from, &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	report_data_update(stdout, dir.buf, list.version, list.nr, old_nr);
	ret = OH_EXIT_OK;
out:
	lic_spdx_release(&list);
	net_response_release(&r);
	net_client_free(c);
	oh_buf_release(&dir);
	oh_err_release(&err);
	return ret;
}

int cmd_data(int argc, char **argv)
{
	if (argc < 2) {
		cmd_help_print(stderr, &data_spec);
		return OH_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cmd_help_print(stdout, &data_spec);
		return OH_EXIT_OK;
	}
	if (strcmp(argv[1], "update") == 0)
		return data_update(argc - 1, argv + 1);
	return cmd_usage_error("data", "'%s' is not a data verb (update)",
			       argv[1]);
}

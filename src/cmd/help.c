/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth help [COMMAND]` and `osshealth version`.
 */
#include "cmd/cmd.h"

#include <stdio.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "report/report_summary.h"
#include "core/banned.h"

#ifndef OH_VERSION
#define OH_VERSION "0.0.0-unknown"
#endif

static const struct cmd_opt help_opts[] = {
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec help_spec = {
	.name = "help",
	.usage = "help [COMMAND]",
	.summary = "Show the list of commands, or the help of one command.",
	.opts = help_opts,
};

int cmd_help(int argc, char **argv)
{
	struct cmd_parser p;
	int c;

	cmd_parser_init(&p, &help_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		if (c == CMD_OPT_HELP) {
			cmd_help_print(stdout, &help_spec);
			return OH_EXIT_OK;
		}
		return OH_EXIT_USAGE;
	}
	if (optind >= argc) {
		main_print_commands(stdout);
		return OH_EXIT_OK;
	}
	if (optind + 1 < argc)
		return cmd_usage_error("help", "unexpected argument '%s'",
				       argv[optind + 1]);
	return main_run_command_help(argv[optind]);
}

static const struct cmd_opt version_opts[] = {
	{ "verbose", 'v', no_argument, 'v', NULL,
	  "also print library versions and the data directory" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec version_spec = {
	.name = "version",
	.usage = "version [-v]",
	.summary =
		"Print the version of osshealth; with -v also the versions of the libraries it uses and where it finds its data files.",
	.opts = version_opts,
};

int cmd_version(int argc, char **argv)
{
	struct cmd_parser p;
	struct oh_buf dir = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	int verbose = 0;
	int c;

	cmd_parser_init(&p, &version_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'v':
			verbose = 1;
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &version_spec);
			return OH_EXIT_OK;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (optind < argc)
		return cmd_usage_error("version", "unexpected argument '%s'",
				       argv[optind]);
	if (verbose && oh_data_dir(&dir, &err) < 0)
		oh_buf_reset(&dir);
	report_version(stdout, OH_VERSION, verbose, dir.len ? dir.buf : NULL);
	oh_buf_release(&dir);
	oh_err_release(&err);
	return OH_EXIT_OK;
}

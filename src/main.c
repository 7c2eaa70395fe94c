/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * osshealth: global options, the command table, dispatch, and the final
 * stdout flush check that turns a failed write into a failure exit.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/log.h"
#include "core/banned.h"

enum cmd_flags {
	CMD_NEEDS_DB = 1u << 0, /* takes --db FILE */
	CMD_HIDDEN = 1u << 1,   /* not listed by `help` */
};

struct cmd_entry {
	const char *name;        /* subcommand word */
	int (*fn)(int, char **); /* cmd_<name>() */
	const char *summary;     /* one line for `osshealth help` */
	unsigned flags;          /* enum cmd_flags */
};

static const struct cmd_entry commands[] = {
	{ "data", cmd_data, "update: refresh data files (SPDX license list)",
	  0 },
	{ "db", cmd_db, "inspect the osshealth database: info, upgrade, merge",
	  CMD_NEEDS_DB },
	{ "dco", cmd_dco, "check DCO sign-offs of a range of commits", 0 },
	{ "diff", cmd_diff, "what changed between two review runs",
	  CMD_NEEDS_DB },
	{ "enrich", cmd_enrich,
	  "online facts: vulnerabilities (OSV), forge activity", CMD_NEEDS_DB },
	{ "help", cmd_help, "show help for osshealth or a command", 0 },
	{ "history", cmd_history,
	  "history facts and activity metrics of a repository", 0 },
	{ "license", cmd_license,
	  "licensing of a repository; pre-merge license gate", 0 },
	{ "mirror", cmd_mirror,
	  "clone or fetch repositories into the mirror cache", CMD_NEEDS_DB },
	{ "policy", cmd_policy,
	  "origin policy: check rules, classify components, explain a decision",
	  0 },
	{ "report", cmd_report,
	  "render a review run (text, json, md, csv, html, sarif, junit)",
	  CMD_NEEDS_DB },
	{ "sbom", cmd_sbom, "SPDX SBOMs: validate, generate, verify, convert",
	  0 },
	{ "scan", cmd_scan, "review components and record a review run",
	  CMD_NEEDS_DB },
	{ "version", cmd_version, "show version, libraries and data paths", 0 },
	{ "vulns", cmd_vulns,
	  "OSV records offline: import, check a revision or package",
	  CMD_NEEDS_DB },
};

#define COMMANDS_NR (sizeof(commands) / sizeof(commands[0]))

static const char main_usage[] =
	"usage: osshealth [-q | -v] [--version] [--help] COMMAND [ARGS...]";

void main_print_commands(FILE *fp)
{
	fprintf(fp, "%s\n\nCommands:\n", main_usage);
	for (size_t i = 0; i < COMMANDS_NR; i++)
		if ((commands[i].flags & CMD_HIDDEN) == 0)
			fprintf(fp, "  %-10s %s\n", commands[i].name,
				commands[i].summary);
	fputs("\nGlobal options:\n"
	      "  -q, --quiet    errors only, no warnings or progress\n"
	      "  -v, --verbose  also print informational messages\n"
	      "  --version      print the version and exit\n"
	      "  -h, --help     show this help and exit\n"
	      "\nRun 'osshealth help COMMAND' for a command's options; "
	      "'man osshealth' for more.\n"
	      "Exit status: 0 ok, 1 a check failed, 2 usage or input error, "
	      "3 partial batch failure, 4 internal failure.\n",
	      fp);
}

static const struct cmd_entry *find_command(const char *name)
{
	for (size_t i = 0; i < COMMANDS_NR; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	const char *words[COMMANDS_NR + 1];
	const char *best;

	for (size_t i = 0; i < COMMANDS_NR; i++)
		words[i] = commands[i].name;
	words[COMMANDS_NR] = NULL;
	best = cmd_suggest(name, words);
	if (best)
		oh_error(
			"'%s' is not a command (did you mean '%s'?); try 'osshealth help'",
			name, best);
	else
		oh_error("'%s' is not a command; try 'osshealth help'", name);
	return OH_EXIT_USAGE;
}

int main_run_command_help(const char *name)
{
	const struct cmd_entry *c = find_command(name);
	char *argv[] = { (char *)name, (char *)"--help", NULL };

	if (!c)
		return unknown_command(name);
	return c->fn(2, argv);
}

/* Global options come before the command word. */
static int parse_global(int argc, char **argv, int *ret)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			oh_log_set_level(OH_LOG_QUIET);
		} else if (strcmp(a, "-v") == 0 ||
			   strcmp(a, "--verbose") == 0) {
			oh_log_set_level(OH_LOG_VERBOSE);
		} else if (strcmp(a, "--version") == 0) {
			char *vargv[] = { (char *)"version", NULL };

			*ret = cmd_version(1, vargv);
			return -1;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			main_print_commands(stdout);
			*ret = OH_EXIT_OK;
			return -1;
		} else if (strcmp(a, "--") == 0) {
			return i + 1;
		} else {
			oh_error("unknown option '%s'; try 'osshealth --help'",
				 a);
			*ret = OH_EXIT_USAGE;
			return -1;
		}
	}
	return i;
}

static int finish(int ret)
{
	/* A result that could not be written is not a success. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		oh_error("cannot write to standard output: %s",
			 strerror(errno ? errno : EIO));
		return ret == OH_EXIT_OK ? OH_EXIT_INTERNAL : ret;
	}
	return ret;
}

int main(int argc, char **argv)
{
	const struct cmd_entry *c;
	int ret = OH_EXIT_OK;
	int first = parse_global(argc, argv, &ret);

	if (first < 0)
		return finish(ret);
	if (first >= argc) {
		main_print_commands(stderr);
		return OH_EXIT_USAGE;
	}
	c = find_command(argv[first]);
	if (!c)
		return unknown_command(argv[first]);
	ret = c->fn(argc - first, argv + first);
	return finish(ret);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CMD_CMD_H
#define OH_CMD_CMD_H

/*
 * Subcommands and the shared command-line helpers.
 *
 * Checklist for adding a command `foo`:
 *   1. src/cmd/foo.c with int cmd_foo(int argc, char **argv), its
 *      static const struct cmd_spec (usage, summary, options), option
 *      parsing with cmd_parser_next() into a struct foo_opts, calls into
 *      modules, a renderer from src/report/, and an exit code;
 *   2. a prototype below and a row in the command table in src/main.c;
 *   3. a section in docs/osshealth.1 whose SYNOPSIS line equals the
 *      usage line of `osshealth foo --help` (t0002 checks it) and a page
 *      docs/foo.md if the command has more to explain;
 *   4. a CLI test tests/cli/tNNNN-foo-<what>.sh (first digit per
 *      STYLE.md rule 36) and unit tests for the modules it uses;
 *   5. a usage example in README.md.
 *
 * argv[0] of a command is its own name; getopt state is reset by
 * cmd_parser_init().  Commands print results to stdout and errors to
 * stderr (through core/log.h) and return an exit code below.
 */

#include <getopt.h>
#include <stdio.h>

struct oh_err;

enum oh_exit {
	OH_EXIT_OK = 0,       /* success; every check passed */
	OH_EXIT_FAILED = 1,   /* a check failed (policy, sign-off, SBOM) */
	OH_EXIT_USAGE = 2,    /* usage or input error */
	OH_EXIT_PARTIAL = 3,  /* some components of a batch failed */
	OH_EXIT_INTERNAL = 4, /* internal failure: out of memory, a bug */
};

#define CMD_MAX_OPTS 40

/* Values returned by cmd_parser_next() besides option ids. */
#define CMD_OPT_END  (-1) /* no more options */
#define CMD_OPT_BAD  (-2) /* bad option; the error has been printed */
#define CMD_OPT_HELP (-3) /* -h/--help (added to every command) */
#define CMD_OPT_ID   256  /* first id for options without a letter */

struct cmd_opt {
	const char *lname;   /* long name without dashes */
	int sname;           /* short letter, or 0 */
	int has_arg;         /* no_argument or required_argument */
	int id;              /* value returned: sname or >= CMD_OPT_ID */
	const char *argname; /* "FILE" for options with a value */
	const char *help;    /* one line, no final period */
};

struct cmd_spec {
	const char *name;           /* "dco", "db info" */
	const char *usage;          /* after "osshealth ": synopsis line */
	const char *summary;        /* one sentence for --help and `help` */
	const struct cmd_opt *opts; /* ends with an entry whose lname is NULL */
};

struct cmd_parser {
	const struct cmd_spec *spec;        /* borrowed */
	struct option lo[CMD_MAX_OPTS + 2]; /* built from spec->opts */
	char so[CMD_MAX_OPTS * 2 + 4];      /* short option string */
};

/** Build getopt tables from spec and reset getopt's state. */
void cmd_parser_init(struct cmd_parser *p, const struct cmd_spec *spec);

/**
 * Next option: its id (optarg holds the value), CMD_OPT_END, CMD_OPT_HELP,
 * or CMD_OPT_BAD after printing a one-line error with a suggestion.
 */
int cmd_parser_next(struct cmd_parser *p, int argc, char **argv);

/**
 * Parse the options of a command whose only option is --db (id 'd'):
 * -1 when the caller goes on (*db set or left NULL, optind at the first
 * operand), else the exit status: help printed (0) or a usage error.
 */
int cmd_parse_db_only(const struct cmd_spec *spec, const char **db, int argc,
		      char **argv);

/* A verb of a command with verbs (`db info`, `policy explain`). */
struct cmd_verb {
	const char *name;        /* "info" */
	int (*fn)(int, char **); /* gets argv starting at the verb */
};

/**
 * Run the verb named by argv[1]: help for -h/--help or no verb, a
 * one-line error with the closest verb for an unknown one.
 */
int cmd_dispatch_verbs(const char *cmd, const struct cmd_spec *spec,
		       const struct cmd_verb *verbs, size_t nr, int argc,
		       char **argv);

/** Print "usage: osshealth ...", the summary and the option list. */
void cmd_help_print(FILE *fp, const struct cmd_spec *spec);

/**
 * Print "osshealth: <cmd>: <msg>; try 'osshealth <cmd> --help'" and
 * return OH_EXIT_USAGE.
 */
int cmd_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/** Print a module error and return the exit code for its oh_code. */
int cmd_report_error(const struct oh_err *err);

/** Map an oh_code to an exit code (internal failures are 4, others 2). */
int cmd_exit_code(int code);

/** Parse a positive decimal integer option; -1 when not one. */
long cmd_parse_long(const char *s, long min, long max);

/**
 * The closest of `words` (NULL-terminated) to `s` by edit distance, or
 * NULL when none is close (distance > 2, or more than half of s).
 */
const char *cmd_suggest(const char *s, const char *const *words);

/** Damerau-free Levenshtein distance, capped at 100. */
unsigned cmd_edit_distance(const char *a, const char *b);

/* The subcommands (one file each in src/cmd/). */
int cmd_help(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_dco(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_license(int argc, char **argv);
int cmd_mirror(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_policy(int argc, char **argv);
int cmd_enrich(int argc, char **argv);
int cmd_data(int argc, char **argv);
int cmd_sbom(int argc, char **argv);
int cmd_vulns(int argc, char **argv);

/* Provided by src/main.c for `help`. */
void main_print_commands(FILE *fp);
int main_run_command_help(const char *name);

#endif /* OH_CMD_CMD_H */

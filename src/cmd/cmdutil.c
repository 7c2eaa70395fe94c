/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shared command-line machinery: option tables -> getopt_long, --help text
 * from the same table, one-line usage errors with suggestions, exit codes.
 */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "core/banned.h"

void cmd_parser_init(struct cmd_parser *p, const struct cmd_spec *spec)
{
	size_t n = 0;
	size_t s = 0;

	memset(p, 0, sizeof(*p));
	p->spec = spec;
	p->so[s++] = ':'; /* report a missing value as ':' */
	for (const struct cmd_opt *o = spec->opts; o && o->lname; o++) {
		if (n >= CMD_MAX_OPTS)
			OH_BUG("too many options for '%s'", spec->name);
		p->lo[n].name = o->lname;
		p->lo[n].has_arg = o->has_arg;
		p->lo[n].flag = NULL;
		p->lo[n].val = o->id;
		n++;
		if (o->sname) {
			p->so[s++] = (char)o->sname;
			if (o->has_arg == required_argument)
				p->so[s++] = ':';
		}
	}
	p->lo[n].name = "help";
	p->lo[n].has_arg = no_argument;
	p->lo[n].val = 'h';
	p->so[s++] = 'h';
	p->so[s] = '\0';
	optind = 0; /* glibc: full re-initialisation */
	opterr = 0; /* we print our own one-line errors */
}

static const char *suggest_option(const struct cmd_parser *p, const char *given)
{
	const char *words[CMD_MAX_OPTS + 2];
	size_t n = 0;
	const char *eq;
	char name[64];
	const char *best;
	static char out[72];

	while (*given == '-')
		given++;
	eq = strchr(given, '=');
	snprintf(name, sizeof(name), "%.*s",
		 (int)(eq ? (size_t)(eq - given) : strlen(given)), given);
	for (const struct option *o = p->lo; o->name; o++)
		words[n++] = o->name;
	words[n] = NULL;
	best = cmd_suggest(name, words);
	if (!best)
		return NULL;
	snprintf(out, sizeof(out), "--%s", best);
	return out;
}

static int bad_option(const struct cmd_parser *p, int c, char **argv)
{
	const char *given = argv[optind - 1];
	const char *hint;
	char shortopt[3] = { '-', (char)optopt, '\0' };

	if (optopt != 0 && (given[0] != '-' || given[1] != '-'))
		given = shortopt;
	if (c == ':')
		return cmd_usage_error(p->spec->name,
				       "option '%s' needs a value", given);
	hint = given[1] == '-' ? suggest_option(p, given) : NULL;
	if (hint)
		return cmd_usage_error(
			p->spec->name,
			"unknown option '%s' (did you mean '%s'?)", given,
			hint);
	return cmd_usage_error(p->spec->name, "unknown option '%s'", given);
}

int cmd_parser_next(struct cmd_parser *p, int argc, char **argv)
{
	int c = getopt_long(argc, argv, p->so, p->lo, NULL);

	if (c == -1)
		return CMD_OPT_END;
	if (c == 'h')
		return CMD_OPT_HELP;
	if (c == '?' || c == ':') {
		bad_option(p, c, argv);
		return CMD_OPT_BAD;
	}
	return c;
}

void cmd_help_print(FILE *fp, const struct cmd_spec *spec)
{
	const char *u = spec->usage;

	/* One "usage:" line per line of the synopsis (verbs). */
	while (*u != '\0') {
		size_t n = strcspn(u, "\n");

		fprintf(fp, "usage: osshealth %.*s\n", (int)n, u);
		u += n;
		if (*u == '\n')
			u++;
	}
	fprintf(fp, "\n%s\n\nOptions:\n", spec->summary);
	for (const struct cmd_opt *o = spec->opts; o && o->lname; o++) {
		struct oh_buf left = OH_BUF_INIT;

		if (o->sname)
			oh_buf_addf(&left, "-%c, ", o->sname);
		else
			oh_buf_adds(&left, "    ");
		oh_buf_addf(&left, "--%s", o->lname);
		if (o->has_arg == required_argument)
			oh_buf_addf(&left, " %s", o->argname);
		fprintf(fp, "  %-26s %s\n", left.buf, o->help);
		oh_buf_release(&left);
	}
	fprintf(fp, "  %-26s %s\n", "-h, --help", "show this help and exit");
}

int cmd_parse_db_only(const struct cmd_spec *spec, const char **db, int argc,
		      char **argv)
{
	struct cmd_parser p;
	int c;

	cmd_parser_init(&p, spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		if (c == 'd') {
			*db = optarg;
		} else if (c == CMD_OPT_HELP) {
			cmd_help_print(stdout, spec);
			return OH_EXIT_OK;
		} else {
			return OH_EXIT_USAGE;
		}
	}
	return -1;
}

int cmd_usage_error(const char *cmd, const char *fmt, ...)
{
	struct oh_buf msg = OH_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	oh_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	oh_error("%s: %s; try 'osshealth %s --help'", cmd, msg.buf, cmd);
	oh_buf_release(&msg);
	return OH_EXIT_USAGE;
}

int cmd_exit_code(int code)
{
	if (code == OH_OK)
		return OH_EXIT_OK;
	if (code == OH_EBUG)
		return OH_EXIT_INTERNAL;
	return OH_EXIT_USAGE;
}

int cmd_report_error(const struct oh_err *err)
{
	if (err->code == OH_OK)
		OH_BUG("reporting an error that was never set");
	oh_error_err(err);
	return cmd_exit_code(err->code);
}

long cmd_parse_long(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return -1;
	return v;
}

unsigned cmd_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned row[101];

	if (la > 100 || lb > 100)
		return 100;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		unsigned diag = row[0];

		row[0] = (unsigned)i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned up = row[j];
			unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
			unsigned best = diag + cost;

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *cmd_suggest(const char *s, const char *const *words)
{
	const char *best = NULL;
	unsigned best_d = 100;
	size_t len = strlen(s);

	for (size_t i = 0; words[i]; i++) {
		unsigned d = cmd_edit_distance(s, words[i]);

		/* A prefix of a long option is a likely abbreviation. */
		if (len >= 3 && strncmp(words[i], s, len) == 0)
			d = 1;
		if (d < best_d) {
			best_d = d;
			best = words[i];
		}
	}
	if (best_d > 2 || best_d * 2 > len)
		return NULL;
	return best;
}

int cmd_dispatch_verbs(const char *cmd, const struct cmd_spec *spec,
		       const struct cmd_verb *verbs, size_t nr, int argc,
		       char **argv)
{
	const char *words[16];
	const char *best;

	if (nr >= sizeof(words) / sizeof(words[0]))
		OH_BUG("too many verbs for '%s'", cmd);
	if (argc < 2) {
		cmd_help_print(stderr, spec);
		return OH_EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		cmd_help_print(stdout, spec);
		return OH_EXIT_OK;
	}
	for (size_t i = 0; i < nr; i++) {
		if (strcmp(verbs[i].name, argv[1]) == 0)
			return verbs[i].fn(argc - 1, argv + 1);
		words[i] = verbs[i].name;
	}
	words[nr] = NULL;
	best = cmd_suggest(argv[1], words);
	if (best)
		return cmd_usage_error(
			cmd, "'%s' is not a %s verb (did you mean '%s'?)",
			argv[1], cmd, best);
	return cmd_usage_error(cmd, "'%s' is not a %s verb", argv[1], cmd);
}

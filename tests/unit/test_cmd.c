/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd: option parsing from a table, suggestions, numbers, exit codes.
 */
#include <string.h>

#include <check.h>

#include "cmd/cmd.h"
#include "core/err.h"
#include "unit.h"

static const struct cmd_opt opts[] = {
	{ "db", 'd', required_argument, 'd', "FILE", "database" },
	{ "format", 'f', required_argument, 'f', "FMT", "format" },
	{ "quiet", 'q', no_argument, 'q', NULL, "quiet" },
	{ "require-name", 0, no_argument, CMD_OPT_ID, NULL, "names" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec spec = {
	.name = "test",
	.usage = "test [-q] [--db FILE]",
	.summary = "A test command.",
	.opts = opts,
};

START_TEST(test_cmd_parse_options)
{
	char *argv[] = { "test",
			 "-q",
			 "--db",
			 "x.db",
			 "--format=json",
			 "-dy.db",
			 "--require-name",
			 "operand",
			 NULL };
	int argc = 8;
	struct cmd_parser p;
	int seen[5] = { 0 };
	int c;

	cmd_parser_init(&p, &spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'q':
			seen[0]++;
			break;
		case 'd':
			seen[1]++;
			ck_assert(strcmp(optarg, "x.db") == 0 ||
				  strcmp(optarg, "y.db") == 0);
			break;
		case 'f':
			ck_assert_str_eq(optarg, "json");
			seen[2]++;
			break;
		case CMD_OPT_ID:
			seen[3]++;
			break;
		default:
			ck_abort_msg("unexpected option %d", c);
		}
	}
	ck_assert_int_eq(seen[0], 1);
	ck_assert_int_eq(seen[1], 2);
	ck_assert_int_eq(seen[2], 1);
	ck_assert_int_eq(seen[3], 1);
	ck_assert_int_eq(optind, 7);
	ck_assert_str_eq(argv[optind], "operand");
}
END_TEST

START_TEST(test_cmd_parse_errors)
{
	char *a1[] = { "test", "--fromat", "x", NULL };
	char *a2[] = { "test", "--db", NULL };
	char *a3[] = { "test", "-z", NULL };
	char *a4[] = { "test", "--help", NULL };
	struct cmd_parser p;

	cmd_parser_init(&p, &spec);
	ck_assert_int_eq(cmd_parser_next(&p, 3, a1), CMD_OPT_BAD);
	cmd_parser_init(&p, &spec);
	ck_assert_int_eq(cmd_parser_next(&p, 2, a2), CMD_OPT_BAD);
	cmd_parser_init(&p, &spec);
	ck_assert_int_eq(cmd_parser_next(&p, 2, a3), CMD_OPT_BAD);
	cmd_parser_init(&p, &spec);
	ck_assert_int_eq(cmd_parser_next(&p, 2, a4), CMD_OPT_HELP);
}
END_TEST

START_TEST(test_cmd_suggest)
{
	static const char *const words[] = { "scan", "dco",    "license",
					     "sbom", "report", NULL };

	ck_assert_uint_eq(cmd_edit_distance("kitten", "sitting"), 3);
	ck_assert_uint_eq(cmd_edit_distance("", "abc"), 3);
	ck_assert_uint_eq(cmd_edit_distance("same", "same"), 0);
	ck_assert_str_eq(cmd_suggest("scna", words), "scan");
	ck_assert_str_eq(cmd_suggest("licence", words), "license");
	ck_assert_str_eq(cmd_suggest("lic", words), "license");
	ck_assert_str_eq(cmd_suggest("dc", words), "dco");
	ck_assert_ptr_null(cmd_suggest("frobnicate", words));
	ck_assert_ptr_null(cmd_suggest("x", words));
}
END_TEST

START_TEST(test_cmd_numbers_and_codes)
{
	ck_assert_int_eq(cmd_parse_long("8", 1, 64), 8);
	ck_assert_int_eq(cmd_parse_long("0", 1, 64), -1);
	ck_assert_int_eq(cmd_parse_long("65", 1, 64), -1);
	ck_assert_int_eq(cmd_parse_long("4x", 1, 64), -1);
	ck_assert_int_eq(cmd_parse_long("", 1, 64), -1);
	ck_assert_int_eq(cmd_parse_long("99999999999999999999", 1, 64), -1);
	ck_assert_int_eq(cmd_exit_code(OH_OK), OH_EXIT_OK);
	ck_assert_int_eq(cmd_exit_code(OH_EINPUT), OH_EXIT_USAGE);
	ck_assert_int_eq(cmd_exit_code(OH_EDB), OH_EXIT_USAGE);
	ck_assert_int_eq(cmd_exit_code(OH_EBUG), OH_EXIT_INTERNAL);
}
END_TEST

Suite *cmd_suite(void)
{
	Suite *s = suite_create("cmd");
	TCase *tc = tcase_create("options");

	tcase_add_test(tc, test_cmd_parse_options);
	tcase_add_test(tc, test_cmd_parse_errors);
	tcase_add_test(tc, test_cmd_suggest);
	tcase_add_test(tc, test_cmd_numbers_and_codes);
	suite_add_tcase(s, tc);
	return s;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * relicense: copyright holders from file heads (the notice forms of real
 * projects, templates and prose that are not notices), CLA wording and
 * files, copyright concentration.
 */
#include <string.h>

#include <check.h>

#include "health/relicense.h"
#include "unit.h"

static const struct {
	const char *head;
	const char *holder; /* NULL: no notice */
} heads[] = {
	{ "// Copyright (c) HashiCorp, Inc.\n// (license tag line)\n",
	  "hashicorp" },
	{ "// Copyright IBM Corp. 2014, 2025\n", "ibm" },
	{ " * Copyright (C) Daniel Stenberg, <daniel@haxx.se>, et al.\n",
	  "daniel stenberg" },
	{ "/*\n * Copyright (c) 2009-2012, Salvatore Sanfilippo <antirez at gmail dot com>\n",
	  "salvatore sanfilippo" },
	{ "# Copyright 2010 OpenStack Foundation\n", "openstack foundation" },
	{ "/* Copyright © 2024 Example GmbH. All rights reserved. */\n",
	  "example" },
	{ "/*\n * Copyright (C) the libgit2 contributors. All rights reserved.\n",
	  NULL },
	{ "Copyright [yyyy] [name of copyright owner]\n", NULL },
	{ "/* The copyright notice must stay. */\nint x;\n", NULL },
	{ "int main(void) { return 0; }\n", NULL },
	{ "/*\n * Copyright 2019-2023 Redis Ltd.\n */\n", "redis" },
	{ " * Copyright (c) 2024-present, Valkey contributors.\n", "valkey" },
	{ " * Copyright (c) 2024-present, Redis Ltd.\n", "redis" },
};

START_TEST(test_relicense_holder)
{
	char out[HEALTH_HOLDER_MAX];
	const char *h = heads[_i].head;
	bool ok = health_copyright_holder(out, sizeof(out), h, strlen(h));

	if (!heads[_i].holder) {
		ck_assert_msg(!ok, "%s -> '%s'", h, out);
		return;
	}
	ck_assert_msg(ok, "%s", h);
	ck_assert_str_eq(out, heads[_i].holder);
}
END_TEST

START_TEST(test_relicense_cla)
{
	bool assign;

	ck_assert_ptr_nonnull(health_cla_text(
		"You must sign our Contributor License Agreement first.",
		&assign));
	ck_assert(!assign);
	ck_assert_ptr_nonnull(health_cla_text(
		"Contributors assign copyright to the FSF.", &assign));
	ck_assert(assign);
	ck_assert_ptr_nonnull(health_cla_text(
		"uses: contributor-assistant/github-action@v2", &assign));
	ck_assert_ptr_null(health_cla_text(
		"Sign off your commits (DCO): Signed-off-by.", &assign));
	ck_assert_ptr_nonnull(health_cla_path(".clabot"));
	ck_assert_ptr_nonnull(health_cla_path(".github/cla.yml"));
	ck_assert_ptr_nonnull(health_cla_path("legal/ICLA.pdf"));
	ck_assert_ptr_null(health_cla_path("src/clang.c"));
	ck_assert_ptr_null(health_cla_path("class.py"));
}
END_TEST

START_TEST(test_relicense_holders)
{
	static struct health_holders h;

	memset(&h, 0, sizeof(h));
	health_holders_add(&h, "a");
	health_holders_add(&h, "b");
	health_holders_add(&h, "b");
	health_holders_add(&h, NULL);
	ck_assert_uint_eq(h.sampled, 4);
	ck_assert_uint_eq(h.noticed, 3);
	ck_assert_int_eq(health_holders_top(&h), 1);
	ck_assert_uint_eq(h.files[1], 2);
}
END_TEST

Suite *relicense_suite(void)
{
	Suite *s = suite_create("relicense");
	TCase *tc = tcase_create("relicense");

	tcase_add_loop_test(tc, test_relicense_holder, 0,
			    sizeof(heads) / sizeof(heads[0]));
	tcase_add_test(tc, test_relicense_cla);
	tcase_add_test(tc, test_relicense_holders);
	suite_add_tcase(s, tc);
	return s;
}

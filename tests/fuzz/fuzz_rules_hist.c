/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the history rule files, rules/bots.json
 * (hist_bots_parse, PCRE2 patterns with match limits, then matched
 * against a fixed identity) and rules/orgs.json (act_orgs_parse, then a
 * lookup).
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "git/history.h"
#include "health/activity.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = oh_xstrndup((const char *)data, size);
	struct oh_err err = OH_ERR_INIT;
	struct hist_bots *b = NULL;
	struct act_orgs *o = NULL;

	if (hist_bots_parse(&b, s, "fuzz", &err) == 0)
		(void)hist_bots_match(b, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa[bot]",
				      "123+x@users.noreply.github.com");
	hist_bots_free(b);
	oh_err_release(&err);
	if (act_orgs_parse(&o, s, "fuzz", &err) == 0)
		(void)act_org_of(o, "dev@a.b.corp.example.com");
	act_orgs_free(o);
	oh_err_release(&err);
	free(s);
	return 0;
}

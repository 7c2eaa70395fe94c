/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the origin-policy rules loader; rules that load are then
 * used to classify a fixed component under every profile, so fuzzed
 * patterns run against real facts (with the PCRE2 limits).
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/err.h"
#include "policy/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct policy_country_share orgs[] = { { "CN", 0.9 } };
	static const struct policy_tz_share tz[] = { { 480, 0.9 } };
	static const struct policy_component f = {
		.name = "Apache Example Crypto aaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
		.url = "https://github.com/apache/example",
		.origin = "CN",
		.organization = "Example",
		.foundation = "Apache Software Foundation",
		.category = "cryptography",
		.arrangement = "joint development",
		.org_country = orgs,
		.org_country_nr = 1,
		.tz = tz,
		.tz_nr = 1,
	};
	struct policy_rules *r = NULL;
	struct oh_err err = OH_ERR_INIT;
	struct policy_result *res = malloc(sizeof(*res));

	if (res && policy_rules_parse(&r, (const char *)data, size, "fuzz",
				      &err) == 0) {
		for (size_t i = 0; i < policy_profile_count(r); i++)
			policy_classify(res, r, policy_profile_at(r, i), &f,
					NULL);
	}
	free(res);
	policy_rules_free(r);
	oh_err_release(&err);
	return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the forge reply parsers (repository record, a page of
 * issues/changes and the samples drawn from it, a page of comments,
 * reviews or approvals) for each forge kind on the same input.
 *
 * An input that is not JSON fails the same way in every parser whatever
 * the kind (forge_json() comes first and does not look at it): it is
 * given to the parsers once, as a GitHub reply, not three times.
 */
#include <stdint.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "core/err.h"
#include "net/forge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void samples(const struct forge_acc *acc)
{
	const struct forge_item *s[FORGE_DETAIL_SAMPLE];

	(void)forge_sample(s, FORGE_DETAIL_SAMPLE, acc, false, 1793491200, NULL,
			   NULL);
	(void)forge_sample(s, FORGE_DETAIL_SAMPLE, acc, true, 1793491200, NULL,
			   NULL);
}

static void replies(enum forge_kind kind, const uint8_t *data, size_t size)
{
	static const enum forge_detail what[] = { FORGE_D_COMMENTS,
						  FORGE_D_REVIEWS,
						  FORGE_D_APPROVALS };

	for (size_t k = 0; k < sizeof(what) / sizeof(what[0]); k++) {
		struct oh_err err = OH_ERR_INIT;
		int64_t first = 0;
		bool reviewed = false;

		(void)forge_parse_replies(
			&first, &reviewed, NULL, kind, what[k], "amy", NULL,
			NULL, (const char *)data, size, "fuzz", &err);
		oh_err_release(&err);
	}
}

/* A release page: a small time buffer, so the cap is reached too. */
static void releases(enum forge_kind kind, const uint8_t *data, size_t size)
{
	struct forge_releases rel = { 0 };
	struct oh_err err = OH_ERR_INIT;
	int64_t t[4];
	size_t tn = 0, n = 0;

	(void)forge_parse_releases(&rel, t, &tn, 4, &n, kind, 1793491200,
				   (const char *)data, size, "fuzz", &err);
	oh_err_release(&err);
	forge_releases_finish(&rel, t, tn);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum forge_kind kinds[] = { FORGE_GITHUB, FORGE_GITLAB,
						 FORGE_GITEA };
	cJSON *json = cJSON_ParseWithLength((const char *)data, size);
	size_t nkinds = json ? sizeof(kinds) / sizeof(kinds[0]) : 1;

	cJSON_Delete(json);
	for (size_t i = 0; i < nkinds; i++) {
		struct forge_facts f = { 0 };
		struct forge_acc acc = { 0 };
		struct oh_err err = OH_ERR_INIT;
		size_t n = 0;

		(void)forge_parse_repo(&f, kinds[i], (const char *)data, size,
				       "fuzz", &err);
		oh_err_release(&err);
		(void)forge_parse_items(&f, &acc, &n, kinds[i], i == 1,
					1793491200, (const char *)data, size,
					"fuzz", &err);
		oh_err_release(&err);
		samples(&acc);
		forge_acc_finish(&f, &acc);
		replies(kinds[i], data, size);
		releases(kinds[i], data, size);
	}
	return 0;
}

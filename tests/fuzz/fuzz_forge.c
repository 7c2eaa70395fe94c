/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: the forge reply parsers (repository record, a page of
 * issues/changes and the samples drawn from it, a page of comments,
 * reviews or approvals, a page of releases) for each forge kind on the
 * same input.
 *
 * An input that is not JSON fails the same way in every parser whatever
 * the kind (forge_json() comes first and does not look at it): it is
 * given to the parsers once, as a GitHub reply, not three times.  A JSON
 * input is parsed once more here: the GitHub parsers read the text, the
 * GitLab and Gitea ones read this tree (forge_int.h), not six parses of
 * their own each.
 */
#include <stdint.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "core/err.h"
#include "net/forge.h"
#include "net/forge_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input: as text, and as a tree when it is JSON (else NULL). */
struct in {
	const char *text;
	size_t size;
	const cJSON *json;
	bool tree; /* the readers take json */
};

static void samples(const struct forge_acc *acc)
{
	const struct forge_item *s[FORGE_DETAIL_SAMPLE];

	(void)forge_sample(s, FORGE_DETAIL_SAMPLE, acc, false, 1793491200, NULL,
			   NULL);
	(void)forge_sample(s, FORGE_DETAIL_SAMPLE, acc, true, 1793491200, NULL,
			   NULL);
}

static void replies(enum forge_kind kind, const struct in *in)
{
	static const enum forge_detail what[] = { FORGE_D_COMMENTS,
						  FORGE_D_REVIEWS,
						  FORGE_D_APPROVALS };

	for (size_t k = 0; k < sizeof(what) / sizeof(what[0]); k++) {
		struct oh_err err = OH_ERR_INIT;
		int64_t first = 0;
		bool reviewed = false;

		if (in->tree)
			(void)forge_replies_json(&first, &reviewed, NULL, kind,
						 what[k], "amy", NULL, NULL,
						 in->json, "fuzz", &err);
		else
			(void)forge_parse_replies(
				&first, &reviewed, NULL, kind, what[k], "amy",
				NULL, NULL, in->text, in->size, "fuzz", &err);
		oh_err_release(&err);
	}
}

static void releases(enum forge_kind kind, const struct in *in)
{
	struct forge_releases rel = { 0 };
	struct oh_err err = OH_ERR_INIT;
	int64_t t[4];
	size_t tn = 0, n = 0;

	if (in->tree)
		(void)forge_releases_json(&rel, t, &tn, 4, &n, kind, 1793491200,
					  in->json, "fuzz", &err);
	else
		(void)forge_parse_releases(&rel, t, &tn, 4, &n, kind,
					   1793491200, in->text, in->size,
					   "fuzz", &err);
	oh_err_release(&err);
	forge_releases_finish(&rel, t, tn);
}

static void one_kind(enum forge_kind kind, bool changes, const struct in *in)
{
	struct forge_facts f = { 0 };
	struct forge_acc acc = { 0 };
	struct oh_err err = OH_ERR_INIT;
	size_t n = 0;

	if (in->tree)
		(void)forge_repo_json(&f, kind, in->json, "fuzz", &err);
	else
		(void)forge_parse_repo(&f, kind, in->text, in->size, "fuzz",
				       &err);
	oh_err_release(&err);
	if (in->tree)
		(void)forge_items_json(&f, &acc, &n, kind, changes, 1793491200,
				       in->json, "fuzz", &err);
	else
		(void)forge_parse_items(&f, &acc, &n, kind, changes, 1793491200,
					in->text, in->size, "fuzz", &err);
	oh_err_release(&err);
	samples(&acc);
	forge_acc_finish(&f, &acc);
	replies(kind, in);
	releases(kind, in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum forge_kind kinds[] = { FORGE_GITHUB, FORGE_GITLAB,
						 FORGE_GITEA };
	cJSON *json = cJSON_ParseWithLength((const char *)data, size);
	size_t nkinds = json ? sizeof(kinds) / sizeof(kinds[0]) : 1;

	for (size_t i = 0; i < nkinds; i++) {
		struct in in = { (const char *)data, size, json, i > 0 };

		one_kind(kinds[i], i == 1, &in);
	}
	cJSON_Delete(json);
	return 0;
}

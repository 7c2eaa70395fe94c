/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_POLICY_POLICY_INT_H
#define OH_POLICY_POLICY_INT_H

/*
 * Internals shared by the rules loader (policy_load.c) and the classifier
 * (policy.c).  Only src/policy/ includes this header and pcre2.h.
 * Everything is owned by the rules' arena or freed by policy_rules_free().
 */

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "core/arena.h"
#include "policy/policy.h"

/* The component facts a match object can test. */
enum policy_field {
	PF_NAME,
	PF_URL,
	PF_ORGANIZATION,
	PF_FOUNDATION,
	PF_CATEGORY,
	PF_ARRANGEMENT,
	PF_ORIGIN,
	PF_DEPLOYMENT, /* deployment_context */
	PF_NR,
};

/* One match object: every non-NULL pattern must match. */
struct policy_alt {
	pcre2_code *re[PF_NR];  /* NULL: field not tested */
	const char *src[PF_NR]; /* pattern text, for explanations */
};

struct policy_entry {
	const char *id;                /* unique in its list */
	const char *name;              /* for reports; defaults to id */
	const char *reason;            /* overrides only; or NULL */
	enum policy_decision decision; /* overrides only */
	struct policy_alt *alt;        /* any of them matches */
	size_t alt_nr;
};

struct policy_list {
	struct policy_entry *entry;
	size_t nr;
};

struct policy_rules {
	struct oh_arena arena;     /* all strings and arrays */
	pcre2_match_context *mctx; /* limits for every match */
	pcre2_code **code;         /* every compiled pattern, to free */
	size_t code_nr;
	size_t code_alloc;
	struct policy_list foundation;  /* neutral_foundations */
	struct policy_list infra;       /* foundational_infrastructure */
	struct policy_list seccrit;     /* security_critical */
	struct policy_list direct;      /* direct_collaboration */
	struct policy_profile *profile; /* in file order */
	size_t profile_nr;
	const char *default_profile;
};

/* The name of a field as used in rules files ("name", "url", ...). */
const char *policy_field_name(enum policy_field f);

#endif /* OH_POLICY_POLICY_INT_H */

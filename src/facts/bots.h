/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Bot identities: the rules of rules/bots.json (PCRE2 patterns over a
 * commit's author name or email, or a forge login) and the match.  Pure
 * rules over facts: the revwalk (git/history.c) marks bot commits with
 * them, enrichment marks bot accounts.
 */
#ifndef OH_FACTS_BOTS_H
#define OH_FACTS_BOTS_H

#include <stdbool.h>

struct oh_err;
struct hist_bots;

#define HIST_BOT_MATCH_LIMIT 100000u
#define HIST_BOT_DEPTH_LIMIT 1000u
#define HIST_MAX_BOT_RULES   256u

/**
 * Load bot patterns from a JSON file (format in docs/metrics.md):
 * {"patterns": [{"field": "name"|"email", "regex": "..."}]}.  *out is
 * freed with hist_bots_free().  OH_EIO, OH_EINPUT (naming the entry),
 * OH_ELIMIT (more than HIST_MAX_BOT_RULES).
 */
int hist_bots_load(struct hist_bots **out, const char *path,
		   struct oh_err *err);
/** The same from a JSON text (`name` is used in errors). */
int hist_bots_parse(struct hist_bots **out, const char *json, const char *name,
		    struct oh_err *err);
/** Does a name (or login) or email match?  Thread safe on a shared set. */
bool hist_bots_match(const struct hist_bots *b, const char *name,
		     const char *email);
void hist_bots_free(struct hist_bots *b);

#endif /* OH_FACTS_BOTS_H */

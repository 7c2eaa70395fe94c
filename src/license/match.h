/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_MATCH_H
#define OH_LICENSE_MATCH_H

/*
 * License text identification: normalise a text the way the SPDX License
 * Matching Guidelines say (case, white space, punctuation, quotes, dashes,
 * bullets and numbering, comment markers, copyright notices, equivalent
 * words from licenses/equivalent-words.txt, omittable titles and trailing
 * text), find candidates through an inverted index of token 3-grams over
 * every SPDX text, and confirm each with a word-level diff.
 *
 * Answers are conservative: EXACT when the normalised texts are equal
 * (after template variables such as names and years), CLOSE when the
 * diff similarity is at least LIC_MATCH_CLOSE_MIN percent, otherwise
 * UNKNOWN with the nearest license.  Confusable families are separated by
 * their distinguishing wording (BSD-2/3-Clause/Clear/0BSD, MIT/MIT-0/X11/
 * ISC, Apache-2.0 with or without its appendix, GPL/LGPL/AGPL versions,
 * MPL-2.0 with the "Incompatible With Secondary Licenses" notice).  For
 * the GNU licenses, -only vs -or-later comes from the notice wording ("or
 * (at your option) any later version"); with a bare text the hit says the
 * version is ambiguous (flag LIC_MATCH_F_VERSION_AMBIGUOUS) instead of
 * guessing.
 *
 * A CLOSE answer becomes UNKNOWN when a second, different text fits
 * within one point (LIC_MATCH_AMBIG_MARGIN): two siblings that fit as
 * well are not guessed between.  Nor is a sibling chosen on wording the
 * input lacks: when a rival fits within LIC_MATCH_SIBLING_MARGIN points
 * and the input carries fewer than half of the words that set the best
 * text apart from the rival, the answer is UNKNOWN (a BSD-3-Clause text
 * naming "the author" is not BSD-3-Clause-HP without HP's "patent
 * infringement").
 *
 * A text with several licenses (dual licensing, appended third-party
 * notices) gives several hits in text order, plus the share of the text
 * left unmatched.  Words outside every license text are searched for the
 * standard notices (GNU with version and "any later version", Apache-2.0,
 * MPL-2.0 headers): such hits carry LIC_MATCH_F_NOTICE.
 *
 * Operations: lic_matcher_new() builds the index from a loaded list (all
 * texts are read, about 150 ms for the 728 SPDX texts; afterwards
 * lic_list_text() is thread safe too); lic_match_text() is a pure
 * function of the matcher and the text (about 2 ms for a license file).  lic_norm_text() exposes the normaliser (for tests and the
 * scanner).
 *
 * Limits: texts over LIC_MATCH_MAX_TEXT bytes are cut there (the result
 * says so with LIC_MATCH_F_TRUNCATED); at most LIC_MATCH_MAX_HITS hits.
 *
 * Memory: a matcher borrows the list (which must outlive it) and is freed
 * with lic_matcher_free(); a result owns its hits (lic_match_result_
 * release()).  Thread safety: after lic_matcher_new(), lic_match_text()
 * may run in parallel on one matcher.
 */

#include <stdbool.h>
#include <stddef.h>

struct oh_buf;
struct oh_err;
struct lic_list;
struct lic_matcher;

#define LIC_MATCH_MAX_TEXT       (1024 * 1024)
#define LIC_MATCH_MAX_HITS       64
#define LIC_MATCH_CLOSE_MIN      90 /* percent similarity for CLOSE */
#define LIC_MATCH_AMBIG_MARGIN   1  /* percent: closer rivals give UNKNOWN */
#define LIC_MATCH_SIBLING_MARGIN 6  /* percent: rivals checked for wording */

enum lic_match_kind {
	LIC_MATCH_EXACT,   /* equal after normalisation */
	LIC_MATCH_CLOSE,   /* similar at `percent` >= LIC_MATCH_CLOSE_MIN */
	LIC_MATCH_UNKNOWN, /* not identified; `id` is the nearest or NULL */
};

/* Hit flags. */
#define LIC_MATCH_F_VERSION_AMBIGUOUS 0x1 /* GNU text without notice */
#define LIC_MATCH_F_NOTICE            0x2 /* matched a standard notice */
#define LIC_MATCH_F_TRUNCATED         0x4 /* input cut at the limit */
#define LIC_MATCH_F_TWIN              0x8 /* same text as alt_id (see alt_id) */
#define LIC_MATCH_F_POINTER           0x10 /* a notice that points to a file */

struct lic_match_hit {
	enum lic_match_kind kind;
	const char *id;     /* SPDX id (borrowed from the list); for UNKNOWN
			     * the nearest license or NULL */
	const char *alt_id; /* VERSION_AMBIGUOUS: the other reading
			     * (e.g. id GPL-2.0-only, alt GPL-2.0-or-later);
			     * TWIN: another id with the same text */
	unsigned percent;   /* similarity with the license text, 0..100 */
	unsigned line_first, line_last; /* 1-based lines of the input */
	unsigned share; /* percent of the input's words in this hit */
	unsigned flags; /* LIC_MATCH_F_* */
};

struct lic_match_result {
	struct lic_match_hit *hit; /* in text order; owned */
	size_t nhit;
	unsigned unmatched_share; /* percent of the input's words in no hit */
	unsigned flags;           /* LIC_MATCH_F_TRUNCATED */
};

/* clang-format off */
#define LIC_MATCH_RESULT_INIT { .hit = NULL }
/* clang-format on */

/** Build the matcher over every text of `list`.  OH_EIO/OH_EINPUT. */
int lic_matcher_new(struct lic_matcher **out, struct lic_list *list,
		    struct oh_err *err);

/** Free the matcher; NULL is a no-op. */
void lic_matcher_free(struct lic_matcher *m);

/**
 * Identify the license(s) in `len` bytes of `text`.  Always fills *out
 * (an empty text gives no hits); returns 0.  Caller releases *out.
 */
int lic_match_text(struct lic_match_result *out, const struct lic_matcher *m,
		   const char *text, size_t len);

/**
 * For tests: with `on`, every candidate is confirmed with a diff (the
 * bound that lets the matcher skip those that cannot matter is not
 * used).  Results must be the same either way.  Not thread safe.
 */
void lic_match_test_exhaustive(bool on);

/** Free a result's hits and return it to LIC_MATCH_RESULT_INIT. */
void lic_match_result_release(struct lic_match_result *r);

/**
 * Append to out a one-line description of a hit: "MIT (exact)",
 * "Apache-2.0 (close, 96%)", "unknown (nearest: BSD-3-Clause at 71%)",
 * "GPL-2.0-only or GPL-2.0-or-later (exact; version ambiguous)".
 */
void lic_match_hit_describe(struct oh_buf *out, const struct lic_match_hit *h);

/**
 * The normalised word sequence of a text, words separated by one space
 * (what the matcher compares).  `m` supplies the equivalent-words table
 * (may be NULL: no word mapping).
 */
void lic_norm_text(struct oh_buf *out, const struct lic_matcher *m,
		   const char *text, size_t len);

#endif /* OH_LICENSE_MATCH_H */

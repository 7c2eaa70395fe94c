/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_GIT_RAWCOMMIT_H
#define OH_GIT_RAWCOMMIT_H

/*
 * A commit object read from its bytes, for the history walk
 * (git/history.c): the fields the walk records, as libgit2 1.5's
 * git_commit_lookup() and its getters give them, without its
 * allocations (two signatures, header and message copies, the summary).
 *
 * Only the usual shape is read here; anything else returns false and
 * the caller reads the commit through libgit2, so that a malformed
 * commit gives the same facts (or the same error) as before:
 *
 *   tree HEX40 LF
 *   (parent HEX40 LF)*
 *   author IDENT LF              (one author line)
 *   committer IDENT LF
 *   (any header line LF)*        ("encoding" read, others kept raw)
 *   LF message
 *
 * with IDENT = NAME <EMAIL> DIGITS(1-18) SP (+|-)DIGITS(4), lower-case
 * hex ids, at most RAWCOMMIT_MAX_PARENTS parents and no NUL byte
 * anywhere in the object.  Names and emails are
 * trimmed as libgit2 trims them; time zones past +/-14:59 read as 0, as
 * libgit2 reads them.  tests/unit/test_history.c and
 * tests/fuzz/fuzz_rawcommit.c compare the two readers.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define RAWCOMMIT_ID_LEN      20 /* bytes of a SHA-1 id */
#define RAWCOMMIT_MAX_PARENTS 16 /* more: libgit2 reads the commit */

struct rawcommit {
	unsigned char tree[RAWCOMMIT_ID_LEN];
	unsigned char parent[RAWCOMMIT_MAX_PARENTS][RAWCOMMIT_ID_LEN];
	unsigned parent_nr;
	/* NUL-terminated, in the caller's buffer: */
	const char *author_name, *author_email;
	const char *committer_name, *committer_email;
	const char *encoding; /* the last "encoding" header; NULL if none */
	const char *message;  /* git_commit_message(): leading LFs skipped */
	int64_t author_time, committer_time;
	int author_tz, committer_tz; /* minutes east of UTC */
	const char *header; /* git_commit_raw_header(), in the object */
	size_t header_len;
};

/**
 * Read the commit object data[0..len) into c, its strings copied into
 * buf (reset first; c points into buf and data until either changes).
 * False when the object is not of the usual shape above: c is then
 * undefined and the caller asks libgit2.
 */
bool rawcommit_parse(struct rawcommit *c, struct oh_buf *buf, const char *data,
		     size_t len);

/**
 * The summary of a message as git_commit_summary() makes it: the first
 * paragraph, its line breaks and the white space around them collapsed
 * to one space.  Appended to out.
 */
void rawcommit_summary(struct oh_buf *out, const char *message);

#endif /* OH_GIT_RAWCOMMIT_H */

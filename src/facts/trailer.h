/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_FACTS_TRAILER_H
#define OH_FACTS_TRAILER_H

/*
 * Commit-message trailers read the way `git log --format=%(trailers)` reads
 * them (git 2.39 trailer.c with no_divider set, core.commentChar '#', no
 * trailer.* configuration).  The rules, in order:
 *
 *   1. The message is a C string: it ends at the first NUL byte.  Leading
 *      blank lines (empty or white space only) are skipped, as git's
 *      pretty.c does before it hands the body to the trailer code.
 *   2. End of the log message: a scissors line "# ---...--- >8 ---...---"
 *      ending in "\n" (not "\r\n"), at the start or after a newline, cuts
 *      everything from it on; then
 *      a trailing run of comment lines ('#'), empty lines ("\n" only) and
 *      an old "Conflicts:" block (with its tab-indented paths) is dropped.
 *      A "---" line does NOT end the message (libgit2's
 *      git_message_trailers() stops there; git log does not).
 *   3. The title is the first paragraph (up to the first blank line,
 *      skipping comment lines); it never holds trailers.
 *   4. The trailer block is the last paragraph after the title, found by
 *      scanning lines backwards from the end: white-space-only lines at the
 *      very end are skipped; a blank line (empty or only spaces, tabs or
 *      CR: so a lone "\r" line of a CRLF message is a paragraph break)
 *      ends the block.  The block counts when all its lines are trailers,
 *      or when it holds at least one git-generated line ("Signed-off-by: "
 *      exactly so, or "(cherry picked from commit ") and trailer lines are
 *      at least a quarter: trailer_lines * 3 >= non_trailer_lines.
 *      Comment lines are neither.  Indented lines count as continuations of
 *      a following trailer, or as non-trailers when the next trailer-ish
 *      line above them is not a trailer.
 *   5. A trailer line starts with a key of ASCII letters, digits and '-',
 *      then optional spaces or tabs, then ':'; it does not start with
 *      white space.  Lines that start with white space right after a
 *      trailer are folded into it (continuation lines).
 *   6. Key and value are trimmed of spaces, tabs, CR and LF; a folded value
 *      is unfolded: each newline and the white space after it become one
 *      space (a CR before the newline stays, as in git).  Keys keep their
 *      spelling; compare them with trailer_key_is() (case-insensitive).
 *      Lines of the block that are not trailers ("(cherry picked...)",
 *      "[maint: note]") are not returned.
 *
 * Limits: messages longer than TRAILER_MAX_MSG bytes are refused with
 * OH_ELIMIT; at most TRAILER_MAX_ITEMS trailers are kept (later ones are
 * dropped and `truncated` is set).  All scans are linear in the message.
 *
 * Memory: a struct trailer_list is reused across messages (trailer_parse
 * resets it and keeps its memory), so a history walk allocates only when a
 * message has more or longer trailers than any before.  Not thread safe;
 * one list per thread.
 */

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

struct oh_err;

#define TRAILER_MAX_MSG   (16u << 20) /* bytes of one message */
#define TRAILER_MAX_ITEMS 512u        /* trailers kept per message */

struct trailer_item {
	size_t key;   /* offset of the key in text (NUL-terminated) */
	size_t value; /* offset of the value in text (NUL-terminated) */
};

struct trailer_list {
	struct oh_buf text;        /* keys and values, each NUL-terminated */
	struct trailer_item *item; /* in message order */
	size_t nr;                 /* trailers found */
	size_t alloc;              /* entries allocated in item */
	bool truncated;            /* more than TRAILER_MAX_ITEMS were seen */
};

/* clang-format off */
#define TRAILER_LIST_INIT { .text = OH_BUF_INIT }
/* clang-format on */

/**
 * Read the trailers of the commit message msg[0..len) into *out (which is
 * reset first).  OH_ELIMIT when len > TRAILER_MAX_MSG; otherwise 0.
 */
int trailer_parse(struct trailer_list *out, const char *msg, size_t len,
		  struct oh_err *err);

/** Key and value of trailer i (borrowed, valid until the next parse). */
const char *trailer_key(const struct trailer_list *l, size_t i);
const char *trailer_value(const struct trailer_list *l, size_t i);

/** True when trailer i's key equals `key` ignoring ASCII case. */
bool trailer_key_is(const struct trailer_list *l, size_t i, const char *key);

/** Empty the list, keeping its memory. */
void trailer_list_reset(struct trailer_list *l);

/** Free the list's memory. */
void trailer_list_release(struct trailer_list *l);

#endif /* OH_FACTS_TRAILER_H */

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: rawcommit_parse(), the history walk's reader of every
 * commit object of every scanned repository, against libgit2's parse
 * of the same bytes (rawcommit_oracle.h): whatever rawcommit reads must
 * read as libgit2 reads it, field by field, or the scan's facts would
 * change with the reader.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "rawcommit_oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__lsan_default_suppressions(void);

/*
 * libgit2 1.5 leaks all but the last of a commit's "encoding" headers
 * (its parser duplicates each one into the same field): the oracle's
 * leak, not the reader's.  (The tests' unit inputs have one each.)
 */
const char *__lsan_default_suppressions(void)
{
	return "leak:libgit2.so\n";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rawcommit_oracle o;
	static bool ready;
	bool parsed;
	bool ok;

	if (!ready) {
		rawcommit_oracle_init(&o);
		ready = true;
	}
	if (rawcommit_oracle_check(&o, (const char *)data, size, &parsed, &ok) <
	    0) {
		fprintf(stderr, "rawcommit differs from libgit2: %s\n", o.why);
		abort();
	}
	return 0;
}

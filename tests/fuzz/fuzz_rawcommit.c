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
#include <string.h>

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

/*
 * The value of the last "encoding" header line of the object's header
 * (up to its first empty line) in *last, and how many there are.
 */
static unsigned encodings(const char *d, size_t n, const char **last,
			  size_t *last_len)
{
	unsigned nr = 0;

	*last = NULL;
	*last_len = 0;
	for (size_t i = 0; i < n;) {
		const char *eol = memchr(d + i, '\n', n - i);
		size_t end = eol ? (size_t)(eol - d) : n;

		if (end == i)
			break; /* the empty line: the message follows */
		if (end - i >= 9 && memcmp(d + i, "encoding ", 9) == 0) {
			nr++;
			*last = d + i + 9;
			*last_len = end - i - 9;
		}
		i = end + 1;
	}
	return nr;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rawcommit_oracle o;
	static bool ready;
	const char *enc;
	size_t enc_len;
	bool parsed;
	bool ok;

	if (!ready) {
		rawcommit_oracle_init(&o);
		ready = true;
	}
	/*
	 * Two "encoding" headers or more: libgit2 would leak, and a leak
	 * in an execution makes libFuzzer run a full leak check (it cut the
	 * harness from ~3,000 to ~500 executions a second).  The reader
	 * runs alone; what it gives must be the last one.
	 */
	if (encodings((const char *)data, size, &enc, &enc_len) > 1) {
		struct rawcommit c;

		if (rawcommit_parse(&c, &o.buf, (const char *)data, size) &&
		    (!c.encoding || strlen(c.encoding) != enc_len ||
		     memcmp(c.encoding, enc, enc_len) != 0)) {
			fprintf(stderr, "rawcommit: not the last encoding\n");
			abort();
		}
		return 0;
	}
	if (rawcommit_oracle_check(&o, (const char *)data, size, &parsed, &ok) <
	    0) {
		fprintf(stderr, "rawcommit differs from libgit2: %s\n", o.why);
		abort();
	}
	return 0;
}

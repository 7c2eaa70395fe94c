/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: lic_match_text(), the license-text matcher that reads
 * LICENSE/COPYING files of scanned repositories.  The SPDX data is loaded
 * once; every input must give hits whose lines lie inside the input and
 * whose shares add up to at most 100%.
 *
 * Under libFuzzer the set-up runs in LLVMFuzzerInitialize and inputs are
 * cut at FUZZ_MAX_TEXT bytes: the cost of the diff grows much faster than
 * the text (a mutated 9 KB text took a second under ASan), and 2 KB hold
 * the short licenses whole and the start of every long one.  The replay of
 * `make check` does not call LLVMFuzzerInitialize and matches whole files.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "license/list.h"
#include "license/match.h"

#define FUZZ_MAX_TEXT 2048

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct lic_list *list;
static struct lic_matcher *matcher;
static size_t max_text = SIZE_MAX;

static void engine(void)
{
	struct oh_err err = OH_ERR_INIT;

	if (matcher)
		return;
	if (lic_list_load(&list, &err) < 0 ||
	    lic_matcher_new(&matcher, list, &err) < 0)
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	engine();
	max_text = FUZZ_MAX_TEXT;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lic_match_result r;
	unsigned lines = 1;
	unsigned share = 0;

	engine();
	if (size > max_text)
		size = max_text;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	lic_match_text(&r, matcher, (const char *)data, size);
	for (size_t i = 0; i < r.nhit; i++) {
		if (r.hit[i].line_first > r.hit[i].line_last ||
		    r.hit[i].line_last > lines || r.hit[i].percent > 100)
			abort();
		share += r.hit[i].share;
	}
	if (share > 101 || r.unmatched_share > 100)
		abort();
	lic_match_result_release(&r);
	return 0;
}

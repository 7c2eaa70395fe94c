/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz the reading of license statements in prose (license/statement.h):
 * a README's License section (lic_statement_readme()), the names in its
 * sentences (lic_statement_read()), the refinement of a project license
 * by them (lic_adapt_refine_readme()) and a prose root license file
 * (lic_adapt_match_root()).  Invariants: the section fits its buffer and
 * is NUL-terminated, every mention is a NUL-terminated name within the
 * text's sentences, and every expression given is a valid SPDX
 * expression naming the licenses it started from.
 *
 * Under libFuzzer the engine is opened in LLVMFuzzerInitialize and
 * inputs are cut at FUZZ_MAX_TEXT bytes; the replay of `make check`
 * reads whole files.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "license/statement.h"

#define FUZZ_MAX_TEXT 8192

#include "lic_adapt_engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const base[][2] = {
		{ "GPL-2.0-only AND BSD-3-Clause", "GPL-2.0-only" },
		{ "GPL-3.0-only AND LGPL-2.1-only",
		  "GPL-3.0-only LGPL-2.1-only" },
		{ "(MIT OR Apache-2.0) AND Zlib", "" },
	};
	static char sec[4096];
	struct lic_statement st;
	struct lic_adapt_match m;
	char out[512];
	size_t n;

	engine();
	if (size > max_text)
		size = max_text;
	n = lic_statement_readme(sec, sizeof(sec), (const char *)data, size);
	if (n >= sizeof(sec) || sec[n] != '\0')
		abort();
	lic_statement_read(&st, sec, n);
	if (st.nr > LIC_STMT_MAX)
		abort();
	for (size_t i = 0; i < st.nr; i++)
		if (memchr(st.m[i].id, '\0', sizeof(st.m[i].id)) == NULL ||
		    st.m[i].id[0] == '\0' || st.m[i].sentence >= st.sentences)
			abort();
	for (size_t k = 0; k < sizeof(base) / sizeof(base[0]); k++) {
		lic_adapt_refine_readme(out, sizeof(out), base[k][0],
					base[k][1], sec, n);
		valid(out, sizeof(out));
		/* never a license added or removed: the same licenses
		 * (an open suffix stated), or their AND read as OR */
		switch (lic_adapt_compare(base[k][0], base[k][1], out, "")) {
		case LIC_ADAPT_SAME:
			break;
		case LIC_ADAPT_CHANGED:
			if (!strstr(out, " OR "))
				abort();
			break;
		default:
			abort();
		}
	}
	lic_adapt_match_root(&m, eng, (const char *)data, size);
	valid(m.expr, sizeof(m.expr));
	valid(m.project, sizeof(m.project));
	return 0;
}

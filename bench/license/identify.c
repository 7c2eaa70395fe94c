/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Benchmark driver: identify the license of every file named on the
 * command line with the osshealth matcher, one line per file:
 *   <path> TAB <ids, space-separated, or UNKNOWN> TAB <description>
 * Loads the SPDX data and builds the matcher once.
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "license/list.h"
#include "license/match.h"

int main(int argc, char **argv)
{
	struct oh_err err = OH_ERR_INIT;
	struct lic_list *list = NULL;
	struct lic_matcher *m = NULL;

	if (lic_list_load(&list, &err) < 0 ||
	    lic_matcher_new(&m, list, &err) < 0) {
		fprintf(stderr, "identify: %s\n", err.msg);
		return 2;
	}
	for (int a = 1; a < argc; a++) {
		struct oh_buf text = OH_BUF_INIT;
		struct oh_buf ids = OH_BUF_INIT;
		struct oh_buf desc = OH_BUF_INIT;
		struct lic_match_result r;

		if (oh_buf_read_file(&text, argv[a], &err) < 0) {
			oh_err_release(&err);
			continue;
		}
		lic_match_text(&r, m, text.buf, text.len);
		for (size_t i = 0; i < r.nhit; i++) {
			if (desc.len > 0)
				oh_buf_adds(&desc, "; ");
			lic_match_hit_describe(&desc, &r.hit[i]);
			if (r.hit[i].kind == LIC_MATCH_UNKNOWN)
				continue;
			oh_buf_addf(&ids, "%s%s", ids.len > 0 ? " " : "",
				    r.hit[i].id);
		}
		printf("%s\t%s\t%s\n", argv[a], ids.len > 0 ? ids.buf : "UNKNOWN",
		       desc.buf);
		lic_match_result_release(&r);
		oh_buf_release(&text);
		oh_buf_release(&ids);
		oh_buf_release(&desc);
	}
	lic_matcher_free(m);
	lic_list_free(list);
	return 0;
}

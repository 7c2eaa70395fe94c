/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_STATEMENT_H
#define OH_LICENSE_STATEMENT_H

/*
 * License statements in prose: the sentences of a README's "License"
 * section, or of a license file that names licenses instead of holding
 * their texts ("all files in the lib directory use a BSD 2-Clause
 * license", "dual-licensed under BSD OR GPLv2", "released under the GNU
 * Lesser General Public License version 2.1 or later").
 *
 * Each sentence is read for license names: SPDX ids written as such
 * (GPL-2.0-or-later, BSD-2-Clause, Apache-2.0, MIT ...), GNU names with
 * their version before or after ("GPLv2+", "GNU GPL version 3", "version
 * 2.1 of the GNU Lesser General Public License"), and the common names
 * of BSD, Apache, MPL, MIT, ISC.  A GNU version followed by "or later"
 * ("or (at your option) any later version", "+") is -or-later; a version
 * without it is -only, as the GNU licenses read a program that
 * "specifies a version number" without "any later version"; a GNU name
 * without a version, or "BSD" without its clauses, is a family only.
 * Sentences about other things than the project's own code are skipped:
 * dependencies, bundled or third-party code, documentation.  A sentence
 * offers a choice when it says "dual", "either", "at your option",
 * "choice", "choose", "whichever", or joins two names with "or".
 *
 * Pure; no allocation.  Limits: LIC_STMT_MAX mentions,
 * LIC_STMT_MAX_TEXT bytes read.
 */

#include <stdbool.h>
#include <stddef.h>

#define LIC_STMT_MAX      32
#define LIC_STMT_MAX_TEXT (64u * 1024)

struct lic_mention {
	char id[48];       /* SPDX id, or a family: "BSD", "GPL-2.0", "LGPL" */
	bool full;         /* id is a complete SPDX id */
	bool gnu;          /* a GNU license (GPL, LGPL, AGPL, GFDL) */
	unsigned sentence; /* 0-based sentence of the text */
	bool choice;       /* its sentence offers a choice */
};

struct lic_statement {
	struct lic_mention m[LIC_STMT_MAX];
	size_t nr;
	unsigned sentences; /* sentences read */
};

/** Read the license names of `len` bytes of prose into *out. */
void lic_statement_read(struct lic_statement *out, const char *text,
			size_t len);

/**
 * The License section(s) of a README (Markdown, reStructuredText,
 * AsciiDoc or plain text): the lines under a heading that names
 * "License", "Licence", "Licensing" or "Copying", up to the next heading
 * of the same or a higher level.  Returns the number of bytes of `text`
 * written to `out` (at most size - 1, NUL-terminated); 0 when there is no
 * such section, in which case the lines that state a license ("licensed
 * under", "released under", "distributed under", "dual-licensed") are
 * taken instead.
 */
size_t lic_statement_readme(char *out, size_t size, const char *text,
			    size_t len);

#endif /* OH_LICENSE_STATEMENT_H */

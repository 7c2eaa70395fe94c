/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * SPDX RDF/XML reader (not yet written: refuses with a clear message).
 */
#include "sbom/model.h"

#include "core/err.h"
#include "core/banned.h"

int sbom_read_rdf(struct sbom_doc **out, const char *s, size_t len,
		  const char *name, struct oh_err *err)
{
	(void)s;
	(void)len;
	*out = NULL;
	return oh_err_set(err, OH_EINPUT, name, 0, 0,
			  "SPDX RDF/XML is recognised but not read by this "
			  "build; convert it to SPDX JSON");
}

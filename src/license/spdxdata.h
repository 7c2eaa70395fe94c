/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_LICENSE_SPDXDATA_H
#define OH_LICENSE_SPDXDATA_H

/*
 * Refreshing the SPDX license list (`osshealth data update`): parse the
 * SPDX license-list-data JSON (json/licenses.json) and install it as
 * licenses/licenses.tsv, atomically and only if the result loads.
 *
 * Parsing caps (untrusted download): at most LIC_SPDX_MAX_BODY bytes,
 * between LIC_SPDX_MIN_IDS and LIC_SPDX_MAX_IDS licenses, ids of
 * [A-Za-z0-9.+-] and at most 128 bytes, no duplicate id (case-insensitive),
 * names of at most 512 bytes (control characters become spaces), a
 * licenseListVersion of [A-Za-z0-9.-].  Errors name the input.
 *
 * Installing: the new licenses.tsv is written to a temporary file in the
 * same directory, synced, and renamed over the old one (never a
 * half-written file); the "text" column says whether text/<id>.txt exists
 * in that directory.  The directory is then loaded with lic_list_load_dir()
 * (categories, replacements, exceptions must still agree); if that fails
 * the old file is put back and the error returned.
 *
 * Thread safety: none; one process updates a data directory at a time.
 */

#include <stdbool.h>
#include <stddef.h>

struct oh_err;

#define LIC_SPDX_DEFAULT_URL                                                  \
	"https://raw.githubusercontent.com/spdx/license-list-data/main/json/" \
	"licenses.json"
#define LIC_SPDX_MAX_BODY (16u << 20)
#define LIC_SPDX_MIN_IDS  100
#define LIC_SPDX_MAX_IDS  8192

struct lic_spdx_entry {
	char *id;        /* owned SPDX id */
	char *name;      /* owned full name, one line */
	bool osi;        /* isOsiApproved */
	bool deprecated; /* isDeprecatedLicenseId */
};

struct lic_spdx_list {
	char *version;                /* owned licenseListVersion */
	struct lic_spdx_entry *entry; /* sorted by id (case-insensitive) */
	size_t nr;                    /* entries */
};

/** Parse licenses.json; release with lic_spdx_release(). */
int lic_spdx_parse(struct lic_spdx_list *out, const char *body, size_t len,
		   const char *name, struct oh_err *err);

/** Free the list's contents. */
void lic_spdx_release(struct lic_spdx_list *l);

/**
 * Install l as dir/licenses.tsv (see above).  *old_nr gets the number of
 * licenses before (0 when there was no file).  `source` (a URL) goes in
 * the file's header comment.
 */
int lic_spdx_install(size_t *old_nr, const struct lic_spdx_list *l,
		     const char *dir, const char *source, struct oh_err *err);

#endif /* OH_LICENSE_SPDXDATA_H */

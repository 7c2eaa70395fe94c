/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Cache directory names of the mirror cache (the SHA-1 taken from
 * libgit2).  URL recognition, redaction and normalisation are pure string
 * work in core/url_norm.c.
 */
#include "git/mirror.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/esc.h"
#include "core/url.h"
#include "core/banned.h"

#define READABLE_MAX 60

void mirror_cache_name(struct oh_buf *out, const char *normalised)
{
	const char *p = normalised;
	size_t slen = oh_url_scheme_len(p);
	size_t n = 0;
	git_oid oid;
	char hex[GIT_OID_HEXSZ + 1];

	if (slen > 0)
		p += slen + 3;
	while (*p == '/')
		p++;
	for (; *p != '\0' && n < READABLE_MAX; p++, n++) {
		unsigned char c = (unsigned char)*p;

		oh_buf_addch(out, isalnum(c) || c == '.' || c == '-' ? c : '_');
	}
	if (n == 0)
		oh_buf_adds(out, "repo");
	git_odb_hash(&oid, normalised, strlen(normalised), GIT_OBJECT_BLOB);
	git_oid_tostr(hex, sizeof(hex), &oid);
	oh_buf_addf(out, "-%.16s.git", hex);
}

int mirror_cache_dir_default(struct oh_buf *out, struct oh_err *err)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");

	if (xdg && xdg[0] == '/') {
		oh_buf_addf(out, "%s/osshealth", xdg);
		return 0;
	}
	if (home && home[0] != '\0') {
		oh_buf_addf(out, "%s/.cache/osshealth", home);
		return 0;
	}
	return oh_err_set(
		err, OH_EINPUT, NULL, 0, 0,
		"no cache directory: set --cache, XDG_CACHE_HOME or HOME");
}

const char *mirror_failure_name(enum mirror_failure f)
{
	switch (f) {
	case MIRROR_FAIL_NONE:
		return "none";
	case MIRROR_FAIL_NOTFOUND:
		return "not found";
	case MIRROR_FAIL_AUTH:
		return "authentication";
	case MIRROR_FAIL_NETWORK:
		return "network";
	case MIRROR_FAIL_TIMEOUT:
		return "time-out";
	case MIRROR_FAIL_NOTREPO:
		return "not a repository";
	case MIRROR_FAIL_CORRUPT:
		return "corrupt";
	case MIRROR_FAIL_OTHER:
		break;
	}
	return "other";
}

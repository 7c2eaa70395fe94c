/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Collect the facts of a source tree for SBOM generation and
 * verification: the license scanner lists the files and their tags, the
 * license engine concludes, and the blobs (or files) are hashed here with
 * OpenSSL's libcrypto.
 */
#include "sbom/source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>
#include <openssl/evp.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "git/gitlib.h"
#include "git/mirror.h"
#include "license/adapt.h"
#include "license/scan.h"
#include "license/summary.h"
#include "core/banned.h"

struct hasher {
	EVP_MD_CTX *sha1, *sha256;
};

static void hasher_start(struct hasher *h)
{
	h->sha1 = EVP_MD_CTX_new();
	h->sha256 = EVP_MD_CTX_new();
	if (!h->sha1 || !h->sha256 ||
	    !EVP_DigestInit_ex(h->sha1, EVP_sha1(), NULL) ||
	    !EVP_DigestInit_ex(h->sha256, EVP_sha256(), NULL))
		OH_BUG("libcrypto: cannot start SHA-1/SHA-256");
}

static void hasher_add(struct hasher *h, const void *p, size_t n)
{
	if (!EVP_DigestUpdate(h->sha1, p, n) ||
	    !EVP_DigestUpdate(h->sha256, p, n))
		OH_BUG("libcrypto: digest update failed");
}

static void hex(char *out, const unsigned char *md, unsigned n)
{
	static const char digits[] = "0123456789abcdef";

	for (unsigned i = 0; i < n; i++) {
		out[2 * i] = digits[md[i] >> 4];
		out[2 * i + 1] = digits[md[i] & 15];
	}
	out[2 * n] = '\0';
}

static void hasher_end(struct hasher *h, struct sbom_source_file *f)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;

	if (!EVP_DigestFinal_ex(h->sha1, md, &n))
		OH_BUG("libcrypto: SHA-1 failed");
	hex(f->sha1, md, n);
	if (!EVP_DigestFinal_ex(h->sha256, md, &n))
		OH_BUG("libcrypto: SHA-256 failed");
	hex(f->sha256, md, n);
	EVP_MD_CTX_free(h->sha1);
	EVP_MD_CTX_free(h->sha256);
}

static int hash_blob(struct sbom_source_file *f, git_repository *repo,
		     const char *blob_id, const char *root, struct oh_err *err)
{
	struct hasher h;
	git_oid oid;
	git_blob *blob = NULL;

	if (git_oid_fromstr(&oid, blob_id) < 0 ||
	    git_blob_lookup(&blob, repo, &oid) < 0)
		return gitlib_error(err, root, "cannot read the blob of '%s'",
				    f->path);
	if ((uint64_t)git_blob_rawsize(blob) > SBOM_SOURCE_MAX_FILE) {
		git_blob_free(blob);
		return oh_err_set(err, OH_ELIMIT, root, 0, 0,
				  "'%s' is larger than %llu bytes", f->path,
				  (unsigned long long)SBOM_SOURCE_MAX_FILE);
	}
	hasher_start(&h);
	hasher_add(&h, git_blob_rawcontent(blob),
		   (size_t)git_blob_rawsize(blob));
	hasher_end(&h, f);
	git_blob_free(blob);
	return 0;
}

static int hash_file(struct sbom_source_file *f, const char *root,
		     struct oh_err *err)
{
	struct oh_buf p = OH_BUF_INIT;
	unsigned char chunk[65536];
	struct hasher h;
	uint64_t total = 0;
	size_t n;
	FILE *fp;
	int rc = 0;

	oh_buf_addf(&p, "%s/%s", root, f->path);
	fp = fopen(p.buf, "rb");
	if (!fp) {
		rc = oh_err_set(err, OH_EIO, p.buf, 0, 0, "cannot open: %s",
				strerror(errno));
		goto out;
	}
	hasher_start(&h);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		total += n;
		hasher_add(&h, chunk, n);
	}
	if (ferror(fp))
		rc = oh_err_set(err, OH_EIO, p.buf, 0, 0, "read failed: %s",
				strerror(errno));
	else if (total > SBOM_SOURCE_MAX_FILE)
		rc = oh_err_set(err, OH_ELIMIT, p.buf, 0, 0,
				"larger than %llu bytes",
				(unsigned long long)SBOM_SOURCE_MAX_FILE);
	hasher_end(&h, f);
	fclose(fp);
out:
	oh_buf_release(&p);
	return rc;
}

/* ---- license ids of a file's tags ----------------------------------- */

struct idlist {
	struct oh_arena *arena;
	const char *ids[SBOM_SOURCE_MAX_TAGS];
	size_t n;
};

static bool add_leaf(void *ctx, const struct lic_adapt_leaf *l)
{
	struct idlist *x = ctx;

	for (size_t i = 0; i < x->n; i++)
		if (strcmp(x->ids[i], l->id) == 0)
			return true;
	if (x->n < SBOM_SOURCE_MAX_TAGS)
		x->ids[x->n++] = oh_arena_strdup(x->arena, l->id);
	return true;
}

static void split_tags(struct sbom_source *s, struct sbom_source_file *f,
		       struct lic_adapt *a)
{
	struct idlist x = { .arena = &s->arena };
	struct oh_err e = OH_ERR_INIT;

	if (f->license)
		f->license_valid = lic_adapt_walk(a, f->license, NULL, NULL,
						  f->path, &e) == 0;
	oh_err_release(&e);
	if (!f->tag)
		return;
	f->tag_valid =
		lic_adapt_walk(a, f->tag, add_leaf, &x, f->path, &e) == 0;
	oh_err_release(&e);
	if (!f->tag_valid || x.n == 0)
		return;
	f->ids = oh_arena_alloc(&s->arena, x.n * sizeof(*f->ids));
	memcpy(f->ids, x.ids, x.n * sizeof(*f->ids));
	f->nids = x.n;
}

static int cmp_sha(const void *a, const void *b);

/* ---- git facts ------------------------------------------------------- */

static void git_facts(struct sbom_source *s, git_repository *repo)
{
	git_oid want, got;
	git_object *commit = NULL;
	git_describe_result *d = NULL;
	git_describe_options dopt;
	git_describe_format_options fopt;
	git_buf b = { 0 };
	git_reference_iterator *it = NULL;
	git_reference *ref;
	git_config *cfg = NULL;
	const char *url = NULL;
	const char **tags = NULL;
	size_t ntags = 0, alloc = 0;

	if (git_oid_fromstr(&want, s->commit) < 0 ||
	    git_object_lookup(&commit, repo, &want, GIT_OBJECT_COMMIT) < 0)
		return;
	if (git_reference_iterator_glob_new(&it, repo, "refs/tags/*") == 0) {
		while (git_reference_next(&ref, it) == 0) {
			git_object *o = NULL;

			if (git_reference_peel(&o, ref, GIT_OBJECT_COMMIT) ==
			    0) {
				git_oid_cpy(&got, git_object_id(o));
				if (git_oid_equal(&got, &want)) {
					OH_GROW(tags, alloc, ntags + 1);
					tags[ntags++] = oh_arena_strdup(
						&s->arena,
						git_reference_shorthand(ref));
				}
			}
			git_object_free(o);
			git_reference_free(ref);
		}
		git_reference_iterator_free(it);
	}
	/* libgit2's describe walks history (about a second on git.git):
	 * only when no tag names the commit itself */
	if (ntags == 0) {
		git_describe_options_init(&dopt, GIT_DESCRIBE_OPTIONS_VERSION);
		git_describe_format_options_init(
			&fopt, GIT_DESCRIBE_FORMAT_OPTIONS_VERSION);
		dopt.describe_strategy = GIT_DESCRIBE_TAGS;
		if (git_describe_commit(&d, commit, &dopt) == 0 &&
		    git_describe_format(&b, d, &fopt) == 0)
			s->describe = oh_arena_strdup(&s->arena, b.ptr);
		git_buf_dispose(&b);
		git_describe_result_free(d);
	}
	git_object_free(commit);
	if (ntags) {
		qsort(tags, ntags, sizeof(*tags), cmp_sha); /* byte order */
		s->tags = oh_arena_alloc(&s->arena, ntags * sizeof(*s->tags));
		memcpy(s->tags, tags, ntags * sizeof(*tags));
		s->ntags = ntags;
	}
	free(tags);
	/* the configured URL; git_remote_lookup() would do more (and
	 * libgit2 1.5 leaks PCRE2 match data on that path) */
	if (git_repository_config_snapshot(&cfg, repo) == 0 &&
	    git_config_get_string(&url, cfg, "remote.origin.url") == 0 &&
	    url[0] != '\0') {
		struct oh_buf u = OH_BUF_INIT;

		mirror_url_redact(&u, url);
		s->remote = oh_arena_strdup(&s->arena, u.buf);
		oh_buf_release(&u);
	}
	git_config_free(cfg);
}

/* "https://host/o/name.git" or "/srv/name.git/" -> "name" */
static const char *name_of(struct oh_arena *a, const char *p)
{
	size_t n = strlen(p);
	size_t start;

	while (n > 1 && p[n - 1] == '/')
		n--;
	if (n > 4 && memcmp(p + n - 4, ".git", 4) == 0 &&
	    (n == 4 || p[n - 5] != '/'))
		n -= 4;
	start = n;
	while (start > 0 && p[start - 1] != '/' && p[start - 1] != ':')
		start--;
	if (start == n)
		return oh_arena_strdup(a, "package");
	return oh_arena_strndup(a, p + start, n - start);
}

/* ---- the whole read --------------------------------------------------- */

static int hash_all(struct sbom_source *s, const struct lic_scan *scan,
		    struct lic_adapt *a, struct oh_err *err)
{
	git_repository *repo = NULL;
	int rc = 0;

	gitlib_init();
	if (scan->git &&
	    git_repository_open_ext(&repo, s->root,
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		rc = gitlib_error(err, s->root, "cannot open the repository");
		gitlib_shutdown();
		return rc;
	}
	s->file = oh_arena_alloc(&s->arena,
				 (scan->file_nr + 1) * sizeof(*s->file));
	for (size_t i = 0; i < scan->file_nr && rc == 0; i++) {
		const struct lic_scan_file *lf = &scan->file[i];
		struct sbom_source_file *f = &s->file[s->file_nr];

		if (lf->flags & (LIC_SF_SYMLINK | LIC_SF_GITLINK)) {
			s->skipped++;
			continue;
		}
		f->path = lf->path;
		f->size = lf->size;
		f->read = (lf->flags & LIC_SF_READ) != 0;
		f->tag = lf->tag;
		f->license = lf->license;
		f->text = lf->text;
		split_tags(s, f, a);
		rc = scan->git ? hash_blob(f, repo, lf->blob_id, s->root, err)
			       : hash_file(f, s->root, err);
		s->file_nr++;
	}
	if (repo && rc == 0)
		git_facts(s, repo);
	git_repository_free(repo);
	gitlib_shutdown();
	return rc;
}

int sbom_source_read(struct sbom_source *out, const char *path, const char *rev,
		     bool no_git, struct oh_err *err)
{
	struct lic_scan scan = LIC_SCAN_INIT;
	struct lic_scan_opts so = { .rev = rev, .no_git = no_git };
	struct lic_summary sum = { 0 };
	struct lic_adapt *a = NULL;
	int rc;

	out->root = oh_arena_strdup(&out->arena, path);
	if ((rc = lic_scan_run(&scan, path, &so, err)) < 0 ||
	    (rc = lic_adapt_open(&a, err)) < 0)
		goto out;
	out->git = scan.git;
	memcpy(out->commit, scan.commit_id, sizeof(out->commit));
	lic_summary_build(&sum, &scan, a);
	if (sum.declared)
		out->declared = oh_arena_strdup(&out->arena, sum.declared);
	if (sum.detected)
		out->detected = oh_arena_strdup(&out->arena, sum.detected);
	out->concluded = oh_arena_strdup(
		&out->arena, sum.concluded ? sum.concluded : "NONE");
	/* the scan's arena holds paths and texts: keep it alive by moving
	 * the strings we point at into ours */
	if ((rc = hash_all(out, &scan, a, err)) < 0)
		goto out;
	for (size_t i = 0; i < out->file_nr; i++) {
		struct sbom_source_file *f = &out->file[i];

		f->path = oh_arena_strdup(&out->arena, f->path);
		if (f->tag)
			f->tag = oh_arena_strdup(&out->arena, f->tag);
		if (f->license)
			f->license = oh_arena_strdup(&out->arena, f->license);
		if (f->text)
			f->text = oh_arena_strdup(&out->arena, f->text);
	}
	for (size_t i = 0; i < sum.text_nr; i++) {
		struct sbom_source_file *f;

		if (!sum.text[i].expr)
			continue;
		f = (struct sbom_source_file *)sbom_source_find(
			out, sum.text[i].path);
		if (f)
			f->text_license =
				oh_arena_strdup(&out->arena, sum.text[i].expr);
	}
	out->name = name_of(&out->arena, out->remote ? out->remote : path);
	sbom_verif_code(out->verif_code, out, NULL, 0);
out:
	lic_summary_release(&sum);
	lic_adapt_close(a);
	lic_scan_release(&scan);
	return rc;
}

const struct sbom_source_file *sbom_source_find(const struct sbom_source *s,
						const char *path)
{
	size_t lo = 0, hi = s->file_nr;

	if (strncmp(path, "./", 2) == 0)
		path += 2;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(s->file[mid].path, path);

		if (c == 0)
			return &s->file[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static bool excluded_name(const char *path, const char *const *ex, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *e = ex[i];

		if (strncmp(e, "./", 2) == 0)
			e += 2;
		if (strcmp(e, path) == 0)
			return true;
	}
	return false;
}

static int cmp_sha(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void sbom_verif_code(char out[41], const struct sbom_source *s,
		     const char *const *excluded, size_t nexcluded)
{
	const char **v = oh_xcalloc(s->file_nr + 1, sizeof(*v));
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	size_t n = 0;

	for (size_t i = 0; i < s->file_nr; i++)
		if (!excluded_name(s->file[i].path, excluded, nexcluded))
			v[n++] = s->file[i].sha1;
	qsort(v, n, sizeof(*v), cmp_sha);
	if (!c || !EVP_DigestInit_ex(c, EVP_sha1(), NULL))
		OH_BUG("libcrypto: cannot start SHA-1");
	for (size_t i = 0; i < n; i++)
		if (!EVP_DigestUpdate(c, v[i], 40))
			OH_BUG("libcrypto: digest update failed");
	if (!EVP_DigestFinal_ex(c, md, &mdlen))
		OH_BUG("libcrypto: SHA-1 failed");
	hex(out, md, mdlen);
	EVP_MD_CTX_free(c);
	free(v);
}

void sbom_source_release(struct sbom_source *s)
{
	oh_arena_release(&s->arena);
	memset(s, 0, sizeof(*s));
}

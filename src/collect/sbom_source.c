/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Collect the facts of a source tree for SBOM generation and
 * verification (sbom/source.h): the one tree walk lists the files and
 * their tags (the license scan as its visitor), the license engine
 * concludes, the blobs (or files) are hashed with OpenSSL's libcrypto,
 * and the references say which tags name the commit.
 */
#include "collect/collect.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "git/mirror.h"
#include "git/refs.h"
#include "git/tree.h"
#include "license/adapt.h"
#include "license/scan.h"
#include "license/summary.h"
#include "sbom/source.h"
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

static void hasher_end(struct hasher *h, struct sbom_source_file *f)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;

	if (!EVP_DigestFinal_ex(h->sha1, md, &n))
		OH_BUG("libcrypto: SHA-1 failed");
	sbom_hex(f->sha1, md, n);
	if (!EVP_DigestFinal_ex(h->sha256, md, &n))
		OH_BUG("libcrypto: SHA-256 failed");
	sbom_hex(f->sha256, md, n);
	EVP_MD_CTX_free(h->sha1);
	EVP_MD_CTX_free(h->sha256);
}

static int hash_blob(struct sbom_source_file *f, struct mirror_repo *repo,
		     const char *blob_id, const char *root, struct oh_err *err)
{
	struct oh_buf b = OH_BUF_INIT;
	struct hasher h;
	int rc;

	/* the size is checked before the blob is inflated */
	rc = tree_blob_read(&b, repo, blob_id, SBOM_SOURCE_MAX_FILE, err);
	if (rc == OH_ELIMIT) {
		oh_err_release(err);
		rc = oh_err_set(err, OH_ELIMIT, root, 0, 0,
				"'%s' is larger than %llu bytes", f->path,
				(unsigned long long)SBOM_SOURCE_MAX_FILE);
	} else if (rc < 0) {
		oh_err_prefix(err, "'%s': ", f->path);
	}
	if (rc == 0) {
		hasher_start(&h);
		hasher_add(&h, b.buf, b.len);
		hasher_end(&h, f);
	}
	oh_buf_release(&b);
	return rc;
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
	int fd;
	int rc = 0;

	oh_buf_addf(&p, "%s/%s", root, f->path);
	fd = oh_open_regular(p.buf, err); /* never a FIFO or a device */
	if (fd < 0) {
		rc = fd;
		goto out;
	}
	fp = fdopen(fd, "rb");
	if (!fp) {
		close(fd);
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

/* ---- git facts ------------------------------------------------------- */

static void git_facts(struct sbom_source *s, struct mirror_repo *repo)
{
	struct refs_at r;

	refs_describe(&r, repo, s->commit);
	if (r.tag_nr) {
		s->tags =
			oh_arena_alloc(&s->arena, r.tag_nr * sizeof(*s->tags));
		for (size_t i = 0; i < r.tag_nr; i++)
			s->tags[i] = oh_arena_strdup(&s->arena, r.tag[i]);
		s->ntags = r.tag_nr;
	}
	if (r.describe)
		s->describe = oh_arena_strdup(&s->arena, r.describe);
	if (r.remote)
		s->remote = oh_arena_strdup(&s->arena, r.remote);
	refs_at_release(&r);
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
		    struct mirror_repo *repo, struct lic_adapt *a,
		    struct oh_err *err)
{
	int rc = 0;

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
	return rc;
}

int collect_sbom_source(struct sbom_source *out, const char *path,
			const char *rev, bool no_git, struct oh_err *err)
{
	struct lic_scan scan = LIC_SCAN_INIT;
	struct lic_scan_opts so = { .rev = rev, .no_git = no_git };
	struct lic_summary sum = { 0 };
	struct lic_adapt *a = NULL;
	struct mirror_repo *repo = NULL;
	int rc;

	out->root = oh_arena_strdup(&out->arena, path);
	/* one open: the license scan's walk, then the hashes and refs */
	if ((rc = collect_license(&scan, &repo, path, &so, err)) < 0 ||
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
	if ((rc = hash_all(out, &scan, repo, a, err)) < 0)
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
	mirror_repo_free(repo);
	return rc;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The repository walk behind `osshealth license`: list every file, read
 * the heads of the ones asked for, keep license texts and metadata, then
 * apply REUSE metadata.  See scan.h for the rules and limits.
 */
#include "license/scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "git/gitlib.h"
#include "license/tags.h"
#include "core/banned.h"

#define BINARY_PROBE 8000u

struct walker {
	struct lic_scan *s;
	const struct lic_scan_opts *opts;
	git_repository *repo; /* git mode */
	struct oh_buf path;   /* current path */
	struct oh_buf data;   /* directory mode: file content */
	size_t text_nr;       /* license texts kept */
	int rc;               /* first error of a callback */
	struct oh_err *err;
	const char *name; /* display name of the input */
};

static void note(struct lic_scan *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct lic_scan *s, const char *fmt, ...)
{
	struct oh_buf b = OH_BUF_INIT;
	va_list ap;

	if (s->note_nr >= 1000)
		return; /* enough to act on; the counts stay exact */
	va_start(ap, fmt);
	oh_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	OH_GROW(s->note, s->note_alloc, s->note_nr + 1);
	s->note[s->note_nr++] = oh_buf_detach(&b, NULL);
}

static const char *base_name(const char *path)
{
	const char *sl = strrchr(path, '/');

	return sl ? sl + 1 : path;
}

/* name is `word` optionally followed by [-._] and anything */
static bool starts_word(const char *name, const char *word)
{
	size_t n = strlen(word);

	return strncasecmp(name, word, n) == 0 &&
	       (name[n] == '\0' || name[n] == '.' || name[n] == '-' ||
		name[n] == '_');
}

/* Extensions that make "license.c" a program, not a license text. */
static bool code_ext(const char *dot)
{
	static const char *const ext[] = {
		".c",     ".h",    ".cc",   ".cpp", ".go",  ".py",   ".js",
		".ts",    ".rs",   ".java", ".rb",  ".sh",  ".json", ".toml",
		".yml",   ".yaml", ".xml",  ".pl",  ".php", ".cs",   ".kt",
		".swift", ".o",    ".a",    ".so",  ".go",  ".mjs",  ".cjs",
		".tsx",   ".jsx",  ".vue",  ".lua", ".ex",  ".exs",  ".hs",
	};

	for (size_t i = 0; dot && i < sizeof(ext) / sizeof(ext[0]); i++)
		if (strcasecmp(dot, ext[i]) == 0)
			return true;
	return false;
}

bool lic_scan_is_license_name(const char *b)
{
	static const char *const word[] = {
		"LICENSE",   "LICENCE", "COPYING",
		"UNLICENSE", "NOTICE",  "COPYRIGHT"
	};
	const char *dot = strrchr(b, '.');
	size_t n;

	if (code_ext(dot))
		return false;
	for (size_t i = 0; i < sizeof(word) / sizeof(word[0]); i++)
		if (starts_word(b, word[i]))
			return true;
	/* MIT-LICENSE, LICENSE-APACHE style suffixes: "*-LICENSE[.ext]" */
	dot = strchr(b, '.');
	n = dot ? (size_t)(dot - b) : strlen(b);
	return n > 8 && (strncasecmp(b + n - 8, "-license", 8) == 0 ||
			 strncasecmp(b + n - 8, "_license", 8) == 0 ||
			 strncasecmp(b + n - 8, "-licence", 8) == 0);
}

/* REUSE's own patterns: ^LICEN[CS]E([-.].*)?$, ^COPYING([-.].*)?$ */
static bool reuse_word(const char *b, const char *word)
{
	size_t n = strlen(word);

	return strncmp(b, word, n) == 0 &&
	       (b[n] == '\0' || b[n] == '.' || b[n] == '-');
}

/* What REUSE itself ignores by name. */
static bool reuse_ignored(const char *path)
{
	const char *b = base_name(path);
	size_t n = strlen(path);

	return reuse_word(b, "LICENSE") || reuse_word(b, "LICENCE") ||
	       reuse_word(b, "COPYING") || strncmp(path, "LICENSES/", 9) == 0 ||
	       strncmp(path, ".reuse/", 7) == 0 ||
	       strcmp(path, "REUSE.toml") == 0 ||
	       (n > 5 && strcmp(path + n - 5, ".spdx") == 0);
}

static bool wanted(const struct lic_scan_opts *o, const char *path)
{
	size_t lo = 0;
	size_t hi = o->only_nr;

	if (!o->only)
		return true;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(o->only[mid], path);

		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static struct lic_scan_file *file_new(struct walker *w, const char *path,
				      size_t len)
{
	struct lic_scan *s = w->s;
	struct lic_scan_file *f;
	const char *b;

	if (s->file_nr >= LIC_SCAN_MAX_FILES) {
		w->rc = oh_err_set(w->err, OH_ELIMIT, w->name, 0, 0,
				   "more than %u files", LIC_SCAN_MAX_FILES);
		return NULL;
	}
	OH_GROW(s->file, s->file_alloc, s->file_nr + 1);
	f = &s->file[s->file_nr++];
	memset(f, 0, sizeof(*f));
	f->path = oh_arena_strndup(&s->arena, path, len);
	b = base_name(f->path);
	if (lic_scan_is_license_name(b) ||
	    strncmp(f->path, "LICENSES/", 9) == 0) {
		f->flags |= LIC_SF_TEXT;
		if (b == f->path || strncmp(f->path, "LICENSES/", 9) == 0)
			f->flags |= LIC_SF_ROOTTEXT;
	}
	if (lic_meta_kind_of(b) != LIC_META_NONE)
		f->flags |= LIC_SF_META;
	if (reuse_ignored(f->path))
		f->flags |= LIC_SF_EXEMPT;
	return f;
}

/* Must the whole content be read (not only the head)? */
static bool wants_all(const struct lic_scan_file *f)
{
	return (f->flags & (LIC_SF_TEXT | LIC_SF_META)) != 0 ||
	       strcmp(f->path, "REUSE.toml") == 0 ||
	       strcmp(f->path, ".reuse/dep5") == 0;
}

static bool wants_head(const struct walker *w, const struct lic_scan_file *f)
{
	return wants_all(f) || wanted(w->opts, f->path);
}

/* Join tags: one is kept as is; several become "(a) AND (b)". */
static const char *join_tags(struct lic_scan *s, const struct lic_tags *t)
{
	struct oh_buf b = OH_BUF_INIT;
	const char *r;

	if (t->nr == 1)
		return oh_arena_strdup(&s->arena, t->tag[0].value);
	for (unsigned i = 0; i < t->nr; i++) {
		bool dup = false;

		for (unsigned j = 0; j < i; j++)
			if (strcmp(t->tag[i].value, t->tag[j].value) == 0)
				dup = true;
		if (dup)
			continue;
		oh_buf_addf(&b, "%s(%s)", b.len ? " AND " : "",
			    t->tag[i].value);
	}
	r = oh_arena_strndup(&s->arena, b.buf, b.len);
	oh_buf_release(&b);
	return r;
}

static void read_reuse(struct walker *w, const struct lic_scan_file *f,
		       const char *data, size_t len)
{
	struct lic_reuse r = LIC_REUSE_INIT;
	struct oh_err e = OH_ERR_INIT;
	bool toml = strcmp(f->path, "REUSE.toml") == 0;
	int rc;

	rc = toml ? lic_reuse_parse_toml(&r, data, len, f->path, &e)
		  : lic_reuse_parse_dep5(&r, data, len, f->path, &e);
	if (rc < 0) {
		char msg[600];

		oh_err_format(msg, sizeof(msg), &e);
		note(w->s, "%s (REUSE metadata ignored)", msg);
		lic_reuse_release(&r);
	} else if (w->s->has_reuse && !toml) {
		note(w->s, ".reuse/dep5 ignored: REUSE.toml takes its place");
		lic_reuse_release(&r);
	} else {
		if (w->s->has_reuse)
			note(w->s, ".reuse/dep5 ignored: REUSE.toml takes "
				   "its place");
		lic_reuse_release(&w->s->reuse);
		w->s->reuse = r;
		w->s->has_reuse = true;
	}
	oh_err_release(&e);
}

static void read_meta(struct walker *w, struct lic_scan_file *f,
		      const char *data, size_t len)
{
	struct lic_declared *d = oh_arena_alloc(&w->s->arena, sizeof(*d));
	struct oh_err e = OH_ERR_INIT;

	if (lic_meta_parse(d, lic_meta_kind_of(base_name(f->path)), data, len,
			   f->path, &e) < 0) {
		char msg[600];

		oh_err_format(msg, sizeof(msg), &e);
		note(w->s, "%s (declared license not read)", msg);
	}
	f->decl = d;
	oh_err_release(&e);
}

/* The content of one file (its head, or all of it when wanted). */
static void take_content(struct walker *w, struct lic_scan_file *f,
			 const char *data, size_t len)
{
	struct lic_scan *s = w->s;
	size_t probe = len < BINARY_PROBE ? len : BINARY_PROBE;
	struct lic_tags tags;

	f->flags |= LIC_SF_READ;
	s->read_nr++;
	if (memchr(data, '\0', probe)) {
		f->flags |= LIC_SF_BINARY;
		s->binary_nr++;
		return;
	}
	if (wanted(w->opts, f->path) && lic_tags_find(&tags, data, len) > 0) {
		f->tag = join_tags(s, &tags);
		f->tag_line = tags.tag[0].line;
		f->tag_nr = tags.nr + tags.dropped;
	}
	if (strcmp(f->path, "REUSE.toml") == 0 ||
	    strcmp(f->path, ".reuse/dep5") == 0)
		read_reuse(w, f, data, len);
	if ((f->flags & LIC_SF_META) && len <= LIC_META_MAX_BYTES)
		read_meta(w, f, data, len);
	if ((f->flags & LIC_SF_TEXT) && w->text_nr < LIC_SCAN_MAX_TEXTS) {
		f->text_len = len < LIC_SCAN_TEXT_MAX ? len : LIC_SCAN_TEXT_MAX;
		f->text = oh_arena_strndup(&s->arena, data, f->text_len);
		w->text_nr++;
	}
}

static void too_large(struct walker *w, struct lic_scan_file *f)
{
	f->flags |= LIC_SF_LARGE;
	w->s->large_nr++;
	note(w->s, "%s: not read: %llu bytes (limit %u)", f->path,
	     (unsigned long long)f->size, LIC_SCAN_LARGE);
}

/* ---- git objects ---- */

static bool cacheable(const struct walker *w, const struct lic_scan_file *f)
{
	return w->opts->cache && !wants_all(f);
}

static bool from_cache(struct walker *w, struct lic_scan_file *f)
{
	struct lic_blob_facts bf;

	if (!cacheable(w, f) ||
	    w->opts->cache->get(w->opts->cache->ctx, f->blob_id, &bf) != 1)
		return false;
	f->size = bf.size;
	f->flags |= LIC_SF_READ;
	if (bf.binary) {
		f->flags |= LIC_SF_BINARY;
		w->s->binary_nr++;
	}
	if (bf.large) {
		f->flags |= LIC_SF_LARGE;
		w->s->large_nr++;
	}
	if (bf.tag) {
		f->tag = oh_arena_strdup(&w->s->arena, bf.tag);
		f->tag_line = bf.tag_line;
		f->tag_nr = bf.tag_nr;
	}
	w->s->cached_nr++;
	return true;
}

static void to_cache(struct walker *w, const struct lic_scan_file *f)
{
	struct lic_blob_facts bf = {
		.size = f->size,
		.binary = (f->flags & LIC_SF_BINARY) != 0,
		.large = (f->flags & LIC_SF_LARGE) != 0,
		.tag = f->tag,
		.tag_line = f->tag_line,
		.tag_nr = f->tag_nr,
	};

	if (cacheable(w, f))
		w->opts->cache->put(w->opts->cache->ctx, f->blob_id, &bf);
}

static int git_cb(const char *root, const git_tree_entry *entry, void *payload)
{
	struct walker *w = payload;
	git_object_t type = git_tree_entry_type(entry);
	struct lic_scan_file *f;
	git_blob *blob = NULL;

	if (type == GIT_OBJECT_TREE)
		return 0;
	oh_buf_reset(&w->path);
	oh_buf_adds(&w->path, root);
	oh_buf_adds(&w->path, git_tree_entry_name(entry));
	f = file_new(w, w->path.buf, w->path.len);
	if (!f)
		return -1;
	git_oid_tostr(f->blob_id, sizeof(f->blob_id), git_tree_entry_id(entry));
	if (type == GIT_OBJECT_COMMIT) {
		f->flags |= LIC_SF_GITLINK | LIC_SF_EXEMPT;
		return 0;
	}
	if (git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK) {
		f->flags |= LIC_SF_SYMLINK | LIC_SF_EXEMPT;
		return 0;
	}
	if (!wants_head(w, f) || from_cache(w, f))
		return 0;
	if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(entry)) < 0) {
		w->rc = gitlib_error(w->err, w->name, "cannot read blob %s",
				     f->blob_id);
		return -1;
	}
	f->size = (uint64_t)git_blob_rawsize(blob);
	if (f->size > LIC_SCAN_LARGE) {
		too_large(w, f);
	} else {
		size_t len = (size_t)f->size;

		if (!wants_all(f) && len > LIC_TAG_SCAN_BYTES)
			len = LIC_TAG_SCAN_BYTES;
		take_content(w, f, git_blob_rawcontent(blob), len);
	}
	git_blob_free(blob);
	to_cache(w, f);
	return 0;
}

static int scan_git(struct walker *w, const char *rev)
{
	git_object *obj = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	int rc = 0;

	if (git_revparse_single(&obj, w->repo, rev ? rev : "HEAD") < 0) {
		rc = oh_err_set(w->err, OH_ENOTFOUND, w->name, 0, 0,
				"revision '%.80s' not found%s",
				rev ? rev : "HEAD",
				rev ? "" : " (empty repository?)");
		goto out;
	}
	if (git_object_peel((git_object **)&commit, obj, GIT_OBJECT_COMMIT) <
		    0 ||
	    git_commit_tree(&tree, commit) < 0) {
		rc = gitlib_error(w->err, w->name,
				  "'%.80s' does not name a commit",
				  rev ? rev : "HEAD");
		goto out;
	}
	git_oid_tostr(w->s->commit_id, sizeof(w->s->commit_id),
		      git_commit_id(commit));
	w->s->git = true;
	if (git_tree_walk(tree, GIT_TREEWALK_PRE, git_cb, w) < 0)
		rc = w->rc ? w->rc
			   : gitlib_error(w->err, w->name,
					  "cannot walk the tree");
out:
	git_tree_free(tree);
	git_commit_free(commit);
	git_object_free(obj);
	return rc;
}

/* ---- plain directories ---- */

static int read_head(struct walker *w, struct lic_scan_file *f,
		     const char *full)
{
	size_t want = wants_all(f) ? (size_t)f->size : LIC_TAG_SCAN_BYTES;
	int fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		note(w->s, "%s: cannot open: %s", f->path, strerror(errno));
		return 0;
	}
	oh_buf_reset(&w->data);
	oh_buf_grow(&w->data, want);
	while (w->data.len < want) {
		n = read(fd, w->data.buf + w->data.len, want - w->data.len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		w->data.len += (size_t)n;
	}
	w->data.buf[w->data.len] = '\0';
	close(fd);
	take_content(w, f, w->data.buf, w->data.len);
	return 0;
}

static int dir_entry(struct walker *w, const char *full, const char *rel,
		     unsigned depth);

static int walk_dir(struct walker *w, const char *full, const char *rel,
		    unsigned depth)
{
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t nr = 0;
	size_t alloc = 0;
	int rc = 0;

	if (depth > LIC_SCAN_MAX_DEPTH) {
		note(w->s, "%s: not read: deeper than %u directories", rel,
		     LIC_SCAN_MAX_DEPTH);
		return 0;
	}
	d = opendir(full);
	if (!d) {
		if (depth == 0)
			return oh_err_set(w->err, OH_EIO, full, 0, 0,
					  "cannot read directory: %s",
					  strerror(errno));
		note(w->s, "%s: cannot read directory: %s", rel,
		     strerror(errno));
		return 0;
	}
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    strcmp(de->d_name, ".git") == 0)
			continue;
		OH_GROW(names, alloc, nr + 1);
		names[nr++] = oh_xstrdup(de->d_name);
	}
	closedir(d);
	for (size_t i = 0; i < nr; i++) {
		struct oh_buf cf = OH_BUF_INIT;
		struct oh_buf cr = OH_BUF_INIT;

		oh_buf_addf(&cf, "%s/%s", full, names[i]);
		if (rel[0] != '\0')
			oh_buf_addf(&cr, "%s/", rel);
		oh_buf_adds(&cr, names[i]);
		if (rc == 0)
			rc = dir_entry(w, cf.buf, cr.buf, depth);
		oh_buf_release(&cf);
		oh_buf_release(&cr);
		free(names[i]);
	}
	free(names);
	return rc;
}

static int dir_entry(struct walker *w, const char *full, const char *rel,
		     unsigned depth)
{
	struct lic_scan_file *f;
	struct stat st;

	if (lstat(full, &st) < 0) {
		note(w->s, "%s: cannot stat: %s", rel, strerror(errno));
		return 0;
	}
	if (S_ISDIR(st.st_mode))
		return walk_dir(w, full, rel, depth + 1);
	if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
		return 0;
	f = file_new(w, rel, strlen(rel));
	if (!f)
		return w->rc;
	f->size = (uint64_t)st.st_size;
	if (S_ISLNK(st.st_mode)) {
		f->flags |= LIC_SF_SYMLINK | LIC_SF_EXEMPT;
		return 0;
	}
	if (!wants_head(w, f))
		return 0;
	if (f->size > LIC_SCAN_LARGE) {
		too_large(w, f);
		return 0;
	}
	return read_head(w, f, full);
}

/* ---- after the walk: sidecars, REUSE rules, effective licenses ---- */

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct lic_scan_file *)a)->path,
		      ((const struct lic_scan_file *)b)->path);
}

const struct lic_scan_file *lic_scan_find(const struct lic_scan *s,
					  const char *path)
{
	struct lic_scan_file key = { .path = path };

	if (s->file_nr == 0)
		return NULL;
	return bsearch(&key, s->file, s->file_nr, sizeof(*s->file), cmp_file);
}

static void apply_sidecars(struct lic_scan *s)
{
	for (size_t i = 0; i < s->file_nr; i++) {
		struct lic_scan_file *f = &s->file[i];
		size_t n = strlen(f->path);
		struct lic_scan_file *t;
		char *target;

		if (n <= 8 || strcmp(f->path + n - 8, ".license") != 0)
			continue;
		target = oh_xstrndup(f->path, n - 8);
		t = (struct lic_scan_file *)lic_scan_find(s, target);
		free(target);
		if (!t)
			continue;
		f->flags |= LIC_SF_SIDECAR | LIC_SF_EXEMPT;
		if (!f->tag)
			continue; /* not read (filtered) or no tag */
		t->reuse = f->tag;
		t->reuse_at = oh_arena_strdup(&s->arena, f->path);
		t->license = f->tag;
	}
}

static void apply_rules(struct lic_scan *s)
{
	for (size_t i = 0; i < s->file_nr; i++) {
		struct lic_scan_file *f = &s->file[i];
		const struct lic_reuse_rule *ru = NULL;
		struct oh_buf b = OH_BUF_INIT;

		if (f->reuse) /* a sidecar decided */
			continue;
		if (s->has_reuse)
			ru = lic_reuse_match(&s->reuse, f->path);
		if (ru) {
			oh_buf_addf(&b, "%s:%u", s->reuse.source, ru->line);
			f->reuse = ru->license;
			f->reuse_at = oh_arena_strndup(&s->arena, b.buf, b.len);
			oh_buf_reset(&b);
		}
		if (ru && (ru->prec == LIC_REUSE_OVERRIDE || !f->tag)) {
			f->license = ru->license;
		} else if (ru && ru->prec == LIC_REUSE_AGGREGATE) {
			oh_buf_addf(&b, "(%s) AND (%s)", f->tag, ru->license);
			f->license = oh_arena_strndup(&s->arena, b.buf, b.len);
		} else {
			f->license = f->tag;
		}
		oh_buf_release(&b);
	}
}

int lic_scan_run(struct lic_scan *out, const char *path,
		 const struct lic_scan_opts *opts, struct oh_err *err)
{
	static const struct lic_scan_opts none = { 0 };
	struct walker w = {
		.s = out, .opts = opts ? opts : &none, .err = err, .name = path
	};
	int rc;

	oh_buf_init(&w.path, 256);
	if (!oh_path_exists(path)) {
		rc = oh_err_set(err, OH_ENOTFOUND, path, 0, 0,
				"no such file or directory");
		goto out;
	}
	gitlib_init();
	if (!w.opts->no_git &&
	    git_repository_open_ext(&w.repo, path,
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0) {
		rc = scan_git(&w, w.opts->rev);
	} else if (w.opts->rev) {
		rc = oh_err_set(err, OH_EINPUT, path, 0, 0,
				"not a git repository, so no revision '%.80s'",
				w.opts->rev);
	} else {
		rc = walk_dir(&w, path, "", 0);
	}
	git_repository_free(w.repo);
	gitlib_shutdown();
	if (rc == 0) {
		qsort(out->file, out->file_nr, sizeof(*out->file), cmp_file);
		apply_sidecars(out);
		apply_rules(out);
	}
out:
	oh_buf_release(&w.path);
	oh_buf_release(&w.data);
	return rc;
}

void lic_scan_release(struct lic_scan *s)
{
	for (size_t i = 0; i < s->note_nr; i++)
		free(s->note[i]);
	free(s->note);
	free(s->file);
	lic_reuse_release(&s->reuse);
	oh_arena_release(&s->arena);
	memset(s, 0, sizeof(*s));
}

/* ---- the pre-merge diff ---- */

static int peel_tree(git_tree **out, git_repository *repo, const char *rev,
		     git_oid *commit_id, const char *name, struct oh_err *err)
{
	git_object *obj = NULL;
	git_commit *c = NULL;
	int rc = 0;

	if (git_revparse_single(&obj, repo, rev) < 0)
		return oh_err_set(err, OH_ENOTFOUND, name, 0, 0,
				  "revision '%.80s' not found", rev);
	if (git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT) < 0 ||
	    git_commit_tree(out, c) < 0)
		rc = gitlib_error(err, name, "'%.80s' does not name a commit",
				  rev);
	else
		git_oid_cpy(commit_id, git_commit_id(c));
	git_commit_free(c);
	git_object_free(obj);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect_deltas(git_diff *diff, char ***out, size_t *nr)
{
	size_t alloc = 0;
	size_t n = git_diff_num_deltas(diff);

	for (size_t i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		if (d->status != GIT_DELTA_ADDED &&
		    d->status != GIT_DELTA_MODIFIED &&
		    d->status != GIT_DELTA_RENAMED &&
		    d->status != GIT_DELTA_COPIED &&
		    d->status != GIT_DELTA_TYPECHANGE)
			continue;
		OH_GROW(*out, alloc, *nr + 1);
		(*out)[(*nr)++] = oh_xstrdup(d->new_file.path);
	}
	if (*nr > 0)
		qsort(*out, *nr, sizeof(**out), cmp_str);
}

int lic_scan_changed(char ***out, size_t *nr, const char *repo_path,
		     const char *base, const char *head, struct oh_err *err)
{
	git_repository *repo = NULL;
	git_tree *bt = NULL;
	git_tree *ht = NULL;
	git_diff *diff = NULL;
	git_diff_options dopt;
	git_oid bid;
	git_oid hid;
	git_oid mb;
	int rc = 0;

	*out = NULL;
	*nr = 0;
	gitlib_init();
	git_diff_options_init(&dopt, GIT_DIFF_OPTIONS_VERSION);
	if (git_repository_open_ext(&repo, repo_path,
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		rc = oh_err_set(err, OH_EINPUT, repo_path, 0, 0,
				"--changed-since needs a git repository");
		goto out;
	}
	rc = peel_tree(&bt, repo, base, &bid, repo_path, err);
	if (rc == 0)
		rc = peel_tree(&ht, repo, head ? head : "HEAD", &hid, repo_path,
			       err);
	if (rc < 0)
		goto out;
	/* BASE...HEAD: compare against the merge base, as a review does */
	if (git_merge_base(&mb, repo, &bid, &hid) == 0 &&
	    git_oid_cmp(&mb, &bid) != 0) {
		char hex[GIT_OID_HEXSZ + 1];

		git_tree_free(bt);
		bt = NULL;
		git_oid_tostr(hex, sizeof(hex), &mb);
		rc = peel_tree(&bt, repo, hex, &bid, repo_path, err);
		if (rc < 0)
			goto out;
	}
	dopt.flags = GIT_DIFF_SKIP_BINARY_CHECK;
	if (git_diff_tree_to_tree(&diff, repo, bt, ht, &dopt) < 0) {
		rc = gitlib_error(err, repo_path, "cannot diff '%.80s'", base);
		goto out;
	}
	collect_deltas(diff, out, nr);
out:
	git_diff_free(diff);
	git_tree_free(bt);
	git_tree_free(ht);
	git_repository_free(repo);
	gitlib_shutdown();
	return rc;
}

void lic_scan_paths_free(char **paths, size_t nr)
{
	for (size_t i = 0; i < nr; i++)
		free(paths[i]);
	free(paths);
}

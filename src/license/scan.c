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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/path.h"
#include "core/xalloc.h"
#include "license/tags.h"
#include "core/banned.h"

#define BINARY_PROBE 8000u

struct walker {
	struct lic_scan *s;
	const struct lic_scan_opts *opts;
	struct oh_buf path; /* current path */
	struct oh_buf data; /* directory mode: file content */
	size_t text_nr;     /* license texts kept */
	int rc;             /* first error of a callback */
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

/* README, README.md, readme.rst, README.txt ... (not README-dev.md) */
static bool is_readme(const char *b)
{
	const char *dot = strchr(b, '.');

	if (strncasecmp(b, "README", 6) != 0 || (b[6] != '\0' && b[6] != '.'))
		return false;
	return !dot || strcasecmp(dot, ".md") == 0 ||
	       strcasecmp(dot, ".markdown") == 0 ||
	       strcasecmp(dot, ".rst") == 0 || strcasecmp(dot, ".txt") == 0 ||
	       strcasecmp(dot, ".adoc") == 0 ||
	       strcasecmp(dot, ".asciidoc") == 0 ||
	       strcasecmp(dot, ".org") == 0;
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
	if (b == f->path && is_readme(b))
		f->flags |= LIC_SF_README;
	if (reuse_ignored(f->path))
		f->flags |= LIC_SF_EXEMPT;
	return f;
}

/* Must the whole content be read (not only the head)? */
static bool wants_all(const struct lic_scan_file *f)
{
	return (f->flags & (LIC_SF_TEXT | LIC_SF_META | LIC_SF_README)) != 0 ||
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
	if ((f->flags & LIC_SF_README) &&
	    (!s->readme || strcmp(f->path, s->readme_path) < 0)) {
		s->readme_len =
			len < LIC_SCAN_TEXT_MAX ? len : LIC_SCAN_TEXT_MAX;
		s->readme = oh_arena_strndup(&s->arena, data, s->readme_len);
		s->readme_path = f->path;
	}
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

/*
 * The tree walk's visitor (git mode): entry() registers the file and says
 * how much of it to read, content() takes what was read.
 */
static int cmp_file(const void *a, const void *b);
static void apply_sidecars(struct lic_scan *s);
static void apply_rules(struct lic_scan *s);

struct lic_scan_walk {
	struct walker w;
	struct lic_scan_opts opts; /* copied: the caller's may go */
	struct lic_scan_file *cur; /* the file content() is for */
};

static int walk_entry(void *payload, const struct tree_file *tf, size_t *want)
{
	struct lic_scan_walk *sw = payload;
	struct walker *w = &sw->w;
	struct lic_scan_file *f;

	sw->cur = NULL;
	f = file_new(w, tf->path, strlen(tf->path));
	if (!f)
		return w->rc;
	memcpy(f->blob_id, tf->blob_id, sizeof(f->blob_id));
	if (tf->mode == TREE_MODE_GITLINK) {
		f->flags |= LIC_SF_GITLINK | LIC_SF_EXEMPT;
		return 0;
	}
	f->size = tf->size;
	if (tf->mode == TREE_MODE_LINK) {
		f->flags |= LIC_SF_SYMLINK | LIC_SF_EXEMPT;
		return 0;
	}
	if (tf->missing) {
		/* A partial mirror: the file's license is unknown, the scan
		 * goes on. */
		f->flags |= LIC_SF_MISSING;
		note(w->s, "%s: not read: blob %.12s is absent from the mirror",
		     f->path, f->blob_id);
		return 0;
	}
	if (!wants_head(w, f) || from_cache(w, f))
		return 0;
	if (f->size > LIC_SCAN_LARGE || tf->large) {
		too_large(w, f);
		to_cache(w, f);
		return 0;
	}
	*want = wants_all(f) ? TREE_WANT_ALL : LIC_TAG_SCAN_BYTES;
	sw->cur = f;
	return 0;
}

static int walk_content(void *payload, const struct tree_file *tf,
			const char *data, size_t len)
{
	struct lic_scan_walk *sw = payload;
	struct lic_scan_file *f = sw->cur;

	(void)tf;
	if (!f)
		return 0;
	take_content(&sw->w, f, data, len);
	to_cache(&sw->w, f);
	sw->cur = NULL;
	return 0;
}

void lic_scan_walk_begin(struct lic_scan_walk **out, struct tree_visitor *v,
			 struct lic_scan *s, const struct lic_scan_opts *opts,
			 const char *name, struct oh_err *err)
{
	struct lic_scan_walk *sw = oh_xcalloc(1, sizeof(*sw));

	if (opts)
		sw->opts = *opts;
	sw->w.s = s;
	sw->w.opts = &sw->opts;
	sw->w.err = err;
	sw->w.name = name;
	oh_buf_init(&sw->w.path, 256);
	s->git = true;
	v->entry = walk_entry;
	v->content = walk_content;
	v->payload = sw;
	*out = sw;
}

static void finish(struct lic_scan *out)
{
	if (out->file_nr > 1) /* no files: out->file is NULL */
		qsort(out->file, out->file_nr, sizeof(*out->file), cmp_file);
	apply_sidecars(out);
	apply_rules(out);
}

void lic_scan_walk_end(struct lic_scan_walk *sw, const char *commit_id, bool ok)
{
	if (!sw)
		return;
	if (ok) {
		snprintf(sw->w.s->commit_id, sizeof(sw->w.s->commit_id), "%s",
			 commit_id);
		finish(sw->w.s);
	}
	oh_buf_release(&sw->w.path);
	oh_buf_release(&sw->w.data);
	free(sw);
}

/* ---- plain directories ---- */

static int read_head(struct walker *w, struct lic_scan_file *f,
		     const char *full)
{
	size_t want = wants_all(f) ? (size_t)f->size : LIC_TAG_SCAN_BYTES;
	/* O_NONBLOCK: the type was checked with lstat(), but may change. */
	int fd = open(full, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
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
	if (w.opts->rev) {
		rc = oh_err_set(err, OH_EINPUT, path, 0, 0,
				"not a git repository, so no revision '%.80s'",
				w.opts->rev);
		goto out;
	}
	rc = walk_dir(&w, path, "", 0);
	if (rc == 0)
		finish(out);
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

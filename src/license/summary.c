/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The repository verdict from a scan.  See summary.h for the rules.
 */
#include "license/summary.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "license/adapt.h"
#include "license/scan.h"
#include "license/statement.h"
#include "core/banned.h"

struct idset {
	char *id[LIC_SUMMARY_MAX_IDS]; /* sorted? no: small, linear */
	size_t nr;
	bool full;
};

static void idset_add(struct idset *s, const char *id)
{
	for (size_t i = 0; i < s->nr; i++)
		if (strcmp(s->id[i], id) == 0)
			return;
	if (s->nr >= LIC_SUMMARY_MAX_IDS) {
		s->full = true;
		return;
	}
	s->id[s->nr++] = oh_xstrdup(id);
}

static void idset_release(struct idset *s)
{
	for (size_t i = 0; i < s->nr; i++)
		free(s->id[i]);
	s->nr = 0;
}

static bool idset_eq(const struct idset *a, const struct idset *b)
{
	if (a->nr != b->nr)
		return false;
	for (size_t i = 0; i < a->nr; i++) {
		bool found = false;

		for (size_t j = 0; j < b->nr; j++)
			if (strcmp(a->id[i], b->id[j]) == 0)
				found = true;
		if (!found)
			return false;
	}
	return true;
}

static bool collect_leaf(void *ctx, const struct lic_adapt_leaf *l)
{
	struct oh_buf b = OH_BUF_INIT;

	oh_buf_addf(&b, "%s%s", l->id, l->plus ? "+" : "");
	if (l->exception)
		oh_buf_addf(&b, " WITH %s", l->exception);
	idset_add(ctx, b.buf);
	oh_buf_release(&b);
	return true;
}

/* Add the leaves of a valid expression; false when it is invalid. */
static bool add_ids(struct idset *s, struct lic_adapt *a, const char *expr)
{
	struct oh_err err = OH_ERR_INIT;
	int rc = s ? lic_adapt_walk(a, expr, collect_leaf, s, expr, &err)
		   : lic_adapt_walk(a, expr, NULL, NULL, expr, &err);

	oh_err_release(&err);
	return rc == 0;
}

static void finding(struct lic_summary *s, const char *code,
		    enum lic_severity sev, const char *path, unsigned line,
		    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void finding(struct lic_summary *s, const char *code,
		    enum lic_severity sev, const char *path, unsigned line,
		    const char *fmt, ...)
{
	struct lic_sum_finding *f;
	struct oh_buf b = OH_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	oh_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	OH_GROW(s->finding, s->finding_alloc, s->finding_nr + 1);
	f = &s->finding[s->finding_nr++];
	f->code = code;
	f->sev = sev;
	f->message = oh_buf_detach(&b, NULL);
	f->path = path ? oh_xstrdup(path) : NULL;
	f->line = line;
}

static void also(struct lic_summary *s, const char *expr, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Record a license that is present but not the project's. */
static void also(struct lic_summary *s, const char *expr, const char *fmt, ...)
{
	struct oh_buf b = OH_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	oh_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	OH_GROW(s->also, s->also_alloc, s->also_nr + 1);
	s->also[s->also_nr].expr = oh_xstrdup(expr);
	s->also[s->also_nr].where = oh_buf_detach(&b, NULL);
	s->also_nr++;
}

/* Append "x" to list b, joined with sep; wrap compound parts in (). */
static void join(struct oh_buf *b, const char *x, const char *sep, bool wrap)
{
	bool compound = wrap && strchr(x, ' ') != NULL;

	if (b->len > 0)
		oh_buf_adds(b, sep);
	oh_buf_addf(b, compound ? "(%s)" : "%s", x);
}

/* Join distinct expressions with AND, wrapping compound ones when
 * there are several. */
static char *join_all(char *const *x, size_t n)
{
	struct oh_buf b = OH_BUF_INIT;

	for (size_t i = 0; i < n; i++)
		join(&b, x[i], " AND ", n > 1);
	return oh_buf_detach(&b, NULL);
}

static bool add_distinct(char **x, size_t *n, size_t max, const char *e)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(x[i], e) == 0)
			return false;
	if (*n >= max)
		return false;
	x[(*n)++] = oh_xstrdup(e);
	return true;
}

/*
 * Add a conjunction part by part ("(curl AND ISC)" adds curl and ISC),
 * so that tags of many files do not repeat the same ids; expressions with
 * OR or WITH are kept whole.
 */
static void add_parts(char **x, size_t *n, size_t max, const char *e)
{
	char *copy;
	char *p;

	if (strstr(e, " OR ") || strstr(e, " WITH ") || strstr(e, " or ") ||
	    strstr(e, " with ")) {
		add_distinct(x, n, max, e);
		return;
	}
	copy = oh_xstrdup(e);
	p = copy;
	while (*p != '\0') {
		char *end = strstr(p, " AND ");
		char *q;

		if (!end)
			end = strstr(p, " and ");
		if (end)
			*end = '\0';
		while (*p == '(' || *p == ' ')
			p++;
		q = p + strlen(p);
		while (q > p && (q[-1] == ')' || q[-1] == ' '))
			*--q = '\0';
		if (*p != '\0')
			add_distinct(x, n, max, p);
		if (!end)
			break;
		p = end + 5;
	}
	free(copy);
}

static void free_all(char **x, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(x[i]);
}

static void declared(struct lic_summary *s, struct lic_scan *scan,
		     struct lic_adapt *a, struct idset *ids)
{
	struct oh_buf from = OH_BUF_INIT;
	char *x[16];
	size_t n = 0;

	for (size_t i = 0; i < scan->file_nr; i++) {
		const struct lic_scan_file *f = &scan->file[i];
		const struct lic_declared *d = f->decl;

		if (!d || strchr(f->path, '/') || d->expr[0] == '\0')
			continue;
		if (d->is_name || !add_ids(ids, a, d->expr)) {
			finding(s, "license-declared-not-spdx", LIC_SEV_LOW,
				f->path, d->line,
				"declared license '%s' is not a valid SPDX expression",
				d->expr);
			continue;
		}
		join(&from, f->path, ", ", false);
		if (d->line > 0)
			oh_buf_addf(&from, ":%u", d->line);
		add_distinct(x, &n, 16, d->expr);
	}
	if (n > 1)
		finding(s, "license-declared-conflict", LIC_SEV_MEDIUM, NULL, 0,
			"package metadata files declare different licenses: %s",
			from.buf);
	if (n > 0) {
		s->declared = join_all(x, n);
		s->declared_from = oh_buf_detach(&from, NULL);
	}
	free_all(x, n);
	oh_buf_release(&from);
}

static char *describe(const struct lic_adapt_match *m)
{
	struct oh_buf b = OH_BUF_INIT;

	if (m->desc[0] != '\0')
		return oh_xstrdup(m->desc);
	switch (m->kind) {
	case LIC_ADAPT_EXACT:
		oh_buf_adds(&b, "exact");
		break;
	case LIC_ADAPT_CLOSE:
		oh_buf_addf(&b, "close (%u%%)", m->percent);
		break;
	case LIC_ADAPT_UNKNOWN:
		if (m->nearest[0] != '\0')
			oh_buf_addf(&b, "unknown (nearest: %s at %u%%)",
				    m->nearest, m->percent);
		else
			oh_buf_adds(&b, "unknown");
		break;
	case LIC_ADAPT_NONE:
		oh_buf_adds(&b, "empty");
		break;
	}
	return oh_buf_detach(&b, NULL);
}

static bool known_leaf(void *ctx, const struct lic_adapt_leaf *l)
{
	(void)ctx;
	return l->known && !l->exception;
}

/* LICENSES/<id>[.txt|.md] names its license (REUSE); the id or NULL. */
static char *reuse_named(struct lic_adapt *a, const char *path)
{
	struct oh_err err = OH_ERR_INIT;
	const char *b;
	const char *dot;
	char *id;
	bool ok = false;

	if (strncmp(path, "LICENSES/", 9) != 0)
		return NULL;
	b = path + 9;
	dot = strrchr(b, '.');
	if (strchr(b, '/'))
		return NULL;
	if (dot && (strcmp(dot, ".txt") == 0 || strcmp(dot, ".md") == 0))
		id = oh_xstrndup(b, (size_t)(dot - b));
	else
		id = oh_xstrdup(b);
	if (strchr(id, ' ') ||
	    lic_adapt_eval(&ok, a, id, known_leaf, NULL, path, &err) < 0 ||
	    !ok) {
		free(id);
		id = NULL;
	}
	oh_err_release(&err);
	return id;
}

/* The description of a REUSE-named text: its name, and what the matcher
 * says when it differs. */
static char *describe_named(const char *id, const struct lic_adapt_match *m)
{
	struct oh_buf b = OH_BUF_INIT;
	char *d = describe(m);

	oh_buf_adds(&b, "named (REUSE)");
	if (strcmp(m->expr, id) == 0)
		oh_buf_addf(&b, ", text %s", d);
	else if (m->expr[0] != '\0')
		oh_buf_addf(&b, ", but the text reads as %s (%s)", m->expr, d);
	free(d);
	return oh_buf_detach(&b, NULL);
}

static bool is_notice(const char *path)
{
	const char *b = strrchr(path, '/');

	b = b ? b + 1 : path;
	return strncasecmp(b, "NOTICE", 6) == 0 ||
	       strncasecmp(b, "COPYRIGHT", 9) == 0;
}

/* A root file for a part of the project, not the project itself:
 * NOTICE*, THIRD-PARTY*, LICENSE-docs, COPYING-extra ... */
static bool is_part_name(const char *path)
{
	static const char *const part[] = { "notice",  "third",  "3rd",
					    "-doc",    "_doc",   ".doc",
					    "-extra",  "_extra", "vendor",
					    "bundled", NULL };
	char low[256];
	size_t n = 0;

	for (; path[n] != '\0' && n + 1 < sizeof(low); n++)
		low[n] = (char)(path[n] >= 'A' && path[n] <= 'Z' ? path[n] + 32
								 : path[n]);
	low[n] = '\0';
	for (size_t k = 0; part[k]; k++)
		if (strstr(low, part[k]))
			return true;
	return false;
}

static void detected(struct lic_summary *s, struct lic_scan *scan,
		     struct lic_adapt *a, struct idset *ids, struct oh_buf *amb)
{
	struct oh_buf from = OH_BUF_INIT;
	char *x[16];
	size_t n = 0;
	size_t dir_first = s->also_nr; /* LICENSES/ entries, in also */
	size_t dir_nr = 0;

	for (size_t i = 0; i < scan->file_nr; i++) {
		const struct lic_scan_file *f = &scan->file[i];
		struct lic_adapt_match m;
		struct lic_text_match *t;
		bool root = strchr(f->path, '/') == NULL;
		bool named;
		const char *proj;

		if (!(f->flags & LIC_SF_TEXT) || !f->text)
			continue;
		/* a root license file is read as its reader would, prose
		 * statements included; the others are matched as texts */
		if (root && !is_part_name(f->path))
			lic_adapt_match_root(&m, a, f->text, f->text_len);
		else
			lic_adapt_match_text(&m, a, f->text, f->text_len);
		OH_GROW(s->text, s->text_alloc, s->text_nr + 1);
		t = &s->text[s->text_nr++];
		t->path = f->path;
		t->expr = reuse_named(a, f->path);
		named = t->expr != NULL;
		if (named) {
			t->desc = describe_named(t->expr, &m);
		} else {
			t->expr = m.expr[0] != '\0' ? oh_xstrdup(m.expr) : NULL;
			t->desc = describe(&m);
		}
		if (!t->expr) {
			if ((f->flags & LIC_SF_ROOTTEXT) && !is_notice(f->path))
				finding(s, "license-text-unknown",
					LIC_SEV_MEDIUM, f->path, 0,
					"license text not identified: %s",
					t->desc);
			continue;
		}
		if (!add_ids(NULL, a, t->expr))
			continue;
		if (!root || is_part_name(f->path)) {
			if (strncmp(f->path, "LICENSES/", 9) == 0 &&
			    !strchr(f->path + 9, '/')) {
				/* keep LICENSES/ entries together, first */
				if (s->also_nr == dir_first + dir_nr) {
					also(s, t->expr, "%s", f->path);
					dir_nr++;
					continue;
				}
			}
			also(s, t->expr, "%s", f->path);
			continue;
		}
		proj = !named && m.project[0] != '\0' ? m.project : t->expr;
		if (!named && m.bundled[0] != '\0')
			also(s, m.bundled, "%s (bundled notice)", f->path);
		if (!named && m.unnamed_own) {
			/* its own license could not be named: the bundled
			 * ones after it are not the project's */
			finding(s, "license-text-unknown", LIC_SEV_MEDIUM,
				f->path, 0,
				"the file's own license text is not identified: %s",
				t->desc);
			continue;
		}
		add_ids(ids, a, proj);
		join(&from, f->path, ", ", false);
		add_distinct(x, &n, 16, proj);
		if (!named && m.ambiguous[0] != '\0')
			oh_buf_addf(amb, "%s%s", amb->len ? " " : "",
				    m.ambiguous);
	}
	if (n == 0 && dir_nr > 0) {
		/* no root license file: REUSE's LICENSES/ is the project's */
		for (size_t k = dir_first; k < dir_first + dir_nr; k++) {
			add_ids(ids, a, s->also[k].expr);
			join(&from, s->also[k].where, ", ", false);
			add_distinct(x, &n, 16, s->also[k].expr);
			free(s->also[k].expr);
			free(s->also[k].where);
		}
		memmove(s->also + dir_first, s->also + dir_first + dir_nr,
			(s->also_nr - dir_first - dir_nr) * sizeof(*s->also));
		s->also_nr -= dir_nr;
	}
	if (n > 0) {
		s->detected = join_all(x, n);
		s->detected_from = oh_buf_detach(&from, NULL);
	}
	free_all(x, n);
	oh_buf_release(&from);
}

/*
 * The README's License section refines the project license of the root
 * files (lic_adapt_refine_readme(): the version the GNU texts leave open,
 * a choice between the files); true when it did.
 */
static bool readme_refine(struct lic_summary *s, const struct lic_scan *scan,
			  struct lic_adapt *a, struct idset *det,
			  const char *amb)
{
	char *sec;
	size_t n;
	char out[LIC_SUMMARY_EXPR_MAX];
	bool done = false;

	if (!s->detected || !scan->readme)
		return false;
	sec = oh_xmalloc(LIC_SCAN_TEXT_MAX + 1);
	n = lic_statement_readme(sec, LIC_SCAN_TEXT_MAX + 1, scan->readme,
				 scan->readme_len);
	if (n > 0 &&
	    lic_adapt_refine_readme(out, sizeof(out), s->detected, amb, sec,
				    n) &&
	    add_ids(NULL, a, out)) {
		char *from = s->detected_from;
		struct oh_buf b = OH_BUF_INIT;

		oh_buf_addf(&b, "%s; %s (License section)", from,
			    scan->readme_path);
		free(s->detected);
		s->detected = oh_xstrdup(out);
		s->detected_from = oh_buf_detach(&b, NULL);
		free(from);
		idset_release(det);
		add_ids(det, a, out);
		done = true;
	}
	free(sec);
	return done;
}

/* Does `dir` ("" for the root) or a parent hold a license text? */
static bool has_text_up(const struct lic_scan *scan, const char *dir)
{
	size_t n = strlen(dir);

	for (;;) {
		for (size_t i = 0; i < scan->file_nr; i++) {
			const struct lic_scan_file *f = &scan->file[i];
			const char *sl = strrchr(f->path, '/');
			size_t fn = sl ? (size_t)(sl - f->path) : 0;

			if ((f->flags & LIC_SF_TEXT) && fn == n &&
			    strncmp(f->path, dir, n) == 0)
				return true;
		}
		if (n == 0)
			return false;
		while (n > 0 && dir[n - 1] != '/')
			n--;
		if (n > 0)
			n--; /* drop the slash */
	}
}

/*
 * Go has no license field: pkg.go.dev shows a module's license from the
 * LICENSE file of its directory (or a parent in the repository).
 */
static void go_modules(struct lic_summary *s, const struct lic_scan *scan)
{
	for (size_t i = 0; i < scan->file_nr; i++) {
		const struct lic_scan_file *f = &scan->file[i];
		const char *sl = strrchr(f->path, '/');
		char *dir;

		if (!f->decl || f->decl->kind != LIC_META_GOMOD)
			continue;
		dir = oh_xstrndup(f->path, sl ? (size_t)(sl - f->path) : 0);
		if (!has_text_up(scan, dir))
			finding(s, "license-go-module-without-license",
				LIC_SEV_MEDIUM, f->path, 0,
				"Go module without a LICENSE file in its directory or above (pkg.go.dev shows no license)");
		free(dir);
	}
}

#define TAG_EXPRS 32

static char *unwrap_inner(const char *e, size_t n);

/* A copy of e without parentheses around all of it: "(MIT)" -> "MIT". */
static char *unwrap(const char *e)
{
	size_t n = strlen(e);
	int depth = 0;

	if (n < 2 || e[0] != '(' || e[n - 1] != ')')
		return oh_xstrdup(e);
	for (size_t i = 0; i < n - 1; i++) {
		depth += e[i] == '(' ? 1 : e[i] == ')' ? -1 : 0;
		if (depth == 0)
			return oh_xstrdup(e); /* "(A) AND (B)" */
	}
	return unwrap_inner(e + 1, n - 2);
}

static char *unwrap_inner(const char *e, size_t n)
{
	char *x = oh_xstrndup(e, n);
	char *y = unwrap(x);

	free(x);
	return y;
}

static void also_unwrapped(struct lic_summary *s, const char *expr,
			   const char *fmt, size_t files, const char *plural,
			   const char *first, unsigned line)
{
	char *e = unwrap(expr);

	also(s, e, fmt, files, plural, first, line);
	free(e);
}

/* Distinct effective expressions of tagged files, for "also present". */
struct tag_use {
	const char *expr;  /* borrowed from the scan */
	const char *first; /* first file (path order) */
	unsigned line;     /* its tag line */
	size_t files;      /* files with it */
};

static void tag_use_add(struct tag_use *u, size_t *n,
			const struct lic_scan_file *f)
{
	for (size_t k = 0; k < *n; k++) {
		if (strcmp(u[k].expr, f->license) == 0) {
			u[k].files++;
			return;
		}
	}
	if (*n >= TAG_EXPRS)
		return;
	u[*n] = (struct tag_use){ .expr = f->license,
				  .first = f->path,
				  .line = f->tag_line,
				  .files = 1 };
	(*n)++;
}

/* Count files and check every distinct tag expression. */
static void files(struct lic_summary *s, struct lic_scan *scan,
		  struct lic_adapt *a, char **tags, size_t *tag_nr,
		  size_t *tagged_files, struct tag_use *use, size_t *use_nr)
{
	for (size_t i = 0; i < scan->file_nr; i++) {
		const struct lic_scan_file *f = &scan->file[i];
		struct oh_err err = OH_ERR_INIT;
		bool r;

		s->files++;
		if (f->flags & LIC_SF_EXEMPT)
			continue;
		s->checked++;
		if (f->tag)
			s->tagged++;
		else if (f->reuse)
			s->reuse_covered++;
		if (!f->license)
			s->unlicensed++;
		if (!f->tag || (f->reuse && f->license == f->reuse))
			continue; /* no tag, or REUSE overrides it */
		if (lic_adapt_eval(&r, a, f->tag, NULL, NULL, f->path, &err) <
		    0) {
			finding(s, "license-tag-invalid", LIC_SEV_MEDIUM,
				f->path, f->tag_line, "%s", err.msg);
		} else if (f->license) {
			/* the effective license: REUSE may override tags */
			add_parts(tags, tag_nr, 16, f->license);
			tag_use_add(use, use_nr, f);
			(*tagged_files)++;
		}
		oh_err_release(&err);
	}
}

static bool cls_leaf(void *ctx, const struct lic_adapt_leaf *l)
{
	unsigned *rank = ctx;
	unsigned r;

	/* 1 permissive, 2 copyleft, 3 other terms, 4 source-available */
	if (strcmp(l->category, "permissive") == 0 ||
	    strcmp(l->category, "public-domain-like") == 0)
		r = 1;
	else if (strstr(l->category, "copyleft"))
		r = 2;
	else if (strcmp(l->category, "source-available") == 0)
		r = 4;
	else
		r = 3;
	if (r > *rank)
		*rank = r;
	return true;
}

/* Which kind of not-OSI-approved license: see summary.h. */
static const char *osi_class(struct lic_adapt *a, const char *expr)
{
	static const char *const name[] = { "unknown", "permissive-not-osi",
					    "copyleft-not-osi", "other-terms",
					    "source-available" };
	struct oh_err err = OH_ERR_INIT;
	unsigned rank = 0;

	if (lic_adapt_walk(a, expr, cls_leaf, &rank, expr, &err) < 0)
		rank = 0;
	oh_err_release(&err);
	return name[rank];
}

/* A license text at the root that the engine could not identify. */
static bool root_text_unknown(const struct lic_summary *s)
{
	for (size_t k = 0; k < s->text_nr; k++)
		if (!s->text[k].expr && !strchr(s->text[k].path, '/') &&
		    strncmp(s->text[k].desc, "unknown", 7) == 0)
			return true;
	return false;
}

static void conclude(struct lic_summary *s, struct lic_adapt *a,
		     const char *tags)
{
	struct oh_err err = OH_ERR_INIT;
	struct oh_buf b = OH_BUF_INIT;
	bool osi = false;

	if (s->declared && (s->agree || !s->detected)) {
		oh_buf_adds(&b, s->declared);
		s->concluded_basis = "declared";
	} else if (tags) {
		oh_buf_adds(&b, tags);
		s->concluded_basis = "SPDX tags of most files";
	} else if (s->declared) {
		oh_buf_addf(&b, "(%s) AND (%s)", s->declared, s->detected);
		s->concluded_basis = "declared and detected disagree";
	} else if (s->detected) {
		oh_buf_adds(&b, s->detected);
		s->concluded_basis = "detected";
	} else if (root_text_unknown(s)) {
		/* a root license file whose text no SPDX text fits (libpcap's
		 * BSD conditions with a short disclaimer): a license the tool
		 * cannot name, not the absence of one */
		oh_buf_adds(&b, "NOASSERTION");
		s->concluded_basis = "root license text not identified";
	} else {
		oh_buf_adds(&b, "NONE");
		s->concluded_basis = "nothing found";
	}
	s->concluded = oh_buf_detach(&b, NULL);
	if (strcmp(s->concluded, "NONE") == 0) {
		s->osi = LIC_SUM_OSI_NO;
		s->osi_class = "none";
		finding(s, "license-missing", LIC_SEV_HIGH, NULL, 0,
			"no project license found: no root license file, no declared license%s",
			s->also_nr ? " (other licenses are present, see below)"
				   : ", no SPDX tags");
	} else if (strcmp(s->concluded, "NOASSERTION") == 0 ||
		   lic_adapt_osi(&osi, a, s->concluded, &err) < 0) {
		s->osi = LIC_SUM_OSI_UNKNOWN;
		s->osi_class = "unknown";
	} else if (osi) {
		s->osi = LIC_SUM_OSI_YES;
		s->osi_class = "osi-approved";
	} else {
		s->osi = LIC_SUM_OSI_NO;
		s->osi_class = osi_class(a, s->concluded);
		if (strcmp(s->osi_class, "permissive-not-osi") == 0)
			finding(s, "license-non-osi", LIC_SEV_LOW, NULL, 0,
				"the project license '%s' is permissive but not OSI-approved",
				s->concluded);
		else
			finding(s, "license-non-osi", LIC_SEV_HIGH, NULL, 0,
				"the project license '%s' is not OSI-approved (%s)",
				s->concluded, s->osi_class);
	}
	oh_err_release(&err);
}

static int cmp_finding(const void *x, const void *y)
{
	const struct lic_sum_finding *a = x;
	const struct lic_sum_finding *b = y;

	if (a->sev != b->sev)
		return a->sev > b->sev ? -1 : 1;
	if (!a->path || !b->path)
		return a->path ? 1 : b->path ? -1 : strcmp(a->code, b->code);
	return strcmp(a->path, b->path);
}

/* "GPL-2.0-or-later" -> "GPL-2.0": a text alone rarely says which. */
static void family(char *out, size_t size, const char *id)
{
	static const char *const suffix[] = { "-or-later", "-only", "+" };
	size_t n;

	snprintf(out, size, "%s", id);
	n = strcspn(out, " "); /* keep "WITH x" apart */
	for (size_t i = 0; i < 3; i++) {
		size_t m = strlen(suffix[i]);

		if (n > m && strncmp(out + n - m, suffix[i], m) == 0) {
			memmove(out + n - m, out + n, strlen(out + n) + 1);
			break;
		}
	}
}

static bool same_families(const struct idset *a, const struct idset *b)
{
	struct idset fa = { .nr = 0 };
	struct idset fb = { .nr = 0 };
	char buf[160];
	bool eq;

	for (size_t i = 0; i < a->nr; i++) {
		family(buf, sizeof(buf), a->id[i]);
		idset_add(&fa, buf);
	}
	for (size_t i = 0; i < b->nr; i++) {
		family(buf, sizeof(buf), b->id[i]);
		idset_add(&fb, buf);
	}
	eq = idset_eq(&fa, &fb);
	idset_release(&fa);
	idset_release(&fb);
	return eq;
}

/* Does `expr` name the licenses of `det` (versions aside when `family`:
 * a README did not state them)? */
static bool tag_names(struct lic_adapt *a, const char *expr,
		      const struct idset *det, bool family)
{
	struct idset t = { .nr = 0 };
	bool eq;

	add_ids(&t, a, expr);
	eq = family ? same_families(&t, det) : idset_eq(&t, det);
	idset_release(&t);
	return eq;
}

/* "Also present" lists what is not the project license: drop copies of
 * it ("LICENSES/curl.txt", "(curl)" tags when curl is concluded). */
static void drop_project_copies(struct lic_summary *s)
{
	size_t w = 0;

	for (size_t i = 0; i < s->also_nr; i++) {
		const char *e = s->also[i].expr;
		size_t n = strlen(e);

		if (n >= 2 && e[0] == '(' && e[n - 1] == ')' &&
		    !strchr(e + 1, '(')) {
			e++;
			n -= 2;
		}
		if (strlen(s->concluded) == n &&
		    strncmp(s->concluded, e, n) == 0) {
			free(s->also[i].expr);
			free(s->also[i].where);
			continue;
		}
		s->also[w++] = s->also[i];
	}
	s->also_nr = w;
}

void lic_summary_build(struct lic_summary *out, struct lic_scan *scan,
		       struct lic_adapt *a)
{
	struct idset dec = { .nr = 0 };
	struct idset det = { .nr = 0 };
	char *tags[16];
	size_t tag_nr = 0;
	size_t tagged_files = 0;
	struct tag_use use[TAG_EXPRS];
	size_t use_nr = 0;
	char *tag_expr = NULL;
	struct oh_buf amb = OH_BUF_INIT;
	bool refined;

	out->reuse = scan->has_reuse;
	out->osi_class = "unknown";
	declared(out, scan, a, &dec);
	files(out, scan, a, tags, &tag_nr, &tagged_files, use, &use_nr);
	detected(out, scan, a, &det, &amb);
	refined = readme_refine(out, scan, a, &det, amb.buf);
	oh_buf_release(&amb);
	/* tags of files are also present; one expression carried by at
	 * least half the files needing a license is the project's own
	 * statement (declared when no metadata declares); with neither
	 * metadata nor license file, the tags of most files conclude */
	{
		size_t top = use_nr;

		for (size_t k = 0; k < use_nr; k++)
			if (top == use_nr || use[k].files > use[top].files)
				top = k;
		if (!out->declared && top < use_nr &&
		    2 * use[top].files >= tagged_files &&
		    (2 * use[top].files >= out->checked ||
		     (out->detected &&
		      tag_names(a, use[top].expr, &det, !refined)))) {
			struct oh_buf b = OH_BUF_INIT;

			out->declared = unwrap(use[top].expr);
			oh_buf_addf(&b, "SPDX tags in %zu of %zu tagged files",
				    use[top].files, tagged_files);
			out->declared_from = oh_buf_detach(&b, NULL);
			add_ids(&dec, a, out->declared);
			use[top].files = 0; /* not "also present" */
		}
	}
	if (!out->declared && !out->detected && tag_nr > 0 &&
	    2 * tagged_files >= out->checked)
		tag_expr = join_all(tags, tag_nr);
	for (size_t k = 0; k < use_nr; k++)
		if (use[k].files > 0)
			also_unwrapped(out, use[k].expr,
				       "SPDX tags in %zu file%s (first: %s:%u)",
				       use[k].files,
				       use[k].files == 1 ? "" : "s",
				       use[k].first, use[k].line);
	out->agree = out->declared && out->detected &&
		     (idset_eq(&dec, &det) || same_families(&dec, &det));
	if (out->declared && out->detected && !out->agree)
		finding(out, "license-disagree", LIC_SEV_MEDIUM, NULL, 0,
			"declared '%s' (%s) but the license files say '%s' (%s)",
			out->declared, out->declared_from, out->detected,
			out->detected_from);
	conclude(out, a, tag_expr);
	free(tag_expr);
	drop_project_copies(out);
	go_modules(out, scan);
	for (size_t i = 0; i < scan->note_nr; i++)
		finding(out, "license-scan-note", LIC_SEV_INFO, NULL, 0, "%s",
			scan->note[i]);
	if (out->finding_nr > 1)
		qsort(out->finding, out->finding_nr, sizeof(*out->finding),
		      cmp_finding);
	free_all(tags, tag_nr);
	idset_release(&dec);
	idset_release(&det);
}

void lic_summary_release(struct lic_summary *s)
{
	free(s->declared);
	free(s->declared_from);
	free(s->detected);
	free(s->detected_from);
	free(s->concluded);
	for (size_t i = 0; i < s->text_nr; i++) {
		free(s->text[i].expr);
		free(s->text[i].desc);
	}
	free(s->text);
	for (size_t i = 0; i < s->finding_nr; i++) {
		free(s->finding[i].message);
		free(s->finding[i].path);
	}
	free(s->finding);
	for (size_t i = 0; i < s->also_nr; i++) {
		free(s->also[i].expr);
		free(s->also[i].where);
	}
	free(s->also);
	memset(s, 0, sizeof(*s));
}

const char *lic_sum_osi_name(enum lic_sum_osi o)
{
	return o == LIC_SUM_OSI_YES  ? "yes"
	       : o == LIC_SUM_OSI_NO ? "no"
				     : "unknown";
}

const char *lic_severity_name(enum lic_severity s)
{
	static const char *const n[] = { "info", "low", "medium", "high" };

	return n[s];
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * License policy (JSON) and the pre-merge gate.  See policy_gate.h.
 */
#include "license/policy_gate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "license/adapt.h"
#include "license/scan.h"
#include "core/banned.h"

/* ---- policy ---- */

void lic_policy_default(struct lic_policy *p)
{
	static const char *const review[] = {
		"permissive",       "weak-copyleft",      "strong-copyleft",
		"network-copyleft", "public-domain-like",
	};
	size_t n = sizeof(review) / sizeof(review[0]);

	memset(p, 0, sizeof(*p));
	p->allow_osi = true;
	p->review_cat = oh_xcalloc(n + 1, sizeof(*p->review_cat));
	for (size_t i = 0; i < n; i++)
		p->review_cat[i] = oh_xstrdup(review[i]);
	p->review_cat_nr = n;
	p->source = oh_xstrdup(
		"default (OSI-approved; other free licenses to review)");
}

static void free_list(char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

void lic_policy_release(struct lic_policy *p)
{
	free_list(p->allow_id, p->allow_id_nr);
	free_list(p->allow_cat, p->allow_cat_nr);
	free_list(p->deny_id, p->deny_id_nr);
	free_list(p->deny_cat, p->deny_cat_nr);
	free_list(p->review_id, p->review_id_nr);
	free_list(p->review_cat, p->review_cat_nr);
	free(p->source);
	memset(p, 0, sizeof(*p));
}

static int list(char ***out, size_t *nr, const cJSON *arr, const char *key,
		const char *name, struct oh_err *err)
{
	const cJSON *it;
	int n = cJSON_GetArraySize(arr);

	if (!cJSON_IsArray(arr))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "'%s' must be an array of strings", key);
	if (*out)
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "'%s' given twice", key);
	if (n < 0 || (unsigned)n > LIC_POLICY_MAX_ITEMS)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "'%s' has more than %u entries", key,
				  LIC_POLICY_MAX_ITEMS);
	*out = oh_xcalloc((size_t)n + 1, sizeof(**out));
	cJSON_ArrayForEach(it, arr)
	{
		if (!cJSON_IsString(it) || !it->valuestring)
			return oh_err_set(err, OH_EINPUT, name, 0, 0,
					  "'%s' must be an array of strings",
					  key);
		(*out)[(*nr)++] = oh_xstrdup(it->valuestring);
	}
	return 0;
}

enum section_kind { SEC_ALLOW, SEC_DENY, SEC_REVIEW };

static const char *const section_name[] = { "allow", "deny", "review" };

static int section_item(struct lic_policy *p, const cJSON *it,
			enum section_kind k, const char *name,
			struct oh_err *err)
{
	static const char *const ids_key[] = { "allow.ids", "deny.ids",
					       "review.ids" };
	static const char *const cat_key[] = { "allow.categories",
					       "deny.categories",
					       "review.categories" };

	if (k == SEC_ALLOW && strcmp(it->string, "osi") == 0) {
		if (!cJSON_IsBool(it))
			return oh_err_set(err, OH_EINPUT, name, 0, 0,
					  "'allow.osi' must be true or false");
		p->allow_osi = cJSON_IsTrue(it);
		return 0;
	}
	if (strcmp(it->string, "ids") == 0)
		return k == SEC_ALLOW  ? list(&p->allow_id, &p->allow_id_nr, it,
					      ids_key[k], name, err)
		       : k == SEC_DENY ? list(&p->deny_id, &p->deny_id_nr, it,
					      ids_key[k], name, err)
				       : list(&p->review_id, &p->review_id_nr,
					      it, ids_key[k], name, err);
	if (strcmp(it->string, "categories") == 0)
		return k == SEC_ALLOW  ? list(&p->allow_cat, &p->allow_cat_nr,
					      it, cat_key[k], name, err)
		       : k == SEC_DENY ? list(&p->deny_cat, &p->deny_cat_nr, it,
					      cat_key[k], name, err)
				       : list(&p->review_cat, &p->review_cat_nr,
					      it, cat_key[k], name, err);
	return oh_err_set(err, OH_EINPUT, name, 0, 0, "unknown key '%s.%.60s'",
			  section_name[k], it->string);
}

static int section(struct lic_policy *p, const cJSON *sec, enum section_kind k,
		   const char *name, struct oh_err *err)
{
	const cJSON *it;

	if (!cJSON_IsObject(sec))
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "'%s' must be an object", section_name[k]);
	cJSON_ArrayForEach(it, sec)
	{
		if (section_item(p, it, k, name, err) < 0)
			return err->code;
	}
	return 0;
}

int lic_policy_parse(struct lic_policy *p, const char *buf, size_t len,
		     const char *name, struct oh_err *err)
{
	cJSON *root;
	const cJSON *it;
	int rc = 0;

	memset(p, 0, sizeof(*p));
	p->source = oh_xstrdup(name);
	if (len > LIC_POLICY_MAX_BYTES)
		return oh_err_set(err, OH_ELIMIT, name, 0, 0,
				  "larger than %u bytes", LIC_POLICY_MAX_BYTES);
	root = cJSON_ParseWithLength(buf, len);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		return oh_err_set(err, OH_EINPUT, name, 0, 0,
				  "not a JSON object");
	}
	cJSON_ArrayForEach(it, root)
	{
		if (strcmp(it->string, "allow") == 0)
			rc = section(p, it, SEC_ALLOW, name, err);
		else if (strcmp(it->string, "deny") == 0)
			rc = section(p, it, SEC_DENY, name, err);
		else if (strcmp(it->string, "review") == 0)
			rc = section(p, it, SEC_REVIEW, name, err);
		else if (strcmp(it->string, "$comment") != 0)
			rc = oh_err_set(
				err, OH_EINPUT, name, 0, 0,
				"unknown key '%.60s' (expected allow, deny, review)",
				it->string);
		if (rc < 0)
			break;
	}
	cJSON_Delete(root);
	return rc;
}

int lic_policy_load(struct lic_policy *p, const char *path, struct oh_err *err)
{
	struct oh_buf b = OH_BUF_INIT;
	int rc;

	oh_buf_set_max(&b, LIC_POLICY_MAX_BYTES);
	rc = oh_buf_read_file(&b, path, err);
	if (rc == 0)
		rc = lic_policy_parse(p, b.buf, b.len, path, err);
	else
		memset(p, 0, sizeof(*p));
	oh_buf_release(&b);
	return rc;
}

static bool in(char *const *l, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(l[i], s) == 0)
			return true;
	return false;
}

struct judge {
	const struct lic_policy *p;
	bool review_ok; /* licenses to review count as allowed */
	char *why;
	size_t why_size;
	bool said; /* why is filled */
};

/* Neither allowed nor denied, and on the review list. */
static bool to_review(const struct lic_policy *p,
		      const struct lic_adapt_leaf *l, const char *full)
{
	const char *cat = l->category ? l->category : "";

	if (!l->known || (l->exception && !l->exception_known))
		return false;
	return in(p->review_id, p->review_id_nr, l->id) ||
	       in(p->review_id, p->review_id_nr, full) ||
	       (cat[0] != '\0' && in(p->review_cat, p->review_cat_nr, cat));
}

static bool leaf_verdict(const struct lic_policy *p, bool review_ok,
			 const struct lic_adapt_leaf *l, const char *full,
			 const char **reason)
{
	const char *cat = l->category ? l->category : "";

	if (in(p->deny_id, p->deny_id_nr, l->id) ||
	    in(p->deny_id, p->deny_id_nr, full)) {
		*reason = "is denied by the policy";
		return false;
	}
	if (cat[0] != '\0' && in(p->deny_cat, p->deny_cat_nr, cat)) {
		*reason = "is in a denied category";
		return false;
	}
	if (in(p->allow_id, p->allow_id_nr, l->id) ||
	    in(p->allow_id, p->allow_id_nr, full) ||
	    (cat[0] != '\0' && in(p->allow_cat, p->allow_cat_nr, cat)))
		return true;
	if (p->allow_osi && l->osi && (!l->exception || l->exception_known))
		return true;
	if (to_review(p, l, full)) {
		*reason = p->allow_osi ? "is not OSI-approved: to review"
				       : "is not on the allow list: to review";
		return review_ok;
	}
	*reason = !l->known ? "is not a known SPDX license"
		  : l->exception && !l->exception_known
			  ? "has an unknown exception"
		  : p->allow_osi ? "is not OSI-approved and not allowed"
				 : "is not on the allow list";
	return false;
}

static bool judge_leaf(void *ctx, const struct lic_adapt_leaf *l)
{
	struct judge *j = ctx;
	struct oh_buf full = OH_BUF_INIT;
	const char *reason = NULL;
	bool ok;

	oh_buf_addf(&full, "%s%s", l->id, l->plus ? "+" : "");
	if (l->exception)
		oh_buf_addf(&full, " WITH %s", l->exception);
	ok = leaf_verdict(j->p, j->review_ok, l, full.buf, &reason);
	if (!ok && !j->said) {
		snprintf(j->why, j->why_size, "%s%s%s%s %s", full.buf,
			 l->category && l->category[0] ? " (" : "",
			 l->category ? l->category : "",
			 l->category && l->category[0] ? ")" : "", reason);
		j->said = true;
	}
	oh_buf_release(&full);
	return ok;
}

int lic_policy_allows(const struct lic_policy *p, struct lic_adapt *a,
		      const char *expr, char *why, size_t why_size,
		      const char *name, struct oh_err *err)
{
	struct judge j = { .p = p, .why = why, .why_size = why_size };
	char denied[300];
	bool r = false;
	int rc;

	if (why_size > 0)
		why[0] = '\0';
	rc = lic_adapt_eval(&r, a, expr, judge_leaf, &j, name, err);
	if (rc < 0 || r)
		return rc < 0 ? rc : 1;
	if (p->review_id_nr == 0 && p->review_cat_nr == 0)
		return 0;
	/* Again with the licenses to review accepted: allowed then means
	   "allowed if the reviewer accepts them" (why from the first pass
	   names one); refused then names a license denied outright. */
	j = (struct judge){ .p = p,
			    .review_ok = true,
			    .why = denied,
			    .why_size = sizeof(denied) };
	denied[0] = '\0';
	rc = lic_adapt_eval(&r, a, expr, judge_leaf, &j, name, err);
	if (rc < 0)
		return rc;
	if (r)
		return 2;
	if (why_size > 0)
		snprintf(why, why_size, "%s", denied);
	return 0;
}

/* ---- the gate ---- */

/* A comment line carrying the tag in the file's own syntax, or NULL. */
static const char *comment_style(const char *path)
{
	static const struct {
		const char *ext;
		const char *fmt;
	} style[] = {
		{ ".c", "/* %s */" },      { ".h", "/* %s */" },
		{ ".cc", "// %s" },        { ".cpp", "// %s" },
		{ ".hpp", "// %s" },       { ".java", "// %s" },
		{ ".js", "// %s" },        { ".ts", "// %s" },
		{ ".go", "// %s" },        { ".rs", "// %s" },
		{ ".kt", "// %s" },        { ".swift", "// %s" },
		{ ".cs", "// %s" },        { ".css", "/* %s */" },
		{ ".sh", "# %s" },         { ".py", "# %s" },
		{ ".rb", "# %s" },         { ".pl", "# %s" },
		{ ".yml", "# %s" },        { ".yaml", "# %s" },
		{ ".toml", "# %s" },       { ".cfg", "# %s" },
		{ ".mk", "# %s" },         { ".cmake", "# %s" },
		{ ".md", "<!-- %s -->" },  { ".html", "<!-- %s -->" },
		{ ".xml", "<!-- %s -->" }, { ".svg", "<!-- %s -->" },
		{ ".sql", "-- %s" },       { ".lua", "-- %s" },
		{ ".hs", "-- %s" },        { ".el", ";; %s" },
		{ ".lisp", ";; %s" },      { ".tex", "%% %s" },
		{ ".1", ".\\\" %s" },      { ".txt", "%s" },
	};
	const char *b = strrchr(path, '/');
	const char *dot;

	b = b ? b + 1 : path;
	if (strcmp(b, "Makefile") == 0 || strcmp(b, "Dockerfile") == 0 ||
	    strcmp(b, "CMakeLists.txt") == 0 || b[0] == '.')
		return "# %s";
	dot = strrchr(b, '.');
	for (size_t i = 0; dot && i < sizeof(style) / sizeof(style[0]); i++)
		if (strcasecmp(dot, style[i].ext) == 0)
			return style[i].fmt;
	return NULL;
}

static void fix_notag(struct lic_gate_item *it, const struct lic_scan_file *f,
		      const char *lic)
{
	const char *st = comment_style(it->path);
	struct oh_buf b = OH_BUF_INIT;
	struct oh_buf tag = OH_BUF_INIT;

	oh_buf_addf(&tag, "SPDX-License-Identifier: %s", lic);
	if (st && !(f->flags & (LIC_SF_BINARY | LIC_SF_LARGE))) {
		oh_buf_adds(&b, "add the line '");
		/* style: rule 25: the format comes from the table above */
		oh_buf_addf(&b, st, tag.buf);
		oh_buf_adds(&b, "' near the top of the file");
	} else {
		oh_buf_addf(
			&b,
			"cover it in REUSE.toml ([[annotations]] path = \"%s\", SPDX-License-Identifier = \"%s\") or add a file '%s.license' containing '%s'",
			it->path, lic, it->path, tag.buf);
	}
	it->fix = oh_buf_detach(&b, NULL);
	oh_buf_release(&tag);
}

struct unknown_ctx {
	char *out;
	size_t size;
	bool found;
};

static bool unknown_leaf(void *ctx, const struct lic_adapt_leaf *l)
{
	struct unknown_ctx *u = ctx;

	if (!l->known && !u->found) {
		snprintf(u->out, u->size, "%s", l->id);
		u->found = true;
	}
	return true;
}

/*
 * The first id of `expr` that is not on the SPDX list: "MIT OR Foo-1.0"
 * must not pass because MIT would.  1 with the id in out, 0 when every
 * id is known or the expression does not parse (judged later).
 */
static int unknown_id(char *out, size_t size, struct lic_adapt *a,
		      const char *expr)
{
	struct unknown_ctx u = { .out = out, .size = size };
	struct oh_err err = OH_ERR_INIT;

	if (lic_adapt_walk(a, expr, unknown_leaf, &u, expr, &err) < 0)
		u.found = false;
	oh_err_release(&err);
	return u.found ? 1 : 0;
}

static void judge_file(struct lic_gate_item *it, const struct lic_scan_file *f,
		       const struct lic_policy *p, struct lic_adapt *a,
		       const char *suggest)
{
	struct oh_err err = OH_ERR_INIT;
	char why[300];
	char unknown[128];
	int rc;

	if (f->flags & LIC_SF_EXEMPT) {
		it->status = LIC_GATE_EXEMPT;
		return;
	}
	if (!f->license) {
		it->status = LIC_GATE_NOTAG;
		it->problem = oh_xstrdup(
			(f->flags & LIC_SF_BINARY)
				? "binary file not covered by REUSE metadata"
				: "no SPDX-License-Identifier tag and not covered by REUSE metadata");
		fix_notag(it, f, suggest ? suggest : "<license>");
		return;
	}
	it->license = oh_xstrdup(f->license);
	if (f->reuse && f->license == f->reuse) {
		it->source = oh_xstrdup(f->reuse_at);
	} else {
		struct oh_buf b = OH_BUF_INIT;

		oh_buf_addf(&b, "tag, line %u", f->tag_line);
		it->source = oh_buf_detach(&b, NULL);
	}
	rc = unknown_id(unknown, sizeof(unknown), a, f->license);
	if (rc == 0)
		rc = lic_policy_allows(p, a, f->license, why, sizeof(why),
				       it->path, &err);
	else
		rc = -2;
	if (rc == -2) {
		struct oh_buf b = OH_BUF_INIT;

		it->status = LIC_GATE_INVALID;
		oh_buf_addf(
			&b,
			"invalid SPDX expression '%s' (%s): unknown license id '%s'",
			f->license, it->source, unknown);
		it->problem = oh_buf_detach(&b, NULL);
		it->fix = oh_xstrdup(
			"use an id from https://spdx.org/licenses/, or LicenseRef-<name> for a license not on the list");
	} else if (rc < 0) {
		struct oh_buf b = OH_BUF_INIT;

		it->status = LIC_GATE_INVALID;
		oh_buf_addf(&b, "invalid SPDX expression '%s' (%s", f->license,
			    it->source);
		if (err.col > 0)
			oh_buf_addf(&b, ", column %u", err.col);
		oh_buf_addf(&b, "): %s", err.msg);
		it->problem = oh_buf_detach(&b, NULL);
		it->fix = oh_xstrdup(
			"write a valid SPDX expression (ids from https://spdx.org/licenses/, operators AND, OR, WITH)");
	} else if (rc == 0 || rc == 2) {
		/* The gate is yes or no: a license to review stops it. */
		struct oh_buf b = OH_BUF_INIT;

		it->status = LIC_GATE_DENIED;
		oh_buf_addf(&b, "license not allowed by the policy: %s", why);
		it->problem = oh_buf_detach(&b, NULL);
		it->fix = oh_xstrdup(
			"use a license the policy allows, or have the policy amended (--policy FILE)");
	} else {
		it->status = LIC_GATE_OK;
	}
	oh_err_release(&err);
}

void lic_gate_run(struct lic_gate *out, const struct lic_scan *scan,
		  const char *const *paths, size_t nr,
		  const struct lic_policy *p, struct lic_adapt *a,
		  const char *suggest)
{
	out->suggest = suggest ? oh_xstrdup(suggest) : NULL;
	for (size_t i = 0; i < nr; i++) {
		const struct lic_scan_file *f = lic_scan_find(scan, paths[i]);
		struct lic_gate_item *it;

		OH_GROW(out->item, out->item_alloc, out->item_nr + 1);
		it = &out->item[out->item_nr++];
		memset(it, 0, sizeof(*it));
		it->path = oh_xstrdup(paths[i]);
		if (!f) {
			it->status = LIC_GATE_NOTFOUND;
			it->problem = oh_xstrdup("not in the scanned tree");
			it->fix = oh_xstrdup("check the revision given");
		} else {
			judge_file(it, f, p, a, suggest);
		}
		if (it->status != LIC_GATE_OK && it->status != LIC_GATE_EXEMPT)
			out->failed++;
	}
}

void lic_gate_release(struct lic_gate *g)
{
	for (size_t i = 0; i < g->item_nr; i++) {
		free(g->item[i].path);
		free(g->item[i].license);
		free(g->item[i].source);
		free(g->item[i].problem);
		free(g->item[i].fix);
	}
	free(g->item);
	free(g->suggest);
	memset(g, 0, sizeof(*g));
}

const char *lic_gate_status_name(enum lic_gate_status s)
{
	static const char *const n[] = { "ok",      "exempt", "no-tag",
					 "invalid", "denied", "not-found" };

	return n[s];
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth sbom generate` and `osshealth sbom verify`: an SPDX document
 * for a source tree, and an SPDX document checked against one.
 */
#include "cmd/cmd.h"
#include "cmd/sbom_int.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect.h"
#include "core/atomic.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "license/list.h"
#include "sbom/cdx.h"
#include "sbom/generate.h"
#include "sbom/model.h"
#include "sbom/source.h"
#include "sbom/spdx3.h"
#include "sbom/verify.h"
#include "report/report_sbom.h"
#include "core/banned.h"

#ifndef OH_VERSION
#define OH_VERSION "0"
#endif

/* ---- generate ----------------------------------------------------------- */

static const struct cmd_opt gen_opts[] = {
	{ "rev", 'r', required_argument, 'r', "REV",
	  "revision to describe (default HEAD)" },
	{ "dir", 'd', no_argument, 'd', NULL,
	  "read a work tree as a plain directory, not its git objects" },
	{ "format", 'f', required_argument, 'f', "FMT",
	  "spdx-json (default), spdx-tv, spdx3-json, cyclonedx-json or cyclonedx-xml" },
	{ "output", 'o', required_argument, 'o', "FILE",
	  "write to FILE (replaced atomically) instead of standard output" },
	{ "name", 'n', required_argument, 'n', "NAME",
	  "package name (default: from the origin URL or the directory)" },
	{ "supplier", 's', required_argument, 's', "WHO",
	  "package supplier, \"Organization: X\" or \"Person: Y\"" },
	{ "namespace", 'N', required_argument, 'N', "URI",
	  "document namespace (default: derived from package, commit and time)" },
	{ "created", 'c', required_argument, 'c', "TIME",
	  "creation time, YYYY-MM-DDTHH:MM:SSZ (default: now)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec gen_spec = {
	.name = "sbom generate",
	.usage =
		"sbom generate [--rev REV] [--dir] [--format spdx-json|spdx-tv|spdx3-json|cyclonedx-json|cyclonedx-xml] [-o FILE] [--name NAME] [--supplier WHO] [--namespace URI] [--created TIME] [REPO|PATH]",
	.summary =
		"Write an SPDX 2.3 document for a repository at a revision (or a directory): one package (name, version from the tag at the commit or git describe, download location git+URL@commit, purl for GitHub/GitLab/Bitbucket, declared and concluded license from the license engine, verification code) and every file with SHA-1, SHA-256 and its SPDX-tag licenses.  Only the creation time and the namespace vary between runs; fix them with --created and --namespace for reproducible builds.  --format cyclonedx-json or cyclonedx-xml writes the same facts as a CycloneDX 1.6 BOM (the package as metadata.component, files as nested components of type file); spdx3-json as SPDX 3.0.1 JSON-LD.",
	.opts = gen_opts,
};

enum out_format {
	OUT_SPDX_JSON,
	OUT_SPDX_TV,
	OUT_CDX_JSON,
	OUT_CDX_XML,
	OUT_SPDX3_JSON,
};

/* "spdx-json", "spdx-tv", "cyclonedx-json", "cyclonedx-xml" (and short forms) */
static int format_parse(enum out_format *f, const char *s)
{
	if (strcmp(s, "spdx-json") == 0 || strcmp(s, "json") == 0)
		*f = OUT_SPDX_JSON;
	else if (strcmp(s, "spdx-tv") == 0 || strcmp(s, "tv") == 0)
		*f = OUT_SPDX_TV;
	else if (strcmp(s, "cyclonedx-json") == 0 || strcmp(s, "cdx-json") == 0)
		*f = OUT_CDX_JSON;
	else if (strcmp(s, "cyclonedx-xml") == 0 || strcmp(s, "cdx-xml") == 0)
		*f = OUT_CDX_XML;
	else if (strcmp(s, "spdx3-json") == 0 || strcmp(s, "spdx3") == 0)
		*f = OUT_SPDX3_JSON;
	else
		return -1;
	return 0;
}

/* The document in format f appended to out; OH_EINPUT from tag-value. */
static int write_doc(struct oh_buf *out, const struct sbom_doc *doc,
		     enum out_format f, struct oh_err *err)
{
	switch (f) {
	case OUT_SPDX_TV:
		return sbom_write_tv(out, doc, err);
	case OUT_CDX_JSON:
		sbom_cdx_write_json(out, doc);
		return 0;
	case OUT_CDX_XML:
		sbom_cdx_write_xml(out, doc);
		return 0;
	case OUT_SPDX3_JSON:
		sbom_spdx3_write(out, doc);
		return 0;
	case OUT_SPDX_JSON:
		break;
	}
	sbom_write_json(out, doc);
	return 0;
}

struct gen_args {
	const char *path, *rev, *out;
	bool dir;
	enum out_format fmt;
	struct sbom_gen_opts g;
};

static int gen_parse(struct gen_args *a, int argc, char **argv)
{
	struct cmd_parser p;
	struct oh_err err = OH_ERR_INIT;
	int c;

	cmd_parser_init(&p, &gen_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'r':
			a->rev = optarg;
			break;
		case 'd':
			a->dir = true;
			break;
		case 'f':
			if (format_parse(&a->fmt, optarg) < 0)
				return cmd_usage_error("sbom generate",
						       "unknown format '%s'",
						       optarg);
			break;
		case 'o':
			a->out = strcmp(optarg, "-") == 0 ? NULL : optarg;
			break;
		case 'n':
			a->g.name = optarg;
			break;
		case 's':
			if (strncmp(optarg, "Organization: ", 14) != 0 &&
			    strncmp(optarg, "Person: ", 8) != 0)
				return cmd_usage_error(
					"sbom generate",
					"--supplier must start with 'Organization: ' or 'Person: '");
			a->g.supplier = optarg;
			break;
		case 'N':
			if (!strstr(optarg, "://") || strchr(optarg, '#'))
				return cmd_usage_error(
					"sbom generate",
					"--namespace must be an absolute URI without '#'");
			a->g.namespace_ = optarg;
			break;
		case 'c':
			if (oh_time_parse(&a->g.created, optarg, &err) < 0) {
				oh_err_release(&err);
				return cmd_usage_error(
					"sbom generate",
					"--created: '%s' is not a time (YYYY-MM-DDTHH:MM:SSZ)",
					optarg);
			}
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &gen_spec);
			return -1;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (optind < argc)
		a->path = argv[optind++];
	if (optind < argc)
		return cmd_usage_error("sbom generate",
				       "one repository or directory at most");
	return 0;
}

static int sbom_generate_cmd(int argc, char **argv)
{
	struct gen_args a = { .path = "." };
	struct sbom_source src = SBOM_SOURCE_INIT;
	struct sbom_doc *doc = NULL;
	struct lic_list *list = NULL;
	struct oh_buf out = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	int ret = gen_parse(&a, argc, argv);

	if (ret != 0)
		return ret < 0 ? OH_EXIT_OK : ret;
	if (a.g.created == 0)
		a.g.created = oh_now();
	a.g.tool = "osshealth-" OH_VERSION;
	/* licenseListVersion: the list the license engine reads */
	if (lic_list_load(&list, &err) == 0)
		a.g.license_list_version =
			sbom_license_list_version(lic_list_version(list));
	oh_err_release(&err);
	if (collect_sbom_source(&src, a.path, a.rev, a.dir, &err) < 0 ||
	    sbom_generate(&doc, &src, &a.g, &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	if (write_doc(&out, doc, a.fmt, &err) < 0) {
		oh_err_prefix(&err, "%s: ", a.path);
		ret = cmd_report_error(&err);
		goto out;
	}
	if (oh_atomic_write(a.out, out.buf, out.len, &err) < 0)
		ret = cmd_report_error(&err);
	else
		ret = OH_EXIT_OK;
out:
	sbom_doc_free(doc);
	lic_list_free(list);
	sbom_source_release(&src);
	oh_buf_release(&out);
	oh_err_release(&err);
	return ret;
}

/* ---- verify ------------------------------------------------------------- */

static const struct cmd_opt verify_opts[] = {
	{ "repo", 'R', required_argument, 'R', "PATH",
	  "the source: a git repository or a directory (required)" },
	{ "rev", 'r', required_argument, 'r', "REV",
	  "revision of the repository (default HEAD)" },
	{ "dir", 'd', no_argument, 'd', NULL,
	  "read a work tree as a plain directory, not its git objects" },
	{ "format", 'f', required_argument, 'f', "FMT",
	  "text (default) or json" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec verify_spec = {
	.name = "sbom verify",
	.usage =
		"sbom verify --repo PATH [--rev REV] [--dir] [--format text|json] FILE",
	.summary =
		"Check that an SPDX document tells the truth about the source it names: file checksums against the content, listed and unlisted files, the package verification code, declared and concluded licenses against the license engine, per-file licenses against the SPDX tags, the version against the tags at the commit, the download location against the commit and the origin remote.  Each mismatch is shown with both values.  Exit 0 when everything matches, 1 on any mismatch, 2 when the document or the source cannot be read.",
	.opts = verify_opts,
};

struct verify_args {
	const char *repo, *rev, *file;
	bool dir, json;
};

static int verify_parse(struct verify_args *a, int argc, char **argv)
{
	struct cmd_parser p;
	int c;

	cmd_parser_init(&p, &verify_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'R':
			a->repo = optarg;
			break;
		case 'r':
			a->rev = optarg;
			break;
		case 'd':
			a->dir = true;
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				a->json = true;
			else if (strcmp(optarg, "text") != 0)
				return cmd_usage_error("sbom verify",
						       "unknown format '%s'",
						       optarg);
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &verify_spec);
			return -1;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (!a->repo)
		return cmd_usage_error(
			"sbom verify",
			"--repo names the source to check against");
	if (optind + 1 != argc)
		return cmd_usage_error("sbom verify", "name one SBOM file");
	a->file = argv[optind];
	return 0;
}

static int sbom_verify_cmd(int argc, char **argv)
{
	struct verify_args a = { 0 };
	struct sbom_source src = SBOM_SOURCE_INIT;
	struct sbom_verify_report r = SBOM_VERIFY_INIT;
	struct sbom_doc *doc = NULL;
	struct oh_buf data = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	int ret = verify_parse(&a, argc, argv);

	if (ret != 0)
		return ret < 0 ? OH_EXIT_OK : ret;
	oh_buf_set_max(&data, SBOM_MAX_BYTES);
	if (oh_buf_read_file(&data, a.file, &err) < 0 ||
	    sbom_read(&doc, data.buf, data.len, a.file, &err) < 0 ||
	    collect_sbom_source(&src, a.repo, a.rev, a.dir, &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	if (sbom_verify(&r, doc, &src, &err) < 0) {
		if (!err.input)
			err.input = oh_xstrdup(a.file);
		ret = cmd_report_error(&err);
		goto out;
	}
	report_sbom_verify(stdout, a.file, &r, &src,
			   a.json ? REPORT_JSON : REPORT_TEXT);
	ret = r.mismatches ? OH_EXIT_FAILED : OH_EXIT_OK;
out:
	sbom_verify_release(&r);
	sbom_doc_free(doc);
	sbom_source_release(&src);
	oh_buf_release(&data);
	oh_err_release(&err);
	return ret;
}

int sbom_generate_main(int argc, char **argv)
{
	return sbom_generate_cmd(argc, argv);
}

int sbom_verify_main(int argc, char **argv)
{
	return sbom_verify_cmd(argc, argv);
}

/* ---- convert ------------------------------------------------------------ */

static const struct cmd_opt convert_opts[] = {
	{ "output", 'o', required_argument, 'o', "FILE",
	  "write to FILE (replaced atomically; - for standard output)" },
	{ "format", 'f', required_argument, 'f', "FMT",
	  "spdx-json, spdx-tv, spdx3-json, cyclonedx-json or cyclonedx-xml (default: from FILE's extension: .spdx3.json or .jsonld, .cdx.json, .cdx.xml, .json or .spdx)" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec convert_spec = {
	.name = "sbom convert",
	.usage =
		"sbom convert -o FILE [--format spdx-json|spdx-tv|spdx3-json|cyclonedx-json|cyclonedx-xml] IN",
	.summary =
		"Read an SPDX document (JSON, YAML, tag-value, RDF/XML, SPDX XML or SPDX 3.0.1 JSON-LD) or a CycloneDX BOM (JSON or XML), detected from the content, and write it as SPDX JSON, SPDX tag-value, SPDX 3.0.1 JSON-LD, CycloneDX 1.6 JSON or CycloneDX 1.6 XML.  Between SPDX serialisations what is read is written: absent fields stay absent, and JSON -> tag-value -> JSON gives the same document (hasFiles aside, which tag-value cannot say).  Between SPDX 2, SPDX 3 and CycloneDX only what both can say is carried (docs/sbom.md lists the losses).  The output file is replaced atomically and never the input.",
	.opts = convert_opts,
};

static bool ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);

	return n >= k && strcmp(s + n - k, suf) == 0;
}

static int convert_parse(const char **in, const char **out,
			 enum out_format *fmt, int argc, char **argv)
{
	struct cmd_parser p;
	bool have_format = false;
	int c;

	cmd_parser_init(&p, &convert_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'o':
			*out = optarg;
			break;
		case 'f':
			if (format_parse(fmt, optarg) < 0)
				return cmd_usage_error("sbom convert",
						       "unknown format '%s'",
						       optarg);
			have_format = true;
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &convert_spec);
			return -1;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (!*out || optind + 1 != argc)
		return cmd_usage_error("sbom convert",
				       "name one input and -o FILE");
	*in = argv[optind];
	if (!have_format) {
		if (ends_with(*out, ".spdx3.json") ||
		    ends_with(*out, ".jsonld"))
			*fmt = OUT_SPDX3_JSON;
		else if (ends_with(*out, ".cdx.json") ||
			 ends_with(*out, ".bom.json"))
			*fmt = OUT_CDX_JSON;
		else if (ends_with(*out, ".cdx.xml") ||
			 ends_with(*out, ".bom.xml"))
			*fmt = OUT_CDX_XML;
		else if (ends_with(*out, ".json"))
			*fmt = OUT_SPDX_JSON;
		else if (ends_with(*out, ".spdx"))
			*fmt = OUT_SPDX_TV;
		else
			return cmd_usage_error(
				"sbom convert",
				"give --format: '%s' ends neither in .json, .spdx, .cdx.json nor .cdx.xml",
				*out);
	}
	if (strcmp(*in, *out) == 0)
		return cmd_usage_error("sbom convert",
				       "the output would replace the input");
	return 0;
}

int sbom_convert_main(int argc, char **argv)
{
	const char *in = NULL, *out = NULL;
	enum out_format fmt = OUT_SPDX_JSON;
	struct sbom_doc *doc = NULL;
	struct oh_buf data = OH_BUF_INIT, text = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	int ret = convert_parse(&in, &out, &fmt, argc, argv);

	if (ret != 0)
		return ret < 0 ? OH_EXIT_OK : ret;
	oh_buf_set_max(&data, SBOM_MAX_BYTES);
	if (oh_buf_read_file(&data, in, &err) < 0 ||
	    sbom_read(&doc, data.buf, data.len, in, &err) < 0) {
		ret = cmd_report_error(&err);
		goto out;
	}
	if (doc->ncreators == 0) {
		/* a CycloneDX BOM naming no tool or author: this converter */
		doc->creators = sbom_arena_grow(&doc->arena, NULL, 0,
						sizeof(*doc->creators));
		doc->creators[doc->ncreators++] = "Tool: osshealth-" OH_VERSION;
	}
	if (write_doc(&text, doc, fmt, &err) < 0) {
		oh_err_prefix(&err, "%s: ", in);
		ret = cmd_report_error(&err);
		goto out;
	}
	ret = oh_atomic_write(strcmp(out, "-") == 0 ? NULL : out, text.buf,
			      text.len, &err) < 0
		      ? cmd_report_error(&err)
		      : OH_EXIT_OK;
out:
	sbom_doc_free(doc);
	oh_buf_release(&data);
	oh_buf_release(&text);
	oh_err_release(&err);
	return ret;
}

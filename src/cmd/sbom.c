/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * `osshealth sbom VERB`: SBOMs.  Verbs: validate.
 */
#include "cmd/cmd.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/xalloc.h"
#include "license/list.h"
#include "report/report.h"
#include "report/report_sbom.h"
#include "sbom/sbom.h"
#include "cmd/sbom_int.h"
#include "core/banned.h"

static const struct cmd_opt validate_opts[] = {
	{ "profile", 'p', required_argument, 'p', "NAME",
	  "spdx (the specification, default), ntia (minimum elements as the SPDX reference checker tests them), ntia-strict (also a purl, CPE, SWID or checksum and a relationship for each package), bsi (BSI TR-03183-2 v2.1.0, for CycloneDX 1.6) or all (spdx and ntia-strict)" },
	{ "format", 'f', required_argument, 'f', "FMT",
	  "text (default), json, sarif or junit" },
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec validate_spec = {
	.name = "sbom validate",
	.usage =
		"sbom validate [--profile spdx|ntia|ntia-strict|bsi|all] [--format text|json|sarif|junit] FILE...",
	.summary =
		"Check SPDX 2.2/2.3 documents (JSON, YAML, tag-value, RDF/XML or SPDX XML), SPDX 3.0.1 JSON-LD (Core, Software and licensing classes: required properties, vocabularies, value syntax, references to elements of the right type) and CycloneDX 1.4-1.6 BOMs (JSON or XML: the official schema's rules, bom-ref uniqueness, dependency references, purl and license syntax), detected from the content, against the specification (mandatory fields, SPDX ids, references, checksums, dates, license expressions, namespace, DESCRIBES) and/or the NTIA minimum elements per package.  Every diagnostic has a stable code (docs/sbom.md), the element and its JSON path (for tag-value and RDF/XML preceded by the input line of the element); sarif and junit give the same for CI dashboards.  Exit 0 when every file is valid, 1 when one is invalid, 2 when one cannot be read.",
	.opts = validate_opts,
};

static const struct cmd_opt sbom_opts_none[] = {
	{ NULL, 0, 0, 0, NULL, NULL },
};

static const struct cmd_spec sbom_spec = {
	.name = "sbom",
	.usage =
		"sbom validate [--profile spdx|ntia|ntia-strict|bsi|all] [--format text|json|sarif|junit] FILE...\n"
		"sbom generate [--rev REV] [--dir] [--format spdx-json|spdx-tv|spdx3-json|cyclonedx-json|cyclonedx-xml] [-o FILE] [--name NAME] [--supplier WHO] [--namespace URI] [--created TIME] [REPO|PATH]\n"
		"sbom verify --repo PATH [--rev REV] [--dir] [--format text|json] FILE\n"
		"sbom convert -o FILE [--format spdx-json|spdx-tv|spdx3-json|cyclonedx-json|cyclonedx-xml] IN",
	.summary =
		"SBOMs.  Verbs:\n  validate  check SPDX 2 and 3 documents and CycloneDX BOMs against their specification and the NTIA minimum elements\n  generate  write an SPDX document or a CycloneDX BOM for a repository or directory\n  verify    check an SPDX document against the source it names\n  convert   rewrite an SPDX document or CycloneDX BOM as SPDX JSON, tag-value, SPDX 3 JSON-LD, CycloneDX JSON or XML",
	.opts = sbom_opts_none,
};

static int parse_opts(unsigned *profiles, enum report_format *fmt, int argc,
		      char **argv)
{
	struct cmd_parser p;
	enum report_format f;
	int c;

	cmd_parser_init(&p, &validate_spec);
	while ((c = cmd_parser_next(&p, argc, argv)) != CMD_OPT_END) {
		switch (c) {
		case 'p':
			if (strcmp(optarg, "spdx") == 0)
				*profiles = SBOM_PROFILE_SPDX;
			else if (strcmp(optarg, "ntia") == 0)
				*profiles = SBOM_PROFILE_NTIA;
			else if (strcmp(optarg, "ntia-strict") == 0)
				*profiles = SBOM_PROFILE_NTIA |
					    SBOM_PROFILE_NTIA_STRICT;
			else if (strcmp(optarg, "bsi") == 0)
				*profiles = SBOM_PROFILE_BSI;
			else if (strcmp(optarg, "all") == 0)
				*profiles = SBOM_PROFILE_SPDX |
					    SBOM_PROFILE_NTIA |
					    SBOM_PROFILE_NTIA_STRICT;
			else
				return cmd_usage_error("sbom validate",
						       "unknown profile '%s'",
						       optarg);
			break;
		case 'f':
			if (report_format_parse(&f, optarg, NULL) < 0 ||
			    (f != REPORT_TEXT && f != REPORT_JSON &&
			     f != REPORT_SARIF && f != REPORT_JUNIT))
				return cmd_usage_error("sbom validate",
						       "unknown format '%s'",
						       optarg);
			*fmt = f;
			break;
		case CMD_OPT_HELP:
			cmd_help_print(stdout, &validate_spec);
			return -1;
		default:
			return OH_EXIT_USAGE;
		}
	}
	if (optind >= argc)
		return cmd_usage_error("sbom validate",
				       "name at least one file");
	return 0;
}

/* What validate keeps of each file until the end. */
struct validated {
	struct sbom_report r;
	char error[600]; /* when unreadable */
	bool readable;
};

/*
 * Validate one file into *keep; 0 valid, 1 invalid, 2 unreadable (in
 * text, named on stderr at once).
 */
static int validate_one(const char *file, unsigned profiles,
			const struct lic_list *list, enum report_format fmt,
			struct validated *keep)
{
	struct oh_buf data = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	struct stat st;
	int ret;

	keep->r = (struct sbom_report)SBOM_REPORT_INIT;
	oh_buf_set_max(&data, SBOM_MAX_BYTES);
	/* one allocation for a large document, not a doubling series */
	if (stat(file, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (unsigned long long)st.st_size < SBOM_MAX_BYTES)
		oh_buf_grow(&data, (size_t)st.st_size + 1);
	if (oh_buf_read_file(&data, file, &err) < 0 ||
	    sbom_validate(&keep->r, data.buf, data.len, file, profiles, list,
			  &err) < 0) {
		if (fmt == REPORT_TEXT)
			cmd_report_error(&err);
		else
			oh_err_format(keep->error, sizeof(keep->error), &err);
		ret = 2;
	} else {
		ret = keep->r.errors ? 1 : 0;
	}
	keep->readable = ret != 2;
	oh_buf_release(&data);
	oh_err_release(&err);
	return ret;
}

static int sbom_validate_cmd(int argc, char **argv)
{
	unsigned profiles = SBOM_PROFILE_SPDX;
	enum report_format fmt = REPORT_TEXT;
	struct validated *keep;
	struct report_sbom_file *f;
	struct lic_list *list = NULL;
	struct oh_err err = OH_ERR_INIT;
	int worst = 0;
	int ret = parse_opts(&profiles, &fmt, argc, argv);
	size_t n;

	if (ret != 0)
		return ret < 0 ? OH_EXIT_OK : ret;
	/* license ids are checked against the list shipped in licenses/ */
	if (lic_list_load(&list, &err) < 0) {
		ret = cmd_report_error(&err);
		oh_err_release(&err);
		return ret;
	}
	n = (size_t)(argc - optind);
	keep = oh_xcalloc(n + 1, sizeof(*keep));
	f = oh_xcalloc(n + 1, sizeof(*f));
	for (size_t i = 0; i < n; i++) {
		int r = validate_one(argv[optind + (int)i], profiles, list, fmt,
				     &keep[i]);

		if (r > worst)
			worst = r;
		f[i].file = argv[optind + (int)i];
		f[i].r = keep[i].readable ? &keep[i].r : NULL;
		f[i].error = keep[i].error;
	}
	if (report_sbom_validate(stdout, f, n, fmt, &err) < 0) {
		cmd_report_error(&err);
		worst = 2;
	}
	for (size_t i = 0; i < n; i++)
		sbom_report_release(&keep[i].r);
	free(keep);
	free(f);
	lic_list_free(list);
	oh_err_release(&err);
	return worst == 2   ? OH_EXIT_USAGE
	       : worst == 1 ? OH_EXIT_FAILED
			    : OH_EXIT_OK;
}

static const struct cmd_verb verbs[] = {
	{ "validate", sbom_validate_cmd },
	{ "generate", sbom_generate_main },
	{ "verify", sbom_verify_main },
	{ "convert", sbom_convert_main },
};

int cmd_sbom(int argc, char **argv)
{
	return cmd_dispatch_verbs("sbom", &sbom_spec, verbs,
				  sizeof(verbs) / sizeof(verbs[0]), argc, argv);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The texts of the SARIF rules: one row per rule id that osshealth
 * emits, then one row per id family (an id ending in '/' or '-' matches
 * every id starting with it) and a last catch-all row.  The rows are the
 * short form of the tables in docs/dco.md, docs/license.md,
 * docs/sbom.md and docs/scoring.md; `doc` is the page and anchor the
 * rule's helpUri points at.
 */
#include "report/sarif.h"

#include <string.h>

#include "core/banned.h"

struct row {
	const char *id; /* exact id, or a family prefix ending in '/' or '-' */
	struct report_sarif_doc d;
};

#define DCO_DOC   "dco.md#sarif-and-junit"
#define DCO_TAGS  "dco compliance supply-chain"
#define LIC_DOC   "license.md#sarif-and-junit"
#define LIC_TAGS  "license compliance supply-chain"
#define SPDX_DOC  "sbom.md#profile-spdx-the-specification"
#define NTIA_DOC  "sbom.md#profile-ntia-minimum-elements-per-package"
#define SBOM_TAGS "sbom spdx supply-chain"
#define SEC_DOC \
	"scoring.md#security-offline-subset-of-the-openssf-scorecard-reimplemented"
#define SEC_TAGS "security supply-chain"
#define REVIEW_FIX                                                             \
	"The message gives the score, the reason and the evidence; change "    \
	"what the check counts (docs/scoring.md gives the formula) or accept " \
	"the finding in the review."

/* clang-format off */
static const struct row rows[] = {
	/* dco: src/git/dco.h verdicts that fail */
	{ "dco/no-signoff", { "Commit without a Signed-off-by trailer",
	  "The commit message has no Signed-off-by trailer, so the author has not certified the Developer Certificate of Origin for this change.",
	  "Add the sign-off with 'git commit --amend --signoff --no-edit' (last commit) or 'git rebase --signoff BASE' (a range), then force-push.",
	  DCO_DOC, DCO_TAGS, "error", NULL } },
	{ "dco/signoff-not-trailer", { "Signed-off-by line outside the trailer block",
	  "A Signed-off-by line is present but not in the last paragraph of the message, where git (git interpret-trailers, git log %(trailers)) reads trailers; it does not count.",
	  "Move the Signed-off-by line into the last paragraph of the message (git commit --amend, or git rebase -i BASE with reword).",
	  DCO_DOC, DCO_TAGS, "error", NULL } },
	{ "dco/email-mismatch", { "Sign-off email differs from the author email",
	  "No Signed-off-by trailer carries the author's email address (compared ignoring case, after .mailmap), so the sign-off certifies someone else's authorship.",
	  "Commit with the identity you sign off with (git config user.email), then 'git rebase --signoff BASE'; or map both addresses in .mailmap.",
	  DCO_DOC, DCO_TAGS, "error", NULL } },
	{ "dco/name-mismatch", { "Sign-off name differs from the author name",
	  "With --require-name, a sign-off must carry the author's name as well as the email address; this commit's sign-offs do not.",
	  "Set user.name to the name you sign off with and re-sign the range with 'git rebase --signoff BASE'.",
	  DCO_DOC, DCO_TAGS, "error", NULL } },
	{ "dco/forge-squash", { "Forge squash merge lost the author address",
	  "The commit is authored as a GitHub no-reply address (NNN+login@users.noreply.github.com) while its sign-off names a real address: a forge squash merge replaced the author.",
	  "Amend the author to the signed-off address, or add a remediation commit 'I, NAME <EMAIL>, hereby add my Signed-off-by to this commit: SHA'.",
	  DCO_DOC, DCO_TAGS, "error", NULL } },
	/* license gate: lic_gate_status_name() */
	{ "license-gate/no-tag", { "File without a license tag",
	  "An added or modified file carries no SPDX-License-Identifier tag and is not covered by REUSE metadata (REUSE.toml, .license sidecar, dep5).",
	  "Add an 'SPDX-License-Identifier: <license>' comment near the top of the file, or cover the file in REUSE.toml or a FILE.license sidecar.",
	  LIC_DOC, LIC_TAGS, "error", NULL } },
	{ "license-gate/invalid", { "Invalid SPDX license expression",
	  "The file's SPDX-License-Identifier (or REUSE annotation) is not a valid SPDX license expression.",
	  "Write a valid SPDX expression (ids from the SPDX license list, AND/OR/WITH, parentheses); the message says where parsing stopped.",
	  LIC_DOC, LIC_TAGS, "error", NULL } },
	{ "license-gate/denied", { "License not allowed by the policy",
	  "The file's license is not allowed by the license policy in force (by default: OSI-approved licenses only).",
	  "Relicense the file under an allowed license, remove it, or change the policy (--policy FILE) with the approval it needs.",
	  LIC_DOC, LIC_TAGS, "error", NULL } },
	{ "license-gate/not-found", { "Gated file not found",
	  "A file named by the change could not be read at the revision checked.",
	  "Check that the revision and the base of --changed-since are the ones of the pull request.",
	  LIC_DOC, LIC_TAGS, "error", NULL } },
	/* license summary findings (also "license/..." in review runs) */
	{ "license-missing", { "No license found",
	  "Neither package metadata nor a license file states the license of the repository.",
	  "Add a LICENSE file with the full license text and declare the license in the package metadata.",
	  LIC_DOC, LIC_TAGS, "error", NULL } },
	{ "license-non-osi", { "License is not OSI-approved",
	  "The concluded license of the repository is not approved by the Open Source Initiative.",
	  "Relicense under an OSI-approved license, or allow this license explicitly in the policy.",
	  LIC_DOC, LIC_TAGS, "error", NULL } },
	{ "license-declared-conflict", { "Declared and detected licenses disagree",
	  "The license declared in package metadata differs from the license detected in the license files.",
	  "Make the metadata and the license files state the same license.",
	  LIC_DOC, LIC_TAGS, "warning", NULL } },
	{ "license-declared-not-spdx", { "Declared license is not an SPDX expression",
	  "The license declared in package metadata is not a valid SPDX license expression.",
	  "Declare the license as an SPDX expression (for example 'MIT OR Apache-2.0').",
	  LIC_DOC, LIC_TAGS, "note", NULL } },
	{ "license-text-unknown", { "Unrecognised license text",
	  "A license file does not match any license of the SPDX list closely enough.",
	  "Use the unmodified SPDX text of the license, or add an SPDX-License-Identifier to the file.",
	  LIC_DOC, LIC_TAGS, "warning", NULL } },
	{ "license-tag-invalid", { "Invalid SPDX-License-Identifier tag",
	  "A file carries an SPDX-License-Identifier whose value is not a valid SPDX license expression.",
	  "Correct the expression in the tag.",
	  LIC_DOC, LIC_TAGS, "warning", NULL } },
	{ "license-go-module-without-license", { "Go module without a license file",
	  "A Go module directory has no license file of its own.",
	  "Add a LICENSE file to the module directory.",
	  LIC_DOC, LIC_TAGS, "note", NULL } },
	{ "license-", { "License finding",
	  "A finding of the license engine (docs/license.md lists them).",
	  "Follow the message; docs/license.md explains each finding.",
	  LIC_DOC, LIC_TAGS, "warning", NULL } },
	/* sbom validate */
	{ "SBOM-UNREADABLE", { "SBOM cannot be read",
	  "The file could not be read or parsed as an SPDX document (JSON, tag-value or RDF/XML).",
	  "Fix the syntax error at the position the message gives, or convert the document to SPDX 2.3.",
	  "sbom.md#sbom-validation", SBOM_TAGS, "error", NULL } },
	{ "SPDX-VERSION", { "Missing or unsupported spdxVersion", "spdxVersion is missing or is not SPDX-2.2 or SPDX-2.3.", "Set spdxVersion to SPDX-2.3.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-DATA-LICENSE", { "dataLicense is not CC0-1.0", "The document's dataLicense is missing or is not CC0-1.0, which SPDX requires.", "Set dataLicense to CC0-1.0.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-DOC-ID", { "Document SPDXID is not SPDXRef-DOCUMENT", "The document's own SPDXID must be SPDXRef-DOCUMENT.", "Set the document SPDXID to SPDXRef-DOCUMENT.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-DOC-NAME", { "Document name missing", "The document has no name.", "Add a document name.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-NAMESPACE", { "Bad documentNamespace", "documentNamespace is missing, not an absolute URI, or contains '#'.", "Set a unique absolute URI without '#' as documentNamespace.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-CREATION-INFO", { "creationInfo missing", "The document has no creationInfo.", "Add creationInfo with creators and created.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-CREATED", { "Bad creation time", "creationInfo.created is missing or not of the form YYYY-MM-DDThh:mm:ssZ.", "Write the creation time in UTC as YYYY-MM-DDThh:mm:ssZ.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-CREATORS", { "Bad or missing creators", "There is no creator, or a creator does not start with 'Person: ', 'Organization: ' or 'Tool: '.", "List the creators with one of the three prefixes.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-ID", { "Element without SPDXID", "An element has no SPDXID.", "Give the element an SPDXID of the form SPDXRef-<id>.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-ID-SYNTAX", { "Malformed SPDXID", "An SPDXID is not of the form SPDXRef-[A-Za-z0-9.-]+.", "Rename the id to SPDXRef- followed by letters, digits, '.' and '-'.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-ID-DUPLICATE", { "Duplicate SPDXID", "Two elements share one SPDXID.", "Give each element its own SPDXID.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-PACKAGE", { "Malformed package", "A package is not an object.", "Write each package as an object.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-PACKAGE-NAME", { "Package without name", "A package has no name.", "Add the package name.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-DOWNLOAD-LOCATION", { "Package without downloadLocation", "A package has no downloadLocation.", "Add downloadLocation (NOASSERTION when unknown).", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-VERIFICATION-CODE", { "Bad package verification code", "A verification code is not 40 hex digits, is present with filesAnalyzed false, or is missing in SPDX 2.2 with files analyzed.", "Compute the verification code over the package's files, or set filesAnalyzed to false and drop it.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-CHECKSUM", { "Bad checksum", "A checksum lacks its algorithm or value, names an unknown algorithm, or has a value of the wrong length or alphabet for its algorithm.", "Write the checksum as lower-case hex of the length its algorithm gives.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-CHECKSUM-CASE", { "Upper-case checksum", "A checksum is written in upper-case hex; the specification uses lower case.", "Write checksums in lower-case hex.", SPDX_DOC, SBOM_TAGS, "warning", NULL } },
	{ "SPDX-CHECKSUM-SHA1", { "File without SHA1 checksum", "A file has no SHA1 checksum, which SPDX requires for every file.", "Add the file's SHA1 checksum.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-FILE-NAME", { "File without fileName", "A file element has no fileName.", "Add the file's path as fileName.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-SNIPPET-FILE", { "Snippet without snippetFromFile", "A snippet does not name the file it comes from.", "Add snippetFromFile.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-LICENSE-EXPR", { "Invalid license expression", "A license field is not a valid SPDX license expression (NONE and NOASSERTION are allowed).", "Correct the expression at the position the message gives.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-LICENSE-MISSING", { "License field missing (SPDX 2.2)", "SPDX 2.2 requires licenseConcluded and licenseDeclared.", "Add both fields (NOASSERTION when unknown), or declare SPDX-2.3.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-COPYRIGHT-MISSING", { "copyrightText missing (SPDX 2.2)", "SPDX 2.2 requires copyrightText on every package.", "Add copyrightText (NOASSERTION when unknown).", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-LICENSEREF-UNDEFINED", { "Undefined LicenseRef", "A LicenseRef- id is used but not defined in hasExtractedLicensingInfos.", "Define the LicenseRef- with its extracted text, or use an SPDX list id.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-EXTRACTED", { "Bad extracted license", "An extracted license lacks its LicenseRef- id or extractedText, or its id is defined twice.", "Give each extracted license one LicenseRef- id and its text.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-DOCREF", { "Bad external document reference", "An external document reference lacks its DocumentRef- id, spdxDocument or SHA1 checksum.", "Complete the external document reference.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-DOCREF-UNDECLARED", { "Undeclared DocumentRef", "DocumentRef-x:... is used without declaring DocumentRef-x.", "Declare the external document reference.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-REF-MISSING", { "Reference to a missing element", "A relationship or documentDescribes names an element that does not exist.", "Point the reference at an existing SPDXID, or add the element.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-RELATIONSHIP", { "Incomplete relationship", "A relationship lacks one of its three fields.", "Give the relationship its element, type and related element.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-RELATIONSHIP-TYPE", { "Unknown relationship type", "A relationship type is not one of the SPDX relationship types.", "Use a relationship type from the SPDX specification.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-ENUM", { "Value outside an SPDX enumeration", "A value is outside its SPDX enumeration (primaryPackagePurpose, fileTypes, referenceCategory, annotationType).", "Use a value the SPDX JSON schema lists.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-DESCRIBES", { "Document describes nothing", "The document has neither a DESCRIBES relationship from SPDXRef-DOCUMENT nor documentDescribes.", "Add a DESCRIBES relationship to the main package.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "SPDX-", { "SPDX specification diagnostic", "The document departs from the SPDX 2.2/2.3 specification (docs/sbom.md lists the codes).", "Follow the message, which names the element and its place.", SPDX_DOC, SBOM_TAGS, "error", NULL } },
	{ "NTIA-", { "NTIA minimum element missing", "A package lacks one of the NTIA minimum elements of an SBOM (supplier, name, version, unique id, dependency, author, timestamp).", "Add the element the code names to the package or the document.", NTIA_DOC, SBOM_TAGS, "error", NULL } },
	/* review runs: <category>/<check> */
	{ "security/dangerous-workflow", { "Dangerous CI workflow", "A workflow runs on pull_request_target and checks out the pull request head, or expands untrusted event data inside a run: script.", "Do not check out untrusted code in privileged workflows; pass event data through environment variables.", SEC_DOC, SEC_TAGS, "error", "8.0" } },
	{ "security/vulnerabilities", { "Known vulnerabilities", "OSV records affect the reviewed commit.", "Update to a release that fixes the vulnerabilities.", SEC_DOC, SEC_TAGS, "error", "8.0" } },
	{ "security/vulnerability", { "Known vulnerability", "An OSV record affects the reviewed commit.", "Update to a release that fixes it.", SEC_DOC, SEC_TAGS, "error", "8.0" } },
	{ "security/vulnerability-unknown", { "Vulnerability not decided", "An OSV record names the repository, but a commit of its ranges is missing from the mirror, so whether it affects the reviewed commit is unknown.", "Fetch the full history (the record's fix may be on another branch), then check again.", SEC_DOC, SEC_TAGS, "warning", "5.0" } },
	{ "openness/open-source", { "No OSI-approved license", "Open source scores 0 when no license is found or the license is not OSI-approved; agreement of declared and detected licenses and SPDX tags or REUSE metadata raise it.", "Add an OSI-approved LICENSE file, declare the same license in the package metadata and tag the source files (SPDX-License-Identifier or REUSE).", "scoring.md#openness-four-opens", "health openness license", "error", NULL } },
	{ "openness/open-design", { "No design records or roadmap", "Open design looks for design records (ADR, RFC, proposal or KEP folders) and a roadmap in the repository.", "Publish design decisions (docs/adr/, rfcs/) and a ROADMAP file.", "scoring.md#openness-four-opens", "health openness", "note", NULL } },
	{ "openness/open-development", { "Little open-development evidence", "Open development adds a contribution guide, CI configuration, review evidence on last year's commits and signed-off commits.", "Add CONTRIBUTING.md and CI, review changes before merging (merge commits, Reviewed-by), and sign off commits.", "scoring.md#openness-four-opens", "health openness", "note", NULL } },
	{ "openness/open-community", { "Little open-community evidence", "Open community adds a code of conduct, governance, a maintainers file, more than one organisation among the authors and new contributors.", "Add CODE_OF_CONDUCT.md, GOVERNANCE.md and MAINTAINERS; welcome contributors from other organisations.", "scoring.md#openness-four-opens", "health openness", "note", NULL } },
	{ "maturity/tests", { "Few or no tests", "Tests scores the share of test files among the text files; none scores 0.", "Add automated tests to the repository.", "scoring.md#maturity", "health maturity", "note", NULL } },
	{ "maturity/ci", { "No CI configuration", "No CI configuration (GitHub/GitLab/Forgejo workflows, Travis, CircleCI, Jenkins, ...) was found.", "Run the build and tests in CI on every change.", "scoring.md#maturity", "health maturity", "note", NULL } },
	{ "maturity/releases", { "No recent semantic-version releases", "Releases counts semantic-version tags, a release in the last year and the mean interval between releases.", "Tag releases with semantic versions (v1.2.3) at a regular pace.", "scoring.md#maturity", "health maturity", "note", NULL } },
	{ "maturity/changelog", { "No changelog", "No CHANGELOG, NEWS or CHANGES file was found.", "Keep a CHANGELOG with the changes of every release.", "scoring.md#maturity", "health maturity", "note", NULL } },
	{ "maturity/documentation", { "Little documentation", "Documentation scores a README (more when it is substantial) and a documentation folder.", "Write a README and a docs/ folder.", "scoring.md#maturity", "health maturity", "note", NULL } },
	{ "maturity/age", { "Young project", "Age scores 5 per year since the first commit.", "Nothing to fix: weigh the project's youth in the review.", "scoring.md#maturity", "health maturity", "note", NULL } },
	{ "maturity/maintenance", { "Not maintained recently", "Maintenance looks for commits in the last 90 (or 365) days and a release in the last year.", "Check with the maintainers whether the project is still maintained, or plan a replacement.", "scoring.md#maturity", "health maturity", "note", NULL } },
	{ "maturity/standards", { "Few supply-chain standards", "Standards scores an SBOM in the repository, REUSE metadata and the share of files with SPDX tags.", "Publish an SPDX SBOM, adopt REUSE and tag the source files.", "scoring.md#maturity", "health maturity supply-chain", "note", NULL } },
	{ "security/security-policy", { "No security policy", "No SECURITY.md (root, .github/ or docs/) says how to report vulnerabilities.", "Add SECURITY.md with a private reporting channel.", SEC_DOC, SEC_TAGS, "warning", "4.0" } },
	{ "security/binary-artifacts", { "Binary artifacts committed", "Compiled or archived binaries are committed; they cannot be reviewed as source.", "Remove the binaries from the repository and build them from source.", SEC_DOC, SEC_TAGS, "warning", "5.0" } },
	{ "security/token-permissions", { "Workflows without restricted token permissions", "GitHub workflows lack a top-level permissions: block, or grant write-all.", "Add 'permissions: contents: read' at the top of each workflow and widen it per job only where needed.", SEC_DOC, SEC_TAGS, "warning", "5.0" } },
	{ "security/pinned-dependencies", { "CI dependencies not pinned", "Third-party actions are not pinned to a full commit id, or container images not pinned by digest.", "Pin actions to commit ids and images to digests (with the version as a comment).", SEC_DOC, SEC_TAGS, "warning", "4.0" } },
	{ "security/fuzzing", { "No fuzzing", "No fuzz targets, ClusterFuzzLite or OSS-Fuzz set-up was found.", "Add fuzz targets for the parsers and run them in CI or OSS-Fuzz.", SEC_DOC, SEC_TAGS, "note", "2.0" } },
	{ "security/sast", { "No static analysis", "No CodeQL, Semgrep, Snyk or SonarQube configuration was found.", "Run a static analyser in CI.", SEC_DOC, SEC_TAGS, "note", "2.0" } },
	{ "security/dependency-update-tool", { "No dependency update tool", "No Dependabot or Renovate configuration was found.", "Configure Dependabot or Renovate.", SEC_DOC, SEC_TAGS, "note", "2.0" } },
	{ "security/signed-releases", { "Release tags not signed", "Few release tags carry a signature.", "Sign release tags (git tag -s).", SEC_DOC, SEC_TAGS, "note", "3.0" } },
	{ "security/signed-commits", { "Commits not signed", "Few of last year's commits carry a signature.", "Sign commits (git commit -S) or require signed commits.", SEC_DOC, SEC_TAGS, "note", "2.0" } },
	{ "security/code-review", { "Changes merged without review", "Few recently merged pull or merge requests were reviewed by someone other than their author.", "Require a review before merging.", SEC_DOC, SEC_TAGS, "warning", "5.0" } },
	{ "activity/commit-frequency", { "Few recent commits", "Commit frequency counts commits in the last 90 days (about one a week scores 10).", "Weigh the low activity in the review, or ask the maintainers about their plans.", "scoring.md#activity-chaoss-definitions-see-docsmetricsmd", "health activity", "note", NULL } },
	{ "activity/contributors", { "Few active contributors", "Contributors counts the authors active in the last 365 days.", "Weigh the small contributor base; consider supporting the project.", "scoring.md#activity-chaoss-definitions-see-docsmetricsmd", "health activity", "note", NULL } },
	{ "activity/trend", { "Activity falling", "Trend compares this year's commits with the year before.", "Ask the maintainers whether the project is winding down.", "scoring.md#activity-chaoss-definitions-see-docsmetricsmd", "health activity", "note", NULL } },
	{ "activity/recency", { "No recent commit", "Recency scores the days since the last commit.", "Check whether the project is finished or abandoned.", "scoring.md#activity-chaoss-definitions-see-docsmetricsmd", "health activity", "note", NULL } },
	{ "activity/release-activity", { "No recent release", "Release activity scores the days since the last release.", "Ask for a release, or plan to build from a reviewed commit.", "scoring.md#activity-chaoss-definitions-see-docsmetricsmd", "health activity", "note", NULL } },
	{ "risk/likelihood-to-fail", { "Likely to fail", "Likelihood to fail subtracts for no commit in a year, an archived repository, a contributor absence factor of 1, one organisation, falling activity and no release in 18 months.", "Plan for the component failing: an alternative, a fork, or support for the maintainers.", "scoring.md#risk-10--low-risk", "health risk", "warning", NULL } },
	{ "risk/ease-of-replacement", { "Hard to replace", "The manifest declares no or one alternative to this component.", "Name the alternatives in the manifest (alternatives) or assess them.", "scoring.md#risk-10--low-risk", "health risk", "note", NULL } },
	{ "risk/ability-to-fork", { "Hard to fork", "Ability to fork adds an OSI license, build files, a README and knowledge spread over several recent authors.", "Weigh the cost of maintaining a fork in the review.", "scoring.md#risk-10--low-risk", "health risk", "note", NULL } },
	{ "risk/history-rewritten", { "History rewritten since the last scan", "The commit the last scan's history walk started from is no longer in the history of HEAD: the upstream force-pushed (or, locally, another branch was checked out). The stored commits were dropped and the history read again.", "Find out why the published history changed (git log of the old head, the project's announcements) before trusting the new one.", "metrics.md", "supply-chain", "warning", NULL } },
	{ "security/", { "Security practice missing", "A security check (an offline subset of the OpenSSF Scorecard) scored 3 or less out of 10 for this component.", REVIEW_FIX, SEC_DOC, SEC_TAGS, "warning", "4.0" } },
	{ "openness/", { "Four Opens check scored low", "An openness check (open source, design, development, community) scored 3 or less out of 10 for this component.", REVIEW_FIX, "scoring.md#openness-four-opens", "health openness supply-chain", "warning", NULL } },
	{ "maturity/", { "Maturity check scored low", "A maturity check (tests, CI, releases, documentation, maintenance, standards) scored 3 or less out of 10 for this component.", REVIEW_FIX, "scoring.md#maturity", "health maturity supply-chain", "note", NULL } },
	{ "activity/", { "Activity check scored low", "An activity check (CHAOSS metrics: commit frequency, contributors, trend, recency, releases) scored 3 or less out of 10 for this component.", REVIEW_FIX, "scoring.md#activity-chaoss-definitions-see-docsmetricsmd", "health activity supply-chain", "note", NULL } },
	{ "risk/", { "Risk check scored low", "A risk check (likelihood to fail, ease of replacement, ability to fork) scored 3 or less out of 10 for this component.", REVIEW_FIX, "scoring.md#risk-10--low-risk", "health risk supply-chain", "warning", NULL } },
	{ "license/", { "License finding on a component", "The license engine found a problem with the component's licensing (docs/license.md).", "Follow the message; resolve the license question with the component's maintainers or replace it.", LIC_DOC, LIC_TAGS, "warning", NULL } },
	{ "policy/", { "Origin policy decision", "The origin policy (rules/) classified the component as AVOID or EVALUATE, or records the evidence it used.", "Read 'osshealth policy explain COMPONENT' for every rule that fired.", "policy.md", "policy supply-chain", "warning", NULL } },
	{ "decision/", { "Overall decision reason", "The overall decision (origin policy, license policy and health thresholds, docs/policy.md) asks for EVALUATE or AVOID for this reason.", "Read 'osshealth policy explain COMPONENT'; answer the reviewer's question or record a waiver.", "policy.md", "policy supply-chain", "warning", NULL } },
	{ "waiver/", { "Waiver applied or expired", "A reviewed exception (--waivers) covers a reason or finding of this component, or a waiver has expired and no longer applies.", "Review the waiver: renew it with a new expiry date or resolve the finding.", "policy.md", "policy supply-chain", "note", NULL } },
	{ "", { "osshealth finding", "A finding of osshealth; the message says what was found and where.", "Follow the message.", "osshealth.1", "supply-chain", "warning", NULL } },
};
/* clang-format on */

const struct report_sarif_doc *report_sarif_doc_find(const char *id)
{
	size_t n = sizeof(rows) / sizeof(rows[0]);

	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].id, id) == 0)
			return &rows[i].d;
	/* A "license/license-x" code of a review run reads as "license-x". */
	if (strncmp(id, "license/license-", 16) == 0)
		for (size_t i = 0; i < n; i++)
			if (strcmp(rows[i].id, id + 8) == 0)
				return &rows[i].d;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(rows[i].id);

		if (len > 0 && strchr("/-", rows[i].id[len - 1]) &&
		    strncmp(rows[i].id, id, len) == 0)
			return &rows[i].d;
	}
	return &rows[n - 1].d;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_ESCAPE_H
#define OH_REPORT_ESCAPE_H

/*
 * Escaping untrusted strings (author names, file names, commit subjects,
 * reasons quoting them) for each output format.  Every renderer sends
 * every string that came from a repository, an SBOM or a manifest through
 * one of these.  Invalid UTF-8 is passed through byte for byte except
 * where a format forbids it (noted per function).
 */

struct oh_buf;

/** Terminal text: oh_esc_term() (controls, C1, bidi overrides visible). */
void report_esc_text(struct oh_buf *out, const char *s);

/** Markdown table cell / inline text: | ` * _ [ ] < > & \ escaped. */
void report_esc_md(struct oh_buf *out, const char *s);

/**
 * CSV field (RFC 4180): always quoted, quotes doubled; a leading = + - @
 * gets a ' in front so spreadsheets do not evaluate it as a formula.
 */
void report_esc_csv(struct oh_buf *out, const char *s);

/** HTML text and attribute values: & < > " ' escaped; controls dropped. */
void report_esc_html(struct oh_buf *out, const char *s);

/**
 * For libxml2 writers, which escape markup themselves: `out` is reset to s
 * with the control characters XML 1.0 cannot carry (even escaped) made
 * '?'; returns out->buf.
 */
const char *report_xml_safe(struct oh_buf *out, const char *s);

#endif /* OH_REPORT_ESCAPE_H */

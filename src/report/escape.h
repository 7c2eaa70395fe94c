/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_REPORT_ESCAPE_H
#define OH_REPORT_ESCAPE_H

/*
 * Escaping untrusted strings (author names, file names, commit subjects,
 * reasons quoting them) for each output format.  Every renderer sends
 * every string that came from a repository, an SBOM or a manifest through
 * one of these (JSON goes through oh_json_utf8_fix() in core/json.h).
 * Bytes that are not UTF-8 become U+FFFD in CSV, HTML and XML, and \xNN
 * in terminal text (core/esc.h).
 */

struct oh_buf;

/** Terminal text: oh_esc_term() (controls, C1, bidi overrides visible). */
void report_esc_text(struct oh_buf *out, const char *s);

/** Multi-line terminal text: each line as report_esc_text(), '\n' kept. */
void report_esc_lines(struct oh_buf *out, const char *s);

/**
 * Markdown table cell / inline text: UTF-8 repaired, control characters
 * \xNN (newlines a space), | ` * _ [ ] < > & \ escaped.
 */
void report_esc_md(struct oh_buf *out, const char *s);

/**
 * CSV field (RFC 4180): always quoted, quotes doubled; a leading = + - @
 * TAB or CR gets a ' in front so spreadsheets do not evaluate it as a
 * formula; other control characters (ESC) become \xNN, newline and TAB
 * inside the field stay.
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

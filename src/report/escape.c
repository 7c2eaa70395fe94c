/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Per-format escaping of untrusted strings.
 */
#include "report/escape.h"

#include <string.h>

#include "core/buf.h"
#include "core/esc.h"
#include "core/banned.h"

void report_esc_text(struct oh_buf *out, const char *s)
{
	oh_esc_term(out, s);
}

void report_esc_lines(struct oh_buf *out, const char *s)
{
	struct oh_buf line = OH_BUF_INIT;

	while (*s != '\0') {
		size_t n = strcspn(s, "\n");

		oh_buf_reset(&line);
		oh_buf_add(&line, s, n);
		oh_esc_term(out, line.buf);
		s += n;
		if (*s == '\n') {
			oh_buf_addch(out, '\n');
			s++;
		}
	}
	oh_buf_release(&line);
}

void report_esc_md(struct oh_buf *out, const char *s)
{
	struct oh_buf u = OH_BUF_INIT;

	oh_esc_utf8(&u, s);
	for (s = u.buf; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '<')
			oh_buf_adds(out, "&lt;");
		else if (c == '>')
			oh_buf_adds(out, "&gt;");
		else if (c == '&')
			oh_buf_adds(out, "&amp;");
		else if (c == '\n' || c == '\r')
			oh_buf_addch(out, ' ');
		else if (c < 0x20 || c == 0x7f)
			oh_buf_addf(out, "\\x%02x", c);
		else if (strchr("|`*_[]\\#", c))
			oh_buf_addf(out, "\\%c", c);
		else
			oh_buf_addch(out, c);
	}
	oh_buf_release(&u);
}

void report_esc_csv(struct oh_buf *out, const char *s)
{
	struct oh_buf u = OH_BUF_INIT;

	/* Spreadsheets take = + - @ as a formula and TAB, CR as a cell
	 * separator or line end in front of one (OWASP CSV injection). */
	oh_esc_utf8(&u, s);
	oh_buf_addch(out, '"');
	if (u.len > 0 && strchr("=+-@\t\r", u.buf[0]))
		oh_buf_addch(out, '\'');
	for (const char *p = u.buf; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '"')
			oh_buf_adds(out, "\"\"");
		else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			oh_buf_addf(out, "\\x%02x", c);
		else
			oh_buf_addch(out, c);
	}
	oh_buf_addch(out, '"');
	oh_buf_release(&u);
}

void report_esc_html(struct oh_buf *out, const char *s)
{
	struct oh_buf u = OH_BUF_INIT;

	oh_esc_utf8(&u, s);
	for (s = u.buf; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&':
			oh_buf_adds(out, "&amp;");
			break;
		case '<':
			oh_buf_adds(out, "&lt;");
			break;
		case '>':
			oh_buf_adds(out, "&gt;");
			break;
		case '"':
			oh_buf_adds(out, "&quot;");
			break;
		case '\'':
			oh_buf_adds(out, "&#39;");
			break;
		default:
			if (c >= 0x20 || c == '\n' || c == '\t')
				oh_buf_addch(out, c);
		}
	}
	oh_buf_release(&u);
}

const char *report_xml_safe(struct oh_buf *out, const char *s)
{
	struct oh_buf u = OH_BUF_INIT;

	/* XML 1.0 documents must be UTF-8 (as declared) without C0 controls. */
	oh_esc_utf8(&u, s);
	oh_buf_reset(out);
	for (const char *p = u.buf; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		oh_buf_addch(out, (c < 0x20 && c != '\t' && c != '\n' &&
				   c != '\r') || c == 0x7f
					  ? '?'
					  : c);
	}
	oh_buf_release(&u);
	return out->buf;
}

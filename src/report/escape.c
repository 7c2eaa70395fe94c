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

void report_esc_md(struct oh_buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
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
}

void report_esc_csv(struct oh_buf *out, const char *s)
{
	oh_buf_addch(out, '"');
	if (*s == '=' || *s == '+' || *s == '-' || *s == '@')
		oh_buf_addch(out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			oh_buf_adds(out, "\"\"");
		else
			oh_buf_addch(out, *s);
	}
	oh_buf_addch(out, '"');
}

void report_esc_html(struct oh_buf *out, const char *s)
{
	for (; *s != '\0'; s++) {
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
}

const char *report_xml_safe(struct oh_buf *out, const char *s)
{
	oh_buf_reset(out);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		oh_buf_addch(out, (c < 0x20 && c != '\t' && c != '\n' &&
				   c != '\r') || c == 0x7f
					  ? '?'
					  : c);
	}
	return out->buf;
}

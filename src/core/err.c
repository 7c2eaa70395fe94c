/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The error object: first message wins, context goes in front.
 */
#include "core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/esc.h"
#include "core/xalloc.h"
#include "core/banned.h"

/* A copy of s without credentials (oh_redact()). */
static char *redacted(const char *s)
{
	struct oh_buf b = OH_BUF_INIT;

	oh_redact(&b, s);
	return oh_buf_detach(&b, NULL);
}

/*
 * Every message is stored and printed: credentials that a library error
 * quotes (libgit2's "malformed URL" with the password) go here, once.  A
 * message is one line: fold any newline a library gave us.
 */
static void redact_msg(struct oh_err *err)
{
	char *r = redacted(err->msg);

	snprintf(err->msg, sizeof(err->msg), "%s", r);
	free(r);
	for (char *p = err->msg; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
}

int oh_err_vset(struct oh_err *err, enum oh_code code, const char *input,
		unsigned line, unsigned col, const char *fmt, va_list ap)
{
	if (!err)
		return code;
	if (err->code != OH_OK)
		return err->code;
	err->code = code;
	err->input = input ? redacted(input) : NULL;
	err->line = line;
	err->col = col;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	redact_msg(err);
	return code;
}

int oh_err_set(struct oh_err *err, enum oh_code code, const char *input,
	       unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = oh_err_vset(err, code, input, line, col, fmt, ap);
	va_end(ap);
	return ret;
}

void oh_err_prefix(struct oh_err *err, const char *fmt, ...)
{
	char pre[256];
	char old[sizeof(err->msg)];
	va_list ap;

	if (!err || err->code == OH_OK)
		return;
	va_start(ap, fmt);
	vsnprintf(pre, sizeof(pre), fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	snprintf(err->msg, sizeof(err->msg), "%s%s", pre, old);
	redact_msg(err);
}

void oh_err_format(char *buf, unsigned long size, const struct oh_err *err)
{
	if (size == 0)
		return;
	if (!err->input)
		snprintf(buf, size, "%s", err->msg);
	else if (err->line == 0)
		snprintf(buf, size, "%s: %s", err->input, err->msg);
	else if (err->col == 0)
		snprintf(buf, size, "%s:%u: %s", err->input, err->line,
			 err->msg);
	else
		snprintf(buf, size, "%s:%u:%u: %s", err->input, err->line,
			 err->col, err->msg);
}

void oh_err_release(struct oh_err *err)
{
	if (!err)
		return;
	free(err->input);
	memset(err, 0, sizeof(*err));
	err->code = OH_OK;
}

const char *oh_code_name(enum oh_code code)
{
	switch (code) {
	case OH_OK:
		return "ok";
	case OH_EINPUT:
		return "invalid input";
	case OH_ENOTFOUND:
		return "not found";
	case OH_ELIMIT:
		return "limit exceeded";
	case OH_EIO:
		return "i/o error";
	case OH_EGIT:
		return "git error";
	case OH_EDB:
		return "database error";
	case OH_ENET:
		return "network error";
	case OH_EBUG:
		return "internal error";
	}
	return "unknown error";
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stderr messages and the TTY progress line.
 */
#include "core/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/esc.h"
#include "core/banned.h"

static enum oh_log_level level = OH_LOG_NORMAL;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static bool progress_shown;

void oh_log_set_level(enum oh_log_level l)
{
	level = l;
}

enum oh_log_level oh_log_get_level(void)
{
	return level;
}

bool oh_log_progress_enabled(void)
{
	return level != OH_LOG_QUIET && isatty(STDERR_FILENO);
}

static void clear_progress(void)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		progress_shown = false;
	}
}

/*
 * Messages quote untrusted text (names from manifests, paths, server
 * replies, library errors): one place redacts credentials and makes
 * control characters visible before anything reaches the terminal.
 */
static void safe_line(struct oh_buf *out, const char *fmt, va_list ap)
{
	struct oh_buf raw = OH_BUF_INIT;
	struct oh_buf red = OH_BUF_INIT;

	oh_buf_vaddf(&raw, fmt, ap);
	oh_redact(&red, raw.buf);
	oh_esc_term(out, red.buf);
	oh_buf_release(&raw);
	oh_buf_release(&red);
}

static void vlog(const char *prefix, const char *fmt, va_list ap)
{
	struct oh_buf line = OH_BUF_INIT;

	safe_line(&line, fmt, ap);
	pthread_mutex_lock(&lock);
	clear_progress();
	fputs("osshealth: ", stderr);
	fputs(prefix, stderr);
	fputs(line.buf, stderr);
	fputc('\n', stderr);
	fflush(stderr);
	pthread_mutex_unlock(&lock);
	oh_buf_release(&line);
}

void oh_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("", fmt, ap);
	va_end(ap);
}

void oh_warning(const char *fmt, ...)
{
	va_list ap;

	if (level < OH_LOG_NORMAL)
		return;
	va_start(ap, fmt);
	vlog("warning: ", fmt, ap);
	va_end(ap);
}

void oh_info(const char *fmt, ...)
{
	va_list ap;

	if (level < OH_LOG_VERBOSE)
		return;
	va_start(ap, fmt);
	vlog("", fmt, ap);
	va_end(ap);
}

void oh_error_err(const struct oh_err *err)
{
	char line[1024];

	oh_err_format(line, sizeof(line), err);
	oh_error("%s", line);
}

void oh_progress(const char *fmt, ...)
{
	va_list ap;

	struct oh_buf line = OH_BUF_INIT;

	if (!oh_log_progress_enabled())
		return;
	va_start(ap, fmt);
	safe_line(&line, fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&lock);
	fputs("\r\033[K", stderr);
	fputs(line.buf, stderr);
	fflush(stderr);
	progress_shown = true;
	pthread_mutex_unlock(&lock);
	oh_buf_release(&line);
}

void oh_progress_done(void)
{
	pthread_mutex_lock(&lock);
	clear_progress();
	fflush(stderr);
	pthread_mutex_unlock(&lock);
}

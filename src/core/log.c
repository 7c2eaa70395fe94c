/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * stderr messages and the TTY progress line.
 */
#include "core/log.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "core/err.h"
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

static void vlog(const char *prefix, const char *fmt, va_list ap)
{
	pthread_mutex_lock(&lock);
	clear_progress();
	fputs("osshealth: ", stderr);
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	fflush(stderr);
	pthread_mutex_unlock(&lock);
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

	if (!oh_log_progress_enabled())
		return;
	pthread_mutex_lock(&lock);
	fputs("\r\033[K", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fflush(stderr);
	progress_shown = true;
	pthread_mutex_unlock(&lock);
}

void oh_progress_done(void)
{
	pthread_mutex_lock(&lock);
	clear_progress();
	fflush(stderr);
	pthread_mutex_unlock(&lock);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Allocation that exits on failure, checked size arithmetic, OH_BUG().
 */
#include "core/xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

bool (*oh_xalloc_fail_hook)(size_t size);

/* True when the test hook says this allocation fails. */
static bool hook_fails(size_t size)
{
	return oh_xalloc_fail_hook && oh_xalloc_fail_hook(size);
}

static _Noreturn void die_oom(size_t size)
{
	fprintf(stderr, "osshealth: out of memory (%zu bytes)\n", size);
	exit(4);
}

void *oh_xmalloc(size_t size)
{
	void *p = hook_fails(size) ? NULL : malloc(size ? size : 1);

	if (!p)
		die_oom(size);
	return p;
}

void *oh_xcalloc(size_t n, size_t size)
{
	void *p = hook_fails(size) ? NULL : calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die_oom(oh_mul(n, size));
	return p;
}

void *oh_xrealloc(void *ptr, size_t size)
{
	void *p = hook_fails(size) ? NULL : realloc(ptr, size ? size : 1);

	if (!p)
		die_oom(size);
	return p;
}

char *oh_xstrdup(const char *s)
{
	return oh_xstrndup(s, strlen(s));
}

char *oh_xstrndup(const char *s, size_t n)
{
	char *p;
	size_t len = 0;

	while (len < n && s[len] != '\0')
		len++;
	p = oh_xmalloc(oh_add(len, 1));
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

size_t oh_add(size_t a, size_t b)
{
	if (SIZE_MAX - a < b)
		OH_BUG("size overflow: %zu + %zu", a, b);
	return a + b;
}

size_t oh_mul(size_t a, size_t b)
{
	if (a != 0 && SIZE_MAX / a < b)
		OH_BUG("size overflow: %zu * %zu", a, b);
	return a * b;
}

void oh_grow(void **arr, size_t *alloc, size_t need, size_t size)
{
	size_t n;

	if (need <= *alloc)
		return;
	n = *alloc < 8 ? 8 : *alloc;
	while (n < need)
		n = oh_add(n, n / 2 + 1);
	*arr = oh_xrealloc(*arr, oh_mul(n, size));
	*alloc = n;
}

void oh_bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "osshealth: BUG: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CORE_XALLOC_H
#define OH_CORE_XALLOC_H

/*
 * Allocation wrappers that never return NULL.  On failure they print
 * "osshealth: out of memory (N bytes)" to stderr and exit with status 4
 * (internal failure), so callers never test results for NULL.
 *
 * oh_add()/oh_mul() are overflow-checked size arithmetic: an overflow is a
 * bug or hostile input that slipped past a limit, and dies the same way.
 *
 * OH_BUG() reports a programmer error with file and line and aborts.
 */

#include <stdbool.h>
#include <stddef.h>

void *oh_xmalloc(size_t size);
void *oh_xcalloc(size_t n, size_t size);
void *oh_xrealloc(void *ptr, size_t size);
char *oh_xstrdup(const char *s);
/** Copy the first n bytes of s and NUL-terminate; s need not be. */
char *oh_xstrndup(const char *s, size_t n);

/*
 * Test hook for the fault-injection driver (tests/faults/faultrun.c):
 * when set and it returns true, the allocation of `size` bytes fails and
 * takes the out-of-memory exit above.  NULL in osshealth itself; nothing
 * in the shipped binary sets it.
 */
extern bool (*oh_xalloc_fail_hook)(size_t size);

size_t oh_add(size_t a, size_t b);
size_t oh_mul(size_t a, size_t b);

/** Grow *arr so that it holds at least `need` elements of `size` bytes. */
void oh_grow(void **arr, size_t *alloc, size_t need, size_t size);

/* clang-format off */
#define OH_GROW(arr, alloc, need) \
	oh_grow((void **)&(arr), &(alloc), (need), sizeof(*(arr)))
/* clang-format on */

_Noreturn void oh_bug(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#define OH_BUG(...) oh_bug(__FILE__, __LINE__, __VA_ARGS__)

#endif /* OH_CORE_XALLOC_H */

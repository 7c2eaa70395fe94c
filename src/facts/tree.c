/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Tree facts: release, sort and look-up.  No library behind them.
 */
#include "facts/tree.h"

#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

void tree_files_release(struct tree_files *t)
{
	free(t->file);
	oh_arena_release(&t->arena);
	memset(t, 0, sizeof(*t));
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const struct tree_file *)a)->path,
		      ((const struct tree_file *)b)->path);
}

void tree_files_sort(struct tree_files *t)
{
	if (t->file_nr > 1)
		qsort(t->file, t->file_nr, sizeof(*t->file), cmp_file);
}

const struct tree_file *tree_files_find(const struct tree_files *t,
					const char *path)
{
	size_t lo = 0, hi = t->file_nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t->file[mid].path, path);

		if (c == 0)
			return &t->file[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

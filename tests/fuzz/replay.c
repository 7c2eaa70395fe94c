/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Replays a fuzz corpus through one harness without libFuzzer, so that
 * `make check` (with gcc, and under SAN=1) runs every saved input.
 *
 * Usage: replay_<parser> DIR|FILE...   (prints "<n> inputs" on success)
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	struct oh_buf b = OH_BUF_INIT;
	struct oh_err err = OH_ERR_INIT;
	int ret = 0;

	if (oh_buf_read_file(&b, path, &err) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, err.msg);
		ret = -1;
	} else {
		LLVMFuzzerTestOneInput((const uint8_t *)b.buf, b.len);
	}
	oh_buf_release(&b);
	oh_err_release(&err);
	return ret;
}

static int run_dir(const char *dir, unsigned *count)
{
	struct dirent **ent = NULL;
	int n = scandir(dir, &ent, NULL, alphasort);
	int ret = 0;

	if (n < 0) {
		perror(dir);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char path[4096];

		if (ent[i]->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", dir,
				 ent[i]->d_name);
			if (run_file(path) < 0)
				ret = -1;
			(*count)++;
		}
		free(ent[i]);
	}
	free(ent);
	return ret;
}

int main(int argc, char **argv)
{
	unsigned count = 0;
	int ret = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) < 0) {
			perror(argv[i]);
			return 1;
		}
		if (S_ISDIR(st.st_mode)) {
			if (run_dir(argv[i], &count) < 0)
				ret = 1;
		} else {
			if (run_file(argv[i]) < 0)
				ret = 1;
			count++;
		}
	}
	printf("%s: %u inputs\n", argv[0], count);
	return ret;
}

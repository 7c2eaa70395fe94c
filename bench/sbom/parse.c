/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The floor for `sbom validate`: read a file and parse it with cJSON,
 * nothing else.
 */
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

int main(int argc, char **argv)
{
	FILE *fp;
	char *buf;
	long n;
	cJSON *root;

	if (argc != 2 || !(fp = fopen(argv[1], "rb")))
		return 2;
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0)
		return 2;
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, fp) != (size_t)n)
		return 2;
	fclose(fp);
	root = cJSON_ParseWithLength(buf, (size_t)n);
	if (!root)
		return 1;
	cJSON_Delete(root);
	free(buf);
	return 0;
}

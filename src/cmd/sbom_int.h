/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_CMD_SBOM_INT_H
#define OH_CMD_SBOM_INT_H

/*
 * The verbs of `osshealth sbom` that live outside cmd/sbom.c, and the
 * output helper they share.  Internal to src/cmd.
 */

struct oh_buf;
struct oh_err;

/** `sbom generate`, `verify` and `convert` (argv starts at the verb). */
int sbom_generate_main(int argc, char **argv);
int sbom_verify_main(int argc, char **argv);
int sbom_convert_main(int argc, char **argv);

/**
 * Write `data` to `path` through a temporary file renamed into place (a
 * failure leaves no partial file), or to standard output when path is
 * NULL.  Returns 0 or OH_EIO with err set.
 */
int sbom_write_output(const char *path, const struct oh_buf *data,
		      struct oh_err *err);

#endif /* OH_CMD_SBOM_INT_H */

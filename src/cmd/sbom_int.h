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

#endif /* OH_CMD_SBOM_INT_H */

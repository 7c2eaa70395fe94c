/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz harness: CycloneDX XML through every path the tool has for it:
 * sbom_validate(), sbom_read() into the model, then the CycloneDX JSON
 * and XML writers, and the BOM they write read back.  Any input must fail
 * cleanly (no document, an error set) or give a document that can be
 * written, read again and freed.
 */
#include "sbom_cdx_body.h"

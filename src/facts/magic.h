/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef OH_FACTS_MAGIC_H
#define OH_FACTS_MAGIC_H

/*
 * What kind of binary a blob is, from its first bytes (magic numbers),
 * never from its name: ELF, PE and DOS executables (MZ), Mach-O (thin and
 * universal), Java class files, jar archives (zip whose first entry is
 * META-INF/), WebAssembly, ar archives (static libraries, .deb), Python
 * bytecode (.pyc), and compressed archives (gzip, zip, xz, bzip2, zstd,
 * 7z); zip-based documents (OpenDocument, EPUB, Office Open XML) are
 * documents, not archives.  Text is never binary: a signature made of printable ASCII ("MZ",
 * "PK", "!<arch>", a .pyc header) counts only when the content also has a
 * NUL byte in its first 8000 bytes (git's rule for binary content).
 *
 * Pure: bytes in, a kind out; no allocation, thread safe.
 */

#include <stdbool.h>
#include <stddef.h>

enum magic_kind {
	MAGIC_NONE,  /* text, or a binary format not listed here */
	MAGIC_ELF,   /* executable, shared object, object file */
	MAGIC_PE,    /* Windows executable or DLL, DOS MZ executable */
	MAGIC_MACHO, /* macOS executable, dylib, bundle; universal too */
	MAGIC_CLASS, /* Java class file */
	MAGIC_JAR,   /* zip with a META-INF/ first entry */
	MAGIC_WASM,  /* WebAssembly module */
	MAGIC_AR,    /* ar archive: static library, .deb */
	MAGIC_PYC,   /* Python bytecode */
	MAGIC_GZIP,  /* gzip stream (.gz, .tgz) */
	MAGIC_ZIP,   /* other zip archive */
	MAGIC_XZ,    /* xz stream */
	MAGIC_BZIP2, /* bzip2 stream */
	MAGIC_ZSTD,  /* zstd frame */
	MAGIC_7Z,    /* 7-Zip archive */
	MAGIC_KIND_NR,
};

/** Classify `n` bytes of content (the whole blob or at least 8000). */
enum magic_kind magic_classify(const unsigned char *p, size_t n);

/** A short name ("ELF", "gzip"); "text/other" for MAGIC_NONE. */
const char *magic_name(enum magic_kind k);

/** Executable, object or byte code (not a compressed archive). */
bool magic_is_code(enum magic_kind k);

#endif /* OH_FACTS_MAGIC_H */

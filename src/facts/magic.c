/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Binary kinds by magic number; see magic.h.  Signatures from the
 * formats' own specifications (ELF gABI, PE/COFF, Mach-O loader.h, JVM
 * spec §4.1, WebAssembly binary format §5.5.16, ar(5), PEP 552 for .pyc,
 * RFC 1952, APPNOTE.TXT, xz file format 1.0.4, RFC 8878).
 */
#include "facts/magic.h"

#include <string.h>

#include "core/banned.h"

#define NUL_SCAN 8000 /* git's buffer_is_binary() window */

static bool has_nul(const unsigned char *p, size_t n)
{
	return memchr(p, 0, n < NUL_SCAN ? n : NUL_SCAN) != NULL;
}

static bool starts(const unsigned char *p, size_t n, const char *sig,
		   size_t len)
{
	return n >= len && memcmp(p, sig, len) == 0;
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	       (unsigned long)p[2] << 8 | p[3];
}

/* "MZ" (DOS header; a PE file adds "PE\0\0" at e_lfanew) with binary
 * content: a DOS stub alone is an executable too. */
static bool is_mz(const unsigned char *p, size_t n)
{
	return p[0] == 'M' && p[1] == 'Z' && has_nul(p, n);
}

/* CAFEBABE is both a class file and a universal Mach-O: a class file has
 * its major version (45 and up) there, a universal binary its arch count. */
static enum magic_kind cafebabe(const unsigned char *p, size_t n)
{
	unsigned long v;

	if (n < 8)
		return MAGIC_NONE;
	v = be32(p + 4);
	if (v >= 1 && v <= 30)
		return MAGIC_MACHO;
	if ((v & 0xffff) >= 45 && (v & 0xffff) <= 200)
		return MAGIC_CLASS;
	return MAGIC_NONE;
}

/* Python 3.7+ (PEP 552): magic word, \r\n, 4 flag bytes (0..3); older
 * ones a magic word, \r\n and a timestamp. */
static bool is_pyc(const unsigned char *p, size_t n)
{
	unsigned word;

	if (n < 16 || p[2] != '\r' || p[3] != '\n')
		return false;
	word = (unsigned)p[0] | (unsigned)p[1] << 8;
	/* 2.x: 20121..62211; 3.x: 3000..3999 */
	if (!(word >= 3000 && word <= 3999) &&
	    !(word >= 20121 && word <= 62211))
		return false;
	return has_nul(p, n);
}

static enum magic_kind zip_kind(const unsigned char *p, size_t n)
{
	if (!starts(p, n, "PK\3\4", 4) || n < 30 || !has_nul(p, n))
		return MAGIC_NONE;
	/* first local header: name length at 26, name at 30 */
	if (n >= 39 && (p[26] | p[27] << 8) >= 9 &&
	    memcmp(p + 30, "META-INF/", 9) == 0)
		return MAGIC_JAR;
	/* OpenDocument and EPUB start with "mimetype", Office Open XML
	 * with "[Content_Types].xml": documents, not archives of code */
	if (n >= 38 && (p[26] | p[27] << 8) == 8 &&
	    memcmp(p + 30, "mimetype", 8) == 0)
		return MAGIC_NONE;
	if (n >= 49 && (p[26] | p[27] << 8) == 19 &&
	    memcmp(p + 30, "[Content_Types].xml", 19) == 0)
		return MAGIC_NONE;
	return MAGIC_ZIP;
}

enum magic_kind magic_classify(const unsigned char *p, size_t n)
{
	if (!p || n < 4)
		return MAGIC_NONE;
	if (starts(p, n, "\177ELF", 4))
		return MAGIC_ELF;
	if (is_mz(p, n))
		return MAGIC_PE;
	if (be32(p) == 0xfeedfaceul || be32(p) == 0xfeedfacful ||
	    be32(p) == 0xcefaedfeul || be32(p) == 0xcffaedfeul)
		return MAGIC_MACHO;
	if (be32(p) == 0xcafebabeul)
		return cafebabe(p, n);
	if (starts(p, n, "\0asm", 4))
		return MAGIC_WASM;
	if (starts(p, n, "!<arch>\n", 8) && has_nul(p, n))
		return MAGIC_AR;
	if (is_pyc(p, n))
		return MAGIC_PYC;
	if (p[0] == 0x1f && p[1] == 0x8b && p[2] == 8)
		return MAGIC_GZIP;
	if (starts(p, n, "\3757zXZ\0", 6))
		return MAGIC_XZ;
	if (starts(p, n, "BZh", 3) && n >= 10 && p[3] >= '1' && p[3] <= '9' &&
	    memcmp(p + 4, "1AY&SY", 6) == 0)
		return MAGIC_BZIP2;
	if (be32(p) == 0x28b52ffdul)
		return MAGIC_ZSTD;
	if (starts(p, n, "7z\274\257\047\034", 6))
		return MAGIC_7Z;
	return zip_kind(p, n);
}

const char *magic_name(enum magic_kind k)
{
	static const char *const name[MAGIC_KIND_NR] = {
		"text/other", "ELF",  "PE/MZ", "Mach-O", "Java class",
		"jar",        "wasm", "ar",    "pyc",    "gzip",
		"zip",        "xz",   "bzip2", "zstd",   "7z",
	};

	return (unsigned)k < MAGIC_KIND_NR ? name[k] : "?";
}

bool magic_is_code(enum magic_kind k)
{
	return k >= MAGIC_ELF && k <= MAGIC_PYC;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * magic: binary kinds from the first bytes of real formats, and text that
 * starts like a signature (an OpenVMS DCL script, "MZ" prose, "PK" notes).
 */
#include <string.h>

#include <check.h>

#include "facts/magic.h"
#include "unit.h"

#define KIND(lit) magic_classify((const unsigned char *)(lit), sizeof(lit) - 1)

START_TEST(test_magic_formats)
{
	unsigned char jar[64] = "PK\3\4\24\0\0\0\10\0";
	unsigned char pyc[32] = { 0x6f, 0x0d, '\r', '\n', 0, 0, 0, 0 };

	ck_assert_int_eq(KIND("\177ELF\2\1\1\0\0\0\0\0"), MAGIC_ELF);
	ck_assert_int_eq(KIND("MZ\220\0\3\0\0\0\4\0\0\0\377\377\0\0"),
			 MAGIC_PE);
	ck_assert_int_eq(KIND("\317\372\355\376\7\0\0\1"), MAGIC_MACHO);
	ck_assert_int_eq(KIND("\312\376\272\276\0\0\0\2"), MAGIC_MACHO);
	ck_assert_int_eq(KIND("\312\376\272\276\0\0\0\64"), MAGIC_CLASS);
	ck_assert_int_eq(KIND("\0asm\1\0\0\0"), MAGIC_WASM);
	ck_assert_int_eq(KIND("!<arch>\nfoo.o/   0 \0"), MAGIC_AR);
	ck_assert_int_eq(KIND("\37\213\10\0\0\0\0\0"), MAGIC_GZIP);
	ck_assert_int_eq(KIND("\3757zXZ\0\0\4"), MAGIC_XZ);
	ck_assert_int_eq(KIND("BZh91AY&SY\1\2"), MAGIC_BZIP2);
	ck_assert_int_eq(KIND("\50\265\57\375\0\0"), MAGIC_ZSTD);
	ck_assert_int_eq(KIND("7z\274\257\47\34\0\4"), MAGIC_7Z);
	/* zip whose first entry is META-INF/ is a jar */
	jar[26] = 20;
	memcpy(jar + 30, "META-INF/MANIFEST.MF", 20);
	ck_assert_int_eq(magic_classify(jar, sizeof(jar)), MAGIC_JAR);
	memcpy(jar + 30, "docs/readme.txt\0\0\0\0\0", 20);
	ck_assert_int_eq(magic_classify(jar, sizeof(jar)), MAGIC_ZIP);
	/* an OpenDocument file (tmux's presentations) is a document */
	jar[26] = 8;
	memcpy(jar + 30, "mimetypeapplication/vnd.oasis", 29);
	ck_assert_int_eq(magic_classify(jar, sizeof(jar)), MAGIC_NONE);
	/* Python 3.12 bytecode: 0x0dcb, \r\n, flags 0 */
	pyc[0] = 0xcb;
	ck_assert_int_eq(magic_classify(pyc, sizeof(pyc)), MAGIC_PYC);
	ck_assert(magic_is_code(MAGIC_ELF) && magic_is_code(MAGIC_PYC));
	ck_assert(!magic_is_code(MAGIC_GZIP) && !magic_is_code(MAGIC_NONE));
	ck_assert_str_eq(magic_name(MAGIC_JAR), "jar");
}
END_TEST

START_TEST(test_magic_text_is_never_binary)
{
	/* curl's and zlib's OpenVMS DCL scripts */
	ck_assert_int_eq(KIND("$! BUILD_VMS.COM\n$!\n$ set noon\n"),
			 MAGIC_NONE);
	ck_assert_int_eq(KIND("MZ is the DOS signature, as prose.\n"),
			 MAGIC_NONE);
	ck_assert_int_eq(KIND("PK\3\4 but no NUL anywhere in this text\n"),
			 MAGIC_NONE);
	ck_assert_int_eq(KIND("!<arch>\nonly text members here\n"), MAGIC_NONE);
	ck_assert_int_eq(KIND("OK\r\n and some more text after it\n"),
			 MAGIC_NONE);
	ck_assert_int_eq(KIND("\211PNG\r\n\32\n\0\0\0\rIHDR"), MAGIC_NONE);
	ck_assert_int_eq(KIND("abc"), MAGIC_NONE);
	ck_assert_int_eq(magic_classify(NULL, 10), MAGIC_NONE);
}
END_TEST

Suite *magic_suite(void)
{
	Suite *s = suite_create("magic");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_magic_formats);
	tcase_add_test(tc, test_magic_text_is_never_binary);
	suite_add_tcase(s, tc);
	return s;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * core/esc: shell quoting round-trips through /bin/sh, terminal escaping
 * leaves no control byte, UTF-8 repair, and credential redaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <check.h>

#include "core/buf.h"
#include "core/esc.h"
#include "core/url.h"
#include "net/forge.h"
#include "report/escape.h"
#include "unit.h"

static const char *const shell_words[] = {
	"Eve'$(touch /tmp/PWN)'x",
	"plain",
	"",
	"'",
	"''''",
	"a\\b\\'c",
	"$(id) `id` ${HOME} $HOME; rm -rf / & | > < * ? [a] ~ # !",
	"M\xc3\xbcller \"q\"",
	"-n",
	"--upload-pack=x",
};

/* What /bin/sh prints for `printf %s WORD`. */
static char *sh_printf(const char *word)
{
	struct oh_buf cmd = OH_BUF_INIT;
	struct oh_buf got = OH_BUF_INIT;
	int fd[2];
	pid_t pid;
	char chunk[256];
	ssize_t n;
	int st;

	oh_buf_adds(&cmd, "printf %s ");
	ck_assert(oh_esc_shell(&cmd, word));
	ck_assert_int_eq(pipe(fd), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		execl("/bin/sh", "sh", "-c", cmd.buf, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	while ((n = read(fd[0], chunk, sizeof(chunk))) > 0)
		oh_buf_add(&got, chunk, (size_t)n);
	close(fd[0]);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	oh_buf_release(&cmd);
	return oh_buf_detach(&got, NULL);
}

START_TEST(test_esc_shell_roundtrip)
{
	char *got = sh_printf(shell_words[_i]);

	ck_assert_str_eq(got, shell_words[_i]);
	free(got);
}
END_TEST

START_TEST(test_esc_shell_refuses)
{
	static const char *const bad[] = { "a\nb", "a\x1b[31m", "\xff",
					   "a\xc2\x9b"
					   "b",
					   "x\x7f" };
	struct oh_buf b = OH_BUF_INIT;

	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		ck_assert(!oh_esc_shell(&b, bad[i]));
		ck_assert_uint_eq(b.len, 0);
	}
	ck_assert(oh_esc_shell(&b, "Eve'x"));
	ck_assert_str_eq(b.buf, "'Eve'\\''x'");
	oh_buf_release(&b);
}
END_TEST

START_TEST(test_esc_term)
{
	struct oh_buf b = OH_BUF_INIT;

	oh_esc_term(&b, "a\x1b]0;t\x07\x1b[2J\r\n\x7f\xff\xc3\xbc"
			"\xc2\x9b\xe2\x80\xae!");
	ck_assert_str_eq(b.buf, "a\\x1b]0;t\\x07\\x1b[2J\\x0d\\x0a\\x7f\\xff"
				"\xc3\xbc\\u009b\\u202e!");
	for (size_t i = 0; i < b.len; i++)
		ck_assert_int_ge((unsigned char)b.buf[i], 0x20);
	oh_buf_release(&b);
}
END_TEST

START_TEST(test_esc_utf8)
{
	struct oh_buf b = OH_BUF_INIT;

	ck_assert(oh_utf8_valid("M\xc3\xbcller \xf0\x9f\x98\x80"));
	ck_assert(!oh_utf8_valid("\xc0\xaf"));         /* overlong '/' */
	ck_assert(!oh_utf8_valid("\xed\xa0\x80"));     /* surrogate */
	ck_assert(!oh_utf8_valid("\xf4\x90\x80\x80")); /* > U+10FFFF */
	ck_assert(!oh_utf8_valid("\xe2\x82"));         /* truncated */
	oh_esc_utf8(&b, "a\xff"
			"b\xe2\x82");
	ck_assert_str_eq(b.buf, "a\xef\xbf\xbd"
				"b\xef\xbf\xbd\xef\xbf\xbd");
	ck_assert(oh_utf8_valid(b.buf));
	oh_buf_release(&b);
}
END_TEST

static const struct {
	const char *in;
	const char *out;
} redact_cases[] = {
	{ "malformed URL 'https://user:pa@ss@host/x.git'",
	  "malformed URL 'https://REDACTED@host/x.git'" },
	{ "https://u:p@h.org/a", "https://REDACTED@h.org/a" },
	{ "https://tok@h.org", "https://REDACTED@h.org" },
	{ "https://u:pa/ss@h.org/a.git", "https://REDACTED@h.org/a.git" },
	{ "https://h.org:8443/a@b", "https://h.org:8443/a@b" },
	{ "https://h.org/x.git?access_token=SECRET123: refused",
	  "https://h.org/x.git?access_token=REDACTED refused" },
	{ "GET /a?x=1&private_token=abc&y=2",
	  "GET /a?x=1&private_token=REDACTED&y=2" },
	{ "Authorization: Bearer abc.def", "Authorization: Bearer REDACTED" },
	{ "Authorization: token ghp_xx", "Authorization: token REDACTED" },
	{ "AUTHORIZATION: BEARER abc", "AUTHORIZATION: BEARER REDACTED" },
	{ "bearer abc; Bearer def", "bearer REDACTED; Bearer REDACTED" },
	{ "x:https://u:p@h.org ghr_0123456789abcdef01",
	  "x:https://REDACTED@h.org REDACTED" },
	{ "Gho_0123456789abcdef0123 abearer x",
	  "Gho_0123456789abcdef0123 abearer x" },
	{ "bad token ghp_0123456789abcdefABCDEF0123 here",
	  "bad token REDACTED here" },
	{ "glpat-0123456789abcdefghij", "REDACTED" },
	{ "the token is invalid", "the token is invalid" },
	{ "git@github.com:o/r.git", "git@github.com:o/r.git" },
	{ "plain text", "plain text" },
};

START_TEST(test_esc_redact)
{
	struct oh_buf b = OH_BUF_INIT;

	oh_redact(&b, redact_cases[_i].in);
	ck_assert_str_eq(b.buf, redact_cases[_i].out);
	oh_buf_release(&b);
}
END_TEST

START_TEST(test_url_token_hosts)
{
	struct oh_buf b = OH_BUF_INIT;

	ck_assert(oh_url_host(&b, "HTTPS://u:p@ss@Git.Example.ORG:443/x"));
	ck_assert_str_eq(b.buf, "git.example.org");
	ck_assert(oh_url_secure("https://h.org/x"));
	ck_assert(oh_url_secure("http://127.0.0.1:8080/x"));
	ck_assert(oh_url_secure("http://localhost/x"));
	ck_assert(!oh_url_secure("http://127.0.0.1.evil.org/x"));
	ck_assert(!oh_url_secure("http://gitlab.com/x"));
	ck_assert(!oh_url_secure("git://h.org/x"));
	ck_assert(oh_url_host_in("https://h.org:8443/x", "a.org, h.org:8443"));
	ck_assert(!oh_url_host_in("https://h.org:8443/x", "h.org"));
	ck_assert(!oh_url_host_in("https://h.org.evil/x", "h.org"));
	ck_assert(!oh_url_host_in("https://h.org/x", NULL));
	/* Never from a host name's spelling, never over http. */
	ck_assert(forge_token_allowed(
		FORGE_GITHUB, "https://api.github.com/repos/a/b", NULL));
	ck_assert(!forge_token_allowed(
		FORGE_GITHUB, "http://api.github.com/repos/a/b", NULL));
	ck_assert(forge_token_allowed(FORGE_GITLAB,
				      "https://gitlab.com/api/v4/x", NULL));
	ck_assert(!forge_token_allowed(
		FORGE_GITLAB, "https://gitlab.evil.org/api/v4/x", NULL));
	ck_assert(!forge_token_allowed(
		FORGE_GITEA, "https://mygitea.evil.org/api/v1/x", NULL));
	ck_assert(forge_token_allowed(FORGE_GITLAB,
				      "https://gl.corp.example/api/v4/x",
				      "https://gl.corp.example/api/v4"));
	ck_assert(!forge_token_allowed(FORGE_GITLAB,
				       "http://gl.corp.example/api/v4/x",
				       "http://gl.corp.example/api/v4"));
	oh_buf_release(&b);
}
END_TEST

static const struct {
	const char *in;
	const char *out;
} csv_cases[] = {
	{ "=1+1", "\"'=1+1\"" },
	{ "+SUM(A1)", "\"'+SUM(A1)\"" },
	{ "-2", "\"'-2\"" },
	{ "@x", "\"'@x\"" },
	{ "\tTAB", "\"'\tTAB\"" },
	{ "\rCR", "\"'\\x0dCR\"" },
	{ "a\x1b[31mb", "\"a\\x1b[31mb\"" },
	{ "q\"q", "\"q\"\"q\"" },
	{ "line\nbreak", "\"line\nbreak\"" },
	{ "bad\xff", "\"bad\xef\xbf\xbd\"" },
	{ "plain", "\"plain\"" },
};

START_TEST(test_esc_csv)
{
	struct oh_buf b = OH_BUF_INIT;

	report_esc_csv(&b, csv_cases[_i].in);
	ck_assert_str_eq(b.buf, csv_cases[_i].out);
	oh_buf_release(&b);
}
END_TEST

Suite *esc_suite(void)
{
	Suite *s = suite_create("esc");
	TCase *tc = tcase_create("esc");

	tcase_add_loop_test(tc, test_esc_shell_roundtrip, 0,
			    sizeof(shell_words) / sizeof(*shell_words));
	tcase_add_test(tc, test_esc_shell_refuses);
	tcase_add_test(tc, test_esc_term);
	tcase_add_test(tc, test_esc_utf8);
	tcase_add_loop_test(tc, test_esc_redact, 0,
			    sizeof(redact_cases) / sizeof(*redact_cases));
	tcase_add_test(tc, test_url_token_hosts);
	tcase_add_loop_test(tc, test_esc_csv, 0,
			    sizeof(csv_cases) / sizeof(*csv_cases));
	suite_add_tcase(s, tc);
	return s;
}

#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Credentials follow configured hosts, never a host name's spelling or a
# server's 401: a hostile server on 127.0.0.1 logs every Authorization
# header it receives (tests/lib/auth-log.py), over http and over TLS.
. "$SRCDIR/tests/cli/lib.sh"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy='*'
unset OSSHEALTH_GIT_TOKEN OSSHEALTH_GIT_TOKEN_HOSTS OSSHEALTH_FORGE_HOSTS
export GITHUB_TOKEN=gh-5ecret GITLAB_TOKEN=gl-5ecret GITEA_TOKEN=gt-5ecret

start_log_server() { # NAME [CERT KEY]
	python3 "$SRCDIR/tests/lib/auth-log.py" "$TEST_DIR/$1.port" \
		"$TEST_DIR/$1.log" ${2:+"$2"} ${3:+"$3"} &
	pids="${pids:-} $!"
	trap 'kill $pids 2>/dev/null || :; rm -rf "$TEST_DIR"' EXIT
	i=0
	while [ ! -s "$TEST_DIR/$1.port" ] && [ $i -lt 100 ]; do
		i=$((i + 1))
		sleep 0.1
	done
	[ -s "$TEST_DIR/$1.port" ] || fail "log server $1 did not start"
	: >>"$TEST_DIR/$1.log"
}

# A git server answering 401: none of the tokens is sent.
start_log_server git
gport=$(cat git.port)
OSSHEALTH_GIT_TOKEN=git-5ecret expect_exit 2 mirror --cache cache \
	--retries 0 "http://127.0.0.1:$gport/acme/widget.git"
expect_stderr_match 'authentication required or refused'
grep -q 'info/refs' git.log || fail "the git server was not asked"
if grep -v ' -$' git.log | grep -q .; then
	fail "credentials sent to a git server that answered 401: $(cat git.log)"
fi
# The same server named in OSSHEALTH_GIT_TOKEN_HOSTS gets the token.
: >git.log
OSSHEALTH_GIT_TOKEN_HOSTS="example.org, 127.0.0.1:$gport" \
	OSSHEALTH_GIT_TOKEN=git-5ecret expect_exit 2 mirror --cache cache \
	--retries 0 "http://127.0.0.1:$gport/acme/widget.git"
grep -q "GET .* Basic $(printf 'x-access-token:git-5ecret' | base64)\$" git.log ||
	fail "the configured host did not get the token: $(cat git.log)"

# Forge API hosts whose names only look like a forge's (over TLS).
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem \
	-days 2 -subj /CN=localhost \
	-addext 'subjectAltName=DNS:gitlab.localhost,DNS:gitea.localhost,DNS:forgejo.localhost,IP:127.0.0.1' \
	2>/dev/null || fail "openssl could not make a certificate"
start_log_server api cert.pem key.pem
aport=$(cat api.port)
for h in gitlab.localhost gitea.localhost forgejo.localhost; do
	expect_exit 0 enrich --enrich forge --ca-bundle cert.pem --retries 0 \
		"https://$h:$aport/acme/widget"
done
grep -q "GET gitlab.localhost:$aport /api/v4/projects" api.log ||
	fail "the fake GitLab was not asked: $(cat api.log)"
grep -q "GET gitea.localhost:$aport /api/v1/repos" api.log ||
	fail "the fake Gitea was not asked: $(cat api.log)"
if grep -v ' -$' api.log | grep -q .; then
	fail "a forge token went to a guessed host: $(cat api.log)"
fi
# A host the user named (--forge-url, OSSHEALTH_FORGE_HOSTS) gets it.
: >api.log
expect_exit 0 enrich --enrich forge --ca-bundle cert.pem --retries 0 \
	--forge gitlab --forge-url "https://127.0.0.1:$aport/api/v4" \
	"https://gitlab.example.org/acme/widget"
grep -q ' Bearer gl-5ecret$' api.log ||
	fail "--forge-url host did not get the token: $(cat api.log)"
: >api.log
OSSHEALTH_FORGE_HOSTS="gitea.localhost:$aport" expect_exit 0 enrich \
	--enrich forge --ca-bundle cert.pem --retries 0 \
	"https://gitea.localhost:$aport/acme/widget"
grep -q ' Bearer gt-5ecret$' api.log ||
	fail "OSSHEALTH_FORGE_HOSTS host did not get the token: $(cat api.log)"
if grep -rq 5ecret out err; then
	fail "a token reached the output"
fi

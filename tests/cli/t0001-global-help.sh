#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Global help, version, unknown commands and options.
. "$SRCDIR/tests/cli/lib.sh"

expect_exit 0 --help
expect_stdout_match '^usage: osshealth '
expect_stdout_match '^  db +inspect the osshealth database'
expect_stderr_empty

expect_exit 0 help
expect_stdout_match '^Commands:'

expect_exit 0 --version
expect_stdout_match '^osshealth [0-9]+\.[0-9]+\.[0-9]+$'
expect_lines 1 out

expect_exit 0 version -v
expect_stdout_match '^libgit2: [0-9]'
expect_stdout_match '^sqlite: 3\.'
expect_stdout_match "^data: $SRCDIR\$"

# No command: usage on stderr, exit 2.
expect_exit 2
expect_stderr_match '^usage: osshealth'

# Unknown command, with and without a suggestion; one line each.
expect_exit 2 dbb info
expect_stderr_match "^osshealth: 'dbb' is not a command \(did you mean 'db'\?\); try 'osshealth help'$"
expect_lines 1 err
expect_exit 2 frobnicate
expect_stderr_match "^osshealth: 'frobnicate' is not a command; try 'osshealth help'$"

# Unknown global option.
expect_exit 2 --bogus
expect_stderr_match "^osshealth: unknown option '--bogus'"

# Unknown subcommand option, with the closest one suggested.
expect_exit 2 db info --fromat json
expect_stderr_match "^osshealth: db info: unknown option '--fromat' \(did you mean '--format'\?\); try 'osshealth db info --help'$"
expect_lines 1 err
expect_exit 2 db info --db
expect_stderr_match "option '--db' needs a value"
expect_exit 2 db info -Z
expect_stderr_match "unknown option '-Z'"

# help CMD is CMD --help.
expect_exit 0 help db
expect_stdout_match '^usage: osshealth db info'
expect_exit 2 help nosuch
expect_stderr_match "'nosuch' is not a command"

# Writing to a full device is a failure, not silent truncation.
if [ -w /dev/full ]; then
	rc=0
	"$OSSHEALTH" --help >/dev/full 2>err || rc=$?
	[ "$rc" = 4 ] || fail "--help >/dev/full exited $rc, expected 4"
	expect_stderr_match 'cannot write to standard output'
fi

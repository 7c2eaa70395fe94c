#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# libpcap's LICENSE: the three BSD conditions with a one-sentence
# disclaimer.  No SPDX text fits word for word, but the conditions are
# BSD-3-Clause's and the rest a warranty disclaimer: BSD-3-Clause,
# close, never exact.  A root license file whose text nothing fits (the
# same conditions followed by other terms) is a license the tool cannot
# name: NOASSERTION, the text reported unknown, not "no license found".
. "$SRCDIR/tests/cli/lib.sh"

mkdir tree
cat >tree/LICENSE <<'TXT'
License: BSD

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions
are met:

  1. Redistributions of source code must retain the above copyright
     notice, this list of conditions and the following disclaimer.
  2. Redistributions in binary form must reproduce the above copyright
     notice, this list of conditions and the following disclaimer in
     the documentation and/or other materials provided with the
     distribution.
  3. The names of the authors may not be used to endorse or promote
     products derived from this software without specific prior
     written permission.

THIS SOFTWARE IS PROVIDED ``AS IS'' AND WITHOUT ANY EXPRESS OR
IMPLIED WARRANTIES, INCLUDING, WITHOUT LIMITATION, THE IMPLIED
WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE.
TXT
echo 'int x;' >tree/x.c

run_osh license --dir tree
expect_stdout_match "^concluded: *BSD-3-Clause \(detected\)"
expect_stdout_match "^  LICENSE +BSD-3-Clause +BSD-3-Clause \(close, 9[0-9]%\)"
expect_stdout_nomatch "license-text-unknown"

head -n 15 tree/LICENSE >tree/L2
cat tree/L2 - >tree/LICENSE <<'TXT'
  4. This software may not be used for commercial purposes, and any
     redistribution must be free of charge to every recipient, who
     shall in turn accept these conditions in writing before using it.
TXT
rm tree/L2
run_osh license --dir tree
expect_stdout_match "^concluded: *NOASSERTION \(root license text not identified\)"
expect_stdout_match "^OSI: *unknown"
expect_stdout_match "license-text-unknown: LICENSE"
expect_stdout_nomatch "license-missing"

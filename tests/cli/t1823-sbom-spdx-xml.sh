#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX XML (the <Document> form of the SPDX tools): validated, converted
# and scanned as the SPDX JSON of the same document; a type error is a
# diagnostic, a malformed document a clear refusal naming the line.
. "$SRCDIR/tests/cli/lib.sh"

data=$SRCDIR/tests/data/sbom
expect_exit 0 sbom validate "$data/valid.spdx.xml"
expect_stdout_match "valid SPDX-2.3 \\(2 packages, 1 files, 3 relationships\\): 0 errors, 0 warnings"
expect_exit 0 sbom convert -o xml.json "$data/valid.spdx.xml"
expect_exit 0 sbom convert -o json.json "$data/valid.spdx.json"
cmp -s xml.json json.json || fail "the XML twin converts to other JSON"

# UTF-16 with a byte-order mark, as the SPDX tools ship it
python3 -c 'import sys
s = open(sys.argv[1], encoding="utf-8").read().replace("UTF-8", "UTF-16")
open("u16.xml", "wb").write(b"\xff\xfe" + s.encode("utf-16-le"))' \
	"$data/valid.spdx.xml"
expect_exit 0 sbom validate u16.xml
expect_stdout_match "valid SPDX-2.3"

# a word where the schema wants a boolean: an SPDX-JSON diagnostic
sed 's|<filesAnalyzed>true</filesAnalyzed>|<filesAnalyzed>yes</filesAnalyzed>|' \
	"$data/valid.spdx.xml" >bad-bool.xml
cmp -s bad-bool.xml "$data/valid.spdx.xml" && fail "could not edit filesAnalyzed"
expect_exit 1 sbom validate bad-bool.xml
expect_stdout_match "error SPDX-JSON .*filesAnalyzed"

# one value given twice, text beside elements: refused with the line
sed 's|<name>example-app</name>|<name>example-app</name><name>other</name>|' \
	"$data/valid.spdx.xml" >twice.xml
expect_exit 2 sbom validate twice.xml
expect_stderr_match "twice.xml:[0-9]+: <name> is given twice in <packages>"
printf '<Document>\n<packages>x<name>a</name></packages></Document>\n' >mixed.xml
expect_exit 2 sbom validate mixed.xml
expect_stderr_match "mixed.xml:2: <packages> holds both text and elements"
# the first error in document order, although the text after the
# elements is only known at the end tag
printf '<Document>\n<packages><name>a</name><name>b</name>tail</packages></Document>\n' >order.xml
expect_exit 2 sbom validate order.xml
expect_stderr_match "order.xml:2: <packages> holds both text and elements"
# a truncated document: libxml2's words for it, as the memory parser says
printf '<Document>\n<packages><name>' >cut.xml
expect_exit 2 sbom validate cut.xml
expect_stderr_match "cut.xml:2: not well-formed XML: Premature end of data in tag name line 2"
printf '<!DOCTYPE Document [<!ENTITY e "x">]>\n<Document><name>&e;</name></Document>\n' >dtd.xml
expect_exit 2 sbom validate dtd.xml
expect_stderr_match "DOCTYPE"

# and on to tag-value
expect_exit 0 sbom convert --format spdx-tv -o tv.spdx "$data/valid.spdx.xml"
grep -q '^PackageName: example-app$' tv.spdx || fail "tag-value lost the package"
:

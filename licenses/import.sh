#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Import the SPDX license and exception lists (CC0-1.0 data) from pinned
# npm packages into the compact form osshealth loads (see SOURCE.md):
#
#   licenses.tsv        id, osi (0/1), deprecated (0/1), has text (0/1), name
#   exceptions.tsv      id, deprecated (0/1)
#   text/<id>.txt       full license texts
#
# The files we write by hand (categories.json, replacements.tsv,
# equivalent-words.txt, twins.tsv) are not touched.  Re-runnable: the
# output depends only on the pinned tarballs, whose sha256 must match.
#
# Needs npm and node.  Usage: licenses/import.sh   (from anywhere)
set -eu

LIST_VER=6.12.0
EXC_VER=2.5.0
IDS_VER=3.0.24

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "spdx-license-list@$LIST_VER" "spdx-exceptions@$EXC_VER" \
	"spdx-license-ids@$IDS_VER" >/dev/null 2>&1
for p in "spdx-license-list-$LIST_VER" "spdx-exceptions-$EXC_VER" \
	"spdx-license-ids-$IDS_VER"; do
	mkdir "$p"
	tar xzf "$p.tgz" -C "$p"
done

# Check the tarballs against the hashes recorded at import time.
sha256sum -c "$here/SHA256SUMS"

rm -rf "$here/text"
mkdir -p "$here/text"
node - "$work" "$here" "$LIST_VER" "$EXC_VER" "$IDS_VER" <<'JS'
const fs = require('fs');
const path = require('path');
const [work, out, listVer, excVer, idsVer] = process.argv.slice(2);
const listDir = path.join(work, `spdx-license-list-${listVer}/package/licenses`);
const excDir = path.join(work, `spdx-exceptions-${excVer}/package`);
const idsDir = path.join(work, `spdx-license-ids-${idsVer}/package`);
const deprecated = new Set(JSON.parse(fs.readFileSync(path.join(idsDir, 'deprecated.json'))));
const current = JSON.parse(fs.readFileSync(path.join(idsDir, 'index.json')));
const clean = (s) => s.replace(/[\t\r\n]+/g, ' ').trim();
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const rows = new Map();
for (const f of fs.readdirSync(listDir).sort(cmp)) {
	if (!f.endsWith('.json')) continue;
	const id = f.slice(0, -5);
	const d = JSON.parse(fs.readFileSync(path.join(listDir, f)));
	/* The "+" forms (GPL-2.0+) are deprecated ids of the SPDX list. */
	const dep = deprecated.has(id) || id.endsWith('+');
	let text = d.licenseText || '';
	if (text !== '') {
		text = text.replace(/\r\n?/g, '\n');
		if (!text.endsWith('\n')) text += '\n';
		fs.writeFileSync(path.join(out, 'text', id + '.txt'), text);
	}
	rows.set(id, [id, d.osiApproved ? 1 : 0, dep ? 1 : 0, text !== '' ? 1 : 0, clean(d.name || '')]);
}
/* Ids of the newer spdx-license-ids release that the text package lacks. */
for (const id of current) {
	if (!rows.has(id)) rows.set(id, [id, 0, 0, 0, '']);
}
for (const id of deprecated) {
	if (!rows.has(id)) rows.set(id, [id, 0, 1, 0, '']);
}
const hdr = '# SPDX-License-Identifier: CC0-1.0\n' +
	`# SPDX license list: spdx-license-list ${listVer} + spdx-license-ids ${idsVer}; see SOURCE.md\n` +
	`# version: spdx-license-list-${listVer}\n` +
	'# id\tosi\tdeprecated\ttext\tname\n';
const lines = [...rows.values()].sort((a, b) => cmp(a[0], b[0])).map((r) => r.join('\t'));
fs.writeFileSync(path.join(out, 'licenses.tsv'), hdr + lines.join('\n') + '\n');
const exc = JSON.parse(fs.readFileSync(path.join(excDir, 'index.json')));
const excDep = JSON.parse(fs.readFileSync(path.join(excDir, 'deprecated.json')));
const erows = exc.map((id) => [id, 0]).concat(excDep.map((id) => [id, 1]));
erows.sort((a, b) => cmp(a[0], b[0]));
fs.writeFileSync(path.join(out, 'exceptions.tsv'),
	'# SPDX-License-Identifier: CC0-1.0\n' +
	`# SPDX exceptions: spdx-exceptions ${excVer}; see SOURCE.md\n# id\tdeprecated\n` +
	erows.map((r) => r.join('\t')).join('\n') + '\n');
JS
echo "imported into $here"

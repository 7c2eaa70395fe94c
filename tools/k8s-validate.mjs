// SPDX-License-Identifier: GPL-3.0-or-later
//
// Validate Kubernetes manifests against the Kubernetes OpenAPI schema:
// every document of every file is looked up by apiVersion and kind in
// kubernetes-models and checked with its validate() (types, required
// fields, enums, formats).  Prints one line per document and exits 1 if
// any is invalid or of an unknown kind.
//
// Usage: NODE_PATH= node tools/k8s-validate.mjs MODULES_DIR FILE...
//   MODULES_DIR: where tools/validators-k8s.sh installed the packages.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [modules, ...files] = process.argv.slice(2);
const nm = join(modules, "node_modules");
const YAML = await import(pathToFileURL(join(nm, "yaml", "dist", "index.js")));
let bad = 0;

async function model(apiVersion, kind) {
	const [group, version] = apiVersion.includes("/")
		? apiVersion.split("/")
		: ["", apiVersion];
	const dir = group === "" ? version : join(group, version);
	const file = join(nm, "kubernetes-models", dir, `${kind}.js`);
	const mod = await import(pathToFileURL(file));
	return mod[kind];
}

for (const file of files) {
	const docs = YAML.parseAllDocuments(readFileSync(file, "utf8"));
	for (const doc of docs) {
		if (doc.errors.length > 0) {
			console.log(`${file}: YAML: ${doc.errors[0].message}`);
			bad++;
			continue;
		}
		const obj = doc.toJS();
		if (obj === null)
			continue;
		const what = `${file}: ${obj.kind} ${obj.metadata?.name}`;
		let Model;
		try {
			Model = await model(obj.apiVersion, obj.kind);
		} catch (e) {
			console.log(`${what}: unknown kind ${obj.apiVersion} ${obj.kind}`);
			bad++;
			continue;
		}
		try {
			new Model(obj).validate();
			console.log(`${what}: valid`);
		} catch (e) {
			console.log(`${what}: ${e.message}`);
			bad++;
		}
	}
}
process.exit(bad > 0 ? 1 : 0);

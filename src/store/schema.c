/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Schema migrations.  migration[i] takes a file from user_version i to
 * i + 1; each runs in its own transaction together with the version bump,
 * so a killed migration leaves the file at the old version.
 *
 * Never edit a migration that has been released: add a new one at the end
 * and raise STORE_SCHEMA_VERSION in store.h.
 *
 * Table overview (columns are documented in docs/architecture.md):
 *   collected facts, keyed by repository and object id:
 *     repositories, commits, trailers, tags, blobs, files,
 *     license_matches
 *   review results, keyed by run and component:
 *     runs, components, run_components, facts, scores, findings
 *   network cache (src/net/): http_cache
 */
#include "store/store_int.h"

#include <stdio.h>

#include "core/err.h"
#include "core/xalloc.h"
#include "core/banned.h"

static const char *const migration[] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE runs ("
	"  id INTEGER PRIMARY KEY,"
	"  started_at INTEGER NOT NULL,"
	"  finished_at INTEGER,"
	"  tool_version TEXT NOT NULL,"
	"  rules_version TEXT,"
	"  profile TEXT,"
	"  inputs TEXT NOT NULL DEFAULT '[]',"
	"  status TEXT NOT NULL DEFAULT 'running'"
	"    CHECK (status IN ('running','done','partial','failed')));"
	"CREATE TABLE repositories ("
	"  id INTEGER PRIMARY KEY,"
	"  url TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('local','remote')),"
	"  mirror_path TEXT,"
	"  last_fetch_at INTEGER,"
	"  last_head TEXT);"
	"CREATE TABLE components ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  repo_id INTEGER REFERENCES repositories(id),"
	"  declared TEXT NOT NULL DEFAULT '{}');"
	"CREATE TABLE run_components ("
	"  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  component_id INTEGER NOT NULL REFERENCES components(id),"
	"  status TEXT NOT NULL DEFAULT 'pending'"
	"    CHECK (status IN ('pending','done','failed')),"
	"  revision TEXT,"
	"  error TEXT,"
	"  decision TEXT,"
	"  started_at INTEGER,"
	"  finished_at INTEGER,"
	"  PRIMARY KEY (run_id, component_id));"
	"CREATE TABLE commits ("
	"  repo_id INTEGER NOT NULL REFERENCES repositories(id)"
	"    ON DELETE CASCADE,"
	"  id TEXT NOT NULL,"
	"  author_name TEXT NOT NULL,"
	"  author_email TEXT NOT NULL,"
	"  author_time INTEGER NOT NULL,"
	"  author_tz INTEGER NOT NULL,"
	"  committer_name TEXT NOT NULL,"
	"  committer_email TEXT NOT NULL,"
	"  committer_time INTEGER NOT NULL,"
	"  committer_tz INTEGER NOT NULL,"
	"  parents INTEGER NOT NULL,"
	"  subject TEXT NOT NULL,"
	"  signed INTEGER NOT NULL DEFAULT 0,"
	"  is_bot INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (repo_id, id)) WITHOUT ROWID;"
	"CREATE TABLE trailers ("
	"  repo_id INTEGER NOT NULL,"
	"  commit_id TEXT NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  key TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  PRIMARY KEY (repo_id, commit_id, seq),"
	"  FOREIGN KEY (repo_id, commit_id) REFERENCES commits(repo_id, id)"
	"    ON DELETE CASCADE) WITHOUT ROWID;"
	"CREATE TABLE tags ("
	"  repo_id INTEGER NOT NULL REFERENCES repositories(id)"
	"    ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  target TEXT NOT NULL,"
	"  time INTEGER NOT NULL,"
	"  annotated INTEGER NOT NULL,"
	"  signed INTEGER NOT NULL,"
	"  semver TEXT,"
	"  PRIMARY KEY (repo_id, name)) WITHOUT ROWID;"
	"CREATE TABLE blobs ("
	"  id TEXT PRIMARY KEY,"
	"  size INTEGER NOT NULL,"
	"  is_binary INTEGER NOT NULL DEFAULT 0,"
	"  spdx_ids TEXT,"
	"  license_id TEXT,"
	"  license_match TEXT,"
	"  license_score REAL) WITHOUT ROWID;"
	"CREATE TABLE files ("
	"  repo_id INTEGER NOT NULL REFERENCES repositories(id)"
	"    ON DELETE CASCADE,"
	"  revision TEXT NOT NULL,"
	"  path TEXT NOT NULL,"
	"  blob_id TEXT NOT NULL,"
	"  mode INTEGER NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  PRIMARY KEY (repo_id, revision, path)) WITHOUT ROWID;"
	"CREATE TABLE facts ("
	"  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  component_id INTEGER NOT NULL REFERENCES components(id),"
	"  key TEXT NOT NULL,"
	"  value TEXT,"
	"  PRIMARY KEY (run_id, component_id, key));"
	"CREATE TABLE scores ("
	"  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  component_id INTEGER NOT NULL REFERENCES components(id),"
	"  category TEXT NOT NULL,"
	"  check_name TEXT NOT NULL,"
	"  state TEXT NOT NULL"
	"    CHECK (state IN ('scored','not-applicable','unknown')),"
	"  score REAL CHECK (score IS NULL OR (score >= 0 AND score <= 10)),"
	"  reason TEXT NOT NULL,"
	"  evidence TEXT NOT NULL DEFAULT '[]',"
	"  PRIMARY KEY (run_id, component_id, category, check_name));"
	"CREATE TABLE findings ("
	"  id INTEGER PRIMARY KEY,"
	"  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	"  component_id INTEGER NOT NULL REFERENCES components(id),"
	"  code TEXT NOT NULL,"
	"  severity TEXT NOT NULL"
	"    CHECK (severity IN ('info','low','medium','high','critical')),"
	"  message TEXT NOT NULL,"
	"  evidence TEXT NOT NULL DEFAULT '[]');",

	/* 1 -> 2: indexes for the queries reports run most. */
	"CREATE INDEX commits_by_time ON commits(repo_id, author_time);"
	"CREATE INDEX files_by_blob ON files(blob_id);"
	"CREATE INDEX findings_by_run ON findings(run_id, component_id);"
	"CREATE INDEX run_components_by_component"
	"  ON run_components(component_id, run_id);",

	/* 2 -> 3: sign-off identities after .mailmap, for DCO shares. */
	("ALTER TABLE trailers ADD COLUMN ident_name TEXT;"
	 "ALTER TABLE trailers ADD COLUMN ident_email TEXT;"),

	/*
	 * 3 -> 4: HTTP response cache of src/net/ (ETag/Last-Modified
	 * revalidation).  Keyed by the URL without credentials; no request
	 * header (and so no token) is ever stored.
	 */
	("CREATE TABLE http_cache ("
	 "  url TEXT PRIMARY KEY,"
	 "  etag TEXT,"
	 "  last_modified TEXT,"
	 "  fetched_at INTEGER,"
	 "  status INTEGER,"
	 "  body BLOB);"),

	/*
	 * 4 -> 5: packages of an SBOM given to `scan` that the run does not
	 * review, with the reason (no git location, a registry-only purl,
	 * ...), so that a report lists what was left out.
	 */
	("CREATE TABLE run_unreviewed ("
	 "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
	 "  seq INTEGER NOT NULL,"
	 "  name TEXT NOT NULL,"
	 "  version TEXT,"
	 "  element TEXT,"
	 "  reason TEXT NOT NULL,"
	 "  PRIMARY KEY (run_id, seq));"),

	/*
	 * 5 -> 6: the overall decision.  run_components.decision is the
	 * overall one (origin, license and health); the origin policy's
	 * alone and the reasons (JSON array) sit beside it, and the waivers
	 * file a run applied is kept word for word.
	 */
	("ALTER TABLE run_components ADD COLUMN origin_decision TEXT;"
	 "ALTER TABLE run_components ADD COLUMN decision_reasons TEXT;"
	 "CREATE TABLE run_waivers ("
	 "  run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,"
	 "  source TEXT NOT NULL,"
	 "  content TEXT NOT NULL);"),

	/*
	 * 6 -> 7: OSV vulnerability records imported by `vulns import`
	 * (store_vulns.c), their affected packages, ranges, events and
	 * versions, and the per-(record, repository, commit) verdict cache.
	 * repo_key is the normalised URL of a GIT range's repository.
	 */
	("CREATE TABLE vulns ("
	 "  id INTEGER PRIMARY KEY,"
	 "  osv_id TEXT NOT NULL UNIQUE,"
	 "  modified TEXT NOT NULL,"
	 "  published TEXT,"
	 "  withdrawn TEXT,"
	 "  summary TEXT,"
	 "  severity_type TEXT,"
	 "  severity TEXT,"
	 "  source TEXT);"
	 "CREATE TABLE vuln_aliases ("
	 "  vuln_id INTEGER NOT NULL REFERENCES vulns(id) ON DELETE CASCADE,"
	 "  alias TEXT NOT NULL,"
	 "  PRIMARY KEY (vuln_id, alias)) WITHOUT ROWID;"
	 "CREATE TABLE vuln_affected ("
	 "  id INTEGER PRIMARY KEY,"
	 "  vuln_id INTEGER NOT NULL REFERENCES vulns(id) ON DELETE CASCADE,"
	 "  seq INTEGER NOT NULL,"
	 "  ecosystem TEXT,"
	 "  name TEXT,"
	 "  purl TEXT,"
	 "  severity TEXT);"
	 "CREATE TABLE vuln_ranges ("
	 "  id INTEGER PRIMARY KEY,"
	 "  affected_id INTEGER NOT NULL"
	 "    REFERENCES vuln_affected(id) ON DELETE CASCADE,"
	 "  seq INTEGER NOT NULL,"
	 "  type TEXT NOT NULL,"
	 "  repo TEXT,"
	 "  repo_key TEXT,"
	 "  events TEXT NOT NULL);"
	 "CREATE TABLE vuln_versions ("
	 "  affected_id INTEGER NOT NULL"
	 "    REFERENCES vuln_affected(id) ON DELETE CASCADE,"
	 "  seq INTEGER NOT NULL,"
	 "  version TEXT NOT NULL,"
	 "  PRIMARY KEY (affected_id, seq)) WITHOUT ROWID;"
	 "CREATE TABLE vuln_verdicts ("
	 "  vuln_id INTEGER NOT NULL REFERENCES vulns(id) ON DELETE CASCADE,"
	 "  repo_key TEXT NOT NULL,"
	 "  commit_id TEXT NOT NULL,"
	 "  verdict INTEGER NOT NULL,"
	 "  PRIMARY KEY (vuln_id, repo_key, commit_id)) WITHOUT ROWID;"
	 "CREATE INDEX vuln_affected_by_vuln ON vuln_affected(vuln_id);"
	 "CREATE INDEX vuln_affected_by_name ON vuln_affected(ecosystem, name);"
	 "CREATE INDEX vuln_affected_by_purl ON vuln_affected(purl);"
	 "CREATE INDEX vuln_ranges_by_affected ON vuln_ranges(affected_id);"
	 "CREATE INDEX vuln_ranges_by_repo ON vuln_ranges(repo_key);"
	 "CREATE INDEX vuln_aliases_by_alias ON vuln_aliases(alias);"),

	/*
	 * 7 -> 8: sharded scans (scan --shard I/N) and their merge (db
	 * merge).  A shard run records its index and the shard count, the
	 * digest of the whole inputs (every component and package, before
	 * the partition) and the names of all components, so that `db
	 * merge` can check the shards belong together and write the
	 * merged run with the inputs a single scan would record.  A merged
	 * run has shard_count set and shard_index NULL.
	 */
	("ALTER TABLE runs ADD COLUMN shard_index INTEGER;"
	 "ALTER TABLE runs ADD COLUMN shard_count INTEGER;"
	 "ALTER TABLE runs ADD COLUMN inputs_digest TEXT;"
	 "ALTER TABLE runs ADD COLUMN all_inputs TEXT;"),

	/*
	 * 8 -> 9: the license matcher's results, so that a re-scan matches
	 * only texts it has not matched before (issue 13).  Keyed by the
	 * SHA-256 of the text matched (a blob's head, or a whole file) and
	 * the engine that matched it (the SPDX list version and a digest
	 * of the engine's sources and data, license/match_cache.h): a new
	 * list or a changed matcher never serves an old answer.  `result`
	 * is the match as JSON (license/match_cache.c).
	 * commits_by_time goes: no query reads it, and keeping it sorted
	 * cost a third of the commit rows' insert time.
	 * history_snapshots: per repository, what the scan's metrics read
	 * of its commits, as one blob (store_hist.h), believed only while
	 * it holds as many commits as the commits table.
	 */
	("CREATE TABLE license_matches ("
	 "  text_sha256 TEXT NOT NULL,"
	 "  engine TEXT NOT NULL,"
	 "  result TEXT NOT NULL,"
	 "  PRIMARY KEY (text_sha256, engine)) WITHOUT ROWID;"
	 "CREATE TABLE history_snapshots ("
	 "  repo_id INTEGER PRIMARY KEY"
	 "    REFERENCES repositories(id) ON DELETE CASCADE,"
	 "  commit_nr INTEGER NOT NULL,"
	 "  data BLOB NOT NULL);"
	 "DROP INDEX IF EXISTS commits_by_time;"),

	/*
	 * 9 -> 10: what nothing writes goes (issue 13: the database says
	 * what it holds).  `files` was reserved for a per-revision file
	 * list that no command fills; the blobs' license_id, license_match
	 * and license_score were never written since the matcher's answers
	 * went to license_matches (schema 9), keyed by text, not blob.
	 */
	("DROP TABLE files;"
	 "ALTER TABLE blobs DROP COLUMN license_id;"
	 "ALTER TABLE blobs DROP COLUMN license_match;"
	 "ALTER TABLE blobs DROP COLUMN license_score;"),

	/*
	 * 10 -> 11: a commit's trailers in its own row (issue 13), as a JSON
	 * array of [key, value, ident_name, ident_email] in order, NULL when
	 * it has none.  A row per trailer (121,000 for git/git, each
	 * repeating the commit id) was two thirds of the time spent saving
	 * a history and 40% of the database.  `trailers` stays as a view
	 * with the columns of the table it replaces, for the loaders and
	 * for anyone querying the file.
	 */
	("ALTER TABLE commits ADD COLUMN trailers TEXT;"
	 "UPDATE commits SET trailers = (SELECT json_group_array("
	 "    json_array(key, value, ident_name, ident_email)) FROM"
	 "    (SELECT key, value, ident_name, ident_email FROM trailers t"
	 "     WHERE t.repo_id = commits.repo_id AND t.commit_id = commits.id"
	 "     ORDER BY seq))"
	 "  WHERE EXISTS (SELECT 1 FROM trailers t"
	 "    WHERE t.repo_id = commits.repo_id AND t.commit_id = commits.id);"
	 "DROP TABLE trailers;"
	 "CREATE VIEW trailers AS SELECT c.repo_id AS repo_id,"
	 "  c.id AS commit_id, j.key AS seq, j.value ->> 0 AS key,"
	 "  j.value ->> 1 AS value, j.value ->> 2 AS ident_name,"
	 "  j.value ->> 3 AS ident_email"
	 "  FROM commits c, json_each(c.trailers) j"
	 "  WHERE c.trailers IS NOT NULL;"),
};

_Static_assert(sizeof(migration) / sizeof(migration[0]) == STORE_SCHEMA_VERSION,
	       "one migration per schema version");

static int set_version(struct store *st, int v, struct oh_err *err)
{
	char sql[64];

	/* PRAGMA takes no bound parameters; v is our own integer. */
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v);
	return store_exec(st, sql, err);
}

int store_migrate(struct store *st, int target, struct oh_err *err)
{
	char sql[64];

	if (target < 1 || target > STORE_SCHEMA_VERSION)
		OH_BUG("migration target %d out of range", target);
	while (st->version < target) {
		int from = st->version;

		if (store_begin(st, err) < 0)
			return err->code;
		if (from == 0) {
			snprintf(sql, sizeof(sql), "PRAGMA application_id = %d",
				 STORE_APP_ID);
			if (store_exec(st, sql, err) < 0)
				goto fail;
		}
		if (store_exec(st, migration[from], err) < 0 ||
		    set_version(st, from + 1, err) < 0 ||
		    store_commit(st, err) < 0)
			goto fail;
		st->version = from + 1;
	}
	return 0;
fail:
	store_rollback(st);
	oh_err_prefix(err, "migrating schema %d to %d: ", st->version,
		      st->version + 1);
	return err->code;
}

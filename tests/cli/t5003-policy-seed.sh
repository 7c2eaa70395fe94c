#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# policy classify: the examples of seeds/003 (lines 33-45, table at 85-99)
# come out as the seed says under every shipped profile; a Japanese TLS
# library is AVOID for the coalition and ACCEPT for the jp/kr profiles.
. "$SRCDIR/tests/cli/lib.sh"

cat >seed.json <<'EOF'
{"name": "seed 003 examples", "components": [
 {"name": "Linux kernel", "repo": "https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git",
  "origin_country": "FI", "foundation": "Linux Foundation"},
 {"name": "kubernetes", "repo": "https://github.com/kubernetes/kubernetes",
  "origin_country": "US", "foundation": "CNCF"},
 {"name": "openEuler", "repo": "https://gitee.com/openeuler/kernel",
  "origin_country": "CN", "organization": "Huawei", "category": "operating system"},
 {"name": "openGauss", "repo": "https://gitee.com/opengauss/openGauss-server",
  "origin_country": "CN", "organization": "Huawei", "category": "database"},
 {"name": "PolarDB", "repo": "https://github.com/ApsaraDB/PolarDB-for-PostgreSQL",
  "origin_country": "CN", "organization": "Alibaba", "category": "database"},
 {"name": "TiDB", "repo": "https://github.com/pingcap/tidb",
  "origin_country": "CN", "organization": "PingCAP", "category": "database"},
 {"name": "Apache ShardingSphere", "repo": "https://github.com/apache/shardingsphere",
  "origin_country": "CN", "foundation": "Apache Software Foundation"},
 {"name": "Apache DolphinScheduler", "repo": "https://github.com/apache/dolphinscheduler",
  "origin_country": "CN"},
 {"name": "Tongsuo", "repo": "https://github.com/Tongsuo-Project/Tongsuo",
  "origin_country": "CN", "category": "cryptography"},
 {"name": "examplecrypt", "repo": "https://example.org/examplecrypt.git",
  "origin_country": "DE", "category": "cryptography"},
 {"name": "exampletls", "repo": "https://example.jp/exampletls.git",
  "origin_country": "JP", "category": "TLS library"}
]}
EOF

for p in default uk eu ca au jp kr; do
	expect_exit 1 policy classify --profile "$p" seed.json
	expect_stdout_match "^profile: $p "
	for c in 'Linux kernel' kubernetes 'Apache ShardingSphere' \
		'Apache DolphinScheduler' examplecrypt; do
		expect_stdout_match "^$c: ACCEPT "
	done
	for c in openEuler openGauss PolarDB TiDB; do
		expect_stdout_match "^$c: EVALUATE \(decided by country-of-concern\)"
	done
	expect_stdout_match '^Tongsuo: AVOID \(decided by security-critical-outside-allied\)'
	case $p in
	jp | kr) expect_stdout_match '^exampletls: ACCEPT ' ;;
	*) expect_stdout_match '^exampletls: AVOID ' ;;
	esac
done

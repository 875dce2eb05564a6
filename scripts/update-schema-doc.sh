#!/usr/bin/env bash
# Rewrites the schema block of docs/schema.md from a fresh store (sqlite3 .schema), so the doc and the
# migrations cannot drift apart; a test compares the two. Usage: scripts/update-schema-doc.sh [pruefstand-binary]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/pruefstand}
tmp=$(mktemp -d)
# Read commands never create a store: an import of the sample's org units creates it (the schema is the same).
"$bin" import orgunits Datasets/musterstadt/orgunits.csv --db "$tmp/s.sqlite" --rejects-dir "$tmp" --quiet > /dev/null
sqlite3 "$tmp/s.sqlite" .schema > "$tmp/schema.sql"
python3 - "$tmp/schema.sql" <<'PY'
import sys, re
schema = open(sys.argv[1]).read().rstrip("\n")
doc = open("docs/schema.md").read()
new, n = re.subn(r"(<!-- schema:begin -->\n```sql\n).*?(```\n<!-- schema:end -->)", lambda m: m.group(1) + schema + "\n" + m.group(2), doc, flags=re.S)
assert n == 1, "schema markers not found in docs/schema.md"
open("docs/schema.md", "w").write(new)
PY
rm -rf "$tmp"
echo "docs/schema.md updated"

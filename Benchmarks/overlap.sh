#!/usr/bin/env bash
# Issue 20: what overlap detection (every posting counted once) costs at 1M postings imported into a
# store that already holds 10M. Release build only; data from ../shared/bench/gen_ledger.py.
#
# No index is kept on the posting identity (a first version with one, posting_identity, made the same
# import 30-40 % slower, the index growing with every posting). What remains is the identity step after
# the insert, which the import's JSON summary reports as identitySeconds: it asks which earlier imports of
# the source can overlap (key ranges per import) and looks up only their postings. Measured here: 1M new
# postings into the 10M store and into an empty store (the check must not grow with the store), and, for
# the worst case, 1M postings that are all in the store already (a full re-export: every one compared,
# skipped and taken out again). Each run gets a fresh copy of its store.
#
#   Benchmarks/overlap.sh            # 5 runs per variant, taking turns (OVERLAP_RUNS=7 for more)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/pruefstand
gen=../shared/bench/gen_ledger.py
out=bench-out/overlap
runs=${OVERLAP_RUNS:-5}
mkdir -p "$out"
[ -x "$bin" ] || { echo "build first: swift build -c release --product pruefstand" >&2; exit 1; }
[ -f "$out/old-10M.csv" ] || python3 "$gen" --rows 10000000 --year 2024 --out "$out/old-10M.csv"
[ -f "$out/new-1M.csv" ] || python3 "$gen" --rows 1000000 --year 2025 --out "$out/new-1M.csv"
# The same seed and year as the 10M file: its first 1M postings again (a full re-export of them).
[ -f "$out/repeat-1M.csv" ] || python3 "$gen" --rows 1000000 --year 2024 --out "$out/repeat-1M.csv"
if [ ! -f "$out/base-10M.sqlite" ]; then
  /usr/bin/time -f "%e s" "$bin" import ledger "$out/old-10M.csv" --db "$out/base-10M.sqlite" --quiet --rejects-dir "$out"
  sqlite3 "$out/base-10M.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
fi
if [ ! -f "$out/empty.sqlite" ]; then
  printf 'org_unit,name,parent_id,category\n' > "$out/empty.csv"
  "$bin" import orgunits "$out/empty.csv" --allow-empty --db "$out/empty.sqlite" --quiet --rejects-dir "$out"
  sqlite3 "$out/empty.sqlite" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
fi
one() {   # store file -> "wall-seconds identitySeconds added skipped"
  local store=$1 file=$2 db="$out/work.sqlite"
  rm -f "$db" "$db-wal" "$db-shm"; cp "$store" "$db"; sync
  local t0 t1 json
  t0=$(date +%s.%N)
  json=$("$bin" import ledger "$file" --db "$db" --json --rejects-dir "$out")
  t1=$(date +%s.%N)
  python3 -c 'import sys, json; d = json.load(sys.stdin); e = d["effect"]; print("%.2f %.3f %d %d" % (float(sys.argv[2]) - float(sys.argv[1]), d["identitySeconds"], e["added"], e["skipped"]))' "$t0" "$t1" <<<"$json"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  echo "run $i new-1M into 10M store:          $(one "$out/base-10M.sqlite" "$out/new-1M.csv")"
  echo "run $i new-1M into empty store:        $(one "$out/empty.sqlite" "$out/new-1M.csv")"
  echo "run $i repeat-1M into 10M (all known): $(one "$out/base-10M.sqlite" "$out/repeat-1M.csv")"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$out/work.sqlite" "$out/work.sqlite-wal" "$out/work.sqlite-shm"

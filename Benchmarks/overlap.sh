#!/usr/bin/env bash
# Issue 20: what overlap detection (every posting counted once) costs at 1M postings imported into a
# store that already holds 10M. Release build only; data from ../shared/bench/gen_ledger.py.
#
# The cost has two parts: keeping the identity index (posting_identity) while the postings are inserted,
# and the identity step after the insert (the import's JSON summary reports it as identitySeconds). The
# first is measured as the difference between importing into the 10M store as it is and into a copy
# without the index (the same binary; with no earlier import overlapping, the identity step needs no
# index lookups, so this baseline runs). Each run gets a fresh copy of the 10M store.
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
if [ ! -f "$out/base-10M-noindex.sqlite" ]; then
  cp "$out/base-10M.sqlite" "$out/base-10M-noindex.sqlite"
  sqlite3 "$out/base-10M-noindex.sqlite" "DROP INDEX posting_identity; VACUUM;" > /dev/null
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
  echo "run $i new-1M into 10M with index:    $(one "$out/base-10M.sqlite" "$out/new-1M.csv")"
  echo "run $i new-1M into 10M without index: $(one "$out/base-10M-noindex.sqlite" "$out/new-1M.csv")"
  echo "run $i repeat-1M into 10M with index: $(one "$out/base-10M.sqlite" "$out/repeat-1M.csv")"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$out/work.sqlite" "$out/work.sqlite-wal" "$out/work.sqlite-shm"

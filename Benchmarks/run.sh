#!/usr/bin/env bash
# Benchmarks Pruefstand side by side with sqlite3, DuckDB, pandas, libxlsxwriter and XlsxWriter (issue 9).
# Installs what is missing (Debian packages when root, Python packages into .venv-bench/), then runs
# Benchmarks/bench.py, which builds the release binary, generates the data with ../shared/bench/gen_ledger.py
# into bench-out/data, measures, prints the table and writes BENCHMARKS.md.
#
#   Benchmarks/run.sh                 # the 1M set, 5 runs per tool (about 12 minutes on 2 cores)
#   BENCH_10M=1 Benchmarks/run.sh     # adds the 10M-posting import to the scale curve
#   BENCH_RUNS=7 Benchmarks/run.sh
# Not part of `make test` or CI.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${BENCH_SHARED:-../shared}"
[ -f "$shared/bench/gen_ledger.py" ] || { echo "missing $shared/bench/gen_ledger.py (the shared/ folder beside the repository)"; exit 1; }

packages="time hyperfine sqlite3 gcc pkg-config libxlsxwriter-dev python3-venv"
missing=""
for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing:$missing"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "Missing packages. Run as root:"; echo "  sudo apt-get install -y$missing"; exit 1
  fi
fi

if [ ! -x .venv-bench/bin/python ]; then python3 -m venv .venv-bench; fi
.venv-bench/bin/python -c "import duckdb, pandas, xlsxwriter, openpyxl" 2>/dev/null ||
  .venv-bench/bin/pip install -q duckdb pandas xlsxwriter openpyxl

exec python3 Benchmarks/bench.py "$@"

#!/bin/sh
# Side-by-side benchmark: 250,000 ledger postings (9 columns) to .xlsx, Pruefstand vs the C anchor
# (libxlsxwriter, constant memory). Whole-process wall time, median of RUNS runs after a warm-up.
# Usage: scripts/bench-export.sh [ROWS] [RUNS]    (build first: swift build -c release)
set -eu
rows=${1:-250000}
runs=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/pruefstand-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
shared=${PRUEFSTAND_SHARED:-$here/../shared}
python3 "$shared/bench/gen_ledger.py" --rows "$rows" --out "$work/ledger.csv"
gcc -O2 -o "$work/xlsx_c" "$shared/bench/anchors/xlsx_c.c" $(pkg-config --cflags --libs xlsxwriter)
# The same rows in a store table with the same 9 columns (amount as euros, like the C program's number).
sqlite3 "$work/store.sqlite" <<SQL
CREATE TABLE ledger (fiscal_year INTEGER, posting_date TEXT, document_id TEXT, product TEXT, cost_center TEXT,
  account TEXT, description TEXT, vendor TEXT, amount_eur REAL);
.mode csv
.import --skip 1 $work/ledger.csv ledger
SQL
bin="$here/.build/release/pruefstand"
"$bin" export ledger --db "$work/store.sqlite" --out "$work/warm.xlsx" >/dev/null
"$work/xlsx_c" "$work/ledger.csv" "$work/warm-c.xlsx"
t() { s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
c_times=""; s_times=""
i=0
while [ $i -lt "$runs" ]; do
  c_times="$c_times $(t "$work/xlsx_c" "$work/ledger.csv" "$work/c.xlsx")"
  s_times="$s_times $(t "$bin" export ledger --db "$work/store.sqlite" --out "$work/s.xlsx")"
  i=$((i + 1))
done
median() { echo "$@" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mc=$(median $c_times); ms=$(median $s_times)
echo "rows=$rows runs=$runs"
echo "C anchor (libxlsxwriter): $c_times  median $mc s"
echo "pruefstand export:        $s_times  median $ms s"
echo "ratio: $(echo "scale=3; $ms / $mc" | bc)"

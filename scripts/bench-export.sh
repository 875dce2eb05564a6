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
[ -f "$shared/bench/gen_ledger.py" ] || { echo "missing $shared/bench/gen_ledger.py: the benchmarks need the team's shared/ folder beside the repository (or PRUEFSTAND_SHARED)"; exit 1; }
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
# Wall time and CPU time (user + system) of one run; CPU time is steadier on a shared machine.
t() { /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" >/dev/null; awk '{printf "%s %.2f", $1, $2 + $3}' "$work/time"; }
c_wall=""; s_wall=""; c_cpu=""; s_cpu=""
i=0
while [ $i -lt "$runs" ]; do
  set -- $(t "$work/xlsx_c" "$work/ledger.csv" "$work/c.xlsx"); c_wall="$c_wall $1"; c_cpu="$c_cpu $2"
  set -- $(t "$bin" export ledger --db "$work/store.sqlite" --out "$work/s.xlsx"); s_wall="$s_wall $1"; s_cpu="$s_cpu $2"
  i=$((i + 1))
done
median() { echo "$@" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "rows=$rows runs=$runs (alternating, after one warm-up each)"
echo "C anchor wall:  $c_wall  median $(median $c_wall) s;  CPU $c_cpu  median $(median $c_cpu) s"
echo "pruefstand wall:$s_wall  median $(median $s_wall) s;  CPU $s_cpu  median $(median $s_cpu) s"
echo "ratio wall: $(echo "scale=3; $(median $s_wall) / $(median $c_wall)" | bc)   ratio CPU: $(echo "scale=3; $(median $s_cpu) / $(median $c_cpu)" | bc)"

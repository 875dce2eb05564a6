#!/usr/bin/env bash
# Executes the notebooks headless on a fresh Musterstadt store; `make notebooks` calls it after the release build.
#
#   Notebooks/run.sh              venv, main job into a fresh store, every notebook executed (fails on any error)
#   Notebooks/run.sh lab [ARGS]   adds JupyterLab to the venv and runs `jupyter lab Notebooks/ ARGS` on the last run's store
#
# Environment: PYTHON (default python3), NOTEBOOKS_OUT (default Reports/out/notebooks: the store, the workbook
# with its CSV tables, and the executed notebooks). The notebooks find the store, the CLI and the workbook's
# CSV tables through PRUEFSTAND_DB, PRUEFSTAND_BIN and PRUEFSTAND_CSV_DIR, set here.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv-notebooks
OUT=${NOTEBOOKS_OUT:-Reports/out/notebooks}
BIN=.build/release/pruefstand
mode=${1:-run}

# The venv is rebuilt when requirements.txt changes (its SHA-256 is kept in the venv); lab mode adds JupyterLab on top.
stamp=$(sha256sum Notebooks/requirements.txt | cut -d' ' -f1)
if ! "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null; then
  # Debian's python3 comes without venv/ensurepip.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
  else
    echo "$PYTHON has no venv module. Run as root: apt-get install -y python3-venv" >&2; exit 1
  fi
fi
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.requirements-sha256" 2>/dev/null)" != "$stamp" ]; then
  t0=$SECONDS
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r Notebooks/requirements.txt
  echo "$stamp" > "$VENV/.requirements-sha256"
  echo "notebooks: venv $VENV ready ($((SECONDS - t0)) s)"
fi
if [ "$mode" = lab ]; then
  lab_stamp=$(cat Notebooks/requirements.txt Notebooks/requirements-lab.txt | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$VENV/.requirements-lab-sha256" 2>/dev/null)" != "$lab_stamp" ]; then
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r Notebooks/requirements-lab.txt
    echo "$lab_stamp" > "$VENV/.requirements-lab-sha256"
  fi
fi

export PRUEFSTAND_DB="$PWD/$OUT/musterstadt.sqlite"
export PRUEFSTAND_BIN="$PWD/$BIN"
export PRUEFSTAND_CSV_DIR="$PWD/$OUT/csv"
export PRUEFSTAND_REQUIRE_WORKBOOK=1   # every table compared with the workbook must be there
unset MPLBACKEND                      # the kernel draws inline; a non-interactive backend would drop the charts

if [ "$mode" = lab ]; then
  [ -f "$PRUEFSTAND_DB" ] || { echo "no store at $PRUEFSTAND_DB: run 'make notebooks' first" >&2; exit 1; }
  extra=(); [ "$(id -u)" = 0 ] && extra+=(--allow-root)
  exec "$VENV/bin/jupyter" lab Notebooks/ "${extra[@]}" "${@:2}"
fi

[ -x "$BIN" ] || { echo "no $BIN: swift build -c release --product pruefstand" >&2; exit 1; }
t0=$SECONDS
mkdir -p "$OUT"
rm -rf "$PRUEFSTAND_DB" "$PRUEFSTAND_DB"-* "$PRUEFSTAND_CSV_DIR"
"$BIN" run Datasets/musterstadt --db "$PRUEFSTAND_DB" --out "$OUT/musterstadt.xlsx" --csv "$PRUEFSTAND_CSV_DIR" --quiet
echo "notebooks: main job into a fresh store $OUT/musterstadt.sqlite ($((SECONDS - t0)) s)"

t0=$SECONDS
"$VENV/bin/python" Notebooks/run_all.py --out "$OUT"
echo "notebooks: executed in $((SECONDS - t0)) s; executed copies in $OUT/"

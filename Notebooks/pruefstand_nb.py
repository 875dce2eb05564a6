"""Small helpers shared by the Pruefstand notebooks.

The notebooks read the store only through its public views (docs/schema.md) and the `pruefstand` CLI.
Paths come from environment variables that `Notebooks/run.sh` sets; the defaults suit interactive use
with `jupyter lab Notebooks/` started from the repository root or from `Notebooks/`:

    PRUEFSTAND_DB       the store (default: pruefstand.sqlite in the repository root)
    PRUEFSTAND_BIN      the CLI binary (default: .build/release/pruefstand)
    PRUEFSTAND_CSV_DIR  the CSV tables of the workbook (default: Reports/out/csv)
    PRUEFSTAND_AS_OF    the review date of the main job (default: as_of of Datasets/musterstadt/pruefstand.yaml)
    PRUEFSTAND_REQUIRE_WORKBOOK=1   a missing workbook table is an error (the runner sets it), not a note

Money is exact: every amount is handled as integer cents (`*_cents` columns of the views, or the CLI's
decimal strings "1234.56" parsed without floating point). Euros appear only for display and charts.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
from decimal import Decimal
from pathlib import Path

import pandas as pd


def _repo_root() -> Path:
    here = Path.cwd().resolve()
    for p in [here, *here.parents]:
        if (p / "Package.swift").exists() and (p / "Notebooks").is_dir():
            return p
    return here


ROOT = _repo_root()


def _path(env: str, default: str) -> Path:
    value = os.environ.get(env)
    p = Path(value) if value else ROOT / default
    return p if p.is_absolute() else (ROOT / p)


DB = _path("PRUEFSTAND_DB", "pruefstand.sqlite")
BIN = _path("PRUEFSTAND_BIN", ".build/release/pruefstand")
CSV_DIR = _path("PRUEFSTAND_CSV_DIR", "Reports/out/csv")
DATASET = ROOT / "Datasets" / "musterstadt"


def manifest_value(key: str) -> str | None:
    """A plain `key: value` of the main job's manifest (Datasets/musterstadt/pruefstand.yaml, docs/manifest.md)."""
    text = (DATASET / "pruefstand.yaml").read_text(encoding="utf-8")
    m = re.search(rf"^\s*{re.escape(key)}:\s*([^#\s]+)", text, re.M)
    return m.group(1) if m else None


def manifest_scenarios() -> list[str]:
    """The relief scenarios of the manifest (their file names without .yaml), in the manifest's order."""
    text = (DATASET / "pruefstand.yaml").read_text(encoding="utf-8")
    block = re.search(r"^scenarios:\s*\n((?:\s+-.*\n?)+)", text, re.M)
    return [Path(f).stem for f in re.findall(r"-\s*(\S+\.ya?ml)", block.group(1))] if block else []


def manifest_file(key: str) -> Path:
    """A parameter file the manifest names (`rules:`, `audit:`, `projection:`), as a path; the CLI reads no city
    file implicitly, so the notebooks pass these explicitly (--rules, --parameters, --scenario)."""
    value = manifest_value(key)
    if value is None:
        raise KeyError(f"{key}: not in {DATASET / 'pruefstand.yaml'}")
    return DATASET / value


REVIEW_RULES = manifest_file("rules")
AUDIT_PARAMETERS = manifest_file("audit")
PROJECTION = manifest_file("projection")
AS_OF = os.environ.get("PRUEFSTAND_AS_OF") or manifest_value("as_of") or "2026-01-01"
REQUIRE_WORKBOOK = os.environ.get("PRUEFSTAND_REQUIRE_WORKBOOK") == "1"


def _only_views(action, arg1, arg2, dbname, source):
    # Top-level SQL may read columns of the public views only; the views themselves read the tables
    # (source = the view's name). An empty column name is SQLite counting rows for count(*), no data.
    if action == sqlite3.SQLITE_READ and source is None and arg2 and not arg1.startswith("v_"):
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def connect() -> sqlite3.Connection:
    """Opens the store read-only; top-level SQL may read only the public `v_*` views (docs/schema.md)."""
    if not DB.exists():
        raise FileNotFoundError(f"no store at {DB}: run `make notebooks` or `pruefstand run Datasets/musterstadt --db {DB}`")
    con = sqlite3.connect(f"file:{DB}?mode=ro", uri=True)
    con.set_authorizer(_only_views)
    return con


def query(sql: str, params: tuple = ()) -> pd.DataFrame:
    """Runs SQL against the public views and returns a DataFrame."""
    con = connect()
    try:
        return pd.read_sql_query(sql, con, params=params)
    finally:
        con.close()


def cli(*args: str) -> str:
    """Runs the pruefstand CLI on the store (from the repository root) and returns its standard output."""
    if not BIN.exists():
        raise FileNotFoundError(f"no binary at {BIN}: swift build -c release --product pruefstand")
    done = subprocess.run([str(BIN), *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PRUEFSTAND_DB": str(DB)})
    if done.returncode != 0:
        raise RuntimeError(f"pruefstand {' '.join(args)} failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def cli_json(*args: str):
    """Runs the CLI with `--format json` and parses the output."""
    return json.loads(cli(*args, "--format", "json"))


def cli_csv(*args: str) -> pd.DataFrame:
    """Runs the CLI with `--format csv` and reads the output as text columns (convert money with `cents`)."""
    return pd.read_csv(io.StringIO(cli(*args, "--format", "csv")), dtype=str, keep_default_na=False)


_MONEY = re.compile(r"^(-?)(\d+)(?:[.,](\d{1,2}))?$")


def cents(text) -> int:
    """Exact cents of a money string: "1234.56", "-0.5", "1234,56" (German decimal comma), "" = 0."""
    s = str(text).strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
    if s == "":
        return 0
    m = _MONEY.match(s)
    if not m:
        raise ValueError(f"not a money amount: {text!r}")
    sign, whole, frac = m.groups()
    value = int(whole) * 100 + int((frac or "0").ljust(2, "0"))
    return -value if sign else value


def dec(text) -> Decimal:
    """A decimal number from a CLI or CSV cell ("0.25", "0,25")."""
    return Decimal(str(text).strip().replace(",", "."))


def eur(cents_value: int) -> float:
    """Cents to euros, for display and charts only."""
    return int(cents_value) / 100


def fmt_eur(cents_value: int) -> str:
    """German display form: 1.234.567,89 €."""
    c = int(cents_value)
    sign = "-" if c < 0 else ""
    whole, frac = divmod(abs(c), 100)
    return f"{sign}{whole:,}".replace(",", ".") + f",{frac:02d} €"


def fmt_meur(cents_value: int) -> str:
    """Millions of euros with one decimal, for text: 12,3 Mio. €."""
    return f"{int(cents_value) / 100_000_000:,.1f}".replace(",", "_").replace(".", ",").replace("_", ".") + " Mio. €"


def report_table(key: str) -> pd.DataFrame | None:
    """A CSV table of the workbook (`Reports/out/csv/<key>.csv`) as text columns, or None if the job did not write it.

    Reads both dialects: the plain one (comma, decimal point) and the German one (BOM, semicolon,
    decimal comma). Convert money columns with `cents`. The German dialect writes codes such as
    `"\t05.02.01"` with a leading tab so that Excel keeps them as text; the tab is dropped here, as a
    spreadsheet reader would see the code.
    """
    path = CSV_DIR / f"{key}.csv"
    if not path.exists():
        if REQUIRE_WORKBOOK:
            raise FileNotFoundError(f"the main job wrote no table {key} ({path})")
        return None
    text = path.read_text(encoding="utf-8-sig")
    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") > first.count(",") else ","
    df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, quoting=csv.QUOTE_MINIMAL)
    for c in df.columns:
        df[c] = df[c].str.removeprefix("\t")
    return df


def show_eur(df: pd.DataFrame, cents_columns: list[str]) -> pd.DataFrame:
    """A display copy of a table with `*_cents` columns turned into German euro strings."""
    out = df.copy()
    for c in cents_columns:
        out[c.removesuffix("_cents")] = out[c].map(fmt_eur)
        if c != c.removesuffix("_cents"):
            out = out.drop(columns=[c])
    return out

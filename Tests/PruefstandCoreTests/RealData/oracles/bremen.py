#!/usr/bin/env python3
"""Independent oracle for the Freie Hansestadt Bremen budget files (kameral): `python3 bremen.py FILE`.

FILE is one of
- Haushaltsdaten_2016-2017.csv  (Haushalt 2016/2017: Anschlag and VE per year),
- Haushaltsdaten_2016-2017.xls  (the same table as old binary Excel; converted here with
  `soffice --headless --convert-to xlsx` into a temporary folder, then read like an .xlsx),
- Haushalt_Land_und_Stadtgemeinde_Bremen_2016.xlsx (2016: Anschlag, Haushaltssoll, IST).
Standard library only (csv, decimal, zipfile, xml.etree); prints one JSON object.

Rules:
- There are no subtotal or group rows: every non-blank row after the header is a detail row (one
  Haushaltsstelle). Blank rows (every cell empty; LibreOffice's conversion adds 22 styled empty rows,
  the 2016 .xlsx has one) are counted and skipped.
- Haushaltsstelle `KKKK.GGGZZ-P`: Kapitel (4 digits; 00xx-09xx Land Bremen, 30xx-39xx Stadtgemeinde
  Bremen; the first two digits are the Einzelplan), Titel = Gruppierung (3) + Zählnummer (2), P = check
  digit: (7,8,9,4,5,6,7,8,9) . (the 9 digits of Kapitel and Titel) mod 11, a remainder of 10 written 0.
- Value columns and kinds: `Anschlag YYYY` -> plan; `VE Anschlag YYYY` / `VE-Anschlag YYYY` ->
  commitment (Verpflichtungsermächtigung: authority to commit future years' money); `Haushaltssoll
  14. Mt. YYYY` -> amended (the Soll after the 14th month: plan plus supplements and carry-overs);
  `IST YYYY` -> actual. Amounts are euros (whole in the 2016/2017 table, cents in the 2016 .xlsx).
  An empty cell is no value (not 0) and is counted in `empty_values`.
- Side: the .csv/.xls column `Aggregat` (`EINN.*` revenue, `AUSG.*` expense). The 2016 .xlsx has no
  such column: there the Titel's Hauptgruppe decides (first Titel digit 0-3 revenue, 4-9 expense,
  Gruppierungsplan of the Bund/Länder). Where both exist their disagreements are listed (6 rows with
  Titel 98xxx marked EINN, all 0).
- Excel cells (.xlsx, converted .xls) hold IEEE doubles written as round-trip text
  (`4797.1000000000004`). The value meant is the number rounded to 15 significant digits (what Excel
  shows); it must then have at most 2 decimals, else it is a violation. `float_artefacts` counts the
  cells where that rounding changed the text, with the largest change in cents.
- Invariants: Haushaltsstelle unique; check digit right; PGR/Produktgruppe `dd.dd.dd`; per budget
  (Land, Stadtgemeinde) and per plan column (Anschlag) revenue total = expense total
  (Haushaltsausgleich). The balance of every other column is reported in `balances_cents` only.
"""
import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import xlsx_cells
from decimal import Decimal, Context, ROUND_HALF_EVEN

HST = re.compile(r"(\d{4})\.(\d{5})-(\d)")
PGR = re.compile(r"\d{2}\.\d{2}\.\d{2}")
WEIGHTS = (7, 8, 9, 4, 5, 6, 7, 8, 9)
EXCEL = Context(prec=15, rounding=ROUND_HALF_EVEN)


def check_digit(kapitel, titel):
    return sum(w * int(d) for w, d in zip(WEIGHTS, kapitel + titel)) % 11 % 10


def xlsx_rows(path, sheet_index=0):
    """Rows of one worksheet as lists of ('s', text) / ('n', number text) / None, by column."""
    name, rows = xlsx_cells.sheets(path)[sheet_index]
    return rows, name


def convert_xls(path, tmp):
    profile = os.path.join(tmp, "profile")
    cmd = ["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "xlsx",
           "--outdir", tmp, path]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    out = os.path.join(tmp, os.path.splitext(os.path.basename(path))[0] + ".xlsx")
    if not os.path.exists(out):
        raise RuntimeError("soffice did not write " + out)
    return out


class Amounts:
    def __init__(self):
        self.artefacts = 0
        self.max_artefact = Decimal(0)
        self.violations = []

    def text_cents(self, text):
        """Whole euros as written in the CSV (no separators, no sign in this file)."""
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError("not a whole-euro amount: %r" % text)
        return int(text) * 100

    def cell_cents(self, cell, where):
        kind, text = cell
        if kind == "s":
            return self.text_cents(text.strip())
        exact = Decimal(text)
        shown = EXCEL.plus(exact)
        c = shown * 100
        if c != c.to_integral_value():
            self.violations.append({"cell": where, "value": text, "reason": "more than 2 decimals at 15 significant digits"})
            return int(c.to_integral_value(rounding=ROUND_HALF_EVEN))
        if shown != exact:
            self.artefacts += 1
            self.max_artefact = max(self.max_artefact, abs(exact - shown) * 100)
        return int(c)


def kind_of(header):
    h = " ".join(header.split())
    m = re.fullmatch(r"(VE[ -])?Anschlag (\d{4})", h)
    if m:
        return int(m.group(2)), ("commitment" if m.group(1) else "plan")
    m = re.fullmatch(r"Haushaltssoll 14\. Mt\. (\d{4})", h)
    if m:
        return int(m.group(1)), "amended"
    m = re.fullmatch(r"IST (\d{4})", h)
    if m:
        return int(m.group(1)), "actual"
    return None


def add(d, key, v):
    d[key] = d.get(key, 0) + v


def main(path):
    raw = open(path, "rb").read()
    amounts = Amounts()
    blank = 0
    tmp = None
    source = os.path.basename(path)
    if path.endswith(".csv"):
        records = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
        header = records[0]
        table = [(i + 2, [("s", v) if v != "" else None for v in r]) for i, r in enumerate(records[1:])]
        sheet = None
    else:
        if path.endswith(".xls"):
            tmp = tempfile.mkdtemp(prefix="bremen-oracle-")
            path = convert_xls(path, tmp)
        rows, sheet = xlsx_rows(path)
        header = [c[1] if c else "" for c in rows[0][1]]
        table = rows[1:]
    try:
        col = {h: i for i, h in enumerate(header)}
        hst_col = col.get("Hst.", col.get("Haushaltsstelle"))
        pgr_col = col.get("PGR", col.get("Produktgruppe"))
        agg_col = col.get("Aggregat")
        value_cols = [(i, kind_of(h), " ".join(h.split())) for i, h in enumerate(header) if kind_of(h)]
        detail = 0
        empty_values = 0
        totals, file_sums, balances = {}, {}, {}
        seen = {}
        violations = []
        disagreements = []
        for line, cells in table:
            cells = cells + [None] * (len(header) - len(cells))
            if all(c is None or (c[0] == "s" and c[1].strip() == "") for c in cells):
                blank += 1
                continue
            detail += 1
            hst = cells[hst_col][1]
            m = HST.fullmatch(hst)
            if not m:
                violations.append({"line": line, "rule": "Haushaltsstelle KKKK.GGGZZ-P", "value": hst})
                continue
            kapitel, titel, digit = m.group(1), m.group(2), int(m.group(3))
            if check_digit(kapitel, titel) != digit:
                violations.append({"line": line, "rule": "check digit", "value": hst, "expected": check_digit(kapitel, titel)})
            if hst in seen:
                violations.append({"line": line, "rule": "Haushaltsstelle unique", "value": hst, "first_line": seen[hst]})
            seen[hst] = line
            if not PGR.fullmatch(cells[pgr_col][1]):
                violations.append({"line": line, "rule": "Produktgruppe dd.dd.dd", "value": cells[pgr_col][1]})
            by_titel = "revenue" if titel[0] in "0123" else "expense"
            if agg_col is not None:
                agg = cells[agg_col][1]
                side = {"EINN": "revenue", "AUSG": "expense"}[agg.split(".")[0]]
                if side != by_titel:
                    disagreements.append({"line": line, "haushaltsstelle": hst, "aggregat": agg})
            else:
                side = by_titel
            budget = "Land" if kapitel[0] == "0" else "Stadtgemeinde"
            for i, (year, kind), h in value_cols:
                if cells[i] is None or (cells[i][0] == "s" and cells[i][1] == ""):
                    empty_values += 1
                    continue
                v = amounts.cell_cents(cells[i], "%s%d" % (chr(65 + i), line))
                add(totals, "%d|%s|%s" % (year, kind, side), v)
                add(file_sums, "%d|%s" % (year, kind), v)
                add(balances, "%s|%d|%s" % (budget, year, kind), v if side == "revenue" else -v)
        for key, v in sorted(balances.items()):
            if key.endswith("|plan") and v != 0:
                violations.append({"rule": "Haushaltsausgleich: revenue = expense", "budget_column": key, "revenue_minus_expense_cents": v})
        out = {
            "oracle": "bremen",
            "file": source,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "sheet": sheet,
            "converted_with": "soffice --headless --convert-to xlsx" if source.endswith(".xls") else None,
            "rows": {"data": detail, "detail": detail, "subtotal": 0, "blank": blank},
            "years": sorted({y for _, (y, _), _ in value_cols}),
            "columns": [{"header": h, "year": y, "kind": k} for _, (y, k), h in value_cols],
            "empty_values": empty_values,
            "side_from": "Aggregat" if agg_col is not None else "Titel Hauptgruppe",
            "detail_totals_cents": dict(sorted(totals.items())),
            "file_sums_cents": dict(sorted(file_sums.items())),
            "subtotal_totals_cents": {},
            "balances_cents": dict(sorted(balances.items())),
            "aggregat_vs_hauptgruppe": disagreements,
            "float_artefacts": {"cells": amounts.artefacts, "max_change_cents": str(amounts.max_artefact.normalize()) if amounts.artefacts else "0"},
            "invariants": {"violations": violations + amounts.violations},
        }
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 bremen.py FILE (.csv, .xls or .xlsx)")
    main(sys.argv[1])

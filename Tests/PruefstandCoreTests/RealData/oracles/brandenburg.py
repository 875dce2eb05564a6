#!/usr/bin/env python3
"""Independent oracle for Land Brandenburg's Haushalt 2016-2018 (kameral): `python3 brandenburg.py FILE`.

FILE is haushalt-brandenburg.csv or Maschinenlesbarer_Haushalt_2017-2018.xlsx (sheet `GP`, the whole
plan; the sheets `EP01`..`EP20` split it by Einzelplan). Standard library only (csv, zipfile,
xml.etree); prints one JSON object.

File facts (docs/realdata-inventory.md): the CSV is UTF-8 without BOM, `,`, LF, RFC 4180 quoting with
41 fields holding a line break (5,632 records on 5,675 physical lines). Both columns 2 and 4 are named
`Bezeichnung` (Kapitel name, Titelgruppe name): columns are told apart by position.

Rules:
- No subtotal or group rows: every non-blank row after the header is a detail row (Kapitel + Titel).
  `TGr.` is the Titelgruppe a Titel belongs to (an attribute; empty when none), not a group row.
  Blank rows (no cell with a value) are counted and skipped: every sheet ends with an empty
  `<row r=".."/>` (GP: row 5633, inside its dimension A1:J5633), and EP02, EP13, EP14 carry 18, 113
  and 122 more styled empty rows.
- Kapitel: 5 digits = Einzelplan (2) + Kapitel (3). Titel: 5 digits = Gruppierung (3) + Zählnummer (2);
  in a Titelgruppe the Zählnummer is the Titelgruppe number. FZ: 3-digit Funktion.
- Value columns `Ansatz YYYY in EUR` -> year YYYY, kind plan; whole euros, no separators, no sign.
  An empty cell means the Titel has no Ansatz that year (a new or closed Titel): it is counted in
  `empty_values`, never read as 0.
- Side: the Titel's Hauptgruppe (first digit): 0-3 revenue (Einnahmen), 4-9 expense (Ausgaben).
- Invariants: (Kapitel, Titel) unique; Kapitel 5 and Titel 5 digits; TGr (when set) = Titel digits
  4-5; per year revenue total = expense total (Haushaltsausgleich); for the .xlsx, the rows of the EP
  sheets taken together are exactly the rows of GP.
"""
import csv
import hashlib
import io
import json
import os
import re
import sys

import xlsx_cells

VALUE = re.compile(r"Ansatz (\d{4}) in EUR")


def xlsx_sheets(path):
    """{sheet name: [(row number, [cell text or None])]}; numbers as their stored text."""
    return {name: [(n, [c[1] if c else None for c in cells]) for n, cells in rows]
            for name, rows in xlsx_cells.sheets(path)}


def main(path):
    raw = open(path, "rb").read()
    extra = {}
    violations = []
    if path.endswith(".xlsx"):
        sheets = xlsx_sheets(path)
        names = list(sheets)
        gp = sheets["GP"]
        header = [c or "" for c in gp[0][1]]
        table = gp[1:]
        width = len(header)
        def norm(cells):
            cells = cells + [None] * (width - len(cells))
            return tuple("" if c is None else c for c in cells)
        gp_rows = sorted(norm(c) for _, c in table if any(x not in (None, "") for x in c))
        ep_rows, ep_blank = [], {}
        for name in names:
            if name == "GP":
                continue
            body = sheets[name][1:]
            ep_blank[name] = sum(1 for _, c in body if not any(x not in (None, "") for x in c))
            ep_rows += [norm(c) for _, c in body if any(x not in (None, "") for x in c)]
        if sorted(ep_rows) != gp_rows:
            violations.append({"rule": "EP sheets together = GP", "ep_rows": len(ep_rows), "gp_rows": len(gp_rows)})
        extra = {"sheet": "GP", "sheets": names, "ep_rows": len(ep_rows), "ep_blank_rows": {k: v for k, v in ep_blank.items() if v}}
        physical = None
    else:
        text = raw.decode("utf-8")
        records = list(csv.reader(io.StringIO(text, newline="")))
        header = records[0]
        table = [(i + 2, r) for i, r in enumerate(records[1:])]
        physical = text.count("\n")
        extra = {"physical_lines": physical, "records_with_line_breaks": sum(1 for _, r in table if any("\n" in v for v in r))}
    values = [(i, int(VALUE.fullmatch(h).group(1)), h) for i, h in enumerate(header) if VALUE.fullmatch(h)]
    totals, file_sums, balance = {}, {}, {}
    seen = {}
    detail = blank = empty_values = 0
    for n, cells in table:
        cells = [("" if c is None else c) for c in cells] + [""] * (len(header) - len(cells))
        if not any(c != "" for c in cells):
            blank += 1
            continue
        detail += 1
        kapitel, tgr, titel = cells[0], cells[2], cells[4]
        if not re.fullmatch(r"\d{5}", kapitel) or not re.fullmatch(r"\d{5}", titel):
            violations.append({"row": n, "rule": "Kapitel and Titel 5 digits", "value": kapitel + "/" + titel})
            continue
        if (kapitel, titel) in seen:
            violations.append({"row": n, "rule": "(Kapitel, Titel) unique", "value": kapitel + "/" + titel, "first_row": seen[(kapitel, titel)]})
        seen[(kapitel, titel)] = n
        if tgr and titel[3:5] != tgr:
            violations.append({"row": n, "rule": "TGr = Titel digits 4-5", "value": titel, "tgr": tgr})
        side = "revenue" if titel[0] in "0123" else "expense"
        for i, year, h in values:
            if cells[i] == "":
                empty_values += 1
                continue
            if not re.fullmatch(r"-?\d+", cells[i]):
                raise ValueError("row %d: not a whole-euro amount %r" % (n, cells[i]))
            v = int(cells[i]) * 100
            totals["%d|plan|%s" % (year, side)] = totals.get("%d|plan|%s" % (year, side), 0) + v
            file_sums["%d|plan" % year] = file_sums.get("%d|plan" % year, 0) + v
            balance[year] = balance.get(year, 0) + (v if side == "revenue" else -v)
    for year, b in sorted(balance.items()):
        if b != 0:
            violations.append({"rule": "Haushaltsausgleich: revenue = expense", "year": year, "revenue_minus_expense_cents": b})
    out = {
        "oracle": "brandenburg",
        "file": os.path.basename(path),
        "sha256": hashlib.sha256(raw).hexdigest(),
        **extra,
        "header": header,
        "rows": {"data": detail, "detail": detail, "subtotal": 0, "blank": blank},
        "years": sorted(y for _, y, _ in values),
        "columns": [{"header": h, "year": y, "kind": "plan"} for _, y, h in values],
        "empty_values": empty_values,
        "side_from": "Titel Hauptgruppe",
        "detail_totals_cents": dict(sorted(totals.items())),
        "file_sums_cents": dict(sorted(file_sums.items())),
        "subtotal_totals_cents": {},
        "invariants": {"violations": violations},
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 brandenburg.py FILE (.csv or .xlsx)")
    main(sys.argv[1])

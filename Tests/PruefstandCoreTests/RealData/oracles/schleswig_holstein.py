#!/usr/bin/env python3
"""Independent oracle for Land Schleswig-Holstein's Haushalt 2017 (kameral, amounts in thousand euros):
`python3 schleswig_holstein.py hh17_csv.csv`. Standard library only; prints one JSON object.

File facts (docs/realdata-inventory.md): Windows-1252 (the `€` of the headers is byte 0x80), `;`, CRLF,
no quoting, one header line, no preamble, no total line.

Rules:
- No subtotal or group rows: every record after the header is a detail row (Kapitel + Titel).
- Value columns `Ist YYYY in T€` -> actual, `Soll YYYY in T€` -> plan (the prior year's plan as
  amended, the only figure of that year in the file), `Ansatz YYYY in T€` -> plan.
- Amounts are thousands of euros with one decimal (`1.234,5`, `-99,9`): German number style, `.` groups
  of three, `,` decimal. Scaled exactly: cents = Decimal(amount) x 1000 x 100; a value that is not a
  whole number of cents after scaling is a violation (none: one decimal in T€ is 100 €).
- Side: the Titel's Hauptgruppe (first of its 5 digits): 0-3 revenue (Einnahmen), 4-9 expense
  (Ausgaben). A negative amount stays negative on its side (a reduction); it is not a side switch.
- Invariants: (Kapitel, Titel) unique; Kapitel 4 digits, Titel 5 digits; for the plan columns (Soll,
  Ansatz) revenue total = expense total per year (Haushaltsausgleich). The Ist column's
  revenue - expense is reported in `balances_cents` (an actual result need not balance).
"""
import csv
import hashlib
import io
import json
import os
import re
import sys
from decimal import Decimal

VALUE = re.compile(r"(Ist|Soll|Ansatz) (\d{4}) in T€")
KIND = {"Ist": "actual", "Soll": "plan", "Ansatz": "plan"}
NUMBER = re.compile(r"-?\d{1,3}(\.\d{3})*(,\d+)?")


def cents(text):
    if not NUMBER.fullmatch(text):
        raise ValueError("not a German amount: %r" % text)
    c = Decimal(text.replace(".", "").replace(",", ".")) * 1000 * 100
    return c


def main(path):
    raw = open(path, "rb").read()
    text = raw.decode("cp1252")
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header, data = records[0], records[1:]
    values = [(i, int(VALUE.fullmatch(h).group(2)), KIND[VALUE.fullmatch(h).group(1)], h) for i, h in enumerate(header) if VALUE.fullmatch(h)]
    totals, file_sums, balances = {}, {}, {}
    seen = {}
    violations = []
    negatives = 0
    for n, r in enumerate(data, start=2):
        kapitel, titel = r[0], r[1]
        if not re.fullmatch(r"\d{4}", kapitel) or not re.fullmatch(r"\d{5}", titel):
            violations.append({"line": n, "rule": "Kapitel 4 digits, Titel 5 digits", "value": kapitel + "/" + titel})
            continue
        if (kapitel, titel) in seen:
            violations.append({"line": n, "rule": "(Kapitel, Titel) unique", "value": kapitel + "/" + titel, "first_line": seen[(kapitel, titel)]})
        seen[(kapitel, titel)] = n
        side = "revenue" if titel[0] in "0123" else "expense"
        for i, year, kind, h in values:
            c = cents(r[i])
            if c != c.to_integral_value():
                violations.append({"line": n, "rule": "whole cents after scaling", "value": r[i]})
            c = int(c)
            negatives += c < 0
            key = "%d|%s" % (year, kind)
            totals[key + "|" + side] = totals.get(key + "|" + side, 0) + c
            file_sums[key] = file_sums.get(key, 0) + c
            balances[key] = balances.get(key, 0) + (c if side == "revenue" else -c)
    for key, b in sorted(balances.items()):
        if key.endswith("|plan") and b != 0:
            violations.append({"rule": "Haushaltsausgleich: revenue = expense", "column": key, "revenue_minus_expense_cents": b})
    out = {
        "oracle": "schleswig-holstein",
        "file": os.path.basename(path),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "records": len(data),
        "rows": {"data": len(data), "detail": len(data), "subtotal": 0, "blank": 0},
        "years": sorted(y for _, y, _, _ in values),
        "columns": [{"header": h, "year": y, "kind": k, "unit": "thousand euros"} for _, y, k, h in values],
        "negative_values": negatives,
        "side_from": "Titel Hauptgruppe",
        "detail_totals_cents": dict(sorted(totals.items())),
        "file_sums_cents": dict(sorted(file_sums.items())),
        "subtotal_totals_cents": {},
        "balances_cents": dict(sorted(balances.items())),
        "invariants": {"violations": violations},
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 schleswig_holstein.py hh17_csv.csv")
    main(sys.argv[1])

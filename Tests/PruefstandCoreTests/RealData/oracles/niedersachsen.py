#!/usr/bin/env python3
"""Independent oracle for Land Niedersachsen's Haushaltsplan 2017/2018 (kameral):
`python3 niedersachsen.py haushalt-niedersachsen.csv`. Standard library only; prints one JSON object.

File facts (docs/realdata-inventory.md): UTF-8 without BOM, `;`, RFC 4180 quoting (`""` inside quotes),
one header line, no preamble. Records end with CRLF, but 31 end with a bare CR that is followed by a
space, so the next record's Einzelplan reads ` 01`: a bare CR is a line end and fields are trimmed.

Rules:
- No subtotal or group rows: every record after the header is a detail row (one Haushaltsstelle).
  `TGr-Titel` (0/1) and `TGR_Kurzbezeichnung` say whether the Titel belongs to a Titelgruppe; they
  are attributes, not group rows.
- Value columns: `Ansatz für YYYY  (EUR)` (two spaces before the unit) -> year YYYY, kind plan.
  Euros with `.` as thousands separator, no decimals. Cents = euros x 100. A leading `-` is a reduction
  on the row's side (Globale Minderausgabe as negative expense; Tilgung as negative revenue, which nets
  the Kreditaufnahme), never a switch of side; `negative_values` counts them.
- Side: column `E/A` (`E` Einnahme -> revenue, `A` Ausgabe -> expense); the amount is never negative.
- Haushaltsstelle `KKKK-GGG ZZ`: Kapitel (4 digits = Einzelplan 2 + Kapitel 2), Gruppierung (3),
  Zählnummer (2; with the Gruppierung the 5-digit Titel).
- Invariants: Haushaltsstelle unique; its first 4 digits = Kapitel; Kapitel's first 2 = Einzelplan;
  E/A agrees with the Titel's Hauptgruppe (first digit 0-3 Einnahmen, 4-9 Ausgaben); per year the
  revenue total = the expense total (Haushaltsausgleich). Every violation is listed.
"""
import csv
import hashlib
import io
import json
import os
import re
import sys

VALUE = re.compile(r"Ansatz für (\d{4})\s+\(EUR\)")
NUMBER = re.compile(r"-?\d{1,3}(\.\d{3})*")
HST = re.compile(r"(\d{4})-(\d{3}) (\d{2})")


def main(path):
    raw = open(path, "rb").read()
    text = raw.decode("utf-8")
    bare_cr = len(re.findall(r"\r(?!\n)", text))
    records = list(csv.reader(io.StringIO(text, newline=None), delimiter=";"))
    header, data = records[0], records[1:]
    col = {h: i for i, h in enumerate(header)}
    values = [(i, int(VALUE.fullmatch(h).group(1)), h) for i, h in enumerate(header) if VALUE.fullmatch(h)]
    totals, file_sums, balance = {}, {}, {}
    seen = {}
    violations = []
    untrimmed = 0
    negatives = 0
    for n, r in enumerate(data, start=2):
        if len(r) != len(header):
            raise ValueError("record %d has %d fields, header %d" % (n, len(r), len(header)))
        untrimmed += sum(1 for v in r if v != v.strip())
        r = [v.strip() for v in r]
        hst, kapitel, epl, ea = r[col["Haushaltsstelle"]], r[col["Kapitel"]], r[col["Einzelplan"]], r[col["E/A"]]
        m = HST.fullmatch(hst)
        if not m:
            violations.append({"record": n, "rule": "Haushaltsstelle KKKK-GGG ZZ", "value": hst})
            continue
        if hst in seen:
            violations.append({"record": n, "rule": "Haushaltsstelle unique", "value": hst, "first_record": seen[hst]})
        seen[hst] = n
        if m.group(1) != kapitel:
            violations.append({"record": n, "rule": "Haushaltsstelle starts with Kapitel", "value": hst, "kapitel": kapitel})
        if kapitel[:2] != epl:
            violations.append({"record": n, "rule": "Kapitel starts with Einzelplan", "value": kapitel, "einzelplan": epl})
        side = {"E": "revenue", "A": "expense"}.get(ea)
        if side is None:
            violations.append({"record": n, "rule": "E/A is E or A", "value": ea})
            continue
        if (m.group(2)[0] in "0123") != (side == "revenue"):
            violations.append({"record": n, "rule": "E/A agrees with Hauptgruppe", "value": hst, "e_a": ea})
        for i, year, h in values:
            if not NUMBER.fullmatch(r[i]):
                raise ValueError("record %d: not an amount %r" % (n, r[i]))
            v = int(r[i].replace(".", "")) * 100
            negatives += v < 0
            totals["%d|plan|%s" % (year, side)] = totals.get("%d|plan|%s" % (year, side), 0) + v
            file_sums["%d|plan" % year] = file_sums.get("%d|plan" % year, 0) + v
            balance[year] = balance.get(year, 0) + (v if side == "revenue" else -v)
    for year, b in sorted(balance.items()):
        if b != 0:
            violations.append({"rule": "Haushaltsausgleich: revenue = expense", "year": year, "revenue_minus_expense_cents": b})
    out = {
        "oracle": "niedersachsen",
        "file": os.path.basename(path),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "records": len(data),
        "bare_cr_line_ends": bare_cr,
        "untrimmed_fields": untrimmed,
        "rows": {"data": len(data), "detail": len(data), "subtotal": 0, "blank": 0},
        "years": sorted(y for _, y, _ in values),
        "columns": [{"header": h, "year": y, "kind": "plan"} for _, y, h in values],
        "negative_values": negatives,
        "side_from": "E/A",
        "detail_totals_cents": dict(sorted(totals.items())),
        "file_sums_cents": dict(sorted(file_sums.items())),
        "subtotal_totals_cents": {},
        "invariants": {"violations": violations},
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 niedersachsen.py haushalt-niedersachsen.csv")
    main(sys.argv[1])

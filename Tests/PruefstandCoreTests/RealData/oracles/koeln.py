#!/usr/bin/env python3
"""Independent oracle for Stadt Köln's budget exports (NKF NRW, doppisch): `python3 koeln.py FILE`.

Reads one of the six published CSV files (teilergebnisplan.csv, ergebnisplan_produktbereiche.csv,
gesamtergebnisplan.csv, bezirke_produktgruppen.csv, teilfinanzplan.csv, finanzplan_produktbereiche.csv)
with the standard library only and prints one JSON object: row counts, detail totals in integer cents
per (year, kind, side), the subtotal rows' own totals, and every invariant violation.

File facts the rules rely on (see docs/realdata-inventory.md):
- UTF-8 without BOM, CRLF, `;`, no quoting, one header line, no preamble, no total line.
- Amounts are whole euros with `.` as thousands separator (`-14.914.357`); no decimals. Cents = euros x 100.
- The line column (`Teilplanzeile`, `Teilpanzeile` [sic], `Finanzplanzeile`, `Wert`) starts with a
  two-digit line number: `NN - label` for a line, `NN = label` for a computed line.
- Value columns are `Ergebnis YYYY` / `Ist YYYY` (kind actual) and `Plan YYYY` (kind plan).

Subtotal rules (which rows are not detail, and why):
- Ergebnisplan files: a row whose line text contains ` = ` (lines 10, 17, 18, 21, 22, 25, 26, 28) is a
  computed line of the NKF Ergebnisplan (§ 2 KomHVO NRW): a sum or a balance of the lines above it.
- Finanzplan files: the investment part of the Finanzplan; lines 06 `Summe investive Einzahlungen`,
  13 `Summe investive Auszahlungen` and 14 `Saldo Investitionstätigkeit` are sums and a balance although
  written with ` - `; the rule is the label after the number starting with `Summe` or `Saldo`.
- Every other row is a detail row.

Revenue or expense (side) comes from the line number, never from the amount's sign:
- Ergebnisplan: 01-09, 19, 23 revenue (Erträge); 11-16, 20, 24 expense (Aufwendungen); 27 `Interne
  Leistungsbeziehung (Aufwand / (-) Ertrag)` is an expense line whose negative value is net revenue.
- Finanzplan: 01-05, 15, 16 revenue (Einzahlungen); 07-12, 18, 19 expense (Auszahlungen).
- Sign convention: all files except bezirke_produktgruppen.csv write revenue and expense as positive
  amounts and balances as revenue - expense. bezirke_produktgruppen.csv writes revenue negative and
  expense positive (its balances are expense + revenue, i.e. the net cost). Detail totals are given
  normalised (revenue as a positive revenue figure, expense as a positive expense figure) and, in
  `file_sums_cents`, as signed in the file.

Invariants (checked per group of rows = one Teilplan, Produktbereich, Bezirk or the whole city; a line
missing from a group counts as 0, as bezirke_produktgruppen.csv omits zero lines):
- Ergebnisplan (file convention): 10 = sum(01..09); 17 = sum(11..16); 18 = 10 - 17; 21 = 19 - 20;
  22 = 18 + 21; 25 = 23 - 24; 26 = 22 + 25; 28 = 26 - 27. In bezirke_produktgruppen.csv every `-` of
  a balance is `+` (revenue is already negative).
- Finanzplan: 06 = sum(01..05); 13 = sum(07..12); 14 = 06 - 13.
- Every figure is rounded to whole euros on its own, so a published sum may differ from the sum of
  the published terms by rounding: with n terms the difference is at most floor((n + 1) / 2) euros.
  A difference within that bound is counted in `within_rounding`; a larger one is a violation.
"""
import csv
import hashlib
import io
import json
import os
import re
import sys

NUMBER = re.compile(r"-?\d{1,3}(\.\d{3})*")
LINE = re.compile(r"(\d{2}) ([-=]) (.*)")
VALUE_HEADER = re.compile(r"(Ergebnis|Ist|Plan) (\d{4})")
KINDS = {"Ergebnis": "actual", "Ist": "actual", "Plan": "plan"}
LINE_COLUMNS = ("Teilplanzeile", "Teilpanzeile", "Finanzplanzeile", "Wert")
GROUP_COLUMNS = ("Produktbereich", "Teilplan", "Bezirk")

ERGEBNIS_REVENUE = set(range(1, 10)) | {19, 23}
ERGEBNIS_EXPENSE = set(range(11, 17)) | {20, 24, 27}
FINANZ_REVENUE = set(range(1, 6)) | {15, 16}
FINANZ_EXPENSE = set(range(7, 13)) | {18, 19}


def ergebnis_rules(revenue_negative):
    """Target line -> [(factor, term line)] in the file's own sign convention."""
    minus = 1 if revenue_negative else -1
    return {
        10: [(1, n) for n in range(1, 10)],
        17: [(1, n) for n in range(11, 17)],
        18: [(1, 10), (minus, 17)],
        21: [(1, 19), (minus, 20)],
        22: [(1, 18), (1, 21)],
        25: [(1, 23), (minus, 24)],
        26: [(1, 22), (1, 25)],
        28: [(1, 26), (minus, 27)],
    }


FINANZ_RULES = {6: [(1, n) for n in range(1, 6)], 13: [(1, n) for n in range(7, 13)], 14: [(1, 6), (-1, 13)]}


def cents(text):
    if not NUMBER.fullmatch(text):
        raise ValueError("not a whole-euro amount with thousands dots: %r" % text)
    return int(text.replace(".", "")) * 100


def add(d, key, v):
    d[key] = d.get(key, 0) + v


def main(path):
    raw = open(path, "rb").read()
    text = raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header, data = rows[0], rows[1:]
    line_col = next(i for i, h in enumerate(header) if h in LINE_COLUMNS)
    group_cols = [i for i, h in enumerate(header) if h in GROUP_COLUMNS]
    value_cols = []
    for i, h in enumerate(header):
        m = VALUE_HEADER.fullmatch(h)
        if m:
            value_cols.append((i, int(m.group(2)), KINDS[m.group(1)], h))
    finanz = header[line_col] == "Finanzplanzeile" or header[line_col] == "Teilpanzeile"
    revenue_negative = os.path.basename(path) == "bezirke_produktgruppen.csv"
    if finanz:
        revenue_lines, expense_lines, rules = FINANZ_REVENUE, FINANZ_EXPENSE, FINANZ_RULES
    else:
        revenue_lines, expense_lines, rules = ERGEBNIS_REVENUE, ERGEBNIS_EXPENSE, ergebnis_rules(revenue_negative)

    detail = subtotal = 0
    detail_values = 0
    totals, file_sums, subtotal_totals = {}, {}, {}
    groups = {}
    for r in data:
        if len(r) != len(header):
            raise ValueError("row with %d fields, header has %d: %r" % (len(r), len(header), r))
        m = LINE.fullmatch(r[line_col])
        if not m:
            raise ValueError("line column does not start with a two-digit line number: %r" % r[line_col])
        number, label = int(m.group(1)), m.group(3)
        is_subtotal = m.group(2) == "=" or (finanz and re.match(r"(Summe|Saldo)\b", label) is not None)
        amounts = [cents(r[i]) for i, _, _, _ in value_cols]
        key = tuple(r[i] for i in group_cols)
        groups.setdefault(key, {})[number] = amounts
        if is_subtotal:
            subtotal += 1
            for (i, year, kind, h), v in zip(value_cols, amounts):
                add(subtotal_totals, "%s|%d|%s" % (r[line_col], year, kind), v)
            continue
        if number in revenue_lines:
            side, factor = "revenue", (-1 if revenue_negative else 1)
        elif number in expense_lines:
            side, factor = "expense", 1
        else:
            raise ValueError("line %d is neither a subtotal nor a revenue or expense line" % number)
        detail += 1
        for (i, year, kind, h), v in zip(value_cols, amounts):
            detail_values += 1
            add(totals, "%d|%s|%s" % (year, kind, side), factor * v)
            add(file_sums, "%d|%s" % (year, kind), v)

    checked = exact = within = 0
    max_rounding = 0
    violations = []
    for key, lines in groups.items():
        for target, terms in rules.items():
            if target not in lines:
                continue
            bound = (len(terms) + 1) // 2 * 100
            for y, (i, year, kind, h) in enumerate(value_cols):
                computed = sum(f * lines.get(n, [0] * len(value_cols))[y] for f, n in terms)
                published = lines[target][y]
                checked += 1
                diff = published - computed
                if diff == 0:
                    exact += 1
                elif abs(diff) <= bound:
                    within += 1
                    max_rounding = max(max_rounding, abs(diff))
                else:
                    violations.append({
                        "group": "/".join(key) or "Stadt Köln",
                        "line": target,
                        "rule": "%02d = " % target + " ".join(("+" if f > 0 else "-") + " %02d" % n for f, n in terms).lstrip("+ "),
                        "column": h,
                        "published_cents": published,
                        "computed_cents": computed,
                        "difference_cents": diff,
                    })

    out = {
        "oracle": "koeln",
        "file": os.path.basename(path),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "layout": "finanzplan" if finanz else "ergebnisplan",
        "records": len(data),
        "rows": {"data": len(data), "detail": detail, "subtotal": subtotal, "blank": 0},
        "groups": len(groups),
        "years": sorted({y for _, y, _, _ in value_cols}),
        "columns": [{"header": h, "year": y, "kind": k} for _, y, k, h in value_cols],
        "detail_values": detail_values,
        "sign_convention": "revenue negative, expense positive" if revenue_negative else "revenue and expense positive",
        "detail_totals_cents": dict(sorted(totals.items())),
        "file_sums_cents": dict(sorted(file_sums.items())),
        "subtotal_totals_cents": dict(sorted(subtotal_totals.items())),
        "invariants": {
            "checked": checked,
            "exact": exact,
            "within_rounding": within,
            "max_rounding_difference_cents": max_rounding,
            "violations": violations,
        },
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 koeln.py FILE.csv")
    main(sys.argv[1])

#!/usr/bin/env python3
"""Test helper for the workbook's what-if (issue 16), openpyxl only.

  whatif_cells.py set IN.xlsx OUT.xlsx SHEET LABEL VALUE
      sets the cell right of the row whose first cell is LABEL (the input value) to VALUE (a number), as a
      controller would type it; the file is saved without cached values (openpyxl drops them), so the
      numbers a reader then sees come from LibreOffice's recalculation.
  whatif_cells.py table FILE.xlsx SHEET
      prints the table below the header row starting with Jahr/Year as CSV of the cached values
      (numbers as Python writes them, e.g. 10809265.6).
  whatif_cells.py rows FILE.xlsx SHEET PREFIX
      prints the rows whose first cell starts with PREFIX as CSV of the cached values (relief tables: one
      scenario's rows).
  whatif_cells.py numbers FILE.xlsx SHEET PREFIX
      like rows, but only the numeric cells of each row, × 100 and rounded (money in cents), comma-separated:
      text cells with commas (typical cases' names and notes) cannot shift the columns.
  whatif_cells.py csvnumbers FILE.csv PREFIX
      the same for the rows of a CLI CSV (RFC 4180, header skipped) whose first field starts with PREFIX: its
      fields that read as numbers, × 100 and rounded.
  whatif_cells.py compare A.xlsx B.xlsx
      counts formula cells of A and those whose cached value differs in B by more than half a cent:
      prints "formulas N differing M" and the first differences.
"""
import sys
import openpyxl

def set_input(src, dst, sheet, label, value):
    wb = openpyxl.load_workbook(src)
    ws = wb[sheet]
    for row in ws.iter_rows():
        if row[0].value == label:
            row[1].value = float(value)
            wb.save(dst)
            return
    sys.exit(f"no row {label!r} on sheet {sheet!r}")

def table(path, sheet):
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] in ("Jahr", "Year"))
    for r in rows[start + 1:]:
        if r[0] is None:
            break
        out = ["" if v is None else repr(v) for v in r]
        print(",".join(out))

def rows(path, sheet, prefix):
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    for r in ws.iter_rows(values_only=True):
        if isinstance(r[0], str) and r[0].startswith(prefix):
            print(",".join("" if v is None else repr(v) for v in r))

def cents(values):
    return ",".join(str(round(v * 100)) for v in values)

def numbers(path, sheet, prefix):
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    for r in ws.iter_rows(values_only=True):
        if isinstance(r[0], str) and r[0].startswith(prefix):
            print(cents(v for v in r if isinstance(v, (int, float)) and not isinstance(v, bool)))

def csv_numbers(path, prefix):
    import csv
    def number(s):
        try:
            return float(s)
        except ValueError:
            return None
    with open(path, newline="", encoding="utf-8") as f:
        for r in list(csv.reader(f))[1:]:
            if r and r[0].startswith(prefix):
                print(cents(x for x in map(number, r) if x is not None))

def compare(a, b):
    fa = openpyxl.load_workbook(a)
    va = openpyxl.load_workbook(a, data_only=True)
    vb = openpyxl.load_workbook(b, data_only=True)
    n = bad = 0
    for ws in fa.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    n += 1
                    x, y = va[ws.title][c.coordinate].value, vb[ws.title][c.coordinate].value
                    same = (abs(x - y) <= 0.005) if isinstance(x, (int, float)) and isinstance(y, (int, float)) else (x or "") == (y or "")
                    if not same:
                        bad += 1
                        if bad <= 10:
                            print(f"{ws.title}!{c.coordinate} {c.value[:60]}: {x} vs {y}", file=sys.stderr)
    print(f"formulas {n} differing {bad}")

cmd = sys.argv[1]
if cmd == "set":
    set_input(*sys.argv[2:7])
elif cmd == "table":
    table(sys.argv[2], sys.argv[3])
elif cmd == "rows":
    rows(sys.argv[2], sys.argv[3], sys.argv[4])
elif cmd == "numbers":
    numbers(sys.argv[2], sys.argv[3], sys.argv[4])
elif cmd == "csvnumbers":
    csv_numbers(sys.argv[2], sys.argv[3])
elif cmd == "compare":
    compare(sys.argv[2], sys.argv[3])
else:
    sys.exit("usage: see the docstring")

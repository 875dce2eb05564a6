#!/usr/bin/env python3
"""Writes a ledger workbook (.xlsx) with the canonical ledger columns, for the memory benchmark of the
.xlsx import (BENCHMARKS.md, "Memory: rejected rows and worksheets"). Standard library only: the sheet XML
is streamed into the ZIP entry row by row (inline strings, as libxlsxwriter's constant-memory mode writes).

    python3 Benchmarks/gen_xlsx_ledger.py --rows 1048575 --out /tmp/ledger-full.xlsx          # good rows
    python3 Benchmarks/gen_xlsx_ledger.py --rows 1048575 --bad --out /tmp/ledger-full-bad.xlsx  # every amount bad

A bad row differs from a good one only in its amount cell (the text "12.3.4" instead of the number 12.34).
"""
import argparse
import zipfile

HEADER = ["fiscal_year", "posting_date", "document_id", "product", "cost_center", "account", "description", "vendor", "amount"]
COLUMNS = "ABCDEFGHI"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Buchungen" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"""


def text_cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_048_575)
    ap.add_argument("--bad", action="store_true", help="every amount is the text 12.3.4 (a rejected row)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    with zipfile.ZipFile(args.out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            f.write(("<row r=\"1\">" + "".join(text_cell(f"{c}1", h) for c, h in zip(COLUMNS, HEADER)) + "</row>").encode())
            chunk = []
            for i in range(1, args.rows + 1):
                r = i + 1
                amount = text_cell(f"I{r}", "12.3.4") if args.bad else f'<c r="I{r}"><v>12.34</v></c>'
                chunk.append(f'<row r="{r}"><c r="A{r}"><v>2025</v></c>{text_cell(f"B{r}", "2025-03-14")}{text_cell(f"C{r}", f"B{i}")}'
                             f'{text_cell(f"D{r}", "01.11.01")}{text_cell(f"E{r}", f"KST{i % 97}")}{text_cell(f"F{r}", "521100")}'
                             f'{text_cell(f"G{r}", f"Miete Objekt {i % 1000}")}{text_cell(f"H{r}", f"Vendor {i % 500} GmbH")}{amount}</row>')
                if len(chunk) >= 10_000:
                    f.write("".join(chunk).encode()); chunk = []
            f.write("".join(chunk).encode())
            f.write(b"</sheetData></worksheet>")


if __name__ == "__main__":
    main()

"""Cells of an .xlsx workbook read with the standard library only (zipfile + ElementTree), for the oracles.

Shared by the oracles that read workbooks; independent of Pruefstand's own XLSX reader.
"""
import re
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def column_index(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def sheets(path):
    """[(sheet name, [(row number, [cell or None by column])])] in workbook order; a cell is ('s', text) for
    text (shared, inline, formula string, error, boolean as TRUE/FALSE) or ('n', the number as stored)."""
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    out = []
    for s in wb.find("m:sheets", NS):
        target = rels[s.get(REL)].lstrip("/")
        if not target.startswith("xl/"):
            target = "xl/" + target
        rows = []
        for row in ET.fromstring(z.read(target)).find("m:sheetData", NS).findall("m:row", NS):
            cells = {}
            for c in row.findall("m:c", NS):
                t = c.get("t", "n")
                v = c.find("m:v", NS)
                if t == "inlineStr":
                    cells[column_index(c.get("r"))] = ("s", "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"])))
                elif v is None:
                    continue
                elif t == "s":
                    cells[column_index(c.get("r"))] = ("s", shared[int(v.text)])
                elif t in ("str", "e"):
                    cells[column_index(c.get("r"))] = ("s", v.text or "")
                elif t == "b":
                    cells[column_index(c.get("r"))] = ("s", "TRUE" if v.text == "1" else "FALSE")
                else:
                    cells[column_index(c.get("r"))] = ("n", v.text)
            width = max(cells) + 1 if cells else 0
            rows.append((int(row.get("r")), [cells.get(i) for i in range(width)]))
        out.append((s.get("name"), rows))
    return out

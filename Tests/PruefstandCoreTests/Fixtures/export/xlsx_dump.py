#!/usr/bin/env python3
"""Test oracle: dump the cells of an .xlsx file (stdlib only, independent of libxlsxwriter).

Usage: xlsx_dump.py FILE.xlsx [--json]
Text mode prints one line per cell, sheets in workbook order:
    'Sheet'!B7 n 1234.56 f=SUM(B2:B6) fmt=#,##0.00 bold
and sheet settings (freeze pane, autofilter, print area, header/footer, orientation, fit to width,
data validations, conditional formats, protection). JSON mode prints
    {"sheets": [{"name": ..., "cells": {"B7": {"t": "n", "v": "1234.56", "f": "SUM(B2:B6)", "fmt": ...}}}]}
"""
import json, re, sys, zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "pr": "http://schemas.openxmlformats.org/package/2006/relationships"}
BUILTIN = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 14: "mm-dd-yy",
           22: "m/d/yy h:mm", 49: "@"}


def text_of(el):
    if el is None:
        return None
    return "".join(t.text or "" for t in el.iter("{%s}t" % NS["m"]))


def load(path):
    z = zipfile.ZipFile(path)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.findall("pr:Relationship", NS)}
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        sst = ET.fromstring(z.read("xl/sharedStrings.xml"))
        shared = [text_of(si) for si in sst.findall("m:si", NS)]
    styles = ET.fromstring(z.read("xl/styles.xml"))
    numfmts = dict(BUILTIN)
    for nf in styles.findall("m:numFmts/m:numFmt", NS):
        numfmts[int(nf.get("numFmtId"))] = nf.get("formatCode")
    fonts = [f.find("m:b", NS) is not None and f.find("m:b", NS).get("val", "1") not in ("0", "false")
             for f in styles.findall("m:fonts/m:font", NS)]
    xfs = []
    for xf in styles.findall("m:cellXfs/m:xf", NS):
        prot = xf.find("m:protection", NS)
        xfs.append({"fmt": numfmts.get(int(xf.get("numFmtId", "0")), "?"),
                    "bold": fonts[int(xf.get("fontId", "0"))] if fonts else False,
                    "unlocked": prot is not None and prot.get("locked") in ("0", "false")})
    defined = {}
    for dn in wb.findall("m:definedNames/m:definedName", NS):
        defined.setdefault(dn.get("localSheetId"), []).append((dn.get("name"), dn.text))
    sheets = []
    for i, s in enumerate(wb.findall("m:sheets/m:sheet", NS)):
        rid = s.get("{%s}id" % NS["r"])
        t = target[rid]
        t = t.lstrip("/") if t.startswith("/") else "xl/" + t
        root = ET.fromstring(z.read(t))
        cells = {}
        for c in root.iter("{%s}c" % NS["m"]):
            typ = c.get("t", "n")
            f = c.find("m:f", NS)
            v = c.find("m:v", NS)
            val = v.text if v is not None else None
            if typ == "s" and val is not None:
                val = shared[int(val)]
            elif typ == "inlineStr":
                val = text_of(c.find("m:is", NS))
            xf = xfs[int(c.get("s", "0"))] if xfs else {"fmt": "General", "bold": False, "unlocked": False}
            if val is None and f is None and xf["fmt"] == "General" and not xf["unlocked"]:
                continue
            cells[c.get("r")] = {"t": typ, "v": val, "f": f.text if f is not None else None,
                                 "fmt": xf["fmt"], "bold": xf["bold"], "unlocked": xf["unlocked"]}
        props = []
        pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
        if pane is not None:
            props.append("freeze=%s" % pane.get("topLeftCell"))
        af = root.find("m:autoFilter", NS)
        if af is not None:
            props.append("autofilter=%s" % af.get("ref"))
        ps = root.find("m:pageSetup", NS)
        if ps is not None:
            props.append("orientation=%s fitToHeight=%s paper=%s" % (ps.get("orientation"), ps.get("fitToHeight", "1"), ps.get("paperSize")))
        if root.find("m:sheetPr/m:pageSetUpPr", NS) is not None:
            props.append("fitToPage=%s" % root.find("m:sheetPr/m:pageSetUpPr", NS).get("fitToPage"))
        hf = root.find("m:headerFooter", NS)
        if hf is not None:
            props.append("header=%s" % (hf.findtext("m:oddHeader", "", NS)))
            props.append("footer=%s" % (hf.findtext("m:oddFooter", "", NS)))
        for dv in root.findall("m:dataValidations/m:dataValidation", NS):
            props.append("validation %s %s %s" % (dv.get("sqref"), dv.get("type"), dv.findtext("m:formula1", "", NS)))
        for cf in root.findall("m:conditionalFormatting", NS):
            for rule in cf.findall("m:cfRule", NS):
                props.append("conditional %s %s %s %s" % (cf.get("sqref"), rule.get("type"), rule.get("operator"),
                                                        rule.findtext("m:formula", "", NS)))
        if root.find("m:sheetProtection", NS) is not None:
            props.append("protected")
        for name, ref in defined.get(str(i), []):
            props.append("%s=%s" % (name, ref))
        sheets.append({"name": s.get("name"), "cells": cells, "props": props})
    return sheets


def key(ref):
    m = re.match(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return (int(m.group(2)), col)


def main():
    sheets = load(sys.argv[1])
    if "--json" in sys.argv:
        json.dump({"sheets": sheets}, sys.stdout, ensure_ascii=False)
        return
    out = []
    for s in sheets:
        out.append("== %s" % s["name"])
        out += ["   " + p for p in s["props"]]
        for ref in sorted(s["cells"], key=key):
            c = s["cells"][ref]
            t = "s" if c["t"] in ("s", "inlineStr", "str") and c["f"] is None else c["t"]
            line = "%s %s %s" % (ref, t, json.dumps(c["v"], ensure_ascii=False))
            if c["f"] is not None:
                line += " f=" + c["f"]
            line += " fmt=" + c["fmt"]
            if c["bold"]:
                line += " bold"
            if c["unlocked"]:
                line += " unlocked"
            out.append(line)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()

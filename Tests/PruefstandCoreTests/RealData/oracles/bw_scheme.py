#!/usr/bin/env python3
"""Independent oracle for Baden-Württemberg's municipal product and account framework (VwV Produkt- und
Kontenrahmen 2016, as extracted by Code for Karlsruhe): `python3 bw_scheme.py FOLDER` where FOLDER holds
produktrahmen.json, vwv-anlage_29-produktbereiche.csv and vwv-anlage_30.2-kontenrahmen.json.
Standard library only; prints one JSON object with the facts a scheme loader test checks.

Rules:
- produktrahmen.json: {Produktbereich: {nummer, titel, gruppen: {Produktgruppe: {nummer, titel,
  produkte: {Produkt: {nummer, titel, gruppe, ...}}}}}}. Codes are dotted: `dd` (Produktbereich),
  `dd.dd` (Produktgruppe), `dd.dd.dd` (Produkt). Each level's number must start with its parent's.
- vwv-anlage_29-produktbereiche.csv: UTF-8, LF, `,`, every field quoted, no header: the binding
  (verbindlich) Produktbereiche and Produktgruppen, `"nn","Titel"` or `"nn.nn","Titel"`. Titles are
  compared after trimming; mismatches with the JSON are listed, not errors of this oracle.
- vwv-anlage_30.2-kontenrahmen.json: {Kontenklasse: {bezeichnung, gruppen: {Kontengruppe: {arten:
  {Kontenart: {konten: {Konto: {unterkonten: {...}}}}}}}}}. In BW, class 3 is Erträge and class 4
  Aufwendungen (NKF NRW: 4 and 5), 6 Einzahlungen, 7 Auszahlungen.
"""
import csv
import json
import os
import re
import sys


def main(folder):
    p = json.load(open(os.path.join(folder, "produktrahmen.json"), encoding="utf-8"))
    k = json.load(open(os.path.join(folder, "vwv-anlage_30.2-kontenrahmen.json"), encoding="utf-8"))
    binding = list(csv.reader(open(os.path.join(folder, "vwv-anlage_29-produktbereiche.csv"), encoding="utf-8", newline="")))
    violations = []
    groups, products = [], []
    for bn, b in p.items():
        if b["nummer"] != bn or not re.fullmatch(r"\d{2}", bn):
            violations.append({"rule": "Produktbereich dd", "value": bn})
        for gn, g in b["gruppen"].items():
            groups.append(gn)
            if not re.fullmatch(re.escape(bn) + r"\.\d{2}", gn) or g["nummer"] != gn:
                violations.append({"rule": "Produktgruppe dd.dd under its Bereich", "value": gn})
            for pn, pr in g.get("produkte", {}).items():
                products.append(pn)
                if not re.fullmatch(re.escape(gn) + r"\.\d{2}", pn) or pr["nummer"] != pn or pr.get("gruppe") != gn:
                    violations.append({"rule": "Produkt dd.dd.dd under its Gruppe", "value": pn})
    mismatches, missing = [], []
    for number, title in binding:
        if "." in number:
            node = p.get(number[:2], {}).get("gruppen", {}).get(number)
        else:
            node = p.get(number)
        if node is None:
            missing.append(number)
        elif node["titel"].strip() != title.strip():
            mismatches.append({"number": number, "anlage_29": title, "produktrahmen": node["titel"]})
    konten = unterkonten = arten = kgruppen = 0
    for cn, c in k.items():
        for gn, g in c["gruppen"].items():
            kgruppen += 1
            for an, a in g["arten"].items():
                arten += 1
                for kn, kv in a["konten"].items():
                    konten += 1
                    unterkonten += len(kv.get("unterkonten", {}))
    out = {
        "oracle": "bw-scheme",
        "produktbereiche": sorted(p),
        "counts": {"produktbereiche": len(p), "produktgruppen": len(groups), "produkte": len(products),
                   "produktgruppen_without_produkte": sum(1 for b in p.values() for g in b["gruppen"].values() if not g.get("produkte"))},
        "binding_anlage_29": {"rows": len(binding), "bereiche": sum(1 for n, _ in binding if "." not in n),
                              "gruppen": sum(1 for n, _ in binding if "." in n), "missing_in_produktrahmen": missing,
                              "title_mismatches": mismatches,
                              "bereiche_not_in_anlage_29": sorted(set(p) - {n for n, _ in binding})},
        "kontenrahmen": {"klassen": {cn: c["bezeichnung"].strip() for cn, c in sorted(k.items())},
                         "kontengruppen": kgruppen, "kontenarten": arten, "konten": konten, "unterkonten": unterkonten},
        "invariants": {"violations": violations},
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 bw_scheme.py FOLDER")
    main(sys.argv[1])

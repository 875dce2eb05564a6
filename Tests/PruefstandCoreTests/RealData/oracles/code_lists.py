#!/usr/bin/env python3
"""Independent oracle for the published code lists: `python3 code_lists.py SHAPE FILE`, standard library only.
Prints one JSON object: {"rows": N, "levels": {level: count}, "names": {code: name}, "unnamed": [[level, code]]}
where `names` is what a store must answer for the list's dimension (a code given twice, at two levels, takes the
later entry's name) and `unnamed` the entries without a name (rejected by the import). The CSV lists do not
write a level: theirs (kapitel; produktbereich for `nn`, produktgruppe for `nn.nn`) is the oracle's reading.

Shapes and their rules:
- `kapitel`: bremen/kapitel.csv, schleswig-holstein/kapitel.csv. UTF-8, `,`, RFC 4180 quoting, one header
  line `Kapitel,Name`; every record after it is one Kapitel. Names (of every shape) are compared in Unicode NFC with soft
  hyphens (U+00AD) removed and each run of white space one space, none at the ends (Bremen writes names decomposed, `fu` + U+0308; Schleswig-
  Holstein with a leading space).
- `anlage29`: schemes-bw/vwv-anlage_29-produktbereiche.csv. No header; `"nn","Titel"` or `"nn.nn","Titel"`, every
  record one Produktbereich or Produktgruppe (the binding ones of VwV Anlage 29).
- `produktrahmen`: schemes-bw/produktrahmen.json. {Bereich: {titel, gruppen: {Gruppe: {titel, produkte:
  {Produkt: {titel}}}}}}, in file order Bereich, its Gruppen, each Gruppe's Produkte.
- `kontenrahmen`: schemes-bw/vwv-anlage_30.2-kontenrahmen.json. {Klasse: {bezeichnung, gruppen: {Gruppe:
  {bezeichnung, arten: {Art: {bezeichnung, konten: {Konto: {bezeichnung, unterkonten: {Unterkonto:
  {bezeichnung}}}}}}}}}}, in file order, depth first.
Duplicate JSON keys are counted by the parser hook and reported under "duplicate_keys" (must be 0).
"""
import csv
import json
import re
import sys
import unicodedata


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s).replace("\u00ad", "")).strip()


def main(shape, path):
    entries = []  # (level, code, name)
    dups = []

    def hook(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            dups.append(keys)
        return dict(pairs)

    if shape in ("kapitel", "anlage29"):
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        if shape == "kapitel":
            assert rows[0] == ["Kapitel", "Name"], rows[0]
            rows = rows[1:]
        for r in rows:
            assert len(r) == 2, r
            level = "kapitel" if shape == "kapitel" else ("produktgruppe" if "." in r[0] else "produktbereich")
            entries.append((level, r[0].strip(), norm(r[1])))
    elif shape == "produktrahmen":
        tree = json.load(open(path, encoding="utf-8"), object_pairs_hook=hook)
        for bn, b in tree.items():
            entries.append(("produktbereich", bn, norm(b["titel"])))
            for gn, g in b.get("gruppen", {}).items():
                entries.append(("produktgruppe", gn, norm(g["titel"])))
                for pn, p in g.get("produkte", {}).items():
                    entries.append(("produkt", pn, norm(p["titel"])))
    elif shape == "kontenrahmen":
        tree = json.load(open(path, encoding="utf-8"), object_pairs_hook=hook)
        for cn, c in tree.items():
            entries.append(("kontenklasse", cn, norm(c["bezeichnung"])))
            for gn, g in c.get("gruppen", {}).items():
                entries.append(("kontengruppe", gn, norm(g["bezeichnung"])))
                for an, a in g.get("arten", {}).items():
                    entries.append(("kontenart", an, norm(a["bezeichnung"])))
                    for kn, k in a.get("konten", {}).items():
                        entries.append(("konto", kn, norm(k["bezeichnung"])))
                        for un, u in k.get("unterkonten", {}).items():
                            entries.append(("unterkonto", un, norm(u["bezeichnung"])))
    else:
        sys.exit("unknown shape " + shape)
    # An entry without a name (the Kontenrahmen's placeholders 96 and 99) is no name: the import rejects it.
    names, levels, unnamed = {}, {}, []
    for level, code, name in entries:
        levels[level] = levels.get(level, 0) + 1
        if not name:
            unnamed.append([level, code])
            continue
        names[code] = name
    json.dump({"oracle": "code-lists", "shape": shape, "rows": len(entries), "levels": levels, "names": names, "unnamed": unnamed,
               "duplicate_keys": len(dups)}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python3 code_lists.py kapitel|anlage29|produktrahmen|kontenrahmen FILE")
    main(sys.argv[1], sys.argv[2])

#!/usr/bin/env python3
"""How good is `pruefstand mapping suggest` on the real published exports? (issue 14)

For each real file that has a working mapping in Datasets/realdata/, run the suggestion, and compare it with the
working mapping key by key: both YAML files are flattened to one line per setting (`columns.product: Teilplan`,
`unpivot.kinds.Plan: plan`, `scheme.lines: ergebnisplan`; a plain `scheme: kameral` is `scheme.name: kameral`);
`description` and comments are ignored. A line "had to be changed" when the working mapping has it with another
value or not at all (changed or added), or the suggestion has it and the working mapping does not (deleted).
Then both mappings import the file into a fresh store (--on-error quarantine): rows imported and rejected, and
whether the suggestion stores the same number of lines with the same total in cents as the working mapping.

Usage: python3 Tests/PruefstandCoreTests/RealData/suggest_measure.py [pruefstand-binary] [--diff]   (a Markdown table;
--diff also prints each differing setting to standard error)
Standard library plus PyYAML (present for the oracles' notebooks); nothing from the project but the binary.
"""
import os, subprocess, sys, tempfile
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../.."))
REAL = os.environ.get("PRUEFSTAND_REALDATA") or os.path.join(os.path.dirname(ROOT), "shared", "realdata")
BIN = next((a for a in sys.argv[1:] if not a.startswith("--")), None) or os.path.join(ROOT, ".build/debug/pruefstand")

PAIRS = [
    ("koeln/teilergebnisplan.csv", "koeln-teilergebnisplan.yaml"),
    ("koeln/ergebnisplan_produktbereiche.csv", "koeln-ergebnisplan_produktbereiche.yaml"),
    ("koeln/bezirke_produktgruppen.csv", "koeln-bezirke_produktgruppen.yaml"),
    ("koeln/teilfinanzplan.csv", "koeln-teilfinanzplan.yaml"),
    ("koeln/finanzplan_produktbereiche.csv", "koeln-finanzplan_produktbereiche.yaml"),
    ("bremen/Haushaltsdaten_2016-2017.csv", "bremen-Haushaltsdaten_2016-2017.csv.yaml"),
    ("bremen/Haushalt_Land_und_Stadtgemeinde_Bremen_2016.xlsx", "bremen-Haushalt_Land_und_Stadtgemeinde_Bremen_2016.xlsx.yaml"),
    ("niedersachsen/haushalt-niedersachsen.csv", "niedersachsen-haushalt-niedersachsen.yaml"),
    ("schleswig-holstein/hh17_csv.csv", "schleswig-holstein-hh17_csv.yaml"),
    ("brandenburg/haushalt-brandenburg.csv", "brandenburg-haushalt-brandenburg.yaml"),
    ("brandenburg/Maschinenlesbarer_Haushalt_2017-2018.xlsx", "brandenburg-Maschinenlesbarer_Haushalt_2017-2018.yaml"),
]


def flatten(node, prefix=""):
    out = {}
    if isinstance(node, dict):
        for k, v in node.items():
            if prefix == "" and k == "description":
                continue
            out.update(flatten(v, f"{prefix}{k}." if not isinstance(v, (dict, list)) or True else prefix))
    elif isinstance(node, list):
        if all(not isinstance(x, (dict, list)) for x in node):
            out[prefix[:-1]] = ", ".join(str(x) for x in node)
        else:
            for i, x in enumerate(node):
                out.update(flatten(x, f"{prefix[:-1]}[{i}]."))
    else:
        out[prefix[:-1]] = str(node)
    return out


def load(text):
    d = yaml.safe_load(text)
    if isinstance(d.get("scheme"), str):
        d["scheme"] = {"name": d["scheme"]}
    return flatten(d)


def imported(path, mapping_text):
    with tempfile.TemporaryDirectory() as t:
        m = os.path.join(t, "m.yaml")
        open(m, "w").write(mapping_text)
        r = subprocess.run([BIN, "import", "plan", path, "--mapping", m, "--on-error", "quarantine", "--db", os.path.join(t, "s.sqlite"),
                            "--rejects-dir", t, "--quiet", "--json"], capture_output=True, text=True)
        if r.returncode != 0 and not r.stdout.strip().startswith("{"):
            return "refused: " + (r.stderr.strip().splitlines() or ["?"])[-1][:90]
        import json
        s = json.loads(r.stdout)
        return f"{s['rowsImported']} imported, {s['rowsRejected']} rejected, {s['recordsStored']} lines, {s.get('controlStoredCents')} cents"


rows = []
for rel, mapping in PAIRS:
    path = os.path.join(REAL, rel)
    working_text = open(os.path.join(ROOT, "Datasets/realdata", mapping)).read()
    r = subprocess.run([BIN, "mapping", "suggest", path, "--kind", "plan"], capture_output=True, text=True)
    if r.returncode != 0:
        rows.append((rel, "–", "–", "–", "–", "suggest failed: " + r.stderr.strip()[:80], "–"))
        continue
    want, got = load(working_text), load(r.stdout)
    changed = sum(1 for k, v in want.items() if k in got and got[k] != v)
    added = sum(1 for k in want if k not in got)
    deleted = sum(1 for k in got if k not in want)
    mine, theirs = imported(path, r.stdout), imported(path, working_text)
    rows.append((rel, str(len(want)), str(changed), str(added), str(deleted), mine.split(", ")[0] + ", " + mine.split(", ")[1] if "imported" in mine else mine,
                 "yes" if mine == theirs else f"no: {mine} vs {theirs}"))
    if "--diff" in sys.argv:
        for k in sorted(set(want) | set(got)):
            if want.get(k) != got.get(k):
                print(f"# {rel}: {k}: working {want.get(k)!r}, suggested {got.get(k)!r}", file=sys.stderr)

print("| file | lines in the working mapping | changed | added | deleted | the suggestion imports | same lines and total as the working mapping |")
print("| --- | ---: | ---: | ---: | ---: | --- | --- |")
for row in rows:
    print("| " + " | ".join(row) + " |")
tot = [sum(int(r[i]) for r in rows if r[i].isdigit()) for i in (1, 2, 3, 4)]
print(f"| **all {len(rows)} files** | {tot[0]} | {tot[1]} | {tot[2]} | {tot[3]} | | |")

"""Scans every string cell of a workbook for words of the other language (issue 16: one language per report).

usage: language_scan.py WORKBOOK.xlsx de|en DATA_DIR [DATA_DIR ...] [--extra FILE]
       language_scan.py --lines TEXT_FILE de|en DATA_DIR [DATA_DIR ...] [--extra FILE]
       (--lines: each line of a command's output is scanned as a cell is: the CLI messages, issue 16;
        --cache FILE keeps the data strings for the next scan of the same data)

Text that comes from the input data is the city's own and stays as written (names of org units, products and
accounts, position titles, vendors, legal citations and parameter descriptions in the parameter files, holiday
names): every CSV field, every YAML scalar and key of the files under the DATA_DIRs and each line of --extra is
removed from a cell before its words are checked. What is left is text the report wrote, and it must hold no
marker word of the other language. Prints JSON {"problems": [...], "cells": n}. Stdlib and openpyxl only.
"""
import csv, io, json, os, re, sys, zipfile
import openpyxl

# Marker words: frequent words of one language that are no words of the other (kept here, in the test).
EN_WORDS = set("""the and of with from for not none threshold thresholds year years synthetic budget position positions relief
balanced baseline yes above below since months internal external reason postings findings observed expected phasing
scenario measures interest rejected rows total share checked hints payments within day days digit digits degrees
freedom close conformity even seasonal product account vendor expense revenue done counted again""".split())
DE_WORDS = set("""und der die das mit nicht keine kein Jahr Jahre Schwelle Schwellen synthetisch Stelle Stellen seit Monate
Entlastung Haushaltsausgleich Summe Anteil bis oder ja nein Buchungen geprüft Feststellungen Phasierung gleichmäßig
Hinweise wird werden ist sind erwartet beobachtet Übereinstimmung Freiheitsgraden verworfen Zahlungen innerhalb
Maßnahmen Wirkung umgesetzt enthalten Erhöhen Aufwand Ertrag Konto Kreditor Produkt erstmals""".split())

def data_strings(dirs, extra):
    out = set()
    for d in dirs:
        for root, _, files in os.walk(d):
            if '/out' in root: continue
            for f in files:
                p = os.path.join(root, f)
                if f.endswith('.csv'):
                    raw = open(p, 'rb').read()
                    text = raw.decode('utf-8-sig') if not f.startswith('ledger-2025') else raw.decode('cp1252')
                    delim = ';' if text.split('\n', 1)[0].count(';') > text.split('\n', 1)[0].count(',') else ','
                    for row in csv.reader(io.StringIO(text), delimiter=delim):
                        out.update(x.strip() for x in row)
                elif f.endswith('.yaml') or f.endswith('.yml'):
                    for line in open(p, encoding='utf-8'):
                        line = line.split(' #', 1)[0].strip().lstrip('-').strip()
                        if not line: continue
                        key, _, value = line.partition(':')
                        out.add(key.strip().strip('"\''))
                        value = value.strip().strip('{}[]').strip().strip('"\'')
                        out.add(value)
                        out.update(v.strip().strip('"\'') for v in re.split(r',\s*\w+:\s*|[{}\[\]]', value))
    if extra:
        out.update(l.strip() for l in open(extra, encoding='utf-8'))
    return {s for s in out if len(s) >= 3}

COMMAND = re.compile(r'pruefstand(?: (?:run|import|mapping|suggest|variance|audit|projection|review|decisions|scenario|check|diff|run|explain|solve|montecarlo|test|report|export|store|info|schema|sample|rates|compare|baseline)\b)+')

class Line:
    """One line of a command's output, scanned as a cell."""
    def __init__(self, number, text): self.coordinate, self.value = 'line %d' % number, text

def main():
    args = sys.argv[1:]
    extra = None
    if '--extra' in args:
        i = args.index('--extra'); extra = args[i + 1]; del args[i:i + 2]
    cache = None
    if '--cache' in args:   # the data strings kept in a JSON file, read once for many scans of the same data
        i = args.index('--cache'); cache = args[i + 1]; del args[i:i + 2]
    lines_mode = '--lines' in args
    if lines_mode: args.remove('--lines')
    path, lang, dirs = args[0], args[1], args[2:]
    markers = EN_WORDS if lang == 'de' else DE_WORDS
    if cache and os.path.exists(cache):
        data = json.load(open(cache, encoding='utf-8'))
    else:
        data = sorted(data_strings(dirs, extra), key=len, reverse=True)
        if cache: json.dump(data, open(cache, 'w', encoding='utf-8'))
    by_first = {}
    for s in data:
        w = re.findall(r'\w+', s)
        if w: by_first.setdefault(w[0], []).append(s)
    problems, cells = [], 0
    if lines_mode:
        sheets = [('output', [[Line(i + 1, l)] for i, l in enumerate(open(path, encoding='utf-8').read().split('\n'))])]
    else:
        sheets = [(ws.title, ws.iter_rows()) for ws in openpyxl.load_workbook(path).worksheets]
    for title, rows in sheets:
        for row in rows:
            for c in row:
                v = c.value
                if not isinstance(v, str) or v.startswith('='): continue
                cells += 1
                text = v
                if text.strip() in by_first.get((re.findall(r'\w+', text) or [''])[0], []): continue
                # Longest data strings first, so a short one never breaks a longer one apart.
                candidates = {s for w in set(re.findall(r'\w+', v)) for s in by_first.get(w, [])}
                for s in sorted(candidates, key=len, reverse=True):
                    if s in text: text = text.replace(s, ' ')
                # A command line quoted in a message (`pruefstand scenario check`) is a name, not prose.
                if lines_mode: text = COMMAND.sub(' ', text)
                # Machine keys (snake_case, dotted paths, check keys `refill:vacant`) are identifiers, not prose.
                text = re.sub(r'[\w.:-]*[_.:][\w.:-]*', ' ', text) if re.fullmatch(r'[\w.:\- ,]+', text.strip() or 'x') else text
                found = sorted({w for w in re.findall(r'[^\W\d_]+', text) if w in markers})
                if found: problems.append('%s!%s: %s in %r' % (title, c.coordinate, ', '.join(found), v[:160]))
    print(json.dumps({'problems': problems, 'cells': cells}))

main()

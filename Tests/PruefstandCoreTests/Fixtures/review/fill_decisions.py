#!/usr/bin/env python3
"""What a committee clerk does, as a script: open the review workbook, write a decision into the
decision column of the first N cases of one check, save it as a new file. Stdlib only (zipfile + regex),
independent of Pruefstand's own reader and writer.

Usage: fill_decisions.py IN.xlsx SHEET OUT.xlsx N DECISION CHECK_PREFIX [COMMENT]
Prints the position ids it decided, one per line.
"""
import re, sys, zipfile
from xml.sax.saxutils import escape

src, sheet, out, n, decision, prefix = sys.argv[1:7]
comment = sys.argv[7] if len(sys.argv) > 7 else None
n = int(n)
z = zipfile.ZipFile(src)
wb = z.read("xl/workbook.xml").decode()
rels = z.read("xl/_rels/workbook.xml.rels").decode()
rid = dict((name, r) for name, r in re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', wb))[sheet]
target = re.search(r'<Relationship [^>]*Id="%s"[^>]*Target="([^"]+)"' % rid, rels) or re.search(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="%s"' % rid, rels)
path = "xl/" + target.group(1).lstrip("/").replace("xl/", "")
sst = []
if "xl/sharedStrings.xml" in z.namelist():
    for si in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode(), re.S):
        sst.append("".join(re.findall(r"<t[^>]*>(.*?)</t>", si, re.S)))
xml = z.read(path).decode()

def cell_text(c):
    if 't="s"' in c:
        return sst[int(re.search(r"<v>(\d+)</v>", c).group(1))]
    m = re.search(r"<t[^>]*>(.*?)</t>", c, re.S) or re.search(r"<v>(.*?)</v>", c)
    return m.group(1) if m else ""

rows = re.findall(r'(<row r="(\d+)"[^>]*>(.*?)</row>)', xml, re.S)
cols, header_row = {}, None
for whole, r, body in rows:
    cells = {re.match(r'<c r="([A-Z]+)', c).group(1): cell_text(c) for c in re.findall(r"<c [^>]*?(?:/>|>.*?</c>)", body, re.S)}
    if "Entscheidung" in cells.values() or "Decision" in cells.values():
        cols = {v: k for k, v in cells.items()}
        header_row = int(r)
        break
dec_col = cols.get("Entscheidung") or cols["Decision"]
com_col = cols.get("Kommentar") or cols.get("Comment")
key_col = cols.get("Prüfschlüssel") or cols.get("Check key")
pos_col = cols.get("Stelle") or cols.get("Position")
decided = []
for whole, r, body in rows:
    if int(r) <= header_row or len(decided) >= n:
        continue
    cells = dict((re.match(r'<c r="([A-Z]+)', c).group(1), c) for c in re.findall(r"<c [^>]*?(?:/>|>.*?</c>)", body, re.S))
    if key_col not in cells or not cell_text(cells[key_col]).startswith(prefix):
        continue
    new_body = body
    for col, text in ((dec_col, decision), (com_col, comment)):
        if text is None or col is None:
            continue
        old = cells.get(col)
        style = re.search(r' s="(\d+)"', old).group(0) if old and ' s="' in old else ""
        new = '<c r="%s%s"%s t="inlineStr"><is><t>%s</t></is></c>' % (col, r, style, escape(text))
        new_body = new_body.replace(old, new) if old else new_body + new
    xml = xml.replace(whole, whole.replace(body, new_body))
    decided.append(cell_text(cells[pos_col]))
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as o:
    for item in z.infolist():
        o.writestr(item, xml if item.filename == path else z.read(item.filename))
print("\n".join(decided))

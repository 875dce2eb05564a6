#!/usr/bin/env python3
"""Independent oracle for the year-to-date comparison by product area (stdlib only, integer cents).

Rules (from docs/controlling.md): phased plan through month M of a plan line = the first M of twelve
equal parts, the cents that do not divide going to the earliest months: sign * (q*M + min(r, M)) with
q, r = divmod(|plan|, 12). Actual = sum of postings of months 1..M. Run-rate forecast per line =
round_half_away(actual * 12 / M). Only plan lines count for product,account; for product-area, actuals
without plan line count with plan 0. Usage: oracle_ytd.py LEDGER PLAN M > expected.csv
"""
import csv, sys
led, plan, M = sys.argv[1], sys.argv[2], int(sys.argv[3])

def cents(s):
    neg = s.startswith("-"); s = s.lstrip("-"); e, c = s.split(".")
    v = int(e) * 100 + int(c)
    return -v if neg else v

def half_away(num, den):  # round(num/den) half away from zero, integers
    neg = (num < 0) != (den < 0); n, d = abs(num), abs(den)
    q, r = divmod(n, d)
    if 2 * r >= d: q += 1
    return -q if neg else q

lines = {}
with open(plan, newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        k = (r["product"], r["account"]); lines.setdefault(k, [0, 0]); lines[k][0] += cents(r["plan_amount"])
with open(led, newline="", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        if int(r["posting_date"][5:7]) <= M:
            k = (r["product"], r["account"]); lines.setdefault(k, [0, 0]); lines[k][1] += cents(r["amount"])
areas = {}
for (p, a), (pl, ac) in lines.items():
    q, r = divmod(abs(pl), 12); ph = q * M + min(r, M); ph = -ph if pl < 0 else ph
    x = areas.setdefault(p[:2], [0, 0, 0]); x[0] += ph; x[1] += ac; x[2] += half_away(ac * 12, M)
def eur(c): return ("-" if c < 0 else "") + f"{abs(c) // 100}.{abs(c) % 100:02d}"
print("product_area,plan,actual,variance,forecast_run_rate")
for k in sorted(areas):
    pl, ac, fc = areas[k]; print(f"{k},{eur(pl)},{eur(ac)},{eur(ac - pl)},{eur(fc)}")

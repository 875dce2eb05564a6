import csv, sys
from decimal import Decimal, ROUND_HALF_UP
led, plan = sys.argv[1], sys.argv[2]
act = {}
with open(led, newline='', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        k = (r['product'], r['account']); act[k] = act.get(k, Decimal(0)) + Decimal(r['amount'])
rows = []
with open(plan, newline='', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        k = (r['product'], r['account']); p = Decimal(r['plan_amount']); a = act.get(k, Decimal(0)); v = a - p
        pct = '' if p == 0 else str((Decimal(100) * v / p).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP))
        rows.append((k[0], k[1], p, a, v, pct))
rows.sort(key=lambda r: (r[0], r[1])); rows.sort(key=lambda r: r[4], reverse=True)
w = csv.writer(sys.stdout, lineterminator='\n')
w.writerow(['product','account','plan','actual','variance','variance_pct'])
for r in rows: w.writerow([r[0], r[1], f"{r[2]:.2f}", f"{r[3]:.2f}", f"{r[4]:.2f}", r[5]])

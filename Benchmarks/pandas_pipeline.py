"""The main job as a controller would write it in pandas: the counterpart of `pruefstand run` in the benchmark.

Imports the ledger and the plan (read_csv + to_sql into a fresh SQLite file), computes plan vs actual by
product and account (the query of ../shared/bench/anchors/variance.sql), and writes the variance as an .xlsx
workbook with XlsxWriter. No validation beyond what read_csv does; amounts are float64 (not exact to the cent).

Usage: pandas_pipeline.py LEDGER.csv PLAN.csv STORE.sqlite OUT.xlsx
"""
import os, sqlite3, sys
import pandas as pd

ledger_csv, plan_csv, db, out = sys.argv[1:5]
for suffix in ("", "-wal", "-shm", "-journal"):
    if os.path.exists(db + suffix):
        os.remove(db + suffix)

# Import
ledger = pd.read_csv(ledger_csv, dtype={"product": str, "account": str, "cost_center": str}, parse_dates=["posting_date"])
plan = pd.read_csv(plan_csv, dtype={"product": str, "account": str})
con = sqlite3.connect(db)
ledger.to_sql("ledger", con, index=False, chunksize=100_000)
plan.to_sql("plan", con, index=False)
con.commit()

# Plan/actual variance by product and account, largest overruns first
actual = ledger[ledger["fiscal_year"] == 2025].groupby(["product", "account"], as_index=False)["amount"].sum()
actual = actual.rename(columns={"amount": "actual"})
v = plan[plan["fiscal_year"] == 2025].merge(actual, on=["product", "account"], how="left").fillna({"actual": 0})
v["variance"] = v["actual"] - v["plan_amount"]
v["variance_pct"] = (100 * v["variance"] / v["plan_amount"]).round(1)
v = v.sort_values("variance", ascending=False)[["product", "account", "plan_amount", "actual", "variance", "variance_pct"]]

# Workbook
with pd.ExcelWriter(out, engine="xlsxwriter") as xw:
    v.to_excel(xw, sheet_name="Plan-Ist", index=False)
    money = xw.book.add_format({"num_format": "#,##0.00"})
    xw.sheets["Plan-Ist"].set_column(2, 4, 16, money)
print(len(ledger), len(v))

#!/usr/bin/env python3
"""Side-by-side benchmark of Pruefstand against the tools a finance team would use instead (issue 9).

Run through `make bench` or `Benchmarks/run.sh`, which install what is missing, create `.venv-bench/`
and build the release binary first. This script needs only the standard library; the Python anchors
run in `.venv-bench/bin/python`.

Every figure is one whole process: wall time and peak resident memory from GNU time (`/usr/bin/time`),
on the same input files, with the tools of one comparison taking turns (A B C A B C …) after one
warm-up run each. Reported: median and min–max of RUNS runs (default 5).

Environment: BENCH_RUNS (default 5), BENCH_10M=1 (adds the 10M-posting import), BENCH_OUT (bench-out),
BENCH_SHARED (../shared), BENCH_ONLY (comma-separated group names, for trying one group),
BENCH_PF_BEFORE (path to an older `pruefstand` binary: adds it to the 1M import as "Pruefstand before", so a
run shows the same-machine ratio of the import before and after a change; skipped when unset).
"""
import datetime, hashlib, json, os, platform, shutil, statistics, subprocess, sys, textwrap, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.abspath(os.environ.get("BENCH_OUT", os.path.join(ROOT, "bench-out")))
SHARED = os.path.abspath(os.environ.get("BENCH_SHARED", os.path.join(ROOT, "..", "shared")))
BENCH = os.path.join(SHARED, "bench")
ANCHORS = os.path.join(BENCH, "anchors")
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
WITH_10M = os.environ.get("BENCH_10M") == "1"
PF_BEFORE = os.environ.get("BENCH_PF_BEFORE")
ONLY = set(filter(None, os.environ.get("BENCH_ONLY", "").split(",")))
VPY = os.path.join(ROOT, ".venv-bench", "bin", "python")
DATA = os.path.join(OUT, "data")
WORK = os.path.join(OUT, "work")
LOGS = os.path.join(OUT, "logs")
GNU_TIME = "/usr/bin/time"
YEAR = 2025


def log(msg):
    print(msg, flush=True)


def sh(cmd, **kw):
    """Runs an untimed step; fails loudly with its output."""
    r = subprocess.run(cmd, cwd=kw.pop("cwd", ROOT), capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise SystemExit(f"step failed ({r.returncode}): {' '.join(cmd)}\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")
    return r.stdout


def rm_db(*paths):
    for p in paths:
        for suffix in ("", "-wal", "-shm", "-journal", ".wal"):
            if os.path.exists(p + suffix):
                os.remove(p + suffix)


# ---------------------------------------------------------------- the optimised binary

def release_binary():
    """Builds with `swift build -c release` here and checks that the binary measured is that build's output."""
    started = time.time()
    log("build: swift build -c release --product pruefstand")
    sh(["swift", "build", "-c", "release", "--product", "pruefstand"])
    bin_dir = sh(["swift", "build", "-c", "release", "--show-bin-path"]).strip()
    binary = os.path.join(bin_dir, "pruefstand")
    real = os.path.realpath(binary)
    checks = {
        "bin path of `swift build -c release`": bin_dir,
        "configuration directory is release": os.path.basename(os.path.realpath(bin_dir)) == "release",
        "same file as .build/release/pruefstand": os.path.realpath(os.path.join(ROOT, ".build", "release", "pruefstand")) == real,
        # SwiftPM relinks only when something changed; an up-to-date binary is older than the build step,
        # so the check is that the build step (which would have rebuilt it) ran and the file is newer than
        # every source file.
        "newer than every source file": os.path.getmtime(real) >= newest_source(),
    }
    # SwiftPM's build description of the release configuration: the swift compiler is called with -O, never -Onone.
    desc = os.path.join(ROOT, ".build", "release.yaml")
    if os.path.exists(desc):
        text = open(desc, encoding="utf-8", errors="replace").read()
        checks["release.yaml compiles with -O, no -Onone"] = "\"-O\"" in text and "-Onone" not in text
    bad = [k for k, v in checks.items() if v is False]
    if bad:
        raise SystemExit(f"not an optimised release binary: {bad} ({real})")
    sha = hashlib.sha256(open(real, "rb").read()).hexdigest()
    log(f"binary: {real} (sha256 {sha[:16]}…), build step {time.time() - started:.0f} s")
    return real, checks, sha


def newest_source():
    newest = 0.0
    for base in ("Sources", "Package.swift"):
        p = os.path.join(ROOT, base)
        if os.path.isfile(p):
            newest = max(newest, os.path.getmtime(p))
        for d, _, files in os.walk(p):
            for f in files:
                newest = max(newest, os.path.getmtime(os.path.join(d, f)))
    return newest


# ---------------------------------------------------------------- data

def gen(rows, dialect="rfc4180", plan=False):
    tag = {100_000: "100k", 250_000: "250k", 1_000_000: "1m", 10_000_000: "10m"}[rows]
    suffix = "" if dialect == "rfc4180" else "-de"
    out = os.path.join(DATA, f"ledger-{tag}{suffix}.csv")
    pln = os.path.join(DATA, f"plan-{tag}{suffix}.csv") if plan else None
    stamp = out + ".done"
    if not os.path.exists(stamp) or (pln and not os.path.exists(pln)):
        log(f"data: gen_ledger.py --rows {rows} --dialect {dialect}")
        cmd = [sys.executable, os.path.join(BENCH, "gen_ledger.py"), "--rows", str(rows), "--dialect", dialect, "--out", out]
        if pln:
            cmd += ["--plan", pln]
        sh(cmd)
        open(stamp, "w").write(sha256(out))
    return out, pln


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------- measuring

class Entry:
    def __init__(self, tool, cmd, setup=None, runs=None, warmup=True):
        self.tool, self.cmd, self.setup = tool, cmd, setup
        self.runs = runs or RUNS
        self.warmup = warmup
        self.walls, self.rss, self.cpu = [], [], []
        self.error = None

    def row(self):
        if self.error or not self.walls:
            return None
        return {"median": statistics.median(self.walls), "min": min(self.walls), "max": max(self.walls),
                "rss_mib": statistics.median(self.rss) / 1024, "rss_max_mib": max(self.rss) / 1024,
                "cpu": statistics.median(self.cpu), "runs": len(self.walls)}


def run_once(e, label):
    if e.setup:
        e.setup()
    tfile = os.path.join(LOGS, "time.txt")
    logf = os.path.join(LOGS, label + ".log")
    with open(logf, "w") as lf:
        cmd = [GNU_TIME, "-f", "%e %M %U %S", "-o", tfile] + e.cmd
        r = subprocess.run(cmd, cwd=ROOT, stdout=lf, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        tail = open(logf, errors="replace").read()[-1500:]
        e.error = f"exit {r.returncode}: {' '.join(e.cmd)}\n{tail}"
        log(f"  FAILED {e.tool}: {e.error}")
        return None
    wall, kb, user, system = open(tfile).read().split()[-4:]
    return float(wall), int(kb), float(user) + float(system)


def measure(group, entries):
    """Warm-up once each, then RUNS rounds in which every entry runs once, in turn."""
    log(f"\n== {group}")
    for e in entries:
        if e.warmup:
            run_once(e, f"{group}-{e.tool}-warmup".replace(" ", "_").replace("/", "_"))
    rounds = max(e.runs for e in entries)
    for i in range(rounds):
        for e in entries:
            if e.error or i >= e.runs:
                continue
            got = run_once(e, f"{group}-{e.tool}-{i}".replace(" ", "_").replace("/", "_"))
            if got:
                e.walls.append(got[0]); e.rss.append(got[1]); e.cpu.append(got[2])
        log("  round %d: " % (i + 1) + "  ".join(f"{e.tool} {e.walls[-1]:.2f}s" for e in entries if e.walls and len(e.walls) == i + 1))
    return entries


# ---------------------------------------------------------------- the comparisons

def main():
    for d in (DATA, WORK, LOGS):
        os.makedirs(d, exist_ok=True)
    t0 = time.time()
    machine = machine_info()
    log(f"machine: {machine['cpu']}, {machine['nproc']} cores, {machine['mem']}; load {machine['load']}")
    pf, build_checks, pf_sha = release_binary()
    xlsx_c = os.path.join(WORK, "xlsx_c")
    sh(["sh", "-c", f"gcc -O2 -o {xlsx_c} {ANCHORS}/xlsx_c.c $(pkg-config --cflags --libs xlsxwriter)"])

    l1m, p1m = gen(1_000_000, plan=True)
    l1m_de, _ = gen(1_000_000, "excel-de")
    l250k, _ = gen(250_000)
    l100k, _ = gen(100_000)
    t10 = time.time()
    l10m = gen(10_000_000)[0] if WITH_10M else None
    SPENT_10M[0] += time.time() - t10
    de_mapping = os.path.join(ROOT, "Datasets", "musterstadt", "mappings", "ledger-excel-de.yaml")

    results = {}   # group -> list of (tool, row, cmd, error)
    W = lambda name: os.path.join(WORK, name)
    rejects = ["--rejects-dir", W("rejects")]

    def want(g):
        return not ONLY or g in ONLY

    def record(group, entries):
        results[group] = [{"tool": e.tool, "cmd": shown(e.cmd), "row": e.row(), "error": e.error} for e in entries]
        json.dump({"machine": machine, "results": results}, open(os.path.join(OUT, "results.json"), "w"), indent=1)

    # 1. import 1M postings
    g = "import 1M postings"
    if want(g):
        record(g, measure(g, [
            Entry("Pruefstand", [pf, "import", "ledger", l1m, "--db", W("pf-import.sqlite"), "--quiet"] + rejects,
                  setup=lambda: rm_db(W("pf-import.sqlite"))),
            Entry("sqlite3 .import", ["sh", os.path.join(ANCHORS, "sqlite_import.sh"), l1m, W("sq-import.sqlite")]),
            Entry("DuckDB", [VPY, os.path.join(ANCHORS, "duckdb_import.py"), l1m, W("duck-import.duckdb")],
                  setup=lambda: rm_db(W("duck-import.duckdb"))),
            Entry("pandas + to_sql", [VPY, os.path.join(ANCHORS, "pandas_import.py"), l1m, W("pd-import.sqlite")]),
        ] + ([Entry("Pruefstand before", [PF_BEFORE, "import", "ledger", l1m, "--db", W("pf-before.sqlite"), "--quiet"] + rejects,
                    setup=lambda: rm_db(W("pf-before.sqlite")))] if PF_BEFORE else [])))

    # 2. excel-de vs rfc4180 (same postings, German dialect: ';', decimal comma, Windows-1252, dd.mm.yyyy)
    g = "import 1M excel-de vs rfc4180"
    if want(g):
        record(g, measure(g, [
            Entry("Pruefstand rfc4180", [pf, "import", "ledger", l1m, "--db", W("pf-rfc.sqlite"), "--quiet"] + rejects,
                  setup=lambda: rm_db(W("pf-rfc.sqlite"))),
            Entry("Pruefstand excel-de", [pf, "import", "ledger", l1m_de, "--db", W("pf-de.sqlite"), "--quiet"] + rejects,
                  setup=lambda: rm_db(W("pf-de.sqlite"))),
        ]))

    # 3. plan/actual variance over 1M postings
    g = "variance over 1M postings"
    if want(g):
        vdb = W("pf-variance.sqlite")
        rm_db(vdb)
        sh([pf, "import", "ledger", l1m, "--db", vdb, "--quiet"] + rejects)
        sh([pf, "import", "plan", p1m, "--db", vdb, "--quiet"] + rejects)
        sdb = W("sq-variance.sqlite")
        sh(["sh", os.path.join(ANCHORS, "sqlite_import.sh"), l1m, sdb])
        sh(["sqlite3", sdb, "CREATE TABLE plan(fiscal_year INTEGER, product TEXT, account TEXT, plan_amount REAL);",
            ".import --csv --skip 1 " + p1m + " plan"])
        record(g, measure(g, [
            Entry("Pruefstand (store)", [pf, "variance", "--db", vdb, "--year", str(YEAR), "--by", "product,account", "--format", "csv"]),
            Entry("DuckDB from CSV", [VPY, os.path.join(ANCHORS, "duckdb_variance.py"), l1m, p1m, W("duck-variance.csv")]),
            Entry("SQLite (imported tables)", ["sh", "-c", f"sqlite3 {sdb} < {ANCHORS}/variance.sql"]),
            Entry("pandas from CSV", [VPY, os.path.join(ANCHORS, "pandas_variance.py"), l1m, p1m, W("pd-variance.csv")]),
        ]))
        check_variance(vdb, pf, W)

    # 4. 250k postings (9 columns) to .xlsx
    g = "250k postings to .xlsx"
    if want(g):
        xdb = W("pf-export.sqlite")
        rm_db(xdb)
        sh([pf, "import", "ledger", l250k, "--db", xdb, "--quiet"] + rejects)
        sh(["sqlite3", xdb, "DROP VIEW IF EXISTS bench_ledger9; CREATE VIEW bench_ledger9 AS SELECT fiscal_year, posting_date, "
            "document_id, product, cost_center, account, description, vendor, amount_eur FROM v_ledger;"])
        n = sh(["sqlite3", xdb, "SELECT count(*) FROM bench_ledger9"]).strip()
        if n != "250000":
            raise SystemExit(f"bench view holds {n} rows, not 250000")
        record(g, measure(g, [
            Entry("Pruefstand export", [pf, "export", "bench_ledger9", "--out", W("pf.xlsx"), "--db", xdb]),
            Entry("C libxlsxwriter", [xlsx_c, l250k, W("c.xlsx")]),
            Entry("Python XlsxWriter", [VPY, os.path.join(ANCHORS, "xlsx_py.py"), "xlsxwriter", l250k, W("py.xlsx")], warmup=False),
        ]))

    # 5. main job vs a pandas pipeline (import, variance, workbook)
    g = "main job vs pandas pipeline"
    if want(g):
        folder = make_mainjob_folder(l1m, p1m)
        mdb = W("pf-main.sqlite")
        record(g, measure(g, [
            # The folder links Musterstadt's files and the generated data, and writes into $WORK: allowed by name
            # (a manifest's paths stay inside its folder otherwise, docs/manifest.md).
            Entry("Pruefstand run", [pf, "run", folder, "--db", mdb, "--quiet", "--out", W("main.xlsx"), "--allow-outside",
                                     os.path.join(ROOT, "Datasets", "musterstadt"), "--allow-outside", DATA, "--allow-outside", WORK],
                  setup=lambda: (rm_db(mdb), shutil.rmtree(W("main-out"), ignore_errors=True))),
            Entry("pandas pipeline", [VPY, os.path.join(ROOT, "Benchmarks", "pandas_pipeline.py"), l1m, p1m,
                                      W("pd-main.sqlite"), W("pd-main.xlsx")]),
        ]))
        results[g + " (workbook)"] = {"pruefstand_workbook_written": os.path.exists(W("main.xlsx"))}

    # 6. position review at 100k positions, Monte Carlo at 10k draws (no anchor: nobody does these by hand)
    g = "review and Monte Carlo"
    if want(g):
        # The Monte Carlo reads the city's store (its plan and calibration): a Musterstadt store, built untimed.
        mcdb = W("mc-musterstadt.sqlite")
        rm_db(mcdb)
        sh([pf, "run", os.path.join(ROOT, "Datasets", "musterstadt"), "--db", mcdb, "--quiet", "--out", W("mc-musterstadt.xlsx")])
        record(g, measure(g, [
            Entry("review 100k positions", [pf, "review", "benchmark", "--positions", "100000", "--vacancies", "20000", "--runs", "1"]),
            Entry("Monte Carlo 10k draws", [pf, "scenario", "montecarlo", os.path.join(ROOT, "Datasets", "musterstadt", "scenarios", "kombi.yaml"),
                                            "--draws", "10000", "--seed", "42", "--format", "csv", "--db", mcdb]),
        ]))

        # The benchmark command runs each check alone, the whole review, and a store round trip in one process;
        # its own line "run 1: review X s" is the review proper.
        import re
        inner = []
        for i in range(RUNS):
            f = os.path.join(LOGS, f"{g}-review 100k positions-{i}".replace(" ", "_").replace("/", "_") + ".log")
            if os.path.exists(f):
                m = re.search(r"run 1: review ([0-9.]+) s \((\d+) cases\)", open(f).read())
                if m:
                    inner.append(float(m.group(1))); cases = m.group(2)
        if inner:
            results["review (inner)"] = {"median": statistics.median(inner), "min": min(inner), "max": max(inner), "cases": cases}

    # 7. scale curve of the import
    g = "import scale curve"
    if want(g):
        entries = [Entry("Pruefstand 100k", [pf, "import", "ledger", l100k, "--db", W("pf-s100k.sqlite"), "--quiet"] + rejects,
                         setup=lambda: rm_db(W("pf-s100k.sqlite"))),
                   Entry("Pruefstand 250k", [pf, "import", "ledger", l250k, "--db", W("pf-s250k.sqlite"), "--quiet"] + rejects,
                         setup=lambda: rm_db(W("pf-s250k.sqlite"))),
                   Entry("Pruefstand 1M", [pf, "import", "ledger", l1m, "--db", W("pf-s1m.sqlite"), "--quiet"] + rejects,
                         setup=lambda: rm_db(W("pf-s1m.sqlite")))]
        if WITH_10M:
            entries.append(Entry("Pruefstand 10M", [pf, "import", "ledger", l10m, "--db", W("pf-s10m.sqlite"), "--quiet"] + rejects,
                                 setup=lambda: rm_db(W("pf-s10m.sqlite")), runs=3, warmup=False))
        record(g, measure(g, entries))
        big = entries[-1] if WITH_10M else None
        if big and big.walls:
            SPENT_10M[0] += sum(big.walls)

    total = time.time() - t0
    machine["load_end"] = " ".join(open("/proc/loadavg").read().split()[:3])
    table = render(results, machine, pf, pf_sha, build_checks, total)
    print("\n" + table)
    if not ONLY:
        open(os.path.join(ROOT, "BENCHMARKS.md"), "w").write(table)
        log("wrote BENCHMARKS.md")
    log(f"total {total / 60:.1f} min")


def shown(cmd):
    parts = [display(c) for c in cmd]
    if parts[:2] == ["sh", "-c"]:
        parts[2] = "'" + parts[2] + "'"
    return " ".join(parts)


def display(c):
    c = str(c)
    for prefix, short in ((WORK + "/", "$WORK/"), (DATA + "/", "$DATA/"), (ANCHORS + "/", "anchors/"), (VPY, "python"),
                          (ROOT + "/", "")):
        c = c.replace(prefix, short)
    return c


def check_variance(vdb, pf, W):
    """The figures must agree to the cent: Pruefstand's CSV vs DuckDB's DECIMAL result."""
    import csv
    out = sh([pf, "variance", "--db", vdb, "--year", str(YEAR), "--by", "product,account", "--format", "csv"])
    pf_rows = list(csv.DictReader(out.splitlines()))
    dk = W("duck-variance.csv")
    if not os.path.exists(dk):
        return
    duck = {(r["product"], r["account"]): r for r in csv.DictReader(open(dk))}
    diffs = 0
    for r in pf_rows:
        d = duck.get((r.get("product"), r.get("account")))
        if d is None or abs(float(d["actual"]) - float(r["actual"])) > 0.001:
            diffs += 1
    log(f"  check: {len(pf_rows)} Pruefstand variance rows, {len(duck)} DuckDB rows, {diffs} differ in actual")
    VARIANCE_CHECK.update(pf=len(pf_rows), duck=len(duck), diffs=diffs)


VARIANCE_CHECK = {}
SPENT_10M = [0.0]


def make_mainjob_folder(ledger, plan):
    """A city folder: Musterstadt's organisation, positions, vacancies, pay costs, plan (for the projection's plan
    year), rules and scenarios, with the generated 1M-posting ledger and its plan instead of Musterstadt's ledgers."""
    folder = os.path.join(WORK, "mainjob")
    shutil.rmtree(folder, ignore_errors=True)
    src = os.path.join(ROOT, "Datasets", "musterstadt")
    os.makedirs(folder)
    for f in ("orgunits.csv", "costcenters.csv", "paycosts.csv", "positions.csv", "vacancies.csv", "plan.csv"):
        os.symlink(os.path.join(src, f), os.path.join(folder, f))
    m = lambda rel: os.path.join(src, rel)   # rules, parameters and scenarios stay where their own relative paths work
    os.symlink(ledger, os.path.join(folder, "ledger-1m.csv"))
    os.symlink(plan, os.path.join(folder, "plan-1m.csv"))
    open(os.path.join(folder, "pruefstand.yaml"), "w").write(textwrap.dedent(f"""\
        # Benchmark city: Musterstadt's organisation and staff, the generated 1M-posting ledger and its plan.
        name: Benchmark (synthetisch / synthetic)
        synthetic: true
        plan_year: 2026
        as_of: 2026-01-01
        inputs:
          - {{ kind: orgunits, file: orgunits.csv }}
          - {{ kind: costcenters, file: costcenters.csv }}
          - {{ kind: paycosts, file: paycosts.csv }}
          - {{ kind: positions, file: positions.csv }}
          - {{ kind: vacancies, file: vacancies.csv }}
          - {{ kind: plan, file: plan.csv }}
          - {{ kind: plan, file: plan-1m.csv }}
          - {{ kind: ledger, file: ledger-1m.csv }}
        report:
          out: {os.path.join(WORK, "main-out", "bench.xlsx")}
          csv: {os.path.join(WORK, "main-out", "csv")}
          lang: de
          dialect: excel-de
          min_group_size: 3
        review:
          rules: {m('rules/review.yaml')}
        controlling:
          audit: {m('controlling/audit.yaml')}
          projection: {m('controlling/projection.yaml')}
          variance_year: {YEAR}
        scenarios:
          - {m('scenarios/gewst-490-ab-2027.yaml')}
          - {m('scenarios/kita-minus-20.yaml')}
          - {m('scenarios/kita-befreiung-50000.yaml')}
          - {m('scenarios/kombi.yaml')}
        """))
    return folder


def machine_info():
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip(); break
    mem = "?"
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"; break
    return {"nproc": os.cpu_count(), "cpu": cpu, "mem": mem, "load": " ".join(open("/proc/loadavg").read().split()[:3]),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "kernel": platform.release(), "swift": sh(["swift", "--version"]).strip().splitlines()[0],
            "sqlite3": sh(["sqlite3", "--version"]).split()[0],
            "python": sh([VPY, "-c", "import sys, duckdb, pandas, xlsxwriter; print(sys.version.split()[0], 'duckdb', duckdb.__version__, 'pandas', pandas.__version__, 'xlsxwriter', xlsxwriter.__version__)"]).strip()}


# ---------------------------------------------------------------- the report

TARGETS = [
    # (label, group, numerator tool, denominator tool, target ratio)
    ("import 1M postings, full validation", "import 1M postings", "Pruefstand", "sqlite3 .import", 1.0),
    ("excel-de import vs rfc4180 import", "import 1M excel-de vs rfc4180", "Pruefstand excel-de", "Pruefstand rfc4180", 1.2),
    ("variance over 1M postings", "variance over 1M postings", "Pruefstand (store)", "DuckDB from CSV", 1.0),
    ("250k postings to .xlsx", "250k postings to .xlsx", "Pruefstand export", "C libxlsxwriter", 1.25),
    ("main job vs pandas pipeline", "main job vs pandas pipeline", "Pruefstand run", "pandas pipeline", 0.5),
]


def find(results, group, tool):
    for r in results.get(group, []) if isinstance(results.get(group), list) else []:
        if r["tool"] == tool:
            return r
    return None


def render(results, m, pf, pf_sha, checks, total):
    L = ["# Benchmarks", "",
         "Generated by `make bench` (`Benchmarks/bench.py`); the analysis at the end is written by hand "
         "(`Benchmarks/analysis.md`). Whole-process wall time, CPU time and peak resident memory (GNU time `%e %U %S %M`), "
         f"median of {RUNS} runs after one warm-up per tool (Python XlsxWriter: no warm-up), the tools of one "
         "comparison taking turns on the same files. Absolute times vary with the machine and its load; compare "
         "the ratios measured in the same run.", "",
         "## Machine", "",
         f"- date: {m['date']}; load average (1/5/15 min) at start: {m['load']}, at the end: {m.get('load_end', '?')} "
         "(the 2 cores are shared with other work, e.g. Swift builds; a load above 2 slows every tool, the ones "
         "using both cores most)",
         f"- CPU: {m['cpu']}, nproc {m['nproc']}; memory {m['mem']}; Linux {m['kernel']}",
         f"- {m['swift']}; sqlite3 {m['sqlite3']}; Python {m['python']}",
         f"- binary: `{display(pf)}` built by the harness with `swift build -c release --product pruefstand`, "
         f"sha256 `{pf_sha[:16]}…`; checks: " + ", ".join(f"{k}: {v}" for k, v in checks.items() if k != "bin path of `swift build -c release`"),
         f"- whole benchmark run: {total / 60:.1f} min" + (f", of which {SPENT_10M[0] / 60:.1f} min for the 10M postings (data and runs; "
                                                            f"the 1M set alone: {(total - SPENT_10M[0]) / 60:.1f} min)" if WITH_10M else ""), ""]
    L += ["## Targets of issue 9", "", "| work | Pruefstand | anchor | ratio | target | met |", "| --- | --- | --- | --- | --- | --- |"]
    for label, group, num, den, target in TARGETS:
        a, b = find(results, group, num), find(results, group, den)
        if a and b and a["row"] and b["row"]:
            ratio = a["row"]["median"] / b["row"]["median"]
            L.append(f"| {label} | {a['row']['median']:.2f} s | {den} {b['row']['median']:.2f} s | {ratio:.2f}× | ≤ {target}× | {'yes' if ratio <= target else '**no**'} |")
        else:
            why = (a and a["error"]) or (b and b["error"]) or "not measured"
            L.append(f"| {label} | – | {den} | – | ≤ {target}× | not measured: {why.splitlines()[0]} |")
    big = find(results, "import scale curve", "Pruefstand 10M")
    if big and big["row"]:
        mib = big["row"]["rss_max_mib"] * 1.048576
        L.append(f"| peak memory importing 10M postings | {mib:.0f} MB | | | ≤ 200 MB | {'yes' if mib <= 200 else '**no**'} |")
    else:
        one = find(results, "import 1M postings", "Pruefstand")
        extra = f" (1M postings: {one['row']['rss_max_mib'] * 1.048576:.0f} MB)" if one and one["row"] else ""
        L.append(f"| peak memory importing 10M postings | not run (BENCH_10M=1){extra} | | | ≤ 200 MB | – |")
    L.append("")
    L += ["## All measurements", "", "CPU = user + system seconds of the process and its children (median); above the wall "
          "time where a tool uses both cores.", "",
          "| comparison | tool | median s | min–max s | CPU s | peak memory MiB (median) | vs first |",
          "| --- | --- | --- | --- | --- | --- | --- |"]
    for group, rows in results.items():
        if not isinstance(rows, list):
            continue
        base = rows[0]["row"]["median"] if rows and rows[0]["row"] else None
        for r in rows:
            if r["row"]:
                x = r["row"]
                rel = f"{x['median'] / base:.2f}×" if base else ""
                L.append(f"| {group} | {r['tool']} | {x['median']:.2f} | {x['min']:.2f}–{x['max']:.2f} | {x['cpu']:.2f} | {x['rss_mib']:.0f} | {rel} |")
            else:
                L.append(f"| {group} | {r['tool']} | failed | | | | |")
    L.append("")
    L += ["## Scale curve of the import (Pruefstand)", "",
          "Linear growth shows as a constant cost per extra posting (the step from the row above); flat memory as "
          "a constant peak.", "",
          "| postings | median s | min–max s | µs per posting | µs per extra posting | peak memory MiB |", "| --- | --- | --- | --- | --- | --- |"]
    pts = [(100_000, find(results, "import scale curve", "Pruefstand 100k")), (250_000, find(results, "import scale curve", "Pruefstand 250k")),
           (1_000_000, find(results, "import scale curve", "Pruefstand 1M") or find(results, "import 1M postings", "Pruefstand")), (10_000_000, find(results, "import scale curve", "Pruefstand 10M"))]
    prev = None
    for n, r in pts:
        if r and r["row"]:
            x = r["row"]
            step = f"{(x['median'] - prev[1]) / (n - prev[0]) * 1e6:.2f}" if prev else "–"
            L.append(f"| {n:,} | {x['median']:.2f} | {x['min']:.2f}–{x['max']:.2f} | {x['median'] / n * 1e6:.2f} | {step} | {x['rss_max_mib']:.0f} |")
            prev = (n, x["median"])
    L.append("")
    if VARIANCE_CHECK:
        L += [f"Variance cross-check: Pruefstand wrote {VARIANCE_CHECK['pf']} rows, DuckDB {VARIANCE_CHECK['duck']}; "
              f"{VARIANCE_CHECK['diffs']} rows differ in the actual by more than 0.001 €.", ""]
    inner = results.get("review (inner)")
    if inner:
        L += [f"Review at 100k positions (20k vacancies): the whole `review benchmark` process above also generates the "
              f"synthetic plan, runs each check alone and a store round trip; the review proper (all checks, "
              f"{inner['cases']} cases), as the command reports it, took median {inner['median']:.2f} s "
              f"({inner['min']:.2f}–{inner['max']:.2f}).", ""]
    wb = results.get("main job vs pandas pipeline (workbook)")
    if wb is not None:
        L += [f"Main job: workbook written by `pruefstand run`: {wb['pruefstand_workbook_written']}.", ""]
    fails = [(g, r) for g, rows in results.items() if isinstance(rows, list) for r in rows if r["error"]]
    if fails:
        L += ["## Failures", ""]
        for g, r in fails:
            L += [f"- {g}, {r['tool']}:", "", "```", r["error"].strip()[:1200], "```", ""]
    L += ["## Commands", "", "`$DATA` = `bench-out/data` (from `../shared/bench/gen_ledger.py`), `$WORK` = `bench-out/work`, "
          "`anchors/` = `../shared/bench/anchors/`, `python` = `.venv-bench/bin/python`. Each store is deleted before "
          "each import run.", ""]
    for group, rows in results.items():
        if isinstance(rows, list):
            L.append(f"- {group}:")
            for r in rows:
                L.append(f"  - {r['tool']}: `{r['cmd']}`")
    L.append("")
    analysis = os.path.join(ROOT, "Benchmarks", "analysis.md")
    if os.path.exists(analysis):
        L += [open(analysis).read().rstrip(), ""]
    return "\n".join(L)


if __name__ == "__main__":
    main()

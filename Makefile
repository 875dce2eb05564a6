# Pruefstand: two commands do all the set-up on a fresh Debian machine with the Swift toolchain.
#   make demo   installs missing packages, builds (release), runs the main job on Musterstadt
#   make test   installs missing packages, runs the test suite
#   make bench  side-by-side benchmarks against sqlite3, DuckDB, pandas, libxlsxwriter (writes BENCHMARKS.md)
SHELL := /bin/bash
APT_PACKAGES := libxlsxwriter-dev libsqlite3-dev libssl-dev sqlite3 libreoffice-calc-nogui poppler-utils fonts-crosextra-carlito time
PRUEFSTAND := .build/release/pruefstand

.PHONY: deps testdeps build demo test notebooks bench fuzz stress clean

deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "Missing packages. Run as root:"; echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# The Python packages some tests use as independent oracles (Tests/requirements.txt), installed for the
# user when missing (pip --user unless root); the product never imports Python.
testdeps: deps
	@python3 -c 'import openpyxl' 2>/dev/null || { echo "Installing the test oracles' Python packages (Tests/requirements.txt)"; \
	  python3 -m pip install -q $$( [ "$$(id -u)" = 0 ] || echo --user ) -r Tests/requirements.txt 2>&1 | grep -v 'Running pip as the' || true; \
	  python3 -c 'import openpyxl' || { echo "Could not install openpyxl: run  python3 -m pip install -r Tests/requirements.txt"; exit 1; }; }

build: deps
	swift build -c release --product pruefstand

demo: build
	$(PRUEFSTAND) run Datasets/musterstadt --out Reports/out/musterstadt.xlsx --csv Reports/out/csv

# The suite's log goes to .build/test.log; the tests that did not run (real-data tests without
# the team's real-data folder, see Tests/PruefstandCoreTests/RealData/) are listed again at the end.
# The tests' scratch files (stores, workbooks, copies of the sample city) go to one temporary folder
# (TMPDIR, which the tests and the CLI runs they start use) that is removed afterwards: a run leaves
# nothing behind in /tmp (before, every run left its thousands of scratch folders there). It is readable by
# all, as /tmp is: a test runs the CLI as another user on a read-only store.
test: testdeps
	@mkdir -p .build; scratch=$$(mktemp -d "$${TMPDIR:-/tmp}/pruefstand-test-run.XXXXXX"); chmod 755 "$$scratch"; \
	set -o pipefail; TMPDIR=$$scratch swift test 2>&1 | tee .build/test.log; status=$$?; rm -rf "$$scratch"; \
	skipped=$$(grep -a 'skipped:' .build/test.log | sed 's/^[^T]*Test /  /'); \
	if [ -n "$$skipped" ]; then echo "Tests not run:"; echo "$$skipped"; fi; exit $$status

# Executes the Jupyter notebooks (Notebooks/) headless on a fresh Musterstadt store; fails on any error.
notebooks: build
	Notebooks/run.sh

clean:
	rm -rf .build Reports/out Datasets/*/out pruefstand.sqlite pruefstand.sqlite-*

bench:
	Benchmarks/run.sh

fuzz:
	scripts/fuzz.sh 60

# Re-records the golden files of `--help` and the CLI's CSV on Musterstadt (Tests/PruefstandCoreTests/Golden/)
# after a change on purpose; read `git diff Tests/PruefstandCoreTests/Golden` before committing (docs/contributing.md).
.PHONY: golden
golden:
	swift build --build-tests
	UPDATE_GOLDEN=1 swift test --skip-build --filter GoldenTests

#!/usr/bin/env python3
"""Executes every notebook in Notebooks/ headless and fails on the first error.

    python Notebooks/run_all.py [--out DIR] [--timeout SECONDS] [NOTEBOOK ...]
    python Notebooks/run_all.py --strip     # remove outputs from the committed notebooks

The committed notebooks carry no outputs (checked here, so that CI fails on a notebook saved with
outputs); the executed copies go to --out (default Reports/out/notebooks). The store, the CLI and the
workbook's CSV folder come from PRUEFSTAND_DB, PRUEFSTAND_BIN and PRUEFSTAND_CSV_DIR (see pruefstand_nb.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = Path(__file__).resolve().parent


def notebooks(names: list[str]) -> list[Path]:
    if names:
        return [Path(n).resolve() for n in names]
    return sorted(HERE.glob("[0-9][0-9]-*.ipynb"))


def has_outputs(nb) -> bool:
    """Outputs, execution counts or execution timestamps: what a run leaves in a notebook."""
    return any(c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None
                                          or "execution" in c.get("metadata", {}))
               for c in nb.cells)


def strip(path: Path) -> bool:
    """Removes what a run leaves (outputs, counts, timestamps, widget state, the kernel's version details)."""
    nb = nbformat.read(path, as_version=4)
    before = nbformat.writes(nb)
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
            c.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python"}
    if nbformat.writes(nb) == before:
        return False
    nbformat.write(nb, path)
    return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebooks", nargs="*")
    ap.add_argument("--out", default=str(HERE.parent / "Reports" / "out" / "notebooks"))
    ap.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    ap.add_argument("--strip", action="store_true", help="strip outputs in place and exit")
    args = ap.parse_args()

    paths = notebooks(args.notebooks)
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    if args.strip:
        for p in paths:
            print(("stripped " if strip(p) else "clean    ") + p.name)
        return 0

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    failed = []
    for p in paths:
        nb = nbformat.read(p, as_version=4)
        if has_outputs(nb):
            print(f"{p.name}: committed with outputs; run `python Notebooks/run_all.py --strip`", file=sys.stderr)
            failed.append(p.name)
            continue
        start = time.monotonic()
        charts = 0
        # IPC sockets in a private temporary folder: local only, no TCP port (and no warning about one).
        ipc = tempfile.mkdtemp(prefix="pruefstand-kernel-")
        km = KernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(ipc, "kernel"))
        client = NotebookClient(nb, km=km, timeout=args.timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(HERE)}})
        try:
            client.execute()
            charts = sum("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
            status = "ok"
            if charts == 0:
                status = "FAILED"
                failed.append(p.name)
                print(f"{p.name}: executed without error but drew no chart (MPLBACKEND={os.environ.get('MPLBACKEND')})", file=sys.stderr)
        except CellExecutionError as e:
            status = "FAILED"
            failed.append(p.name)
            print(str(e), file=sys.stderr)
        finally:
            if km.has_kernel:
                km.shutdown_kernel(now=True)  # the client does not own a kernel manager it was given
            shutil.rmtree(ipc, ignore_errors=True)
        nbformat.write(nb, out / p.name)
        print(f"{status:6} {p.name} ({time.monotonic() - start:.1f} s, {charts if status == 'ok' else '?'} charts) -> {out / p.name}")
    if failed:
        print(f"{len(failed)} of {len(paths)} notebooks failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"{len(paths)} notebooks executed without error")
    return 0


if __name__ == "__main__":
    sys.exit(main())

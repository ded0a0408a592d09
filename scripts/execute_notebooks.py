"""Execute the notebooks against the bundled graph and save them with their outputs (issue 17).

Committed notebooks show their tables and plots where people read them (GitHub, nbviewer);
the test suite executes them again (tests/integration/test_notebooks.py). Run after changing a
notebook or the graph:

    .venv/bin/python scripts/execute_notebooks.py [--store DIR] [NOTEBOOK…]

Without --store the bundled corpus (data/) is built into a temporary store first (a fresh
build, as ``kg build --fresh`` does). Without NOTEBOOK every notebook of notebooks/ is run;
NOTEBOOK names one by its file name or path ("01_overview.ipynb"). Volatile cell metadata
(execution timestamps) is dropped so that re-running changes only real outputs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent


def execute(path: Path, store: Path) -> None:
    """Run ``path`` top to bottom with ``KG_STORE=store`` and write it back with outputs."""
    book = nbformat.read(path, as_version=4)
    os.environ["KG_STORE"] = str(store)
    os.environ["MPLBACKEND"] = "Agg"
    with tempfile.TemporaryDirectory() as work:
        NotebookClient(
            book, timeout=600, kernel_name="python3", resources={"metadata": {"path": work}}
        ).execute()
    for cell in book.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(book, path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a store built from the bundled corpus")
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="the notebooks to run (default: all of them)"
    )
    args = parser.parse_args()
    every = sorted((REPO / "notebooks").glob("*.ipynb"))
    chosen = [n for n in every if not args.notebooks or n.name in {p.name for p in args.notebooks}]
    unknown = {p.name for p in args.notebooks} - {n.name for n in every}
    if unknown:
        parser.error(f"no such notebook in notebooks/: {', '.join(sorted(unknown))}")
    store = args.store
    if store is None:
        from kg.pipeline import build

        store = Path(tempfile.mkdtemp(prefix="medkg-notebooks-")) / "store"
        build((), store, fresh=True)
    for path in chosen:
        print(f"executing {path.name}", file=sys.stderr)
        execute(path, store)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``make bench``: run every ``tests/benchmarks/bench_*.py`` (or those named) in turn.

Each benchmark module has ``main(argv: list[str]) -> int`` and prints its own table of
figures and ratios against a peer measured in the same run.
Usage: ``python -m tests.benchmarks [NAME ...] [--quick]``.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    wanted = [a for a in argv if not a.startswith("-")]
    flags = [a for a in argv if a.startswith("-")]
    here = Path(__file__).parent
    names = sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))
    if wanted:
        names = [n for n in names if any(w in n for w in wanted)]
    status = 0
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        module = importlib.import_module(f"tests.benchmarks.{name}")
        status |= int(module.main(flags) or 0)
        print(f"({name} took {time.perf_counter() - started:.1f} s)", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

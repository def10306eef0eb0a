"""Write (or check) the schema a new SQLite workspace is made with in one step
(``slaworkbench/store/migrations/head_sqlite.json``, see ``store.head_schema``): an
empty file migrated through every revision, as SQLite stored it.

    python -m tools.head_schema          # write it after adding a migration
    python -m tools.head_schema --check  # exit 1 if it is not the migrations' schema
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from slaworkbench.store.dialect import make_engine
from slaworkbench.store.head_schema import SNAPSHOT_NAME, snapshot_of, snapshot_text
from slaworkbench.store.workspace import upgrade

TARGET = Path(__file__).resolve().parents[1] / "src/slaworkbench/store/migrations" / SNAPSHOT_NAME


def migrated_snapshot() -> dict[str, Any]:
    """The snapshot of an empty file taken through every migration."""
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'migrated.sqlite3'}")
        try:
            with engine.begin() as connection:
                upgrade(connection, "head")
            with engine.connect() as connection:
                return snapshot_of(connection)
        finally:
            engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    text = snapshot_text(migrated_snapshot())
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET.name} is not the migrations' schema: run python -m tools.head_schema")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

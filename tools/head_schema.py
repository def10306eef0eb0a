"""Write the schema a new SQLite workspace is made with in one step
(``slaworkbench/store/migrations/head_sqlite.json``, see ``store.head_schema``): an
empty file migrated through every revision, as SQLite stored it. Run it after adding a
migration (``tests/unit/store/test_head_schema.py`` fails until it is run):

    python -m tools.head_schema
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from slaworkbench.store.dialect import make_engine
from slaworkbench.store.head_schema import snapshot_of, snapshot_path, snapshot_text
from slaworkbench.store.workspace import upgrade


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


def main() -> int:
    target = snapshot_path()  # in the source tree (an editable install): what git tracks
    target.write_text(snapshot_text(migrated_snapshot()), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

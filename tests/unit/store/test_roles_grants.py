"""Every table of the schema has its grants for the server's group roles (or is read-only
on purpose): a table a merge adds without them refuses every agent's write on a server
("permission denied for table clock_rollup" from a reply after 0007)."""

from __future__ import annotations

from slaworkbench.store.roles import granted_tables
from slaworkbench.store.schema import Base


def test_every_table_of_the_schema_has_its_grants() -> None:
    assert set(Base.metadata.tables) - granted_tables() == set()

"""The ticket services' tests: a workspace with one agent, Ana (each module may have its
own ``workspace`` instead), and the instant they start at."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import insert

from slaworkbench.store.schema import Agent
from slaworkbench.store.workspace import Workspace, open_workspace

T0 = int(dt.datetime(2024, 1, 8, 9, 0, tzinfo=dt.UTC).timestamp())
"""A Monday, 09:00 UTC."""


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(str(tmp_path / "w.sqlite3")) as ws:
        with ws.session(write=True) as session:
            session.execute(insert(Agent), [{"name": "Ana", "role": "agent"}])
        yield ws

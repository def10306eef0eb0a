"""Fixtures of the window tests: a seeded workspace database and a movable clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from tests.ui.seeding import NOW, make_engine, seed_standard_tickets


class FakeClock:
    """A clock tests move by hand (epoch seconds)."""

    def __init__(self, now: int = NOW) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now

    def advance(self, seconds: int) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def session_factory(tmp_path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(str(tmp_path / "list.sqlite3"))
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    with factory() as session:
        seed_standard_tickets(session)
        session.commit()
    yield factory
    engine.dispose()

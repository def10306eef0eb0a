"""A clock tests move by hand, and the ``clock`` fixture that hands out a fresh one."""

from __future__ import annotations

import pytest

from tests.support.ticket_seeding import NOW


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

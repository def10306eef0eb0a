"""The daily rollup summed by numpy (``store/analytics/fetch.py``: each row packed with its
counts into one number, summed per group in one slot per possible group or by
``unique``, rows whose counts do not fit read apart) equals SQL's ``GROUP BY`` of the
same rows, by day and over the days, on random ``clock_rollup`` rows: zero and large
counts, every id up to its table's largest, periods that cut the four-week pieces
anywhere. Summed over the days, both read the spans that lie whole in the period from
``clock_rollup_by_span`` (built here from the random rows as every writer keeps it), and
both equal a plain sum of the daily rows. The seeded demos' figures are compared with
the clock rows in ``test_rollup.py``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import pytest
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from sqlalchemy import delete, func, insert, select

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.store.analytics import fetch
from slaworkbench.store.analytics.rollup import SPAN_TABLE, span_sums
from slaworkbench.store.schema import (
    SPAN_DAYS,
    Agent,
    ClockRollup,
    ClockRollupBySpan,
    Customer,
    PolicyVersion,
    Team,
)
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.examples import share_of_examples

NOW = int(dt.datetime(2026, 6, 10, 15, 30, tzinfo=dt.UTC).timestamp())
FIRST_DAY = NOW // 86_400 - 120

GROUP_SETS = (
    ("team", "customer", "policy_version_id", "agent"),
    ("team", "customer"),
    ("customer",),
    ("agent", "team"),
    ("policy_version_id",),
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """A small demo: teams, customers, agents and policy versions to take ids from."""
    path: Path = tmp_path_factory.mktemp("rollup-sums") / "demo.sqlite3"
    ws = open_workspace(str(path))
    generate_demo(ws, tickets=40, seed=2, now=NOW)
    yield ws
    ws.close()


def _bounds(ws: Workspace) -> list[int]:
    with ws.session() as session:
        return [
            int(session.execute(select(func.max(column))).scalar() or 0)
            for column in (Team.id, Customer.id, PolicyVersion.id, Agent.id)
        ]


_COUNT = st.one_of(st.integers(0, 3), st.integers(0, 300), st.just(0))


@st.composite
def _rollup_rows(draw: st.DrawFn, bounds: list[int]) -> list[dict[str, int]]:
    keys = draw(
        st.lists(
            st.tuples(
                st.integers(0, 110),
                st.integers(0, 3),
                st.integers(0, 3),
                *(st.integers(0, bound) for bound in bounds),
            ),
            max_size=60,
            unique=True,
        )
    )
    names = ("day", "metric", "priority", "team_id", "customer_id", "policy_version_id")
    return [
        {
            **dict(zip((*names, "agent_id"), key, strict=True)),
            "day": FIRST_DAY + key[0],
            "achieved": draw(_COUNT),
            "breached": draw(_COUNT),
            "other": draw(_COUNT),
        }
        for key in keys
    ]


def _by_sql(session: Any, first: int, end: int, groups: tuple[str, ...], by_day: bool) -> Any:
    with mock.patch.object(fetch, "_summed_by_numpy", lambda *_, **__: None):
        return fetch.fetch_rollup(session, first, end, groups, by_day=by_day)


def _store(session: Any, rows: list[dict[str, int]]) -> None:
    """``rows`` as the whole daily rollup, and the spans' rollup summed from them."""
    session.execute(delete(ClockRollup))
    session.execute(delete(ClockRollupBySpan))
    if rows:
        session.execute(insert(ClockRollup), rows)
    columns = "span, metric, priority, team_id, customer_id, policy_version_id, agent_id"
    session.connection().exec_driver_sql(
        f"INSERT INTO {SPAN_TABLE} ({columns}, achieved, breached, other) {span_sums()}"
    )


_COLUMNS = {
    "team": "team_id",
    "customer": "customer_id",
    "policy_version_id": "policy_version_id",
    "agent": "agent_id",
}


def _summed_by_hand(
    rows: list[dict[str, int]], first: int, end: int, groups: tuple[str, ...]
) -> dict[tuple[int, ...], tuple[int, int, int]]:
    """The rows of days ``[first, end)`` summed per metric, priority and kept ids, one
    row at a time (the groups with a row, sums of zero too)."""
    kept = [name for name in fetch.ROLLUP_GROUPS if name in groups]
    sums: dict[tuple[int, ...], tuple[int, int, int]] = {}
    for row in rows:
        if first <= row["day"] < end:
            key = (row["metric"], row["priority"], *(row[_COLUMNS[name]] for name in kept))
            a, b, o = sums.get(key, (0, 0, 0))
            sums[key] = (a + row["achieved"], b + row["breached"], o + row["other"])
    return sums


def _as_sums(found: Any, groups: tuple[str, ...]) -> dict[tuple[int, ...], tuple[int, int, int]]:
    kept = [name for name in fetch.ROLLUP_GROUPS if name in groups]
    names = ("metric", "priority", *kept)
    keys = zip(*(found[name].tolist() for name in names), strict=True)
    counts = zip(*(found[c].tolist() for c in ("achieved", "breached", "other")), strict=True)
    return {
        tuple(0 if v == fetch.NULL_ID else v for v in key): tuple(count)
        for key, count in zip(keys, counts, strict=True)
    }


@share_of_examples(  # an example: five groupings read by day and not, each checked by SQL
    0.06, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_rollup_summed_by_numpy_equals_the_sql_group_by(
    workspace: Workspace, data: st.DataObject
) -> None:
    rows = data.draw(_rollup_rows(_bounds(workspace)))
    first = FIRST_DAY + data.draw(st.integers(0, 40))
    end = first + data.draw(st.integers(1, 90))
    # the radix of the counts as at scale, or so small that rows are read apart; one slot
    # per possible group, or ``unique``
    radix = data.draw(st.sampled_from([fetch._COUNT_RADIX, 4, 2]))
    dense = data.draw(st.sampled_from([fetch._DENSE_KEYS, 0]))
    with workspace.session() as session:
        _store(session, rows)
        with (
            mock.patch.object(fetch, "_COUNT_RADIX", radix),
            mock.patch.object(fetch, "_DENSE_KEYS", dense),
        ):
            for groups in GROUP_SETS:
                kept = [name for name in fetch.ROLLUP_GROUPS if name in groups]
                for by_day in (False, True):
                    assert fetch._summed_by_numpy(session, first, end, kept, by_day=by_day)
                    by_numpy = fetch.fetch_rollup(session, first, end, groups, by_day=by_day)
                    by_sql = _by_sql(session, first, end, groups, by_day)
                    assert by_numpy.keys() == by_sql.keys()
                    for name, values in by_sql.items():
                        assert by_numpy[name].tolist() == values.tolist(), (groups, by_day, name)
                    if not by_day:
                        by_hand = _summed_by_hand(rows, first, end, groups)
                        assert _as_sums(by_sql, groups) == by_hand, groups
        session.rollback()


def test_a_period_reads_its_whole_spans_from_the_spans_rollup(workspace: Workspace) -> None:
    """Summed over the days, the spans that lie whole in the period are read from
    ``clock_rollup_by_span`` and the days at either end from ``clock_rollup``: a span
    row's count is found (and a day row inside a whole span is not), by numpy and by SQL."""
    bounds = _bounds(workspace)
    span = -(-FIRST_DAY // SPAN_DAYS) + 1
    first, end = span * SPAN_DAYS - 3, (span + 1) * SPAN_DAYS + 2
    key = {"metric": 0, "priority": 1, "team_id": bounds[0], "customer_id": bounds[1]}
    key |= {"policy_version_id": bounds[2], "agent_id": bounds[3]}
    counts = {"breached": 0, "other": 0}
    with workspace.session() as session:
        _store(
            session,
            [
                {**key, "day": first, "achieved": 1, **counts},
                {**key, "day": span * SPAN_DAYS + 5, "achieved": 10, **counts},
                {**key, "day": end - 1, "achieved": 100, **counts},
                {**key, "day": end, "achieved": 1000, **counts},  # after the period
            ],
        )
        session.execute(
            ClockRollupBySpan.__table__.update()
            .where(ClockRollupBySpan.span == span)
            .values(achieved=ClockRollupBySpan.achieved + 20)
        )
        by_numpy = fetch.fetch_rollup(session, first, end, ("customer",), by_day=False)
        by_sql = _by_sql(session, first, end, ("customer",), by_day=False)
        session.rollback()
    assert by_numpy["achieved"].tolist() == by_sql["achieved"].tolist() == [1 + 30 + 100]


def test_rows_whose_counts_do_not_fit_are_read_apart(workspace: Workspace) -> None:
    """With counts above the radix, the rows read apart are summed too (the example the
    property must also meet, written out)."""
    bounds = _bounds(workspace)
    rows = [
        {
            "day": FIRST_DAY + day, "metric": 1, "priority": 2, "team_id": bounds[0],
            "customer_id": 0, "policy_version_id": bounds[2], "agent_id": bounds[3],
            "achieved": achieved, "breached": breached, "other": 0,
        }
        for day, achieved, breached in ((0, 1000, 0), (3, 5, 0), (40, 2, 700), (41, 0, 0))
    ]  # fmt: skip
    with workspace.session() as session:
        _store(session, rows)
        summed = fetch._summed_by_numpy(session, FIRST_DAY, FIRST_DAY + 60, ["team"], by_day=False)
        by_day = fetch._summed_by_numpy(session, FIRST_DAY, FIRST_DAY + 60, ["team"], by_day=True)
        session.rollback()
    assert summed is not None and by_day is not None
    assert summed["achieved"].tolist() == [1007]
    assert summed["breached"].tolist() == [700]
    assert by_day["day"].tolist() == [FIRST_DAY + d for d in (0, 3, 40, 41)]
    assert by_day["achieved"].tolist() == [1000, 5, 2, 0]
    assert np.array_equal(by_day["team"], np.full(4, bounds[0]))

"""Searching the list: every page of a search holds exactly the tickets whose subject or
requester contains the text (letters of either case alike), or whose external id is the
text, or whose number it is, in the list's order, on each engine; and SQLite's plain
``LIKE`` selects what ``lower(…) LIKE lower(…)`` selected before it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, Table, Text, create_engine, func, insert, select
from sqlalchemy.orm import Session

from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.domain.model import Priority
from slaworkbench.store.dialect import contains_ignoring_case
from slaworkbench.store.tickets.paging import list_tickets
from slaworkbench.store.tickets.query import SortKey, TicketQuery, View
from slaworkbench.store.workspace import Workspace

NOW = 1_790_000_000

SUBJECTS = [
    ("Printer on fire", "ana@acme.example", None),
    ("printer OUT of paper", "PRINTER.desk@globex.example", "EXT-7"),
    ("100% CPU on db_1", None, None),
    ("path C:\\temp\\x not found", "bruno@acme.example", "100%"),
    ("Ünïcödé ✓ 日本語 — printer", "dana@globex.example", None),
    ("under_score and percent% in a name", "x@y.example", None),
    ("VPN drops every hour", "Ops@Acme.example", None),
    ("Printer", "printer@acme.example", "printer"),
    ("a", "A", None),
]
# Needles of ASCII letters, digits and the pattern's own characters: subjects hold
# non-ASCII letters too, and no ASCII needle meets them in either engine's folding.
NEEDLES = st.text(alphabet="prinTERPaXx%_\\ 0-#17C:.@a", min_size=0, max_size=5)
SORTS = [SortKey.ID, SortKey.TIME_TO_BREACH, SortKey.NEXT_DUE, SortKey.SUBJECT, SortKey.STATUS]


def _ascii_lower(text: str) -> str:
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)


def _matches(
    text: str, ticket_id: int, subject: str, requester: str | None, ext: str | None
) -> bool:
    text = text.strip()
    if not text:
        return True
    folded = _ascii_lower(text)
    digits = text.removeprefix("#")
    return (
        folded in _ascii_lower(subject)
        or (requester is not None and folded in _ascii_lower(requester))
        or ext == text
        or (digits.isdigit() and len(digits) < 18 and int(digits) == ticket_id)
    )


@pytest.fixture
def searched(engine_workspace: Workspace) -> Iterator[tuple[Workspace, dict[int, tuple]]]:
    tickets = {}
    for n, (subject, requester, ext) in enumerate(SUBJECTS):
        ticket = NewTicket(
            subject=subject,
            requester=requester,
            external_id=ext,
            priority=list(Priority)[n % len(Priority)],
        )
        ticket_id = create_ticket(engine_workspace, ticket, author="admin", now=NOW - 600 * n)
        tickets[ticket_id] = (subject, requester, ext)
    yield engine_workspace, tickets


def _paged(session: Session, query: TicketQuery, limit: int) -> list[int]:
    ids: list[int] = []
    after = None
    while page := list_tickets(session, query, now=NOW, limit=limit, after=after):
        ids += [row.id for row in page]
        if len(page) < limit:
            break
        after = page[-1]
    return ids


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    needle=NEEDLES
    | st.sampled_from(["printer", "PRINTER", "100%", "db_1", "\\temp", "#3", "EXT-7"]),
    sort=st.sampled_from(SORTS),
    descending=st.booleans(),
    limit=st.integers(min_value=1, max_value=5),
)
def test_every_page_of_a_search_holds_the_matching_tickets_in_the_lists_order(
    searched, needle, sort, descending, limit
):
    workspace, tickets = searched
    query = TicketQuery(view=View.ALL, sort=sort, descending=descending)
    with workspace.session() as session:
        whole = [row.id for row in list_tickets(session, query, now=NOW, limit=100)]
        found = _paged(session, replace(query, search=needle), limit)
    assert sorted(whole) == sorted(tickets)
    assert found == [i for i in whole if _matches(needle, i, *tickets[i])]


def test_a_search_finds_letters_of_either_case_and_the_patterns_characters_literally(searched):
    workspace, tickets = searched
    by_subject = {subject: i for i, (subject, _, _) in tickets.items()}

    def found(text: str) -> set[str]:
        with workspace.session() as session:
            rows = list_tickets(session, TicketQuery(view=View.ALL, search=text), now=NOW)
        return {row.subject for row in rows}

    printers = {"Printer on fire", "printer OUT of paper", "Ünïcödé ✓ 日本語 — printer", "Printer"}
    assert found("PrInTeR") == printers
    assert found("100%") == {"100% CPU on db_1", "path C:\\temp\\x not found"}  # its external id
    assert found("db_1") == {"100% CPU on db_1"}
    assert found("e_s") == set()  # "_" is no wildcard
    assert found("C:\\TEMP") == {"path C:\\temp\\x not found"}
    assert found(f"#{by_subject['VPN drops every hour']}") == {"VPN drops every hour"}
    assert found("ops@ACME") == {"VPN drops every hour"}


# --- the SQLite seam against the expression it replaced -----------------------------------

_TABLE = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("s", Text))


@pytest.fixture(scope="module")
def texts() -> Iterator[object]:
    engine = create_engine("sqlite://")
    _TABLE.metadata.create_all(engine)
    yield engine
    engine.dispose()


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.text(max_size=12), max_size=12), needle=st.text(min_size=1, max_size=4))
def test_sqlite_like_selects_what_lower_like_lower_did(texts, values, needle):
    pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    with texts.begin() as connection:
        connection.execute(_TABLE.delete())
        if values:
            connection.execute(insert(_TABLE), [{"id": i, "s": v} for i, v in enumerate(values)])
        now = select(_TABLE.c.id).where(contains_ignoring_case(connection, _TABLE.c.s, pattern))
        before = select(_TABLE.c.id).where(
            func.lower(_TABLE.c.s).like(func.lower(pattern), escape="\\")
        )
        assert "lower" not in str(now.compile(connection)).lower()
        assert set(connection.scalars(now)) == set(connection.scalars(before))

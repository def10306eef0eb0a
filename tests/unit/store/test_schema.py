"""The schema: constraints that guard bulk inserts, and helpers around stored values."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, event, insert, select
from sqlalchemy.exc import IntegrityError

from slaworkbench.domain.model import EventType, Metric, Priority, Status
from slaworkbench.store import schema
from slaworkbench.store.schema import Base, SurveyAnswer, Ticket, TicketEvent, join_tags, split_tags


@pytest.fixture
def engine() -> Iterator[Engine]:
    engine = create_engine("sqlite://")

    @event.listens_for(engine, "connect")
    def _fk(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


def _ticket(**overrides: object) -> dict[str, object]:
    row: dict[str, object] = {
        "subject": "Printer on fire",
        "priority": "high",
        "status": "open",
        "created_at": 1_700_000_000,
        "updated_at": 1_700_000_000,
    }
    row.update(overrides)
    return row


def test_enumerations_match_the_domain_vocabulary() -> None:
    assert set(schema.PRIORITIES) == {p.value for p in Priority}
    assert set(schema.STATUSES) == {s.value for s in Status}
    assert set(schema.EVENT_TYPES) == {t.value for t in EventType}
    assert set(schema.METRICS) == {m.value for m in Metric}


def test_a_ticket_with_an_unknown_status_is_refused(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(insert(Ticket), [_ticket()])
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert(Ticket), [_ticket(status="waiting")])
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert(Ticket), [_ticket(priority="critical")])


@pytest.mark.parametrize(
    ("kind", "score", "accepted"),
    [
        ("csat", 1, True),
        ("csat", 5, True),
        ("csat", 0, False),
        ("csat", 6, False),
        ("nps", 0, True),
        ("nps", 10, True),
        ("nps", 11, False),
        ("nps", -1, False),
        ("ces", 3, False),
    ],
)
def test_survey_scores_are_checked_per_kind(
    engine: Engine, kind: str, score: int, accepted: bool
) -> None:
    with engine.begin() as connection:
        ticket_id = connection.execute(insert(Ticket).returning(Ticket.id), [_ticket()]).scalar()
    answer = {"ticket_id": ticket_id, "kind": kind, "score": score, "answered_at": 1}
    if accepted:
        with engine.begin() as connection:
            connection.execute(insert(SurveyAnswer), [answer])
    else:
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(insert(SurveyAnswer), [answer])


def test_events_are_unique_per_ticket_and_sequence_and_go_with_their_ticket(
    engine: Engine,
) -> None:
    with engine.begin() as connection:
        ticket_id = connection.execute(insert(Ticket).returning(Ticket.id), [_ticket()]).scalar()
        event_row = {"ticket_id": ticket_id, "seq": 1, "at": 1, "type": "created"}
        connection.execute(insert(TicketEvent), [event_row])
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert(TicketEvent), [event_row])
    with engine.begin() as connection:
        connection.execute(Ticket.__table__.delete())
        assert connection.execute(select(TicketEvent.seq)).first() is None


def test_external_ids_are_unique_but_optional(engine: Engine) -> None:
    with engine.begin() as connection:
        rows = [_ticket(external_id=None), _ticket(external_id=None), _ticket(external_id="A-1")]
        connection.execute(insert(Ticket), rows)
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert(Ticket), [_ticket(external_id="A-1")])


def test_tags_round_trip_through_their_stored_form() -> None:
    stored = join_tags(["vip", " billing ", "vip", ""])
    assert stored == "billing vip"
    assert split_tags(stored) == frozenset({"billing", "vip"})
    assert split_tags("") == frozenset()
    assert split_tags(None) == frozenset()

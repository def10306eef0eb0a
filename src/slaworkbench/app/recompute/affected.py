"""Which tickets a re-baseline after a policy save must evaluate at all.

A re-baseline re-judges every ticket by the policy versions in force. A ticket's clocks,
summary, holds and OLA cycles are a function of its events, of the version that judges
it (versions are immutable) and of the calendars and OLA terms (``derived``). So, when
the last complete re-baseline recorded which version of each policy was in force
(``META_REBASELINE_VERSIONS``) and the calendars and OLA terms are still the recorded
ones (``derived.META_DERIVED_INPUTS``), the only tickets whose stored rows a re-baseline
can move are, selected in SQL before any event is read:

- those judged by a policy saved since (their stored version's policy is not at the
  recorded version: its closed tickets still carry an older version, its open ones
  may keep stopped verdicts of one);
- those the matching rules now give another version than the stored one (rules moved
  them to or from a saved policy, or their customer or team changed);
- those whose events changed since their timeline was cached (no cached timeline);
- those with a clock row judged by another policy than their own version's (a ticket
  action moved the ticket to another policy after its cycles stopped: their verdicts
  stay until a re-baseline re-judges them by the policy now in force).

A policy whose saves since changed only targets (``changed_targets``: the recorded
and the current version differ in nothing else that judges a cycle — calendar, pause
statuses, warning fraction, conditions, escalation rules — and measure the same metrics
at each priority) narrows the second and third tests. A cycle's target is that of the
priority it is judged under (the one in force when it stopped, kept in
``ticket_clocks.priority``; the current one while it runs), so of that policy's tickets
still on the recorded version, with a cached timeline and chosen by the rules for the
new version, only those that are open, have an unfinished cycle (a reading, a running
OLA cycle) or have a stopped cycle of a changed (priority, metric) are evaluated; every
other one's evaluation would store its rows, holds, OLA cycles and rollup as they are
(a row keeps the version that judged its values) and its summary with only the new
version (a closed ticket's ``evaluated_at`` moves only with its summary:
``store.clocks.bulk``), which ``move_to_new_versions`` writes instead. Its tickets
on another version than the recorded one (the open-ticket recompute moved them, a ticket
action wrote them) may keep stopped verdicts of a version between: they are evaluated.
Pinned by ``tests/unit/app/recompute/test_rebaseline_retargeted.py`` (random target
changes against a re-baseline of every ticket).

When no policy was saved since, the re-baseline is a request to re-judge every ticket
(readings brought to the time, hand-edited rows repaired): every ticket is evaluated.
Every other ticket is left exactly as it is — its rows, holds, OLA cycles and rollup —
which is what evaluating it again by the same version and events would store, except
that an open ticket's running readings stay those of its last evaluation (the next
open-ticket recompute moves them on). Pinned by
``tests/unit/app/recompute/test_rebaseline_selection.py``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, Integer, column, text
from sqlalchemy.orm import Session

from slaworkbench.domain.model import Metric, Priority
from slaworkbench.domain.policy import Policy
from slaworkbench.store.clocks.elsewhere import judged_elsewhere
from slaworkbench.store.clocks.inputs import FACTS_FROM_SQL
from slaworkbench.store.clocks.selection import policy_choice_sql
from slaworkbench.store.ola.columns import int_columns
from slaworkbench.store.schema import (
    DURATION_CLOCKS,
    DURATION_METRICS,
    METRICS,
    OPEN_STATUSES,
    PRIORITIES,
    codes_sql,
)

META_REBASELINE_VERSIONS = "rebaseline_policy_versions"
"""JSON ``{policy id: version id}`` of the active policies as of the last complete
re-baseline (or demo) after which every ticket was judged by them."""


def versions_in_force(policies: Sequence[Policy]) -> str:
    """The record of ``policies`` for ``META_REBASELINE_VERSIONS``."""
    return json.dumps(
        {str(policy.id): policy.version_id for policy in policies if policy.active},
        sort_keys=True,
    )


@dataclass(frozen=True, slots=True)
class Affected:
    """What a re-baseline after policy saves does with the tickets (module text)."""

    evaluate: NDArray[np.int64]
    """The ids (ascending) of the tickets to evaluate."""
    moves: tuple[tuple[int, int, NDArray[np.int64]], ...] = ()
    """``(recorded version, version in force, ids)``: tickets of a policy whose saves
    since changed only targets, none of which judged any of their cycles, given the new
    version without being evaluated (``move_to_new_versions``)."""
    retimed: NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    """Among ``evaluate``, the tickets evaluated only for a stopped cycle judged under a
    changed target (closed, nothing unfinished, events unchanged): the rows their
    evaluation rewrites start and stop where they did, under the same pause statuses
    and calendar, so their SLA holds stay as they are (``app.recompute.derived``)."""
    retimed_metrics: tuple[Metric, ...] = ()
    """The metrics of the changed targets: the only ones whose rows a ``retimed``
    ticket's evaluation can change (``store.clocks.bulk.Retimed``)."""


def affected_tickets(
    connection: Connection, policies: Sequence[Policy], recorded: str
) -> Affected | None:
    """The tickets a re-baseline by ``policies`` must evaluate, and those it only moves
    to a new version, given the record ``recorded`` of the versions in force at the last
    one (module text); ``None`` (evaluate every ticket) when no policy was saved since."""
    before: dict[str, int | None] = json.loads(recorded)
    now: dict[str, int | None] = json.loads(versions_in_force(policies))
    saved = sorted(
        int(policy_id)
        for policy_id in before.keys() | now.keys()
        if before.get(policy_id) != now.get(policy_id)
    )
    if not saved:
        return None
    retargeted: dict[int, tuple[int, int, frozenset[tuple[str, str]]]] = {}
    for policy_id in saved:
        old, new = before.get(str(policy_id)), now.get(str(policy_id))
        if old is not None and new is not None:
            pairs = changed_targets(connection, old, new)
            if pairs is not None:
                retargeted[policy_id] = (old, new, pairs)
    version_chosen = version_chosen_sql(policies, connection)
    with Session(bind=connection) as session:
        ids, stored, version, is_open_code = int_rows(
            session,
            f"SELECT t.id AS c0, COALESCE(t.policy_version_id, -1) AS c1, {version_chosen} AS c2,"
            f" CASE WHEN t.status IN {_OPEN} THEN 1 ELSE 0 END AS c3 FROM {FACTS_FROM_SQL}",
            4,
        )
        (no_timeline,) = int_rows(
            session,
            "SELECT t.id AS c0 FROM tickets t WHERE NOT EXISTS"
            " (SELECT 1 FROM ticket_timelines tl WHERE tl.ticket_id = t.id)",
            1,
        )
        (versions_of_saved,) = int_rows(
            session,
            "SELECT id AS c0 FROM policy_versions WHERE policy_id IN"
            f" ({', '.join(str(policy_id) for policy_id in saved)})",
            1,
        )
        order = np.argsort(ids, kind="stable")
        ids, stored, version = ids[order], stored[order], version[order]
        is_open = is_open_code[order] == 1
        moved_by_rules = version != stored
        on_recorded = np.zeros(ids.size, dtype=bool)
        judged = np.zeros(ids.size, dtype=bool)
        retimed = np.zeros(ids.size, dtype=bool)
        unfinished = np.isin(ids, _with_unfinished_cycles(session)) if retargeted else on_recorded
        for old, new, pairs in retargeted.values():
            on_old = stored == old
            on_recorded |= on_old
            # On the recorded version, evaluated when open, with an unfinished cycle (a
            # reading, a running OLA cycle) or with a stopped cycle judged under a
            # priority whose target changed.
            picked = is_open | unfinished
            if pairs:
                under = np.isin(ids, _judged_under(session, pairs))
                retimed |= on_old & under & ~picked
                picked |= under
            judged |= on_old & picked
            moved_by_rules &= ~(on_old & (version == new))
        # A saved policy's tickets on another version than the recorded one (open ones the
        # open-ticket recompute moved, ticket actions since) may hold stopped verdicts of
        # any version since: evaluated, as every ticket of a policy saved otherwise.
        # A ticket whose policy changed since its cycles stopped (a ticket action moved
        # it: its summary is on its new policy's version) keeps stopped verdicts of the
        # other policy, which the re-baseline re-judges by its own.
        elsewhere = np.isin(ids, _judged_by_another_policy(session))
    fresh = np.isin(ids, no_timeline)
    evaluate = (
        fresh
        | (np.isin(stored, versions_of_saved) & ~on_recorded)
        | judged
        | moved_by_rules
        | elsewhere
    )
    return Affected(
        ids[evaluate],
        tuple((old, new, ids[(stored == old) & ~evaluate]) for old, new, _ in retargeted.values()),
        ids[retimed & ~fresh & ~moved_by_rules & ~elsewhere],
        tuple(
            sorted(
                {Metric(metric) for _, _, pairs in retargeted.values() for _, metric in pairs},
                key=list(Metric).index,
            )
        ),
    )


def version_chosen_sql(policies: Sequence[Policy], connection: Connection) -> str:
    """An integer SQL expression over ``FACTS_FROM_SQL``: the id of the version of the
    policy the matching rules give a ticket, or -1 (none)."""
    chosen = " ".join(
        f"WHEN {position} THEN {policy.version_id}"
        for position, policy in enumerate(policies)
        if policy.active and policy.version_id is not None
    )
    choice = policy_choice_sql(policies, connection)
    return f"CASE ({choice}) {chosen} ELSE -1 END" if chosen else "-1"


def int_rows(session: Session, sql: str, width: int) -> list[NDArray[np.int64]]:
    """The ``width`` integer columns ``c0``, ``c1``… of ``sql``'s rows, in no particular
    order."""
    query = text(sql).columns(*(column(f"c{i}", Integer) for i in range(width)))
    return int_columns(session, query, width)


def _judged_by_another_policy(session: Session) -> NDArray[np.int64]:
    """The tickets whose stored stopped cycles keep verdicts of another policy than the
    ticket's own (``store.clocks.elsewhere``, marked by the writers; before migration
    0035 a join of every clock row to its ticket, 1.7 s at 1M)."""
    return judged_elsewhere(session.connection())


def _with_unfinished_cycles(session: Session) -> NDArray[np.int64]:
    (found,) = int_rows(
        session, "SELECT ticket_id AS c0 FROM ticket_clocks WHERE stopped_at IS NULL", 1
    )
    return found


def _judged_under(session: Session, pairs: frozenset[tuple[str, str]]) -> NDArray[np.int64]:
    """The tickets with a stopped cycle judged under one of ``pairs`` (priority, metric):
    read from the durations index alone for its metrics."""
    parts = []
    for metric in sorted({metric for _, metric in pairs}):
        priorities = sorted(p for p, m in pairs if m == metric)
        where = DURATION_CLOCKS if metric in DURATION_METRICS else "stopped_at IS NOT NULL"
        # The stored codes (migration 0020), which the index holds.
        (found,) = int_rows(
            session,
            f"SELECT ticket_id AS c0 FROM ticket_clocks WHERE {where}"
            f" AND {codes_sql('metric', METRICS, (metric,))}"
            f" AND {codes_sql('priority', PRIORITIES, priorities)}",
            1,
        )
        parts.append(found)
    return np.concatenate(parts)


_OPEN = "(" + ", ".join(f"'{status}'" for status in OPEN_STATUSES) + ")"
_PIECE = 5000
"""Ids per statement of ``move_to_new_versions``."""


Moves = Sequence[tuple[int, int, NDArray[np.int64]]]
"""``(recorded version, version in force, ascending ids)``, as ``Affected.moves``."""


def move_to_new_versions(
    connection: Connection,
    moves: Moves,
    *,
    after: int | None = None,
    through: int | None = None,
) -> int:
    """Give the tickets of ``moves`` whose id is in ``(after, through]`` (None: no bound
    on that side) their new version: what evaluating them stores (their clock rows,
    holds, OLA cycles and rollup stay: every cycle is judged as before, and a row keeps
    the version that judged its values; the summary differs only in the version,
    ``store.clocks.bulk``). ``evaluated_at`` stays: it says when the summary was
    written, and its readings are as of then (an open ticket's, moved by the open-ticket
    recompute; a re-baseline moves closed tickets only, whose summary has none — issue
    16: stamping them rewrote half a million entries of ``ix_tickets_evaluated_at`` for
    nothing any reader asks). A ticket no longer on its recorded version (a ticket action
    since it was selected) is left to its writer. Returns how many were moved.

    A re-baseline moves, in each chunk's transaction, the tickets up to the chunk's last
    id: the chunk has just read and written those pages of ``tickets``, and each page
    goes through the log once for both (``app.recompute.run``)."""
    moved = 0
    for old, new, every in moves:
        start = 0 if after is None else int(np.searchsorted(every, after, side="right"))
        stop = every.size if through is None else int(np.searchsorted(every, through, "right"))
        ids = every[start:stop]
        for piece in range(0, int(ids.size), _PIECE):
            # The ids as literals: integers from the database, and a statement with
            # thousands of bound parameters costs more to prepare than to run.
            listed = ",".join(map(str, ids[piece : piece + _PIECE].tolist()))
            result = connection.execute(
                text(
                    f"UPDATE tickets SET policy_version_id = {int(new)}"
                    f" WHERE policy_version_id = {int(old)} AND id IN ({listed})"
                )
            )
            moved += int(result.rowcount)
    return moved


_KNOWN_PAIRS = frozenset((p.value, m.value) for p in Priority for m in Metric)
_NOT_JUDGING = ("targets", "name", "active", "id", "version", "version_id")
"""What a version's spec holds besides what judges a cycle but its targets."""


def changed_targets(
    connection: Connection, old: int, new: int
) -> frozenset[tuple[str, str]] | None:
    """The ``(priority, metric)`` whose target differs between versions ``old`` and
    ``new`` of a policy, when nothing else that judges a cycle does (calendar, pause
    statuses, warning fraction, conditions, escalation rules, which metrics each priority
    measures); ``None`` otherwise."""
    rows = {
        int(row[0]): (int(row[1]), json.loads(row[2]))
        for row in connection.execute(
            text("SELECT id, calendar_id, spec FROM policy_versions WHERE id IN (:old, :new)"),
            {"old": old, "new": new},
        )
    }
    if old not in rows or new not in rows or rows[old][0] != rows[new][0]:
        return None
    specs = [rows[old][1], rows[new][1]]
    targets: list[dict[tuple[str, str], int]] = []
    for spec in specs:
        targets.append(
            {
                (str(priority), str(metric)): int(seconds)
                for priority, per_metric in (spec.get("targets") or {}).items()
                for metric, seconds in (per_metric or {}).items()
            }
        )
        for key in _NOT_JUDGING:
            spec.pop(key, None)
    if specs[0] != specs[1] or targets[0].keys() != targets[1].keys():
        return None
    if not all(pair in _KNOWN_PAIRS for pair in targets[0]):
        return None  # never in a valid spec; nothing unknown goes into the SQL
    return frozenset(pair for pair, seconds in targets[0].items() if targets[1][pair] != seconds)

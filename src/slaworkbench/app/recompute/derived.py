"""Which tickets of a recompute chunk get their derived rows (SLA holds, OLA cycles)
written anew.

Both are functions of a ticket's events and of the terms that judge it: a clock row's
holds of its start, stop and ``evaluated_at``, its version's pause statuses and calendar;
a ticket's OLA cycles of the pause statuses of its SLA policy, its teams' OLA terms and
calendars, and — while a cycle runs — the time. The events are unchanged for a ticket
whose cached timeline the chunk read (every other writer of events forgets it); a clock
row the write left alone keeps its version and ``evaluated_at``; versions are immutable.
What can change under them without a trace on the ticket are the calendars (their
specs, the customer overrides) and the teams' OLA terms: those are fingerprinted
(``derived_inputs_fingerprint``) and recorded in ``workspace_meta`` by a complete run
that wrote every ticket's derived rows by them (``META_DERIVED_INPUTS``).

While the recorded fingerprint is the current one, a chunk writes the holds of the clock
rows it wrote and of every cycle of the tickets whose events it read afresh, and the OLA
cycles of the tickets whose events it read afresh, that are judged now with other pause
statuses than by the version stored on the ticket, or that are open (outside a
re-baseline, only those with a running cycle that reached its risk or due instant since
it was written: ``DerivedPlan``).
Every other derived row is exactly what writing it again would write, running readings
aside: a running cycle's elapsed, remaining and held seconds move with the time alone
and are not rewritten for that (``store.ola.write``); what else moves with the time —
at risk, breached — happens at the stored risk and due instants (a closed ticket has
no running OLA cycle: a cycle stops when the ticket is solved or closed). Without the
record (an older file, a calendar or OLA edit since, a cancelled run) every ticket's
derived rows are written, as the recompute always did. Pinned by
``tests/unit/app/recompute/test_derived_rows.py``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from slaworkbench.domain.model import DEFAULT_PAUSE_STATUSES, Status
from slaworkbench.domain.policy import Policy
from slaworkbench.store.agreements.calendars import overrides_fingerprint
from slaworkbench.store.errors import NotFoundError
from slaworkbench.store.ola.read import tickets_due_to_move
from slaworkbench.store.policies.versions import load_policy_version
from slaworkbench.store.schema import Calendar, TeamOlaVersion

META_DERIVED_INPUTS = "derived_inputs_fingerprint"
"""``derived_inputs_fingerprint`` as of the last complete run after which every
ticket's SLA holds and OLA cycles were those its inputs give."""

Bools = NDArray[np.bool_]
Ints = NDArray[np.int64]
Pauses = frozenset[Status]


def derived_inputs_fingerprint(session: Session) -> str:
    """Changes whenever a calendar, a customer calendar override or a team's OLA terms
    change: what judges the derived rows besides the ticket's events and versions."""
    digest = hashlib.sha256()
    for calendar_id, spec in session.execute(
        select(Calendar.id, Calendar.spec).order_by(Calendar.id)
    ):
        digest.update(f"c{calendar_id}:{spec};".encode())
    digest.update(overrides_fingerprint(session))
    for (version_id,) in session.execute(select(TeamOlaVersion.id).order_by(TeamOlaVersion.id)):
        digest.update(f"o{version_id};".encode())
    return digest.hexdigest()


class DerivedPlan:
    """Per chunk, the tickets whose holds and OLA cycles are written (module text).

    ``trusted`` says the recorded fingerprint is the current one; without it every
    ticket is picked."""

    def __init__(self, policies: Sequence[Policy], *, trusted: bool) -> None:
        self.trusted = trusted
        self._pauses: dict[int, Pauses] = {
            policy.version_id: policy.pause_statuses
            for policy in policies
            if policy.version_id is not None
        }

    def holds(self, rewritten: Bools, fresh_events: Bools) -> tuple[Bools, Bools]:
        """The tickets whose every cycle gets its holds written (events read afresh), and
        those where only the clock rows this write wrote do (the others it rewrote)."""
        if not self.trusted:
            return np.ones(rewritten.size, dtype=bool), np.zeros(rewritten.size, dtype=bool)
        written: Bools = rewritten & ~fresh_events
        return fresh_events, written

    def ola(
        self,
        connection: Connection,
        ids: Ints,
        fresh_events: Bools,
        is_open: Bools,
        old_versions: Sequence[int],
        judged_by: Sequence[Policy | None],
        now: int,
        *,
        rebaseline: bool,
        due: Ints | None = None,
    ) -> Bools:
        """The tickets (``ids``) whose OLA cycles are written: events read afresh, judged
        now with other pause statuses than by the version stored on the ticket, or open —
        outside a re-baseline only those with a running cycle that reached its risk or
        due instant by ``now`` (a re-baseline re-judges an open ticket's stopped cycles,
        which a save's recompute kept as judged by the version before). ``due``: those
        open tickets, when the caller already asked (``open_selection``); else they are
        looked up here."""
        if not self.trusted:
            return np.ones(fresh_events.size, dtype=bool)
        # Compared once per (stored version, policy) pair, not once per ticket.
        differs: dict[tuple[int, int], bool] = {}
        found: list[bool] = []
        for old, policy in zip(old_versions, judged_by, strict=True):
            pair = (old, id(policy))
            if pair not in differs:
                differs[pair] = self._stored_pauses(connection, old) != _pauses_of(policy)
            found.append(differs[pair])
        moved = np.array(found, dtype=bool)
        picked: Bools = fresh_events | moved
        if rebaseline:
            return picked | is_open
        waiting = is_open & ~picked
        if waiting.any():
            if due is None:
                due = tickets_due_to_move(connection, ids[waiting], now)
            picked |= waiting & np.isin(ids, due)
        return picked

    def _stored_pauses(self, connection: Connection, version_id: int) -> Pauses | None:
        """The pause statuses of a stored version (``None``: none, or not found)."""
        if version_id < 0:
            return DEFAULT_PAUSE_STATUSES
        if version_id not in self._pauses:
            with Session(bind=connection) as session:
                try:
                    policy = load_policy_version(session, version_id)
                except NotFoundError:
                    return None  # never equal: the ticket is picked
            self._pauses[version_id] = policy.pause_statuses
        return self._pauses[version_id]


def _pauses_of(policy: Policy | None) -> Pauses:
    return DEFAULT_PAUSE_STATUSES if policy is None else policy.pause_statuses

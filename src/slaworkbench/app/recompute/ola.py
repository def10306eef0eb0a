"""The OLA cycles of a batch of tickets, evaluated and written in the caller's transaction
(the recompute's chunks, a single ticket's change). Nothing to do while no team has an
OLA: then no OLA cycle exists and none is read.

``verify_ola_cycles`` is the same write for a verifying recompute: it also says how many
tickets' stored OLA rows differed from the fresh evaluation (``store.ola.digests``; a
stopped cycle keeps its verdict as the clocks' do, so only a missing one is restored)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sqlalchemy import Connection

from slaworkbench.domain.clock.ola import TeamOla
from slaworkbench.domain.clock.ola_columns import OlaColumns, evaluate_ola_columns
from slaworkbench.domain.model import DEFAULT_PAUSE_STATUSES, Status
from slaworkbench.store.ola.digests import ola_digests
from slaworkbench.store.ola.read import OlaBatch, read_ola_batch
from slaworkbench.store.ola.write import write_ola_cycles


def refresh_ola_cycles(
    connection: Connection,
    ids: Sequence[int],
    pauses: Sequence[frozenset[Status] | None],
    olas: dict[int, TeamOla],
    now: int,
    *,
    rebaseline: bool = False,
) -> int:
    """Evaluate and store the OLA cycles of tickets ``ids`` at ``now``; ticket ``i`` pauses
    in ``pauses[i]`` (its SLA policy's pause statuses; ``None``: no policy, the default
    pending and on hold). ``olas`` by team id. Returns how many cycles were written."""
    if not olas or not ids:
        return 0
    batch = read_ola_batch(connection, ids)
    columns, version_ids = evaluate_ola_batch(batch, pauses, olas, now)
    return write_ola_cycles(connection, batch, columns, version_ids, now, rebaseline=rebaseline)


def evaluate_ola_batch(
    batch: OlaBatch,
    pauses: Sequence[frozenset[Status] | None],
    olas: dict[int, TeamOla],
    now: int,
) -> tuple[OlaColumns, list[int | None]]:
    """The OLA cycles of ``batch`` at ``now`` (``pauses`` as ``refresh_ola_cycles``
    takes them) and, per team code, the version id of the team's OLA (``None``: none)."""
    sets = list(dict.fromkeys(DEFAULT_PAUSE_STATUSES if p is None else p for p in pauses))
    pause_index = np.array(
        [sets.index(DEFAULT_PAUSE_STATUSES if p is None else p) for p in pauses], dtype=np.int64
    )
    by_code = [None if team_id is None else olas.get(team_id) for team_id in batch.team_ids]
    columns = evaluate_ola_columns(batch.events, pause_index, sets, by_code, now)
    return columns, [None if ola is None else ola.version_id for ola in by_code]


def verify_ola_cycles(
    connection: Connection,
    ids: Sequence[int],
    pauses: Sequence[frozenset[Status] | None],
    olas: dict[int, TeamOla],
    now: int,
) -> list[int]:
    """``refresh_ola_cycles`` for a verifying run: the tickets whose stored OLA rows did
    not match the fresh evaluation (and were rewritten)."""
    before = ola_digests(connection, ids, now=now)
    refresh_ola_cycles(connection, ids, pauses, olas, now)
    after = ola_digests(connection, ids, now=now)
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))

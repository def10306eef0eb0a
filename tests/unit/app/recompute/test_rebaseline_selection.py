"""A re-baseline after a policy save evaluates only the tickets the save can move
(``app.recompute.affected``): the others are not read, and their rows stay byte for
byte what they were, which is what a full fresh evaluation stores for them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.recompute.affected import META_REBASELINE_VERSIONS
from slaworkbench.app.recompute.run import recompute
from slaworkbench.domain.policy import policy_to_dict
from slaworkbench.store.analytics.rollup_check import rollup_differences
from slaworkbench.store.policies.versions import load_active_policies, save_policy_version
from slaworkbench.store.schema import WorkspaceMeta
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.derived_rows import CLOCK_HOLDERS, CLOCK_HOLDS, CLOCK_ROWS, OLA_CYCLES, OLA_HOLDS
from tests.support.policy.changes import double_one_target

NOW = 1_775_001_600
TICKETS = 400
ROWS = {
    "tickets": """
        SELECT id, policy_version_id, evaluated_at, next_due_at, next_due_position,
               next_risk_at, sla_state FROM tickets""",
    "clocks": "SELECT * FROM ticket_clocks",
    "clock holds": "SELECT * FROM ticket_clock_holds",
    "OLA cycles": "SELECT * FROM ticket_ola_cycles",
    "OLA holds": "SELECT * FROM ticket_ola_holds",
    "rollup": "SELECT * FROM clock_rollup",
}
CONTENT = {
    "tickets": ROWS["tickets"],
    "clocks": CLOCK_ROWS,
    "clock holds": CLOCK_HOLDS,
    "clock holders": CLOCK_HOLDERS,
    "OLA cycles": OLA_CYCLES,
    "OLA holds": OLA_HOLDS,
    "rollup": ROWS["rollup"],
}
"""The same without row ids, which a rewrite renumbers."""
TICKET_OF = {
    "tickets": "id",
    "clocks": "ticket_id",
    "clock holds": "(SELECT c.ticket_id FROM ticket_clocks c WHERE c.id = clock_id)",
    "clock holders": "(SELECT c.ticket_id FROM ticket_clocks c WHERE c.id = clock_id)",
    "OLA cycles": "ticket_id",
    "OLA holds": "(SELECT o.ticket_id FROM ticket_ola_cycles o WHERE o.id = cycle_id)",
}


def _rows(workspace: Workspace, tickets: set[int] | None = None) -> dict[str, list[object]]:
    """Every row of the derived tables (of ``tickets`` only, when given), ids included."""
    found: dict[str, list[object]] = {}
    with workspace.engine.connect() as connection:
        for name, sql in ROWS.items():
            if tickets is not None and name not in TICKET_OF:
                continue
            query = sql
            if tickets is not None:
                ids = ", ".join(str(i) for i in sorted(tickets)) or "NULL"
                query = f"SELECT * FROM ({sql}) x WHERE {TICKET_OF[name]} IN ({ids})"
            found[name] = sorted((tuple(row) for row in connection.execute(text(query))), key=repr)
    return found


def _content(workspace: Workspace) -> dict[str, list[object]]:
    with workspace.engine.connect() as connection:
        return {
            name: sorted((tuple(row) for row in connection.execute(text(sql))), key=repr)
            for name, sql in CONTENT.items()
        }


def _forget_the_versions(workspace: Workspace) -> None:
    with workspace.session(write=True) as session:
        row = session.get(WorkspaceMeta, META_REBASELINE_VERSIONS)
        assert row is not None
        session.delete(row)


def _demo(path: Path) -> Workspace:
    workspace = open_workspace(str(path))
    generate_demo(workspace, tickets=TICKETS, seed=5, now=NOW)
    return workspace


def _tickets_of_other_policies(workspace: Workspace) -> set[int]:
    with workspace.session() as session:
        changed = load_active_policies(session)[-1].id
    with workspace.engine.connect() as connection:
        return set(
            connection.execute(
                text(
                    "SELECT t.id FROM tickets t JOIN policy_versions v"
                    " ON v.id = t.policy_version_id WHERE v.policy_id <> :changed"
                ),
                {"changed": changed},
            ).scalars()
        )


def test_a_re_baseline_after_one_target_leaves_the_other_policies_tickets_as_they_were(
    tmp_path: Path,
) -> None:
    subject, reference = _demo(tmp_path / "s.sqlite3"), _demo(tmp_path / "r.sqlite3")
    try:
        for workspace in (subject, reference):  # every ticket evaluated at NOW + 3600
            _forget_the_versions(workspace)
            recompute(workspace, only_open=False, now=NOW + 3600)
        assert _content(subject) == _content(reference)
        others = _tickets_of_other_policies(subject)
        before = _rows(subject, others)
        for workspace in (subject, reference):
            double_one_target(workspace, now=NOW + 3600)
        _forget_the_versions(reference)  # the reference evaluates them all
        # Re-baselined at the instant the others were last evaluated at, so a fresh
        # evaluation of the others (the reference's) equals what is stored for them.
        result = recompute(subject, only_open=False, now=NOW + 3600)
        full = recompute(reference, only_open=False, now=NOW + 3600)
        assert full.tickets == TICKETS
        assert 0 < result.tickets <= TICKETS - len(others) < TICKETS
        assert _rows(subject, others) == before
        assert _content(subject) == _content(reference)
        with subject.engine.connect() as connection:
            assert rollup_differences(connection) == []
        with subject.session() as session:  # recorded again: the next one selects too
            assert session.get(WorkspaceMeta, META_REBASELINE_VERSIONS) is not None
    finally:
        subject.close()
        reference.close()


def test_a_ticket_the_rules_move_to_another_policy_is_re_baselined(tmp_path: Path) -> None:
    """A ticket whose stored version is not the one the rules now choose (its customer,
    team or the rules moved it) is evaluated, whichever policy was saved."""
    subject, reference = _demo(tmp_path / "s.sqlite3"), _demo(tmp_path / "r.sqlite3")
    try:
        for workspace in (subject, reference):
            _forget_the_versions(workspace)
            recompute(workspace, only_open=False, now=NOW + 3600)
            with workspace.engine.begin() as connection:  # a choice no save explains
                connection.execute(
                    text(
                        "UPDATE tickets SET policy_version_id = (SELECT min(id) FROM"
                        " policy_versions) WHERE id IN (SELECT id FROM tickets ORDER BY id"
                        " LIMIT 7)"
                    )
                )
            double_one_target(workspace, now=NOW + 3600)
        _forget_the_versions(reference)
        recompute(subject, only_open=False, now=NOW + 3600)
        recompute(reference, only_open=False, now=NOW + 3600)
        assert _content(subject) == _content(reference)
    finally:
        subject.close()
        reference.close()


def _halve_the_last_policys_targets(workspace: Workspace) -> None:
    with workspace.session(write=True) as session:
        policy = load_active_policies(session)[-1]
        spec = policy_to_dict(policy)
        spec["targets"] = {
            priority: {metric: seconds // 2 for metric, seconds in per.items()}
            for priority, per in spec["targets"].items()
        }
        save_policy_version(
            session, policy.id, spec, calendar_name=policy.calendar.name, author="t", now=NOW
        )


def test_the_saved_policys_tickets_already_on_its_new_version_are_re_baselined(
    tmp_path: Path,
) -> None:
    """The open-ticket recompute a save queues moves open tickets to the new version but
    keeps their stopped verdicts of the old one: the re-baseline re-judges those too."""
    subject, reference = _demo(tmp_path / "s.sqlite3"), _demo(tmp_path / "r.sqlite3")
    try:
        for workspace in (subject, reference):
            _forget_the_versions(workspace)
            recompute(workspace, only_open=False, now=NOW + 3600)
            _halve_the_last_policys_targets(workspace)
            recompute(workspace, now=NOW + 3600)  # what the save queues
        _forget_the_versions(reference)
        recompute(subject, only_open=False, now=NOW + 3600)
        recompute(reference, only_open=False, now=NOW + 3600)
        assert _content(subject) == _content(reference)
    finally:
        subject.close()
        reference.close()

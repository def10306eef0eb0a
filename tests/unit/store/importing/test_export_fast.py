"""The fast export (issue 16) writes exactly what the plain one wrote: the worst cycle
chosen in SQL and among the running ones, instants formatted by numpy."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.recompute.run import recompute
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.importing import export
from slaworkbench.store.importing.export import export_tickets, iso_instant, iso_instants
from slaworkbench.store.policies.versions import list_policies, save_policy_version
from slaworkbench.store.seed import standard_policy_spec
from slaworkbench.store.workspace import open_workspace
from tests.support.examples import share_of_examples
from tests.support.export_reference import reference_export

NOW = 1_767_225_600  # 2026-01-01T00:00:00Z


@pytest.mark.parametrize("later", [0, 3 * 86_400 + 4321])
def test_the_export_equals_the_plain_one_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, later: int
) -> None:
    monkeypatch.setattr(export, "PAGE", 250)  # several pages, one ticket range each
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace:
        generate_demo(workspace, tickets=1200, seed=4, now=NOW)
        with workspace.session(write=True) as session:  # a second version judges some
            policy = list_policies(session)[0]
            spec = {**standard_policy_spec(), "name": policy.name}
            save_policy_version(session, policy.id, spec, calendar_name="24/7", author="t", now=NOW)
        recompute(workspace, only_open=True, now=NOW)
        fast, plain = tmp_path / "fast.csv", tmp_path / "plain.csv"
        with workspace.engine.connect() as connection:
            assert export_tickets(connection, fast, now=NOW + later) == 1200
            assert reference_export(connection, plain, NOW + later) == 1200
    assert fast.read_bytes() == plain.read_bytes()


@given(st.lists(st.one_of(st.none(), st.integers(-62_135_596_800, 253_402_300_799)), max_size=40))
def test_instants_are_formatted_as_one_at_a_time(values: list[int | None]) -> None:
    assert iso_instants(values) == [iso_instant(v) for v in values]


def test_an_instant_beyond_year_9999_fails_as_one_at_a_time() -> None:
    with pytest.raises(ValidationError, match="253402300800"):
        iso_instant(253_402_300_800)
    with pytest.raises(ValidationError, match="253402300800"):
        iso_instants([0, 253_402_300_800])


def test_the_export_in_pages_equals_the_export_in_one_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace:
        generate_demo(workspace, tickets=900, seed=7, now=NOW)
        paged, whole = tmp_path / "paged.csv", tmp_path / "whole.csv"
        with workspace.engine.connect() as connection:
            monkeypatch.setattr(export, "PAGE", 97)  # ten pages, the last one short
            assert export_tickets(connection, paged, now=NOW + 86_400) == 900
            monkeypatch.setattr(export, "PAGE", 10_000)
            assert export_tickets(connection, whole, now=NOW + 86_400) == 900
    assert paged.read_bytes() == whole.read_bytes()


@given(
    st.lists(st.integers(1, 5_000), unique=True).map(sorted),
    st.integers(1, 50),
    st.integers(1, 400),
)
def test_id_runs_cut_the_ids_into_runs_no_longer_and_no_wider_than_asked(
    ids: list[int], most: int, span: int
) -> None:
    runs = list(export.id_runs(ids, most, span))
    assert [i for run in runs for i in run] == ids  # every id once, in order
    for run in runs:
        assert 1 <= len(run) <= most and run[-1] - run[0] < span
    for run, following in pairwise(runs):  # a run ends only when it must
        assert len(run) == most or following[0] - run[0] >= span


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("chosen")
    workspace = open_workspace(str(folder / "w.sqlite3"))
    generate_demo(workspace, tickets=700, seed=9, now=NOW)
    whole = folder / "whole.csv"
    with workspace.engine.connect() as connection:
        export_tickets(connection, whole, now=NOW + 3_600)
    yield workspace, whole.read_text(encoding="utf-8-sig").splitlines()
    workspace.close()


@share_of_examples(0.1)  # each example writes a file: 50 in make test, 1,000 in properties
@given(chosen=st.sets(st.integers(1, 760), max_size=120), page=st.integers(1, 60))
def test_the_export_of_chosen_tickets_is_the_whole_export_s_lines_of_those_tickets(
    demo_export, tmp_path_factory, chosen: set[int], page: int
) -> None:  # type: ignore[no-untyped-def]
    # Ids beyond the workspace's (701-760) are not written; pages of few ids spread wide
    # read by range and keep only the chosen rows.
    workspace, lines = demo_export
    header, rows = lines[0], lines[1:]
    wanted = [row for row in rows if int(row.split(",", 1)[0]) in chosen]
    out = tmp_path_factory.mktemp("out") / "chosen.csv"
    saved = export.PAGE
    export.PAGE = page
    try:
        with workspace.engine.connect() as connection:
            count = export_tickets(connection, out, now=NOW + 3_600, ticket_ids=list(chosen))
    finally:
        export.PAGE = saved
    assert count == len(wanted)
    assert out.read_text(encoding="utf-8-sig").splitlines() == [header, *wanted]

"""The fast export (issue 16) writes exactly what the plain one wrote: the worst cycle
chosen in SQL and among the running ones, instants formatted by numpy."""

from __future__ import annotations

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

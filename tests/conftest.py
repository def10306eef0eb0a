"""Shared test set-up: hypothesis profiles, an isolated home for every test, and the
fixture modules of ``tests/support`` loaded as plugins."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from tests.support.paths import SHARED_DATA

# Fixture modules; ticket_seeding first, as fake_clock imports it (pytest rewrites the
# asserts of a plugin only if the plugin was not imported before).
pytest_plugins = [
    "tests.support.ticket_seeding",
    "tests.support.fake_clock",
    "tests.support.report_data",
    "tests.support.postgres_server",
    "tests.support.engines",
]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The CI profile runs every property 500 times (the heaviest a share of that:
# tests.support.examples), always the same examples; ``long`` (make properties) twenty
# times as many, new ones each run. (2,000 until 2026-12-07: the suite then took
# 14-18 minutes of CI's 15 as this machine's speed moved; 1,000 still 15.4 at its slow
# speed; 800 took 873-973 s the same day; 600 took 567 s at its fast speed and 899 s
# from a fresh clone at its slowest that afternoon, when one scan of the 1M demo took
# 2.5 times as long as on a fast day.)
_THOROUGH: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "print_blob": True,
}
settings.register_profile("ci", max_examples=500, derandomize=True, **_THOROUGH)
settings.register_profile("long", max_examples=10_000, **_THOROUGH)
settings.register_profile(
    "dev",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``--dist loadgroup`` sends the tests of one ``xdist_group`` to one worker by a
    ``@group`` suffix that pytest-xdist (3.8) sets on ``item._nodeid``; pytest 9.2 takes
    a test's id from ``item._id``, so the suffix was lost and the groups were spread over
    the workers. Sets it where it is missing (a no-op where xdist's own took effect)."""
    if not getattr(config.option, "loadgroup", False):
        return
    from _pytest.nodeid import coerce_node_id

    for item in items:
        names = {
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        }
        suffix = "@" + "_".join(sorted(names))
        if names and not item.nodeid.endswith(suffix):
            item._id = coerce_node_id(f"{item.nodeid}{suffix}")


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every app folder (data, config, logs) and the default database go to a temp dir."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SLAWORKBENCH_HOME", str(home))
    monkeypatch.delenv("SLAWORKBENCH_DATABASE", raising=False)
    return home


@pytest.fixture
def bpic2013_path() -> Path:
    path = SHARED_DATA / "bpic2013" / "VINST-incidents.csv.gz"
    if not path.exists():
        pytest.skip("the shared BPI 2013 data set is not beside this checkout")
    return path

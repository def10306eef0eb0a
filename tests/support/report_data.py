"""Report tests share one small random workspace and its report data."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.reports.builder import ReportData, ReportOptions, build_report
from tests.support.analytics_workspace import MiniWorkspace, build_workspace

NOW = int(dt.datetime(2026, 5, 10, 12, tzinfo=dt.UTC).timestamp())
FILTERS = Filters(dt.date(2026, 1, 1), dt.date(2026, 4, 30), tz="Europe/Lisbon")


@pytest.fixture(scope="module")
def ws() -> MiniWorkspace:
    return build_workspace(seed=11, tickets=300)


@pytest.fixture(scope="module")
def data(ws: MiniWorkspace) -> ReportData:
    return build_report(ws, ReportOptions(FILTERS), workspace="Test workspace", now=NOW)


@pytest.fixture
def locale() -> QLocale:
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)

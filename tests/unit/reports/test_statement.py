"""The customer statement as PDF, HTML and CSV: the credits owed on paper are the
builder's, which equal the hand-computed figures of Acme's January."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from slaworkbench.app.agreements.statement import build_statement
from slaworkbench.reports.statement import write_statement
from tests.support.agreements.workspace import JAN_2026, acme_january, agreement_workspace

NOW = JAN_2026 + 40 * 86_400


@pytest.fixture
def statement(tmp_path: Path):  # type: ignore[no-untyped-def]
    ws = agreement_workspace(tmp_path)
    acme_january(ws)
    built = build_statement(ws, "Acme", dt.date(2026, 1, 1), dt.date(2026, 1, 31), now=NOW)
    ws.close()
    return built


def test_csv_holds_every_credit_and_the_total(statement, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.csv"
    write_statement(statement, "csv", path)
    rows = list(csv.DictReader(path.read_text("utf-8-sig").splitlines()))
    credits = sorted(float(r["value"]) for r in rows if r["section"] == "credit")
    assert credits == [100.0, 120.0, 200.0]
    [total] = [r for r in rows if r["section"] == "total"]
    assert float(total["value"]) == 420.0 and total["subject"] == "EUR"


def test_html_names_the_rules_and_their_computation(statement, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.html"
    write_statement(statement, "html", path)
    text = path.read_text("utf-8")
    assert "Total owed for the period: 420.00 EUR." in text
    assert "3 tickets × 50.00 = 150.00, capped at 120.00" in text
    assert "Portal availability below 99.9 %" in text
    assert "Support for the Portal by e-mail and phone." in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pdf_text_holds_the_credits_owed(statement, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.pdf"
    pages = write_statement(statement, "pdf", path)
    assert pages >= 2
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Total owed for the period: 420.00 EUR." in text
    for amount in ("120.00 EUR", "200.00 EUR", "100.00 EUR"):
        assert amount in text
    assert "Methods" in text

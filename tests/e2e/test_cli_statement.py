"""``slaworkbench report --customer C --statement`` as the real program on a demo
workspace: the PDF's text holds the credits owed, equal to the builder's figure and to an
independent computation from the workspace's rows."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from slaworkbench.app.agreements.statement import build_statement
from slaworkbench.store.workspace import open_workspace
from tests.support.agreements.statement_reference import reference_total

pytestmark = pytest.mark.e2e


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SLAWORKBENCH_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "slaworkbench", *args],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_statement_pdf_holds_the_credits_owed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ws.sqlite3'}"
    made = _run("--database", url, "demo", "--tickets", "3000", home=tmp_path)
    assert made.returncode == 0, made.stderr
    ws = open_workspace(url, create=False)
    try:
        with ws.begin() as connection:
            customers = connection.execute(text(
                "SELECT c.name FROM agreements a JOIN customers c ON c.id = a.customer_id"
                " ORDER BY c.name"
            )).scalars().all()  # fmt: skip
        assert len(customers) == 3
        today = dt.datetime.now(dt.UTC).date()
        first, last = (today - dt.timedelta(days=62)).replace(day=1), today
        for customer in customers:
            out = tmp_path / f"{customer}.pdf"
            done = _run("--database", url, "report", "--customer", customer, "--statement",
                        "--from", first.isoformat(), "--to", last.isoformat(),
                        "--format", "pdf", "--out", str(out), home=tmp_path)  # fmt: skip
            assert done.returncode == 0, done.stderr
            now = int(dt.datetime.now(dt.UTC).timestamp())
            built = build_statement(ws, customer, first, last, now=now)
            with ws.begin() as connection:
                expected = reference_total(connection, customer, first, last, now)
            assert built.total_credit == pytest.approx(expected, abs=0.01)
            pdf_text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                                      text=True, check=True).stdout  # fmt: skip
            found = re.search(r"Total owed for the period: ([\d,]+\.\d\d) EUR\.", pdf_text)
            assert found is not None, pdf_text[:2000]
            assert float(found.group(1).replace(",", "")) == pytest.approx(expected, abs=0.01)
    finally:
        ws.close()
    missing = _run(
        "--database", url, "report", "--statement", "--from", "2026-01-01", "--to",
        "2026-01-31", "--out", str(tmp_path / "x.pdf"), home=tmp_path,
    )  # fmt: skip
    assert missing.returncode == 1 and "--customer" in missing.stderr
    assert not (tmp_path / "x.pdf").exists()

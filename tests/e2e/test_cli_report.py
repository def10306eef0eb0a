"""``slaworkbench report`` as a real process, with no display."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["SLAWORKBENCH_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "slaworkbench", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    home = tmp_path_factory.mktemp("home")
    database = home / "demo.sqlite3"
    result = run("demo", "--database", str(database), "--tickets", "300", home=home)
    assert result.returncode == 0, result.stderr
    return home, database


def period() -> tuple[str, str]:
    today = dt.date.today()
    return (today - dt.timedelta(days=60)).isoformat(), today.isoformat()


@pytest.mark.parametrize("fmt", ["pdf", "html", "csv"])
def test_writes_each_format_headless(
    workspace: tuple[Path, Path], tmp_path: Path, fmt: str
) -> None:
    home, database = workspace
    start, end = period()
    out = tmp_path / f"report.{fmt}"
    result = run(
        "report",
        "--database",
        str(database),
        "--from",
        start,
        "--to",
        end,
        "--format",
        fmt,
        "--out",
        str(out),
        home=home,
    )
    assert result.returncode == 0, result.stderr
    assert "Wrote" in result.stdout
    data = out.read_bytes()
    if fmt == "pdf":
        assert data.startswith(b"%PDF-")
        assert "pages" in result.stdout
    elif fmt == "html":
        assert b"<!DOCTYPE html>" in data and b"data:image/png;base64," in data
    else:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert ["compliance_by_metric"] in rows
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".report-")]


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("--from", "2026-13-01", "--to", "2026-12-31"), "is not a date"),
        (("--from", "2026-05-01", "--to", "2026-04-01"), "is after --to"),
        (("--from", "2026-01-01", "--to", "2026-02-01", "--team", "Nobody Here"), "no team named"),
        (("--from", "2026-01-01", "--to", "2026-02-01", "--customer", "Zzz"), "no customer named"),
    ],
)
def test_bad_input_fails_with_one_line(
    workspace: tuple[Path, Path], tmp_path: Path, args: tuple[str, ...], reason: str
) -> None:
    home, database = workspace
    out = tmp_path / "r.pdf"
    result = run("report", "--database", str(database), *args, "--out", str(out), home=home)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and reason in lines[0] and "Traceback" not in result.stderr
    assert not out.exists()


def test_unwritable_path_is_refused(workspace: tuple[Path, Path], tmp_path: Path) -> None:
    home, database = workspace
    start, end = period()
    for target, reason in (
        (tmp_path / "missing" / "r.pdf", "does not exist"),
        (tmp_path, "is a folder"),
    ):
        result = run(
            "report",
            "--database",
            str(database),
            "--from",
            start,
            "--to",
            end,
            "--out",
            str(target),
            home=home,
        )
        assert result.returncode != 0
        assert reason in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_missing_workspace_is_refused(tmp_path: Path) -> None:
    result = run(
        "report",
        "--database",
        str(tmp_path / "none.sqlite3"),
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
        "--out",
        str(tmp_path / "r.pdf"),
        home=tmp_path,
    )
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "r.pdf").exists()

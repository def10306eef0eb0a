"""The command line in the language of ``LANG``: its sentences, and a report written in
Portuguese (or, with ``--language``, for a reader elsewhere)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def run(*args: str, home: Path, lang: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LC_ALL", "LC_MESSAGES")
    }
    env["SLAWORKBENCH_HOME"] = str(home)
    env["LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "slaworkbench", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("lang", "bad_date", "no_customer", "no_workspace"),
    [
        (
            "pt_PT.UTF-8",
            "slaworkbench: --from '2026-13-01' não é uma data; escreva-a como AAAA-MM-DD, "
            "p. ex. 2026-03-31.",
            "slaworkbench: --statement precisa de --customer: indique o cliente a que se destina.",
            "Não há nenhum espaço de trabalho em",
        ),
        (
            "pt_BR.UTF-8",
            "slaworkbench: --from '2026-13-01' não é uma data; escreva-a como AAAA-MM-DD, "
            "p. ex. 2026-03-31.",
            "slaworkbench: --statement precisa de --customer: indique o cliente a que se destina.",
            "Não há nenhum espaço de trabalho em",
        ),
        (
            "C.UTF-8",
            "slaworkbench: --from '2026-13-01' is not a date; write it as YYYY-MM-DD, "
            "e.g. 2026-03-31.",
            "slaworkbench: --statement needs --customer: name the customer it is for.",
            "There is no workspace at",
        ),
    ],
)
def test_a_commands_sentences_are_in_the_language_of_lang(
    tmp_path: Path, lang: str, bad_date: str, no_customer: str, no_workspace: str
) -> None:
    out = str(tmp_path / "r.pdf")
    missing = str(tmp_path / "missing.sqlite3")
    base = ["report", "--database", missing, "--to", "2026-01-31", "--out", out]
    result = run(*base, "--from", "2026-13-01", home=tmp_path, lang=lang)
    assert (result.returncode, result.stderr.strip()) == (1, bad_date)
    result = run(*base, "--from", "2026-01-01", "--statement", home=tmp_path, lang=lang)
    assert (result.returncode, result.stderr.strip()) == (1, no_customer)
    result = run(*base, "--from", "2026-01-01", home=tmp_path, lang=lang)
    assert result.returncode == 1 and no_workspace in result.stderr


@pytest.mark.parametrize(
    ("lang", "usage", "team"),
    [("pt_PT.UTF-8", "utilização:", "equipa"), ("pt_BR.UTF-8", "uso:", "equipe")],
)
def test_help_and_a_missing_argument_in_the_language_of_lang(
    tmp_path: Path, lang: str, usage: str, team: str
) -> None:
    shown = run("--help", home=tmp_path, lang=lang)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(f"{usage} slaworkbench")
    assert "\nargumentos posicionais:\n" in shown.stdout and "\nopções:\n" in shown.stdout
    assert "mostrar esta mensagem de ajuda e sair" in shown.stdout
    assert "preencher o espaço de trabalho com dados de demonstração" in " ".join(
        shown.stdout.split()
    )
    assert f"servidor de {team}" in " ".join(shown.stdout.split())

    refused = run("report", "--from", "2026-01-01", home=tmp_path, lang=lang)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert refused.stderr.startswith(f"{usage} slaworkbench report")
    assert refused.stderr.splitlines()[-1] == (
        "slaworkbench report: erro: os seguintes argumentos são obrigatórios: --to, --out"
    )


def test_a_report_in_the_language_of_lang_or_of_its_reader(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    database = str(tmp_path / "demo.sqlite3")
    made = run("demo", "--database", database, "--tickets", "300", home=tmp_path, lang="C")
    assert made.returncode == 0, made.stderr
    today = dt.date.today()
    period = ["--from", (today - dt.timedelta(days=60)).isoformat(), "--to", today.isoformat()]

    def report(lang: str, *extra: str) -> tuple[str, str]:
        out = tmp_path / f"{lang}{''.join(extra)}.pdf"
        done = run(
            "report", "--database", database, *period, "--out", str(out), *extra,
            home=tmp_path, lang=lang,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        # The first page holds every heading asserted (pypdf reads a page in ~0.4 s).
        first = pypdf.PdfReader(str(out)).pages[0]
        return done.stdout, " ".join(first.extract_text().split())

    said, text = report("pt_PT.UTF-8")
    assert said.startswith("Escrito ") and "cronómetros parados no período" in said
    assert "Resumo de cumprimento de SLA" in text and "Página 1 de" in text
    assert "Por equipa" in text and today.strftime("%d/%m/%Y") in text
    said, text = report("pt_BR.UTF-8")
    assert "Por equipe" in text and "chamados" in text
    said, text = report("pt_PT.UTF-8", "--language", "en_GB")
    assert said.startswith("Escrito ")  # the command speaks Portuguese, the report English
    assert "SLA compliance summary" in text and "Page 1 of" in text

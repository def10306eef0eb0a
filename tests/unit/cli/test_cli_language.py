"""The command line in Portuguese, in process: argparse's own words and the --help texts
through the catalogue, the recompute progress line and a dry run's preview with their
counts as the language writes them (plural forms included)."""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterator

import pytest

from slaworkbench import i18n, language
from slaworkbench.cli import parser_language
from slaworkbench.cli.data import preview_line
from slaworkbench.cli.main import build_parser
from slaworkbench.cli.recompute import TerminalProgress
from slaworkbench.domain.model import Priority, Status
from slaworkbench.store.importing.records import TicketRecord


@pytest.fixture
def portuguese(request: pytest.FixtureRequest) -> Iterator[str]:
    code = getattr(request, "param", "pt_PT")
    parser_language.install()
    with i18n.using(code, language.catalogue(code)):
        yield code


def _failure(
    parser: argparse.ArgumentParser, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> str:
    with pytest.raises(SystemExit) as ended:
        parser.parse_args(argv)
    assert ended.value.code == 2
    return capsys.readouterr().err


def test_every_argparse_message_the_program_lists_is_translated_in_both_languages() -> None:
    for code in language.TRANSLATED:
        catalogue = language.catalogue(code)
        assert catalogue is not None
        untranslated = [m for m in parser_language.MESSAGES if not catalogue.translate("", m)]
        assert untranslated == [], code


@pytest.mark.parametrize(
    ("portuguese", "usage", "team"),
    [("pt_PT", "utilização: ", "equipa"), ("pt_BR", "uso: ", "equipe")],
    indirect=["portuguese"],
)
def test_help_and_a_missing_argument_in_portuguese(
    portuguese: str, usage: str, team: str, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(["report", "--help"])
    shown = capsys.readouterr().out
    assert shown.startswith(usage + "slaworkbench report")
    assert "\nopções:\n" in shown and "mostrar esta mensagem de ajuda e sair" in shown
    assert f"só os tickets desta {team}" in shown.replace("chamados", "tickets")

    said = _failure(build_parser(), ["report", "--from", "2026-01-01"], capsys)
    assert said.splitlines()[-1] == (
        "slaworkbench report: erro: os seguintes argumentos são obrigatórios: --to, --out"
    )
    said = _failure(build_parser(), ["report", "--format", "doc"], capsys)
    assert "erro: argumento --format: opção inválida: 'doc'" in said


def test_argparse_plural_forms_come_from_the_catalogue(
    portuguese: str, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = argparse.ArgumentParser(prog="x")
    parser.add_argument("--pair", nargs=2)
    said = _failure(parser, ["--pair", "a"], capsys)
    assert said.splitlines()[-1] == "x: erro: argumento --pair: são esperados 2 argumentos"


def test_without_a_catalogue_argparse_speaks_english(capsys: pytest.CaptureFixture[str]) -> None:
    parser_language.install()
    with i18n.using("en_GB", None):
        said = _failure(build_parser(), ["report", "--from", "2026-01-01"], capsys)
    assert said.startswith("usage: slaworkbench report")
    assert said.splitlines()[-1].endswith(
        "error: the following arguments are required: --to, --out"
    )


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_line_in_portuguese(portuguese: str) -> None:
    stream = Terminal()
    progress = TerminalProgress(stream, i18n.tr("Recomputing"))
    progress(12_345, 12_345)
    assert stream.getvalue() == (
        "\rA recalcular [##############################] 100,0% (12\xa0345 de 12\xa0345)"
    )


def _ticket(events: int) -> TicketRecord:
    return TicketRecord(
        external_id="INC-7",
        subject="Impressora",
        priority=Priority.URGENT,
        status=Status.OPEN,
        created_at=0,
        updated_at=0,
        solved_at=None,
        event_rows=tuple((n, "status", "open", None, None, None, None) for n in range(events)),
    )


@pytest.mark.parametrize("portuguese", ["pt_PT", "pt_BR"], indirect=True)
def test_a_dry_runs_preview_line_in_portuguese(portuguese: str) -> None:
    assert preview_line(_ticket(1)) == "  INC-7 | Impressora | Urgente | Aberto | 1 evento"
    assert preview_line(_ticket(3)) == "  INC-7 | Impressora | Urgente | Aberto | 3 eventos"

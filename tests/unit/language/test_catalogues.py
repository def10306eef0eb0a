"""The two catalogues: complete, with the source's placeholders, pt-PT and pt-BR apart
where usage differs, plural forms by count, and usable without a Qt application."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from slaworkbench import i18n, language
from slaworkbench.i18n import tr, trn
from tools.i18n import translations


@pytest.mark.parametrize("code", translations.LANGUAGES)
def test_every_entry_is_translated_with_the_same_fields(code: str) -> None:
    path = translations.ts_file(code)
    found = translations.problems({code: path})
    assert found == [], "\n".join(found[:20])
    entries = list(translations.messages(path))
    assert len(entries) > 1000
    assert any(m.numerus for m in entries)


def test_lupdate_finds_a_new_string_unfinished_and_a_lost_one_vanished(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = tmp_path / "src"
    code.mkdir()
    (code / "m.py").write_text(
        "from slaworkbench.i18n import tr, trn\n"
        'a = tr("Kept")\n'
        'b = trn("{n} new ticket", "{n} new tickets", 2)\n',
        encoding="utf-8",
    )
    ts = tmp_path / "x_pt_PT.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="pt_PT">'
        "<context><name></name><message><source>Kept</source><translation>Mantido</translation>"
        "</message><message><source>Lost</source><translation>Perdido</translation>"
        "</message></context></TS>",
        encoding="utf-8",
    )
    translations.lupdate([ts], drop_obsolete=False, sources=code)
    assert sorted(translations.problems({"pt_PT": ts})) == [
        "pt_PT: 'Lost' is vanished (the code no longer has it)",
        "pt_PT: '{n} new ticket' is unfinished",
    ]
    [new] = [m for m in translations.messages(ts) if m.source == "{n} new ticket"]
    assert new.numerus and new.plural == "{n} new tickets"


def test_a_changed_field_is_a_problem(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ts = tmp_path / "x.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1"><context>'
        "<name></name><message><source>Hello {name}</source>"
        "<translation>Olá {nome}</translation></message></context></TS>",
        encoding="utf-8",
    )
    assert translations.problems({"pt_PT": ts}) == [
        "pt_PT: 'Hello {name}': the translation 'Olá {nome}' changes the fields"
    ]


def test_a_number_formatted_the_python_way_is_a_problem(tmp_path: Path) -> None:
    ts = tmp_path / "x.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1"><context>'
        "<name></name><message><source>Read {count:,} rows in {seconds:.1f} s</source>"
        "<translation>Lidas {count} linhas em {seconds} s</translation></message></context></TS>",
        encoding="utf-8",
    )
    found = translations.problems({"pt_PT": ts})
    assert len(found) == 2
    assert "{count:,} writes its number in English" in found[0]
    assert "{seconds:.1f} writes its number in English" in found[1]


@pytest.mark.parametrize(
    ("source", "portugal", "brazil"),
    [
        ("&File", "&Ficheiro", "&Arquivo"),
        ("Team", "Equipa", "Equipe"),
        ("Save filter…", "Guardar filtro…", "Salvar filtro…"),
        ("Loading…", "A carregar…", "Carregando…"),
        ("Print preview", "Pré-visualização da impressão", "Visualizar impressão"),
        ("Log file", "Ficheiro de registo", "Arquivo de log"),
        ("Requester", "Requerente", "Solicitante"),
    ],
)
def test_portugal_and_brazil_say_it_their_way(source: str, portugal: str, brazil: str) -> None:
    for code, expected in (("pt_PT", portugal), ("pt_BR", brazil)):
        with i18n.using(code, language.catalogue(code)):
            assert tr(source) == expected


def test_plurals_follow_the_count() -> None:
    with i18n.using("pt_BR", language.catalogue("pt_BR")):
        assert trn("Add {n} holiday", "Add {n} holidays", 1) == "Adicionar 1 feriado"
        assert trn("Add {n} holiday", "Add {n} holidays", 1234) == "Adicionar 1.234 feriados"
    assert trn("Add {n} holiday", "Add {n} holidays", 3) == "Add 3 holidays"


def test_a_thread_may_speak_another_language() -> None:
    seen: list[str] = []
    with i18n.using("pt_PT", language.catalogue("pt_PT")):

        def report() -> None:
            with language.speaking("pt_BR"):
                seen.append(tr("Team"))

        thread = threading.Thread(target=report)
        thread.start()
        thread.join()
        seen.append(tr("Team"))
    assert seen == ["Equipe", "Equipa"]


def test_the_command_line_translates_without_a_qt_application() -> None:
    code = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from slaworkbench import language\n"
        "from slaworkbench.i18n import tr\n"
        "language.activate(language.system_locale())\n"
        "assert QCoreApplication.instance() is None\n"
        "print(tr('Team'))\n"
    )
    for lang, expected in (("pt_PT.UTF-8", "Equipa"), ("pt_BR.UTF-8", "Equipe"), ("C", "Team")):
        env = {"LANG": lang, "PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)}
        done = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        assert done.stdout.strip() == expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "pt_BR.UTF-8"}, "pt_BR"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "pt_PT.UTF-8"}, "pt_PT"),
        ({"LANG": "pt_BR.UTF-8", "LC_ALL": "C"}, "en_GB"),
    ],
)
def test_the_system_locale_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    assert language.system_locale() == expected
    assert language.resolve("") == expected
    assert language.resolve("pt_BR") == "pt_BR"
    assert language.translation_of("pt_AO") == "pt_PT"
    assert language.translation_of("en_US") is None

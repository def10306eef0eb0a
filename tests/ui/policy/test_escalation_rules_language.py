"""The escalation rules table in Portuguese: a reassignment to a team is written with the
language's prefix ("equipa: Nível 2") and read back from it, and the English "team:" a
user may know from the documentation is still understood."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from slaworkbench.ui.policy.escalation_rules import EscalationRulesBox
from tests.support.policy.editing import click
from tests.support.window_language import window_language

RULE = {
    "metric": "resolution",
    "level": 1,
    "threshold": "share",
    "value": 75,
    "actions": [{"do": "reassign", "team": "Nível 2"}],
}


def _reassign_to(qtbot: QtBot, box: EscalationRulesBox, text: str) -> object:
    field = box.rows[0].reassign
    field.selectAll()
    qtbot.keyClicks(field, text)
    return box.spec()[0]["actions"]


def test_a_team_is_written_and_read_with_the_languages_prefix(
    qtbot: QtBot, qapp: QApplication
) -> None:
    with window_language(qapp, "pt_PT"):
        box = EscalationRulesBox()
        qtbot.addWidget(box)
        box.show_rules([RULE])
        assert box.rows[0].reassign.text() == "equipa: Nível 2"
        assert box.spec()[0]["actions"] == RULE["actions"]

        assert _reassign_to(qtbot, box, "Equipa: Apoio") == [{"do": "reassign", "team": "Apoio"}]
        assert _reassign_to(qtbot, box, "team: Apoio") == [{"do": "reassign", "team": "Apoio"}]
        assert _reassign_to(qtbot, box, "Ana Silva") == [{"do": "reassign", "agent": "Ana Silva"}]

        # A second rule that does nothing yet is refused in Portuguese.
        click(qtbot, box.add_button)
        assert not box.validate(None)
        assert box.error.text() == (
            "Regra 2: Uma regra de escalonamento faz pelo menos uma coisa: adicione uma ação."
        )


def test_in_brazil_the_prefix_is_equipe(qtbot: QtBot, qapp: QApplication) -> None:
    with window_language(qapp, "pt_BR"):
        box = EscalationRulesBox()
        qtbot.addWidget(box)
        box.show_rules([RULE])
        assert box.rows[0].reassign.text() == "equipe: Nível 2"
        assert box.spec()[0]["actions"] == RULE["actions"]
        assert _reassign_to(qtbot, box, "equipe: Apoio") == [{"do": "reassign", "team": "Apoio"}]

"""The agreement editor's rule tables: what they show is what they read back, in every
language of the program, and a person fills them without knowing any keyword."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication, QComboBox, QDoubleSpinBox
from pytestqt.qtbot import QtBot

from slaworkbench.domain.agreement.spec import agreement_from_dict
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.formatting import read_number
from slaworkbench.store.errors import ValidationError
from slaworkbench.ui.agreements.rule_tables import KINDS, RuleTable, read_tiers
from tests.support.agreements.workspace import acme_terms
from tests.support.window_language import window_language

METRICS = st.sampled_from([m.value for m in Metric])
PRIORITIES = st.sampled_from([p.value for p in Priority])
PERCENT = st.integers(0, 10_000).map(lambda n: n / 100)  # two decimals, as the boxes keep
AMOUNT = st.integers(1, 10_000_000).map(lambda n: n / 100)

RULES = {
    "goals": st.fixed_dictionaries(
        {"metric": METRICS, "priority": st.none() | PRIORITIES, "goal": PERCENT}
    ),
    "services": st.fixed_dictionaries(
        {
            "service": st.text("abcdefgh XYZ-", min_size=1, max_size=12).filter(str.strip),
            "target": st.integers(0, 100_000).map(lambda n: n / 1000),
            "tiers": st.lists(
                st.fixed_dictionaries({"below": PERCENT, "credit": PERCENT}), max_size=3
            ),
        }
    ),
    "ticket_credits": st.fixed_dictionaries(
        {
            "priority": PRIORITIES,
            "metric": METRICS,
            "amount": AMOUNT,
            "percent": st.none(),
            "cap": st.none() | AMOUNT,
        }
    )
    | st.fixed_dictionaries(
        {
            "priority": PRIORITIES,
            "metric": METRICS,
            "amount": st.none(),
            "percent": PERCENT.filter(bool),
            "cap": st.none() | AMOUNT,
        }
    ),
    "compliance_credits": st.fixed_dictionaries(
        {
            "metric": METRICS,
            "priority": st.none() | PRIORITIES,
            "goal": PERCENT,
            "credit": PERCENT.filter(bool),
        }
    ),
}


def _strip(rule: dict[str, Any]) -> dict[str, Any]:
    """A service's name is read without the spaces around it."""
    return dict(rule, service=rule["service"].strip()) if "service" in rule else rule


@pytest.mark.parametrize("code", ["en_GB", "pt_PT", "pt_BR"])
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_the_tables_read_back_what_they_show(
    qtbot: QtBot, qapp: QApplication, code: str, data: st.DataObject
) -> None:
    with window_language(qapp, code):
        for kind in KINDS:
            rules = data.draw(st.lists(RULES[kind], max_size=3), label=kind)
            table = RuleTable(kind)
            try:
                table.set_rules(rules)
                assert table.rules() == [_strip(rule) for rule in rules]
            finally:
                table.deleteLater()


def test_an_agreement_s_rules_survive_the_tables() -> None:
    terms = acme_terms()
    rebuilt = dict(terms)
    for kind in KINDS:
        table = RuleTable(kind)
        table.set_rules(list(terms[kind]))
        rebuilt[kind] = table.rules()
        table.deleteLater()
    assert agreement_from_dict(rebuilt) == agreement_from_dict(terms)


def test_numbers_are_read_as_the_locale_writes_them() -> None:
    assert read_number("99,9", "pt_PT") == read_number("99.9", "pt_PT") == 99.9
    assert read_number("99.9", "pt_BR") == 99.9  # not 999: the dot groups only thousands
    assert read_number("1.000", "pt_BR") == 1000
    assert read_number("99.9 %", "en_GB") == 99.9
    with pytest.raises(ValueError):
        read_number("99,9,9", "en_GB")
    assert read_tiers(" 99.9% = 10% ;99%=25%") == [
        {"below": 99.9, "credit": 10.0},
        {"below": 99.0, "credit": 25.0},
    ]


def test_a_portuguese_manager_types_commas_and_picks_names(
    qtbot: QtBot, qapp: QApplication
) -> None:
    with window_language(qapp, "pt_PT"):
        table = RuleTable("services")
        qtbot.addWidget(table)
        table.show()
        qtbot.mouseClick(table.add_button, qtbot_left())
        name, target, tiers = (table.table.cellWidget(0, c) for c in range(3))
        qtbot.keyClicks(name, "Portal")
        assert isinstance(target, QDoubleSpinBox)
        target.setFocus()
        target.selectAll()
        qtbot.keyClicks(target, "99,95")
        qtbot.keyClicks(tiers, "99,9% = 10%; 99% = 25%")
        assert table.rules() == [
            {
                "service": "Portal",
                "target": 99.95,
                "tiers": [{"below": 99.9, "credit": 10.0}, {"below": 99.0, "credit": 25.0}],
            }
        ]
        goals = RuleTable("goals")
        qtbot.addWidget(goals)
        goals.show()
        qtbot.mouseClick(goals.add_button, qtbot_left())
        metric = goals.table.cellWidget(0, 0)
        assert isinstance(metric, QComboBox)
        metric.setFocus()
        qtbot.keyClicks(metric, "Resolu")  # "Resolução"
        assert goals.rules()[0]["metric"] == "resolution"
        qtbot.keyClicks(tiers, "; 98")
        with pytest.raises(ValidationError, match="Compromissos de disponibilidade, linha 1"):
            table.rules()


def qtbot_left() -> Any:
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_a_credit_left_at_0_is_refused_with_its_row(qtbot: QtBot) -> None:
    """A row added and not filled in is not a rule that owes nothing: it is named."""
    table = RuleTable("ticket_credits")
    qtbot.addWidget(table)
    table.show()
    table.set_rules([{"priority": "urgent", "metric": "resolution", "amount": 50, "cap": None}])
    qtbot.mouseClick(table.add_button, qtbot_left())
    with pytest.raises(ValidationError, match="Credit per breached ticket, row 2: give the credit"):
        table.rules()
    table.table.setCurrentCell(1, 0)
    qtbot.mouseClick(table.remove_button, qtbot_left())
    assert table.rules() == [
        {"priority": "urgent", "metric": "resolution", "amount": 50.0, "percent": None, "cap": None}
    ]
    assert table.remove_button.isEnabled() == (table.table.currentRow() >= 0)

"""Numbers inside translated sentences go through the formatting engine: a count reads
``1,234`` in English and ``1.234`` in Brazil (``12 345`` in Portugal, whose CLDR groups
from five digits), seconds ``2.5 s`` / ``2,5 s`` — never Python's ``{count:,}``, which
writes the English comma in every language, or a bare ``{count}``, which writes none."""

from __future__ import annotations

import pytest

from slaworkbench import i18n, language
from slaworkbench.app.check.summary import describe_report
from slaworkbench.app.check.workspace import CheckReport
from slaworkbench.domain.model import Priority, Status
from slaworkbench.store.importing.records import ImportFileError, TicketRecord
from slaworkbench.store.importing.storable import check_storable


def _report(verified: int, seconds: float) -> CheckReport:
    return CheckReport(
        integrity_checked=True,
        problems=(),
        tickets_verified=verified,
        tickets_repaired=0,
        repaired_ids=(),
        closed_unevaluated=0,
        seconds=seconds,
    )


@pytest.mark.parametrize(
    ("code", "verified", "count", "seconds"),
    [
        ("en_GB", 1234, "1,234", "2.5"),
        ("en_US", 1234, "1,234", "2.5"),
        ("pt_BR", 1234, "1.234", "2,5"),
        ("pt_PT", 12345, "12\xa0345", "2,5"),
    ],
)
def test_the_check_summary_writes_its_numbers_as_the_locale_does(
    code: str, verified: int, count: str, seconds: str
) -> None:
    catalogue = None if code.startswith("en") else language.catalogue(code)
    with i18n.using(code, catalogue):
        lines = describe_report(_report(verified, 2.46))
    assert any(f" {count} " in line for line in lines), lines
    assert lines[-1].endswith(f" {seconds} s."), lines
    if catalogue is not None:
        assert lines[-1].startswith("Verificad"), lines  # the sentence itself is Portuguese


def test_an_import_refusal_writes_the_lengths_as_the_locale_does() -> None:
    record = TicketRecord(
        external_id="T-1",
        subject="x" * 1500,
        priority=Priority.NORMAL,
        status=Status.NEW,
        created_at=0,
        updated_at=0,
        solved_at=None,
        event_rows=(),
    )
    with (
        i18n.using("pt_BR", language.catalogue("pt_BR")),
        pytest.raises(ImportFileError) as refused,
    ):
        check_storable([record])
    assert "campo assunto com 1.500 caracteres" in str(refused.value)
    with i18n.using("en_GB", None), pytest.raises(ImportFileError) as refused:
        check_storable([record])
    assert "1,500 characters" in str(refused.value)

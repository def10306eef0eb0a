"""CSV errors name the line a person finds the mistake on."""

from __future__ import annotations

from pathlib import Path

import pytest

from slaworkbench.store.importing.csv_source import CsvTable
from slaworkbench.store.importing.records import ImportFileError

GOOD = 'id,subject\n1,printer\n2,vpn\n3,"two\nlines"\n4,mail\n'


def _read_all(path: Path) -> list[tuple[int, list[str]]]:
    with CsvTable(path) as table:
        return list(table.rows())


def test_a_quote_left_open_is_reported_where_it_opened(tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    path.write_text(GOOD + '5,"the quote opens here\n')  # line 7, the file ends at line 8
    with pytest.raises(ImportFileError, match="opened at line 7 ") as caught:
        _read_all(path)
    assert "line 8" not in str(caught.value)


def test_a_quote_left_open_after_escaped_quotes_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.csv"
    text = 'id,subject\r\n1,"said ""hi"""\r\n2,"multi\r\nline"\r\n3,"open ""quoted\r\nrest\r\n'
    path.write_bytes(text.encode())
    with pytest.raises(ImportFileError, match="opened at line 5 "):
        _read_all(path)


def test_rows_still_say_the_line_they_end_on(tmp_path: Path) -> None:
    path = tmp_path / "good.csv"
    path.write_text(GOOD)
    assert [line for line, _ in _read_all(path)] == [2, 3, 5, 6]

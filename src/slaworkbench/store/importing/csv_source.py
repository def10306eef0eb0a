"""Reading CSV input: ``.csv`` or ``.csv.gz``, UTF-8 with or without a byte-order mark.

Whole-file problems (no such file, not UTF-8, an empty file, a column the importer reads
named twice, broken CSV quoting) raise ``ImportFileError`` with one sentence that names
the line or column. A column named twice that the importer does not read is only a
warning (``duplicate_warnings``); ``index`` points at a name's first column.
Rows come out with their line number (the header is line 1) so every rejection can say
where it was.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, cast

from slaworkbench.i18n import tr
from slaworkbench.store.importing.records import ImportFileError

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


def _open_binary(path: Path) -> BinaryIO:
    """The file's bytes, transparently gunzipped when it starts with the gzip magic."""
    try:
        raw = path.open("rb")
    except FileNotFoundError:
        raise ImportFileError(
            tr("The file {path} does not exist; check the name and try again.").format(path=path)
        ) from None
    except IsADirectoryError:
        raise ImportFileError(
            tr("{path} is a folder, not a CSV file; choose a file.").format(path=path)
        ) from None
    except OSError as error:
        raise ImportFileError(
            tr("The file {path} cannot be read ({reason}).").format(
                path=path, reason=error.strerror or error
            )
        ) from None
    with_gzip = raw.peek(2)[:2] == GZIP_MAGIC
    if not with_gzip:
        return raw
    raw.close()
    return cast(BinaryIO, gzip.open(path, "rb"))


def _decoding_error_line(path: Path) -> int:
    """The line (1-based) of the first byte that is not valid UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with _open_binary(path) as stream:
        while chunk := stream.read(_CHUNK):
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return line + chunk.count(b"\n", 0, max(0, error.start - pending))
            line += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return line
    return line


def _wrong_encoding(path: Path) -> ImportFileError:
    line = _decoding_error_line(path)
    return ImportFileError(
        tr(
            "The file is not UTF-8 text (wrong encoding at line {line}); "
            "save it as CSV UTF-8 and import again."
        ).format(line=line)
    )


class CsvTable:
    """One CSV file opened for a single pass: ``header`` then ``rows()``."""

    def __init__(self, path: str | Path, delimiter: str = ",") -> None:
        self.path = Path(path)
        self._binary = _open_binary(self.path)
        self._text = io.TextIOWrapper(self._binary, encoding="utf-8-sig", newline="")
        self._reader = csv.reader(self._text, delimiter=delimiter, strict=True)
        self._row_end = 0
        """The line the last row read ended on: the next row starts after it."""
        self.header = self._read_header()
        self.index: dict[str, int] = {}
        for position, name in enumerate(self.header):
            self.index.setdefault(name, position)
        self.duplicates = tuple(
            dict.fromkeys(name for name in self.header if self.header.count(name) > 1)
        )
        """Column names the header holds more than once."""

    def __enter__(self) -> CsvTable:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._text.close()

    def _next(self) -> list[str] | None:
        with self._errors():
            row = next(self._reader, None)
            self._row_end = self._reader.line_num
            return row

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Reading problems as one-sentence ``ImportFileError``s."""
        try:
            yield
        except UnicodeDecodeError:
            raise _wrong_encoding(self.path) from None
        except csv.Error as error:
            unclosed = self._unclosed_quote_line() if "end of data" in str(error) else None
            if unclosed is not None:
                raise ImportFileError(
                    tr(
                        "The file is not valid CSV: the quoted field opened at line {line} is "
                        'never closed; add the closing quote (").'
                    ).format(line=unclosed)
                ) from None
            raise ImportFileError(
                tr("The file is not valid CSV at line {line} ({reason}).").format(
                    line=self._reader.line_num, reason=error
                )
            ) from None
        except (OSError, EOFError, zlib.error) as error:
            raise ImportFileError(
                tr("The file cannot be read to the end ({reason}); is it a complete file?").format(
                    reason=error
                )
            ) from None

    def _read_header(self) -> list[str]:
        header = self._next()
        while header is not None and not any(cell.strip() for cell in header):
            header = self._next()
        if header is None:
            raise ImportFileError(tr("The file is empty; there is nothing to import."))
        names = [cell.strip() for cell in header]
        for position, name in enumerate(names, start=1):
            if not name:
                raise ImportFileError(
                    tr("Column {position} of the header has no name; name every column.").format(
                        position=position
                    )
                )
        return names

    def _unclosed_quote_line(self) -> int | None:
        """The line where the quoted field left open at the end of the file begins: read
        again from the start of the row that failed."""
        line = 1
        opened: int | None = None
        quoted = False
        with _open_binary(self.path) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            for physical in text:
                if line > self._row_end:
                    at = 0
                    while at < len(physical):
                        char = physical[at]
                        if quoted and char == '"' and physical[at + 1 : at + 2] == '"':
                            at += 2  # an escaped quote inside a quoted field
                            continue
                        if char == '"':
                            quoted = not quoted
                            opened = line if quoted else opened
                        at += 1
                line += physical.count("\n") or 1
        return opened if quoted else None

    def refuse_duplicates(self, read: list[str]) -> None:
        """A whole-file error when a column the importer reads is named twice (which of
        the two is meant cannot be known)."""
        for column in read:
            if column in self.duplicates:
                raise ImportFileError(
                    tr(
                        "The header names the column '{column}' twice and it is read; "
                        "rename one of them and import again."
                    ).format(column=column)
                )

    def duplicate_warnings(self, read: list[str]) -> tuple[str, ...]:
        """One sentence per column named twice that the importer does not read."""
        return tuple(
            tr(
                "the header names the column '{column}' twice; it is not read, so this does "
                "not matter."
            ).format(column=column)
            for column in self.duplicates
            if column not in read
        )

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """``(line, cells)`` for every non-blank row; ``line`` is where the row ends."""
        reader = self._reader
        with self._errors():  # one handler around the loop, not one per row
            for row in reader:
                self._row_end = reader.line_num
                if len(row) < 2 and (not row or not row[0].strip()):
                    continue
                yield self._row_end, row

    def require(self, columns: list[str], preset_name: str) -> None:
        """A whole-file error naming the first column the preset needs that the file names
        twice or lacks."""
        self.refuse_duplicates(columns)
        for column in columns:
            if column not in self.index:
                raise ImportFileError(
                    tr(
                        "The file has no column '{column}', which the preset '{preset}' needs; "
                        "check the file or choose another preset."
                    ).format(column=column, preset=preset_name)
                )

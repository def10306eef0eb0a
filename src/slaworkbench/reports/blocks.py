"""The printable report as a flat list of blocks: headings, paragraphs, tables, charts.

Every text here is plain text (ticket subjects included): renderers escape it. The HTML
renderer writes the blocks one after another; the PDF renderer paginates them, breaking
tables only between rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from slaworkbench.reports.charts import ChartImage


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    tone: str | None = None
    """``good``, ``bad``, ``muted`` or ``None``."""
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 2
    page_break_before: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    style: str = "body"
    """``title``, ``subtitle``, ``body`` or ``note``."""


@dataclass(frozen=True, slots=True)
class KeyFigure:
    label: str
    value: str
    detail: str
    tone: str | None = None


@dataclass(frozen=True, slots=True)
class KeyFigures:
    """The headline: one tile per metric."""

    figures: tuple[KeyFigure, ...]


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    align: tuple[str, ...]
    """``l``, ``r`` or ``c`` per column."""
    widths: tuple[int, ...] = ()
    """Percent widths per column (optional)."""
    nowrap: tuple[int, ...] = ()
    """Columns whose cells never wrap (ticket ids, durations, dates)."""
    total_row: bool = False
    """The last row is a total and is shown in bold."""
    empty_text: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    image: ChartImage
    caption: str
    width_fraction: float = 1.0


Block = Heading | Paragraph | KeyFigures | Table | Chart

"""The PDF's pagination over random documents (headings, paragraphs, notes, tables of
any length, page breaks): every block once and every row once, in order; no page over
its body; a heading never ends a page, a note never opens one without what it captions,
and a heading that asks for a new page gets one (``reports/pdf.py``). A note's page end
is rare among random documents (a few in a hundred): ``test_renderers.py`` places one
there on purpose."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QPageSize, QPdfWriter

from slaworkbench.reports.blocks import Block, Cell, Heading, Paragraph, Table
from slaworkbench.reports.document import ReportDocument
from slaworkbench.reports.pdf import ReportPaginator, page_layout
from tests.support.examples import share_of_examples

WORDS = st.sampled_from(["overdue", "Billing", "DEMO-1-0826737", "404h 47m", "a", "resolution"])


def _text(low: int, high: int) -> st.SearchStrategy[str]:
    return st.lists(WORDS, min_size=low, max_size=high).map(" ".join)


HEADINGS = st.builds(Heading, _text(1, 4), st.sampled_from([2, 3]), st.booleans())
PARAGRAPHS = st.builds(Paragraph, _text(1, 80), st.sampled_from(["body", "note"]))


@st.composite
def tables(draw: st.DrawFn) -> Table:
    columns = draw(st.integers(2, 4))
    rows = draw(st.lists(st.tuples(*[_text(1, 9)] * columns), max_size=45))
    return Table(
        tuple(f"Column {k}" for k in range(columns)),
        tuple(tuple(Cell(text) for text in row) for row in rows),
        ("l",) * columns,
        nowrap=draw(st.sets(st.integers(0, columns - 1), max_size=1).map(tuple)),
        empty_text="None.",
    )


CAPTIONED = st.tuples(tables(), st.builds(Paragraph, _text(1, 12), st.just("note")))
"""A table and its note, as every section writes them: where the table ends near the
bottom of a page, the note would open the next one."""
BLOCKS = st.lists(
    st.one_of(HEADINGS.map(lambda b: [b]), PARAGRAPHS.map(lambda b: [b]), CAPTIONED.map(list)),
    min_size=1,
    max_size=7,
).map(lambda groups: [block for group in groups for block in group])


def _note(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.style == "note"


@given(BLOCKS, st.booleans())
@share_of_examples(0.05)
def test_pages_hold_every_block_and_row_once_and_keep_the_rules(
    qapp: object, blocks: list[Block], landscape: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        writer = QPdfWriter(str(Path(folder) / "x.pdf"))
        writer.setResolution(150)
        writer.setPageLayout(page_layout(QPageSize(QPageSize.PageSizeId.A4), landscape))
        paginator = ReportPaginator(writer, ReportDocument("T", "l", "r", tuple(blocks)))
        pages = paginator.paginate()
        # every block once, every row once, in order
        pieces = [piece for page in pages for piece in page]
        assert sorted({p.block for p in pieces}) == list(range(len(blocks)))
        assert [p.block for p in pieces] == sorted(p.block for p in pieces)
        for index, block in enumerate(blocks):
            if isinstance(block, Table) and block.rows:
                placed = [k for p in pieces if p.block == index for k in range(p.start, p.stop)]
                assert placed == list(range(len(block.rows))), index
        for number, page in enumerate(pages):
            units = len(page)
            # nothing over the body, but a lone piece too tall for any page
            assert units == 1 or paginator._measure(page) <= paginator.body_height + 0.5
            last, first = blocks[page[-1].block], blocks[page[0].block]
            if number < len(pages) - 1 and isinstance(last, Heading):
                assert units == 1  # a heading goes over with what follows it
            if number > 0 and _note(first) and page[0].block > 0:
                before = blocks[page[0].block - 1]
                if isinstance(before, Table) and before.rows:
                    assert len(pages[number - 1]) == 1  # it went over alone, with no choice
            for piece in page[1:]:
                block = blocks[piece.block]
                assert not (isinstance(block, Heading) and block.page_break_before)

"""The methods section of the report: the counting rule, the policy versions in force and
the calendars that measured business time."""

from __future__ import annotations

from slaworkbench.domain.labels import status_label
from slaworkbench.i18n import tr
from slaworkbench.reports.blocks import Block, Cell, Heading, Paragraph, Table
from slaworkbench.reports.builder import REPORTS_COUNT_RULE, ReportData
from slaworkbench.reports.formatting import ReportFormat, day_label


def _hours_text(hours: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]) -> str:
    parts = []
    for key, intervals in hours:
        if intervals:
            spans = ", ".join(f"{a}–{b}" for a, b in intervals)
            parts.append(f"{day_label(key)} {spans}")
    return "; ".join(parts) if parts else tr("no working hours recorded")


def unevaluated_blocks(data: ReportData, fmt: ReportFormat) -> list[Block]:
    """A note, first thing in the report, when some tickets were never evaluated."""
    count = data.methods.unevaluated_tickets
    if not count:
        return []
    sentence = tr(
        "{count} tickets of this workspace have never been evaluated (no SLA clocks): they "
        "are not counted in this report. Judge them with Tools › Re-baseline every ticket "
        '(or slaworkbench recompute --all --reason "…") and make the report again.'
    ).format(count=fmt.count(count))
    return [Paragraph(sentence, "note")]


def methods_blocks(data: ReportData, fmt: ReportFormat) -> list[Block]:
    m = data.methods
    blocks: list[Block] = [
        Heading(tr("Methods"), page_break_before=True),
        Paragraph(tr(REPORTS_COUNT_RULE), "body"),
        *unevaluated_blocks(data, fmt),
        Paragraph(
            tr(
                "The period runs from {start} to {end} (time zone {tz}). Each cycle of a "
                "clock counts once: next-response and periodic-update clocks can run several "
                "times per ticket. Team, agent, customer and priority are the ticket's "
                "current ones. Durations are business time in the calendar of the policy "
                "that judged the clock. A clock is breached when its business time exceeds "
                "its target; one stopped exactly at its due time is achieved."
            ).format(start=fmt.instant(m.start_at), end=fmt.instant(m.end_at), tz=m.tz),
            "body",
        ),
        Paragraph(
            tr("Statuses that pause pausable clocks (periodic update, resolution): {list}.").format(
                list=", ".join(status_label(s) for s in m.pause_statuses) or tr("none")
            ),
            "body",
        ),
        Heading(tr("Policy versions in force"), level=3),
        Table(
            (
                tr("Policy"),
                tr("Version"),
                tr("Saved"),
                tr("By"),
                tr("Calendar"),
                tr("Pauses on"),
                tr("Clocks judged"),
            ),
            tuple(
                (
                    Cell(v.policy + ("" if v.active else " " + tr("(inactive)"))),
                    Cell(fmt.count(v.version) + (" " + tr("(current)") if v.is_current else "")),
                    Cell(fmt.instant(v.created_at)),
                    Cell(v.author),
                    Cell(v.calendar),
                    Cell(", ".join(status_label(s) for s in v.pause_statuses) or "—"),
                    Cell(fmt.count(v.clocks_judged)),
                )
                for v in m.policy_versions
            ),
            ("l", "r", "r", "l", "l", "l", "r"),
            (20, 11, 15, 13, 15, 14, 12),
            empty_text=tr("No policy version is recorded."),
        ),
    ]
    if m.unversioned_clocks:
        blocks.append(
            Paragraph(
                tr("{count} clocks were judged by a policy version no longer recorded.").format(
                    count=fmt.count(m.unversioned_clocks)
                ),
                "note",
            )
        )
    blocks.append(Heading(tr("Calendars"), level=3))
    blocks.append(
        Table(
            (tr("Calendar"), tr("Time zone"), tr("Working hours"), tr("Holidays in the period")),
            tuple(
                (
                    Cell(c.name),
                    Cell(c.timezone),
                    Cell(_hours_text(c.hours)),
                    Cell(
                        "; ".join(f"{fmt.date(d)} {name}".strip() for d, name in c.holidays)
                        or tr("none")
                    ),
                )
                for c in m.calendars
            ),
            ("l", "l", "l", "l"),
            (18, 16, 42, 24),
            empty_text=tr("No calendar is in use."),
        )
    )
    return blocks

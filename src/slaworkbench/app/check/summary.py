"""What a full check found, as sentences for ``slaworkbench check`` and Tools › Check
workspace (one list of lines, the same in both)."""

from __future__ import annotations

from slaworkbench import formatting
from slaworkbench.app.check.workspace import CheckReport
from slaworkbench.i18n import tr

PROBLEMS_SHOWN = 10
"""Lines of SQLite's integrity report that are listed (the count is always whole)."""


def describe_report(report: CheckReport) -> list[str]:
    """The outcome of ``check_workspace`` in a few lines, the verdict first."""
    lines: list[str] = []
    if report.problems:
        lines.append(
            tr(
                "The workspace is damaged: SQLite's integrity check found {count} problems. "
                "Nothing was changed; restore a backup (File › Restore backup…) or keep a copy "
                "and recover what you can with the sqlite3 tool's .recover command."
            ).format(count=formatting.count(len(report.problems)))
        )
        lines.extend(f"  {problem}" for problem in report.problems[:PROBLEMS_SHOWN])
        if len(report.problems) > PROBLEMS_SHOWN:
            lines.append(
                tr("  … and {count} more.").format(
                    count=formatting.count(len(report.problems) - PROBLEMS_SHOWN)
                )
            )
        return lines
    if report.ok:
        lines.append(tr("The workspace is whole and every SLA clock matches its events."))
    if report.integrity_checked:
        lines.append(tr("Integrity check: ok (every page, table and index)."))
    else:
        lines.append(tr("Integrity check: left to the database server (not a SQLite file)."))
    lines.append(
        tr("Verified the SLA clocks of {count} open tickets against their events.").format(
            count=formatting.count(report.tickets_verified)
        )
    )
    if report.tickets_repaired:
        ids = ", ".join(str(ticket) for ticket in report.repaired_ids)
        more = report.tickets_repaired - len(report.repaired_ids)
        lines.append(
            tr(
                "Repaired the clocks of {count} tickets that did not match their events "
                "(ids {ids}{more})."
            ).format(
                count=formatting.count(report.tickets_repaired),
                ids=ids,
                more=tr(" and {count} more").format(count=formatting.count(more)) if more else "",
            )
        )
    if report.ola_tickets_repaired:
        ids = ", ".join(str(ticket) for ticket in report.ola_repaired_ids)
        more = report.ola_tickets_repaired - len(report.ola_repaired_ids)
        lines.append(
            tr(
                "Repaired the team agreement (OLA) cycles of {count} open tickets that did "
                "not match their events (ids {ids}{more})."
            ).format(
                count=formatting.count(report.ola_tickets_repaired),
                ids=ids,
                more=tr(" and {count} more").format(count=formatting.count(more)) if more else "",
            )
        )
    if report.rollup_rows_repaired:
        lines.append(
            tr(
                "Rebuilt the daily figures the dashboard and reports read: {count} of their "
                "rows did not match the SLA clocks."
            ).format(count=formatting.count(report.rollup_rows_repaired))
        )
    if report.closed_unevaluated:
        lines.append(
            tr(
                "{count} closed tickets have never been judged (an import or demo was cut "
                'short); judge them with: slaworkbench recompute --all --reason "..."'
            ).format(count=formatting.count(report.closed_unevaluated))
        )
    lines.append(tr("Checked in {seconds} s.").format(seconds=formatting.number(report.seconds, 1)))
    return lines

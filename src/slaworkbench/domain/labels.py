"""The words people see for the domain's vocabulary, in one place (translated by ``tr``).

Each function takes the enum member or its stored string value and returns the label;
an unknown value is shown as it is rather than failing.
"""

from __future__ import annotations

from slaworkbench.domain.model import ClockState, Metric, Priority, Status
from slaworkbench.i18n import tr


def priority_label(priority: Priority | str | None) -> str:
    if priority is None:
        return tr("(none)")
    labels: dict[str, str] = {
        Priority.URGENT: tr("Urgent"),
        Priority.HIGH: tr("High"),
        Priority.NORMAL: tr("Normal"),
        Priority.LOW: tr("Low"),
    }
    return labels.get(str(priority), str(priority))


def metric_label(metric: Metric | str) -> str:
    labels: dict[str, str] = {
        Metric.FIRST_RESPONSE: tr("First response"),
        Metric.NEXT_RESPONSE: tr("Next response"),
        Metric.PERIODIC_UPDATE: tr("Periodic update"),
        Metric.RESOLUTION: tr("Resolution"),
    }
    return labels.get(str(metric), str(metric))


def status_label(status: Status | str) -> str:
    labels: dict[str, str] = {
        Status.NEW: tr("New"),
        Status.OPEN: tr("Open"),
        Status.PENDING: tr("Pending"),
        Status.ON_HOLD: tr("On hold"),
        Status.SOLVED: tr("Solved"),
        Status.CLOSED: tr("Closed"),
    }
    return labels.get(str(status), str(status))


def clock_state_label(state: ClockState | str) -> str:
    labels: dict[str, str] = {
        ClockState.RUNNING: tr("Running"),
        ClockState.PAUSED: tr("Paused"),
        ClockState.BREACHED: tr("Overdue"),
        ClockState.ACHIEVED: tr("Achieved"),
    }
    return labels.get(str(state), str(state))


def condition_label(field: str) -> str:
    """The label of a policy condition's field (the editors' "applies when" rows)."""
    return {
        "priorities": tr("Priority"),
        "customers": tr("Customer:"),
        "customer_tiers": tr("Customer tier:"),
        "teams": tr("Team:"),
        "categories": tr("Category:"),
        "channels": tr("Channel:"),
        "tags": tr("Tags:"),
    }.get(field, field)

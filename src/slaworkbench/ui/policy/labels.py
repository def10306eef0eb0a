"""Words for the vocabulary the editors show: priorities, metrics, statuses, conditions."""

from __future__ import annotations

from slaworkbench.domain.model import Metric, Priority, Status
from slaworkbench.i18n import tr


def priority_label(priority: Priority) -> str:
    return {
        Priority.URGENT: tr("Urgent"),
        Priority.HIGH: tr("High"),
        Priority.NORMAL: tr("Normal"),
        Priority.LOW: tr("Low"),
    }[priority]


def metric_label(metric: Metric) -> str:
    return {
        Metric.FIRST_RESPONSE: tr("First response"),
        Metric.NEXT_RESPONSE: tr("Next response"),
        Metric.PERIODIC_UPDATE: tr("Periodic update"),
        Metric.RESOLUTION: tr("Resolution"),
    }[metric]


def status_label(status: Status) -> str:
    return {
        Status.NEW: tr("New"),
        Status.OPEN: tr("Open"),
        Status.PENDING: tr("Pending"),
        Status.ON_HOLD: tr("On hold"),
        Status.SOLVED: tr("Solved"),
        Status.CLOSED: tr("Closed"),
    }[status]


def condition_label(field: str) -> str:
    return {
        "priorities": tr("Priority"),
        "customers": tr("Customer:"),
        "customer_tiers": tr("Customer tier:"),
        "teams": tr("Team:"),
        "categories": tr("Category:"),
        "channels": tr("Channel:"),
        "tags": tr("Tags:"),
    }[field]

"""Words for the vocabulary the editors show: priorities, metrics, statuses, conditions."""

from __future__ import annotations

from slaworkbench.domain.labels import metric_label, priority_label, status_label
from slaworkbench.i18n import tr

__all__ = ["condition_label", "metric_label", "priority_label", "status_label"]


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

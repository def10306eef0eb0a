"""The stored form of a team's OLA terms: targets per priority and the warning fraction.

``{"targets": {"urgent": 3600, "high": "4h"}, "warning_fraction": 0.25}``: a target is
business seconds or duration text (``parse_duration``) above zero; a priority left out
is not measured. The calendar is stored beside the spec (``team_ola_versions``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slaworkbench.domain.durations import LONGEST_TARGET, LONGEST_TARGET_TEXT, parse_duration
from slaworkbench.domain.labels import priority_label
from slaworkbench.domain.model import Priority
from slaworkbench.domain.policy import DEFAULT_WARNING_FRACTION
from slaworkbench.domain.shown import shown
from slaworkbench.i18n import tr


def ola_terms_from_dict(
    data: Mapping[str, Any], *, stored: bool = False
) -> tuple[dict[Priority, int], float]:
    """(targets, warning fraction) of a spec, checked; a ``ValueError`` says what is wrong.
    A target is at most ``LONGEST_TARGET``, unless ``stored`` (a version saved before
    that limit is read as it was saved)."""
    raw = data.get("targets") or {}
    if not isinstance(raw, Mapping):
        raise ValueError(tr("The OLA targets must be a table of priority and duration."))
    targets: dict[Priority, int] = {}
    for key, value in raw.items():
        try:
            priority = Priority(key)
        except ValueError:
            raise ValueError(tr("“{key}” is not a priority.").format(key=shown(key))) from None
        if isinstance(value, bool) or not isinstance(value, int | str):
            seconds = -1
        else:
            seconds = value if isinstance(value, int) else parse_duration(value)
        if seconds <= 0:
            raise ValueError(
                tr("The OLA target for {priority} must be a positive duration such as 4h.").format(
                    priority=priority_label(priority)
                )
            )
        if seconds > LONGEST_TARGET and not stored:
            raise ValueError(
                tr(
                    "The OLA target for {priority} is longer than {longest}; give at most"
                    " {longest}."
                ).format(priority=priority_label(priority), longest=LONGEST_TARGET_TEXT)
            )
        targets[priority] = seconds
    fraction = data.get("warning_fraction", DEFAULT_WARNING_FRACTION)
    if isinstance(fraction, bool) or not isinstance(fraction, int | float):
        raise ValueError(tr("The warning share must be a number."))
    if not 0 <= float(fraction) < 1:
        raise ValueError(tr("The warning share must be at least 0 and below 1."))
    return targets, float(fraction)


def ola_terms_to_dict(targets: Mapping[Priority, int], warning_fraction: float) -> dict[str, Any]:
    return {
        "targets": {
            priority.value: targets[priority] for priority in Priority if priority in targets
        },
        "warning_fraction": warning_fraction,
    }

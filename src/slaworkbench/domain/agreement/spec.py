"""An agreement's terms as a checked value (``AgreementSpec``) and its JSON form.

``agreement_from_dict`` refuses bad terms with one sentence naming the field: validity
that ends before it starts, tiers that overlap, a weight or percentage out of range, a
negative fee or volume. The JSON form is what ``agreement_versions.spec`` stores.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from slaworkbench.domain.agreement.credits import (
    AvailabilityTiers,
    ComplianceCredit,
    TicketCredit,
    Tier,
)
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.i18n import tr


@dataclass(frozen=True, slots=True)
class MetricGoal:
    metric: Metric
    priority: Priority | None
    goal_percent: float


@dataclass(frozen=True, slots=True)
class ServiceCommitment:
    service: str
    target_percent: float
    tiers: AvailabilityTiers = field(default_factory=lambda: AvailabilityTiers(()))


@dataclass(frozen=True, slots=True)
class AgreementSpec:
    name: str
    customer: str
    valid_from: dt.date
    valid_to: dt.date | None
    policy: str
    calendar: str | None = None
    """The customer's own business calendar; it overrides the policy's for their tickets."""
    description: str = ""
    """Rich text (HTML) describing the service: scope, channels, support hours."""
    monthly_fee: float = 0.0
    currency: str = "EUR"
    exclude_planned: bool = True
    minimum_volume: int = 0
    csat_goal: float | None = None
    nps_goal: float | None = None
    goals: tuple[MetricGoal, ...] = ()
    services: tuple[ServiceCommitment, ...] = ()
    ticket_credits: tuple[TicketCredit, ...] = ()
    compliance_credits: tuple[ComplianceCredit, ...] = ()

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError(tr("An agreement needs a name."))
        if not self.customer.strip():
            raise ValueError(tr("An agreement needs a customer."))
        if not self.policy.strip():
            raise ValueError(tr("Choose the SLA policy that judges this customer's tickets."))
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(
                tr("The agreement's validity ends ({end}) before it starts ({start}).").format(
                    end=self.valid_to.isoformat(), start=self.valid_from.isoformat()
                )
            )
        if not (math.isfinite(self.monthly_fee) and self.monthly_fee >= 0):
            raise ValueError(tr("The monthly fee is an amount of 0 or more."))
        if self.minimum_volume < 0:
            raise ValueError(tr("The minimum monthly ticket volume is 0 or more."))
        if self.csat_goal is not None and not 0 <= self.csat_goal <= 100:
            raise ValueError(tr("The CSAT goal is a percentage from 0 to 100."))
        if self.nps_goal is not None and not -100 <= self.nps_goal <= 100:
            raise ValueError(tr("The NPS goal is a score from −100 to 100."))
        for goal in self.goals:
            if not 0 <= goal.goal_percent <= 100:
                raise ValueError(tr("A compliance goal is a percentage from 0 to 100."))
        names = [s.service for s in self.services]
        if len(names) != len(set(names)):
            raise ValueError(tr("Each service is committed to once per agreement."))
        for service in self.services:
            if not 0 < service.target_percent <= 100:
                raise ValueError(
                    tr(
                        "The availability target of {service} is a percentage above 0, up to 100."
                    ).format(service=service.service)
                )

    def active_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def goal_for(self, metric: Metric, priority: Priority | None) -> float | None:
        for goal in self.goals:
            if goal.metric == metric and goal.priority == priority:
                return goal.goal_percent
        return None


def _date(value: Any, what: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as error:
        raise ValueError(
            tr("{what} is a date like 2026-01-31, not “{value}”.").format(what=what, value=value)
        ) from error


def _priority(value: Any) -> Priority | None:
    if value in (None, "", "any"):
        return None
    try:
        return Priority(str(value))
    except ValueError as error:
        raise ValueError(tr("Unknown priority “{value}”.").format(value=value)) from error


def _metric(value: Any) -> Metric:
    try:
        return Metric(str(value))
    except ValueError as error:
        raise ValueError(tr("Unknown metric “{value}”.").format(value=value)) from error


def _optional_float(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


def agreement_from_dict(data: Mapping[str, Any]) -> AgreementSpec:
    """Check and build an agreement from its JSON form (``ValueError`` with a sentence)."""
    try:
        valid_to = data.get("valid_to")
        return AgreementSpec(
            name=str(data.get("name", "")).strip(),
            customer=str(data.get("customer", "")).strip(),
            valid_from=_date(data.get("valid_from"), tr("The start of validity")),
            valid_to=None if not valid_to else _date(valid_to, tr("The end of validity")),
            policy=str(data.get("policy", "")).strip(),
            calendar=(str(data["calendar"]).strip() or None) if data.get("calendar") else None,
            description=str(data.get("description", "")),
            monthly_fee=float(data.get("monthly_fee", 0.0)),
            currency=str(data.get("currency", "EUR")),
            exclude_planned=bool(data.get("exclude_planned", True)),
            minimum_volume=int(data.get("minimum_volume", 0)),
            csat_goal=_optional_float(data.get("csat_goal")),
            nps_goal=_optional_float(data.get("nps_goal")),
            goals=tuple(
                MetricGoal(_metric(g["metric"]), _priority(g.get("priority")), float(g["goal"]))
                for g in data.get("goals", ())
            ),
            services=tuple(
                ServiceCommitment(
                    service=str(s["service"]),
                    target_percent=float(s["target"]),
                    tiers=AvailabilityTiers(
                        tuple(
                            Tier(float(t["below"]), float(t["credit"])) for t in s.get("tiers", ())
                        )
                    ),
                )
                for s in data.get("services", ())
            ),
            ticket_credits=tuple(
                TicketCredit(
                    priority=_priority(c["priority"]) or Priority.NORMAL,
                    metric=_metric(c["metric"]),
                    amount=_optional_float(c.get("amount")),
                    percent=_optional_float(c.get("percent")),
                    monthly_cap=_optional_float(c.get("cap")),
                )
                for c in data.get("ticket_credits", ())
            ),
            compliance_credits=tuple(
                ComplianceCredit(
                    metric=_metric(c["metric"]),
                    priority=_priority(c.get("priority")),
                    goal_percent=float(c["goal"]),
                    credit_percent=float(c["credit"]),
                )
                for c in data.get("compliance_credits", ())
            ),
        )
    except (KeyError, TypeError) as error:
        raise ValueError(
            tr("The agreement is incomplete: {what} is missing or malformed.").format(what=error)
        ) from error


def agreement_to_dict(spec: AgreementSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "customer": spec.customer,
        "valid_from": spec.valid_from.isoformat(),
        "valid_to": None if spec.valid_to is None else spec.valid_to.isoformat(),
        "policy": spec.policy,
        "calendar": spec.calendar,
        "description": spec.description,
        "monthly_fee": spec.monthly_fee,
        "currency": spec.currency,
        "exclude_planned": spec.exclude_planned,
        "minimum_volume": spec.minimum_volume,
        "csat_goal": spec.csat_goal,
        "nps_goal": spec.nps_goal,
        "goals": [
            {"metric": g.metric.value, "priority": g.priority and g.priority.value,
             "goal": g.goal_percent}
            for g in spec.goals
        ],
        "services": [
            {"service": s.service, "target": s.target_percent,
             "tiers": [{"below": t.below_percent, "credit": t.credit_percent}
                       for t in s.tiers.tiers]}
            for s in spec.services
        ],
        "ticket_credits": [
            {"priority": c.priority.value, "metric": c.metric.value, "amount": c.amount,
             "percent": c.percent, "cap": c.monthly_cap}
            for c in spec.ticket_credits
        ],
        "compliance_credits": [
            {"metric": c.metric.value, "priority": c.priority and c.priority.value,
             "goal": c.goal_percent, "credit": c.credit_percent}
            for c in spec.compliance_credits
        ],
    }  # fmt: skip

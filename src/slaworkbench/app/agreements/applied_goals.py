"""The goals a customer's active agreement sets, for the screens that judge figures
against goals when filtered to that customer: the dashboard and the compliance report.

Without a customer filter (or for a customer without an active agreement) they keep the
workspace's own goals. With one, the agreement's goals replace them where it has one:
compliance per metric (a goal for the metric and priority, else the metric's goal for
every priority), CSAT (% satisfied), NPS, and the availability target of each service it
commits to (docs/AGREEMENTS.md)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from slaworkbench import formatting
from slaworkbench.app.analytics.availability import ServiceMonth
from slaworkbench.domain.labels import metric_label, priority_label
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.i18n import tr
from slaworkbench.store.agreements.versions import active_agreement_for


@dataclass(frozen=True, slots=True)
class AppliedGoals:
    customer: str
    agreement: str
    compliance: tuple[tuple[str, str | None, float], ...] = ()
    """(metric, priority or ``None`` for every priority, goal as a fraction)."""
    csat: float | None = None
    """Share of CSAT answers of 4 or 5 (fraction)."""
    nps: float | None = None
    """NPS points (−100…100)."""
    availability: dict[str, float] = field(default_factory=dict)
    """Service → availability target (fraction)."""

    def compliance_goal(self, metric: str, priority: str | None = None) -> float | None:
        """The goal of ``metric`` (for ``priority``: its own goal, else the metric's)."""
        found = {(m, p): goal for m, p, goal in self.compliance}
        if priority is not None and (metric, priority) in found:
            return found[(metric, priority)]
        return found.get((metric, None))

    def retarget(self, months: Sequence[ServiceMonth]) -> tuple[ServiceMonth, ...]:
        """The services' months judged against the agreement's availability targets."""
        return tuple(
            dataclasses.replace(m, target=self.availability[m.service])
            if m.service in self.availability
            else m
            for m in months
        )

    def sentence(self) -> str:
        """One line naming the agreement and the goals it sets."""
        parts = [
            tr("{metric} {goal} %").format(
                metric=metric_label(metric) if priority is None
                else tr("{metric} ({priority})").format(metric=metric_label(metric),
                                                       priority=priority_label(priority)),
                goal=formatting.decimal(100 * goal),
            )
            for metric, priority, goal in self.compliance
        ]  # fmt: skip
        if self.csat is not None:
            parts.append(
                tr("CSAT {goal} % satisfied").format(goal=formatting.decimal(100 * self.csat))
            )
        if self.nps is not None:
            parts.append(tr("NPS {goal}").format(goal=formatting.decimal(self.nps, sign=True)))
        parts += [
            tr("{service} {target} % available").format(
                service=name, target=formatting.decimal(100 * t)
            )
            for name, t in sorted(self.availability.items())
        ]
        return tr("Goals of {customer}'s agreement “{agreement}”: {goals}.").format(
            customer=self.customer, agreement=self.agreement,
            goals="; ".join(parts) or tr("none set"),
        )  # fmt: skip


def applied_goals(session: Session, customer: str | None) -> AppliedGoals | None:
    """The goals of ``customer``'s active agreement (``None``: no customer, no agreement)."""
    if not customer:
        return None
    version = active_agreement_for(session, customer)
    if version is None:
        return None
    spec = version.spec
    order = {metric: n for n, metric in enumerate(Metric)}
    ranks = {priority: n for n, priority in enumerate(Priority)}
    goals = sorted(
        spec.goals,
        key=lambda g: (order[g.metric], -1 if g.priority is None else ranks[g.priority]),
    )
    return AppliedGoals(
        customer=customer,
        agreement=spec.name,
        compliance=tuple(
            (
                g.metric.value,
                None if g.priority is None else g.priority.value,
                g.goal_percent / 100.0,
            )
            for g in goals
        ),
        csat=None if spec.csat_goal is None else spec.csat_goal / 100.0,
        nps=spec.nps_goal,
        availability={s.service: s.target_percent / 100.0 for s in spec.services},
    )

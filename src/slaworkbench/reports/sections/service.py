"""The service sections of the report: response and resolution times, customer
satisfaction and service availability."""

from __future__ import annotations

from slaworkbench.app.analytics.distributions import SatisfactionBucket
from slaworkbench.domain.labels import metric_label, priority_label
from slaworkbench.i18n import tr
from slaworkbench.reports import charts
from slaworkbench.reports.blocks import Block, Cell, Chart, Heading, Paragraph, Table
from slaworkbench.reports.builder import ReportData
from slaworkbench.reports.formatting import ReportFormat


def response_time_blocks(data: ReportData, fmt: ReportFormat) -> list[Block]:
    rows = tuple(
        (
            Cell(metric_label(d.metric)),
            Cell(priority_label(d.priority)),
            Cell(fmt.count(d.count)),
            Cell(fmt.duration(d.p50)),
            Cell(fmt.duration(d.p90)),
            Cell(fmt.duration(d.mean)),
        )
        for d in data.distributions
    )
    return [
        Heading(tr("Response and resolution times")),
        Table(
            (
                tr("Metric"),
                tr("Priority"),
                tr("Clocks"),
                tr("Median"),
                tr("90th percentile"),
                tr("Mean"),
            ),
            rows,
            ("l", "l", "r", "r", "r", "r"),
            (22, 14, 14, 16, 18, 16),
            empty_text=tr("No clock stopped in the period."),
        ),
        Paragraph(tr("Business time of clocks that stopped in the period."), "note"),
    ]


def _bucket_label(b: SatisfactionBucket, fmt: ReportFormat) -> str:
    if b.without_response:
        return tr("No first response")
    if b.upper is None:
        return tr("{lower} or more").format(lower=fmt.duration(b.lower))
    if not b.lower:
        return tr("Under {upper}").format(upper=fmt.duration(b.upper))
    return tr("{lower} to {upper}").format(lower=fmt.duration(b.lower), upper=fmt.duration(b.upper))


def satisfaction_blocks(data: ReportData, fmt: ReportFormat) -> list[Block]:
    rows = tuple(
        (
            Cell(_bucket_label(b, fmt)),
            Cell(fmt.count(b.csat_count)),
            Cell(fmt.number(b.csat_mean, 2)),
            Cell(fmt.percent(b.csat_satisfied, 0)),
            Cell(fmt.count(b.nps_count)),
            Cell(fmt.signed(b.nps), "bad" if (b.nps or 0) < 0 else None),
        )
        for b in data.satisfaction
    )
    total_nps = sum(p.responses for p in data.nps)
    promoters = sum(p.promoters for p in data.nps)
    detractors = sum(p.detractors for p in data.nps)
    csat_n = sum(p.csat_count for p in data.nps)
    csat_sum = sum((p.csat_mean or 0) * p.csat_count for p in data.nps)
    agreed = data.agreement_goals
    blocks: list[Block] = [
        Heading(tr("Customer satisfaction")),
        Paragraph(
            tr("CSAT {csat} from {csat_n} answers (1–5); NPS {nps} from {nps_n} answers.").format(
                csat=fmt.number(csat_sum / csat_n if csat_n else None, 2),
                csat_n=fmt.count(csat_n),
                nps=fmt.signed(100 * (promoters - detractors) / total_nps if total_nps else None),
                nps_n=fmt.count(total_nps),
            ),
            "body",
        ),
        Table(
            (
                tr("First response"),
                tr("CSAT answers"),
                tr("CSAT mean"),
                tr("Satisfied (4–5)"),
                tr("NPS answers"),
                tr("NPS"),
            ),
            rows,
            ("l", "r", "r", "r", "r", "r"),
            (25, 15, 15, 15, 15, 15),
        ),
    ]
    if agreed is not None and (agreed.csat is not None or agreed.nps is not None):
        blocks.append(Paragraph(_satisfaction_goals(data, fmt), "body"))
    if total_nps:
        image = charts.export(
            "nps",
            charts.bar_plot(
                [fmt.bucket(p.start, data.trend_bucket) for p in data.nps],
                [p.nps for p in data.nps],
                tr("NPS"),
                (-100, 100),
            ),
        )
        blocks.append(Chart(image, tr("Net promoter score per period of answer."), 0.8))
    return blocks


def _satisfaction_goals(data: ReportData, fmt: ReportFormat) -> str:
    """The agreement's CSAT and NPS goals against the period's answers."""
    agreed = data.agreement_goals
    assert agreed is not None
    answers = sum(b.csat_count for b in data.satisfaction)
    satisfied = sum((b.csat_satisfied or 0.0) * b.csat_count for b in data.satisfaction)
    responses = sum(p.responses for p in data.nps)
    score = (
        100 * (sum(p.promoters for p in data.nps) - sum(p.detractors for p in data.nps))
        / responses if responses else None
    )  # fmt: skip
    csat = satisfied / answers if answers else None

    def verdict(value: float | None, goal: float) -> str:
        if value is None:
            return tr("no answers")
        return tr("met") if value >= goal - 1e-9 else tr("missed")

    parts = []
    if agreed.csat is not None:
        parts.append(
            tr("CSAT goal {goal} satisfied: {value}, {verdict}").format(
                goal=fmt.percent(agreed.csat, 0), value=fmt.percent(csat, 1),
                verdict=verdict(csat, agreed.csat),
            )
        )  # fmt: skip
    if agreed.nps is not None:
        parts.append(
            tr("NPS goal {goal}: {value}, {verdict}").format(
                goal=fmt.signed(agreed.nps), value=fmt.signed(score),
                verdict=verdict(score, agreed.nps),
            )
        )  # fmt: skip
    return tr("Against the goals of “{agreement}”: {parts}.").format(
        agreement=agreed.agreement, parts="; ".join(parts)
    )


def availability_blocks(data: ReportData, fmt: ReportFormat) -> list[Block]:
    services: list[tuple[str, float]] = []
    for service_month in data.availability:
        if (service_month.service, service_month.target) not in services:
            services.append((service_month.service, service_month.target))
    months = sorted({m.month for m in data.availability})
    cells = {(m.service, m.month): m for m in data.availability}
    blocks: list[Block] = [Heading(tr("Service availability"))]
    if not services:
        blocks.append(Paragraph(tr("No service is monitored in this workspace."), "note"))
        return blocks
    for start in range(0, len(services), 5):
        chunk = services[start : start + 5]
        rows = []
        for month in months:
            row = [Cell(fmt.month(month))]
            for name, _target in chunk:
                one = cells.get((name, month))
                if one is None or one.uptime is None:
                    row.append(Cell("—", "muted"))
                else:
                    row.append(Cell(fmt.percent(one.uptime, 3), "good" if one.met else "bad"))
            rows.append(tuple(row))
        headers = tuple(
            tr("{service} (target {target})").format(service=name, target=fmt.percent(target, 2))
            for name, target in chunk
        )
        width = 80 // len(chunk)
        blocks.append(
            Table(
                (tr("Month"), *headers),
                tuple(rows),
                ("l", *("r" for _ in chunk)),
                (100 - width * len(chunk), *(width for _ in chunk)),
            )
        )
    blocks.append(
        Paragraph(
            tr(
                "Uptime = 1 − downtime ÷ time measured, per month of the period up to the "
                "moment of the report; overlapping outages count once."
            ),
            "note",
        )
    )
    agreed = data.agreement_goals
    if agreed is not None and any(name in agreed.availability for name, _ in services):
        blocks.append(
            Paragraph(
                tr("Targets of the services in “{agreement}” are the agreement's.").format(
                    agreement=agreed.agreement
                ),
                "note",
            )
        )
    return blocks

"""The headline: compliance per metric, and how many clocks will breach soon."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from slaworkbench.app.analytics.dashboard import SoonData, SummaryData
from slaworkbench.domain.labels import metric_label
from slaworkbench.i18n import tr
from slaworkbench.ui.dashboard.chart_theme import fmt_int, fmt_percent


class _Card(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel()
        self.value = QLabel()
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        # Top-aligned: a card whose detail takes one line where the others take two kept
        # its figure level with theirs (centred, it sat a few pixels lower).
        layout.addStretch(1)

    def show_values(self, caption: str, value: str, detail: str) -> None:
        self.caption.setText(caption)
        self.value.setText(value)
        self.detail.setText(detail)
        self.setToolTip(f"{caption}: {value}\n{detail}")


class SummaryCards(QWidget):
    """Cards: one per measured metric, then the breaches due in 24 hours and 7 days."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._cards: list[_Card] = []
        self.summary: SummaryData | None = None
        self.soon: SoonData | None = None
        self.message = QLabel(tr("Loading…"))
        self._layout.addWidget(self.message)

    def _card(self, index: int) -> _Card:
        while len(self._cards) <= index:
            card = _Card(self)
            self._cards.append(card)
            self._layout.insertWidget(self._layout.count() - 1, card, 1)
        return self._cards[index]

    def set_summary(self, summary: SummaryData) -> None:
        self.summary = summary
        self._refresh()

    def set_soon(self, soon: SoonData) -> None:
        self.soon = soon
        self._refresh()

    def set_busy(self, busy: bool) -> None:
        self.message.setText(tr("Loading…") if busy else "")

    def show_error(self, message: str) -> None:
        self.message.setText(message)

    def texts(self) -> list[tuple[str, str, str]]:
        return [
            (c.caption.text(), c.value.text(), c.detail.text())
            for c in self._cards
            if c.isVisibleTo(self)
        ]

    def _refresh(self) -> None:
        index = 0
        if self.summary is not None:
            for m in self.summary.metrics:
                value = fmt_percent(m.compliance) if m.compliance is not None else "—"
                detail = tr(
                    "{achieved} achieved · {breached} breached · {open} not stopped"
                ).format(
                    achieved=fmt_int(m.achieved),
                    breached=fmt_int(m.breached),
                    open=fmt_int(m.not_stopped),
                )
                self._card(index).show_values(metric_label(m.metric), value, detail)
                self._card(index).setVisible(True)
                index += 1
        if self.soon is not None:
            self._card(index).show_values(
                tr("Tickets breaching within 24 h"),
                fmt_int(self.soon.tickets_24h),
                tr("open tickets with a running clock due by this time tomorrow"),
            )
            self._card(index).setVisible(True)
            self._card(index + 1).show_values(
                tr("Tickets breaching within 7 days"),
                fmt_int(self.soon.tickets_7d),
                tr("if nobody acts on them"),
            )
            self._card(index + 1).setVisible(True)
            index += 2
        for card in self._cards[index:]:
            card.setVisible(False)
        self.message.setText("")

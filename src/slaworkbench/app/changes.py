"""What a use case changed in the workspace, so every screen decides what to refresh.

A use case that writes returns (or its caller builds) a ``Changes``; the UI's one
``ChangeNotice`` (``ui/changes.py``) announces it to every screen. Qt-free.

- ``policies``: a policy version was saved, the order or activation changed;
- ``calendars``: a calendar's hours, holidays or zone changed;
- ``tickets``: tickets were created or their fields changed (a reply, a status...);
- ``clocks``: stored clock results changed (a recompute or a ticket action);
- ``agreements``: agreements, services, outages or survey answers changed;
- ``external``: another window or process changed the workspace (the watcher); what it
  changed is unknown, so a screen treats it as "everything".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changes:
    policies: bool = False
    calendars: bool = False
    tickets: bool = False
    clocks: bool = False
    external: bool = False
    agreements: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            policies=self.policies or other.policies,
            calendars=self.calendars or other.calendars,
            tickets=self.tickets or other.tickets,
            clocks=self.clocks or other.clocks,
            external=self.external or other.external,
            agreements=self.agreements or other.agreements,
        )

    @property
    def anything(self) -> bool:
        return (
            self.policies
            or self.calendars
            or self.tickets
            or self.clocks
            or self.external
            or self.agreements
        )

    def touches_clocks(self) -> bool:
        """Whether shown countdowns may be stale (new results, or new rules to count by)."""
        return self.clocks or self.calendars or self.policies or self.external

    def touches_tickets(self) -> bool:
        return self.tickets or self.clocks or self.external


EVERYTHING = Changes(
    policies=True, calendars=True, tickets=True, clocks=True, external=True, agreements=True
)

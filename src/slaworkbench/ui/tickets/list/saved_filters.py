"""Custom filters people save from the list, kept in QSettings (one JSON list)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from PySide6.QtCore import QSettings

from slaworkbench.domain.model import Priority
from slaworkbench.store.tickets.query import TicketQuery, View

log = logging.getLogger(__name__)

SETTINGS_KEY = "ticket_list/saved_filters"


@dataclass(frozen=True, slots=True)
class SavedFilter:
    name: str
    view: View
    search: str = ""
    priorities: tuple[Priority, ...] = ()
    team_id: int | None = None

    def apply_to(self, query: TicketQuery) -> TicketQuery:
        return TicketQuery(
            view=self.view,
            search=self.search,
            priorities=self.priorities,
            team_id=self.team_id,
            me_agent_id=query.me_agent_id,
            sort=query.sort,
            descending=query.descending,
        )

    @classmethod
    def from_query(cls, name: str, query: TicketQuery) -> SavedFilter:
        return cls(name, query.view, query.search, query.priorities, query.team_id)

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "view": self.view.value,
            "search": self.search,
            "priorities": [p.value for p in self.priorities],
            "team_id": self.team_id,
        }

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> SavedFilter:
        priorities = raw.get("priorities") or []
        team = raw.get("team_id")
        return cls(
            name=str(raw["name"]),
            view=View(str(raw.get("view", View.ALL_OPEN.value))),
            search=str(raw.get("search") or ""),
            priorities=tuple(Priority(str(p)) for p in priorities)
            if isinstance(priorities, list)
            else (),
            team_id=int(team) if isinstance(team, int) else None,
        )


class SavedFilterStore:
    """Reads and writes the saved filters; a damaged entry is skipped, not fatal."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()

    def load(self) -> list[SavedFilter]:
        raw = self._settings.value(SETTINGS_KEY, "[]")
        try:
            items = json.loads(str(raw))
        except json.JSONDecodeError:
            log.warning("Saved filters in the settings are damaged; starting with none")
            return []
        filters: list[SavedFilter] = []
        for item in items if isinstance(items, list) else []:
            try:
                filters.append(SavedFilter.from_json(item))
            except (KeyError, ValueError, TypeError, AttributeError):
                log.warning("Skipping a damaged saved filter: %r", item)
        return filters

    def save_all(self, filters: list[SavedFilter]) -> None:
        self._settings.setValue(SETTINGS_KEY, json.dumps([f.to_json() for f in filters]))
        self._settings.sync()

    def add(self, saved: SavedFilter) -> list[SavedFilter]:
        """Adds or replaces (same name) a filter; returns the new list."""
        filters = [f for f in self.load() if f.name != saved.name] + [saved]
        self.save_all(filters)
        return filters

    def remove(self, name: str) -> list[SavedFilter]:
        filters = [f for f in self.load() if f.name != name]
        self.save_all(filters)
        return filters

"""Acme's agreement with goals other than the workspace's: resolution 90 %, high-priority
first response 75 %, CSAT 80 %, NPS +10, and Portal at 99.5 % (the service's own target is
99.9 %), over Acme's January (``acme_january``)."""

from __future__ import annotations

from pathlib import Path

from slaworkbench.app.agreements.editing import save_agreement
from slaworkbench.store.agreements.versions import list_agreements
from slaworkbench.store.workspace import Workspace
from tests.support.agreements.workspace import acme_january, acme_terms, agreement_workspace

GOALS = {
    "goals": [
        {"metric": "resolution", "priority": None, "goal": 90},
        {"metric": "first_response", "priority": "high", "goal": 75},
    ],
    "services": [{"service": "Portal", "target": 99.5, "tiers": []}],
}


def goals_workspace(tmp_path: Path) -> Workspace:
    ws = agreement_workspace(tmp_path)
    acme_january(ws)
    with ws.session() as session:
        [info] = list_agreements(session)
    save_agreement(ws, info.id, acme_terms(**GOALS), author="test", reason="new goals",
                   expected_version=info.lock_version)  # fmt: skip
    return ws

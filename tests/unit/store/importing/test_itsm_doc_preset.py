"""The ITSM incident preset shown in docs/IMPORTING.md loads and imports a small export
shaped like the public incident-management event log (one row per update, "?" for
unknown values, ``opened_at`` before the first row, ``sys_mod_count`` ordering updates
in the same minute)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from slaworkbench.store.importing.event_log import parse_event_log
from slaworkbench.store.importing.presets import preset_from_dict

DOC = Path(__file__).resolve().parents[4] / "docs" / "IMPORTING.md"
COLUMNS = (
    "number,incident_state,active,sys_mod_count,opened_at,sys_updated_by,sys_updated_at,"
    "category,priority,assignment_group,assigned_to"
)
ROWS = (
    ("INC0000045,New,true,0,29/2/2016 01:16,", "Updated by 21,29/2/2016 01:23",
     "Category 55,3 - Moderate,Group 56,?"),
    ("INC0000045,Resolved,true,3,29/2/2016 01:16,", "Updated by 908,29/2/2016 11:29",
     "Category 55,3 - Moderate,Group 56,Resolver 89"),
    ("INC0000045,Active,true,2,29/2/2016 01:16,", "Updated by 804,29/2/2016 11:29",
     "Category 55,3 - Moderate,Group 56,Resolver 89"),
    ("INC0000045,Closed,false,4,29/2/2016 01:16,", "Updated by 908,5/3/2016 12:00",
     "Category 55,3 - Moderate,Group 56,Resolver 89"),
    ("INC0000047,New,true,0,29/2/2016 04:40,", "Updated by 171,29/2/2016 04:57",
     "?,2 - High,?,?"),
    ("INC0000047,-100,true,1,29/2/2016 04:40,", "Updated by 171,29/2/2016 05:10",
     "?,2 - High,?,?"),
    ("INC0000047,Awaiting User Info,true,2,29/2/2016 04:40,", "Updated by 44,29/2/2016 06:00",
     "?,2 - High,Group 70,Resolver 31"),
)  # fmt: skip
EXPORT = COLUMNS + "\n" + "".join(f"{a}{b},{c}\n" for a, b, c in ROWS)


def _doc_preset() -> dict[str, object]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("### A typical ITSM incident export", 1)[1]
    block = re.search(r"```json\n(.*?)```", section, re.S)
    assert block is not None
    spec: dict[str, object] = json.loads(block.group(1))
    return spec


def test_the_documented_itsm_preset_imports_an_export_of_that_shape(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text(EXPORT, encoding="utf-8")
    parsed = parse_event_log(path, preset_from_dict(_doc_preset()))
    assert parsed.rejections == () and parsed.ignored_rows == 1
    first, second = parsed.tickets
    assert first.external_id == "INC0000045"
    assert first.created_at == 1456708560  # opened_at 2016-02-29 01:16 UTC, not the row
    assert [row[1] for row in first.event_rows] == [
        "created", "assigned", "agent_reply", "status_changed", "status_changed",
        "status_changed",
    ]  # fmt: skip
    statuses = [row[3] for row in first.event_rows if row[1] not in ("agent_reply", "assigned")]
    assert statuses == ["new", "open", "solved", "closed"]  # sys_mod_count: Active first
    assert first.status.value == "closed" and first.priority.value == "normal"
    assert second.category is None and second.status.value == "pending"
    assert second.team == "Group 70" and second.priority.value == "high"

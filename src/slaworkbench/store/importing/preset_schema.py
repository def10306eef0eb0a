"""The typed model of a mapping preset (docs/IMPORTING.md): every key, its type, and no
other key. ``presets.preset_from_dict`` checks a document against it before reading it,
so a wrong type or a misspelt key is one sentence naming the key (``store.document_check``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Text = str
Texts = list[str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class PresetColumns(_Strict):
    case_id: Text
    timestamp: Text
    status: Text | Texts
    priority: Text | None = None
    customer: Text | None = None
    customer_tier: Text | None = None
    team: Text | None = None
    assignee: Text | None = None
    author: Text | None = None
    subject: Text | None = None
    requester: Text | None = None
    category: Text | None = None
    channel: Text | None = None
    tags: Text | None = None
    created_at: Text | None = None
    order: Text | None = None


class PresetTimestamps(_Strict):
    formats: Texts = Field(default_factory=lambda: ["iso8601"], min_length=1)
    timezone: Text = "UTC"


class PresetAgentReply(_Strict):
    from_: Texts = Field(default_factory=list, alias="from")
    to: Texts = Field(min_length=1)
    requires_author: bool = True
    with_status_change: bool = False


class PresetDefaults(_Strict):
    subject: Text = "{case_id}"
    channel: Text | None = None


class PresetModel(_Strict):
    schema_: Text | None = Field(default=None, alias="$schema")
    name: Text | None = None
    description: Text = ""
    columns: PresetColumns
    timestamps: PresetTimestamps = Field(default_factory=PresetTimestamps)
    statuses: dict[str, Text | Texts]
    priorities: dict[str, Text | Texts] = Field(default_factory=dict)
    default_priority: Text = "normal"
    status_separator: Text = "/"
    delimiter: Text = ","
    agent_reply: PresetAgentReply | None = None
    missing_values: Texts = Field(default_factory=list)
    on_row_error: Literal["reject_ticket", "skip_row"] = "reject_ticket"
    defaults: PresetDefaults = Field(default_factory=PresetDefaults)

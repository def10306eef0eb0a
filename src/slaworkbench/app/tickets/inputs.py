"""What a ticket action was given, made fit to write: trimmed text, parsed choices, and
customer, team and agent names resolved to ids (``app.tickets``).

Each helper raises a ``ValidationError`` sentence for bad input; only ``customer_id_for``
writes, creating a customer the first time its name is used.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from slaworkbench.i18n import tr
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.schema import Agent, Customer, Team


def clean_text(text: str | None) -> str | None:
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def required_text(text: str, message: str) -> str:
    body = clean_text(text)
    if body is None:
        raise ValidationError(message)
    return body


def parse_choice(kind: Any, value: object, message: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        raise ValidationError(
            message.format(value=value, known=", ".join(member.value for member in kind))
        ) from None


def customer_id_for(session: Session, name: str | None) -> int | None:
    if name is None:
        return None
    found = session.execute(select(Customer.id).where(Customer.name == name)).scalar()
    if found is not None:
        return int(found)
    return int(
        session.execute(insert(Customer).values(name=name).returning(Customer.id)).scalar_one()
    )


def team_id_for(session: Session, name: str | None) -> int | None:
    if name is None:
        return None
    found = session.execute(select(Team.id).where(Team.name == name)).scalar()
    if found is None:
        raise ValidationError(
            tr("There is no team named “{name}”; pick one from the list.").format(name=name)
        )
    return int(found)


def agent_id_for(session: Session, name: str | None) -> int | None:
    if name is None:
        return None
    found = session.execute(select(Agent.id).where(Agent.name == name)).scalar()
    if found is None:
        raise ValidationError(
            tr("There is no agent named “{name}”; pick one from the list.").format(name=name)
        )
    return int(found)

"""Which policy judges each ticket, decided by SQL for a whole chunk at once.

``policy_choice_sql`` turns the ordered policies into one ``CASE`` expression over the
columns of ``store.clocks.inputs.FACTS_FROM_SQL`` (``CONDITION_SQL``): the position of
the first active policy whose conditions all match, else -1. It says exactly what
``domain.policy.select_policy`` says (the tests hold the two equal): every condition is
"is one of" and an empty one matches anything; a missing value (no customer, say)
matches no non-empty condition; tags match when the ticket carries at least one of them
(``tickets.tags`` holds them separated by single spaces). Values are SQL literals with
quotes doubled, so any name is safe.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from slaworkbench.domain.policy import Policy
from slaworkbench.store.clocks.inputs import CONDITION_SQL
from slaworkbench.store.dialect import Bind, contains_sql


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _one_of(column: str, values: Iterable[str]) -> str:
    return f"{column} IN ({', '.join(_literal(v) for v in sorted(values))})"


def _has_tag(tag: str, bind: Bind) -> str:
    return contains_sql(bind, f"(' ' || {CONDITION_SQL['tags']} || ' ')", _literal(f" {tag} "))


def policy_choice_sql(policies: Sequence[Policy], bind: Bind) -> str:
    """An integer SQL expression: the position in ``policies`` of the policy a ticket
    follows, or -1."""
    whens = []
    for position, policy in enumerate(policies):
        if not policy.active:
            continue
        conditions = policy.conditions
        tests = [
            _one_of(column, getattr(conditions, name))
            for name, column in CONDITION_SQL.items()
            if name != "tags" and getattr(conditions, name)
        ]
        if conditions.tags:
            tests.append(
                "(" + " OR ".join(_has_tag(t, bind) for t in sorted(conditions.tags)) + ")"
            )
        whens.append(f"WHEN {' AND '.join(tests) or '1 = 1'} THEN {position}")
    if not whens:
        return "-1"
    return f"CASE {' '.join(whens)} ELSE -1 END"

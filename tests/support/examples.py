"""How many examples the heaviest properties draw: a share of the profile's.

The ``ci`` profile draws 500 examples per property, the ``dev`` one 200, the ``long``
one (``make properties``) 10,000 with a new seed each run. A property whose every
example is a whole batch of tickets, logs or cycles, and whose drawing alone takes
milliseconds, takes a share of that (``make test`` must stay within CI's 15 minutes):
the same share in every profile, so ``make properties`` still runs it twenty times
longer than ``make test`` does.
"""

from __future__ import annotations

from typing import Any

from hypothesis import settings


def share_of_examples(share: float, **other: Any) -> settings:
    """``settings`` drawing ``share`` of the loaded profile's examples (at least 10),
    with any ``other`` setting."""
    examples = max(10, round(settings.default.max_examples * share))
    return settings(max_examples=examples, **other)

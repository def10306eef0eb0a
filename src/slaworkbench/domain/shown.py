"""A value from a file as a sentence quotes it: ``shown(key)``.

A refusal names the key or value that is wrong (``'a\\nb' is not a priority``). A key
may hold a line break, a tab or another control character; written as it is, it would
break the one-line sentence in two. ``shown`` writes each such character escaped the way
Python and JSON write it (``\\n``, ``\\t``, ``\\x00``, ``\\u2028``) and leaves every other
character, accented letters included, as the file has it.
"""

from __future__ import annotations


def shown(value: object) -> str:
    """``value`` as text, with each non-printable character written escaped."""
    text = str(value)
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )

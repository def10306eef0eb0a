"""argparse's own words ("usage:", "options", "error:", "the following arguments are
required: …") in the command line's language, through the program's catalogue.

argparse asks for its texts at the moment it writes them, through the module-level
names ``_`` and ``ngettext`` that it binds from ``gettext`` (Python 3.11 to 3.14 alike);
the global ``gettext`` domain and its ``.mo`` files are not ours to change, so
``install()`` points those two names at ``tr`` and ``trn`` instead. Texts our catalogue
does not know come back unchanged (English), exactly as ``gettext`` gives them without a
translation. The sources below are argparse's own strings, both spellings where newer
Pythons changed one, so that ``lupdate`` extracts them; their ``%(name)s`` and ``%s``
fields are filled by argparse after the lookup and must stay in every translation.
"""

from __future__ import annotations

import argparse

from slaworkbench.i18n import marked, tr, trn

MESSAGES = (
    marked("usage: "),
    marked("positional arguments"),
    marked("options"),
    marked("show this help message and exit"),
    marked("%(prog)s: error: %(message)s\n"),
    marked("%(prog)s: warning: %(message)s\n"),
    marked("argument %(argument_name)s: %(message)s"),
    marked("the following arguments are required: %s"),
    marked("one of the arguments %s is required"),
    marked("not allowed with argument %s"),
    marked("unrecognized arguments: %s"),
    marked("invalid choice: %(value)r (choose from %(choices)s)"),
    marked("invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)"),
    marked("invalid %(type)s value: %(value)r"),
    marked("expected one argument"),
    marked("expected at most one argument"),
    marked("expected at least one argument"),
    marked("ambiguous option: %(option)s could match %(matches)s"),
    marked("ignored explicit argument %r"),
)
"""The argparse messages a person of this program can meet, as argparse spells them."""


def translated(message: str) -> str:
    """argparse's ``_``: the message in the active language (English when unknown)."""
    return tr(message)


def translated_plural(singular: str, plural: str, n: int) -> str:
    """argparse's ``ngettext``: the form for ``n`` in the active language."""
    if (singular, plural) == ("expected %s argument", "expected %s arguments"):
        return trn("expected %s argument", "expected %s arguments", n)
    return tr(singular) if n == 1 else tr(plural)


def install() -> None:
    """From now on argparse writes its own words through the program's catalogue."""
    names = vars(argparse)
    names["_"] = translated
    names["ngettext"] = translated_plural

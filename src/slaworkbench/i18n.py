"""The project's helpers for user-visible text: ``tr("...")`` and ``trn(...)``.

Both look the text up in the active catalogue — the Qt Linguist ``.qm`` of the user's
language, loaded by ``slaworkbench.language`` (a ``QTranslator``, which translates
without a ``QApplication``, so the command line is translated too). This module never
imports Qt, so ``domain`` and ``store`` may use it; without a catalogue (English, or a
Qt-free test) the text comes back unchanged.

Use ``tr("Calendar {name} has no working time").format(name=...)`` — translate the
template, then fill it in. Counts use ``trn("{n} holiday", "{n} holidays", n)``: Qt's
plural rules of the language pick the form and ``{n}`` is filled with the count written
as the active locale writes numbers.

The call shapes are the ones ``pyside6-lupdate`` extracts (``make translations``): a bare
``tr(text)`` lands in the empty context, and ``trn`` is declared to lupdate as an alias of
``tr(source, disambiguation, n)`` — the singular is the source, the plural its
disambiguation, and the message is a numerus (plural) entry. Keep the arguments string
literals, or lupdate cannot see them; a literal translated later through a variable is
marked where it is written with ``marked("...")`` (lupdate's ``QT_TR_NOOP``).

``using(locale, catalogue)`` switches language for the current thread or task only (a
report written in another language than the window's), through a context variable.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

CONTEXT = ""
"""The context lupdate gives a bare ``tr()`` call (module level or inside a class)."""
DEFAULT_LOCALE = "en_GB"


class Catalogue(Protocol):
    """What a ``QTranslator`` offers; an empty answer means "not translated"."""

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = ..., n: int = ...
    ) -> str: ...


@dataclass(frozen=True)
class Language:
    """The locale that writes numbers and dates (``pt_BR``) and its catalogue (``None``
    for English, the source language)."""

    locale: str
    catalogue: Catalogue | None


_installed = Language(DEFAULT_LOCALE, None)
_override: contextvars.ContextVar[Language | None] = contextvars.ContextVar(
    "slaworkbench_language", default=None
)


def install(locale: str, catalogue: Catalogue | None) -> None:
    """Make ``locale`` and ``catalogue`` the program's language (at start)."""
    global _installed
    _installed = Language(locale, catalogue)


def active() -> Language:
    """The language of the current thread's text: an override of ``using`` or the installed one."""
    return _override.get() or _installed


def current_locale() -> str:
    """The active locale's name, e.g. ``pt_PT`` (what ``slaworkbench.formatting`` writes in)."""
    return active().locale


@contextmanager
def using(locale: str, catalogue: Catalogue | None) -> Iterator[None]:
    """Text and numbers in ``locale`` inside the block, for this thread only."""
    token = _override.set(Language(locale, catalogue))
    try:
        yield
    finally:
        _override.reset(token)


def tr(text: str, disambiguation: str | None = None) -> str:
    catalogue = active().catalogue
    if catalogue is None:
        return text
    translated = catalogue.translate(CONTEXT, text, disambiguation, -1)
    return translated or text


def marked(text: str) -> str:
    """Marks a literal for lupdate (Qt's ``QT_TR_NOOP``) where it is translated later, by
    ``tr(variable)``: a table of names kept in English until shown. Returns ``text``."""
    return text


def trn(singular: str, plural: str, n: int) -> str:
    """The singular or plural template for the count ``n``, translated, ``{n}`` filled.

    Without a catalogue, English rules apply: one is singular, every other count plural.
    The templates may hold other ``{fields}``; only ``{n}`` is filled here, so callers
    ``.format()`` the rest.
    """
    language = active()
    template = singular if n == 1 else plural
    if language.catalogue is not None:
        translated = language.catalogue.translate(CONTEXT, singular, plural, n)
        if translated:
            template = translated
    from slaworkbench.formatting import count

    return template.replace("{n}", count(n))

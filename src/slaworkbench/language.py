"""Which language the program speaks, and loading its Qt Linguist catalogue.

The languages are English (the source text), Português (Portugal) and Português (Brasil).
The command line follows ``LC_ALL``/``LC_MESSAGES``/``LANG``; the window follows the
same system locale unless Tools › Language… stored a choice in the settings (read at
start, so a change takes effect on restart). ``activate`` installs the language for
``tr()`` (``slaworkbench.i18n``) and the formatting engine, ``install_in_application``
adds it and Qt's own ``qtbase``/``qt`` catalogue (standard dialogs) to the application,
and ``speaking`` writes one report in another language without touching the window's.

The catalogues are ``resources/translations/slaworkbench_<language>.qm``, built from the
``.ts`` files by ``make translations`` (``pyside6-lrelease``) and shipped in the package.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from slaworkbench import config, i18n
from slaworkbench.i18n import tr
from slaworkbench.pyside_startup import cheap_feature_check

cheap_feature_check()  # the first module of the program's to import Qt

SETTINGS_KEY = "ui/language"
"""The QSettings key of Tools › Language…: ``""`` (the system's), ``en``, ``pt_PT``, ``pt_BR``."""
SYSTEM = ""
TRANSLATED = ("pt_PT", "pt_BR")
"""The languages with a catalogue; English is the source text."""


def choices() -> list[tuple[str, str]]:
    """``(code, name)`` of every choice, each name in its own language."""
    return [
        (SYSTEM, tr("The system's language")),
        ("en", "English"),
        ("pt_PT", "Português (Portugal)"),
        ("pt_BR", "Português (Brasil)"),
    ]


REPORT_LANGUAGES = (
    ("en_GB", "English (UK)"),
    ("en_US", "English (US)"),
    ("pt_PT", "Português (Portugal)"),
    ("pt_BR", "Português (Brasil)"),
)
"""The languages a report or statement can be written in, each name in its own language
(a manager in Lisbon sends a statement to a customer in São Paulo or London)."""


def system_locale() -> str:
    """The locale of the environment: ``LC_ALL``, else ``LC_MESSAGES``, else ``LANG``
    (POSIX order), else what Qt reads from the platform; ``en_GB`` for "C"."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return _normal(value)
    return _normal(QLocale.system().name())


def _normal(value: str) -> str:
    name = value.split(".")[0].split("@")[0].replace("-", "_")
    if name in ("", "C", "POSIX"):
        return i18n.DEFAULT_LOCALE
    return name


def knows(value: str) -> bool:
    """Whether ``value`` names a language Qt can format for (``pt_BR``, ``de``, ``en-GB``);
    ``xx`` or ``english`` does not."""
    return QLocale(_normal(value)).language() != QLocale.Language.C


def resolve(choice: str | None) -> str:
    """The locale for a stored choice: the system's for none; for ``en`` the system's when
    it is English (``en_US`` keeps its dates), else British English."""
    system = system_locale()
    if not choice:
        return system
    if choice == "en":
        return system if system.startswith("en") else i18n.DEFAULT_LOCALE
    return _normal(choice)


def translation_of(locale: str) -> str | None:
    """The catalogue a locale reads: ``pt_BR`` for Brazil, ``pt_PT`` for every other
    Portuguese (Angola, Mozambique… write as Portugal does), none for the rest."""
    name = _normal(locale)
    if name == "pt_BR":
        return "pt_BR"
    if name == "pt" or name.startswith("pt_"):
        return "pt_PT"
    return None


def catalogue_folder() -> Path:
    return config.package_folder("slaworkbench", "resources", "translations")


@lru_cache(maxsize=8)
def catalogue(locale: str) -> QTranslator | None:
    """The loaded catalogue of ``locale``'s language, or ``None`` (English, or no .qm)."""
    language = translation_of(locale)
    if language is None:
        return None
    translator = QTranslator()
    try:
        folder = catalogue_folder()
    except FileNotFoundError:
        return None
    if not translator.load(f"slaworkbench_{language}", str(folder)):
        return None
    return translator


def _as_catalogue(translator: QTranslator | None) -> i18n.Catalogue | None:
    """A ``QTranslator`` is an ``i18n.Catalogue`` (PySide6's stubs spell ``translate``'s
    defaults differently from the protocol's, which some mypy releases refuse)."""
    return cast("i18n.Catalogue | None", translator)


def activate(locale: str) -> None:
    """``tr()`` and the formatting engine speak ``locale`` from now on."""
    i18n.install(locale, _as_catalogue(catalogue(locale)))


@lru_cache(maxsize=8)
def qt_catalogues(locale: str) -> tuple[QTranslator, ...]:
    """Qt's own translations of its standard dialogs and buttons, in installation order
    (the last installed is asked first). Qt ships ``qtbase_pt_BR`` but for Portugal only
    the older ``qt_pt_PT``, which lacks the newer texts (the buttons of a dialog box); so
    Portugal asks ``qt_pt_PT`` first and falls back on Brazil's ``qtbase``."""
    language = translation_of(locale)
    if language is None:
        return ()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    names = ["qtbase_pt_BR"] + (["qt_pt_PT"] if language == "pt_PT" else [])
    loaded = []
    for name in names:
        translator = QTranslator()
        if translator.load(name, folder):
            loaded.append(translator)
    return tuple(loaded)


def install_in_application(app: QCoreApplication, choice: str | None) -> str:
    """At start: activate the chosen (or the system's) language and install its catalogue
    and Qt's in ``app`` (``self.tr`` of widgets and Qt's dialogs read those). Returns the
    locale."""
    locale = resolve(choice)
    activate(locale)
    QLocale.setDefault(QLocale(locale))  # the widgets' own numbers and dates
    ours = catalogue(locale)
    if ours is not None:
        app.installTranslator(ours)
    for theirs in qt_catalogues(locale):
        app.installTranslator(theirs)
    return locale


@contextmanager
def speaking(locale: str | QLocale | None) -> Iterator[str]:
    """Inside the block this thread's ``tr()`` and formatting speak ``locale`` (a report for
    a reader abroad); ``None`` keeps the active language. Yields the locale's name."""
    if locale is None:
        yield i18n.current_locale()
        return
    name = _normal(locale.name() if isinstance(locale, QLocale) else locale)
    with i18n.using(name, _as_catalogue(catalogue(name))):
        yield name

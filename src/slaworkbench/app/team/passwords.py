"""The team server's password in the operating system's keyring (``keyring``).

The window remembers the server's URL without the password; the password is kept in
the keyring under the URL when a usable keyring exists (a desktop's secret service, the
macOS keychain, Windows' credential locker). Without one, ``usable()`` is false and
the window asks for the password at each start. A keyring that fails on use counts as
none: the password is then simply not remembered.
"""

from __future__ import annotations

import logging

import keyring
from keyring.backends import fail
from keyring.errors import KeyringError

from slaworkbench import config

log = logging.getLogger(__name__)
SERVICE = config.APP_NAME


def usable() -> bool:
    backend = keyring.get_keyring()
    return not isinstance(backend, fail.Keyring) and float(getattr(backend, "priority", 0)) > 0


def remember(url: str, password: str) -> bool:
    """Keep ``password`` for the server at ``url`` (given without its password)."""
    if not usable():
        return False
    try:
        keyring.set_password(SERVICE, url, password)
    except KeyringError as error:
        log.warning("The keyring refused the password: %s", error)
        return False
    return True


def recall(url: str) -> str | None:
    if not usable():
        return None
    try:
        return keyring.get_password(SERVICE, url)
    except KeyringError as error:
        log.warning("The keyring could not be read: %s", error)
        return None


def forget(url: str) -> None:
    if not usable():
        return
    try:
        keyring.delete_password(SERVICE, url)
    except KeyringError:
        return

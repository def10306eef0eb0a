"""``slaworkbench calendar …`` and ``slaworkbench policy …``: set up a workspace from files.

The files are exactly those the window's Import/Export buttons read and write
(``app.policies.files``): a calendar file is a calendar's JSON; a policy file carries the
policy and, usually, its calendar. An imported policy whose name the workspace knows
becomes that policy's next version (its place in the order kept); a new name is added
last, or first with ``--first``. Nothing is re-judged here: ``slaworkbench recompute
--all`` then re-judges history under the new set-up.
"""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path

from sqlalchemy.orm import Session

from slaworkbench.app.policies.files import (
    PolicyFileError,
    calendar_to_json,
    import_policy,
    policy_to_json,
    read_calendar_file,
    read_policy_file,
)
from slaworkbench.cli.errors import CommandError
from slaworkbench.cli.workspace import command_workspace
from slaworkbench.i18n import tr
from slaworkbench.saved_files import saving
from slaworkbench.store.policies.calendars import list_calendars, load_calendar, save_calendar
from slaworkbench.store.policies.versions import (
    list_policies,
    list_policy_versions,
    load_policy_version,
    reorder_policies,
)


@contextmanager
def _session(args: argparse.Namespace, *, write: bool = False) -> Iterator[Session]:
    """One session on the workspace; a reading command does not create a workspace."""
    with command_workspace(args.database, create=write) as workspace:
        try:
            with workspace.session(write=write) as session:
                yield session
        except PolicyFileError as error:
            raise CommandError(str(error)) from None


def _write(path_text: str, text: str) -> None:
    """Write ``text`` to the file named, whole or not at all (``saved_files.saving``)."""
    path = Path(path_text).expanduser()
    try:
        with saving(path) as temporary:
            temporary.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CommandError(
            tr("Could not write {path} ({reason}); choose another file.").format(
                path=path, reason=error.strerror or error
            )
        ) from None


def _existing_file(path_text: str) -> Path:
    path = Path(path_text).expanduser()
    if not path.is_file():
        raise CommandError(
            tr("The file {path} does not exist; check the name and try again.").format(path=path)
        )
    return path


def _rejudge_hint() -> str:
    return tr(
        'Tickets are re-judged by: slaworkbench recompute --all --reason "..." '
        "(open tickets at the next recompute)."
    )


def cmd_calendar(args: argparse.Namespace) -> int:
    if args.action == "list":
        with _session(args) as session:
            calendars = list_calendars(session)
        for info in calendars:
            print(f"{info.name}\t{info.timezone}")
        return 0
    if args.action == "export":
        with _session(args) as session:
            calendar = load_calendar(session, args.name)
        _write(args.file, calendar_to_json(calendar))
        print(
            tr("Exported the calendar “{name}” to {path}.").format(name=args.name, path=args.file)
        )
        return 0
    path = _existing_file(args.file)
    try:
        calendar = read_calendar_file(path)
    except PolicyFileError as error:
        raise CommandError(str(error)) from None
    with _session(args, write=True) as session:
        replaced = any(info.name == calendar.name for info in list_calendars(session))
        save_calendar(session, calendar, args.author or getpass.getuser())
    done = (
        tr("Replaced the calendar “{name}” ({zone}) with the one in {path}.")
        if replaced
        else tr("Added the calendar “{name}” ({zone}) from {path}.")
    )
    print(done.format(name=calendar.name, zone=calendar.timezone, path=args.file))
    print(_rejudge_hint())
    return 0


def cmd_policy(args: argparse.Namespace) -> int:
    if args.action == "list":
        return _list_policies(args)
    if args.action == "export":
        return _export_policy(args)
    return _import_policy(args)


def _list_policies(args: argparse.Namespace) -> int:
    with _session(args) as session:
        rows = []
        for info in list_policies(session):
            versions = list_policy_versions(session, info.id)
            calendar = versions[0].calendar_name if versions else "-"
            state = tr("active") if info.active else tr("inactive")
            rows.append(
                f"{info.position}\t{info.name}\t"
                + tr("version {version}").format(version=info.current_version or 0)
                + f"\t{state}\t{calendar}"
            )
    for row in rows:
        print(row)
    return 0


def _export_policy(args: argparse.Namespace) -> int:
    with _session(args) as session:
        info = next((p for p in list_policies(session) if p.name == args.name), None)
        if info is None or info.current_version_id is None:
            names = ", ".join(f"“{p.name}”" for p in list_policies(session)) or "-"
            raise CommandError(
                tr("There is no policy named “{name}”; the workspace has {names}.").format(
                    name=args.name, names=names
                )
            )
        policy = load_policy_version(session, info.current_version_id)
        current = list_policy_versions(session, info.id)[0]
    _write(args.file, policy_to_json(policy, review_date=current.review_date, owner=current.owner))
    print(
        tr("Exported the policy “{name}” version {version} and its calendar to {path}.").format(
            name=args.name, version=policy.version, path=args.file
        )
    )
    return 0


def _import_policy(args: argparse.Namespace) -> int:
    path = _existing_file(args.file)
    with _session(args, write=True) as session:
        file = read_policy_file(path, session)
        before = {p.name: p for p in list_policies(session)}
        import_policy(
            session,
            file,
            author=args.author or getpass.getuser(),
            reason=args.reason or tr("Imported from {file}").format(file=path.name),
        )
        order = list_policies(session)
        if args.first:
            ids = [p.id for p in order]
            new_id = next(p.id for p in order if p.name == file.policy.name)
            ids.remove(new_id)
            reorder_policies(session, [new_id, *ids])
            order = list_policies(session)
        names = [p.name for p in order]
        shadows = _shadowing(session, file.policy.name)
    existed = file.policy.name in before
    if existed and not args.first:
        done = tr("Saved the policy “{name}” from {path} as its next version (its place kept).")
    elif existed:
        done = tr("Saved the policy “{name}” from {path} as its next version.")
    else:
        done = tr("Added the policy “{name}” from {path}.")
    print(done.format(name=file.policy.name, path=args.file))
    print(
        tr("It counts in the calendar “{calendar}” ({zone}){carried}.").format(
            calendar=file.calendar.name,
            zone=file.calendar.timezone,
            carried=tr(", which came with the file") if file.calendar_included else "",
        )
    )
    print(tr("Evaluation order: {names}.").format(names=", ".join(f"“{n}”" for n in names)))
    if shadows is not None:
        print(
            tr(
                "Note: the active policy “{other}” comes first and matches every ticket, so "
                "“{name}” judges none; import it again with --first, or reorder the policies "
                "in the window."
            ).format(other=shadows, name=file.policy.name)
        )
    print(_rejudge_hint())
    return 0


def _shadowing(session: Session, name: str) -> str | None:
    """The active policy before ``name`` that matches every ticket, if any."""
    for info in list_policies(session):
        if info.name == name:
            return None
        if not info.active or info.current_version_id is None:
            continue
        conditions = load_policy_version(session, info.current_version_id).conditions
        if not any(getattr(conditions, field.name) for field in fields(conditions)):
            return info.name
    return None

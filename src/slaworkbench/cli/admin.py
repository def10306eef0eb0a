"""``slaworkbench admin init-roles`` and ``admin add-user NAME --role R``: roles and
logins on a team's PostgreSQL server (docs/TEAM.md, "Roles and safe edits").

Run them as the login that owns the workspace (it must be allowed to create roles).
``add-user`` asks for the new login's password unless ``--no-password`` is given (for
servers that authenticate otherwise, e.g. by certificate or peer).
"""

from __future__ import annotations

import argparse
import getpass

from slaworkbench.cli.errors import CommandError
from slaworkbench.cli.workspace import command_workspace
from slaworkbench.i18n import tr


def cmd_admin(args: argparse.Namespace) -> int:
    from slaworkbench.app.permissions import Role, require
    from slaworkbench.store.roles import add_user, init_roles

    with command_workspace(args.database, create=False) as workspace:
        require(workspace, Role.ADMIN, tr("manage users and roles"))
        if args.admin_action == "init-roles":
            with workspace.begin() as connection:
                groups = init_roles(connection)
            print(tr("Group roles ready: {groups}.").format(groups=", ".join(groups)))
            return 0
        password: str | None = None
        if not args.no_password:
            password = getpass.getpass(tr("Password for {name}: ").format(name=args.name))
            if not password:
                raise CommandError(tr("The password is empty; give one, or --no-password."))
        with workspace.begin() as connection:
            add_user(connection, args.name, args.role, password)
        print(tr("{name} can now log in as a {role}.").format(name=args.name, role=args.role))
        return 0

"""``voc users`` (people and services) and ``voc keys`` (API keys).

Nothing secret is ever printed but a new key, once, alone on stdout; passwords are read from
standard input (``--password-stdin``), never from the command line, where `ps` and the shell's
history would keep them.
"""

from __future__ import annotations

import sys
from typing import Optional

import typer

from voc_engine.exits import cli_errors

keys_app = typer.Typer(
    help="API keys (roles: ingest, analyst, lead, agent, admin), of a person, a service or no one.",
    no_args_is_help=True,
)
users_app = typer.Typer(help="People (admin, analyst, lead, agent) and services who use the product.",
                        no_args_is_help=True)

CLI_ACTOR = "cli"


def read_password() -> str:
    """The password on standard input: its first line, without the line end."""
    from voc_engine.errors import InvalidArgumentError

    line = sys.stdin.readline()
    password = line[:-1] if line.endswith("\n") else line
    password = password[:-1] if password.endswith("\r") else password
    if not password:
        raise InvalidArgumentError("no password on standard input")
    return password


# --------------------------------------------------------------------------- voc users
@users_app.command("create")
def users_create(
    name: str = typer.Argument(..., help="The sign-in name."),
    role: str = typer.Option(..., "--role", help="admin | analyst | lead | agent (a service: ingest | analyst | admin)"),
    team: Optional[str] = typer.Option(None, "--team", help="Needed for a lead or an agent."),
    password_stdin: bool = typer.Option(False, "--password-stdin",
                                        help="Read the password from standard input (else no sign-in until reset)."),
    service: bool = typer.Option(False, "--service", help="A named service: API keys only, no password."),
) -> None:
    """Create a person (or, with --service, a service)."""
    from voc_engine.auth.users import create_user
    from voc_engine.runtime import cli_runtime

    with cli_errors():
        password = read_password() if password_stdin else None
        user = create_user(cli_runtime().store, name, role, team, password=password,
                           kind="service" if service else "person", actor=CLI_ACTOR)
    where = f", team {user.team}" if user.team else ""
    typer.echo(f"created {user.kind} {user.name} ({user.role}{where})", err=True)


@users_app.command("list")
def users_list() -> None:
    """Name, kind, role, team, state and last sign-in of everyone (never a password)."""
    from voc_engine.auth.users import list_users
    from voc_engine.runtime import cli_runtime

    with cli_errors():
        users = list_users(cli_runtime().store)
    for user in users:
        state = "active" if user.active else "disabled"
        signed = f"{user.last_login_at:%Y-%m-%d %H:%M}" if user.last_login_at else "-"
        password = "password" if user.has_password else "no-password"
        typer.echo(f"{user.name}\t{user.kind}\t{user.role}\t{user.team or '-'}\t{state}\t{password}\t{signed}")


@users_app.command("set")
def users_set(
    name: str = typer.Argument(...),
    role: Optional[str] = typer.Option(None, "--role"),
    team: Optional[str] = typer.Option(None, "--team"),
) -> None:
    """Change a role or a team (their keys act with the new role at once)."""
    from voc_engine.auth.users import update_user
    from voc_engine.runtime import cli_runtime

    with cli_errors():
        user = update_user(cli_runtime().store, name, role=role, team=team, actor=CLI_ACTOR)
    typer.echo(f"{user.name}: {user.role}, team {user.team or '-'}", err=True)


@users_app.command("disable")
def users_disable(name: str = typer.Argument(...)) -> None:
    """Disable: their sessions end and their keys stop working at once, in every process."""
    from voc_engine.auth.users import disable_user
    from voc_engine.runtime import cli_runtime

    with cli_errors():
        disable_user(cli_runtime().store, name, actor=CLI_ACTOR)
    typer.echo(f"disabled {name}", err=True)


@users_app.command("enable")
def users_enable(name: str = typer.Argument(...)) -> None:
    """Enable a disabled user again (their old sessions stay ended)."""
    from voc_engine.auth.users import enable_user
    from voc_engine.runtime import cli_runtime

    with cli_errors():
        enable_user(cli_runtime().store, name, actor=CLI_ACTOR)
    typer.echo(f"enabled {name}", err=True)


@users_app.command("reset-password")
def users_reset_password(
    name: str = typer.Argument(...),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the new password from standard input."),
) -> None:
    """Set a new password: their sessions end and a sign-in lock-out is lifted."""
    from voc_engine.auth.users import reset_password
    from voc_engine.errors import InvalidArgumentError
    from voc_engine.runtime import cli_runtime

    with cli_errors():
        if not password_stdin:
            raise InvalidArgumentError("give the new password on standard input with --password-stdin")
        reset_password(cli_runtime().store, name, read_password(), actor=CLI_ACTOR)
    typer.echo(f"new password set for {name}; their sessions have ended", err=True)


# --------------------------------------------------------------------------- voc keys
@keys_app.command("create")
def create(
    role: Optional[str] = typer.Option(None, "--role", help="ingest | analyst | lead | agent | admin"),
    name: Optional[str] = typer.Option(None, "--name", help="What the key is for (shown in `voc keys list`)."),
    user: Optional[str] = typer.Option(None, "--user", help="The person or service it belongs to (its role is theirs)."),
) -> None:
    """Create a key and print it once, alone on stdout (it is stored only as a hash)."""
    from voc_engine.auth.keys import create_api_key
    from voc_engine.runtime import cli_runtime

    with cli_errors():
        key, info = create_api_key(cli_runtime().store, role, name, owner=user, actor=CLI_ACTOR)
    typer.echo(key)
    owner = f" of {info.owner}" if info.owner else ""
    typer.echo(f"created key {info.id} ({info.prefix}, role {info.role}{owner}); it cannot be shown again", err=True)


@keys_app.command("list")
def list_keys() -> None:
    """Id, prefix, role, name, owner and state of every key (never the key itself)."""
    from voc_engine.auth.keys import list_api_keys
    from voc_engine.runtime import cli_runtime

    with cli_errors():
        keys = list_api_keys(cli_runtime().store)
    for info in keys:
        state = f"revoked {info.revoked_at:%Y-%m-%d}" if info.revoked_at else "active"
        typer.echo(f"{info.id}\tvoc_{info.prefix}_…\t{info.role}\t{info.name or ''}\t{info.owner or '-'}\t{state}")


@keys_app.command("revoke")
def revoke(key_id: int = typer.Argument(..., help="The id from `voc keys list`.")) -> None:
    """Revoke a key: it stops working at once."""
    from voc_engine.auth.keys import revoke_api_key
    from voc_engine.runtime import cli_runtime

    with cli_errors():
        info = revoke_api_key(cli_runtime().store, key_id, actor=CLI_ACTOR)
    typer.echo(f"revoked key {info.id} ({info.prefix})", err=True)

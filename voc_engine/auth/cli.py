"""``voc keys``: create, list and revoke API keys."""

from __future__ import annotations

import typer

from voc_engine.exits import cli_errors

keys_app = typer.Typer(help="API keys (roles: ingest, analyst, agent, admin).", no_args_is_help=True)


@keys_app.command("create")
def create(
    role: str = typer.Option(..., "--role", help="ingest | analyst | agent | admin"),
    name: str = typer.Option(None, "--name", help="What the key is for (shown in `voc keys list`)."),
) -> None:
    """Create a key and print it once, alone on stdout (it is stored only as a hash)."""
    from voc_engine.auth.keys import create_api_key
    from voc_engine.runtime import cli_runtime

    with cli_errors():
        key, info = create_api_key(cli_runtime().store, role, name)
    typer.echo(key)
    typer.echo(f"created key {info.id} ({info.prefix}, role {info.role}); it cannot be shown again", err=True)


@keys_app.command("list")
def list_keys() -> None:
    """Id, prefix, role, name and state of every key (never the key itself)."""
    from voc_engine.auth.keys import list_api_keys
    from voc_engine.runtime import cli_runtime

    with cli_errors():
        keys = list_api_keys(cli_runtime().store)
    for info in keys:
        state = f"revoked {info.revoked_at:%Y-%m-%d}" if info.revoked_at else "active"
        typer.echo(f"{info.id}\tvoc_{info.prefix}_…\t{info.role}\t{info.name or ''}\t{state}")


@keys_app.command("revoke")
def revoke(key_id: int = typer.Argument(..., help="The id from `voc keys list`.")) -> None:
    """Revoke a key: it stops working at once."""
    from voc_engine.auth.keys import revoke_api_key
    from voc_engine.runtime import cli_runtime

    with cli_errors():
        info = revoke_api_key(cli_runtime().store, key_id)
    typer.echo(f"revoked key {info.id} ({info.prefix})", err=True)

"""``voc db`` and ``voc export``: thin shells over the store."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import List, Optional

import typer

from voc_engine.exits import DATA_ERROR, cli_errors
from voc_engine.times import cli_time

db_app = typer.Typer(help="The feedback store's schema (Alembic migrations).", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade(revision: str = typer.Option("head", "--revision", help="Target revision.")) -> None:
    """Create or upgrade the schema of VOC_DATABASE_URL (default: the SQLite file in VOC_DATA_DIR)."""
    from voc_engine.runtime import cli_runtime
    from voc_engine.store.db import current_revision, make_engine, normalise_url, upgrade

    url = cli_runtime().settings.resolved_database_url
    engine = make_engine(url)
    try:
        upgrade(engine, revision)
        typer.echo(f"database at revision {current_revision(engine)} ({_safe_url(normalise_url(url))})", err=True)
    finally:
        engine.dispose()


@db_app.command("current")
def db_current() -> None:
    """Print the schema revision of the database and the one this version needs."""
    from voc_engine.runtime import cli_runtime
    from voc_engine.store.db import current_revision, head_revision, make_engine

    engine = make_engine(cli_runtime().settings.resolved_database_url)
    typer.echo(json.dumps({"current": current_revision(engine), "head": head_revision()}))
    engine.dispose()


@db_app.command("check")
def db_check(
    fix: bool = typer.Option(
        False, "--fix", help="Quarantine comments that cannot be read back; pseudonymise legacy customer ids."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Find stored rows that break reads and exports (and, with --fix, repair the store).

    Exit status 0 when nothing is (left) wrong, 1 when problems remain.
    """
    import getpass

    from voc_engine.runtime import cli_runtime
    from voc_engine.store.integrity import check_store, repair_store

    with cli_errors():
        store = cli_runtime().store
    report = repair_store(store, actor=f"cli:{getpass.getuser()}") if fix else check_store(store)
    typer.echo(json.dumps(report.to_dict(), indent=2) if as_json else report.summary())
    if not report.ok:
        raise typer.Exit(code=DATA_ERROR)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def export_command(
    output: Path = typer.Option(..., "--output", "-o", help=".csv or .parquet file to write."),
    file_format: Optional[str] = typer.Option(None, "--format", help="csv or parquet (default: from the suffix)."),
    since: Optional[datetime] = typer.Option(
        None, "--since", parser=cli_time, help="created_at >= this (ISO-8601, UTC if no zone)."
    ),
    until: Optional[datetime] = typer.Option(None, "--until", parser=cli_time, help="created_at < this."),
    touchpoint: Optional[List[str]] = typer.Option(None, "--touchpoint"),
    channel: Optional[List[str]] = typer.Option(None, "--channel"),
    source: Optional[List[str]] = typer.Option(None, "--source"),
    tag: Optional[List[str]] = typer.Option(None, "--tag"),
    flag: Optional[List[str]] = typer.Option(None, "--flag"),
    sentiment: Optional[List[str]] = typer.Option(None, "--sentiment"),
    contains: Optional[str] = typer.Option(None, "--contains", help="Redacted text contains this (case-insensitive)."),
) -> None:
    """Export stored comments with their enrichment (redacted text only) to CSV or Parquet
    (written to the audit log: who, which filters, how many rows)."""
    import getpass

    from voc_engine.runtime import cli_runtime
    from voc_engine.store.export import export_comments
    from voc_engine.store.filters import CommentFilter

    filters = CommentFilter(
        since=since,
        until=until,
        touchpoint=touchpoint or None,
        channel=channel or None,
        source=source or None,
        tag=tag or None,
        flag=flag or None,
        sentiment=sentiment or None,
        text_contains=contains,
    )
    with cli_errors():
        count = export_comments(cli_runtime().store, output, file_format, filters, actor=f"cli:{getpass.getuser()}")
    typer.echo(f"exported {count} comments to {output}", err=True)

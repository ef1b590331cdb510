"""``voc digest``: one team's week as text, JSON or a self-contained HTML file, and sent through
the webhook outbox (`--send`; `voc alerts deliver --once` delivers it)."""

from __future__ import annotations

import json
import os
import tempfile
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from voc_engine.exits import cli_errors


class DigestFormat(str, Enum):
    text = "text"
    json = "json"
    html = "html"


def _write_atomically(path: Path, text: str) -> None:
    """The whole file or none: written beside its place, then moved there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def digest_command(
    team: Optional[str] = typer.Option(None, "--team", help="A team of the routing (with --as a lead: theirs)."),
    week: Optional[str] = typer.Option(None, "--week", help="ISO week such as 2026-W47 (default: this week, "
                                                            "in VOC_BUSINESS_TIMEZONE)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the digest to this file."),
    format: Optional[DigestFormat] = typer.Option(
        None, "--format", help="html (self-contained: inline SVG charts, no scripts), json (the API's JSON) or "
                               "text. Default: html with --output, text without."),
    send: bool = typer.Option(False, "--send", help="Queue the digest (JSON and HTML) for the team's webhooks; "
                                                    "`voc alerts deliver --once` sends it."),
    as_user: Optional[str] = typer.Option(None, "--as", help="As this person: a lead gets their own team's "
                                                             "digest (default: with full access)."),
) -> None:
    """What changed this week for a team: control-chart signals, rising topics, cases, plans due."""
    from voc_engine.auth.policy import Principal, authorize
    from voc_engine.auth.users import get_user
    from voc_engine.digest.render import render_document
    from voc_engine.digest.service import DIGEST_ROLES, build_digest, send_digest
    from voc_engine.runtime import cli_runtime

    chosen = format or (DigestFormat.html if output else DigestFormat.text)
    with cli_errors():
        store = cli_runtime().store
        viewer = authorize(Principal.of_user(get_user(store, as_user)) if as_user else Principal.system("system:cli"),
                           DIGEST_ROLES)
        digest = build_digest(store, viewer, week=week, team=team)
        html = render_document(digest) if chosen is DigestFormat.html or send else None
        text = {DigestFormat.text: lambda: digest.summary(),
                DigestFormat.json: lambda: json.dumps(digest.to_dict(), indent=2, ensure_ascii=False),
                DigestFormat.html: lambda: html}[chosen]()
        queued = send_digest(store, digest, html) if send else None
    if output is not None:
        try:
            _write_atomically(output, text if text.endswith("\n") else text + "\n")
        except OSError as exc:
            from voc_engine.exits import fail

            fail(f"cannot write {output}: {exc.strerror or exc}")
        typer.echo(f"wrote the digest of team {digest.team}, {digest.week} to {output}", err=True)
    else:
        typer.echo(text)
    if queued is not None:
        typer.echo(f"queued for {queued} webhook(s) of team {digest.team}; `voc alerts deliver --once` sends it",
                   err=True)

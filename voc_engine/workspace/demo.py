"""The last step of ``voc demo``: a person per role to open the workspace with, and how to open it.

Passwords are set only on the demo's own store — the embedded SQLite under ``$VOC_DATA_DIR`` —
and never where a database is configured (``VOC_DATABASE_URL``), which may be a real one. Each
run draws a new random password and sets it on the demo's people (only these names), so that no
well-known password is ever left in a store; it is printed once.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from voc_engine.actions.demo import DEMO_OWNER, DEMO_TEAM
from voc_engine.alerting.demo import DEMO_AGENT
from voc_engine.auth.users import create_user, get_user, reset_password, update_user
from voc_engine.errors import NotFoundError

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.config import Settings
    from voc_engine.store.repository import FeedbackStore

DEMO_ACTOR = "system:demo"
# (name, role, team): the lead and the agent are the people the case and action-plan demos use.
DEMO_PEOPLE: tuple[tuple[str, str, str | None], ...] = (
    ("demo.analyst", "analyst", None),
    ("demo.admin", "admin", None),
    (DEMO_OWNER, "lead", DEMO_TEAM),
    (DEMO_AGENT, "agent", DEMO_TEAM),
)
SERVE_URL = "http://127.0.0.1:8000/"  # `voc serve`'s default host and port


def workspace_demo_users(store: "FeedbackStore", settings: "Settings", password: str | None = None) -> str:
    """Sets up the demo's people (on the demo store only) and says how to open the workspace."""
    if settings.database_url:
        return "\n".join([
            "The demo ran on a configured database (VOC_DATABASE_URL): no demo passwords are set there.",
            "Add people with `voc users create NAME --role analyst|admin|lead|agent [--team TEAM] --password-stdin`,",
            f"then run `voc serve` and open {SERVE_URL}",
        ])
    password = password or secrets.token_urlsafe(12)
    lines = ["Open the workspace on the demo data:", "  voc serve", f"  then {SERVE_URL} and sign in as"]
    for name, role, team in DEMO_PEOPLE:
        try:
            existing = get_user(store, name)
        except NotFoundError:
            create_user(store, name, role, team, password=password, actor=DEMO_ACTOR)
        else:
            if existing.role != role or not existing.active:
                update_user(store, name, role=role, active=True, actor=DEMO_ACTOR)
            reset_password(store, name, password, actor=DEMO_ACTOR)
        team = get_user(store, name).team
        lines.append(f"    {name:<14} {role:<8}" + (f" team {team}" if team else ""))
    lines.append(f"  password (all four, this run only): {password}")
    return "\n".join(lines)

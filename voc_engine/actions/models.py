"""Tables of action plans and their dated history.

Declared as a ``voc_engine.extensions`` entry point (pyproject.toml): loading it adds these
tables to the feedback store's metadata, and ``MIGRATIONS`` names the folder of their Alembic
revisions, which the store's migration environment collects (``migrations/0005_action_plans``). A plan's owner is a user (`users`, the people who work cases); removing the
user keeps the plan without an owner. Notes and descriptions are stored redacted.
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from voc_engine.alerting import models as _alerting_models  # noqa: F401  (the users table the owner points at)
from voc_engine.store.models import Base, BigIntPK

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.config import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class ActionPlanRow(Base):
    __tablename__ = "action_plans"
    __table_args__ = (
        Index("ix_action_plans_team_status", "team", "status"),
        Index("ix_action_plans_status_deadline", "status", "deadline"),
    )

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    target_kind: Mapped[str] = mapped_column(String(16))  # driver | topic | touchpoint
    target: Mapped[str] = mapped_column(String(200))
    scope: Mapped[dict[str, Any] | None]  # column -> value where the action is rolled out
    kpi: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[int | None] = mapped_column(BigIntPK, ForeignKey("users.id", ondelete="SET NULL"))
    team: Mapped[str | None] = mapped_column(String(100))
    deadline: Mapped[dt.date] = mapped_column(Date)
    investment: Mapped[float] = mapped_column(Float)
    expected_lift: Mapped[float | None] = mapped_column(Float)
    basis: Mapped[dict[str, Any] | None]  # the driver-analysis row a plan was created from
    status: Mapped[str] = mapped_column(String(16))
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime]


class ActionPlanEvent(Base):
    """What happened to a plan: created, changed (field: old -> new), status, note, reminder."""

    __tablename__ = "action_plan_events"
    __table_args__ = (Index("ix_action_plan_events_plan_id_id", "plan_id", "id"),)

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    plan_id: Mapped[int] = mapped_column(BigIntPK, ForeignKey("action_plans.id", ondelete="CASCADE"))
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    details: Mapped[dict[str, Any] | None]
    note: Mapped[str | None] = mapped_column(Text)


class ActionsExtension:
    """What action plans keep for one runtime: nothing but its settings. They need no store
    hooks: nothing they hold is derived from a comment, and their notes are stored redacted."""

    def __init__(self, settings: "Settings"):
        self.settings = settings


def extension(settings: "Settings") -> ActionsExtension:
    return ActionsExtension(settings)

"""Tables of the customers' CRM data and of the churn model fitted on it.

Declared as a ``voc_engine.extensions`` entry point (pyproject.toml): loading it adds these
tables to the feedback store's metadata, and ``MIGRATIONS`` names the folder of their Alembic
revisions, which the store's migration environment collects (``migrations/0007_customers``).
A profile belongs to a row of the store's `customers` table (the pseudonym):
erasing the customer deletes it with them (`voc_engine.store.erasure.erase_customer` clears every
table with a `customer_pk`, and the foreign key cascades as well).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from voc_engine.store.models import Base, BigIntPK

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.config import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class CustomerProfile(Base):
    """What the CRM says about one customer. Labels (segment, contract state) are stored redacted."""

    __tablename__ = "customer_profiles"

    customer_pk: Mapped[int] = mapped_column(
        BigIntPK, ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    segment: Mapped[str | None] = mapped_column(String(100))
    revenue: Mapped[float | None] = mapped_column(Float)
    tenure_months: Mapped[float | None] = mapped_column(Float)
    churned: Mapped[bool | None] = mapped_column(Boolean)
    contract_state: Mapped[str | None] = mapped_column(String(50))
    imported_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ChurnModelRow(Base):
    """A churn model fitted on the imported customers (the newest one scores profiles): the logit's
    coefficients, so a profile's churn risk is one line of arithmetic, not a refit."""

    __tablename__ = "churn_models"

    id: Mapped[int] = mapped_column(BigIntPK, primary_key=True, autoincrement=True)
    fitted_at: Mapped[datetime]
    customers: Mapped[int] = mapped_column(Integer)
    churn_rate: Mapped[float] = mapped_column(Float)
    params: Mapped[dict[str, Any]]  # {"Intercept": b0, "nps": b1}
    nps_max: Mapped[float] = mapped_column(Float)
    summary: Mapped[dict[str, Any]]  # ChurnValueModel.to_dict() at fitting time


class CustomersExtension:
    """What the customers module keeps for one runtime: nothing but its settings. It needs no store
    hooks: a profile is no comment's derivative, and erasure removes it with its customer row."""

    def __init__(self, settings: "Settings"):
        self.settings = settings


def extension(settings: "Settings") -> CustomersExtension:
    return CustomersExtension(settings)

"""Customers: the right to erasure."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from api.deps import get_store, require_roles
from voc_engine.auth.policy import Principal
from voc_engine.store.repository import FeedbackStore

router = APIRouter(prefix="/v1", tags=["customers"])


@router.delete("/customers/{customer_id}", summary="Erase a customer's comments and everything derived (GDPR)")
def erase_customer(
    customer_id: str,
    key: Principal = Depends(require_roles("admin")),
    store: FeedbackStore = Depends(get_store),
) -> dict[str, Any]:
    """Deletes the customer's comments, enrichments, tags, flags and derived records in one
    transaction, refuses the same (source, external_id) if it is sent again, and records the
    erasure in the audit log (the customer named only by their pseudonym). 404 if the customer is unknown.
    On SQLite the erased rows' bytes are overwritten and the write-ahead log truncated; the audit
    entry says so."""
    return store.erase_customer(customer_id, actor=key.actor).to_dict()

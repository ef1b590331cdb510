"""Customers: the profile (feedback, scores, cases, value, churn risk) and the right to erasure."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool

from api.deps import get_store, require_roles
from api.errors import ErrorMessage
from api.routers.cases import case_viewer
from voc_engine.auth.policy import Principal
from voc_engine.customers.service import COMMENTS_PAGE_MAX, CustomerService
from voc_engine.store.repository import FeedbackStore

router = APIRouter(prefix="/v1", tags=["customers"])


@router.get(
    "/customers/{customer_id}",
    summary="A customer's profile: feedback, scores over time, cases, segment, value, churn risk",
    responses={404: {"model": ErrorMessage, "description": "No such customer, or not yours to see"}},
)
async def get_customer(
    customer_id: str,
    limit: int = Query(20, ge=1, le=COMMENTS_PAGE_MAX, description="Comments per page, newest first"),
    cursor: str | None = Query(None, description="The next_cursor of the previous page"),
    viewer: Principal = Depends(case_viewer),
    store: FeedbackStore = Depends(get_store),
) -> dict[str, Any]:
    """`customer_id` as your systems know it (or its `cu_` pseudonym; the profile names the customer by
    the pseudonym only). An admin sees every customer, a team lead the customers of the team's cases,
    an agent those of their own cases; anyone else gets 404 for a customer they may not see, and
    analysts (403) keep the pseudonymous aggregates (`/v1/stats`, `/v1/drivers`)."""
    profile = await run_in_threadpool(CustomerService(store).profile, viewer, customer_id, limit=limit, cursor=cursor)
    return profile.to_dict()


@router.delete("/customers/{customer_id}", summary="Erase a customer's comments, CRM profile and everything derived (GDPR)")
def erase_customer(
    customer_id: str,
    key: Principal = Depends(require_roles("admin")),
    store: FeedbackStore = Depends(get_store),
) -> dict[str, Any]:
    """Deletes the customer's comments, enrichments, tags, flags, cases, CRM profile and derived
    records in one transaction, refuses the same (source, external_id) if it is sent again, and
    records the erasure in the audit log (the customer named only by their pseudonym, with what went).
    404 if the customer is unknown. On SQLite the erased rows' bytes are overwritten and the
    write-ahead log truncated; the audit entry says so."""
    return store.erase_customer(customer_id, actor=key.actor).to_dict()

"""Taxonomy drafts: topics proposed as tagging categories (analysts), accepted or rejected (admins).

Thin shells over `voc_engine.topics.drafts.TaxonomyService`; proposing is
`POST /v1/topics/{topic_id}/propose` (api.routers.topics). An accepted draft's category is
applied by tagging from the next batch (the runtime's pipeline reads the accepted drafts).
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from api.deps import DbText, get_runtime, require_roles
from voc_engine.auth.policy import Principal
from voc_engine.runtime import Runtime
from voc_engine.store.models import BIGINT_MAX
from voc_engine.topics.drafts import taxonomy_service

router = APIRouter(prefix="/v1/taxonomy", tags=["taxonomy"])
analyst = require_roles("analyst")
admin = require_roles("admin")
DraftId = Annotated[int, Path(ge=1, le=BIGINT_MAX)]


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: DbText | None = Field(None, max_length=2000, description="Why (stored redacted).")


@router.get("/drafts", summary="Taxonomy drafts (topics proposed as categories), newest first")
def list_drafts(
    status: Literal["pending", "accepted", "rejected"] | None = Query(None),
    user: Principal = Depends(analyst),
    runtime: Runtime = Depends(get_runtime),
) -> dict[str, Any]:
    return {"drafts": taxonomy_service(runtime).list_drafts(user, status)}


@router.post("/drafts/{draft_id}/accept",
             summary="Accept a draft: its category joins the custom taxonomy tagging applies (admins)")
async def accept_draft(
    draft_id: DraftId,
    body: DecisionIn | None = Body(None),
    user: Principal = Depends(admin),
    runtime: Runtime = Depends(get_runtime),
) -> dict[str, Any]:
    return await run_in_threadpool(taxonomy_service(runtime).accept, user, draft_id, body.note if body else None)


@router.post("/drafts/{draft_id}/reject", summary="Reject a draft (admins)")
async def reject_draft(
    draft_id: DraftId,
    body: DecisionIn | None = Body(None),
    user: Principal = Depends(admin),
    runtime: Runtime = Depends(get_runtime),
) -> dict[str, Any]:
    return await run_in_threadpool(taxonomy_service(runtime).reject, user, draft_id, body.note if body else None)

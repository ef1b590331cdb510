"""Analysts' corrections of tags and sentiment (analyst role): record one on a comment, list them.
Thin shells over `voc_engine.corrections.service` (policy, allowed labels, audit)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from api.deps import DbText, get_store, require_roles
from voc_engine.auth.policy import Principal
from voc_engine.corrections.service import CorrectionService, LabelNotAllowedError
from voc_engine.store.models import BIGINT_MAX
from voc_engine.store.repository import FeedbackStore

router = APIRouter(prefix="/v1", tags=["corrections"])
corrector = require_roles("analyst")


class CorrectionIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"field": "tag", "old": "fees", "new": "billing"},
                                        {"field": "tag", "new": "app_issue"},
                                        {"field": "sentiment", "new": "negative"}]},
    )

    field: Literal["tag", "sentiment"]
    old: DbText | None = Field(None, max_length=100, description=(
        "tag: the comment's wrong tag (omit to add a missing one); sentiment: the current label (optional)"))
    new: DbText | None = Field(None, max_length=100, description=(
        "tag: the right category of the taxonomy (omit when no tag replaces the wrong one); "
        "sentiment: negative, neutral or positive"))


def _as_422(exc: LabelNotAllowedError) -> RequestValidationError:
    where = "new" if exc.what in ("tag", "sentiment") else exc.what
    return RequestValidationError([{"loc": ("body", where), "msg": str(exc), "type": "enum",
                                    "ctx": {"expected": ", ".join(exc.allowed)}}])


@router.post("/comments/{comment_id}/corrections", status_code=201,
             summary="Mark a tag or the sentiment of a comment wrong and give the right one")
async def post_correction(
    comment_id: str = Path(max_length=32),
    body: CorrectionIn = Body(...),
    user: Principal = Depends(corrector),
    store: FeedbackStore = Depends(get_store),
) -> JSONResponse:
    """Stored with who and when, and audited. A tag given as the right one must be a category
    of the taxonomy the pipeline applies; a label that is not allowed answers 422 naming the
    allowed values; a wrong tag the comment does not have, or a label it has already, 409."""
    service = CorrectionService(store)
    try:
        row = await run_in_threadpool(service.correct, user, comment_id, body.field, body.old, body.new)
    except LabelNotAllowedError as exc:
        raise _as_422(exc) from None
    return JSONResponse(row, status_code=201)


@router.get("/corrections", summary="Corrections, newest first (cursor: next_cursor of the previous page)")
def list_corrections(
    comment_id: str | None = Query(None, max_length=32),
    field: Literal["tag", "sentiment"] | None = Query(None),
    limit: int = Query(100, ge=1, le=1000),
    cursor: int | None = Query(None, ge=1, le=BIGINT_MAX),
    user: Principal = Depends(corrector),
    store: FeedbackStore = Depends(get_store),
) -> dict[str, Any]:
    return CorrectionService(store).list(user, comment_id, field, limit, cursor).to_dict()

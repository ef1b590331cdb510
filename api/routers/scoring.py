"""POST /v1/score: stateless scoring, nothing stored."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from api.deps import get_runtime, loaded_pipeline, require_roles
from api.errors import check_batch_size
from voc_engine.config import MAX_BATCH
from voc_engine.runtime import Runtime

router = APIRouter(prefix="/v1", tags=["scoring"])


class CommentIn(BaseModel):
    id: Any = None
    text: str | None = Field(default=None, description="The verbatim comment; PII is redacted before anything is returned.")


class ScoreRequest(BaseModel):
    # The limit is VOC_MAX_BATCH, checked in the handler as POST /v1/comments checks it.
    comments: list[CommentIn] = Field(min_length=1, json_schema_extra={"maxItems": MAX_BATCH})


class ScoreResponse(BaseModel):
    model_version: str
    results: list[dict]


@router.post("/score", response_model=ScoreResponse,
             dependencies=[Depends(require_roles("ingest", "analyst"))])
async def score(request: ScoreRequest, runtime: Runtime = Depends(get_runtime)) -> ScoreResponse:
    """Score up to 1,000 comments (VOC_MAX_BATCH), storing nothing; each result has the `voc score` line shape."""
    check_batch_size(len(request.comments), runtime.settings.store.max_batch)
    pipeline = await run_in_threadpool(loaded_pipeline, runtime)
    ids = [c.id if c.id is not None else i for i, c in enumerate(request.comments)]
    enrichments = await run_in_threadpool(pipeline.enrich, [c.text for c in request.comments], ids)
    return ScoreResponse(model_version=pipeline.model_version,
                         results=[e.to_record() for e in enrichments])

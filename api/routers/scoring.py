"""POST /v1/score: stateless scoring, nothing stored."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from api.deps import get_runtime, loaded_pipeline, require_roles
from voc_engine.runtime import Runtime

router = APIRouter(prefix="/v1", tags=["scoring"])

MAX_BATCH = 1000


class CommentIn(BaseModel):
    id: Any = None
    text: str | None = Field(default=None, description="The verbatim comment; PII is redacted before anything is returned.")


class ScoreRequest(BaseModel):
    comments: list[CommentIn] = Field(min_length=1, max_length=MAX_BATCH)


class ScoreResponse(BaseModel):
    model_version: str
    results: list[dict]


@router.post("/score", response_model=ScoreResponse,
             dependencies=[Depends(require_roles("ingest", "analyst"))])
async def score(request: ScoreRequest, runtime: Runtime = Depends(get_runtime)) -> ScoreResponse:
    """Score up to 1,000 comments, storing nothing; each result has the `voc score` line shape."""
    pipeline = await run_in_threadpool(loaded_pipeline, runtime)
    ids = [c.id if c.id is not None else i for i, c in enumerate(request.comments)]
    enrichments = await run_in_threadpool(pipeline.enrich, [c.text for c in request.comments], ids)
    return ScoreResponse(model_version=pipeline.model_version,
                         results=[e.to_record() for e in enrichments])

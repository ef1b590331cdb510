"""Comments: ingest (idempotent, micro-batched), list with filters and cursor, fetch one, stats."""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from api.deps import get_ingest, get_settings, get_store, require_roles
from api.errors import ERROR_RESPONSES, check_batch_size
from voc_engine.auth.policy import Principal
from voc_engine.config import MAX_BATCH, Settings
from voc_engine.periods import PERIODS
from voc_engine.store.microbatch import IngestService
from voc_engine.store.filters import CommentFilter
from voc_engine.store.repository import FeedbackStore
from voc_engine.store.schemas import CommentIn
from voc_engine.store.stats import DIMENSIONS
from voc_engine.times import ApiTime

router = APIRouter(prefix="/v1", tags=["comments"])


class CommentsBatch(BaseModel):
    comments: list[dict[str, Any]] = Field(min_length=1, description="Up to 1,000 comments (see CommentIn).")


# What _body_rows accepts, said exactly: a generator (schemathesis) then makes valid bodies
# instead of envelopes the endpoint rejects (an empty batch, a key next to "comments").
_BODY_SCHEMA = {
    "oneOf": [
        {
            "type": "object",
            "title": "Batch",
            "required": ["comments"],
            "properties": {
                "comments": {"type": "array", "minItems": 1, "maxItems": MAX_BATCH, "items": CommentIn.model_json_schema()}
            },
            "additionalProperties": False,
        },
        {**CommentIn.model_json_schema(), "title": "One comment"},
    ]
}
_BODY_EXAMPLE = {
    "comments": [
        {
            "source": "survey-tool",
            "external_id": "resp-1001",
            "text": "Waited 40 minutes at the counter, staff were rude.",
            "created_at": "2026-11-20T14:03:00Z",
            "channel": "survey",
            "touchpoint": "checkout",
            "customer_id": "c-8842",
            "scores": {"nps": 3},
            "metadata": {"store": "north"},
        }
    ]
}


def _body_rows(body: Any, max_batch: int) -> tuple[list[Any], bool]:
    """The rows of a batch, or the single comment; malformed envelopes are a 422."""
    if isinstance(body, dict) and "comments" in body:
        rows = body["comments"]
        if not isinstance(rows, list):
            raise RequestValidationError(
                [{"loc": ("body", "comments"), "msg": "must be a list of comments", "type": "list_type"}]
            )
        if not rows:
            raise RequestValidationError(
                [{"loc": ("body", "comments"), "msg": "at least one comment is needed", "type": "too_short"}]
            )
        check_batch_size(len(rows), max_batch)
        extra = sorted(set(body) - {"comments"})
        if extra:
            raise RequestValidationError(
                [{"loc": ("body", extra[0]), "msg": "unexpected field next to 'comments'", "type": "extra_forbidden"}]
            )
        return rows, False
    if isinstance(body, dict):
        return [body], True
    raise RequestValidationError([{"loc": ("body",), "msg": "expected a JSON object", "type": "dict_type"}])


@router.post(
    "/comments",
    summary="Store and enrich comments (idempotent on source + external_id)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _BODY_SCHEMA, "example": _BODY_EXAMPLE}},
        }
    },
    responses={
        200: {"description": "Per-row results in input order: id, created, enrichment; or index and error."},
        201: {"description": "One comment (not a batch), newly stored: the same body"},
        413: {**ERROR_RESPONSES[413], "description": "Body over the configured size"},
        422: {**ERROR_RESPONSES[422], "description": "Malformed request"},
        503: {**ERROR_RESPONSES[503], "description": "Database unavailable: nothing stored"},
    },
)
async def post_comments(
    request: Request,
    body: Any = Body(..., include_in_schema=False),
    key: Principal = Depends(require_roles("ingest")),
    ingest: IngestService = Depends(get_ingest),
    settings: Settings = Depends(get_settings),
) -> JSONResponse:
    """One comment or a batch of up to 1,000 (VOC_MAX_BATCH).

    Rows with errors are reported by index and the others are stored; each stored comment has its
    enrichment (the `voc score` line shape). A retry with the same (source, external_id) returns
    the stored id and enrichment with `created: false`. Within one request, a row repeating an
    earlier row's (source, external_id) is `created: false` with that row's id when it is the same
    comment, and an error naming the earlier row when its content differs. All new rows of a request are written in
    one transaction (shared with concurrent requests: group commit). Concurrent requests share
    the store lookups, the encoder passes and the transactions (see `voc_engine.store.microbatch`).
    """
    rows, single = _body_rows(body, settings.store.max_batch)
    plan = await ingest.plan(rows)
    if single and plan.rejected:
        raise RequestValidationError(_field_errors(plan.rejected[0]))
    results = await ingest.store(plan)
    created = sum(1 for r in results if r.ok and r.created)
    rejected = sum(1 for r in results if not r.ok)
    existing = len(results) - created - rejected
    request.app.state.metrics.count_ingest(created, existing, rejected)
    request.state.comments, request.state.comments_created = len(results), created
    request.state.comments_existing, request.state.comments_rejected = existing, rejected
    status = 200
    if single:
        if not results[0].ok:
            raise RequestValidationError([{"loc": ("body", "text"), "msg": results[0].error, "type": "value_error"}])
        status = 201 if results[0].created else 200
    return await _results_response([r.to_dict() for r in results], status)


_INLINE_RESPONSE_CHARS = 200_000


async def _results_response(rows: list[dict[str, Any]], status: int) -> Response:
    """The results as JSON (plain JSON types already: no generic encoder). Long comments come
    back whole, and one json.dumps of megabytes holds the GIL throughout, stalling every other
    request; such a body is rendered a row at a time on a worker thread instead."""
    text = sum(len((row.get("enrichment") or {}).get("redacted_text") or "") for row in rows)
    if text < _INLINE_RESPONSE_CHARS:
        return JSONResponse({"results": rows}, status_code=status)
    return Response(await run_in_threadpool(_render_rows, rows), status_code=status, media_type="application/json")


def _render_rows(rows: list[dict[str, Any]]) -> bytes:
    dumps = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
    return b'{"results":[' + b",".join(dumps(row).encode() for row in rows) + b"]}"


def _field_errors(row_error) -> list[dict[str, Any]]:
    if row_error.fields:
        return [{**f, "loc": ("body", *f["loc"])} for f in row_error.fields]
    return [{"loc": ("body",), "msg": row_error.error, "type": "value_error"}]


def comment_filter(
    since: ApiTime | None = Query(None, description="created_at >= since (ISO-8601; UTC when no offset)"),
    until: ApiTime | None = Query(None, description="created_at < until"),
    channel: list[str] | None = Query(None),
    touchpoint: list[str] | None = Query(None),
    journey_stage: list[str] | None = Query(None),
    segment: list[str] | None = Query(None),
    source: list[str] | None = Query(None),
    customer_id: str | None = Query(None),
    tag: list[str] | None = Query(None, description="Has any of these tags"),
    flag: list[str] | None = Query(None, description="Has any of these flags"),
    sentiment: list[Literal["negative", "neutral", "positive"]] | None = Query(None),
    sentiment_min: float | None = Query(None, ge=-1, le=1),
    sentiment_max: float | None = Query(None, ge=-1, le=1),
    nps_min: int | None = Query(None, ge=0, le=10),
    nps_max: int | None = Query(None, ge=0, le=10),
    csat_min: int | None = Query(None, ge=1, le=5),
    csat_max: int | None = Query(None, ge=1, le=5),
    ces_min: int | None = Query(None, ge=1, le=7),
    ces_max: int | None = Query(None, ge=1, le=7),
    q: str | None = Query(None, max_length=200, description="Redacted text contains (case-insensitive)"),
) -> CommentFilter:
    return CommentFilter(
        since=since,
        until=until,
        channel=_lower(channel),
        touchpoint=_lower(touchpoint),
        journey_stage=_lower(journey_stage),
        segment=segment,
        source=source,
        customer_id=customer_id,
        tag=tag,
        flag=flag,
        sentiment=list(sentiment) if sentiment else None,
        sentiment_min=sentiment_min,
        sentiment_max=sentiment_max,
        nps_min=nps_min,
        nps_max=nps_max,
        csat_min=csat_min,
        csat_max=csat_max,
        ces_min=ces_min,
        ces_max=ces_max,
        text_contains=q,
    )


def _lower(values: list[str] | None) -> list[str] | None:
    return [v.lower() for v in values] if values else None


@router.get("/comments", summary="List comments, newest first, with filters and cursor pagination")
def list_comments(
    filters: CommentFilter = Depends(comment_filter),
    topic: int | None = Query(None, ge=-1, le=100_000, description="In this topic of the topic model (-1: outliers)"),
    topic_version: str | None = Query(None, max_length=100, description="Topic model version (default: the active one)"),
    limit: int = Query(50, ge=1, le=500),
    cursor: str | None = Query(None, description="next_cursor of the previous page"),
    key: Principal = Depends(require_roles("analyst")),
    store: FeedbackStore = Depends(get_store),
) -> JSONResponse:
    filters = with_topic(filters, store, topic, topic_version)
    return JSONResponse(store.list_comments(filters, limit=limit, cursor=cursor).to_dict())


def with_topic(filters: CommentFilter, store: FeedbackStore, topic: int | None, version: str | None) -> CommentFilter:
    """``filters`` limited to a topic's comments (none: unchanged)."""
    if topic is None:
        return filters
    from voc_engine.topics.service import topic_comment_ids

    filters.comment_ids = topic_comment_ids(store, topic, version or None)
    return filters


@router.get("/comments/{comment_id}", summary="One comment with its enrichment")
def get_comment(
    comment_id: str = Path(max_length=32, description="The id POST /v1/comments returned"),
    key: Principal = Depends(require_roles("analyst")),
    store: FeedbackStore = Depends(get_store),
) -> dict[str, Any]:
    return store.get_comment(comment_id)


@router.get("/stats", summary="Counts, sentiment mix, mean scores and NPS by period and dimension")
def stats(
    filters: CommentFilter = Depends(comment_filter),
    period: Literal["day", "week", "month"] = Query(
        "week", description=f"One of {', '.join(PERIODS)}; rows are labelled 2026-11-16, 2026-W47 (ISO week) or 2026-11"),
    by: Literal["touchpoint", "channel", "journey_stage", "segment", "source", "tag", "flag"] | None = Query(
        None, description=f"Group by one of {', '.join(DIMENSIONS)}"
    ),
    key: Principal = Depends(require_roles("analyst")),
    store: FeedbackStore = Depends(get_store),
) -> dict[str, Any]:
    return store.stats(filters, period=period, by=by).to_dict()

"""GET /v1/drivers: which tags move a KPI, over stored comments (analysts)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool

from api.deps import get_store, require_roles
from voc_engine.drivers.store import stored_drivers, stored_scorecard
from voc_engine.store.filters import CommentFilter
from voc_engine.store.repository import FeedbackStore
from voc_engine.times import ApiTime

router = APIRouter(prefix="/v1", tags=["drivers"])


@router.get("/drivers", dependencies=[Depends(require_roles("analyst"))])
async def drivers(
    kpi: str = Query("nps", description="A stored score: nps, csat, ces or a custom KPI."),
    since: ApiTime | None = Query(None, description="Comments created at or after (ISO-8601; UTC when no offset)"),
    until: ApiTime | None = Query(None, description="Comments created before"),
    touchpoint: list[str] | None = Query(None),
    channel: list[str] | None = Query(None),
    min_mentions: int = Query(30, ge=1),
    bootstrap: int = Query(200, ge=0, le=1000),
    store: FeedbackStore = Depends(get_store),
) -> dict:
    """The driver analysis JSON (the `voc drivers` contract) with its warnings and action list."""
    filters = CommentFilter(since=since, until=until, touchpoint=touchpoint, channel=channel)
    result = await run_in_threadpool(stored_drivers, store, filters, kpi, min_mentions, bootstrap)
    return result.to_dict()


@router.get("/drivers/scorecard", dependencies=[Depends(require_roles("analyst"))])
async def scorecard(
    kpi: str = Query("nps", description="A stored score: nps, csat, ces or a custom KPI."),
    since: ApiTime | None = Query(None, description="Comments created at or after (ISO-8601; UTC when no offset)"),
    until: ApiTime | None = Query(None, description="Comments created before"),
    channel: list[str] | None = Query(None),
    min_mentions: int = Query(30, ge=1),
    store: FeedbackStore = Depends(get_store),
) -> dict:
    """The touchpoint scorecard: per touchpoint its volume, customers, mean KPI, share of negative
    comments, and its effect on the KPI with the drivers (tags) held equal, with its top drivers."""
    filters = CommentFilter(since=since, until=until, channel=channel)
    result = await run_in_threadpool(stored_scorecard, store, filters, kpi, min_mentions)
    return result.to_dict()


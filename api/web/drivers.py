"""The drivers page: the priority matrix, the driver table and the action list of the same
analysis `GET /v1/drivers` returns (`stored_drivers`: `analyse_stored_drivers` over the stored comments, with the
API's defaults), and on each action row a form that creates an action plan from it
(`POST /actions`, in `api.web.actions`). Analysts and admins.

The touchpoint scorecard is `GET /v1/drivers/scorecard`'s (`stored_scorecard`)."""

from __future__ import annotations

import datetime as dt
import json

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from api.deps import get_runtime
from api.web.common import ANALYST, page_user, render
from voc_engine.auth.policy import Principal
from voc_engine.auth.users import list_users
from voc_engine.drivers.store import KPI_ALIASES, KPI_LABELS, stored_drivers, stored_scorecard
from voc_engine.errors import VocError
from voc_engine.runtime import Runtime
from voc_engine.store.filters import CommentFilter

router = APIRouter(include_in_schema=False)
# The API's defaults (GET /v1/drivers), so that the page shows the API's figures.
MIN_MENTIONS, BOOTSTRAP = 30, 200
PLAN_DAYS = 30  # the deadline a new plan's form suggests


def run_drivers(store, kpi: str, min_mentions: int, touchpoint: str | None, channel: str | None):
    """The analysis exactly as GET /v1/drivers runs it for these parameters."""
    filters = CommentFilter(touchpoint=[touchpoint] if touchpoint else None, channel=[channel] if channel else None)
    return stored_drivers(store, filters, kpi, min_mentions, BOOTSTRAP)


def run_scorecard(store, kpi: str, min_mentions: int, channel: str | None):
    """The touchpoint scorecard exactly as GET /v1/drivers/scorecard computes it (every touchpoint)."""
    return stored_scorecard(store, CommentFilter(channel=[channel] if channel else None), kpi, min_mentions)


def plan_owners(store) -> list[str]:
    return [u.name for u in list_users(store, kind="person") if u.active]


@router.get("/drivers")
async def drivers_page(
    request: Request,
    kpi: str = "nps",
    min_mentions: str = str(MIN_MENTIONS),
    touchpoint: str | None = None,
    channel: str | None = None,
    user: Principal = Depends(page_user(*ANALYST)),
    runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    kpi = KPI_ALIASES.get(kpi, kpi) if KPI_ALIASES.get(kpi, kpi) in KPI_LABELS else "nps_index"
    mentions = int(min_mentions) if min_mentions.isascii() and min_mentions.isdigit() and 0 < int(min_mentions) < 100_000 \
        else MIN_MENTIONS
    touchpoint, channel = (touchpoint or "")[:100] or None, (channel or "")[:100] or None
    result, message = None, None
    try:
        result = (await run_in_threadpool(run_drivers, runtime.store, kpi, mentions, touchpoint, channel)).to_dict()
    except VocError as exc:
        message = str(exc)
    scorecard, scorecard_message = None, None
    if result is not None:
        try:
            scorecard = (await run_in_threadpool(run_scorecard, runtime.store, kpi, mentions, channel)).to_dict()
        except VocError as exc:
            scorecard_message = str(exc)
    owners = await run_in_threadpool(plan_owners, runtime.store)
    actions = result["details"]["actions"] if result else []
    return render(
        request, "drivers.html", title="Drivers", result=result, message=message, kpi=kpi, kpis=KPI_LABELS,
        min_mentions=mentions, touchpoint=touchpoint or "", channel=channel or "",
        matrix={"kpi": result["kpi"], "n": result["n"], "drivers": result["drivers"],
                "details": {k: result["details"][k] for k in ("performance_measure", "higher_is_better")}}
        if result else None,
        actions=[(a, json.dumps(a, sort_keys=True)) for a in actions], owners=owners,
        scorecard=scorecard, scorecard_message=scorecard_message,
        default_deadline=(dt.date.today() + dt.timedelta(days=PLAN_DAYS)).isoformat(),
    )

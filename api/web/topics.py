"""The topics pages: the active topic model's topics with their trend and emerging-topic badge, a
topic's page (trend, representative comments, tag and sentiment mix) and proposing a topic as a
taxonomy category. Analysts and admins.

Every figure is the topics service's, as the JSON API returns it: the topic set of
`GET /v1/topics` (`TopicSet.to_dict`), the trends and emerging-topic alerts of
`GET /v1/topics/trends` with its defaults (`store_trends(...).to_dict()`), and the tag mix of
taxonomy coverage (`store_coverage`, as `voc topics coverage`). The charts are SVG drawn here
from those series; nothing is counted again. Proposing is `TaxonomyService.propose`, as
`POST /v1/topics/{id}/propose`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from api.deps import get_runtime
from api.errors import status_for
from api.web.common import ANALYST, error_page, not_found, page_user, read_form, redirect, render, row_id
from voc_engine.auth.policy import Principal
from voc_engine.errors import NotFoundError, VocError
from voc_engine.runtime import Runtime
from voc_engine.store.filters import CommentFilter
from voc_engine.topics.drafts import default_rules, suggested_name, taxonomy_service
from voc_engine.topics.versions import load_version, topics_root

router = APIRouter(include_in_schema=False)
TOPICS_SHOWN = 50  # rows of the list; "showing N of M" beyond
# GET /v1/topics/trends's defaults, so that the pages show the API's figures.
PERIOD, BASELINE, ALPHA = "week", 4, 0.01
FIT_HINT = "No topic model has been fitted yet: run `voc topics fit` (it fits on the stored comments and makes the new model active)."


def _root(runtime: Runtime):
    """Where the runtime's topic model versions live (GET /v1/topics's `get_topics_root`)."""
    return topics_root(runtime.settings.data_dir)


def _topic_set(runtime: Runtime) -> dict[str, Any]:
    """The active model's topics, exactly as GET /v1/topics returns them (one load per runtime
    while the files are unchanged: the topics extension's `TopicModels`)."""
    extension = runtime.extensions.get("topics")
    return load_version(None, _root(runtime), models=extension.models if extension is not None else None).topics().to_dict()


def _trends(runtime: Runtime) -> dict[str, Any]:
    """The trends and alerts of GET /v1/topics/trends with its defaults (all stored comments)."""
    from voc_engine.topics.service import store_trends

    trends, _ = store_trends(runtime.store, None, CommentFilter(), period=PERIOD, tz=None,
                             baseline_periods=BASELINE, alpha=ALPHA)
    return trends.to_dict()


def sparkline(values: list[float], width: int = 120, height: int = 28) -> dict[str, Any]:
    """An SVG polyline's points for ``values`` (scaled to the box; the first and last values kept
    for the text alternative)."""
    if not values:
        return {"points": "", "width": width, "height": height}
    top = max(values) or 1
    step = width / max(1, len(values) - 1)
    points = " ".join(f"{i * step:.1f},{height - 2 - (v / top) * (height - 4):.1f}" for i, v in enumerate(values))
    return {"points": points, "width": width, "height": height}


def bars(series: list[dict[str, Any]], width: int = 720, height: int = 200) -> dict[str, Any]:
    """Bars of a topic's count per period, with its share, for an SVG chart (each bar titled)."""
    top = max([s["count"] for s in series] + [1])
    slot = width / max(1, len(series))
    rows = []
    for i, s in enumerate(series):
        h = (s["count"] / top) * (height - 30)
        rows.append({**s, "x": round(i * slot + slot * 0.1, 1), "w": round(slot * 0.8, 1),
                     "y": round(height - 20 - h, 1), "h": round(h, 1)})
    return {"bars": rows, "width": width, "height": height, "top": top}


def _emerging(trends: dict[str, Any] | None) -> dict[int, dict[str, Any]]:
    """Alerts of the latest period, by topic: the topics emerging now."""
    if not trends or not trends["periods"]:
        return {}
    latest = trends["periods"][-1]["period"]
    return {a["topic"]: a for a in trends["alerts"] if a["period"] == latest}


@router.get("/topics")
def topics_page(
    request: Request, user: Principal = Depends(page_user(*ANALYST)), runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    try:
        topic_set = _topic_set(runtime)
    except NotFoundError:
        return render(request, "topics.html", title="Topics", topic_set=None, hint=FIT_HINT, rows=[], trends=None,
                      trend_error=None, emerging={}, shown=0, total=0)
    trends, trend_error = None, None
    try:
        trends = _trends(runtime)
    except VocError as exc:
        trend_error = str(exc)
    series = {t["id"]: [s["count"] for s in t["series"]] for t in (trends["topics"] if trends else [])}
    topics = sorted(topic_set["topics"], key=lambda t: (-t["size"], t["id"]))
    rows = [{**t, "spark": sparkline(series.get(t["id"], [])), "counts": series.get(t["id"], [])}
            for t in topics[:TOPICS_SHOWN]]
    return render(request, "topics.html", title="Topics", topic_set=topic_set, hint=None, rows=rows, trends=trends,
                  trend_error=trend_error, emerging=_emerging(trends), shown=len(rows), total=len(topics),
                  baseline=BASELINE, alpha=ALPHA)


def _topic_page(request: Request, runtime: Runtime, user: Principal, topic_id: int, status: int = 200,
                error: str | None = None, proposed: int | None = None, form: dict[str, str] | None = None) -> HTMLResponse:
    try:
        topic_set = _topic_set(runtime)
    except NotFoundError:
        return render(request, "error.html", 404, title="Not found", message=FIT_HINT)
    topic = next((t for t in topic_set["topics"] if t["id"] == topic_id), None)
    if topic is None:
        return not_found(request, f"topic {topic_id} in topic model {topic_set['version']}")
    topic = {"version": topic_set["version"], **topic}  # TopicSet.topic_to_dict's shape (GET /v1/topics/{id})
    trends, trend_error, coverage = None, None, None
    try:
        trends = _trends(runtime)
    except VocError as exc:
        trend_error = str(exc)
    service = taxonomy_service(runtime)
    try:
        from voc_engine.topics.service import store_coverage

        categories = service.taxonomy(user).names
        coverage = next((c for c in store_coverage(runtime.store, None, CommentFilter(), categories=categories)
                         .to_dict()["topics"] if c["topic"] == topic_id), None)
    except VocError as exc:
        trend_error = trend_error or str(exc)
    series = next((t["series"] for t in (trends["topics"] if trends else []) if t["id"] == topic_id), [])
    alerts = [a for a in (trends["alerts"] if trends else []) if a["topic"] == topic_id]
    drafts = [d for d in service.list_drafts(user) if d["topic"]["id"] == topic_id
              and d["topic"]["version"] == topic_set["version"]]
    form = form or {}
    return render(request, "topic.html", status, title=f"Topic {topic_id}", topic=topic, series=series,
                  chart=bars(series), alerts=alerts, emerging=_emerging(trends).get(topic_id), coverage=coverage,
                  trend_error=trend_error, drafts=drafts, error=error, proposed=proposed,
                  name=form.get("name", suggested_name(topic["words"], topic_id)),
                  description=form.get("description", ""),
                  rules=form.get("rules", "\n".join(default_rules(topic["words"]))))


@router.get("/topics/{topic_id}")
def topic_page(
    request: Request, topic_id: str, proposed: str | None = None,
    user: Principal = Depends(page_user(*ANALYST)), runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    number = _topic_id(topic_id)
    if number is None:
        return not_found(request, f"topic {topic_id}")
    return _topic_page(request, runtime, user, number, proposed=row_id(proposed or ""))


def _topic_id(value: str) -> int | None:
    """A topic id from a path: 0 or a row id (topics are numbered from 0)."""
    return 0 if value == "0" else row_id(value)


@router.post("/topics/{topic_id}/propose")
async def propose_topic(
    request: Request, topic_id: str, user: Principal = Depends(page_user(*ANALYST)),
    runtime: Runtime = Depends(get_runtime),
) -> Response:
    number = _topic_id(topic_id)
    if number is None:
        return not_found(request, f"topic {topic_id}")
    form = await read_form(request)
    extension = runtime.extensions.get("topics")
    try:
        draft = await run_in_threadpool(
            taxonomy_service(runtime).propose, user, number, _root(runtime),
            name=form.get("name", "")[:200], description=form.get("description", "")[:2000],
            rules=form.get("rules", "").splitlines()[:50] if "rules" in form else None,
            models=extension.models if extension is not None else None)
    except NotFoundError as exc:
        return error_page(request, exc)
    except VocError as exc:
        return await run_in_threadpool(_topic_page, request, runtime, user, number, status_for(exc), str(exc),
                                       None, form)
    return redirect(f"/topics/{number}?proposed={draft['id']}")


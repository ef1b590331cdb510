"""The comments explorer: filters, redacted text with tag spans and sentence sentiment marked,
cursor pages, the export of the current filter (CSV, Parquet), and analysts' corrections.

Thin views: the filter is `comment_filter`, the function behind `GET /v1/comments`'s query
parameters, read leniently from the form (an empty field is no filter); the rows are
`FeedbackStore.list_comments`; the export is `voc export`'s `export_comments` with the same
filter; a correction is `CorrectionService.correct`, as `POST /v1/comments/{id}/corrections`.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.background import BackgroundTask

from api.deps import get_runtime
from api.routers.comments import comment_filter, with_topic
from api.web.common import ANALYST, SECURITY_HEADERS, error_page, not_found, page_user, read_form, redirect, render
from voc_engine.auth.policy import Principal
from voc_engine.corrections.service import FIELDS, CorrectionService, LabelNotAllowedError
from voc_engine.errors import InvalidArgumentError, VocError
from voc_engine.periods import PERIODS, business_timezone, label_start, period_bounds
from voc_engine.runtime import Runtime
from voc_engine.schema import SENTIMENT_LABELS
from voc_engine.store.export import export_comments
from voc_engine.store.filters import CommentFilter

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 25
LIST_FIELDS = ("channel", "touchpoint", "journey_stage", "tag", "flag", "sentiment")
# (name, lowest, highest): the score ranges GET /v1/comments takes.
RANGES = (("nps_min", 0, 10), ("nps_max", 0, 10), ("csat_min", 1, 5), ("csat_max", 1, 5))
FILTER_FIELDS = ("q", "period", "label", "topic") + LIST_FIELDS + tuple(r[0] for r in RANGES)
EXPORT_FORMATS = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}


@dataclass
class PageFilter:
    """The filter as the form gave it (to show it again and carry it into links), and the
    `CommentFilter` it stands for."""

    given: list[tuple[str, str]]
    filters: CommentFilter | None = None
    problems: list[str] = field(default_factory=list)

    def value(self, name: str) -> str:
        return next((v for k, v in self.given if k == name), "")

    def values(self, name: str) -> list[str]:
        return [v for k, v in self.given if k == name]


def page_filter(params: Any, runtime: Runtime) -> PageFilter:
    """Read the filter fields of the query string or a form (empty fields ignored) into the
    `CommentFilter` that `GET /v1/comments` builds from the same values."""
    given = [(k, v.strip()) for k, v in params.multi_items() if k in FILTER_FIELDS and v.strip()]
    page = PageFilter(given)
    lists = {name: page.values(name) or None for name in LIST_FIELDS}
    bad = [s for s in lists["sentiment"] or [] if s not in SENTIMENT_LABELS]
    if bad:
        page.problems.append(f"sentiment {bad[0]!r} is not one of {', '.join(SENTIMENT_LABELS)}")
    ranges: dict[str, int | None] = {}
    for name, low, high in RANGES:
        text = page.value(name)
        ranges[name] = None
        if text:
            if text.isdigit() and low <= int(text) <= high:
                ranges[name] = int(text)
            else:
                page.problems.append(f"{name.replace('_', ' ')} must be a whole number from {low} to {high}")
    since = until = None
    if page.value("label"):
        period = page.value("period") or "week"
        if period not in PERIODS:
            page.problems.append(f"period must be one of {', '.join(PERIODS)}")
        else:
            try:
                since, until, _ = period_bounds(label_start(page.value("label"), period), period,
                                                business_timezone(runtime.settings))
            except VocError as exc:
                page.problems.append(str(exc))
    topic = page.value("topic")
    if topic and not (topic.lstrip("-").isdigit() and -1 <= int(topic) <= 100_000):
        page.problems.append("topic must be a topic's number (-1: outliers)")
    q = page.value("q")[:200] or None
    if page.problems:
        return page
    filters = comment_filter(
        since=since, until=until, channel=lists["channel"], touchpoint=lists["touchpoint"],
        journey_stage=lists["journey_stage"], segment=None, source=None, customer_id=None,
        tag=lists["tag"], flag=lists["flag"], sentiment=lists["sentiment"], sentiment_min=None,
        sentiment_max=None, ces_min=None, ces_max=None, q=q, **ranges,
    )
    try:
        page.filters = with_topic(filters, runtime.store, int(topic) if topic else None, None)
    except VocError as exc:  # no topic model fitted yet
        page.problems.append(str(exc))
    return page


def highlighted(text: str, enrichment: dict[str, Any]) -> list[dict[str, Any]]:
    """The redacted text cut where a sentence or a tag span starts or ends: each piece with the
    sentiment of its sentence (None past the encoder's window) and the tags whose spans cover
    it. Offsets are the enrichment's, on the redacted text."""
    sentences = [(s["start"], s["end"], s.get("sentiment")) for s in enrichment.get("sentences") or []]
    spans = [(int(a), int(b), t["name"]) for t in enrichment.get("tags") or [] for a, b in t.get("spans") or []]
    cuts = sorted({0, len(text)} | {p for a, b, _ in sentences + spans for p in (a, b) if 0 <= p <= len(text)})
    pieces = []
    for start, end in zip(cuts, cuts[1:]):
        if start == end:
            continue
        sentiment = next((s for a, b, s in sentences if a <= start and end <= b), None)
        tags = sorted({name for a, b, name in spans if a <= start and end <= b})
        pieces.append({"text": text[start:end], "sentiment": sentiment, "tags": tags})
    return pieces


# --------------------------------------------------------------------------- the explorer
@router.get("/comments")
def comments_page(
    request: Request,
    cursor: str | None = None,
    user: Principal = Depends(page_user(*ANALYST)),
    runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    chosen = page_filter(request.query_params, runtime)
    page, corrections, allowed, message = None, {}, (), None
    if chosen.filters is not None:
        try:
            page = runtime.store.list_comments(chosen.filters, limit=PAGE_SIZE, cursor=cursor or None)
            service = CorrectionService(runtime.store)
            corrections = service.for_comments(user, [c["id"] for c in page.items])
            allowed = service.allowed_tags()
        except VocError as exc:
            return error_page(request, exc)
    else:
        message = "; ".join(chosen.problems)
    next_link = ("/comments?" + urlencode(chosen.given + [("cursor", page.next_cursor)])
                 if page is not None and page.next_cursor else None)
    here = "/comments" + ("?" + urlencode(chosen.given + ([("cursor", cursor)] if cursor else [])) if chosen.given or cursor else "")
    return render(request, "comments.html", status=200 if message is None else 422, title="Comments",
                  page=page, next_link=next_link, chosen=chosen, message=message, periods=PERIODS,
                  sentiments=SENTIMENT_LABELS, corrections=corrections, allowed_tags=allowed,
                  highlighted=highlighted, here=here, notice=request.query_params.get("corrected"))


# --------------------------------------------------------------------------- export
@router.post("/comments/export")
async def export_page(
    request: Request,
    user: Principal = Depends(page_user(*ANALYST)),
    runtime: Runtime = Depends(get_runtime),
) -> Response:
    """The rows of the current filter, every one of them (not the page shown), as `voc export`
    writes them; audited under the person's name."""
    form = await read_form(request)
    fmt = form.get("format", "csv")
    chosen = page_filter(_Form(form), runtime)
    if fmt not in EXPORT_FORMATS or chosen.filters is None:
        problem = "; ".join(chosen.problems) or f"format must be one of {', '.join(EXPORT_FORMATS)}"
        return error_page(request, InvalidArgumentError(problem))
    folder = Path(tempfile.mkdtemp(prefix="voc-export-"))
    target = folder / f"comments.{fmt}"
    try:
        await run_in_threadpool(export_comments, runtime.store, target, fmt, chosen.filters, actor=user.actor)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return FileResponse(target, media_type=EXPORT_FORMATS[fmt], filename=f"comments-{stamp}.{fmt}",
                        headers=SECURITY_HEADERS, background=BackgroundTask(shutil.rmtree, folder, True))


class _Form:
    """A parsed form (one value per name) read like the query string."""

    def __init__(self, form: dict[str, str]):
        self.form = form

    def multi_items(self) -> list[tuple[str, str]]:
        return list(self.form.items())


# --------------------------------------------------------------------------- corrections
@router.post("/comments/{comment_id}/corrections")
async def correct_page(
    request: Request,
    comment_id: str,
    user: Principal = Depends(page_user(*ANALYST)),
    runtime: Runtime = Depends(get_runtime),
) -> Response:
    form = await read_form(request)
    back = form.get("back", "/comments")
    back = back if back.startswith("/comments") and not back.startswith("//") else "/comments"
    if len(comment_id) > 32:
        return not_found(request, "such comment")
    what = form.get("field", "")
    if what not in FIELDS:
        return error_page(request, LabelNotAllowedError("field", what, FIELDS))
    service = CorrectionService(runtime.store)
    try:
        await run_in_threadpool(service.correct, user, comment_id, what, form.get("old") or None,
                                form.get("new") or None)
    except LabelNotAllowedError as exc:
        return render(request, "error.html", 422, title="Cannot do that", message=str(exc))
    except VocError as exc:
        return error_page(request, exc)
    separator = "&" if "?" in back else "?"
    return redirect(f"{back}{separator}corrected={comment_id}#comment-{comment_id}")

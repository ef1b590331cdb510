"""The workspace's general pages: static files, signing in and out, the overview and the control
charts (the comments explorer is `api.web.comments`). Thin views: each calls the service its `/v1`
endpoint calls and renders the result (shared plumbing: `api.web.common`)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from api.deps import get_runtime
from api.routers.auth import _client, _secure
from api.routers.spc import ChartQuery, chart_set
from api.web.common import (
    ANALYST,
    CSRF_COOKIE,
    HERE,
    error_page,
    page_user,
    read_form,
    redirect,
    render,
    safe_next,
)
from voc_engine.auth.policy import ROLES, Principal
from voc_engine.auth.sessions import COOKIE_NAME, login, logout
from voc_engine.errors import NotAuthenticatedError, TooManyAttemptsError, VocError
from voc_engine.periods import PERIODS
from voc_engine.runtime import Runtime
from voc_engine.spc.series import METRICS
from voc_engine.workspace.overview import overview

router = APIRouter(include_in_schema=False)


# --------------------------------------------------------------------------- static files
@router.get("/static/{name}")
def static_file(request: Request, name: str) -> Response:
    """Plotly's JavaScript and the workspace's CSS and scripts (`api.web.assets`)."""
    return request.app.state.workspace_assets.response(request, name)


# --------------------------------------------------------------------------- signing in and out
@router.get("/login")
def login_page(request: Request, next: str | None = None) -> HTMLResponse:
    return render(request, "login.html", title="Sign in", next=safe_next(next), error=None, username="")


@router.post("/login")
async def login_submit(request: Request, runtime: Runtime = Depends(get_runtime)) -> Response:
    form = await read_form(request)
    username, password = form.get("username", "")[:200], form.get("password", "")
    target = safe_next(form.get("next"))
    if not username or not password:
        return render(request, "login.html", title="Sign in", status=422, next=target, username=username,
                      error="Enter your user name and password.")
    try:
        signed_in = await run_in_threadpool(
            login, runtime.store, runtime.settings.auth, username, password, _client(request)
        )
    except TooManyAttemptsError:
        return render(request, "login.html", title="Sign in", status=429, next=target, username=username,
                      error="Too many failed sign-ins: try again later.")
    except NotAuthenticatedError:
        return render(request, "login.html", title="Sign in", status=401, next=target, username=username,
                      error="Wrong user name or password.")
    response = redirect(target)
    lifetime = runtime.settings.auth.session_lifetime_minutes * 60
    secure = _secure(request, runtime)
    response.set_cookie(COOKIE_NAME, signed_in.token, max_age=lifetime, path="/", httponly=True,
                        samesite="lax", secure=secure)
    response.set_cookie(CSRF_COOKIE, signed_in.csrf_token, max_age=lifetime, path="/", httponly=True,
                        samesite="strict", secure=secure)
    return response


@router.post("/logout")
async def logout_submit(
    request: Request, runtime: Runtime = Depends(get_runtime), user: Principal = Depends(page_user(*ROLES))
) -> Response:
    await run_in_threadpool(logout, runtime.store, request.cookies.get(COOKIE_NAME), _client(request))
    response = redirect("/login")
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="lax", secure=_secure(request, runtime))
    response.delete_cookie(CSRF_COOKIE, path="/", httponly=True, samesite="strict", secure=_secure(request, runtime))
    return response


# --------------------------------------------------------------------------- overview
@router.get("/")
def overview_page(
    request: Request,
    period: str = "week",
    label: str | None = None,
    user: Principal = Depends(page_user(*ANALYST)),
    runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    if period not in PERIODS:
        period = "week"
    try:
        result = overview(runtime.store, user, period, label or None)
    except VocError as exc:
        return error_page(request, exc)
    return render(request, "overview.html", title="Overview", ov=result, periods=PERIODS)


# --------------------------------------------------------------------------- control charts
CHART_GROUPINGS = ("touchpoint", "channel", "segment")


@router.get("/charts")
def charts_page(
    request: Request,
    metric: str = "negative_rate",
    by: str = "touchpoint",
    period: str = "week",
    user: Principal = Depends(page_user(*ANALYST)),
    runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    metric = metric if metric in METRICS and metric != "tag_rate" else "negative_rate"
    by = by if by in CHART_GROUPINGS else ""
    period = period if period in PERIODS else "week"
    query = ChartQuery(metric=metric, by=by or None, period=period, tz=None, tag=None, chart=None, rules="nelson",
                       baseline=None, exclude=None, since=None, until=None, channel=None, touchpoint=None,
                       segment=None, settings=runtime.settings)
    charts, message = [], None
    try:
        charts = chart_set(query, runtime.store.read_frame).to_dict()["charts"]
    except VocError as exc:
        message = str(exc)
    charts.sort(key=lambda c: (-sum(1 for p in c["points"] if p.get("signals")), json.dumps(c["key"] or {})))
    return render(request, "charts.html", title="Control charts", charts=charts, message=message,
                  metrics=[m for m in METRICS if m != "tag_rate"], groupings=CHART_GROUPINGS, periods=PERIODS,
                  metric=metric, by=by, period=period)

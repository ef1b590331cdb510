"""The workspace's pages: thin views that call a service and render its result.

Who may open a page is `voc_engine.auth.policy.authorize` with the same roles as the JSON
endpoint behind it (overview, comments, charts: analyst; cases: agent, hence lead and admin).
A page asked for without a live session redirects to /login; a role that may not open it gets
a 403 page; a case the viewer may not see is a 404 page, exactly like a missing one.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import parse_qsl, quote, urlencode

import jinja2
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from api.deps import SAFE_METHODS, get_runtime
from api.errors import status_for
from api.routers.auth import _client, _secure
from api.routers.comments import comment_filter
from api.routers.spc import ChartQuery, chart_set
from voc_engine.alerting.cases import CaseFilter, CasePatch, CaseService
from voc_engine.alerting.lifecycle import TRANSITIONS
from voc_engine.alerting.routing import OUTCOMES
from voc_engine.auth.policy import ROLES, Principal, allowed_roles, authorize
from voc_engine.auth.sessions import COOKIE_NAME, authenticate_session, login, logout
from voc_engine.errors import NotAuthenticatedError, PermissionDeniedError, TooManyAttemptsError, VocError
from voc_engine.periods import PERIODS
from voc_engine.runtime import Runtime
from voc_engine.spc.series import METRICS
from voc_engine.workspace.overview import overview

HERE = Path(__file__).resolve().parent
CSRF_COOKIE = "voc_csrf"
CSRF_FIELD = "csrf_token"
# script-src 'self' only: no inline script runs. Plotly sets style attributes on its SVG.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
ANALYST = ("analyst",)
CASE_WORK = ("agent",)  # agents, leads (wherever agent is) and admins
# (label, path, roles): the navigation, in order; each shown only to the roles that may open it.
NAVIGATION = (
    ("Overview", "/", ANALYST),
    ("Comments", "/comments", ANALYST),
    ("Control charts", "/charts", ANALYST),
    ("Cases", "/cases", CASE_WORK),
)
STATIC_FILES = {"workspace.css": "text/css", "workspace.js": "text/javascript"}


class SignInRequired(Exception):
    """No live session: the page redirects to /login."""


class PageRefused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


router = APIRouter(include_in_schema=False)


# --------------------------------------------------------------------------- plumbing
def may_open(principal: Principal, roles: Iterable[str]) -> bool:
    return principal.role in allowed_roles(roles)


def navigation(principal: Principal) -> list[dict[str, str]]:
    return [{"label": label, "path": path} for label, path, roles in NAVIGATION if may_open(principal, roles)]


async def read_form(request: Request) -> dict[str, str]:
    """An urlencoded form body (the last value of each name); bodies are capped by the service's
    body limit (api.observability)."""
    if "application/x-www-form-urlencoded" not in request.headers.get("content-type", ""):
        return {}
    body = (await request.body()).decode("utf-8", errors="replace")
    return dict(parse_qsl(body, keep_blank_values=True, max_num_fields=50))


def page_user(*roles: str):
    """A dependency: the signed-in person, allowed `roles` (authorize). A form that changes
    something must carry the session's CSRF token in its body."""

    async def check(request: Request, runtime: Runtime = Depends(get_runtime)) -> Principal:
        token = request.cookies.get(COOKIE_NAME)
        if not token:
            raise SignInRequired()
        write = request.method not in SAFE_METHODS
        csrf = (await read_form(request)).get(CSRF_FIELD) if write else request.cookies.get(CSRF_COOKIE)
        principal = await run_in_threadpool(
            authenticate_session, runtime.store, runtime.settings.auth, token, csrf or None
        )
        if principal is None:
            raise SignInRequired()
        request.state.principal = principal
        # Forms on this page get the token only once it is proven to be this session's.
        request.state.csrf_token = csrf if (principal.csrf_ok and not write) else None
        try:
            return authorize(principal, roles, write=write)
        except PermissionDeniedError as exc:
            if not write and request.url.path == "/" and navigation(principal):
                raise PageRefused(303, navigation(principal)[0]["path"]) from None
            raise PageRefused(403, str(exc)) from None

    return check


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    principal: Principal | None = getattr(request.state, "principal", None)
    templates: jinja2.Environment = request.app.state.workspace_templates
    html = templates.get_template(template).render(
        request=request,
        user=principal,
        nav=navigation(principal) if principal else [],
        path=request.url.path,
        csrf_token=getattr(request.state, "csrf_token", None),
        **context,
    )
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def redirect(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303, headers={"Cache-Control": "no-store"})


def safe_next(value: str | None) -> str:
    """Where to go after sign-in: a path on this site only (never //host or a scheme)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


def install_pages(app: FastAPI) -> None:
    app.state.workspace_templates = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    app.include_router(router)

    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, exc: SignInRequired) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        response = redirect("/login?" + urlencode({"next": target}))
        response.delete_cookie(CSRF_COOKIE, path="/")
        return response

    @app.exception_handler(PageRefused)
    async def _refused(request: Request, exc: PageRefused) -> Response:
        if exc.status == 303:
            return redirect(str(exc))
        return render(request, "error.html", exc.status, title="Not allowed", message=str(exc))


def _error_page(request: Request, exc: VocError) -> HTMLResponse:
    status = status_for(exc)
    title = {404: "Not found", 403: "Not allowed", 409: "Not possible now"}.get(status, "Cannot do that")
    return render(request, "error.html", status, title=title, message=str(exc))


# --------------------------------------------------------------------------- static files
@router.get("/static/plotly.min.js")
def plotly_js() -> FileResponse:
    """Plotly's JavaScript from the installed `plotly` package: nothing comes from a CDN."""
    path = resources.files("plotly") / "package_data" / "plotly.min.js"
    return FileResponse(str(path), media_type="text/javascript",
                        headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"})


@router.get("/static/{name}")
def static_file(name: str) -> Response:
    if name not in STATIC_FILES:
        return Response("not found", status_code=404, media_type="text/plain")
    return FileResponse(HERE / "static" / name, media_type=STATIC_FILES[name],
                        headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"})


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
        return _error_page(request, exc)
    return render(request, "overview.html", title="Overview", ov=result, periods=PERIODS)


# --------------------------------------------------------------------------- comments
@router.get("/comments")
def comments_page(
    request: Request,
    cursor: str | None = None,
    user: Principal = Depends(page_user(*ANALYST)),
    runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    params = request.query_params
    try:
        filters = comment_filter(
            since=None, until=None,
            channel=params.getlist("channel") or None, touchpoint=params.getlist("touchpoint") or None,
            journey_stage=None, segment=None, source=None, customer_id=None,
            tag=params.getlist("tag") or None, flag=params.getlist("flag") or None,
            sentiment=[s for s in params.getlist("sentiment") if s in ("negative", "neutral", "positive")] or None,
            sentiment_min=None, sentiment_max=None, nps_min=None, nps_max=None, csat_min=None, csat_max=None,
            ces_min=None, ces_max=None, q=(params.get("q") or None),
        )
        page = runtime.store.list_comments(filters, limit=25, cursor=cursor or None)
    except VocError as exc:
        return _error_page(request, exc)
    kept = [(k, v) for k, v in params.multi_items() if k != "cursor" and v]
    next_link = "/comments?" + urlencode(kept + [("cursor", page.next_cursor)]) if page.next_cursor else None
    return render(request, "comments.html", title="Comments", page=page, next_link=next_link,
                  q=params.get("q", ""), chosen={k: params.getlist(k) for k in ("sentiment", "tag", "channel", "touchpoint")})


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


# --------------------------------------------------------------------------- cases
@router.get("/cases")
def cases_page(
    request: Request,
    state: str | None = None,
    cursor: str | None = None,
    user: Principal = Depends(page_user(*CASE_WORK)),
    runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    service = CaseService(runtime.store)
    try:
        page = service.list_cases(user, CaseFilter(state=[state] if state else None), 50, cursor or None)
        counts = service.counts(user)
    except VocError as exc:
        return _error_page(request, exc)
    next_link = "/cases?" + urlencode({k: v for k, v in (("state", state), ("cursor", page.next_cursor)) if v}) \
        if page.next_cursor else None
    return render(request, "cases.html", title="Cases", page=page, counts=counts, state=state or "",
                  states=tuple(TRANSITIONS), next_link=next_link)


def _case_page(request: Request, store, user: Principal, case_id: int, status: int = 200,
               error: str | None = None) -> HTMLResponse:
    try:
        case = CaseService(store).get_case(user, case_id)
    except VocError as exc:
        return _error_page(request, exc)
    return render(request, "case.html", status, title=f"Case {case['id']}", case=case, error=error,
                  next_states=TRANSITIONS.get(case["state"], ()), outcomes=OUTCOMES)


def _case_id(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


@router.get("/cases/{case_id}")
def case_page(
    request: Request, case_id: str, user: Principal = Depends(page_user(*CASE_WORK)),
    runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    number = _case_id(case_id)
    if number is None:
        return render(request, "error.html", 404, title="Not found", message=f"no case {case_id}")
    return _case_page(request, runtime.store, user, number)


@router.post("/cases/{case_id}/notes")
async def case_note(
    request: Request, case_id: str, user: Principal = Depends(page_user(*CASE_WORK)),
    runtime: Runtime = Depends(get_runtime),
) -> Response:
    number = _case_id(case_id)
    if number is None:
        return render(request, "error.html", 404, title="Not found", message=f"no case {case_id}")
    body = (await read_form(request)).get("body", "").strip()
    if not body or len(body) > 10_000 or "\x00" in body:
        return _case_page(request, runtime.store, user, number, 422, "A note is 1 to 10,000 characters.")
    try:
        await run_in_threadpool(CaseService(runtime.store).add_note, user, number, body)
    except VocError as exc:
        return _case_page(request, runtime.store, user, number, status_for(exc), str(exc))
    return redirect(f"/cases/{number}#notes")


@router.post("/cases/{case_id}/transition")
async def case_transition(
    request: Request, case_id: str, user: Principal = Depends(page_user(*CASE_WORK)),
    runtime: Runtime = Depends(get_runtime),
) -> Response:
    number = _case_id(case_id)
    if number is None:
        return render(request, "error.html", 404, title="Not found", message=f"no case {case_id}")
    form = await read_form(request)
    patch = CasePatch(
        state=form.get("state") or None,
        resolution_code=form.get("resolution_code") or None,
        outcome=form.get("outcome") or None,
    )
    try:
        await run_in_threadpool(CaseService(runtime.store).update_case, user, number, patch)
    except VocError as exc:
        return _case_page(request, runtime.store, user, number, status_for(exc), str(exc))
    return redirect(f"/cases/{quote(str(number))}")

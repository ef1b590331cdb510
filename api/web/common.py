"""What every workspace page shares: the session and CSRF check, who may open what, rendering with
the security headers, redirects and error pages. One place for these; the pages live per domain
(`api.web.pages`: sign-in, overview, comments, charts; `api.web.cases`: cases and customers;
`api.web.drivers`; `api.web.actions`).

Who may open a page is `voc_engine.auth.policy.authorize` with the same roles as the JSON
endpoint behind it. A page asked for without a live session redirects to /login; a role that may
not open it gets a 403 page; a row the viewer may not see is a 404 page, exactly like a missing one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable
from urllib.parse import parse_qsl, urlencode

import jinja2
from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import SAFE_METHODS, get_runtime
from api.errors import status_for
from voc_engine.auth.policy import Principal, allowed_roles, authorize
from voc_engine.auth.sessions import COOKIE_NAME, authenticate_session
from voc_engine.errors import PermissionDeniedError, VocError
from voc_engine.runtime import Runtime
from voc_engine.store.models import BIGINT_MAX

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
PLAN_READERS = ("analyst", "agent")  # everyone: the service decides which plans each sees
# (label, path, roles): the navigation, in order; each shown only to the roles that may open it.
NAVIGATION = (
    ("Overview", "/", ANALYST),
    ("Comments", "/comments", ANALYST),
    ("Topics", "/topics", ANALYST),
    ("Control charts", "/charts", ANALYST),
    ("Drivers", "/drivers", ANALYST),
    ("Cases", "/cases", CASE_WORK),
    ("Action plans", "/actions", PLAN_READERS),
    ("Weekly digest", "/digest", ("analyst", "lead")),  # voc_engine.digest.DIGEST_ROLES
    ("Admin", "/admin", ("admin",)),
)


class SignInRequired(Exception):
    """No live session: the page redirects to /login."""


class PageRefused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


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


def error_page(request: Request, exc: VocError) -> HTMLResponse:
    status = status_for(exc)
    title = {404: "Not found", 403: "Not allowed", 409: "Not possible now"}.get(status, "Cannot do that")
    return render(request, "error.html", status, title=title, message=str(exc))


def not_found(request: Request, what: str) -> HTMLResponse:
    return render(request, "error.html", 404, title="Not found", message=f"no {what}")


def row_id(value: str) -> int | None:
    """A row id from a path: digits within the BIGINT columns' range, else None (a 404)."""
    if value.isascii() and value.isdigit() and len(value) <= 19 and 1 <= int(value) <= BIGINT_MAX:
        return int(value)
    return None


def install_pages(app: FastAPI) -> None:
    from api.web.assets import StaticAssets

    app.state.workspace_assets = StaticAssets()
    app.state.workspace_templates = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    # Static files are linked by their content's digest: cached for good, a new URL when changed.
    app.state.workspace_templates.globals["static_url"] = app.state.workspace_assets.url

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

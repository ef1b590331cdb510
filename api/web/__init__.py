"""The CX workspace: server-rendered pages over the same services the JSON API calls.

One app, one port: `api.main.create_app` installs these pages next to `/v1`. Pages are Jinja2
templates (autoescaped) rendered from the services' results objects (stats, overview, cases,
control charts), never from a second computation. Sign-in is the people-and-sessions model of
`voc_engine.auth`: the page form calls the same `login` as `POST /v1/auth/login` and sets the
same session cookie; what a role may open is decided by the same `authorize`.

CSRF: the session's CSRF token is shown once, at sign-in. The page sign-in keeps it in a second
HttpOnly, SameSite=Strict cookie so that pages can put it in their forms; a form that changes
something is accepted only with the token in its body (a cookie alone proves nothing: the
browser sends it by itself).
"""

from __future__ import annotations

from fastapi import FastAPI

from api.web import actions, cases, drivers, pages
from api.web import admin
from api.web import digest
from api.web import taxonomy, topics
from api.web.common import SignInRequired, install_pages
from api.web import comments as comment_pages


def install(app: FastAPI) -> None:
    install_pages(app)
    for module in (pages, cases, drivers, actions):
        app.include_router(module.router)
    app.include_router(admin.router)
    app.include_router(comment_pages.router)
    digest.add_digest_templates(app)
    app.include_router(digest.router)
    for module in (topics, taxonomy):
        app.include_router(module.router)


__all__ = ["SignInRequired", "install"]

"""Signing in and out of a browser session, and who the caller is.

The session lives in the server (`voc_engine.auth.sessions`); the browser holds its token in an
HttpOnly, SameSite=Lax cookie (Secure over https) and sends the CSRF token from the sign-in
answer back in ``X-CSRF-Token`` with every request that changes something.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from api.deps import DbText, get_runtime, require_roles
from api.errors import ErrorMessage
from voc_engine.auth.passwords import MAX_LENGTH
from voc_engine.auth.policy import ROLES, Principal
from voc_engine.auth.sessions import COOKIE_NAME, login, logout
from voc_engine.errors import InvalidArgumentError
from voc_engine.runtime import Runtime

router = APIRouter(prefix="/v1/auth", tags=["auth"])


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"username": "amy", "password": "…"}]})

    username: DbText = Field(min_length=1, max_length=200)
    password: DbText = Field(min_length=1, max_length=MAX_LENGTH)


class LoginOut(BaseModel):
    csrf_token: str = Field(description="Send it back in the X-CSRF-Token header with every change.")
    expires_at: str
    user: dict[str, Any]


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


def _secure(request: Request, runtime: Runtime) -> bool:
    setting = runtime.settings.auth.session_cookie_secure
    return setting == "always" or (setting == "auto" and request.url.scheme == "https")


@router.post(
    "/login",
    summary="Sign in: sets the session cookie and returns the CSRF token",
    responses={429: {"model": ErrorMessage, "description": "Too many failed sign-ins: see Retry-After"}},
)
def sign_in(
    request: Request, response: Response, body: LoginIn = Body(...), runtime: Runtime = Depends(get_runtime)
) -> LoginOut:
    """401 for a wrong user name or password (which one is not said), a disabled user or one
    without a password; 429 while the name or the address is locked out."""
    signed_in = login(runtime.store, runtime.settings.auth, body.username, body.password, _client(request))
    response.set_cookie(
        COOKIE_NAME,
        signed_in.token,
        max_age=runtime.settings.auth.session_lifetime_minutes * 60,
        path="/",
        httponly=True,
        samesite="lax",
        secure=_secure(request, runtime),
    )
    response.headers["Cache-Control"] = "no-store"
    return LoginOut(csrf_token=signed_in.csrf_token, expires_at=signed_in.expires_at.isoformat(),
                    user=signed_in.user.to_dict())


@router.post("/logout", summary="Sign out: the session ends at once")
def sign_out(
    request: Request,
    response: Response,
    principal: Principal = Depends(require_roles(*ROLES)),
    runtime: Runtime = Depends(get_runtime),
) -> dict[str, bool]:
    if principal.via != "session":
        raise InvalidArgumentError("an API key has no session to end: revoke it with `voc keys revoke`")
    ended = logout(runtime.store, request.cookies.get(COOKIE_NAME), _client(request))
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="lax", secure=_secure(request, runtime))
    return {"signed_out": ended}


@router.get("/me", summary="Who the credentials of this request stand for")
async def me(principal: Principal = Depends(require_roles(*ROLES))) -> dict[str, Any]:
    return principal.to_dict()

"""Error answers: two body shapes, both documented in the OpenAPI schema, made in one place.

* 422: FastAPI's own `{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}`, whatever raised
  it: request validation, a library error that means bad input (InputFileError and its kin),
  or an `HTTPException(422, "text")`. `loc` is empty when the error is about the request as a
  whole rather than one parameter.
* Every other 4xx, and 503: `{"detail": "text"}`.
"""

from __future__ import annotations

import math
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from voc_engine.errors import (
    ConflictError,
    InputFileError,
    ModelNotFoundError,
    NotAuthenticatedError,
    NotFoundError,
    PermissionDeniedError,
    TooManyAttemptsError,
    VocError,
)

_STATUS_BY_ERROR: list[tuple[type[VocError], int]] = [
    (NotAuthenticatedError, 401),
    (TooManyAttemptsError, 429),
    (NotFoundError, 404),
    (PermissionDeniedError, 403),
    (ConflictError, 409),
    (InputFileError, 422),
    (ModelNotFoundError, 503),
    (VocError, 400),
]


class ErrorMessage(BaseModel):
    """The body of every error answer but 422."""

    detail: str


class ValidationErrorItem(BaseModel):
    loc: list[str | int] = Field(description="Where: body / query / path, then the field; empty: the whole request")
    msg: str
    type: str


class HTTPValidationError(BaseModel):
    """The body of a 422 (FastAPI's shape, without the echoed input)."""

    detail: list[ValidationErrorItem]


def _message(description: str) -> dict[str, Any]:
    return {"model": ErrorMessage, "description": description}


# Documented on every /v1 operation (`include_router(..., responses=ERROR_RESPONSES)`): each
# can answer these, since auth, the body limit and the database are shared by all of them. An
# operation that lists one of these codes itself must give the model too, or its entry hides this.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _message("A request the engine cannot carry out (the message says why)"),
    401: _message("No credentials (API key or session), or an unknown, revoked or expired one"),
    403: _message("The caller's role may not do this, or a change through the session lacks its X-CSRF-Token"),
    404: _message("Not found, or not visible to this caller"),
    413: _message("Body over the configured size (VOC_MAX_BODY_BYTES)"),
    422: {"model": HTTPValidationError, "description": "Invalid request: where and why, per field"},
    503: _message("Database or models unavailable: nothing was done"),
}


def validation_body(errors: list[dict[str, Any]]) -> dict[str, Any]:
    # FastAPI's default answer echoes each failing value ("input"): for a batch of comments,
    # their raw, unredacted text. Where and why is enough to fix a request.
    return {"detail": jsonable_encoder([{k: e[k] for k in ("type", "loc", "msg") if k in e} for e in errors])}


def _request_error(message: str) -> dict[str, Any]:
    return {"loc": [], "msg": message, "type": "value_error"}


def status_for(exc: VocError) -> int:
    """The HTTP status of a library error (the workspace's pages answer with the same)."""
    return next(code for kind, code in _STATUS_BY_ERROR if isinstance(exc, kind))


def install(app: FastAPI) -> None:
    @app.exception_handler(VocError)
    async def _voc_error(request: Request, exc: VocError) -> JSONResponse:
        status = status_for(exc)
        if status == 422:
            return JSONResponse(status_code=422, content=validation_body([_request_error(str(exc))]))
        headers = None
        if isinstance(exc, NotAuthenticatedError):
            headers = {"WWW-Authenticate": "X-API-Key"}
        elif isinstance(exc, TooManyAttemptsError):
            headers = {"Retry-After": str(max(1, math.ceil(exc.retry_after)))}
        return JSONResponse(status_code=status, content={"detail": str(exc)}, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content=validation_body(list(exc.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 422 and not isinstance(exc.detail, list):
            return JSONResponse(
                status_code=422, content=validation_body([_request_error(str(exc.detail))]), headers=exc.headers
            )
        return await http_exception_handler(request, exc)


def check_batch_size(count: int, max_batch: int) -> None:
    """A batch of more than `max_batch` comments (VOC_MAX_BATCH) is a 422 at body.comments."""
    if count > max_batch:
        raise RequestValidationError(
            [
                {
                    "loc": ("body", "comments"),
                    "msg": f"at most {max_batch} comments per request, got {count}",
                    "type": "too_long",
                }
            ]
        )

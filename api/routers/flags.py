"""The flag configuration (read: analyst; replace: admin) and its dry run over stored comments.

The runtime's pipeline reads the newest version saved in the runtime's store before each batch
(``voc_engine.runtime.Runtime.pipeline``), so a saved change applies to the next ingested or
scored comment, without a restart.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from api.deps import get_runtime, get_store, loaded_pipeline, require_roles
from api.routers.alerts import _document
from voc_engine.alerting.config import current_version, save_flags
from voc_engine.alerting.flagtest import DEFAULT_LIMIT, dry_run_flags
from voc_engine.auth.policy import Principal
from voc_engine.errors import ConfigError
from voc_engine.runtime import Runtime
from voc_engine.store.repository import FeedbackStore
from voc_engine.times import ApiTime


router = APIRouter(prefix="/v1/alerts/flags", tags=["alerts"])

_FLAGS_EXAMPLE = {
    "version": 1,
    "flags": [
        {
            "name": "churn_intent",
            "description": "The customer says they will leave, cancel or switch.",
            "severity": "critical",
            "rules": ["cancel my contract", "close my account", "port my number"],
            "model": True,
        }
    ],
}
_DOCUMENT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"type": "object"}, "example": _FLAGS_EXAMPLE},
            "application/yaml": {"schema": {"type": "string"}},
        },
    }
}


@router.get("", summary="The active flag configuration (saved version or shipped default)")
def get_flags(
    key: Principal = Depends(require_roles("analyst")), store: FeedbackStore = Depends(get_store)
) -> JSONResponse:
    return JSONResponse(current_version(store, "flags").to_dict())


@router.put("", summary="Replace the flag configuration (admin); validated before saving", openapi_extra=_DOCUMENT_BODY)
async def put_flags(
    request: Request, key: Principal = Depends(require_roles("admin")), store: FeedbackStore = Depends(get_store)
) -> JSONResponse:
    """JSON (the document as an object) or YAML (Content-Type: application/yaml): per flag a name,
    description, severity (of the case it opens through a `severity: flag` rule), phrase rules
    (at least one) and whether the flag model may raise it. Every version is kept and audited;
    the next scored comment uses the new one."""
    document = await _document(request)
    saved = await run_in_threadpool(save_flags, store, document, key.actor)
    return JSONResponse(saved.to_dict())


class FlagTestIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"flags": _FLAGS_EXAMPLE}]})

    flags: dict[str, Any] | None = Field(None, description="A flag configuration; omitted: the active one.")
    yaml: str | None = Field(None, description="The configuration as YAML text (instead of `flags`).")
    since: ApiTime | None = Field(None, description="Comments created at or after (ISO-8601; UTC when no offset)")
    until: ApiTime | None = Field(None, description="Comments created before")
    examples_per_flag: int = Field(3, ge=0, le=50, strict=True)  # strict: `true` is not 1
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=100_000, strict=True, description="Read at most this many comments, newest first.")


@router.post("/test", summary="Dry run: which stored comments a flag configuration would flag differently")
def test_flags(
    body: FlagTestIn,
    key: Principal = Depends(require_roles("analyst")),
    store: FeedbackStore = Depends(get_store),
    runtime: Runtime = Depends(get_runtime),
) -> JSONResponse:
    """Per flag: comments flagged under the active configuration and under this one, how many
    gain or lose the flag, and a few examples of each (redacted text). Both configurations are
    applied afresh with the scoring pipeline to the newest `limit` comments created in
    [since, until). Nothing is written."""
    if body.flags is not None and body.yaml is not None:
        raise ConfigError("give either 'flags' or 'yaml', not both")
    proposed = body.flags if body.flags is not None else body.yaml
    if proposed is None:
        from voc_engine.alerting.config import active_flags

        proposed = active_flags(store)[1]
    result = dry_run_flags(store, proposed, body.since, body.until, body.examples_per_flag,
                           body.limit, loaded_pipeline(runtime))
    return JSONResponse(result.to_dict())

"""Alert rules and routing (read; replace: admin), a dry run of rules over stored comments, the outbox.

The in-process webhook delivery worker (VOC_ALERTS_DELIVERY=in_process, the default) is the
runtime's, started with the app (api.observability.install).
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from api.deps import get_store, require_roles
from voc_engine.alerting.config import current_version, save_routing, save_rules
from voc_engine.alerting.dryrun import dry_run
from voc_engine.alerting.outbox import delivery_log, outbox_counts
from voc_engine.auth.policy import Principal
from voc_engine.errors import ConfigError
from voc_engine.store.repository import FeedbackStore
from voc_engine.times import ApiTime

router = APIRouter(prefix="/v1/alerts", tags=["alerts"])

_YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain")
_RULES_EXAMPLE = {
    "version": 1,
    "dedup_window_hours": 168,
    "rules": [
        {
            "id": "detractor_negative",
            "name": "Detractor with a negative comment",
            "severity": "high",
            "when": {"all": [{"nps": {"between": [0, 6]}}, {"sentiment": {"label": "negative"}}]},
        }
    ],
}


async def _document(request: Request) -> str | dict[str, Any]:
    """The body as YAML text (YAML content types) or a JSON object (anything else)."""
    raw = await request.body()
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type in _YAML_TYPES:
        return raw.decode("utf-8", errors="replace")
    try:
        document = json.loads(raw)
    except RecursionError:  # nested deeper than the parser goes
        raise ConfigError("the body is nested too deeply to be a rule document") from None
    except ValueError as exc:
        raise ConfigError(f"the body is not JSON ({exc}); send YAML with Content-Type: application/yaml") from None
    if not isinstance(document, dict):
        raise ConfigError("expected a JSON object (the rule document)")
    return document


_DOCUMENT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"type": "object"}, "example": _RULES_EXAMPLE},
            "application/yaml": {"schema": {"type": "string"}},
        },
    }
}


@router.get("/rules", summary="The active alert rules (saved version or shipped default)")
def get_rules(
    key: Principal = Depends(require_roles("analyst", "agent")), store: FeedbackStore = Depends(get_store)
) -> JSONResponse:
    return JSONResponse(current_version(store, "rules").to_dict())


@router.put("/rules", summary="Replace the alert rules (admin); validated before saving", openapi_extra=_DOCUMENT_BODY)
async def put_rules(
    request: Request, key: Principal = Depends(require_roles("admin")), store: FeedbackStore = Depends(get_store)
) -> JSONResponse:
    """JSON (the document as an object) or YAML (Content-Type: application/yaml). Every version is
    kept and audited; the new one applies to the next ingested batch."""
    document = await _document(request)
    saved = await run_in_threadpool(save_rules, store, document, key.actor)
    return JSONResponse(saved.to_dict())


class RuleTestIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"rules": _RULES_EXAMPLE}]})

    rules: dict[str, Any] | None = Field(None, description="A rule document; omitted: the active rules.")
    yaml: str | None = Field(None, description="The rule document as YAML text (instead of `rules`).")
    since: ApiTime | None = Field(None, description="Comments created at or after (ISO-8601; UTC when no offset)")
    until: ApiTime | None = Field(None, description="Comments created before")
    examples_per_rule: int = Field(3, ge=0, le=50, strict=True)  # strict: `true` is not 1


@router.post("/rules/test", summary="Dry run: what a rule set would have raised over stored comments")
def test_rules(
    body: RuleTestIn,
    key: Principal = Depends(require_roles("analyst")),
    store: FeedbackStore = Depends(get_store),
) -> JSONResponse:
    """Alerts and cases (after de-duplication) the rules would have opened for comments created in
    [since, until), by rule, severity and team, with examples. Nothing is written."""
    if body.rules is not None and body.yaml is not None:
        raise ConfigError("give either 'rules' or 'yaml', not both")
    rules = body.rules if body.rules is not None else body.yaml
    result = dry_run(store, rules, body.since, body.until, body.examples_per_rule)
    return JSONResponse(result.to_dict())


@router.get("/routing", summary="The active routing (admin; literal secrets masked)")
def get_routing(
    key: Principal = Depends(require_roles("admin")), store: FeedbackStore = Depends(get_store)
) -> JSONResponse:
    return JSONResponse(current_version(store, "routing").to_dict())


@router.put(
    "/routing", summary="Replace the routing: teams, webhooks, routes, SLAs (admin)", openapi_extra=_DOCUMENT_BODY
)
async def put_routing(
    request: Request, key: Principal = Depends(require_roles("admin")), store: FeedbackStore = Depends(get_store)
) -> JSONResponse:
    document = await _document(request)
    saved = await run_in_threadpool(save_routing, store, document, key.actor)
    return JSONResponse(saved.to_dict())


@router.get("/outbox", summary="Webhook notifications by status and the latest delivery attempts (admin)")
def outbox(
    limit: int = 50, key: Principal = Depends(require_roles("admin")), store: FeedbackStore = Depends(get_store)
) -> JSONResponse:
    return JSONResponse({"counts": outbox_counts(store), "deliveries": delivery_log(store, min(max(limit, 1), 500))})

"""Cases: list with filters, read, work (assign, transition, resolve, close with outcome), notes, report.

Who sees what, by key or by session alike: an agent sees their own cases and their team's
unassigned ones; a team lead the team's cases; an admin all. Analysts get the close-the-loop
report only. A case the caller may not see answers 404, exactly like a missing one.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from api.deps import DbText, get_store, require_roles
from api.errors import ErrorMessage
from voc_engine.alerting.cases import UNSET, CaseFilter, CasePatch, CaseService
from voc_engine.alerting.report import close_the_loop_report
from voc_engine.alerting.users import Viewer
from voc_engine.store.models import BIGINT_MAX
from voc_engine.store.repository import FeedbackStore
from voc_engine.times import ApiTime

router = APIRouter(prefix="/v1/cases", tags=["cases"])

State = Literal["new", "assigned", "in_progress", "resolved", "closed", "reopened"]
Severity = Literal["low", "medium", "high", "critical"]
Outcome = Literal["customer_contacted", "could_not_reach", "no_action_needed"]


# The caller as a case viewer: admins, and the leads and agents of a team (a key of theirs, or
# their session); which of the team's cases they see is CaseService's policy.
case_viewer = require_roles("agent")


# The column is a BIGINT: a larger id cannot exist, and the database drivers overflow on it.
CaseId = Annotated[int, Path(ge=1, le=BIGINT_MAX)]


class CasePatchIn(BaseModel):
    """Any combination; applied in this order: team, owner, resolution_code, state, note."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"state": "closed", "outcome": "customer_contacted", "note": "Called, refunded."}]
        },
    )

    state: State | None = Field(None, description="The state to move to (one transition per request).")
    owner: DbText | None = Field(
        None, description="Assign to this user (lead: own team; admin: anyone); null unassigns."
    )
    team: DbText | None = Field(None, description="Move the case to another team (admin).")
    resolution_code: DbText | None = Field(None, description="Needed to resolve; one of the routing's codes.")
    outcome: Outcome | None = Field(None, description="Needed to close: the close-the-loop outcome.")
    note: DbText | None = Field(None, max_length=10_000)

    def to_patch(self) -> CasePatch:
        return CasePatch(
            state=self.state,
            owner=self.owner if "owner" in self.model_fields_set else UNSET,
            team=self.team,
            resolution_code=self.resolution_code,
            outcome=self.outcome,
            note=self.note,
        )


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: DbText = Field(min_length=1, max_length=10_000)


@router.get("/report", summary="Close-the-loop metrics by team and week (analysts, team leads, admins)")
def report(
    since: ApiTime | None = Query(None, description="Cases opened at or after (ISO-8601; UTC when no offset)"),
    until: ApiTime | None = Query(None, description="Cases opened before"),
    team: str | None = Query(None),
    caller: Viewer = Depends(require_roles("analyst", "agent")),
    store: FeedbackStore = Depends(get_store),
) -> JSONResponse:
    """Time to first response, time to close, % closed within SLA, closed-loop rate. Aggregates
    only; a team lead gets their own team's rows."""
    return JSONResponse(close_the_loop_report(store, since, until, team, viewer=caller).to_dict())


@router.get("", summary="Cases the caller may see, newest first")
def list_cases(
    state: list[State] | None = Query(None),
    team: list[str] | None = Query(None),
    severity: list[Severity] | None = Query(None),
    breached: bool | None = Query(None, description="Only cases in breach (true) or within SLA (false)"),
    owner: str | None = Query(None, description="Owner's user name"),
    rule_id: list[str] | None = Query(None),
    opened_since: ApiTime | None = Query(None, description="ISO-8601; UTC when no offset"),
    opened_until: ApiTime | None = Query(None),
    limit: int = Query(50, ge=1, le=500),
    cursor: str | None = Query(None, description="next_cursor of the previous page"),
    viewer: Viewer = Depends(case_viewer),
    store: FeedbackStore = Depends(get_store),
) -> JSONResponse:
    filters = CaseFilter(
        state=list(state) if state else None,
        team=team,
        severity=list(severity) if severity else None,
        breached=breached,
        owner=owner,
        rule_id=rule_id,
        opened_since=opened_since,
        opened_until=opened_until,
    )
    return JSONResponse(CaseService(store).list_cases(viewer, filters, limit, cursor).to_dict())


@router.get("/{case_id}", summary="One case with its alerts, notes, history and notifications")
def get_case(
    case_id: CaseId, viewer: Viewer = Depends(case_viewer), store: FeedbackStore = Depends(get_store)
) -> JSONResponse:
    return JSONResponse(CaseService(store).get_case(viewer, case_id))


@router.patch(
    "/{case_id}",
    summary="Assign, transition, resolve, close with outcome (one transition per request)",
    responses={
        404: {"model": ErrorMessage, "description": "No such case, or not yours to see"},
        409: {"model": ErrorMessage, "description": "Invalid transition"},
    },
)
def patch_case(
    case_id: CaseId,
    body: CasePatchIn = Body(...),
    viewer: Viewer = Depends(case_viewer),
    store: FeedbackStore = Depends(get_store),
) -> JSONResponse:
    return JSONResponse(CaseService(store).update_case(viewer, case_id, body.to_patch()))


@router.post(
    "/{case_id}/claim",
    summary="Take an unassigned case of your team (an agent's queue)",
    responses={
        404: {"model": ErrorMessage, "description": "No such case, or not yours to see"},
        403: {"model": ErrorMessage, "description": "Assigned to someone else, or not a case user"},
    },
)
def claim_case(
    case_id: CaseId, viewer: Viewer = Depends(case_viewer), store: FeedbackStore = Depends(get_store)
) -> JSONResponse:
    return JSONResponse(CaseService(store).claim(viewer, case_id))


@router.post("/{case_id}/notes", status_code=201, summary="Add a note to a case")
def add_note(
    case_id: CaseId,
    body: NoteIn = Body(...),
    viewer: Viewer = Depends(case_viewer),
    store: FeedbackStore = Depends(get_store),
) -> dict[str, Any]:
    return CaseService(store).add_note(viewer, case_id, body.body)

"""Action plans: create (from scratch or from a driver row), list, read, change, note, evaluate.

Who may do what is `voc_engine.actions.service`'s policy: admins and analysts see every plan,
agents and leads their team's and their own; a plan the caller may not see answers 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Path, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from api.deps import DbText, get_store, require_roles
from api.errors import ErrorMessage
from voc_engine.actions.evaluation import evaluate_plan
from voc_engine.actions.service import ActionService, PlanIn, PlanPatch, PlanViewer
from voc_engine.store.models import BIGINT_MAX
from voc_engine.store.repository import FeedbackStore

router = APIRouter(prefix="/v1/actions", tags=["actions"])

Status = Literal["planned", "in_progress", "done", "cancelled"]
TargetKind = Literal["driver", "topic", "touchpoint"]
ScopeColumn = Literal["channel", "touchpoint", "journey_stage", "segment"]
PlanId = Annotated[int, Path(ge=1, le=BIGINT_MAX)]
NOT_FOUND = {404: {"model": ErrorMessage, "description": "No such plan, or not yours to see"}}


plan_viewer = require_roles("analyst", "agent")


class PlanCreateIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Fix invoice errors",
                    "target_kind": "driver",
                    "target": "billing_price",
                    "owner": "billing.lead",
                    "deadline": "2027-01-31",
                    "investment": 25000,
                    "expected_lift": 2.1,
                }
            ]
        },
    )

    title: DbText = Field(min_length=1, max_length=200)
    target_kind: TargetKind
    target: DbText = Field(min_length=1, max_length=200, description="A tag, a topic label or a touchpoint.")
    deadline: dt.date
    owner: DbText | None = Field(None, max_length=100, description="A user name (`voc users create`).")
    team: DbText | None = Field(None, max_length=100, description="Defaults to the owner's team.")
    investment: float = Field(0.0, ge=0, allow_inf_nan=False)
    expected_lift: float | None = Field(None, allow_inf_nan=False, description="In the KPI's units.")
    description: DbText | None = Field(None, max_length=10_000)
    kpi: Literal["nps_index", "ltr", "csat", "ces"] = "nps_index"
    scope: dict[ScopeColumn, DbText] | None = Field(
        None, description="Where the action is rolled out; the answers outside it are the comparison group."
    )
    basis: dict[str, Any] | None = Field(None, description="The driver-analysis row the plan comes from.")

    def to_plan(self) -> PlanIn:
        return PlanIn(**self.model_dump())


class PlanPatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"status": "done", "note": "Shipped."}]})

    title: DbText | None = Field(None, min_length=1, max_length=200)
    description: DbText | None = Field(None, max_length=10_000)
    owner: DbText | None = Field(None, max_length=100)
    team: DbText | None = Field(None, max_length=100)
    deadline: dt.date | None = None
    investment: float | None = Field(None, ge=0, allow_inf_nan=False)
    expected_lift: float | None = Field(None, allow_inf_nan=False)
    scope: dict[ScopeColumn, DbText] | None = None
    status: Status | None = None
    completed_on: dt.date | None = Field(None, description="With status done: when it was done (default today).")
    note: DbText | None = Field(None, min_length=1, max_length=10_000)

    def to_patch(self) -> PlanPatch:
        return PlanPatch(**{name: getattr(self, name) for name in self.model_fields_set})


class NoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: DbText = Field(min_length=1, max_length=10_000)


@router.post("", status_code=201, summary="Create an action plan (admins, analysts, team leads)")
def create_plan(
    body: PlanCreateIn = Body(...), viewer: PlanViewer = Depends(plan_viewer), store: FeedbackStore = Depends(get_store)
) -> JSONResponse:
    return JSONResponse(ActionService(store).create_plan(viewer, body.to_plan()), status_code=201)


@router.get("", summary="Plans the caller may see, soonest deadline first")
def list_plans(
    status: list[Status] | None = Query(None),
    team: str | None = Query(None),
    owner: str | None = Query(None, description="Owner's user name"),
    due_within_days: int | None = Query(None, ge=0, le=3650, description="Open plans due within N days (or overdue)"),
    limit: int = Query(100, ge=1, le=500),
    viewer: PlanViewer = Depends(plan_viewer),
    store: FeedbackStore = Depends(get_store),
) -> JSONResponse:
    plans = ActionService(store).list_plans(
        viewer, status=list(status) if status else None, team=team, owner=owner,
        due_within_days=due_within_days, limit=limit,
    )
    return JSONResponse({"actions": plans})


@router.get("/{plan_id}", summary="One plan with its history", responses=NOT_FOUND)
def get_plan(plan_id: PlanId, viewer: PlanViewer = Depends(plan_viewer),
             store: FeedbackStore = Depends(get_store)) -> JSONResponse:
    return JSONResponse(ActionService(store).get_plan(viewer, plan_id))


@router.patch("/{plan_id}", summary="Change a plan: fields, status, with an optional note", responses=NOT_FOUND)
def patch_plan(
    plan_id: PlanId,
    body: PlanPatchIn = Body(...),
    viewer: PlanViewer = Depends(plan_viewer),
    store: FeedbackStore = Depends(get_store),
) -> JSONResponse:
    return JSONResponse(ActionService(store).update_plan(viewer, plan_id, body.to_patch()))


@router.post("/{plan_id}/notes", status_code=201, summary="Add a note to a plan's history", responses=NOT_FOUND)
def add_note(
    plan_id: PlanId, body: NoteIn = Body(...), viewer: PlanViewer = Depends(plan_viewer),
    store: FeedbackStore = Depends(get_store),
) -> JSONResponse:
    return JSONResponse(ActionService(store).add_note(viewer, plan_id, body.body), status_code=201)


@router.get("/{plan_id}/evaluation", summary="What a done plan returned (a monitoring figure)", responses=NOT_FOUND)
def evaluation(
    plan_id: PlanId,
    value_per_point: float | None = Query(None, allow_inf_nan=False,
                                          description="Value of one KPI point per customer, for value and ROI"),
    washout_days: int = Query(0, ge=0, le=365, description="Days after completion left out"),
    window_days: int | None = Query(None, ge=1, le=3650, description="Days kept on each side (default all)"),
    confidence: float = Query(0.95, gt=0.5, lt=1.0),
    viewer: PlanViewer = Depends(plan_viewer),
    store: FeedbackStore = Depends(get_store),
) -> JSONResponse:
    """The KPI of the affected answers before and after completion, and against the answers the
    plan did not reach (difference in differences), with value and ROI when a value is given."""
    result = evaluate_plan(
        store, viewer, plan_id, value_per_point=value_per_point, washout_days=washout_days,
        window_days=window_days, confidence=confidence,
    )
    return JSONResponse(result.to_dict())


"""Action plans: the board by status (owners, deadlines, overdue marked), a plan's page with its
history, notes, status changes and — once done — its evaluation, and creating a plan from a
driver row of the drivers page. All through `ActionService` and `evaluate_plan`, as `/v1/actions`.

Everyone signed in may open the board; which plans each sees, who creates and who changes them
is the service's policy (admins and analysts all plans; agents and leads their team's and their
own; a plan they may not see is a 404).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from api.deps import get_runtime
from api.errors import status_for
from api.web.common import PLAN_READERS, error_page, not_found, page_user, read_form, redirect, render, row_id
from voc_engine.actions.evaluation import evaluate_plan
from voc_engine.actions.service import TRANSITIONS, ActionPlanError, ActionService, PlanPatch, plan_from_driver
from voc_engine.auth.policy import Principal
from voc_engine.drivers.actions import ACTION_STATUSES
from voc_engine.drivers.store import KPI_ALIASES
from voc_engine.errors import VocError
from voc_engine.runtime import Runtime

router = APIRouter(include_in_schema=False)
BOARD_LIMIT = 500
BASIS_MAX = 10_000  # characters of a driver row carried by the form


@router.get("/actions")
def actions_board(
    request: Request, user: Principal = Depends(page_user(*PLAN_READERS)), runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    try:
        plans = ActionService(runtime.store).list_plans(user, limit=BOARD_LIMIT)
    except VocError as exc:
        return error_page(request, exc)
    columns = {status: [p for p in plans if p["status"] == status] for status in ACTION_STATUSES}
    return render(request, "actions.html", title="Action plans", columns=columns,
                  overdue=sum(p["overdue"] for p in plans))


def _date(value: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ActionPlanError(f"{what} must be a date (YYYY-MM-DD)") from None


def _amount(value: str, what: str) -> float:
    try:
        number = float(value.strip() or "0")
    except ValueError:
        raise ActionPlanError(f"{what} must be a number") from None
    if not math.isfinite(number):
        raise ActionPlanError(f"{what} must be finite")
    return number


def _driver_row(form: dict[str, str]) -> dict[str, Any]:
    """The action-list row of the drivers page the form carries (the /v1/drivers shape)."""
    raw = form.get("basis", "")
    try:
        row = json.loads(raw) if 0 < len(raw) <= BASIS_MAX else None
    except ValueError:
        row = None
    if not isinstance(row, dict) or not isinstance(row.get("driver"), str):
        raise ActionPlanError("the plan needs the driver row it comes from: create it from the drivers page")
    return row


@router.post("/actions")
async def create_plan(
    request: Request, user: Principal = Depends(page_user(*PLAN_READERS)), runtime: Runtime = Depends(get_runtime),
) -> Response:
    """A plan from a driver row: target and expected lift carried over, as `POST /v1/actions` with
    the row as its basis; owner, deadline and investment from the form."""
    form = await read_form(request)
    try:
        kpi = KPI_ALIASES.get(form.get("kpi", ""), form.get("kpi", "")) or "nps_index"
        plan = plan_from_driver(
            _driver_row(form), deadline=_date(form.get("deadline", ""), "the deadline"),
            owner=form.get("owner", "").strip()[:100] or None,
            investment=_amount(form.get("investment", ""), "the investment"), kpi=kpi,
            title=form.get("title", "").strip()[:200] or None,
        )
        created = await run_in_threadpool(ActionService(runtime.store).create_plan, user, plan)
    except VocError as exc:
        return render(request, "error.html", status_for(exc), title="The plan was not created",
                      message=str(exc), back="/drivers")
    return redirect(f"/actions/{created['id']}")


def _plan_page(request: Request, store, user: Principal, plan_id: int, value_per_point: str | None = None,
               status: int = 200, error: str | None = None) -> HTMLResponse:
    service = ActionService(store)
    try:
        plan = service.get_plan(user, plan_id)
    except VocError as exc:
        return error_page(request, exc)
    evaluation, evaluation_error, value = None, None, None
    if plan["status"] == "done":
        try:
            value = _amount(value_per_point, "the value of a point") if value_per_point else None
            evaluation = evaluate_plan(store, user, plan_id, value_per_point=value).to_dict()
        except VocError as exc:
            evaluation_error = str(exc)
    return render(request, "action.html", status, title=f"Plan {plan['id']}", plan=plan, error=error,
                  next_statuses=sorted(TRANSITIONS[plan["status"]]), evaluation=evaluation,
                  evaluation_error=evaluation_error, value_per_point=value_per_point or "",
                  today=dt.date.today().isoformat())


@router.get("/actions/{plan_id}")
def plan_page(
    request: Request, plan_id: str, value_per_point: str | None = None,
    user: Principal = Depends(page_user(*PLAN_READERS)), runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    number = row_id(plan_id)
    if number is None:
        return not_found(request, f"action plan {plan_id}")
    return _plan_page(request, runtime.store, user, number, (value_per_point or "")[:30] or None)


async def _change(request: Request, runtime: Runtime, user: Principal, plan_id: str, patch_of) -> Response:
    number = row_id(plan_id)
    if number is None:
        return not_found(request, f"action plan {plan_id}")
    form = await read_form(request)
    try:
        await run_in_threadpool(ActionService(runtime.store).update_plan, user, number, patch_of(form))
    except VocError as exc:
        return _plan_page(request, runtime.store, user, number, status=status_for(exc), error=str(exc))
    return redirect(f"/actions/{number}")


@router.post("/actions/{plan_id}/status")
async def plan_status(
    request: Request, plan_id: str, user: Principal = Depends(page_user(*PLAN_READERS)),
    runtime: Runtime = Depends(get_runtime),
) -> Response:
    def patch_of(form: dict[str, str]) -> PlanPatch:
        patch = PlanPatch(status=form.get("status", ""))
        if form.get("status") == "done" and form.get("completed_on", "").strip():
            patch.completed_on = _date(form["completed_on"], "the completion date")
        if form.get("note", "").strip():
            patch.note = form["note"]
        return patch

    return await _change(request, runtime, user, plan_id, patch_of)


@router.post("/actions/{plan_id}/notes")
async def plan_note(
    request: Request, plan_id: str, user: Principal = Depends(page_user(*PLAN_READERS)),
    runtime: Runtime = Depends(get_runtime),
) -> Response:
    def patch_of(form: dict[str, str]) -> PlanPatch:
        if not form.get("body", "").strip():
            raise ActionPlanError("a note is needed")
        return PlanPatch(note=form["body"])

    return await _change(request, runtime, user, plan_id, patch_of)

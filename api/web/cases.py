"""Cases and customers: the inbox, a case with the customer's profile beside it, its notes,
assignment (a lead or admin assigns, an agent claims from the team's queue), transitions and
closing with the close-the-loop outcome — all through `CaseService`, as `/v1/cases` — and a
customer's own page (`CustomerService.profile`, as `GET /v1/customers/{id}`).

Who sees what is the services' policy: an agent their own cases and the team's unassigned ones,
and the customers of their own cases; a lead the team's; an admin all; analysts neither (403).
A case or customer the viewer may not see is a 404, exactly like a missing one.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from api.deps import get_runtime
from api.errors import status_for
from api.web.common import CASE_WORK, error_page, not_found, page_user, read_form, redirect, render, row_id
from voc_engine.alerting.cases import CaseFilter, CasePatch, CaseService
from voc_engine.alerting.config import load_active_config
from voc_engine.alerting.lifecycle import TRANSITIONS
from voc_engine.alerting.routing import OUTCOMES
from voc_engine.auth.policy import Principal
from voc_engine.auth.users import list_users
from voc_engine.customers.service import CUSTOMER_ID_MAX, CustomerService
from voc_engine.errors import NotFoundError, VocError
from voc_engine.runtime import Runtime

router = APIRouter(include_in_schema=False)
PROFILE_COMMENTS = 10  # the customer's newest comments beside a case (their page pages through all)


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
        return error_page(request, exc)
    next_link = "/cases?" + urlencode({k: v for k, v in (("state", state), ("cursor", page.next_cursor)) if v}) \
        if page.next_cursor else None
    return render(request, "cases.html", title="Cases", page=page, counts=counts, state=state or "",
                  states=tuple(TRANSITIONS), next_link=next_link)


def _assignees(store, user: Principal, team: str) -> list[str]:
    """Whom a lead or admin may assign the case to: the active people of the case's team (the
    service checks again when it assigns)."""
    if not (user.is_admin or user.is_lead):
        return []
    return [u.name for u in list_users(store, kind="person")
            if u.active and u.team == team and u.role in ("agent", "lead")]


def _case_page(request: Request, store, user: Principal, case_id: int, status: int = 200,
               error: str | None = None) -> HTMLResponse:
    try:
        case = CaseService(store).get_case(user, case_id)
    except VocError as exc:
        return error_page(request, exc)
    profile = None
    if case.get("customer_id"):
        try:
            profile = CustomerService(store).profile(user, case["customer_id"], limit=PROFILE_COMMENTS).to_dict()
        except NotFoundError:
            profile = None  # a queue case's customer is shown once the case is the agent's
    routing = load_active_config(store).routing
    mine = user.user_id is not None and case.get("owner") is not None and case["owner"] == user.name
    return render(
        request, "case.html", status, title=f"Case {case['id']}", case=case, error=error, profile=profile,
        next_states=TRANSITIONS.get(case["state"], ()), outcomes=OUTCOMES,
        resolution_codes=routing.resolution_codes, assignees=_assignees(store, user, case["team"]),
        can_claim=case["owner"] is None and user.user_id is not None and not mine,
    )


@router.get("/cases/{case_id}")
def case_page(
    request: Request, case_id: str, user: Principal = Depends(page_user(*CASE_WORK)),
    runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    number = row_id(case_id)
    if number is None:
        return not_found(request, f"case {case_id}")
    return _case_page(request, runtime.store, user, number)


async def _change(request: Request, runtime: Runtime, user: Principal, case_id: str, work, anchor: str = "") -> Response:
    """Run `work(service, number, form)` in a thread; on refusal show the case with the reason."""
    number = row_id(case_id)
    if number is None:
        return not_found(request, f"case {case_id}")
    form = await read_form(request)
    try:
        await run_in_threadpool(work, CaseService(runtime.store), number, form)
    except VocError as exc:
        return _case_page(request, runtime.store, user, number, status_for(exc), str(exc))
    return redirect(f"/cases/{quote(str(number))}{anchor}")


@router.post("/cases/{case_id}/notes")
async def case_note(
    request: Request, case_id: str, user: Principal = Depends(page_user(*CASE_WORK)),
    runtime: Runtime = Depends(get_runtime),
) -> Response:
    number = row_id(case_id)
    body = (await read_form(request)).get("body", "").strip()
    if number is not None and (not body or len(body) > 10_000 or "\x00" in body):
        return _case_page(request, runtime.store, user, number, 422, "A note is 1 to 10,000 characters.")
    return await _change(request, runtime, user, case_id,
                         lambda service, n, form: service.add_note(user, n, body), "#notes")


@router.post("/cases/{case_id}/transition")
async def case_transition(
    request: Request, case_id: str, user: Principal = Depends(page_user(*CASE_WORK)),
    runtime: Runtime = Depends(get_runtime),
) -> Response:
    def work(service: CaseService, number: int, form: dict[str, str]) -> None:
        state = form.get("state") or None
        service.update_case(user, number, CasePatch(
            state=state,
            # Each only with the move that records it: the form shows both fields.
            resolution_code=(form.get("resolution_code") or None) if state == "resolved" else None,
            outcome=(form.get("outcome") or None) if state == "closed" else None,
        ))

    return await _change(request, runtime, user, case_id, work)


@router.post("/cases/{case_id}/assign")
async def case_assign(
    request: Request, case_id: str, user: Principal = Depends(page_user(*CASE_WORK)),
    runtime: Runtime = Depends(get_runtime),
) -> Response:
    """A lead or admin assigns (an empty owner unassigns); the service refuses anyone else."""
    return await _change(request, runtime, user, case_id, lambda service, n, form: service.update_case(
        user, n, CasePatch(owner=form.get("owner", "").strip()[:100] or None)))


@router.post("/cases/{case_id}/claim")
async def case_claim(
    request: Request, case_id: str, user: Principal = Depends(page_user(*CASE_WORK)),
    runtime: Runtime = Depends(get_runtime),
) -> Response:
    return await _change(request, runtime, user, case_id, lambda service, n, form: service.claim(user, n))


@router.get("/customers/{customer_id}")
def customer_page(
    request: Request, customer_id: str, cursor: str | None = None,
    user: Principal = Depends(page_user(*CASE_WORK)), runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    if not customer_id.strip() or len(customer_id) > CUSTOMER_ID_MAX:
        return not_found(request, "such customer")
    try:
        profile = CustomerService(runtime.store).profile(user, customer_id, limit=25, cursor=cursor or None).to_dict()
    except VocError as exc:
        return error_page(request, exc)
    next_link = (f"/customers/{quote(customer_id, safe='')}?" + urlencode({"cursor": profile["next_cursor"]})
                 if profile["next_cursor"] else None)
    return render(request, "customer.html", title=f"Customer {profile['customer_id']}", profile=profile,
                  next_link=next_link)

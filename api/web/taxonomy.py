"""The taxonomy page of the admin area (`/admin/taxonomy`, admins only): the taxonomy tagging
applies now (the deployment's categories and the accepted custom ones) and the drafts analysts
proposed from topics, each accepted or rejected here. All through `TaxonomyService`, as
`/v1/taxonomy/drafts`; an accepted category tags from the next batch, and `voc reprocess`
re-tags the comments stored before (the rules are part of the model version)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from api.deps import get_runtime
from api.errors import status_for
from api.web.common import not_found, page_user, read_form, redirect, render, row_id
from voc_engine.auth.policy import Principal
from voc_engine.errors import VocError
from voc_engine.runtime import Runtime
from voc_engine.topics.drafts import taxonomy_service

router = APIRouter(include_in_schema=False)
ADMIN = ("admin",)
DECIDED_SHOWN = 50


def _page(request: Request, runtime: Runtime, user: Principal, status: int = 200, error: str | None = None,
          done: str | None = None) -> HTMLResponse:
    service = taxonomy_service(runtime)
    taxonomy = service.taxonomy(user)
    custom = set(service.custom_names(user))
    drafts = service.list_drafts(user)
    return render(request, "taxonomy.html", status, title="Taxonomy", categories=taxonomy.categories, custom=custom,
                  pending=[d for d in drafts if d["status"] == "pending"],
                  decided=[d for d in drafts if d["status"] != "pending"][:DECIDED_SHOWN], error=error, done=done)


@router.get("/admin/taxonomy")
def taxonomy_page(
    request: Request, done: str | None = None, user: Principal = Depends(page_user(*ADMIN)),
    runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    return _page(request, runtime, user, done=done if done in ("accepted", "rejected") else None)


async def _decide(request: Request, runtime: Runtime, user: Principal, draft_id: str, decision: str) -> Response:
    number = row_id(draft_id)
    if number is None:
        return not_found(request, f"taxonomy draft {draft_id}")
    form = await read_form(request)
    service = taxonomy_service(runtime)
    act = service.accept if decision == "accepted" else service.reject
    try:
        await run_in_threadpool(act, user, number, form.get("note", "")[:2000] or None)
    except VocError as exc:
        return await run_in_threadpool(_page, request, runtime, user, status_for(exc), str(exc))
    return redirect(f"/admin/taxonomy?done={decision}")


@router.post("/admin/taxonomy/drafts/{draft_id}/accept")
async def accept_draft(
    request: Request, draft_id: str, user: Principal = Depends(page_user(*ADMIN)),
    runtime: Runtime = Depends(get_runtime),
) -> Response:
    return await _decide(request, runtime, user, draft_id, "accepted")


@router.post("/admin/taxonomy/drafts/{draft_id}/reject")
async def reject_draft(
    request: Request, draft_id: str, user: Principal = Depends(page_user(*ADMIN)),
    runtime: Runtime = Depends(get_runtime),
) -> Response:
    return await _decide(request, runtime, user, draft_id, "rejected")

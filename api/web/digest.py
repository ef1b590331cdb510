"""The weekly digest page: one team's week (`voc_engine.digest.build_digest`, as `GET /v1/digest`),
with a week picker and a team picker. Its sections are the templates of `voc digest --output`
(`voc_engine/digest/templates/`), which the workspace's template loader is given here.

Analysts and admins pick any team; a lead sees their own (another team is a 404, like a
missing one); agents are refused (403)."""

from __future__ import annotations

import hashlib
import json

import jinja2
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from api.deps import get_runtime
from api.errors import status_for
from api.web.common import error_page, page_user, render
from voc_engine.auth.policy import Principal
from voc_engine.digest.render import TEMPLATES, pictures
from voc_engine.digest.service import DIGEST_ROLES, build_digest, digest_teams
from voc_engine.errors import NotFoundError, VocError
from voc_engine.runtime import Runtime

router = APIRouter(include_in_schema=False)


def add_digest_templates(app: FastAPI) -> None:
    """Let the workspace's pages include the digest's templates (one family for page and file)."""
    templates: jinja2.Environment = app.state.workspace_templates
    templates.loader = jinja2.ChoiceLoader([templates.loader, jinja2.FileSystemLoader(TEMPLATES)])


def _digest_view(store, user: Principal, week: str | None, team: str | None):
    digest = build_digest(store, user, week=week, team=team)
    d = digest.to_dict()
    # Drawing the charts (matplotlib) costs more than the rest of the page; they are a function of
    # the charts and signals alone, which come from stored comments only, so the store keeps them.
    drawn = json.dumps([d.get("signals"), [chart.to_dict() for chart in digest.charts or []]], sort_keys=True, default=str)
    key = "digest-pictures:" + hashlib.sha256(drawn.encode()).hexdigest()
    return d, store.kept_result(key, lambda: pictures(digest))


@router.get("/digest")
async def digest_page(
    request: Request,
    week: str | None = None,
    team: str | None = None,
    user: Principal = Depends(page_user(*DIGEST_ROLES)),
    runtime: Runtime = Depends(get_runtime),
) -> HTMLResponse:
    week, team = (week or "").strip()[:10] or None, (team or "").strip()[:100] or None
    teams = await run_in_threadpool(digest_teams, runtime.store, user)
    team = team or (teams[0] if teams else None)
    try:
        d, charts = await run_in_threadpool(_digest_view, runtime.store, user, week, team)
    except NotFoundError as exc:
        return error_page(request, exc)
    except VocError as exc:
        return render(request, "digest.html", status_for(exc), title="Weekly digest", d=None, pictures=[],
                      teams=teams, team=team or "", week=week or "", message=str(exc), links=True)
    return render(request, "digest.html", title=f"Weekly digest · {d['team']} · {d['week']}", d=d,
                  pictures=charts, teams=teams, team=d["team"], week=d["week"], message=None, links=True)

"""The weekly digest of a team: `voc_engine.digest`'s `Digest.to_dict()`, as `voc digest --format json`."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from api.deps import get_store, require_roles
from voc_engine.auth.policy import Principal
from voc_engine.digest.service import DIGEST_ROLES, build_digest
from voc_engine.store.repository import FeedbackStore

router = APIRouter(prefix="/v1/digest", tags=["weekly digest"])


@router.get("", summary="One team's week: control-chart signals, rising topics, cases, action plans due")
def digest(
    week: str | None = Query(None, description="ISO week such as 2026-W47 (default: this week, business time zone)",
                             max_length=10),
    team: str | None = Query(None, description="A team of the routing (a lead: their own, the default)",
                             max_length=100),
    caller: Principal = Depends(require_roles(*DIGEST_ROLES)),
    store: FeedbackStore = Depends(get_store),
) -> dict[str, Any]:
    """Analysts and admins: any team; a lead: their own team (another team is not found)."""
    return build_digest(store, caller, week=week, team=team).to_dict()

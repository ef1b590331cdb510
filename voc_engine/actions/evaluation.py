"""What a done plan returned: its KPI before and after, against the answers it did not reach.

The stored comments with a score of the plan's KPI are the answers; the plan's scope (or its
touchpoint) marks the affected ones, the rest are the comparison group (see
`voc_engine.drivers.actions.evaluate_action` for the statistics and why a driver plan without a
scope affects everyone). Dates are the business time zone's calendar days.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from voc_engine.actions.service import ActionPlanError, ActionService, PlanViewer
from voc_engine.drivers.actions import ActionEvaluation, evaluate_action
from voc_engine.drivers.frames import driver_frame_from_enrichments
from voc_engine.drivers.store import stored_kpi
from voc_engine.periods import business_timezone
from voc_engine.store.filters import CommentFilter

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore


def evaluate_plan(
    store: "FeedbackStore",
    viewer: PlanViewer,
    plan_id: int,
    *,
    value_per_point: float | None = None,
    washout_days: int = 0,
    window_days: int | None = None,
    confidence: float = 0.95,
) -> ActionEvaluation:
    """The evaluation of a done plan over the stored comments (a results object)."""
    plan, stored = ActionService(store).plan_for_evaluation(viewer, plan_id)
    if plan.completed_on is None:
        raise ActionPlanError(f"plan {plan_id} is {plan.status}: a plan is evaluated once it is done")
    comments = store.read_frame(CommentFilter())
    kpi, values = stored_kpi(comments, stored["kpi"])
    frame = comments.assign(**{kpi: pd.to_numeric(values, errors="coerce").astype(float)})
    frame = frame[frame[kpi].notna()]
    if frame.empty:
        raise ActionPlanError(f"no stored comment has a {kpi} score")
    zone = business_timezone(store.settings)
    frame = frame.assign(day=frame["created_at"].dt.tz_convert(zone).dt.tz_localize(None))
    if plan.target_kind == "driver":
        # The theme's mention rate before and after: the mechanism check.
        frame = driver_frame_from_enrichments(frame, tags=[plan.target])
    return evaluate_action(
        frame,
        kpi,
        "day",
        plan=plan,
        value_per_point=value_per_point,
        washout_days=washout_days,
        window_days=window_days,
        confidence=confidence,
    )

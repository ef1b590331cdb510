"""The demo's action plan: the top driver becomes a plan with an owner, is done, and is evaluated.

The plan is rolled out at one touchpoint, so the answers at the others are its comparison group. A second
run finds the plan of the first instead of making another.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from voc_engine.actions.evaluation import evaluate_plan
from voc_engine.actions.service import ActionService, PlanPatch, PlanViewer, plan_from_driver
from voc_engine.alerting.users import create_user, get_user
from voc_engine.errors import NotFoundError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from voc_engine.drivers.result import DriverAnalysisResult
    from voc_engine.store.repository import FeedbackStore

DEMO_OWNER, DEMO_TEAM, DEMO_ACTOR = "demo.lead", "customer_care", "system:demo"
DEMO_VALUE_PER_POINT = 2.0  # an assumed value of one NPS point per customer, for the ROI line


def run_action_plan_demo(store: "FeedbackStore", comments: "pd.DataFrame", drivers: "DriverAnalysisResult") -> str:
    actions = [r for r in drivers.to_dict(details=True)["details"]["actions"] if r["evidence"] == "significant"]
    if not actions:
        return "No driver has enough evidence for a plan yet."
    top = actions[0]
    try:
        get_user(store, DEMO_OWNER)
    except NotFoundError:
        create_user(store, DEMO_OWNER, DEMO_TEAM, "lead")
    service, viewer = ActionService(store), PlanViewer.system(DEMO_ACTOR)
    rated = comments[comments["nps"].notna()]
    touchpoint = rated["touchpoint"].value_counts().idxmax()
    last_day = rated["created_at"].max().date()
    done_on = last_day - dt.timedelta(weeks=10)
    lines = []
    existing = [p for p in service.list_plans(viewer, owner=DEMO_OWNER) if p["target"] == top["driver"]]
    if existing:
        plan = existing[0]
        lines.append(f"Plan #{plan['id']} of an earlier run:")
    else:
        plan_in = plan_from_driver(top, deadline=done_on + dt.timedelta(days=14), owner=DEMO_OWNER,
                                   investment=20_000, title=f"Fix {top['driver']} at the {touchpoint} touchpoint")
        plan_in.scope = {"touchpoint": str(touchpoint)}
        plan = service.create_plan(viewer, plan_in)
        service.update_plan(viewer, plan["id"], PlanPatch(status="in_progress", note="Work started"))
        plan = service.update_plan(viewer, plan["id"], PlanPatch(status="done", completed_on=done_on,
                                                                 note="Fix shipped"))
        lines.append(f"Plan #{plan['id']} created from driver #1 ({top['statement']}), worked and done:")
    lines.append(
        f"  {plan['title']}: owner {plan['owner']}, team {plan['team']}, deadline {plan['deadline']}, "
        f"investment {plan['investment']:,.0f}, expected lift {plan['expected_lift']:+.2f}; "
        f"done on {plan['completed_on']}"
    )
    result = evaluate_plan(store, viewer, plan["id"], value_per_point=DEMO_VALUE_PER_POINT)
    lines.append(result.summary())
    lines.append(f"  (value at an assumed {DEMO_VALUE_PER_POINT:g} per NPS point per customer; "
                 f"voc actions evaluate {plan['id']} --json)")
    return "\n".join(lines)

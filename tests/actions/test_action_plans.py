"""Action plans kept in the store: who may do what, the workflow and its history, reminders, evaluation."""

from __future__ import annotations

import datetime as dt
import json
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from voc_engine.actions.evaluation import evaluate_plan
from voc_engine.actions.service import (
    ActionPlanError,
    ActionService,
    PlanIn,
    PlanPatch,
    PlanViewer,
    plan_from_driver,
)
from voc_engine.alerting.config import save_routing
from voc_engine.alerting.models import OutboxMessage
from voc_engine.alerting.routing import DEFAULT_ROUTING_FILE
from voc_engine.alerting.users import create_user_key
from voc_engine.auth.keys import authenticate, create_api_key
from voc_engine.auth.policy import authorize
from voc_engine.errors import NotFoundError, PermissionDeniedError
from voc_engine.schema import Enrichment, Sentiment

TODAY = dt.date(2026, 12, 4)


def clock_at(day: dt.date):
    return lambda: datetime(day.year, day.month, day.day, 9, 0, tzinfo=timezone.utc)


def viewer(store, user: str | None = None, role: str | None = None) -> PlanViewer:
    """The principal of a new key (of `user`, or of no one with `role`), as the API admits it."""
    key = create_user_key(store, user)[0] if user is not None else create_api_key(store, role)[0]
    return authorize(authenticate(store, key), ("analyst", "agent"))


def new_plan(**changes) -> PlanIn:
    fields = dict(title="Fix invoice errors", target_kind="touchpoint", target="billing",
                  deadline=TODAY + dt.timedelta(days=30), owner="billing.agent", investment=5000.0,
                  expected_lift=2.5)
    fields.update(changes)
    return PlanIn(**fields)


def test_a_plan_is_kept_with_its_history_and_free_text_redacted(people):
    service = ActionService(people, clock=clock_at(TODAY))
    analyst = viewer(people, role="analyst")
    plan = service.create_plan(analyst, new_plan(description="Call Jane on 07700 900123 or jane.doe@example.com"))
    assert plan["team"] == "billing"  # the owner's team
    assert plan["owner"] == "billing.agent" and plan["status"] == "planned"
    assert "07700" not in plan["description"] and "jane.doe@example.com" not in plan["description"]
    assert [e["kind"] for e in plan["history"]] == ["created"]
    again = service.get_plan(PlanViewer.system(), plan["id"])
    assert again["description"] == plan["description"]
    json.dumps(again)


def test_who_sees_and_who_changes_a_plan(people):
    service = ActionService(people, clock=clock_at(TODAY))
    plan = service.create_plan(viewer(people, role="admin"), new_plan())
    billing_agent = viewer(people, "billing.agent")
    retention_agent = viewer(people, "retention.agent")
    retention_lead = viewer(people, "retention.lead")
    billing_lead = viewer(people, "billing.lead")

    assert service.get_plan(billing_agent, plan["id"])["id"] == plan["id"]
    with pytest.raises(NotFoundError):  # another team's plan does not exist for them
        service.get_plan(retention_agent, plan["id"])
    assert service.list_plans(retention_lead) == []
    assert [p["id"] for p in service.list_plans(billing_lead)] == [plan["id"]]

    with pytest.raises(PermissionDeniedError):
        service.create_plan(billing_agent, new_plan())
    with pytest.raises(PermissionDeniedError):
        service.create_plan(billing_lead, new_plan(owner="retention.agent"))
    own = service.create_plan(billing_lead, new_plan(owner=None, title="Shorter hold music"))
    assert own["team"] == "billing"

    with pytest.raises(PermissionDeniedError):  # a team member who neither owns nor leads it
        service.update_plan(viewer(people, "billing.agent"), own["id"], PlanPatch(deadline=TODAY))
    with pytest.raises(NotFoundError):
        service.update_plan(retention_lead, plan["id"], PlanPatch(status="in_progress"))
    changed = service.update_plan(billing_agent, plan["id"], PlanPatch(status="in_progress", note="Started"))
    assert changed["status"] == "in_progress"
    with pytest.raises(PermissionDeniedError, match="role .ingest. may not do this"):
        viewer(people, role="ingest")


def test_workflow_sets_completion_and_refuses_impossible_moves(people):
    service = ActionService(people, clock=clock_at(TODAY))
    admin = PlanViewer.system("tester")
    plan = service.create_plan(admin, new_plan())
    service.update_plan(admin, plan["id"], PlanPatch(status="in_progress"))
    done = service.update_plan(admin, plan["id"], PlanPatch(status="done"))
    assert done["completed_on"] == TODAY.isoformat() and done["overdue"] is False
    with pytest.raises(ActionPlanError, match="a done plan moves to in_progress, not cancelled"):
        service.update_plan(admin, plan["id"], PlanPatch(status="cancelled"))
    service.update_plan(admin, plan["id"], PlanPatch(status="in_progress"))
    with pytest.raises(ActionPlanError, match="in the future"):
        service.update_plan(admin, plan["id"], PlanPatch(status="done", completed_on=TODAY + dt.timedelta(days=1)))
    history = service.get_plan(admin, plan["id"])["history"]
    moves = [e["details"]["status"] for e in history if e["kind"] == "status"]
    assert moves == [["planned", "in_progress"], ["in_progress", "done"], ["done", "in_progress"]]
    assert all(e["actor"] == "tester" for e in history)
    with pytest.raises(ActionPlanError, match="investment must be ≥ 0"):
        service.create_plan(admin, new_plan(investment=-1))
    with pytest.raises(ActionPlanError, match="no user 'nobody'"):
        service.create_plan(admin, new_plan(owner="nobody"))


def test_a_plan_from_a_driver_row_carries_its_expected_lift():
    row = {"driver": "billing_price", "expected_lift": 2.1, "ci": [0.8, 3.4], "significant": True, "rank": 1}
    plan = plan_from_driver(row, deadline=TODAY, owner="billing.lead")
    assert (plan.target_kind, plan.target, plan.expected_lift) == ("driver", "billing_price", 2.1)
    assert plan.basis["ci"] == [0.8, 3.4]


def test_reminders_go_once_per_deadline_to_the_teams_webhooks(people):
    routing = json.loads(json.dumps(__import__("yaml").safe_load(DEFAULT_ROUTING_FILE.read_text())))
    routing["teams"]["billing"] = {"webhooks": [{"name": "crm", "url": "http://127.0.0.1:9/hook", "secret": "s3cret"}]}
    save_routing(people, routing, "test")
    admin = PlanViewer.system()
    plan = ActionService(people, clock=clock_at(TODAY)).create_plan(admin, new_plan(deadline=TODAY + dt.timedelta(days=3)))
    ActionService(people, clock=clock_at(TODAY)).create_plan(admin, new_plan(deadline=TODAY + dt.timedelta(days=60)))

    assert ActionService(people, clock=clock_at(TODAY)).send_reminders(within_days=7) == {
        "due_soon": 1, "overdue": 0, "messages": 1}
    assert ActionService(people, clock=clock_at(TODAY)).send_reminders(within_days=7)["due_soon"] == 0
    late = TODAY + dt.timedelta(days=5)
    assert ActionService(people, clock=clock_at(late)).send_reminders(within_days=0) == {
        "due_soon": 0, "overdue": 1, "messages": 1}
    assert ActionService(people, clock=clock_at(late)).send_reminders(within_days=0)["overdue"] == 0
    with people.read_session() as session:
        bodies = [json.loads(m.body) for m in session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]
    assert [b["event"] for b in bodies] == ["action.due_soon", "action.overdue"]
    assert all(b["action"]["id"] == plan["id"] and b["team"] == "billing" for b in bodies)
    assert bodies[1]["action"]["overdue"] is True


def _enrichment(text_: str, id_: str) -> Enrichment:
    return Enrichment(id=id_, language="en", redacted_text=text_,
                      sentiment=Sentiment(label="neutral", score=0.0, probs={"neutral": 1.0}),
                      tags=[], flags=[], model_version="test")


def test_evaluation_of_a_done_plan_is_the_difference_in_differences_of_stored_answers(people):
    # NPS contributions per cell: billing before (3, 3, 9, 9) -> 0, after (9, 9, 9, 3) -> +50;
    # support before (9, 3, 9, 3) -> 0, after (9, 3, 3, 9) -> 0. DiD = 50.
    cells = {("billing", "2026-10-0"): [3, 3, 9, 9], ("billing", "2026-11-1"): [9, 9, 9, 3],
             ("support", "2026-10-0"): [9, 3, 9, 3], ("support", "2026-11-1"): [9, 3, 3, 9]}
    rows = []
    for (touchpoint, day_prefix), answers in cells.items():
        for i, nps in enumerate(answers):
            rows.append({"source": "t", "external_id": f"{touchpoint}{day_prefix}{i}", "text": "fine",
                         "touchpoint": touchpoint, "created_at": f"{day_prefix}{i + 1}T10:00:00Z",
                         "scores": {"nps": nps}})
    assert all(r.ok for r in people.ingest(rows, lambda texts, ids: [_enrichment(t, i) for t, i in zip(texts, ids)]))
    service = ActionService(people, clock=clock_at(TODAY))
    admin = PlanViewer.system()
    plan = service.create_plan(admin, new_plan())
    with pytest.raises(ActionPlanError, match="evaluated once it is done"):
        evaluate_plan(people, admin, plan["id"])
    service.update_plan(admin, plan["id"], PlanPatch(status="done", completed_on=dt.date(2026, 11, 1)))
    result = evaluate_plan(people, admin, plan["id"], value_per_point=2.0)
    assert result.did.estimate == pytest.approx(50.0, abs=1e-9)
    assert result.did.means == pytest.approx(
        {"affected_before": 0, "affected_after": 50, "comparison_before": 0, "comparison_after": 0})
    assert result.difference == pytest.approx(50.0, abs=1e-9)
    assert result.value == pytest.approx(50.0 * 2.0 * 8)  # no customer ids: each of the 8 answers counts
    assert result.roi == pytest.approx((800.0 - 5000.0) / 5000.0)
    body = result.to_dict()
    assert body["kpi"] == "nps_index" and "not a causal estimate" in body["interpretation"]
    with pytest.raises(NotFoundError):
        evaluate_plan(people, viewer(people, "retention.agent"), plan["id"])

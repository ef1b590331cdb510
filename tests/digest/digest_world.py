"""The digest tests' store, built by hand: ten weeks of comments on two touchpoints (one breaks its
control limits in 2026-W47), cases of team retention opened that week and around it, and action
plans due before, in and after it. Every figure of the digest can be counted from this file.

SQLite and PostgreSQL (VOC_TEST_POSTGRES_URL) alike."""

from __future__ import annotations

import datetime as dt
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from voc_engine.actions.service import ActionService, PlanIn, PlanPatch
from voc_engine.alerting.config import save_routing
from voc_engine.alerting.models import Case
from voc_engine.auth.policy import Principal
from voc_engine.auth.users import create_user
from voc_engine.store.repository import FeedbackStore

# The alerting tests' plain-data enrichments (the text says what its enrichment is).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "alerting"))
from alerting_helpers import comment, default_routing, ingest  # noqa: E402

UTC = timezone.utc
WEEK = "2026-W47"  # Monday 2026-11-16 to Sunday 2026-11-22
WEEK_START = datetime(2026, 11, 16, tzinfo=UTC)
FIRST_WEEK_START = WEEK_START - timedelta(weeks=9)  # 2026-W38: ten weeks of comments
PASSWORD = "correct horse battery staple"
PII = ("jane.doe@example.com", "07700 900123", "PII-CUSTOMER-7")
# Negative at -0.5: no alert rule opens a case for it (very_negative needs -0.8, detractors an NPS).
NEGATIVE, NEUTRAL = "It was poor [neg -0.5]", "It was fine"


def weekly_comments() -> list[dict]:
    """Ten a week per touchpoint on Tuesdays. billing: 1 negative a week, then 8 in W47 (out of
    control); app: 1 and 2 negatives in turn (in control)."""
    rows = []
    for i in range(10):
        when = (FIRST_WEEK_START + timedelta(weeks=i, days=1, hours=10)).isoformat()
        for touchpoint, negatives in (("billing", 8 if i == 9 else 1), ("app", 1 + i % 2)):
            rows += [comment(NEGATIVE if k < negatives else NEUTRAL, customer=None, touchpoint=touchpoint,
                             created_at=when) for k in range(10)]
    return rows


def make_case(store, comment_id, team, opened, *, response_h=None, close_h=None, outcome=None):
    """A case as the report reads it (first response due after 4 h, closing after 24 h)."""
    state = "closed" if close_h is not None else ("in_progress" if response_h is not None else "new")
    with store.write_session() as session, session.begin():
        session.add(Case(
            rule_id="r", title="t", severity="high", state=state, team=team, comment_id=comment_id,
            opened_at=opened, updated_at=opened, last_alert_at=opened,
            first_response_at=opened + timedelta(hours=response_h) if response_h is not None else None,
            closed_at=opened + timedelta(hours=close_h) if close_h is not None else None,
            response_due_at=opened + timedelta(hours=4), due_at=opened + timedelta(hours=24),
            outcome=outcome, alert_count=1, reopened_count=0,
        ))


def fill(store: FeedbackStore) -> dict:
    save_routing(store, default_routing(), "test")
    ingest(store, *weekly_comments())
    # A comment with PII in the week: redacted at ingest, and the digest shows no comment text anyway.
    ingest(store, comment("Awful. Call me on 07700 900123 or jane.doe@example.com [neg -0.5]",
                          customer="PII-CUSTOMER-7", touchpoint="app",
                          created_at=(WEEK_START + timedelta(days=2)).isoformat()))
    old = ingest(store, *(comment("x", customer=None, created_at="2026-01-05T09:00:00+00:00") for _ in range(7)))
    day = WEEK_START + timedelta(hours=9)
    make_case(store, old[0], "retention", day, response_h=1, close_h=10, outcome="customer_contacted")  # in SLA
    make_case(store, old[1], "retention", day + timedelta(days=1), response_h=2, close_h=30,
              outcome="could_not_reach")  # closed after its 24 h: breached
    make_case(store, old[2], "retention", day + timedelta(days=2), response_h=6)  # open past its due time
    make_case(store, old[3], "retention", day + timedelta(days=3))  # never answered, past due
    make_case(store, old[4], "retention", WEEK_START - timedelta(hours=1), response_h=1, close_h=2,
              outcome="no_action_needed")  # Sunday of W46: not this week's
    make_case(store, old[5], "billing", day, response_h=1, close_h=2, outcome="no_action_needed")  # another team
    make_case(store, old[6], "retention", WEEK_START + timedelta(days=7), response_h=1)  # Monday of W48

    for name, role, team in (("ana", "analyst", None), ("adm", "admin", None), ("lee", "lead", "retention"),
                             ("lou", "lead", "billing"), ("amy", "agent", "retention")):
        create_user(store, name, role, team, password=PASSWORD)
    system, service = Principal.system("test"), ActionService(store)

    def plan(title, deadline, team="retention", status=None):
        created = service.create_plan(system, PlanIn(title=title, target_kind="touchpoint", target="billing",
                                                     deadline=deadline, team=team))
        if status:
            service.update_plan(system, created["id"], PlanPatch(status=status))
        return created["id"]

    plans = {
        "overdue": plan("Call back the week's detractors", dt.date(2026, 11, 10)),
        "due": plan("Write to jane.doe@example.com about the fee", dt.date(2026, 11, 20), status="in_progress"),
        "later": plan("Review the retention offers", dt.date(2026, 11, 25)),
        "done": plan("Fix the billing letter", dt.date(2026, 11, 18), status="done"),
        "other_team": plan("Billing's own plan", dt.date(2026, 11, 19), team="billing"),
        "last_day": plan("Train the team", dt.date(2026, 11, 22)),
    }
    return {"store": store, "plans": plans}

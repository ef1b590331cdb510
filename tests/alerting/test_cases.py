"""Cases at ingest (open, join, escalate, reopen, route, assign) and worked afterwards (state machine, SLA)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alerting_helpers import comment, default_routing, ingest
from sqlalchemy import func, select, update

from voc_engine.alerting.cases import CaseFilter, CasePatch, CaseService, CaseUpdateError
from voc_engine.alerting.config import save_routing, save_rules
from voc_engine.alerting.models import Alert, Case, CaseEvent, CaseNote, OutboxMessage
from voc_engine.alerting.users import Viewer, create_user, update_user
from voc_engine.errors import ConflictError
from voc_engine.store.models import Comment, utcnow

ADMIN = Viewer.system("admin")
BAD = "Awful, the card never came [neg -0.9]"


def cases(store) -> list[dict]:
    return list(reversed(CaseService(store).list_cases(ADMIN, limit=500).items))


def count(store, model) -> int:
    with store.read_session() as session:
        return session.scalar(select(func.count()).select_from(model))


# --------------------------------------------------------------------------- opening at ingest
def test_each_default_rule_opens_a_case_with_its_severity_team_and_sla(any_store):
    save_routing(any_store, default_routing(), "test")
    ingest(
        any_store,
        comment("Rude staff [neg -0.5]", customer="a", nps=3),
        comment("I will see you in court [neu 0.0] [flag legal_threat]", customer="b", nps=9),
        comment(BAD, customer="c"),
        comment("Lovely [pos 0.9]", customer="d", nps=10),
        comment("Meh [neg -0.4]", customer="e", nps=8),
    )
    names = {any_store.pii.customer_id(name): name for name in "abcde"}
    opened = {names[c["customer_id"]]: c for c in cases(any_store)}
    assert set(opened) == {"a", "b", "c"}
    assert (opened["a"]["rule_id"], opened["a"]["severity"], opened["a"]["team"]) == (
        "detractor_negative",
        "high",
        "customer_care",
    )
    assert (opened["b"]["rule_id"], opened["b"]["severity"], opened["b"]["team"]) == (
        "critical_flag",
        "critical",
        "risk",
    )
    assert (opened["c"]["rule_id"], opened["c"]["severity"]) == ("very_negative", "medium")
    from datetime import datetime

    for case, hours in ((opened["a"], (4, 72)), (opened["b"], (1, 24)), (opened["c"], (24, 120))):
        opened_at = datetime.fromisoformat(case["opened_at"])
        assert datetime.fromisoformat(case["response_due_at"]) - opened_at == timedelta(hours=hours[0])
        assert datetime.fromisoformat(case["due_at"]) - opened_at == timedelta(hours=hours[1])
        assert case["state"] == "new" and case["owner"] is None and not case["breached"]


def test_the_case_commits_with_the_comment_or_not_at_all(routed):
    def refuse(session, stored):
        raise RuntimeError("a later hook fails")

    routed.extensions.add_ingest_hook(refuse)  # after alerting's own hook
    try:
        with pytest.raises(RuntimeError):
            routed.ingest([comment(BAD)], __import__("alerting_helpers").spec_enrich)
    finally:
        routed.extensions.remove_hook(refuse)
    assert count(routed, Comment) == 0 and count(routed, Case) == 0 and count(routed, Alert) == 0
    ingest(routed, comment(BAD))
    assert count(routed, Comment) == 1 and count(routed, Case) == 1 and count(routed, Alert) == 1


def test_later_matches_join_the_customers_open_case_for_that_rule(any_store):
    ingest(any_store, comment(BAD, customer="x"), comment(BAD, customer="x"))  # same batch
    ingest(any_store, comment(BAD, customer="x"))  # a later batch
    ingest(any_store, comment(BAD, customer="y"))  # another customer
    ingest(any_store, comment(BAD, customer=None), comment(BAD, customer=None))  # no customer: no de-dup
    opened = cases(any_store)
    p = any_store.pii.customer_id
    assert [c["customer_id"] for c in opened] == [p("x"), p("y"), None, None]
    assert opened[0]["alert_count"] == 3
    with any_store.read_session() as session:
        kinds = session.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == opened[0]["id"])).all()
    assert kinds == ["opened", "alert_added", "alert_added"]


def test_outside_the_window_or_after_closing_a_new_case_opens(routed):
    ingest(routed, comment(BAD, customer="x"))
    first = cases(routed)[0]
    with routed.write_session() as session, session.begin():
        session.execute(update(Case).values(opened_at=utcnow() - timedelta(hours=169)))
    ingest(routed, comment(BAD, customer="x"))
    assert len(cases(routed)) == 2
    second = cases(routed)[1]
    service = CaseService(routed)
    service.update_case(ADMIN, second["id"], CasePatch(state="in_progress"))
    service.update_case(ADMIN, second["id"], CasePatch(state="resolved", resolution_code="fixed"))
    service.update_case(ADMIN, second["id"], CasePatch(state="closed", outcome="customer_contacted"))
    ingest(routed, comment(BAD, customer="x"))
    assert len(cases(routed)) == 3 and first["id"] != second["id"]


def test_another_rule_for_the_same_customer_opens_its_own_case_and_a_joining_alert_escalates(routed):
    ingest(routed, comment("Meh [neg -0.85]", customer="x"))  # very_negative, medium
    ingest(routed, comment("Bad [neg -0.5]", customer="x", nps=2))  # detractor_negative only: a new case
    assert [c["rule_id"] for c in cases(routed)] == ["very_negative", "detractor_negative"]
    ingest(routed, comment("Worst [neg -0.95]", customer="x", nps=1))  # both rules: joins the newest, escalates
    first, second = cases(routed)
    assert second["alert_count"] == 3 and second["severity"] == "high"
    assert first["alert_count"] == 1


def test_escalation_moves_due_times_earlier(routed):
    ingest(routed, comment("Meh [neg -0.85]", customer="x"))
    before = cases(routed)[0]
    ingest(routed, comment("I'm leaving [neg -0.85] [flag churn_intent]", customer="x"))
    after = cases(routed)[0]
    assert after["id"] == before["id"] and after["severity"] == "critical"
    from datetime import datetime

    opened = datetime.fromisoformat(after["opened_at"])
    assert datetime.fromisoformat(after["response_due_at"]) - opened == timedelta(hours=1)
    assert datetime.fromisoformat(after["due_at"]) - opened == timedelta(hours=24)
    assert after["team"] == before["team"]  # an open case stays with its team


def test_a_new_alert_reopens_a_resolved_case(routed):
    ingest(routed, comment(BAD, customer="x"))
    case = cases(routed)[0]
    service = CaseService(routed)
    service.update_case(ADMIN, case["id"], CasePatch(state="in_progress"))
    service.update_case(ADMIN, case["id"], CasePatch(state="resolved", resolution_code="explained"))
    ingest(routed, comment(BAD, customer="x"))
    reopened = service.get_case(ADMIN, case["id"])
    assert reopened["state"] == "reopened" and reopened["reopened_count"] == 1 and reopened["resolved_at"] is None
    assert [n["event"] for n in reopened["notifications"]] == []  # no webhook configured: no outbox rows


def test_old_comments_raise_no_alerts(routed):
    ingest(routed, comment(BAD, created_at=(utcnow() - timedelta(days=31)).isoformat()))
    ingest(routed, comment(BAD, created_at=(utcnow() - timedelta(days=29)).isoformat()))
    assert len(cases(routed)) == 1


def test_round_robin_within_the_team_skips_leads_and_inactive_agents(store):
    save_routing(store, default_routing(), "test")
    for name in ("ann", "ben", "cat"):
        create_user(store, name, "customer_care")
    create_user(store, "lea", "customer_care", "lead")
    update_user(store, "cat", active=False)
    ingest(store, *(comment(BAD, customer=f"k{i}") for i in range(4)))
    owners = [c["owner"] for c in cases(store)]
    assert owners == ["ann", "ben", "ann", "ben"]
    assert all(c["state"] == "assigned" for c in cases(store))


def test_a_route_can_name_the_owner_and_a_rule_its_team(store):
    document = default_routing()
    document["routes"].insert(0, {"when": {"segment": "vip"}, "team": "retention", "owner": "vera"})
    save_routing(store, document, "test")
    create_user(store, "vera", "retention")
    create_user(store, "rob", "risk")
    rules = {
        "rules": [
            {"id": "neg", "severity": "medium", "when": {"sentiment": {"label": "negative"}}},
            {"id": "leave", "severity": "high", "team": "risk", "when": {"flag": "churn_intent"}},
        ]
    }
    save_rules(store, rules, "test")
    ingest(store, comment("Bad [neg -0.5]", customer="v", segment="vip"))
    ingest(store, comment("Bye [neg -0.5] [flag churn_intent]", customer="w"))
    first, second = cases(store)
    assert (first["team"], first["owner"]) == ("retention", "vera")
    assert (second["rule_id"], second["team"], second["owner"]) == ("leave", "risk", "rob")


# --------------------------------------------------------------------------- working a case
@pytest.fixture
def one_case(routed):
    ingest(routed, comment(BAD, customer="x"))
    return routed, cases(routed)[0]["id"]


def test_the_full_path_to_closed_records_every_step(one_case):
    store, case_id = one_case
    service = CaseService(store)
    agent = Viewer.of_user(
        __import__("voc_engine.alerting.users", fromlist=["get_user"]).get_user(store, "customer_care.agent")
    )
    case = service.get_case(agent, case_id)
    assert (case["state"], case["owner"]) == ("assigned", "customer_care.agent")
    case = service.update_case(agent, case_id, CasePatch(state="in_progress", note="Calling now"))
    assert case["state"] == "in_progress" and case["first_response_at"] is not None
    case = service.update_case(agent, case_id, CasePatch(state="resolved", resolution_code="refund_or_credit"))
    assert case["resolved_at"] is not None and case["resolution_code"] == "refund_or_credit"
    case = service.update_case(agent, case_id, CasePatch(state="closed", outcome="could_not_reach"))
    assert case["state"] == "closed" and case["outcome"] == "could_not_reach" and case["closed_at"] is not None
    assert [(h["kind"], h["from"], h["to"]) for h in case["history"]] == [
        ("opened", None, "new"),
        ("assigned", "new", "assigned"),
        ("state", "assigned", "in_progress"),
        ("note", None, None),
        ("state", "in_progress", "resolved"),
        ("state", "resolved", "closed"),
    ]
    assert case["notes"][0]["author"] == "user:customer_care.agent" and case["notes"][0]["body"] == "Calling now"
    case = service.update_case(agent, case_id, CasePatch(state="reopened"))
    assert case["state"] == "reopened" and case["outcome"] is None and case["reopened_count"] == 1


@pytest.mark.parametrize(
    "steps, error, message",
    [
        ([CasePatch(state="resolved", resolution_code="fixed")], ConflictError, "from assigned to resolved"),
        ([CasePatch(resolution_code="fixed")], CaseUpdateError, "resolution code is recorded when resolving"),
        ([CasePatch(state="closed", outcome="customer_contacted")], ConflictError, "from assigned to closed"),
        (
            [CasePatch(state="in_progress"), CasePatch(state="resolved")],
            CaseUpdateError,
            "resolving needs a resolution_code",
        ),
        (
            [CasePatch(state="in_progress"), CasePatch(state="resolved", resolution_code="magic")],
            CaseUpdateError,
            "resolution_code must be one of",
        ),
        (
            [
                CasePatch(state="in_progress"),
                CasePatch(state="resolved", resolution_code="fixed"),
                CasePatch(state="closed"),
            ],
            CaseUpdateError,
            "closing needs a close-the-loop outcome",
        ),
        ([CasePatch(outcome="customer_contacted")], CaseUpdateError, "recorded when closing"),
        ([CasePatch(state="new")], ConflictError, "from assigned to new"),
        ([CasePatch(state="in_progress"), CasePatch(owner=None)], ConflictError, "in_progress cannot be unassigned"),
        ([CasePatch(note="   ")], CaseUpdateError, "a note needs"),
    ],
)
def test_invalid_changes_are_refused_and_change_nothing(one_case, steps, error, message):
    store, case_id = one_case
    service = CaseService(store)
    for step in steps[:-1]:
        service.update_case(ADMIN, case_id, step)
    before = service.get_case(ADMIN, case_id)
    with pytest.raises(error, match=message):
        service.update_case(ADMIN, case_id, steps[-1])
    assert service.get_case(ADMIN, case_id) == before


def test_unassigned_cases_need_an_owner_first(routed):
    update_user(routed, "customer_care.agent", active=False)
    ingest(routed, comment(BAD))
    case_id = cases(routed)[0]["id"]
    service = CaseService(routed)
    with pytest.raises(CaseUpdateError, match="needs an owner"):
        service.update_case(ADMIN, case_id, CasePatch(state="assigned"))
    create_user(routed, "zed", "customer_care")
    case = service.update_case(ADMIN, case_id, CasePatch(owner="zed"))
    assert (case["state"], case["owner"]) == ("assigned", "zed")
    case = service.update_case(ADMIN, case_id, CasePatch(owner=None))
    assert (case["state"], case["owner"]) == ("new", None)


def test_sla_breach_flags_and_the_breached_filter_agree(one_case):
    store, case_id = one_case
    now = utcnow()
    at = {hours: CaseService(store, clock=lambda h=hours: now + timedelta(hours=h)) for hours in (1, 25, 121)}
    # medium: first response due after 24 h, close after 120 h
    assert at[1].get_case(ADMIN, case_id)["breached"] is False
    assert at[25].get_case(ADMIN, case_id)["breach"] == {"first_response": True, "close": False}
    assert at[121].get_case(ADMIN, case_id)["breach"] == {"first_response": True, "close": True}
    for service, expected in ((at[1], False), (at[25], True)):
        assert [c["id"] for c in service.list_cases(ADMIN, CaseFilter(breached=True)).items] == (
            [case_id] if expected else []
        )
        assert [c["id"] for c in service.list_cases(ADMIN, CaseFilter(breached=False)).items] == (
            [] if expected else [case_id]
        )
    # responding in time then closing late still breaches the close SLA
    CaseService(store).update_case(ADMIN, case_id, CasePatch(note="On it"))
    assert at[25].get_case(ADMIN, case_id)["breach"] == {"first_response": False, "close": False}


def test_notes_are_redacted_before_they_are_stored(one_case):
    store, case_id = one_case
    service = CaseService(store)
    added = service.add_note(ADMIN, case_id, "Customer asked us to write to jane.doe@gmail,com or call 415-555-2671")
    assert added["body"] == "Customer asked us to write to [EMAIL] or call [PHONE]"
    case = service.update_case(
        ADMIN, case_id, CasePatch(state="in_progress", owner="customer_care.agent",
                                  note="Refund to card 4111 1111\n1111 1111, she said")
    )
    assert [n["body"] for n in case["notes"]] == [
        "Customer asked us to write to [EMAIL] or call [PHONE]",
        "Refund to card [CARD], she said",
    ]
    with store.read_session() as session:  # what is stored, not only what is shown
        stored = session.scalars(select(CaseNote.body).where(CaseNote.case_id == case_id).order_by(CaseNote.id)).all()
    assert stored == ["Customer asked us to write to [EMAIL] or call [PHONE]", "Refund to card [CARD], she said"]
    assert not any("4111" in body or "jane" in body for body in stored)


def test_list_filters_and_pagination(routed):
    ingest(routed, *(comment(BAD, customer=f"p{i}") for i in range(5)))
    ingest(routed, comment("Sue you [neu 0] [flag legal_threat]", customer="q"))
    service = CaseService(routed)
    page = service.list_cases(ADMIN, limit=4)
    rest = service.list_cases(ADMIN, limit=4, cursor=page.next_cursor)
    assert len(page.items) == 4 and len(rest.items) == 2 and rest.next_cursor is None
    assert len({c["id"] for c in page.items + rest.items}) == 6
    assert [c["team"] for c in service.list_cases(ADMIN, CaseFilter(severity=["critical"])).items] == ["risk"]
    assert len(service.list_cases(ADMIN, CaseFilter(team=["customer_care"], state=["assigned"])).items) == 5
    assert service.list_cases(ADMIN, CaseFilter(state=["closed"])).items == []


def test_erasure_takes_cases_alerts_and_notifications_with_the_comments(routed):
    document = default_routing()
    document["teams"]["customer_care"] = {"webhooks": [{"name": "crm", "url": "http://127.0.0.1:9/h", "secret": "s"}]}
    save_routing(routed, document, "test")
    ingest(routed, comment(BAD, customer="gone"), comment(BAD, customer="stays"))
    assert count(routed, OutboxMessage) == 2
    routed.erase_customer("gone", actor="test")
    assert [c["customer_id"] for c in cases(routed)] == [routed.pii.customer_id("stays")]
    assert count(routed, Alert) == 1 and count(routed, OutboxMessage) == 1
    with routed.read_session() as session:
        bodies = session.scalars(select(OutboxMessage.body)).all()
    assert all('"gone"' not in body for body in bodies)

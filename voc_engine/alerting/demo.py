"""The close-the-loop demo: a bad comment → alert → case → signed webhook → an agent closes the loop.

`run_close_the_loop_demo(store, pipeline)` runs it end to end against a webhook receiver on
127.0.0.1 and returns a readable account. It uses the store's active rules; for the time of the
demo it adds a webhook to the active routing, and takes it out again afterwards (its own routing
version is deleted, so the version before it is active again). Give it a scratch store: the
demo comment, case and user stay there.
"""

from __future__ import annotations

import secrets
import uuid
from typing import TYPE_CHECKING

import yaml
from sqlalchemy import delete, select

from voc_engine.alerting.cases import CasePatch, CaseService
from voc_engine.alerting.config import load_active_config, save_routing
from voc_engine.alerting.models import Alert, AlertConfig, User
from voc_engine.alerting.notify import deliver_pending
from voc_engine.alerting.receiver import WebhookReceiver
from voc_engine.alerting.report import close_the_loop_report
from voc_engine.alerting.users import Viewer, create_user, get_user
from voc_engine.errors import NotFoundError

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.store.repository import FeedbackStore

DEMO_TEXT = (
    "I waited 45 minutes on the phone and then the agent hung up on me. The replacement card still "
    "has not arrived after three weeks. This is appalling service and I am closing my account."
)
DEMO_AGENT = "demo.agent"


def _with_demo_webhook(document: dict, url: str, secret: str) -> dict:
    document = {**document, "teams": {name: dict(spec or {}) for name, spec in document["teams"].items()}}
    for spec in document["teams"].values():
        spec["webhooks"] = [*(spec.get("webhooks") or []), {"name": "demo-crm", "url": url, "secret": secret}]
    return document


def run_close_the_loop_demo(store: "FeedbackStore", pipeline: "Pipeline") -> str:
    """Run the demo path and return what happened, step by step."""
    lines: list[str] = []
    say = lines.append
    secret = secrets.token_hex(16)
    receiver = WebhookReceiver(secret).start()
    routing_version = None
    try:
        active = load_active_config(store)
        # The stored routing body keeps secrets; the public document masks them, so rebuild from the body.
        with store.read_session() as session:
            body = (
                session.scalar(select(AlertConfig.body).where(AlertConfig.id == active.routing_version))
                if active.routing_version
                else None
            )
        document = yaml.safe_load(body) if body else dict(active.routing.document)
        routing_version = save_routing(store, _with_demo_webhook(document, receiver.url, secret), "demo").version
        say(f"1. Webhook receiver (a stand-in CRM) listening on {receiver.url}; every team now notifies it.")

        customer = f"demo-customer-{uuid.uuid4().hex[:6]}"
        row = {
            "source": "demo",
            "external_id": f"demo-{uuid.uuid4().hex}",
            "text": DEMO_TEXT,
            "channel": "contact_centre",
            "touchpoint": "contact_centre_call",
            "customer_id": customer,
            "scores": {"nps": 1},
        }
        result = store.ingest([row], pipeline.enrich)[0]
        if not result.ok:
            return "\n".join([*lines, f"   the comment was not stored: {result.error}"])
        enrichment = result.enrichment or {}
        sentiment = enrichment.get("sentiment") or {}
        say(f'2. A detractor (NPS 1) wrote: "{DEMO_TEXT[:90]}…"')
        say(
            f"   enrichment: sentiment {sentiment.get('label')} ({sentiment.get('score', 0):+.2f}); "
            f"flags: {', '.join(enrichment.get('flags') or []) or '-'}; "
            f"tags: {', '.join(t['name'] for t in enrichment.get('tags') or []) or '-'}"
        )
        with store.read_session() as session:
            alerts = session.execute(
                select(Alert.rule_id, Alert.severity, Alert.case_id).where(Alert.comment_id == result.id)
            ).all()
        if not alerts:
            say("3. No alert rule matched this comment with the active rules: nothing more to show.")
            return "\n".join(lines)
        case_id = alerts[0].case_id
        say(
            "3. Alert rules matched at ingest, in the same transaction as the comment: "
            + ", ".join(f"{a.rule_id} ({a.severity})" for a in alerts)
        )
        service = CaseService(store)
        admin = Viewer.system("demo")
        case = service.get_case(admin, case_id)
        say(
            f"4. Case #{case['id']} opened: severity {case['severity']}, team {case['team']}, state {case['state']}, "
            f"owner {case['owner'] or '-'}; first response due {case['response_due_at'][:16]}, "
            f"close due {case['due_at'][:16]} (UTC)"
        )
        if case["owner"] is None:
            try:
                get_user(store, DEMO_AGENT)
            except NotFoundError:
                create_user(store, DEMO_AGENT, case["team"])
            case = service.update_case(admin, case_id, CasePatch(owner=DEMO_AGENT))
            say(f"   no agent in team {case['team']} yet: assigned to {DEMO_AGENT} (state {case['state']})")

        sent = deliver_pending(store)
        opened = [r for r in receiver.requests if r.event == "case.opened"]
        say(
            f"5. Webhook delivered ({sent.delivered} notification(s)): event {opened[0].event if opened else '-'}, "
            f"signature {'verified' if opened and opened[0].signature_ok else 'NOT verified'}, "
            f"Idempotency-Key {opened[0].idempotency_key if opened else '-'}"
        )

        with store.read_session() as session:
            owner = session.scalar(select(User).where(User.name == case["owner"]))
        agent = Viewer.of_user(owner)
        service.update_case(
            agent, case_id, CasePatch(state="in_progress", note="Called the customer back, apologised.")
        )
        service.update_case(
            agent, case_id, CasePatch(state="resolved", resolution_code="goodwill_gesture", note="Card re-sent.")
        )
        case = service.update_case(agent, case_id, CasePatch(state="closed", outcome="customer_contacted"))
        say(
            f"6. {case['owner']} worked the case: in_progress → resolved (goodwill_gesture) → closed, "
            f"outcome {case['outcome']}; first response after "
            f"{_minutes(case['opened_at'], case['first_response_at'])}, "
            f"SLA {'breached' if case['breached'] else 'met'}"
        )
        deliver_pending(store)
        events = [r.event for r in receiver.requests]
        say(
            f"7. The CRM received {len(receiver.records)} notification(s) ({', '.join(events)}), "
            f"{len(receiver.requests) - len(receiver.records)} duplicate(s)"
        )
        report = close_the_loop_report(store, team=case["team"])
        say("8. " + report.summary().replace("\n", "\n   "))
        return "\n".join(lines)
    finally:
        if routing_version is not None:
            with store.write_session() as session, session.begin():
                session.execute(delete(AlertConfig).where(AlertConfig.id == routing_version))
        receiver.stop()


def _minutes(start: str, end: str | None) -> str:
    from datetime import datetime

    if not end:
        return "-"
    seconds = (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    return f"{seconds:.1f} s" if seconds < 120 else f"{seconds / 60:.0f} min"

"""The demo path (bad comment → alert → case → webhook → loop closed) and ingest with the real models."""

from __future__ import annotations

import re

import pytest
from alerting_helpers import spec_enrich

from voc_engine.alerting.cases import CaseService
from voc_engine.alerting.config import load_active_config
from voc_engine.alerting.demo import DEMO_TEXT, run_close_the_loop_demo
from voc_engine.alerting.outbox import outbox_counts
from voc_engine.alerting.users import Viewer


class WrittenEnrichment:
    """A stand-in for the pipeline whose enrichment the test states: negative, churn intent."""

    def enrich(self, texts, ids):
        return spec_enrich([t + " [neg -0.92] [flag churn_intent]" for t in texts], ids)


def test_the_demo_closes_the_loop_and_leaves_the_routing_as_it_was(store):
    before = load_active_config(store).routing_version
    report = run_close_the_loop_demo(store, WrittenEnrichment())
    assert "critical_flag (critical)" in report
    assert re.search(r"Case #1 opened: severity critical, team retention", report)
    assert "signature verified" in report
    assert "closed, outcome customer_contacted" in report
    assert "0 duplicate(s)" in report
    (case,) = CaseService(store).list_cases(Viewer.system()).items
    assert (case["state"], case["outcome"], case["resolution_code"]) == (
        "closed",
        "customer_contacted",
        "goodwill_gesture",
    )
    assert outbox_counts(store) == {"pending": 0, "delivered": 5, "dead": 0}  # opened, assigned, 3 steps
    assert load_active_config(store).routing_version == before


@pytest.mark.slow
def test_with_the_real_models_a_bad_comment_opens_a_case(store, pipeline):
    results = store.ingest(
        [
            {"source": "t", "external_id": "1", "text": DEMO_TEXT, "customer_id": "r1", "scores": {"nps": 1}},
            {
                "source": "t",
                "external_id": "2",
                "text": "Quick, friendly and helpful staff. Thank you!",
                "customer_id": "r2",
                "scores": {"nps": 10},
            },
        ],
        pipeline.enrich,
    )
    assert all(r.ok for r in results)
    cases = CaseService(store).list_cases(Viewer.system()).items
    assert [c["customer_id"] for c in cases] == [store.pii.customer_id("r1")]
    assert cases[0]["severity"] == "critical"  # "closing my account": churn intent
    report = run_close_the_loop_demo(store, pipeline)
    assert "signature verified" in report and "outcome customer_contacted" in report

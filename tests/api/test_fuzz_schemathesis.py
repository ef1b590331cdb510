"""Property-based fuzzing of every API operation with schemathesis, in-process (ASGI).

Requests are generated from the OpenAPI schema (valid ones and, in negative mode, invalid ones:
wrong types, missing fields, other methods) and sent with a real admin key (admin passes every
role check) to the app over a seeded store, on SQLite and on PostgreSQL (skipped without
VOC_TEST_POSTGRES_URL, failed in CI). Checks: no 5xx, every status code documented, every JSON
body valid against its documented schema.

Bounded and reproducible: VOC_FUZZ_EXAMPLES examples per operation (default 25; the two
operations that run the NLP pipeline get a third), no deadline, derandomized. About 1.5 minutes
for both backends on a 2-core machine. For a longer hunt: VOC_FUZZ_EXAMPLES=100
VOC_FUZZ_RANDOM=1 (random seeds; hypothesis prints the one to reproduce a failure with).
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from api.main import create_app
from voc_engine.auth.keys import create_api_key
from voc_engine.config import Settings
from voc_engine.runtime import Runtime

CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
EXAMPLES = int(os.environ.get("VOC_FUZZ_EXAMPLES", "25"))
# The two operations that run the real NLP pipeline (milliseconds a text) get fewer examples.
NLP_EXAMPLES = max(1, EXAMPLES // 3)
NLP_OPERATIONS = ["POST /v1/score", "POST /v1/comments"]


def _seed(store) -> None:
    """Comments over eight weeks (scores, touchpoints, tags, flags), enough for charts, drivers and
    the default alert rules to open cases; enrichments written by hand, no model needed."""
    from voc_engine.schema import Enrichment, Sentiment, TagResult

    start = datetime(2026, 9, 7, 9, tzinfo=timezone.utc)
    rows = []
    for i in range(160):
        negative = i % 4 == 0
        rows.append({
            "source": "seed", "external_id": f"s{i}", "customer_id": f"c{i % 9}",
            "text": ("Rude staff, I will leave" if negative else "Quick and friendly") + f" ({i})",
            "created_at": (start + timedelta(hours=9 * i)).isoformat(),
            "channel": "survey", "touchpoint": ["checkout", "delivery"][i % 2],
            "scores": {"nps": (2 if negative else 9) - i % 2, "csat": 1 + i % 5},
        })

    def enrich(texts, ids):
        out = []
        for text, id_ in zip(texts, ids):
            negative = text.startswith("Rude")
            out.append(Enrichment(
                id=id_, language="en", redacted_text=text,
                sentiment=Sentiment(label="negative" if negative else "positive", score=-0.8 if negative else 0.7,
                                    probs={"negative": 0.8, "neutral": 0.1, "positive": 0.1} if negative
                                    else {"negative": 0.1, "neutral": 0.1, "positive": 0.8}),
                tags=[TagResult(name="staff_attitude", confidence=0.9, sentiment="negative")] if negative else [],
                flags=["churn_intent"] if negative else [],
                model_version="encoder:fuzz;sentiment:fuzz",
            ))
        return out

    results = store.ingest(rows, enrich)
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]


# The app is built at import (cheap: no database, no models) so that schemathesis can make one
# test per operation at collection; the fixture gives it the runtime over each backend's store.
APP = create_app()
schema = schemathesis.openapi.from_dict(APP.openapi())
schema.app = APP  # in-process: requests go to the ASGI app
# The key is ours (see call_and_validate): generated X-API-Key values would only test the 401 path.
schema.config.generation.update(with_security_parameters=False)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db_url(request, tmp_path_factory):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'voc.db'}"
        return
    from pg_support import throwaway_postgres_database

    with throwaway_postgres_database(request.getfixturevalue("postgres_server_url"), "voc_fuzz") as url:
        yield url


@pytest.fixture(scope="module")
def admin_headers(db_url, tmp_path_factory, pipeline):
    """The admin key of a seeded store of its own (on each backend), which the app then serves."""
    from voc_engine.store.repository import FeedbackStore

    data_dir = tmp_path_factory.mktemp("fuzz-data")
    # No webhook delivery thread; the session's pipeline: no second load of the models.
    store = FeedbackStore(db_url, Settings(data_dir=data_dir, alerts_delivery="external"))
    _seed(store)
    previous, APP.state.runtime = APP.state.runtime, Runtime(store=store, pipeline=pipeline)
    try:
        yield {"X-API-Key": create_api_key(store, "admin")[0]}
    finally:
        from schemathesis.python.asgi import shutdown_lifespans

        shutdown_lifespans()
        APP.state.runtime = previous
        store.dispose()


# No health checks: they fail slow or heavily filtered generation, which max_examples bounds anyway.
_settings = dict(
    deadline=None,
    derandomize=not os.environ.get("VOC_FUZZ_RANDOM"),
    database=None,  # no .hypothesis directory
    suppress_health_check=list(HealthCheck),
)


@schema.exclude(name=NLP_OPERATIONS).parametrize()
@settings(max_examples=EXAMPLES, **_settings)
def test_api_operations(case, admin_headers):
    case.call_and_validate(headers=admin_headers, checks=CHECKS)


@schema.include(name=NLP_OPERATIONS).parametrize()
@settings(max_examples=NLP_EXAMPLES, **_settings)
def test_nlp_operations(case, admin_headers):
    case.call_and_validate(headers=admin_headers, checks=CHECKS)

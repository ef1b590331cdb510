"""The workspace over a real store: the shipped sample comments (moved to end yesterday, so that
recent ones raise alerts and open cases) and a few comments carrying PII, ingested through the
real pipeline; people of every role with passwords; cases assigned to two agents of one team; a
topic model fitted on the stored comments.

`live_server` serves the same app with uvicorn on a free loopback port for the browser tests.
"""

from __future__ import annotations

import csv
import shutil
import socket
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from voc_engine.alerting.cases import CasePatch, CaseService
from voc_engine.auth.policy import Principal
from voc_engine.auth.users import create_user
from voc_engine.config import Settings
from voc_engine.runtime import Runtime
from voc_engine.store.repository import FeedbackStore

from web_support import PASSWORD, PEOPLE, PII, PII_COMMENTS  # noqa: F401 - PII: the test modules'

SAMPLES = Path(__file__).resolve().parents[2] / "voc_engine" / "samples" / "comments.csv"


def _sample_rows(now: datetime) -> list[dict]:
    with SAMPLES.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    times = [datetime.fromisoformat(r["created_at"].replace("Z", "+00:00")) for r in rows]
    shift = (now - timedelta(days=1)) - max(times)
    out = []
    for row, created in zip(rows, times):
        scores = {k: int(row[k]) for k in ("nps", "csat", "ces") if row[k]}
        out.append({
            "source": row["source"], "external_id": row["external_id"], "text": row["text"],
            "created_at": (created + shift).isoformat(), "channel": row["channel"],
            "touchpoint": row["touchpoint"], "journey_stage": row["journey_stage"],
            "customer_id": row["customer_id"], "segment": row["segment"], **({"scores": scores} if scores else {}),
        })
    return out


def _pii_rows(now: datetime) -> list[dict]:
    return [
        {"source": "survey-tool", "external_id": f"pii-{i}", "text": text, "channel": "survey",
         "touchpoint": "contact_centre", "customer_id": f"PII-{i}", "scores": {"nps": 0, "csat": 1},
         "created_at": (now - timedelta(hours=3 + i)).isoformat()}
        for i, text in enumerate(PII_COMMENTS)
    ]


@pytest.fixture(scope="session")
def workspace(tmp_path_factory, sqlite_template, pipeline):
    """The store, its app, and who owns which case: {"store", "app", "team", "cases": {name: [ids]}}."""
    tmp = tmp_path_factory.mktemp("workspace")
    path = tmp / "voc.db"
    shutil.copy(sqlite_template, path)
    store = FeedbackStore(f"sqlite:///{path}", Settings(data_dir=tmp / "var", business_timezone="UTC"))
    now = datetime.now(timezone.utc)
    samples = _sample_rows(now)
    results = store.ingest(samples + _pii_rows(now), pipeline.enrich)
    # A few sample rows' ids look like phone numbers and are refused (reported by index): fine here.
    assert all(r.ok for r in results[len(samples):]) and sum(r.ok for r in results) > 150
    service, system = CaseService(store), Principal.system("test")
    cases = service.list_cases(system, limit=500).items
    assert len(cases) >= 6, "the seeded comments should open cases"
    team = cases[0]["team"]
    for name, role in PEOPLE.items():
        create_user(store, name, role, team if role in ("lead", "agent") else None, password=PASSWORD)
    owned: dict[str, list[int]] = {"amy": [], "bob": []}
    for i, case in enumerate(cases[:6]):
        owner = "amy" if i % 2 == 0 else "bob"
        service.update_case(system, case["id"], CasePatch(team=team, owner=owner))
        owned[owner].append(case["id"])
    topic_version = _fit_topics(store, pipeline)
    app = create_app(Runtime(store=store))
    yield {"store": store, "app": app, "team": team, "cases": owned, "all_cases": [c["id"] for c in cases],
           "topic_version": topic_version}
    store.dispose()


def _fit_topics(store, pipeline) -> str:
    """A topic model on the stored comments (as `voc topics fit` makes one, the encoder of the
    session's pipeline for its labels): the active version of the store's data directory."""
    import logging

    from voc_engine.topics.embedder import EncoderEmbedder
    from voc_engine.topics.service import fit_store, modeler_from_settings

    logging.getLogger("BERTopic").setLevel(logging.ERROR)
    modeler = modeler_from_settings(store.settings.topics, embedding_model=EncoderEmbedder(pipeline.encoder))
    return fit_store(store, modeler=modeler)[1]


@pytest.fixture
def client(workspace):
    with TestClient(workspace["app"], follow_redirects=False) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(workspace):
    """The app served over HTTP by uvicorn on a free loopback port, in a thread."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(workspace["app"], host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)

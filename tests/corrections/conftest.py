"""Fixtures for the corrections tests: a migrated store on SQLite and on PostgreSQL holding a few
comments with enrichments written by hand (so the stored tags and sentiment are known), and an
analyst, an admin and an agent."""

from __future__ import annotations

import pytest

from pg_support import empty_migrated_database, throwaway_postgres_database
from voc_engine.auth.policy import Principal
from voc_engine.auth.users import create_user
from voc_engine.config import Settings
from voc_engine.schema import Enrichment, Sentiment, TagResult
from voc_engine.store.repository import FeedbackStore

# text -> (sentiment, tags) the hand-made enrichment gives it.
COMMENTS = {
    "c1": ("I waited an hour on the phone and then the price went up", "negative", ["wait_time"]),
    "c2": ("Lovely staff, quick checkout", "positive", ["staff_attitude"]),
    "c3": ("The app logged me out twice", "neutral", []),
}
PASSWORD = "correct horse battery staple"


def hand_enrich(texts: list[str], ids: list[str]) -> list[Enrichment]:
    by_text = {text: (label, tags) for text, label, tags in COMMENTS.values()}
    out = []
    for text, id_ in zip(texts, ids):
        label, tags = by_text[text]
        out.append(Enrichment(id=id_, language="en", redacted_text=text,
                              sentiment=Sentiment(label=label, score=0.0, probs={label: 1.0}),
                              tags=[TagResult(name=t, confidence=0.9) for t in tags],
                              model_version="encoder:test;sentiment:hand"))
    return out


@pytest.fixture(scope="session")
def corrections_postgres_url(postgres_server_url: str):
    with throwaway_postgres_database(postgres_server_url, "voc_corrections_test") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = empty_migrated_database(request, tmp_path, "corrections_postgres_url")
    s = FeedbackStore(url, Settings(data_dir=tmp_path / "var", business_timezone="UTC"))
    yield s
    s.dispose()


@pytest.fixture
def world(store):
    """{"store", "ids": {"c1": comment id, …}, "people": {role: Principal}}"""
    rows = [{"source": "test", "external_id": key, "text": text, "channel": "contact_centre",
             "customer_id": f"cust-{key}", "created_at": "2026-11-20T10:00:00Z"}
            for key, (text, _, _) in COMMENTS.items()]
    results = store.ingest(rows, hand_enrich)
    assert all(r.ok for r in results), [r.error for r in results]
    people = {}
    for name, role, team in (("ana", "analyst", None), ("adm", "admin", None), ("amy", "agent", "care")):
        people[role] = Principal.of_user(create_user(store, name, role, team, password=PASSWORD))
    return {"store": store, "ids": {key: r.id for key, r in zip(COMMENTS, results)}, "people": people}

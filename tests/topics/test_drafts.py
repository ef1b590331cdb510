"""Taxonomy drafts on SQLite and PostgreSQL: proposing a topic as a category, who may decide, the
audit trail, the custom categories a pipeline reads, and erasure of the examples they quote."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pg_support import empty_migrated_database, throwaway_postgres_database
from voc_engine.auth.policy import Principal
from voc_engine.config import Settings
from voc_engine.errors import ConflictError, InvalidArgumentError, NotFoundError, PermissionDeniedError
from voc_engine.nlp.taxonomy import load_taxonomy
from voc_engine.store.audit import audit_log
from voc_engine.store.repository import FeedbackStore
from voc_engine.topics.drafts import StoreCategories, TaxonomyDraft, TaxonomyService, forget_examples
from voc_engine.topics.versions import save_version

ANA = Principal(actor="user:ana", role="analyst", name="ana", kind="person", via="session")
ADM = Principal(actor="user:adm", role="admin", name="adm", kind="person", via="session")
AMY = Principal(actor="user:amy", role="agent", name="amy", team="care", kind="person", via="session")


@pytest.fixture(scope="session")
def drafts_postgres_url(postgres_server_url: str):
    with throwaway_postgres_database(postgres_server_url, "voc_drafts_test") as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = empty_migrated_database(request, tmp_path, "drafts_postgres_url")
    s = FeedbackStore(url, Settings(data_dir=tmp_path / "var", business_timezone="UTC"))
    yield s
    s.dispose()


@pytest.fixture(scope="session")
def saved(fitted, tmp_path_factory):
    """The session's fitted topic model saved as the active version: (root, its topics)."""
    root = tmp_path_factory.mktemp("drafts") / "topics"
    version = save_version(fitted, root=root)
    topic_set = fitted.topics()
    topic_set.version = version
    return root, topic_set


def service(store) -> TaxonomyService:
    return TaxonomyService(store, load_taxonomy)  # the shipped taxonomy as the deployment's


def test_a_proposal_keeps_the_topics_words_examples_and_who(store, saved):
    root, topics = saved
    topic = topics.topics[0]
    draft = service(store).propose(ANA, topic.id, root, name="luggage_delay", description="Bags late, see a@b.co")
    assert draft["status"] == "pending" and draft["proposed_by"] == "user:ana"
    assert draft["topic"] == {"id": topic.id, "version": topics.version, "label": topic.label}
    assert draft["examples"] == topic.examples
    words = [w.lower() for w in topic.words if "[" not in w]
    assert draft["rules"] == ([w for w in words if " " in w] or words)  # phrases of 2+ words, else words
    assert draft["description"] == "Bags late, see [EMAIL]"
    assert service(store).list_drafts(ANA) == [draft]
    with store.read_session() as session:
        log = audit_log(session)
    assert [(e["actor"], e["action"], e["target"]) for e in log] == [
        ("user:ana", "taxonomy.propose", f"taxonomy_draft:{draft['id']}")]


def test_without_a_name_the_draft_is_named_by_the_topics_first_words(store, saved):
    root, topics = saved
    topic = topics.topics[1]
    draft = service(store).propose(ADM, topic.id, root)
    first = topic.words[0].lower().split()[0]
    assert draft["name"].startswith(first) and draft["name"].count("_") <= 1


def test_who_may_propose_and_decide(store, saved):
    root, topics = saved
    svc = service(store)
    with pytest.raises(PermissionDeniedError):
        svc.propose(AMY, topics.topics[0].id, root, name="x_y")
    with pytest.raises(PermissionDeniedError):
        svc.list_drafts(AMY)
    draft = svc.propose(ANA, topics.topics[0].id, root, name="x_y")
    with pytest.raises(PermissionDeniedError):
        svc.accept(ANA, draft["id"])
    with pytest.raises(PermissionDeniedError):
        svc.reject(ANA, draft["id"])
    # A session without its CSRF token changes nothing either.
    with pytest.raises(PermissionDeniedError):
        svc.accept(Principal(actor="user:adm", role="admin", kind="person", via="session", csrf_ok=False), draft["id"])
    assert svc.get_draft(ANA, draft["id"])["status"] == "pending"
    accepted = svc.accept(ADM, draft["id"], note="good")
    assert (accepted["status"], accepted["decided_by"], accepted["decision_note"]) == ("accepted", "user:adm", "good")


def test_names_and_decisions_that_cannot_be(store, saved):
    root, topics = saved
    svc = service(store)
    topic_id = topics.topics[0].id
    with pytest.raises(ConflictError):
        svc.propose(ANA, topic_id, root, name="billing_price")  # a shipped category
    with pytest.raises(InvalidArgumentError):
        svc.propose(ANA, topic_id, root, name="Billing Price")
    with pytest.raises(InvalidArgumentError):
        svc.propose(ANA, topic_id, root, name="no_rules", rules=["[EMAIL]", "  "])
    with pytest.raises(NotFoundError):
        svc.propose(ANA, 987654, root, name="unknown_topic")
    with pytest.raises(NotFoundError):
        svc.accept(ADM, 987654)
    first = svc.propose(ANA, topic_id, root, name="same_name")
    with pytest.raises(ConflictError):
        svc.propose(ANA, topic_id, root, name="same_name")
    second_topic = svc.propose(ANA, topics.topics[1].id, root, name="other_name")
    svc.reject(ADM, second_topic["id"], note="not now")
    with pytest.raises(ConflictError):
        svc.accept(ADM, second_topic["id"])
    svc.accept(ADM, first["id"])
    with pytest.raises(ConflictError):
        svc.propose(ANA, topic_id, root, name="same_name")  # now a custom category
    assert [d["status"] for d in svc.list_drafts(ANA)] == ["rejected", "accepted"]
    assert [d["name"] for d in svc.list_drafts(ANA, "accepted")] == ["same_name"]
    with pytest.raises(InvalidArgumentError):
        svc.list_drafts(ANA, "maybe")


def test_the_custom_categories_are_the_accepted_drafts_and_their_token_changes(store, saved):
    root, topics = saved
    svc, source = service(store), StoreCategories(lambda: store)
    assert source.current() == ("custom:", [])
    accepted = svc.propose(ANA, topics.topics[0].id, root, name="kept_one", rules=["lost bag", "Lost Bag", "delay"])
    rejected = svc.propose(ANA, topics.topics[1].id, root, name="dropped_one")
    assert source.current()[1] == []
    svc.accept(ADM, accepted["id"])
    svc.reject(ADM, rejected["id"])
    token, categories = source.current()
    assert token != "custom:"
    assert [(c.name, c.rules) for c in categories] == [("kept_one", ["lost bag", "delay"])]
    assert "kept_one" in svc.taxonomy(ANA).names and svc.taxonomy(ANA).names[:-1] == load_taxonomy().names
    assert svc.custom_names(ANA) == ["kept_one"]


def test_erasure_takes_the_erased_comments_out_of_the_drafts_examples(store, saved):
    root, topics = saved
    topic = next(t for t in topics.topics if len(t.example_ids) >= 2)
    draft = service(store).propose(ANA, topic.id, root, name="erase_me")
    with store.write_session() as session, session.begin():
        forget_examples(session, [str(topic.example_ids[0])])
    with store.read_session() as session:
        row = session.scalar(select(TaxonomyDraft).where(TaxonomyDraft.id == draft["id"]))
        assert row.examples == {"comments": topic.examples[1:], "ids": [str(i) for i in topic.example_ids[1:]]}

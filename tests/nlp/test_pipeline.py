"""The scoring pipeline end to end, on the shipped models (no mocks)."""
from __future__ import annotations

import json

import numpy as np
import pytest

CONTRACT_KEYS = {"id", "language", "redacted_text", "sentiment", "sentences", "tags", "flags",
                 "model_version", "error"}


def record_of(pipeline, text, id_=0):
    return pipeline.enrich([text], [id_])[0].to_record()


def test_record_has_the_contract_shape(pipeline):
    record = record_of(pipeline, "The flight was delayed three hours and the staff were rude.", "a1")
    assert CONTRACT_KEYS <= set(record)
    assert record["id"] == "a1" and record["error"] is None and record["language"] == "en"
    sentiment = record["sentiment"]
    assert sentiment["label"] in {"negative", "neutral", "positive"}
    assert set(sentiment["probs"]) == {"negative", "neutral", "positive"}
    assert sum(sentiment["probs"].values()) == pytest.approx(1.0, abs=1e-3)
    assert sentiment["score"] == pytest.approx(sentiment["probs"]["positive"] - sentiment["probs"]["negative"], abs=1e-3)
    assert -1 <= sentiment["score"] <= 1
    assert "embedding" not in record
    json.dumps(record)  # serialisable as it is


def test_tagger_scores_cover_every_category_and_stay_out_of_the_record(pipeline):
    text = "My flight was cancelled and I still have no refund."
    enrichment = pipeline.enrich([text])[0]
    scores = enrichment.tag_scores
    assert list(scores) == list(pipeline.tagger.labels)
    assert all(0.0 <= p <= 1.0 for p in scores.values())
    # a tag the model alone returned carries its score as its confidence
    for tag in enrichment.tags:
        if tag.source == "model":
            assert tag.confidence == pytest.approx(scores[tag.name], abs=1e-4)
    assert max(scores, key=scores.get) == "refund_cancellation"
    assert "tag_scores" not in enrichment.to_record()
    # a comment that could not be scored has none
    assert pipeline.enrich(["   "])[0].tag_scores == {}


@pytest.mark.parametrize("text, expected", [
    ("This is the worst airline ever. I hate you and your useless staff.", "negative"),
    ("Thank you so much, the crew was wonderful and the flight was perfect!", "positive"),
    ("Lost my luggage, cancelled flight, no refund. Disgusting service.", "negative"),
    ("What time does the lounge open at terminal 2?", "neutral"),
])
def test_clear_sentiment_is_recognised(pipeline, text, expected):
    assert record_of(pipeline, text)["sentiment"]["label"] == expected


def test_sentences_carry_their_own_sentiment(pipeline):
    text = "The staff were lovely and so helpful. But the app crashed twice and I lost my booking."
    record = record_of(pipeline, text)
    sentences = record["sentences"]
    assert len(sentences) == 2
    assert [text[s["start"]:s["end"]] for s in sentences][0].startswith("The staff were lovely")
    assert sentences[0]["score"] > sentences[1]["score"]
    assert sentences[1]["sentiment"] == "negative"


def test_tags_have_spans_in_the_redacted_text_and_aspect_sentiment(pipeline):
    text = "My flight was cancelled and I still have no refund. The crew were friendly though."
    record = record_of(pipeline, text)
    names = [t["name"] for t in record["tags"]]
    assert "refund_cancellation" in names
    confidences = [t["confidence"] for t in record["tags"]]
    assert confidences == sorted(confidences, reverse=True)
    redacted = record["redacted_text"]
    for tag in record["tags"]:
        assert tag["spans"], tag
        for start, end in tag["spans"]:
            assert 0 <= start < end <= len(redacted)
    refund = next(t for t in record["tags"] if t["name"] == "refund_cancellation")
    assert refund["sentiment"] == "negative"
    assert any("cancel" in redacted[s:e].lower() for s, e in refund["spans"])


def test_rules_are_lemma_aware(pipeline):
    record = record_of(pipeline, "They LOST both of our suitcases and we waited for hours.")
    names = {t["name"] for t in record["tags"]}
    assert {"lost_damaged_items", "wait_time"} <= names


def _rule_tags(record) -> set[str]:
    return {t["name"] for t in record["tags"] if t["source"] in ("rule", "rule+model")}


@pytest.mark.parametrize("text, not_by_rule", [
    # "missed" shares the lemma of "missing", "later" that of "late", "freezing" that of "frozen"
    ("I missed my connection, please call me later.", {"lost_damaged_items", "wait_time"}),
    ("It was freezing on the gate bridge.", {"account_access"}),
    # a bare role or topic word says nothing about the issue
    ("Can I speak to an agent about topping up my account?", {"staff_attitude", "account_access"}),
    ("Transferred between 3 agents and lost the chat history each time.", {"staff_attitude", "lost_damaged_items"}),
])
def test_rules_do_not_fire_on_other_senses_of_their_words(pipeline, text, not_by_rule):
    assert not _rule_tags(record_of(pipeline, text)) & not_by_rule


@pytest.mark.parametrize("text, by_rule", [
    ("My bag went missing on the way to Rome.", "lost_damaged_items"),
    ("The train was running late again.", "wait_time"),
    ("I have been locked out of my account for a week.", "account_access"),
    ("The agent was rude and unprofessional.", "staff_attitude"),
])
def test_precise_rules_still_fire(pipeline, text, by_rule):
    assert by_rule in _rule_tags(record_of(pipeline, text))


def test_pii_is_redacted_before_anything_is_returned(pipeline):
    text = ("Call me on +44 20 7946 0958 or mail jane.doe@example.com, card 4111 1111 1111 1111, "
            "IBAN GB82 WEST 1234 5698 7654 32. Your service is awful.")
    record = record_of(pipeline, text)
    dumped = json.dumps(record)
    for secret in ("jane.doe@example.com", "7946 0958", "4111 1111 1111 1111", "GB82 WEST"):
        assert secret not in dumped
    for placeholder in ("[EMAIL]", "[PHONE]", "[CARD]", "[IBAN]"):
        assert placeholder in record["redacted_text"]
    for sentence in record["sentences"]:
        assert sentence["end"] <= len(record["redacted_text"])


def test_flags_for_what_needs_a_human(pipeline):
    record = record_of(pipeline, "I'm closing my account and my solicitor will hear about this. "
                                 "My husband passed away and nobody helped.")
    assert {"churn_intent", "legal_threat", "vulnerable_customer"} <= set(record["flags"])


def test_non_english_is_flagged_not_scored_as_neutral(pipeline):
    record = record_of(pipeline, "Le vol a été annulé et personne ne nous a aidés, c'est honteux.")
    assert record["language"] == "fr"
    assert "non_english" in record["flags"]
    assert record["sentiment"] is None and record["tags"] == []


@pytest.mark.parametrize("bad", ["", "   \n\t ", None])
def test_empty_text_is_a_row_error_and_the_batch_goes_on(pipeline, bad):
    results = pipeline.enrich(["Great service, thank you!", bad, "Awful delay."], [1, 2, 3])
    assert [r.id for r in results] == [1, 2, 3]
    assert results[1].error == "empty text" and results[1].sentiment is None
    assert results[0].sentiment.label == "positive" and results[2].sentiment.label == "negative"


def test_lone_emoji_is_flagged_not_scored(pipeline):
    record = record_of(pipeline, "😡")
    assert record["error"] is None
    assert "no_text" in record["flags"] and record["sentiment"] is None


@pytest.mark.parametrize("text", ["http://t.co/LM3opxkxch", "@united", "@united &amp; jane@example.com",
                                  "202-555-0173"])
def test_a_comment_of_nothing_but_what_redaction_removed_is_flagged_not_scored(pipeline, text):
    # Not another language, and not "neutral": there is nothing left to read.
    record = record_of(pipeline, text)
    assert record["flags"] == ["no_text"] and record["language"] == "und"
    assert record["sentiment"] is None and record["tags"] == []


def test_a_placeholder_typed_by_the_customer_is_still_text(pipeline):
    record = record_of(pipeline, "Thanks for the quick refund, [URL] was helpful")
    assert record["flags"] == [] and record["sentiment"]["label"] == "positive"


def test_invalid_utf8_is_flagged_and_scored(pipeline):
    record = record_of(pipeline, b"The refund never arrived \xff\xfe and nobody answers.")
    assert "invalid_utf8" in record["flags"]
    assert record["sentiment"]["label"] == "negative"


def test_html_is_stripped(pipeline):
    record = record_of(pipeline, "<p>Great staff &amp; quick service!</p><script>alert(1)</script>")
    assert record["redacted_text"] == "Great staff & quick service!"


def test_long_text_is_truncated_for_the_encoder_not_dropped(pipeline):
    text = "The queue was long. " * 50_000  # ~1 MB
    record = record_of(pipeline, text)
    assert record["error"] is None and record["truncated"] is True
    assert len(record["redacted_text"]) > 900_000
    scored = [s for s in record["sentences"] if s["sentiment"] is not None]
    assert 0 < len(scored) < len(record["sentences"])


def test_onnx_int8_and_torch_fp32_encoders_agree(pipeline):
    from voc_engine.nlp.encoder import Encoder

    texts = ["Lost my bag again.", "Thanks for the upgrade, lovely crew!", "Where is my card?"]
    reference = Encoder(pipeline.encoder.adapter_dir, backend="torch")
    cosine = (pipeline.encoder.encode_documents(texts) * reference.encode_documents(texts)).sum(1)
    assert np.all(cosine > 0.97)


def test_the_int8_encoder_runs_without_the_slow_fused_skip_layer_norm(pipeline, tmp_path):
    # ONNX Runtime's SkipLayerNormalization CPU kernel costs several times an Add plus a
    # LayerNormalization at comment lengths; neither the build nor the session may make it.
    import onnx

    from voc_engine.nlp.encoder import onnx_session

    onnx_session(pipeline.encoder.onnx_path(), optimized_copy=tmp_path / "as-run.onnx")
    ops = {node.op_type for node in onnx.load(str(tmp_path / "as-run.onnx")).graph.node}
    assert "SkipLayerNormalization" not in ops
    assert "LayerNormalization" in ops and "QAttention" in ops


def test_head_features_join_the_last_layer_and_an_intermediate_one(pipeline):
    texts = ["The flight was late. The crew were lovely though.", "Where is my card?"]
    spans = [[(0, 20), (21, len(texts[0]))], [(0, len(texts[1]))]]
    batch = pipeline.encoder.encode(texts, spans)
    d = batch.documents.shape[1]
    assert batch.features.shape == (2, 2 * d)
    np.testing.assert_allclose(batch.features[:, :d], batch.documents, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(batch.features[:, d:], axis=1), 1.0, atol=1e-5)
    # The intermediate layer is a different view of the text, not a copy.
    assert np.all((batch.features[:, :d] * batch.features[:, d:]).sum(1) < 0.99)
    for k in range(2):
        np.testing.assert_allclose(batch.sentence_features[k][:, :d], batch.sentences[k], atol=1e-6)


def test_onnx_and_torch_agree_on_the_head_features(pipeline):
    from voc_engine.nlp.encoder import Encoder

    texts = ["Lost my bag again.", "Thanks for the upgrade, lovely crew!"]
    reference = Encoder(pipeline.encoder.adapter_dir, backend="torch")
    d = pipeline.encoder.dimension
    ours, theirs = pipeline.encoder.encode_features(texts), reference.encode_features(texts)
    assert np.all((ours[:, d:] * theirs[:, d:]).sum(1) > 0.97)


def test_heads_read_the_input_named_in_their_model_file(pipeline, tmp_path):
    from voc_engine.nlp.heads import LinearHead

    d = pipeline.encoder.dimension
    for head in (pipeline.sentiment, pipeline.tagger):
        text_columns = head.text_features.text_dimension if head.reads_text else 0
        assert head.weight.shape[1] - text_columns == {"embedding": d, "features": 2 * d}[head.input]
    old_style = LinearHead("sentiment", "v0", ["negative", "positive"], np.zeros((2, 384)), np.zeros(2))
    old_style.save(tmp_path)
    meta = json.loads((tmp_path / "model.json").read_text())
    meta.pop("input")  # a head saved before heads named their input
    (tmp_path / "model.json").write_text(json.dumps(meta))
    assert LinearHead.load(tmp_path).input == "embedding"
    meta["input"] = "pixels"
    (tmp_path / "model.json").write_text(json.dumps(meta))
    from voc_engine.errors import ModelNotFoundError

    with pytest.raises(ModelNotFoundError, match="pixels"):
        LinearHead.load(tmp_path)


def test_training_text_is_what_inference_reads(pipeline):
    from voc_engine.nlp.redact import encoder_text

    raw = "@united you lost my bag!!! mail me at jo@example.com &amp; call 0207 946 0958"
    assert encoder_text(raw) == pipeline.enrich([raw])[0].redacted_text


def test_wordpiece_tokenizer_matches_transformers(pipeline):
    # The encoder runs tokenizer.json through `tokenizers` directly; transformers'
    # fast BERT tokenizer is the independent reference for ids, masks and offsets.
    from voc_engine.nlp.encoder import load_tokenizer

    texts = ["Flight delayed 3 hrs!!! @united [HANDLE] never again 😡", "Café crème — naïve résumé",
             "ok", "The queue was long. " * 40, "Where's my card? It hasn't arrived."]
    ours = pipeline.encoder.tokenizer(texts)
    reference = load_tokenizer()(texts, padding=True, truncation=True, max_length=pipeline.encoder.max_tokens,
                                 return_offsets_mapping=True)
    np.testing.assert_array_equal(ours.input_ids, np.array(reference["input_ids"]))
    np.testing.assert_array_equal(ours.attention_mask, np.array(reference["attention_mask"]))
    assert [list(map(tuple, o)) for o in ours.offsets] == [list(map(tuple, o)) for o in reference["offset_mapping"]]


def test_a_head_over_features_scores_through_the_pipeline(pipeline):
    from voc_engine.nlp.pipeline import Pipeline
    from voc_engine.nlp.train import HeadTrainer

    texts = ["Terrible service, I am furious.", "Awful delay and rude staff.", "Worst trip ever.",
             "Wonderful crew, thank you!", "Great flight, loved it.", "Brilliant help from the agent."]
    labels = ["negative"] * 3 + ["positive"] * 3
    head = HeadTrainer("sentiment", "t", pipeline.encoder.version, head_input="features").fit(
        pipeline.encoder.encode_features(texts), labels).head_
    assert head.input == "features" and head.weight.shape[1] == 2 * pipeline.encoder.dimension
    scorer = Pipeline(pipeline.encoder, head, pipeline.tagger)
    record = scorer.enrich(["The staff were rude and the delay was awful. The view was great!"])[0].to_record()
    assert record["sentiment"]["label"] == "negative"
    assert [s["sentiment"] for s in record["sentences"]] == ["negative", "positive"]


def test_a_comment_scores_the_same_alone_and_in_any_batch(pipeline):
    # int8 activations are quantised with one scale per encoder call: batched with other
    # texts (and their padding), a comment's scores used to move (cosine down to 0.98, a few
    # labels flipped in 300 tweets). The API scores one comment, files score thousands.
    texts = [
        "Flight delayed again, third time this month. Unacceptable.",
        "Thanks for the quick refund!",
        "Been on hold for 2 hours, is anyone there? My bag never arrived and the app keeps crashing "
        "when I try to file a claim, so I have to call again tomorrow.",
        "ok",
        "The seat was broken and the crew ignored me.",
    ] * 3
    together = [e.to_record() for e in pipeline.enrich(texts)]
    for k in (0, 2, 3, 14):
        alone = pipeline.enrich([texts[k]], [k])[0].to_record()
        assert alone == together[k]
    split = [e.to_record() for batch in pipeline.enrich_many([(texts[:7], range(7)), (texts[7:], range(7, 15))])
             for e in batch]
    assert split == together
    # Exactly, not approximately: the encoder hands its workers units of many texts, padded
    # together for the tokenizer, yet each model run must see its own text unpadded.
    encoded = pipeline.encoder.encode(texts)
    for k in (2, 3):
        np.testing.assert_array_equal(pipeline.encoder.encode([texts[k]]).features[0], encoded.features[k])


def _score_in_child(pipeline, text, queue):
    queue.put(pipeline.enrich([text])[0].to_record()["sentiment"]["label"])


def test_a_forked_worker_process_can_still_score(pipeline):
    # A pre-fork server (gunicorn --preload) forks after the pipeline has been used: the
    # child inherits the encoder's thread pool object but none of its threads.
    import multiprocessing

    pipeline.enrich(["warm the encoder's workers up in the parent"])
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_score_in_child, args=(pipeline, "Thank you, the crew was wonderful!", queue))
    child.start()
    child.join(60)
    if child.is_alive():
        child.kill()
        pytest.fail("the forked child hung while scoring")
    assert child.exitcode == 0
    assert queue.get(timeout=5) == "positive"


def test_a_head_of_the_wrong_kind_or_with_foreign_labels_is_refused_at_load(pipeline):
    from dataclasses import replace

    from voc_engine.errors import ModelNotFoundError
    from voc_engine.nlp.pipeline import Pipeline

    with pytest.raises(ModelNotFoundError, match="sentiment model expected, but .* is a tagger model"):
        Pipeline(pipeline.encoder, pipeline.tagger, pipeline.tagger)
    with pytest.raises(ModelNotFoundError, match="tagger model expected, but .* is a sentiment model"):
        Pipeline(pipeline.encoder, pipeline.sentiment, pipeline.sentiment)
    # Star ratings as labels: the record's sentiment label could not be one of the three.
    stars = replace(pipeline.sentiment, labels=["1", "3", "5"])
    with pytest.raises(ModelNotFoundError, match=r"labels \['1', '3', '5'\]"):
        Pipeline(pipeline.encoder, stars, pipeline.tagger)

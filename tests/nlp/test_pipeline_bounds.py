"""A huge comment costs the steps after redaction no more than a comment of `analysis_chars`,
while the stored text is the whole comment, redacted to its last character."""

from __future__ import annotations

import voc_engine.nlp.pipeline as pipeline_module
from voc_engine.nlp.pipeline import analysis_end
from voc_engine.nlp.prepare import prepare_text

PII_AT_THE_END = " Call me on 07700 900123 or write to jane.doe@example.com about it."
HUGE = "The queue was long and nobody helped. " * 26_000 + PII_AT_THE_END  # about 1 MB


def test_the_steps_after_redaction_read_a_bounded_opening_of_a_huge_comment(pipeline, monkeypatch):
    seen: dict[str, list[int]] = {"language": [], "spacy": [], "encoder": [], "heads": []}
    detect, analyse = pipeline_module.detect_language, pipeline.segmenter.analyse_many
    submit, predict = pipeline.encoder.submit, type(pipeline.sentiment).predict_proba
    text_logits = type(pipeline.sentiment).text_logits

    def spy_detect(text):
        seen["language"].append(len(text))
        return detect(text)

    def spy_analyse(texts):
        texts = list(texts)
        seen["spacy"].extend(len(t) for t in texts)
        return analyse(texts)

    def spy_submit(texts, spans=None):
        seen["encoder"].extend(len(t) for t in texts)
        return submit(texts, spans)

    def spy_predict(head, rows, texts=None, logits=None):
        seen["heads"].extend(len(t) for t in texts or [])
        return predict(head, rows, texts, logits)

    def spy_text_logits(head, texts):  # a hybrid head's text columns, scored apart
        texts = list(texts)
        seen["heads"].extend(len(t) for t in texts)
        return text_logits(head, texts)

    monkeypatch.setattr(pipeline_module, "detect_language", spy_detect)
    monkeypatch.setattr(pipeline.segmenter, "analyse_many", spy_analyse)
    monkeypatch.setattr(pipeline.encoder, "submit", spy_submit)
    monkeypatch.setattr(type(pipeline.sentiment), "predict_proba", spy_predict)
    monkeypatch.setattr(type(pipeline.sentiment), "text_logits", spy_text_logits)

    record = pipeline.enrich([HUGE], ["big"])[0].to_record()

    bound = pipeline.analysis_chars
    assert all(seen[step] for step in ("language", "spacy", "encoder", "heads"))
    assert all(length <= bound for lengths in seen.values() for length in lengths), seen
    # The whole comment is kept, with the personal data at its very end redacted.
    assert record["error"] is None and len(record["redacted_text"]) > 950_000
    assert record["redacted_text"].endswith("Call me on [PHONE] or write to [EMAIL] about it.")
    assert "jane.doe" not in record["redacted_text"] and "900123" not in record["redacted_text"]
    assert record["redactions"] == {"EMAIL": 1, "PHONE": 1}
    assert "analysis_cut" in record["flags"] and record["truncated"] is True
    assert record["sentences"] and record["sentences"][-1]["end"] <= bound
    assert record["sentiment"] is not None and record["tags"]  # still scored from its opening


def test_a_comment_within_the_bound_is_analysed_whole(pipeline):
    text = "The queue was long and nobody helped. " * 20
    record = pipeline.enrich([text])[0].to_record()
    assert "analysis_cut" not in record["flags"]
    assert record["sentences"][-1]["end"] == len(record["redacted_text"])


def test_the_analysis_cut_falls_on_a_space():
    text = "word " * 100
    end = analysis_end(text, 52)
    assert text[end] == " " and end <= 52
    assert analysis_end("x" * 100, 52) == 52  # no space to cut at
    assert analysis_end("short", 52) == 5


def test_a_prepared_text_scores_as_the_raw_text_does(pipeline):
    texts = ["Lost my bag again, call 07700 900123!", "<p>Lovely crew &amp; a smooth flight.</p>"]
    raw = [e.to_record() for e in pipeline.enrich(texts, [0, 1])]
    prepared = [e.to_record() for e in pipeline.enrich([prepare_text(t) for t in texts], [0, 1])]
    assert prepared == raw


def test_started_batches_finish_as_whole_batches_score(pipeline):
    a, b = ["The refund never came."], ["Great staff at the gate.", "The app crashed twice."]
    first = pipeline.start(a, ["a0"])
    second = pipeline.start(b, ["b0", "b1"])  # begun before the first is finished
    interleaved = [e.to_record() for e in pipeline.finish(first) + pipeline.finish(second)]
    assert interleaved == [e.to_record() for e in pipeline.enrich(a, ["a0"]) + pipeline.enrich(b, ["b0", "b1"])]

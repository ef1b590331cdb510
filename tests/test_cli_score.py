"""`voc score` and `voc train` through the real command line."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest


def voc(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "voc_engine.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=900)


def test_score_csv_keeps_input_order_and_reports_bad_rows(tmp_path):
    rows = pd.DataFrame({
        "ref": ["r1", "r2", "r3", "r4"],
        "comment": ["Lovely crew, thank you!", "", "My bag was lost, email me at bob@example.org",
                    "Ceci n'est pas du tout acceptable, le vol est encore en retard."],
    })
    source = tmp_path / "in.csv"
    rows.to_csv(source, index=False)
    out = tmp_path / "out.jsonl"
    result = voc("score", "--input", str(source), "--output", str(out), "--text-col", "comment",
                 "--id-col", "ref", "--quiet")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["r1", "r2", "r3", "r4"]
    assert lines[0]["sentiment"]["label"] == "positive"
    assert lines[1]["error"] == "empty text" and lines[1]["sentiment"] is None
    assert "[EMAIL]" in lines[2]["redacted_text"] and "bob@example.org" not in out.read_text()
    assert "non_english" in lines[3]["flags"]


def test_score_without_id_column_uses_row_numbers(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "Great app"}\n{"text": "Terrible wait"}\n')
    out = tmp_path / "out.jsonl"
    assert voc("score", "--input", str(source), "--output", str(out), "--quiet").returncode == 0
    assert [json.loads(l)["id"] for l in out.read_text().splitlines()] == [0, 1]


def test_a_malformed_row_is_an_error_line_naming_it_and_the_other_rows_are_scored(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "Lovely crew"}\n{"text": "broken\n{"text": "Lost my bag"}\n')
    out = tmp_path / "o.jsonl"
    result = voc("score", "--input", str(source), "--output", str(out))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == [0, 1, 2]  # one line per input row, in order
    assert "not valid JSON" in lines[1]["error"] and "(row 1)" in lines[1]["error"]
    assert lines[1]["sentiment"] is None and lines[1]["tags"] == []
    assert [lines[0]["error"], lines[2]["error"]] == [None, None] and lines[2]["sentiment"] is not None
    assert "1 unreadable rows" in result.stderr
    # Not one row readable: the data is at fault (status 1), each row still named in the output.
    broken = tmp_path / "in.csv"
    broken.write_text("id,text\n1,a,b\n2,c,d\n")
    result = voc("score", "--input", str(broken), "--output", str(out), "--quiet")
    assert result.returncode == 1
    errors = [json.loads(line)["error"] for line in out.read_text().splitlines()]
    assert len(errors) == 2 and "(row 0)" in errors[0] and "(row 1)" in errors[1]
    assert all("fields where the header has 2" in error for error in errors)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_a_row_with_bytes_that_are_not_utf8_is_flagged_and_the_file_goes_on(tmp_path, suffix):
    # Legacy exports carry Latin-1 or cut multi-byte characters: the row is scored and flagged,
    # the rows around it are untouched, and the output is valid UTF-8.
    damaged = "The refund never came, caf\xe9 closed \xff".encode("latin-1")
    if suffix == ".csv":
        source_bytes = b'id,text\n1,Lovely crew\n2,"' + damaged + b'"\n3,Lost my bag\n'
    else:
        source_bytes = (b'{"id": 1, "text": "Lovely crew"}\n{"id": 2, "text": "' + damaged + b'"}\n'
                        b'{"id": 3, "text": "Lost my bag"}\n')
    source = tmp_path / f"in{suffix}"
    source.write_bytes(source_bytes)
    out = tmp_path / "out.jsonl"
    result = voc("score", "--input", str(source), "--output", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in out.read_bytes().decode("utf-8").splitlines()]
    assert [str(line["id"]) for line in lines] == ["1", "2", "3"]
    assert [line["flags"] for line in lines] == [[], ["invalid_utf8"], []]
    assert lines[1]["error"] is None and lines[1]["sentiment"]["label"] == "negative"
    assert lines[1]["redacted_text"] == "The refund never came, caf\ufffd closed \ufffd"


@pytest.mark.parametrize(("name", "content"), [
    ("in.csv", b"\xef\xbb\xbftext,id\nGreat app,a1\n"),
    ("in.jsonl", b'\xef\xbb\xbf{"text": "Great app", "id": "a1"}\n'),
])
def test_a_byte_order_mark_is_not_part_of_the_first_field(tmp_path, name, content):
    source = tmp_path / name
    source.write_bytes(content)
    out = tmp_path / "out.jsonl"
    result = voc("score", "--input", str(source), "--output", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_text())["id"] == "a1"


def test_missing_text_column_is_named(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("body\nhello\n")
    result = voc("score", "--input", str(source), "--output", str(tmp_path / "o.jsonl"))
    assert result.returncode == 1 and "'text'" in result.stderr


def test_train_sentiment_then_score_with_it(tmp_path, shared_data):
    tweets = pd.read_csv(shared_data / "airline_tweets" / "train.csv")
    sample = tweets.groupby("airline_sentiment").head(60)[["text", "airline_sentiment"]]
    data = tmp_path / "labelled.csv"
    sample.to_csv(data, index=False)
    model_dir = tmp_path / "my-sentiment"
    result = voc("train", "sentiment", "--data", str(data), "--text-col", "text",
                 "--label-col", "airline_sentiment", "--out", str(model_dir))
    assert result.returncode == 0, result.stderr
    metrics = json.loads((model_dir / "metrics.json").read_text())
    validation = metrics["validation"]
    assert set(validation["per_class"]) == {"negative", "neutral", "positive"}
    assert validation["accuracy"] > 0.5  # three balanced classes: chance is 1/3
    assert len(validation["confusion_matrix"]["matrix"]) == 3
    assert (model_dir / "MODEL_CARD.md").read_text().startswith("# sentiment model")
    source = tmp_path / "in.csv"
    pd.DataFrame({"text": ["Thanks, great flight!"]}).to_csv(source, index=False)
    out = tmp_path / "out.jsonl"
    scored = voc("score", "--input", str(source), "--output", str(out),
                 "--sentiment-model", str(model_dir), "--quiet")
    assert scored.returncode == 0, scored.stderr
    assert json.loads(out.read_text())["sentiment"]["label"] == "positive"


def test_train_tagger_multi_label(tmp_path):
    rows = []
    for i in range(25):
        rows.append({"text": f"My parcel number {i} never arrived and the courier was rude",
                     "labels": "delivery|staff"})
        rows.append({"text": f"I was charged a fee of {i} pounds twice", "labels": "billing"})
        rows.append({"text": f"The courier lost package {i}", "labels": "delivery"})
    data = tmp_path / "tags.csv"
    pd.DataFrame(rows).to_csv(data, index=False)
    out = tmp_path / "tagger"
    result = voc("train", "tagger", "--data", str(data), "--text-col", "text", "--label-col", "labels",
                 "--label-sep", "|", "--out", str(out))
    assert result.returncode == 0, result.stderr
    meta = json.loads((out / "model.json").read_text())
    assert meta["activation"] == "sigmoid" and set(meta["labels"]) == {"billing", "delivery", "staff"}
    assert json.loads((out / "metrics.json").read_text())["validation"]["micro_f1"] > 0.8


def test_train_single_label_tagger_then_score_with_it(tmp_path):
    # One label per row: the hybrid head (encoder features + TF-IDF of the redacted text).
    rows = []
    for i in range(12):
        rows.append({"text": f"My new card number {i} has still not arrived", "intent": "card_arrival"})
        rows.append({"text": f"How do I top up {i} pounds by bank transfer?", "intent": "top_up"})
        rows.append({"text": f"I forgot my passcode again, attempt {i}", "intent": "passcode"})
    data = tmp_path / "intents.csv"
    pd.DataFrame(rows).to_csv(data, index=False)
    out = tmp_path / "tagger"
    result = voc("train", "tagger", "--data", str(data), "--text-col", "text", "--label-col", "intent",
                 "--out", str(out))
    assert result.returncode == 0, result.stderr
    meta = json.loads((out / "model.json").read_text())
    assert meta["activation"] == "softmax" and meta["text_features"]["blocks"]
    assert (out / "vocabulary.json").exists()
    assert json.loads((out / "metrics.json").read_text())["validation"]["top_tag_accuracy"] == 1.0
    source = tmp_path / "in.csv"
    pd.DataFrame({"text": ["I forgot my passcode, please help"]}).to_csv(source, index=False)
    scored_path = tmp_path / "out.jsonl"
    scored = voc("score", "--input", str(source), "--output", str(scored_path), "--tagger-model", str(out),
                 "--quiet")
    assert scored.returncode == 0, scored.stderr
    tags = json.loads(scored_path.read_text())["tags"]
    assert "passcode" in [t["name"] for t in tags if t["source"] == "model"]


def test_training_leaves_out_rows_without_text_or_label_and_reports_them(tmp_path):
    rows = [{"text": f"Lovely crew on flight {i}", "label": "positive"} for i in range(8)]
    rows += [{"text": f"Lost my bag on flight {i}", "label": "negative"} for i in range(8)]
    rows[3]["label"], rows[10]["text"] = "", " "
    data = tmp_path / "labelled.csv"
    pd.DataFrame(rows).to_csv(data, index=False)
    with open(data, "a") as handle:
        handle.write("Lovely crew, thanks,positive\n")  # row 16: an unquoted comma, three fields
    out = tmp_path / "model"
    result = voc("train", "sentiment", "--data", str(data), "--text-col", "text", "--label-col", "label",
                 "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert ("left out 3 rows: row 3 (missing label), row 10 (empty or non-text value), "
            "row 16 (malformed CSV: line 18 has 3 fields where the header has 2") in result.stdout
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["n_train"] + metrics["n_validation"] == 14
    assert [(s["row"], s["column"]) for s in metrics["skipped_rows"]] == [(3, "label"), (10, "text"), (16, None)]


@pytest.mark.parametrize(("rows", "message"), [
    ([{"text": f"Lovely crew {i}", "label": "positive"} for i in range(6)], "at least two labels; found only 'positive'"),
    ([{"text": c, "label": label} for c, label in zip("abcdef", "xyxyxy")], "cannot train on these rows"),
])
def test_training_data_it_cannot_learn_from_is_refused_with_the_reason(tmp_path, rows, message):
    data = tmp_path / "labelled.csv"
    pd.DataFrame(rows).to_csv(data, index=False)
    out = tmp_path / "model"
    result = voc("train", "tagger", "--data", str(data), "--text-col", "text", "--label-col", "label",
                 "--out", str(out))
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_sentiment_labels_other_than_the_three_are_refused_before_training(tmp_path):
    data = tmp_path / "stars.csv"
    pd.DataFrame({"text": ["great", "awful", "fine", "superb"], "stars": ["5", "1", "3", "5"]}).to_csv(data, index=False)
    result = voc("train", "sentiment", "--data", str(data), "--text-col", "text", "--label-col", "stars",
                 "--out", str(tmp_path / "model"))
    assert result.returncode == 1
    assert "sentiment labels must be negative, neutral, positive; found '1', '3', '5'" in result.stderr


# -- a trained tagger stands alone: its own labels and taxonomy, never the shipped rules -----------
ASPECTS = {
    "seat_comfort": ["The seat was cramped", "There was no legroom in row {n}", "My seat would not recline",
                     "The cushion on seat {n}A was torn", "My knees were against the seat in front"],
    "catering": ["The meal was cold", "They ran out of sandwiches by row {n}", "The coffee tasted burnt",
                 "There was no vegetarian meal for me", "The snack box was stale"],
    "wifi": ["The wifi never connected", "The internet dropped every {n} minutes",
             "I could not stream anything on the onboard wifi", "The wifi portal charged me twice",
             "There was no signal on the wireless network"],
}
# Phrases the shipped taxonomy's rules tag (staff_attitude, wait_time, refund_cancellation,
# booking_website_app): a tagger that never learnt those categories must not return them.
SHIPPED_RULE_BAIT = ["The crew were rude.", "We waited an hour at the gate.", "I want a refund.",
                     "The booking app crashed.", "The agent was unhelpful and we were on hold for ages."]
LABEL_SETS = [("seat_comfort",), ("catering",), ("wifi",), ("seat_comfort", "catering"), ("catering", "wifi")]


def aspect_rows(n: int = 320, seed: int = 5) -> list[dict]:
    """Multi-label aspect comments with the shipped rules' phrases mixed in, and one row in
    eight relabelled at random so the validation figures are not a trivial 1.0."""
    import random

    rng = random.Random(seed)
    rows = []
    for i in range(n):
        labels = rng.choice(LABEL_SETS)
        parts = [rng.choice(ASPECTS[label]).format(n=rng.randint(2, 40)) + "." for label in labels]
        if rng.random() < 0.7:
            parts.insert(rng.randint(0, len(parts)), rng.choice(SHIPPED_RULE_BAIT))
        if rng.random() < 0.125:
            labels = rng.choice([s for s in LABEL_SETS if s != labels])
        rows.append({"id": f"c{i}", "text": " ".join(parts), "labels": "|".join(labels)})
    return rows


def validation_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows `voc train` holds out, as the README documents the split: 15 %, seed 13,
    stratified by each row's first label in sorted order."""
    import numpy as np
    from sklearn.model_selection import train_test_split

    strata = [sorted(labels.split("|"))[0] for labels in frame["labels"]]
    _, held = train_test_split(np.arange(len(frame)), test_size=0.15, random_state=13, stratify=strata)
    return frame.iloc[held]


def micro_f1(truth: list[set], returned: list[set]) -> float:
    hits = sum(len(t & r) for t, r in zip(truth, returned))
    predicted, actual = sum(map(len, returned)), sum(map(len, truth))
    return 2 * hits / (predicted + actual) if predicted + actual else 0.0


def score_with(tmp_path, texts: list[str], *options: str) -> list[dict]:
    source, out = tmp_path / "to-score.csv", tmp_path / "scored.jsonl"
    pd.DataFrame({"id": range(len(texts)), "text": texts}).to_csv(source, index=False)
    result = voc("score", "--input", str(source), "--output", str(out), "--quiet", *options)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in out.read_text().splitlines()]


@pytest.fixture(scope="module")
def aspect_tagger(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("aspect-tagger")
    frame = pd.DataFrame(aspect_rows())
    data = tmp_path / "aspects.csv"
    frame.to_csv(data, index=False)
    model = tmp_path / "tagger"
    result = voc("train", "tagger", "--data", str(data), "--text-col", "text", "--label-col", "labels",
                 "--label-sep", "|", "--out", str(model))
    assert result.returncode == 0, result.stderr
    return frame, model, result.stdout


def test_a_trained_tagger_carries_its_taxonomy_and_returns_only_its_labels(aspect_tagger, tmp_path):
    frame, model, summary = aspect_tagger
    meta = json.loads((model / "model.json").read_text())
    assert meta["taxonomy"] == "taxonomy.yaml" and "taxonomy: taxonomy.yaml (3 labels, 0 phrase rules)" in summary
    import yaml

    carried = yaml.safe_load((model / "taxonomy.yaml").read_text())
    assert [c["name"] for c in carried["categories"]] == sorted(ASPECTS)
    assert all(not c["rules"] for c in carried["categories"])
    texts = frame["text"].tolist()[:60] + SHIPPED_RULE_BAIT + [" ".join(SHIPPED_RULE_BAIT)]
    records = score_with(tmp_path, texts, "--tagger-model", str(model))
    returned = {tag["name"] for record in records for tag in record["tags"]}
    assert returned and returned <= set(ASPECTS), returned - set(ASPECTS)
    assert all(tag["source"] == "model" for record in records for tag in record["tags"])
    assert all(f"tagger:{meta['version']}" in record["model_version"].split(";") for record in records)


def test_voc_score_with_a_trained_tagger_reproduces_its_validation_micro_f1(aspect_tagger, tmp_path):
    frame, model, _ = aspect_tagger
    metrics = json.loads((model / "metrics.json").read_text())
    held = validation_rows(frame)
    assert len(held) == metrics["n_validation"]
    records = score_with(tmp_path, held["text"].tolist(), "--tagger-model", str(model))
    truth = [set(labels.split("|")) for labels in held["labels"]]
    returned = [{tag["name"] for tag in record["tags"]} for record in records]
    expected = metrics["validation"]["micro_f1"]
    assert 0.5 < expected < 1.0  # the relabelled rows keep it off 1.0: a real comparison
    assert micro_f1(truth, returned) == pytest.approx(expected, abs=0.005)


def test_rules_given_at_training_stay_with_the_tagger_and_explicit_taxonomy_wins(aspect_tagger, tmp_path):
    frame, model, _ = aspect_tagger
    data = tmp_path / "aspects.csv"
    frame.to_csv(data, index=False)
    given = tmp_path / "given.yaml"
    given.write_text("categories:\n"
                     "  - name: catering\n    description: Food and drink on board.\n    rules: [stale croissant]\n"
                     "  - name: wait_time\n    rules: [waited an hour]\n")
    with_rules = tmp_path / "with-rules"
    result = voc("train", "tagger", "--data", str(data), "--text-col", "text", "--label-col", "labels",
                 "--label-sep", "|", "--taxonomy", str(given), "--out", str(with_rules))
    assert result.returncode == 0, result.stderr
    assert "rules left out for categories the tagger was not trained on: wait_time" in result.stdout
    metrics = json.loads((with_rules / "metrics.json").read_text())
    carried = metrics["taxonomy"]
    assert carried["rules"] == {"catering": 1} and carried["left_out_categories"] == ["wait_time"]
    # An explicit --taxonomy replaces the one the tagger carries: here a rule for wifi, none for catering.
    explicit = tmp_path / "explicit.yaml"
    explicit.write_text("categories:\n  - name: wifi\n    rules: [hotspot]\n")
    text = "A stale croissant again. We waited an hour at the gate. The hotspot was useless."
    carried, replaced = (score_with(tmp_path, [text], "--tagger-model", str(with_rules)),
                         score_with(tmp_path, [text], "--tagger-model", str(with_rules), "--taxonomy", str(explicit)))
    by_rule = [{t["name"] for t in records[0]["tags"] if "rule" in t["source"]} for records in (carried, replaced)]
    assert by_rule == [{"catering"}, {"wifi"}]
    assert all(t["name"] in ASPECTS for records in (carried, replaced) for t in records[0]["tags"])


def test_a_tagger_taxonomy_that_names_none_of_the_labels_is_refused_before_training(tmp_path):
    data = tmp_path / "aspects.csv"
    pd.DataFrame(aspect_rows(60)).to_csv(data, index=False)
    given = tmp_path / "given.yaml"
    given.write_text("categories:\n  - name: wait_time\n    rules: [waited an hour]\n")
    result = voc("train", "tagger", "--data", str(data), "--text-col", "text", "--label-col", "labels",
                 "--label-sep", "|", "--taxonomy", str(given), "--out", str(tmp_path / "model"))
    assert result.returncode == 1 and "names none of the labels in the data" in result.stderr
    assert not (tmp_path / "model").exists()


def test_an_explicit_tagger_model_that_is_missing_is_an_error(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("text\nThe crew were rude.\n")
    result = voc("score", "--input", str(source), "--output", str(tmp_path / "o.jsonl"),
                 "--tagger-model", str(tmp_path / "no-such-model"))
    assert result.returncode == 2 and "not a model directory" in result.stderr


def test_score_with_a_flag_configuration(tmp_path):
    flags = tmp_path / "flags.yaml"
    flags.write_text("version: 1\nflags:\n  - {name: praise, severity: none, rules: [arrived early], model: false}\n")
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "The parcel arrived early."}\n{"text": "I am closing my account."}\n')
    out = tmp_path / "out.jsonl"
    result = voc("score", "--input", str(source), "--output", str(out), "--flags", str(flags), "--quiet")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    # Only the given configuration's flags: churn_intent is not in it, by phrase or by model.
    assert [r["flags"] for r in records] == [["praise"], []]
    assert records[0]["model_version"].split(";")[-1].startswith("flags:v4+")
    flags.write_text("version: 1\nflags:\n  - {name: praise, rules: []}\n")
    result = voc("score", "--input", str(source), "--output", str(tmp_path / "o.jsonl"), "--flags", str(flags))
    assert result.returncode == 2 and "flags[0].rules: rules must hold at least one phrase" in result.stderr

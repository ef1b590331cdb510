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


def test_malformed_file_stops_with_row_and_column(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "fine"}\n{"text": "broken\n')
    result = voc("score", "--input", str(source), "--output", str(tmp_path / "o.jsonl"))
    assert result.returncode == 2
    assert "row 1" in result.stderr and "not valid JSON" in result.stderr
    assert not (tmp_path / "o.jsonl").exists()


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
    assert result.returncode == 2 and "'text'" in result.stderr


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
    out = tmp_path / "model"
    result = voc("train", "sentiment", "--data", str(data), "--text-col", "text", "--label-col", "label",
                 "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "left out 2 rows: row 3 (missing label), row 10 (empty or non-text value)" in result.stdout
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["n_train"] + metrics["n_validation"] == 14
    assert [(s["row"], s["column"]) for s in metrics["skipped_rows"]] == [(3, "label"), (10, "text")]


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
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not out.exists()


def test_sentiment_labels_other_than_the_three_are_refused_before_training(tmp_path):
    data = tmp_path / "stars.csv"
    pd.DataFrame({"text": ["great", "awful", "fine", "superb"], "stars": ["5", "1", "3", "5"]}).to_csv(data, index=False)
    result = voc("train", "sentiment", "--data", str(data), "--text-col", "text", "--label-col", "stars",
                 "--out", str(tmp_path / "model"))
    assert result.returncode == 2
    assert "sentiment labels must be negative, neutral, positive; found '1', '3', '5'" in result.stderr

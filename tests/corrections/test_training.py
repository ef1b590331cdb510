"""`voc train … --with-corrections`: the corrected comments replace the file's row of the same
comment or join the file's rows, with their corrected labels; the counts in the dry run, the
summary, metrics.json and the model card."""

from __future__ import annotations

import json

import pandas as pd
from typer.testing import CliRunner

from voc_engine.cli import app
from voc_engine.corrections.service import CorrectionService
from voc_engine.nlp.train import CorrectedRow, train_head, training_rows


def test_corrected_rows_replace_the_files_row_of_their_comment_and_the_others_are_added(tmp_path):
    data = tmp_path / "labelled.csv"
    pd.DataFrame({"id": ["a", "b", "c", "d"], "text": ["one", "two", "", "four"],
                  "tags": ["x", "y|x", "x", "y"]}).to_csv(data, index=False)
    corrected = [CorrectedRow("b", "two, as stored", ("z",), 2), CorrectedRow("e", "five", ("x", "z")),
                 CorrectedRow("f", "six", ())]
    rows = training_rows(data, "text", "tags", "|", corrected)
    # c has no text (left out); b's row gives way to its correction; e is added; f has no label left.
    assert rows.texts == ["one", "four", "two, as stored", "five"]
    assert rows.label_sets == [{"x"}, {"y"}, {"z"}, {"x", "z"}]
    assert rows.corrections_dict() == {"comments": 2, "corrections": 3, "replaced_file_rows": 1, "added_rows": 1,
                                       "left_out_without_label": ["f"]}
    assert rows.to_dict()["labels"] == {"x": 2, "y": 1, "z": 2}
    # Without an id column nothing is replaced: every corrected comment is added.
    pd.DataFrame({"text": ["one", "two"], "tags": ["x", "y"]}).to_csv(data, index=False)
    assert training_rows(data, "text", "tags", None, corrected).corrections_dict()["added_rows"] == 2


def test_the_dry_run_shows_a_correction_in_the_training_rows(world, tmp_path, monkeypatch):
    store, ids, ana = world["store"], world["ids"], world["people"]["analyst"]
    CorrectionService(store).correct(ana, ids["c2"], "tag", old="staff_attitude", new="customer_service")
    data = tmp_path / "labelled.csv"
    pd.DataFrame({"id": [ids["c2"], "other"], "text": ["Lovely staff, quick checkout", "Slow refund"],
                  "tags": ["staff_attitude", "refund_cancellation"]}).to_csv(data, index=False)
    monkeypatch.setenv("VOC_DATABASE_URL", store.url)
    monkeypatch.setenv("VOC_DATA_DIR", str(tmp_path / "var"))
    result = CliRunner().invoke(app, ["train", "tagger", "--data", str(data), "--text-col", "text",
                                      "--label-col", "tags", "--with-corrections", "--dry-run"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    assert shown["corrected_rows"] == [{"comment_id": ids["c2"], "labels": ["customer_service"], "corrections": 1}]
    assert shown["corrections"]["replaced_file_rows"] == 1 and shown["rows"] == 2
    assert shown["labels"] == {"customer_service": 1, "refund_cancellation": 1}
    # Without the flag the file's label stands.
    result = CliRunner().invoke(app, ["train", "tagger", "--data", str(data), "--text-col", "text",
                                      "--label-col", "tags", "--dry-run"])
    assert json.loads(result.stdout)["labels"] == {"refund_cancellation": 1, "staff_attitude": 1}


def test_a_tiny_training_run_counts_the_corrections_in_its_metrics_and_card(tmp_path, pipeline):
    rows = [{"id": f"r{i}-{label}", "text": text.format(i), "label": label}
            for i in range(8) for text, label in (("I was charged {} pounds twice", "billing_price"),
                                                  ("The courier lost parcel {}", "delivery_logistics"),
                                                  ("Queued {} minutes at the desk", "wait_time"))]
    data = tmp_path / "labelled.csv"
    pd.DataFrame(rows).to_csv(data, index=False)
    corrected = [CorrectedRow("r0-billing_price", "I was charged 0 pounds twice", ("billing_price",), 1),
                 CorrectedRow("s1", "The delivery van never came", ("delivery_logistics",), 2)]
    result = train_head("tagger", data, "text", "label", tmp_path / "model", pipeline.encoder,
                        corrected=corrected)
    assert result.metrics["corrections"] == {"comments": 2, "corrections": 3, "replaced_file_rows": 1,
                                             "added_rows": 1, "left_out_without_label": []}
    assert result.metrics["n_train"] + result.metrics["n_validation"] == 25
    stored = json.loads((tmp_path / "model" / "metrics.json").read_text())
    assert stored["corrections"] == result.metrics["corrections"]
    assert "**Analysts' corrections**: 3 on 2 comments (1 replacing" in (tmp_path / "model" / "MODEL_CARD.md").read_text()
    assert "analysts' corrections: 3 on 2 comments" in result.summary()

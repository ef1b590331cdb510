"""``voc_engine.score``: the Python face of ``voc score``, over the shipped models."""
from __future__ import annotations

import pandas as pd
import pytest

import voc_engine


def test_a_list_of_texts_gives_one_record_each_in_order(pipeline):
    records = voc_engine.score(["The refund never came and nobody answers the phone.", "", "Lovely staff!"])
    assert [r["id"] for r in records] == [0, 1, 2]
    assert records[0]["sentiment"]["label"] == "negative"
    assert records[1]["error"] == "empty text" and records[1]["sentiment"] is None
    assert records[2]["sentiment"]["label"] == "positive"
    # The same line shape as the CLI's JSONL.
    assert set(records[0]) >= {"id", "language", "redacted_text", "sentiment", "sentences", "tags", "flags",
                               "model_version", "error"}


def test_a_frame_keeps_its_ids_and_index_and_is_redacted(pipeline):
    frame = pd.DataFrame({"id": ["a-1", "b-2"], "text": ["Call me on 202-555-0173, my bag is lost.", "ok"]},
                         index=[10, 20])
    scored = voc_engine.score(frame, pipeline=pipeline)  # the session's shipped models, loaded once
    assert list(scored.index) == [10, 20]
    assert list(scored["id"]) == ["a-1", "b-2"]
    assert scored.loc[10, "redacted_text"] == "Call me on [PHONE], my bag is lost."
    # It joins back onto the input by index.
    assert frame.join(scored[["redacted_text"]]).shape == (2, 3)


def test_a_frame_without_an_id_column_uses_its_index(pipeline):
    scored = voc_engine.score(pd.DataFrame({"comment": ["Great crew.", "Awful delay."]}, index=[5, 7]),
                              text_col="comment", pipeline=pipeline)
    assert list(scored["id"]) == [5, 7]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"text_col": "body"}, "no text column 'body'"),
    ({"id_col": "ref"}, "no id column 'ref'"),
])
def test_a_missing_column_is_named(pipeline, kwargs, message):
    with pytest.raises(ValueError, match=message):
        voc_engine.score(pd.DataFrame({"text": ["fine"]}), pipeline=pipeline, **kwargs)

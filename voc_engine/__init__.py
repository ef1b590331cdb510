"""voc-engine: text-analytics-first Voice-of-Customer engine.

    import voc_engine
    voc_engine.score(["The refund never came.", "Lovely staff!"])   # list of dicts
    voc_engine.score(frame, text_col="comment", id_col="id")          # DataFrame in, DataFrame out
    voc_engine.score(texts, pipeline=Pipeline.default())             # models loaded once, reused
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def score(data: Any, text_col: str = "text", id_col: str | None = "id", pipeline: Any = None):
    """Score comments with the shipped models, or with ``pipeline`` (a `Pipeline`, e.g. a
    runtime's: loading the models takes seconds, so pass one when scoring more than once).

    A list of strings gives a list of result dicts (the ``voc score`` line
    shape); a pandas DataFrame gives a DataFrame with one row per input row, on
    the input's index, its ``id`` from ``id_col`` (the index when the frame has
    no ``id`` column and ``id_col`` is left at its default).
    """
    if pipeline is None:
        from voc_engine.nlp.pipeline import Pipeline

        pipeline = Pipeline.default()
    if hasattr(data, "columns"):
        return pipeline.score_frame(data, text_col=text_col, id_col=id_col)
    return pipeline.score_texts(list(data))

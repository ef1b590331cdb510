"""voc-engine: text-analytics-first Voice-of-Customer engine.

    import voc_engine
    voc_engine.score(["The refund never came.", "Lovely staff!"])   # list of dicts
    voc_engine.score(frame, text_col="comment", id_col="id")          # DataFrame in, DataFrame out
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def score(data: Any, text_col: str = "text", id_col: str | None = "id"):
    """Score comments with the shipped models (loaded once per process).

    A list of strings gives a list of result dicts (the ``voc score`` line
    shape); a pandas DataFrame gives a DataFrame with one row per input row, on
    the input's index, its ``id`` from ``id_col`` (the index when the frame has
    no ``id`` column and ``id_col`` is left at its default).
    """
    from voc_engine.nlp.pipeline import default_pipeline

    pipeline = default_pipeline()
    if hasattr(data, "columns"):
        return pipeline.score_frame(data, text_col=text_col, id_col=id_col)
    return pipeline.score_texts(list(data))

"""Driver analysis over stored comments: tags as drivers of a KPI (``--from-store``)."""
from __future__ import annotations

import pandas as pd

from voc_engine.drivers.analysis import analyse_drivers
from voc_engine.drivers.frames import driver_frame_from_enrichments
from voc_engine.drivers.result import DriverAnalysisResult
from voc_engine.errors import VocError


def analyse_stored_drivers(comments: pd.DataFrame, kpi: str = "nps", min_mentions: int = 30,
                           controls: list[str] | None = None, bootstrap: int = 200,
                           seed: int = 0) -> DriverAnalysisResult:
    """Tag presence as 0/1 drivers of ``kpi`` over the comments that carry it.

    Performance comes from the tags' negative mentions (``T:negative``); tags
    with fewer than ``min_mentions`` mentions are left out as too rare.
    """
    if kpi not in comments.columns:
        raise VocError(f"the store has no KPI column {kpi!r}")
    rated = comments[comments[kpi].notna()].copy()
    rated[kpi] = rated[kpi].astype(float)
    if rated.empty:
        raise VocError(f"no stored comment has a {kpi} score")
    frame = driver_frame_from_enrichments(rated, min_mentions=min_mentions)
    drivers = [c for c in frame.columns if c not in rated.columns and not c.endswith(":negative")]
    if not drivers:
        raise VocError(f"no tag is mentioned {min_mentions}+ times among comments with a {kpi} score")
    for column in controls or []:
        frame[column] = frame[column].fillna("unknown")
    return analyse_drivers(frame, kpi, drivers, controls=controls or None, bootstrap=bootstrap, seed=seed)

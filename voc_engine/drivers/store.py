"""Driver analysis over stored comments: tags as drivers of a KPI (``--from-store``).

KPIs, one name per scale (the same names as `voc_engine.store.stats` and the control charts):

* ``nps_index`` – each respondent's NPS contribution (+100 promoter 9-10, 0 passive, −100
  detractor 0-6): its mean *is* the NPS, so lifts read in NPS points. ``nps`` is taken as this.
* ``ltr`` – the 0-10 likelihood-to-recommend answer itself (stored as ``scores.nps``).
* ``csat`` (1-5) and ``ces`` (1-7, lower is better).

With imported customers (``voc customers import``) the analysis reads their table too: each
comment gets its customer's ``contract_state``, and ``segment`` where the comment carries none,
so either can be a control (``--controls contract_state``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from voc_engine.drivers.analysis import analyse_drivers
from voc_engine.drivers.frames import driver_frame_from_enrichments
from voc_engine.drivers.result import DriverAnalysisResult
from voc_engine.drivers.scorecard import ScorecardResult, touchpoint_scorecard
from voc_engine.errors import VocError
from voc_engine.store.schemas import NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.filters import CommentFilter
    from voc_engine.store.repository import FeedbackStore

KPI_LABELS: dict[str, str] = {
    "nps_index": "NPS",
    "ltr": "likelihood to recommend (0-10)",
    "csat": "CSAT (1-5)",
    "ces": "customer effort (1-7)",
}
KPI_ALIASES: dict[str, str] = {"nps": "nps_index"}
LOWER_IS_BETTER: frozenset[str] = frozenset({"ces"})


def nps_contribution(answers: pd.Series) -> pd.Series:
    """+100 / 0 / −100 per 0-10 answer; the mean of these is the Net Promoter Score."""
    values = answers.astype(float)
    out = pd.Series(0.0, index=answers.index)
    out[values >= NPS_PROMOTER_MIN] = 100.0
    out[values <= NPS_DETRACTOR_MAX] = -100.0
    return out.where(values.notna())


def stored_kpi(comments: pd.DataFrame, kpi: str) -> tuple[str, pd.Series]:
    """The KPI's canonical name and its values per stored comment."""
    kpi = KPI_ALIASES.get(kpi, kpi)
    if kpi == "nps_index" and "nps" in comments.columns:
        return kpi, nps_contribution(comments["nps"])
    if kpi == "ltr" and "nps" in comments.columns:
        return kpi, comments["nps"]
    if kpi not in comments.columns:
        raise VocError(f"the store has no KPI {kpi!r} (known: {', '.join(KPI_LABELS)})")
    return kpi, comments[kpi]


def with_customer_table(comments: pd.DataFrame, customers: pd.DataFrame | None) -> pd.DataFrame:
    """The comments with their customers' CRM attributes (`voc_engine.customers.service.customer_table`):
    ``contract_state``, and ``segment`` where the comment has none (the comment's own segment is the
    one it was written in). Without a table (or an empty one) the comments as they are."""
    if customers is None or customers.empty:
        return comments
    crm = customers.set_index("customer_id")
    out = comments.copy()
    keys = out["customer_id"]
    out["contract_state"] = keys.map(crm["contract_state"])
    out["segment"] = out["segment"].where(out["segment"].notna(), keys.map(crm["segment"]))
    return out


def _driver_frame(comments: pd.DataFrame, kpi: str, min_mentions: int,
                  customers: pd.DataFrame | None = None) -> tuple[str, pd.DataFrame, list[str]]:
    """(the KPI's column, the comments that carry it with a 0/1 column per tag mentioned
    ``min_mentions``+ times and its ``T:negative`` companion, those tags)."""
    comments = with_customer_table(comments, customers)
    kpi, values = stored_kpi(comments, kpi)
    rated = comments.assign(**{kpi: values})
    rated = rated[rated[kpi].notna()].copy()
    rated[kpi] = rated[kpi].astype(float)
    if rated.empty:
        raise VocError(f"no stored comment has a {kpi} score")
    frame = driver_frame_from_enrichments(rated, min_mentions=min_mentions)
    drivers = [c for c in frame.columns if c not in rated.columns and not c.endswith(":negative")]
    if not drivers:
        raise VocError(f"no tag is mentioned {min_mentions}+ times among comments with a {kpi} score")
    return kpi, frame, drivers


def analyse_stored_drivers(comments: pd.DataFrame, kpi: str = "nps_index", min_mentions: int = 30,
                           controls: list[str] | None = None, bootstrap: int = 200,
                           seed: int = 0, customers: pd.DataFrame | None = None) -> DriverAnalysisResult:
    """Tag presence as 0/1 drivers of ``kpi`` over the comments that carry it.

    Performance comes from the tags' negative mentions (``T:negative``); tags
    with fewer than ``min_mentions`` mentions are left out as too rare.
    ``customers``: the imported customer table, whose attributes join the comments
    (`with_customer_table`).
    """
    kpi, frame, drivers = _driver_frame(comments, kpi, min_mentions, customers)
    for column in controls or []:
        if column not in frame.columns:
            raise VocError(f"no control {column!r} in the stored comments (contract_state needs imported customers)")
        frame[column] = frame[column].fillna("unknown")
    return analyse_drivers(
        frame, kpi, drivers, controls=controls or None, bootstrap=bootstrap, seed=seed,
        higher_is_better=kpi not in LOWER_IS_BETTER, kpi_label=KPI_LABELS.get(kpi, kpi),
    )


def stored_drivers(store: "FeedbackStore", filters: "CommentFilter", kpi: str = "nps_index", min_mentions: int = 30,
                   bootstrap: int = 200, controls: list[str] | None = None) -> DriverAnalysisResult:
    """`analyse_stored_drivers` over the stored comments matching `filters`, as `GET /v1/drivers`
    and the workspace run it; kept by the store while those comments do not change (an analysis
    with its bootstrap over 100,000 comments takes seconds; its seed is fixed, so it is the same)."""
    key = f"drivers:{filters!r}:{kpi}:{min_mentions}:{bootstrap}:{controls!r}"
    return store.kept_result(
        key, lambda: analyse_stored_drivers(store.read_frame(filters), kpi, min_mentions, controls, bootstrap))


def stored_scorecard(store: "FeedbackStore", filters: "CommentFilter", kpi: str = "nps_index",
                     min_mentions: int = 30) -> ScorecardResult:
    """The touchpoint scorecard (`touchpoint_scorecard`) of the stored comments matching `filters`:
    per touchpoint its volume, customers, mean KPI, share of negative comments and its effect on the
    KPI with the drivers (the tags of `stored_drivers`) held equal, and its top drivers. Comments
    without a touchpoint are left out. Kept by the store like `stored_drivers`."""
    def compute() -> ScorecardResult:
        kpi_column, frame, drivers = _driver_frame(store.read_frame(filters), kpi, min_mentions)
        frame = frame[frame["touchpoint"].notna()]
        return touchpoint_scorecard(frame, kpi_column, drivers, touchpoint="touchpoint", customer_id="customer_id")

    return store.kept_result(f"scorecard:{filters!r}:{kpi}:{min_mentions}", compute)


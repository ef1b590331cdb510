"""Tactical level: control charts over touchpoint metrics, with run rules and signals.

    from voc_engine.spc import period_series, charts_for_series, LaneyPChart

    series = period_series(comments, "negative_rate", by="touchpoint", period="week")
    for result in charts_for_series(series, rules="nelson", baseline=26):
        print(result.summary())
        alerts = result.signals()

Pictures: ``voc_engine.spc.plot`` (matplotlib, imported on demand).
"""
from voc_engine.spc.charts import (
    CHARTS,
    CChart,
    ControlChart,
    ControlChartResult,
    InsufficientDataError,
    LaneyPChart,
    LaneyUChart,
    PChart,
    SeriesError,
    SpcSignal,
    UChart,
    XbarSChart,
    XmRChart,
    make_chart,
)
from voc_engine.spc.monitor import all_signals, chart_set_to_dict, charts_for_comments, charts_for_series
from voc_engine.spc.rules import NELSON, WESTERN_ELECTRIC, resolve_rules
from voc_engine.spc.series import DEFAULT_CHART, METRICS, period_series

__all__ = [
    "CHARTS", "CChart", "ControlChart", "ControlChartResult", "InsufficientDataError", "LaneyPChart",
    "LaneyUChart", "PChart", "SeriesError", "SpcSignal", "UChart", "XbarSChart", "XmRChart", "make_chart",
    "all_signals", "chart_set_to_dict", "charts_for_comments", "charts_for_series", "NELSON",
    "WESTERN_ELECTRIC", "resolve_rules", "DEFAULT_CHART", "METRICS", "period_series",
]

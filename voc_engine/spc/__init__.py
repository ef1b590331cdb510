"""Tactical level: control charts over touchpoint metrics, with run rules and signals.

    from voc_engine.spc import period_series, charts_for_series, LaneyPChart

    series = period_series(comments, "negative_rate", by="touchpoint", period="week")
    for result in charts_for_series(series, rules="nelson", baseline=26):
        print(result.summary())
        alerts = result.signals()

Pictures: ``voc_engine.spc.plot`` (matplotlib, imported on demand).
"""
from voc_engine.lazy import lazy_exports

_EXPORTS = {
    "CHARTS": "voc_engine.spc.charts",
    "CChart": "voc_engine.spc.charts",
    "ControlChart": "voc_engine.spc.charts",
    "ControlChartResult": "voc_engine.spc.charts",
    "InsufficientDataError": "voc_engine.spc.charts",
    "LaneyPChart": "voc_engine.spc.charts",
    "LaneyUChart": "voc_engine.spc.charts",
    "PChart": "voc_engine.spc.charts",
    "SeriesError": "voc_engine.spc.charts",
    "SpcSignal": "voc_engine.spc.charts",
    "UChart": "voc_engine.spc.charts",
    "XbarSChart": "voc_engine.spc.charts",
    "XmRChart": "voc_engine.spc.charts",
    "make_chart": "voc_engine.spc.charts",
    "ChartSet": "voc_engine.spc.monitor",
    "charts_for_comments": "voc_engine.spc.monitor",
    "charts_for_series": "voc_engine.spc.monitor",
    "NELSON": "voc_engine.spc.rules",
    "WESTERN_ELECTRIC": "voc_engine.spc.rules",
    "resolve_rules": "voc_engine.spc.rules",
    "DEFAULT_CHART": "voc_engine.spc.series",
    "METRICS": "voc_engine.spc.series",
    "period_series": "voc_engine.spc.series",
}

__all__ = [
    "CHARTS", "CChart", "ControlChart", "ControlChartResult", "InsufficientDataError", "LaneyPChart",
    "LaneyUChart", "PChart", "SeriesError", "SpcSignal", "UChart", "XbarSChart", "XmRChart", "make_chart",
    "ChartSet", "charts_for_comments", "charts_for_series", "NELSON",
    "WESTERN_ELECTRIC", "resolve_rules", "DEFAULT_CHART", "METRICS", "period_series",
]


__getattr__ = lazy_exports(__name__, _EXPORTS)

"""Strategic level: which themes drive a KPI, what to fix first, what it is worth.

``analyse_drivers`` is the entry point (one :class:`DriverAnalysisResult`);
``driver_frame_from_enrichments`` turns enriched comments into driver columns;
``touchpoint_scorecard``, ``fit_churn_model`` and ``evaluate_action`` cover the
journey map, money and action plans.
"""
from voc_engine.lazy import lazy_exports

_EXPORTS = {
    "ActionEvaluation": "voc_engine.drivers.actions",
    "ActionPlan": "voc_engine.drivers.actions",
    "evaluate_action": "voc_engine.drivers.actions",
    "analyse_drivers": "voc_engine.drivers.analysis",
    "DriverDataError": "voc_engine.drivers.design",
    "driver_frame_from_enrichments": "voc_engine.drivers.frames",
    "ChurnValueModel": "voc_engine.drivers.money",
    "action_roi": "voc_engine.drivers.money",
    "fit_churn_model": "voc_engine.drivers.money",
    "NEGATIVE_SUFFIX": "voc_engine.drivers.prioritise",
    "DriverAnalysisResult": "voc_engine.drivers.result",
    "ScorecardResult": "voc_engine.drivers.scorecard",
    "touchpoint_scorecard": "voc_engine.drivers.scorecard",
}

__all__ = [
    "NEGATIVE_SUFFIX",
    "ActionEvaluation",
    "ActionPlan",
    "ChurnValueModel",
    "DriverAnalysisResult",
    "DriverDataError",
    "ScorecardResult",
    "action_roi",
    "analyse_drivers",
    "driver_frame_from_enrichments",
    "evaluate_action",
    "fit_churn_model",
    "touchpoint_scorecard",
]


__getattr__ = lazy_exports(__name__, _EXPORTS)

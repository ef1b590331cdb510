"""Strategic level: which themes drive a KPI, what to fix first, what it is worth.

``analyse_drivers`` is the entry point (one :class:`DriverAnalysisResult`);
``driver_frame_from_enrichments`` turns enriched comments into driver columns;
``touchpoint_scorecard``, ``fit_churn_model`` and ``evaluate_action`` cover the
journey map, money and action plans.
"""
from voc_engine.drivers.actions import ActionEvaluation, ActionPlan, evaluate_action
from voc_engine.drivers.analysis import analyse_drivers
from voc_engine.drivers.design import DriverDataError
from voc_engine.drivers.frames import driver_frame_from_enrichments
from voc_engine.drivers.money import ChurnValueModel, action_roi, fit_churn_model
from voc_engine.drivers.prioritise import NEGATIVE_SUFFIX
from voc_engine.drivers.result import DriverAnalysisResult
from voc_engine.drivers.scorecard import ScorecardResult, touchpoint_scorecard

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

"""The transactional level: alert rules, routing, cases with SLAs, webhooks that close the loop.

    from voc_engine.alerting import RuleSet, load_rules, CaseService, deliver_pending

Attributes are imported lazily so that importing the store (which registers these tables) stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Facts": "voc_engine.alerting.rules",
    "Rule": "voc_engine.alerting.rules",
    "RuleSet": "voc_engine.alerting.rules",
    "compile_condition": "voc_engine.alerting.rules",
    "load_rules": "voc_engine.alerting.rules",
    "parse_rules": "voc_engine.alerting.rules",
    "Routing": "voc_engine.alerting.routing",
    "load_routing": "voc_engine.alerting.routing",
    "parse_routing": "voc_engine.alerting.routing",
    "active_config": "voc_engine.alerting.config",
    "save_rules": "voc_engine.alerting.config",
    "save_routing": "voc_engine.alerting.config",
    "CaseService": "voc_engine.alerting.cases",
    "CasePatch": "voc_engine.alerting.cases",
    "CaseFilter": "voc_engine.alerting.cases",
    "Viewer": "voc_engine.alerting.users",
    "create_user": "voc_engine.alerting.users",
    "link_api_key": "voc_engine.alerting.users",
    "Deliverer": "voc_engine.alerting.notify",
    "DeliveryWorker": "voc_engine.alerting.notify",
    "deliver_pending": "voc_engine.alerting.notify",
    "sign_body": "voc_engine.alerting.notify",
    "WebhookReceiver": "voc_engine.alerting.receiver",
    "dry_run": "voc_engine.alerting.dryrun",
    "close_the_loop_report": "voc_engine.alerting.report",
    "run_close_the_loop_demo": "voc_engine.alerting.demo",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'voc_engine.alerting' has no attribute {name!r}")

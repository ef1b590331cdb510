"""The active alert rules and routing: the newest version saved in the store, else the files.

Every saved version is kept (table `alert_config`), with who saved it, and an audit entry.
Compiling happens once per distinct document (cached by content, so several stores in one
process never mix): at ingest, finding the active configuration costs one small query per batch.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Mapping

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from voc_engine.alerting.models import AlertConfig
from voc_engine.alerting.routing import Routing, load_routing, parse_routing
from voc_engine.alerting.rules import (
    DEFAULT_RULES_FILE,
    RuleSet,
    load_rules,
    parse_rules,
)
from voc_engine.alerting.settings import AlertSettings, get_alert_settings
from voc_engine.errors import ConfigError
from voc_engine.store.models import AuditEntry, utcnow

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore

KINDS = ("rules", "routing")


@dataclass(frozen=True)
class ActiveConfig:
    rules: RuleSet
    routing: Routing
    rules_version: int | None  # None: the file default
    routing_version: int | None


@dataclass(frozen=True)
class ConfigVersion:
    """One saved version (or the file default) as the API and CLI show it."""

    kind: str
    version: int | None
    created_at: datetime | None
    created_by: str | None
    document: Mapping[str, Any]
    text: str | None  # the YAML as written; None for routing (it may hold secrets)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "version": self.version,
            "source": "default" if self.version is None else "saved",
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "created_by": self.created_by,
            "document": dict(self.document),
            **({"yaml": self.text} if self.text is not None else {}),
        }


_cache: dict[tuple[str, int | None, str], Any] = {}
_cache_lock = threading.Lock()


def _default_file(kind: str, settings: AlertSettings):
    return settings.alert_rules_file if kind == "rules" else settings.routing_file


def _compiled(kind: str, body: str | None, settings: AlertSettings) -> Any:
    """The compiled document, cached by its content (the file default: by its path)."""
    if body is None:
        key = (kind, "file", str(_default_file(kind, settings)))
    else:
        key = (kind, "body", hashlib.sha256(body.encode()).hexdigest())
    found = _cache.get(key)
    if found is not None:
        return found
    if body is None:
        compiled = load_rules(settings.alert_rules_file) if kind == "rules" else load_routing(settings.routing_file)
    else:
        try:
            compiled = parse_rules(body) if kind == "rules" else parse_routing(body)
        except ConfigError as exc:
            raise ConfigError(
                f"the saved alert {kind} no longer validate ({exc}): save a corrected version "
                f"(PUT /v1/alerts/{kind} or `voc alerts {kind} set FILE`)"
            ) from exc
    with _cache_lock:
        if len(_cache) > 64:
            _cache.clear()
        _cache[key] = compiled
    return compiled


def _latest(session: Session) -> dict[str, AlertConfig]:
    newest = select(func.max(AlertConfig.id)).group_by(AlertConfig.kind)
    return {row.kind: row for row in session.scalars(select(AlertConfig).where(AlertConfig.id.in_(newest)))}


def active_config(session: Session, settings: AlertSettings | None = None) -> ActiveConfig:
    """The rules and routing in force, read in the caller's transaction (one small query)."""
    settings = settings or get_alert_settings()
    latest = _latest(session)
    parts = {kind: _compiled(kind, latest[kind].body if kind in latest else None, settings) for kind in KINDS}
    return ActiveConfig(
        parts["rules"],
        parts["routing"],
        latest["rules"].id if "rules" in latest else None,
        latest["routing"].id if "routing" in latest else None,
    )


def load_active_config(store: "FeedbackStore", settings: AlertSettings | None = None) -> ActiveConfig:
    with store.read_session() as session:
        return active_config(session, settings)


def current_version(store: "FeedbackStore", kind: str, settings: AlertSettings | None = None) -> ConfigVersion:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    settings = settings or get_alert_settings()
    with store.read_session() as session:
        row = _latest(session).get(kind)
    if row is None:
        compiled = _compiled(kind, None, settings)
        text = (
            (settings.alert_rules_file or DEFAULT_RULES_FILE).read_text(encoding="utf-8") if kind == "rules" else None
        )
        return ConfigVersion(kind, None, None, None, compiled.to_dict(), text)
    compiled = _compiled(kind, row.body, settings)
    return ConfigVersion(
        kind,
        row.id,
        row.created_at,
        row.created_by,
        compiled.to_dict(),
        row.body if kind == "rules" else None,
    )


def _as_text(source: str | Mapping[str, Any]) -> str:
    return source if isinstance(source, str) else yaml.safe_dump(dict(source), sort_keys=False, allow_unicode=True)


def save_rules(store: "FeedbackStore", source: str | Mapping[str, Any], actor: str) -> ConfigVersion:
    """Validate, then save as the new active rule set. Teams named by rules must exist in the routing."""
    rules = parse_rules(source)
    routing = load_active_config(store).routing
    _check_rule_teams(rules, routing)
    return _save(store, "rules", _as_text(source), actor, len(rules))


def save_routing(store: "FeedbackStore", source: str | Mapping[str, Any], actor: str) -> ConfigVersion:
    routing = parse_routing(source)
    _check_rule_teams(load_active_config(store).rules, routing)
    return _save(store, "routing", _as_text(source), actor, len(routing.teams))


def _check_rule_teams(rules: RuleSet, routing: Routing) -> None:
    for rule in rules.rules:
        if rule.team and rule.team not in routing.teams:
            raise ConfigError(f"rule {rule.id!r} sends cases to team {rule.team!r}, which the routing does not have")


def _save(store: "FeedbackStore", kind: str, text: str, actor: str, size: int) -> ConfigVersion:
    now = utcnow()
    with store.write_session() as session, session.begin():
        row = AlertConfig(kind=kind, body=text, created_at=now, created_by=actor[:100])
        session.add(row)
        session.flush()
        session.add(
            AuditEntry(
                at=now,
                actor=actor[:100],
                action=f"alerts.{kind}.set",
                target=f"alert_config:{row.id}",
                details={"items": size},
            )
        )
    return current_version(store, kind)

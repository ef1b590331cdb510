"""The active alert rules, routing and flag configuration: the newest version saved in the store,
else the files.

Every saved version is kept (table `alert_config`), with who saved it, and an audit entry.
Compiling happens once per distinct document and runtime (`AlertConfigs`, held by the runtime's
alerting extension): at ingest, finding the active configuration costs one small query per batch.

The flag configuration (kind ``flags``: phrase rules, severity and model use per flag) is read by
the scoring pipeline through :class:`StoreFlags` before each batch, and by the alert rules, whose
``severity: flag`` takes a case's severity from it.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Mapping

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
from voc_engine.config import AlertSettings
from voc_engine.errors import ConfigError
from voc_engine.nlp.flags import flag_digest, shipped_flags
from voc_engine.nlp.taxonomy import DEFAULT_FLAGS, FlagSet, load_flags, parse_flags
from voc_engine.store.hooks import session_extensions
from voc_engine.store.audit import record
from voc_engine.store.models import utcnow

if TYPE_CHECKING:  # pragma: no cover
    from voc_engine.store.repository import FeedbackStore

KINDS = ("rules", "routing", "flags")


@dataclass(frozen=True)
class ActiveConfig:
    rules: RuleSet  # with the flag configuration's severities
    routing: Routing
    rules_version: int | None  # None: the file default
    routing_version: int | None
    flags: FlagSet | None = None
    flags_version: int | None = None


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


def _default_file(kind: str, settings: AlertSettings):
    if kind == "flags":
        return DEFAULT_FLAGS
    return settings.alert_rules_file if kind == "rules" else settings.routing_file


def _parse(kind: str, body: str) -> Any:
    return parse_rules(body) if kind == "rules" else parse_routing(body) if kind == "routing" else parse_flags(body)


def _load_default(kind: str, settings: AlertSettings) -> Any:
    if kind == "flags":
        return load_flags()
    return load_rules(settings.alert_rules_file) if kind == "rules" else load_routing(settings.routing_file)


class AlertConfigs:
    """The compiled documents of one runtime (its alerting extension holds it), by content: each
    distinct saved version or default file is compiled once, so finding the active configuration
    at ingest costs one small query per batch."""

    SIZE = 64  # distinct documents kept; more means versions are saved faster than they matter

    def __init__(self, settings: AlertSettings | None = None):
        self.settings = settings or AlertSettings()
        self._compiled: dict[tuple[str, str, str], Any] = {}
        self._with_flags: dict[tuple[int, str], RuleSet] = {}
        self._lock = threading.Lock()

    def compiled(self, kind: str, body: str | None) -> Any:
        """The compiled document (the default file when ``body`` is None)."""
        if body is None:
            key = (kind, "file", str(_default_file(kind, self.settings)))
        else:
            key = (kind, "body", hashlib.sha256(body.encode()).hexdigest())
        found = self._compiled.get(key)
        if found is not None:
            return found
        if body is None:
            compiled = _load_default(kind, self.settings)
        else:
            try:
                compiled = _parse(kind, body)
            except ConfigError as exc:
                raise ConfigError(
                    f"the saved alert {kind} no longer validate ({exc}): save a corrected version "
                    f"(PUT /v1/alerts/{kind} or `voc alerts {kind} set FILE`)"
                ) from exc
        with self._lock:
            if len(self._compiled) >= self.SIZE:
                self._compiled.clear()
            self._compiled[key] = compiled
        return compiled

    def rules_with_flags(self, rules: RuleSet, flags: FlagSet) -> RuleSet:
        """The rules reading the flag configuration's severities (built once per pair)."""
        key = (id(rules), flag_digest(flags))
        found = self._with_flags.get(key)
        if found is None or found.rules is not rules.rules:
            found = rules.with_flag_severity({f.name: f.severity for f in flags.flags})
            with self._lock:
                if len(self._with_flags) >= self.SIZE:
                    self._with_flags.clear()
                self._with_flags[key] = found
        return found

    def active(self, session: Session) -> ActiveConfig:
        """The rules, routing and flags in force, read in the caller's transaction (one small query)."""
        latest = _latest(session)
        parts = {kind: self.compiled(kind, latest[kind].body if kind in latest else None) for kind in KINDS}
        return ActiveConfig(
            self.rules_with_flags(parts["rules"], parts["flags"]),
            parts["routing"],
            latest["rules"].id if "rules" in latest else None,
            latest["routing"].id if "routing" in latest else None,
            parts["flags"],
            latest["flags"].id if "flags" in latest else None,
        )


def alert_configs(store: "FeedbackStore") -> AlertConfigs:
    """The compiled configurations of the store's runtime (its alerting extension's), or, for a
    store built without that extension, a fresh set over the store's settings."""
    extension = store.extensions.get("alerting")
    return extension.configs if extension is not None else AlertConfigs(store.settings.alerting)


def session_configs(session: Session) -> AlertConfigs:
    """`alert_configs` for code that has only a session of the store."""
    extensions = session_extensions(session)
    extension = extensions.get("alerting") if extensions is not None else None
    return extension.configs if extension is not None else AlertConfigs()


_NEWEST = select(AlertConfig).where(AlertConfig.id.in_(select(func.max(AlertConfig.id)).group_by(AlertConfig.kind)))


def _latest(session: Session) -> dict[str, AlertConfig]:
    return {row.kind: row for row in session.scalars(_NEWEST)}


def active_config(session: Session, configs: AlertConfigs | None = None) -> ActiveConfig:
    """The rules, routing and flags in force, read in the caller's transaction (one small query)."""
    return (configs or session_configs(session)).active(session)


def load_active_config(store: "FeedbackStore") -> ActiveConfig:
    with store.read_session() as session:
        return alert_configs(store).active(session)


def current_version(store: "FeedbackStore", kind: str) -> ConfigVersion:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    configs = alert_configs(store)
    settings = configs.settings
    with store.read_session() as session:
        row = _latest(session).get(kind)
    if row is None:
        compiled = configs.compiled(kind, None)
        text = None
        if kind == "rules":
            text = (settings.alert_rules_file or DEFAULT_RULES_FILE).read_text(encoding="utf-8")
        elif kind == "flags":
            text = DEFAULT_FLAGS.read_text(encoding="utf-8")
        return ConfigVersion(kind, None, None, None, _document_of(compiled), text)
    compiled = configs.compiled(kind, row.body)
    return ConfigVersion(
        kind,
        row.id,
        row.created_at,
        row.created_by,
        _document_of(compiled),
        row.body if kind in ("rules", "flags") else None,
    )


def _document_of(compiled: Any) -> dict[str, Any]:
    return compiled.model_dump(mode="json") if isinstance(compiled, FlagSet) else compiled.to_dict()


def _as_text(source: str | Mapping[str, Any]) -> str:
    return source if isinstance(source, str) else yaml.safe_dump(dict(source), sort_keys=False, allow_unicode=True)


def validate_rules(store: "FeedbackStore", source: str | Mapping[str, Any]) -> RuleSet:
    """The rule document compiled and checked as `save_rules` checks it (teams named by rules must
    exist in the active routing); nothing is saved. ConfigError names the first problem's path."""
    rules = parse_rules(source)
    _check_rule_teams(rules, load_active_config(store).routing)
    return rules


def save_rules(store: "FeedbackStore", source: str | Mapping[str, Any], actor: str) -> ConfigVersion:
    """Validate (`validate_rules`), then save as the new active rule set."""
    rules = validate_rules(store, source)
    return _save(store, "rules", _as_text(source), actor, len(rules))


def save_routing(store: "FeedbackStore", source: str | Mapping[str, Any], actor: str) -> ConfigVersion:
    routing = parse_routing(source)
    _check_rule_teams(load_active_config(store).rules, routing)
    return _save(store, "routing", _as_text(source), actor, len(routing.teams))


def save_flags(store: "FeedbackStore", source: str | Mapping[str, Any], actor: str) -> ConfigVersion:
    """Validate, then save as the new flag configuration: the next scored batch applies it."""
    flags = parse_flags(source)
    return _save(store, "flags", _as_text(source), actor, len(flags.flags))


def active_flags(store: "FeedbackStore") -> tuple[int | None, FlagSet]:
    """The saved flag configuration in force (its version id), or the shipped one (None)."""
    with store.read_session() as session:
        row = _latest(session).get("flags")
    return (row.id, alert_configs(store).compiled("flags", row.body)) if row is not None else (None, load_flags())


class StoreFlags:
    """The flag source of a pipeline that scores for this store (``voc_engine.nlp.flags``): the
    newest saved version, else the shipped file. Each call costs one indexed query for the newest
    version's id; the document is read and compiled again only when that id changes."""

    def __init__(self, store: "FeedbackStore | None" = None, *, resolve: "Callable[[], FeedbackStore] | None" = None):
        if (store is None) == (resolve is None):
            raise ValueError("give a store or a function that finds one")
        self._store = store
        self._resolve = resolve
        self._lock = threading.Lock()
        self._seen: tuple[int | None, str, FlagSet] | None = None

    @property
    def store(self) -> "FeedbackStore":
        """The store (found on first use when given as a function: the service's, at its first batch)."""
        if self._store is None:
            self._store = self._resolve()
        return self._store

    def current(self) -> tuple[str, FlagSet]:
        newest = select(func.max(AlertConfig.id)).where(AlertConfig.kind == "flags")
        with self.store.read_session() as session:
            version = session.scalar(newest)
            seen = self._seen
            if seen is None or seen[0] != version:
                body = session.scalar(select(AlertConfig.body).where(AlertConfig.id == version)) if version else None
                flag_set = alert_configs(self.store).compiled("flags", body) if body is not None else shipped_flags().flag_set
                # Named by content: two stores (or versions) with the same document share it.
                seen = (version, f"flags:{flag_digest(flag_set)}", flag_set)
                with self._lock:
                    self._seen = seen
        return seen[1], seen[2]


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
        record(session, actor, f"alerts.{kind}.set", f"alert_config:{row.id}", {"items": size}, at=now)
    return current_version(store, kind)
